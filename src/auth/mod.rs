//! HTTP authentication (core, no C): `Basic` (RFC 7617) and `Digest` (RFC 7616).
//!
//! Every rule lives here and works on plain inputs (the `Authorization` header value, the
//! request method and URI, the daemon's [`DigestState`]), so it is unit-tested without a
//! connection; `ffi::auth` only reads those from the connection, converts C arguments and
//! turns results into C memory.

#![deny(unsafe_code)]

pub mod algo;
pub mod basic;
pub mod digest;
pub mod nonce;

pub use nonce::{DigestState, Request};

/// A failure answer: the status and the `WWW-Authenticate` values to add to the
/// application's response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: u32,
    pub www_authenticate: Vec<Vec<u8>>,
}

impl Failure {
    /// The header the challenges go in.
    pub const HEADER: &'static [u8] = b"WWW-Authenticate";

    fn unauthorized(www_authenticate: Vec<Vec<u8>>) -> Failure {
        Failure {
            status: 401,
            www_authenticate,
        }
    }
}

/// Quotes `s` for a quoted-string parameter (`"` and `\` are backslash-escaped).
pub(crate) fn quote_into(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    for &b in s {
        if b == b'"' || b == b'\\' {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
}
