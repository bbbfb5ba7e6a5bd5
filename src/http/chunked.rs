//! Incremental decoder for `Transfer-Encoding: chunked` request bodies.
//!
//! The decoder never copies: it tells the caller where the next piece of chunk data lies
//! in the caller's buffer, so the data can be handed to the application in place.

/// What the caller should do with the front of its buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Drop this many framing bytes (size line, CRLF after data).
    Skip(usize),
    /// The first `n` bytes are chunk data; report how many were used with [`Decoder::consumed`].
    Data(usize),
    /// The trailer section (footers + final empty line) is the first `n` bytes; the body is complete.
    Trailers(usize),
    /// More input is needed.
    NeedMore,
    /// The framing is invalid.
    Invalid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Size,
    Data(u64),
    DataEnd,
    Trailers,
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoder {
    state: State,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder { state: State::Size }
    }
}

/// Longest size line accepted (hex digits + extensions); longer ones are refused.
const MAX_SIZE_LINE: usize = 4096;

impl Decoder {
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Looks at the front of `buf` and says what comes next.
    pub fn step(&mut self, buf: &[u8]) -> Step {
        match self.state {
            State::Size => {
                let Some(nl) = buf.iter().position(|&b| b == b'\n') else {
                    return if buf.len() > MAX_SIZE_LINE {
                        Step::Invalid
                    } else {
                        Step::NeedMore
                    };
                };
                let line = &buf[..nl];
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                let digits_end = line
                    .iter()
                    .position(|b| !b.is_ascii_hexdigit())
                    .unwrap_or(line.len());
                let (digits, rest) = line.split_at(digits_end);
                // After the digits only whitespace before a `;extension` is tolerated.
                let rest = super::head::trim_spaces(rest);
                if digits.is_empty() || digits.len() > 16 || !(rest.is_empty() || rest[0] == b';') {
                    return Step::Invalid;
                }
                let size = digits.iter().fold(0u64, |n, d| (n << 4) | hex_value(*d));
                self.state = if size == 0 {
                    State::Trailers
                } else {
                    State::Data(size)
                };
                Step::Skip(nl + 1)
            }
            State::Data(remaining) => {
                if buf.is_empty() {
                    return Step::NeedMore;
                }
                Step::Data(remaining.min(buf.len() as u64) as usize)
            }
            State::DataEnd => {
                if buf.starts_with(b"\r\n") {
                    self.state = State::Size;
                    Step::Skip(2)
                } else if buf.starts_with(b"\n") {
                    self.state = State::Size;
                    Step::Skip(1)
                } else if buf.is_empty() || buf == b"\r" {
                    Step::NeedMore
                } else {
                    Step::Invalid
                }
            }
            State::Trailers => {
                if buf.starts_with(b"\r\n") {
                    self.state = State::Done;
                    return Step::Trailers(2);
                }
                if buf.starts_with(b"\n") {
                    self.state = State::Done;
                    return Step::Trailers(1);
                }
                match super::head::find_head_end(buf, 0) {
                    Some(end) => {
                        self.state = State::Done;
                        Step::Trailers(end)
                    }
                    None if buf.len() > 1 << 20 => Step::Invalid,
                    None => Step::NeedMore,
                }
            }
            State::Done => Step::NeedMore,
        }
    }

    /// Records that `n` bytes of the data offered by [`Step::Data`] were consumed.
    pub fn consumed(&mut self, n: usize) {
        if let State::Data(remaining) = self.state {
            let left = remaining - n as u64;
            self.state = if left == 0 {
                State::DataEnd
            } else {
                State::Data(left)
            };
        }
    }
}

fn hex_value(d: u8) -> u64 {
    u64::from(match d {
        b'0'..=b'9' => d - b'0',
        b'a'..=b'f' => d - b'a' + 10,
        _ => d - b'A' + 10,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a whole body, consuming everything offered; returns (data, trailer bytes).
    fn decode(input: &[u8]) -> Result<(Vec<u8>, Vec<u8>), Step> {
        let mut d = Decoder::default();
        let mut pos = 0;
        let mut out = Vec::new();
        loop {
            match d.step(&input[pos..]) {
                Step::Skip(n) => pos += n,
                Step::Data(n) => {
                    out.extend_from_slice(&input[pos..pos + n]);
                    d.consumed(n);
                    pos += n;
                }
                Step::Trailers(n) => return Ok((out, input[pos..pos + n].to_vec())),
                other => return Err(other),
            }
        }
    }

    #[test]
    fn decodes() {
        assert_eq!(
            decode(b"3\r\nabc\r\n0\r\n\r\n").unwrap(),
            (b"abc".to_vec(), b"\r\n".to_vec())
        );
        assert_eq!(
            decode(b"A;ext=1\r\n0123456789\r\n0\r\n\r\n").unwrap().0,
            b"0123456789"
        );
        let (d, t) = decode(b"1\r\na\r\n0\r\nX-F: 1\r\n\r\n").unwrap();
        assert_eq!(
            (d.as_slice(), t.as_slice()),
            (&b"a"[..], &b"X-F: 1\r\n\r\n"[..])
        );
    }

    #[test]
    fn rejects() {
        assert_eq!(decode(b"zz\r\nabc\r\n0\r\n\r\n"), Err(Step::Invalid));
        assert_eq!(decode(b"\r\nabc\r\n"), Err(Step::Invalid));
        assert_eq!(decode(b"3\r\nabcX\r\n"), Err(Step::Invalid));
        assert_eq!(decode(b"11111111111111111\r\n"), Err(Step::Invalid));
        assert_eq!(decode(b"-1\r\n"), Err(Step::Invalid));
        assert_eq!(decode(b"3 x\r\n"), Err(Step::Invalid));
    }

    #[test]
    fn partial_input() {
        let mut d = Decoder::default();
        assert_eq!(d.step(b"3"), Step::NeedMore);
        assert_eq!(d.step(b"3\r\nab"), Step::Skip(3));
        assert_eq!(d.step(b"ab"), Step::Data(2));
        d.consumed(2);
        assert_eq!(d.step(b""), Step::NeedMore);
        assert_eq!(d.step(b"c\r"), Step::Data(1));
        d.consumed(1);
        assert_eq!(d.step(b"\r"), Step::NeedMore);
        assert_eq!(d.step(b"\r\n0\r\n"), Step::Skip(2));
    }
}
