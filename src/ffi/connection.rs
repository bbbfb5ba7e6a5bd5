//! Per-connection API: request values, queueing responses, suspend/resume, connection info.

use std::os::raw::{c_char, c_int, c_uint, c_void};

use super::types::*;
use super::{c_bytes, c_slice, connection, guard};
use crate::connection::Connection;

/// Pointers collected before calling an iterator, so no borrow is held while user code runs
/// (the iterator may call `MHD_set_connection_value`).
struct Collected {
    kind: c_uint,
    key: *const c_char,
    key_len: usize,
    value: *const c_char,
    value_len: usize,
}

fn collect(conn: &Connection, mask: u32) -> Vec<Collected> {
    let mut out = Vec::new();
    conn.for_each_value(mask, |v| {
        out.push(Collected {
            kind: v.kind,
            key: v.key.as_ptr().cast(),
            key_len: v.key_str().len(),
            value: v.value.map_or(std::ptr::null(), |s| s.as_ptr().cast()),
            value_len: v.value_str().map_or(0, <[u8]>::len),
        });
        true
    });
    out
}

/// Calls `call` for each value of a kind in `mask` until it returns false; the number of
/// values visited (or all matching values without an iterator), -1 for a NULL connection.
fn iterate(
    connection_ptr: *mut MHD_Connection,
    mask: c_uint,
    has_iterator: bool,
    mut call: impl FnMut(&Collected) -> bool,
) -> c_int {
    // SAFETY: see `connection`.
    let Some(conn) = (unsafe { connection(connection_ptr) }) else {
        return -1;
    };
    if !has_iterator {
        return conn.for_each_value(mask, |_| true) as c_int;
    }
    let values = collect(conn, mask);
    let mut n = 0;
    for v in &values {
        n += 1;
        if !call(v) {
            break;
        }
    }
    n
}

#[no_mangle]
pub unsafe extern "C" fn MHD_get_connection_values(
    connection_ptr: *mut MHD_Connection,
    kind: c_uint,
    iterator: Option<KeyValueIterator>,
    iterator_cls: *mut c_void,
) -> c_int {
    guard(-1, || {
        iterate(connection_ptr, kind, iterator.is_some(), |v| {
            let Some(it) = iterator else { return false };
            // SAFETY: the application's iterator; strings are NUL-terminated and owned by
            // the connection (stable while the request lives).
            unsafe { it(iterator_cls, v.kind, v.key, v.value) == MHD_YES }
        })
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_get_connection_values_n(
    connection_ptr: *mut MHD_Connection,
    kind: c_uint,
    iterator: Option<KeyValueIteratorN>,
    iterator_cls: *mut c_void,
) -> c_int {
    guard(-1, || {
        iterate(connection_ptr, kind, iterator.is_some(), |v| {
            let Some(it) = iterator else { return false };
            // SAFETY: as in MHD_get_connection_values, with explicit lengths.
            unsafe { it(iterator_cls, v.kind, v.key, v.key_len, v.value, v.value_len) == MHD_YES }
        })
    })
}

/// Finds the first value of a kind in `mask` whose key equals `key` (case-insensitively);
/// `None` key matches nothing (our values always have keys).
fn lookup(conn: &Connection, mask: u32, key: Option<&[u8]>) -> Option<(*const c_char, usize)> {
    let key = key?;
    let mut found = None;
    conn.for_each_value(mask, |v| {
        if v.key_str().eq_ignore_ascii_case(key) {
            found = Some((
                v.value.map_or(std::ptr::null(), |s| s.as_ptr().cast()),
                v.value_str().map_or(0, <[u8]>::len),
            ));
            return false;
        }
        true
    });
    found
}

#[no_mangle]
pub unsafe extern "C" fn MHD_lookup_connection_value(
    connection_ptr: *mut MHD_Connection,
    kind: c_uint,
    key: *const c_char,
) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: see `connection`; `key` is NULL or NUL-terminated.
        let (Some(conn), key) = (unsafe { connection(connection_ptr) }, unsafe {
            c_bytes(key)
        }) else {
            return std::ptr::null();
        };
        lookup(conn, kind, key).map_or(std::ptr::null(), |(v, _)| v)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_lookup_connection_value_n(
    connection_ptr: *mut MHD_Connection,
    kind: c_uint,
    key: *const c_char,
    key_size: usize,
    value_ptr: *mut *const c_char,
    value_size_ptr: *mut usize,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: see `connection`.
        let Some(conn) = (unsafe { connection(connection_ptr) }) else {
            return MHD_NO;
        };
        // SAFETY: `key` is NULL or valid for `key_size` bytes.
        let key = (!key.is_null()).then(|| unsafe { c_slice(key.cast(), key_size) });
        let Some((value, len)) = lookup(conn, kind, key) else {
            return MHD_NO;
        };
        if !value_ptr.is_null() {
            // SAFETY: non-NULL out-pointer from the caller.
            unsafe { *value_ptr = value };
        }
        if !value_size_ptr.is_null() {
            // SAFETY: non-NULL out-pointer from the caller.
            unsafe { *value_size_ptr = len };
        }
        MHD_YES
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_set_connection_value(
    connection_ptr: *mut MHD_Connection,
    kind: c_uint,
    key: *const c_char,
    value: *const c_char,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: see `connection`; strings NULL or NUL-terminated.
        let (Some(conn), Some(key)) = (unsafe { connection(connection_ptr) }, unsafe {
            c_bytes(key)
        }) else {
            return MHD_NO;
        };
        // SAFETY: `value` is NULL or NUL-terminated.
        conn.add_user_value(kind, key, unsafe { c_bytes(value) });
        MHD_YES
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_set_connection_value_n(
    connection_ptr: *mut MHD_Connection,
    kind: c_uint,
    key: *const c_char,
    key_size: usize,
    value: *const c_char,
    value_size: usize,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: see `connection`.
        let Some(conn) = (unsafe { connection(connection_ptr) }) else {
            return MHD_NO;
        };
        if key.is_null() {
            return MHD_NO;
        }
        // SAFETY: buffers valid for the given sizes.
        let key = unsafe { c_slice(key.cast(), key_size) };
        // SAFETY: as above.
        let value = (!value.is_null()).then(|| unsafe { c_slice(value.cast(), value_size) });
        conn.add_user_value(kind, key, value);
        MHD_YES
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_queue_response(
    connection_ptr: *mut MHD_Connection,
    status_code: c_uint,
    response: *mut MHD_Response,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: see `connection`.
        let Some(conn) = (unsafe { connection(connection_ptr) }) else {
            return MHD_NO;
        };
        let Some(resp) = super::response::from_handle(response) else {
            return MHD_NO;
        };
        match conn.queue_response(status_code, resp) {
            Ok(()) => MHD_YES,
            Err(crate::connection::QueueError::BadStatus) => {
                conn.env().log(&format!(
                    "Refused wrong status code ({status_code}). HTTP requires three digits status code!"
                ));
                MHD_NO
            }
            Err(_) => MHD_NO,
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_suspend_connection(connection_ptr: *mut MHD_Connection) {
    guard((), || {
        // SAFETY: see `connection`.
        let Some(conn) = (unsafe { connection(connection_ptr) }) else {
            return;
        };
        if !conn.suspend() {
            // A programming error for libmicrohttpd: its panic callback (or abort).
            super::misc::fatal_usage_error(
                "Cannot suspend connections without enabling MHD_ALLOW_SUSPEND_RESUME!\n",
            );
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_resume_connection(connection_ptr: *mut MHD_Connection) {
    guard((), || {
        // SAFETY: see `connection`. Only the connection's immutable identity and atomics are
        // touched, so this is sound from any thread.
        let Some(conn) = (unsafe { connection(connection_ptr) }) else {
            return;
        };
        if !conn.env().settings.suspend_resume {
            conn.env()
                .log("Cannot resume connections without enabling MHD_ALLOW_SUSPEND_RESUME!");
            return;
        }
        conn.remote().request_resume();
    })
}

/// `enum MHD_ConnectionInfoType` values.
mod info {
    pub const CIPHER_ALGO: i32 = 0;
    pub const PROTOCOL: i32 = 1;
    pub const CLIENT_ADDRESS: i32 = 2;
    pub const GNUTLS_SESSION: i32 = 3;
    pub const GNUTLS_CLIENT_CERT: i32 = 4;
    pub const DAEMON: i32 = 5;
    pub const CONNECTION_FD: i32 = 6;
    pub const SOCKET_CONTEXT: i32 = 7;
    pub const CONNECTION_SUSPENDED: i32 = 8;
    pub const CONNECTION_TIMEOUT: i32 = 9;
    pub const REQUEST_HEADER_SIZE: i32 = 10;
    pub const HTTP_STATUS: i32 = 11;
}

pub(super) unsafe extern "C" fn get_connection_info(
    connection_ptr: *mut c_void,
    info_type: c_int,
) -> *const c_void {
    guard(std::ptr::null(), || {
        // SAFETY: see `connection`.
        let Some(conn) = (unsafe { connection(connection_ptr.cast()) }) else {
            return std::ptr::null();
        };
        let Some(slot) = conn.info_slot(info_type.max(0) as usize) else {
            return std::ptr::null();
        };
        let answer = |value: u64| {
            slot.set(value);
            slot.as_ptr().cast_const().cast::<c_void>()
        };
        match info_type {
            // HTTPS only (NULL for plain connections, as libmicrohttpd).
            info::CIPHER_ALGO => conn
                .with_tls(|t| answer(t.cipher_algorithm() as u32 as u64))
                .unwrap_or(std::ptr::null()),
            info::PROTOCOL => conn
                .with_tls(|t| answer(t.protocol() as u32 as u64))
                .unwrap_or(std::ptr::null()),
            info::GNUTLS_SESSION => conn
                .with_tls(|t| answer(t.raw_session() as u64))
                .unwrap_or(std::ptr::null()),
            // Documented as never implemented by 0.9.75, which answers NULL.
            info::GNUTLS_CLIENT_CERT => std::ptr::null(),
            info::CLIENT_ADDRESS => answer(conn.peer().as_ptr() as u64),
            info::DAEMON => {
                answer(conn.env().owner.load(std::sync::atomic::Ordering::Acquire) as u64)
            }
            info::CONNECTION_FD => answer(conn.fd() as u32 as u64),
            info::SOCKET_CONTEXT => conn.socket_context().as_ptr().cast_const().cast(),
            info::CONNECTION_SUSPENDED => answer(u64::from(conn.is_suspended())),
            info::CONNECTION_TIMEOUT => answer(
                conn.timeout()
                    .map_or(0, |t| t.as_secs())
                    .min(u64::from(u32::MAX)),
            ),
            info::REQUEST_HEADER_SIZE => {
                if conn.request().head.is_none() {
                    return std::ptr::null();
                }
                answer(conn.header_size() as u64)
            }
            info::HTTP_STATUS => match conn.status() {
                0 => std::ptr::null(),
                s => answer(u64::from(s)),
            },
            _ => std::ptr::null(),
        }
    })
}

/// `MHD_CONNECTION_OPTION_TIMEOUT`.
const OPTION_TIMEOUT: c_int = 0;

pub(super) unsafe extern "C" fn set_connection_option(
    connection_ptr: *mut c_void,
    option: c_int,
    value: c_uint,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: see `connection`.
        let Some(conn) = (unsafe { connection(connection_ptr.cast()) }) else {
            return MHD_NO;
        };
        match option {
            OPTION_TIMEOUT => {
                conn.set_timeout(value);
                MHD_YES
            }
            _ => MHD_NO,
        }
    })
}
