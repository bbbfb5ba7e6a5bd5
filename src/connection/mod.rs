//! One client connection: socket, request data the application can read, and the
//! state machine that moves bytes between the socket and the application.
//!
//! Re-entrancy: the application's callbacks receive `&Connection` and call back into the
//! library (queue a response, read values, suspend). Everything they can touch lives in
//! its own `Cell`/`RefCell`, and the state machine's own state (`io`) is never borrowed
//! while user code runs.

pub mod app;
pub mod env;
mod output;
mod process;
mod readbuf;
mod remote;
#[cfg(test)]
mod tests;

use std::cell::{Cell, RefCell};
use std::os::fd::RawFd;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::request::{RequestData, UserValue, ValueRef};
use crate::response::Response;
use crate::transport::{AnyTransport, Transport};
use crate::wake::Inbox;

pub use app::{AccessCall, Application, Termination};
pub use env::{Env, Settings};
pub use process::Outcome;
pub use remote::{QueueError, Remote};

use process::Io;

/// Number of distinct `MHD_ConnectionInfoType` answers kept per connection.
const INFO_SLOTS: usize = 16;

pub struct Connection {
    env: Arc<Env>,
    /// What other threads may touch; everything else is the owning loop's.
    remote: Arc<Remote>,
    /// The transport's descriptor (-1 for one without), fixed for the connection's life.
    fd: RawFd,
    peer: socket2::SockAddr,
    io: RefCell<Io>,
    request: RefCell<RequestData>,
    user_values: RefCell<Vec<UserValue>>,
    suspended: Cell<bool>,
    /// The poller currently reports writability for this socket.
    watching_write: Cell<bool>,
    /// An upgraded socket was removed from the poller (the application owns its I/O).
    upgrade_deregistered: Cell<bool>,
    con_cls: Cell<usize>,
    socket_context: Cell<usize>,
    timeout: Cell<Option<Duration>>,
    last_activity: Cell<Instant>,
    /// The deadline the driver's timer structure holds for this connection, if any.
    scheduled: Cell<Option<Instant>>,
    /// Storage for the C API's `union MHD_ConnectionInfo` answers (a pointer to it is returned).
    info_slots: [Cell<u64>; INFO_SLOTS],
    /// The owning loop's mailbox and this connection's token in it (for upgrade handles).
    inbox: Arc<Inbox>,
    token: usize,
}

impl Connection {
    /// A connection over `transport`, known to its loop as `token` in `inbox`.
    pub fn new(
        env: Arc<Env>,
        transport: AnyTransport,
        peer: socket2::SockAddr,
        inbox: Arc<Inbox>,
        token: usize,
    ) -> Self {
        let timeout = env.settings.timeout;
        let fd = transport.fd().unwrap_or(-1);
        Connection {
            remote: Arc::new(Remote::new(inbox.clone(), token, env.settings.upgrade)),
            env,
            fd,
            peer,
            io: RefCell::new(Io::new(transport)),
            request: RefCell::new(RequestData::default()),
            user_values: RefCell::new(Vec::new()),
            suspended: Cell::new(false),
            watching_write: Cell::new(false),
            upgrade_deregistered: Cell::new(false),
            con_cls: Cell::new(0),
            socket_context: Cell::new(0),
            timeout: Cell::new(timeout),
            last_activity: Cell::new(Instant::now()),
            scheduled: Cell::new(None),
            info_slots: Default::default(),
            inbox,
            token,
        }
    }

    pub fn fd(&self) -> RawFd {
        self.fd
    }

    pub fn peer(&self) -> &socket2::SockAddr {
        &self.peer
    }

    pub fn env(&self) -> &Env {
        &self.env
    }

    /// The thread-safe part (queue a response, ask for a resume).
    pub fn remote(&self) -> &Remote {
        &self.remote
    }

    /// The thread-safe part, to keep: another thread may queue a response and resume with
    /// it while the connection is suspended (it outlives the connection harmlessly).
    pub fn remote_handle(&self) -> Arc<Remote> {
        self.remote.clone()
    }

    /// Request values (headers, cookies, arguments, footers) of the current request.
    pub fn request(&self) -> std::cell::Ref<'_, RequestData> {
        self.request.borrow()
    }

    pub fn user_values(&self) -> std::cell::Ref<'_, Vec<UserValue>> {
        self.user_values.borrow()
    }

    /// Calls `f` with every value whose kind is in `mask` (the request's own, then those the
    /// application set) until it returns false; how many it was called with.
    pub fn for_each_value(&self, mask: u32, mut f: impl FnMut(ValueRef<'_>) -> bool) -> usize {
        let request = self.request.borrow();
        let user = self.user_values.borrow();
        let mut count = 0;
        for v in request.values().chain(user.iter().map(|u| u.as_ref())) {
            if v.kind & mask == 0 {
                continue;
            }
            count += 1;
            if !f(v) {
                break;
            }
        }
        count
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
    pub fn deadline(&self) -> Option<Instant> {
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
        self.remote.status()
    }

    /// `MHD_queue_response`.
    pub fn queue_response(&self, status: u32, response: Arc<Response>) -> Result<(), QueueError> {
        self.remote.queue(status, response)
    }

    /// `MHD_suspend_connection`: the connection is ignored until resumed.
    pub fn suspend(&self) -> bool {
        if !self.env.settings.suspend_resume {
            return false;
        }
        self.suspended.set(true);
        true
    }

    /// `MHD_resume_connection`, from any thread: marks the connection and wakes its loop.
    pub fn request_resume(&self) {
        self.remote.request_resume();
    }

    /// Called by the owning loop: takes a pending resume request, if any.
    pub fn take_resume(&self) -> bool {
        if self.remote.take_resume() {
            self.suspended.set(false);
            self.touch();
            true
        } else {
            false
        }
    }

    /// Activity: the idle clock restarts (no clock read when there is no timeout to keep).
    pub fn touch(&self) {
        if self.timeout.get().is_some() {
            self.last_activity.set(Instant::now());
        }
    }

    /// Readiness reported by the poller (edge) or by an external `select`.
    pub fn set_ready(&self, readable: bool, writable: bool) {
        let mut io = self.io.borrow_mut();
        io.readable |= readable;
        io.w.writable |= writable;
    }

    /// What an external `select` should watch for this connection: (read, write).
    pub fn interest(&self) -> (bool, bool) {
        if self.suspended.get() {
            return (false, false);
        }
        self.io.borrow().interest()
    }

    pub fn is_upgrade_deregistered(&self) -> bool {
        self.upgrade_deregistered.get()
    }

    pub fn set_upgrade_deregistered(&self) {
        self.upgrade_deregistered.set(true);
    }

    pub fn watching_write(&self) -> bool {
        self.watching_write.get()
    }

    pub fn set_watching_write(&self, on: bool) {
        self.watching_write.set(on);
    }

    /// Bytes of the request head (`MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE`).
    pub fn header_size(&self) -> usize {
        self.request.borrow().header_size
    }

    /// The transport's last words before it closes (TLS: close_notify), never blocking.
    pub fn finish_transport(&self, why: Termination) {
        self.io
            .borrow_mut()
            .transport
            .finish(why == Termination::TimeoutReached);
    }

    /// Runs `f` on the TLS session, for HTTPS connections.
    pub fn with_tls<R>(&self, f: impl FnOnce(&crate::tls::Session) -> R) -> Option<R> {
        self.io.borrow().transport.tls().map(f)
    }

    /// Over TLS, an upgraded connection's socket-pair end the loop also watches.
    pub fn relay_fd(&self) -> Option<RawFd> {
        self.io.borrow().relay.as_ref().map(|r| r.local_fd())
    }

    pub fn set_relay_ready(&self, readable: bool, writable: bool) {
        if let Some(relay) = self.io.borrow_mut().relay.as_mut() {
            relay.set_local_ready(readable, writable);
        }
    }

    /// What an external `select` watches for a relayed upgrade: ((transport read, write),
    /// (pair read, write)).
    pub fn relay_interest(&self) -> Option<((bool, bool), (bool, bool))> {
        let io = self.io.borrow();
        io.relay.as_ref().map(|r| r.interest(&io.transport))
    }

    /// Upgraded connections are not processed by the loop any more.
    pub fn is_upgraded(&self) -> bool {
        matches!(self.io.borrow().w.state, output::Writing::Upgraded)
    }

    pub(crate) fn log(&self, msg: &str) {
        self.env.log(msg);
    }

    /// The deadline the driver last scheduled for this connection.
    pub fn scheduled(&self) -> Option<Instant> {
        self.scheduled.get()
    }

    pub fn set_scheduled(&self, at: Option<Instant>) {
        self.scheduled.set(at);
    }
}
