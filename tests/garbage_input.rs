//! Bad input never panics: random and mutated requests through the head parser and the
//! chunked decoder (deterministic pseudo-random bytes, so a failure is reproducible).

use microhttpd::http::chunked::{Decoder, Step};
use microhttpd::http::head;

/// xorshift64*: small, deterministic.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SEED_REQUESTS: &[&[u8]] = &[
    b"GET /a%20b?x=1&y=%41+b&z HTTP/1.1\r\nHost: h\r\nCookie: c=1; d=\"2\"\r\n\r\n",
    b"POST /p HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
    b"GET / HTTP/1.0\r\nConnection: keep-alive, Upgrade\r\nExpect: 100-continue\r\n\r\n",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let alphabet = b"\r\n :;=%?&\"\t\0\xff0123456789abcdefGHT/.,";
        match rng.below(4) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = alphabet[rng.below(alphabet.len())];
            }
            1 => {
                let i = rng.below(v.len() + 1);
                v.insert(i, alphabet[rng.below(alphabet.len())]);
            }
            2 if !v.is_empty() => {
                let i = rng.below(v.len());
                v.remove(i);
            }
            _ => v.push((rng.next() & 0xff) as u8),
        }
    }
    v
}

#[test]
fn head_parser_survives_mutated_requests() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut arena = Vec::new();
    let mut fields = Vec::new();
    for round in 0..20_000 {
        let seed = SEED_REQUESTS[round % SEED_REQUESTS.len()];
        let input = mutate(&mut rng, seed);
        if let Some(end) = head::find_head_end(&input, 0) {
            if let Ok(h) = head::parse(&input[..end], &mut arena, &mut fields) {
                // Every span handed to C is inside the arena and NUL-terminated.
                for span in [h.method, h.url, h.version, h.raw_target] {
                    assert_eq!(arena[(span.start + span.len) as usize], 0);
                }
            }
        }
    }
}

#[test]
fn chunked_decoder_survives_random_bodies() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let seed: &[u8] = b"5\r\nhello\r\na;ext=1\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n";
    for _ in 0..20_000 {
        let input = mutate(&mut rng, seed);
        let mut d = Decoder::default();
        let mut pos = 0;
        // Feed in random-sized pieces; the decoder must always make progress or stop.
        for _ in 0..1000 {
            let avail = (pos + 1 + rng.below(16)).min(input.len());
            match d.step(&input[pos..avail]) {
                Step::Skip(n) | Step::Trailers(n) => {
                    assert!(n <= avail - pos);
                    pos += n;
                }
                Step::Data(n) => {
                    assert!(n > 0 && n <= avail - pos);
                    d.consumed(n);
                    pos += n;
                }
                Step::NeedMore if avail == input.len() => break,
                Step::NeedMore => {}
                Step::Invalid => break,
            }
            if d.is_done() {
                break;
            }
        }
    }
}
