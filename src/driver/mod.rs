//! The event loops that own connections: a worker loop per thread (or one lent to the
//! application's `MHD_run`), the acceptor and admission limits, the deadline structure,
//! the external-loop adapter (fd sets), and thread-per-connection as its own dispatcher.

mod accept;
mod external;
mod per_connection;
mod shared;
mod timers;
mod worker;

pub use per_connection::ConnectionThreads;
pub use shared::Shared;
pub use worker::{Accepting, Worker};

/// How the daemon's loops are run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threading {
    /// The application calls `MHD_run`/`MHD_run_from_select`; `epoll`: it watches the one
    /// epoll descriptor (no `FD_SETSIZE` limit) instead of an fd set.
    External { epoll: bool },
    /// `pool` loop threads of our own.
    Internal { pool: usize },
    /// One thread per connection, plus the accepting loop.
    PerConnection,
}

/// What happens to a connection beyond the connection limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverLimit {
    /// Accept it and close it at once, with a log line (select-style daemons).
    Close,
    /// Leave it in the kernel's backlog until a slot frees up (poll/epoll, per connection).
    Backlog,
}

/// `MHD_USE_TLS`: every connection speaks TLS with these credentials.
#[derive(Clone)]
pub struct TlsSettings {
    pub credentials: std::sync::Arc<crate::tls::Credentials>,
    /// Offer ALPN ("http/1.1", "http/1.0"); off with `MHD_OPTION_TLS_NO_ALPN`.
    pub alpn: bool,
}

impl std::fmt::Debug for TlsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsSettings")
            .field("priorities", &self.credentials.priority_string())
            .field("alpn", &self.alpn)
            .finish()
    }
}

/// How the loops run and admit connections, decoded from the daemon's flags and options.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Some: connections are HTTPS.
    pub tls: Option<TlsSettings>,
    pub threading: Threading,
    pub over_limit: OverLimit,
    /// `MHD_OPTION_CONNECTION_LIMIT`.
    pub connection_limit: usize,
    /// `MHD_OPTION_PER_IP_CONNECTION_LIMIT` (0: none).
    pub per_ip_limit: u32,
    /// The wake-up descriptor is part of an external fd set (MHD: "ITC").
    pub wake_fd_in_fdset: bool,
    /// `MHD_OPTION_THREAD_STACK_SIZE` (0: the default).
    pub thread_stack_size: usize,
    /// `MHD_OPTION_APP_FD_SETSIZE`: the largest fd an external `select` can hold + 1.
    pub fd_setsize: Option<usize>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            tls: None,
            threading: Threading::External { epoll: false },
            over_limit: OverLimit::Close,
            connection_limit: usize::MAX,
            per_ip_limit: 0,
            wake_fd_in_fdset: false,
            thread_stack_size: 0,
            fd_setsize: None,
        }
    }
}

impl Settings {
    /// How many loops the daemon runs (the accepting loop for thread per connection).
    pub fn loops(&self) -> usize {
        match self.threading {
            Threading::External { .. } | Threading::PerConnection => 1,
            Threading::Internal { pool } => pool.max(1),
        }
    }

    pub fn is_external(&self) -> bool {
        matches!(self.threading, Threading::External { .. })
    }
}
