//! HTTPS: GnuTLS sessions for the connection layer.
//!
//! # Why GnuTLS and not a Rust TLS stack
//!
//! libmicrohttpd's HTTPS is GnuTLS, and that is part of its API, not an implementation
//! detail: `MHD_get_connection_info(MHD_CONNECTION_INFO_GNUTLS_SESSION)` hands the
//! application the connection's real `gnutls_session_t`, on which it then calls GnuTLS
//! itself (`gnutls_certificate_get_peers`, `gnutls_certificate_verify_peers2`,
//! `gnutls_server_name_get`, ...); `MHD_OPTION_HTTPS_CERT_CALLBACK(2)` takes GnuTLS callback
//! types, `MHD_OPTION_HTTPS_CRED_TYPE` a `gnutls_credentials_type_t`, and
//! `MHD_OPTION_HTTPS_PRIORITIES` a GnuTLS priority string. A drop-in replacement therefore
//! runs the very same library; anything else would break every application that touches
//! the session.
//!
//! # Shape
//!
//! * [`Credentials`] (built once per daemon, shared as `Arc`) holds the GnuTLS
//!   credentials and the parsed priority cache. Building it checks everything MHD checks
//!   at `MHD_start_daemon`: a bad key, a wrong password, a key that does not match its
//!   certificate or a bad priority string is an [`TlsError`] with a loggable message.
//! * [`Session`] (one per connection) is a non-blocking server session on the
//!   connection's socket. GnuTLS does the socket I/O itself (`gnutls_transport_set_int2`,
//!   `recv`/`sendmsg(MSG_NOSIGNAL)`); the descriptor stays the connection's. Its `read`,
//!   `write_vectored`, `shutdown`, `pending`, `wants_write` and `fd` have the signatures of
//!   the connection layer's `Transport` trait, so the adapter is one line each.
//!
//! # Safety discipline
//!
//! This module tree is `#![deny(unsafe_code)]`: every GnuTLS call goes through the small
//! safe wrappers of `crate::sys::gnutls`, where each `unsafe` block carries its `SAFETY:`
//! argument and each GnuTLS object is owned (and freed once) by one Rust value.

#![deny(unsafe_code)]

mod credentials;
mod session;
#[cfg(test)]
mod tests;

use std::fmt;
use std::io;

pub use credentials::{CredentialKind, Credentials, CredentialsBuilder};
pub use session::{HandshakeStep, Session};
// The application's certificate callbacks, passed through to GnuTLS untouched; building
// one from a raw pointer is the only `unsafe` step and belongs to the FFI layer.
pub use crate::sys::gnutls::{RetrieveFunction, RetrieveKind};

/// A TLS set-up or session error: GnuTLS's code (when it came from GnuTLS) and a message
/// for the daemon's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsError {
    code: Option<i32>,
    message: String,
}

impl TlsError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        TlsError {
            code: None,
            message: message.into(),
        }
    }

    /// `context: <GnuTLS's text for code>`.
    pub(crate) fn gnutls(context: &str, code: i32) -> Self {
        TlsError {
            code: Some(code),
            message: format!("{context}: {}", crate::sys::gnutls::strerror(code)),
        }
    }

    /// GnuTLS's (negative) error code, when GnuTLS reported the error.
    pub fn code(&self) -> Option<i32> {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TlsError {}

impl From<TlsError> for io::Error {
    fn from(e: TlsError) -> Self {
        io::Error::other(e.message)
    }
}
