//! Digest authentication (RFC 7616, RFC 2617 compatible): challenge, server nonces,
//! nonce-count tracking and response verification, for MD5, SHA-256 and SHA-512/256.
//!
//! Nonces are `hex(H(timestamp ":" method ":" secret ":" daemon ":" uri ":" realm))`
//! followed by an 8-hex-digit timestamp (milliseconds of a monotonic clock, made unique
//! per nonce), the layout of libmicrohttpd 0.9.75 (40 hex digits for MD5, 72 for
//! SHA-256). The secret is random
//! per process: the daemon does not expose `MHD_OPTION_DIGEST_AUTH_RANDOM` to this
//! module, so one process-wide secret (read from /dev/urandom once) is used, and the
//! daemon's address is mixed in so a nonce is only valid on the daemon that issued it.
//! Nonce counts are tracked in a process-wide table (always on, unlike 0.9.75 whose
//! default table size is 0): a replayed `nc` is refused.

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use md5::Md5;
use sha2::{Digest, Sha256, Sha512_256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algo {
    Md5,
    Sha256,
    Sha512_256,
}

impl Algo {
    pub fn size(self) -> usize {
        match self {
            Algo::Md5 => 16,
            Algo::Sha256 | Algo::Sha512_256 => 32,
        }
    }

    pub fn hash(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut d = D::new();
            for p in parts {
                d.update(p);
            }
            d.finalize().to_vec()
        }
        match self {
            Algo::Md5 => run::<Md5>(parts),
            Algo::Sha256 => run::<Sha256>(parts),
            Algo::Sha512_256 => run::<Sha512_256>(parts),
        }
    }

    /// Hash of `a:b:c...` as lower-case hex.
    pub fn hash_hex_joined(self, parts: &[&[u8]]) -> Vec<u8> {
        let mut v: Vec<&[u8]> = Vec::with_capacity(parts.len() * 2);
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                v.push(b":");
            }
            v.push(p);
        }
        hex(&self.hash(&v))
    }

    /// Name in 0.9.75's challenge (`algorithm=md5`).
    pub fn challenge_name(self) -> &'static str {
        match self {
            Algo::Md5 => "md5",
            Algo::Sha256 => "sha-256",
            Algo::Sha512_256 => "sha-512-256",
        }
    }

    /// Matches the client's `algorithm=` (absent means MD5).
    pub fn from_param(p: Option<&[u8]>) -> Option<Algo> {
        let Some(p) = p else { return Some(Algo::Md5) };
        if p.eq_ignore_ascii_case(b"MD5") {
            Some(Algo::Md5)
        } else if p.eq_ignore_ascii_case(b"SHA-256") {
            Some(Algo::Sha256)
        } else if p.eq_ignore_ascii_case(b"SHA-512-256") {
            Some(Algo::Sha512_256)
        } else {
            None
        }
    }
}

pub fn hex(bytes: &[u8]) -> Vec<u8> {
    const H: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [H[(b >> 4) as usize], H[(b & 15) as usize]])
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

/// Parameters of an `Authorization: Digest ...` header.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Params {
    pub username: Option<Vec<u8>>,
    pub realm: Option<Vec<u8>>,
    pub nonce: Option<Vec<u8>>,
    pub uri: Option<Vec<u8>>,
    pub response: Option<Vec<u8>>,
    pub algorithm: Option<Vec<u8>>,
    pub qop: Option<Vec<u8>>,
    pub nc: Option<Vec<u8>>,
    pub cnonce: Option<Vec<u8>>,
    pub opaque: Option<Vec<u8>>,
    pub userhash: Option<Vec<u8>>,
}

/// Parses `Digest k=v, k="v", ...` (None if the scheme is not Digest or it is malformed).
pub fn parse(header: &[u8]) -> Option<Params> {
    let rest = super::basic::strip_scheme(header, b"Digest")?;
    let mut p = Params::default();
    let mut i = 0;
    let s = rest;
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
        let value = if i < s.len() && s[i] == b'"' {
            i += 1;
            let mut v = Vec::new();
            loop {
                if i >= s.len() {
                    return None;
                }
                match s[i] {
                    b'"' => {
                        i += 1;
                        break;
                    }
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
            v
        } else {
            let vs = i;
            while i < s.len() && s[i] != b',' {
                i += 1;
            }
            crate::http::head::trim_spaces(&s[vs..i]).to_vec()
        };
        let slot = match key.to_ascii_lowercase().as_slice() {
            b"username" => &mut p.username,
            b"realm" => &mut p.realm,
            b"nonce" => &mut p.nonce,
            b"uri" => &mut p.uri,
            b"response" => &mut p.response,
            b"algorithm" => &mut p.algorithm,
            b"qop" => &mut p.qop,
            b"nc" => &mut p.nc,
            b"cnonce" => &mut p.cnonce,
            b"opaque" => &mut p.opaque,
            b"userhash" => &mut p.userhash,
            _ => continue,
        };
        *slot = Some(value);
    }
    Some(p)
}

/// The request the credentials are checked against.
pub struct Request<'a> {
    pub method: &'a [u8],
    /// Decoded path (what the application's handler got as `url`).
    pub url: &'a [u8],
    /// The request target as sent (path and query).
    pub raw_target: &'a [u8],
    /// Identifies the daemon (its address).
    pub daemon: usize,
    /// The daemon's `MHD_OPTION_DIGEST_AUTH_RANDOM` bytes (empty when not given), mixed into
    /// nonces beside the process-wide secret.
    pub daemon_random: &'a [u8],
}

/// What the password check needs: the password itself or its pre-computed HA1.
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
    /// A nonce count that was already used (replay).
    NcReplay,
    ResponseWrong,
}

fn secret() -> &'static [u8; 32] {
    static SECRET: OnceLock<[u8; 32]> = OnceLock::new();
    SECRET.get_or_init(|| {
        use std::io::Read;
        let mut s = [0u8; 32];
        let ok = std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut s))
            .is_ok();
        if !ok {
            // No /dev/urandom: fall back to time and address entropy (weaker, still unique).
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            let seed = format!("{:?}{:p}{}", t, &s, std::process::id());
            s.copy_from_slice(&Sha256::digest(seed.as_bytes()));
        }
        s
    })
}

/// Milliseconds of a monotonic clock, 32 bits (wraps after 49 days; ages are computed
/// with wrapping arithmetic).
pub fn now_ms() -> u32 {
    static START: OnceLock<Instant> = OnceLock::new();
    (START.get_or_init(Instant::now).elapsed().as_millis() as u64 as u32).wrapping_add(1)
}

/// A nonce timestamp: the clock in ms, but strictly increasing, so two nonces issued for
/// the same request in the same millisecond still differ (each has its own nc record).
fn unique_stamp() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static LAST: AtomicU32 = AtomicU32::new(0);
    let now = now_ms();
    let mut prev = LAST.load(Ordering::Relaxed);
    loop {
        let next = if (now.wrapping_sub(prev) as i32) > 0 {
            now
        } else {
            prev.wrapping_add(1)
        };
        match LAST.compare_exchange_weak(prev, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(p) => prev = p,
        }
    }
}

fn nonce_hash(algo: Algo, ts: u32, req: &Request<'_>, realm: &[u8]) -> Vec<u8> {
    let ts_hex = format!("{ts:08x}");
    let daemon = format!("{:x}", req.daemon);
    hex(&algo.hash(&[
        ts_hex.as_bytes(),
        b":",
        req.method,
        b":",
        secret(),
        req.daemon_random,
        b":",
        daemon.as_bytes(),
        b":",
        req.url,
        b":",
        realm,
    ]))
}

/// A new nonce for this request; registered in the nonce-count table.
pub fn new_nonce(algo: Algo, req: &Request<'_>, realm: &[u8]) -> Vec<u8> {
    new_nonce_at(algo, req, realm, unique_stamp())
}

fn new_nonce_at(algo: Algo, req: &Request<'_>, realm: &[u8], ts: u32) -> Vec<u8> {
    let mut n = nonce_hash(algo, ts, req, realm);
    n.extend_from_slice(format!("{ts:08x}").as_bytes());
    NC_TABLE.lock().unwrap_or_else(|e| e.into_inner()).issue(&n);
    n
}

/// `WWW-Authenticate` value: `Digest realm="..",qop="auth",nonce="..",opaque="..",algorithm=md5[,stale="true"]`.
pub fn challenge(
    algo: Algo,
    realm: &[u8],
    opaque: Option<&[u8]>,
    nonce: &[u8],
    stale: bool,
) -> Vec<u8> {
    let mut v = b"Digest realm=".to_vec();
    super::quote_into(&mut v, realm);
    v.extend_from_slice(b",qop=\"auth\",nonce=\"");
    v.extend_from_slice(nonce);
    v.push(b'"');
    if let Some(o) = opaque {
        v.extend_from_slice(b",opaque=");
        super::quote_into(&mut v, o);
    }
    v.extend_from_slice(b",algorithm=");
    v.extend_from_slice(algo.challenge_name().as_bytes());
    if stale {
        v.extend_from_slice(b",stale=\"true\"");
    }
    v
}

/// Nonce-count replay table: slot by nonce hash; a nonce pushed out of its slot is stale.
struct NcTable {
    slots: Vec<Option<Slot>>,
}

struct Slot {
    nonce: Vec<u8>,
    max_nc: u64,
    /// Bit i set: `max_nc - 1 - i` was used (out-of-order requests within 64).
    seen: u64,
}

const NC_SLOTS: usize = 1024;

static NC_TABLE: Mutex<NcTable> = Mutex::new(NcTable { slots: Vec::new() });

#[derive(Debug, PartialEq, Eq)]
enum NcResult {
    Ok,
    Replay,
    Unknown,
}

impl NcTable {
    fn index(nonce: &[u8]) -> usize {
        let mut h: u64 = 0xcbf29ce484222325;
        for &b in nonce {
            h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
        (h % NC_SLOTS as u64) as usize
    }

    fn issue(&mut self, nonce: &[u8]) {
        if self.slots.is_empty() {
            self.slots.resize_with(NC_SLOTS, || None);
        }
        self.slots[Self::index(nonce)] = Some(Slot {
            nonce: nonce.to_vec(),
            max_nc: 0,
            seen: 0,
        });
    }

    fn check(&mut self, nonce: &[u8], nc: u64) -> NcResult {
        if self.slots.is_empty() {
            return NcResult::Unknown;
        }
        let Some(slot) = self.slots[Self::index(nonce)]
            .as_mut()
            .filter(|s| s.nonce == nonce)
        else {
            return NcResult::Unknown;
        };
        if nc == 0 {
            return NcResult::Replay;
        }
        if nc > slot.max_nc {
            let shift = nc - slot.max_nc;
            // the previous max becomes "seen" at position shift-1
            slot.seen = if shift >= 64 {
                0
            } else {
                (slot.seen << shift) | (1u64 << (shift - 1))
            };
            if slot.max_nc == 0 {
                slot.seen = 0;
            }
            slot.max_nc = nc;
            return NcResult::Ok;
        }
        if nc == slot.max_nc {
            return NcResult::Replay;
        }
        let back = slot.max_nc - nc - 1;
        if back >= 64 || slot.seen & (1u64 << back) != 0 {
            return NcResult::Replay;
        }
        slot.seen |= 1u64 << back;
        NcResult::Ok
    }
}

/// Checks a digest `Authorization` header against the expected user.
/// `allowed`: algorithms accepted. `nonce_timeout`: seconds.
pub fn check(
    header: Option<&[u8]>,
    req: &Request<'_>,
    realm: &[u8],
    username: &[u8],
    secret_in: Secret<'_>,
    nonce_timeout: u32,
    allowed: &[Algo],
) -> Outcome {
    let Some(p) = header.and_then(parse) else {
        return Outcome::WrongHeader;
    };
    let (Some(p_user), Some(p_realm), Some(p_nonce), Some(p_uri), Some(p_resp)) =
        (&p.username, &p.realm, &p.nonce, &p.uri, &p.response)
    else {
        return Outcome::WrongHeader;
    };
    let Some(algo) = Algo::from_param(p.algorithm.as_deref()) else {
        return Outcome::WrongAlgo;
    };
    if !allowed.contains(&algo) {
        return Outcome::WrongAlgo;
    }
    if p.userhash
        .as_deref()
        .is_some_and(|u| u.eq_ignore_ascii_case(b"true"))
    {
        let uh = hex(&userhash(algo, username, realm));
        if !p_user.eq_ignore_ascii_case(&uh) {
            return Outcome::WrongUsername;
        }
    } else if p_user.as_slice() != username {
        return Outcome::WrongUsername;
    }
    if p_realm.as_slice() != realm {
        return Outcome::WrongRealm;
    }
    // nonce: hash hex + 8 hex timestamp
    let hlen = algo.size() * 2;
    if p_nonce.len() != hlen + 8 || !p_nonce.iter().all(u8::is_ascii_hexdigit) {
        return Outcome::NonceWrong;
    }
    let ts = std::str::from_utf8(&p_nonce[hlen..])
        .ok()
        .and_then(|t| u32::from_str_radix(t, 16).ok());
    let Some(ts) = ts else {
        return Outcome::NonceWrong;
    };
    let age = now_ms().wrapping_sub(ts) as i32;
    // A stamp slightly ahead of the clock comes from a burst of nonces (unique_stamp).
    if age < -60_000 {
        return Outcome::NonceWrong;
    }
    if i64::from(age) > i64::from(nonce_timeout) * 1000 {
        return Outcome::NonceStale;
    }
    if !p_nonce[..hlen].eq_ignore_ascii_case(&nonce_hash(algo, ts, req, realm)) {
        return Outcome::NonceWrong;
    }
    if !uri_matches(p_uri, req) {
        return Outcome::WrongUri;
    }
    // qop: "auth" or none (RFC 2069); auth-int is not supported.
    let qop_auth = match p.qop.as_deref() {
        None => false,
        Some(b"") => false,
        Some(q) if q.eq_ignore_ascii_case(b"auth") => true,
        Some(_) => return Outcome::WrongQop,
    };
    let ha1 = match secret_in {
        Secret::Password(pw) => userdigest(algo, username, realm, pw),
        Secret::Digest(d) => {
            if d.len() != algo.size() {
                return Outcome::ResponseWrong;
            }
            d.to_vec()
        }
    };
    let ha1_hex = hex(&ha1);
    let ha2_hex = algo.hash_hex_joined(&[req.method, p_uri]);
    let expected = if qop_auth {
        let (Some(nc), Some(cnonce)) = (&p.nc, &p.cnonce) else {
            return Outcome::WrongHeader;
        };
        algo.hash_hex_joined(&[&ha1_hex, p_nonce, nc, cnonce, b"auth", &ha2_hex])
    } else {
        algo.hash_hex_joined(&[&ha1_hex, p_nonce, &ha2_hex])
    };
    if !constant_time_eq(&expected, &p_resp.to_ascii_lowercase()) {
        return Outcome::ResponseWrong;
    }
    // Replay protection last, so a wrong password does not consume a nonce count.
    let nc = if qop_auth {
        let nc_s = p.nc.as_deref().unwrap_or(b"");
        match std::str::from_utf8(nc_s)
            .ok()
            .and_then(|s| u64::from_str_radix(s, 16).ok())
        {
            Some(n) if nc_s.len() <= 16 => n,
            _ => return Outcome::WrongHeader,
        }
    } else {
        1
    };
    match NC_TABLE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .check(p_nonce, nc)
    {
        NcResult::Ok => Outcome::Ok,
        NcResult::Replay => Outcome::NcReplay,
        NcResult::Unknown => Outcome::NonceStale,
    }
}

fn uri_matches(p_uri: &[u8], req: &Request<'_>) -> bool {
    if p_uri == req.raw_target {
        return true;
    }
    // Absolute form or a differently escaped path: compare the decoded path.
    let path = match p_uri.iter().position(|&b| b == b'?') {
        Some(q) => &p_uri[..q],
        None => p_uri,
    };
    let mut dec = path.to_vec();
    let n = crate::http::unescape::unescape_in_place(&mut dec);
    dec.truncate(n);
    let raw_q = req
        .raw_target
        .iter()
        .position(|&b| b == b'?')
        .map(|q| &req.raw_target[q..]);
    let p_q = p_uri.iter().position(|&b| b == b'?').map(|q| &p_uri[q..]);
    dec == req.url && raw_q == p_q
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {

    #[test]
    fn daemon_random_changes_nonces() {
        let plain = Request {
            daemon_random: b"",
            method: b"GET",
            url: b"/",
            raw_target: b"/",
            daemon: 1,
        };
        let seeded = Request {
            daemon_random: b"app entropy",
            ..Request { ..plain }
        };
        let a = new_nonce_at(Algo::Sha256, &plain, b"r", 42);
        let b = new_nonce_at(Algo::Sha256, &seeded, b"r", 42);
        assert_ne!(a, b);
        assert_eq!(a, new_nonce_at(Algo::Sha256, &plain, b"r", 42));
    }

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
        let p = parse(b"Digest username=\"Mufasa\", realm=\"r\", nonce=\"n\", uri=\"/a?b=1\", qop=auth, nc=00000001, cnonce=\"c\", response=\"x\", opaque=\"o\", algorithm=SHA-256").unwrap();
        assert_eq!(p.username.as_deref(), Some(&b"Mufasa"[..]));
        assert_eq!(p.uri.as_deref(), Some(&b"/a?b=1"[..]));
        assert_eq!(p.qop.as_deref(), Some(&b"auth"[..]));
        assert_eq!(p.algorithm.as_deref(), Some(&b"SHA-256"[..]));
        assert!(parse(b"Basic abc").is_none());
        assert!(parse(b"Digest username=\"unterminated").is_none());
    }

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

    #[test]
    fn round_trip_and_replay() {
        let req = Request {
            daemon_random: b"",
            method: b"GET",
            url: b"/p",
            raw_target: b"/p?x=1",
            daemon: 7,
        };
        for algo in [Algo::Md5, Algo::Sha256, Algo::Sha512_256] {
            let nonce = new_nonce(algo, &req, b"realm");
            assert_eq!(nonce.len(), algo.size() * 2 + 8);
            let chk = |h: &[u8]| {
                check(
                    Some(h),
                    &req,
                    b"realm",
                    b"alice",
                    Secret::Password(b"pw"),
                    300,
                    &[algo],
                )
            };
            assert_eq!(
                chk(&client_header(algo, &nonce, "00000001", b"pw", b"/p?x=1")),
                Outcome::Ok
            );
            assert_eq!(
                chk(&client_header(algo, &nonce, "00000001", b"pw", b"/p?x=1")),
                Outcome::NcReplay
            );
            assert_eq!(
                chk(&client_header(algo, &nonce, "00000003", b"pw", b"/p?x=1")),
                Outcome::Ok
            );
            assert_eq!(
                chk(&client_header(algo, &nonce, "00000002", b"pw", b"/p?x=1")),
                Outcome::Ok
            );
            assert_eq!(
                chk(&client_header(algo, &nonce, "00000002", b"pw", b"/p?x=1")),
                Outcome::NcReplay
            );
            assert_eq!(
                chk(&client_header(algo, &nonce, "00000004", b"bad", b"/p?x=1")),
                Outcome::ResponseWrong
            );
            assert_eq!(
                chk(&client_header(algo, &nonce, "00000004", b"pw", b"/q")),
                Outcome::WrongUri
            );
            let mut forged = nonce.clone();
            forged[0] = if forged[0] == b'0' { b'1' } else { b'0' };
            assert_eq!(
                chk(&client_header(algo, &forged, "00000001", b"pw", b"/p?x=1")),
                Outcome::NonceWrong
            );
            // precomputed HA1
            let ha1 = userdigest(algo, b"alice", b"realm", b"pw");
            let h = client_header(algo, &nonce, "00000009", b"pw", b"/p?x=1");
            assert_eq!(
                check(
                    Some(&h),
                    &req,
                    b"realm",
                    b"alice",
                    Secret::Digest(&ha1),
                    300,
                    &[algo]
                ),
                Outcome::Ok
            );
        }
        // expired nonce
        let old = new_nonce_at(Algo::Md5, &req, b"realm", now_ms().wrapping_sub(100_000));
        let h = client_header(Algo::Md5, &old, "00000001", b"pw", b"/p?x=1");
        assert_eq!(
            check(
                Some(&h),
                &req,
                b"realm",
                b"alice",
                Secret::Password(b"pw"),
                10,
                &[Algo::Md5]
            ),
            Outcome::NonceStale
        );
        // two nonces for the same request differ
        assert_ne!(
            new_nonce(Algo::Md5, &req, b"realm"),
            new_nonce(Algo::Md5, &req, b"realm")
        );
        // other daemon
        let other = Request { daemon: 8, ..req };
        let nonce = new_nonce(Algo::Md5, &req, b"realm");
        let h = client_header(Algo::Md5, &nonce, "00000001", b"pw", b"/p?x=1");
        assert_eq!(
            check(
                Some(&h),
                &other,
                b"realm",
                b"alice",
                Secret::Password(b"pw"),
                300,
                &[Algo::Md5]
            ),
            Outcome::NonceWrong
        );
        assert_eq!(
            check(
                None,
                &req,
                b"realm",
                b"alice",
                Secret::Password(b"pw"),
                300,
                &[Algo::Md5]
            ),
            Outcome::WrongHeader
        );
    }

    #[test]
    fn challenge_text() {
        assert_eq!(
            challenge(Algo::Md5, b"r", Some(b"o"), b"abc", true),
            b"Digest realm=\"r\",qop=\"auth\",nonce=\"abc\",opaque=\"o\",algorithm=md5,stale=\"true\""
        );
    }
}
