//! A loop's mailbox: what other threads ask of one event loop (resume a connection, close
//! an upgraded one, take an application-supplied socket) and the eventfd that wakes it.
//! A plain value at the bottom of the house: connections hold one to ask for their own
//! resume, the driver drains it, neither needs to know the other.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::sys::eventfd::EventFd;

/// Cross-thread requests for one loop, and the descriptor that wakes it.
pub struct Inbox {
    pub wake: EventFd,
    resumed: Mutex<Vec<usize>>,
    added: Mutex<Vec<(mio::net::TcpStream, socket2::SockAddr)>>,
    /// Upgraded connections the application is done with.
    upgrades_closed: Mutex<Vec<usize>>,
    /// Set after every push, cleared by `take`: the loop's per-iteration check is one atomic
    /// load instead of three locks. A push racing a take leaves it set, so nothing is lost
    /// (the next take finds the item or an empty list).
    has_mail: AtomicBool,
}

/// What an inbox held when the loop took it.
#[derive(Default)]
pub struct Mail {
    pub resumed: Vec<usize>,
    pub added: Vec<(mio::net::TcpStream, socket2::SockAddr)>,
    pub upgrades_closed: Vec<usize>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Plain pushes and takes: a panic elsewhere cannot leave the lists inconsistent.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Inbox {
    pub fn new() -> std::io::Result<Arc<Inbox>> {
        Ok(Arc::new(Inbox {
            wake: EventFd::new()?,
            resumed: Mutex::new(Vec::new()),
            added: Mutex::new(Vec::new()),
            upgrades_closed: Mutex::new(Vec::new()),
            has_mail: AtomicBool::new(false),
        }))
    }

    /// Queues a resumed connection (by token) and wakes the loop.
    pub fn resume(&self, token: usize) {
        lock(&self.resumed).push(token);
        self.posted();
    }

    /// Queues an upgraded connection for closing and wakes the loop.
    pub fn close_upgraded(&self, token: usize) {
        lock(&self.upgrades_closed).push(token);
        self.posted();
    }

    /// Hands the loop a socket to serve (`MHD_add_connection`) and wakes it.
    pub fn add(&self, stream: mio::net::TcpStream, addr: socket2::SockAddr) {
        lock(&self.added).push((stream, addr));
        self.posted();
    }

    fn posted(&self) {
        self.has_mail.store(true, Ordering::Release);
        self.wake.wake();
    }

    pub fn is_empty(&self) -> bool {
        !self.has_mail.load(Ordering::Acquire)
    }

    /// Takes everything queued so far.
    pub fn take(&self) -> Mail {
        if !self.has_mail.swap(false, Ordering::AcqRel) {
            return Mail::default();
        }
        Mail {
            resumed: std::mem::take(&mut *lock(&self.resumed)),
            added: std::mem::take(&mut *lock(&self.added)),
            upgrades_closed: std::mem::take(&mut *lock(&self.upgrades_closed)),
        }
    }
}
