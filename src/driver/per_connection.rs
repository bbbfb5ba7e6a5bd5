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
    running: usize,
    next_id: usize,
}

pub struct ConnectionThreads {
    shared: Arc<Shared>,
    state: Mutex<State>,
    exited: Condvar,
}

impl ConnectionThreads {
    pub fn new(shared: Arc<Shared>) -> Arc<Self> {
        Arc::new(ConnectionThreads {
            shared,
            state: Mutex::default(),
            exited: Condvar::new(),
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
        st.running += 1;
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
            self.exit(id);
        }
    }

    /// Waits (after `begin_shutdown`) until every connection thread has finished.
    pub fn wait_all(&self) {
        let mut st = self.lock();
        while st.running > 0 {
            for slot in &st.idle {
                slot.wake.notify_one();
            }
            for inbox in st.inboxes.values() {
                inbox.wake.wake();
            }
            st = self
                .exited
                .wait_timeout(st, Duration::from_millis(100))
                .unwrap_or_else(|e| e.into_inner())
                .0;
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

    fn exit(&self, id: usize) {
        let mut st = self.lock();
        st.inboxes.remove(&id);
        st.running -= 1;
        self.exited.notify_all();
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
        self.exit(slot.id);
    }
}
