//! Data-channel negotiation: EPSV → PASV → EPRT → PORT with automatic fallback.
//!
//! [`Session::open_data`] sends the commands that set up a data connection, then the transfer
//! command itself, and hands back a [`DataTransfer`] guard (in `guard.rs`) that borrows the
//! session mutably, so no other command can be sent while data flows. [`DataTransfer::finish`]
//! closes the data connection and reads the final reply. Passive channels are set up here,
//! active ones in `active.rs`; which channel comes next is the session's
//! [`ChannelPlan`](crate::proto::channel::ChannelPlan), told how each attempt went.
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
//! connection, and only from the server's address. A "not logged in" (530, 532) is a login
//! problem, not the channel's: it ends the attempt as that error and the plan learns nothing.

use std::io;
use std::net::{IpAddr, SocketAddrV4};
use std::time::Duration;

pub use crate::engine::guard::DataTransfer;
use crate::engine::session::Session;
use crate::engine::transport::{self, Stream};
use crate::error::{Error, Result};
use crate::proto::addr::PasvAddressPolicy;
use crate::proto::addr::{self, AddrError};
use crate::proto::channel::{Channel, DataMode, Outcome};
use crate::proto::codes::{self, Refusal};
use crate::proto::command::Command;
use crate::proto::proxy::{ProxyScheme, Target, TargetHost};
use crate::proto::reply::Reply;

/// Why one channel did not work.
pub(crate) enum Attempt {
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

impl Attempt {
    /// The error this attempt ends the transfer with when there is no next channel to try
    /// (a transfer sent ahead).
    pub(crate) fn into_error(self) -> Error {
        match self {
            Attempt::Fatal(e) => e,
            Attempt::Next(why) => Error::DataChannel {
                tried: why,
                transient: false,
            },
            Attempt::Later(why) => Error::DataChannel {
                tried: why,
                transient: true,
            },
        }
    }
}

/// A data connection that is set up, before it is wrapped in a guard.
pub(crate) struct Opened {
    /// The data connection, unless the server ended the transfer without one.
    pub(crate) stream: Option<Stream>,
    /// The 1xx that opened the transfer.
    pub(crate) prelim: Option<Reply>,
    /// The final reply, when it came before the data connection was used.
    pub(crate) done: Option<Reply>,
}

impl Opened {
    /// A data connection and the transfer command's first reply (a 1xx, or already final).
    pub(crate) fn with(stream: Option<Stream>, first: Reply) -> Opened {
        match first.is_preliminary() {
            true => Opened {
                stream,
                prelim: Some(first),
                done: None,
            },
            false => Opened {
                stream,
                prelim: None,
                done: Some(first),
            },
        }
    }
}

impl Session {
    /// Sets up a data connection, sends `REST rest` (when not 0) and `cmd`, and returns the
    /// open transfer.
    pub fn open_data(&mut self, cmd: &Command, rest: u64) -> Result<DataTransfer<'_>> {
        self.open_data_with(cmd, rest, false)
    }

    /// Like [`Session::open_data`]. With `early`, a small upload whose setup went ahead (see
    /// `ahead.rs`) on a plain data connection does not wait for the STOR's 1xx before it
    /// writes: the guard then has neither reply yet, and its `finish` reads both.
    pub(crate) fn open_data_with(
        &mut self,
        cmd: &Command,
        rest: u64,
        early: bool,
    ) -> Result<DataTransfer<'_>> {
        // A name the server's charset cannot hold fails here, before the data channel is set up.
        cmd.to_wire_in(self.charset())?;
        self.data_hello = None;
        let mut opened = None;
        if let Some(ahead) = self.take_ahead(cmd, rest)? {
            let early = early && !self.prot_private;
            opened = self.use_ahead(ahead, early)?;
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
        let mode = self.channel_mode()?;
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
    pub(crate) fn negotiate(&mut self, setup: &Command) -> Result<Reply, Attempt> {
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

    /// The data mode in force: through a proxy, `auto` and `passive` are passive only (active
    /// mode is never fallen into through a proxy), and an active mode asked for goes through a
    /// SOCKS5 proxy's BIND or, through other proxies, is an error.
    fn channel_mode(&self) -> Result<DataMode> {
        let mode = self.opts.data_mode;
        let Some(proxy) = self.net.proxy() else {
            return Ok(mode);
        };
        let binds = matches!(proxy.scheme, ProxyScheme::Socks5 | ProxyScheme::Socks5h);
        match mode {
            DataMode::Auto | DataMode::Passive => Ok(DataMode::Passive),
            DataMode::Epsv | DataMode::Pasv => Ok(mode),
            DataMode::Active | DataMode::Eprt | DataMode::Port if binds => Ok(mode),
            DataMode::Active | DataMode::Eprt | DataMode::Port => Err(Error::ActiveThroughProxy {
                proxy: proxy.to_string(),
            }),
        }
    }

    fn passive_target(&mut self, channel: Channel) -> Result<Target, Attempt> {
        if channel == Channel::Pasv
            && let TargetHost::Ip(ip) = self.server
            && !is_v4(ip)
        {
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
            return Ok(self.server_port(port));
        }
        let advertised = addr::parse_pasv(&reply.text()).map_err(bad)?;
        let (target, note) = self.pasv_data_target(advertised).map_err(bad)?;
        if let Some(note) = note {
            self.note(&note);
        }
        Ok(target)
    }

    /// The server's `port`, on its address, or by name through a proxy that resolves it.
    pub(crate) fn server_port(&self, port: u16) -> Target {
        Target {
            host: self.server.clone(),
            port,
        }
    }

    /// Where a 227's `advertised` address sends the data connection under `--pasv-address`,
    /// with a note when it is not the advertised address. When only the proxy knows the
    /// server's address, the default goes to the server's name; `server` takes the advertised
    /// address only when it is public (it cannot be compared with the server's).
    pub(crate) fn pasv_data_target(
        &self,
        advertised: SocketAddrV4,
    ) -> Result<(Target, Option<String>), AddrError> {
        let shown = advertised.ip();
        match &self.server {
            TargetHost::Ip(peer) => {
                let target = addr::pasv_target(advertised, *peer, self.opts.pasv_policy)?;
                let note = (IpAddr::V4(*shown) != target.ip() && !shown.is_unspecified()).then(|| {
                    format!(
                        "the 227 reply advertised {shown}; connecting to the server's address {} instead",
                        target.ip()
                    )
                });
                Ok((Target::ip(target.ip(), target.port()), note))
            }
            TargetHost::Name(name) => {
                let public = addr::classify(IpAddr::V4(*shown)) == addr::AddrClass::Public;
                if self.opts.pasv_policy == PasvAddressPolicy::Server && public {
                    return Ok((Target::ip(IpAddr::V4(*shown), advertised.port()), None));
                }
                let note = (!shown.is_unspecified()).then(|| {
                    format!("the 227 reply advertised {shown}; connecting to {name} through the proxy instead")
                });
                Ok((self.server_port(advertised.port()), note))
            }
        }
    }

    fn try_passive(
        &mut self,
        channel: Channel,
        cmd: &Command,
        rest: u64,
    ) -> Result<Opened, Attempt> {
        let target = self.passive_target(channel)?;
        let via = match self.net.proxy() {
            Some(_) => " through the proxy",
            None => "",
        };
        let mut data = self
            .net
            .connect(&target, self.opts.connect_timeout)
            .map_err(|e| Attempt::Next(format!("cannot connect to {target}{via}: {e}")))?;
        configure_data(&data, self.opts.timeout)?;
        self.hello_on_data(&mut data);
        let reply = self.start_transfer(cmd, rest)?;
        Ok(Opened::with(Some(data), reply))
    }

    /// Sends REST (when needed) and the transfer command; returns its first reply if it is a
    /// 1xx or 2xx.
    pub(crate) fn start_transfer(&mut self, cmd: &Command, rest: u64) -> Result<Reply, Attempt> {
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
}

/// Passes a transfer command's 1xx or 2xx; a 425 means "try the next channel later".
pub(crate) fn check_transfer_reply(cmd: &Command, reply: Reply) -> Result<Reply, Attempt> {
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

/// What a negative reply to a transfer command (or during the wait for it) means.
pub(crate) fn check_transfer_reply_error(reply: Reply) -> Attempt {
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

/// `ip` with an IPv4-mapped IPv6 address turned into the IPv4 one.
pub(crate) fn canonical(ip: IpAddr) -> IpAddr {
    ip.to_canonical()
}

/// How often a blocked data read wakes up to check for Ctrl-C.
const READ_SLICE: Duration = Duration::from_millis(250);

/// Sets up a data socket, passive or active: timeouts, no-delay, and a read timeout of one
/// [`READ_SLICE`], which `DataTransfer::read_data` relies on to honour Ctrl-C. An in-memory
/// stream has no socket options.
pub(crate) fn configure_data(data: &Stream, timeout: Duration) -> Result<(), Attempt> {
    let Some(tcp) = data.tcp() else {
        return Ok(());
    };
    transport::configure(tcp, timeout, false)
        .and_then(|()| tcp.set_read_timeout(Some(READ_SLICE.min(timeout))))
        .map_err(|e| net(e, "data").into())
}

/// A socket error on the `what` socket.
pub(crate) fn net(e: io::Error, what: &str) -> Error {
    Error::Network {
        what: format!("on the {what} socket"),
        source: e,
    }
}
