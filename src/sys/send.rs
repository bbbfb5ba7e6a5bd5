//! Vectored socket writes that never raise SIGPIPE.
//!
//! `std`'s `write_vectored` on a socket is `writev`, which raises SIGPIPE when the peer has
//! gone; a library inside a C program cannot assume SIGPIPE is ignored, so every vectored
//! write goes through `sendmsg(MSG_NOSIGNAL)` (plain `write` on a std socket already uses
//! `send(MSG_NOSIGNAL)`).

use std::io::{self, IoSlice};
use std::os::fd::RawFd;

pub fn send_vectored(fd: RawFd, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
    // SAFETY: a zeroed msghdr is valid (no name, no control data).
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    // IoSlice is guaranteed ABI-compatible with struct iovec on Unix.
    msg.msg_iov = bufs.as_ptr().cast_mut().cast();
    msg.msg_iovlen = bufs.len() as _;
    // SAFETY: msg points to `bufs.len()` valid iovecs that outlive the call.
    let n = unsafe { libc::sendmsg(fd, &msg, libc::MSG_NOSIGNAL) };
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}
