//! The external-loop adapter: what an application's own `select` (or GLib watch) loop
//! sees of a worker — the descriptors to watch, and readiness it reports back.

use std::os::fd::{AsRawFd, RawFd};

use super::worker::Worker;

impl Worker {
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
        for (t, conn) in self.conns.iter() {
            let (r, w) = ready(conn.fd());
            // Only upgraded TLS connections have a relay (a Cell read for the others).
            let relay = if conn.is_upgrade_deregistered() {
                conn.relay_fd().map_or((false, false), &ready)
            } else {
                (false, false)
            };
            if relay.0 || relay.1 {
                conn.set_relay_ready(relay.0, relay.1);
            }
            if r || w {
                conn.set_ready(r, w);
            }
            if r || w || relay.0 || relay.1 {
                self.ready.push(t);
            }
        }
        self.after_readiness();
    }

    /// Calls `f(fd, read, write)` for every descriptor an external `select` should watch.
    pub fn for_each_fd(&self, mut f: impl FnMut(RawFd, bool, bool)) {
        // The listen socket is watched even at the connection limit: connections beyond it
        // are accepted and closed at once (and logged), as libmicrohttpd does.
        if let Some(listener) = self.shared.listener.as_ref().filter(|_| self.listening) {
            f(listener.as_raw_fd(), true, false);
        }
        if self.shared.settings.wake_fd_in_fdset {
            f(self.inbox.wake.as_raw_fd(), true, false);
        }
        if let Some(timer) = self.retry_timer.as_ref().filter(|_| self.retry_timer_armed) {
            f(timer.as_raw_fd(), true, false);
        }
        for (_, conn) in self.conns.iter() {
            if conn.is_upgrade_deregistered() {
                if let (Some(local), Some((peer, pair))) = (conn.relay_fd(), conn.relay_interest())
                {
                    f(conn.fd(), peer.0, peer.1);
                    f(local, pair.0, pair.1);
                }
                continue;
            }
            let (r, w) = conn.interest();
            if (r || w) && conn.fd() >= 0 {
                f(conn.fd(), r, w);
            }
        }
    }
}
