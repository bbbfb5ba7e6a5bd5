//! C ABI of HTTP authentication: basic (0.9 and 1.0 calls) and digest (0.9 calls, and the
//! 1.0 calls listed in the module's README entry). Strings handed to the application are
//! malloc'd (freed with `MHD_free`); 1.0 info structs are one malloc'd block holding the
//! struct followed by its strings.

use std::os::raw::{c_char, c_int, c_uint, c_void};
use std::sync::Arc;

use super::types::*;
use super::{c_bytes, c_slice, guard};
use crate::auth::digest::{Algo, Outcome, Secret};
use crate::auth::{basic, digest};
use crate::connection::Connection;
use crate::http::head::kind;

const MHD_INVALID_NONCE: c_int = -1;
const HTTP_UNAUTHORIZED: u32 = 401;

/// malloc'd NUL-terminated copy (NULL when out of memory).
fn c_dup(s: &[u8]) -> *mut c_char {
    // SAFETY: malloc of len+1 bytes; we write exactly that many.
    unsafe {
        let p = libc::malloc(s.len() + 1).cast::<u8>();
        if p.is_null() {
            return std::ptr::null_mut();
        }
        std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
        *p.add(s.len()) = 0;
        p.cast()
    }
}

/// One malloc'd block: a `T` followed by NUL-terminated strings. `fill` gets the struct
/// pointer and the pointers of the copied strings (in the order given).
fn block<T>(strings: &[&[u8]], fill: impl FnOnce(&mut T, &[*mut c_char])) -> *mut T {
    let head = std::mem::size_of::<T>();
    let total = head + strings.iter().map(|s| s.len() + 1).sum::<usize>();
    // SAFETY: one allocation of `total` bytes (malloc aligns for any type); the struct is
    // zero-initialised before `fill` writes it, and every string is copied inside the block.
    unsafe {
        let base = libc::calloc(1, total).cast::<u8>();
        if base.is_null() {
            return std::ptr::null_mut();
        }
        let mut ptrs = Vec::with_capacity(strings.len());
        let mut off = head;
        for s in strings {
            let p = base.add(off);
            std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
            *p.add(s.len()) = 0;
            ptrs.push(p.cast::<c_char>());
            off += s.len() + 1;
        }
        let t = base.cast::<T>();
        fill(&mut *t, &ptrs);
        t
    }
}

fn conn_of<'a>(ptr: *mut MHD_Connection) -> Option<&'a Connection> {
    // SAFETY: the application passes a connection handle this library gave it.
    unsafe { super::connection(ptr) }
}

/// The parsed `Authorization: Digest ...` parameters of the connection's request.
fn digest_params(connection: *mut MHD_Connection) -> Option<digest::Params> {
    crate::auth::authorization(conn_of(connection)?).and_then(|h| digest::parse(&h))
}

/// Adds `WWW-Authenticate: value` to the application's response and queues it as 401.
fn queue_401(conn: &Connection, response: *mut MHD_Response, values: &[Vec<u8>]) -> c_int {
    let Some(resp) = super::response::from_handle(response) else {
        return MHD_NO;
    };
    for v in values {
        if resp
            .add(kind::RESPONSE_HEADER, b"WWW-Authenticate", v)
            .is_err()
        {
            return MHD_NO;
        }
    }
    match conn.queue_response(HTTP_UNAUTHORIZED, Arc::clone(&resp)) {
        Ok(()) => MHD_YES,
        Err(_) => MHD_NO,
    }
}

// ---------------------------------------------------------------- basic

fn basic_credentials(conn: &Connection) -> Option<basic::Credentials> {
    let header = crate::auth::authorization(conn)?;
    // libmicrohttpd 0.9.75 matches the scheme name "Basic " case-sensitively.
    if !header.starts_with(b"Basic ") {
        return None;
    }
    basic::parse(&header)
}

#[no_mangle]
pub unsafe extern "C" fn MHD_basic_auth_get_username_password(
    connection: *mut MHD_Connection,
    password: *mut *mut c_char,
) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        if !password.is_null() {
            // SAFETY: the application passes a writable `char **` (or NULL).
            unsafe { *password = std::ptr::null_mut() };
        }
        let Some(conn) = conn_of(connection) else {
            return std::ptr::null_mut();
        };
        // 0.9: a token without ':' is invalid.
        let Some(basic::Credentials {
            username,
            password: Some(pw),
        }) = basic_credentials(conn)
        else {
            return std::ptr::null_mut();
        };
        let user = c_dup(&username);
        if !password.is_null() && !user.is_null() {
            // SAFETY: as above.
            unsafe { *password = c_dup(&pw) };
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
        let Some(conn) = conn_of(connection) else {
            return std::ptr::null_mut();
        };
        let Some(c) = basic_credentials(conn) else {
            return std::ptr::null_mut();
        };
        let mut strings: Vec<&[u8]> = vec![&c.username];
        if let Some(pw) = &c.password {
            strings.push(pw);
        }
        let ulen = c.username.len();
        let plen = c.password.as_ref().map_or(0, Vec::len);
        block::<BasicAuthInfo>(&strings, |info, ptrs| {
            info.username = ptrs[0];
            info.username_len = ulen;
            info.password = ptrs.get(1).copied().unwrap_or(std::ptr::null_mut());
            info.password_len = plen;
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
    guard(MHD_NO, || {
        let Some(conn) = conn_of(connection) else {
            return MHD_NO;
        };
        // SAFETY: NUL-terminated string from the application.
        let Some(realm) = (unsafe { c_bytes(realm) }) else {
            return MHD_NO;
        };
        queue_401(conn, response, &[basic::challenge(realm, false)])
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_queue_basic_auth_required_response3(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    prefer_utf8: c_int,
    response: *mut MHD_Response,
) -> c_int {
    guard(MHD_NO, || {
        let Some(conn) = conn_of(connection) else {
            return MHD_NO;
        };
        // SAFETY: NUL-terminated string from the application.
        let Some(realm) = (unsafe { c_bytes(realm) }) else {
            return MHD_NO;
        };
        queue_401(
            conn,
            response,
            &[basic::challenge(realm, prefer_utf8 != MHD_NO)],
        )
    })
}

// ---------------------------------------------------------------- digest (0.9)

/// `enum MHD_DigestAuthAlgorithm`: AUTO (SHA-256, as 0.9.75 documents), MD5, SHA256.
fn algo09(a: c_int) -> Option<Algo> {
    match a {
        0 | 2 => Some(Algo::Sha256),
        1 => Some(Algo::Md5),
        _ => None,
    }
}

/// Owned request facts for the digest core.
struct ReqFacts {
    method: Vec<u8>,
    url: Vec<u8>,
    raw: Vec<u8>,
    daemon: usize,
    daemon_random: Vec<u8>,
}

impl ReqFacts {
    fn of(conn: &Connection) -> Option<ReqFacts> {
        let req = conn.request();
        let strip = |s: &[u8]| s[..s.len().saturating_sub(1)].to_vec();
        let method = strip(req.head_str(|h| h.method)?);
        let url = strip(req.head_str(|h| h.url)?);
        let raw = strip(req.head_str(|h| h.raw_target)?);
        Some(ReqFacts {
            method,
            url,
            raw,
            daemon: conn.env() as *const crate::connection::Env as usize,
            daemon_random: conn.env().digest_random.clone(),
        })
    }
    fn request(&self) -> digest::Request<'_> {
        digest::Request {
            method: &self.method,
            url: &self.url,
            raw_target: &self.raw,
            daemon: self.daemon,
            daemon_random: &self.daemon_random,
        }
    }
}

fn run_check(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    username: *const c_char,
    secret: impl FnOnce() -> Option<Vec<u8>>,
    is_digest: bool,
    nonce_timeout: u32,
    allowed: &[Algo],
) -> Option<Outcome> {
    let conn = conn_of(connection)?;
    // SAFETY: NUL-terminated strings from the application.
    let realm = unsafe { c_bytes(realm) }?;
    // SAFETY: as above.
    let username = unsafe { c_bytes(username) }?;
    let secret = secret()?;
    let facts = ReqFacts::of(conn)?;
    let header = crate::auth::authorization(conn);
    let s = if is_digest {
        Secret::Digest(&secret)
    } else {
        Secret::Password(&secret)
    };
    Some(digest::check(
        header.as_deref(),
        &facts.request(),
        realm,
        username,
        s,
        nonce_timeout,
        allowed,
    ))
}

fn old_result(o: Option<Outcome>) -> c_int {
    match o {
        Some(Outcome::Ok) => MHD_YES,
        Some(Outcome::NonceStale | Outcome::NonceWrong | Outcome::NonceOtherCond) => {
            MHD_INVALID_NONCE
        }
        _ => MHD_NO,
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_get_username(
    connection: *mut MHD_Connection,
) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        let Some(p) = digest_params(connection) else {
            return std::ptr::null_mut();
        };
        match p.username {
            Some(u) => c_dup(&u),
            None => std::ptr::null_mut(),
        }
    })
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
        let Some(a) = algo09(algo) else { return MHD_NO };
        // SAFETY: NUL-terminated string from the application.
        let pw = || unsafe { c_bytes(password) }.map(<[u8]>::to_vec);
        old_result(run_check(
            connection,
            realm,
            username,
            pw,
            false,
            nonce_timeout,
            &[a],
        ))
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
        let Some(a) = algo09(algo) else { return MHD_NO };
        if digest_ptr.is_null() || digest_size != a.size() {
            return MHD_NO;
        }
        // SAFETY: the application passes `digest_size` readable bytes.
        let d = || Some(unsafe { c_slice(digest_ptr, digest_size) }.to_vec());
        old_result(run_check(
            connection,
            realm,
            username,
            d,
            true,
            nonce_timeout,
            &[a],
        ))
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

fn queue_digest_fail(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    opaque: *const c_char,
    response: *mut MHD_Response,
    stale: bool,
    algos: &[Algo],
    extra: &[u8],
) -> c_int {
    let Some(conn) = conn_of(connection) else {
        return MHD_NO;
    };
    // SAFETY: NUL-terminated strings from the application.
    let Some(realm) = (unsafe { c_bytes(realm) }) else {
        return MHD_NO;
    };
    // SAFETY: as above (NULL allowed).
    let opaque = unsafe { c_bytes(opaque) };
    let Some(facts) = ReqFacts::of(conn) else {
        return MHD_NO;
    };
    let values: Vec<Vec<u8>> = algos
        .iter()
        .map(|&a| {
            let nonce = digest::new_nonce(a, &facts.request(), realm);
            let mut v = digest::challenge(a, realm, opaque, &nonce, stale);
            v.extend_from_slice(extra);
            v
        })
        .collect();
    queue_401(conn, response, &values)
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
        let Some(a) = algo09(algo) else { return MHD_NO };
        queue_digest_fail(
            connection,
            realm,
            opaque,
            response,
            signal_stale != MHD_NO,
            &[a],
            b"",
        )
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

const ALGO3_NON_SESSION: c_int = 1 << 6;
const ALGO3_SESSION: c_int = 1 << 7;

/// One `enum MHD_DigestAuthAlgo3` value (session variants allowed).
fn algo3(a: c_int) -> Option<(Algo, bool)> {
    let session = match a & (ALGO3_NON_SESSION | ALGO3_SESSION) {
        ALGO3_NON_SESSION => false,
        ALGO3_SESSION => true,
        _ => return None,
    };
    let base = match a & 0x3F {
        1 => Algo::Md5,
        2 => Algo::Sha256,
        4 => Algo::Sha512_256,
        _ => return None,
    };
    if a & !(0x3F | ALGO3_NON_SESSION | ALGO3_SESSION) != 0 {
        return None;
    }
    Some((base, session))
}

/// Non-session algorithms in an `enum MHD_DigestAuthMultiAlgo3` set (session variants
/// are not supported for checking).
fn multi_algo3(m: c_int) -> Vec<Algo> {
    if m & ALGO3_NON_SESSION == 0 {
        return Vec::new();
    }
    [(1, Algo::Md5), (2, Algo::Sha256), (4, Algo::Sha512_256)]
        .into_iter()
        .filter(|(bit, _)| m & bit != 0)
        .map(|(_, a)| a)
        .collect()
}

fn result3(o: Option<Outcome>) -> c_int {
    match o {
        None => 0,
        Some(o) => match o {
            Outcome::Ok => 1,
            Outcome::WrongHeader => -1,
            Outcome::WrongUsername => -2,
            Outcome::WrongRealm => -3,
            Outcome::WrongUri => -4,
            Outcome::WrongQop => -5,
            Outcome::WrongAlgo => -6,
            Outcome::NonceStale => -17,
            Outcome::NonceOtherCond => -18,
            Outcome::NonceWrong | Outcome::NcReplay => -33,
            Outcome::ResponseWrong => -34,
        },
    }
}

/// 1.0 default nonce timeout (seconds) when the caller passes 0.
const DEFAULT_NONCE_TIMEOUT: u32 = 90;

#[no_mangle]
pub extern "C" fn MHD_digest_get_hash_size(algo3_v: c_int) -> usize {
    guard(0, || algo3(algo3_v).map_or(0, |(a, _)| a.size()))
}

/// Writes `bytes` into the caller's buffer if it fits.
fn put(out: *mut c_void, size: usize, bytes: &[u8]) -> c_int {
    if out.is_null() || size < bytes.len() {
        return MHD_NO;
    }
    // SAFETY: the caller's buffer has `size` >= bytes.len() writable bytes.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), out.cast::<u8>(), bytes.len()) };
    MHD_YES
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_calc_userdigest(
    algo3_v: c_int,
    username: *const c_char,
    realm: *const c_char,
    password: *const c_char,
    userdigest_bin: *mut c_void,
    bin_buf_size: usize,
) -> c_int {
    guard(MHD_NO, || {
        let Some((a, _)) = algo3(algo3_v) else {
            return MHD_NO;
        };
        // SAFETY: NUL-terminated strings from the application.
        let (Some(u), Some(r), Some(p)) = (
            unsafe { c_bytes(username) },
            unsafe { c_bytes(realm) },
            unsafe { c_bytes(password) },
        ) else {
            return MHD_NO;
        };
        put(
            userdigest_bin,
            bin_buf_size,
            &digest::userdigest(a, u, r, p),
        )
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_calc_userhash(
    algo3_v: c_int,
    username: *const c_char,
    realm: *const c_char,
    userhash_bin: *mut c_void,
    bin_buf_size: usize,
) -> c_int {
    guard(MHD_NO, || {
        let Some((a, _)) = algo3(algo3_v) else {
            return MHD_NO;
        };
        // SAFETY: NUL-terminated strings from the application.
        let (Some(u), Some(r)) = (unsafe { c_bytes(username) }, unsafe { c_bytes(realm) }) else {
            return MHD_NO;
        };
        put(userhash_bin, bin_buf_size, &digest::userhash(a, u, r))
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_calc_userhash_hex(
    algo3_v: c_int,
    username: *const c_char,
    realm: *const c_char,
    userhash_hex: *mut c_char,
    hex_buf_size: usize,
) -> c_int {
    guard(MHD_NO, || {
        let Some((a, _)) = algo3(algo3_v) else {
            return MHD_NO;
        };
        // SAFETY: NUL-terminated strings from the application.
        let (Some(u), Some(r)) = (unsafe { c_bytes(username) }, unsafe { c_bytes(realm) }) else {
            return MHD_NO;
        };
        let mut h = digest::hex(&digest::userhash(a, u, r));
        h.push(0);
        put(userhash_hex.cast(), hex_buf_size, &h)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_check3(
    connection: *mut MHD_Connection,
    realm: *const c_char,
    username: *const c_char,
    password: *const c_char,
    nonce_timeout: c_uint,
    _max_nc: u32,
    mqop: c_int,
    malgo3: c_int,
) -> c_int {
    guard(0, || {
        if mqop & 0b11 == 0 {
            return -5;
        }
        let allowed = multi_algo3(malgo3);
        if allowed.is_empty() {
            return -6;
        }
        let t = if nonce_timeout == 0 {
            DEFAULT_NONCE_TIMEOUT
        } else {
            nonce_timeout
        };
        // SAFETY: NUL-terminated string from the application.
        let pw = || unsafe { c_bytes(password) }.map(<[u8]>::to_vec);
        result3(run_check(
            connection, realm, username, pw, false, t, &allowed,
        ))
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
    _max_nc: u32,
    mqop: c_int,
    malgo3: c_int,
) -> c_int {
    guard(0, || {
        if mqop & 0b11 == 0 {
            return -5;
        }
        // The digest has one size: only the algorithms of that size are possible.
        let allowed: Vec<Algo> = multi_algo3(malgo3)
            .into_iter()
            .filter(|a| a.size() == userdigest_size)
            .collect();
        if allowed.is_empty() || userdigest.is_null() {
            return -6;
        }
        let t = if nonce_timeout == 0 {
            DEFAULT_NONCE_TIMEOUT
        } else {
            nonce_timeout
        };
        // SAFETY: the application passes `userdigest_size` readable bytes.
        let d = || Some(unsafe { c_slice(userdigest.cast(), userdigest_size) }.to_vec());
        result3(run_check(connection, realm, username, d, true, t, &allowed))
    })
}

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

const UNAME_STANDARD: c_int = 1 << 2;
const UNAME_USERHASH: c_int = 1 << 1;

fn hex_decode(h: &[u8]) -> Option<Vec<u8>> {
    if h.len() % 2 != 0 {
        return None;
    }
    h.chunks(2)
        .map(|c| {
            std::str::from_utf8(c)
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
        })
        .collect()
}

#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_get_username3(
    connection: *mut MHD_Connection,
) -> *mut c_void {
    guard(std::ptr::null_mut(), || {
        let Some(p) = digest_params(connection) else {
            return std::ptr::null_mut();
        };
        let Some(user) = p.username else {
            return std::ptr::null_mut();
        };
        let Some(a) = Algo::from_param(p.algorithm.as_deref()) else {
            return std::ptr::null_mut();
        };
        let a3 = ALGO3_NON_SESSION
            | match a {
                Algo::Md5 => 1,
                Algo::Sha256 => 2,
                Algo::Sha512_256 => 4,
            };
        let is_hash = p
            .userhash
            .as_deref()
            .is_some_and(|u| u.eq_ignore_ascii_case(b"true"));
        if is_hash {
            let Some(bin) = hex_decode(&user).filter(|b| b.len() == a.size()) else {
                return std::ptr::null_mut();
            };
            let len = user.len();
            block::<UsernameInfo>(&[&user, &bin], |i, ptrs| {
                i.algo3 = a3;
                i.uname_type = UNAME_USERHASH;
                i.userhash_hex = ptrs[0];
                i.userhash_hex_len = len;
                i.userhash_bin = ptrs[1].cast();
            })
            .cast()
        } else {
            let len = user.len();
            block::<UsernameInfo>(&[&user], |i, ptrs| {
                i.algo3 = a3;
                i.uname_type = UNAME_STANDARD;
                i.username = ptrs[0];
                i.username_len = len;
            })
            .cast()
        }
    })
}

/// Not implemented: always NULL (documented in the README as missing).
#[no_mangle]
pub unsafe extern "C" fn MHD_digest_auth_get_request_info3(
    _connection: *mut MHD_Connection,
) -> *mut c_void {
    std::ptr::null_mut()
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
        if mqop & 0b10 == 0 {
            // Only qop=auth challenges are produced.
            return MHD_NO;
        }
        let allowed = multi_algo3(malgo3);
        if allowed.is_empty() {
            return MHD_NO;
        }
        let mut extra = Vec::new();
        // SAFETY: NUL-terminated string from the application (NULL allowed).
        if let Some(d) = unsafe { c_bytes(domain) } {
            extra.extend_from_slice(b",domain=");
            crate::auth::quote_into(&mut extra, d);
        }
        if userhash_support != MHD_NO {
            extra.extend_from_slice(b",userhash=true");
        }
        if prefer_utf8 != MHD_NO {
            extra.extend_from_slice(b",charset=UTF-8");
        }
        queue_digest_fail(
            connection,
            realm,
            opaque,
            response,
            signal_stale != MHD_NO,
            &allowed,
            &extra,
        )
    })
}
