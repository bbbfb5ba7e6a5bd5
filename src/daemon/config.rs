//! Daemon configuration: `MHD_start_daemon`'s flags and options, decoded and checked.

use std::net::SocketAddr;
use std::os::fd::RawFd;
use std::time::Duration;

/// `enum MHD_FLAG` bits.
pub mod flag {
    pub const USE_ERROR_LOG: u32 = 1;
    pub const USE_TLS: u32 = 2;
    pub const USE_THREAD_PER_CONNECTION: u32 = 4;
    pub const USE_INTERNAL_POLLING_THREAD: u32 = 8;
    pub const USE_IPV6: u32 = 16;
    pub const USE_PEDANTIC_CHECKS: u32 = 32;
    pub const USE_POLL: u32 = 64;
    pub const USE_SUPPRESS_DATE_NO_CLOCK: u32 = 128;
    pub const USE_NO_LISTEN_SOCKET: u32 = 256;
    pub const USE_EPOLL: u32 = 512;
    pub const USE_ITC: u32 = 1024;
    pub const USE_DUAL_STACK: u32 = 2048;
    pub const USE_TURBO: u32 = 4096;
    pub const ALLOW_SUSPEND_RESUME: u32 = 8192;
    pub const USE_TCP_FASTOPEN: u32 = 16384;
    pub const ALLOW_UPGRADE: u32 = 32768;
    pub const USE_AUTO: u32 = 65536;
    pub const USE_POST_HANDSHAKE_AUTH_SUPPORT: u32 = 1 << 17;
    pub const USE_INSECURE_TLS_EARLY_DATA: u32 = 1 << 18;
    pub const USE_NO_THREAD_SAFETY: u32 = 1 << 19;
    /// Every flag this implementation understands (TLS ones are refused separately).
    pub const KNOWN: u32 = (1 << 20) - 1;
}

/// How the daemon's loops are run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threading {
    /// The application calls `MHD_run`/`MHD_run_from_select` (select, poll or epoll flavour).
    External,
    /// One internal loop thread (or `pool` loop threads).
    Internal { pool: usize },
    /// One thread per connection, plus the accepting thread.
    PerConnection,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub flags: u32,
    pub port: u16,
    pub sock_addr: Option<SocketAddr>,
    pub listen_fd: Option<RawFd>,
    pub address_reuse: Option<bool>,
    pub backlog: u32,
    pub fastopen_queue: u32,
    pub connection_limit: usize,
    pub per_ip_limit: u32,
    pub connection_timeout: Option<Duration>,
    pub memory_limit: usize,
    pub memory_increment: usize,
    pub thread_pool_size: usize,
    pub thread_stack_size: usize,
    /// `MHD_OPTION_APP_FD_SETSIZE`: the largest fd an external `select` can hold + 1.
    pub app_fd_setsize: Option<usize>,
    /// `MHD_OPTION_DIGEST_AUTH_RANDOM(_COPY)`: the application's entropy for digest nonces.
    pub digest_random: Vec<u8>,
    /// `MHD_OPTION_NONCE_NC_SIZE`: slots of the digest nonce-count table.
    pub nonce_nc_size: usize,
    /// `MHD_OPTION_DIGEST_AUTH_NONCE_BIND_TYPE` (None: not given).
    pub digest_nonce_bind: Option<u32>,
}

/// libmicrohttpd's defaults.
pub const DEFAULT_MEMORY_LIMIT: usize = 32 * 1024;
pub const DEFAULT_MEMORY_INCREMENT: usize = 1024;
pub const DEFAULT_BACKLOG: u32 = 511;

impl Config {
    pub fn new(flags: u32, port: u16) -> Self {
        Config {
            flags,
            port,
            sock_addr: None,
            listen_fd: None,
            address_reuse: None,
            backlog: DEFAULT_BACKLOG,
            fastopen_queue: 10,
            connection_limit: usize::MAX,
            per_ip_limit: 0,
            connection_timeout: None,
            memory_limit: DEFAULT_MEMORY_LIMIT,
            memory_increment: DEFAULT_MEMORY_INCREMENT,
            thread_pool_size: 0,
            thread_stack_size: 0,
            app_fd_setsize: None,
            digest_random: Vec::new(),
            nonce_nc_size: crate::auth::nonce::DEFAULT_NC_SIZE,
            digest_nonce_bind: None,
        }
    }

    pub fn has(&self, f: u32) -> bool {
        self.flags & f == f
    }

    pub fn threading(&self) -> Threading {
        if self.has(flag::USE_THREAD_PER_CONNECTION) {
            Threading::PerConnection
        } else if self.has(flag::USE_INTERNAL_POLLING_THREAD) {
            Threading::Internal {
                pool: self.thread_pool_size.max(1),
            }
        } else {
            Threading::External
        }
    }

    pub fn allows_suspend(&self) -> bool {
        self.has(flag::ALLOW_SUSPEND_RESUME)
    }

    /// Whether the wake-up descriptor is part of the daemon (MHD: "ITC").
    pub fn uses_itc(&self) -> bool {
        self.has(flag::USE_ITC) || self.allows_suspend() || self.threading() != Threading::External
    }

    pub fn log_errors(&self) -> bool {
        self.has(flag::USE_ERROR_LOG)
    }
}
