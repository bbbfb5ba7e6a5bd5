//! microhttpd-rs: GNU libmicrohttpd's API and behaviour, in Rust.
//!
//! The house has one direction: each layer uses only the ones below it.
//! - values: `http` (wire format), `request`, `response`, `wake` (a loop's mailbox),
//!   `transport` (how bytes travel: TCP, in memory), `auth` and `postprocessor` (request
//!   services);
//! - `connection`: one client's state machine over a transport, calling the application;
//! - `driver`: event loops that own connections (slab, acceptor, timers, external-loop
//!   adapter, thread per connection);
//! - `daemon`: configuration and lifecycle;
//! - `ffi`: the C ABI of `microhttpd.h`, the only place that knows C.
//!
//! Everything outside `ffi` and `sys` is safe Rust: the crate denies `unsafe`, and only
//! those two modules allow it (each block with a `// SAFETY:` line).

#![deny(unsafe_code)]

pub mod auth;
pub mod connection;
pub mod daemon;
pub mod driver;
pub mod http;
pub mod postprocessor;
pub mod request;
pub mod response;
mod sys;
pub mod tls;
pub mod transport;
pub mod wake;

pub mod ffi;
