//! The digest algorithms (RFC 7616: MD5, SHA-256, SHA-512/256) and hex output, shared by
//! the digest checks and the nonce table.

use md5::Md5;
use sha2::{Digest, Sha256, Sha512_256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algo {
    Md5,
    Sha256,
    Sha512_256,
}

/// `enum MHD_DigestAuthAlgo3` bits.
const ALGO3_NON_SESSION: i32 = 1 << 6;
const ALGO3_SESSION: i32 = 1 << 7;
const ALGO3_BASE: [(i32, Algo); 3] = [(1, Algo::Md5), (2, Algo::Sha256), (4, Algo::Sha512_256)];

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

    /// The client's `algorithm=` (absent means MD5) and whether it is a `-sess` variant.
    pub fn from_param(p: Option<&[u8]>) -> Option<(Algo, bool)> {
        let Some(p) = p else {
            return Some((Algo::Md5, false));
        };
        let (name, session) = match p.len().checked_sub(5) {
            Some(n) if p[n..].eq_ignore_ascii_case(b"-sess") => (&p[..n], true),
            _ => (p, false),
        };
        [
            (&b"MD5"[..], Algo::Md5),
            (b"SHA-256", Algo::Sha256),
            (b"SHA-512-256", Algo::Sha512_256),
        ]
        .into_iter()
        .find(|(n, _)| name.eq_ignore_ascii_case(n))
        .map(|(_, a)| (a, session))
    }

    /// `enum MHD_DigestAuthAlgorithm` (0.9): AUTO (SHA-256, as 0.9.75 documents), MD5, SHA256.
    pub fn from_v09(a: i32) -> Option<Algo> {
        match a {
            0 | 2 => Some(Algo::Sha256),
            1 => Some(Algo::Md5),
            _ => None,
        }
    }

    /// One `enum MHD_DigestAuthAlgo3` value: the hash and whether it is a session variant.
    pub fn from_algo3(a: i32) -> Option<(Algo, bool)> {
        let session = match a & (ALGO3_NON_SESSION | ALGO3_SESSION) {
            ALGO3_NON_SESSION => false,
            ALGO3_SESSION => true,
            _ => return None,
        };
        if a & !(0x3F | ALGO3_NON_SESSION | ALGO3_SESSION) != 0 {
            return None;
        }
        let base = ALGO3_BASE.iter().find(|(bit, _)| a & 0x3F == *bit)?.1;
        Some((base, session))
    }

    /// The non-session hashes of an `enum MHD_DigestAuthMultiAlgo3` set (session variants
    /// are not supported).
    pub fn set_from_multi(m: i32) -> Vec<Algo> {
        if m & ALGO3_NON_SESSION == 0 {
            return Vec::new();
        }
        ALGO3_BASE
            .into_iter()
            .filter(|(bit, _)| m & bit != 0)
            .map(|(_, a)| a)
            .collect()
    }

    /// The `enum MHD_DigestAuthAlgo3` value.
    pub fn algo3(self, session: bool) -> i32 {
        let base = ALGO3_BASE
            .iter()
            .find(|(_, a)| *a == self)
            .map_or(0, |b| b.0);
        base | if session {
            ALGO3_SESSION
        } else {
            ALGO3_NON_SESSION
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
