//! The application's C callbacks, presented to the core as one `Application`.

use std::ffi::CString;
use std::os::raw::{c_char, c_int, c_uint, c_void};

use super::types::*;
use super::{connection_handle, SendPtr};
use crate::connection::{AccessCall, Application, Connection, Termination};

extern "C" {
    /// C shim (variadic.c): calls an `MHD_LogCallback` with a real `va_list` for "%s".
    fn mhdrs_call_logger(logger: *mut c_void, cls: *mut c_void, message: *const c_char);
}

pub type Logger = *mut c_void;

pub struct CApp {
    pub handler: AccessHandler,
    pub handler_cls: SendPtr,
    pub accept_policy: Option<(AcceptPolicy, SendPtr)>,
    pub completed: Option<(RequestCompleted, SendPtr)>,
    pub notify_connection: Option<(NotifyConnection, SendPtr)>,
    pub uri_log: Option<(UriLog, SendPtr)>,
    pub logger: Option<(SendPtr, SendPtr)>,
    pub unescape: Option<(UnescapeCallback, SendPtr)>,
}

/// MHD_CONNECTION_NOTIFY_STARTED / _CLOSED.
const NOTIFY_STARTED: c_uint = 0;
const NOTIFY_CLOSED: c_uint = 1;

impl CApp {
    pub fn log_message(&self, message: &str) {
        let line = CString::new(format!("{message}\n").replace('\0', " ")).unwrap_or_default();
        match self.logger {
            // SAFETY: the logger and its closure were registered by the application with
            // MHD_OPTION_EXTERNAL_LOGGER; the message is a valid NUL-terminated string.
            Some((f, cls)) => unsafe { mhdrs_call_logger(f.0, cls.0, line.as_ptr()) },
            // Never `eprint!`: it panics when stderr fails (ENOSPC, EPIPE), and one log line
            // must not take a loop thread down; 0.9.75 ignores write errors too.
            None => {
                use std::io::Write;
                let _ = std::io::stderr().write_all(line.as_bytes());
            }
        }
    }
}

impl Application for CApp {
    fn access(&self, conn: &Connection, call: &mut AccessCall<'_>) -> bool {
        let mut con_cls = call.con_cls as *mut c_void;
        // MHD passes NULL upload data when there is none.
        let upload = if call.upload.is_empty() {
            std::ptr::null()
        } else {
            call.upload.as_ptr().cast::<c_char>()
        };
        let mut upload_size = call.upload.len();
        // SAFETY: the handler was registered by the application; the strings are
        // NUL-terminated and owned by the connection for the duration of the request, the
        // upload pointer covers `upload_size` bytes, and the out-pointers are live locals.
        let result: c_int = unsafe {
            (self.handler)(
                self.handler_cls.0,
                connection_handle(conn),
                call.url.as_ptr().cast(),
                call.method.as_ptr().cast(),
                call.version.as_ptr().cast(),
                upload,
                &mut upload_size,
                &mut con_cls,
            )
        };
        call.con_cls = con_cls as usize;
        call.upload_left = upload_size;
        result == MHD_YES
    }

    fn completed(&self, conn: &Connection, con_cls: &mut usize, why: Termination) {
        if let Some((f, cls)) = self.completed {
            let mut ptr = *con_cls as *mut c_void;
            // SAFETY: callback registered with MHD_OPTION_NOTIFY_COMPLETED; `ptr` is a live local.
            unsafe { f(cls.0, connection_handle(conn), &mut ptr, why as c_uint) };
            *con_cls = ptr as usize;
        }
    }

    fn connection_event(&self, conn: &Connection, socket_context: &mut usize, started: bool) {
        if let Some((f, cls)) = self.notify_connection {
            let mut ptr = *socket_context as *mut c_void;
            let toe = if started {
                NOTIFY_STARTED
            } else {
                NOTIFY_CLOSED
            };
            // SAFETY: callback registered with MHD_OPTION_NOTIFY_CONNECTION; `ptr` is a live local.
            unsafe { f(cls.0, connection_handle(conn), &mut ptr, toe) };
            *socket_context = ptr as usize;
        }
    }

    fn uri_log(&self, conn: &Connection, uri: crate::request::NulStr<'_>) -> Option<usize> {
        let (f, cls) = self.uri_log?;
        // SAFETY: callback registered with MHD_OPTION_URI_LOG_CALLBACK; `uri` is the
        // connection's NUL-terminated request target, valid for the request.
        let result = unsafe { f(cls.0, uri.as_ptr().cast(), connection_handle(conn)) };
        Some(result as usize)
    }

    fn unescape(&self, conn: &Connection, with_nul: &mut [u8]) -> Option<usize> {
        let (f, cls) = self.unescape?;
        // SAFETY: the application's unescape callback, given a writable NUL-terminated string
        // (the slice ends with the NUL); it may only shorten the string in place.
        let n = unsafe { f(cls.0, connection_handle(conn), with_nul.as_mut_ptr().cast()) };
        Some(n.min(with_nul.len() - 1))
    }

    fn accept(&self, addr: &socket2::SockAddr) -> bool {
        match self.accept_policy {
            // SAFETY: the policy callback was passed to MHD_start_daemon; `addr` is a valid sockaddr.
            Some((f, cls)) => (unsafe { f(cls.0, addr.as_ptr().cast(), addr.len()) }) == MHD_YES,
            None => true,
        }
    }

    fn log(&self, message: &str) {
        self.log_message(message);
    }
}

/// Asks the application's `MHD_OPTION_GNUTLS_PSK_CRED_HANDLER` for the key of `user`
/// (`user_ptr`: the session's user pointer, the connection's handle or 0).
pub(super) fn psk_lookup(
    f: PskCallback,
    cls: SendPtr,
    user_ptr: usize,
    user: &[u8],
) -> Option<Vec<u8>> {
    let user = CString::new(user).ok()?;
    let mut psk: *mut c_void = std::ptr::null_mut();
    let mut size = 0usize;
    // SAFETY: the application's callback with a NUL-terminated name and live out-pointers.
    let rc = unsafe {
        f(
            cls.0,
            user_ptr as *const MHD_Connection,
            user.as_ptr(),
            &mut psk,
            &mut size,
        )
    };
    if rc != 0 || psk.is_null() {
        return None;
    }
    // SAFETY: the callback stored a malloc'd key of `size` bytes, now ours to free.
    let key = unsafe { super::c_slice(psk.cast_const().cast(), size) }.to_vec();
    // SAFETY: as above; freed once.
    unsafe { libc::free(psk) };
    Some(key)
}
