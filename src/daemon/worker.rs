//! One event loop: a poller, the connections it owns, and the work queued for it.
//! External mode has one worker driven by `MHD_run`; internal modes run workers on threads.

use std::io::{self, ErrorKind};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token};

use super::config::{flag, Threading};
use super::shared::{Inbox, Shared};
use crate::app::Termination;
use crate::connection::{Connection, Outcome};
use crate::sys::timerfd::TimerFd;

const LISTEN: Token = Token(usize::MAX - 1);
const WAKE: Token = Token(usize::MAX - 2);
const RETRY_TIMER: Token = Token(usize::MAX - 3);

/// Connections accepted per loop iteration before the loop serves the others.
const ACCEPT_BATCH: usize = 64;

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
    inbox: Arc<Inbox>,
    shared: Arc<Shared>,
    poll: Poll,
    events: Events,
    conns: Vec<Option<Box<Connection>>>,
    free: Vec<usize>,
    ready: Vec<usize>,
    retry: Vec<(Instant, usize)>,
    next_scan: Option<Instant>,
    listening: bool,
    /// Created to accept (even if it stopped listening since): per-connection-thread mode
    /// spawns threads from such a worker only.
    listening_role: bool,
    accepting: Accepting,
    /// Not accepting because the daemon is at its connection limit.
    listen_paused: bool,
    /// The last accept batch was full: more connections may be waiting in the backlog.
    accept_backlog: bool,
    /// External mode: fires when a paused content reader is due again, so an application
    /// that only watches descriptors (the fd set, or the one epoll fd) wakes up for it.
    retry_timer: Option<TimerFd>,
    retry_timer_armed: bool,
}

impl Worker {
    pub fn new(shared: Arc<Shared>, inbox: Arc<Inbox>, accepting: Accepting) -> io::Result<Self> {
        let poll = Poll::new()?;
        poll.registry().register(
            &mut SourceFd(&inbox.wake.as_raw_fd()),
            WAKE,
            Interest::READABLE,
        )?;
        Worker {
            inbox,
            shared,
            poll,
            // A per-connection thread's loop sees at most its socket and its wake-up.
            events: Events::with_capacity(if accepting == Accepting::No { 4 } else { 256 }),
            conns: Vec::new(),
            free: Vec::new(),
            ready: Vec::new(),
            retry: Vec::new(),
            next_scan: None,
            listening: false,
            listening_role: accepting != Accepting::No,
            accepting,
            listen_paused: false,
            accept_backlog: false,
            retry_timer: None,
            retry_timer_armed: false,
        }
        .with_listener()
    }

    fn with_listener(mut self) -> io::Result<Self> {
        self.start_listening()?;
        if self.shared.config.threading() == Threading::External {
            let timer = TimerFd::new()?;
            self.poll.registry().register(
                &mut SourceFd(&timer.as_raw_fd()),
                RETRY_TIMER,
                Interest::READABLE,
            )?;
            self.retry_timer = Some(timer);
        }
        Ok(self)
    }

    /// Watches the listen socket (alone: edge-triggered; in a pool: `EPOLLEXCLUSIVE`).
    fn start_listening(&mut self) -> io::Result<()> {
        let Some(listener) = self.shared.listener.as_ref() else {
            return Ok(());
        };
        if self.listening {
            return Ok(());
        }
        match self.accepting {
            Accepting::No => return Ok(()),
            Accepting::Alone => self.poll.registry().register(
                &mut SourceFd(&listener.as_raw_fd()),
                LISTEN,
                Interest::READABLE,
            )?,
            Accepting::Shared => crate::sys::epoll::add_exclusive(
                self.poll.as_raw_fd(),
                listener.as_raw_fd(),
                LISTEN.0 as u64,
            )?,
        }
        self.listening = true;
        Ok(())
    }

    /// Select-style daemons accept a connection beyond the limit and close it at once (and
    /// log); poll/epoll-style and thread-per-connection ones leave it in the kernel's
    /// backlog until a slot frees up. Both as libmicrohttpd does.
    fn select_style(&self) -> bool {
        let config = &self.shared.config;
        config.flags & (flag::USE_POLL | flag::USE_EPOLL | flag::USE_AUTO) == 0
            && config.threading() != Threading::PerConnection
    }

    /// At the connection limit (poll/epoll style): stop watching the listen socket until a
    /// connection closes anywhere in the daemon.
    fn pause_accepting(&mut self) {
        self.shared.pause_accepting();
        self.stop_listening();
        self.listen_paused = true;
    }

    fn resume_accepting_if_possible(&mut self) {
        if self.listen_paused && !self.shared.is_accept_paused() && !self.shared.is_quiesced() {
            self.listen_paused = false;
            if self.start_listening().is_ok() {
                self.accept_all();
            }
        }
    }

    /// The epoll descriptor covering the listen socket, every connection and the wake-up.
    pub fn epoll_fd(&self) -> RawFd {
        self.poll.as_raw_fd()
    }

    pub fn connection_count(&self) -> usize {
        self.conns.len() - self.free.len()
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
                Token(t) => {
                    if let Some(Some(conn)) = self.conns.get(t) {
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

    /// Processes readiness an external `select` reported (`ready(fd)` → (read, write)).
    pub fn run_with(&mut self, ready: impl Fn(RawFd) -> (bool, bool)) {
        if let Some(listener) = self.shared.listener.as_ref().filter(|_| self.listening) {
            if ready(listener.as_raw_fd()).0 {
                self.accept_all();
            }
        }
        if ready(self.inbox.wake.as_raw_fd()).0 {
            self.inbox.wake.drain();
        }
        if let Some(timer) = self.retry_timer.as_ref().filter(|t| ready(t.as_raw_fd()).0) {
            timer.drain();
        }
        for (t, slot) in self.conns.iter().enumerate() {
            if let Some(conn) = slot {
                let (r, w) = ready(conn.fd());
                if r || w {
                    conn.set_ready(r, w);
                    self.ready.push(t);
                }
            }
        }
        self.after_readiness();
    }

    fn after_readiness(&mut self) {
        self.take_inbox();
        self.process_ready();
        if self.accept_backlog && self.listening {
            self.accept_all();
        }
        let now = Instant::now();
        self.run_retries(now);
        self.expire(now);
        self.arm_retry_timer(now);
    }

    /// Points the retry timer at the earliest paused reader (or disarms it).
    fn arm_retry_timer(&mut self, now: Instant) {
        let Some(timer) = &self.retry_timer else {
            return;
        };
        let earliest = self.retry.iter().map(|(at, _)| *at).min();
        if earliest.is_none() && !self.retry_timer_armed {
            return;
        }
        timer.set(earliest.map(|at| at.saturating_duration_since(now)));
        self.retry_timer_armed = earliest.is_some();
    }

    fn has_pending_work(&self) -> bool {
        if !self.ready.is_empty() || self.accept_backlog {
            return true;
        }
        let inbox = &self.inbox;
        !lock(&inbox.resumed).is_empty()
            || !lock(&inbox.added).is_empty()
            || !lock(&inbox.upgrades_closed).is_empty()
    }

    /// How long an external loop may sleep before calling `run` again; None = no limit.
    pub fn timeout(&self) -> Option<Duration> {
        if self.has_pending_work() {
            return Some(Duration::ZERO);
        }
        // `next_scan` is never later than the earliest connection deadline (it may be earlier:
        // activity only postpones deadlines, and `expire` then recomputes it), so this is
        // O(1) in the number of connections.
        let retry = self.retry.iter().map(|(at, _)| *at).min();
        let earliest = match (retry, self.next_scan) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        earliest.map(|at| at.saturating_duration_since(Instant::now()))
    }

    /// Calls `f(fd, read, write)` for every descriptor an external `select` should watch.
    pub fn for_each_fd(&self, mut f: impl FnMut(RawFd, bool, bool)) {
        // The listen socket is watched even at the connection limit: connections beyond it
        // are accepted and closed at once (and logged), as libmicrohttpd does.
        if let Some(listener) = self.shared.listener.as_ref().filter(|_| self.listening) {
            f(listener.as_raw_fd(), true, false);
        }
        if self.shared.config.uses_itc() {
            f(self.inbox.wake.as_raw_fd(), true, false);
        }
        if let Some(timer) = self.retry_timer.as_ref().filter(|_| self.retry_timer_armed) {
            f(timer.as_raw_fd(), true, false);
        }
        for conn in self.conns.iter().flatten() {
            let (r, w) = conn.interest();
            if r || w {
                f(conn.fd(), r, w);
            }
        }
    }

    /// Stops accepting (MHD_quiesce_daemon).
    pub fn stop_listening(&mut self) {
        if let (Some(listener), true) = (self.shared.listener.as_ref(), self.listening) {
            let _ = self
                .poll
                .registry()
                .deregister(&mut SourceFd(&listener.as_raw_fd()));
            self.listening = false;
        }
    }

    fn take_inbox(&mut self) {
        self.resume_accepting_if_possible();
        let inbox = self.inbox.clone();
        let resumed = std::mem::take(&mut *lock(&inbox.resumed));
        let upgrades_closed = std::mem::take(&mut *lock(&inbox.upgrades_closed));
        for t in upgrades_closed {
            if self
                .conns
                .get(t)
                .and_then(Option::as_ref)
                .is_some_and(|c| c.is_upgraded())
            {
                self.close(t, Termination::CompletedOk);
            }
        }
        let added = std::mem::take(&mut *lock(&inbox.added));
        for t in resumed {
            if let Some(Some(conn)) = self.conns.get(t) {
                if conn.take_resume() {
                    self.ready.push(t);
                }
            }
        }
        for (stream, addr) in added {
            self.add(stream, addr);
        }
    }

    fn accept_all(&mut self) {
        if self.shared.is_quiesced() {
            self.stop_listening();
            return;
        }
        self.accept_backlog = false;
        for _ in 0..ACCEPT_BATCH {
            if !self.select_style() && self.shared.at_connection_limit() {
                self.pause_accepting();
                return;
            }
            let Some(listener) = self.shared.listener.as_ref() else {
                return;
            };
            match listener.accept() {
                Ok((stream, addr)) => self.add(stream, addr.into()),
                Err(e) if e.kind() == ErrorKind::ConnectionAborted => {}
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) => {
                    // EMFILE and friends: report, and let the next readiness retry.
                    self.shared.log(&format!("Error accepting connection: {e}"));
                    return;
                }
            }
        }
        // More may be waiting: serve the connections we have first, then accept again
        // (keeps tail latency low when a thousand clients connect at once).
        self.accept_backlog = true;
    }

    /// Takes ownership of an accepted (or application-supplied) socket.
    pub fn add(&mut self, sock: mio::net::TcpStream, addr: socket2::SockAddr) {
        let config = &self.shared.config;
        let external_select =
            config.threading() == Threading::External && !config.has(flag::USE_EPOLL);
        let setsize = self
            .shared
            .fd_setsize
            .load(std::sync::atomic::Ordering::Relaxed);
        if external_select && sock.as_raw_fd() as usize >= setsize {
            self.shared
                .log("Socket descriptor larger than FD_SETSIZE: refusing connection.");
            return;
        }
        let ip = addr.as_socket().map(|a| a.ip());
        if !self.shared.app.accept(&addr) {
            return;
        }
        if !self.shared.admit(ip) {
            self.shared
                .log("Server reached connection limit. Closing inbound connection.");
            return;
        }
        if self.spawns_connection_threads() {
            super::connection_threads::ConnectionThreads::dispatch(&self.shared, (sock, addr, ip));
            return;
        }
        self.register(sock, addr, ip);
    }

    /// `MHD_USE_THREAD_PER_CONNECTION`: the accepting loop hands each connection to a thread
    /// running a loop of its own, so a handler that blocks delays nobody else.
    fn spawns_connection_threads(&self) -> bool {
        self.listening_role && self.shared.config.threading() == Threading::PerConnection
    }

    /// Registers an admitted connection with this loop.
    pub(super) fn register(
        &mut self,
        mut sock: mio::net::TcpStream,
        addr: socket2::SockAddr,
        ip: Option<std::net::IpAddr>,
    ) {
        let _ = sock.set_nodelay(true);
        let token = self.free.pop().unwrap_or_else(|| {
            self.conns.push(None);
            self.conns.len() - 1
        });
        if let Err(e) = self
            .poll
            .registry()
            .register(&mut sock, Token(token), Interest::READABLE)
        {
            self.shared
                .log(&format!("Failed to register connection: {e}"));
            self.free.push(token);
            self.shared.release(ip);
            return;
        }
        let conn = Box::new(Connection::new(
            self.shared.clone(),
            token,
            self.inbox.clone(),
            sock,
            addr,
        ));
        if let Some(d) = conn.deadline() {
            self.next_scan = Some(self.next_scan.map_or(d, |s| s.min(d)));
        }
        let mut ctx = 0;
        self.shared.app.connection_event(&conn, &mut ctx, true);
        conn.socket_context().set(ctx);
        self.conns[token] = Some(conn);
        self.ready.push(token);
    }

    fn process_ready(&mut self) {
        while let Some(t) = self.ready.pop() {
            let Some(Some(conn)) = self.conns.get(t) else {
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
                // The handler may have changed the timeout (MHD_CONNECTION_OPTION_TIMEOUT).
                if let Some(d) = conn.deadline() {
                    self.next_scan = Some(self.next_scan.map_or(d, |s| s.min(d)));
                }
                // Write interest only while a write is blocked: an always-writable socket would
                // wake the loop for nothing (and an external epoll user with it).
                let wants_write = conn.interest().1;
                if wants_write != conn.watching_write() {
                    let interest = if wants_write {
                        Interest::READABLE | Interest::WRITABLE
                    } else {
                        Interest::READABLE
                    };
                    let conn = self.conns[t].as_mut().expect("present above");
                    if self
                        .poll
                        .registry()
                        .reregister(&mut conn.sock, Token(t), interest)
                        .is_ok()
                    {
                        conn.set_watching_write(wants_write);
                    }
                }
            }
            match outcome {
                Outcome::Upgraded => {
                    if let Some(conn) = self.conns[t].as_mut() {
                        if !conn.is_upgrade_deregistered() {
                            let _ = self.poll.registry().deregister(&mut conn.sock);
                            conn.set_upgrade_deregistered();
                        }
                    }
                }
                Outcome::Idle => {}
                Outcome::RetryAt(at) => self.retry.push((at, t)),
                Outcome::Close(why) => self.close(t, why),
            }
        }
    }

    fn run_retries(&mut self, now: Instant) {
        if self.retry.is_empty() {
            return;
        }
        let mut due = Vec::new();
        self.retry.retain(|(at, t)| {
            if *at <= now {
                due.push(*t);
                false
            } else {
                true
            }
        });
        due.dedup();
        self.ready.extend(due);
        self.process_ready();
    }

    fn expire(&mut self, now: Instant) {
        match self.next_scan {
            Some(at) if at <= now => {}
            _ => return,
        }
        self.next_scan = None;
        let mut expired = Vec::new();
        for (t, conn) in self.conns.iter().enumerate() {
            let Some(conn) = conn else { continue };
            match conn.deadline() {
                Some(d) if d <= now => expired.push(t),
                Some(d) => self.next_scan = Some(self.next_scan.map_or(d, |s| s.min(d))),
                None => {}
            }
        }
        for t in expired {
            self.close(t, Termination::TimeoutReached);
        }
    }

    fn close(&mut self, token: usize, why: Termination) {
        let Some(conn) = self.conns.get_mut(token).and_then(Option::take) else {
            return;
        };
        // Closing the socket (below) removes it from epoll: no epoll_ctl needed.
        self.free.push(token);
        self.retry.retain(|(_, t)| *t != token);
        if conn.client_aware() {
            conn.mark_notified();
            conn.complete_notify(why);
        }
        let mut ctx = conn.socket_context().get();
        self.shared.app.connection_event(&conn, &mut ctx, false);
        let ip = conn.peer().as_socket().map(|a| a.ip());
        drop(conn);
        if self.connection_count() == 0 {
            self.next_scan = None;
        }
        self.shared.release(ip);
    }

    /// Closes every connection (daemon stop).
    pub fn shutdown(&mut self) {
        for t in 0..self.conns.len() {
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

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
