//! An upgraded connection over a transport the application cannot use directly (TLS):
//! the application gets one end of a socket pair, as libmicrohttpd gives it, and the
//! relay moves bytes between the other end and the transport (decrypting what the client
//! sends, encrypting what the application writes) until both directions are finished.

use std::io::{self, IoSlice, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;

use super::Transport;

/// Bytes on their way from one side to the other.
#[derive(Default)]
struct Pending {
    buf: Vec<u8>,
    pos: usize,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.pos == self.buf.len()
    }

    fn rest(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    fn advance(&mut self, n: usize) {
        self.pos += n;
        if self.is_empty() {
            self.buf.clear();
            self.pos = 0;
        }
    }
}

/// One read or write at most this large per step: a relay never holds more than this per
/// direction.
const CHUNK: usize = 16 * 1024;

pub struct Relay {
    /// Our end of the pair.
    local: UnixStream,
    /// The application's end: kept so it closes with the relay (after MHD_upgrade_action
    /// CLOSE), as libmicrohttpd closes the socket it handed out.
    app_end: UnixStream,
    to_app: Pending,
    to_peer: Pending,
    peer_eof: bool,
    app_eof: bool,
    local_readable: bool,
    local_writable: bool,
    /// The end of each direction was passed on (FIN to the application, close_notify to
    /// the client).
    app_told: bool,
    peer_told: bool,
}

impl Relay {
    pub fn new() -> io::Result<Relay> {
        let (local, app_end) = UnixStream::pair()?;
        local.set_nonblocking(true)?;
        Ok(Relay {
            local,
            app_end,
            to_app: Pending::default(),
            to_peer: Pending::default(),
            peer_eof: false,
            app_eof: false,
            local_readable: true,
            local_writable: true,
            app_told: false,
            peer_told: false,
        })
    }

    /// The descriptor the application reads and writes.
    pub fn app_fd(&self) -> RawFd {
        self.app_end.as_raw_fd()
    }

    /// The descriptor the event loop watches besides the transport's.
    pub fn local_fd(&self) -> RawFd {
        self.local.as_raw_fd()
    }

    pub fn set_local_ready(&mut self, readable: bool, writable: bool) {
        self.local_readable |= readable;
        self.local_writable |= writable;
    }

    /// Both directions are finished.
    pub fn is_done(&self) -> bool {
        self.peer_eof && self.app_eof && self.to_app.is_empty() && self.to_peer.is_empty()
    }

    /// What to watch: ((peer read, peer write), (local read, local write)).
    pub fn interest(&self, peer: &dyn Transport) -> ((bool, bool), (bool, bool)) {
        let peer_write = !self.to_peer.is_empty() || peer.wants_write();
        let local_write = !self.to_app.is_empty();
        (
            (!self.peer_eof && self.to_app.is_empty(), peer_write),
            (!self.app_eof && self.to_peer.is_empty(), local_write),
        )
    }

    /// Moves bytes both ways as far as both sides allow now. `peer_readable` /
    /// `peer_writable` are the transport's readiness flags, cleared when it would block.
    pub fn pump(
        &mut self,
        peer: &mut dyn Transport,
        peer_readable: &mut bool,
        peer_writable: &mut bool,
    ) {
        loop {
            let mut moved = false;
            // Client → application.
            if self.to_app.is_empty() && !self.peer_eof && (*peer_readable || peer.pending() > 0) {
                let mut chunk = vec![0u8; CHUNK];
                match peer.read(&mut chunk) {
                    Ok(0) => {
                        self.peer_eof = true;
                        moved = true;
                    }
                    Ok(n) => {
                        chunk.truncate(n);
                        self.to_app = Pending { buf: chunk, pos: 0 };
                        moved = true;
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => *peer_readable = false,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => moved = true,
                    Err(_) => {
                        self.peer_eof = true;
                        moved = true;
                    }
                }
            }
            if !self.to_app.is_empty() && self.local_writable {
                match (&self.local).write(self.to_app.rest()) {
                    Ok(n) => {
                        self.to_app.advance(n);
                        moved = true;
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => self.local_writable = false,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => moved = true,
                    Err(_) => {
                        // The application closed its end: nobody reads any more.
                        self.to_app = Pending::default();
                        self.peer_eof = true;
                        self.app_eof = true;
                        moved = true;
                    }
                }
            }
            if self.peer_eof && self.to_app.is_empty() && !self.app_told {
                self.app_told = true;
                let _ = self.local.shutdown(std::net::Shutdown::Write);
            }
            // Application → client.
            if self.to_peer.is_empty() && !self.app_eof && self.local_readable {
                let mut chunk = vec![0u8; CHUNK];
                match (&self.local).read(&mut chunk) {
                    Ok(0) => {
                        self.app_eof = true;
                        moved = true;
                    }
                    Ok(n) => {
                        chunk.truncate(n);
                        self.to_peer = Pending { buf: chunk, pos: 0 };
                        moved = true;
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => self.local_readable = false,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => moved = true,
                    Err(_) => {
                        self.app_eof = true;
                        moved = true;
                    }
                }
            }
            if !self.to_peer.is_empty() && (*peer_writable || peer.wants_write()) {
                match peer.write_vectored(&[IoSlice::new(self.to_peer.rest())]) {
                    Ok(n) => {
                        self.to_peer.advance(n);
                        moved = true;
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => *peer_writable = false,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => moved = true,
                    Err(_) => {
                        self.to_peer = Pending::default();
                        self.app_eof = true;
                        self.peer_eof = true;
                        moved = true;
                    }
                }
            }
            if self.app_eof && self.to_peer.is_empty() && !self.peer_told {
                // The application shut its side down: tell the client (TLS close_notify).
                self.peer_told = true;
                let _ = peer.shutdown();
            }
            if !moved {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::memory;

    #[test]
    fn relays_both_ways_and_ends_when_both_sides_close() {
        let (mut peer, client) = memory::pair();
        let mut relay = Relay::new().unwrap();
        let mut app = relay.app_end.try_clone().unwrap();
        app.set_nonblocking(true).unwrap();
        let (mut r, mut w) = (true, true);
        client.send(b"ping from client");
        relay.pump(&mut peer, &mut r, &mut w);
        let mut got = [0u8; 64];
        let n = app.read(&mut got).unwrap();
        assert_eq!(&got[..n], b"ping from client");
        app.write_all(b"pong from app").unwrap();
        relay.set_local_ready(true, true);
        relay.pump(&mut peer, &mut r, &mut w);
        assert_eq!(client.received(), b"pong from app");
        assert!(!relay.is_done());
        // The client leaves: the application reads end of stream.
        client.close();
        r = true;
        relay.pump(&mut peer, &mut r, &mut w);
        assert_eq!(app.read(&mut got).unwrap(), 0);
        // The application leaves too: the relay is finished and the client is told.
        app.shutdown(std::net::Shutdown::Write).unwrap();
        relay.set_local_ready(true, true);
        relay.pump(&mut peer, &mut r, &mut w);
        assert!(relay.is_done());
        assert!(client.is_shut());
    }
}
