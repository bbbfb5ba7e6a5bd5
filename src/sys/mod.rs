//! The syscall edge: the few kernel interfaces no crate wraps the way we need.

pub mod epoll;
pub mod eventfd;
pub mod gnutls;
pub mod send;
pub mod sockopt;
pub mod timerfd;
