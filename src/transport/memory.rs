//! An in-memory transport: the connection on one side, a test (or any embedding without a
//! socket) on the other. What the peer writes the connection reads; `WouldBlock` stands
//! for "nothing yet", as a non-blocking socket would answer.

use std::collections::VecDeque;
use std::io::{self, IoSlice};
use std::os::fd::RawFd;
use std::sync::{Arc, Mutex, MutexGuard};

use super::Transport;

#[derive(Default)]
struct Pipe {
    to_server: VecDeque<u8>,
    to_client: Vec<u8>,
    client_closed: bool,
    server_shut: bool,
    /// At most this many bytes per write (None: all), to exercise partial writes.
    write_limit: Option<usize>,
}

/// The connection's end.
pub struct MemoryTransport {
    pipe: Arc<Mutex<Pipe>>,
}

/// The client's end.
#[derive(Clone)]
pub struct MemoryPeer {
    pipe: Arc<Mutex<Pipe>>,
}

fn lock(pipe: &Mutex<Pipe>) -> MutexGuard<'_, Pipe> {
    pipe.lock().unwrap_or_else(|e| e.into_inner())
}

/// A connected pair.
pub fn pair() -> (MemoryTransport, MemoryPeer) {
    let pipe = Arc::new(Mutex::new(Pipe::default()));
    (MemoryTransport { pipe: pipe.clone() }, MemoryPeer { pipe })
}

impl MemoryPeer {
    pub fn send(&self, bytes: &[u8]) {
        lock(&self.pipe).to_server.extend(bytes);
    }

    /// Everything the connection wrote since the last call.
    pub fn received(&self) -> Vec<u8> {
        std::mem::take(&mut lock(&self.pipe).to_client)
    }

    /// The client closes its end: the connection reads end of stream after the data.
    pub fn close(&self) {
        lock(&self.pipe).client_closed = true;
    }

    /// Whether the connection shut its sending side down.
    pub fn is_shut(&self) -> bool {
        lock(&self.pipe).server_shut
    }

    /// Lets each write of the connection take at most `n` bytes (`None`: unlimited).
    pub fn limit_writes(&self, n: Option<usize>) {
        lock(&self.pipe).write_limit = n;
    }
}

impl Transport for MemoryTransport {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut pipe = lock(&self.pipe);
        if pipe.to_server.is_empty() {
            return if pipe.client_closed {
                Ok(0)
            } else {
                Err(io::ErrorKind::WouldBlock.into())
            };
        }
        let n = buf.len().min(pipe.to_server.len());
        for (dst, src) in buf.iter_mut().zip(pipe.to_server.drain(..n)) {
            *dst = src;
        }
        Ok(n)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        let mut pipe = lock(&self.pipe);
        if pipe.client_closed {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        let mut room = pipe.write_limit.unwrap_or(usize::MAX);
        if room == 0 {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let mut written = 0;
        for b in bufs {
            let n = b.len().min(room);
            pipe.to_client.extend_from_slice(&b[..n]);
            written += n;
            room -= n;
            if room == 0 {
                break;
            }
        }
        Ok(written)
    }

    fn shutdown(&mut self) -> io::Result<()> {
        lock(&self.pipe).server_shut = true;
        Ok(())
    }

    fn fd(&self) -> Option<RawFd> {
        None
    }
}
