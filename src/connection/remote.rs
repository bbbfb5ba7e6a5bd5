//! The part of a connection that other threads may touch while the owning loop runs it:
//! queueing a response while suspended (`MHD_queue_response` from the application's
//! thread) and asking for a resume (`MHD_resume_connection` from anywhere). Atomics and
//! one mutex only, so this type is `Sync`; everything else in a connection belongs to the
//! loop thread.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::response::Response;
use crate::wake::Inbox;

/// Why `queue` refused.
#[derive(Debug, PartialEq, Eq)]
pub enum QueueError {
    BadStatus,
    AlreadyQueued,
    NotNow,
}

pub struct Remote {
    queued: Mutex<Option<(u32, Arc<Response>)>>,
    /// Whether a response may be queued now (mirrors the state machine).
    accepting: AtomicBool,
    /// Inside a handler call that carries upload data (libmicrohttpd refuses a response
    /// in the middle of an upload).
    in_upload: AtomicBool,
    resume_requested: AtomicBool,
    /// Status of the queued (or last sent) response, 0 before one is queued.
    status: AtomicU32,
    upgrade_allowed: bool,
    /// The owning loop's mailbox, and this connection's name in it.
    inbox: Arc<Inbox>,
    token: usize,
}

impl Remote {
    pub fn new(inbox: Arc<Inbox>, token: usize, upgrade_allowed: bool) -> Self {
        Remote {
            queued: Mutex::new(None),
            accepting: AtomicBool::new(false),
            in_upload: AtomicBool::new(false),
            resume_requested: AtomicBool::new(false),
            status: AtomicU32::new(0),
            upgrade_allowed,
            inbox,
            token,
        }
    }

    fn queued(&self) -> MutexGuard<'_, Option<(u32, Arc<Response>)>> {
        // A panic while the lock was held cannot leave an Option half-written.
        self.queued.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `MHD_queue_response`.
    pub fn queue(&self, status: u32, response: Arc<Response>) -> Result<(), QueueError> {
        if !(100..=999).contains(&status) {
            return Err(QueueError::BadStatus);
        }
        if response.is_upgrade() && (status != 101 || !self.upgrade_allowed) {
            return Err(QueueError::NotNow);
        }
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

    pub fn has_queued(&self) -> bool {
        self.queued().is_some()
    }

    pub fn take_queued(&self) -> Option<(u32, Arc<Response>)> {
        self.queued().take()
    }

    pub fn status(&self) -> u32 {
        self.status.load(Ordering::Acquire)
    }

    pub fn set_status(&self, status: u32) {
        self.status.store(status, Ordering::Release);
    }

    pub fn set_accepting(&self, on: bool) {
        self.accepting.store(on, Ordering::Release);
    }

    pub fn set_in_upload(&self, on: bool) {
        self.in_upload.store(on, Ordering::Release);
    }

    /// Marks the connection and wakes its loop (once per resume).
    pub fn request_resume(&self) {
        if !self.resume_requested.swap(true, Ordering::AcqRel) {
            self.inbox.resume(self.token);
        }
    }

    /// The loop takes a pending resume request, if any.
    pub fn take_resume(&self) -> bool {
        self.resume_requested.swap(false, Ordering::AcqRel)
    }

    /// The application is done with an upgraded connection (from any thread).
    pub fn close_upgraded(&self) {
        self.inbox.close_upgraded(self.token);
    }
}
