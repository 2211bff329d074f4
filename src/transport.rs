//! Sockets: connecting with a timeout, keepalive, and the one stream type.
//!
//! [`Stream`] is what both the control connection and data connections are. It is an enum so
//! that TLS can join as a second variant without the session or the transfers changing type.
//! Every socket gets read and write timeouts, so no read ever blocks forever; the control socket
//! also gets TCP keepalive, because firewalls and NAT boxes drop a control connection that stays
//! silent during a long transfer.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use socket2::{SockRef, TcpKeepalive};

use crate::error::{Error, Result};

/// A connected byte stream: plain TCP today; TLS joins as another variant.
#[derive(Debug)]
pub enum Stream {
    /// A plain TCP connection.
    Plain(TcpStream),
}

impl Stream {
    /// The underlying TCP socket.
    pub fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s,
        }
    }

    /// Address of the other end.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.tcp().peer_addr()
    }

    /// Our own address on this connection.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.tcp().local_addr()
    }

    /// Sets the read timeout (`None` blocks without limit; the engine never passes `None`).
    pub fn set_read_timeout(&self, t: Option<Duration>) -> io::Result<()> {
        self.tcp().set_read_timeout(t)
    }

    /// Ends our sending side (an upload's end of file), keeping the socket readable.
    pub fn shutdown_write(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.shutdown(Shutdown::Write),
        }
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
        }
    }
}

/// Resolves `host` (a name, an IPv4 address or an IPv6 address without brackets).
pub fn resolve(host: &str, port: u16) -> Result<Vec<SocketAddr>> {
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|source| Error::Resolve {
            host: host.to_owned(),
            source,
        })?
        .collect();
    if addrs.is_empty() {
        return Err(Error::Resolve {
            host: host.to_owned(),
            source: io::Error::new(io::ErrorKind::NotFound, "no addresses"),
        });
    }
    Ok(addrs)
}

/// Connects to the first address that answers, each attempt bounded by `timeout`.
pub fn connect_any(addrs: &[SocketAddr], timeout: Duration) -> Result<TcpStream> {
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect_timeout(addr, timeout) {
            Ok(s) => return Ok(s),
            Err(e) => last = Some((addr, e)),
        }
    }
    let (addr, source) = last.expect("connect_any needs at least one address");
    Err(Error::Connect {
        addr: addr.to_string(),
        source,
    })
}

/// Sets timeouts and no-delay on a fresh socket; `keepalive` for the control connection.
pub fn configure(sock: &TcpStream, timeout: Duration, keepalive: bool) -> io::Result<()> {
    sock.set_read_timeout(Some(timeout))?;
    sock.set_write_timeout(Some(timeout))?;
    // Commands are single small writes waiting for an answer: Nagle only adds latency.
    sock.set_nodelay(true)?;
    if keepalive {
        let ka = TcpKeepalive::new()
            .with_time(Duration::from_secs(30))
            .with_interval(Duration::from_secs(10));
        SockRef::from(sock).set_tcp_keepalive(&ka)?;
    }
    Ok(())
}
