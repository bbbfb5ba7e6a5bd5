//! Daemon lifecycle and driving: start/stop, fd sets, run, timeouts, daemon info.

use std::os::fd::FromRawFd;
use std::os::raw::{c_int, c_uint, c_ulonglong, c_void};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use super::app::CApp;
use super::options::flag;
use super::options::Parsed;
use super::types::*;
use super::{guard, SendPtr};
use crate::daemon::Daemon;

/// What a `struct MHD_Daemon *` points to.
pub struct DaemonHandle {
    pub daemon: Daemon,
    /// Stable storage for the `union MHD_DaemonInfo` answers.
    info_listen_fd: c_int,
    info_epoll_fd: c_int,
    info_connections: AtomicU32,
    info_flags: c_uint,
    info_port: u16,
}

impl super::handle::Castable for MHD_Daemon {
    type Rust = DaemonHandle;
}
impl super::handle::BoxCastable for MHD_Daemon {}

impl DaemonHandle {
    /// Whether the daemon was started with flag `f`.
    fn has(&self, f: c_uint) -> bool {
        self.info_flags & f == f
    }
}

/// Borrows the daemon behind a C handle.
///
/// # Safety
/// `ptr` is NULL or a live handle returned by `MHD_start_daemon`.
pub(crate) unsafe fn handle<'a>(ptr: *mut MHD_Daemon) -> Option<&'a DaemonHandle> {
    // SAFETY: forwarded contract.
    unsafe { super::handle::try_ref(ptr) }
}

/// Entry point of `MHD_start_daemon(_va)` (called by the C shim).
pub(super) unsafe extern "C" fn start_daemon(
    flags: c_uint,
    port: u16,
    apc: *mut c_void,
    apc_cls: *mut c_void,
    dh: *mut c_void,
    dh_cls: *mut c_void,
    items: *const MHD_OptionItem,
    count: usize,
    overflowed: c_int,
) -> *mut MHD_Daemon {
    guard(std::ptr::null_mut(), || {
        let mut parsed = Parsed::new(flags, port);
        let items = if items.is_null() {
            &[][..]
        } else {
            // SAFETY: the shim passes `count` initialised items.
            unsafe { std::slice::from_raw_parts(items, count) }
        };
        // SAFETY: option pointers are what the application passed for each option.
        let mut result = unsafe { parsed.apply(items) };
        if overflowed != 0 && result.is_ok() {
            result = Err("Too many options given to MHD_start_daemon.".into());
        }
        if result.is_ok() {
            result = parsed.check_flags();
        }
        if dh.is_null() && result.is_ok() {
            result = Err("No access handler given.".into());
        }
        let logger = parsed.logger;
        let log = |msg: &str| {
            if flags & flag::USE_ERROR_LOG != 0 {
                let app = CApp {
                    // Only used for logging here; never called.
                    handler: noop_handler,
                    handler_cls: SendPtr(std::ptr::null_mut()),
                    accept_policy: None,
                    completed: None,
                    notify_connection: None,
                    uri_log: None,
                    logger,
                    unescape: None,
                };
                app.log_message(msg);
            }
        };
        if let Err(msg) = result {
            log(&msg);
            close_given_socket(parsed.listen_fd);
            return std::ptr::null_mut();
        }
        let listener = parsed.listen_fd.map(|fd| {
            // SAFETY: MHD_OPTION_LISTEN_SOCKET hands the daemon a bound, listening socket it
            // owns from now on (libmicrohttpd closes it on stop).
            unsafe { std::net::TcpListener::from_raw_fd(fd) }
        });
        let app = CApp {
            // SAFETY: checked non-NULL above; the application passed an access handler.
            handler: unsafe { std::mem::transmute::<*mut c_void, AccessHandler>(dh) },
            handler_cls: SendPtr(dh_cls),
            accept_policy: (!apc.is_null()).then(|| {
                // SAFETY: non-NULL `apc` is the application's accept policy callback.
                (
                    unsafe { std::mem::transmute::<*mut c_void, AcceptPolicy>(apc) },
                    SendPtr(apc_cls),
                )
            }),
            completed: parsed.completed,
            notify_connection: parsed.notify_connection,
            uri_log: parsed.uri_log,
            logger: parsed.logger,
            unescape: parsed.unescape,
        };
        let reported_flags = parsed.flags;
        for warning in parsed.warnings() {
            log(&warning);
        }
        let config = match parsed.into_config() {
            Ok(config) => config,
            Err(msg) => {
                log(&msg);
                return std::ptr::null_mut();
            }
        };
        match Daemon::start(config, Box::new(app), listener) {
            Ok(daemon) => {
                let info_listen_fd = daemon.listen_fd().unwrap_or(-1);
                let info_epoll_fd = daemon.epoll_fd().unwrap_or(-1);
                let info_port = daemon.bind_port().unwrap_or(0);
                let owner = daemon.shared().env.clone();
                let handle = super::handle::to_boxed_ptr(DaemonHandle {
                    daemon,
                    info_listen_fd,
                    info_epoll_fd,
                    info_connections: AtomicU32::new(0),
                    info_flags: reported_flags,
                    info_port,
                });
                // For MHD_CONNECTION_INFO_DAEMON: connections know their daemon's handle.
                owner.owner.store(handle as usize, Ordering::Release);
                handle
            }
            Err(e) => {
                log(&format!("Failed to start daemon: {e}"));
                std::ptr::null_mut()
            }
        }
    })
}

unsafe extern "C" fn noop_handler(
    _: *mut c_void,
    _: *mut MHD_Connection,
    _: *const std::os::raw::c_char,
    _: *const std::os::raw::c_char,
    _: *const std::os::raw::c_char,
    _: *const std::os::raw::c_char,
    _: *mut usize,
    _: *mut *mut c_void,
) -> c_int {
    MHD_NO
}

/// A listen socket handed over by the application is ours even when start fails.
fn close_given_socket(fd: Option<c_int>) {
    if let Some(fd) = fd.filter(|fd| *fd >= 0) {
        // SAFETY: ownership of the descriptor was transferred with MHD_OPTION_LISTEN_SOCKET.
        drop(unsafe { std::os::fd::OwnedFd::from_raw_fd(fd) });
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_stop_daemon(daemon: *mut MHD_Daemon) {
    guard((), || {
        // SAFETY: a non-NULL handle came from MHD_start_daemon and is stopped only once.
        if let Some(handle) = unsafe { super::handle::try_box_from_ptr(daemon) } {
            handle.daemon.stop();
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_quiesce_daemon(daemon: *mut MHD_Daemon) -> c_int {
    guard(-1, || {
        // SAFETY: see `handle`.
        let Some(h) = (unsafe { handle(daemon) }) else {
            return -1;
        };
        // libmicrohttpd refuses to quiesce internal-thread daemons without an ITC; ours
        // always have one (every loop thread has its wake-up eventfd).
        h.daemon.quiesce().unwrap_or(-1)
    })
}

/// Sets bit `fd` in a caller's fd set of `setsize` bits (no FD_SETSIZE assumption).
///
/// # Safety
/// `set` points to at least `setsize` bits of writable memory, `fd < setsize`.
unsafe fn set_bit(set: *mut libc::fd_set, fd: usize) {
    let bits = std::mem::size_of::<libc::c_ulong>() * 8;
    // SAFETY: per the contract the word containing bit `fd` is inside the caller's set.
    unsafe { *set.cast::<libc::c_ulong>().add(fd / bits) |= 1 << (fd % bits) };
}

/// # Safety
/// As for [`set_bit`], for reading.
unsafe fn is_set(set: *const libc::fd_set, fd: usize, setsize: usize) -> bool {
    if set.is_null() || fd >= setsize {
        return false;
    }
    let bits = std::mem::size_of::<libc::c_ulong>() * 8;
    // SAFETY: per the contract the word containing bit `fd` is inside the caller's set.
    unsafe { *set.cast::<libc::c_ulong>().add(fd / bits) & (1 << (fd % bits)) != 0 }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_get_fdset2(
    daemon: *mut MHD_Daemon,
    read_fd_set: *mut libc::fd_set,
    write_fd_set: *mut libc::fd_set,
    except_fd_set: *mut libc::fd_set,
    max_fd: *mut c_int,
    fd_setsize: c_uint,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: see `handle`.
        let Some(h) = (unsafe { handle(daemon) }) else {
            return MHD_NO;
        };
        if read_fd_set.is_null() || write_fd_set.is_null() {
            return MHD_NO;
        }
        let shared = h.daemon.shared();
        if !h.daemon.is_external() {
            shared.log("MHD_get_fdset2() called for a daemon with an internal thread.");
            return MHD_NO;
        }
        let setsize = fd_setsize as usize;
        // Remember how large the caller's sets are, so connections that would not fit are refused.
        shared.fd_setsize.store(setsize, Ordering::Relaxed);
        let _ = except_fd_set;
        let mut fits = true;
        let found = h.daemon.with_driver(|worker| {
            if h.has(flag::USE_EPOLL) {
                // External epoll: the one descriptor to watch is the epoll fd.
                let fd = worker.epoll_fd() as usize;
                add(read_fd_set, fd, setsize, max_fd, &mut fits);
                return;
            }
            worker.for_each_fd(|fd, r, w| {
                let fd = fd as usize;
                if r {
                    add(read_fd_set, fd, setsize, max_fd, &mut fits);
                }
                if w {
                    add(write_fd_set, fd, setsize, max_fd, &mut fits);
                }
            });
        });
        if found.is_none() {
            return MHD_NO;
        }
        if !fits {
            shared.log("File descriptor does not fit the fd_set given to MHD_get_fdset2().");
            return MHD_NO;
        }
        MHD_YES
    })
}

fn add(set: *mut libc::fd_set, fd: usize, setsize: usize, max_fd: *mut c_int, fits: &mut bool) {
    if fd >= setsize {
        *fits = false;
        return;
    }
    // SAFETY: the caller's set holds `setsize` bits and fd < setsize.
    unsafe { set_bit(set, fd) };
    if !max_fd.is_null() {
        // SAFETY: non-NULL `max_fd` is the caller's int.
        unsafe {
            if *max_fd < fd as c_int {
                *max_fd = fd as c_int;
            }
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_get_fdset(
    daemon: *mut MHD_Daemon,
    read_fd_set: *mut libc::fd_set,
    write_fd_set: *mut libc::fd_set,
    except_fd_set: *mut libc::fd_set,
    max_fd: *mut c_int,
) -> c_int {
    // SAFETY: forwards the caller's arguments; fd sets of FD_SETSIZE bits.
    unsafe {
        MHD_get_fdset2(
            daemon,
            read_fd_set,
            write_fd_set,
            except_fd_set,
            max_fd,
            libc::FD_SETSIZE as c_uint,
        )
    }
}

fn run_external(daemon: *mut MHD_Daemon, timeout: Option<Duration>) -> c_int {
    // SAFETY: see `handle`.
    let Some(h) = (unsafe { handle(daemon) }) else {
        return MHD_NO;
    };
    if !h.daemon.is_external() {
        return MHD_NO;
    }
    let result = h.daemon.with_driver(|worker| {
        let wait = match (timeout, worker.timeout()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (Some(a), None) => Some(a),
            (None, b) => b,
        };
        worker.run(wait)
    });
    match result {
        Some(Ok(())) => MHD_YES,
        Some(Err(e)) => {
            h.daemon.shared().log(&format!("Polling failed: {e}"));
            MHD_NO
        }
        None => MHD_NO,
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_run(daemon: *mut MHD_Daemon) -> c_int {
    guard(MHD_NO, || run_external(daemon, Some(Duration::ZERO)))
}

#[no_mangle]
pub unsafe extern "C" fn MHD_run_wait(daemon: *mut MHD_Daemon, millisec: i32) -> c_int {
    guard(MHD_NO, || {
        let timeout = (millisec >= 0).then(|| Duration::from_millis(millisec as u64));
        run_external(daemon, timeout)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_run_from_select2(
    daemon: *mut MHD_Daemon,
    read_fd_set: *const libc::fd_set,
    write_fd_set: *const libc::fd_set,
    except_fd_set: *const libc::fd_set,
    fd_setsize: c_uint,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: see `handle`.
        let Some(h) = (unsafe { handle(daemon) }) else {
            return MHD_NO;
        };
        if !h.daemon.is_external() || read_fd_set.is_null() || write_fd_set.is_null() {
            return MHD_NO;
        }
        let _ = except_fd_set;
        let setsize = fd_setsize as usize;
        if h.has(flag::USE_EPOLL) {
            // External epoll: the sets only say whether our epoll fd was ready.
            return run_external(daemon, Some(Duration::ZERO));
        }
        let ran = h.daemon.with_driver(|worker| {
            worker.run_with(|fd| {
                let fd = fd as usize;
                // SAFETY: the caller's sets hold `setsize` bits; is_set checks the bound.
                unsafe {
                    (
                        is_set(read_fd_set, fd, setsize),
                        is_set(write_fd_set, fd, setsize),
                    )
                }
            })
        });
        if ran.is_some() {
            MHD_YES
        } else {
            MHD_NO
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_run_from_select(
    daemon: *mut MHD_Daemon,
    read_fd_set: *const libc::fd_set,
    write_fd_set: *const libc::fd_set,
    except_fd_set: *const libc::fd_set,
) -> c_int {
    // SAFETY: forwards the caller's arguments; fd sets of FD_SETSIZE bits.
    unsafe {
        MHD_run_from_select2(
            daemon,
            read_fd_set,
            write_fd_set,
            except_fd_set,
            libc::FD_SETSIZE as c_uint,
        )
    }
}

/// The external loop's timeout; None = no timeout needed (or not external mode).
fn timeout_of(daemon: *mut MHD_Daemon) -> Option<Duration> {
    // SAFETY: see `handle`.
    let h = unsafe { handle(daemon) }?;
    if !h.daemon.is_external() {
        return None;
    }
    h.daemon.with_driver(|w| w.timeout()).flatten()
}

fn millis_ceil(d: Duration) -> u64 {
    let ms = d.as_millis() as u64;
    if Duration::from_millis(ms) < d {
        ms + 1
    } else {
        ms
    }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_get_timeout(
    daemon: *mut MHD_Daemon,
    timeout: *mut c_ulonglong,
) -> c_int {
    guard(MHD_NO, || match (timeout_of(daemon), timeout.is_null()) {
        (Some(d), false) => {
            // SAFETY: non-NULL out-pointer from the caller.
            unsafe { *timeout = millis_ceil(d) };
            MHD_YES
        }
        _ => MHD_NO,
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_get_timeout64(daemon: *mut MHD_Daemon, timeout: *mut u64) -> c_int {
    // SAFETY: same layout (unsigned long long is u64 here).
    unsafe { MHD_get_timeout(daemon, timeout.cast()) }
}

#[no_mangle]
pub unsafe extern "C" fn MHD_get_timeout64s(daemon: *mut MHD_Daemon) -> i64 {
    guard(-1, || {
        timeout_of(daemon).map_or(-1, |d| millis_ceil(d).min(i64::MAX as u64) as i64)
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_get_timeout_i(daemon: *mut MHD_Daemon) -> c_int {
    guard(-1, || {
        timeout_of(daemon).map_or(-1, |d| millis_ceil(d).min(i32::MAX as u64) as c_int)
    })
}

/// `enum MHD_DaemonInfoType` values.
const INFO_LISTEN_FD: c_int = 2;
const INFO_EPOLL_FD: c_int = 3;
const INFO_CURRENT_CONNECTIONS: c_int = 4;
const INFO_FLAGS: c_int = 5;
const INFO_BIND_PORT: c_int = 6;

pub(super) unsafe extern "C" fn get_daemon_info(
    daemon: *mut MHD_Daemon,
    info_type: c_int,
) -> *const c_void {
    guard(std::ptr::null(), || {
        // SAFETY: see `handle`.
        let Some(h) = (unsafe { handle(daemon) }) else {
            return std::ptr::null();
        };
        match info_type {
            INFO_LISTEN_FD if h.info_listen_fd >= 0 => (&h.info_listen_fd as *const c_int).cast(),
            INFO_EPOLL_FD if h.info_epoll_fd >= 0 && h.has(flag::USE_EPOLL) => {
                (&h.info_epoll_fd as *const c_int).cast()
            }
            INFO_CURRENT_CONNECTIONS => {
                let n = h
                    .daemon
                    .shared()
                    .current_connections
                    .load(Ordering::Acquire);
                h.info_connections.store(n as u32, Ordering::Release);
                h.info_connections.as_ptr().cast_const().cast()
            }
            INFO_FLAGS => (&h.info_flags as *const c_uint).cast(),
            INFO_BIND_PORT if h.info_port != 0 => (&h.info_port as *const u16).cast(),
            _ => std::ptr::null(),
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn MHD_add_connection(
    daemon: *mut MHD_Daemon,
    client_socket: c_int,
    addr: *const libc::sockaddr,
    addrlen: libc::socklen_t,
) -> c_int {
    guard(MHD_NO, || {
        // SAFETY: see `handle`.
        let Some(h) = (unsafe { handle(daemon) }) else {
            return MHD_NO;
        };
        if client_socket < 0 {
            return MHD_NO;
        }
        // SAFETY: the application transfers ownership of the connected socket to us.
        let stream = unsafe { std::net::TcpStream::from_raw_fd(client_socket) };
        // SAFETY: `addr` is the caller's sockaddr of the declared family (or NULL).
        let peer = unsafe { super::options::sockaddr(addr) };
        let _ = addrlen;
        let peer = match peer.or_else(|| stream.peer_addr().ok()) {
            Some(p) => socket2::SockAddr::from(p),
            None => socket2::SockAddr::from(std::net::SocketAddr::from(([0, 0, 0, 0], 0))),
        };
        h.daemon.shared().queue_connection(stream, peer);
        MHD_YES
    })
}
