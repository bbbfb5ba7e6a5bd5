//! Parsing a complete request head (request line + header fields) into a string arena.
//!
//! Every string the application may see (method, URL, version, each key and value) is
//! copied once into `arena`, NUL-terminated, so the C API can hand out `const char *`
//! without further allocation. Spans refer into the arena; they stay valid until the
//! arena is cleared for the next request.

use super::errors::{self, Refusal};
use super::unescape::{plus_to_space, unescape_in_place};

/// Value kinds, with libmicrohttpd's `enum MHD_ValueKind` bits.
pub mod kind {
    pub const RESPONSE_HEADER: u32 = 0;
    pub const HEADER: u32 = 1;
    pub const COOKIE: u32 = 2;
    pub const POSTDATA: u32 = 4;
    pub const GET_ARGUMENT: u32 = 8;
    pub const FOOTER: u32 = 16;
}

/// A NUL-terminated string inside an arena (`len` excludes the NUL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub len: u32,
}

impl Span {
    pub fn bytes(self, arena: &[u8]) -> &[u8] {
        &arena[self.start as usize..(self.start + self.len) as usize]
    }
}

/// One request value: a header, cookie, GET argument or footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub kind: u32,
    pub key: Span,
    /// `None` for a GET argument without `=` (MHD passes NULL).
    pub value: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Http10,
    Http11,
}

/// How the request body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    None,
    Length(u64),
    Chunked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: Span,
    pub url: Span,
    /// The request target as received (for the URI log callback).
    pub raw_target: Span,
    pub version: Span,
    pub http_version: Version,
    pub framing: Framing,
    pub connection_close: bool,
    pub connection_keep_alive: bool,
    pub connection_upgrade: bool,
    pub expect_continue: bool,
    pub is_head: bool,
}

/// Appends `bytes` + NUL to the arena.
pub fn push_str(arena: &mut Vec<u8>, bytes: &[u8]) -> Span {
    let start = arena.len() as u32;
    arena.extend_from_slice(bytes);
    arena.push(0);
    Span {
        start,
        len: bytes.len() as u32,
    }
}

/// Decodes a NUL-terminated string in place and returns its new length (without the NUL).
/// The default is `%XX` decoding; `MHD_OPTION_UNESCAPE_CALLBACK` replaces it.
pub type Unescape<'a> = dyn FnMut(&mut [u8]) -> usize + 'a;

/// The built-in [`Unescape`].
pub fn default_unescape(with_nul: &mut [u8]) -> usize {
    let len = with_nul.len() - 1;
    unescape_in_place(&mut with_nul[..len])
}

/// Appends `bytes` decoded (optionally `+` → space first), + NUL.
fn push_unescaped(
    arena: &mut Vec<u8>,
    bytes: &[u8],
    plus: bool,
    unescape: &mut Unescape<'_>,
) -> Span {
    let start = arena.len();
    arena.extend_from_slice(bytes);
    if plus {
        plus_to_space(&mut arena[start..]);
    }
    arena.push(0);
    let n = unescape(&mut arena[start..]).min(bytes.len());
    arena.truncate(start + n);
    arena.push(0);
    Span {
        start: start as u32,
        len: n as u32,
    }
}

/// Finds the end of the head: the index just past the empty line that ends it.
/// `from` lets a caller resume scanning where it stopped (nothing before it is rescanned
/// except the 3 bytes a terminator can straddle). Bare LF line ends are accepted.
pub fn find_head_end(buf: &[u8], from: usize) -> Option<usize> {
    let mut i = from.saturating_sub(3);
    // Leading empty lines before the request line are skipped by the parser; they must not
    // count as the terminator.
    let lead = leading_empty_lines(buf);
    if i < lead {
        i = lead;
    }
    while let Some(off) = memchr::memchr(b'\n', &buf[i..]) {
        let nl = i + off;
        let next = nl + 1;
        if next < buf.len() && buf[next] == b'\n' {
            return Some(next + 1);
        }
        if next + 1 < buf.len() && buf[next] == b'\r' && buf[next + 1] == b'\n' {
            return Some(next + 2);
        }
        i = next;
    }
    None
}

/// Number of bytes of empty lines (CRLF or LF) at the start of `buf`.
pub fn leading_empty_lines(buf: &[u8]) -> usize {
    let mut i = 0;
    loop {
        if buf[i..].starts_with(b"\r\n") {
            i += 2;
        } else if buf[i..].starts_with(b"\n") {
            i += 1;
        } else {
            return i;
        }
    }
}

fn bad() -> Refusal {
    Refusal::new(400, errors::MALFORMED_REQUEST)
}

fn split_line(buf: &[u8]) -> Option<(&[u8], &[u8])> {
    let nl = memchr::memchr(b'\n', buf)?;
    let line = &buf[..nl];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Some((line, &buf[nl + 1..]))
}

fn parse_version(v: &[u8]) -> Result<Version, Refusal> {
    match v {
        b"HTTP/1.1" => Ok(Version::Http11),
        b"HTTP/1.0" => Ok(Version::Http10),
        [b'H', b'T', b'T', b'P', b'/', major, b'.', minor]
            if major.is_ascii_digit() && minor.is_ascii_digit() =>
        {
            match major {
                b'1' => Ok(Version::Http11),
                b'0' => Err(bad()),
                _ => Err(Refusal::new(505, errors::VERSION_NOT_SUPPORTED)),
            }
        }
        _ => Err(bad()),
    }
}

/// Parses the head in `buf` (which ends with the empty line) into `arena`/`fields`.
/// Both are cleared first. Returns what the connection needs to frame the body.
pub fn parse(buf: &[u8], arena: &mut Vec<u8>, fields: &mut Vec<Field>) -> Result<Head, Refusal> {
    parse_with(buf, arena, fields, &mut default_unescape)
}

/// [`parse`] with the application's unescaping for the URL path and GET arguments.
pub fn parse_with(
    buf: &[u8],
    arena: &mut Vec<u8>,
    fields: &mut Vec<Field>,
    unescape: &mut Unescape<'_>,
) -> Result<Head, Refusal> {
    arena.clear();
    fields.clear();
    // Every string is copied once: the head's size (+ NULs and unescaped copies) bounds the
    // arena, so one reservation avoids regrowing it per value on a fresh connection.
    arena.reserve(buf.len() * 2 + 16);
    // A rough count of lines (header fields are rarely shorter than 24 bytes).
    fields.reserve(buf.len() / 24 + 4);
    let buf = &buf[leading_empty_lines(buf)..];
    let (line, rest) = split_line(buf).ok_or_else(bad)?;

    // Request line: METHOD SP request-target SP HTTP-version. Runs of spaces are tolerated,
    // as the real library does; the version is the last token so that a target with a raw
    // space in it still parses.
    let mut tokens = line.split(|&b| b == b' ').filter(|t| !t.is_empty());
    let method = tokens.next().ok_or_else(bad)?;
    let method_end = method.as_ptr() as usize - line.as_ptr() as usize + method.len();
    let after_method = &line[method_end..];
    let version_start = after_method
        .iter()
        .rposition(|&b| b == b' ')
        .ok_or_else(bad)?;
    let version = &after_method[version_start + 1..];
    let target = trim_spaces(&after_method[..version_start]);
    if target.is_empty() || version.is_empty() || method.iter().any(|b| !is_tchar(*b)) {
        return Err(bad());
    }
    let http_version = parse_version(version)?;

    let method_span = push_str(arena, method);
    let version_span = push_str(arena, version);
    let raw_target = push_str(arena, target);
    let (path, query) = match target.iter().position(|&b| b == b'?') {
        Some(q) => (&target[..q], Some(&target[q + 1..])),
        None => (target, None),
    };
    // Arguments before the path, in the order libmicrohttpd hands them to an unescape callback.
    if let Some(query) = query {
        parse_query(query, arena, fields, unescape);
    }
    let url = push_unescaped(arena, path, false, unescape);

    let mut head = Head {
        method: method_span,
        url,
        raw_target,
        version: version_span,
        http_version,
        framing: Framing::None,
        connection_close: false,
        connection_keep_alive: false,
        connection_upgrade: false,
        expect_continue: false,
        is_head: method == b"HEAD",
    };
    let mut content_length: Option<u64> = None;
    let mut chunked = false;
    let mut cookie_headers: Vec<Span> = Vec::new();

    for_each_header(rest, |name, value| {
        let key = push_str(arena, name);
        let val = push_str(arena, value);
        fields.push(Field {
            kind: kind::HEADER,
            key,
            value: Some(val),
        });
        if name.eq_ignore_ascii_case(b"Content-Length") {
            let n = parse_content_length(value)?;
            if content_length.is_some_and(|old| old != n) {
                return Err(Refusal::new(400, errors::BAD_CONTENT_LENGTH));
            }
            content_length = Some(n);
        } else if name.eq_ignore_ascii_case(b"Transfer-Encoding") {
            if chunked || !trim_spaces(value).eq_ignore_ascii_case(b"chunked") {
                return Err(Refusal::new(501, errors::TRANSFER_CODING_NOT_IMPLEMENTED));
            }
            chunked = true;
        } else if name.eq_ignore_ascii_case(b"Connection") {
            for token in value.split(|&b| b == b',').map(trim_spaces) {
                head.connection_close |= token.eq_ignore_ascii_case(b"close");
                head.connection_keep_alive |= token.eq_ignore_ascii_case(b"keep-alive");
                head.connection_upgrade |= token.eq_ignore_ascii_case(b"upgrade");
            }
        } else if name.eq_ignore_ascii_case(b"Expect") {
            head.expect_continue = trim_spaces(value).eq_ignore_ascii_case(b"100-continue");
        } else if name.eq_ignore_ascii_case(b"Cookie") {
            cookie_headers.push(val);
        }
        Ok(())
    })?;

    head.framing = match (content_length, chunked) {
        (Some(_), true) => return Err(Refusal::new(400, errors::AMBIGUOUS_FRAMING)),
        (_, true) => Framing::Chunked,
        (Some(n), false) => Framing::Length(n),
        (None, false) => Framing::None,
    };
    if head.framing == Framing::Chunked && http_version == Version::Http10 {
        // RFC 9112 §6.1: chunked is not defined for HTTP/1.0; the length is unknowable.
        return Err(Refusal::new(400, errors::AMBIGUOUS_FRAMING));
    }
    for span in cookie_headers {
        let start = span.start as usize;
        let end = start + span.len as usize;
        // Copy out: the cookie pieces are appended to the arena we read from.
        let header = arena[start..end].to_vec();
        parse_cookies(&header, arena, fields);
    }
    Ok(head)
}

/// Calls `f(name, value)` for each header field in `buf` (header lines + empty line).
/// Values have surrounding whitespace trimmed.
pub fn for_each_header(
    buf: &[u8],
    mut f: impl FnMut(&[u8], &[u8]) -> Result<(), Refusal>,
) -> Result<(), Refusal> {
    let mut stack = [httparse::EMPTY_HEADER; 64];
    let mut heap;
    let headers: &mut [httparse::Header] = match httparse::parse_headers(buf, &mut stack) {
        Ok(httparse::Status::Complete(_)) => &mut stack,
        Err(httparse::Error::TooManyHeaders) => {
            let count = buf.iter().filter(|&&b| b == b'\n').count();
            heap = vec![httparse::EMPTY_HEADER; count];
            match httparse::parse_headers(buf, &mut heap) {
                Ok(httparse::Status::Complete(_)) => &mut heap,
                _ => return Err(bad()),
            }
        }
        _ => return Err(bad()),
    };
    for h in headers.iter().take_while(|h| !h.name.is_empty()) {
        f(h.name.as_bytes(), trim_spaces(h.value))?;
    }
    Ok(())
}

fn parse_content_length(value: &[u8]) -> Result<u64, Refusal> {
    let value = trim_spaces(value);
    if value.is_empty() || value.len() > 19 || !value.iter().all(u8::is_ascii_digit) {
        return Err(Refusal::new(400, errors::BAD_CONTENT_LENGTH));
    }
    Ok(value.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0')))
}

fn parse_query(
    query: &[u8],
    arena: &mut Vec<u8>,
    fields: &mut Vec<Field>,
    unescape: &mut Unescape<'_>,
) {
    for pair in query.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (key, value) = match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (&pair[..eq], Some(&pair[eq + 1..])),
            None => (pair, None),
        };
        let key = push_unescaped(arena, key, true, unescape);
        let value = value.map(|v| push_unescaped(arena, v, true, unescape));
        fields.push(Field {
            kind: kind::GET_ARGUMENT,
            key,
            value,
        });
    }
}

fn parse_cookies(header: &[u8], arena: &mut Vec<u8>, fields: &mut Vec<Field>) {
    for pair in header
        .split(|&b| b == b';')
        .map(trim_spaces)
        .filter(|p| !p.is_empty())
    {
        let (key, value) = match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (trim_spaces(&pair[..eq]), trim_spaces(&pair[eq + 1..])),
            None => (pair, &b""[..]),
        };
        let value = value
            .strip_prefix(b"\"")
            .and_then(|v| v.strip_suffix(b"\""))
            .unwrap_or(value);
        let key = push_str(arena, key);
        let value = push_str(arena, value);
        fields.push(Field {
            kind: kind::COOKIE,
            key,
            value: Some(value),
        });
    }
}

pub fn trim_spaces(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(req: &str) -> Result<(Head, Vec<u8>, Vec<Field>), Refusal> {
        let mut arena = Vec::new();
        let mut fields = Vec::new();
        parse(req.as_bytes(), &mut arena, &mut fields).map(|h| (h, arena, fields))
    }

    fn s(arena: &[u8], span: Span) -> &str {
        std::str::from_utf8(span.bytes(arena)).unwrap()
    }

    #[test]
    fn head_end() {
        assert_eq!(find_head_end(b"GET / HTTP/1.1\r\n\r\n", 0), Some(18));
        assert_eq!(find_head_end(b"GET / HTTP/1.1\n\n", 0), Some(16));
        assert_eq!(find_head_end(b"GET / HTTP/1.1\r\nA: b\r\n", 0), None);
        assert_eq!(find_head_end(b"\r\nGET / HTTP/1.1\r\n\r\nX", 0), Some(20));
        assert_eq!(
            find_head_end(b"GET / HTTP/1.1\r\nA: b\r\n\r\n", 20),
            Some(24)
        );
    }

    #[test]
    fn simple_get() {
        let (h, a, f) =
            run("GET /a%20b?x=1&y=%41+b&z&x=2 HTTP/1.1\r\nHost: h\r\nCookie: c=1; d=\"2\"\r\n\r\n")
                .unwrap();
        assert_eq!(s(&a, h.method), "GET");
        assert_eq!(s(&a, h.url), "/a b");
        assert_eq!(s(&a, h.version), "HTTP/1.1");
        assert_eq!(h.framing, Framing::None);
        let got: Vec<(u32, &str, Option<&str>)> = f
            .iter()
            .map(|f| (f.kind, s(&a, f.key), f.value.map(|v| s(&a, v))))
            .collect();
        assert_eq!(
            got,
            vec![
                (kind::GET_ARGUMENT, "x", Some("1")),
                (kind::GET_ARGUMENT, "y", Some("A b")),
                (kind::GET_ARGUMENT, "z", None),
                (kind::GET_ARGUMENT, "x", Some("2")),
                (kind::HEADER, "Host", Some("h")),
                (kind::HEADER, "Cookie", Some("c=1; d=\"2\"")),
                (kind::COOKIE, "c", Some("1")),
                (kind::COOKIE, "d", Some("2")),
            ]
        );
        // Every span is NUL-terminated.
        for f in &f {
            assert_eq!(a[(f.key.start + f.key.len) as usize], 0);
        }
    }

    #[test]
    fn versions() {
        assert_eq!(
            run("GET / HTTP/1.0\r\n\r\n").unwrap().0.http_version,
            Version::Http10
        );
        assert_eq!(
            run("GET / HTTP/1.2\r\n\r\n").unwrap().0.http_version,
            Version::Http11
        );
        assert_eq!(run("GET / HTTP/2.0\r\n\r\n").unwrap_err().status, 505);
        assert_eq!(run("GET / FOO/1.1\r\n\r\n").unwrap_err().status, 400);
        assert_eq!(run("GET /\r\n\r\n").unwrap_err().status, 400);
        assert_eq!(run("GARBAGE\r\n\r\n").unwrap_err().status, 400);
        assert!(run("GET  /  HTTP/1.1\r\n\r\n").is_ok());
    }

    #[test]
    fn framing_rules() {
        assert_eq!(
            run("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n")
                .unwrap()
                .0
                .framing,
            Framing::Length(3)
        );
        assert_eq!(
            run("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n")
                .unwrap()
                .0
                .framing,
            Framing::Length(3)
        );
        assert_eq!(
            run("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                .unwrap()
                .0
                .framing,
            Framing::Chunked
        );
        let e =
            run("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n").unwrap_err();
        assert_eq!(e.status, 400);
        let e = run("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
            .unwrap_err();
        assert_eq!(e, Refusal::new(400, errors::AMBIGUOUS_FRAMING));
        let e = run("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n")
            .unwrap_err();
        assert_eq!(e.status, 400);
        assert_eq!(
            run("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n")
                .unwrap_err()
                .body,
            errors::BAD_CONTENT_LENGTH
        );
        assert_eq!(
            run("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(
            run("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")
                .unwrap_err()
                .status,
            501
        );
        assert_eq!(
            run("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n")
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(
            run("GET / HTTP/1.1\r\nBad Header\r\n\r\n")
                .unwrap_err()
                .status,
            400
        );
        // Obsolete line folding (RFC 9112 §5.2 allows rejecting it; we do).
        assert_eq!(
            run("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n")
                .unwrap_err()
                .status,
            400
        );
    }

    #[test]
    fn connection_tokens() {
        let h = run(
            "GET / HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nExpect: 100-Continue\r\n\r\n",
        )
        .unwrap()
        .0;
        assert!(
            h.connection_keep_alive
                && h.connection_upgrade
                && !h.connection_close
                && h.expect_continue
        );
        assert!(
            run("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n")
                .unwrap()
                .0
                .connection_close
        );
    }

    #[test]
    fn many_headers() {
        let mut req = String::from("GET / HTTP/1.1\r\n");
        for i in 0..200 {
            req.push_str(&format!("X-{i}: {i}\r\n"));
        }
        req.push_str("\r\n");
        assert_eq!(run(&req).unwrap().2.len(), 200);
    }
}
