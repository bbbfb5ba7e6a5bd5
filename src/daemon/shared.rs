//! State every loop thread and every API caller of one daemon shares.

use std::collections::HashMap;
use std::net::IpAddr;

use mio::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::config::Config;
use crate::app::Application;
use crate::sys::eventfd::EventFd;

/// Cross-thread requests for one worker, and the descriptor that wakes it.
pub struct Inbox {
    pub wake: EventFd,
    pub resumed: Mutex<Vec<usize>>,
    pub added: Mutex<Vec<(TcpStream, socket2::SockAddr)>>,
    /// Upgraded connections the application is done with.
    pub upgrades_closed: Mutex<Vec<usize>>,
}

impl Inbox {
    pub fn new() -> std::io::Result<Arc<Inbox>> {
        Ok(Arc::new(Inbox {
            wake: EventFd::new()?,
            resumed: Mutex::new(Vec::new()),
            added: Mutex::new(Vec::new()),
            upgrades_closed: Mutex::new(Vec::new()),
        }))
    }

    /// Queues an upgraded connection for closing and wakes the worker.
    pub fn close_upgraded(&self, token: usize) {
        self.upgrades_closed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(token);
        self.wake.wake();
    }

    /// Queues a resumed connection (by token) and wakes the worker.
    pub fn resume(&self, token: usize) {
        self.resumed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(token);
        self.wake.wake();
    }
}

pub struct Shared {
    pub config: Config,
    pub app: Box<dyn Application>,
    pub listener: Option<TcpListener>,
    /// The loop workers' inboxes (one, or one per pool thread).
    pub inboxes: Vec<Arc<Inbox>>,
    /// `MHD_USE_THREAD_PER_CONNECTION`: the threads serving connections.
    pub connection_threads: super::connection_threads::ConnectionThreads,
    /// Address of the C handle (`struct MHD_Daemon *`), for `MHD_CONNECTION_INFO_DAEMON`.
    pub handle: AtomicUsize,
    pub current_connections: AtomicUsize,
    shutting_down: AtomicBool,
    quiesced: AtomicBool,
    /// Some worker stopped accepting at the connection limit.
    accept_paused: AtomicBool,
    per_ip: Mutex<HashMap<IpAddr, u32>>,
    /// Largest fd+1 an external `select` caller can watch (from `MHD_get_fdset2`).
    pub fd_setsize: AtomicUsize,
    /// Digest nonces and nonce counts of this daemon.
    pub digest: crate::auth::DigestState,
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
        config: Config,
        app: Box<dyn Application>,
        listener: Option<TcpListener>,
        workers: usize,
    ) -> std::io::Result<Self> {
        let inboxes = (0..workers)
            .map(|_| Inbox::new())
            .collect::<std::io::Result<Vec<_>>>()?;
        let fd_setsize = config.app_fd_setsize.unwrap_or(libc::FD_SETSIZE);
        let digest = crate::auth::DigestState::new(
            config.nonce_nc_size,
            &config.digest_random,
            config.digest_nonce_bind,
        );
        Ok(Shared {
            config,
            app,
            listener,
            inboxes,
            connection_threads: Default::default(),
            handle: AtomicUsize::new(0),
            current_connections: AtomicUsize::new(0),
            shutting_down: AtomicBool::new(false),
            quiesced: AtomicBool::new(false),
            accept_paused: AtomicBool::new(false),
            per_ip: Mutex::new(HashMap::new()),
            fd_setsize: AtomicUsize::new(fd_setsize),
            digest,
        })
    }

    pub fn log(&self, msg: &str) {
        if self.config.log_errors() {
            self.app.log(msg);
        }
    }

    /// Hands an application-supplied socket (`MHD_add_connection`) to a worker.
    pub fn queue_connection(&self, stream: std::net::TcpStream, addr: socket2::SockAddr) {
        if stream.set_nonblocking(true).is_err() {
            return;
        }
        let stream = TcpStream::from_std(stream);
        let worker = stream.as_raw_fd() as usize % self.inboxes.len().max(1);
        if let Some(inbox) = self.inboxes.get(worker) {
            inbox
                .added
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((stream, addr));
            inbox.wake.wake();
        }
    }

    pub fn wake_all(&self) {
        for inbox in &self.inboxes {
            inbox.wake.wake();
        }
        self.connection_threads.wake_all();
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::Acquire)
    }

    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::Release);
        self.wake_all();
    }

    pub fn at_connection_limit(&self) -> bool {
        self.current_connections.load(Ordering::Acquire) >= self.config.connection_limit
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
        let limit = self.config.connection_limit;
        if self.current_connections.fetch_add(1, Ordering::AcqRel) >= limit {
            self.current_connections.fetch_sub(1, Ordering::AcqRel);
            return false;
        }
        if let (Some(ip), true) = (ip, self.config.per_ip_limit > 0) {
            let mut map = self.per_ip.lock().unwrap_or_else(|e| e.into_inner());
            let count = map.entry(ip).or_insert(0);
            if *count >= self.config.per_ip_limit {
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
        if let (Some(ip), true) = (ip, self.config.per_ip_limit > 0) {
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
