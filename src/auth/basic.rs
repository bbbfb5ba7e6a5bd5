//! `Authorization: Basic` decoding and the `WWW-Authenticate: Basic` challenge.

/// User name and password of `Basic <base64(user[:password])>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: Vec<u8>,
    /// `None` when the decoded token has no `:` (1.0 API: password NULL).
    pub password: Option<Vec<u8>>,
}

/// Parses an `Authorization` header value. The scheme name is matched case-insensitively;
/// the token must be valid (padded) base64.
pub fn parse(header: &[u8]) -> Option<Credentials> {
    let rest = strip_scheme(header, b"Basic")?;
    let token = crate::http::head::trim_spaces(rest);
    if token.is_empty() {
        return None;
    }
    let decoded = base64_decode(token)?;
    match decoded.iter().position(|&b| b == b':') {
        Some(i) => Some(Credentials {
            username: decoded[..i].to_vec(),
            password: Some(decoded[i + 1..].to_vec()),
        }),
        None => Some(Credentials {
            username: decoded,
            password: None,
        }),
    }
}

/// The credentials the C calls report: libmicrohttpd 0.9.75 matches the scheme name
/// `Basic ` case-sensitively.
pub fn credentials(header: Option<&[u8]>) -> Option<Credentials> {
    header.filter(|h| h.starts_with(b"Basic ")).and_then(parse)
}

/// `MHD_basic_auth_get_username_password` (0.9): a token without `:` is invalid.
pub fn credentials_v09(header: Option<&[u8]>) -> Option<(Vec<u8>, Vec<u8>)> {
    let c = credentials(header)?;
    Some((c.username, c.password?))
}

/// The 401 answer with a `Basic` challenge.
pub fn fail_response(realm: &[u8], prefer_utf8: bool) -> super::Failure {
    super::Failure::unauthorized(vec![challenge(realm, prefer_utf8)])
}

/// `Basic realm="<realm>"` (plus `, charset="UTF-8"` when asked).
pub fn challenge(realm: &[u8], prefer_utf8: bool) -> Vec<u8> {
    let mut v = b"Basic realm=".to_vec();
    super::quote_into(&mut v, realm);
    if prefer_utf8 {
        v.extend_from_slice(b", charset=\"UTF-8\"");
    }
    v
}

/// Returns what follows `scheme` and at least one space, if `header` starts with it.
pub(crate) fn strip_scheme<'a>(header: &'a [u8], scheme: &[u8]) -> Option<&'a [u8]> {
    let header = crate::http::head::trim_spaces(header);
    if header.len() <= scheme.len() || !header[..scheme.len()].eq_ignore_ascii_case(scheme) {
        return None;
    }
    let rest = &header[scheme.len()..];
    if rest[0] != b' ' && rest[0] != b'\t' {
        return None;
    }
    Some(rest)
}

/// Strict standard base64 (RFC 4648 alphabet, `=` padding required, no whitespace).
pub fn base64_decode(s: &[u8]) -> Option<Vec<u8>> {
    if s.len() % 4 != 0 {
        return None;
    }
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let quads = s.len() / 4;
    for (qi, q) in s.chunks(4).enumerate() {
        let last = qi + 1 == quads;
        let pad = q.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n: u32 = 0;
        for &c in &q[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_basic() {
        let c = parse(b"Basic dXNlcjpwYXNz").unwrap();
        assert_eq!(c.username, b"user");
        assert_eq!(c.password.as_deref(), Some(&b"pass"[..]));
        // RFC 7617 example
        let c = parse(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").unwrap();
        assert_eq!(c.username, b"Aladdin");
        assert_eq!(c.password.as_deref(), Some(&b"open sesame"[..]));
        let c = parse(b"basic   dXNlcg==").unwrap();
        assert_eq!(c.username, b"user");
        assert_eq!(c.password, None);
        let c = parse(b"Basic OnB3").unwrap();
        assert_eq!(c.username, b"");
        assert_eq!(c.password.as_deref(), Some(&b"pw"[..]));
        assert_eq!(parse(b"Basic"), None);
        assert_eq!(parse(b"Basic "), None);
        assert_eq!(parse(b"Bearer dXNlcjpwYXNz"), None);
        assert_eq!(parse(b"Basicx dXNlcjpwYXNz"), None);
        assert_eq!(parse(b"Basic dXNlcjpwYXN"), None);
        assert_eq!(parse(b"Basic dX=lcjpwYXNz"), None);
        assert_eq!(parse(b"Basic ****"), None);
    }

    #[test]
    fn c_api_rules() {
        // 0.9.75: scheme name case-sensitive; 0.9 call needs a password
        assert_eq!(credentials(Some(b"basic dXNlcjpwYXNz")), None);
        assert_eq!(credentials(None), None);
        assert_eq!(
            credentials_v09(Some(b"Basic dXNlcjpwYXNz")),
            Some((b"user".to_vec(), b"pass".to_vec()))
        );
        assert_eq!(credentials_v09(Some(b"Basic dXNlcg==")), None);
        assert!(credentials(Some(b"Basic dXNlcg==")).is_some());
        let f = fail_response(b"r", false);
        assert_eq!(f.status, 401);
        assert_eq!(f.www_authenticate, vec![b"Basic realm=\"r\"".to_vec()]);
    }

    #[test]
    fn challenge_text() {
        assert_eq!(challenge(b"my realm", false), b"Basic realm=\"my realm\"");
        assert_eq!(
            challenge(b"a\"b", true),
            b"Basic realm=\"a\\\"b\", charset=\"UTF-8\""
        );
    }
}
