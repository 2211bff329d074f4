//! A scripted FTP server in memory: the control connection is a [`Duplex`] that checks each
//! command line the session writes against the next expected one and queues the reply the
//! script gives for it; data connections come from a [`Network`] whose passive ports and
//! connect-backs the script sets up. No socket, no thread, no sleeping: a read that finds
//! nothing to read times out at once (as if the session's timeout had passed), so tests use a
//! short session timeout where the engine waits in a loop.

use std::collections::{HashMap, VecDeque};
use std::io::{self, ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::engine::net::{DataListener, Network};
use crate::engine::session::{Options, Session, Trace};
use crate::engine::transport::{Duplex, Readiness, Stream};
use crate::error::Error;
use crate::proto::proxy::{ProxyUrl, Target, TargetHost};

/// The scripted server's address.
pub(crate) const SERVER: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
/// The session's own address on the control connection.
pub(crate) const CLIENT: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2));
/// The first port a listener of the session gets (then 50001, ...).
pub(crate) const FIRST_LISTEN_PORT: u16 = 50000;

/// One expected command and what the server does about it.
struct Step {
    command: String,
    reply: Vec<u8>,
    connect_back: Option<(SocketAddr, Vec<u8>)>,
    close: bool,
}

/// A scripted data connection's bytes, and what a read finds after them.
#[derive(Clone)]
struct Data {
    bytes: Vec<u8>,
    stalls: bool,
}

#[derive(Default)]
struct State {
    inbox: VecDeque<u8>,
    closed: bool,
    steps: VecDeque<Step>,
    line: Vec<u8>,
    sent: Vec<String>,
    batches: Vec<Vec<String>>,
    mismatch: Option<String>,
    passive: HashMap<u16, Data>,
    incoming: VecDeque<(SocketAddr, Data)>,
    connects: Vec<SocketAddr>,
    listened: Vec<SocketAddr>,
    uploads: Vec<Arc<Mutex<Vec<u8>>>>,
    next_port: u16,
}

impl State {
    /// Checks one complete command line against the script and applies its step.
    fn command(&mut self, line: String) {
        self.sent.push(line.clone());
        let Some(step) = self.steps.pop_front() else {
            self.mismatch
                .get_or_insert(format!("the script had ended; the session sent {line:?}"));
            return;
        };
        if step.command != line {
            self.mismatch.get_or_insert(format!(
                "expected {:?}, the session sent {line:?}",
                step.command
            ));
            return;
        }
        self.inbox.extend(step.reply);
        if let Some((from, bytes)) = step.connect_back {
            let data = Data {
                bytes,
                stalls: false,
            };
            self.incoming.push_back((from, data));
        }
        self.closed |= step.close;
    }
}

/// Builds a script; [`Script::start`] makes the session that plays it.
pub(crate) struct Script {
    state: State,
    opts: Options,
    proxy: Option<ProxyUrl>,
}

/// Lines as the server sends them: each `\n`-separated line ends in CRLF.
fn wire(reply: &str) -> Vec<u8> {
    reply
        .lines()
        .flat_map(|l| format!("{l}\r\n").into_bytes())
        .collect()
}

impl Script {
    /// A script that greets with `220 ready`; the session's timeout is short (300 ms) since
    /// the engine's waiting loops run on the clock.
    pub(crate) fn new() -> Script {
        let mut state = State {
            next_port: FIRST_LISTEN_PORT,
            ..State::default()
        };
        state.inbox.extend(wire("220 ready"));
        let opts = Options {
            timeout: Duration::from_millis(300),
            ..Options::default()
        };
        Script {
            state,
            opts,
            proxy: None,
        }
    }

    /// The session's network goes through `proxy` (a URL): its data connections are still
    /// the script's, but the session knows it cannot listen past a proxy.
    pub(crate) fn through_proxy(mut self, proxy: &str) -> Script {
        self.proxy = Some(ProxyUrl::parse(proxy).expect("a proxy URL"));
        self
    }

    /// Replaces the greeting.
    pub(crate) fn greeting(mut self, reply: &str) -> Script {
        self.state.inbox = wire(reply).into();
        self
    }

    /// Changes the session's options.
    pub(crate) fn options(mut self, change: impl FnOnce(&mut Options)) -> Script {
        change(&mut self.opts);
        self
    }

    /// The session must send `command` next; the server answers with `reply` (lines separated
    /// by `\n`; empty for no answer yet).
    pub(crate) fn on(mut self, command: &str, reply: &str) -> Script {
        self.state.steps.push_back(Step {
            command: command.into(),
            reply: wire(reply),
            connect_back: None,
            close: false,
        });
        self
    }

    /// After the last step's reply, the server connects to the session's listener (from its
    /// own address) and sends `bytes`.
    pub(crate) fn connecting_back(self, bytes: &[u8]) -> Script {
        self.connecting_back_from(SocketAddr::new(SERVER, 20), bytes)
    }

    /// Like [`Script::connecting_back`], from another address.
    pub(crate) fn connecting_back_from(mut self, from: SocketAddr, bytes: &[u8]) -> Script {
        let step = self
            .state
            .steps
            .back_mut()
            .expect("a step to connect after");
        step.connect_back = Some((from, bytes.to_vec()));
        self
    }

    /// After the last step's reply, the server closes the control connection.
    pub(crate) fn closing(mut self) -> Script {
        self.state
            .steps
            .back_mut()
            .expect("a step to close after")
            .close = true;
        self
    }

    /// The server listens on `port` for one passive data connection, which carries `bytes`.
    pub(crate) fn data_at(mut self, port: u16, bytes: &[u8]) -> Script {
        let data = Data {
            bytes: bytes.to_vec(),
            stalls: false,
        };
        self.state.passive.insert(port, data);
        self
    }

    /// Like [`Script::data_at`], but after `bytes` the data connection stays open and silent.
    pub(crate) fn stalling_data_at(mut self, port: u16, bytes: &[u8]) -> Script {
        let data = Data {
            bytes: bytes.to_vec(),
            stalls: true,
        };
        self.state.passive.insert(port, data);
        self
    }

    /// The session over this script (its greeting read), and the handle that inspects it.
    pub(crate) fn start(self) -> (Session, Handle) {
        let (session, handle) = self.try_start();
        (session.expect("the greeting is accepted"), handle)
    }

    /// Like [`Script::start`], for a greeting that may be refused.
    pub(crate) fn try_start(self) -> (Result<Session, Error>, Handle) {
        let shared = Arc::new(Mutex::new(self.state));
        let notes = Arc::new(Mutex::new(Vec::new()));
        let control = Control(shared.clone());
        let net = Net(shared.clone(), self.proxy);
        let sink = notes.clone();
        let trace = Box::new(move |t: Trace<'_>| {
            if let Trace::Note(n) = t {
                sink.lock().unwrap().push(n.to_owned());
            }
        });
        let session = Session::over(
            Stream::Memory(Box::new(control)),
            Box::new(net),
            self.opts,
            Some(trace),
        );
        (session, Handle { shared, notes })
    }
}

/// What a test looks at after (or while) the session played the script.
pub(crate) struct Handle {
    shared: Arc<Mutex<State>>,
    notes: Arc<Mutex<Vec<String>>>,
}

impl Handle {
    /// The command lines the session sent, in order.
    pub(crate) fn sent(&self) -> Vec<String> {
        self.shared.lock().unwrap().sent.clone()
    }

    /// The command lines of each write the session made (commands sent together).
    pub(crate) fn batches(&self) -> Vec<Vec<String>> {
        self.shared.lock().unwrap().batches.clone()
    }

    /// The engine's trace notes (its decisions), in order.
    pub(crate) fn notes(&self) -> Vec<String> {
        self.notes.lock().unwrap().clone()
    }

    /// Where the session made passive data connections (or tried to).
    pub(crate) fn connects(&self) -> Vec<SocketAddr> {
        self.shared.lock().unwrap().connects.clone()
    }

    /// Where the session listened for active data connections.
    pub(crate) fn listened(&self) -> Vec<SocketAddr> {
        self.shared.lock().unwrap().listened.clone()
    }

    /// What the session wrote on each data connection, in the order they were made.
    pub(crate) fn uploads(&self) -> Vec<Vec<u8>> {
        let state = self.shared.lock().unwrap();
        state
            .uploads
            .iter()
            .map(|u| u.lock().unwrap().clone())
            .collect()
    }

    /// Panics unless the session sent exactly the script's commands, all of them.
    pub(crate) fn assert_done(&self) {
        let state = self.shared.lock().unwrap();
        if let Some(m) = &state.mismatch {
            panic!("{m}; sent: {:?}", state.sent);
        }
        let left: Vec<&str> = state.steps.iter().map(|s| s.command.as_str()).collect();
        assert!(
            left.is_empty(),
            "never sent {left:?}; sent: {:?}",
            state.sent
        );
    }
}

/// The session's end of the control connection.
struct Control(Arc<Mutex<State>>);

impl Read for Control {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut state = self.0.lock().unwrap();
        let closed = state.closed;
        read_from(&mut state.inbox, buf).unwrap_or(match closed {
            true => Ok(0),
            false => Err(io::Error::new(ErrorKind::TimedOut, "the script is silent")),
        })
    }
}

/// Moves what `queue` holds into `buf`; `None` when it is empty.
fn read_from(queue: &mut VecDeque<u8>, buf: &mut [u8]) -> Option<io::Result<usize>> {
    if queue.is_empty() {
        return None;
    }
    let n = buf.len().min(queue.len());
    for (slot, byte) in buf.iter_mut().zip(queue.drain(..n)) {
        *slot = byte;
    }
    Some(Ok(n))
}

impl Write for Control {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut state = self.0.lock().unwrap();
        if state.closed {
            return Err(io::Error::new(ErrorKind::BrokenPipe, "the script closed"));
        }
        state.line.extend_from_slice(buf);
        let mut batch = Vec::new();
        while let Some(end) = state.line.windows(2).position(|w| w == b"\r\n") {
            let line: Vec<u8> = state.line.drain(..end + 2).collect();
            let line = String::from_utf8_lossy(&line[..end]).into_owned();
            batch.push(line.clone());
            state.command(line);
        }
        state.batches.push(batch);
        match &state.mismatch {
            Some(m) => Err(io::Error::other(m.clone())),
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Duplex for Control {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        Ok(SocketAddr::new(SERVER, 21))
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        Ok(SocketAddr::new(CLIENT, 40000))
    }

    fn readiness(&self) -> io::Result<Readiness> {
        let state = self.0.lock().unwrap();
        Ok(match (state.inbox.is_empty(), state.closed) {
            (false, _) => Readiness::Bytes,
            (true, true) => Readiness::End,
            (true, false) => Readiness::Idle,
        })
    }

    fn shutdown_write(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A data connection: the script's bytes to read, and what the session writes.
struct DataConn {
    unread: VecDeque<u8>,
    stalls: bool,
    written: Arc<Mutex<Vec<u8>>>,
    peer: SocketAddr,
}

impl DataConn {
    fn stream(state: &mut State, data: Data, peer: SocketAddr) -> Stream {
        let written = Arc::new(Mutex::new(Vec::new()));
        state.uploads.push(written.clone());
        Stream::Memory(Box::new(DataConn {
            unread: data.bytes.into(),
            stalls: data.stalls,
            written,
            peer,
        }))
    }
}

impl Read for DataConn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        read_from(&mut self.unread, buf).unwrap_or(match self.stalls {
            true => Err(io::Error::new(ErrorKind::WouldBlock, "stalled")),
            false => Ok(0),
        })
    }
}

impl Write for DataConn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.written.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Duplex for DataConn {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.peer)
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        Ok(SocketAddr::new(CLIENT, 40001))
    }

    fn readiness(&self) -> io::Result<Readiness> {
        Ok(match self.unread.is_empty() {
            false => Readiness::Bytes,
            true if self.stalls => Readiness::Idle,
            true => Readiness::End,
        })
    }

    fn shutdown_write(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The scripted server's side of data connections.
struct Net(Arc<Mutex<State>>, Option<ProxyUrl>);

impl std::fmt::Debug for Net {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("scripted network")
    }
}

impl Network for Net {
    fn connect(&self, target: &Target, _: Duration) -> io::Result<Stream> {
        let TargetHost::Ip(ip) = target.host else {
            panic!("the scripted network connects to addresses only, not {target}");
        };
        let target = SocketAddr::new(ip, target.port);
        let mut state = self.0.lock().unwrap();
        state.connects.push(target);
        let data = match target.ip() == SERVER {
            true => state.passive.remove(&target.port()),
            false => None,
        };
        match data {
            Some(data) => Ok(DataConn::stream(&mut state, data, target)),
            None => Err(io::Error::new(
                ErrorKind::ConnectionRefused,
                "nothing listens",
            )),
        }
    }

    fn listen(&self, ip: IpAddr, port: u16) -> io::Result<Box<dyn DataListener>> {
        let mut state = self.0.lock().unwrap();
        let port = match port {
            0 => {
                state.next_port += 1;
                state.next_port - 1
            }
            p => p,
        };
        let addr = SocketAddr::new(ip, port);
        state.listened.push(addr);
        Ok(Box::new(Listener {
            addr,
            shared: self.0.clone(),
        }))
    }

    fn proxy(&self) -> Option<&ProxyUrl> {
        self.1.as_ref()
    }
}

/// A listener of the session; the script's connect-backs arrive on it.
struct Listener {
    addr: SocketAddr,
    shared: Arc<Mutex<State>>,
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "scripted listener on {}", self.addr)
    }
}

impl DataListener for Listener {
    fn local_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.addr)
    }

    fn accept_now(&self) -> io::Result<Option<(Stream, SocketAddr)>> {
        let mut state = self.shared.lock().unwrap();
        let Some((from, data)) = state.incoming.pop_front() else {
            return Ok(None);
        };
        Ok(Some((DataConn::stream(&mut state, data, from), from)))
    }
}
