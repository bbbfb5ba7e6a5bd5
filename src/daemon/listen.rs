//! Creating the listen socket the way libmicrohttpd does (address, dual stack, reuse, backlog).

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};

use socket2::{Domain, Protocol, Socket, Type};

/// Where and how to listen.
#[derive(Debug, Clone)]
pub struct Listen {
    /// False with `MHD_USE_NO_LISTEN_SOCKET`: connections only come from `MHD_add_connection`.
    pub enabled: bool,
    pub port: u16,
    /// `MHD_OPTION_SOCK_ADDR`: overrides the port and the wildcard address.
    pub sock_addr: Option<SocketAddr>,
    /// `MHD_USE_IPv6`.
    pub ipv6: bool,
    /// `MHD_USE_DUAL_STACK`: IPv6 that also accepts IPv4.
    pub dual_stack: bool,
    /// `MHD_OPTION_LISTENING_ADDRESS_REUSE` (None: SO_REUSEADDR only).
    pub address_reuse: Option<bool>,
    pub backlog: u32,
    /// `MHD_USE_TCP_FASTOPEN` with its queue size.
    pub fastopen: Option<u32>,
}

/// libmicrohttpd's default listen backlog.
pub const DEFAULT_BACKLOG: u32 = 511;

impl Default for Listen {
    fn default() -> Self {
        Listen {
            enabled: true,
            port: 0,
            sock_addr: None,
            ipv6: false,
            dual_stack: false,
            address_reuse: None,
            backlog: DEFAULT_BACKLOG,
            fastopen: None,
        }
    }
}

pub fn bind(listen: &Listen) -> io::Result<TcpListener> {
    let addr = listen.sock_addr.unwrap_or(if listen.ipv6 {
        SocketAddr::new(Ipv6Addr::UNSPECIFIED.into(), listen.port)
    } else {
        SocketAddr::new(Ipv4Addr::UNSPECIFIED.into(), listen.port)
    });
    let socket = Socket::new(
        Domain::for_address(addr),
        Type::STREAM.cloexec(),
        Some(Protocol::TCP),
    )?;
    match listen.address_reuse {
        // Default: SO_REUSEADDR, so a restarted server can bind while old connections linger.
        None => socket.set_reuse_address(true)?,
        Some(true) => {
            socket.set_reuse_address(true)?;
            socket.set_reuse_port(true)?;
        }
        Some(false) => {}
    }
    if addr.is_ipv6() {
        // MHD_USE_DUAL_STACK accepts IPv4 too; MHD_USE_IPv6 alone is IPv6 only.
        socket.set_only_v6(!listen.dual_stack)?;
    }
    socket.bind(&addr.into())?;
    if let Some(queue) = listen.fastopen {
        crate::sys::sockopt::set_tcp_fastopen(std::os::fd::AsRawFd::as_raw_fd(&socket), queue)?;
    }
    socket.listen(listen.backlog.min(i32::MAX as u32) as i32)?;
    socket.set_nonblocking(true)?;
    Ok(socket.into())
}
