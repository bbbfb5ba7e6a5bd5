//! The application's side of the core: every callback the C API lets a program register,
//! as one trait. `src/ffi` implements it over C function pointers; tests implement it in Rust.

use std::os::raw::c_char;

use crate::connection::Connection;

/// Why a request ended, with libmicrohttpd's `enum MHD_RequestTerminationCode` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Termination {
    CompletedOk = 0,
    WithError = 1,
    TimeoutReached = 2,
    DaemonShutdown = 3,
    ReadError = 4,
    ClientAbort = 5,
}

/// Arguments of one access-handler call. Pointers are NUL-terminated strings owned by the
/// connection; they stay valid until the request completes.
pub struct AccessCall {
    pub url: *const c_char,
    pub method: *const c_char,
    pub version: *const c_char,
    /// Upload data (NULL when `upload_size` is 0); valid for the duration of the call.
    pub upload: *const c_char,
    /// In: bytes offered. Out: bytes left unconsumed.
    pub upload_size: usize,
    pub con_cls: usize,
}

pub trait Application: Send + Sync {
    /// The access handler. `false` = `MHD_NO`: close the connection without a response.
    fn access(&self, conn: &Connection, call: &mut AccessCall) -> bool;
    /// `MHD_OPTION_NOTIFY_COMPLETED`.
    fn completed(&self, _conn: &Connection, _con_cls: &mut usize, _why: Termination) {}
    /// `MHD_OPTION_NOTIFY_CONNECTION` (`started` = true on accept, false on close).
    fn connection_event(&self, _conn: &Connection, _socket_context: &mut usize, _started: bool) {}
    /// `MHD_OPTION_URI_LOG_CALLBACK`: gets the raw request target; the result becomes `con_cls`.
    fn uri_log(&self, _conn: &Connection, _uri: *const c_char) -> Option<usize> {
        None
    }
    /// `MHD_OPTION_UNESCAPE_CALLBACK`: decodes a NUL-terminated URL path or GET argument in
    /// place and returns its new length; None = the built-in `%XX` decoding.
    fn unescape(&self, _conn: &Connection, _with_nul: &mut [u8]) -> Option<usize> {
        None
    }
    /// `MHD_OPTION_ACCEPT_POLICY` (the `apc` of `MHD_start_daemon`).
    fn accept(&self, _addr: &socket2::SockAddr) -> bool {
        true
    }
    /// Error log (`MHD_OPTION_EXTERNAL_LOGGER`, or stderr), only called when logging is on.
    fn log(&self, message: &str) {
        eprintln!("{message}");
    }
}
