//! `multipart/form-data` (RFC 7578): parts separated by `--boundary` lines, each with
//! `Content-Disposition` (name, filename), optional `Content-Type` and
//! `Content-Transfer-Encoding` headers. Nested `multipart/mixed` is not decoded.
//!
//! Bytes go through a buffer of `buffer_size` (+ the 4 bytes of a possible `\r\n--`
//! delimiter start); a value is delivered when the buffer is full or the fed chunk is
//! used up, keeping back the bytes that may start the delimiter. This gives the same
//! piece sizes as libmicrohttpd 0.9.75.

use super::{param, Piece, Sink};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the first boundary (a preamble is skipped).
    Init,
    /// Just after a `--boundary`: `\r\n` (next part) or `--` (end).
    AfterBoundary,
    Headers,
    Value,
    Done,
    Error,
}

/// Length of `\r\n--` in front of the boundary inside the body.
const DELIM_PREFIX: &[u8] = b"\r\n--";

pub struct Multipart {
    boundary: Vec<u8>,
    capacity: usize,
    buf: Vec<u8>,
    state: State,
    name: Option<Vec<u8>>,
    filename: Option<Vec<u8>>,
    content_type: Option<Vec<u8>>,
    transfer_encoding: Option<Vec<u8>>,
    offset: u64,
    /// The current value has not produced a call yet.
    must_call: bool,
    received_any: bool,
}

enum Step {
    Progress,
    NeedMore,
    Fail,
}

impl Multipart {
    pub fn new(boundary: Vec<u8>, buffer_size: usize) -> Self {
        Multipart {
            boundary,
            capacity: buffer_size + DELIM_PREFIX.len(),
            buf: Vec::with_capacity(buffer_size + DELIM_PREFIX.len()),
            state: State::Init,
            name: None,
            filename: None,
            content_type: None,
            transfer_encoding: None,
            offset: 0,
            must_call: true,
            received_any: false,
        }
    }

    pub fn process(&mut self, data: &[u8], sink: &mut dyn Sink) -> bool {
        if self.state == State::Error {
            return false;
        }
        self.received_any |= !data.is_empty();
        let mut input = data;
        loop {
            let n = (self.capacity - self.buf.len()).min(input.len());
            self.buf.extend_from_slice(&input[..n]);
            input = &input[n..];
            let exhausted = input.is_empty();
            loop {
                match self.step(exhausted, sink) {
                    Step::Progress => continue,
                    Step::NeedMore => break,
                    Step::Fail => {
                        self.state = State::Error;
                        return false;
                    }
                }
            }
            if input.is_empty() {
                return true;
            }
            if self.buf.len() == self.capacity {
                // Nothing could be consumed from a full buffer.
                self.state = State::Error;
                return false;
            }
        }
    }

    pub fn finish(&mut self, _sink: &mut dyn Sink) -> bool {
        match self.state {
            State::Done => true,
            State::Init => !self.received_any,
            _ => false,
        }
    }

    fn consume(&mut self, n: usize) {
        self.buf.drain(..n);
    }

    /// One parsing step. Value bytes are only delivered when the fed chunk is used up
    /// (`exhausted`) or the buffer is full.
    fn step(&mut self, exhausted: bool, sink: &mut dyn Sink) -> Step {
        match self.state {
            State::Error => Step::Fail,
            State::Done => {
                self.buf.clear();
                Step::NeedMore
            }
            State::Init => {
                let blen = self.boundary.len();
                if self.buf.len() < blen + 2 {
                    return Step::NeedMore;
                }
                if self.buf.starts_with(b"--") && self.buf[2..2 + blen] == self.boundary[..] {
                    self.consume(2 + blen);
                    self.state = State::AfterBoundary;
                    return Step::Progress;
                }
                // preamble line: skip it
                match self.buf.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        self.consume(i + 1);
                        Step::Progress
                    }
                    None => {
                        let keep = blen + 2;
                        let drop = self.buf.len() - keep;
                        if drop == 0 {
                            return Step::NeedMore;
                        }
                        self.consume(drop);
                        Step::Progress
                    }
                }
            }
            State::AfterBoundary => {
                if self.buf.starts_with(b"\n") {
                    self.consume(1);
                    self.start_part();
                    return Step::Progress;
                }
                if self.buf.len() < 2 {
                    return Step::NeedMore;
                }
                if self.buf.starts_with(b"\r\n") {
                    self.consume(2);
                    self.start_part();
                    Step::Progress
                } else if self.buf.starts_with(b"--") {
                    self.state = State::Done;
                    self.buf.clear();
                    Step::NeedMore
                } else {
                    Step::Fail
                }
            }
            State::Headers => {
                let Some(nl) = self.buf.iter().position(|&b| b == b'\n') else {
                    return Step::NeedMore;
                };
                let mut line = &self.buf[..nl];
                if line.last() == Some(&b'\r') {
                    line = &line[..line.len() - 1];
                }
                if line.is_empty() {
                    self.consume(nl + 1);
                    if self.name.is_none() {
                        return Step::Fail;
                    }
                    self.state = State::Value;
                    return Step::Progress;
                }
                let line = line.to_vec();
                self.consume(nl + 1);
                self.header(&line);
                Step::Progress
            }
            State::Value => {
                let may_deliver = exhausted || self.buf.len() == self.capacity;
                if !may_deliver || self.buf.is_empty() {
                    return Step::NeedMore;
                }
                self.value_step(sink)
            }
        }
    }

    fn start_part(&mut self) {
        self.state = State::Headers;
        self.name = None;
        self.filename = None;
        self.content_type = None;
        self.transfer_encoding = None;
        self.offset = 0;
        self.must_call = true;
    }

    fn header(&mut self, line: &[u8]) {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return;
        };
        let name = crate::http::head::trim_spaces(&line[..colon]);
        let value = crate::http::head::trim_spaces(&line[colon + 1..]);
        if name.eq_ignore_ascii_case(b"Content-Disposition") {
            let params = match value.iter().position(|&b| b == b';') {
                Some(i) => &value[i..],
                None => &[][..],
            };
            self.name = param(params, b"name");
            self.filename = param(params, b"filename");
        } else if name.eq_ignore_ascii_case(b"Content-Type") {
            self.content_type = Some(value.to_vec());
        } else if name.eq_ignore_ascii_case(b"Content-Transfer-Encoding") {
            self.transfer_encoding = Some(value.to_vec());
        }
    }

    /// Finds how much of the buffer is surely value data, delivers it, and recognises the
    /// delimiter `\r\n--boundary` when it is complete in the buffer.
    fn value_step(&mut self, sink: &mut dyn Sink) -> Step {
        let len = self.buf.len();
        let blen = self.boundary.len();
        let dl = DELIM_PREFIX.len();
        let mut cut = 0;
        let found = loop {
            // Scan for a '\r' that may start the delimiter, leaving its last bytes unseen.
            while cut + dl < len {
                match self.buf[cut..len - dl].iter().position(|&b| b == b'\r') {
                    None => {
                        cut = len - dl;
                        break;
                    }
                    Some(i) => {
                        cut += i;
                        if self.buf[cut..cut + dl] == *DELIM_PREFIX {
                            break;
                        }
                        cut += 1;
                    }
                }
            }
            if cut + dl + blen <= len {
                if self.buf[cut..cut + dl] == *DELIM_PREFIX
                    && self.buf[cut + dl..cut + dl + blen] == self.boundary[..]
                {
                    break true;
                }
                // Not the delimiter after all: the bytes up to there are data.
                cut += dl.min(len - cut);
                if cut + dl >= len {
                    break false;
                }
                continue;
            }
            break false;
        };
        if cut > 0 || self.must_call {
            let ok = sink.field(Piece {
                key: self.name.as_deref().unwrap_or(b""),
                filename: self.filename.as_deref(),
                content_type: self.content_type.as_deref(),
                transfer_encoding: self.transfer_encoding.as_deref(),
                data: &self.buf[..cut],
                offset: self.offset,
            });
            self.must_call = false;
            self.offset += cut as u64;
            if !ok {
                return Step::Fail;
            }
        }
        if found {
            self.consume(cut + dl + blen);
            self.state = State::AfterBoundary;
            Step::Progress
        } else {
            self.consume(cut);
            if cut > 0 {
                Step::Progress
            } else {
                Step::NeedMore
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Log = Vec<(String, Option<String>, Option<String>, u64, Vec<u8>)>;

    fn feed(body: &[u8], piece: usize, buffer: usize) -> (Log, bool) {
        let mut log: Log = Vec::new();
        let mut sink = |p: Piece<'_>| {
            let s = |v: Option<&[u8]>| v.map(|v| String::from_utf8_lossy(v).into_owned());
            log.push((
                String::from_utf8_lossy(p.key).into_owned(),
                s(p.filename),
                s(p.content_type),
                p.offset,
                p.data.to_vec(),
            ));
            true
        };
        let mut mp = Multipart::new(b"XyZ".to_vec(), buffer);
        for chunk in body.chunks(piece.max(1)) {
            assert!(mp.process(chunk, &mut sink));
        }
        let ok = mp.finish(&mut sink);
        (log, ok)
    }

    /// Joins the pieces per field and checks offsets are contiguous.
    fn joined(log: &Log) -> Vec<(String, Option<String>, Vec<u8>)> {
        let mut out: Vec<(String, Option<String>, Vec<u8>)> = Vec::new();
        for (k, f, _, off, d) in log {
            match out.last_mut() {
                Some((lk, _, v)) if lk == k && *off == v.len() as u64 && *off > 0 => {
                    v.extend_from_slice(d)
                }
                Some((lk, _, v)) if lk == k && *off == 0 && v.is_empty() => v.extend_from_slice(d),
                _ => {
                    assert_eq!(*off, 0);
                    out.push((k.clone(), f.clone(), d.clone()))
                }
            }
        }
        out
    }

    const BODY: &[u8] = b"--XyZ\r\nContent-Disposition: form-data; name=\"field1\"\r\n\r\nvalue one\r\n--XyZ\r\n\
Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n\
line1\r\nline2\r\n--X\r\n--XyZ\r\ncontent-disposition: form-data; name=\"enc\"\r\n\r\n\r\n--XyZ--\r\n";

    #[test]
    fn with_file_any_piece_size() {
        let expect = vec![
            ("field1".to_string(), None, b"value one".to_vec()),
            (
                "file".to_string(),
                Some("a.txt".to_string()),
                b"line1\r\nline2\r\n--X".to_vec(),
            ),
            ("enc".to_string(), None, b"".to_vec()),
        ];
        for piece in 1..=BODY.len() {
            let (log, ok) = feed(BODY, piece, 256);
            assert!(ok, "piece {piece}");
            assert_eq!(joined(&log), expect, "piece {piece}");
        }
        let (log, _) = feed(BODY, BODY.len(), 256);
        assert_eq!(log[1].2.as_deref(), Some("text/plain"));
        assert_eq!(log.len(), 3);
    }

    #[test]
    fn big_file_pieces_follow_buffer() {
        let mut body =
            b"--XyZ\r\nContent-Disposition: form-data; name=\"up\"; filename=\"b\"\r\n\r\n"
                .to_vec();
        body.extend((0..700).map(|i| b'a' + (i % 26) as u8));
        body.extend_from_slice(b"\r\n--XyZ--\r\n");
        let (log, ok) = feed(&body, body.len(), 256);
        assert!(ok);
        let sizes: Vec<usize> = log.iter().map(|l| l.4.len()).collect();
        assert_eq!(sizes, [256, 256, 188]);
    }

    #[test]
    fn incomplete_is_reported() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
        let (_, ok) = feed(body, body.len(), 256);
        assert!(!ok);
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--";
        let (log, ok) = feed(body, body.len(), 256);
        assert!(ok);
        assert_eq!(log.len(), 1);
    }
}
