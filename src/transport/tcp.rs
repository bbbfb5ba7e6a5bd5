//! Plain TCP: a non-blocking socket, every write through `sendmsg(MSG_NOSIGNAL)`.

use std::io::{self, IoSlice, Read, Write};
use std::net::Shutdown;
use std::os::fd::{AsRawFd, RawFd};

use mio::net::TcpStream;

use super::Transport;

pub struct TcpTransport {
    sock: TcpStream,
}

impl TcpTransport {
    pub fn new(sock: TcpStream) -> Self {
        TcpTransport { sock }
    }
}

impl Transport for TcpTransport {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.sock.read(buf)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        match bufs {
            // std's `write` on a socket is `send(MSG_NOSIGNAL)` already.
            [one] => self.sock.write(one),
            _ => crate::sys::send::send_vectored(self.sock.as_raw_fd(), bufs),
        }
    }

    fn shutdown(&mut self) -> io::Result<()> {
        self.sock.shutdown(Shutdown::Write)
    }

    fn fd(&self) -> Option<RawFd> {
        Some(self.sock.as_raw_fd())
    }
}
