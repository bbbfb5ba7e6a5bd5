//! Parsing a complete request head (request line + header fields) into a string arena.
//!
//! Every string the application may see (method, URL, version, each key and value) is
//! copied once into `arena`, NUL-terminated, so the C API can hand out `const char *`
//! without further allocation. Spans refer into the arena; they stay valid until the
//! arena is cleared for the next request.

use super::errors::{self, Refusal};
use super::unescape::{plus_to_space, unescape_in_place};
use std::borrow::Cow;

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

/// How strictly requests are parsed: `MHD_OPTION_CLIENT_DISCIPLINE_LVL` (1.0) or the older
/// `MHD_OPTION_STRICT_FOR_CLIENT` / `MHD_USE_PEDANTIC_CHECKS`. What each level changes:
///
/// | level | effect |
/// |---|---|
/// | ≥ 2 | a field name that is not a token (empty, `X(y)`) is refused (400) |
/// | ≥ 1 | an HTTP/1.1 request without `Host` is refused (400, as 0.9.75's strict mode) |
/// | ≤ -1 | obsolete line folding is accepted: each fold becomes one space (else 400) |
/// | ≤ -3 | whitespace between a field name and its colon is dropped (else 400) |
///
/// Cookies are split the way 0.9.75 splits them, unless the level came from
/// `CLIENT_DISCIPLINE_LVL` (a 1.0 program): then 1.0's cookie grammar for that level applies
/// (see [`parse_cookies_1_0`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Discipline {
    /// -3 (most lenient) ..= 3 (strictest); 0 is the default.
    pub level: i8,
    /// Cookies follow 1.0's grammar for `level`.
    pub cookies_1_0: bool,
}

impl Discipline {
    /// `MHD_OPTION_CLIENT_DISCIPLINE_LVL`: values beyond ±3 count as ±3.
    pub fn client_discipline(level: i64) -> Self {
        Discipline {
            level: level.clamp(-3, 3) as i8,
            cookies_1_0: true,
        }
    }

    /// `MHD_OPTION_STRICT_FOR_CLIENT` (and `MHD_USE_PEDANTIC_CHECKS` as 1): 1.0's mapping,
    /// any positive value is level 1, any negative one level -3.
    pub fn strict_for_client(value: i64) -> Self {
        Discipline {
            level: value.signum() as i8 * if value < 0 { 3 } else { 1 },
            cookies_1_0: false,
        }
    }
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
                b'0' => Err(Refusal::new(505, errors::VERSION_TOO_OLD)),
                _ => Err(Refusal::new(505, errors::VERSION_NOT_SUPPORTED)),
            }
        }
        _ => Err(bad()),
    }
}

/// Parses the head in `buf` (which ends with the empty line) into `arena`/`fields`.
/// Both are cleared first. Returns what the connection needs to frame the body.
pub fn parse(buf: &[u8], arena: &mut Vec<u8>, fields: &mut Vec<Field>) -> Result<Head, Refusal> {
    parse_with(
        buf,
        arena,
        fields,
        &mut default_unescape,
        Discipline::default(),
    )
}

/// [`parse`] with the application's unescaping for the URL path and GET arguments.
pub fn parse_with(
    buf: &[u8],
    arena: &mut Vec<u8>,
    fields: &mut Vec<Field>,
    unescape: &mut Unescape<'_>,
    discipline: Discipline,
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
    // 0.9.75 and 1.0 take the cookies of the first `Cookie` field only.
    let mut cookie_header: Option<Span> = None;
    let mut host = false;

    for_each_field(rest, discipline, |name, value| {
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
            cookie_header.get_or_insert(val);
        } else if name.eq_ignore_ascii_case(b"Host") {
            host = true;
        }
        Ok(())
    })?;
    if !host && http_version == Version::Http11 && discipline.level >= 1 {
        return Err(Refusal::new(400, errors::HOST_REQUIRED));
    }

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
    if let Some(span) = cookie_header {
        // Copy out: the cookie pieces are appended to the arena we read from.
        let header = span.bytes(arena).to_vec();
        let mut cookies = Vec::new();
        if discipline.cookies_1_0 {
            parse_cookies_1_0(&header, discipline.level, &mut cookies);
        } else {
            parse_cookies(&header, &mut cookies);
        }
        for (key, value) in cookies {
            let key = push_str(arena, key);
            let value = push_str(arena, value);
            fields.push(Field {
                kind: kind::COOKIE,
                key,
                value: Some(value),
            });
        }
    }
    Ok(head)
}

/// Calls `f(name, value)` for each header field in `buf` (header lines + empty line), with
/// the default discipline. Values have surrounding whitespace trimmed.
pub fn for_each_header(
    buf: &[u8],
    f: impl FnMut(&[u8], &[u8]) -> Result<(), Refusal>,
) -> Result<(), Refusal> {
    for_each_field(buf, Discipline::default(), f)
}

/// [`for_each_header`] at a given discipline (see [`Discipline`] for what it changes).
///
/// Refused (400) at every level: a line without a colon, a NUL or a bare CR anywhere (RFC
/// 9110 §5.5, RFC 9112 §2.2), a folded first line (RFC 9112 §2.2). Field values lose
/// leading and trailing whitespace (RFC 9110 §5.5); other control bytes are kept.
pub fn for_each_field(
    buf: &[u8],
    discipline: Discipline,
    mut f: impl FnMut(&[u8], &[u8]) -> Result<(), Refusal>,
) -> Result<(), Refusal> {
    // The field being collected: continuation lines may still extend its value. The value
    // is borrowed from the buffer, and copied only when a fold has to be joined.
    let mut pending: Option<(&[u8], Cow<'_, [u8]>)> = None;
    let mut rest = buf;
    loop {
        // One pass over the (short) line: its end, where the colon is, no NUL, and no CR
        // but the one before the LF.
        let mut colon = None;
        let mut crs = 0usize;
        let mut last_cr = 0;
        let mut nl = None;
        for (i, &b) in rest.iter().enumerate() {
            match b {
                b'\n' => {
                    nl = Some(i);
                    break;
                }
                0 => return Err(bad()),
                b'\r' => {
                    crs += 1;
                    last_cr = i;
                }
                b':' if colon.is_none() => colon = Some(i),
                _ => {}
            }
        }
        let nl = nl.ok_or_else(bad)?;
        let line_end = match crs {
            0 => nl,
            1 if last_cr + 1 == nl => last_cr,
            _ => return Err(bad()),
        };
        let line = &rest[..line_end];
        rest = &rest[nl + 1..];
        let colon = colon.filter(|&c| c < line_end);
        if let [b' ' | b'\t', ..] = line {
            // Obsolete line folding (RFC 9112 §5.2): one space replaces the fold.
            let (_, value) = pending.as_mut().ok_or_else(bad)?;
            if discipline.level > -1 {
                return Err(bad());
            }
            let more = trim_spaces(line);
            if !more.is_empty() {
                let value = value.to_mut();
                if !value.is_empty() {
                    value.push(b' ');
                }
                value.extend_from_slice(more);
            }
            continue;
        }
        if let Some((name, value)) = pending.take() {
            f(name, &value)?;
        }
        if line.is_empty() {
            return Ok(());
        }
        let colon = colon.ok_or_else(bad)?;
        let mut name = &line[..colon];
        if let [.., b' ' | b'\t'] = name {
            // RFC 9112 §5.1: a server MUST refuse whitespace before the colon.
            if discipline.level > -3 {
                return Err(bad());
            }
            name = trim_spaces(name);
        }
        if discipline.level >= 2 && (name.is_empty() || !name.iter().all(|&b| is_tchar(b))) {
            return Err(bad());
        }
        pending = Some((name, Cow::Borrowed(trim_spaces(&line[colon + 1..]))));
    }
}

fn parse_content_length(value: &[u8]) -> Result<u64, Refusal> {
    let value = trim_spaces(value);
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Err(Refusal::new(400, errors::BAD_CONTENT_LENGTH));
    }
    value
        .iter()
        .try_fold(0u64, |n, d| {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })
        .ok_or(Refusal::new(413, errors::CONTENT_TOO_LARGE))
}

fn parse_query(
    query: &[u8],
    arena: &mut Vec<u8>,
    fields: &mut Vec<Field>,
    unescape: &mut Unescape<'_>,
) {
    // As 0.9.75: every piece between `&`s is an argument, even an empty one (empty key, no
    // value), except an empty piece at the end.
    let mut pieces: Vec<&[u8]> = query.split(|&b| b == b'&').collect();
    if pieces.last().is_some_and(|p| p.is_empty()) {
        pieces.pop();
    }
    for pair in pieces {
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

/// Splits a `Cookie` field the way 0.9.75 does: pieces end at `;` or `,`, leading whitespace
/// is skipped, the name ends at `=` (trailing whitespace dropped), the value runs to the end
/// of the piece as is, minus one pair of surrounding quotes. An empty piece is an empty
/// cookie, a piece without `=` a cookie with an empty value.
fn parse_cookies<'a>(header: &'a [u8], out: &mut Vec<(&'a [u8], &'a [u8])>) {
    let mut rest = header;
    loop {
        while let [b' ' | b'\t', tail @ ..] = rest {
            rest = tail;
        }
        let end = rest
            .iter()
            .position(|&b| b == b';' || b == b',')
            .unwrap_or(rest.len());
        let piece = &rest[..end];
        let (name, value) = match memchr::memchr(b'=', piece) {
            Some(eq) => (&piece[..eq], &piece[eq + 1..]),
            None => (piece, &b""[..]),
        };
        let mut name = name;
        while let [head @ .., b' ' | b'\t'] = name {
            name = head;
        }
        let value = match value {
            [b'"', inner @ .., b'"'] => inner,
            _ => value,
        };
        out.push((name, value));
        if end == rest.len() {
            return;
        }
        rest = &rest[end + 1..];
    }
}

/// 1.0's cookie grammar at a discipline level: RFC 6265 §4.2.1 `cookie-string`
/// (`name=value` pairs joined by `"; "`, a token name, a value of cookie-octets, maybe
/// quoted), relaxed step by step:
///
/// - level ≥ 2: the whole field must match, or no cookie is taken;
/// - level 1: parsing stops at the first error, keeping the cookies before it; a final `;`
///   is allowed;
/// - level 0 and -1: also any whitespace after `;`, whitespace before `;`, empty pieces
///   (`;;`, a leading `;`);
/// - level -2: also spaces and tabs inside a quoted value;
/// - level -3: also whitespace around `=`.
pub fn parse_cookies_1_0<'a>(header: &'a [u8], level: i8, out: &mut Vec<(&'a [u8], &'a [u8])>) {
    let first = out.len();
    let is_space = |b: &u8| *b == b' ' || *b == b'\t';
    let skip_space = |mut s: &'a [u8]| {
        while let [b' ' | b'\t', tail @ ..] = s {
            s = tail;
        }
        s
    };
    let is_octet =
        |b: u8| matches!(b, 0x21 | 0x23..=0x2b | 0x2d..=0x3a | 0x3c..=0x5b | 0x5d..=0x7e);
    let mut rest = header;
    let failed = loop {
        if level <= 0 {
            // Empty pieces are skipped.
            loop {
                rest = skip_space(rest);
                match rest {
                    [b';', tail @ ..] => rest = tail,
                    _ => break,
                }
            }
            if rest.is_empty() {
                break false;
            }
        }
        let name_len = rest.iter().take_while(|&&b| is_tchar(b)).count();
        let name = &rest[..name_len];
        rest = &rest[name_len..];
        if level <= -3 {
            rest = skip_space(rest);
        }
        let Some(tail) = rest.strip_prefix(b"=") else {
            break true;
        };
        if name.is_empty() {
            break true;
        }
        rest = if level <= -3 { skip_space(tail) } else { tail };
        let value = if let Some(quoted) = rest.strip_prefix(b"\"") {
            let inner = quoted
                .iter()
                .take_while(|&&b| is_octet(b) || (level <= -2 && is_space(&b)))
                .count();
            if quoted.get(inner) != Some(&b'"') {
                break true;
            }
            rest = &quoted[inner + 1..];
            &quoted[..inner]
        } else {
            let n = rest.iter().take_while(|&&b| is_octet(b)).count();
            let value = &rest[..n];
            rest = &rest[n..];
            value
        };
        if level <= 0 {
            rest = skip_space(rest);
        }
        // A `;` completes the cookie; what may follow it depends on the level.
        let Some(tail) = rest.strip_prefix(b";") else {
            if rest.is_empty() {
                out.push((name, value));
                break false;
            }
            break true;
        };
        out.push((name, value));
        if level <= 0 {
            rest = tail;
        } else if tail.is_empty() {
            break level >= 2;
        } else if let Some(next) = tail.strip_prefix(b" ").filter(|n| !n.is_empty()) {
            rest = next;
        } else {
            break true;
        }
    };
    if failed && level >= 2 {
        out.truncate(first);
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

    fn run_at(req: &str, discipline: Discipline) -> Result<Vec<(u32, String, String)>, u32> {
        let mut arena = Vec::new();
        let mut fields = Vec::new();
        parse_with(
            req.as_bytes(),
            &mut arena,
            &mut fields,
            &mut default_unescape,
            discipline,
        )
        .map_err(|e| e.status)?;
        Ok(fields
            .iter()
            .map(|f| {
                let v = f.value.map_or("NULL".into(), |v| s(&arena, v).to_string());
                (f.kind, s(&arena, f.key).to_string(), v)
            })
            .collect())
    }

    fn cookies(header: &str, level: Option<i8>) -> Vec<(String, String)> {
        let mut out = Vec::new();
        match level {
            Some(level) => parse_cookies_1_0(header.as_bytes(), level, &mut out),
            None => parse_cookies(header.as_bytes(), &mut out),
        }
        out.iter()
            .map(|(k, v)| {
                (
                    String::from_utf8_lossy(k).into_owned(),
                    String::from_utf8_lossy(v).into_owned(),
                )
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn cookies_as_0_9_75() {
        let c = |h| cookies(h, None);
        assert_eq!(
            c("name1=var1; name2=var2,name3"),
            pairs(&[("name1", "var1"), ("name2", "var2"), ("name3", "")])
        );
        assert_eq!(c("a=1, b=2"), pairs(&[("a", "1"), ("b", "2")]));
        assert_eq!(c("a=1;; b=2"), pairs(&[("a", "1"), ("", ""), ("b", "2")]));
        assert_eq!(c("a=1;"), pairs(&[("a", "1"), ("", "")]));
        assert_eq!(c(""), pairs(&[("", "")]));
        assert_eq!(c("a = 1"), pairs(&[("a", " 1")]));
        assert_eq!(c("a=b=c"), pairs(&[("a", "b=c")]));
        assert_eq!(c("a=\"x y\"; b=\"\""), pairs(&[("a", "x y"), ("b", "")]));
        assert_eq!(c("a=\"x"), pairs(&[("a", "\"x")]));
    }

    #[test]
    fn cookies_as_1_0() {
        // (header, number of cookies at levels 2, 1, 0, -2, -3); the cookies taken are
        // always the first ones of `all`.
        let all = [
            ("name1", "var1"),
            ("name2", "var2"),
            ("name3", ""),
            ("name4", "var4 with spaces"),
            ("name5", "var_with_=_char"),
        ];
        let full =
            "name1=var1; name2=var2; name3=; name4=\"var4 with spaces\"; name5=var_with_=_char";
        let cases: &[(&str, [usize; 5])] = &[
            ("name1=var1", [1, 1, 1, 1, 1]),
            ("name1=var1;", [0, 1, 1, 1, 1]),
            ("; name1=var1", [0, 0, 1, 1, 1]),
            ("name1=var1 ;", [0, 0, 1, 1, 1]),
            ("name1=var1;\tname2=var2", [0, 1, 2, 2, 2]),
            ("name1=var1;name2=var2", [0, 1, 2, 2, 2]),
            ("name1=var1;  name2=var2", [0, 1, 2, 2, 2]),
            ("name1=var1 ; name2=var2", [0, 0, 2, 2, 2]),
            ("name1=var1; name2=var2", [2, 2, 2, 2, 2]),
            (full, [0, 3, 3, 5, 5]),
            (
                "name1=var1;;name2=var2;;name3=;;name4=\"var4 with spaces\";;name5=var_with_=_char;",
                [0, 1, 3, 5, 5],
            ),
            (
                ";;;;name1=var1; name2=var2; name3=; name4=\"var4 with spaces\"; ; ; name5=var_with_=_char",
                [0, 0, 3, 5, 5],
            ),
            ("name1 = var1; name2=var2", [0, 0, 0, 0, 2]),
            ("name1=var1; name2 =\tvar2", [0, 1, 1, 1, 2]),
            ("", [0, 0, 0, 0, 0]),
            ("var=,", [0, 0, 0, 0, 0]),
            ("var=\"\\ \"", [0, 0, 0, 0, 0]),
            ("var=value  space", [0, 0, 0, 0, 0]),
            ("=", [0, 0, 0, 0, 0]),
            ("var", [0, 0, 0, 0, 0]),
            (";= ;", [0, 0, 0, 0, 0]),
        ];
        for (header, counts) in cases {
            for (level, &n) in [2, 1, 0, -2, -3].into_iter().zip(counts) {
                let got = cookies(header, Some(level));
                assert_eq!(got, pairs(&all[..n]), "{header:?} at level {level}");
            }
        }
        assert_eq!(cookies("name2=\"value 2\"", Some(0)), pairs(&[]));
        assert_eq!(
            cookies("name2=\"value 2\"", Some(-2)),
            pairs(&[("name2", "value 2")])
        );
    }

    #[test]
    fn first_cookie_field_only() {
        let f = run_at(
            "GET / HTTP/1.1\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n",
            Discipline::default(),
        )
        .unwrap();
        let cookies: Vec<_> = f.iter().filter(|f| f.0 == kind::COOKIE).collect();
        assert_eq!(cookies, [&(kind::COOKIE, "a".into(), "1".into())]);
    }

    #[test]
    fn discipline_levels() {
        let lvl = Discipline::client_discipline;
        let fold = "GET / HTTP/1.1\r\nX: a\r\n  b\r\n\tc\r\nY: d\r\n\r\n";
        assert_eq!(run_at(fold, Discipline::default()), Err(400));
        assert_eq!(run_at(fold, lvl(0)), Err(400));
        let folded = run_at(fold, lvl(-1)).unwrap();
        assert_eq!(folded[0], (kind::HEADER, "X".into(), "a b c".into()));
        assert_eq!(folded[1], (kind::HEADER, "Y".into(), "d".into()));
        assert!(run_at(fold, Discipline::strict_for_client(-1)).is_ok());
        // A folded first line is never a continuation.
        assert_eq!(run_at("GET / HTTP/1.1\r\n X: a\r\n\r\n", lvl(-3)), Err(400));

        let space = "GET / HTTP/1.1\r\nX : v\r\n\r\n";
        assert_eq!(run_at(space, lvl(-2)), Err(400));
        assert_eq!(
            run_at(space, lvl(-3)).unwrap(),
            [(kind::HEADER, "X".into(), "v".into())]
        );

        let name = "GET / HTTP/1.1\r\nHost: h\r\nX(y): 1\r\n: 2\r\n\r\n";
        assert_eq!(run_at(name, lvl(1)).unwrap().len(), 3);
        assert_eq!(run_at(name, lvl(2)), Err(400));

        let no_host = "GET / HTTP/1.1\r\n\r\n";
        assert!(run_at(no_host, lvl(0)).is_ok());
        assert_eq!(run_at(no_host, lvl(1)), Err(400));
        assert_eq!(run_at(no_host, Discipline::strict_for_client(1)), Err(400));
        assert!(run_at("GET / HTTP/1.0\r\n\r\n", lvl(3)).is_ok());

        // Levels beyond ±3 count as ±3; STRICT_FOR_CLIENT maps 1 → 1 and -1 → -3.
        assert_eq!(lvl(9).level, 3);
        assert_eq!(lvl(-9).level, -3);
        assert_eq!(Discipline::strict_for_client(5).level, 1);
        assert_eq!(Discipline::strict_for_client(-1).level, -3);
        assert!(!Discipline::strict_for_client(1).cookies_1_0);

        // NUL and bare CR are refused at every level.
        for bad in ["X: a\0b", "X: a\rb"] {
            let req = format!("GET / HTTP/1.1\r\n{bad}\r\n\r\n");
            assert_eq!(run_at(&req, lvl(-3)), Err(400));
        }
        // Values lose surrounding whitespace, keep other control bytes.
        assert_eq!(
            run_at("GET / HTTP/1.1\r\nX: \ta\x01b \t\r\n\r\n", lvl(0)).unwrap(),
            [(kind::HEADER, "X".into(), "a\x01b".into())]
        );
    }

    #[test]
    fn content_length_values() {
        let cl = |v: &str| {
            run(&format!("POST / HTTP/1.1\r\nContent-Length: {v}\r\n\r\n")).map(|h| h.0.framing)
        };
        assert_eq!(cl("00000000000000000003"), Ok(Framing::Length(3)));
        assert_eq!(cl("18446744073709551615"), Ok(Framing::Length(u64::MAX)));
        assert_eq!(
            cl("18446744073709551616"),
            Err(Refusal::new(413, errors::CONTENT_TOO_LARGE))
        );
        assert_eq!(cl("+3").unwrap_err().status, 400);
    }

    #[test]
    fn empty_argument_pieces() {
        let args = |q: &str| {
            run_at(
                &format!("GET /?{q} HTTP/1.1\r\n\r\n"),
                Discipline::default(),
            )
            .unwrap()
            .into_iter()
            .map(|(_, k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
        };
        assert_eq!(args("&&a=1&&"), ["=NULL", "=NULL", "a=1", "=NULL"]);
        assert_eq!(args("&"), ["=NULL"]);
        assert_eq!(args("a=1&"), ["a=1"]);
        assert!(args("").is_empty());
    }

    #[test]
    fn version_too_old() {
        assert_eq!(
            run("GET / HTTP/0.9\r\n\r\n").unwrap_err(),
            Refusal::new(505, errors::VERSION_TOO_OLD)
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
