//! Where connections come from: a [`Network`] makes the passive connections and the active
//! listeners a session needs. The session holds one: real TCP ([`Tcp`]), TCP through a proxy
//! ([`Proxied`], whose active listener is a SOCKS5 proxy's BIND), or in the engine's tests a
//! scripted one, so a whole conversation, data
//! connections included, runs without a socket. [`control`] opens the control connection the
//! same way and picks the network its data connections will use, so every connection a
//! session makes — control, data, and those of the parallel lanes and reconnects, which are
//! sessions too — goes through the proxy when there is one.

use std::fmt::Debug;
use std::io::{self, ErrorKind};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use crate::engine::proxy::{self, ProxyError};
use crate::engine::transport::{self, Stream};
use crate::error::{Error, Result};
use crate::proto::proxy::{ProxyUrl, Target, TargetHost};

/// Makes data connections.
pub(crate) trait Network: Send + Debug {
    /// Connects to a passive data port, bounded by `timeout`.
    fn connect(&self, target: &Target, timeout: Duration) -> io::Result<Stream>;
    /// Listens on `ip` and `port` (0: any free one) for an active data connection.
    fn listen(&self, ip: IpAddr, port: u16) -> io::Result<Box<dyn DataListener>>;
    /// The proxy every connection goes through, if any (only SOCKS5 can carry active mode).
    fn proxy(&self) -> Option<&ProxyUrl> {
        None
    }
}

/// A listener for the server's active-mode data connection.
pub(crate) trait DataListener: Send + Debug {
    /// Where it listens.
    fn local_addr(&self) -> io::Result<SocketAddr>;
    /// A connection already waiting, without blocking: `None` when there is none yet.
    fn accept_now(&self) -> io::Result<Option<(Stream, SocketAddr)>>;
    /// True when a proxy listens for us: EPRT/PORT must announce [`DataListener::local_addr`]
    /// as it is (the proxy's address), not ours or `--active-address`.
    fn relayed(&self) -> bool {
        false
    }
}

/// Real TCP.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tcp;

impl Network for Tcp {
    fn connect(&self, target: &Target, timeout: Duration) -> io::Result<Stream> {
        let tcp = match &target.host {
            TargetHost::Ip(ip) => {
                TcpStream::connect_timeout(&SocketAddr::new(*ip, target.port), timeout)?
            }
            TargetHost::Name(name) => {
                let addrs = transport::resolve(name, target.port).map_err(io::Error::other)?;
                transport::connect_any(&addrs, timeout).map_err(io::Error::other)?
            }
        };
        Ok(Stream::Plain(tcp))
    }

    fn listen(&self, ip: IpAddr, port: u16) -> io::Result<Box<dyn DataListener>> {
        let listener = TcpListener::bind((ip, port))?;
        // Accepting never blocks: the session watches the control connection meanwhile.
        listener.set_nonblocking(true)?;
        Ok(Box::new(listener))
    }
}

impl DataListener for TcpListener {
    fn local_addr(&self) -> io::Result<SocketAddr> {
        TcpListener::local_addr(self)
    }

    fn accept_now(&self) -> io::Result<Option<(Stream, SocketAddr)>> {
        match self.accept() {
            Ok((tcp, from)) => {
                tcp.set_nonblocking(false)?;
                Ok(Some((Stream::Plain(tcp), from)))
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// TCP through a proxy: every data connection is a new connection to the proxy, asking it for
/// the server's data port. An active-mode listener is a SOCKS5 proxy's BIND, bounded by the
/// connect timeout (the second field); other proxies have none (the server would have to reach
/// this machine past the proxy).
#[derive(Debug, Clone)]
pub(crate) struct Proxied(pub(crate) ProxyUrl, pub(crate) Duration);

/// A SOCKS5 proxy listening for us: the proxy's second reply on `tcp` says the server
/// connected, and the same socket then carries the data.
#[derive(Debug)]
struct BindListener {
    tcp: TcpStream,
    bound: SocketAddr,
}

impl DataListener for BindListener {
    fn local_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.bound)
    }

    fn accept_now(&self) -> io::Result<Option<(Stream, SocketAddr)>> {
        let mut byte = [0u8; 1];
        self.tcp.set_nonblocking(true)?;
        let peeked = self.tcp.peek(&mut byte);
        self.tcp.set_nonblocking(false)?;
        match peeked {
            Ok(0) => Err(io::Error::new(
                ErrorKind::UnexpectedEof,
                "the proxy closed the connection it was listening for",
            )),
            Ok(_) => {
                let reply = proxy::read_socks5_reply(&self.tcp).map_err(ProxyError::into_io)?;
                let from = match reply.bound.host {
                    TargetHost::Ip(ip) => SocketAddr::new(ip, reply.bound.port),
                    TargetHost::Name(_) => SocketAddr::from(([0, 0, 0, 0], 0)),
                };
                Ok(Some((Stream::Plain(self.tcp.try_clone()?), from)))
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn relayed(&self) -> bool {
        true
    }
}

impl Network for Proxied {
    fn connect(&self, target: &Target, timeout: Duration) -> io::Result<Stream> {
        proxy::open(&self.0, target, timeout)
            .map(|(tcp, _)| Stream::Plain(tcp))
            .map_err(ProxyError::into_io)
    }

    /// A SOCKS5 proxy listens for us (BIND); the address and port asked for do not apply.
    fn listen(&self, _: IpAddr, _: u16) -> io::Result<Box<dyn DataListener>> {
        let timeout = self.1;
        let (tcp, bound) = proxy::bind(&self.0, timeout).map_err(ProxyError::into_io)?;
        Ok(Box::new(BindListener { tcp, bound }))
    }

    fn proxy(&self) -> Option<&ProxyUrl> {
        Some(&self.0)
    }
}

/// A control connection to `host` and `port`, directly or through `proxy`, with the network
/// its data connections will use and where they go: the server's address when it is known
/// (a direct connection, or a proxy ferry resolved the name for), else its name, for the
/// proxy to resolve as it did for the control connection.
pub(crate) fn control(
    proxy: Option<&ProxyUrl>,
    host: &str,
    port: u16,
    timeout: Duration,
) -> Result<(TcpStream, TargetHost, Box<dyn Network>)> {
    let Some(proxy) = proxy else {
        let addrs = transport::resolve(host, port)?;
        let tcp = transport::connect_any(&addrs, timeout)?;
        let server = match tcp.peer_addr() {
            Ok(addr) => TargetHost::Ip(addr.ip()),
            Err(_) => Target::named(host, port).host,
        };
        return Ok((tcp, server, Box::new(Tcp)));
    };
    let target = Target::named(host, port);
    match proxy::open(proxy, &target, timeout) {
        Ok((tcp, asked)) => {
            let net = Proxied(proxy.clone(), timeout);
            Ok((tcp, asked.host, Box::new(net)))
        }
        Err(source) => Err(Error::Proxy {
            proxy: proxy.to_string(),
            target: target.to_string(),
            source,
        }),
    }
}
