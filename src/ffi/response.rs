//! Creating, decorating and releasing responses. A `struct MHD_Response *` is an
//! `Arc<Response>` turned into a raw pointer: `MHD_queue_response` clones it, and
//! `MHD_destroy_response` drops the application's reference.

use std::os::raw::{c_char, c_int, c_uint, c_void};
use std::sync::Arc;

use super::types::*;
use super::{c_bytes, c_slice, guard, handle, SendPtr};
use crate::http::head::kind;
use crate::response::{Body, ContentReader as CoreReader, ReadResult, Response, StaticBody};

/// `MHD_SIZE_UNKNOWN`.
const SIZE_UNKNOWN: u64 = u64::MAX;

impl handle::Castable for MHD_Response {
    type Rust = Response;
}
impl handle::ArcCastable for MHD_Response {}

fn into_handle(response: Response) -> *mut MHD_Response {
    handle::to_arc_ptr(Arc::new(response))
}

/// A new strong reference to the response behind a handle (None for NULL).
pub(crate) fn from_handle(ptr: *mut MHD_Response) -> Option<Arc<Response>> {
    // SAFETY: a non-NULL handle came from `into_handle` and the application still holds its
    // reference (it has not called MHD_destroy_response yet).
    unsafe { handle::try_clone_arc(ptr) }
}

/// Borrows the response behind a handle.
///
/// # Safety
/// `ptr` is NULL or a live handle.
unsafe fn borrow<'a>(ptr: *mut MHD_Response) -> Option<&'a Response> {
    // SAFETY: forwarded contract.
    unsafe { handle::try_ref(ptr) }
}

/// Application memory used as a body, with what to do when the response is freed.
struct ForeignBuffer {
    ptr: SendPtr,
    len: usize,
    release: Release,
}

enum Release {
    Nothing,
    Free,
    Callback(ContentReaderFree, SendPtr),
}

impl StaticBody for ForeignBuffer {
    fn bytes(&self) -> &[u8] {
        // SAFETY: the application guarantees the buffer lives (unchanged) until the response
        // is destroyed, which is when `self` is dropped.
        unsafe { c_slice(self.ptr.0.cast_const().cast(), self.len) }
    }
}

impl Drop for ForeignBuffer {
    fn drop(&mut self) {
        match self.release {
            Release::Nothing => {}
            // SAFETY: MHD_RESPMEM_MUST_FREE: the buffer was malloc'd and is ours to free.
            Release::Free => unsafe { libc::free(self.ptr.0) },
            // SAFETY: the application's free callback with its own argument, called once.
            Release::Callback(f, cls) => unsafe { f(cls.0) },
        }
    }
}

fn buffer_response(size: usize, buffer: *mut c_void, release: Release) -> *mut MHD_Response {
    if buffer.is_null() && size > 0 {
        return std::ptr::null_mut();
    }
    into_handle(Response::new(Body::Static(Box::new(ForeignBuffer {
        ptr: SendPtr(buffer),
        len: size,
        release,
    }))))
}

/// `enum MHD_ResponseMemoryMode`.
const RESPMEM_PERSISTENT: c_uint = 0;
const RESPMEM_MUST_FREE: c_uint = 1;
const RESPMEM_MUST_COPY: c_uint = 2;

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_buffer(
    size: usize,
    buffer: *mut c_void,
    mode: c_uint,
) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || match mode {
        RESPMEM_PERSISTENT => buffer_response(size, buffer, Release::Nothing),
        RESPMEM_MUST_FREE => buffer_response(size, buffer, Release::Free),
        RESPMEM_MUST_COPY => {
            if buffer.is_null() && size > 0 {
                return std::ptr::null_mut();
            }
            // SAFETY: the caller's buffer is valid for `size` bytes during this call.
            let copy = unsafe { c_slice(buffer.cast_const().cast(), size) }.to_vec();
            into_handle(Response::new(Body::Owned(copy)))
        }
        _ => std::ptr::null_mut(),
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_data(
    size: usize,
    data: *mut c_void,
    must_free: c_int,
    must_copy: c_int,
) -> *mut MHD_Response {
    let mode = if must_copy != 0 {
        RESPMEM_MUST_COPY
    } else if must_free != 0 {
        RESPMEM_MUST_FREE
    } else {
        RESPMEM_PERSISTENT
    };
    // SAFETY: forwards the caller's arguments.
    let response = unsafe { MHD_create_response_from_buffer(size, data, mode) };
    if must_copy != 0 && must_free != 0 && !response.is_null() {
        // SAFETY: copied already; the original is ours to free as the caller asked.
        unsafe { libc::free(data) };
    }
    response
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_buffer_with_free_callback(
    size: usize,
    buffer: *mut c_void,
    crfc: Option<ContentReaderFree>,
) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || match crfc {
        Some(f) => buffer_response(size, buffer, Release::Callback(f, SendPtr(buffer))),
        None => buffer_response(size, buffer, Release::Nothing),
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_buffer_with_free_callback_cls(
    size: usize,
    buffer: *mut c_void,
    crfc: Option<ContentReaderFree>,
    crfc_cls: *mut c_void,
) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || match crfc {
        Some(f) => buffer_response(size, buffer, Release::Callback(f, SendPtr(crfc_cls))),
        None => buffer_response(size, buffer, Release::Nothing),
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_buffer_static(
    size: usize,
    buffer: *const c_void,
) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || {
        buffer_response(size, buffer.cast_mut(), Release::Nothing)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_buffer_copy(
    size: usize,
    buffer: *const c_void,
) -> *mut MHD_Response {
    // SAFETY: forwards the caller's arguments.
    unsafe { MHD_create_response_from_buffer(size, buffer.cast_mut(), RESPMEM_MUST_COPY) }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_empty(flags: c_uint) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || {
        let response = Response::new(Body::Owned(Vec::new()));
        response.meta().flags = response_flags(flags);
        into_handle(response)
    })
}

/// A body produced by the application's `MHD_ContentReaderCallback`.
struct CallbackReader {
    crc: ContentReader,
    cls: SendPtr,
    free: Option<ContentReaderFree>,
}

/// `MHD_CONTENT_READER_END_OF_STREAM` / `_END_WITH_ERROR` as `ssize_t`.
const END_OF_STREAM: isize = -1;

impl CoreReader for CallbackReader {
    fn read(&self, pos: u64, buf: &mut [u8]) -> ReadResult {
        // SAFETY: the application's reader, given a writable buffer of `buf.len()` bytes.
        let n = unsafe { (self.crc)(self.cls.0, pos, buf.as_mut_ptr().cast(), buf.len()) };
        match n {
            0 => ReadResult::Pause,
            END_OF_STREAM => ReadResult::End,
            n if n < 0 => ReadResult::Error,
            n => ReadResult::Data(n as usize),
        }
    }
}

impl Drop for CallbackReader {
    fn drop(&mut self) {
        if let Some(f) = self.free {
            // SAFETY: the application's free callback, called exactly once.
            unsafe { f(self.cls.0) };
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_callback(
    size: u64,
    block_size: usize,
    crc: Option<ContentReader>,
    crc_cls: *mut c_void,
    crfc: Option<ContentReaderFree>,
) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || {
        let Some(crc) = crc else {
            return std::ptr::null_mut();
        };
        if block_size == 0 {
            return std::ptr::null_mut();
        }
        let reader = CallbackReader {
            crc,
            cls: SendPtr(crc_cls),
            free: crfc,
        };
        let size = (size != SIZE_UNKNOWN).then_some(size);
        into_handle(Response::new(Body::Reader {
            reader: Box::new(reader),
            size,
            block_size,
        }))
    })
}

fn fd_response(size: Option<u64>, fd: c_int, offset: u64, pipe: bool) -> *mut MHD_Response {
    if fd < 0 || i64::try_from(offset).is_err() {
        return std::ptr::null_mut();
    }
    // SAFETY: the application hands ownership of `fd` to the response (MHD closes it).
    let fd = unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) };
    let reader = crate::response::FdReader::new(fd, offset, pipe);
    into_handle(Response::new(Body::Reader {
        reader: Box::new(reader),
        size,
        block_size: 64 * 1024,
    }))
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_fd(size: usize, fd: c_int) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || {
        fd_response(Some(size as u64), fd, 0, false)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_fd64(size: u64, fd: c_int) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || {
        fd_response((size != SIZE_UNKNOWN).then_some(size), fd, 0, false)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_fd_at_offset(
    size: usize,
    fd: c_int,
    offset: libc::off_t,
) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || {
        if offset < 0 {
            return std::ptr::null_mut();
        }
        fd_response(Some(size as u64), fd, offset as u64, false)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_fd_at_offset64(
    size: u64,
    fd: c_int,
    offset: u64,
) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || {
        fd_response((size != SIZE_UNKNOWN).then_some(size), fd, offset, false)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_pipe(fd: c_int) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || fd_response(None, fd, 0, true))
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_from_iovec(
    iov: *const MHD_IoVec,
    iovcnt: c_uint,
    free_cb: Option<ContentReaderFree>,
    cls: *mut c_void,
) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || {
        if iov.is_null() && iovcnt > 0 {
            return std::ptr::null_mut();
        }
        // SAFETY: `iovcnt` entries at `iov`, each valid for its length now.
        let entries = if iovcnt == 0 {
            &[][..]
        } else {
            unsafe { std::slice::from_raw_parts(iov, iovcnt as usize) }
        };
        let mut body = Vec::new();
        for e in entries {
            // SAFETY: as above.
            body.extend_from_slice(unsafe { c_slice(e.iov_base.cast(), e.iov_len) });
        }
        // The data is copied, so the application's free callback runs with the response's end,
        // as libmicrohttpd documents, through a zero-length foreign buffer.
        let keep = free_cb.map(|f| ForeignBuffer {
            ptr: SendPtr(std::ptr::null_mut()),
            len: 0,
            release: Release::Callback(f, SendPtr(cls)),
        });
        into_handle(Response::new(Body::Owned(body)).with_guard(keep))
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_destroy_response(response: *mut MHD_Response) {
    guard((), || {
        // SAFETY: the application gives back the reference it got at creation.
        unsafe { handle::free_arc(response) }
    })
}

fn add_entry(
    response: *mut MHD_Response,
    kind_bits: u32,
    name: *const c_char,
    value: *const c_char,
) -> c_int {
    // SAFETY: handle and strings from the application (NULL-checked).
    let (Some(r), Some(name), Some(value)) = (
        unsafe { borrow(response) },
        unsafe { c_bytes(name) },
        unsafe { c_bytes(value) },
    ) else {
        return MHD_NO;
    };
    match r.add(kind_bits, name, value) {
        Ok(()) => MHD_YES,
        Err(_) => MHD_NO,
    }
}

/// `enum MHD_ResponseFlags` in Rust terms.
fn response_flags(bits: c_uint) -> crate::response::Flags {
    crate::response::Flags {
        http10_only: bits & 1 != 0,
        http10_response: bits & 2 != 0,
        own_content_length: bits & 4 != 0,
        keep_alive_header: bits & 8 != 0,
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_add_response_header(
    response: *mut MHD_Response,
    header: *const c_char,
    content: *const c_char,
) -> c_int {
    guard(MHD_NO, || {
        add_entry(response, kind::RESPONSE_HEADER, header, content)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_add_response_footer(
    response: *mut MHD_Response,
    footer: *const c_char,
    content: *const c_char,
) -> c_int {
    guard(MHD_NO, || {
        add_entry(response, kind::FOOTER, footer, content)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_del_response_header(
    response: *mut MHD_Response,
    header: *const c_char,
    content: *const c_char,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: handle and strings from the application (NULL-checked).
        let (Some(r), Some(name), Some(value)) = (
            unsafe { borrow(response) },
            unsafe { c_bytes(header) },
            unsafe { c_bytes(content) },
        ) else {
            return MHD_NO;
        };
        if r.remove(kind::RESPONSE_HEADER, name, value) || r.remove(kind::FOOTER, name, value) {
            MHD_YES
        } else {
            MHD_NO
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_get_response_headers(
    response: *mut MHD_Response,
    iterator: Option<KeyValueIterator>,
    iterator_cls: *mut c_void,
) -> c_int {
    guard(-1, || {
        // SAFETY: see `borrow`.
        let Some(r) = (unsafe { borrow(response) }) else {
            return -1;
        };
        // Pointers into the entries stay valid while the application does not modify the
        // response inside its own iterator (as with libmicrohttpd).
        let entries: Vec<(u32, *const c_char, *const c_char)> = r
            .meta()
            .entries
            .iter()
            .map(|e| {
                (
                    e.kind,
                    e.name_with_nul().as_ptr().cast(),
                    e.value_with_nul().as_ptr().cast(),
                )
            })
            .collect();
        let mut n = 0;
        for (k, name, value) in entries {
            n += 1;
            // Response headers are reported as MHD_HEADER_KIND, as libmicrohttpd does.
            let k = if k == kind::RESPONSE_HEADER {
                kind::HEADER
            } else {
                k
            };
            if let Some(it) = iterator {
                // SAFETY: the application's iterator with NUL-terminated strings.
                if unsafe { it(iterator_cls, k, name, value) } != MHD_YES {
                    break;
                }
            }
        }
        n
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_get_response_header(
    response: *mut MHD_Response,
    key: *const c_char,
) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: see `borrow`; `key` NULL or NUL-terminated.
        let (Some(r), Some(key)) = (unsafe { borrow(response) }, unsafe { c_bytes(key) }) else {
            return std::ptr::null();
        };
        let meta = r.meta();
        meta.entries
            .iter()
            .find(|e| e.kind == kind::RESPONSE_HEADER && e.name().eq_ignore_ascii_case(key))
            .map_or(std::ptr::null(), |e| e.value_with_nul().as_ptr().cast())
    })
}

pub(super) unsafe extern "C" fn set_response_options(
    response: *mut MHD_Response,
    flags: c_uint,
    first_option: c_int,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: see `borrow`.
        let Some(r) = (unsafe { borrow(response) }) else {
            return MHD_NO;
        };
        r.meta().flags = response_flags(flags);
        // No option besides MHD_RO_END exists.
        if first_option == 0 {
            MHD_YES
        } else {
            MHD_NO
        }
    })
}

pub type UpgradeHandlerFn = unsafe extern "C" fn(
    cls: *mut c_void,
    connection: *mut MHD_Connection,
    con_cls: *mut c_void,
    extra_in: *const c_char,
    extra_in_size: usize,
    sock: c_int,
    urh: *mut c_void,
);

/// The application's `MHD_UpgradeHandler`.
struct CUpgrade {
    handler: UpgradeHandlerFn,
    cls: SendPtr,
}

impl crate::response::UpgradeHandler for CUpgrade {
    fn upgraded(
        &self,
        connection: &dyn std::any::Any,
        con_cls: usize,
        extra: &[u8],
        fd: i32,
        handle: crate::response::UpgradeHandle,
    ) {
        let Some(conn) = connection.downcast_ref::<crate::connection::Connection>() else {
            return;
        };
        // The handle goes to the application; MHD_upgrade_action(CLOSE) takes it back.
        let urh = Box::into_raw(Box::new(handle));
        let extra_ptr = if extra.is_empty() {
            std::ptr::null()
        } else {
            extra.as_ptr().cast()
        };
        // SAFETY: the application's upgrade handler; `extra` lives for the call, `fd` is the
        // connection's socket, `urh` a fresh handle the application owns until CLOSE.
        unsafe {
            (self.handler)(
                self.cls.0,
                super::connection_handle(conn),
                con_cls as *mut c_void,
                extra_ptr,
                extra.len(),
                fd,
                urh.cast(),
            )
        };
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_response_for_upgrade(
    upgrade_handler: Option<UpgradeHandlerFn>,
    upgrade_handler_cls: *mut c_void,
) -> *mut MHD_Response {
    guard(std::ptr::null_mut(), || match upgrade_handler {
        Some(handler) => into_handle(Response::new(Body::Upgrade(Box::new(CUpgrade {
            handler,
            cls: SendPtr(upgrade_handler_cls),
        })))),
        None => std::ptr::null_mut(),
    })
}

/// `enum MHD_UpgradeAction`.
const UPGRADE_CLOSE: c_int = 0;
const UPGRADE_CORK_ON: c_int = 1;
const UPGRADE_CORK_OFF: c_int = 2;

pub(super) unsafe extern "C" fn upgrade_action(urh: *mut c_void, action: c_int) -> c_int {
    guard(MHD_NO, || {
        let urh = urh.cast::<crate::response::UpgradeHandle>();
        if urh.is_null() {
            return MHD_NO;
        }
        match action {
            UPGRADE_CLOSE => {
                // SAFETY: the handle was boxed by `CUpgrade::upgraded`; CLOSE consumes it.
                unsafe { Box::from_raw(urh) }.close();
                MHD_YES
            }
            UPGRADE_CORK_ON | UPGRADE_CORK_OFF => {
                // SAFETY: a live handle (not yet closed), only read.
                let fd = unsafe { (*urh).fd };
                match crate::sys::sockopt::set_cork(fd, action == UPGRADE_CORK_ON) {
                    Ok(()) => MHD_YES,
                    // Over TLS the application holds a socket pair, which has no cork;
                    // libmicrohttpd answers yes there too.
                    Err(e) if e.raw_os_error() == Some(libc::EOPNOTSUPP) => MHD_YES,
                    Err(_) => MHD_NO,
                }
            }
            _ => MHD_NO,
        }
    })
}
