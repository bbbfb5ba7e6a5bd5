//! Threads for `MHD_USE_THREAD_PER_CONNECTION`. Each connection is served by a thread of
//! its own for as long as it lives (so a handler that blocks delays nobody else). A thread
//! whose connection ended waits a little for the next one instead of exiting: a busy server
//! does not pay a thread, an epoll instance and an eventfd per connection.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::shared::Shared;
use super::worker::{Accepting, Dispatch, Job, Worker};
use crate::wake::Inbox;

/// How long an idle connection thread waits for another connection before exiting.
const IDLE_LINGER: Duration = Duration::from_secs(10);

struct Slot {
    id: usize,
    wake: Condvar,
}

#[derive(Default)]
struct State {
    idle: Vec<Arc<Slot>>,
    jobs: HashMap<usize, Job>,
    /// Every live thread's inbox, to interrupt its loop on shutdown.
    inboxes: HashMap<usize, Arc<Inbox>>,
    next_id: usize,
}

/// The number of live connection threads. Apart from the rest so that a thread can drop
/// everything that keeps the daemon alive (the listen socket among it) before it counts
/// itself out: once `wait_all` returns, no connection thread holds the daemon.
#[derive(Default)]
struct Running {
    count: Mutex<usize>,
    exited: Condvar,
}

impl Running {
    fn lock(&self) -> MutexGuard<'_, usize> {
        self.count.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn exit(&self) {
        *self.lock() -= 1;
        self.exited.notify_all();
    }
}

pub struct ConnectionThreads {
    shared: Arc<Shared>,
    state: Mutex<State>,
    running: Arc<Running>,
}

impl ConnectionThreads {
    pub fn new(shared: Arc<Shared>) -> Arc<Self> {
        Arc::new(ConnectionThreads {
            shared,
            state: Mutex::default(),
            running: Arc::default(),
        })
    }

    /// What the accepting loop calls with each admitted connection.
    pub fn dispatcher(self: &Arc<Self>) -> Dispatch {
        let threads = self.clone();
        Box::new(move |job| threads.dispatch(job))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Hands a connection to an idle thread, or starts a new one.
    fn dispatch(self: &Arc<Self>, job: Job) {
        let shared = &self.shared;
        let mut st = self.lock();
        if let Some(slot) = st.idle.pop() {
            st.jobs.insert(slot.id, job);
            slot.wake.notify_one();
            return;
        }
        let inbox = match Inbox::new() {
            Ok(inbox) => inbox,
            Err(e) => {
                drop(st);
                shared.log(&format!(
                    "Failed to create a connection thread's wake-up: {e}"
                ));
                shared.release(job.2);
                return;
            }
        };
        let slot = Arc::new(Slot {
            id: st.next_id,
            wake: Condvar::new(),
        });
        st.next_id += 1;
        st.inboxes.insert(slot.id, inbox.clone());
        *self.running.lock() += 1;
        drop(st);
        let mut builder = std::thread::Builder::new().name("mhd-connection".into());
        if shared.settings.thread_stack_size > 0 {
            builder = builder.stack_size(shared.settings.thread_stack_size);
        }
        let threads = self.clone();
        let ip = job.2;
        let id = slot.id;
        // Detached: `wait_all` waits for every thread through `running`.
        if let Err(e) = builder.spawn(move || threads.thread_main(slot, inbox, job)) {
            shared.log(&format!(
                "Failed to create a thread for the connection: {e}"
            ));
            shared.release(ip);
            self.forget(id);
            self.running.exit();
        }
    }

    /// Waits (after `begin_shutdown`) until every connection thread has finished.
    pub fn wait_all(&self) {
        loop {
            self.wake_all();
            let count = self.running.lock();
            if *count == 0 {
                return;
            }
            let _ = self
                .running
                .exited
                .wait_timeout(count, Duration::from_millis(100));
        }
    }

    pub fn wake_all(&self) {
        let st = self.lock();
        for slot in &st.idle {
            slot.wake.notify_one();
        }
        for inbox in st.inboxes.values() {
            inbox.wake.wake();
        }
    }

    /// Parks `slot` as idle until a connection arrives (None: linger ran out, or shutdown).
    fn next_job(&self, shared: &Shared, slot: &Arc<Slot>) -> Option<Job> {
        let deadline = Instant::now() + IDLE_LINGER;
        let mut st = self.lock();
        st.idle.push(slot.clone());
        loop {
            if let Some(job) = st.jobs.remove(&slot.id) {
                return Some(job);
            }
            let now = Instant::now();
            if shared.is_shutting_down() || now >= deadline {
                st.idle.retain(|s| s.id != slot.id);
                return None;
            }
            st = slot
                .wake
                .wait_timeout(st, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    fn forget(&self, id: usize) {
        self.lock().inboxes.remove(&id);
    }
}

impl ConnectionThreads {
    fn thread_main(self: Arc<Self>, slot: Arc<Slot>, inbox: Arc<Inbox>, first: Job) {
        let shared = &self.shared;
        match Worker::new(shared.clone(), inbox, Accepting::No) {
            Ok(mut worker) => {
                let mut job = Some(first);
                while let Some((sock, addr, ip)) = job.take() {
                    worker.register(sock, addr, ip);
                    worker.serve_while_connected();
                    if !shared.is_shutting_down() {
                        job = self.next_job(shared, &slot);
                    }
                }
                worker.shutdown();
            }
            Err(e) => {
                shared.log(&format!("Failed to set up a connection thread: {e}"));
                shared.release(first.2);
            }
        }
        self.forget(slot.id);
        // Count out only after the last reference this thread has to the daemon is gone.
        let running = self.running.clone();
        drop(self);
        running.exit();
    }
}
