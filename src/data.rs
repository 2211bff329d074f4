//! Data-channel negotiation: EPSV → PASV → EPRT → PORT with automatic fallback.
//!
//! [`Session::open_data`] sends the commands that set up a data connection, then the transfer
//! command itself, and hands back a [`DataTransfer`] guard that borrows the session mutably, so
//! no other command can be sent while data flows. [`DataTransfer::finish`] closes the data
//! connection and reads the final reply.
//!
//! In `auto` mode a channel is abandoned for the next one when the server refuses it (any 5xx),
//! when its data connection cannot be made, or when the server answers the transfer command with
//! 425; a channel that failed is skipped for the rest of the session. Passive connections go to
//! the control connection's peer address unless `--pasv-address server` is given (servers behind
//! NAT advertise private addresses; curl's CVE-2020-8284). Active listeners accept exactly one
//! connection, and only from the server's address.

use std::fmt;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{IpAddr, SocketAddr, SocketAddrV4, TcpListener, TcpStream};
use std::str::FromStr;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::proto::addr::{self, AddrError};
use crate::proto::command::Command;
use crate::proto::reply::Reply;
use crate::session::{Session, io_error};
use crate::transport::{self, Stream};

/// One concrete way to set up a data connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    /// Extended passive (RFC 2428): the server listens, we connect.
    Epsv,
    /// Classic passive: the server listens at the address in its 227 reply.
    Pasv,
    /// Extended active (RFC 2428): we listen, the server connects.
    Eprt,
    /// Classic active, IPv4 only.
    Port,
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Channel::Epsv => "EPSV",
            Channel::Pasv => "PASV",
            Channel::Eprt => "EPRT",
            Channel::Port => "PORT",
        })
    }
}

/// What the user asked for: `--mode auto|passive|active|epsv|pasv|eprt|port`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataMode {
    /// EPSV → PASV → EPRT → PORT.
    #[default]
    Auto,
    /// EPSV → PASV (`--passive`).
    Passive,
    /// EPRT → PORT (`--active`).
    Active,
    /// Only EPSV.
    Epsv,
    /// Only PASV.
    Pasv,
    /// Only EPRT.
    Eprt,
    /// Only PORT.
    Port,
}

impl DataMode {
    /// The channels this mode tries, in order.
    pub fn channels(self) -> &'static [Channel] {
        use Channel::*;
        match self {
            DataMode::Auto => &[Epsv, Pasv, Eprt, Port],
            DataMode::Passive => &[Epsv, Pasv],
            DataMode::Active => &[Eprt, Port],
            DataMode::Epsv => &[Epsv],
            DataMode::Pasv => &[Pasv],
            DataMode::Eprt => &[Eprt],
            DataMode::Port => &[Port],
        }
    }
}

impl FromStr for DataMode {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "auto" => DataMode::Auto,
            "passive" => DataMode::Passive,
            "active" => DataMode::Active,
            "epsv" => DataMode::Epsv,
            "pasv" => DataMode::Pasv,
            "eprt" => DataMode::Eprt,
            "port" => DataMode::Port,
            _ => {
                return Err(format!(
                    "unknown data mode {s:?}: use auto, passive, active, epsv, pasv, eprt or port"
                ));
            }
        })
    }
}

/// Why one channel did not work.
enum Attempt {
    /// Try the next channel; the text says what went wrong.
    Next(String),
    /// Stop: the failure is not about the data channel (e.g. 550 on RETR).
    Fatal(Error),
}

impl From<Error> for Attempt {
    fn from(e: Error) -> Self {
        Attempt::Fatal(e)
    }
}

/// A data connection that is set up, before it is wrapped in a guard.
struct Opened {
    stream: Option<Stream>,
    prelim: Option<Reply>,
    done: Option<Reply>,
}

impl Session {
    /// Sets up a data connection, sends `REST rest` (when not 0) and `cmd`, and returns the
    /// open transfer.
    pub fn open_data(&mut self, cmd: &Command, rest: u64) -> Result<DataTransfer<'_>> {
        let mode = self.opts.data_mode;
        let fallback = mode.channels().len() > 1;
        let mut tried = Vec::new();
        let mut opened = None;
        for &channel in mode.channels() {
            if fallback && self.failed_channels.contains(&channel) {
                continue;
            }
            match self.try_channel(channel, cmd, rest) {
                Ok(o) => {
                    opened = Some(o);
                    break;
                }
                Err(Attempt::Next(why)) => {
                    self.note(&format!("{channel} did not work ({why})"));
                    self.failed_channels.insert(channel);
                    tried.push(format!("{channel}: {why}"));
                }
                Err(Attempt::Fatal(e)) => return Err(e),
            }
        }
        let Some(opened) = opened else {
            if tried.is_empty() {
                tried.push("every data-channel mode already failed in this session".into());
            }
            return Err(Error::DataChannel {
                tried: tried.join("; "),
            });
        };
        let mut transfer = DataTransfer {
            session: self,
            stream: opened.stream,
            prelim: opened.prelim,
            done: opened.done,
            command: cmd.redacted(),
            finished: false,
            unclean_eof: false,
            fresh_tls13: false,
        };
        // The TLS handshake comes after the 1xx: servers start it only once the transfer has
        // begun. If it fails, dropping the guard still reads the transfer's final reply.
        if let Some(plain) = transfer.stream.take() {
            let stream = transfer.session.protect_data_stream(plain)?;
            transfer.fresh_tls13 = stream.fresh_tls13();
            transfer.stream = Some(stream);
        }
        Ok(transfer)
    }

    fn try_channel(
        &mut self,
        channel: Channel,
        cmd: &Command,
        rest: u64,
    ) -> Result<Opened, Attempt> {
        match channel {
            Channel::Epsv | Channel::Pasv => self.try_passive(channel, cmd, rest),
            Channel::Eprt | Channel::Port => self.try_active(channel, cmd, rest),
        }
    }

    /// Sends EPSV/PASV/EPRT/PORT; a 5xx means "try the next channel".
    fn negotiate(&mut self, setup: &Command) -> Result<Reply, Attempt> {
        let reply = self.command(setup)?;
        if reply.is_permanent() {
            return Err(Attempt::Next(format!("refused: {}", reply.one_line())));
        }
        if !reply.is_completion() {
            return Err(Attempt::Fatal(Error::rejected(setup.redacted(), reply)));
        }
        Ok(reply)
    }

    fn passive_target(&mut self, channel: Channel) -> Result<SocketAddr, Attempt> {
        let peer = self.peer_addr().ip();
        if channel == Channel::Pasv && !is_v4(peer) {
            return Err(Attempt::Next("PASV cannot describe an IPv6 server".into()));
        }
        let setup = if channel == Channel::Epsv {
            Command::Epsv
        } else {
            Command::Pasv
        };
        let reply = self.negotiate(&setup)?;
        let bad = |e: AddrError| Attempt::Next(e.to_string());
        if channel == Channel::Epsv {
            let port = addr::parse_epsv(&reply.text()).map_err(bad)?;
            return Ok(SocketAddr::new(peer, port));
        }
        let advertised = addr::parse_pasv(&reply.text()).map_err(bad)?;
        let target = addr::pasv_target(advertised, peer, self.opts.pasv_policy).map_err(bad)?;
        if IpAddr::V4(*advertised.ip()) != target.ip() && !advertised.ip().is_unspecified() {
            self.note(&format!(
                "the 227 reply advertised {}; connecting to the server's address {} instead",
                advertised.ip(),
                target.ip()
            ));
        }
        Ok(target)
    }

    fn try_passive(
        &mut self,
        channel: Channel,
        cmd: &Command,
        rest: u64,
    ) -> Result<Opened, Attempt> {
        let target = self.passive_target(channel)?;
        let tcp = TcpStream::connect_timeout(&target, self.opts.connect_timeout)
            .map_err(|e| Attempt::Next(format!("cannot connect to {target}: {e}")))?;
        configure_data(&tcp, self.opts.timeout)?;
        let reply = self.start_transfer(cmd, rest)?;
        Ok(match reply.is_preliminary() {
            true => Opened {
                stream: Some(Stream::Plain(tcp)),
                prelim: Some(reply),
                done: None,
            },
            false => Opened {
                stream: Some(Stream::Plain(tcp)),
                prelim: None,
                done: Some(reply),
            },
        })
    }

    /// Sends REST (when needed) and the transfer command; returns its first reply if it is a
    /// 1xx or 2xx.
    fn start_transfer(&mut self, cmd: &Command, rest: u64) -> Result<Reply, Attempt> {
        if rest > 0 {
            self.expect(&Command::Rest(rest), &[350])?;
        }
        let reply = self.command_first_reply(cmd)?;
        check_transfer_reply(cmd, reply)
    }

    fn command_first_reply(&mut self, cmd: &Command) -> Result<Reply> {
        self.send(cmd)?;
        self.read_reply_to(cmd)
    }

    fn bind_active(&mut self) -> Result<TcpListener, Attempt> {
        let ip = self.local_addr().ip();
        let Some((low, high)) = self.opts.active_ports else {
            return TcpListener::bind((ip, 0)).map_err(|e| net(e, "listen").into());
        };
        // Start at a pseudo-random port in the range so that parallel clients spread out.
        let span = u32::from(high - low) + 1;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let seed = nanos ^ std::process::id();
        let start = seed % span;
        for i in 0..span {
            let port = low + ((start + i) % span) as u16;
            if let Ok(l) = TcpListener::bind((ip, port)) {
                return Ok(l);
            }
        }
        Err(Attempt::Next(format!("no free local port in {low}-{high}")))
    }

    fn try_active(
        &mut self,
        channel: Channel,
        cmd: &Command,
        rest: u64,
    ) -> Result<Opened, Attempt> {
        let announce_ip = self.opts.active_address.unwrap_or(self.local_addr().ip());
        let setup_for = |port| match (channel, announce_ip) {
            (Channel::Port, IpAddr::V4(v4)) => Ok(Command::Port(SocketAddrV4::new(v4, port))),
            (Channel::Port, IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
                Some(v4) => Ok(Command::Port(SocketAddrV4::new(v4, port))),
                None => Err(Attempt::Next("PORT cannot carry an IPv6 address".into())),
            },
            _ => Ok(Command::Eprt(SocketAddr::new(announce_ip, port))),
        };
        setup_for(0)?;
        let listener = self.bind_active()?;
        let port = listener.local_addr().map_err(|e| net(e, "listen"))?.port();
        self.negotiate(&setup_for(port)?)?;
        let first = self.start_transfer(cmd, rest)?;
        let mut opened = Opened {
            stream: None,
            prelim: None,
            done: None,
        };
        match first.is_preliminary() {
            true => opened.prelim = Some(first),
            false => {
                opened.done = Some(first);
                return Ok(opened);
            }
        }
        let tcp = self.accept_from_server(&listener, &mut opened)?;
        opened.stream = tcp.map(Stream::Plain);
        Ok(opened)
    }

    /// Waits for the server's connection while watching the control connection for a reply
    /// that ends the wait (425, or a final reply without data).
    fn accept_from_server(
        &mut self,
        listener: &TcpListener,
        opened: &mut Opened,
    ) -> Result<Option<TcpStream>, Attempt> {
        listener
            .set_nonblocking(true)
            .map_err(|e| net(e, "listen"))?;
        let deadline = Instant::now() + self.opts.timeout;
        let server = canonical(self.peer_addr().ip());
        while Instant::now() < deadline {
            if let Some(tcp) = self.accept_queued(listener, server)? {
                return Ok(Some(tcp));
            }
            let what = "waiting for the server to connect back";
            let Some(reply) = self.poll_reply(Duration::from_millis(10), what)? else {
                continue;
            };
            if reply.is_preliminary() {
                opened.prelim = Some(reply);
            } else if reply.is_completion() {
                // The server connects before it sends data and its final reply, so a
                // connection it made is already queued on the listener.
                opened.done = Some(reply);
                return self.accept_queued(listener, server);
            } else {
                return Err(check_transfer_reply_error(reply));
            }
        }
        Err(Attempt::Fatal(Error::Timeout {
            what: "waiting for the server to open the active-mode data connection".into(),
            after: self.opts.timeout,
        }))
    }
}

impl Session {
    /// Takes a connection already queued on the listener from the server, if there is one.
    fn accept_queued(
        &mut self,
        listener: &TcpListener,
        server: IpAddr,
    ) -> Result<Option<TcpStream>, Attempt> {
        loop {
            match listener.accept() {
                Ok((tcp, from)) if canonical(from.ip()) == server => {
                    tcp.set_nonblocking(false).map_err(|e| net(e, "data"))?;
                    transport::configure(&tcp, self.opts.timeout, false)
                        .map_err(|e| net(e, "data"))?;
                    return Ok(Some(tcp));
                }
                Ok((_, from)) => {
                    self.note(&format!(
                        "refused a data connection from {from}, which is not the server"
                    ));
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(None),
                Err(e) => return Err(net(e, "accepting the data connection").into()),
            }
        }
    }
}

fn check_transfer_reply(cmd: &Command, reply: Reply) -> Result<Reply, Attempt> {
    if reply.is_preliminary() || reply.is_completion() {
        return Ok(reply);
    }
    match check_transfer_reply_error(reply) {
        Attempt::Fatal(Error::Rejected { reply, .. }) => {
            Err(Attempt::Fatal(Error::rejected(cmd.redacted(), reply)))
        }
        other => Err(other),
    }
}

fn check_transfer_reply_error(reply: Reply) -> Attempt {
    if reply.code == 425 {
        return Attempt::Next(format!(
            "the server could not open the data connection: {}",
            reply.one_line()
        ));
    }
    Attempt::Fatal(Error::rejected("transfer", reply))
}

fn is_v4(ip: IpAddr) -> bool {
    matches!(canonical(ip), IpAddr::V4(_))
}

fn canonical(ip: IpAddr) -> IpAddr {
    ip.to_canonical()
}

/// How often a blocked data read wakes up to check for Ctrl-C.
const READ_SLICE: Duration = Duration::from_millis(250);

fn configure_data(tcp: &TcpStream, timeout: Duration) -> Result<(), Attempt> {
    transport::configure(tcp, timeout, false)
        .and_then(|()| tcp.set_read_timeout(Some(READ_SLICE.min(timeout))))
        .map_err(|e| net(e, "data").into())
}

fn net(e: io::Error, what: &str) -> Error {
    Error::Network {
        what: format!("on the {what} socket"),
        source: e,
    }
}

/// An open data connection; the session is borrowed until [`DataTransfer::finish`].
pub struct DataTransfer<'a> {
    session: &'a mut Session,
    stream: Option<Stream>,
    prelim: Option<Reply>,
    done: Option<Reply>,
    command: String,
    finished: bool,
    /// The TLS stream ended without close_notify (a possible truncation).
    unclean_eof: bool,
    /// The data connection made a new TLS 1.3 session instead of resuming the control's.
    fresh_tls13: bool,
}

impl DataTransfer<'_> {
    /// True when a TLS data stream ended without close_notify: the data may be cut short, so
    /// the transfer only counts when its size is known and complete.
    pub fn ended_uncleanly(&self) -> bool {
        self.unclean_eof
    }

    /// The 1xx reply that opened the transfer, if the server sent one.
    pub fn preliminary(&self) -> Option<&Reply> {
        self.prelim.as_ref()
    }

    /// The session's timeout, for messages.
    pub fn timeout(&self) -> Duration {
        self.session.opts.timeout
    }

    /// Reads data, waking up every 250 ms to honour Ctrl-C; fails after the session timeout
    /// passes without a byte (a stalled data connection).
    pub(crate) fn read_data(&mut self, buf: &mut [u8]) -> Result<usize> {
        let timeout = self.session.opts.timeout;
        let mut idle = Duration::ZERO;
        loop {
            if self.session.interrupted() {
                return Err(Error::Interrupted);
            }
            let Some(stream) = self.stream.as_mut() else {
                return Ok(0);
            };
            match stream.read(buf) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == ErrorKind::UnexpectedEof && stream.is_tls() => {
                    self.unclean_eof = true;
                    return Ok(0);
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    idle += READ_SLICE;
                    if idle >= timeout {
                        return Err(Error::Timeout {
                            what: format!(
                                "waiting for data during {} (the data connection stalled)",
                                self.command
                            ),
                            after: timeout,
                        });
                    }
                }
                Err(e) => return Err(data_io_error(e, "receiving data", timeout)),
            }
        }
    }

    /// Fails with [`Error::Interrupted`] if Ctrl-C was pressed.
    pub(crate) fn check_interrupt(&self) -> Result<()> {
        match self.session.interrupted() {
            true => Err(Error::Interrupted),
            false => Ok(()),
        }
    }

    /// Stops the transfer at the user's request: ABOR, close the data connection, read the
    /// transfer's final reply, then NOOP to be sure replies and commands are in step again.
    /// If the server does not cooperate within a few seconds, the session is marked unusable
    /// and the next command reconnects.
    pub fn abort(mut self) {
        self.finished = true;
        let synced = self.try_abort().is_ok();
        if !synced {
            self.session.mark_desynced();
        }
    }

    fn try_abort(&mut self) -> Result<()> {
        const LIMIT: Duration = Duration::from_secs(5);
        self.session.send(&Command::Abor)?;
        drop(self.stream.take());
        if self.done.is_none() {
            let what = "waiting for the aborted transfer's reply";
            while self
                .session
                .read_reply_within(LIMIT, what)?
                .is_preliminary()
            {}
        }
        self.session.send(&Command::Noop)?;
        while self
            .session
            .read_reply_within(LIMIT, "re-synchronising after ABOR")?
            .code
            != 200
        {}
        Ok(())
    }

    /// Ends our side of an upload (EOF for the server), keeping the connection readable.
    pub fn shutdown_write(&mut self) -> io::Result<()> {
        match self.stream.as_mut() {
            Some(s) => s.shutdown_write(),
            None => Ok(()),
        }
    }

    /// Closes the data connection and reads the final reply; a 2xx is success.
    pub fn finish(mut self) -> Result<Reply> {
        self.finished = true;
        drop(self.stream.take());
        let reply = match self.done.take() {
            Some(r) => r,
            None => loop {
                let what = format!("waiting for the end of {}", self.command);
                let r = self.session.read_reply(&what)?;
                if !r.is_preliminary() {
                    break r;
                }
            },
        };
        if reply.is_completion() {
            Ok(reply)
        } else if self.fresh_tls13 && matches!(reply.code, 425 | 450 | 522) {
            // rustls offers each TLS 1.3 ticket once; a server that requires reuse but sends no
            // new tickets on upload connections (ProFTPD) refuses us once they are used up.
            Err(Error::TlsSessionReuse { reply })
        } else {
            Err(Error::rejected(self.command.clone(), reply))
        }
    }
}

impl Drop for DataTransfer<'_> {
    /// A transfer dropped without `finish` (an error mid-way): close the data connection and
    /// read the server's final reply so the next command gets its own reply.
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        drop(self.stream.take());
        if self.done.is_some() {
            return;
        }
        let deadline = Instant::now() + Duration::from_secs(5).min(self.session.opts.timeout);
        while Instant::now() < deadline {
            match self
                .session
                .poll_reply(Duration::from_millis(200), "draining an abandoned transfer")
            {
                Ok(Some(r)) if !r.is_preliminary() => return,
                Ok(_) => continue,
                Err(_) => break,
            }
        }
        self.session.mark_desynced();
    }
}

impl Read for DataTransfer<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.stream.as_mut() {
            Some(s) => s.read(buf),
            None => Ok(0),
        }
    }
}

impl Write for DataTransfer<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.stream.as_mut() {
            Some(s) => s.write(buf),
            None => Err(io::Error::new(
                ErrorKind::NotConnected,
                "the server opened no data connection",
            )),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.stream.as_mut() {
            Some(s) => s.flush(),
            None => Ok(()),
        }
    }
}

/// Maps a data-socket error during a transfer.
pub(crate) fn data_io_error(e: io::Error, what: &str, timeout: Duration) -> Error {
    io_error(e, what.to_owned(), timeout)
}
