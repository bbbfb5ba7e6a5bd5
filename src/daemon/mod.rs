//! A daemon's lifecycle: its configuration, binding, starting the loops (or keeping the one
//! the application drives in external mode), quiescing and stopping.

pub mod config;
pub mod listen;

use std::io;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub use config::Config;
pub use listen::Listen;

use crate::auth::DigestState;
use crate::connection::{Application, Env};
use crate::driver::{Accepting, ConnectionThreads, Shared, Threading, Worker};

pub struct Daemon {
    shared: Arc<Shared>,
    /// External mode: the one worker, lent to whichever API call drives it. Taken out of the
    /// mutex while it runs, so no lock is held while application callbacks execute.
    driver: Mutex<Option<Box<Worker>>>,
    threads: Mutex<Vec<JoinHandle<()>>>,
    /// Thread per connection: the threads serving connections.
    connection_threads: Option<Arc<ConnectionThreads>>,
    epoll_fd: Option<i32>,
}

impl Daemon {
    /// Binds (unless given a socket or told not to listen) and starts serving.
    pub fn start(
        config: Config,
        app: Box<dyn Application>,
        listener: Option<TcpListener>,
    ) -> io::Result<Daemon> {
        let listener = match listener {
            Some(l) => {
                l.set_nonblocking(true)?;
                Some(l)
            }
            None if !config.listen.enabled => None,
            None => Some(listen::bind(&config.listen)?),
        }
        // mio's accept() is accept4(SOCK_NONBLOCK | SOCK_CLOEXEC): one syscall per connection.
        .map(mio::net::TcpListener::from_std);
        let digest = DigestState::new(
            config.nonce_nc_size,
            &config.digest_random,
            config.digest_nonce_bind,
        );
        let Config {
            connection, driver, ..
        } = config;
        let threading = driver.threading;
        let workers = driver.loops();
        let stack = driver.thread_stack_size;
        let env = Arc::new(Env::new(connection, app, digest));
        let shared = Arc::new(Shared::new(env, driver, listener)?);
        let mut daemon = Daemon {
            shared: shared.clone(),
            driver: Mutex::new(None),
            threads: Mutex::new(Vec::new()),
            connection_threads: (threading == Threading::PerConnection)
                .then(|| ConnectionThreads::new(shared.clone())),
            epoll_fd: None,
        };
        if let Threading::External { .. } = threading {
            let worker = Worker::new(shared.clone(), shared.inboxes[0].clone(), Accepting::Alone)?;
            daemon.epoll_fd = Some(worker.epoll_fd());
            *daemon.driver.get_mut().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(worker));
            return Ok(daemon);
        }
        let mut threads = Vec::with_capacity(workers);
        for index in 0..workers {
            let accepting = if workers > 1 {
                Accepting::Shared
            } else {
                Accepting::Alone
            };
            let mut worker = Worker::new(shared.clone(), shared.inboxes[index].clone(), accepting)?;
            if let Some(threads) = &daemon.connection_threads {
                worker.set_dispatch(threads.dispatcher());
            }
            let mut builder = std::thread::Builder::new().name(format!("mhd-worker-{index}"));
            if stack > 0 {
                builder = builder.stack_size(stack);
            }
            match builder.spawn(move || worker.run_until_stopped()) {
                Ok(handle) => threads.push(handle),
                Err(e) => {
                    shared.begin_shutdown();
                    for t in threads {
                        let _ = t.join();
                    }
                    return Err(e);
                }
            }
        }
        *daemon.threads.get_mut().unwrap_or_else(|e| e.into_inner()) = threads;
        Ok(daemon)
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Runs `f` on the external-mode worker. None when there is none (internal threads) or
    /// it is busy (a re-entrant or concurrent call).
    pub fn with_driver<R>(&self, f: impl FnOnce(&mut Worker) -> R) -> Option<R> {
        let mut worker = self
            .driver
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()?;
        let result = f(&mut worker);
        *self.driver.lock().unwrap_or_else(|e| e.into_inner()) = Some(worker);
        Some(result)
    }

    pub fn is_external(&self) -> bool {
        self.shared.settings.is_external()
    }

    pub fn epoll_fd(&self) -> Option<i32> {
        self.epoll_fd
    }

    pub fn listen_fd(&self) -> Option<i32> {
        use std::os::fd::AsRawFd;
        self.shared.listener.as_ref().map(|l| l.as_raw_fd())
    }

    pub fn bind_port(&self) -> Option<u16> {
        self.shared
            .listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
            .map(|a| a.port())
    }

    /// `MHD_quiesce_daemon`: stop accepting; the listen socket is the caller's afterwards.
    pub fn quiesce(&self) -> Option<i32> {
        let fd = self.listen_fd()?;
        self.shared.quiesce();
        self.with_driver(|w| w.stop_listening());
        Some(fd)
    }

    /// Stops every loop and closes every connection, reporting `DaemonShutdown`.
    pub fn stop(self) {
        self.shared.begin_shutdown();
        let threads = std::mem::take(&mut *self.threads.lock().unwrap_or_else(|e| e.into_inner()));
        for t in threads {
            let _ = t.join();
        }
        if let Some(threads) = &self.connection_threads {
            threads.wait_all();
        }
        if let Some(mut worker) = self.driver.lock().unwrap_or_else(|e| e.into_inner()).take() {
            worker.shutdown();
        }
    }
}
