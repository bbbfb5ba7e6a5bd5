//! The application's side of the core: every callback the C API lets a program register,
//! as one trait. `src/ffi` implements it over C function pointers; tests implement it in Rust.

use std::io::Write;

use super::Connection;
use crate::request::NulStr;

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

/// Arguments of one access-handler call. The strings live in the connection until the
/// request completes (the C API hands out their addresses).
pub struct AccessCall<'a> {
    pub url: NulStr<'a>,
    pub method: NulStr<'a>,
    pub version: NulStr<'a>,
    /// Upload data offered by this call (empty when none).
    pub upload: &'a [u8],
    /// Out: how many bytes of `upload` the handler left unconsumed (in: all of them).
    pub upload_left: usize,
    pub con_cls: usize,
}

pub trait Application: Send + Sync {
    /// The access handler. `false` = `MHD_NO`: close the connection without a response.
    fn access(&self, conn: &Connection, call: &mut AccessCall<'_>) -> bool;
    /// `MHD_OPTION_NOTIFY_COMPLETED`.
    fn completed(&self, _conn: &Connection, _con_cls: &mut usize, _why: Termination) {}
    /// `MHD_OPTION_NOTIFY_CONNECTION` (`started` = true on accept, false on close).
    fn connection_event(&self, _conn: &Connection, _socket_context: &mut usize, _started: bool) {}
    /// `MHD_OPTION_URI_LOG_CALLBACK`: gets the raw request target; the result becomes `con_cls`.
    fn uri_log(&self, _conn: &Connection, _uri: NulStr<'_>) -> Option<usize> {
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
        // Never `eprintln!`: it panics when stderr fails (ENOSPC, EPIPE), and a log line
        // must not take the server down.
        let _ = writeln!(std::io::stderr(), "{message}");
    }
}
