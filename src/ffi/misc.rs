//! Library-wide functions: version, features, reason phrases, unescaping, memory, panics.

use std::os::raw::{c_char, c_int, c_uint, c_void};
use std::sync::Mutex;

use super::types::*;
use super::{guard, SendPtr};
use crate::http::status;

#[no_mangle]
pub extern "C" fn MHD_get_version() -> *const c_char {
    c"0.9.75".as_ptr()
}

/// `MHD_VERSION` of the header we implement.
#[no_mangle]
pub extern "C" fn MHD_get_version_bin() -> u32 {
    0x0009_7500
}

/// `enum MHD_FEATURE` values we answer "yes" to: only what this build really does.
const SUPPORTED_FEATURES: &[c_int] = &[
    1,  // MESSAGES
    2,  // TLS (GnuTLS)
    3,  // HTTPS_CERT_CALLBACK
    4,  // IPv6
    5,  // IPv6_ONLY
    6,  // POLL
    7,  // EPOLL
    8,  // SHUTDOWN_LISTEN_SOCKET
    10, // TCP_FASTOPEN
    11, // BASIC_AUTH
    12, // DIGEST_AUTH
    13, // POSTPROCESSOR
    14, // HTTPS_KEY_PASSWORD
    15, // LARGE_FILE
    16, // THREAD_NAMES
    17, // UPGRADE
    19, // AUTODETECT_BIND_PORT
    20, // AUTOSUPPRESS_SIGPIPE
    22, // THREADS
    23, // HTTPS_CERT_CALLBACK2
    25, // DIGEST_AUTH_RFC2069 (1.0)
    26, // DIGEST_AUTH_MD5 (1.0)
    27, // DIGEST_AUTH_SHA256 (1.0)
    28, // DIGEST_AUTH_SHA512_256 (1.0)
    31, // DIGEST_AUTH_USERHASH (1.0)
];

#[no_mangle]
pub extern "C" fn MHD_is_feature_supported(feature: c_int) -> c_int {
    if SUPPORTED_FEATURES.contains(&feature) {
        MHD_YES
    } else {
        MHD_NO
    }
}

#[no_mangle]
pub extern "C" fn MHD_get_reason_phrase_for(code: c_uint) -> *const c_char {
    status::reason_phrase_c(code).as_ptr()
}

#[no_mangle]
pub extern "C" fn MHD_get_reason_phrase_len_for(code: c_uint) -> usize {
    match status::reason_phrase(code) {
        "Unknown" => 0,
        phrase => phrase.len(),
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_http_unescape(val: *mut c_char) -> usize {
    guard(0, || {
        if val.is_null() {
            return 0;
        }
        // SAFETY: `val` is a writable NUL-terminated string (MHD's contract).
        let len = unsafe { libc::strlen(val) };
        // SAFETY: as above; the string's `len` bytes are ours to rewrite in place.
        let bytes = unsafe { std::slice::from_raw_parts_mut(val.cast::<u8>(), len + 1) };
        let n = crate::http::unescape::unescape_in_place(&mut bytes[..len]);
        bytes[n] = 0;
        n
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_free(ptr: *mut c_void) {
    // SAFETY: memory the library returned to the application was allocated with malloc.
    unsafe { libc::free(ptr) }
}

static PANIC: Mutex<Option<(PanicCallback, SendPtr)>> = Mutex::new(None);

#[no_mangle]
pub unsafe extern "C" fn MHD_set_panic_func(cb: Option<PanicCallback>, cls: *mut c_void) {
    guard((), || {
        *PANIC.lock().unwrap_or_else(|e| e.into_inner()) = cb.map(|cb| (cb, SendPtr(cls)));
    })
}

/// A caught panic: tell the application's panic callback if it set one, else log to stderr
/// and carry on (the call that panicked returns its failure value).
pub(crate) fn report_panic(reason: &str) {
    let cb = *PANIC.lock().unwrap_or_else(|e| e.into_inner());
    match cb {
        Some((f, cls)) => {
            let reason = std::ffi::CString::new(reason.replace('\0', " ")).unwrap_or_default();
            // SAFETY: the application's panic callback, with NUL-terminated strings.
            unsafe { f(cls.0, c"microhttpd-rs".as_ptr(), 0, reason.as_ptr()) };
        }
        // Never `eprintln!`: it panics when stderr fails, here inside the panic guard.
        None => {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "libmicrohttpd: internal error: {reason}");
        }
    }
}

/// A usage error libmicrohttpd treats as fatal (`MHD_PANIC`): the application's panic
/// callback is told, and without one the process aborts, as 0.9.75 does. The callback is
/// not supposed to return; if it does, the call that found the error just returns.
pub(crate) fn fatal_usage_error(reason: &str) {
    let cb = *PANIC.lock().unwrap_or_else(|e| e.into_inner());
    let text = std::ffi::CString::new(reason.replace('\0', " ")).unwrap_or_default();
    match cb {
        // SAFETY: the application's panic callback, with NUL-terminated strings.
        Some((f, cls)) => unsafe { f(cls.0, c"microhttpd-rs".as_ptr(), 0, text.as_ptr()) },
        None => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "Fatal error in GNU libmicrohttpd: {reason}"
            );
            std::process::abort();
        }
    }
}
