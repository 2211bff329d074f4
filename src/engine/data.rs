//! Data-channel negotiation: EPSV → PASV → EPRT → PORT with automatic fallback.
//!
//! [`Session::open_data`] sends the commands that set up a data connection, then the transfer
//! command itself, and hands back a [`DataTransfer`] guard that borrows the session mutably, so
//! no other command can be sent while data flows. [`DataTransfer::finish`] closes the data
//! connection and reads the final reply.
//!
//! In `auto` mode a channel is abandoned for the next one when the server refuses it (any 5xx),
//! when its data connection cannot be made, or when the server answers the transfer command with
//! 425; a channel that failed is skipped for the rest of the session. A 425 may pass, though
//! (the server was short of ports or the connection timed out): a channel that only met 425 is
//! skipped while another one works, and tried again once every channel has failed, and a
//! failure that involved a 425 is [transient](Error::is_transient), so it is retried with
//! backoff, in a fixed `--mode` too. Passive connections go to
//! the control connection's peer address unless `--pasv-address server` is given (servers behind
//! NAT advertise private addresses; curl's CVE-2020-8284). Active listeners accept exactly one
//! connection, and only from the server's address.

use std::io::{self, ErrorKind, Read, Write};
use std::net::{IpAddr, SocketAddr, SocketAddrV4, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::engine::pending::Ahead;
use crate::engine::session::Session;
use crate::engine::transport::io_error;
use crate::engine::transport::{self, Stream};
use crate::error::{Error, Result};
use crate::proto::addr::{self, AddrError};
use crate::proto::channel::{Channel, Outcome};
use crate::proto::codes::{self, Refusal};
use crate::proto::command::Command;
use crate::proto::reply::Reply;

/// Why one channel did not work.
enum Attempt {
    /// Try the next channel; the text says what went wrong.
    Next(String),
    /// Try the next channel: the server could not open this one's data connection (425), which
    /// may work later.
    Later(String),
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
        self.data_hello = None;
        let mut opened = None;
        if let Some(ahead) = self.take_ahead(cmd, rest)? {
            opened = self.use_ahead(ahead)?;
        }
        let opened = match opened {
            Some(o) => o,
            None => self.negotiate_channel(cmd, rest)?,
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

    /// Tries the channels the plan offers, in order, until one opens a data connection for
    /// `cmd`, telling the plan how each went.
    fn negotiate_channel(&mut self, cmd: &Command, rest: u64) -> Result<Opened> {
        let mode = self.opts.data_mode;
        let again = self.channels.begin(mode);
        if !again.is_empty() {
            let names: Vec<String> = again.iter().map(Channel::to_string).collect();
            self.note(&format!(
                "every data channel failed before; trying {} again (it only met 425)",
                names.join(" and ")
            ));
        }
        let mut tried = Vec::new();
        let mut why = Vec::new();
        let mut met_425 = false;
        while let Some(channel) = self.channels.next(mode, &tried) {
            tried.push(channel);
            match self.try_channel(channel, cmd, rest) {
                Ok(opened) => {
                    self.channels.record(channel, Outcome::Worked);
                    return Ok(opened);
                }
                Err(Attempt::Next(reason)) => {
                    self.note(&format!("{channel} did not work ({reason})"));
                    self.channels.record(channel, Outcome::Failed);
                    why.push(format!("{channel}: {reason}"));
                }
                Err(Attempt::Later(reason)) => {
                    self.note(&format!("{channel} did not work this time ({reason})"));
                    self.channels.record(channel, Outcome::Met425);
                    why.push(format!("{channel}: {reason}"));
                    met_425 = true;
                }
                Err(Attempt::Fatal(e)) => return Err(e),
            }
        }
        if why.is_empty() {
            why.push("every data-channel mode already failed in this session".into());
        }
        Err(Error::DataChannel {
            tried: why.join("; "),
            transient: met_425,
        })
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

    /// Sends EPSV/PASV/EPRT/PORT; a 5xx means "try the next channel", except "not logged in"
    /// (530, 532), which is a login problem and no channel's fault.
    fn negotiate(&mut self, setup: &Command) -> Result<Reply, Attempt> {
        let reply = self.command(setup)?;
        if codes::classify(&reply) == Refusal::Login {
            return Err(Attempt::Fatal(Error::rejected(setup.redacted(), reply)));
        }
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
        let mut tcp = TcpStream::connect_timeout(&target, self.opts.connect_timeout)
            .map_err(|e| Attempt::Next(format!("cannot connect to {target}: {e}")))?;
        configure_data(&tcp, self.opts.timeout)?;
        self.hello_on_data(&mut tcp);
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
        self.bind_active_listener().map_err(Attempt::Next)
    }

    /// A listener for an active data connection on the control connection's local address,
    /// in `--active-ports` when given.
    pub(crate) fn bind_active_listener(&mut self) -> Result<TcpListener, String> {
        let ip = self.local_addr().ip();
        let Some((low, high)) = self.opts.active_ports else {
            return TcpListener::bind((ip, 0)).map_err(|e| format!("cannot listen on {ip}: {e}"));
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
        Err(format!("no free local port in {low}-{high}"))
    }

    /// Completes a setup and transfer command that were sent ahead (see `ahead.rs`).
    /// `None` when the server refused the setup: the pair is settled and the caller goes on
    /// with the normal negotiation.
    fn use_ahead(&mut self, ahead: Ahead) -> Result<Option<Opened>> {
        let what = format!("waiting for the reply to {}", ahead.channel);
        let setup = self.read_reply(&what)?;
        if !setup.is_completion() {
            self.note(&format!(
                "{} sent ahead was refused: {}",
                ahead.channel,
                setup.one_line()
            ));
            if ahead.sent {
                while self.read_reply_to(&ahead.command)?.is_preliminary() {}
            }
            if codes::classify(&setup) == Refusal::Login {
                // Not the channel's fault: the session is not logged in (any more).
                return Err(Error::rejected(ahead.channel.to_string(), setup));
            }
            self.channels.forget_proven();
            return Ok(None);
        }
        let cmd = ahead.command.clone();
        let sent = ahead.sent;
        let fatal = |a: Attempt| match a {
            Attempt::Fatal(e) => e,
            Attempt::Next(why) => Error::DataChannel {
                tried: why,
                transient: false,
            },
            Attempt::Later(why) => Error::DataChannel {
                tried: why,
                transient: true,
            },
        };
        let opened = match ahead.listener {
            None => {
                // The server now waits for our connection; if it cannot be made, nothing
                // brings replies back in step but a new connection.
                let target = self.ahead_target(ahead.channel, &setup)?;
                let mut tcp = match TcpStream::connect_timeout(&target, self.opts.connect_timeout) {
                    Ok(tcp) => tcp,
                    Err(e) => {
                        self.mark_desynced();
                        return Err(io_error(
                            e,
                            format!("connecting the data connection to {target}"),
                            self.opts.connect_timeout,
                        ));
                    }
                };
                configure_data(&tcp, self.opts.timeout).map_err(fatal)?;
                self.hello_on_data(&mut tcp);
                if !sent {
                    self.send(&cmd)?;
                }
                let first = self.read_reply_to(&cmd)?;
                let first = check_transfer_reply(&cmd, first).map_err(fatal)?;
                let (prelim, done) = match first.is_preliminary() {
                    true => (Some(first), None),
                    false => (None, Some(first)),
                };
                Opened {
                    stream: Some(Stream::Plain(tcp)),
                    prelim,
                    done,
                }
            }
            Some(listener) => {
                let first = self.read_reply_to(&cmd)?;
                let first = check_transfer_reply(&cmd, first).map_err(fatal)?;
                let mut opened = Opened {
                    stream: None,
                    prelim: None,
                    done: None,
                };
                if !first.is_preliminary() {
                    opened.done = Some(first);
                    return Ok(Some(opened));
                }
                opened.prelim = Some(first);
                let tcp = self
                    .accept_from_server(&listener, &mut opened)
                    .map_err(fatal)?;
                opened.stream = tcp.map(Stream::Plain);
                opened
            }
        };
        Ok(Some(opened))
    }

    fn try_active(
        &mut self,
        channel: Channel,
        cmd: &Command,
        rest: u64,
    ) -> Result<Opened, Attempt> {
        self.data_hello = None;
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
                    // The same short read slice as a passive connection, so that a blocked
                    // read wakes up to see Ctrl-C.
                    configure_data(&tcp, self.opts.timeout)?;
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
        return Attempt::Later(format!(
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

/// Sets up a data socket, passive or active: timeouts, no-delay, and a read timeout of one
/// [`READ_SLICE`], which [`DataTransfer::read_data`] relies on to honour Ctrl-C.
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
    /// passes without a byte (a stalled data connection). The silence is measured on the
    /// clock, not by counting wake-ups, so it holds whatever read timeout the socket has.
    pub(crate) fn read_data(&mut self, buf: &mut [u8]) -> Result<usize> {
        let timeout = self.session.opts.timeout;
        let waiting_since = Instant::now();
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
                    if waiting_since.elapsed() >= timeout {
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

    /// Writes the next download the caller promised (see `ahead.rs`) before this one's
    /// final reply is read; call it once this download's data has all arrived.
    pub(crate) fn send_ahead(&mut self) {
        self.session.send_ahead();
    }

    /// The data connection's socket when it is plain TCP (no TLS), for zero-copy sends.
    pub(crate) fn plain_tcp(&mut self) -> Option<&mut TcpStream> {
        match self.stream.as_mut() {
            Some(Stream::Plain(tcp)) => Some(tcp),
            _ => None,
        }
    }

    /// Ends our side of an upload (EOF for the server), keeping the connection readable.
    pub fn shutdown_write(&mut self) -> io::Result<()> {
        match self.stream.as_mut() {
            Some(s) => s.shutdown_write(),
            None => Ok(()),
        }
    }

    /// Closes the data connection and reads the final reply. Success is 226 or 250, the two
    /// completions RFC 959 gives RETR, STOR, APPE and the listings (curl checks the same);
    /// another 2xx ("200 OK", "202 superfluous") does not say the data arrived whole, so it is
    /// an unexpected reply and a download is not renamed over its target.
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
        if self.session.ahead.is_some() && matches!(reply.code, 200 | 227 | 229) {
            // The server answered the setup command sent ahead before ending this transfer:
            // which reply belongs to which command can no longer be told. Give the connection
            // up (a retry reconnects and resumes) and send nothing ahead to this server from now on,
            // on any session sharing its traits.
            self.session.traits.learn_answers_out_of_turn();
            self.session.mark_desynced();
            return Err(Error::Closed {
                what: format!(
                    "on purpose: it answered the next command ({}) before ending {}",
                    reply.one_line(),
                    self.command
                ),
            });
        }
        if matches!(reply.code, 226 | 250) {
            Ok(reply)
        } else if reply.is_completion() {
            Err(Error::Unexpected {
                command: self.command.clone(),
                reply,
            })
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
