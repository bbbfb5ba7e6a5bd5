//! Writing responses: the status line and headers as libmicrohttpd orders them
//! (`Date`, `Connection`, the application's headers, then framing), bodies from memory
//! in one `writev` with the head, and produced bodies framed as chunks when needed.

use std::io::{ErrorKind, IoSlice};
use std::sync::Arc;

use crate::http::head::{kind, Version};
use crate::http::{date, status};
use crate::response::{Body, Response};
use crate::transport::Transport;

/// What the writing side is doing.
pub(super) enum Writing {
    /// Between responses (an interim `100 Continue` may still be in `out`).
    Idle,
    Response(Sending),
    /// The 101 went out and the socket was handed to the application.
    Upgraded,
}

/// The writing side of a connection: bytes produced but not yet sent, and its state.
pub(super) struct Writer {
    pub out: Vec<u8>,
    pub out_pos: usize,
    pub state: Writing,
    /// Readiness to write, as last reported by the poller.
    pub writable: bool,
    /// A write returned EAGAIN: wait for writability.
    pub write_blocked: bool,
}

impl Writer {
    pub fn new() -> Self {
        Writer {
            out: Vec::new(),
            out_pos: 0,
            state: Writing::Idle,
            writable: true,
            write_blocked: false,
        }
    }

    pub fn is_idle(&self) -> bool {
        matches!(self.state, Writing::Idle)
    }

    pub fn sending(&self) -> Option<&Sending> {
        match &self.state {
            Writing::Response(s) => Some(s),
            _ => None,
        }
    }

    fn sending_mut(&mut self) -> Option<&mut Sending> {
        match &mut self.state {
            Writing::Response(s) => Some(s),
            _ => None,
        }
    }

    /// The response is complete: back to idle, handing its sending state back.
    pub fn finish(&mut self) -> Option<Sending> {
        match std::mem::replace(&mut self.state, Writing::Idle) {
            Writing::Response(s) => Some(s),
            _ => None,
        }
    }

    /// The 101 went out: the writing side is the application's from now on.
    pub fn hand_over(&mut self) -> Option<Sending> {
        let sending = self.finish();
        self.state = Writing::Upgraded;
        sending
    }
}

pub(crate) struct Sending {
    /// A 101 for `MHD_create_response_for_upgrade`: the socket is handed over afterwards.
    pub upgrade: bool,
    pub response: Arc<Response>,
    pub size: Option<u64>,
    /// Body bytes produced so far (read from a reader, or sent from memory).
    pub pos: u64,
    chunked: bool,
    no_body: bool,
    pub close: bool,
    /// An error page the server sent itself: the request ends "with error".
    pub error: bool,
    body_done: bool,
    block: usize,
}

impl Sending {
    /// For produced bodies: the next read (position, max bytes), unless finished.
    pub fn wants_read(&self) -> Option<(u64, usize)> {
        if self.no_body || self.body_done {
            return None;
        }
        match &self.response.body {
            Body::Reader { .. } => {
                let max = match self.size {
                    Some(size) => (size - self.pos).min(self.block as u64) as usize,
                    None => self.block,
                };
                Some((self.pos, max))
            }
            _ => None,
        }
    }
}

fn memory_body(response: &Response) -> Option<&[u8]> {
    match &response.body {
        Body::Static(b) => Some(b.bytes()),
        Body::Owned(v) => Some(v),
        _ => None,
    }
}

/// `HTTP/1.1 100 Continue` before the body of an `Expect: 100-continue` request.
pub(super) fn push_continue(w: &mut Writer) {
    w.out.extend_from_slice(b"HTTP/1.1 100 Continue\r\n\r\n");
}

/// How one response goes out, decided by the connection.
pub(super) struct Plan {
    pub status: u32,
    /// Close the connection afterwards (`Connection: close` unless the application set one).
    pub close: bool,
    /// HEAD: headers only.
    pub head_only: bool,
    pub version: Version,
    /// HTTP/1.0 client that asked for keep-alive: `Connection: Keep-Alive`.
    pub keep_alive_header: bool,
    /// Add `Date` (unless the application set one).
    pub date: bool,
    /// The server's own error page (the request is reported as ended with an error).
    pub error: bool,
}

/// Builds the response head into `w.out` and starts sending the response.
pub(super) fn start(w: &mut Writer, plan: Plan, response: Arc<Response>) {
    let Plan {
        status: status_code,
        close,
        head_only,
        version,
        keep_alive_header,
        date,
        error,
    } = plan;
    let size = response.size();
    let bodyless_status =
        (100..200).contains(&status_code) || status_code == 204 || status_code == 304;
    // The application may ask for chunking itself with a `Transfer-Encoding: chunked` header.
    let app_chunked = response.meta().chunked;
    let upgrade = response.is_upgrade();
    let chunked = (size.is_none() || app_chunked)
        && version == Version::Http11
        && !bodyless_status
        && !upgrade;
    // Unknown size without chunking: the body ends when the connection closes.
    let close = close || (size.is_none() && !chunked && !bodyless_status && !upgrade);
    let out = &mut w.out;
    out.reserve(256);
    out.extend_from_slice(b"HTTP/1.1 ");
    push_decimal(out, u64::from(status_code));
    out.push(b' ');
    let phrase = match status::reason_phrase(status_code) {
        "Unknown" => "Non-Standard Status",
        phrase => phrase,
    };
    out.extend_from_slice(phrase.as_bytes());
    out.extend_from_slice(b"\r\n");
    let meta = response.meta();
    if date && !meta.has_date {
        out.extend_from_slice(b"Date: ");
        date::append_now(out);
        out.extend_from_slice(b"\r\n");
    }
    if !meta.has_connection {
        if response.is_upgrade() {
            out.extend_from_slice(b"Connection: Upgrade\r\n");
        } else if close {
            out.extend_from_slice(b"Connection: close\r\n");
        } else if keep_alive_header {
            out.extend_from_slice(b"Connection: Keep-Alive\r\n");
        }
    }
    for e in meta
        .entries
        .iter()
        .filter(|e| e.kind == kind::RESPONSE_HEADER)
    {
        push_field(out, e.name(), e.value());
    }
    drop(meta);
    if !bodyless_status && !app_chunked && !response.is_upgrade() {
        match size {
            Some(n) if !chunked => {
                out.extend_from_slice(b"Content-Length: ");
                push_decimal(out, n);
                out.extend_from_slice(b"\r\n");
            }
            _ if chunked => out.extend_from_slice(b"Transfer-Encoding: chunked\r\n"),
            _ => {}
        }
    }
    out.extend_from_slice(b"\r\n");
    let block = match &response.body {
        Body::Reader { block_size, .. } => (*block_size).clamp(256, 256 * 1024),
        _ => 0,
    };
    let no_body = head_only || bodyless_status || upgrade;
    let mut sending = Sending {
        upgrade,
        response,
        size,
        pos: 0,
        chunked,
        no_body,
        close,
        error,
        body_done: no_body,
        block,
    };
    if chunked && !no_body {
        // An in-memory body sent chunked (the application asked for it): frame it here.
        if let Some(body) = memory_body(&sending.response).map(<[u8]>::to_vec) {
            sending.no_body = true;
            append_data_chunked(w, &body);
            append_end_for(w, &sending);
            sending.body_done = true;
        }
    }
    w.state = Writing::Response(sending);
}

fn append_data_chunked(w: &mut Writer, data: &[u8]) {
    if !data.is_empty() {
        push_hex(&mut w.out, data.len() as u64);
        w.out.extend_from_slice(b"\r\n");
        w.out.extend_from_slice(data);
        w.out.extend_from_slice(b"\r\n");
    }
}

/// The last chunk and the response's footers.
fn append_end_for(w: &mut Writer, sending: &Sending) {
    w.out.extend_from_slice(b"0\r\n");
    for e in sending
        .response
        .meta()
        .entries
        .iter()
        .filter(|e| e.kind == kind::FOOTER)
    {
        push_field(&mut w.out, e.name(), e.value());
    }
    w.out.extend_from_slice(b"\r\n");
}

/// `Name: value\r\n`.
fn push_field(out: &mut Vec<u8>, name: &[u8], value: &[u8]) {
    out.extend_from_slice(name);
    out.extend_from_slice(b": ");
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
}

/// Appends produced body bytes (framed as a chunk when chunking); ends the body when the
/// announced size is reached.
pub(super) fn append_data(w: &mut Writer, data: &[u8]) {
    let Some(s) = w.sending_mut() else { return };
    if data.is_empty() {
        return;
    }
    let chunked = s.chunked;
    s.pos += data.len() as u64;
    let complete = s.size.is_some_and(|size| s.pos >= size);
    if chunked {
        append_data_chunked(w, data);
    } else {
        w.out.extend_from_slice(data);
    }
    if complete {
        append_end(w);
    }
}

/// The produced body ended: the last chunk and footers when chunking.
pub(super) fn append_end(w: &mut Writer) {
    let Some(s) = w.sending_mut() else {
        return;
    };
    s.body_done = true;
    if s.chunked {
        let Writing::Response(s) = std::mem::replace(&mut w.state, Writing::Idle) else {
            return;
        };
        append_end_for(w, &s);
        w.state = Writing::Response(s);
    }
}

pub(super) enum Flush {
    Done,
    Blocked,
    Error,
}

/// Writes pending head/chunk bytes and any in-memory body, as far as the socket takes them.
pub(super) fn flush(w: &mut Writer, transport: &mut dyn Transport) -> Flush {
    loop {
        let pending_out = w.out.len() - w.out_pos;
        let memory = w
            .sending()
            .filter(|s| !s.no_body)
            .and_then(|s| memory_body(&s.response).map(|b| (b, s.pos as usize)));
        let body_rest: &[u8] = match memory {
            Some((b, pos)) => &b[pos.min(b.len())..],
            None => &[],
        };
        if pending_out == 0 && body_rest.is_empty() {
            if let Some(s) = w.sending_mut() {
                if memory_body(&s.response).is_some() {
                    s.body_done = true;
                }
            }
            w.out.clear();
            w.out_pos = 0;
            return Flush::Done;
        }
        if w.write_blocked && !w.writable {
            return Flush::Blocked;
        }
        let result = if body_rest.is_empty() {
            transport.write_vectored(&[IoSlice::new(&w.out[w.out_pos..])])
        } else if pending_out == 0 {
            transport.write_vectored(&[IoSlice::new(body_rest)])
        } else {
            transport.write_vectored(&[IoSlice::new(&w.out[w.out_pos..]), IoSlice::new(body_rest)])
        };
        match result {
            Ok(0) => return Flush::Error,
            Ok(mut n) => {
                w.write_blocked = false;
                let from_out = n.min(pending_out);
                w.out_pos += from_out;
                n -= from_out;
                if n > 0 {
                    if let Some(s) = w.sending_mut() {
                        s.pos += n as u64;
                    }
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                w.write_blocked = true;
                w.writable = false;
                return Flush::Blocked;
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Flush::Error,
        }
    }
}

fn push_decimal(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

fn push_hex(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 16];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b"0123456789ABCDEF"[(n & 15) as usize];
        n >>= 4;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers() {
        let mut v = Vec::new();
        super::push_decimal(&mut v, 0);
        v.push(b' ');
        super::push_decimal(&mut v, 1234567890);
        v.push(b' ');
        super::push_hex(&mut v, 0x1a2b);
        assert_eq!(v, b"0 1234567890 1A2B");
    }
}
