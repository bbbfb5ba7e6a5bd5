//! Creating the listen socket the way libmicrohttpd does (address, dual stack, reuse, backlog).

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};

use socket2::{Domain, Protocol, Socket, Type};

use super::config::{flag, Config};

pub fn bind(config: &Config) -> io::Result<TcpListener> {
    let ipv6 = config.has(flag::USE_IPV6);
    let addr = config.sock_addr.unwrap_or(if ipv6 {
        SocketAddr::new(Ipv6Addr::UNSPECIFIED.into(), config.port)
    } else {
        SocketAddr::new(Ipv4Addr::UNSPECIFIED.into(), config.port)
    });
    let socket = Socket::new(
        Domain::for_address(addr),
        Type::STREAM.cloexec(),
        Some(Protocol::TCP),
    )?;
    match config.address_reuse {
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
        socket.set_only_v6(!config.has(flag::USE_DUAL_STACK))?;
    }
    socket.bind(&addr.into())?;
    if config.has(flag::USE_TCP_FASTOPEN) {
        crate::sys::sockopt::set_tcp_fastopen(
            std::os::fd::AsRawFd::as_raw_fd(&socket),
            config.fastopen_queue,
        )?;
    }
    socket.listen(config.backlog.min(i32::MAX as u32) as i32)?;
    socket.set_nonblocking(true)?;
    Ok(socket.into())
}
