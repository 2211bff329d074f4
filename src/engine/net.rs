//! Where data connections come from: a [`Network`] makes the passive connections and the active
//! listeners a session needs. The session holds one; it is real TCP ([`Tcp`]) except in the
//! engine's tests, which hand the session a scripted one, so a whole conversation, data
//! connections included, runs without a socket.

use std::fmt::Debug;
use std::io::{self, ErrorKind};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use crate::engine::transport::Stream;

/// Makes data connections.
pub(crate) trait Network: Send + Debug {
    /// Connects to a passive data port, bounded by `timeout`.
    fn connect(&self, target: SocketAddr, timeout: Duration) -> io::Result<Stream>;
    /// Listens on `ip` and `port` (0: any free one) for an active data connection.
    fn listen(&self, ip: IpAddr, port: u16) -> io::Result<Box<dyn DataListener>>;
}

/// A listener for the server's active-mode data connection.
pub(crate) trait DataListener: Send + Debug {
    /// Where it listens.
    fn local_addr(&self) -> io::Result<SocketAddr>;
    /// A connection already waiting, without blocking: `None` when there is none yet.
    fn accept_now(&self) -> io::Result<Option<(Stream, SocketAddr)>>;
}

/// Real TCP.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tcp;

impl Network for Tcp {
    fn connect(&self, target: SocketAddr, timeout: Duration) -> io::Result<Stream> {
        TcpStream::connect_timeout(&target, timeout).map(Stream::Plain)
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
