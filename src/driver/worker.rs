//! One event loop: a poller, the connections it owns (a slab indexed by token), the
//! deadlines, and the work other threads queue for it. External mode has one worker lent
//! to `MHD_run`; internal modes run workers on threads. Accepting lives in `accept.rs`,
//! the fd-set adapter for external `select` in `external.rs`.

use std::io::{self, ErrorKind};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token};
use slab::Slab;

use super::shared::Shared;
use super::timers::Timers;
use crate::connection::{Connection, Outcome, Termination};
use crate::sys::timerfd::TimerFd;
use crate::transport::{AnyTransport, TcpTransport, TlsTransport, Transport};
use crate::wake::Inbox;

pub(super) const LISTEN: Token = Token(usize::MAX - 1);
const WAKE: Token = Token(usize::MAX - 2);
const RETRY_TIMER: Token = Token(usize::MAX - 3);
/// Marks the token of an upgraded TLS connection's socket-pair end (the slot's token with
/// this bit set; the three tokens above are matched before).
const RELAY_BIT: usize = 1 << 62;

/// An admitted connection handed to another loop: socket, peer, the address it counts
/// against the per-IP limit.
pub type Job = (
    mio::net::TcpStream,
    socket2::SockAddr,
    Option<std::net::IpAddr>,
);

/// Where an accepting loop sends admitted connections instead of serving them itself
/// (thread per connection).
pub type Dispatch = Box<dyn Fn(Job) + Send>;

/// How a worker watches the listen socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepting {
    No,
    /// The only acceptor.
    Alone,
    /// One of a pool sharing the socket: `EPOLLEXCLUSIVE`, so a connection wakes one worker.
    Shared,
}

pub struct Worker {
    pub(super) inbox: Arc<Inbox>,
    pub(super) shared: Arc<Shared>,
    pub(super) poll: Poll,
    events: Events,
    pub(super) conns: Slab<Box<Connection>>,
    pub(super) ready: Vec<usize>,
    /// Paused content readers and unconsumed uploads, due to be processed again.
    pub(super) retry: Timers,
    /// Idle timeouts (see `timers.rs` for how entries stay valid).
    deadlines: Timers,
    pub(super) listening: bool,
    pub(super) dispatch: Option<Dispatch>,
    pub(super) accepting: Accepting,
    /// Not accepting because the daemon is at its connection limit.
    pub(super) listen_paused: bool,
    /// The last accept batch was full: more connections may be waiting in the backlog.
    pub(super) accept_backlog: bool,
    /// External mode: fires when a paused content reader is due again, so an application
    /// that only watches descriptors (the fd set, or the one epoll fd) wakes up for it.
    pub(super) retry_timer: Option<TimerFd>,
    pub(super) retry_timer_armed: bool,
}

impl Worker {
    pub fn new(shared: Arc<Shared>, inbox: Arc<Inbox>, accepting: Accepting) -> io::Result<Self> {
        let poll = Poll::new()?;
        poll.registry().register(
            &mut SourceFd(&inbox.wake.as_raw_fd()),
            WAKE,
            Interest::READABLE,
        )?;
        let external = shared.settings.is_external();
        let mut worker = Worker {
            inbox,
            shared,
            poll,
            // A per-connection thread's loop sees at most its socket and its wake-up.
            events: Events::with_capacity(if accepting == Accepting::No { 4 } else { 256 }),
            conns: Slab::new(),
            ready: Vec::new(),
            retry: Timers::default(),
            deadlines: Timers::default(),
            listening: false,
            dispatch: None,
            accepting,
            listen_paused: false,
            accept_backlog: false,
            retry_timer: None,
            retry_timer_armed: false,
        };
        worker.start_listening()?;
        if external {
            let timer = TimerFd::new()?;
            worker.poll.registry().register(
                &mut SourceFd(&timer.as_raw_fd()),
                RETRY_TIMER,
                Interest::READABLE,
            )?;
            worker.retry_timer = Some(timer);
        }
        Ok(worker)
    }

    /// Sends admitted connections to `dispatch` instead of serving them here.
    pub fn set_dispatch(&mut self, dispatch: Dispatch) {
        self.dispatch = Some(dispatch);
    }

    /// The epoll descriptor covering the listen socket, every connection and the wake-up.
    pub fn epoll_fd(&self) -> RawFd {
        self.poll.as_raw_fd()
    }

    pub fn connection_count(&self) -> usize {
        self.conns.len()
    }

    /// Waits up to `timeout` (None = until something happens) and processes what is ready.
    pub fn run(&mut self, timeout: Option<Duration>) -> io::Result<()> {
        let timeout = if self.has_pending_work() {
            Some(Duration::ZERO)
        } else {
            timeout
        };
        match self.poll.poll(&mut self.events, timeout) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
        let mut accept = false;
        for event in self.events.iter() {
            match event.token() {
                LISTEN => accept = true,
                WAKE => self.inbox.wake.drain(),
                RETRY_TIMER => {
                    if let Some(timer) = &self.retry_timer {
                        timer.drain();
                    }
                }
                Token(t) if t & RELAY_BIT != 0 => {
                    let t = t & !RELAY_BIT;
                    if let Some(conn) = self.conns.get(t) {
                        conn.set_relay_ready(
                            event.is_readable() || event.is_read_closed() || event.is_error(),
                            event.is_writable() || event.is_write_closed() || event.is_error(),
                        );
                        self.ready.push(t);
                    }
                }
                Token(t) => {
                    if let Some(conn) = self.conns.get(t) {
                        let readable =
                            event.is_readable() || event.is_read_closed() || event.is_error();
                        let writable =
                            event.is_writable() || event.is_write_closed() || event.is_error();
                        conn.set_ready(readable, writable);
                        self.ready.push(t);
                    }
                }
            }
        }
        if accept {
            self.accept_all();
        }
        self.after_readiness();
        Ok(())
    }

    pub(super) fn after_readiness(&mut self) {
        self.take_inbox();
        self.process_ready();
        if self.accept_backlog && self.listening {
            self.accept_all();
        }
        // No clock read while nothing is timed (no timeouts set, no paused readers).
        if !self.retry.is_empty() || !self.deadlines.is_empty() {
            let now = Instant::now();
            self.run_retries(now);
            self.expire(now);
        }
        self.arm_retry_timer();
    }

    /// Points the retry timer at the earliest paused reader (or disarms it).
    fn arm_retry_timer(&mut self) {
        let Some(timer) = &self.retry_timer else {
            return;
        };
        let earliest = self.retry.earliest();
        if earliest.is_none() && !self.retry_timer_armed {
            return;
        }
        timer.set(earliest.map(|at| at.saturating_duration_since(Instant::now())));
        self.retry_timer_armed = earliest.is_some();
    }

    pub(super) fn has_pending_work(&self) -> bool {
        !self.ready.is_empty() || self.accept_backlog || !self.inbox.is_empty()
    }

    /// How long an external loop may sleep before calling `run` again; None = no limit.
    pub fn timeout(&self) -> Option<Duration> {
        if self.has_pending_work() {
            return Some(Duration::ZERO);
        }
        let earliest = match (self.retry.earliest(), self.deadlines.earliest()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        earliest.map(|at| at.saturating_duration_since(Instant::now()))
    }

    fn take_inbox(&mut self) {
        self.resume_accepting_if_possible();
        let mail = self.inbox.take();
        for t in mail.upgrades_closed {
            let Some(conn) = self.conns.get(t).filter(|c| c.is_upgraded()) else {
                continue;
            };
            if conn.relay_fd().is_some() {
                // What the application wrote before closing still goes to the client.
                conn.set_relay_ready(true, true);
                conn.process();
            }
            self.close(t, Termination::CompletedOk);
        }
        for t in mail.resumed {
            if self.conns.get(t).is_some_and(|c| c.take_resume()) {
                self.ready.push(t);
            }
        }
        for (stream, addr) in mail.added {
            self.add(stream, addr);
        }
    }

    /// Registers an admitted connection with this loop.
    pub(super) fn register(
        &mut self,
        sock: mio::net::TcpStream,
        addr: socket2::SockAddr,
        ip: Option<std::net::IpAddr>,
    ) {
        let _ = sock.set_nodelay(true);
        let transport = match &self.shared.settings.tls {
            None => AnyTransport::Tcp(TcpTransport::new(sock)),
            Some(tls) => match TlsTransport::new(sock, &tls.credentials, tls.alpn) {
                Ok(t) => AnyTransport::Tls(Box::new(t)),
                Err(e) => {
                    self.shared
                        .log(&format!("Failed to set up a TLS session: {e}"));
                    self.shared.release(ip);
                    return;
                }
            },
        };
        let entry = self.conns.vacant_entry();
        let token = entry.key();
        if let Some(fd) = transport.fd() {
            if let Err(e) =
                self.poll
                    .registry()
                    .register(&mut SourceFd(&fd), Token(token), Interest::READABLE)
            {
                self.shared
                    .log(&format!("Failed to register connection: {e}"));
                self.shared.release(ip);
                return;
            }
        }
        let conn = Box::new(Connection::new(
            self.shared.env.clone(),
            transport,
            addr,
            self.inbox.clone(),
            token,
        ));
        let mut ctx = 0;
        self.shared.env.app.connection_event(&conn, &mut ctx, true);
        conn.socket_context().set(ctx);
        entry.insert(conn);
        self.schedule(token);
        self.ready.push(token);
    }

    /// Makes sure the deadline structure holds the connection's current deadline (only
    /// when it is new or earlier than the one held: later ones are found on expiry).
    fn schedule(&mut self, token: usize) {
        let Some(conn) = self.conns.get(token) else {
            return;
        };
        let Some(d) = conn.deadline() else { return };
        if conn.scheduled().map_or(true, |s| d < s) {
            conn.set_scheduled(Some(d));
            self.deadlines.push(d, token);
        }
    }

    pub(super) fn process_ready(&mut self) {
        while let Some(t) = self.ready.pop() {
            let Some(conn) = self.conns.get(t) else {
                continue;
            };
            // A bug must not take the whole loop (or the application's thread) down: the
            // connection it happened on is closed instead.
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| conn.process()))
                .unwrap_or_else(|_| {
                    self.shared
                        .log("Internal error while processing a connection; closing it.");
                    Outcome::Close(Termination::WithError)
                });
            if matches!(outcome, Outcome::Idle | Outcome::RetryAt(_)) {
                self.update_interest(t);
                // The handler may have changed the timeout (MHD_CONNECTION_OPTION_TIMEOUT).
                self.schedule(t);
            }
            match outcome {
                Outcome::Upgraded => self.deregister_upgraded(t),
                Outcome::Idle => {}
                Outcome::RetryAt(at) => self.retry.push(at, t),
                Outcome::Close(why) => self.close(t, why),
            }
        }
    }

    /// Write interest only while a write is blocked: an always-writable socket would wake
    /// the loop for nothing (and an external epoll user with it).
    fn update_interest(&mut self, t: usize) {
        let Some(conn) = self.conns.get(t) else {
            return;
        };
        let wants_write = conn.interest().1;
        if wants_write == conn.watching_write() || conn.fd() < 0 {
            return;
        }
        let interest = if wants_write {
            Interest::READABLE | Interest::WRITABLE
        } else {
            Interest::READABLE
        };
        if self
            .poll
            .registry()
            .reregister(&mut SourceFd(&conn.fd()), Token(t), interest)
            .is_ok()
        {
            conn.set_watching_write(wants_write);
        }
    }

    /// A plain upgraded socket is the application's: stop watching it. Over TLS both the
    /// socket and the relay's socket-pair end are watched, for reading and writing.
    fn deregister_upgraded(&mut self, t: usize) {
        let Some(conn) = self.conns.get(t) else {
            return;
        };
        if conn.is_upgrade_deregistered() || conn.fd() < 0 {
            return;
        }
        conn.set_upgrade_deregistered();
        let registry = self.poll.registry();
        let both = Interest::READABLE | Interest::WRITABLE;
        match conn.relay_fd() {
            None => {
                let _ = registry.deregister(&mut SourceFd(&conn.fd()));
            }
            Some(local) => {
                let _ = registry.reregister(&mut SourceFd(&conn.fd()), Token(t), both);
                let _ = registry.register(&mut SourceFd(&local), Token(t | RELAY_BIT), both);
                // Bytes may already wait on either side.
                self.ready.push(t);
            }
        }
    }

    fn run_retries(&mut self, now: Instant) {
        let mut any = false;
        while let Some((_, t)) = self.retry.pop_due(now) {
            if self.ready.last() != Some(&t) {
                self.ready.push(t);
            }
            any = true;
        }
        if any {
            self.process_ready();
        }
    }

    fn expire(&mut self, now: Instant) {
        let mut expired = Vec::new();
        while let Some((at, t)) = self.deadlines.pop_due(now) {
            let Some(conn) = self.conns.get(t) else {
                continue;
            };
            if conn.scheduled() != Some(at) {
                continue; // superseded by an earlier entry
            }
            conn.set_scheduled(None);
            match conn.deadline() {
                Some(d) if d <= now => expired.push(t),
                Some(_) => self.schedule(t),
                None => {}
            }
        }
        for t in expired {
            self.close(t, Termination::TimeoutReached);
        }
    }

    pub(super) fn close(&mut self, token: usize, why: Termination) {
        let Some(conn) = self.conns.try_remove(token) else {
            return;
        };
        // Closing the socket (below) removes it from epoll: no epoll_ctl needed.
        if conn.client_aware() {
            conn.mark_notified();
            conn.complete_notify(why);
        }
        let mut ctx = conn.socket_context().get();
        self.shared.env.app.connection_event(&conn, &mut ctx, false);
        let ip = conn.peer().as_socket().map(|a| a.ip());
        conn.finish_transport(why);
        drop(conn);
        if self.conns.is_empty() {
            self.deadlines.clear();
            self.retry.clear();
        }
        self.shared.release(ip);
    }

    /// Closes every connection (daemon stop).
    pub fn shutdown(&mut self) {
        let tokens: Vec<usize> = self.conns.iter().map(|(t, _)| t).collect();
        for t in tokens {
            self.close(t, Termination::DaemonShutdown);
        }
    }

    /// Loop of a per-connection thread: runs until its connection is closed or the daemon stops.
    pub(super) fn serve_while_connected(&mut self) {
        while !self.shared.is_shutting_down() && self.connection_count() > 0 {
            let timeout = self.timeout();
            if let Err(e) = self.run(timeout) {
                self.shared.log(&format!("Event loop failed: {e}"));
                break;
            }
        }
    }

    /// Loop of an internal thread: runs until the daemon stops.
    pub fn run_until_stopped(mut self) {
        while !self.shared.is_shutting_down() {
            if self.shared.is_quiesced() && self.listening {
                self.stop_listening();
            }
            let timeout = self.timeout();
            if let Err(e) = self.run(timeout) {
                self.shared.log(&format!("Event loop failed: {e}"));
                break;
            }
        }
        self.shutdown();
    }
}
