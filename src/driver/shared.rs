//! State every loop thread and every API caller of one daemon shares: the environment its
//! connections are given, the listen socket, the loops' mailboxes and the admission limits.

use std::collections::HashMap;
use std::net::IpAddr;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use mio::net::TcpListener;

use super::Settings;
use crate::connection::Env;
use crate::wake::Inbox;

pub struct Shared {
    pub env: Arc<Env>,
    pub settings: Settings,
    pub listener: Option<TcpListener>,
    /// The loop workers' inboxes (one, or one per pool thread).
    pub inboxes: Vec<Arc<Inbox>>,
    pub current_connections: AtomicUsize,
    quiesced: AtomicBool,
    /// Some worker stopped accepting at the connection limit.
    accept_paused: AtomicBool,
    per_ip: Mutex<HashMap<IpAddr, u32>>,
    /// Largest fd+1 an external `select` caller can watch (from `MHD_get_fdset2`).
    pub fd_setsize: AtomicUsize,
}

impl Drop for Shared {
    fn drop(&mut self) {
        // After MHD_quiesce_daemon the listen socket belongs to the application.
        if self.is_quiesced() {
            if let Some(listener) = self.listener.take() {
                let _ = std::os::fd::IntoRawFd::into_raw_fd(listener);
            }
        }
    }
}

impl Shared {
    pub fn new(
        env: Arc<Env>,
        settings: Settings,
        listener: Option<TcpListener>,
    ) -> std::io::Result<Self> {
        let inboxes = (0..settings.loops())
            .map(|_| Inbox::new())
            .collect::<std::io::Result<Vec<_>>>()?;
        let fd_setsize = settings.fd_setsize.unwrap_or(libc::FD_SETSIZE);
        Ok(Shared {
            env,
            settings,
            listener,
            inboxes,
            current_connections: AtomicUsize::new(0),
            quiesced: AtomicBool::new(false),
            accept_paused: AtomicBool::new(false),
            per_ip: Mutex::new(HashMap::new()),
            fd_setsize: AtomicUsize::new(fd_setsize),
        })
    }

    pub fn log(&self, msg: &str) {
        self.env.log(msg);
    }

    /// Hands an application-supplied socket (`MHD_add_connection`) to a worker.
    pub fn queue_connection(&self, stream: std::net::TcpStream, addr: socket2::SockAddr) {
        if stream.set_nonblocking(true).is_err() {
            return;
        }
        let stream = mio::net::TcpStream::from_std(stream);
        let worker = stream.as_raw_fd() as usize % self.inboxes.len().max(1);
        if let Some(inbox) = self.inboxes.get(worker) {
            inbox.add(stream, addr);
        }
    }

    pub fn wake_all(&self) {
        for inbox in &self.inboxes {
            inbox.wake.wake();
        }
    }

    pub fn is_shutting_down(&self) -> bool {
        self.env.is_shutting_down()
    }

    pub fn begin_shutdown(&self) {
        self.env.begin_shutdown();
        self.wake_all();
    }

    pub fn at_connection_limit(&self) -> bool {
        self.current_connections.load(Ordering::Acquire) >= self.settings.connection_limit
    }

    pub fn pause_accepting(&self) {
        self.accept_paused.store(true, Ordering::Release);
        // A connection may have closed between the check and the store.
        if !self.at_connection_limit() {
            self.accept_paused.store(false, Ordering::Release);
        }
    }

    pub fn is_accept_paused(&self) -> bool {
        self.accept_paused.load(Ordering::Acquire)
    }

    pub fn is_quiesced(&self) -> bool {
        self.quiesced.load(Ordering::Acquire)
    }

    pub fn quiesce(&self) {
        self.quiesced.store(true, Ordering::Release);
        self.wake_all();
    }

    /// Counts a new connection against the global and per-IP limits; false = refuse it.
    pub fn admit(&self, ip: Option<IpAddr>) -> bool {
        let limit = self.settings.connection_limit;
        if self.current_connections.fetch_add(1, Ordering::AcqRel) >= limit {
            self.current_connections.fetch_sub(1, Ordering::AcqRel);
            return false;
        }
        if let (Some(ip), true) = (ip, self.settings.per_ip_limit > 0) {
            let mut map = self.per_ip.lock().unwrap_or_else(|e| e.into_inner());
            let count = map.entry(ip).or_insert(0);
            if *count >= self.settings.per_ip_limit {
                drop(map);
                self.current_connections.fetch_sub(1, Ordering::AcqRel);
                return false;
            }
            *count += 1;
        }
        true
    }

    pub fn release(&self, ip: Option<IpAddr>) {
        self.current_connections.fetch_sub(1, Ordering::AcqRel);
        if self.accept_paused.swap(false, Ordering::AcqRel) {
            // A slot freed up: the workers that stopped accepting watch the socket again.
            self.wake_all();
        }
        if let (Some(ip), true) = (ip, self.settings.per_ip_limit > 0) {
            let mut map = self.per_ip.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(count) = map.get_mut(&ip) {
                *count -= 1;
                if *count == 0 {
                    map.remove(&ip);
                }
            }
        }
    }
}
