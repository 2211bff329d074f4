//! Sockets: connecting with a timeout, keepalive, and the one stream type.
//!
//! [`Stream`] is what both the control connection and data connections are, plain or TLS, so
//! the session and the transfers never care which; a [`Duplex`] stands in for a socket where
//! the engine is driven in memory (its tests script whole conversations without a socket).
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
    /// Not a socket: an in-memory duplex (the engine's scripted tests).
    Memory(Box<dyn Duplex>),
}

/// A connected byte stream that is not a TCP socket, such as the in-memory duplex the engine's
/// tests script a server with. It has no TLS and no socket options; it reports what would be
/// waiting to be read without blocking.
pub trait Duplex: Read + Write + Send {
    /// Address of the other end.
    fn peer_addr(&self) -> io::Result<SocketAddr>;
    /// Our own address on this connection.
    fn local_addr(&self) -> io::Result<SocketAddr>;
    /// What a read would find right now, without blocking.
    fn readiness(&self) -> io::Result<Readiness>;
    /// Ends our sending side.
    fn shutdown_write(&mut self) -> io::Result<()>;
}

/// What a read on a stream would find right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// Nothing yet: a read would wait.
    Idle,
    /// Bytes are waiting.
    Bytes,
    /// The other end closed the stream.
    End,
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Stream::Plain(_) => "plain",
            Stream::Memory(_) => "memory",
            _ => "tls",
        };
        write!(f, "Stream({kind}, {:?})", self.peer_addr().ok())
    }
}

impl Stream {
    /// The underlying TCP socket (`None` for an in-memory stream).
    pub fn tcp(&self) -> Option<&TcpStream> {
        self.socket().ok()
    }

    /// The TCP socket under the stream, or else the in-memory duplex it is.
    fn socket(&self) -> Result<&TcpStream, &dyn Duplex> {
        match self {
            Stream::Plain(s) => Ok(s),
            Stream::Rustls(s) => Ok(&s.sock),
            #[cfg(feature = "native-tls")]
            Stream::Native(s) => Ok(s.get_ref()),
            Stream::Memory(m) => Err(m.as_ref()),
        }
    }

    /// True once TLS protects the stream.
    pub fn is_tls(&self) -> bool {
        !matches!(self, Stream::Plain(_) | Stream::Memory(_))
    }

    /// What a read would find right now, without blocking: the socket is peeked in
    /// non-blocking mode (under TLS the bytes may be only session tickets).
    pub fn readiness(&self) -> io::Result<Readiness> {
        let tcp = match self.socket() {
            Ok(tcp) => tcp,
            Err(memory) => return memory.readiness(),
        };
        let mut byte = [0u8; 1];
        let peeked = tcp.set_nonblocking(true).and_then(|()| tcp.peek(&mut byte));
        let restored = tcp.set_nonblocking(false);
        let readiness = match peeked {
            Ok(0) => Readiness::End,
            Ok(_) => Readiness::Bytes,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Readiness::Idle,
            Err(e) => return Err(e),
        };
        restored?;
        Ok(readiness)
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
        match self.socket() {
            Ok(tcp) => tcp.peer_addr(),
            Err(memory) => memory.peer_addr(),
        }
    }

    /// Our own address on this connection.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        match self.socket() {
            Ok(tcp) => tcp.local_addr(),
            Err(memory) => memory.local_addr(),
        }
    }

    /// Sets the read timeout (`None` blocks without limit; the engine never passes `None`).
    /// An in-memory stream never blocks, so it has none.
    pub fn set_read_timeout(&self, t: Option<Duration>) -> io::Result<()> {
        match self.tcp() {
            Some(tcp) => tcp.set_read_timeout(t),
            None => Ok(()),
        }
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
            Stream::Memory(m) => m.shutdown_write(),
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
            Stream::Memory(m) => m.read(buf),
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
            Stream::Memory(m) => m.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Rustls(s) => s.flush(),
            #[cfg(feature = "native-tls")]
            Stream::Native(s) => s.flush(),
            Stream::Memory(m) => m.flush(),
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
