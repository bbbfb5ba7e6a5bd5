//! C ABI of HTTP authentication (0.9 and 1.0 calls). Each export only converts: C
//! arguments and the connection's request → a `crate::auth` call → C result. Strings handed
//! to the application are malloc'd (freed with `MHD_free`); 1.0 info structs are one
//! malloc'd block holding the struct followed by its strings.

use std::os::raw::{c_char, c_int, c_uint, c_void};
use std::sync::Arc;

use super::types::*;
use super::{c_bytes, c_slice, guard};
use crate::auth::digest::{self, Algo, Challenge, ChallengeError, Expect, Outcome, Secret};
use crate::auth::{basic, DigestState, Failure, Request};
use crate::connection::Connection;
use crate::http::head::kind;

/// The daemon's digest state (the one place this layer reaches it).
fn digest_state(conn: &Connection) -> &DigestState {
    &conn.env().digest
}

/// What authentication reads from a request, copied out of the connection.
struct Facts {
    authorization: Option<Vec<u8>>,
    method: Vec<u8>,
    url: Vec<u8>,
    raw_target: Vec<u8>,
    client_ip: Vec<u8>,
}

impl Facts {
    fn of(conn: &Connection) -> Option<Facts> {
        let req = conn.request();
        let strip = |s: &[u8]| s[..s.len().saturating_sub(1)].to_vec();
        let authorization = req
            .values()
            .find(|v| v.kind == kind::HEADER && v.key_str().eq_ignore_ascii_case(b"Authorization"))
            .and_then(|v| v.value_str().map(<[u8]>::to_vec));
        Some(Facts {
            authorization,
            method: strip(req.head_str(|h| h.method)?),
            url: strip(req.head_str(|h| h.url)?),
            raw_target: strip(req.head_str(|h| h.raw_target)?),
            client_ip: conn
                .peer()
                .as_socket()
                .map(|a| a.ip().to_string().into_bytes())
                .unwrap_or_default(),
        })
    }

    fn request(&self) -> Request<'_> {
        Request {
            method: &self.method,
            url: &self.url,
            raw_target: &self.raw_target,
            client_ip: &self.client_ip,
        }
    }
}

fn conn_of<'a>(ptr: *mut MHD_Connection) -> Option<&'a Connection> {
    // SAFETY: the application passes a connection handle this library gave it.
    unsafe { super::connection(ptr) }
}

/// The `Authorization` header of the connection's request.
fn authorization(connection: *mut MHD_Connection) -> Option<Vec<u8>> {
    Facts::of(conn_of(connection)?)?.authorization
}

/// malloc'd NUL-terminated copy (NULL when out of memory).
fn c_dup(s: &[u8]) -> *mut c_char {
    block::<u8>(0, &[Some(s)], |_, _| ()).cast()
}

/// One malloc'd block: a zeroed `T` (`head` bytes, 0 for none) followed by NUL-terminated
/// copies of the strings; `fill` gets the struct and the strings' pointers (NULL for None).
fn block<T>(
    head: usize,
    strings: &[Option<&[u8]>],
    fill: impl FnOnce(&mut T, &[*mut c_char]),
) -> *mut T {
    let total = head + strings.iter().flatten().map(|s| s.len() + 1).sum::<usize>();
    // SAFETY: one allocation of `total` bytes (malloc aligns for any type), zeroed; `fill`
    // gets the struct only when `head` is its size, and every string is copied inside.
    unsafe {
        let base = libc::calloc(1, total.max(1)).cast::<u8>();
        if base.is_null() {
            return std::ptr::null_mut();
        }
        let mut ptrs = Vec::with_capacity(strings.len());
        let mut off = head;
        for s in strings {
            ptrs.push(s.map_or(std::ptr::null_mut(), |s| {
                let p = base.add(off);
                std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
                off += s.len() + 1;
                p.cast::<c_char>()
            }));
        }
        if head == std::mem::size_of::<T>() {
            fill(&mut *base.cast::<T>(), &ptrs);
        }
        base.cast()
    }
}

/// Adds the failure's challenges to the application's response and queues it.
fn queue_failure(conn: &Connection, response: *mut MHD_Response, f: &Failure) -> c_int {
    let Some(resp) = super::response::from_handle(response) else {
        return MHD_NO;
    };
    for v in &f.www_authenticate {
        if resp.add(kind::RESPONSE_HEADER, Failure::HEADER, v).is_err() {
            return MHD_NO;
        }
    }
    match conn.queue_response(f.status, Arc::clone(&resp)) {
        Ok(()) => MHD_YES,
        Err(_) => MHD_NO,
    }
}

/// Queues a digest challenge (a new nonce per algorithm).
fn queue_challenge(
    connection: *mut MHD_Connection,
    response: *mut MHD_Response,
    c: Option<Challenge<'_>>,
) -> c_int {
    let (Some(conn), Some(c)) = (conn_of(connection), c) else {
        return MHD_NO;
    };
    let Some(facts) = Facts::of(conn) else {
        return MHD_NO;
    };
    match digest::fail_response(digest_state(conn), &facts.request(), &c) {
        Ok(f) => queue_failure(conn, response, &f),
        Err(ChallengeError::NoNonceSlot) => {
            conn.env()
                .log("Could not register a digest nonce: MHD_OPTION_NONCE_NC_SIZE is 0.\n");
            MHD_NO
        }
        Err(ChallengeError::Unsupported) => MHD_NO,
    }
}

/// Checks the connection's digest credentials (None: no connection or request).
fn check_on(connection: *mut MHD_Connection, want: &Expect<'_>) -> Option<Outcome> {
    let conn = conn_of(connection)?;
    let f = Facts::of(conn)?;
    let header = f.authorization.as_deref();
    Some(digest::check(
        digest_state(conn),
        header,
        &f.request(),
        want,
    ))
}

// ---------------------------------------------------------------- basic

#[no_mangle]
pub unsafe extern "C" fn MHD_basic_auth_get_username_password(
    connection: *mut MHD_Connection,
    password: *mut *mut c_char,
) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        let creds = basic::credentials_v09(authorization(connection).as_deref());
        let user = creds
            .as_ref()
            .map_or(std::ptr::null_mut(), |(u, _)| c_dup(u));
        if !password.is_null() {
            let pw = creds.filter(|_| !user.is_null());
            // SAFETY: the application passes a writable `char **` (or NULL).
            unsafe { *password = pw.map_or(std::ptr::null_mut(), |(_, p)| c_dup(&p)) };
        }
        user
    })
}

#[repr(C)]
struct BasicAuthInfo {
    username: *mut c_char,
    username_len: usize,
    password: *mut c_char,
    password_len: usize,
}

#[no_mangle]
pub unsafe extern "C" fn MHD_basic_auth_get_username_password3(
    connection: *mut MHD_Connection,
) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        let Some(c) = basic::credentials(authorization(connection).as_deref()) else {
            return std::ptr::null_mut();
        };
        let head = std::mem::size_of::<BasicAuthInfo>();
        let strings = [Some(&c.username[..]), c.password.as_deref()];
        block::<BasicAuthInfo>(head, &strings, |info, p| {
            (info.username, info.username_len) = (p[0], c.username.len());
            (info.password, info.password_len) = (p[1], c.password.as_ref().map_or(0, Vec::len));
        })
        .cast()
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_queue_basic_auth_fail_response(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    response: *mut MHD_Response,
) -> c_int {
    // SAFETY: same contract as MHD_queue_basic_auth_required_response3.
    unsafe { MHD_queue_basic_auth_required_response3(connection, realm, MHD_NO, response) }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_queue_basic_auth_required_response3(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    prefer_utf8: c_int,
    response: *mut MHD_Response,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: NUL-terminated string from the application.
        let (Some(conn), Some(realm)) = (conn_of(connection), unsafe { c_bytes(realm) }) else {
            return MHD_NO;
        };
        queue_failure(
            conn,
            response,
            &basic::fail_response(realm, prefer_utf8 != MHD_NO),
        )
    })
}

// ---------------------------------------------------------------- digest (0.9)

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_get_username(
    connection: *mut MHD_Connection,
) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        digest::username_v09(authorization(connection).as_deref())
            .map_or(std::ptr::null_mut(), |u| c_dup(&u))
    })
}

/// The 0.9 check calls: `secret` is the password or the pre-computed digest.
fn check_v09(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    username: *const c_char,
    secret: Option<Secret<'_>>,
    nonce_timeout: c_uint,
    algo: c_int,
) -> c_int {
    // SAFETY: NUL-terminated strings from the application.
    let (Some(r), Some(u)) = (unsafe { c_bytes(realm) }, unsafe { c_bytes(username) }) else {
        return MHD_NO;
    };
    let want = secret.and_then(|s| Expect::v09(r, u, s, nonce_timeout, algo));
    want.and_then(|w| check_on(connection, &w))
        .map_or(MHD_NO, Outcome::code_v09)
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_check2(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    username: *const c_char,
    password: *const c_char,
    nonce_timeout: c_uint,
    algo: c_int,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: NUL-terminated string from the application.
        let pw = unsafe { c_bytes(password) }.map(Secret::Password);
        check_v09(connection, realm, username, pw, nonce_timeout, algo)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_check(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    username: *const c_char,
    password: *const c_char,
    nonce_timeout: c_uint,
) -> c_int {
    // SAFETY: same contract as MHD_digest_auth_check2.
    unsafe { MHD_digest_auth_check2(connection, realm, username, password, nonce_timeout, 1) }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_check_digest2(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    username: *const c_char,
    digest_ptr: *const u8,
    digest_size: usize,
    nonce_timeout: c_uint,
    algo: c_int,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: the application passes `digest_size` readable bytes (or NULL).
        let d = (!digest_ptr.is_null()).then(|| unsafe { c_slice(digest_ptr, digest_size) });
        let d = d.map(Secret::Digest);
        check_v09(connection, realm, username, d, nonce_timeout, algo)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_check_digest(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    username: *const c_char,
    digest_ptr: *const u8,
    nonce_timeout: c_uint,
) -> c_int {
    // SAFETY: same contract; the digest is MHD_MD5_DIGEST_SIZE (16) bytes.
    unsafe {
        MHD_digest_auth_check_digest2(
            connection,
            realm,
            username,
            digest_ptr,
            16,
            nonce_timeout,
            1,
        )
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_queue_auth_fail_response2(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    opaque: *const c_char,
    response: *mut MHD_Response,
    signal_stale: c_int,
    algo: c_int,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: NUL-terminated strings from the application (opaque may be NULL).
        let (realm, opaque) = unsafe { (c_bytes(realm), c_bytes(opaque)) };
        let c = realm.and_then(|r| Challenge::v09(r, opaque, signal_stale != MHD_NO, algo));
        queue_challenge(connection, response, c)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_queue_auth_fail_response(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    opaque: *const c_char,
    response: *mut MHD_Response,
    signal_stale: c_int,
) -> c_int {
    // SAFETY: same contract as MHD_queue_auth_fail_response2.
    unsafe { MHD_queue_auth_fail_response2(connection, realm, opaque, response, signal_stale, 1) }
}

// ---------------------------------------------------------------- digest (1.0)

#[no_mangle]
pub extern "C" fn MHD_digest_get_hash_size(algo3: c_int) -> usize {
    guard(0, || Algo::from_algo3(algo3).map_or(0, |(a, _)| a.size()))
}

/// Writes `bytes` into the caller's buffer if it fits.
fn put(out: *mut c_void, size: usize, bytes: Option<Vec<u8>>) -> c_int {
    match bytes {
        Some(b) if !out.is_null() && size >= b.len() => {
            // SAFETY: the caller's buffer has `size` >= b.len() writable bytes.
            unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), out.cast::<u8>(), b.len()) };
            MHD_YES
        }
        _ => MHD_NO,
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_calc_userdigest(
    algo3: c_int,
    username: *const c_char,
    realm: *const c_char,
    password: *const c_char,
    userdigest_bin: *mut c_void,
    bin_buf_size: usize,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: NUL-terminated strings from the application.
        let (u, r, p) = unsafe { (c_bytes(username), c_bytes(realm), c_bytes(password)) };
        let d = (|| Some(digest::userdigest(Algo::from_algo3(algo3)?.0, u?, r?, p?)))();
        put(userdigest_bin, bin_buf_size, d)
    })
}

/// `H(username ":" realm)` for the C arguments.
unsafe fn userhash_of(
    algo3: c_int,
    username: *const c_char,
    realm: *const c_char,
) -> Option<Vec<u8>> {
    // SAFETY: NUL-terminated strings from the application (forwarded contract).
    let (u, r) = unsafe { (c_bytes(username)?, c_bytes(realm)?) };
    Some(digest::userhash(Algo::from_algo3(algo3)?.0, u, r))
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_calc_userhash(
    algo3: c_int,
    username: *const c_char,
    realm: *const c_char,
    userhash_bin: *mut c_void,
    bin_buf_size: usize,
) -> c_int {
    // SAFETY: the application's strings, see userhash_of.
    guard(MHD_NO, || {
        put(userhash_bin, bin_buf_size, unsafe {
            userhash_of(algo3, username, realm)
        })
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_calc_userhash_hex(
    algo3: c_int,
    username: *const c_char,
    realm: *const c_char,
    userhash_hex: *mut c_char,
    hex_buf_size: usize,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: the application's strings, see userhash_of.
        let h = unsafe { userhash_of(algo3, username, realm) }
            .map(|h| [digest::hex(&h), vec![0]].concat());
        put(userhash_hex.cast(), hex_buf_size, h)
    })
}

/// The 1.0 check calls.
#[allow(clippy::too_many_arguments)]
fn check_v10(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    username: *const c_char,
    secret: Option<Secret<'_>>,
    nonce_timeout: c_uint,
    max_nc: u32,
    mqop: c_int,
    malgo3: c_int,
) -> c_int {
    // SAFETY: NUL-terminated strings from the application.
    let (Some(r), Some(u)) = (unsafe { c_bytes(realm) }, unsafe { c_bytes(username) }) else {
        return 0;
    };
    let Some(secret) = secret else { return 0 };
    match Expect::v10(r, u, secret, nonce_timeout, max_nc, mqop, malgo3) {
        Ok(want) => check_on(connection, &want).map_or(0, Outcome::code_v10),
        Err(o) => o.code_v10(),
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_check3(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    username: *const c_char,
    password: *const c_char,
    nonce_timeout: c_uint,
    max_nc: u32,
    mqop: c_int,
    malgo3: c_int,
) -> c_int {
    guard(0, || {
        // SAFETY: NUL-terminated string from the application.
        let pw = unsafe { c_bytes(password) }.map(Secret::Password);
        check_v10(
            connection,
            realm,
            username,
            pw,
            nonce_timeout,
            max_nc,
            mqop,
            malgo3,
        )
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_check_digest3(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    username: *const c_char,
    userdigest: *const c_void,
    userdigest_size: usize,
    nonce_timeout: c_uint,
    max_nc: u32,
    mqop: c_int,
    malgo3: c_int,
) -> c_int {
    guard(0, || {
        // SAFETY: the application passes `userdigest_size` readable bytes (or NULL).
        let d = (!userdigest.is_null())
            .then(|| Secret::Digest(unsafe { c_slice(userdigest.cast(), userdigest_size) }));
        check_v10(
            connection,
            realm,
            username,
            d,
            nonce_timeout,
            max_nc,
            mqop,
            malgo3,
        )
    })
}

/// `struct MHD_DigestAuthUsernameInfo` (also the head of `struct MHD_DigestAuthInfo`).
#[repr(C)]
struct UsernameInfo {
    algo3: c_int,
    uname_type: c_int,
    username: *mut c_char,
    username_len: usize,
    userhash_hex: *mut c_char,
    userhash_hex_len: usize,
    userhash_bin: *mut u8,
}

/// `struct MHD_DigestAuthInfo`.
#[repr(C)]
struct DigestAuthInfo {
    user: UsernameInfo,
    opaque: *mut c_char,
    opaque_len: usize,
    realm: *mut c_char,
    realm_len: usize,
    qop: c_int,
    cnonce_len: usize,
    nc: u32,
}

/// One block with a `T` whose head is a `UsernameInfo`, followed by the info's strings.
fn info_block<T>(info: &digest::RequestInfo, rest: impl FnOnce(&mut T, &[*mut c_char])) -> *mut T {
    let u = &info.username;
    let (hex, bin) = match u {
        digest::Username::Userhash { hex, bin } => (Some(&hex[..]), Some(&bin[..])),
        _ => (None, None),
    };
    let strings = [
        u.name(),
        hex,
        bin,
        info.opaque.as_deref(),
        info.realm.as_deref(),
    ];
    let len = |s: Option<&[u8]>| s.map_or(0, <[u8]>::len);
    block::<T>(std::mem::size_of::<T>(), &strings, |t, p| {
        // SAFETY: T is UsernameInfo or a repr(C) struct starting with one.
        let head = unsafe { &mut *(t as *mut T).cast::<UsernameInfo>() };
        *head = UsernameInfo {
            algo3: info.algo3(),
            uname_type: u.type_code(),
            username: p[0],
            username_len: len(u.name()),
            userhash_hex: p[1],
            userhash_hex_len: len(hex),
            userhash_bin: p[2].cast(),
        };
        rest(t, &p[3..]);
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_get_username3(
    connection: *mut MHD_Connection,
) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        digest::username_info(authorization(connection).as_deref())
            .map_or(std::ptr::null_mut(), |i| {
                info_block::<UsernameInfo>(&i, |_, _| ()).cast()
            })
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_get_request_info3(
    connection: *mut MHD_Connection,
) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        let Some(i) = digest::request_info(authorization(connection).as_deref()) else {
            return std::ptr::null_mut();
        };
        info_block::<DigestAuthInfo>(&i, |t, p| {
            (t.opaque, t.opaque_len) = (p[0], i.opaque.as_ref().map_or(0, Vec::len));
            (t.realm, t.realm_len) = (p[1], i.realm.as_ref().map_or(0, Vec::len));
            (t.qop, t.cnonce_len, t.nc) = (i.qop.code(), i.cnonce_len, i.nc);
        })
        .cast()
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_queue_auth_required_response3(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    opaque: *const c_char,
    domain: *const c_char,
    response: *mut MHD_Response,
    signal_stale: c_int,
    mqop: c_int,
    malgo3: c_int,
    userhash_support: c_int,
    prefer_utf8: c_int,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: NUL-terminated strings from the application (opaque, domain may be NULL).
        let (realm, opaque, domain) = unsafe { (c_bytes(realm), c_bytes(opaque), c_bytes(domain)) };
        let c = realm.map(|realm| Challenge {
            realm,
            opaque,
            domain,
            stale: signal_stale != MHD_NO,
            algos: Algo::set_from_multi(malgo3),
            qop: digest::QopSet::from_multi(mqop),
            userhash: userhash_support != MHD_NO,
            utf8: prefer_utf8 != MHD_NO,
        });
        queue_challenge(connection, response, c)
    })
}
