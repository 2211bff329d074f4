//! Sockets: connecting with a timeout, keepalive, and the one stream type.
//!
//! [`Stream`] is what both the control connection and data connections are, plain or TLS, so
//! the session and the transfers never care which.
//! Every socket gets read and write timeouts, so no read ever blocks forever; the control socket
//! also gets TCP keepalive, because firewalls and NAT boxes drop a control connection that stays
//! silent during a long transfer.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use socket2::{SockRef, TcpKeepalive};

use crate::error::{Error, Result};

/// A connected byte stream, plain or TLS.
pub enum Stream {
    /// A plain TCP connection.
    Plain(TcpStream),
    /// TLS through rustls.
    Rustls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
    /// TLS through the platform library.
    #[cfg(feature = "native-tls")]
    Native(Box<native_tls::TlsStream<TcpStream>>),
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.is_tls() { "tls" } else { "plain" };
        write!(f, "Stream({kind}, {:?})", self.tcp().peer_addr().ok())
    }
}

impl Stream {
    /// The underlying TCP socket.
    pub fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s,
            Stream::Rustls(s) => &s.sock,
            #[cfg(feature = "native-tls")]
            Stream::Native(s) => s.get_ref(),
        }
    }

    /// True once TLS protects the stream.
    pub fn is_tls(&self) -> bool {
        !matches!(self, Stream::Plain(_))
    }

    /// True for a TLS 1.3 connection that did not resume a session (rustls only).
    pub fn fresh_tls13(&self) -> bool {
        match self {
            Stream::Rustls(s) => {
                s.conn.protocol_version() == Some(rustls::ProtocolVersion::TLSv1_3)
                    && s.conn.handshake_kind() != Some(rustls::HandshakeKind::Resumed)
            }
            _ => false,
        }
    }

    /// Whether the TLS session was resumed (rustls only; `None` when unknown or plain).
    pub fn resumed(&self) -> Option<bool> {
        match self {
            Stream::Rustls(s) => s
                .conn
                .handshake_kind()
                .map(|k| k == rustls::HandshakeKind::Resumed),
            _ => None,
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

    /// Ends our sending side (an upload's end of file). Under TLS this sends close_notify and
    /// then reads the stream to its end, so the server's own close_notify — and any TLS 1.3
    /// session ticket still in flight — is consumed rather than lost with a reset.
    pub fn shutdown_write(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.shutdown(Shutdown::Write),
            Stream::Rustls(s) => {
                s.conn.send_close_notify();
                while s.conn.wants_write() {
                    s.conn.write_tls(&mut s.sock)?;
                }
                drain(s.as_mut())
            }
            #[cfg(feature = "native-tls")]
            Stream::Native(s) => {
                s.shutdown()?;
                drain(s.as_mut())
            }
        }
    }
}

/// Reads until end of stream, tolerating a peer that closes without close_notify or resets
/// after its final reply (the upload itself already succeeded or failed by then).
fn drain(r: &mut dyn Read) -> io::Result<()> {
    // A server that never closes after our close_notify must not hang the upload: after a
    // few seconds of silence the upload's final reply decides.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let mut buf = [0u8; 4096];
    while std::time::Instant::now() < deadline {
        match r.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Rustls(s) => s.read(buf),
            #[cfg(feature = "native-tls")]
            Stream::Native(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Rustls(s) => s.write(buf),
            #[cfg(feature = "native-tls")]
            Stream::Native(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Rustls(s) => s.flush(),
            #[cfg(feature = "native-tls")]
            Stream::Native(s) => s.flush(),
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

/// Maps a socket error to a timeout or network error.
pub(crate) fn io_error(e: io::Error, what: String, timeout: Duration) -> Error {
    match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => Error::Timeout {
            what,
            after: timeout,
        },
        io::ErrorKind::UnexpectedEof
        | io::ErrorKind::ConnectionReset
        | io::ErrorKind::BrokenPipe => Error::Closed { what },
        _ => Error::Network { what, source: e },
    }
}
