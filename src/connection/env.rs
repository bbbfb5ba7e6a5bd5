//! What a connection is given by whoever runs it: its settings, the application, and the
//! daemon-wide facts it must react to (shutdown). The driver creates one per daemon and
//! hands every connection a reference, so the state machine never sees the daemon itself.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use super::app::Application;
use crate::auth::DigestState;

/// Per-connection behaviour, decoded from the daemon's flags and options at the boundary.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `MHD_OPTION_CONNECTION_MEMORY_LIMIT`: read buffer and request values together.
    pub memory_limit: usize,
    /// `MHD_OPTION_CONNECTION_MEMORY_INCREMENT`: how much the read buffer grows at a time.
    pub memory_increment: usize,
    /// `MHD_OPTION_CONNECTION_TIMEOUT` (None: never).
    pub timeout: Option<Duration>,
    /// `MHD_ALLOW_SUSPEND_RESUME`.
    pub suspend_resume: bool,
    /// `MHD_ALLOW_UPGRADE`.
    pub upgrade: bool,
    /// Add a `Date` header (off with `MHD_USE_SUPPRESS_DATE_NO_CLOCK`).
    pub date_header: bool,
    /// `MHD_USE_ERROR_LOG`.
    pub log_errors: bool,
    /// `MHD_OPTION_CLIENT_DISCIPLINE_LVL` / `MHD_OPTION_STRICT_FOR_CLIENT`.
    pub discipline: crate::http::head::Discipline,
}

/// libmicrohttpd's defaults.
pub const DEFAULT_MEMORY_LIMIT: usize = 32 * 1024;
pub const DEFAULT_MEMORY_INCREMENT: usize = 1024;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            memory_limit: DEFAULT_MEMORY_LIMIT,
            memory_increment: DEFAULT_MEMORY_INCREMENT,
            timeout: None,
            suspend_resume: false,
            upgrade: false,
            date_header: true,
            log_errors: false,
            discipline: Default::default(),
        }
    }
}

pub struct Env {
    pub settings: Settings,
    pub app: Box<dyn Application>,
    shutting_down: AtomicBool,
    /// The embedding's name for the daemon (the C API keeps its handle's address here, for
    /// `MHD_CONNECTION_INFO_DAEMON`); opaque to the core.
    pub owner: AtomicUsize,
    /// Digest nonces and nonce counts of this daemon.
    pub digest: DigestState,
}

impl Env {
    pub fn new(settings: Settings, app: Box<dyn Application>, digest: DigestState) -> Self {
        Env {
            settings,
            app,
            shutting_down: AtomicBool::new(false),
            owner: AtomicUsize::new(0),
            digest,
        }
    }

    /// Logs through the application when error logging is on.
    pub fn log(&self, msg: &str) {
        if self.settings.log_errors {
            self.app.log(msg);
        }
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::Acquire)
    }

    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::Release);
    }
}
