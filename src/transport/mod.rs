//! How a connection's bytes travel. The state machine only ever sees a [`Transport`]: plain
//! TCP ([`tcp`]), TLS on GnuTLS ([`tls`]), which buffers decrypted bytes of its own (hence
//! [`Transport::pending`]), and an in-memory pipe for tests ([`memory`]).

pub mod memory;
pub mod relay;
pub mod tcp;
pub mod tls;

use std::io::{self, IoSlice};
use std::os::fd::RawFd;

pub use memory::{MemoryPeer, MemoryTransport};
pub use tcp::TcpTransport;
pub use tls::TlsTransport;

pub trait Transport: Send {
    /// Reads into `buf`: `Ok(0)` is end of stream, `WouldBlock` means wait for readability.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize>;
    /// Writes from `bufs` in order; never raises SIGPIPE.
    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize>;
    /// Ends the sending direction (TCP: `shutdown(SHUT_WR)`; TLS: `close_notify`).
    fn shutdown(&mut self) -> io::Result<()>;
    /// Bytes readable without waiting for the descriptor (TLS records already decrypted):
    /// the loop must process these even when the socket itself is drained.
    fn pending(&self) -> usize {
        0
    }
    /// A read that returned less than asked for emptied the descriptor, so the next
    /// arrival raises a new readiness edge. Not so for TLS: GnuTLS may hold bytes of the
    /// next record it already took from the socket, and only `WouldBlock` means drained.
    fn short_read_drains(&self) -> bool {
        true
    }
    /// The transport needs the descriptor writable before it can go on (a TLS handshake or
    /// a blocked record), even though the connection itself is not sending.
    fn wants_write(&self) -> bool {
        false
    }
    /// The descriptor the event loop watches; None for transports without one.
    fn fd(&self) -> Option<RawFd>;
    /// Last words before the descriptor closes, never blocking (TLS: close_notify);
    /// `timed_out`: the connection is closed for idling.
    fn finish(&mut self, _timed_out: bool) {}
    /// The TLS session, for transports that have one (connection info for the application).
    fn tls(&self) -> Option<&crate::tls::Session> {
        None
    }
}

/// The transports a connection can have, dispatched statically: no allocation per
/// connection for plain TCP and no virtual call per read or write.
pub enum AnyTransport {
    Tcp(TcpTransport),
    Tls(Box<TlsTransport>),
    Memory(MemoryTransport),
}

macro_rules! each {
    ($self:expr, $t:ident => $e:expr) => {
        match $self {
            AnyTransport::Tcp($t) => $e,
            AnyTransport::Tls($t) => $e,
            AnyTransport::Memory($t) => $e,
        }
    };
}

impl Transport for AnyTransport {
    #[inline]
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        each!(self, t => t.read(buf))
    }
    #[inline]
    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        each!(self, t => t.write_vectored(bufs))
    }
    fn shutdown(&mut self) -> io::Result<()> {
        each!(self, t => t.shutdown())
    }
    #[inline]
    fn pending(&self) -> usize {
        each!(self, t => t.pending())
    }
    #[inline]
    fn short_read_drains(&self) -> bool {
        each!(self, t => t.short_read_drains())
    }
    #[inline]
    fn wants_write(&self) -> bool {
        each!(self, t => t.wants_write())
    }
    fn fd(&self) -> Option<RawFd> {
        each!(self, t => t.fd())
    }
    fn finish(&mut self, timed_out: bool) {
        each!(self, t => t.finish(timed_out))
    }
    fn tls(&self) -> Option<&crate::tls::Session> {
        each!(self, t => t.tls())
    }
}
