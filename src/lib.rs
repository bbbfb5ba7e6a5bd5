//! microhttpd-rs: GNU libmicrohttpd's API and behaviour, in Rust.
//!
//! The core (everything but `ffi`) is safe Rust with no knowledge of C: `http` parses and
//! formats the protocol, `connection` runs one client's state machine, `daemon` owns
//! sockets and event loops, `response` holds what the application answers. `ffi` is the
//! C ABI of `microhttpd.h` on top of it.

pub mod app;
pub mod auth;
pub mod connection;
pub mod daemon;
pub mod http;
pub mod postprocessor;
pub mod response;
mod sys;
pub mod tls;

pub mod ffi;
