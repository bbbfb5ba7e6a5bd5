//! Socket options socket2 does not expose.

use std::io;
use std::os::fd::RawFd;

/// `TCP_FASTOPEN` on a listening socket, with the given pending-SYN queue length.
pub fn set_tcp_fastopen(fd: RawFd, queue: u32) -> io::Result<()> {
    set_tcp_int(fd, libc::TCP_FASTOPEN, queue as libc::c_int)
}

/// `TCP_CORK` (for `MHD_upgrade_action(CORK_ON/OFF)`).
pub fn set_cork(fd: RawFd, on: bool) -> io::Result<()> {
    set_tcp_int(fd, libc::TCP_CORK, libc::c_int::from(on))
}

fn set_tcp_int(fd: RawFd, option: libc::c_int, value: libc::c_int) -> io::Result<()> {
    // SAFETY: passes a pointer to a live c_int and its exact size.
    let rc = unsafe {
        libc::setsockopt(
            fd,
            libc::IPPROTO_TCP,
            option,
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
