//! The control-connection driver: the one place that talks to an FTP server.
//!
//! A [`Session`] owns the control [`Stream`] and a [`ReplyParser`]; it connects, reads the
//! greeting, logs in, discovers features, and sends commands one at a time, each answered by
//! exactly one final reply. Data connections live in `data.rs` and transfers in `transfer.rs`,
//! both as `impl Session` blocks so there is still a single driver.
//!
//! Its settings are [`Options`] (in `options.rs`); the plain one-reply commands are in
//! `commands.rs`, getting in (greeting, login, FEAT, TLS) in `login.rs`.
//!
//! The session never prints: a trace callback ([`Trace`]) receives every line sent (passwords as
//! `****`) and received, and the binary decides what to show.

use std::io::{ErrorKind, Read, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::engine::known::ServerTraits;
use crate::engine::net::{self, Network};
pub use crate::engine::options::Options;
use crate::engine::pending::Ahead;
use crate::engine::throttle::{Pacer, Throttle};
use crate::engine::tls::{Hello, TlsClient};
use crate::engine::transport::io_error;
use crate::engine::transport::{self, Readiness, Stream};
use crate::error::{Error, Result};
use crate::proto::channel::{ChannelPlan, DataMode};
use crate::proto::command::{Command, Secret, TransferType};
use crate::proto::digest::HashAlgo;
use crate::proto::proxy::TargetHost;
pub use crate::proto::replies::{Features, parse_257};
use crate::proto::reply::{Reply, ReplyParser};

/// One line of protocol trace.
#[derive(Debug, Clone, Copy)]
pub enum Trace<'a> {
    /// A command we sent (secrets already replaced by `****`).
    Sent(&'a str),
    /// A reply line we received (raw server text: sanitize before printing).
    Received(&'a str),
    /// Something the engine decided, e.g. a data-channel fallback.
    Note(&'a str),
}

/// Receives the protocol trace.
pub type TraceFn = Box<dyn FnMut(Trace<'_>) + Send>;

/// Who to log in as.
#[derive(Debug, Clone)]
pub struct Login {
    /// The user name (`anonymous` for anonymous logins).
    pub user: String,
    /// The password (`anonymous@` by default for anonymous logins).
    pub password: Secret,
    /// The account, for servers that answer 332.
    pub account: Option<Secret>,
}

impl Login {
    /// An anonymous login with the customary password.
    pub fn anonymous() -> Login {
        Login {
            user: "anonymous".into(),
            password: Secret::new("anonymous@"),
            account: None,
        }
    }
}

/// How a session reaches its server: the network for data connections, where they go, and
/// the host name asked for.
struct Route<'a> {
    net: Box<dyn Network>,
    server: TargetHost,
    host: &'a str,
}

/// An open, logged-in (or about to be) control connection.
pub struct Session {
    stream: Stream,
    /// Where data connections come from (real TCP but in the engine's in-memory tests).
    pub(crate) net: Box<dyn Network>,
    parser: ReplyParser,
    peer: SocketAddr,
    local: SocketAddr,
    pub(crate) opts: Options,
    pub(crate) features: Features,
    pub(crate) transfer_type: Option<TransferType>,
    /// Which data channels to try, and what failed or worked so far in this session.
    pub(crate) channels: ChannelPlan,
    trace: Option<TraceFn>,
    greeting: Reply,
    /// Set when an abandoned transfer's final reply never came: replies can no longer be
    /// matched to commands, so the session refuses to go on.
    desynced: bool,
    /// Raised by Ctrl-C in the shell; transfers check it between reads.
    interrupt: Option<Arc<AtomicBool>>,
    /// The host name we connected to (the TLS server name).
    pub(crate) host: String,
    /// Where passive data connections go: the server's address, or through a proxy that
    /// resolved the name itself, the name (`peer` is then the proxy's address).
    pub(crate) server: TargetHost,
    /// TLS for this session, once the control connection is protected.
    pub(crate) tls: Option<TlsClient>,
    /// PROT P is in force: data connections are TLS too.
    pub(crate) prot_private: bool,
    /// FEAT answered 211 (so `features` is the server's list, not a guess).
    pub(crate) features_known: bool,
    /// A size already known for the next download (from a listing), saving a SIZE round trip.
    pub(crate) size_hint: Option<(String, u64)>,
    /// The transfer the caller said comes next (see `ahead.rs`).
    pub(crate) next_up: Option<Command>,
    /// A setup and transfer command written ahead whose replies are still unread.
    pub(crate) ahead: Option<Ahead>,
    /// A TLS handshake begun on the data connection being opened (see `hello_on_data`).
    pub(crate) data_hello: Option<Hello>,
    /// What this session and the others to the same server learned about it.
    pub(crate) traits: ServerTraits,
    /// The HASH algorithm `OPTS HASH` selected on this connection.
    pub(crate) hash_selected: Option<HashAlgo>,
    /// The bandwidth limit transfers on this session share (with the other lanes of a run).
    pub(crate) throttle: Option<Arc<Throttle>>,
    /// The last SIZE answered 2xx without a number (`213 File status`): its reply, one line.
    pub(crate) size_without_number: Option<String>,
    /// Why the last upload's size could not be checked, until taken.
    pub(crate) unverified: Option<String>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("peer", &self.peer)
            .field("local", &self.local)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Connects to `host` (name, IPv4 or bare IPv6) and reads the greeting.
    ///
    /// A `120` ("ready in a while") is followed by waiting for the `220`; a `421` ends in an
    /// error saying the server is busy.
    pub fn connect(
        host: &str,
        port: u16,
        opts: Options,
        trace: Option<TraceFn>,
    ) -> Result<Session> {
        Session::connect_until(host, port, opts, trace, None)
    }

    /// Like [`Session::connect`], with `interrupt` (Ctrl-C) ending the wait for the greeting at
    /// once and interrupting the session's transfers afterwards.
    pub fn connect_until(
        host: &str,
        port: u16,
        opts: Options,
        trace: Option<TraceFn>,
        interrupt: Option<Arc<AtomicBool>>,
    ) -> Result<Session> {
        let (tcp, server, net) =
            net::control(opts.proxy.as_ref(), host, port, opts.connect_timeout)?;
        let setup = |e| Error::Network {
            what: "setting up the control connection".into(),
            source: e,
        };
        transport::configure(&tcp, opts.timeout, true).map_err(setup)?;
        let stream = Stream::Plain(tcp);
        let route = Route { net, server, host };
        Session::start(stream, route, opts, trace, interrupt)
    }

    /// A session over an already connected control `stream` whose data connections come from
    /// `net`: the engine's tests drive a scripted server through an in-memory stream this way.
    /// Reads the greeting like [`Session::connect`].
    #[cfg(test)]
    pub(crate) fn over(
        stream: Stream,
        net: Box<dyn Network>,
        opts: Options,
        trace: Option<TraceFn>,
    ) -> Result<Session> {
        let (host, server) = match stream.peer_addr() {
            Ok(addr) => (addr.ip().to_string(), TargetHost::Ip(addr.ip())),
            Err(_) => ("localhost".into(), TargetHost::Name("localhost".into())),
        };
        let route = Route {
            net,
            server,
            host: &host,
        };
        Session::start(stream, route, opts, trace, None)
    }

    fn start(
        stream: Stream,
        route: Route<'_>,
        opts: Options,
        trace: Option<TraceFn>,
        interrupt: Option<Arc<AtomicBool>>,
    ) -> Result<Session> {
        let setup = |e| Error::Network {
            what: "setting up the control connection".into(),
            source: e,
        };
        let peer = stream.peer_addr().map_err(setup)?;
        let local = stream.local_addr().map_err(setup)?;
        let implicit = opts.implicit_tls;
        let Route { net, server, host } = route;
        let proxy = net.proxy().map(|p| p.to_string());
        let mut session = Session {
            stream,
            net,
            parser: ReplyParser::new(),
            peer,
            local,
            opts,
            features: Features::default(),
            transfer_type: None,
            channels: ChannelPlan::new(),
            trace,
            greeting: Reply::new(0, Vec::new()),
            desynced: false,
            interrupt,
            host: host.to_owned(),
            server,
            tls: None,
            prot_private: false,
            features_known: false,
            size_hint: None,
            next_up: None,
            ahead: None,
            data_hello: None,
            traits: ServerTraits::new(),
            hash_selected: None,
            throttle: None,
            size_without_number: None,
            unverified: None,
        };
        if let Some(proxy) = proxy {
            session.note(&format!("connected to {host} through the proxy {proxy}"));
        }
        if implicit {
            session.upgrade_control()?;
        }
        session.greeting = session.read_greeting()?;
        Ok(session)
    }

    /// Why the last upload's size was not checked although the server has SIZE (it answered
    /// without a number), once: the caller says so in a notice.
    pub fn take_unverified(&mut self) -> Option<String> {
        self.unverified.take()
    }

    /// The greeting (the 220 reply).
    pub fn greeting(&self) -> &Reply {
        &self.greeting
    }

    /// The server's address on the control connection.
    pub fn peer_addr(&self) -> SocketAddr {
        self.peer
    }

    /// Our address on the control connection.
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// Features advertised by FEAT (empty until [`Session::login`] ran, or if FEAT failed).
    pub fn features(&self) -> &Features {
        &self.features
    }

    /// Sends a command and returns its final reply, whatever the code.
    ///
    /// Preliminary (1xx) replies before the final one are passed over; use the data-channel
    /// methods for commands that open a data connection.
    pub fn command(&mut self, cmd: &Command) -> Result<Reply> {
        self.send(cmd)?;
        self.read_final_to(cmd)
    }

    /// Sends a command and requires a final reply of class 2xx (or one of `also_ok`).
    pub fn expect(&mut self, cmd: &Command, also_ok: &[u16]) -> Result<Reply> {
        let reply = self.command(cmd)?;
        if reply.is_completion() || also_ok.contains(&reply.code) {
            Ok(reply)
        } else {
            Err(Error::rejected(cmd.redacted(), reply))
        }
    }

    /// Writes one command line; nothing with CR/LF/NUL in an argument is ever written.
    pub fn send(&mut self, cmd: &Command) -> Result<()> {
        let wire = cmd.to_wire_in(self.charset())?;
        self.settle_ahead()?;
        if self.desynced {
            return Err(out_of_step());
        }
        if let Some(trace) = self.trace.as_mut() {
            trace(Trace::Sent(&cmd.redacted()));
        }
        let what = format!("sending {}", cmd.verb());
        self.stream
            .write_all(&wire)
            .map_err(|e| io_error(e, what, self.opts.timeout))
    }

    /// Writes already-checked command lines in one write (for commands sent ahead); `cmds`
    /// are what the trace shows.
    pub(crate) fn write_raw(&mut self, wire: &[u8], cmds: &[&Command]) -> Result<()> {
        if let Some(trace) = self.trace.as_mut() {
            for cmd in cmds {
                trace(Trace::Sent(&cmd.redacted()));
            }
        }
        self.stream
            .write_all(wire)
            .map_err(|e| io_error(e, "sending commands ahead".into(), self.opts.timeout))
    }

    pub(crate) fn read_reply_to(&mut self, cmd: &Command) -> Result<Reply> {
        self.read_reply(&format!("waiting for the reply to {}", cmd.verb()))
    }

    /// Reads the next complete reply; `what` says what we were waiting for, for errors.
    pub fn read_reply(&mut self, what: &str) -> Result<Reply> {
        loop {
            if let Some(reply) = self.next_buffered() {
                return Ok(reply);
            }
            self.fill(what)?;
        }
    }

    fn next_buffered(&mut self) -> Option<Reply> {
        let reply = self.parser.next_reply()?;
        if let Some(trace) = self.trace.as_mut() {
            for line in &reply.lines {
                trace(Trace::Received(line));
            }
        }
        Some(reply)
    }

    /// One read from the control socket into the parser.
    fn fill(&mut self, what: &str) -> Result<()> {
        let mut buf = [0u8; 4096];
        let n = match self.stream.read(&mut buf) {
            Ok(0) => return Err(Error::Closed { what: what.into() }),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => return Ok(()),
            Err(e) => return Err(io_error(e, what.into(), self.opts.timeout)),
        };
        let charset = self.charset();
        self.parser.set_charset(charset);
        self.parser.feed(&buf[..n])?;
        Ok(())
    }

    /// Reads the next reply, allowing each read at most `limit` instead of the session timeout.
    pub(crate) fn read_reply_within(&mut self, limit: Duration, what: &str) -> Result<Reply> {
        self.set_control_timeout(limit)?;
        let result = self.read_reply(what);
        self.set_control_timeout(self.opts.timeout)?;
        result
    }

    fn set_control_timeout(&self, t: Duration) -> Result<()> {
        self.stream
            .set_read_timeout(Some(t))
            .map_err(|e| Error::Network {
                what: "setting a socket timeout".into(),
                source: e,
            })
    }

    /// Waits at most `wait` for a reply; `Ok(None)` when none came in time.
    pub(crate) fn poll_reply(&mut self, wait: Duration, what: &str) -> Result<Option<Reply>> {
        if let Some(reply) = self.next_buffered() {
            return Ok(Some(reply));
        }
        self.set_control_timeout(wait)?;
        let result = self.fill(what);
        self.set_control_timeout(self.opts.timeout)?;
        match result {
            Ok(()) => Ok(self.next_buffered()),
            Err(Error::Timeout { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Changes the data-channel mode; channels that failed stay remembered, a proven channel
    /// outside the new mode is forgotten.
    pub fn set_data_mode(&mut self, mode: DataMode) {
        self.opts.data_mode = mode;
        self.channels.set_mode(mode);
    }

    /// Tells the next download of `remote` its size (from a listing), so it can check the
    /// byte count without asking SIZE.
    pub fn hint_size(&mut self, remote: &str, size: u64) {
        self.size_hint = Some((remote.to_owned(), size));
    }

    /// Shares `traits` with this session: what it learns about the server from now on, every
    /// session holding a clone knows too (the lanes of one job), and what they learned it
    /// knows. A session starts with traits of its own.
    pub fn share_server_traits(&mut self, traits: ServerTraits) {
        self.traits = traits;
    }

    /// The knowledge about the server this session holds (a clone of the shared handle).
    pub fn server_traits(&self) -> ServerTraits {
        self.traits.clone()
    }

    /// Makes this session's transfers draw from `throttle` (the run's bandwidth limit, shared
    /// with the other connections of a parallel job); `None` lifts the limit.
    pub fn set_throttle(&mut self, throttle: Option<Arc<Throttle>>) {
        self.throttle = throttle;
    }

    /// What paces this session's next transfer.
    pub(crate) fn pacer(&self) -> Pacer {
        Pacer {
            throttle: self.throttle.clone(),
            interrupt: self.interrupt.clone(),
        }
    }

    /// Lets `flag` (set by Ctrl-C) interrupt transfers on this session.
    pub fn set_interrupt(&mut self, flag: Arc<AtomicBool>) {
        self.interrupt = Some(flag);
    }

    /// True when the user asked to stop the current operation. The flag is left set, so every
    /// session sharing it (parallel lanes) stops too; the front end clears it before the next
    /// action.
    pub(crate) fn interrupted(&self) -> bool {
        self.interrupt
            .as_ref()
            .is_some_and(|f| f.load(Ordering::SeqCst))
    }

    /// False once replies can no longer be matched to commands; the front end reconnects.
    pub fn is_usable(&self) -> bool {
        !self.desynced
    }

    /// Checks, between commands, that the server has not closed the connection while we were
    /// idle: `Err` says why it is gone (end of stream, a reset, or a reply nobody asked for,
    /// such as `421 Idle timeout`), so the caller can reconnect *before* sending a command
    /// instead of losing it. Costs a look at the socket without waiting; only when bytes are
    /// pending is there a short read (under TLS they may be just session tickets).
    pub fn check_idle(&mut self) -> Result<()> {
        const WAIT: Duration = Duration::from_millis(100);
        let what = "while we were idle";
        if self.desynced {
            return Err(out_of_step());
        }
        // Replies to a transfer sent ahead and never used are expected, not a sign of trouble.
        self.settle_ahead()?;
        if self.parser.has_buffered() || self.control_has_bytes(what)? {
            if let Some(reply) = self.poll_reply(WAIT, what)? {
                self.desynced = true;
                return Err(Error::Unexpected {
                    command: "nothing (a reply nobody asked for)".into(),
                    reply,
                });
            }
            if self.parser.has_buffered() {
                // Part of a reply nobody asked for: replies can no longer be matched.
                self.desynced = true;
                return Err(Error::Closed {
                    what: "while we were idle, after part of a reply nobody asked for".into(),
                });
            }
        }
        Ok(())
    }

    /// Whether the control socket has bytes (or its end) waiting, without blocking; an end of
    /// stream or a reset is an error.
    fn control_has_bytes(&self, what: &str) -> Result<bool> {
        match self.stream.readiness() {
            Ok(Readiness::End) => Err(Error::Closed { what: what.into() }),
            Ok(Readiness::Bytes) => Ok(true),
            Ok(Readiness::Idle) => Ok(false),
            Err(e) => Err(io_error(e, what.into(), self.opts.timeout)),
        }
    }

    /// True once TLS protects the control connection.
    pub fn is_tls(&self) -> bool {
        self.stream.is_tls()
    }

    /// True when bytes beyond the last reply are waiting (checked after `234`).
    pub(crate) fn has_buffered_replies(&self) -> bool {
        self.parser.has_buffered()
    }

    /// A second handle on the control socket, for wrapping it in TLS.
    pub(crate) fn control_tcp_clone(&self) -> Result<std::net::TcpStream> {
        let tcp = self.stream.tcp().ok_or_else(|| Error::Network {
            what: "preparing the TLS handshake".into(),
            source: std::io::Error::new(ErrorKind::Unsupported, "not a TCP connection"),
        })?;
        tcp.try_clone().map_err(|e| Error::Network {
            what: "preparing the TLS handshake".into(),
            source: e,
        })
    }

    /// Puts `stream` (the TLS-wrapped control connection) in place of the plain one.
    pub(crate) fn replace_control(&mut self, stream: Stream) {
        self.stream = stream;
    }

    /// Marks the session unusable (see `desynced`).
    pub(crate) fn mark_desynced(&mut self) {
        self.desynced = true;
    }

    /// Records an engine decision in the trace.
    pub(crate) fn note(&mut self, text: &str) {
        if let Some(trace) = self.trace.as_mut() {
            trace(Trace::Note(text));
        }
    }

    /// Reads replies to `cmd` until its final (non-1xx) one.
    pub(crate) fn read_final_to(&mut self, cmd: &Command) -> Result<Reply> {
        loop {
            let reply = self.read_reply_to(cmd)?;
            if !reply.is_preliminary() {
                return Ok(reply);
            }
        }
    }
}

/// The error for a session whose replies can no longer be matched to its commands.
fn out_of_step() -> Error {
    Error::Closed {
        what: "earlier: an interrupted transfer left the control connection out of step".into(),
    }
}
