//! HTTP authentication (core, no C): `Basic` (RFC 7617) and `Digest` (RFC 7616).
//!
//! The functions here work on plain byte strings (the `Authorization` header value, the
//! request method and URI) so they can be unit-tested without a connection; `ffi::auth`
//! fetches those from the connection and turns results into C memory.

pub mod basic;
pub mod digest;

use crate::connection::Connection;
use crate::http::head::kind;

/// The value of the first `Authorization` request header (case-insensitive name).
pub fn authorization(conn: &Connection) -> Option<Vec<u8>> {
    let req = conn.request();
    let found = req
        .values()
        .find(|v| v.kind == kind::HEADER && v.key_str().eq_ignore_ascii_case(b"Authorization"))
        .and_then(|v| v.value_str().map(<[u8]>::to_vec));
    found
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
