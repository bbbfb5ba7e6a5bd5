//! The connection state machine: read → parse head → feed body to the handler → send the
//! response → next request (keep-alive) or close. `Connection::process` runs it until it
//! would block, the connection is suspended, or it is done.

use std::io::ErrorKind;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::app::{AccessCall, Termination};
use super::output::{self, Writer, Writing};
use super::readbuf::ReadBuf;
use super::Connection;
use crate::http::chunked::{Decoder, Step};
use crate::http::errors::{self, Refusal};
use crate::http::head::{self, Framing, Version};
use crate::request::NulStr;
use crate::response::{Body, ReadResult};
use crate::transport::relay::Relay;
use crate::transport::{AnyTransport, Transport};

/// The reading side: where the current request is.
pub(super) enum Reading {
    /// Waiting for (the rest of) a request head; the first `scanned` bytes of the buffer
    /// are known not to hold its end.
    Head { scanned: usize },
    /// Handing the request body to the handler.
    Body(BodyLeft),
    /// The body is complete: the handler is called with no data until it queues a
    /// response. `called`: it was called since the last event and answered nothing yet.
    Done { called: bool },
    /// The last response went out and the sending side is shut: input is discarded until
    /// the client closes, `LINGER_BYTES` were dropped or `until` passed, so that closing
    /// does not reset the connection (a reset can destroy the response in the client's
    /// receive queue). `unread`: the client sent bytes we never used (it may still send).
    Linger {
        until: Instant,
        discarded: usize,
        unread: bool,
    },
}

/// How the rest of a request body is delimited.
pub(super) enum BodyLeft {
    Length(u64),
    Chunked(Decoder),
}

/// Whether the connection may serve another request after the current response.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum KeepAlive {
    /// Decided by the request and response headers once the response starts.
    Allowed,
    /// The response was queued before the body was read: what follows cannot be trusted.
    Refused,
}

/// What the owning loop should do with the connection after `process`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Wait for readiness (or a resume).
    Idle,
    /// The content reader had nothing yet: process again at this time.
    RetryAt(Instant),
    /// Close it; the termination code is reported if the application saw the request.
    Close(Termination),
    /// The socket now belongs to the application (HTTP upgrade): stop watching it.
    Upgraded,
}

pub(crate) struct Io {
    pub(super) transport: AnyTransport,
    pub(super) reading: Reading,
    /// The writing side (idle, sending a response, or handed over by an upgrade).
    pub(super) w: Writer,
    pub(super) keep_alive: KeepAlive,
    pub(super) buf: ReadBuf,
    /// Readiness to read, as last reported by the poller.
    pub(super) readable: bool,
    /// The handler has seen the current request: its completion is owed (MHD's "client
    /// aware").
    pub(super) client_aware: bool,
    /// The current request's line was complete and looked at (URI log callback).
    pub(super) line_seen: bool,
    pub(super) scratch: Vec<u8>,
    /// An upgraded connection over TLS: the application's socket pair, relayed.
    pub(super) relay: Option<Relay>,
}

impl Io {
    pub(super) fn new(transport: AnyTransport) -> Self {
        Io {
            transport,
            reading: Reading::Head { scanned: 0 },
            w: Writer::new(),
            keep_alive: KeepAlive::Allowed,
            buf: ReadBuf::new(),
            readable: true,
            client_aware: false,
            line_seen: false,
            scratch: Vec::new(),
            relay: None,
        }
    }

    pub(super) fn accepts_response(&self) -> bool {
        matches!(self.reading, Reading::Body(_) | Reading::Done { .. }) && self.w.is_idle()
    }

    pub(super) fn interest(&self) -> (bool, bool) {
        // A TLS handshake (or a record) may need the socket writable while we read.
        let transport_write = self.transport.wants_write();
        match self.w.state {
            Writing::Upgraded => (false, false),
            Writing::Response(_) => (false, self.w.write_blocked || transport_write),
            // Reading: also how a client's close is noticed while the handler works.
            Writing::Idle => (true, transport_write),
        }
    }
}

/// One step's request for user code, decided while `io` is borrowed and run after.
enum Action {
    Again,
    Wait,
    Close(Termination),
    /// First handler call of a request (after the optional URI log callback).
    FirstCall,
    /// Hand the first `len` bytes of the read buffer to the handler.
    Upload {
        len: usize,
    },
    FinalCall,
    Read {
        pos: u64,
        max: usize,
    },
    /// The 101 went out: hand the socket to the application.
    Upgrade,
    /// The response is complete: report the request's end, then the next request or
    /// (with `close`) the lingering close.
    Finished {
        why: Termination,
        close: bool,
    },
    /// Nothing to do before this time (or readiness).
    WaitUntil(Instant),
    /// The request line is complete: the URI log callback gets the target (in the request
    /// arena at this span) before the rest of the head is read, as libmicrohttpd does.
    UriLog(head::Span),
}

impl Connection {
    /// Runs the state machine as far as it can go now.
    pub fn process(&self) -> Outcome {
        if self.is_upgraded() {
            // The socket is the application's now (or, over TLS, relayed to the socket pair
            // it got); only MHD_upgrade_action ends it.
            let mut io = self.io.borrow_mut();
            let io = &mut *io;
            if let Some(relay) = io.relay.as_mut() {
                relay.pump(&mut io.transport, &mut io.readable, &mut io.w.writable);
            }
            return Outcome::Upgraded;
        }
        loop {
            if self.suspended.get() {
                return Outcome::Idle;
            }
            let action = {
                let mut io = self.io.borrow_mut();
                let action = self.step(&mut io);
                self.remote.set_accepting(io.accepts_response());
                action
            };
            match action {
                Action::Again => {}
                Action::Wait => return Outcome::Idle,
                Action::Close(why) => return Outcome::Close(why),
                Action::FirstCall => {
                    if let Some(why) = self.first_call() {
                        return Outcome::Close(why);
                    }
                }
                Action::Upload { len } => match self.upload_call(len) {
                    Err(why) => return Outcome::Close(why),
                    // Nothing consumed: offer the data again on a later pass (as
                    // libmicrohttpd's polling loop does), never in a tight loop.
                    Ok(false) => {
                        return Outcome::RetryAt(
                            Instant::now() + Duration::from_millis(PAUSE_RETRY_MS),
                        )
                    }
                    Ok(true) => {}
                },
                Action::FinalCall => {
                    if self.call_handler(&[]).is_none() {
                        return Outcome::Close(Termination::WithError);
                    }
                    if self.suspended.get() {
                        // After the resume the handler is called again.
                        self.io.borrow_mut().reading = Reading::Done { called: false };
                    }
                }
                Action::Upgrade => {
                    if !self.hand_over() {
                        return Outcome::Close(Termination::WithError);
                    }
                    return Outcome::Upgraded;
                }
                Action::Read { pos, max } => {
                    if let Some(out) = self.read_body(pos, max) {
                        return out;
                    }
                }
                Action::WaitUntil(at) => return Outcome::RetryAt(at),
                Action::UriLog(target) => self.uri_log(target),
                Action::Finished { why, close } => {
                    let owed = std::mem::take(&mut self.io.borrow_mut().client_aware);
                    if owed {
                        self.complete_notify(why);
                    }
                    if close {
                        self.begin_linger();
                    } else {
                        self.next_request();
                    }
                }
            }
        }
    }

    /// Advances without calling user code; says which user call (if any) comes next.
    fn step(&self, io: &mut Io) -> Action {
        if !io.w.is_idle() {
            return self.step_send(io);
        }
        match io.reading {
            Reading::Head { scanned } => self.step_head(io, scanned),
            Reading::Body(_) => self.step_body(io),
            Reading::Linger { .. } => self.step_linger(io),
            Reading::Done { called } => {
                if let Some(action) = self.take_queued(io) {
                    return action;
                }
                if called {
                    // The handler neither answered nor suspended: wait for the next event.
                    io.reading = Reading::Done { called: false };
                    return if io.readable {
                        self.detect_close(io)
                    } else {
                        Action::Wait
                    };
                }
                io.reading = Reading::Done { called: true };
                Action::FinalCall
            }
        }
    }

    fn step_head(&self, io: &mut Io, scanned: usize) -> Action {
        let config = &self.env.settings;
        if !io.line_seen {
            if let Some(action) = self.request_line(io) {
                return action;
            }
        }
        if let Some(end) = head::find_head_end(io.buf.filled(), scanned) {
            io.reading = Reading::Head { scanned: 0 };
            let parsed = {
                let mut req = self.request.borrow_mut();
                let req = &mut *req;
                req.clear();
                let mut unescape = |s: &mut [u8]| {
                    self.env
                        .app
                        .unescape(self, s)
                        .unwrap_or_else(|| head::default_unescape(s))
                };
                let result = head::parse_with(
                    &io.buf.filled()[..end],
                    &mut req.arena,
                    &mut req.fields,
                    &mut unescape,
                    config.discipline,
                );
                req.header_size = end;
                result.map(|h| {
                    req.head = Some(h.clone());
                    h
                })
            };
            io.buf.consume(end);
            self.user_values.borrow_mut().clear();
            // libmicrohttpd keeps each request value in the connection's memory pool, so many
            // small headers can exceed the limit even when the raw head fits: same answer.
            let parsed = parsed.and_then(|h| {
                let fields = self.request.borrow().fields.len();
                if end + fields * POOL_BYTES_PER_VALUE > config.memory_limit {
                    Err(Refusal::new(431, errors::REQUEST_TOO_BIG))
                } else {
                    Ok(h)
                }
            });
            return match parsed {
                Err(refusal) => self.refuse(io, refusal),
                Ok(h) => {
                    io.client_aware = true;
                    io.keep_alive = KeepAlive::Allowed;
                    io.reading = match h.framing {
                        Framing::None | Framing::Length(0) => Reading::Done { called: false },
                        Framing::Length(n) => Reading::Body(BodyLeft::Length(n)),
                        Framing::Chunked => Reading::Body(BodyLeft::Chunked(Decoder::default())),
                    };
                    Action::FirstCall
                }
            };
        }
        io.reading = Reading::Head {
            scanned: io.buf.len(),
        };
        match self.fill(io) {
            Fill::Got => Action::Again,
            Fill::Blocked => Action::Wait,
            Fill::Full => {
                // The head does not fit in the connection's memory: 414 while the request
                // line itself is incomplete, 431 once it is complete (as the real library).
                let skip = head::leading_empty_lines(io.buf.filled());
                let line_done = io.buf.filled()[skip..].contains(&b'\n');
                let status = if line_done { 431 } else { 414 };
                self.refuse(io, Refusal::new(status, errors::REQUEST_TOO_BIG))
            }
            Fill::Eof if io.buf.is_empty() => Action::Close(Termination::CompletedOk),
            Fill::Eof => Action::Close(Termination::ClientAbort),
            Fill::Error => Action::Close(Termination::ReadError),
        }
    }

    /// Once the request line is complete, parses it alone (no user callbacks) so that the
    /// URI log callback can see the target before the headers arrive. A bad line is left
    /// to the parse of the whole head.
    fn request_line(&self, io: &mut Io) -> Option<Action> {
        let filled = io.buf.filled();
        let skip = head::leading_empty_lines(filled);
        let nl = filled[skip..].iter().position(|&b| b == b'\n')?;
        io.line_seen = true;
        let mut line = std::mem::take(&mut io.scratch);
        line.clear();
        line.extend_from_slice(&filled[skip..=skip + nl]);
        line.extend_from_slice(b"\r\n");
        let mut req = self.request.borrow_mut();
        let req = &mut *req;
        let parsed = head::parse(&line, &mut req.arena, &mut req.fields);
        req.fields.clear();
        io.scratch = line;
        parsed.ok().map(|h| Action::UriLog(h.raw_target))
    }

    /// The URI log callback; what it returns becomes the request's `con_cls`, and from now
    /// on the application is owed the request's completion.
    fn uri_log(&self, target: head::Span) {
        let cls = {
            let req = self.request.borrow();
            arena_str(&req.arena, target).and_then(|t| self.env.app.uri_log(self, t))
        };
        if let Some(cls) = cls {
            self.con_cls.set(cls);
            self.io.borrow_mut().client_aware = true;
        }
    }

    fn step_body(&self, io: &mut Io) -> Action {
        if let Some(action) = self.take_queued(io) {
            return action;
        }
        // An interim `100 Continue` goes out before the body is read.
        if io.w.out_pos < io.w.out.len() {
            match output::flush(&mut io.w, &mut io.transport) {
                output::Flush::Done => {}
                output::Flush::Blocked => return Action::Wait,
                output::Flush::Error => return Action::Close(Termination::WithError),
            }
        }
        if !io.buf.is_empty() {
            match &mut io.reading {
                Reading::Body(BodyLeft::Chunked(decoder)) => match decoder.step(io.buf.filled()) {
                    Step::Skip(n) => {
                        io.buf.consume(n);
                        return Action::Again;
                    }
                    Step::Data(n) => return Action::Upload { len: n },
                    Step::Trailers(n) => {
                        self.parse_footers(&io.buf.filled()[..n]);
                        io.buf.consume(n);
                        io.reading = Reading::Done { called: false };
                        return Action::Again;
                    }
                    Step::Invalid => {
                        return self.refuse(io, Refusal::new(400, errors::MALFORMED_CHUNKED))
                    }
                    Step::NeedMore => {}
                },
                Reading::Body(BodyLeft::Length(left)) => {
                    let n = (*left).min(io.buf.len() as u64) as usize;
                    return Action::Upload { len: n };
                }
                _ => {}
            }
        }
        match self.fill(io) {
            Fill::Got => Action::Again,
            Fill::Blocked => Action::Wait,
            // The handler left data unconsumed and the buffer is full: it cannot progress.
            Fill::Full => {
                self.log("Application did not consume upload data and the buffer is full. Closing connection.");
                Action::Close(Termination::WithError)
            }
            Fill::Eof => {
                self.log("Connection was closed by remote side with incomplete request.");
                Action::Close(Termination::ClientAbort)
            }
            Fill::Error => Action::Close(Termination::ReadError),
        }
    }

    /// While waiting for the application, a readable socket can only mean more pipelined
    /// data (kept for later) or the client going away.
    fn detect_close(&self, io: &mut Io) -> Action {
        match self.fill(io) {
            Fill::Got | Fill::Full => Action::Wait,
            Fill::Blocked => Action::Wait,
            Fill::Eof => Action::Close(Termination::ClientAbort),
            Fill::Error => Action::Close(Termination::ReadError),
        }
    }

    fn parse_footers(&self, trailer: &[u8]) {
        let mut req = self.request.borrow_mut();
        let req = &mut *req;
        let arena = &mut req.footer_arena;
        let footers = &mut req.footers;
        if trailer.len() <= 2 {
            return;
        }
        let _ = head::for_each_header(trailer, |name, value| {
            let key = head::push_str(arena, name);
            let value = head::push_str(arena, value);
            footers.push(head::Field {
                kind: head::kind::FOOTER,
                key,
                value: Some(value),
            });
            Ok(())
        });
    }

    /// If the handler queued a response, start sending it.
    fn take_queued(&self, io: &mut Io) -> Option<Action> {
        let (status, response) = self.remote.take_queued()?;
        let early = io.keep_alive == KeepAlive::Refused || matches!(io.reading, Reading::Body(_));
        let close = early || self.must_close(&response);
        let head_only = self.head_is(|h| h.is_head);
        let version = self
            .request
            .borrow()
            .head
            .as_ref()
            .map(|h| h.http_version)
            .unwrap_or(Version::Http11);
        let keep_alive_header = version == Version::Http10 && !close;
        let plan = output::Plan {
            status,
            close,
            head_only,
            version,
            keep_alive_header,
            date: self.adds_date(),
            error: false,
        };
        output::start(&mut io.w, plan, response);
        Some(Action::Again)
    }

    fn must_close(&self, response: &crate::response::Response) -> bool {
        let req = self.request.borrow();
        let Some(h) = req.head.as_ref() else {
            return true;
        };
        if h.connection_close || response.meta().close || self.env.is_shutting_down() {
            return true;
        }
        match h.http_version {
            Version::Http10 => !h.connection_keep_alive || response.size().is_none(),
            Version::Http11 => false,
        }
    }

    /// Answers a request the server refuses itself, then closes.
    fn refuse(&self, io: &mut Io, refusal: Refusal) -> Action {
        self.log(&format!(
            "Error processing request (HTTP response code is {} ('{}')). Closing connection.",
            refusal.status, refusal.body
        ));
        let response = Arc::new(crate::response::Response::new(Body::Static(Box::new(
            refusal.body,
        ))));
        self.remote.set_status(refusal.status);
        let plan = output::Plan {
            status: refusal.status,
            close: true,
            head_only: false,
            version: Version::Http11,
            keep_alive_header: false,
            date: self.adds_date(),
            error: true,
        };
        output::start(&mut io.w, plan, response);
        Action::Again
    }

    fn step_send(&self, io: &mut Io) -> Action {
        match output::flush(&mut io.w, &mut io.transport) {
            output::Flush::Done => {}
            output::Flush::Blocked => return Action::Wait,
            output::Flush::Error => return Action::Close(Termination::WithError),
        }
        let Some(sending) = io.w.sending() else {
            return Action::Wait; // upgraded: the socket is the application's
        };
        if let Some((pos, max)) = sending.wants_read() {
            return Action::Read { pos, max };
        }
        if sending.upgrade {
            return Action::Upgrade;
        }
        // Response complete.
        let sending = io.w.finish().expect("checked above");
        Action::Finished {
            why: if sending.error {
                Termination::WithError
            } else {
                Termination::CompletedOk
            },
            close: sending.close,
        }
    }

    /// The response that ends the connection is out: shut the sending side (the client
    /// sees a FIN after the response) and start discarding input.
    fn begin_linger(&self) {
        let mut io = self.io.borrow_mut();
        let _ = io.transport.shutdown();
        let limit = self
            .timeout
            .get()
            .map_or(LINGER_TIME, |t| t.min(LINGER_TIME));
        let unread = !io.buf.is_empty() || matches!(io.reading, Reading::Body(_));
        io.buf = ReadBuf::new();
        io.reading = Reading::Linger {
            until: Instant::now() + limit,
            discarded: 0,
            unread,
        };
    }

    fn step_linger(&self, io: &mut Io) -> Action {
        let Reading::Linger {
            until,
            mut discarded,
            mut unread,
        } = io.reading
        else {
            return Action::Wait;
        };
        let mut sink = [0u8; 16 * 1024];
        let action = loop {
            match io.transport.read(&mut sink) {
                Ok(0) => break Action::Close(Termination::CompletedOk),
                Ok(n) => {
                    discarded += n;
                    unread = true;
                    if discarded >= LINGER_BYTES {
                        break Action::Close(Termination::CompletedOk);
                    }
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    io.readable = false;
                    // Nothing the client sent is left unread: closing now is a clean FIN.
                    if !unread || Instant::now() >= until {
                        break Action::Close(Termination::CompletedOk);
                    }
                    break Action::WaitUntil(until);
                }
                Err(_) => break Action::Close(Termination::CompletedOk),
            }
        };
        io.reading = Reading::Linger {
            until,
            discarded,
            unread,
        };
        action
    }

    /// Calls the application's upgrade handler with the socket and any bytes read ahead.
    /// Over TLS the application gets a socket pair whose other end is relayed (false when
    /// it cannot be made).
    fn hand_over(&self) -> bool {
        let (response, extra, fd) = {
            let mut io = self.io.borrow_mut();
            let response = io.w.hand_over().map(|s| s.response);
            let mut fd = self.fd();
            if io.transport.tls().is_some() {
                match Relay::new() {
                    Ok(relay) => {
                        fd = relay.app_fd();
                        io.relay = Some(relay);
                    }
                    Err(e) => {
                        self.log(&format!(
                            "Failed to create a socket pair for the upgrade: {e}"
                        ));
                        return false;
                    }
                }
            }
            (response, io.buf.take_unread(), fd)
        };
        let Some(response) = response else {
            return true;
        };
        if let Body::Upgrade(handler) = &response.body {
            let handle = crate::response::UpgradeHandle::new(self.inbox.clone(), self.token, fd);
            handler.upgraded(self, self.con_cls.get(), &extra, fd, handle);
        }
        true
    }

    /// Resets for the next request on a kept-alive connection.
    fn next_request(&self) {
        {
            let mut io = self.io.borrow_mut();
            io.reading = Reading::Head { scanned: 0 };
            io.line_seen = false;
            io.w.out.clear();
            io.w.out_pos = 0;
            if io.w.out.capacity() > 64 * 1024 {
                io.w.out = Vec::new();
            }
        }
        self.request.borrow_mut().clear();
        self.user_values.borrow_mut().clear();
        self.remote.set_status(0);
    }

    /// `MHD_USE_SUPPRESS_DATE_NO_CLOCK` turns the automatic `Date` header off.
    fn adds_date(&self) -> bool {
        self.env.settings.date_header
    }

    /// Whether the current request's head satisfies `f` (false before a head is parsed).
    fn head_is(&self, f: impl Fn(&head::Head) -> bool) -> bool {
        self.request.borrow().head.as_ref().is_some_and(f)
    }

    /// Reports the end of the current request to the application (once).
    pub(crate) fn complete_notify(&self, why: Termination) {
        let mut cls = self.con_cls.get();
        self.env.app.completed(self, &mut cls, why);
        self.con_cls.set(0);
    }

    /// Whether `complete_notify` is still owed for the current request.
    pub(crate) fn client_aware(&self) -> bool {
        self.io.borrow().client_aware
    }

    pub(crate) fn mark_notified(&self) {
        self.io.borrow_mut().client_aware = false;
    }

    fn read_body(&self, pos: u64, max: usize) -> Option<Outcome> {
        let response = self.io.borrow().w.sending().map(|s| s.response.clone())?;
        let Body::Reader { reader, .. } = &response.body else {
            return None;
        };
        let mut scratch = std::mem::take(&mut self.io.borrow_mut().scratch);
        if scratch.len() < max {
            scratch.resize(max, 0);
        }
        let result = reader.read(pos, &mut scratch[..max]);
        let mut io = self.io.borrow_mut();
        let outcome = match result {
            ReadResult::Data(n) => {
                let n = n.min(max);
                output::append_data(&mut io.w, &scratch[..n]);
                None
            }
            ReadResult::End => {
                let short =
                    io.w.sending()
                        .is_some_and(|s| s.size.is_some_and(|size| pos < size));
                if short {
                    // The reader promised more than it delivered: the framing is broken.
                    Some(Outcome::Close(Termination::WithError))
                } else {
                    output::append_end(&mut io.w);
                    None
                }
            }
            ReadResult::Error => Some(Outcome::Close(Termination::WithError)),
            ReadResult::Pause => {
                if self.suspended.get() {
                    Some(Outcome::Idle)
                } else {
                    Some(Outcome::RetryAt(
                        Instant::now() + Duration::from_millis(PAUSE_RETRY_MS),
                    ))
                }
            }
        };
        io.scratch = scratch;
        outcome
    }

    fn first_call(&self) -> Option<Termination> {
        if self.call_handler(&[]).is_none() {
            return Some(Termination::WithError);
        }
        let mut io = self.io.borrow_mut();
        if self.remote.has_queued() {
            io.keep_alive = KeepAlive::Refused;
            return None;
        }
        if matches!(io.reading, Reading::Body(_)) {
            let expects = self
                .request
                .borrow()
                .head
                .as_ref()
                .is_some_and(|h| h.expect_continue && h.http_version == Version::Http11);
            if expects && io.buf.is_empty() {
                output::push_continue(&mut io.w);
            }
        }
        None
    }

    /// Hands upload data to the handler; Ok(false) when it consumed none of it.
    fn upload_call(&self, len: usize) -> Result<bool, Termination> {
        // The buffer is lent out for the call (a move, no copy): the handler reads the
        // bytes in place while the state machine's own state stays unborrowed.
        let buf = std::mem::replace(&mut self.io.borrow_mut().buf, ReadBuf::new());
        self.remote.set_in_upload(true);
        let left = self.call_handler(&buf.filled()[..len]);
        self.remote.set_in_upload(false);
        let mut io = self.io.borrow_mut();
        io.buf = buf;
        let Some(left) = left else {
            return Err(Termination::WithError);
        };
        let consumed = len - left.min(len);
        io.buf.consume(consumed);
        match &mut io.reading {
            Reading::Body(BodyLeft::Chunked(decoder)) => decoder.consumed(consumed),
            Reading::Body(BodyLeft::Length(left)) => {
                *left -= consumed as u64;
                if *left == 0 {
                    io.reading = Reading::Done { called: false };
                }
            }
            _ => {}
        }
        if consumed == 0 && !self.remote.has_queued() && !self.suspended.get() {
            return Ok(false);
        }
        Ok(true)
    }

    /// Calls the access handler with the current request's strings and `upload`; the bytes
    /// it left unconsumed, None when it answered `MHD_NO`.
    fn call_handler(&self, upload: &[u8]) -> Option<usize> {
        let req = self.request.borrow();
        let h = req.head.as_ref()?;
        let (url, method, version) = (
            arena_str(&req.arena, h.url)?,
            arena_str(&req.arena, h.method)?,
            arena_str(&req.arena, h.version)?,
        );
        let mut call = AccessCall {
            url,
            method,
            version,
            upload,
            upload_left: upload.len(),
            con_cls: self.con_cls.get(),
        };
        let ok = self.env.app.access(self, &mut call);
        self.con_cls.set(call.con_cls);
        ok.then_some(call.upload_left)
    }

    fn fill(&self, io: &mut Io) -> Fill {
        // A transport waiting to write (TLS handshake) goes on when the socket is writable.
        let transport_may_go_on = io.transport.wants_write() && io.w.writable;
        if !io.readable && !transport_may_go_on {
            return Fill::Blocked;
        }
        let config = &self.env.settings;
        let spare = io.buf.spare(config.memory_limit, config.memory_increment);
        if spare.is_empty() {
            return Fill::Full;
        }
        let spare_len = spare.len();
        match io.transport.read(spare) {
            Ok(0) => Fill::Eof,
            Ok(n) => {
                // A short read emptied the socket: the next arrival raises a new readiness
                // edge, so skip the read that would only return EAGAIN (not over TLS, which
                // may hold bytes no edge will announce).
                if n < spare_len && io.transport.short_read_drains() {
                    io.readable = false;
                }
                io.buf.advance(n);
                self.touch();
                Fill::Got
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                io.readable = false;
                if io.transport.wants_write() {
                    io.w.writable = false;
                }
                Fill::Blocked
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => Fill::Got,
            Err(e) => {
                // The transport's own failure (a TLS handshake), worth the operator's eye.
                if e.kind() == ErrorKind::InvalidData {
                    self.log(&e.to_string());
                }
                Fill::Error
            }
        }
    }
}

/// The string at `span` of the request arena.
fn arena_str(arena: &[u8], span: head::Span) -> Option<NulStr<'_>> {
    NulStr::at(arena, span)
}

/// What libmicrohttpd's pool spends per request value besides the strings (a list node).
const POOL_BYTES_PER_VALUE: usize = 48;

/// Lingering close: at most this long (or the connection timeout, if shorter) and this
/// many discarded bytes before the socket is closed anyway.
const LINGER_TIME: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 64 * 1024;

/// How long a paused content reader (it returned 0) waits before it is asked again.
const PAUSE_RETRY_MS: u64 = 5;

enum Fill {
    Got,
    Blocked,
    Full,
    Eof,
    Error,
}
