//! `MHD_PostProcessor` core: incremental parsers for `application/x-www-form-urlencoded`
//! and `multipart/form-data` request bodies.
//!
//! Bodies arrive in arbitrary pieces; each value is handed to a [`Sink`] as it becomes
//! available, possibly in several calls with a growing offset. Where libmicrohttpd 0.9.75
//! delivers a value in pieces (end of each fed chunk, internal buffer limits, a chunk
//! ending inside a `%XX` escape) this module delivers the same pieces: the C suite
//! (`tests/c/t_post.c`) compares the exact sequence of calls with the real library.

pub mod multipart;
pub mod urlencoded;

/// One piece of a field's value.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'a> {
    pub key: &'a [u8],
    pub filename: Option<&'a [u8]>,
    pub content_type: Option<&'a [u8]>,
    pub transfer_encoding: Option<&'a [u8]>,
    pub data: &'a [u8],
    pub offset: u64,
}

/// Receives the decoded fields; returning `false` stops processing (MHD_NO).
pub trait Sink {
    fn field(&mut self, piece: Piece<'_>) -> bool;
}

impl<F: FnMut(Piece<'_>) -> bool> Sink for F {
    fn field(&mut self, piece: Piece<'_>) -> bool {
        self(piece)
    }
}

/// Smallest `buffer_size` accepted (libmicrohttpd documents 256 as the minimum).
pub const MIN_BUFFER: usize = 256;

/// Which parser a request's `Content-Type` selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    UrlEncoded,
    Multipart { boundary: Vec<u8> },
}

/// Picks the parser for a `Content-Type` value (None: unsupported, or multipart without
/// a boundary).
pub fn encoding_for(content_type: &[u8]) -> Option<Encoding> {
    const URLENC: &[u8] = b"application/x-www-form-urlencoded";
    const MULTI: &[u8] = b"multipart/form-data";
    let ct = crate::http::head::trim_spaces(content_type);
    let starts = |p: &[u8]| ct.len() >= p.len() && ct[..p.len()].eq_ignore_ascii_case(p);
    let follows_ok = |n: usize| ct.len() == n || matches!(ct[n], b';' | b' ' | b'\t' | b',');
    if starts(URLENC) && follows_ok(URLENC.len()) {
        return Some(Encoding::UrlEncoded);
    }
    if starts(MULTI) && follows_ok(MULTI.len()) {
        let boundary = param(&ct[MULTI.len()..], b"boundary")?;
        if boundary.is_empty() {
            return None;
        }
        return Some(Encoding::Multipart { boundary });
    }
    None
}

/// Value of `name=` in a `; `-separated parameter list (quotes removed).
pub(crate) fn param(params: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    let mut rest = params;
    while !rest.is_empty() {
        // skip separators
        let start = rest
            .iter()
            .position(|b| !matches!(b, b';' | b' ' | b'\t' | b','))
            .unwrap_or(rest.len());
        rest = &rest[start..];
        let eq = rest.iter().position(|&b| b == b'=' || b == b';');
        let Some(eq) = eq else { break };
        let pname = crate::http::head::trim_spaces(&rest[..eq]);
        if rest[eq] == b';' {
            rest = &rest[eq..];
            continue;
        }
        let after = &rest[eq + 1..];
        let (value, consumed) = if after.first() == Some(&b'"') {
            let mut v = Vec::new();
            let mut i = 1;
            while i < after.len() && after[i] != b'"' {
                if after[i] == b'\\' && i + 1 < after.len() {
                    i += 1;
                }
                v.push(after[i]);
                i += 1;
            }
            (v, (i + 1).min(after.len()))
        } else {
            let end = after.iter().position(|&b| b == b';').unwrap_or(after.len());
            (crate::http::head::trim_spaces(&after[..end]).to_vec(), end)
        };
        if pname.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        rest = &after[consumed..];
    }
    None
}

/// A post processor: one of the two parsers behind one interface.
pub enum PostProcessor {
    UrlEncoded(urlencoded::UrlEncoded),
    Multipart(multipart::Multipart),
}

impl PostProcessor {
    /// None when `buffer_size` is below [`MIN_BUFFER`].
    pub fn new(encoding: Encoding, buffer_size: usize) -> Option<Self> {
        if buffer_size < MIN_BUFFER {
            return None;
        }
        Some(match encoding {
            Encoding::UrlEncoded => {
                PostProcessor::UrlEncoded(urlencoded::UrlEncoded::new(buffer_size))
            }
            Encoding::Multipart { boundary } => {
                PostProcessor::Multipart(multipart::Multipart::new(boundary, buffer_size))
            }
        })
    }

    /// Feeds the next bytes of the body; false on a parse error or when the sink stopped.
    pub fn process(&mut self, data: &[u8], sink: &mut dyn Sink) -> bool {
        match self {
            PostProcessor::UrlEncoded(p) => p.process(data, sink),
            PostProcessor::Multipart(p) => p.process(data, sink),
        }
    }

    /// Ends the body: true when it was complete and well-formed.
    pub fn finish(&mut self, sink: &mut dyn Sink) -> bool {
        match self {
            PostProcessor::UrlEncoded(p) => p.finish(sink),
            PostProcessor::Multipart(p) => p.finish(sink),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(
            encoding_for(b"application/x-www-form-urlencoded"),
            Some(Encoding::UrlEncoded)
        );
        assert_eq!(
            encoding_for(b"Application/X-WWW-Form-Urlencoded; charset=UTF-8"),
            Some(Encoding::UrlEncoded)
        );
        assert_eq!(encoding_for(b"multipart/form-data"), None);
        assert_eq!(
            encoding_for(b"multipart/form-data; boundary=XyZ"),
            Some(Encoding::Multipart {
                boundary: b"XyZ".to_vec()
            })
        );
        assert_eq!(
            encoding_for(b"multipart/form-data; charset=x; boundary=\"a b\""),
            Some(Encoding::Multipart {
                boundary: b"a b".to_vec()
            })
        );
        assert_eq!(encoding_for(b"text/plain"), None);
        assert_eq!(encoding_for(b"application/x-www-form-urlencodedX"), None);
    }
}
