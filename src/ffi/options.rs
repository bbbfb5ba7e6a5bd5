//! Decoding `MHD_start_daemon`'s option list (the va_list, turned into items by the C
//! shim, and `MHD_OPTION_ARRAY` lists) into a `Config` and the application's callbacks.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::raw::c_void;
use std::time::Duration;

use super::types::*;
use crate::daemon::{flag, Config};

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
    /// TLS options: refused while this build has no TLS.
    pub const TLS: [i32; 11] = [8, 9, 10, 11, 20, 22, 24, 26, 30, 31, 37];
}

pub struct Parsed {
    pub config: Config,
    pub completed: Option<(RequestCompleted, SendPtr)>,
    pub notify_connection: Option<(NotifyConnection, SendPtr)>,
    pub uri_log: Option<(UriLog, SendPtr)>,
    pub logger: Option<(SendPtr, SendPtr)>,
    pub unescape: Option<(UnescapeCallback, SendPtr)>,
    pub listen_fd: Option<i32>,
}

impl Parsed {
    pub fn new(flags: u32, port: u16) -> Self {
        Parsed {
            config: Config::new(flags, port),
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
            opt::CONNECTION_MEMORY_LIMIT => {
                if (value as usize) < 1024 {
                    return Err(format!(
                        "Connection memory limit {} is too small.",
                        value as usize
                    ));
                }
                config.memory_limit = value as usize;
            }
            opt::CONNECTION_LIMIT => config.connection_limit = value as u32 as usize,
            opt::CONNECTION_TIMEOUT => {
                let secs = value as u32;
                config.connection_timeout =
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
            opt::PER_IP_CONNECTION_LIMIT => config.per_ip_limit = value as u32,
            opt::SOCK_ADDR | opt::SOCK_ADDR_LEN => {
                // SAFETY: the application passed a `struct sockaddr *` (or NULL).
                match unsafe { sockaddr(ptr.cast()) } {
                    Some(addr) => config.sock_addr = Some(addr),
                    None if ptr.is_null() => {}
                    None => {
                        return Err("Unsupported address family in MHD_OPTION_SOCK_ADDR.".into())
                    }
                }
            }
            opt::LISTEN_SOCKET => self.listen_fd = Some(value as i32),
            opt::THREAD_POOL_SIZE => config.thread_pool_size = value as u32 as usize,
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
            opt::THREAD_STACK_SIZE => config.thread_stack_size = value as usize,
            opt::CONNECTION_MEMORY_INCREMENT => config.memory_increment = (value as usize).max(256),
            opt::TCP_FASTOPEN_QUEUE_SIZE => config.fastopen_queue = value as u32,
            opt::LISTENING_ADDRESS_REUSE => config.address_reuse = Some(value as u32 != 0),
            opt::LISTEN_BACKLOG_SIZE => config.backlog = value as u32,
            opt::APP_FD_SETSIZE => config.app_fd_setsize = Some(value as i32 as usize),
            opt::DIGEST_AUTH_RANDOM | opt::DIGEST_AUTH_RANDOM_COPY => {
                // SAFETY: `value` bytes of random data at `ptr`.
                let bytes = unsafe { super::c_slice(ptr.cast(), value as usize) };
                config.digest_random = bytes.to_vec();
            }
            opt::NONCE_NC_SIZE => config.nonce_nc_size = value as u32 as usize,
            opt::DIGEST_AUTH_NONCE_BIND_TYPE => config.digest_nonce_bind = Some(value as u32),
            // Accepted: they tune strictness or digest defaults; our behaviour is already the
            // strict RFC 9112 one and digest auth uses its own defaults.
            opt::STRICT_FOR_CLIENT
            | opt::SERVER_INSANITY
            | opt::CLIENT_DISCIPLINE_LVL
            | opt::DIGEST_AUTH_DEFAULT_NONCE_TIMEOUT
            | opt::DIGEST_AUTH_DEFAULT_MAX_NC => {}
            // We never raise SIGPIPE (all writes use MSG_NOSIGNAL), with or without this.
            opt::SIGPIPE_HANDLED_BY_APP => {}
            // Only meaningful with TLS, which is refused anyway.
            opt::TLS_NO_ALPN => {}
            opt::UNESCAPE_CALLBACK => {
                // SAFETY: the application passed an unescape callback (or NULL).
                let f: Option<UnescapeCallback> = unsafe { std::mem::transmute(value) };
                self.unescape = f.map(|f| (f, SendPtr(ptr)));
            }
            o if opt::TLS.contains(&o) => {
                return Err(format!(
                    "TLS option {o} given, but this build does not support TLS."
                ));
            }
            o => return Err(format!("Invalid option {o} specified.")),
        }
        Ok(())
    }

    /// Checks flag combinations the way libmicrohttpd does.
    pub fn check_flags(&self) -> Result<(), String> {
        let c = &self.config;
        if c.flags & !flag::KNOWN != 0 {
            return Err(format!(
                "Unknown daemon flags 0x{:x}.",
                c.flags & !flag::KNOWN
            ));
        }
        if c.has(flag::USE_TLS) {
            return Err("TLS (MHD_USE_TLS) is not supported by this build.".into());
        }
        if c.has(flag::USE_POLL) && c.has(flag::USE_EPOLL) {
            return Err("Combining MHD_USE_POLL and MHD_USE_EPOLL is not supported.".into());
        }
        if c.has(flag::USE_THREAD_PER_CONNECTION) && c.thread_pool_size > 1 {
            return Err(
                "MHD_OPTION_THREAD_POOL_SIZE cannot be used with MHD_USE_THREAD_PER_CONNECTION."
                    .into(),
            );
        }
        if c.thread_pool_size > 1 && !c.has(flag::USE_INTERNAL_POLLING_THREAD) {
            return Err(
                "MHD_OPTION_THREAD_POOL_SIZE requires MHD_USE_INTERNAL_POLLING_THREAD.".into(),
            );
        }
        Ok(())
    }
}

/// Reads an IPv4/IPv6 `struct sockaddr`.
///
/// # Safety
/// `ptr` is NULL or points to a sockaddr of the family it declares.
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
