//! One client connection: socket, request data the application can read, and the
//! state machine that moves bytes between the socket and the application.
//!
//! Re-entrancy: the application's callbacks receive `&Connection` and call back into the
//! library (queue a response, read values, suspend). Everything they can touch lives in
//! its own `Cell`/`RefCell`, and the state machine's own state (`io`) is never borrowed
//! while user code runs.

mod output;
mod process;
mod readbuf;
pub mod request;

use std::cell::{Cell, RefCell};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mio::net::TcpStream;

use crate::daemon::Shared;
use crate::response::Response;

pub use process::Outcome;
pub use request::{RequestData, UserValue};

use process::Io;

/// Number of distinct `MHD_ConnectionInfoType` answers kept per connection.
const INFO_SLOTS: usize = 16;

pub struct Connection {
    pub(crate) shared: Arc<Shared>,
    /// Slot in the owning worker's connection table (also the mio token).
    pub(crate) token: usize,
    /// The owning worker's inbox (for cross-thread resume).
    inbox: Arc<crate::daemon::Inbox>,
    pub(crate) sock: TcpStream,
    peer: socket2::SockAddr,
    io: RefCell<Io>,
    request: RefCell<RequestData>,
    user_values: RefCell<Vec<UserValue>>,
    /// The response the application queued; a mutex because `MHD_queue_response` may come
    /// from another thread while the connection is suspended.
    queued: Mutex<Option<(u32, Arc<Response>)>>,
    /// Whether a response may be queued now (mirrors the state machine's phase).
    accepting: AtomicBool,
    suspended: Cell<bool>,
    /// The poller currently reports writability for this socket.
    watching_write: Cell<bool>,
    /// An upgraded socket was removed from the poller (the application owns its I/O).
    upgrade_deregistered: Cell<bool>,
    /// Inside a handler call that carries upload data.
    in_upload: AtomicBool,
    resume_requested: AtomicBool,
    con_cls: Cell<usize>,
    socket_context: Cell<usize>,
    timeout: Cell<Option<Duration>>,
    last_activity: Cell<Instant>,
    status: AtomicU32,
    /// Storage for the C API's `union MHD_ConnectionInfo` answers (a pointer to it is returned).
    info_slots: [Cell<u64>; INFO_SLOTS],
}

/// Why `queue_response` refused.
#[derive(Debug, PartialEq, Eq)]
pub enum QueueError {
    BadStatus,
    AlreadyQueued,
    NotNow,
}

impl Connection {
    pub(crate) fn new(
        shared: Arc<Shared>,
        token: usize,
        inbox: Arc<crate::daemon::Inbox>,
        sock: TcpStream,
        peer: socket2::SockAddr,
    ) -> Self {
        let timeout = shared.config.connection_timeout;
        Connection {
            shared,
            token,
            inbox,
            sock,
            peer,
            io: RefCell::new(Io::new()),
            request: RefCell::new(RequestData::default()),
            user_values: RefCell::new(Vec::new()),
            queued: Mutex::new(None),
            accepting: AtomicBool::new(false),
            suspended: Cell::new(false),
            watching_write: Cell::new(false),
            upgrade_deregistered: Cell::new(false),
            in_upload: AtomicBool::new(false),
            resume_requested: AtomicBool::new(false),
            con_cls: Cell::new(0),
            socket_context: Cell::new(0),
            timeout: Cell::new(timeout),
            last_activity: Cell::new(Instant::now()),
            status: AtomicU32::new(0),
            info_slots: Default::default(),
        }
    }

    pub fn fd(&self) -> RawFd {
        self.sock.as_raw_fd()
    }

    pub fn peer(&self) -> &socket2::SockAddr {
        &self.peer
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Request values (headers, cookies, arguments, footers) of the current request.
    pub fn request(&self) -> std::cell::Ref<'_, RequestData> {
        self.request.borrow()
    }

    pub fn user_values(&self) -> std::cell::Ref<'_, Vec<UserValue>> {
        self.user_values.borrow()
    }

    /// `MHD_set_connection_value`: stored beside the request's own values.
    pub fn add_user_value(&self, kind: u32, key: &[u8], value: Option<&[u8]>) {
        self.user_values
            .borrow_mut()
            .push(UserValue::new(kind, key, value));
    }

    pub fn socket_context(&self) -> &Cell<usize> {
        &self.socket_context
    }

    pub fn con_cls(&self) -> usize {
        self.con_cls.get()
    }

    pub fn is_suspended(&self) -> bool {
        self.suspended.get()
    }

    pub fn timeout(&self) -> Option<Duration> {
        self.timeout.get()
    }

    /// `MHD_CONNECTION_OPTION_TIMEOUT`: 0 disables; the idle clock restarts.
    pub fn set_timeout(&self, seconds: u32) {
        self.timeout
            .set((seconds > 0).then(|| Duration::from_secs(u64::from(seconds))));
        self.last_activity.set(Instant::now());
    }

    /// When this connection times out, if it can.
    pub(crate) fn deadline(&self) -> Option<Instant> {
        if self.suspended.get() || self.is_upgraded() {
            return None;
        }
        self.timeout.get().map(|t| self.last_activity.get() + t)
    }

    /// One slot per info type, so earlier answers stay valid while the application asks more.
    pub fn info_slot(&self, info_type: usize) -> Option<&Cell<u64>> {
        self.info_slots.get(info_type)
    }

    /// Status of the queued (or last sent) response, 0 before one is queued.
    pub fn status(&self) -> u32 {
        self.status.load(Ordering::Acquire)
    }

    /// `MHD_queue_response`.
    pub fn queue_response(&self, status: u32, response: Arc<Response>) -> Result<(), QueueError> {
        if !(100..=999).contains(&status) {
            return Err(QueueError::BadStatus);
        }
        if response.is_upgrade()
            && (status != 101 || !self.shared.config.has(crate::daemon::flag::ALLOW_UPGRADE))
        {
            return Err(QueueError::NotNow);
        }
        // Only once the head is parsed and not while upload data is being handed over
        // (libmicrohttpd refuses a response in the middle of an upload).
        if self.in_upload.load(Ordering::Acquire) || !self.accepting.load(Ordering::Acquire) {
            return Err(QueueError::NotNow);
        }
        let mut queued = self.queued();
        if queued.is_some() {
            return Err(QueueError::AlreadyQueued);
        }
        self.status.store(status, Ordering::Release);
        *queued = Some((status, response));
        Ok(())
    }

    fn queued(&self) -> std::sync::MutexGuard<'_, Option<(u32, Arc<Response>)>> {
        self.queued.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn has_queued(&self) -> bool {
        self.queued().is_some()
    }

    pub(crate) fn take_queued_response(&self) -> Option<(u32, Arc<Response>)> {
        self.queued().take()
    }

    pub(crate) fn set_status(&self, status: u32) {
        self.status.store(status, Ordering::Release);
    }

    /// `MHD_suspend_connection`: the connection is ignored until resumed.
    pub fn suspend(&self) -> bool {
        if !self.shared.config.allows_suspend() {
            return false;
        }
        self.suspended.set(true);
        true
    }

    /// `MHD_resume_connection`, from any thread: marks the connection and wakes its loop.
    pub fn request_resume(&self) {
        if !self.resume_requested.swap(true, Ordering::AcqRel) {
            self.inbox.resume(self.token);
        }
    }

    /// Called by the owning loop: takes a pending resume request, if any.
    pub(crate) fn take_resume(&self) -> bool {
        if self.resume_requested.swap(false, Ordering::AcqRel) {
            self.suspended.set(false);
            self.last_activity.set(Instant::now());
            true
        } else {
            false
        }
    }

    pub(crate) fn touch(&self) {
        self.last_activity.set(Instant::now());
    }

    /// Readiness reported by the poller (edge) or by an external `select`.
    pub(crate) fn set_ready(&self, readable: bool, writable: bool) {
        let mut io = self.io.borrow_mut();
        io.readable |= readable;
        io.writable |= writable;
    }

    /// What an external `select` should watch for this connection: (read, write).
    pub fn interest(&self) -> (bool, bool) {
        if self.suspended.get() {
            return (false, false);
        }
        self.io.borrow().interest()
    }

    pub(crate) fn is_upgrade_deregistered(&self) -> bool {
        self.upgrade_deregistered.get()
    }

    pub(crate) fn set_upgrade_deregistered(&self) {
        self.upgrade_deregistered.set(true);
    }

    pub(crate) fn watching_write(&self) -> bool {
        self.watching_write.get()
    }

    pub(crate) fn set_watching_write(&self, on: bool) {
        self.watching_write.set(on);
    }

    /// Bytes of the request head (`MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE`).
    pub fn header_size(&self) -> usize {
        self.request.borrow().header_size
    }

    /// Upgraded connections are not processed by the loop any more.
    pub fn is_upgraded(&self) -> bool {
        self.io.borrow().upgraded
    }

    pub(crate) fn log(&self, msg: &str) {
        self.shared.log(msg);
    }
}
