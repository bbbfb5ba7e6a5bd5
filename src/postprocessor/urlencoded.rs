//! `application/x-www-form-urlencoded`: `key=value&...`, `+` and `%XX` decoded in keys
//! and values. Keys are buffered whole (at most `buffer_size` bytes); values stream: the
//! decoded bytes available at the end of each fed chunk are delivered at once, and a
//! value is also cut every [`VALUE_PIECE`] raw bytes.

use super::{Piece, Sink};
use crate::http::unescape::{plus_to_space, unescape_in_place};

/// Raw value bytes delivered at most per call (libmicrohttpd's value buffer size).
pub const VALUE_PIECE: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Key,
    Value,
}

pub struct UrlEncoded {
    buffer_size: usize,
    state: State,
    key_raw: Vec<u8>,
    key: Vec<u8>,
    /// Raw (still encoded) value bytes not delivered yet.
    pending: Vec<u8>,
    offset: u64,
    delivered_any: bool,
    failed: bool,
}

fn decode(raw: &[u8]) -> Vec<u8> {
    let mut v = raw.to_vec();
    plus_to_space(&mut v);
    let n = unescape_in_place(&mut v);
    v.truncate(n);
    v
}

fn is_hex(b: u8) -> bool {
    b.is_ascii_hexdigit()
}

/// Bytes at the end of `raw` that may be the start of a `%XX` escape.
fn incomplete_escape(raw: &[u8]) -> usize {
    let n = raw.len();
    if n >= 1 && raw[n - 1] == b'%' {
        1
    } else if n >= 2 && raw[n - 2] == b'%' && is_hex(raw[n - 1]) {
        2
    } else {
        0
    }
}

impl UrlEncoded {
    pub fn new(buffer_size: usize) -> Self {
        UrlEncoded {
            buffer_size,
            state: State::Key,
            key_raw: Vec::new(),
            key: Vec::new(),
            pending: Vec::new(),
            offset: 0,
            delivered_any: false,
            failed: false,
        }
    }

    fn deliver(&mut self, data: &[u8], sink: &mut dyn Sink) -> bool {
        let ok = sink.field(Piece {
            key: &self.key,
            filename: None,
            content_type: None,
            transfer_encoding: None,
            data,
            offset: self.offset,
        });
        self.offset += data.len() as u64;
        self.delivered_any = true;
        ok
    }

    /// Delivers what can be decoded now, keeping an incomplete escape for later.
    /// `end_of_chunk`: a chunk that ends inside an escape before anything of the value was
    /// delivered still produces one (empty) call, as libmicrohttpd does.
    fn flush_partial(&mut self, end_of_chunk: bool, sink: &mut dyn Sink) -> bool {
        let tail = incomplete_escape(&self.pending);
        let ready = decode(&self.pending[..self.pending.len() - tail]);
        self.pending.drain(..self.pending.len() - tail);
        if !ready.is_empty() || (end_of_chunk && tail > 0 && !self.delivered_any) {
            return self.deliver(&ready, sink);
        }
        true
    }

    /// The value ended (`&` or end of body): deliver the rest, or one empty call if the
    /// value never produced one.
    fn flush_final(&mut self, sink: &mut dyn Sink) -> bool {
        let ready = decode(&self.pending);
        self.pending.clear();
        if !ready.is_empty() || !self.delivered_any {
            return self.deliver(&ready, sink);
        }
        true
    }

    pub fn process(&mut self, data: &[u8], sink: &mut dyn Sink) -> bool {
        if self.failed {
            return false;
        }
        let ok = self.run(data, sink);
        if !ok {
            self.failed = true;
        }
        ok
    }

    fn run(&mut self, data: &[u8], sink: &mut dyn Sink) -> bool {
        for &b in data {
            match self.state {
                State::Key => match b {
                    b'&' => {
                        if !self.key_raw.is_empty() {
                            // A key without '=': delivered with an empty value.
                            self.key = decode(&self.key_raw);
                            self.key_raw.clear();
                            self.offset = 0;
                            self.delivered_any = false;
                            if !self.deliver(&[], sink) {
                                return false;
                            }
                        }
                    }
                    b'=' => {
                        if self.key_raw.is_empty() {
                            return false;
                        }
                        self.key = decode(&self.key_raw);
                        self.key_raw.clear();
                        self.state = State::Value;
                        self.offset = 0;
                        self.delivered_any = false;
                        self.pending.clear();
                    }
                    _ => {
                        if self.key_raw.len() + 1 >= self.buffer_size {
                            return false;
                        }
                        self.key_raw.push(b);
                    }
                },
                State::Value => {
                    if b == b'&' {
                        if !self.flush_final(sink) {
                            return false;
                        }
                        self.state = State::Key;
                    } else {
                        self.pending.push(b);
                        if self.pending.len() >= VALUE_PIECE && !self.flush_partial(false, sink) {
                            return false;
                        }
                    }
                }
            }
        }
        if self.state == State::Value && !data.is_empty() {
            return self.flush_partial(true, sink);
        }
        true
    }

    /// End of body: true when complete (no key without value pending, no broken escape).
    pub fn finish(&mut self, sink: &mut dyn Sink) -> bool {
        if self.failed {
            return false;
        }
        match self.state {
            State::Key => self.key_raw.is_empty(),
            State::Value => {
                if incomplete_escape(&self.pending) > 0 {
                    return false;
                }
                let ok = self.flush_final(sink);
                self.state = State::Key;
                ok
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

    /// Feeds `body` in the given pieces; returns (key, value) pairs joined from pieces.
    fn run(body: &[u8], cuts: &[usize]) -> (Pairs, bool) {
        let mut fields: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        let mut sink = |p: Piece<'_>| {
            match fields.last_mut() {
                Some((k, v)) if k.as_slice() == p.key && p.offset > 0 => {
                    assert_eq!(p.offset, v.len() as u64);
                    v.extend_from_slice(p.data)
                }
                Some((k, v)) if k.as_slice() == p.key && p.offset == 0 && v.is_empty() => {
                    v.extend_from_slice(p.data)
                }
                _ => {
                    assert_eq!(p.offset, 0);
                    fields.push((p.key.to_vec(), p.data.to_vec()))
                }
            }
            true
        };
        let mut pp = UrlEncoded::new(256);
        let mut last = 0;
        for &c in cuts.iter().chain(std::iter::once(&body.len())) {
            assert!(pp.process(&body[last..c], &mut sink));
            last = c;
        }
        let ok = pp.finish(&mut sink);
        (fields, ok)
    }

    #[test]
    fn every_split_gives_same_fields() {
        let body = b"a=1&b=hello+world&c=%41%42%2b&d&e=&f%20g=h%3D";
        let (whole, ok) = run(body, &[]);
        assert!(ok);
        let expect: Vec<(Vec<u8>, Vec<u8>)> = [
            ("a", "1"),
            ("b", "hello world"),
            ("c", "AB+"),
            ("d", ""),
            ("e", ""),
            ("f g", "h="),
        ]
        .iter()
        .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
        .collect();
        assert_eq!(whole, expect);
        for i in 0..=body.len() {
            assert_eq!(run(body, &[i]).0, expect, "split at {i}");
            for j in i..=body.len() {
                assert_eq!(run(body, &[i, j]).0, expect, "split at {i},{j}");
            }
        }
    }

    #[test]
    fn pieces_like_libmicrohttpd() {
        let mut log = Vec::new();
        let mut sink = |p: Piece<'_>| {
            log.push(format!(
                "{}@{}={}",
                String::from_utf8_lossy(p.key),
                p.offset,
                String::from_utf8_lossy(p.data)
            ));
            true
        };
        let mut pp = UrlEncoded::new(256);
        for piece in [&b"a=%4"[..], b"1b&c=x"] {
            assert!(pp.process(piece, &mut sink));
        }
        assert!(pp.finish(&mut sink));
        assert_eq!(log, ["a@0=", "a@0=Ab", "c@0=x"]);
    }

    #[test]
    fn errors() {
        let mut sink = |_: Piece<'_>| true;
        assert!(!UrlEncoded::new(256).process(b"=v", &mut sink));
        let mut pp = UrlEncoded::new(256);
        assert!(pp.process(b"a=1&keyonly", &mut sink));
        assert!(!pp.finish(&mut sink));
        let mut pp = UrlEncoded::new(256);
        assert!(pp.process(b"a=%4", &mut sink));
        assert!(!pp.finish(&mut sink));
        let long = vec![b'k'; 300];
        assert!(!UrlEncoded::new(256).process(&long, &mut sink));
        let mut stop = |_: Piece<'_>| false;
        let mut pp = UrlEncoded::new(256);
        assert!(!pp.process(b"a=1&b=2", &mut stop));
        assert!(!pp.process(b"&c=3", &mut stop));
        assert!(!pp.finish(&mut stop));
    }
}
