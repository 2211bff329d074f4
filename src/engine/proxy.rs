//! Connections through a proxy, blocking: connect to the proxy, run the handshake its URL's
//! scheme names (the bytes come from [`crate::proto::proxy`]), and hand back the socket, which
//! from then on carries FTP as if it were connected to the server itself.
//!
//! With `socks5://` and `socks4://` ferry resolves the server's name itself and asks the proxy
//! for an address; with `socks5h://`, `socks4a://` and `http://` the name goes to the proxy.
//! Every read and write of the handshake is bounded by the connect timeout, and no read goes
//! past the proxy's answer. A SOCKS5 proxy also listens for active-mode data connections
//! ([`bind`], the BIND command); other proxies cannot.

use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::proto::proxy::{
    self, ProxyFailure, ProxyScheme, ProxyUrl, Socks5Reply, Socks5Step, Target, TargetHost, socks5,
};

/// Why a connection through the proxy was not made.
#[derive(Debug, thiserror::Error)]
pub enum ProxyError {
    /// A host name (the proxy's, or the server's when ferry resolves it) did not resolve.
    #[error("cannot resolve {host}: {source}")]
    Resolve {
        /// The name.
        host: String,
        /// What the resolver said.
        source: io::Error,
    },
    /// No TCP connection to the proxy.
    #[error("cannot connect to the proxy: {0}")]
    Connect(#[source] io::Error),
    /// The socket failed during the handshake (closed, reset, timed out).
    #[error("{}", handshake_words(.0))]
    Handshake(#[source] io::Error),
    /// The proxy answered no.
    #[error(transparent)]
    Failed(#[from] ProxyFailure),
}

/// What a socket error during the handshake means, in words.
fn handshake_words(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
            "the proxy accepted the connection but did not answer its handshake in time".into()
        }
        io::ErrorKind::UnexpectedEof => {
            "the proxy closed the connection during its handshake".into()
        }
        _ => format!("the connection to the proxy failed during its handshake: {e}"),
    }
}

impl ProxyError {
    /// The io::ErrorKind closest to this failure, for a data connection's io::Error.
    fn kind(&self) -> io::ErrorKind {
        match self {
            ProxyError::Resolve { .. } => io::ErrorKind::NotFound,
            ProxyError::Connect(e) | ProxyError::Handshake(e) => e.kind(),
            ProxyError::Failed(ProxyFailure::Unreachable(_)) => io::ErrorKind::ConnectionRefused,
            ProxyError::Failed(_) => io::ErrorKind::PermissionDenied,
        }
    }

    /// This failure as an io::Error that keeps it as its inner error.
    pub fn into_io(self) -> io::Error {
        io::Error::new(self.kind(), self)
    }
}

/// Connects to `target` through `proxy`. Returns the socket and the target as the proxy was
/// asked for it (an address when ferry resolved the name itself).
pub(crate) fn open(
    proxy: &ProxyUrl,
    target: &Target,
    timeout: Duration,
) -> Result<(TcpStream, Target), ProxyError> {
    let target = match (&target.host, proxy.scheme.remote_dns()) {
        (TargetHost::Name(name), false) => {
            let v4_only = proxy.scheme == ProxyScheme::Socks4;
            Target::ip(resolve_one(name, target.port, v4_only)?, target.port)
        }
        _ => target.clone(),
    };
    let mut tcp = connect_to_proxy(proxy, timeout)?;
    match proxy.scheme {
        ProxyScheme::Socks5 | ProxyScheme::Socks5h => {
            socks5_connect(&mut tcp, proxy, &target)?;
        }
        ProxyScheme::Socks4 | ProxyScheme::Socks4a => {
            let user = proxy.user.as_deref().unwrap_or("");
            let name_ok = proxy.scheme == ProxyScheme::Socks4a;
            send(&mut tcp, &proxy::socks4_request(&target, user, name_ok)?)?;
            proxy::socks4_reply(read_array(&mut tcp)?)?;
        }
        ProxyScheme::Http => http_connect(&mut tcp, proxy, &target)?,
    }
    Ok((tcp, target))
}

fn resolve_one(host: &str, port: u16, v4_only: bool) -> Result<IpAddr, ProxyError> {
    let resolve = |source| ProxyError::Resolve {
        host: host.to_owned(),
        source,
    };
    let addrs: Vec<SocketAddr> = (host, port).to_socket_addrs().map_err(resolve)?.collect();
    addrs
        .iter()
        .map(SocketAddr::ip)
        .find(|ip| !v4_only || ip.is_ipv4())
        .ok_or_else(|| {
            resolve(io::Error::new(
                io::ErrorKind::NotFound,
                if v4_only {
                    "no IPv4 address"
                } else {
                    "no addresses"
                },
            ))
        })
}

fn connect_to_proxy(proxy: &ProxyUrl, timeout: Duration) -> Result<TcpStream, ProxyError> {
    let addrs: Vec<SocketAddr> = (proxy.host.as_str(), proxy.port)
        .to_socket_addrs()
        .map_err(|source| ProxyError::Resolve {
            host: proxy.host.clone(),
            source,
        })?
        .collect();
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no addresses");
    for addr in &addrs {
        match TcpStream::connect_timeout(addr, timeout) {
            Ok(tcp) => {
                // Every read and write of the handshake is bounded.
                let setup = tcp
                    .set_read_timeout(Some(timeout))
                    .and_then(|()| tcp.set_write_timeout(Some(timeout)))
                    .and_then(|()| tcp.set_nodelay(true));
                return setup.map(|()| tcp).map_err(ProxyError::Handshake);
            }
            Err(e) => last = e,
        }
    }
    Err(ProxyError::Connect(last))
}

fn socks5_connect(
    tcp: &mut TcpStream,
    proxy: &ProxyUrl,
    target: &Target,
) -> Result<(), ProxyError> {
    socks5_request(tcp, proxy, socks5::Request::Connect, target).map(drop)
}

/// Greets, authenticates, sends `request` for `target` and reads the proxy's (first) reply.
fn socks5_request(
    tcp: &mut TcpStream,
    proxy: &ProxyUrl,
    request: socks5::Request,
    target: &Target,
) -> Result<Socks5Reply, ProxyError> {
    let credentials = proxy.credentials();
    send(tcp, &socks5::greeting(credentials.is_some()))?;
    let method = socks5::method(read_array(tcp)?, credentials.is_some())?;
    if let (socks5::Method::Password, Some((user, password))) = (method, credentials) {
        send(tcp, &socks5::password_request(user, password)?)?;
        socks5::password_answer(read_array(tcp)?)?;
    }
    send(tcp, &socks5::request(request, target)?)?;
    read_socks5_reply(tcp)
}

/// One SOCKS5 reply, read to its last byte and not beyond.
pub(crate) fn read_socks5_reply(mut tcp: &TcpStream) -> Result<Socks5Reply, ProxyError> {
    let mut reply = Vec::new();
    loop {
        match socks5::reply(&reply)? {
            Socks5Step::Done(done) => return Ok(done),
            Socks5Step::Need(total) => {
                let have = reply.len();
                reply.resize(total, 0);
                tcp.read_exact(&mut reply[have..])
                    .map_err(ProxyError::Handshake)?;
            }
        }
    }
}

/// Asks a SOCKS5 proxy to listen for one connection (BIND, RFC 1928 §4), for an active-mode
/// data connection: returns the socket, on which the proxy's second reply will say that the
/// server connected, and the address the proxy listens on, which EPRT/PORT announce (the
/// proxy's own address when it answers with an unspecified one).
pub(crate) fn bind(
    proxy: &ProxyUrl,
    timeout: Duration,
) -> Result<(TcpStream, SocketAddr), ProxyError> {
    if !matches!(proxy.scheme, ProxyScheme::Socks5 | ProxyScheme::Socks5h) {
        return Err(ProxyError::Failed(ProxyFailure::Refused(
            "only a SOCKS5 proxy can carry active mode (BIND)".into(),
        )));
    }
    let mut tcp = connect_to_proxy(proxy, timeout)?;
    // Any address: the server's is not always known here (socks5h), and ferry checks who
    // connected from the proxy's second reply.
    let anyone = Target::ip(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), 0);
    let reply = socks5_request(&mut tcp, proxy, socks5::Request::Bind, &anyone)?;
    let ip = match reply.bound.host {
        TargetHost::Ip(ip) if !ip.is_unspecified() => ip,
        TargetHost::Ip(_) => tcp.peer_addr().map_err(ProxyError::Handshake)?.ip(),
        TargetHost::Name(_) => {
            return Err(ProxyError::Failed(ProxyFailure::Protocol {
                protocol: "SOCKS5",
                detail: "it answered BIND with a name, not an address".into(),
            }));
        }
    };
    Ok((tcp, SocketAddr::new(ip, reply.bound.port)))
}

fn http_connect(tcp: &mut TcpStream, proxy: &ProxyUrl, target: &Target) -> Result<(), ProxyError> {
    let credentials = proxy.credentials();
    send(tcp, &proxy::connect_request(target, credentials))?;
    // One byte at a time: the tunnel's first bytes (the server's greeting) may follow the
    // blank line in the same packet, and they belong to the FTP session.
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        match tcp.read(&mut byte) {
            Ok(0) => {
                return Err(ProxyError::Handshake(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the proxy closed the connection before answering",
                )));
            }
            Ok(_) => head.push(byte[0]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ProxyError::Handshake(e)),
        }
        if proxy::parse_head(&head, credentials.is_some())?.is_some() {
            return Ok(());
        }
    }
}

fn send(tcp: &mut TcpStream, bytes: &[u8]) -> Result<(), ProxyError> {
    tcp.write_all(bytes).map_err(ProxyError::Handshake)
}

fn read_array<const N: usize>(tcp: &mut TcpStream) -> Result<[u8; N], ProxyError> {
    let mut buf = [0u8; N];
    tcp.read_exact(&mut buf).map_err(ProxyError::Handshake)?;
    Ok(buf)
}
