//! Per-daemon digest nonce state: the secret nonces are derived from, what a nonce is
//! bound to (`MHD_OPTION_DIGEST_AUTH_NONCE_BIND_TYPE`) and the nonce-count table
//! (`MHD_OPTION_NONCE_NC_SIZE` slots).
//!
//! A nonce is `hex(H(stamp ":" secret random [":" bound facts]))` followed by the 8 hex
//! digits of its stamp (milliseconds of a monotonic clock, strictly increasing per daemon
//! so every nonce differs and has its own nonce-count record): 40 hex digits for MD5, 72
//! for SHA-256 and SHA-512/256, the layout of libmicrohttpd 0.9.75. The secret is random
//! per daemon, so a nonce is only valid on the daemon that issued it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use super::algo::{hex, Algo};

/// `MHD_OPTION_NONCE_NC_SIZE` when not given (the 0.9.75 manual: "a default value of 4").
pub const DEFAULT_NC_SIZE: usize = 4;

/// What a nonce is tied to besides its stamp (`enum MHD_DAuthBindNonce` bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bind(pub u32);

impl Bind {
    pub const NONE: Bind = Bind(0);
    pub const REALM: u32 = 1 << 0;
    pub const URI: u32 = 1 << 1;
    pub const URI_PARAMS: u32 = 1 << 2;
    pub const CLIENT_IP: u32 = 1 << 3;
    /// libmicrohttpd 0.9.75 (no bind option): realm, method and path.
    pub const LEGACY: Bind = Bind(Self::REALM | Self::URI);

    fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

/// The request facts a nonce can be bound to.
pub struct Request<'a> {
    pub method: &'a [u8],
    /// Decoded path (what the application's handler got as `url`).
    pub url: &'a [u8],
    /// The request target as sent (path and query).
    pub raw_target: &'a [u8],
    /// The client's address (any stable byte form), for `MHD_DAUTH_BIND_NONCE_CLIENT_IP`.
    pub client_ip: &'a [u8],
}

impl Request<'_> {
    fn query(&self) -> &[u8] {
        match self.raw_target.iter().position(|&b| b == b'?') {
            Some(q) => &self.raw_target[q + 1..],
            None => b"",
        }
    }
}

/// A nonce the table no longer (or never) held, or whose count was already used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NcError {
    Unknown,
    Replay,
}

/// Digest state of one daemon.
pub struct DigestState {
    secret: [u8; 32],
    /// `MHD_OPTION_DIGEST_AUTH_RANDOM(_COPY)` bytes (empty when not given).
    random: Vec<u8>,
    bind: Bind,
    table: Mutex<Vec<Option<Slot>>>,
    last_stamp: AtomicU32,
}

struct Slot {
    nonce: Vec<u8>,
    max_nc: u64,
    /// Bit i set: `max_nc - 1 - i` was used (out-of-order requests within 64).
    seen: u64,
}

impl DigestState {
    /// `nc_size` slots (0: no nonce can be issued), the application's `random` bytes and
    /// the nonce binding (`None`: the option was not given, 0.9.75's binding).
    pub fn new(nc_size: usize, random: &[u8], bind: Option<u32>) -> DigestState {
        DigestState {
            secret: fresh_secret(),
            random: random.to_vec(),
            bind: bind.map_or(Bind::LEGACY, Bind),
            table: Mutex::new((0..nc_size).map(|_| None).collect()),
            last_stamp: AtomicU32::new(0),
        }
    }

    /// A new nonce for this request, registered in the nonce-count table (None when the
    /// table has no slot: `MHD_OPTION_NONCE_NC_SIZE` 0).
    pub fn issue(&self, algo: Algo, req: &Request<'_>, realm: &[u8]) -> Option<Vec<u8>> {
        self.issue_at(algo, req, realm, self.unique_stamp())
    }

    pub(crate) fn issue_at(
        &self,
        algo: Algo,
        req: &Request<'_>,
        realm: &[u8],
        stamp: u32,
    ) -> Option<Vec<u8>> {
        let mut n = self.nonce_hash(algo, stamp, req, realm);
        n.extend_from_slice(format!("{stamp:08x}").as_bytes());
        let mut table = self.lock();
        let i = slot_index(&n, table.len())?;
        table[i] = Some(Slot {
            nonce: n.clone(),
            max_nc: 0,
            seen: 0,
        });
        Some(n)
    }

    /// Whether the table still holds `nonce` (it was issued here and not pushed out).
    pub fn is_known(&self, nonce: &[u8]) -> bool {
        let table = self.lock();
        slot_index(nonce, table.len())
            .and_then(|i| table[i].as_ref())
            .is_some_and(|s| s.nonce == nonce)
    }

    /// Whether `nonce` (hash part and stamp) was made by this daemon for this request.
    pub fn hash_matches(&self, algo: Algo, nonce: &[u8], req: &Request<'_>, realm: &[u8]) -> bool {
        let hlen = algo.size() * 2;
        match stamp_of(algo, nonce) {
            Some(ts) => nonce[..hlen].eq_ignore_ascii_case(&self.nonce_hash(algo, ts, req, realm)),
            None => false,
        }
    }

    /// Records nonce count `nc` for `nonce`: each count is accepted once.
    pub fn use_nc(&self, nonce: &[u8], nc: u64) -> Result<(), NcError> {
        let mut table = self.lock();
        let Some(slot) = slot_index(nonce, table.len())
            .and_then(|i| table[i].as_mut())
            .filter(|s| s.nonce == nonce)
        else {
            return Err(NcError::Unknown);
        };
        if nc == 0 || nc == slot.max_nc {
            return Err(NcError::Replay);
        }
        if nc > slot.max_nc {
            let shift = nc - slot.max_nc;
            // the previous max becomes "seen" at position shift-1
            slot.seen = if slot.max_nc == 0 || shift > 64 {
                0
            } else if shift == 64 {
                1 << 63
            } else {
                (slot.seen << shift) | (1u64 << (shift - 1))
            };
            slot.max_nc = nc;
            return Ok(());
        }
        let back = slot.max_nc - nc - 1;
        if back >= 64 || slot.seen & (1u64 << back) != 0 {
            return Err(NcError::Replay);
        }
        slot.seen |= 1u64 << back;
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Option<Slot>>> {
        self.table.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn nonce_hash(&self, algo: Algo, ts: u32, req: &Request<'_>, realm: &[u8]) -> Vec<u8> {
        let ts_hex = format!("{ts:08x}");
        let mut parts: Vec<&[u8]> = vec![ts_hex.as_bytes(), b":", &self.secret, &self.random];
        let b = self.bind;
        if b.has(Bind::URI) || b.has(Bind::URI_PARAMS) {
            parts.extend_from_slice(&[b":", req.method, b":", req.url]);
        }
        if b.has(Bind::URI_PARAMS) {
            parts.extend_from_slice(&[b"?", req.query()]);
        }
        if b.has(Bind::REALM) {
            parts.extend_from_slice(&[b":", realm]);
        }
        if b.has(Bind::CLIENT_IP) {
            parts.extend_from_slice(&[b":", req.client_ip]);
        }
        hex(&algo.hash(&parts))
    }

    /// The clock in ms, strictly increasing, so two nonces issued for the same request
    /// in the same millisecond still differ.
    fn unique_stamp(&self) -> u32 {
        let now = now_ms();
        let mut prev = self.last_stamp.load(Ordering::Relaxed);
        loop {
            let next = if (now.wrapping_sub(prev) as i32) > 0 {
                now
            } else {
                prev.wrapping_add(1)
            };
            match self.last_stamp.compare_exchange_weak(
                prev,
                next,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return next,
                Err(p) => prev = p,
            }
        }
    }
}

/// The stamp of a well-formed nonce for `algo` (hash hex + 8 hex digits).
pub fn stamp_of(algo: Algo, nonce: &[u8]) -> Option<u32> {
    let hlen = algo.size() * 2;
    if nonce.len() != hlen + 8 || !nonce.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(&nonce[hlen..]).ok()?, 16).ok()
}

fn slot_index(nonce: &[u8], len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in nonce {
        h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    Some((h % len as u64) as usize)
}

/// Milliseconds of a monotonic clock, 32 bits (wraps after 49 days; ages are computed
/// with wrapping arithmetic).
pub fn now_ms() -> u32 {
    static START: OnceLock<Instant> = OnceLock::new();
    (START.get_or_init(Instant::now).elapsed().as_millis() as u64 as u32).wrapping_add(1)
}

fn fresh_secret() -> [u8; 32] {
    use sha2::Digest;
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
        s.copy_from_slice(&sha2::Sha256::digest(seed.as_bytes()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQ: Request<'static> = Request {
        method: b"GET",
        url: b"/p",
        raw_target: b"/p?x=1",
        client_ip: b"127.0.0.1",
    };

    #[test]
    fn table_size_is_honoured() {
        let one = DigestState::new(1, b"", None);
        let a = one.issue(Algo::Md5, &REQ, b"r").unwrap();
        assert!(one.is_known(&a));
        let b = one.issue(Algo::Md5, &REQ, b"r").unwrap();
        assert_ne!(a, b);
        assert!(
            !one.is_known(&a),
            "one slot: the second nonce evicts the first"
        );
        assert_eq!(one.use_nc(&a, 1), Err(NcError::Unknown));
        assert_eq!(one.use_nc(&b, 1), Ok(()));
        let none = DigestState::new(0, b"", None);
        assert_eq!(none.issue(Algo::Md5, &REQ, b"r"), None);
        let many = DigestState::new(64, b"", None);
        let nonces: Vec<_> = (0..8)
            .map(|_| many.issue(Algo::Md5, &REQ, b"r").unwrap())
            .collect();
        assert!(nonces.iter().filter(|n| many.is_known(n)).count() >= 5);
    }

    #[test]
    fn daemons_do_not_share_nonces() {
        let a = DigestState::new(1, b"", None);
        let b = DigestState::new(1, b"", None);
        let n = a.issue(Algo::Sha256, &REQ, b"r").unwrap();
        b.issue(Algo::Sha256, &REQ, b"r").unwrap();
        assert!(a.is_known(&n), "b's nonce must not evict a's");
        assert!(!b.is_known(&n));
        assert!(a.hash_matches(Algo::Sha256, &n, &REQ, b"r"));
        assert!(!b.hash_matches(Algo::Sha256, &n, &REQ, b"r"));
    }

    #[test]
    fn nonce_counts() {
        let s = DigestState::new(4, b"", None);
        let n = s.issue(Algo::Md5, &REQ, b"r").unwrap();
        assert_eq!(s.use_nc(&n, 1), Ok(()));
        assert_eq!(s.use_nc(&n, 1), Err(NcError::Replay));
        assert_eq!(s.use_nc(&n, 3), Ok(()));
        assert_eq!(s.use_nc(&n, 2), Ok(()));
        assert_eq!(s.use_nc(&n, 2), Err(NcError::Replay));
        assert_eq!(s.use_nc(&n, 0), Err(NcError::Replay));
        assert_eq!(s.use_nc(&n, 200), Ok(()));
        assert_eq!(s.use_nc(&n, 100), Err(NcError::Replay), "too far back");
    }

    #[test]
    fn binding() {
        let other_uri = Request {
            url: b"/q",
            raw_target: b"/q",
            ..REQ
        };
        let other_query = Request {
            raw_target: b"/p?x=2",
            ..REQ
        };
        let other_ip = Request {
            client_ip: b"10.0.0.1",
            ..REQ
        };
        let check = |bind: Option<u32>, req: &Request<'_>, realm: &[u8]| {
            let s = DigestState::new(4, b"", bind);
            let n = s.issue(Algo::Md5, &REQ, b"r").unwrap();
            s.hash_matches(Algo::Md5, &n, req, realm)
        };
        // 0.9.75 (option not given): method, path and realm
        assert!(check(None, &other_query, b"r"));
        assert!(!check(None, &other_uri, b"r"));
        assert!(!check(None, &REQ, b"other"));
        // 1.0 NONE: any request
        assert!(check(Some(0), &other_uri, b"other"));
        assert!(check(Some(Bind::URI), &other_query, b"other"));
        assert!(!check(Some(Bind::URI_PARAMS), &other_query, b"r"));
        assert!(!check(Some(Bind::CLIENT_IP), &other_ip, b"r"));
        assert!(check(Some(Bind::CLIENT_IP), &other_uri, b"r"));
    }

    #[test]
    fn app_random_changes_nonces() {
        let plain = DigestState::new(4, b"", None);
        let seeded = DigestState {
            random: b"app entropy".to_vec(),
            secret: plain.secret,
            ..DigestState::new(4, b"", None)
        };
        let a = plain.issue_at(Algo::Sha256, &REQ, b"r", 42).unwrap();
        let b = seeded.issue_at(Algo::Sha256, &REQ, b"r", 42).unwrap();
        assert_ne!(a, b);
        assert_eq!(a, plain.issue_at(Algo::Sha256, &REQ, b"r", 42).unwrap());
    }
}
