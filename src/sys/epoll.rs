//! The one epoll feature mio does not expose: `EPOLLEXCLUSIVE`.

use std::io;
use std::os::fd::RawFd;

/// Adds `fd` (readable, level-triggered) to `epfd` so that only one of the epoll instances
/// sharing it is woken per event: a thread pool accepting on one socket without a herd.
pub fn add_exclusive(epfd: RawFd, fd: RawFd, token: u64) -> io::Result<()> {
    let mut event = libc::epoll_event {
        events: (libc::EPOLLIN | libc::EPOLLEXCLUSIVE) as u32,
        u64: token,
    };
    // SAFETY: passes a pointer to a live epoll_event; both descriptors are the caller's.
    let rc = unsafe { libc::epoll_ctl(epfd, libc::EPOLL_CTL_ADD, fd, &mut event) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
