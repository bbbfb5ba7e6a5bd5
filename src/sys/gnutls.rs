//! GnuTLS (3.6.13 or later; Debian 12 ships 3.7.9), declared by hand, and the small safe
//! wrappers `crate::tls` is built from.
//!
//! Every `unsafe` block of the HTTPS code is in this file. The raw declarations are in the
//! private `raw` module; outside it each GnuTLS object is owned by one Rust value that frees
//! it exactly once on drop, and everything GnuTLS keeps a pointer to (credentials, priority
//! cache, DH parameters, the PSK lookup) is kept alive by the value that handed it over.
//!
//! Return codes stay GnuTLS's own negative `c_int`s here; `crate::tls` turns them into
//! messages with [`strerror`].

use std::cell::Cell;
use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
use std::os::fd::RawFd;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::{self, NonNull};
use std::sync::Arc;

// ---- constants (gnutls/gnutls.h) ------------------------------------------------------

pub const E_SUCCESS: c_int = 0;
pub const E_FATAL_ALERT_RECEIVED: c_int = -12;
pub const E_WARNING_ALERT_RECEIVED: c_int = -16;
pub const E_AGAIN: c_int = -28;
pub const E_REHANDSHAKE: c_int = -37;
pub const E_INVALID_REQUEST: c_int = -50;
pub const E_INTERRUPTED: c_int = -52;
pub const E_PUSH_ERROR: c_int = -53;
pub const E_PULL_ERROR: c_int = -54;
pub const E_PREMATURE_TERMINATION: c_int = -110;

/// `gnutls_init` flags.
pub const INIT_SERVER: c_uint = 1;
#[cfg(test)]
pub const INIT_CLIENT: c_uint = 1 << 1;
pub const INIT_NONBLOCK: c_uint = 1 << 3;
/// Sends with `MSG_NOSIGNAL`: a library inside a C program cannot assume SIGPIPE is ignored.
pub const INIT_NO_SIGNAL: c_uint = 1 << 6;

/// `gnutls_credentials_type_t`.
pub const CRD_CERTIFICATE: c_int = 1;
pub const CRD_PSK: c_int = 4;

const X509_FMT_PEM: c_int = 1;
#[cfg(test)]
const X509_FMT_DER: c_int = 0;

/// `gnutls_close_request_t`.
pub const SHUT_WR: c_int = 1;
/// `gnutls_certificate_request_t`.
pub const CERT_REQUEST: c_int = 1;
/// `gnutls_alert_level_t` and `gnutls_alert_description_t`.
pub const AL_WARNING: c_int = 1;
pub const A_NO_RENEGOTIATION: c_int = 100;
pub const A_CLOSE_NOTIFY: c_int = 0;

/// `gnutls_record_get_direction`: the interrupted call was writing.
pub const DIRECTION_WRITE: c_int = 1;

mod raw {
    use std::ffi::{c_char, c_int, c_uint, c_void};

    /// `gnutls_datum_t`.
    #[repr(C)]
    pub struct Datum {
        pub data: *mut u8,
        pub size: c_uint,
    }

    /// `gnutls_psk_server_credentials_function2`.
    pub type PskServerFn2 =
        extern "C" fn(session: *mut c_void, username: *const Datum, key: *mut Datum) -> c_int;

    // Linked through build.rs (pkg-config gnutls). Handles (`gnutls_session_t`,
    // `gnutls_certificate_credentials_t`, ...) are opaque pointers; enums are C ints.
    extern "C" {
        pub static gnutls_malloc: Option<unsafe extern "C" fn(usize) -> *mut c_void>;
        #[cfg(test)]
        pub static gnutls_free: Option<unsafe extern "C" fn(*mut c_void)>;

        pub fn gnutls_check_version(req: *const c_char) -> *const c_char;
        pub fn gnutls_strerror(error: c_int) -> *const c_char;
        pub fn gnutls_error_is_fatal(error: c_int) -> c_int;
        pub fn gnutls_alert_get_name(alert: c_int) -> *const c_char;

        pub fn gnutls_certificate_allocate_credentials(res: *mut *mut c_void) -> c_int;
        pub fn gnutls_certificate_free_credentials(sc: *mut c_void);
        pub fn gnutls_certificate_set_x509_key_mem2(
            res: *mut c_void,
            cert: *const Datum,
            key: *const Datum,
            format: c_int,
            pass: *const c_char,
            flags: c_uint,
        ) -> c_int;
        pub fn gnutls_certificate_set_x509_trust_mem(
            res: *mut c_void,
            ca: *const Datum,
            format: c_int,
        ) -> c_int;
        pub fn gnutls_certificate_set_dh_params(res: *mut c_void, dh_params: *mut c_void);
        // The callbacks are the application's C functions, passed through untouched; a
        // function pointer and a data pointer have one representation on the platforms
        // this library targets.
        pub fn gnutls_certificate_set_retrieve_function2(cred: *mut c_void, func: *const c_void);
        pub fn gnutls_certificate_set_retrieve_function3(cred: *mut c_void, func: *const c_void);

        pub fn gnutls_dh_params_init(dh_params: *mut *mut c_void) -> c_int;
        pub fn gnutls_dh_params_deinit(dh_params: *mut c_void);
        pub fn gnutls_dh_params_import_pkcs3(
            params: *mut c_void,
            pkcs3_params: *const Datum,
            format: c_int,
        ) -> c_int;

        pub fn gnutls_psk_allocate_server_credentials(sc: *mut *mut c_void) -> c_int;
        pub fn gnutls_psk_free_server_credentials(sc: *mut c_void);
        pub fn gnutls_psk_set_server_credentials_function2(cred: *mut c_void, func: PskServerFn2);

        pub fn gnutls_priority_init(
            priority_cache: *mut *mut c_void,
            priorities: *const c_char,
            err_pos: *mut *const c_char,
        ) -> c_int;
        pub fn gnutls_priority_deinit(priority_cache: *mut c_void);
        pub fn gnutls_priority_set(session: *mut c_void, priority: *mut c_void) -> c_int;

        pub fn gnutls_init(session: *mut *mut c_void, flags: c_uint) -> c_int;
        pub fn gnutls_deinit(session: *mut c_void);
        pub fn gnutls_credentials_set(
            session: *mut c_void,
            kind: c_int,
            cred: *mut c_void,
        ) -> c_int;
        pub fn gnutls_transport_set_int2(session: *mut c_void, r: c_int, s: c_int);
        pub fn gnutls_alpn_set_protocols(
            session: *mut c_void,
            protocols: *const Datum,
            protocols_size: c_uint,
            flags: c_uint,
        ) -> c_int;
        pub fn gnutls_alpn_get_selected_protocol(
            session: *mut c_void,
            protocol: *mut Datum,
        ) -> c_int;
        pub fn gnutls_certificate_server_set_request(session: *mut c_void, req: c_int);
        pub fn gnutls_handshake_set_timeout(session: *mut c_void, ms: c_uint);
        pub fn gnutls_session_set_ptr(session: *mut c_void, ptr: *mut c_void);
        pub fn gnutls_session_get_ptr(session: *mut c_void) -> *mut c_void;

        pub fn gnutls_handshake(session: *mut c_void) -> c_int;
        pub fn gnutls_record_recv(session: *mut c_void, data: *mut c_void, size: usize) -> isize;
        pub fn gnutls_record_send(session: *mut c_void, data: *const c_void, size: usize) -> isize;
        pub fn gnutls_record_get_direction(session: *mut c_void) -> c_int;
        pub fn gnutls_record_check_pending(session: *mut c_void) -> usize;
        pub fn gnutls_bye(session: *mut c_void, how: c_int) -> c_int;
        pub fn gnutls_alert_send(session: *mut c_void, level: c_int, desc: c_int) -> c_int;
        pub fn gnutls_alert_get(session: *mut c_void) -> c_int;

        pub fn gnutls_cipher_get(session: *mut c_void) -> c_int;
        pub fn gnutls_protocol_get_version(session: *mut c_void) -> c_int;
        pub fn gnutls_certificate_get_peers(
            session: *mut c_void,
            list_size: *mut c_uint,
        ) -> *const Datum;
    }
}

// ---- errors and library information ---------------------------------------------------

/// Copies a NUL-terminated string GnuTLS returned (static storage) into a `String`.
fn static_str(p: *const c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: GnuTLS returns pointers to NUL-terminated strings in static storage.
    Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// `gnutls_strerror`: GnuTLS's text for a (negative) return code.
pub fn strerror(code: c_int) -> String {
    // SAFETY: takes no pointers; returns a static string (or NULL for unknown codes).
    static_str(unsafe { raw::gnutls_strerror(code) })
        .unwrap_or_else(|| format!("GnuTLS error {code}"))
}

/// `gnutls_error_is_fatal`.
pub fn error_is_fatal(code: c_int) -> bool {
    // SAFETY: takes no pointers.
    unsafe { raw::gnutls_error_is_fatal(code) != 0 }
}

/// `gnutls_alert_get_name`.
pub fn alert_name(alert: c_int) -> String {
    // SAFETY: takes no pointers; returns a static string or NULL.
    static_str(unsafe { raw::gnutls_alert_get_name(alert) })
        .unwrap_or_else(|| format!("alert {alert}"))
}

/// `gnutls_check_version`: the running library's version if it is at least `required`.
pub fn check_version(required: &CStr) -> Option<String> {
    // SAFETY: `required` is NUL-terminated and outlives the call; the result is static.
    static_str(unsafe { raw::gnutls_check_version(required.as_ptr()) })
}

/// The running library's version string.
pub fn version() -> String {
    // SAFETY: a NULL requirement asks for the version without checking it.
    static_str(unsafe { raw::gnutls_check_version(ptr::null()) }).unwrap_or_default()
}

/// A borrowed `gnutls_datum_t` over `bytes`, for calls that only read it.
fn datum(bytes: &[u8]) -> Result<raw::Datum, c_int> {
    let size = c_uint::try_from(bytes.len()).map_err(|_| E_INVALID_REQUEST)?;
    Ok(raw::Datum {
        data: bytes.as_ptr().cast_mut(),
        size,
    })
}

/// Maps a GnuTLS `int` result to `Ok(value)` when non-negative.
fn check(rc: c_int) -> Result<c_int, c_int> {
    if rc < 0 {
        Err(rc)
    } else {
        Ok(rc)
    }
}

// ---- certificate credentials ----------------------------------------------------------

/// DH parameters (`gnutls_dh_params_t`) for the finite-field DHE suites.
pub struct DhParams {
    ptr: NonNull<c_void>,
}

// SAFETY: the parameters are immutable once imported; GnuTLS only reads them, from any
// thread, while sessions negotiate.
unsafe impl Send for DhParams {}
// SAFETY: as above, shared read-only use is what GnuTLS does with them.
unsafe impl Sync for DhParams {}

impl DhParams {
    /// Imports PKCS#3 parameters in PEM form ("BEGIN DH PARAMETERS").
    pub fn from_pkcs3_pem(pem: &[u8]) -> Result<Self, c_int> {
        let d = datum(pem)?;
        let mut p = ptr::null_mut();
        // SAFETY: passes a pointer to a live local for the new handle.
        check(unsafe { raw::gnutls_dh_params_init(&mut p) })?;
        let params = DhParams {
            ptr: NonNull::new(p).ok_or(E_INVALID_REQUEST)?,
        };
        // SAFETY: `params` is a live handle; `d` points into `pem`, alive for the call.
        check(unsafe {
            raw::gnutls_dh_params_import_pkcs3(params.ptr.as_ptr(), &d, X509_FMT_PEM)
        })?;
        Ok(params)
    }
}

impl Drop for DhParams {
    fn drop(&mut self) {
        // SAFETY: the handle came from gnutls_dh_params_init and is freed only here.
        unsafe { raw::gnutls_dh_params_deinit(self.ptr.as_ptr()) }
    }
}

/// Which GnuTLS callback type an application's certificate-retrieval function has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetrieveKind {
    /// `gnutls_certificate_retrieve_function2` (MHD_OPTION_HTTPS_CERT_CALLBACK).
    Function2,
    /// `gnutls_certificate_retrieve_function3` (MHD_OPTION_HTTPS_CERT_CALLBACK2).
    Function3,
}

/// An application's C certificate-retrieval callback, handed to GnuTLS untouched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetrieveFunction {
    func: usize,
    kind: RetrieveKind,
}

impl RetrieveFunction {
    /// Wraps a C function pointer; `None` for NULL.
    ///
    /// # Safety
    /// `func` must point to a C function of the GnuTLS callback type `kind` names, callable
    /// from any thread for as long as any credentials it is installed into exist.
    pub unsafe fn from_raw(func: *const c_void, kind: RetrieveKind) -> Option<Self> {
        if func.is_null() {
            None
        } else {
            Some(RetrieveFunction {
                func: func as usize,
                kind,
            })
        }
    }

    pub fn kind(&self) -> RetrieveKind {
        self.kind
    }

    pub fn as_raw(&self) -> *const c_void {
        self.func as *const c_void
    }
}

/// `gnutls_certificate_credentials_t`: key and certificate, trust list, DH parameters.
pub struct CertCredentials {
    ptr: NonNull<c_void>,
    /// GnuTLS keeps only a pointer to these: they must outlive the credentials (dropped
    /// after `Drop::drop` has freed the credentials).
    dh: Option<DhParams>,
}

// SAFETY: GnuTLS credentials are shareable between sessions on any thread once set up;
// every mutating wrapper below takes `&mut self`, so set-up happens before sharing (Arc).
unsafe impl Send for CertCredentials {}
// SAFETY: as above; sessions only read the credentials.
unsafe impl Sync for CertCredentials {}

impl CertCredentials {
    pub fn new() -> Result<Self, c_int> {
        let mut p = ptr::null_mut();
        // SAFETY: passes a pointer to a live local for the new handle.
        check(unsafe { raw::gnutls_certificate_allocate_credentials(&mut p) })?;
        Ok(CertCredentials {
            ptr: NonNull::new(p).ok_or(E_INVALID_REQUEST)?,
            dh: None,
        })
    }

    /// `gnutls_certificate_set_x509_key_mem2` with PEM data: the certificate (chain) and
    /// its private key, decrypted with `password` when given (PKCS#8).
    pub fn set_x509_key_mem(
        &mut self,
        cert_pem: &[u8],
        key_pem: &[u8],
        password: Option<&CStr>,
    ) -> Result<(), c_int> {
        let cert = datum(cert_pem)?;
        let key = datum(key_pem)?;
        let pass = password.map_or(ptr::null(), CStr::as_ptr);
        // SAFETY: live handle; both datums point into live slices and the password is
        // NUL-terminated (or NULL); GnuTLS copies what it keeps.
        check(unsafe {
            raw::gnutls_certificate_set_x509_key_mem2(
                self.ptr.as_ptr(),
                &cert,
                &key,
                X509_FMT_PEM,
                pass,
                0,
            )
        })?;
        Ok(())
    }

    /// `gnutls_certificate_set_x509_trust_mem` (PEM): returns how many CAs were added.
    pub fn set_x509_trust_mem(&mut self, pem: &[u8]) -> Result<u32, c_int> {
        let ca = datum(pem)?;
        // SAFETY: live handle; the datum points into a live slice; GnuTLS copies it.
        let n = check(unsafe {
            raw::gnutls_certificate_set_x509_trust_mem(self.ptr.as_ptr(), &ca, X509_FMT_PEM)
        })?;
        Ok(n as u32)
    }

    /// `gnutls_certificate_set_dh_params`; the parameters are owned from now on.
    pub fn set_dh_params(&mut self, params: DhParams) {
        // SAFETY: both handles are live; `params` is stored in `self` right after, so it
        // outlives the credentials' pointer to it (see the field's comment).
        unsafe { raw::gnutls_certificate_set_dh_params(self.ptr.as_ptr(), params.ptr.as_ptr()) };
        self.dh = Some(params);
    }

    /// `gnutls_certificate_set_retrieve_function2` / `_function3`.
    pub fn set_retrieve_function(&mut self, f: RetrieveFunction) {
        // SAFETY: live handle; `RetrieveFunction::from_raw`'s contract makes `f` a
        // callback of the declared type.
        unsafe {
            match f.kind {
                RetrieveKind::Function2 => {
                    raw::gnutls_certificate_set_retrieve_function2(self.ptr.as_ptr(), f.as_raw())
                }
                RetrieveKind::Function3 => {
                    raw::gnutls_certificate_set_retrieve_function3(self.ptr.as_ptr(), f.as_raw())
                }
            }
        }
    }
}

impl Drop for CertCredentials {
    fn drop(&mut self) {
        // SAFETY: allocated in `new`, freed only here; every session using it holds an Arc
        // to it (see `Session`), so none is left pointing at it.
        unsafe { raw::gnutls_certificate_free_credentials(self.ptr.as_ptr()) }
    }
}

// ---- PSK credentials --------------------------------------------------------------------

/// The Rust side of a server PSK lookup: (the session's user pointer, as set with
/// [`Session::set_user_ptr`]; the username) -> the key.
pub type PskLookup = dyn Fn(usize, &[u8]) -> Option<Vec<u8>> + Send + Sync;

thread_local! {
    /// The lookup of the session whose handshake runs on this thread. GnuTLS's PSK callback
    /// has no user pointer of its own and the session's is left to the application, so
    /// [`Session::handshake`] installs the lookup here for the duration of the call (the
    /// callback only ever runs inside `gnutls_handshake`).
    static PSK_LOOKUP: Cell<Option<*const PskLookup>> = const { Cell::new(None) };
}

/// Restores the previous thread-local lookup when a handshake call returns.
struct PskScope(Option<*const PskLookup>);

impl PskScope {
    fn enter(lookup: &Arc<PskLookup>) -> Self {
        PskScope(PSK_LOOKUP.with(|c| c.replace(Some(Arc::as_ptr(lookup)))))
    }
}

impl Drop for PskScope {
    fn drop(&mut self) {
        PSK_LOOKUP.with(|c| c.set(self.0));
    }
}

extern "C" fn psk_server_callback(
    session: *mut c_void,
    username: *const raw::Datum,
    key: *mut raw::Datum,
) -> c_int {
    let Some(lookup) = PSK_LOOKUP.with(Cell::get) else {
        return -1;
    };
    let user: &[u8] = if username.is_null() {
        &[]
    } else {
        // SAFETY: GnuTLS passes a valid datum for the duration of the callback.
        let d = unsafe { &*username };
        if d.data.is_null() || d.size == 0 {
            &[]
        } else {
            // SAFETY: the datum describes `size` readable bytes at `data`.
            unsafe { std::slice::from_raw_parts(d.data, d.size as usize) }
        }
    };
    // SAFETY: `session` is the live session whose handshake invoked us.
    let user_ptr = unsafe { raw::gnutls_session_get_ptr(session) } as usize;
    // SAFETY: the pointer was installed by a PskScope whose Session holds the Arc for
    // longer than the handshake call that is running this callback.
    let lookup = unsafe { &*lookup };
    let found = catch_unwind(AssertUnwindSafe(|| lookup(user_ptr, user)));
    let Ok(Some(psk)) = found else {
        return -1;
    };
    let Ok(size) = c_uint::try_from(psk.len()) else {
        return -1;
    };
    // SAFETY: reading an initialised exported variable of the library.
    let Some(malloc) = (unsafe { raw::gnutls_malloc }) else {
        return -1;
    };
    // SAFETY: GnuTLS frees the key with gnutls_free, so it must come from gnutls_malloc.
    let data = unsafe { malloc(psk.len().max(1)) }.cast::<u8>();
    if data.is_null() || key.is_null() {
        return -1;
    }
    // SAFETY: `data` has room for `psk.len()` bytes; `key` is GnuTLS's out-parameter.
    unsafe {
        ptr::copy_nonoverlapping(psk.as_ptr(), data, psk.len());
        (*key).data = data;
        (*key).size = size;
    }
    0
}

/// `gnutls_psk_server_credentials_t` whose key lookup is a Rust closure.
pub struct PskServerCredentials {
    ptr: NonNull<c_void>,
    lookup: Arc<PskLookup>,
}

// SAFETY: set up completely in `new`; afterwards GnuTLS only reads it; the lookup is
// Send + Sync.
unsafe impl Send for PskServerCredentials {}
// SAFETY: as above.
unsafe impl Sync for PskServerCredentials {}

impl PskServerCredentials {
    pub fn new(lookup: Arc<PskLookup>) -> Result<Self, c_int> {
        let mut p = ptr::null_mut();
        // SAFETY: passes a pointer to a live local for the new handle.
        check(unsafe { raw::gnutls_psk_allocate_server_credentials(&mut p) })?;
        let cred = PskServerCredentials {
            ptr: NonNull::new(p).ok_or(E_INVALID_REQUEST)?,
            lookup,
        };
        // SAFETY: live handle; the callback has the declared signature and never unwinds.
        unsafe {
            raw::gnutls_psk_set_server_credentials_function2(cred.ptr.as_ptr(), psk_server_callback)
        };
        Ok(cred)
    }
}

impl Drop for PskServerCredentials {
    fn drop(&mut self) {
        // SAFETY: allocated in `new`, freed only here; sessions using it hold an Arc.
        unsafe { raw::gnutls_psk_free_server_credentials(self.ptr.as_ptr()) }
    }
}

// ---- priorities ----------------------------------------------------------------------

/// A parsed priority string (`gnutls_priority_t`), shared by all sessions of a daemon.
pub struct Priority {
    ptr: NonNull<c_void>,
}

// SAFETY: a priority cache is immutable after `gnutls_priority_init`; sessions only read it.
unsafe impl Send for Priority {}
// SAFETY: as above.
unsafe impl Sync for Priority {}

impl Priority {
    /// `gnutls_priority_init`; on a syntax error also returns the byte offset GnuTLS
    /// reported it at.
    pub fn new(priorities: &CStr) -> Result<Self, (c_int, Option<usize>)> {
        let mut p = ptr::null_mut();
        let mut err_pos: *const c_char = ptr::null();
        // SAFETY: the string is NUL-terminated and outlives the call; both out-pointers
        // point to live locals.
        let rc = unsafe { raw::gnutls_priority_init(&mut p, priorities.as_ptr(), &mut err_pos) };
        if rc < 0 {
            let start = priorities.as_ptr() as usize;
            let at = (!err_pos.is_null())
                .then(|| (err_pos as usize).wrapping_sub(start))
                .filter(|&off| off <= priorities.to_bytes().len());
            return Err((rc, at));
        }
        Ok(Priority {
            ptr: NonNull::new(p).ok_or((E_INVALID_REQUEST, None))?,
        })
    }
}

impl Drop for Priority {
    fn drop(&mut self) {
        // SAFETY: created in `new`, freed only here; sessions using it hold an Arc.
        unsafe { raw::gnutls_priority_deinit(self.ptr.as_ptr()) }
    }
}

// ---- sessions --------------------------------------------------------------------------

/// One `gnutls_session_t`. Holds an `Arc` to everything it was given a pointer to.
pub struct Session {
    ptr: NonNull<c_void>,
    priority: Option<Arc<Priority>>,
    cert: Option<Arc<CertCredentials>>,
    psk: Option<Arc<PskServerCredentials>>,
    #[cfg(test)]
    psk_client: Option<Arc<testing::PskClientCredentials>>,
}

// SAFETY: a GnuTLS session may move between threads; it is not used from two threads at
// once because every operation takes `&mut self` or `&self` of a non-Sync value.
unsafe impl Send for Session {}

impl Session {
    /// `gnutls_init` with `flags` (`INIT_*`).
    pub fn new(flags: c_uint) -> Result<Self, c_int> {
        let mut p = ptr::null_mut();
        // SAFETY: passes a pointer to a live local for the new handle.
        check(unsafe { raw::gnutls_init(&mut p, flags) })?;
        Ok(Session {
            ptr: NonNull::new(p).ok_or(E_INVALID_REQUEST)?,
            priority: None,
            cert: None,
            psk: None,
            #[cfg(test)]
            psk_client: None,
        })
    }

    /// The real `gnutls_session_t`, for applications (MHD_CONNECTION_INFO_GNUTLS_SESSION).
    pub fn as_raw(&self) -> *mut c_void {
        self.ptr.as_ptr()
    }

    pub fn set_priority(&mut self, priority: &Arc<Priority>) -> Result<(), c_int> {
        // SAFETY: both handles are live; the Arc stored below keeps the cache alive.
        check(unsafe { raw::gnutls_priority_set(self.ptr.as_ptr(), priority.ptr.as_ptr()) })?;
        self.priority = Some(Arc::clone(priority));
        Ok(())
    }

    pub fn set_certificate_credentials(
        &mut self,
        cred: &Arc<CertCredentials>,
    ) -> Result<(), c_int> {
        // SAFETY: both handles are live; the Arc stored below keeps the credentials alive.
        check(unsafe {
            raw::gnutls_credentials_set(self.ptr.as_ptr(), CRD_CERTIFICATE, cred.ptr.as_ptr())
        })?;
        self.cert = Some(Arc::clone(cred));
        Ok(())
    }

    pub fn set_psk_server_credentials(
        &mut self,
        cred: &Arc<PskServerCredentials>,
    ) -> Result<(), c_int> {
        // SAFETY: both handles are live; the Arc stored below keeps the credentials alive.
        check(unsafe {
            raw::gnutls_credentials_set(self.ptr.as_ptr(), CRD_PSK, cred.ptr.as_ptr())
        })?;
        self.psk = Some(Arc::clone(cred));
        Ok(())
    }

    /// `gnutls_transport_set_int2(fd, fd)`: GnuTLS's own recv/sendmsg on the descriptor,
    /// which stays the caller's (never closed here).
    pub fn set_transport_fd(&mut self, fd: RawFd) {
        // SAFETY: live handle; an int is stored, no pointer.
        unsafe { raw::gnutls_transport_set_int2(self.ptr.as_ptr(), fd, fd) }
    }

    /// `gnutls_alpn_set_protocols` (GnuTLS copies the names).
    pub fn set_alpn_protocols(&mut self, protocols: &[&[u8]]) -> Result<(), c_int> {
        let list = protocols
            .iter()
            .map(|p| datum(p))
            .collect::<Result<Vec<_>, _>>()?;
        let n = c_uint::try_from(list.len()).map_err(|_| E_INVALID_REQUEST)?;
        // SAFETY: live handle; `list` holds `n` datums pointing into live slices.
        check(unsafe { raw::gnutls_alpn_set_protocols(self.ptr.as_ptr(), list.as_ptr(), n, 0) })?;
        Ok(())
    }

    /// The protocol ALPN selected, if any.
    pub fn alpn_selected(&self) -> Option<Vec<u8>> {
        let mut d = raw::Datum {
            data: ptr::null_mut(),
            size: 0,
        };
        // SAFETY: live handle; `d` is a live out-parameter.
        let rc = unsafe { raw::gnutls_alpn_get_selected_protocol(self.ptr.as_ptr(), &mut d) };
        if rc < 0 || d.data.is_null() {
            return None;
        }
        // SAFETY: on success the datum points to `size` bytes owned by the session.
        Some(unsafe { std::slice::from_raw_parts(d.data, d.size as usize) }.to_vec())
    }

    /// `gnutls_certificate_server_set_request(GNUTLS_CERT_REQUEST)`.
    pub fn request_client_certificate(&mut self) {
        // SAFETY: live handle.
        unsafe { raw::gnutls_certificate_server_set_request(self.ptr.as_ptr(), CERT_REQUEST) }
    }

    /// `gnutls_handshake_set_timeout`; 0 disables GnuTLS's own timeout.
    pub fn set_handshake_timeout_ms(&mut self, ms: u32) {
        // SAFETY: live handle.
        unsafe { raw::gnutls_handshake_set_timeout(self.ptr.as_ptr(), ms) }
    }

    /// `gnutls_session_set_ptr`: stored, never dereferenced by GnuTLS or by this crate
    /// (applications read it back with `gnutls_session_get_ptr`).
    pub fn set_user_ptr(&mut self, user: *mut c_void) {
        // SAFETY: live handle; the pointer is only stored.
        unsafe { raw::gnutls_session_set_ptr(self.ptr.as_ptr(), user) }
    }

    /// `gnutls_handshake`, with this session's PSK lookup installed for its callback.
    pub fn handshake(&mut self) -> c_int {
        let _scope = self.psk.as_ref().map(|c| PskScope::enter(&c.lookup));
        // SAFETY: live handle; credentials and priorities it points to are held by self.
        unsafe { raw::gnutls_handshake(self.ptr.as_ptr()) }
    }

    /// `gnutls_record_recv` into `buf`.
    pub fn record_recv(&mut self, buf: &mut [u8]) -> isize {
        // SAFETY: live handle; `buf` is writable for its whole length.
        unsafe { raw::gnutls_record_recv(self.ptr.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) }
    }

    /// `gnutls_record_send` of `buf` (at most one record is taken).
    pub fn record_send(&mut self, buf: &[u8]) -> isize {
        // SAFETY: live handle; `buf` is readable for its whole length.
        unsafe { raw::gnutls_record_send(self.ptr.as_ptr(), buf.as_ptr().cast(), buf.len()) }
    }

    /// `gnutls_record_send(NULL, 0)`: finishes the record an earlier call left queued after
    /// `E_AGAIN`/`E_INTERRUPTED`; returns that record's plaintext length when done.
    pub fn record_send_resume(&mut self) -> isize {
        // SAFETY: live handle; NULL/0 is GnuTLS's documented "resume" form.
        unsafe { raw::gnutls_record_send(self.ptr.as_ptr(), ptr::null(), 0) }
    }

    /// `gnutls_record_get_direction`: [`DIRECTION_WRITE`] when the last interrupted call was
    /// writing.
    pub fn record_get_direction(&self) -> c_int {
        // SAFETY: live handle.
        unsafe { raw::gnutls_record_get_direction(self.ptr.as_ptr()) }
    }

    /// `gnutls_record_check_pending`: decrypted bytes waiting inside GnuTLS.
    pub fn record_check_pending(&self) -> usize {
        // SAFETY: live handle.
        unsafe { raw::gnutls_record_check_pending(self.ptr.as_ptr()) }
    }

    /// `gnutls_bye(how)`.
    pub fn bye(&mut self, how: c_int) -> c_int {
        // SAFETY: live handle.
        unsafe { raw::gnutls_bye(self.ptr.as_ptr(), how) }
    }

    /// `gnutls_alert_send`.
    pub fn alert_send(&mut self, level: c_int, desc: c_int) -> c_int {
        // SAFETY: live handle.
        unsafe { raw::gnutls_alert_send(self.ptr.as_ptr(), level, desc) }
    }

    /// `gnutls_alert_get`: the last alert received.
    pub fn alert_get(&self) -> c_int {
        // SAFETY: live handle.
        unsafe { raw::gnutls_alert_get(self.ptr.as_ptr()) }
    }

    /// `gnutls_cipher_get` (a `gnutls_cipher_algorithm_t`).
    pub fn cipher(&self) -> c_int {
        // SAFETY: live handle.
        unsafe { raw::gnutls_cipher_get(self.ptr.as_ptr()) }
    }

    /// `gnutls_protocol_get_version` (a `gnutls_protocol_t`).
    pub fn protocol(&self) -> c_int {
        // SAFETY: live handle.
        unsafe { raw::gnutls_protocol_get_version(self.ptr.as_ptr()) }
    }

    /// `gnutls_certificate_get_peers`: the peer's certificate chain, DER, leaf first.
    pub fn peer_certificates(&self) -> Vec<Vec<u8>> {
        let mut n: c_uint = 0;
        // SAFETY: live handle; `n` is a live out-parameter.
        let list = unsafe { raw::gnutls_certificate_get_peers(self.ptr.as_ptr(), &mut n) };
        if list.is_null() {
            return Vec::new();
        }
        (0..n as usize)
            .map(|i| {
                // SAFETY: GnuTLS returned an array of `n` datums owned by the session.
                let d = unsafe { &*list.add(i) };
                if d.data.is_null() {
                    Vec::new()
                } else {
                    // SAFETY: each datum describes `size` readable bytes.
                    unsafe { std::slice::from_raw_parts(d.data, d.size as usize) }.to_vec()
                }
            })
            .collect()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // SAFETY: created in `new`, freed only here; the Arcs in self (dropped after this)
        // keep credentials and priorities alive until the session is gone. The transport
        // fd is an int GnuTLS never closes.
        unsafe { raw::gnutls_deinit(self.ptr.as_ptr()) }
    }
}

// ---- test-only: a client side and certificate generation -----------------------------

#[cfg(test)]
pub mod testing {
    //! What the tests need beyond the server: client PSK credentials, SNI, and X.509 key and
    //! certificate generation (so no key material is committed).

    use super::{
        check, datum, raw, RetrieveFunction, RetrieveKind, Session, X509_FMT_DER, X509_FMT_PEM,
    };
    use std::ffi::{c_char, c_int, c_uint, c_void, CStr};
    use std::ptr::{self, NonNull};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    const PK_ECDSA: c_int = 4;
    const ECC_CURVE_SECP256R1: c_uint = 2;
    /// GNUTLS_CURVE_TO_BITS.
    const CURVE_TO_BITS: c_uint = 1 << 31;
    const DIG_SHA256: c_int = 6;
    const KEY_DIGITAL_SIGNATURE: c_uint = 128;
    const KEY_KEY_CERT_SIGN: c_uint = 4;
    const PKCS_PBES2_AES_256: c_uint = 1 << 7;
    const PSK_KEY_RAW: c_int = 0;
    const NAME_DNS: c_int = 1;

    extern "C" {
        static gnutls_ffdhe_2048_group_prime: raw::Datum;
        static gnutls_ffdhe_2048_group_generator: raw::Datum;

        fn gnutls_psk_allocate_client_credentials(sc: *mut *mut c_void) -> c_int;
        fn gnutls_psk_free_client_credentials(sc: *mut c_void);
        fn gnutls_psk_set_client_credentials(
            res: *mut c_void,
            username: *const c_char,
            key: *const raw::Datum,
            flags: c_int,
        ) -> c_int;
        fn gnutls_server_name_set(
            session: *mut c_void,
            kind: c_int,
            name: *const c_void,
            len: usize,
        ) -> c_int;

        fn gnutls_dh_params_import_raw(
            params: *mut c_void,
            prime: *const raw::Datum,
            generator: *const raw::Datum,
        ) -> c_int;
        fn gnutls_dh_params_export2_pkcs3(
            params: *mut c_void,
            format: c_int,
            out: *mut raw::Datum,
        ) -> c_int;

        fn gnutls_x509_privkey_init(key: *mut *mut c_void) -> c_int;
        fn gnutls_x509_privkey_deinit(key: *mut c_void);
        fn gnutls_x509_privkey_generate(
            key: *mut c_void,
            algo: c_int,
            bits: c_uint,
            flags: c_uint,
        ) -> c_int;
        fn gnutls_x509_privkey_export2(
            key: *mut c_void,
            format: c_int,
            out: *mut raw::Datum,
        ) -> c_int;
        fn gnutls_x509_privkey_export2_pkcs8(
            key: *mut c_void,
            format: c_int,
            password: *const c_char,
            flags: c_uint,
            out: *mut raw::Datum,
        ) -> c_int;

        fn gnutls_x509_crt_init(crt: *mut *mut c_void) -> c_int;
        fn gnutls_x509_crt_deinit(crt: *mut c_void);
        fn gnutls_x509_crt_import(
            crt: *mut c_void,
            data: *const raw::Datum,
            format: c_int,
        ) -> c_int;
        fn gnutls_x509_crt_set_version(crt: *mut c_void, version: c_uint) -> c_int;
        fn gnutls_x509_crt_set_serial(
            crt: *mut c_void,
            serial: *const c_void,
            size: usize,
        ) -> c_int;
        fn gnutls_x509_crt_set_activation_time(crt: *mut c_void, t: libc::time_t) -> c_int;
        fn gnutls_x509_crt_set_expiration_time(crt: *mut c_void, t: libc::time_t) -> c_int;
        fn gnutls_x509_crt_set_dn(
            crt: *mut c_void,
            dn: *const c_char,
            err: *mut *const c_char,
        ) -> c_int;
        fn gnutls_x509_crt_set_key(crt: *mut c_void, key: *mut c_void) -> c_int;
        fn gnutls_x509_crt_set_basic_constraints(
            crt: *mut c_void,
            ca: c_uint,
            path_len: c_int,
        ) -> c_int;
        fn gnutls_x509_crt_set_key_usage(crt: *mut c_void, usage: c_uint) -> c_int;
        fn gnutls_x509_crt_sign2(
            crt: *mut c_void,
            issuer: *mut c_void,
            issuer_key: *mut c_void,
            dig: c_int,
            flags: c_uint,
        ) -> c_int;
        fn gnutls_x509_crt_export2(crt: *mut c_void, format: c_int, out: *mut raw::Datum) -> c_int;
        fn gnutls_x509_crt_get_dn2(crt: *mut c_void, dn: *mut raw::Datum) -> c_int;
    }

    static RETRIEVE2_CALLS: AtomicUsize = AtomicUsize::new(0);
    static RETRIEVE3_CALLS: AtomicUsize = AtomicUsize::new(0);

    /// A `gnutls_certificate_retrieve_function2` that counts its calls and has no
    /// certificate to offer.
    #[allow(clippy::too_many_arguments)]
    extern "C" fn refusing_retrieve2(
        _session: *mut c_void,
        _req_ca_rdn: *const raw::Datum,
        _nreqs: c_int,
        _pk_algos: *const c_int,
        _pk_algos_length: c_int,
        _pcert: *mut *mut c_void,
        _pcert_length: *mut c_uint,
        _privkey: *mut *mut c_void,
    ) -> c_int {
        RETRIEVE2_CALLS.fetch_add(1, Ordering::SeqCst);
        -1
    }

    /// The same as a `gnutls_certificate_retrieve_function3`.
    #[allow(clippy::too_many_arguments)]
    extern "C" fn refusing_retrieve3(
        _session: *mut c_void,
        _info: *const c_void,
        _certs: *mut *mut c_void,
        _certs_length: *mut c_uint,
        _ocsp: *mut *mut c_void,
        _ocsp_length: *mut c_uint,
        _privkey: *mut *mut c_void,
        _flags: *mut c_uint,
    ) -> c_int {
        RETRIEVE3_CALLS.fetch_add(1, Ordering::SeqCst);
        -1
    }

    /// A C certificate callback of the given kind that refuses (and counts) every call.
    pub fn refusing_retrieve_function(kind: RetrieveKind) -> RetrieveFunction {
        let f = match kind {
            RetrieveKind::Function2 => refusing_retrieve2 as *const c_void,
            RetrieveKind::Function3 => refusing_retrieve3 as *const c_void,
        };
        // SAFETY: each function has exactly the GnuTLS callback type `kind` names, is a
        // static item (always callable) and touches only an atomic.
        unsafe { RetrieveFunction::from_raw(f, kind) }.expect("not NULL")
    }

    /// How often the refusing callback of `kind` has been called.
    pub fn refusing_retrieve_calls(kind: RetrieveKind) -> usize {
        match kind {
            RetrieveKind::Function2 => RETRIEVE2_CALLS.load(Ordering::SeqCst),
            RetrieveKind::Function3 => RETRIEVE3_CALLS.load(Ordering::SeqCst),
        }
    }

    /// Copies a datum GnuTLS allocated for us and frees it with `gnutls_free`.
    fn take(d: raw::Datum) -> Vec<u8> {
        if d.data.is_null() {
            return Vec::new();
        }
        // SAFETY: an out-datum filled by GnuTLS: `size` readable bytes at `data`.
        let v = unsafe { std::slice::from_raw_parts(d.data, d.size as usize) }.to_vec();
        // SAFETY: reading an initialised exported variable; the data came from gnutls_malloc.
        if let Some(free) = unsafe { raw::gnutls_free } {
            // SAFETY: frees the allocation exactly once.
            unsafe { free(d.data.cast()) };
        }
        v
    }

    fn empty() -> raw::Datum {
        raw::Datum {
            data: ptr::null_mut(),
            size: 0,
        }
    }

    pub struct PskClientCredentials {
        ptr: NonNull<c_void>,
    }

    // SAFETY: set up completely in `new`; afterwards GnuTLS only reads it.
    unsafe impl Send for PskClientCredentials {}
    // SAFETY: as above.
    unsafe impl Sync for PskClientCredentials {}

    impl PskClientCredentials {
        pub fn new(username: &CStr, key: &[u8]) -> Result<Self, c_int> {
            let mut p = ptr::null_mut();
            // SAFETY: pointer to a live local for the new handle.
            check(unsafe { gnutls_psk_allocate_client_credentials(&mut p) })?;
            let cred = PskClientCredentials {
                ptr: NonNull::new(p).ok_or(super::E_INVALID_REQUEST)?,
            };
            let k = datum(key)?;
            // SAFETY: live handle; NUL-terminated name and a datum into a live slice
            // (GnuTLS copies both).
            check(unsafe {
                gnutls_psk_set_client_credentials(
                    cred.ptr.as_ptr(),
                    username.as_ptr(),
                    &k,
                    PSK_KEY_RAW,
                )
            })?;
            Ok(cred)
        }
    }

    impl Drop for PskClientCredentials {
        fn drop(&mut self) {
            // SAFETY: allocated in `new`, freed only here; sessions hold an Arc.
            unsafe { gnutls_psk_free_client_credentials(self.ptr.as_ptr()) }
        }
    }

    impl Session {
        pub fn set_psk_client_credentials(
            &mut self,
            cred: &Arc<PskClientCredentials>,
        ) -> Result<(), c_int> {
            // SAFETY: both handles live; the Arc stored below keeps the credentials alive.
            check(unsafe {
                raw::gnutls_credentials_set(self.ptr.as_ptr(), super::CRD_PSK, cred.ptr.as_ptr())
            })?;
            self.psk_client = Some(Arc::clone(cred));
            Ok(())
        }

        pub fn set_server_name(&mut self, name: &str) -> Result<(), c_int> {
            // SAFETY: live handle; GnuTLS copies `len` bytes of the name.
            check(unsafe {
                gnutls_server_name_set(
                    self.ptr.as_ptr(),
                    NAME_DNS,
                    name.as_ptr().cast(),
                    name.len(),
                )
            })?;
            Ok(())
        }
    }

    /// RFC 7919 ffdhe2048 as PKCS#3 PEM (the parameters GnuTLS exports).
    pub fn ffdhe2048_pem() -> Vec<u8> {
        let mut p = ptr::null_mut();
        // SAFETY: pointer to a live local for the new handle.
        assert_eq!(unsafe { raw::gnutls_dh_params_init(&mut p) }, 0);
        let mut out = empty();
        // SAFETY: live handle; the two datums are the library's own constant data.
        unsafe {
            assert_eq!(
                gnutls_dh_params_import_raw(
                    p,
                    &gnutls_ffdhe_2048_group_prime,
                    &gnutls_ffdhe_2048_group_generator
                ),
                0
            );
            assert_eq!(gnutls_dh_params_export2_pkcs3(p, X509_FMT_PEM, &mut out), 0);
            raw::gnutls_dh_params_deinit(p);
        }
        take(out)
    }

    /// An ECDSA P-256 private key.
    pub struct X509Key {
        ptr: NonNull<c_void>,
    }

    impl X509Key {
        pub fn generate() -> Self {
            let mut p = ptr::null_mut();
            // SAFETY: pointer to a live local for the new handle.
            assert_eq!(unsafe { gnutls_x509_privkey_init(&mut p) }, 0);
            let key = X509Key {
                ptr: NonNull::new(p).expect("gnutls_x509_privkey_init"),
            };
            // SAFETY: live handle.
            let rc = unsafe {
                gnutls_x509_privkey_generate(
                    key.ptr.as_ptr(),
                    PK_ECDSA,
                    CURVE_TO_BITS | ECC_CURVE_SECP256R1,
                    0,
                )
            };
            assert_eq!(rc, 0, "key generation: {}", super::strerror(rc));
            key
        }

        /// Unencrypted PEM.
        pub fn pem(&self) -> Vec<u8> {
            let mut out = empty();
            // SAFETY: live handle; `out` is a live out-datum.
            assert_eq!(
                unsafe { gnutls_x509_privkey_export2(self.ptr.as_ptr(), X509_FMT_PEM, &mut out) },
                0
            );
            take(out)
        }

        /// PKCS#8 PEM encrypted with `password` (PBES2 AES-256).
        pub fn encrypted_pem(&self, password: &CStr) -> Vec<u8> {
            let mut out = empty();
            // SAFETY: live handle; NUL-terminated password; `out` is a live out-datum.
            let rc = unsafe {
                gnutls_x509_privkey_export2_pkcs8(
                    self.ptr.as_ptr(),
                    X509_FMT_PEM,
                    password.as_ptr(),
                    PKCS_PBES2_AES_256,
                    &mut out,
                )
            };
            assert_eq!(rc, 0, "pkcs8 export: {}", super::strerror(rc));
            take(out)
        }
    }

    impl Drop for X509Key {
        fn drop(&mut self) {
            // SAFETY: created in `generate`, freed only here.
            unsafe { gnutls_x509_privkey_deinit(self.ptr.as_ptr()) }
        }
    }

    /// An X.509 certificate.
    pub struct X509Cert {
        ptr: NonNull<c_void>,
    }

    impl X509Cert {
        fn init() -> Self {
            let mut p = ptr::null_mut();
            // SAFETY: pointer to a live local for the new handle.
            assert_eq!(unsafe { gnutls_x509_crt_init(&mut p) }, 0);
            X509Cert {
                ptr: NonNull::new(p).expect("gnutls_x509_crt_init"),
            }
        }

        /// A certificate for `key` named `dn`, valid from an hour ago for a day, signed by
        /// `issuer` (or self-signed). `ca` makes it a CA certificate.
        pub fn new(
            key: &X509Key,
            dn: &CStr,
            serial: u8,
            ca: bool,
            issuer: Option<(&X509Cert, &X509Key)>,
        ) -> Self {
            let crt = Self::init();
            let c = crt.ptr.as_ptr();
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .expect("clock after 1970")
                .as_secs() as libc::time_t;
            let usage = if ca {
                KEY_KEY_CERT_SIGN | KEY_DIGITAL_SIGNATURE
            } else {
                KEY_DIGITAL_SIGNATURE
            };
            let (issuer_crt, issuer_key) = match issuer {
                Some((ic, ik)) => (ic.ptr.as_ptr(), ik.ptr.as_ptr()),
                None => (c, key.ptr.as_ptr()),
            };
            let serial = [serial];
            let mut err: *const c_char = ptr::null();
            // SAFETY: every call gets live handles and pointers to live locals/strings.
            unsafe {
                assert_eq!(gnutls_x509_crt_set_version(c, 3), 0);
                assert_eq!(gnutls_x509_crt_set_serial(c, serial.as_ptr().cast(), 1), 0);
                assert_eq!(gnutls_x509_crt_set_activation_time(c, now - 3600), 0);
                assert_eq!(gnutls_x509_crt_set_expiration_time(c, now + 86400), 0);
                assert_eq!(gnutls_x509_crt_set_dn(c, dn.as_ptr(), &mut err), 0);
                assert_eq!(gnutls_x509_crt_set_key(c, key.ptr.as_ptr()), 0);
                assert_eq!(
                    gnutls_x509_crt_set_basic_constraints(c, ca as c_uint, -1),
                    0
                );
                assert_eq!(gnutls_x509_crt_set_key_usage(c, usage), 0);
                let rc = gnutls_x509_crt_sign2(c, issuer_crt, issuer_key, DIG_SHA256, 0);
                assert_eq!(rc, 0, "signing: {}", super::strerror(rc));
            }
            crt
        }

        pub fn pem(&self) -> Vec<u8> {
            let mut out = empty();
            // SAFETY: live handle; `out` is a live out-datum.
            assert_eq!(
                unsafe { gnutls_x509_crt_export2(self.ptr.as_ptr(), X509_FMT_PEM, &mut out) },
                0
            );
            take(out)
        }

        /// The subject DN of a DER certificate, in GnuTLS's RFC 4514 form.
        pub fn subject_of_der(der: &[u8]) -> String {
            let crt = Self::init();
            let d = datum(der).expect("small certificate");
            let mut out = empty();
            // SAFETY: live handle; datums point into a live slice / are out-parameters.
            unsafe {
                assert_eq!(
                    gnutls_x509_crt_import(crt.ptr.as_ptr(), &d, X509_FMT_DER),
                    0
                );
                assert_eq!(gnutls_x509_crt_get_dn2(crt.ptr.as_ptr(), &mut out), 0);
            }
            String::from_utf8_lossy(&take(out)).into_owned()
        }
    }

    impl Drop for X509Cert {
        fn drop(&mut self) {
            // SAFETY: created in `init`, freed only here.
            unsafe { gnutls_x509_crt_deinit(self.ptr.as_ptr()) }
        }
    }
}
