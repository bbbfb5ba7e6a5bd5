//! C-side types and constants shared by the FFI modules (layouts as in `microhttpd.h`).

#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_int, c_uint, c_void};

pub const MHD_YES: c_int = 1;
pub const MHD_NO: c_int = 0;

/// Opaque handles; what each points to and who owns it is in `handle.rs`.
#[repr(C)]
pub struct MHD_Daemon {
    _private: [u8; 0],
}
#[repr(C)]
pub struct MHD_Connection {
    _private: [u8; 0],
}
#[repr(C)]
pub struct MHD_Response {
    _private: [u8; 0],
}
#[repr(C)]
pub struct MHD_PostProcessor {
    _private: [u8; 0],
}

/// `struct MHD_OptionItem`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct MHD_OptionItem {
    pub option: c_int,
    pub value: isize,
    pub ptr_value: *mut c_void,
}

/// `struct MHD_IoVec`.
#[repr(C)]
pub struct MHD_IoVec {
    pub iov_base: *const c_void,
    pub iov_len: usize,
}

pub type AccessHandler = unsafe extern "C" fn(
    cls: *mut c_void,
    connection: *mut MHD_Connection,
    url: *const c_char,
    method: *const c_char,
    version: *const c_char,
    upload_data: *const c_char,
    upload_data_size: *mut usize,
    con_cls: *mut *mut c_void,
) -> c_int;
pub type AcceptPolicy = unsafe extern "C" fn(
    cls: *mut c_void,
    addr: *const libc::sockaddr,
    addrlen: libc::socklen_t,
) -> c_int;
pub type RequestCompleted = unsafe extern "C" fn(
    cls: *mut c_void,
    connection: *mut MHD_Connection,
    con_cls: *mut *mut c_void,
    toe: c_uint,
);
pub type NotifyConnection = unsafe extern "C" fn(
    cls: *mut c_void,
    connection: *mut MHD_Connection,
    socket_context: *mut *mut c_void,
    toe: c_uint,
);
pub type UriLog = unsafe extern "C" fn(
    cls: *mut c_void,
    uri: *const c_char,
    connection: *mut MHD_Connection,
) -> *mut c_void;
pub type UnescapeCallback = unsafe extern "C" fn(
    cls: *mut c_void,
    connection: *mut MHD_Connection,
    s: *mut c_char,
) -> usize;
pub type KeyValueIterator = unsafe extern "C" fn(
    cls: *mut c_void,
    kind: c_uint,
    key: *const c_char,
    value: *const c_char,
) -> c_int;
pub type KeyValueIteratorN = unsafe extern "C" fn(
    cls: *mut c_void,
    kind: c_uint,
    key: *const c_char,
    key_size: usize,
    value: *const c_char,
    value_size: usize,
) -> c_int;
pub type ContentReader =
    unsafe extern "C" fn(cls: *mut c_void, pos: u64, buf: *mut c_char, max: usize) -> isize;
pub type ContentReaderFree = unsafe extern "C" fn(cls: *mut c_void);
/// `MHD_PskServerCredentialsCallback` (1.0).
pub type PskCallback = unsafe extern "C" fn(
    cls: *mut c_void,
    connection: *const MHD_Connection,
    username: *const c_char,
    psk: *mut *mut c_void,
    psk_size: *mut usize,
) -> c_int;
pub type PanicCallback = unsafe extern "C" fn(
    cls: *mut c_void,
    file: *const c_char,
    line: c_uint,
    reason: *const c_char,
);
pub type PostDataIterator = unsafe extern "C" fn(
    cls: *mut c_void,
    kind: c_uint,
    key: *const c_char,
    filename: *const c_char,
    content_type: *const c_char,
    transfer_encoding: *const c_char,
    data: *const c_char,
    off: u64,
    size: usize,
) -> c_int;

/// A C pointer that may cross threads: the application promises its callbacks' closures
/// are usable from the daemon's threads (MHD's own contract).
#[derive(Clone, Copy, Debug)]
pub struct SendPtr(pub *mut c_void);
// SAFETY: only handed back to the application's own callbacks, as libmicrohttpd does.
unsafe impl Send for SendPtr {}
// SAFETY: as above; never dereferenced by the library.
unsafe impl Sync for SendPtr {}
