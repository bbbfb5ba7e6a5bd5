//! Decoding `MHD_start_daemon`'s option list (the va_list, turned into items by the C
//! shim, and `MHD_OPTION_ARRAY` lists) into a `Config` and the application's callbacks.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::raw::c_void;
use std::time::Duration;

use super::types::*;
use crate::daemon::Config;
use crate::driver::{OverLimit, Threading};
use crate::http::head::Discipline;
use crate::tls::{CredentialKind, CredentialsBuilder, RetrieveFunction, RetrieveKind};

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

/// `enum MHD_OPTION` values this module understands.
mod opt {
    pub const END: i32 = 0;
    pub const CONNECTION_MEMORY_LIMIT: i32 = 1;
    pub const CONNECTION_LIMIT: i32 = 2;
    pub const CONNECTION_TIMEOUT: i32 = 3;
    pub const NOTIFY_COMPLETED: i32 = 4;
    pub const PER_IP_CONNECTION_LIMIT: i32 = 5;
    pub const SOCK_ADDR: i32 = 6;
    pub const URI_LOG_CALLBACK: i32 = 7;
    pub const LISTEN_SOCKET: i32 = 12;
    pub const EXTERNAL_LOGGER: i32 = 13;
    pub const THREAD_POOL_SIZE: i32 = 14;
    pub const ARRAY: i32 = 15;
    pub const UNESCAPE_CALLBACK: i32 = 16;
    pub const DIGEST_AUTH_RANDOM: i32 = 17;
    pub const NONCE_NC_SIZE: i32 = 18;
    pub const THREAD_STACK_SIZE: i32 = 19;
    pub const CONNECTION_MEMORY_INCREMENT: i32 = 21;
    pub const TCP_FASTOPEN_QUEUE_SIZE: i32 = 23;
    pub const LISTENING_ADDRESS_REUSE: i32 = 25;
    pub const NOTIFY_CONNECTION: i32 = 27;
    pub const LISTEN_BACKLOG_SIZE: i32 = 28;
    pub const STRICT_FOR_CLIENT: i32 = 29;
    pub const SERVER_INSANITY: i32 = 32;
    pub const SIGPIPE_HANDLED_BY_APP: i32 = 33;
    pub const TLS_NO_ALPN: i32 = 34;
    pub const DIGEST_AUTH_RANDOM_COPY: i32 = 35;
    pub const DIGEST_AUTH_NONCE_BIND_TYPE: i32 = 36;
    pub const CLIENT_DISCIPLINE_LVL: i32 = 38;
    pub const APP_FD_SETSIZE: i32 = 39;
    pub const SOCK_ADDR_LEN: i32 = 40;
    pub const DIGEST_AUTH_DEFAULT_NONCE_TIMEOUT: i32 = 41;
    pub const DIGEST_AUTH_DEFAULT_MAX_NC: i32 = 42;
    pub const HTTPS_MEM_KEY: i32 = 8;
    pub const HTTPS_MEM_CERT: i32 = 9;
    pub const HTTPS_CRED_TYPE: i32 = 10;
    pub const HTTPS_PRIORITIES: i32 = 11;
    pub const HTTPS_MEM_TRUST: i32 = 20;
    pub const HTTPS_CERT_CALLBACK: i32 = 22;
    pub const HTTPS_MEM_DHPARAMS: i32 = 24;
    pub const HTTPS_KEY_PASSWORD: i32 = 26;
    pub const GNUTLS_PSK_CRED_HANDLER: i32 = 30;
    pub const HTTPS_CERT_CALLBACK2: i32 = 31;
    pub const HTTPS_PRIORITIES_APPEND: i32 = 37;

    /// Options that only mean something with `MHD_USE_TLS`.
    pub fn is_tls(option: i32) -> bool {
        matches!(
            option,
            HTTPS_MEM_KEY
                | HTTPS_MEM_CERT
                | HTTPS_CRED_TYPE
                | HTTPS_PRIORITIES
                | HTTPS_MEM_TRUST
                | HTTPS_CERT_CALLBACK
                | HTTPS_MEM_DHPARAMS
                | HTTPS_KEY_PASSWORD
                | GNUTLS_PSK_CRED_HANDLER
                | HTTPS_CERT_CALLBACK2
                | HTTPS_PRIORITIES_APPEND
        )
    }
}

pub struct Parsed {
    /// The flags as given (`MHD_USE_AUTO` already resolved to epoll).
    pub flags: u32,
    pub config: Config,
    thread_pool_size: usize,
    fastopen_queue: u32,
    /// The HTTPS options given (credentials are built once the whole list is read).
    tls: CredentialsBuilder,
    tls_alpn: bool,
    /// HTTPS options given without `MHD_USE_TLS` (ignored with a warning, as 0.9.75).
    tls_ignored: Vec<i32>,
    pub completed: Option<(RequestCompleted, SendPtr)>,
    pub notify_connection: Option<(NotifyConnection, SendPtr)>,
    pub uri_log: Option<(UriLog, SendPtr)>,
    pub logger: Option<(SendPtr, SendPtr)>,
    pub unescape: Option<(UnescapeCallback, SendPtr)>,
    pub listen_fd: Option<i32>,
}

impl Parsed {
    pub fn new(flags: u32, port: u16) -> Self {
        // MHD_USE_AUTO picks the best poller: epoll here (unless poll was asked for).
        let flags = if flags & flag::USE_AUTO != 0 && flags & flag::USE_POLL == 0 {
            flags | flag::USE_EPOLL
        } else {
            flags
        };
        let mut config = Config::default();
        config.listen.port = port;
        if flags & flag::USE_PEDANTIC_CHECKS != 0 {
            // The old flag is STRICT_FOR_CLIENT 1; an option given later overrides it.
            config.connection.discipline = Discipline::strict_for_client(1);
        }
        Parsed {
            flags,
            config,
            thread_pool_size: 0,
            fastopen_queue: 10,
            tls: CredentialsBuilder::default(),
            tls_alpn: true,
            tls_ignored: Vec::new(),
            completed: None,
            notify_connection: None,
            uri_log: None,
            logger: None,
            unescape: None,
            listen_fd: None,
        }
    }

    /// Applies `items`; the first problem is returned (and the rest still parsed, so a
    /// logger given later in the list can report it).
    ///
    /// # Safety
    /// Pointers inside the items are what the application passed for each option.
    pub unsafe fn apply(&mut self, items: &[MHD_OptionItem]) -> Result<(), String> {
        let mut first_error = Ok(());
        for item in items {
            if item.option == opt::END {
                break;
            }
            // SAFETY: forwarded contract of this function.
            let result = unsafe { self.apply_one(item) };
            if first_error.is_ok() {
                first_error = result;
            }
        }
        first_error
    }

    /// # Safety
    /// See [`Parsed::apply`].
    unsafe fn apply_one(&mut self, item: &MHD_OptionItem) -> Result<(), String> {
        let value = item.value;
        let ptr = item.ptr_value;
        let config = &mut self.config;
        match item.option {
            // Any value, as 0.9.75: a tiny pool (even 0) is taken as given, and requests
            // that do not fit are refused.
            opt::CONNECTION_MEMORY_LIMIT => config.connection.memory_limit = value as usize,
            opt::CONNECTION_LIMIT => config.driver.connection_limit = value as u32 as usize,
            opt::CONNECTION_TIMEOUT => {
                let secs = value as u32;
                config.connection.timeout =
                    (secs > 0).then(|| Duration::from_secs(u64::from(secs)));
            }
            opt::NOTIFY_COMPLETED => {
                // SAFETY: the application passed a MHD_RequestCompletedCallback (or NULL).
                let f: Option<RequestCompleted> = unsafe { std::mem::transmute(value) };
                self.completed = f.map(|f| (f, SendPtr(ptr)));
            }
            opt::NOTIFY_CONNECTION => {
                // SAFETY: the application passed a MHD_NotifyConnectionCallback (or NULL).
                let f: Option<NotifyConnection> = unsafe { std::mem::transmute(value) };
                self.notify_connection = f.map(|f| (f, SendPtr(ptr)));
            }
            opt::URI_LOG_CALLBACK => {
                // SAFETY: the application passed a URI log callback (or NULL).
                let f: Option<UriLog> = unsafe { std::mem::transmute(value) };
                self.uri_log = f.map(|f| (f, SendPtr(ptr)));
            }
            opt::EXTERNAL_LOGGER => {
                let f = value as *mut c_void;
                self.logger = (!f.is_null()).then_some((SendPtr(f), SendPtr(ptr)));
            }
            opt::PER_IP_CONNECTION_LIMIT => config.driver.per_ip_limit = value as u32,
            opt::SOCK_ADDR_LEN if value == 0 && ptr.is_null() => {}
            opt::SOCK_ADDR_LEN if (value as u32 as usize) < sockaddr_size(ptr.cast()) => {
                return Err(format!(
                    "MHD_OPTION_SOCK_ADDR_LEN: length {} is too short for the address family.",
                    value as u32
                ));
            }
            opt::SOCK_ADDR | opt::SOCK_ADDR_LEN => {
                // SAFETY: the application passed a `struct sockaddr *` (or NULL) of at least
                // the size of its family (checked above for SOCK_ADDR_LEN).
                match unsafe { sockaddr(ptr.cast()) } {
                    Some(addr) => config.listen.sock_addr = Some(addr),
                    None if ptr.is_null() => {}
                    None => {
                        return Err("Unsupported address family in MHD_OPTION_SOCK_ADDR.".into())
                    }
                }
            }
            opt::LISTEN_SOCKET => self.listen_fd = Some(value as i32),
            opt::THREAD_POOL_SIZE => self.thread_pool_size = value as u32 as usize,
            opt::ARRAY => {
                let array = ptr.cast::<MHD_OptionItem>();
                if array.is_null() {
                    return Ok(());
                }
                let mut n = 0;
                // SAFETY: MHD_OPTION_ARRAY points to items terminated by MHD_OPTION_END.
                while n < 4096 && unsafe { (*array.add(n)).option } != opt::END {
                    n += 1;
                }
                // SAFETY: the `n` items before the terminator were just read.
                let items = unsafe { std::slice::from_raw_parts(array, n) };
                // SAFETY: forwarded contract of this function.
                return unsafe { self.apply(items) };
            }
            opt::THREAD_STACK_SIZE => config.driver.thread_stack_size = value as usize,
            opt::CONNECTION_MEMORY_INCREMENT => {
                config.connection.memory_increment = (value as usize).max(256)
            }
            opt::TCP_FASTOPEN_QUEUE_SIZE => self.fastopen_queue = value as u32,
            opt::LISTENING_ADDRESS_REUSE => config.listen.address_reuse = Some(value as u32 != 0),
            opt::LISTEN_BACKLOG_SIZE => config.listen.backlog = value as u32,
            opt::APP_FD_SETSIZE => config.driver.fd_setsize = Some(value as i32 as usize),
            opt::DIGEST_AUTH_RANDOM | opt::DIGEST_AUTH_RANDOM_COPY => {
                // SAFETY: `value` bytes of random data at `ptr`.
                let bytes = unsafe { super::c_slice(ptr.cast(), value as usize) };
                config.digest_random = bytes.to_vec();
            }
            opt::NONCE_NC_SIZE => config.nonce_nc_size = value as u32 as usize,
            opt::DIGEST_AUTH_NONCE_BIND_TYPE => config.digest_nonce_bind = Some(value as u32),
            opt::STRICT_FOR_CLIENT => {
                config.connection.discipline = Discipline::strict_for_client(value as i32 as i64)
            }
            opt::CLIENT_DISCIPLINE_LVL => {
                config.connection.discipline = Discipline::client_discipline(value as i32 as i64)
            }
            // Accepted: SERVER_INSANITY has nothing to disable; digest auth uses its own
            // defaults.
            opt::SERVER_INSANITY
            | opt::DIGEST_AUTH_DEFAULT_NONCE_TIMEOUT
            | opt::DIGEST_AUTH_DEFAULT_MAX_NC => {}
            // We never raise SIGPIPE (all writes use MSG_NOSIGNAL), with or without this.
            opt::SIGPIPE_HANDLED_BY_APP => {}
            opt::TLS_NO_ALPN => self.tls_alpn = value as i32 == 0,
            o if opt::is_tls(o) && self.flags & flag::USE_TLS == 0 => self.tls_ignored.push(o),
            opt::HTTPS_MEM_KEY
            | opt::HTTPS_MEM_CERT
            | opt::HTTPS_MEM_TRUST
            | opt::HTTPS_MEM_DHPARAMS
            | opt::HTTPS_KEY_PASSWORD => {
                // SAFETY: the application passed a NUL-terminated string (or NULL).
                let Some(text) = (unsafe { super::c_bytes(ptr.cast()) }) else {
                    return Ok(());
                };
                let tls = &mut self.tls;
                match item.option {
                    opt::HTTPS_MEM_KEY => tls.key_pem(text),
                    opt::HTTPS_MEM_CERT => tls.cert_pem(text),
                    opt::HTTPS_MEM_TRUST => tls.trust_pem(text),
                    opt::HTTPS_MEM_DHPARAMS => tls.dh_params_pem(text),
                    _ => tls.key_password(text),
                };
            }
            opt::HTTPS_PRIORITIES | opt::HTTPS_PRIORITIES_APPEND => {
                // SAFETY: the application passed a NUL-terminated string (or NULL).
                let Some(text) = (unsafe { super::c_bytes(ptr.cast()) }) else {
                    return Ok(());
                };
                let text = String::from_utf8_lossy(text);
                if item.option == opt::HTTPS_PRIORITIES {
                    self.tls.priorities(&text);
                } else {
                    self.tls.priorities_append(&text);
                }
            }
            opt::HTTPS_CRED_TYPE => match CredentialKind::from_gnutls(value as i32) {
                Some(kind) => {
                    self.tls.kind(kind);
                }
                None => return Err(format!("Unsupported TLS credential type {}.", value as i32)),
            },
            opt::HTTPS_CERT_CALLBACK | opt::HTTPS_CERT_CALLBACK2 => {
                let kind = if item.option == opt::HTTPS_CERT_CALLBACK {
                    RetrieveKind::Function2
                } else {
                    RetrieveKind::Function3
                };
                // SAFETY: the application passed a gnutls_certificate_retrieve_function2
                // (CERT_CALLBACK) or _function3 (CERT_CALLBACK2) pointer, or NULL.
                if let Some(f) = unsafe { RetrieveFunction::from_raw(ptr.cast_const(), kind) } {
                    self.tls.cert_retrieve(f);
                }
            }
            opt::GNUTLS_PSK_CRED_HANDLER => {
                // SAFETY: the application passed a MHD_PskServerCredentialsCallback (or NULL).
                let f: Option<PskCallback> = unsafe { std::mem::transmute(value) };
                if let Some(f) = f {
                    let cls = SendPtr(ptr);
                    self.tls.psk_with_user_ptr(move |conn, user| {
                        super::app::psk_lookup(f, cls, conn, user)
                    });
                }
            }
            opt::UNESCAPE_CALLBACK => {
                // SAFETY: the application passed an unescape callback (or NULL).
                let f: Option<UnescapeCallback> = unsafe { std::mem::transmute(value) };
                self.unescape = f.map(|f| (f, SendPtr(ptr)));
            }
            o => return Err(format!("Invalid option {o} specified.")),
        }
        Ok(())
    }

    fn has(&self, f: u32) -> bool {
        self.flags & f == f
    }

    /// Checks flag combinations the way libmicrohttpd does.
    pub fn check_flags(&self) -> Result<(), String> {
        if self.flags & !flag::KNOWN != 0 {
            return Err(format!(
                "Unknown daemon flags 0x{:x}.",
                self.flags & !flag::KNOWN
            ));
        }
        if self.has(flag::USE_POLL) && self.has(flag::USE_EPOLL) {
            return Err("Combining MHD_USE_POLL and MHD_USE_EPOLL is not supported.".into());
        }
        if self.has(flag::USE_THREAD_PER_CONNECTION) && self.thread_pool_size > 1 {
            return Err(
                "MHD_OPTION_THREAD_POOL_SIZE cannot be used with MHD_USE_THREAD_PER_CONNECTION."
                    .into(),
            );
        }
        if self.thread_pool_size > 1 && !self.has(flag::USE_INTERNAL_POLLING_THREAD) {
            return Err(
                "MHD_OPTION_THREAD_POOL_SIZE requires MHD_USE_INTERNAL_POLLING_THREAD.".into(),
            );
        }
        Ok(())
    }

    /// Warnings about options that were given but have no effect.
    pub fn warnings(&self) -> Vec<String> {
        self.tls_ignored
            .iter()
            .map(|o| format!("MHD HTTPS option {o} passed to MHD but MHD_USE_TLS not set."))
            .collect()
    }

    /// The configuration, with the flags decoded into each layer's settings; Err when the
    /// HTTPS credentials cannot be set up.
    pub fn into_config(self) -> Result<Config, String> {
        let flags = self.flags;
        let has = |f: u32| flags & f == f;
        let mut config = self.config;
        let threading = if has(flag::USE_THREAD_PER_CONNECTION) {
            Threading::PerConnection
        } else if has(flag::USE_INTERNAL_POLLING_THREAD) {
            Threading::Internal {
                pool: self.thread_pool_size.max(1),
            }
        } else {
            Threading::External {
                epoll: has(flag::USE_EPOLL),
            }
        };
        let connection = &mut config.connection;
        connection.suspend_resume = has(flag::ALLOW_SUSPEND_RESUME);
        connection.upgrade = has(flag::ALLOW_UPGRADE);
        connection.date_header = !has(flag::USE_SUPPRESS_DATE_NO_CLOCK);
        connection.log_errors = has(flag::USE_ERROR_LOG);
        let driver = &mut config.driver;
        driver.threading = threading;
        // Select-style daemons accept a connection beyond the limit and close it at once (and
        // log); poll/epoll-style and thread-per-connection ones leave it in the backlog.
        let select_style = !has(flag::USE_POLL) && !has(flag::USE_EPOLL);
        driver.over_limit = if select_style && threading != Threading::PerConnection {
            OverLimit::Close
        } else {
            OverLimit::Backlog
        };
        driver.wake_fd_in_fdset = has(flag::USE_ITC) || has(flag::ALLOW_SUSPEND_RESUME);
        let listen = &mut config.listen;
        listen.enabled = !has(flag::USE_NO_LISTEN_SOCKET);
        listen.ipv6 = has(flag::USE_IPV6);
        listen.dual_stack = has(flag::USE_DUAL_STACK);
        listen.fastopen = has(flag::USE_TCP_FASTOPEN).then_some(self.fastopen_queue);
        if has(flag::USE_TLS) {
            // Two lines, as libmicrohttpd logs them.
            let credentials = self
                .tls
                .build()
                .map_err(|e| format!("{}\nFailed to initialize TLS support.", e.message()))?;
            config.driver.tls = Some(crate::driver::TlsSettings {
                credentials: std::sync::Arc::new(credentials),
                alpn: self.tls_alpn,
            });
        }
        Ok(config)
    }
}

/// Reads an IPv4/IPv6 `struct sockaddr`.
///
/// # Safety
/// `ptr` is NULL or points to a sockaddr of the family it declares.
/// The size of the address structure of `ptr`'s family (the size of `sa_family` when the
/// family is not one we bind to, or `ptr` is NULL: enough to read the family).
fn sockaddr_size(ptr: *const libc::sockaddr) -> usize {
    let family_size = std::mem::size_of::<libc::sa_family_t>();
    if ptr.is_null() {
        return family_size;
    }
    // SAFETY: a non-NULL sockaddr holds at least its family.
    match i32::from(unsafe { (*ptr).sa_family }) {
        libc::AF_INET => std::mem::size_of::<libc::sockaddr_in>(),
        libc::AF_INET6 => std::mem::size_of::<libc::sockaddr_in6>(),
        _ => family_size,
    }
}

pub unsafe fn sockaddr(ptr: *const libc::sockaddr) -> Option<SocketAddr> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: every sockaddr starts with its family.
    match i32::from(unsafe { (*ptr).sa_family }) {
        libc::AF_INET => {
            // SAFETY: the family says this is a sockaddr_in.
            let sin = unsafe { &*ptr.cast::<libc::sockaddr_in>() };
            let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            Some(SocketAddr::V4(SocketAddrV4::new(
                ip,
                u16::from_be(sin.sin_port),
            )))
        }
        libc::AF_INET6 => {
            // SAFETY: the family says this is a sockaddr_in6.
            let sin6 = unsafe { &*ptr.cast::<libc::sockaddr_in6>() };
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            Some(SocketAddr::V6(SocketAddrV6::new(
                ip,
                u16::from_be(sin6.sin6_port),
                sin6.sin6_flowinfo,
                sin6.sin6_scope_id,
            )))
        }
        _ => None,
    }
}
