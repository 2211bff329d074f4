//! A scripted, in-process FTP server for integration tests.
//!
//! Tests run the real `ferry` binary against [`FakeServer`] and then assert on
//! the exact command lines it received ([`FakeServer::commands`]) or on the
//! files it ended up holding ([`FakeServer::file`]). [`FakeConfig`] switches
//! on hostile or broken behaviour: odd greetings, canned replies for any verb,
//! a wrong address in the 227 reply, a dead EPSV port, truncated downloads,
//! hand-written listings, uploads kept short, data split after every CR.
//! [`FakeServer::uploaded_wire_bytes`] shows what an upload sent on the wire.
//!
//! Everything is std only: one detached accept thread, one detached thread per
//! control connection, an in-memory file tree shared by all connections. Every
//! blocking accept, read and write has a timeout, so nothing can hang a test.
//! Client input never panics the server; I/O errors are logged to stderr and
//! close the session.
//!
//! Behaviour worth knowing when writing a test:
//! - on a server from [`FakeServer::start_v6`] (`[::1]`), `PASV` answers 502
//!   (227 cannot carry an IPv6 address); `EPSV`, `EPRT` and `PORT` work;
//! - transfers go the vsftpd way: the request is checked (550/553), then the
//!   data connection is accepted/connected, and only then comes the 150;
//! - the session starts in TYPE A, which converts LF <-> CRLF on the wire;
//! - every file and directory has the modification time [`MODIFY`];
//! - lines over 8 KiB are answered with 500 and are not recorded;
//! - the control connection is closed after 30 s without a command (or after
//!   [`FakeConfig::idle_timeout`], with [`FakeConfig::idle_reply`] first).
//!
//! The command handling lives in the `session` submodule.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufRead, Read};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

mod session;

/// The modification time of every file and directory (MDTM, MLST, MLSD).
const MODIFY: &str = "20240102030405";
const LS_DATE: &str = "Jan 02  2024";
const MAX_LINE: usize = 8 * 1024;
const ACCEPT_TIMEOUT: Duration = Duration::from_secs(10);

/// What the fake server does. Build with `..FakeConfig::default()`.
#[derive(Clone, Debug)]
pub struct FakeConfig {
    /// Raw lines sent on connect. If the last one is a 4xx/5xx reply the
    /// server closes the connection right after it.
    pub greeting: Vec<String>,
    /// Accepted USER/PASS pairs.
    pub users: Vec<(String, String)>,
    /// Accept USER `anonymous` or `ftp` with any password.
    pub allow_anonymous: bool,
    /// After a good PASS reply 332 and wait for `ACCT <this>`.
    pub require_acct: Option<String>,
    /// `(VERB, raw reply)`: the reply replaces all handling of that verb
    /// (case-insensitive), even before login. A reply starting with 230 logs
    /// the session in; one starting with 221 or 421 closes the connection.
    pub overrides: Vec<(String, String)>,
    /// Like `overrides`, but each entry answers only the first matching
    /// command (on any connection), then normal handling resumes.
    pub overrides_once: Vec<(String, String)>,
    /// Lines between `211-Features:` and `211 End`.
    pub feat: Vec<String>,
    /// Address written into the 227 reply instead of 127.0.0.1.
    pub pasv_advertise: Option<Ipv4Addr>,
    /// EPSV advertises a port on which nothing listens.
    pub epsv_dead_port: bool,
    /// RETR sends only this many bytes, closes the data connection, and
    /// replies [`FakeConfig::retr_truncate_reply`].
    pub retr_truncate: Option<usize>,
    pub retr_truncate_reply: String,
    /// How many RETRs (counted over all connections) `retr_truncate` cuts;
    /// later ones send the whole file.
    pub retr_truncate_times: usize,
    /// After a cut RETR, close the control connection too instead of
    /// replying: the connection is lost half-way.
    pub retr_cut_closes_control: bool,
    /// `retr_truncate` cuts only RETRs on the control connection accepted N-th (from 1).
    pub retr_cut_connection: Option<usize>,
    /// Connections accepted after this many (in all) are closed at once, without a word: a
    /// server, or a network, that lets nobody back in.
    pub accept_limit: Option<usize>,
    /// After a cut RETR's bytes, keep the data connection open and silent
    /// for 20 s (a stalled transfer) before closing it.
    pub retr_stall: bool,
    /// The first STOR/APPE (over all connections) reads only this many bytes, keeps them, and
    /// then closes the data and control connections: an upload cut half-way.
    pub stor_cut_after: Option<usize>,
    /// Every STOR/APPE drops this many bytes from the end of what it received and still
    /// replies 226 (a server that loses data in silence).
    pub stor_drop_tail: usize,
    /// At most this many control connections at once; one more is greeted with
    /// "421 Too many connections" and closed (like vsftpd's max_per_ip).
    pub max_sessions: Option<usize>,
    /// At most this many connections at once may log in; PASS on one more is answered with
    /// the reply given (like a server that allows one session per address and says so with 530).
    pub max_logins: Option<(usize, String)>,
    /// Put `(N bytes)` (the whole file size) into RETR's 150 reply.
    pub retr_size_in_150: bool,
    /// Initial files by absolute path; a path ending in `/` is an empty dir.
    pub files: Vec<(String, Vec<u8>)>,
    /// If set, LIST sends exactly these lines (each CRLF-terminated).
    pub listing_lines: Option<Vec<String>>,
    /// NLST of a directory puts this before each name, as servers do (`dir/`, BSD's `dir//`).
    pub nlst_prefix: Option<String>,
    /// A listing of a path that does not exist is empty (150, 226), not 550, as some servers
    /// answer.
    pub missing_lists_empty: bool,
    /// The final reply of a transfer that went well (RETR, STOR/APPE, listings).
    pub transfer_done_reply: String,
    /// The first transfer's final reply (over all connections) waits until the next command
    /// has been read and answered, as a server that reads commands during a transfer may do.
    pub first_final_after_next: bool,
    /// Downloads and listings go out in pieces that each end right after a CR, with a pause
    /// between them, so a CR and the LF after it reach the client in different reads.
    pub split_after_cr: bool,
    /// Close a control connection that stays this long without a command, like a server's
    /// idle timeout, after sending [`FakeConfig::idle_reply`] (nothing when it is empty).
    pub idle_timeout: Option<Duration>,
    pub idle_reply: String,
}

impl Default for FakeConfig {
    fn default() -> Self {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        FakeConfig {
            greeting: s(&["220 ferry fake server ready"]),
            users: vec![("alice".into(), "secret".into())],
            allow_anonymous: true,
            require_acct: None,
            overrides: Vec::new(),
            overrides_once: Vec::new(),
            feat: s(&[
                " EPSV",
                " PASV",
                " SIZE",
                " MDTM",
                " UTF8",
                " MLST type*;size*;modify*;",
            ]),
            pasv_advertise: None,
            epsv_dead_port: false,
            retr_truncate: None,
            retr_truncate_reply: "426 Connection closed; transfer aborted.".into(),
            retr_truncate_times: usize::MAX,
            retr_cut_closes_control: false,
            retr_cut_connection: None,
            accept_limit: None,
            retr_stall: false,
            stor_cut_after: None,
            stor_drop_tail: 0,
            max_sessions: None,
            max_logins: None,
            retr_size_in_150: true,
            files: Vec::new(),
            listing_lines: None,
            nlst_prefix: None,
            missing_lists_empty: false,
            transfer_done_reply: "226 Transfer complete.".into(),
            first_final_after_next: false,
            split_after_cr: false,
            idle_timeout: None,
            idle_reply: "421 Idle timeout (1 seconds): closing control connection.".into(),
        }
    }
}

/// A running fake server; stops accepting connections when dropped.
pub struct FakeServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

struct Shared {
    cfg: FakeConfig,
    /// `overrides_once` entries already used, and RETRs cut so far.
    used_once: Mutex<Vec<bool>>,
    retr_cuts: Mutex<usize>,
    /// A final reply was already held back (`first_final_after_next`).
    final_held: AtomicBool,
    stor_cut_done: Mutex<bool>,
    active: std::sync::atomic::AtomicUsize,
    /// Control connections accepted so far.
    accepted: std::sync::atomic::AtomicUsize,
    commands: Mutex<Vec<String>>,
    /// The bytes of the latest STOR/APPE to each path as they came over the wire.
    wire_uploads: Mutex<BTreeMap<String, Vec<u8>>>,
    fs: Mutex<Fs>,
    stop: AtomicBool,
}

impl FakeServer {
    /// Listens on 127.0.0.1 with an ephemeral port.
    pub fn start(cfg: FakeConfig) -> FakeServer {
        Self::bind(cfg, IpAddr::V4(Ipv4Addr::LOCALHOST))
    }

    /// Starts a server holding `files` (path, contents), with the default configuration
    /// changed by `tweak`.
    pub fn with_files(files: &[(&str, &[u8])], tweak: impl FnOnce(&mut FakeConfig)) -> FakeServer {
        let mut cfg = FakeConfig {
            files: files
                .iter()
                .map(|(p, d)| (p.to_string(), d.to_vec()))
                .collect(),
            ..FakeConfig::default()
        };
        tweak(&mut cfg);
        FakeServer::start(cfg)
    }

    /// Listens on [::1] with an ephemeral port (PASV is refused there).
    pub fn start_v6(cfg: FakeConfig) -> FakeServer {
        Self::bind(cfg, IpAddr::V6(Ipv6Addr::LOCALHOST))
    }

    fn bind(cfg: FakeConfig, ip: IpAddr) -> FakeServer {
        let listener = TcpListener::bind((ip, 0))
            .unwrap_or_else(|e| panic!("fake server: cannot bind {ip}: {e}"));
        let addr = listener.local_addr().expect("fake server: local_addr");
        let shared = Arc::new(Shared {
            fs: Mutex::new(Fs::new(&cfg.files)),
            used_once: Mutex::new(vec![false; cfg.overrides_once.len()]),
            retr_cuts: Mutex::new(0),
            final_held: AtomicBool::new(false),
            stor_cut_done: Mutex::new(false),
            active: std::sync::atomic::AtomicUsize::new(0),
            accepted: std::sync::atomic::AtomicUsize::new(0),
            cfg,
            commands: Mutex::new(Vec::new()),
            wire_uploads: Mutex::new(BTreeMap::new()),
            stop: AtomicBool::new(false),
        });
        let sh = Arc::clone(&shared);
        thread::spawn(move || accept_loop(listener, sh));
        FakeServer { addr, shared }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `ftp://127.0.0.1:PORT` (or `ftp://[::1]:PORT`) followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("ftp://{}{}", self.addr, path)
    }

    /// Every command line received on every connection, in arrival order,
    /// without the line terminator (PASS included, verbatim).
    pub fn commands(&self) -> Vec<String> {
        lock(&self.shared.commands).clone()
    }

    /// The uppercased verb of each command in [`FakeServer::commands`].
    pub fn verbs(&self) -> Vec<String> {
        self.commands().iter().map(|c| verb_of(c).0).collect()
    }

    /// What the latest upload to `path` (absolute) sent over the data connection, before any
    /// TYPE A conversion.
    pub fn uploaded_wire_bytes(&self, path: &str) -> Option<Vec<u8>> {
        lock(&self.shared.wire_uploads)
            .get(&resolve("/", path))
            .cloned()
    }

    /// Current content of the file at `path` (absolute), if it exists.
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        lock(&self.shared.fs)
            .files
            .get(&resolve("/", path))
            .cloned()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the thread sees the flag and exits.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn verb_of(line: &str) -> (String, &str) {
    match line.split_once(' ') {
        Some((v, a)) => (v.to_ascii_uppercase(), a),
        None => (line.to_ascii_uppercase(), ""),
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let accepted = listener.accept();
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        match accepted {
            Ok((mut stream, _)) => {
                let sh = Arc::clone(&shared);
                let number = sh.accepted.fetch_add(1, Ordering::SeqCst) + 1;
                if sh.cfg.accept_limit.is_some_and(|limit| number > limit) {
                    drop(stream);
                    continue;
                }
                let now = sh.active.fetch_add(1, Ordering::SeqCst) + 1;
                if sh.cfg.max_sessions.is_some_and(|max| now > max) {
                    use std::io::Write;
                    let _ = stream.write_all(b"421 Too many connections from your address.\r\n");
                    sh.active.fetch_sub(1, Ordering::SeqCst);
                    continue;
                }
                thread::spawn(move || {
                    if let Err(e) = session::serve(stream, Arc::clone(&sh), number) {
                        eprintln!("fake server: session ended: {e}");
                    }
                    sh.active.fetch_sub(1, Ordering::SeqCst);
                });
            }
            Err(e) => {
                eprintln!("fake server: accept failed: {e}");
                thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// Normalises `arg` against `cwd` into an absolute path like `/a/b` or `/`.
fn resolve(cwd: &str, arg: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let base = if arg.starts_with('/') { "" } else { cwd };
    for p in base.split('/').chain(arg.split('/')) {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn parent(path: &str) -> Option<String> {
    match path.rsplit_once('/') {
        _ if path == "/" => None,
        Some(("", _)) => Some("/".into()),
        Some((head, _)) => Some(head.into()),
        None => None,
    }
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The in-memory file tree shared by all sessions.
struct Fs {
    files: BTreeMap<String, Vec<u8>>,
    dirs: BTreeSet<String>,
}

impl Fs {
    fn new(initial: &[(String, Vec<u8>)]) -> Fs {
        let mut fs = Fs {
            files: BTreeMap::new(),
            dirs: BTreeSet::from(["/".to_string()]),
        };
        for (path, data) in initial {
            let p = resolve("/", path);
            if path.ends_with('/') {
                fs.add_dirs(&p);
            } else {
                fs.add_dirs(&parent(&p).unwrap_or_else(|| "/".into()));
                fs.files.insert(p, data.clone());
            }
        }
        fs
    }

    fn add_dirs(&mut self, dir: &str) {
        let mut d = Some(dir.to_string());
        while let Some(cur) = d {
            d = parent(&cur);
            self.dirs.insert(cur);
        }
    }

    fn is_dir(&self, p: &str) -> bool {
        self.dirs.contains(p)
    }

    fn exists(&self, p: &str) -> bool {
        self.dirs.contains(p) || self.files.contains_key(p)
    }

    /// Whether a new entry may be created at `p`.
    fn creatable(&self, p: &str) -> bool {
        !self.exists(p) && parent(p).is_some_and(|d| self.is_dir(&d))
    }

    /// `(name, Some(size))` for files, `(name, None)` for directories.
    fn children(&self, dir: &str) -> Vec<(String, Option<usize>)> {
        let mine = |p: &String| p != "/" && parent(p).as_deref() == Some(dir);
        let dirs = self.dirs.iter().filter(|p| mine(p)).map(|p| (p, None));
        let files = self
            .files
            .iter()
            .filter(|(p, _)| mine(p))
            .map(|(p, d)| (p, Some(d.len())));
        let mut all: Vec<_> = dirs
            .chain(files)
            .map(|(p, s)| (base_name(p).to_string(), s))
            .collect();
        all.sort();
        all
    }

    fn rename(&mut self, from: &str, to: &str) {
        if let Some(data) = self.files.remove(from) {
            self.files.insert(to.to_string(), data);
            return;
        }
        let prefix = format!("{from}/");
        let moved = |p: &str| format!("{to}{}", &p[from.len()..]);
        let dirs: Vec<String> = self
            .dirs
            .iter()
            .filter(|d| *d == from || d.starts_with(&prefix))
            .cloned()
            .collect();
        for d in dirs {
            self.dirs.remove(&d);
            self.dirs.insert(moved(&d));
        }
        let files: Vec<String> = self
            .files
            .keys()
            .filter(|f| f.starts_with(&prefix))
            .cloned()
            .collect();
        for f in files {
            if let Some(data) = self.files.remove(&f) {
                self.files.insert(moved(&f), data);
            }
        }
    }
}

/// Reads one line without its terminator: `None` at EOF, `Some(None)` for
/// a line longer than [`MAX_LINE`] (which is skipped).
fn read_line(r: &mut impl BufRead) -> io::Result<Option<Option<String>>> {
    let mut buf = Vec::new();
    let mut too_long = false;
    loop {
        let n = r
            .by_ref()
            .take(MAX_LINE as u64 + 2)
            .read_until(b'\n', &mut buf)?;
        if n == 0 && buf.is_empty() && !too_long {
            return Ok(None);
        }
        if buf.last() == Some(&b'\n') || n == 0 {
            break;
        }
        too_long = true;
        buf.clear();
    }
    if too_long || buf.last() != Some(&b'\n') {
        return Ok(Some(None));
    }
    buf.pop();
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(Some(String::from_utf8_lossy(&buf).into_owned())))
}

fn is_anonymous(user: &str) -> bool {
    user.eq_ignore_ascii_case("anonymous") || user.eq_ignore_ascii_case("ftp")
}

fn quote(path: &str) -> String {
    format!("\"{}\"", path.replace('"', "\"\""))
}

fn ls_line(name: &str, size: Option<usize>) -> String {
    match size {
        Some(n) => format!("-rw-r--r--    1 1000     1000     {n:>8} {LS_DATE} {name}"),
        None => format!("drwxr-xr-x    2 1000     1000         4096 {LS_DATE} {name}"),
    }
}

fn facts(size: Option<usize>) -> String {
    match size {
        Some(n) => format!("type=file;size={n};modify={MODIFY};"),
        None => format!("type=dir;modify={MODIFY};"),
    }
}

/// LF -> CRLF, for TYPE A downloads.
fn to_ascii(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 16);
    let mut prev = 0;
    for &b in data {
        if b == b'\n' && prev != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        prev = b;
    }
    out
}

/// CRLF -> LF, for TYPE A uploads.
fn from_ascii(data: &[u8]) -> Vec<u8> {
    let keep = |(i, b): (usize, &u8)| *b != b'\r' || data.get(i + 1) != Some(&b'\n');
    data.iter()
        .enumerate()
        .filter(|x| keep(*x))
        .map(|(_, b)| *b)
        .collect()
}

fn accept_timeout(listener: &TcpListener) -> io::Result<TcpStream> {
    listener.set_nonblocking(true)?;
    let deadline = Instant::now() + ACCEPT_TIMEOUT;
    loop {
        match listener.accept() {
            Ok((s, _)) => {
                s.set_nonblocking(false)?;
                return Ok(s);
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Parses PORT's `h1,h2,h3,h4,p1,p2`.
fn parse_port(arg: &str) -> Option<SocketAddr> {
    let n: Vec<u8> = arg
        .split(',')
        .map(|x| x.trim().parse().ok())
        .collect::<Option<_>>()?;
    let [a, b, c, d, p1, p2] = n[..] else {
        return None;
    };
    Some(SocketAddr::from((
        [a, b, c, d],
        (u16::from(p1) << 8) | u16::from(p2),
    )))
}

/// Parses EPRT's `|1|addr|port|` / `|2|addr|port|` (any delimiter).
/// `Err(true)`: unknown protocol number; `Err(false)`: syntax error.
fn parse_eprt(arg: &str) -> Result<SocketAddr, bool> {
    let delim = arg.chars().next().ok_or(false)?;
    let f: Vec<&str> = arg.split(delim).collect();
    let ["", proto, host, port, ""] = f[..] else {
        return Err(false);
    };
    let port: u16 = port.parse().map_err(|_| false)?;
    let ip: IpAddr = match proto {
        "1" => IpAddr::V4(host.parse().map_err(|_| false)?),
        "2" => IpAddr::V6(host.parse().map_err(|_| false)?),
        _ => return Err(true),
    };
    Ok(SocketAddr::new(ip, port))
}
