//! The syscall edge: the few kernel interfaces no crate wraps the way we need. Besides
//! `ffi`, the only place where `unsafe` is allowed.
#![allow(unsafe_code)]

pub mod epoll;
pub mod eventfd;
pub mod gnutls;
pub mod send;
pub mod sockopt;
pub mod timerfd;
