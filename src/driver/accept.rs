//! Accepting: watching the listen socket, batches, the connection and per-IP limits, the
//! application's accept policy, and handing connections to per-connection threads.

use std::io::{self, ErrorKind};
use std::os::fd::AsRawFd;

use mio::unix::SourceFd;
use mio::Interest;

use super::worker::{Accepting, Worker, LISTEN};
use super::{OverLimit, Threading};

/// Connections accepted per loop iteration before the loop serves the others.
const ACCEPT_BATCH: usize = 64;

impl Worker {
    /// Watches the listen socket (alone: edge-triggered; in a pool: `EPOLLEXCLUSIVE`).
    pub(super) fn start_listening(&mut self) -> io::Result<()> {
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

    /// At the connection limit (poll/epoll style): stop watching the listen socket until a
    /// connection closes anywhere in the daemon.
    fn pause_accepting(&mut self) {
        self.shared.pause_accepting();
        self.stop_listening();
        self.listen_paused = true;
    }

    pub(super) fn resume_accepting_if_possible(&mut self) {
        if self.listen_paused && !self.shared.is_accept_paused() && !self.shared.is_quiesced() {
            self.listen_paused = false;
            if self.start_listening().is_ok() {
                self.accept_all();
            }
        }
    }

    pub(super) fn accept_all(&mut self) {
        if self.shared.is_quiesced() {
            self.stop_listening();
            return;
        }
        self.accept_backlog = false;
        let backlog_at_limit = self.shared.settings.over_limit == OverLimit::Backlog;
        for _ in 0..ACCEPT_BATCH {
            if backlog_at_limit && self.shared.at_connection_limit() {
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
        let settings = &self.shared.settings;
        let external_select = settings.threading == Threading::External { epoll: false };
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
        if !self.shared.env.app.accept(&addr) {
            return;
        }
        if !self.shared.admit(ip) {
            self.shared
                .log("Server reached connection limit. Closing inbound connection.");
            return;
        }
        // Thread per connection: each gets a loop of its own, so a handler that blocks
        // delays nobody else.
        match &self.dispatch {
            Some(dispatch) => dispatch((sock, addr, ip)),
            None => self.register(sock, addr, ip),
        }
    }
}
