//! Digest authentication (RFC 7616, RFC 2617 and RFC 2069 compatible): the client's
//! `Authorization: Digest` parameters, response verification and the `WWW-Authenticate`
//! challenge, for MD5, SHA-256 and SHA-512/256. Nonces and nonce counts live in the
//! daemon's [`DigestState`].
//!
//! Both C interfaces are decided here: the 0.9 calls (`MHD_digest_auth_check2`, ...) and the
//! 1.0 calls (`..._check3`, `..._get_request_info3`, ...), whose flag arguments are taken as
//! the plain integers of their C enums.

pub use super::algo::{hex, Algo};

use super::nonce::{now_ms, stamp_of, DigestState, NcError, Request};
use super::Failure;

fn hex_decode(h: &[u8]) -> Option<Vec<u8>> {
    if h.len() % 2 != 0 {
        return None;
    }
    let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    h.chunks(2)
        .map(|c| Some(nibble(c[0])? << 4 | nibble(c[1])?))
        .collect()
}

/// `H(username ":" realm ":" password)`.
pub fn userdigest(algo: Algo, username: &[u8], realm: &[u8], password: &[u8]) -> Vec<u8> {
    algo.hash(&[username, b":", realm, b":", password])
}

/// `H(username ":" realm)` (RFC 7616 userhash).
pub fn userhash(algo: Algo, username: &[u8], realm: &[u8]) -> Vec<u8> {
    algo.hash(&[username, b":", realm])
}

/// Parameters of an `Authorization: Digest ...` header (quoted strings unescaped).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Params {
    pub username: Option<Vec<u8>>,
    /// `username*=` (RFC 5987 extended notation, still encoded).
    pub username_ext: Option<Vec<u8>>,
    pub realm: Option<Vec<u8>>,
    pub nonce: Option<Vec<u8>>,
    pub uri: Option<Vec<u8>>,
    pub response: Option<Vec<u8>>,
    pub algorithm: Option<Vec<u8>>,
    pub qop: Option<Vec<u8>>,
    pub nc: Option<Vec<u8>>,
    pub cnonce: Option<Vec<u8>>,
    /// Length of `cnonce` as sent (with any backslash escapes).
    pub cnonce_raw_len: usize,
    pub opaque: Option<Vec<u8>>,
    pub userhash: Option<Vec<u8>>,
}

/// Parses `Digest k=v, k="v", ...` (None if the scheme is not Digest or it is malformed).
pub fn parse(header: &[u8]) -> Option<Params> {
    let s = super::basic::strip_scheme(header, b"Digest")?;
    let mut p = Params::default();
    let mut i = 0;
    loop {
        while i < s.len() && matches!(s[i], b' ' | b'\t' | b',') {
            i += 1;
        }
        if i >= s.len() {
            break;
        }
        let ks = i;
        while i < s.len() && s[i] != b'=' && s[i] != b',' {
            i += 1;
        }
        let key = crate::http::head::trim_spaces(&s[ks..i]);
        if i >= s.len() || s[i] != b'=' {
            return None;
        }
        i += 1;
        while i < s.len() && matches!(s[i], b' ' | b'\t') {
            i += 1;
        }
        let vs = i;
        let value = if i < s.len() && s[i] == b'"' {
            i += 1;
            let mut v = Vec::new();
            loop {
                match *s.get(i)? {
                    b'"' => break,
                    b'\\' if i + 1 < s.len() => {
                        v.push(s[i + 1]);
                        i += 2;
                    }
                    c => {
                        v.push(c);
                        i += 1;
                    }
                }
            }
            i += 1;
            v
        } else {
            while i < s.len() && s[i] != b',' {
                i += 1;
            }
            crate::http::head::trim_spaces(&s[vs..i]).to_vec()
        };
        let slot = match key.to_ascii_lowercase().as_slice() {
            b"username" => &mut p.username,
            b"username*" => &mut p.username_ext,
            b"realm" => &mut p.realm,
            b"nonce" => &mut p.nonce,
            b"uri" => &mut p.uri,
            b"response" => &mut p.response,
            b"algorithm" => &mut p.algorithm,
            b"qop" => &mut p.qop,
            b"nc" => &mut p.nc,
            b"cnonce" => {
                let quoted = s[vs] == b'"';
                p.cnonce_raw_len = (i - vs).saturating_sub(if quoted { 2 } else { 0 });
                &mut p.cnonce
            }
            b"opaque" => &mut p.opaque,
            b"userhash" => &mut p.userhash,
            _ => continue,
        };
        *slot = Some(value);
    }
    Some(p)
}

/// How the client named the user (`enum MHD_DigestAuthUsernameType`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Username {
    Missing,
    Standard(Vec<u8>),
    /// `username*=`, decoded.
    Extended(Vec<u8>),
    /// `userhash=true`: the hex the client sent and its bytes.
    Userhash {
        hex: Vec<u8>,
        bin: Vec<u8>,
    },
    /// Both forms, `username*` with a userhash, bad extended notation or bad hex.
    Invalid,
}

impl Username {
    pub fn of(p: &Params) -> Username {
        let hashed = p
            .userhash
            .as_deref()
            .is_some_and(|u| u.eq_ignore_ascii_case(b"true"));
        match (&p.username, &p.username_ext) {
            (Some(_), Some(_)) => Username::Invalid,
            (None, Some(_)) if hashed => Username::Invalid,
            (None, Some(ext)) => {
                decode_ext_value(ext).map_or(Username::Invalid, Username::Extended)
            }
            (Some(u), None) if hashed => match hex_decode(u) {
                Some(bin) => Username::Userhash {
                    hex: u.clone(),
                    bin,
                },
                None => Username::Invalid,
            },
            (Some(u), None) => Username::Standard(u.clone()),
            (None, None) => Username::Missing,
        }
    }

    /// The `enum MHD_DigestAuthUsernameType` value.
    pub fn type_code(&self) -> i32 {
        match self {
            Username::Missing => 0,
            Username::Standard(_) => 1 << 2,
            Username::Extended(_) => 1 << 3,
            Username::Userhash { .. } => 1 << 1,
            Username::Invalid => 1 << 0,
        }
    }

    /// The clear-text name (standard or extended form).
    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Username::Standard(u) | Username::Extended(u) => Some(u),
            _ => None,
        }
    }

    fn matches(&self, algo: Algo, username: &[u8], realm: &[u8]) -> bool {
        match self {
            Username::Standard(u) | Username::Extended(u) => u.as_slice() == username,
            Username::Userhash { hex: h, .. } => {
                h.eq_ignore_ascii_case(&hex(&userhash(algo, username, realm)))
            }
            Username::Missing | Username::Invalid => false,
        }
    }
}

/// RFC 5987 `ext-value`: `charset "'" [language] "'" pct-encoded` (UTF-8 or ISO-8859-1;
/// the result is UTF-8).
fn decode_ext_value(v: &[u8]) -> Option<Vec<u8>> {
    let mut it = v.splitn(3, |&b| b == b'\'');
    let (charset, _language, value) = (it.next()?, it.next()?, it.next()?);
    let latin1 = charset.eq_ignore_ascii_case(b"ISO-8859-1");
    if !latin1 && !charset.eq_ignore_ascii_case(b"UTF-8") {
        return None;
    }
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        let c = value[i];
        if c == b'%' {
            out.push(hex_decode(value.get(i + 1..i + 3)?)?[0]);
            i += 3;
        } else if c.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&c) {
            out.push(c);
            i += 1;
        } else {
            return None;
        }
    }
    if latin1 {
        Some(
            out.iter()
                .map(|&b| b as char)
                .collect::<String>()
                .into_bytes(),
        )
    } else {
        String::from_utf8(out).ok().map(String::into_bytes)
    }
}

/// The client's `qop` (`enum MHD_DigestAuthQOP`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qop {
    Invalid,
    /// No qop (RFC 2069).
    None,
    Auth,
    AuthInt,
}

impl Qop {
    fn of(p: Option<&[u8]>) -> Qop {
        match p {
            None | Some(b"") => Qop::None,
            Some(q) if q.eq_ignore_ascii_case(b"auth") => Qop::Auth,
            Some(q) if q.eq_ignore_ascii_case(b"auth-int") => Qop::AuthInt,
            Some(_) => Qop::Invalid,
        }
    }

    pub fn code(self) -> i32 {
        match self {
            Qop::Invalid => 0,
            Qop::None => 1 << 0,
            Qop::Auth => 1 << 1,
            Qop::AuthInt => 1 << 2,
        }
    }
}

/// Which qop forms are accepted / offered (`enum MHD_DigestAuthMultiQOP`; auth-int is not
/// supported).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QopSet {
    pub none: bool,
    pub auth: bool,
}

impl QopSet {
    /// What the 0.9 calls accept: `qop=auth`, and no qop (RFC 2069).
    pub const V09: QopSet = QopSet {
        none: true,
        auth: true,
    };

    pub fn from_multi(m: i32) -> QopSet {
        QopSet {
            none: m & Qop::None.code() != 0,
            auth: m & Qop::Auth.code() != 0,
        }
    }
}

/// Everything `MHD_digest_auth_get_request_info3` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInfo {
    /// `None`: an algorithm this library does not know.
    pub algo: Option<(Algo, bool)>,
    pub username: Username,
    pub opaque: Option<Vec<u8>>,
    pub realm: Option<Vec<u8>>,
    pub qop: Qop,
    pub cnonce_len: usize,
    /// 0 (`MHD_DIGEST_AUTH_INVALID_NC_VALUE`) when absent or not hex that fits 32 bits.
    pub nc: u32,
}

impl RequestInfo {
    /// The `enum MHD_DigestAuthAlgo3` value (0 when unknown).
    pub fn algo3(&self) -> i32 {
        self.algo.map_or(0, |(a, s)| a.algo3(s))
    }
}

/// The client's digest parameters (None: no `Authorization: Digest` or a malformed one).
pub fn request_info(header: Option<&[u8]>) -> Option<RequestInfo> {
    let p = parse(header?)?;
    let nc =
        p.nc.as_deref()
            .filter(|n| !n.is_empty() && n.iter().all(u8::is_ascii_hexdigit))
            .and_then(|n| u32::from_str_radix(std::str::from_utf8(n).ok()?, 16).ok())
            .unwrap_or(0);
    Some(RequestInfo {
        algo: Algo::from_param(p.algorithm.as_deref()),
        username: Username::of(&p),
        opaque: p.opaque.clone(),
        realm: p.realm.clone(),
        qop: Qop::of(p.qop.as_deref()),
        cnonce_len: p.cnonce.as_ref().map_or(0, |_| p.cnonce_raw_len),
        nc,
    })
}

/// `MHD_digest_auth_get_username3`: the request info when it names a user validly.
pub fn username_info(header: Option<&[u8]>) -> Option<RequestInfo> {
    request_info(header).filter(|i| !matches!(i.username, Username::Missing | Username::Invalid))
}

/// `MHD_digest_auth_get_username` (0.9): the `username` parameter as sent.
pub fn username_v09(header: Option<&[u8]>) -> Option<Vec<u8>> {
    parse(header?)?.username
}

/// What the password check needs: the password itself or its pre-computed HA1.
#[derive(Clone, Copy)]
pub enum Secret<'a> {
    Password(&'a [u8]),
    Digest(&'a [u8]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    WrongHeader,
    WrongUsername,
    WrongRealm,
    WrongUri,
    WrongQop,
    WrongAlgo,
    NonceStale,
    NonceOtherCond,
    NonceWrong,
    /// A nonce this daemon made whose table slot now holds another nonce.
    NonceForgotten,
    /// A nonce count that was already used (replay).
    NcReplay,
    ResponseWrong,
}

impl Outcome {
    /// The 0.9 result: `MHD_YES`, `MHD_NO` or `MHD_INVALID_NONCE` (-1: challenge again
    /// with stale). A forgotten nonce or a replay is `MHD_NO`, as in 0.9.75.
    pub fn code_v09(self) -> i32 {
        match self {
            Outcome::Ok => 1,
            Outcome::NonceStale | Outcome::NonceWrong | Outcome::NonceOtherCond => -1,
            _ => 0,
        }
    }

    /// The `enum MHD_DigestAuthResult` value.
    pub fn code_v10(self) -> i32 {
        match self {
            Outcome::Ok => 1,
            Outcome::WrongHeader => -1,
            Outcome::WrongUsername => -2,
            Outcome::WrongRealm => -3,
            Outcome::WrongUri => -4,
            Outcome::WrongQop => -5,
            Outcome::WrongAlgo => -6,
            Outcome::NonceStale | Outcome::NonceForgotten => -17,
            Outcome::NonceOtherCond => -18,
            Outcome::NonceWrong | Outcome::NcReplay => -33,
            Outcome::ResponseWrong => -34,
        }
    }
}

/// 1.0 nonce timeout (seconds) when the caller passes 0.
pub const DEFAULT_NONCE_TIMEOUT: u32 = 90;
/// 1.0 largest accepted nonce count when the caller passes 0.
pub const DEFAULT_MAX_NC: u32 = 1000;

/// The credentials a request must carry.
pub struct Expect<'a> {
    pub realm: &'a [u8],
    pub username: &'a [u8],
    pub secret: Secret<'a>,
    /// Seconds.
    pub nonce_timeout: u32,
    pub max_nc: u64,
    pub algos: Vec<Algo>,
    pub qop: QopSet,
}

impl<'a> Expect<'a> {
    /// The 0.9 calls: one algorithm (`enum MHD_DigestAuthAlgorithm`), no nc limit. None when
    /// the algorithm is unknown or a pre-computed digest has the wrong size.
    pub fn v09(
        realm: &'a [u8],
        username: &'a [u8],
        secret: Secret<'a>,
        nonce_timeout: u32,
        algo: i32,
    ) -> Option<Expect<'a>> {
        let a = Algo::from_v09(algo)?;
        if matches!(secret, Secret::Digest(d) if d.len() != a.size()) {
            return None;
        }
        Some(Expect {
            realm,
            username,
            secret,
            nonce_timeout,
            max_nc: u64::MAX,
            algos: vec![a],
            qop: QopSet::V09,
        })
    }

    /// The 1.0 calls: 0 timeout / max nc mean the defaults; `mqop` and `malgo3` are the C
    /// sets. A pre-computed digest only allows the algorithms of its size. Err: the
    /// result when nothing can be accepted.
    #[allow(clippy::too_many_arguments)]
    pub fn v10(
        realm: &'a [u8],
        username: &'a [u8],
        secret: Secret<'a>,
        nonce_timeout: u32,
        max_nc: u32,
        mqop: i32,
        malgo3: i32,
    ) -> Result<Expect<'a>, Outcome> {
        let qop = QopSet::from_multi(mqop);
        if !qop.none && !qop.auth {
            return Err(Outcome::WrongQop);
        }
        let mut algos = Algo::set_from_multi(malgo3);
        if let Secret::Digest(d) = secret {
            algos.retain(|a| a.size() == d.len());
        }
        if algos.is_empty() {
            return Err(Outcome::WrongAlgo);
        }
        let or_default = |v: u32, d: u32| if v == 0 { d } else { v };
        Ok(Expect {
            realm,
            username,
            secret,
            nonce_timeout: or_default(nonce_timeout, DEFAULT_NONCE_TIMEOUT),
            max_nc: u64::from(or_default(max_nc, DEFAULT_MAX_NC)),
            algos,
            qop,
        })
    }
}

/// Checks a digest `Authorization` header against the expected user.
pub fn check(
    state: &DigestState,
    header: Option<&[u8]>,
    req: &Request<'_>,
    want: &Expect<'_>,
) -> Outcome {
    let Some(p) = header.and_then(parse) else {
        return Outcome::WrongHeader;
    };
    let user = Username::of(&p);
    let (Some(p_realm), Some(p_nonce), Some(p_uri), Some(p_resp)) =
        (&p.realm, &p.nonce, &p.uri, &p.response)
    else {
        return Outcome::WrongHeader;
    };
    if matches!(user, Username::Missing | Username::Invalid) {
        return Outcome::WrongHeader;
    }
    let algo = match Algo::from_param(p.algorithm.as_deref()) {
        Some((a, false)) if want.algos.contains(&a) => a,
        _ => return Outcome::WrongAlgo,
    };
    let realm = want.realm;
    if !user.matches(algo, want.username, realm) {
        return Outcome::WrongUsername;
    }
    if p_realm.as_slice() != realm {
        return Outcome::WrongRealm;
    }
    let Some(ts) = stamp_of(algo, p_nonce) else {
        return Outcome::NonceWrong;
    };
    let age = now_ms().wrapping_sub(ts) as i32;
    // A stamp slightly ahead of the clock comes from a burst of nonces (unique stamps).
    if age < -60_000 {
        return Outcome::NonceWrong;
    }
    if i64::from(age) > i64::from(want.nonce_timeout) * 1000 {
        return Outcome::NonceStale;
    }
    if !state.hash_matches(algo, p_nonce, req, realm) {
        return if state.is_known(p_nonce) {
            Outcome::NonceOtherCond
        } else {
            Outcome::NonceWrong
        };
    }
    if !uri_matches(p_uri, req) {
        return Outcome::WrongUri;
    }
    let (nc, auth) = match Qop::of(p.qop.as_deref()) {
        Qop::Auth if want.qop.auth => {
            let nc_s = p.nc.as_deref().unwrap_or(b"");
            let nc = std::str::from_utf8(nc_s)
                .ok()
                .filter(|_| nc_s.len() <= 16)
                .and_then(|s| u64::from_str_radix(s, 16).ok());
            match (nc, &p.cnonce) {
                (Some(nc), Some(_)) => (nc, true),
                _ => return Outcome::WrongHeader,
            }
        }
        // RFC 2069: the nonce is good for one request.
        Qop::None if want.qop.none => (1, false),
        _ => return Outcome::WrongQop,
    };
    if nc > want.max_nc {
        return Outcome::NonceStale;
    }
    let ha1 = match want.secret {
        Secret::Password(pw) => hex(&userdigest(algo, want.username, realm, pw)),
        Secret::Digest(d) if d.len() == algo.size() => hex(d),
        Secret::Digest(_) => return Outcome::ResponseWrong,
    };
    let ha2 = algo.hash_hex_joined(&[req.method, p_uri]);
    let expected = match (&p.nc, &p.cnonce) {
        (Some(nc_s), Some(cnonce)) if auth => {
            algo.hash_hex_joined(&[&ha1, p_nonce, nc_s, cnonce, b"auth", &ha2])
        }
        _ => algo.hash_hex_joined(&[&ha1, p_nonce, &ha2]),
    };
    if !constant_time_eq(&expected, &p_resp.to_ascii_lowercase()) {
        return Outcome::ResponseWrong;
    }
    // Replay protection last, so a wrong password does not consume a nonce count.
    match state.use_nc(p_nonce, nc) {
        Ok(()) => Outcome::Ok,
        Err(NcError::Replay) => Outcome::NcReplay,
        Err(NcError::Unknown) => Outcome::NonceForgotten,
    }
}

fn uri_matches(p_uri: &[u8], req: &Request<'_>) -> bool {
    if p_uri == req.raw_target {
        return true;
    }
    // Absolute form or a differently escaped path: compare the decoded path.
    let split = |u: &[u8]| -> (Vec<u8>, Option<Vec<u8>>) {
        match u.iter().position(|&b| b == b'?') {
            Some(q) => (u[..q].to_vec(), Some(u[q..].to_vec())),
            None => (u.to_vec(), None),
        }
    };
    let (mut dec, p_q) = split(p_uri);
    let n = crate::http::unescape::unescape_in_place(&mut dec);
    dec.truncate(n);
    dec == req.url && split(req.raw_target).1 == p_q
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// What a digest challenge offers.
pub struct Challenge<'a> {
    pub realm: &'a [u8],
    pub opaque: Option<&'a [u8]>,
    pub domain: Option<&'a [u8]>,
    pub stale: bool,
    pub algos: Vec<Algo>,
    pub qop: QopSet,
    pub userhash: bool,
    pub utf8: bool,
}

impl<'a> Challenge<'a> {
    /// `MHD_queue_auth_fail_response2` (0.9): one algorithm, `qop="auth"`.
    pub fn v09(realm: &'a [u8], opaque: Option<&'a [u8]>, stale: bool, algo: i32) -> Option<Self> {
        Some(Challenge {
            realm,
            opaque,
            domain: None,
            stale,
            algos: vec![Algo::from_v09(algo)?],
            qop: QopSet {
                none: false,
                auth: true,
            },
            userhash: false,
            utf8: false,
        })
    }
}

/// Why no challenge can be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeError {
    /// No algorithm or qop the library can offer.
    Unsupported,
    /// `MHD_OPTION_NONCE_NC_SIZE` 0: no nonce can be registered.
    NoNonceSlot,
}

/// The 401 answer: one `WWW-Authenticate: Digest` per algorithm, each with a new nonce.
/// With only RFC 2069 allowed, the challenge has no qop, userhash or charset.
pub fn fail_response(
    state: &DigestState,
    req: &Request<'_>,
    c: &Challenge<'_>,
) -> Result<Failure, ChallengeError> {
    if c.algos.is_empty() || (!c.qop.auth && !c.qop.none) {
        return Err(ChallengeError::Unsupported);
    }
    let rfc2069 = !c.qop.auth;
    let mut values = Vec::with_capacity(c.algos.len());
    for &a in &c.algos {
        let nonce = state
            .issue(a, req, c.realm)
            .ok_or(ChallengeError::NoNonceSlot)?;
        let mut v = b"Digest realm=".to_vec();
        super::quote_into(&mut v, c.realm);
        if !rfc2069 {
            v.extend_from_slice(b",qop=\"auth\"");
        }
        v.extend_from_slice(b",nonce=\"");
        v.extend_from_slice(&nonce);
        v.push(b'"');
        if let Some(o) = c.opaque {
            v.extend_from_slice(b",opaque=");
            super::quote_into(&mut v, o);
        }
        v.extend_from_slice(b",algorithm=");
        v.extend_from_slice(a.challenge_name().as_bytes());
        if c.stale {
            v.extend_from_slice(b",stale=\"true\"");
        }
        if let Some(d) = c.domain {
            v.extend_from_slice(b",domain=");
            super::quote_into(&mut v, d);
        }
        if c.userhash && !rfc2069 {
            v.extend_from_slice(b",userhash=true");
        }
        if c.utf8 && !rfc2069 {
            v.extend_from_slice(b",charset=UTF-8");
        }
        values.push(v);
    }
    Ok(Failure::unauthorized(values))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7616 section 3.9.1: Mufasa / Circle of Life, MD5 and SHA-256.
    #[test]
    fn rfc7616_vectors() {
        let ha1 = hex(&userdigest(
            Algo::Md5,
            b"Mufasa",
            b"http-auth@example.org",
            b"Circle of Life",
        ));
        let ha2 = Algo::Md5.hash_hex_joined(&[b"GET", b"/dir/index.html"]);
        let nonce = b"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        let cnonce = b"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        let r = Algo::Md5.hash_hex_joined(&[&ha1, nonce, b"00000001", cnonce, b"auth", &ha2]);
        assert_eq!(r, b"8ca523f5e9506fed4657c9700eebdbec");
        let ha1 = hex(&userdigest(
            Algo::Sha256,
            b"Mufasa",
            b"http-auth@example.org",
            b"Circle of Life",
        ));
        let ha2 = Algo::Sha256.hash_hex_joined(&[b"GET", b"/dir/index.html"]);
        let r = Algo::Sha256.hash_hex_joined(&[&ha1, nonce, b"00000001", cnonce, b"auth", &ha2]);
        assert_eq!(
            r,
            b"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
        );
    }

    #[test]
    fn rfc2617_vector() {
        // RFC 2617 3.5
        let ha1 = hex(&userdigest(
            Algo::Md5,
            b"Mufasa",
            b"testrealm@host.com",
            b"Circle Of Life",
        ));
        let ha2 = Algo::Md5.hash_hex_joined(&[b"GET", b"/dir/index.html"]);
        let r = Algo::Md5.hash_hex_joined(&[
            &ha1,
            b"dcd98b7102dd2f0e8b11d0f600bfb0c093",
            b"00000001",
            b"0a4f113b",
            b"auth",
            &ha2,
        ]);
        assert_eq!(r, b"6629fae49393a05397450978507c4ef1");
    }

    #[test]
    fn parse_header() {
        let p = parse(b"Digest username=\"Mufasa\", realm=\"r\", nonce=\"n\", uri=\"/a?b=1\", qop=auth, nc=00000001, cnonce=\"c\\\"d\", response=\"x\", opaque=\"o\", algorithm=SHA-256").unwrap();
        assert_eq!(p.username.as_deref(), Some(&b"Mufasa"[..]));
        assert_eq!(p.uri.as_deref(), Some(&b"/a?b=1"[..]));
        assert_eq!(p.qop.as_deref(), Some(&b"auth"[..]));
        assert_eq!(p.algorithm.as_deref(), Some(&b"SHA-256"[..]));
        assert_eq!(p.cnonce.as_deref(), Some(&b"c\"d"[..]));
        assert_eq!(p.cnonce_raw_len, 4);
        assert!(parse(b"Basic abc").is_none());
        assert!(parse(b"Digest username=\"unterminated").is_none());
    }

    /// RFC 7616 section 3.9.2: `username*` in extended notation.
    #[test]
    fn usernames() {
        let u = |h: &[u8]| Username::of(&parse(h).unwrap());
        assert_eq!(
            u(b"Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm=\"r\""),
            Username::Extended("Jäsøn Doe".as_bytes().to_vec())
        );
        assert_eq!(
            u(b"Digest username*=iso-8859-1'en'J%E4son"),
            Username::Extended("Jäson".as_bytes().to_vec())
        );
        assert_eq!(
            u(b"Digest username=\"a\", username*=UTF-8''a"),
            Username::Invalid
        );
        assert_eq!(
            u(b"Digest username*=UTF-8''a, userhash=true"),
            Username::Invalid
        );
        assert_eq!(u(b"Digest username*=UTF-8''%C3"), Username::Invalid);
        assert_eq!(u(b"Digest username*=UTF-8''a%2"), Username::Invalid);
        assert_eq!(u(b"Digest username*=KOI8-R''a"), Username::Invalid);
        assert_eq!(u(b"Digest username*=a"), Username::Invalid);
        assert_eq!(
            u(b"Digest username=\"0aFf\", userhash=TRUE"),
            Username::Userhash {
                hex: b"0aFf".to_vec(),
                bin: vec![0x0a, 0xff]
            }
        );
        assert_eq!(
            u(b"Digest username=\"0aF\", userhash=true"),
            Username::Invalid
        );
        assert_eq!(
            u(b"Digest username=\"xy\", userhash=true"),
            Username::Invalid
        );
        assert_eq!(
            u(b"Digest username=\"xy\", userhash=false"),
            Username::Standard(b"xy".to_vec())
        );
        assert_eq!(u(b"Digest realm=\"r\""), Username::Missing);
        assert_eq!(Username::Extended(vec![]).type_code(), 8);
        assert_eq!(
            Username::Userhash {
                hex: vec![],
                bin: vec![]
            }
            .type_code(),
            2
        );
    }

    #[test]
    fn request_info_fields() {
        let i = request_info(Some(
            b"Digest username=\"alice\", realm=\"r\\\\1\", nonce=\"n\", uri=\"/\", qop=auth, nc=0000000a, cnonce=\"a\\bc\", response=\"x\", opaque=\"op\", algorithm=SHA-512-256-sess",
        ))
        .unwrap();
        assert_eq!(i.algo, Some((Algo::Sha512_256, true)));
        assert_eq!(i.algo3(), 4 | 128);
        assert_eq!(i.username, Username::Standard(b"alice".to_vec()));
        assert_eq!(i.realm.as_deref(), Some(&b"r\\1"[..]));
        assert_eq!(i.opaque.as_deref(), Some(&b"op"[..]));
        assert_eq!(i.qop, Qop::Auth);
        assert_eq!(i.qop.code(), 2);
        assert_eq!(i.cnonce_len, 4, "as sent, with the escape");
        assert_eq!(i.nc, 10);
        // defaults and invalid values
        let i = request_info(Some(b"Digest username=\"a\"")).unwrap();
        assert_eq!(i.algo3(), 1 | 64, "no algorithm: MD5");
        assert_eq!((i.qop, i.cnonce_len, i.nc), (Qop::None, 0, 0));
        assert_eq!((i.realm, i.opaque), (None, None));
        let i = request_info(Some(b"Digest algorithm=SHA-1, qop=auth-int, nc=12g4")).unwrap();
        assert_eq!((i.algo3(), i.qop, i.nc), (0, Qop::AuthInt, 0));
        assert_eq!(i.username, Username::Missing);
        assert_eq!(
            request_info(Some(b"Digest qop=xyz, nc=100000000"))
                .unwrap()
                .qop,
            Qop::Invalid
        );
        assert_eq!(request_info(Some(b"Digest nc=100000000")).unwrap().nc, 0);
        assert_eq!(request_info(Some(b"Basic dXNlcjpwYXNz")), None);
        assert_eq!(request_info(None), None);
        assert!(username_info(Some(b"Digest realm=\"r\"")).is_none());
        assert!(username_info(Some(b"Digest username=\"a\", username*=UTF-8''a")).is_none());
        assert!(username_info(Some(b"Digest username=\"a\"")).is_some());
        assert_eq!(
            username_v09(Some(b"Digest username=\"a\"")),
            Some(b"a".to_vec())
        );
    }

    #[test]
    fn c_enums() {
        assert_eq!(Algo::from_algo3(1 | 64), Some((Algo::Md5, false)));
        assert_eq!(Algo::from_algo3(2 | 128), Some((Algo::Sha256, true)));
        assert_eq!(Algo::from_algo3(4 | 64 | 128), None);
        assert_eq!(Algo::from_algo3(3 | 64), None);
        assert_eq!(Algo::from_algo3(0), None);
        assert_eq!(
            Algo::set_from_multi(0x3F | 64),
            vec![Algo::Md5, Algo::Sha256, Algo::Sha512_256]
        );
        assert_eq!(Algo::set_from_multi(2 | 4 | 128), vec![]);
        assert_eq!(Algo::from_v09(0), Some(Algo::Sha256));
        assert_eq!(Algo::from_v09(3), None);
        assert_eq!(Outcome::NonceForgotten.code_v09(), 0);
        assert_eq!(Outcome::NonceWrong.code_v09(), -1);
        assert_eq!(Outcome::NonceForgotten.code_v10(), -17);
        let e =
            |q, a| Expect::v10(b"r", b"u", Secret::Digest(&[0; 16]), 0, 0, q, a).map(|e| e.algos);
        assert_eq!(
            e(2, 0x3F | 64),
            Ok(vec![Algo::Md5]),
            "a 16-byte digest is MD5"
        );
        assert_eq!(e(4, 0x3F | 64).err(), Some(Outcome::WrongQop));
        assert_eq!(e(2, 2 | 64).err(), Some(Outcome::WrongAlgo));
        assert!(Expect::v09(b"r", b"u", Secret::Digest(&[0; 16]), 5, 2).is_none());
    }

    const REQ: Request<'static> = Request {
        method: b"GET",
        url: b"/p",
        raw_target: b"/p?x=1",
        client_ip: b"127.0.0.1",
    };

    fn client_header(algo: Algo, nonce: &[u8], nc: &str, pw: &[u8], uri: &[u8]) -> Vec<u8> {
        let ha1 = hex(&userdigest(algo, b"alice", b"realm", pw));
        let ha2 = algo.hash_hex_joined(&[b"GET", uri]);
        let r = algo.hash_hex_joined(&[&ha1, nonce, nc.as_bytes(), b"cn", b"auth", &ha2]);
        let name = match algo {
            Algo::Md5 => "MD5",
            Algo::Sha256 => "SHA-256",
            Algo::Sha512_256 => "SHA-512-256",
        };
        format!(
            "Digest username=\"alice\", realm=\"realm\", nonce=\"{}\", uri=\"{}\", qop=auth, nc={nc}, cnonce=\"cn\", response=\"{}\", algorithm={name}",
            String::from_utf8_lossy(nonce),
            String::from_utf8_lossy(uri),
            String::from_utf8_lossy(&r)
        )
        .into_bytes()
    }

    fn want(algo: Algo, pw: &[u8], timeout: u32) -> Expect<'_> {
        Expect {
            realm: b"realm",
            username: b"alice",
            secret: Secret::Password(pw),
            nonce_timeout: timeout,
            max_nc: u64::MAX,
            algos: vec![algo],
            qop: QopSet::V09,
        }
    }

    #[test]
    fn round_trip_and_replay() {
        let st = DigestState::new(16, b"", None);
        for algo in [Algo::Md5, Algo::Sha256, Algo::Sha512_256] {
            let nonce = st.issue(algo, &REQ, b"realm").unwrap();
            assert_eq!(nonce.len(), algo.size() * 2 + 8);
            let w = want(algo, b"pw", 300);
            let chk = |nc: &str, pw: &[u8], uri: &[u8]| {
                check(
                    &st,
                    Some(&client_header(algo, &nonce, nc, pw, uri)),
                    &REQ,
                    &w,
                )
            };
            assert_eq!(chk("00000001", b"pw", b"/p?x=1"), Outcome::Ok);
            assert_eq!(chk("00000001", b"pw", b"/p?x=1"), Outcome::NcReplay);
            assert_eq!(chk("00000003", b"pw", b"/p?x=1"), Outcome::Ok);
            assert_eq!(chk("00000002", b"pw", b"/p?x=1"), Outcome::Ok);
            assert_eq!(chk("00000002", b"pw", b"/p?x=1"), Outcome::NcReplay);
            assert_eq!(chk("00000004", b"bad", b"/p?x=1"), Outcome::ResponseWrong);
            assert_eq!(chk("00000004", b"pw", b"/q"), Outcome::WrongUri);
            let mut forged = nonce.clone();
            forged[0] = if forged[0] == b'0' { b'1' } else { b'0' };
            let h = client_header(algo, &forged, "00000001", b"pw", b"/p?x=1");
            assert_eq!(check(&st, Some(&h), &REQ, &w), Outcome::NonceWrong);
            // precomputed HA1
            let ha1 = userdigest(algo, b"alice", b"realm", b"pw");
            let w = Expect {
                secret: Secret::Digest(&ha1),
                ..want(algo, b"", 300)
            };
            let h = client_header(algo, &nonce, "00000009", b"pw", b"/p?x=1");
            assert_eq!(check(&st, Some(&h), &REQ, &w), Outcome::Ok);
            // max nc
            let w = Expect {
                max_nc: 9,
                ..want(algo, b"pw", 300)
            };
            let h = client_header(algo, &nonce, "0000000a", b"pw", b"/p?x=1");
            assert_eq!(check(&st, Some(&h), &REQ, &w), Outcome::NonceStale);
        }
        // expired nonce
        let old = st
            .issue_at(Algo::Md5, &REQ, b"realm", now_ms().wrapping_sub(100_000))
            .unwrap();
        let h = client_header(Algo::Md5, &old, "00000001", b"pw", b"/p?x=1");
        assert_eq!(
            check(&st, Some(&h), &REQ, &want(Algo::Md5, b"pw", 10)),
            Outcome::NonceStale
        );
        // other daemon
        let other = DigestState::new(16, b"", None);
        let nonce = st.issue(Algo::Md5, &REQ, b"realm").unwrap();
        let h = client_header(Algo::Md5, &nonce, "00000001", b"pw", b"/p?x=1");
        let w = want(Algo::Md5, b"pw", 300);
        assert_eq!(check(&other, Some(&h), &REQ, &w), Outcome::NonceWrong);
        assert_eq!(check(&st, None, &REQ, &w), Outcome::WrongHeader);
        // wrong algorithm, wrong user
        assert_eq!(
            check(&st, Some(&h), &REQ, &want(Algo::Sha256, b"pw", 300)),
            Outcome::WrongAlgo
        );
        let w = Expect {
            username: b"bob",
            ..want(Algo::Md5, b"pw", 300)
        };
        assert_eq!(check(&st, Some(&h), &REQ, &w), Outcome::WrongUsername);
    }

    #[test]
    fn forgotten_nonce_and_other_conditions() {
        let st = DigestState::new(1, b"", None);
        let w = want(Algo::Md5, b"pw", 300);
        let first = st.issue(Algo::Md5, &REQ, b"realm").unwrap();
        st.issue(Algo::Md5, &REQ, b"realm").unwrap();
        let h = client_header(Algo::Md5, &first, "00000001", b"pw", b"/p?x=1");
        assert_eq!(check(&st, Some(&h), &REQ, &w), Outcome::NonceForgotten);
        // a nonce still in the table, used for another path: issued for other conditions
        let n = st.issue(Algo::Md5, &REQ, b"realm").unwrap();
        let elsewhere = Request {
            url: b"/q",
            raw_target: b"/q",
            ..REQ
        };
        let h = client_header(Algo::Md5, &n, "00000001", b"pw", b"/q");
        assert_eq!(
            check(&st, Some(&h), &elsewhere, &w),
            Outcome::NonceOtherCond
        );
        // with MHD_DAUTH_BIND_NONCE_NONE the same nonce is good for any path
        let free = DigestState::new(4, b"", Some(0));
        let n = free.issue(Algo::Md5, &REQ, b"realm").unwrap();
        let h = client_header(Algo::Md5, &n, "00000001", b"pw", b"/q");
        assert_eq!(check(&free, Some(&h), &elsewhere, &w), Outcome::Ok);
    }

    #[test]
    fn rfc2069_and_userhash_and_extended_names() {
        let st = DigestState::new(4, b"", None);
        let n = st.issue(Algo::Md5, &REQ, b"realm").unwrap();
        let ha1 = hex(&userdigest(Algo::Md5, b"alice", b"realm", b"pw"));
        let ha2 = Algo::Md5.hash_hex_joined(&[b"GET", b"/p?x=1"]);
        let r = Algo::Md5.hash_hex_joined(&[&ha1, &n, &ha2]);
        let h = format!(
            "Digest username=\"alice\", realm=\"realm\", nonce=\"{}\", uri=\"/p?x=1\", response=\"{}\"",
            String::from_utf8_lossy(&n),
            String::from_utf8_lossy(&r)
        );
        let only_auth =
            Expect::v10(b"realm", b"alice", Secret::Password(b"pw"), 0, 0, 2, 1 | 64).unwrap();
        assert_eq!(
            check(&st, Some(h.as_bytes()), &REQ, &only_auth),
            Outcome::WrongQop
        );
        let any =
            Expect::v10(b"realm", b"alice", Secret::Password(b"pw"), 0, 0, 3, 1 | 64).unwrap();
        assert_eq!(check(&st, Some(h.as_bytes()), &REQ, &any), Outcome::Ok);
        assert_eq!(
            check(&st, Some(h.as_bytes()), &REQ, &any),
            Outcome::NcReplay,
            "one-time nonce"
        );
        // userhash and username* name the same user
        let w = want(Algo::Md5, b"pw", 300);
        let uh = String::from_utf8(hex(&userhash(Algo::Md5, b"alice", b"realm"))).unwrap();
        for (i, name) in [
            format!("username=\"{uh}\", userhash=true"),
            "username*=UTF-8''alic%65".into(),
        ]
        .iter()
        .enumerate()
        {
            let nc = format!("0000000{}", i + 2);
            let h = String::from_utf8(client_header(Algo::Md5, &n, &nc, b"pw", b"/p?x=1"))
                .unwrap()
                .replace("username=\"alice\"", name);
            assert_eq!(
                check(&st, Some(h.as_bytes()), &REQ, &w),
                Outcome::Ok,
                "{name}"
            );
        }
    }

    #[test]
    fn challenges() {
        let st = DigestState::new(4, b"", None);
        let c = Challenge::v09(b"r", Some(b"o"), true, 1).unwrap();
        let f = fail_response(&st, &REQ, &c).unwrap();
        assert_eq!(f.status, 401);
        let v = String::from_utf8(f.www_authenticate[0].clone()).unwrap();
        let at = v.find("nonce=\"").unwrap() + 7;
        let nonce = &v[at..at + 40];
        assert_eq!(
            v,
            format!("Digest realm=\"r\",qop=\"auth\",nonce=\"{nonce}\",opaque=\"o\",algorithm=md5,stale=\"true\"")
        );
        assert!(st.is_known(nonce.as_bytes()));
        let c = Challenge {
            domain: Some(b"/a /b"),
            userhash: true,
            utf8: true,
            algos: vec![Algo::Md5, Algo::Sha256],
            stale: false,
            ..Challenge::v09(b"r", None, false, 1).unwrap()
        };
        let f = fail_response(&st, &REQ, &c).unwrap();
        assert_eq!(f.www_authenticate.len(), 2);
        assert!(f.www_authenticate[1]
            .ends_with(b",algorithm=sha-256,domain=\"/a /b\",userhash=true,charset=UTF-8"));
        let rfc2069 = Challenge {
            qop: QopSet {
                none: true,
                auth: false,
            },
            ..c
        };
        let v = fail_response(&st, &REQ, &rfc2069)
            .unwrap()
            .www_authenticate
            .remove(0);
        assert!(!v.windows(3).any(|w| w == b"qop"));
        assert!(v.ends_with(b",algorithm=md5,domain=\"/a /b\""));
        let none = Challenge {
            qop: QopSet {
                none: false,
                auth: false,
            },
            ..rfc2069
        };
        assert_eq!(
            fail_response(&st, &REQ, &none),
            Err(ChallengeError::Unsupported)
        );
        let zero = DigestState::new(0, b"", None);
        let c = Challenge::v09(b"r", None, false, 1).unwrap();
        assert_eq!(
            fail_response(&zero, &REQ, &c),
            Err(ChallengeError::NoNonceSlot)
        );
    }
}
