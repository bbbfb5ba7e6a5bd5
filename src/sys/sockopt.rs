//! Socket options socket2 does not expose.

use std::io;
use std::os::fd::RawFd;

/// `TCP_FASTOPEN` on a listening socket, with the given pending-SYN queue length.
pub fn set_tcp_fastopen(fd: RawFd, queue: u32) -> io::Result<()> {
    let value = queue as libc::c_int;
    // SAFETY: passes a pointer to a live c_int and its exact size.
    let rc = unsafe {
        libc::setsockopt(
            fd,
            libc::IPPROTO_TCP,
            libc::TCP_FASTOPEN,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
