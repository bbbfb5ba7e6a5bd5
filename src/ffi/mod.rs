//! The C ABI of `microhttpd.h`: every `extern "C"` function of the library lives below
//! this module, and only here. Each one runs inside [`guard`] (no panic unwinds into C),
//! checks its pointers, and answers bad input as libmicrohttpd does (`MHD_NO`, `NULL`).

// The exported functions' contracts are those documented in include/microhttpd.h; the
// `unsafe extern "C"` signatures exist for C callers, not Rust ones.
#![allow(clippy::missing_safety_doc)]
// The C boundary: the one layer besides `sys` where `unsafe` is allowed.
#![allow(unsafe_code)]

pub mod app;
pub mod auth;
pub mod connection;
pub mod daemon;
mod handle;
pub mod misc;
pub mod options;
pub mod postprocessor;
pub mod response;
pub mod types;
mod variadic;

use std::panic::{catch_unwind, AssertUnwindSafe};

pub use types::*;

/// Runs `f`, turning a panic into `fallback` (after reporting it through the panic callback).
pub(crate) fn guard<R>(fallback: R, f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let reason = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "internal error".to_owned());
            misc::report_panic(&reason);
            fallback
        }
    }
}

impl handle::Castable for MHD_Connection {
    type Rust = crate::connection::Connection;
}
impl handle::RefCastable for MHD_Connection {}

/// Borrows the connection behind a C handle.
///
/// # Safety
/// `ptr` is NULL or a `struct MHD_Connection *` this library handed out that is still open.
pub(crate) unsafe fn connection<'a>(
    ptr: *mut MHD_Connection,
) -> Option<&'a crate::connection::Connection> {
    // SAFETY: forwarded contract (see `handle`).
    unsafe { handle::try_ref(ptr) }
}

/// The C handle of a connection.
pub(crate) fn connection_handle(conn: &crate::connection::Connection) -> *mut MHD_Connection {
    handle::ref_ptr(conn)
}

/// Bytes of a NUL-terminated C string (None for NULL).
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string valid for the returned lifetime.
pub(crate) unsafe fn c_bytes<'a>(ptr: *const std::os::raw::c_char) -> Option<&'a [u8]> {
    // SAFETY: guaranteed by the caller, see above.
    (!ptr.is_null()).then(|| unsafe { std::ffi::CStr::from_ptr(ptr) }.to_bytes())
}

/// A byte slice from a C pointer and length (empty for NULL or 0).
///
/// # Safety
/// `ptr` is NULL or valid for reads of `len` bytes for the returned lifetime.
pub(crate) unsafe fn c_slice<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: guaranteed by the caller, see above.
        unsafe { std::slice::from_raw_parts(ptr, len) }
    }
}
