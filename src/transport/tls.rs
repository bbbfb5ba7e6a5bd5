//! TLS over TCP: a GnuTLS session on the connection's socket. The handshake runs inside
//! the first reads and writes (both answer `WouldBlock` until it is done), decrypted bytes
//! GnuTLS buffered are reported by `pending`, and the goodbye is a close_notify.

use std::io::{self, IoSlice};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Arc;

use mio::net::TcpStream;

use super::Transport;
use crate::tls::{Credentials, Session};

/// libmicrohttpd's log line for any failed handshake.
pub const HANDSHAKE_FAILED: &str = "Error: received handshake message out of context.";

pub struct TlsTransport {
    // Declared first: the session is deinitialised before the socket it uses is closed.
    session: Session,
    sock: TcpStream,
    /// The handshake failed: the peer gets a bare TCP close, no alert (as libmicrohttpd).
    failed: bool,
}

impl TlsTransport {
    pub fn new(sock: TcpStream, creds: &Arc<Credentials>, alpn: bool) -> io::Result<Self> {
        let session = Session::server(creds, sock.as_raw_fd(), alpn).map_err(io::Error::from)?;
        Ok(TlsTransport {
            session,
            sock,
            failed: false,
        })
    }

    fn note(&mut self, result: io::Result<usize>) -> io::Result<usize> {
        if let Err(e) = &result {
            if e.kind() == io::ErrorKind::InvalidData && !self.session.is_established() {
                self.failed = true;
                return Err(io::Error::new(io::ErrorKind::InvalidData, HANDSHAKE_FAILED));
            }
        }
        result
    }
}

impl Transport for TlsTransport {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let result = self.session.read(buf);
        self.note(result)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        let result = self.session.write_vectored(bufs);
        self.note(result)
    }

    fn shutdown(&mut self) -> io::Result<()> {
        self.session.shutdown()
    }

    fn short_read_drains(&self) -> bool {
        false
    }

    fn pending(&self) -> usize {
        self.session.pending()
    }

    fn wants_write(&self) -> bool {
        self.session.wants_write()
    }

    fn fd(&self) -> Option<RawFd> {
        Some(self.sock.as_raw_fd())
    }

    fn finish(&mut self, timed_out: bool) {
        // Best effort, never waiting: the descriptor closes right after.
        if !self.failed {
            if self.session.is_established() {
                let _ = self.session.shutdown();
            } else if timed_out {
                // libmicrohttpd alerts a handshake that timed out, not one cut by a stop.
                self.session.abandon_handshake();
            }
            return;
        }
        // A failed handshake: drop what the peer already sent (a plain HTTP request, say),
        // so closing is a clean FIN, not a reset, as with libmicrohttpd.
        use std::io::Read;
        let mut sink = [0u8; 4096];
        for _ in 0..16 {
            match self.sock.read(&mut sink) {
                Ok(n) if n > 0 => {}
                _ => break,
            }
        }
    }

    fn tls(&self) -> Option<&Session> {
        Some(&self.session)
    }
}
