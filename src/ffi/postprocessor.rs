//! `MHD_create_post_processor`, `MHD_post_process`, `MHD_destroy_post_processor`.
//! A `struct MHD_PostProcessor *` is a boxed `Handle` (see `ffi::handle`).

use std::os::raw::{c_char, c_int, c_void};

use super::types::*;
use super::{c_slice, guard, handle, SendPtr};
use crate::http::head::kind;
use crate::postprocessor::{encoding_for, Piece, PostProcessor, Sink};

impl handle::Castable for MHD_PostProcessor {
    type Rust = Handle;
}
impl handle::BoxCastable for MHD_PostProcessor {}

pub(crate) struct Handle {
    pp: PostProcessor,
    iter: PostDataIterator,
    cls: SendPtr,
    /// Scratch NUL-terminated copies of the strings handed to the iterator.
    scratch: [Vec<u8>; 5],
}

struct CSink<'a> {
    iter: PostDataIterator,
    cls: *mut c_void,
    scratch: &'a mut [Vec<u8>; 5],
}

fn fill(v: &mut Vec<u8>, s: &[u8]) {
    v.clear();
    v.extend_from_slice(s);
    v.push(0);
}

impl Sink for CSink<'_> {
    fn field(&mut self, p: Piece<'_>) -> bool {
        let [key, filename, ctype, te, data] = &mut *self.scratch;
        fill(key, p.key);
        fill(data, p.data);
        let opt = |v: &mut Vec<u8>, s: Option<&[u8]>| -> *const c_char {
            match s {
                Some(s) => {
                    fill(v, s);
                    v.as_ptr().cast()
                }
                None => std::ptr::null(),
            }
        };
        let filename = opt(filename, p.filename);
        let ctype = opt(ctype, p.content_type);
        let te = opt(te, p.transfer_encoding);
        // SAFETY: the application's iterator with its own closure; every string is
        // NUL-terminated and lives until the call returns; `data` has `size` bytes + NUL.
        let r = unsafe {
            (self.iter)(
                self.cls,
                kind::POSTDATA,
                key.as_ptr().cast(),
                filename,
                ctype,
                te,
                data.as_ptr().cast(),
                p.offset,
                p.data.len(),
            )
        };
        r == MHD_YES
    }
}

/// The request's `Content-Type` (values set by the application count too, so a missing
/// header can be supplied with `MHD_set_connection_value`).
fn content_type(conn: &crate::connection::Connection) -> Option<Vec<u8>> {
    let is_ct = |k: &[u8]| k.eq_ignore_ascii_case(b"Content-Type");
    let found = conn
        .request()
        .values()
        .find(|v| v.kind == kind::HEADER && is_ct(v.key_str()))
        .and_then(|v| v.value_str().map(<[u8]>::to_vec));
    found.or_else(|| {
        conn.user_values()
            .iter()
            .map(|u| u.as_ref())
            .find(|v| v.kind == kind::HEADER && is_ct(v.key_str()))
            .and_then(|v| v.value_str().map(<[u8]>::to_vec))
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_create_post_processor(
    connection: *mut MHD_Connection,
    buffer_size: usize,
    iter: Option<PostDataIterator>,
    iter_cls: *mut c_void,
) -> *mut MHD_PostProcessor {
    guard(std::ptr::null_mut(), || {
        // SAFETY: the application passes a connection handle it got from this library.
        let Some(conn) = (unsafe { super::connection(connection) }) else {
            return std::ptr::null_mut();
        };
        let Some(iter) = iter else {
            return std::ptr::null_mut();
        };
        let Some(encoding) = content_type(conn).and_then(|ct| encoding_for(&ct)) else {
            return std::ptr::null_mut();
        };
        let Some(pp) = PostProcessor::new(encoding, buffer_size) else {
            return std::ptr::null_mut();
        };
        handle::to_boxed_ptr(Handle {
            pp,
            iter,
            cls: SendPtr(iter_cls),
            scratch: Default::default(),
        })
    })
}

/// # Safety
/// `pp` is NULL or a live handle from `MHD_create_post_processor`.
unsafe fn processor<'a>(pp: *mut MHD_PostProcessor) -> Option<&'a mut Handle> {
    // SAFETY: see the contract; the application does not use the handle concurrently, so
    // this is the only borrow.
    unsafe { pp.cast::<Handle>().as_mut() }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_post_process(
    pp: *mut MHD_PostProcessor,
    post_data: *const c_char,
    post_data_len: usize,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: a handle from MHD_create_post_processor, not yet destroyed.
        let Some(h) = (unsafe { processor(pp) }) else {
            return MHD_NO;
        };
        if post_data.is_null() && post_data_len > 0 {
            return MHD_NO;
        }
        // SAFETY: the application passes `post_data_len` readable bytes.
        let data = unsafe { c_slice(post_data.cast(), post_data_len) };
        let mut sink = CSink {
            iter: h.iter,
            cls: h.cls.0,
            scratch: &mut h.scratch,
        };
        if h.pp.process(data, &mut sink) {
            MHD_YES
        } else {
            MHD_NO
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_destroy_post_processor(pp: *mut MHD_PostProcessor) -> c_int {
    guard(MHD_NO, || {
        if pp.is_null() {
            return MHD_YES;
        }
        // SAFETY: the handle was made by Box::into_raw in MHD_create_post_processor and is
        // destroyed exactly once, here.
        let Some(mut h) = (unsafe { handle::try_box_from_ptr(pp) }) else {
            return MHD_NO;
        };
        let Handle {
            pp,
            iter,
            cls,
            scratch,
        } = &mut *h;
        let mut sink = CSink {
            iter: *iter,
            cls: cls.0,
            scratch,
        };
        if pp.finish(&mut sink) {
            MHD_YES
        } else {
            MHD_NO
        }
    })
}
