//! Real FTP servers from Debian's packages for the interop tests: vsftpd, proftpd and pure-ftpd.
//!
//! [`RealServer::start`] makes sure the servers are installed by running
//! `scripts/install-servers.sh` (once per test process; it unpacks them under
//! `/opt/ferry-ftp-servers` and creates the `ferrytest` account), then starts one server in the
//! foreground on a free loopback port, from a template in `tests/servers/` filled in for a fresh
//! temporary directory, and waits for its `220` greeting. Dropping the [`RealServer`] kills the
//! server and its session processes; if the test process dies instead, the closed stdin pipe
//! of `tests/servers/foreground.sh` kills them.
//!
//! The daemons switch to the `ftp` and `ferrytest` accounts, so these tests must run as root;
//! elsewhere each one returns at once, saying why in one line ([`crate::needs_real_servers`]).
//!
//! [`RealServer::start_tls`] and [`RealServer::start_with`] start the same servers with FTPS:
//! explicit TLS (`AUTH TLS`, optional, so anonymous logins can stay plain) or implicit TLS on its
//! own instance where the server has it (vsftpd, proftpd; not pure-ftpd as Debian builds it),
//! from the fragments `tests/servers/*-tls.*` and a certificate from
//! [`crate::support::certs::self_signed`] copied into the instance's directory. The servers'
//! default TLS session-reuse requirements stay on: vsftpd `require_ssl_reuse=YES` and ProFTPD's
//! default (no `NoSessionReuseRequired`) refuse a data connection that does not resume the
//! control connection's session.
//!
//! Plain ProFTPD instances also load mod_digest from proftpd-core (HASH, XCRC, XMD5, XSHA1,
//! XSHA256, XSHA512) for the `--verify` tests, computing every hash from the file on disk
//! (`DigestOptions NoTransferCache`); TLS instances, whose module path is
//! proftpd-mod-crypto's, go without.
//!
//! Every instance has its own port, passive port range ([`crate::support::ports`]),
//! configuration, logs and directories, so tests using the same server run in parallel. vsftpd
//! and proftpd serve directories inside the instance's temporary directory. pure-ftpd cannot be
//! told where to jail a user: it uses the accounts' home directories, so each instance works in
//! its own subdirectory of them (`ferry-interop-…/`), which the URLs below include and which is
//! removed on drop.

use std::fmt;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::support::certs::TestCert;
use crate::support::ports::PassiveRange;

const START_TIMEOUT: Duration = Duration::from_secs(20);

/// The account the servers authenticate, made by scripts/install-servers.sh.
pub const TEST_USER: &str = "ferrytest";
/// Its password, with spaces.
pub const TEST_PASSWORD: &str = "ferry pass 1";
/// The same, percent-encoded for a URL.
const TEST_PASSWORD_IN_URL: &str = "ferry%20pass%201";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Daemon {
    Vsftpd,
    Proftpd,
    PureFtpd,
}

impl fmt::Display for Daemon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Daemon::Vsftpd => "vsftpd",
            Daemon::Proftpd => "proftpd",
            Daemon::PureFtpd => "pure-ftpd",
        })
    }
}

/// How a server speaks TLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tls {
    /// No TLS at all.
    Off,
    /// `AUTH TLS` offered, not required (anonymous logins may stay plain).
    Explicit,
    /// TLS from the first byte (`ftps://`), on an instance of its own.
    Implicit,
}

impl Daemon {
    /// Ok if the server can serve implicit TLS here, else why not.
    pub fn implicit_tls(self) -> Result<(), &'static str> {
        match self {
            Daemon::Vsftpd | Daemon::Proftpd => Ok(()),
            Daemon::PureFtpd => Err(
                "pure-ftpd 1.0.50 has implicit TLS only as a build option (--with-implicittls, \
                 which makes it FTPS-only); Debian builds it without",
            ),
        }
    }

    /// The package name and version unpacked by install-servers.sh, e.g. "vsftpd 3.0.3-13+b2".
    pub fn version(self) -> String {
        let package = self.package();
        let stamp = servers_dir().join(package).join(".ferry-unpacked");
        let text = fs::read_to_string(&stamp).unwrap_or_default();
        let version = text
            .lines()
            .find_map(|l| l.strip_prefix("Version: "))
            .unwrap_or("(unknown version)");
        format!("{package} {version}")
    }

    fn package(self) -> &'static str {
        match self {
            Daemon::Vsftpd => "vsftpd",
            Daemon::Proftpd => "proftpd-core",
            Daemon::PureFtpd => "pure-ftpd",
        }
    }

    /// The server binary, as unpacked by install-servers.sh.
    fn binary(self) -> PathBuf {
        let (package, name) = match self {
            Daemon::Vsftpd => ("vsftpd", "vsftpd"),
            Daemon::Proftpd => ("proftpd-core", "proftpd"),
            Daemon::PureFtpd => ("pure-ftpd", "pure-ftpd"),
        };
        servers_dir().join(package).join("usr/sbin").join(name)
    }
}

/// A running server; killed on drop.
pub struct RealServer {
    daemon: Daemon,
    tls: Tls,
    /// The server's certificate (PEM), in `dir`, when TLS is on: give it to `--cacert`.
    cert: Option<PathBuf>,
    /// foreground.sh, whose stdin pipe stays open until drop.
    child: Child,
    host: &'static str,
    port: u16,
    /// Configuration, logs and (vsftpd, proftpd) the served directories.
    dir: tempfile::TempDir,
    anon: PathBuf,
    user: PathBuf,
    /// What the URLs put before a path: "" or pure-ftpd's "ferry-interop-…/".
    prefix: String,
    /// Directories outside `dir` to remove on drop (pure-ftpd's).
    outside: Vec<PathBuf>,
    /// The passive port range, this instance's alone while it runs.
    passive: PassiveRange,
}

pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn servers_dir() -> PathBuf {
    std::env::var_os("FERRY_FTP_SERVERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/opt/ferry-ftp-servers"))
}

/// Why the real servers cannot run here, or `None`: they switch to other accounts, so they need
/// root. A contributor's `cargo test` skips their tests with this reason
/// ([`crate::needs_real_servers`]); as root (CI, `scripts/test.sh`) they always run, and a
/// failed install fails them.
pub fn unavailable() -> Option<&'static str> {
    (!crate::support::is_root()).then_some(
        "vsftpd, proftpd and pure-ftpd switch to other accounts: run as root (scripts/test.sh)",
    )
}

/// Runs scripts/install-servers.sh once per process; panics if it fails or we are not root.
pub(crate) fn ensure_installed() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        if let Some(why) = unavailable() {
            panic!("the interop tests cannot run: {why}");
        }
        let script = repo_root().join("scripts/install-servers.sh");
        let out = Command::new("bash")
            .arg(&script)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        if !out.status.success() {
            panic!(
                "{} failed ({}):\n{}{}",
                script.display(),
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    });
}

/// An account's uid, gid and home directory.
pub(crate) struct Account {
    pub(crate) uid: u32,
    pub(crate) gid: u32,
    pub(crate) home: PathBuf,
}

pub(crate) fn account(name: &str) -> Account {
    let out = Command::new("getent")
        .args(["passwd", name])
        .output()
        .expect("run getent");
    let line = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<&str> = line.trim_end().split(':').collect();
    assert!(
        out.status.success() && fields.len() >= 7,
        "no account {name:?} (scripts/install-servers.sh creates it)"
    );
    Account {
        uid: fields[2].parse().expect("uid"),
        gid: fields[3].parse().expect("gid"),
        home: PathBuf::from(fields[5]),
    }
}

/// Creates `path` with mode 0755, owned by `owner` (root if None).
pub(crate) fn make_dir(path: &Path, owner: Option<&Account>) {
    fs::create_dir_all(path).unwrap_or_else(|e| panic!("mkdir {}: {e}", path.display()));
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
    if let Some(a) = owner {
        std::os::unix::fs::chown(path, Some(a.uid), Some(a.gid))
            .unwrap_or_else(|e| panic!("chown {}: {e}", path.display()));
    }
}

/// A port nobody listens on right now (the server may still lose a race for it; start()
/// retries).
pub(crate) fn free_port(host: &str) -> u16 {
    TcpListener::bind((host, 0))
        .and_then(|l| l.local_addr())
        .expect("bind an ephemeral port")
        .port()
}

/// The template `tests/servers/NAME` with every `@KEY@` replaced, except in `#` comments.
fn fill(name: &str, values: &[(&str, String)]) -> String {
    let path = repo_root().join("tests/servers").join(name);
    let template =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let mut text = String::new();
    for line in template.lines() {
        let mut line = line.to_string();
        if !line.starts_with('#') {
            for (key, value) in values {
                line = line.replace(&format!("@{key}@"), value);
            }
        }
        text.push_str(&line);
        text.push('\n');
    }
    assert!(
        !text.lines().any(|l| !l.starts_with('#') && l.contains('@')),
        "unfilled placeholder in {name}:\n{text}"
    );
    text
}

/// Waits for the greeting: Ok(()) on a final "220 " line, Err(what came instead).
pub(crate) fn greeting(addr: SocketAddr) -> Result<(), String> {
    let stream = TcpStream::connect_timeout(&addr, Duration::from_millis(500))
        .map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut reader = BufReader::new(&stream);
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) => return Err(format!("connection closed after {seen:?}")),
            Ok(_) => {}
            Err(e) => return Err(format!("read: {e} after {seen:?}")),
        }
        seen.push_str(&line);
        if line.starts_with("220 ") {
            let _ = (&stream).write_all(b"QUIT\r\n");
            return Ok(());
        }
        if !line.starts_with("220-") && !line.starts_with(' ') {
            return Err(format!("greeting {seen:?}"));
        }
    }
}

impl RealServer {
    /// Starts `daemon` on 127.0.0.1; panics (with its logs) unless it greets within 20 s.
    pub fn start(daemon: Daemon) -> RealServer {
        RealServer::start_on(daemon, "127.0.0.1")
    }

    /// Starts `daemon` on ::1.
    pub fn start_ipv6(daemon: Daemon) -> RealServer {
        RealServer::start_on(daemon, "::1")
    }

    /// Starts `daemon` on 127.0.0.1 with explicit TLS (optional) and `cert`.
    pub fn start_tls(daemon: Daemon, cert: &TestCert) -> RealServer {
        RealServer::start_with(daemon, "127.0.0.1", Tls::Explicit, Some(cert))
    }

    fn start_on(daemon: Daemon, host: &'static str) -> RealServer {
        RealServer::start_with(daemon, host, Tls::Off, None)
    }

    /// Starts `daemon` on `host` ("127.0.0.1" or "::1") with `tls`, which needs a certificate
    /// unless it is [`Tls::Off`]. Panics if the server cannot do it (see
    /// [`Daemon::implicit_tls`]) or does not start.
    pub fn start_with(
        daemon: Daemon,
        host: &'static str,
        tls: Tls,
        cert: Option<&TestCert>,
    ) -> RealServer {
        if tls == Tls::Implicit
            && let Err(why) = daemon.implicit_tls()
        {
            panic!("{daemon}: no implicit TLS: {why}");
        }
        assert!(
            (tls == Tls::Off) == cert.is_none(),
            "a certificate goes with TLS, and only with TLS"
        );
        ensure_installed();
        let ftp = account("ftp");
        let user = account(TEST_USER);
        let dir = tempfile::Builder::new()
            .prefix("ferry-interop-")
            .tempdir()
            .expect("create the server's temp dir");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let (anon_root, user_root, prefix, outside) = match daemon {
            Daemon::Vsftpd | Daemon::Proftpd => (
                dir.path().join("anon"),
                dir.path().join("user"),
                String::new(),
                vec![],
            ),
            Daemon::PureFtpd => {
                let unique = dir
                    .path()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let anon = ftp.home.join(&unique);
                let mine = user.home.join(&unique);
                (
                    anon.clone(),
                    mine.clone(),
                    format!("{unique}/"),
                    vec![anon, mine],
                )
            }
        };
        // The anonymous root belongs to root (vsftpd refuses one the ftp account can write);
        // uploads go to incoming/.
        make_dir(&anon_root, None);
        make_dir(&anon_root.join("incoming"), Some(&ftp));
        make_dir(&user_root, Some(&user));
        // vsftpd's secure_chroot_dir: empty, and not writable by the ftp account.
        make_dir(&dir.path().join("empty"), None);
        // The certificate and key, readable by root only (the servers load them before they
        // drop privileges).
        let cert_files = cert.map(|c| {
            let files = (dir.path().join("server.crt"), dir.path().join("server.key"));
            fs::copy(&c.cert, &files.0).expect("copy the certificate");
            fs::copy(&c.key, &files.1).expect("copy the key");
            fs::set_permissions(&files.1, fs::Permissions::from_mode(0o600)).unwrap();
            files
        });

        let passive = PassiveRange::reserve();
        let mut server = None;
        let mut failures = String::new();
        for _attempt in 0..3 {
            let port = free_port(host);
            let mut child = spawn(
                daemon,
                host,
                port,
                &passive,
                dir.path(),
                tls,
                cert_files.as_ref(),
            );
            match wait_until_ready(&mut child, host, port, tls) {
                Ok(()) => {
                    server = Some((child, port));
                    break;
                }
                Err(why) => {
                    kill(&mut child);
                    failures.push_str(&format!(
                        "--- {daemon} on {host} port {port}: {why}\n{}",
                        logs(dir.path())
                    ));
                    // Exiting at once is most likely a lost race for the port: try another.
                    // A server that listens but does not greet is misconfigured: give up.
                    if !why.starts_with("exited") {
                        break;
                    }
                }
            }
        }
        let Some((child, port)) = server else {
            for d in &outside {
                let _ = fs::remove_dir_all(d);
            }
            panic!("{daemon} did not start:\n{failures}");
        };
        RealServer {
            daemon,
            tls,
            cert: cert_files.map(|(cert, _)| cert),
            child,
            host,
            port,
            dir,
            anon: anon_root,
            user: user_root,
            prefix,
            outside,
            passive,
        }
    }

    pub fn daemon(&self) -> Daemon {
        self.daemon
    }

    pub fn tls(&self) -> Tls {
        self.tls
    }

    /// The server's certificate file, for `--cacert`; panics without TLS.
    pub fn cert(&self) -> &str {
        self.cert
            .as_deref()
            .and_then(Path::to_str)
            .expect("a TLS server (started with a certificate), in a UTF-8 path")
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The passive port range the server was given.
    pub fn passive_ports(&self) -> &PassiveRange {
        &self.passive
    }

    /// `"127.0.0.1"` or `"::1"`.
    pub fn host(&self) -> &str {
        self.host
    }

    fn base(&self, userinfo: &str, path: &str) -> String {
        let host = match self.host.contains(':') {
            true => format!("[{}]", self.host),
            false => self.host.to_string(),
        };
        let scheme = match self.tls {
            Tls::Implicit => "ftps",
            Tls::Off | Tls::Explicit => "ftp",
        };
        format!(
            "{scheme}://{userinfo}{host}:{}/{}{path}",
            self.port, self.prefix
        )
    }

    /// Anonymous `ftp://HOST:PORT/…path` (`ftps://` with implicit TLS), with `path` relative
    /// to [`RealServer::anon_dir`] (given without a leading `/`).
    pub fn url(&self, path: &str) -> String {
        self.base("", path)
    }

    /// `ftp://ferrytest:ferry%20pass%201@HOST:PORT/…path`, relative to [`RealServer::user_dir`].
    pub fn user_url(&self, path: &str) -> String {
        self.base(&format!("{TEST_USER}:{TEST_PASSWORD_IN_URL}@"), path)
    }

    /// Like [`RealServer::user_url`] with another (already percent-encoded) password.
    pub fn user_url_with_password(&self, password: &str, path: &str) -> String {
        self.base(&format!("{TEST_USER}:{password}@"), path)
    }

    /// The local directory that `url("")` lists: put files here for anonymous downloads. The
    /// anonymous account cannot write here.
    pub fn anon_dir(&self) -> &Path {
        &self.anon
    }

    /// `anon_dir()/incoming`, where anonymous users may upload and make directories.
    pub fn anon_upload_dir(&self) -> PathBuf {
        self.anon.join("incoming")
    }

    /// The local directory that `user_url("")` lists, writable by ferrytest. Files placed here
    /// by the test belong to root: chown them (or upload them) if ferrytest must change them.
    pub fn user_dir(&self) -> &Path {
        &self.user
    }

    /// Gives `path` (and everything under it) to the test account, so that the server may
    /// rename or delete what the test put in [`RealServer::user_dir`].
    pub fn give_to_user(&self, path: &Path) {
        let a = account(TEST_USER);
        let mut stack = vec![path.to_path_buf()];
        while let Some(p) = stack.pop() {
            std::os::unix::fs::chown(&p, Some(a.uid), Some(a.gid))
                .unwrap_or_else(|e| panic!("chown {}: {e}", p.display()));
            if p.is_dir() {
                stack.extend(fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            }
        }
    }

    /// The server's logs so far, for assertion messages.
    pub fn logs(&self) -> String {
        logs(self.dir.path())
    }
}

/// The TLS part of a server's configuration: `tests/servers/NAME-tls.EXT` filled in, or what
/// turns TLS off.
fn tls_fragment(
    daemon: Daemon,
    tls: Tls,
    files: Option<&(PathBuf, PathBuf)>,
    root: &str,
) -> String {
    let (name, off) = match daemon {
        Daemon::Vsftpd => ("vsftpd-tls.conf", "ssl_enable=NO"),
        // Without mod_tls loaded, proftpd has no TLS.
        Daemon::Proftpd => ("proftpd-tls.conf", ""),
        Daemon::PureFtpd => ("pure-ftpd-tls.args", "--tls=0"),
    };
    let Some((cert, key)) = files else {
        return off.to_string();
    };
    let implicit = tls == Tls::Implicit;
    let path = |p: &PathBuf| p.to_str().expect("UTF-8 path").to_string();
    let text = fill(
        name,
        &[
            ("CERT", path(cert)),
            ("KEY", path(key)),
            ("ROOT", root.to_string()),
            (
                "MODULES",
                servers_dir()
                    .join("proftpd-mod-crypto/usr/lib/proftpd")
                    .to_str()
                    .expect("UTF-8 path")
                    .to_string(),
            ),
            (
                "IMPLICIT_YES_NO",
                if implicit { "YES" } else { "NO" }.to_string(),
            ),
            (
                "IMPLICIT_OPTIONS",
                if implicit {
                    "TLSOptions UseImplicitSSL"
                } else {
                    ""
                }
                .to_string(),
            ),
        ],
    );
    // Only the settings: the fragment's own header comments would repeat the template's.
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes the configuration into `dir` and starts the server under foreground.sh.
fn spawn(
    daemon: Daemon,
    host: &str,
    port: u16,
    passive: &PassiveRange,
    dir: &Path,
    tls: Tls,
    cert_files: Option<&(PathBuf, PathBuf)>,
) -> Child {
    let root = dir.to_str().expect("temp dir path is UTF-8").to_string();
    let (pasv_low, pasv_high) = (passive.low.to_string(), passive.high.to_string());
    let ipv6 = host.contains(':');
    let yes_no = |b: bool| if b { "YES" } else { "NO" }.to_string();
    let tls_config = tls_fragment(daemon, tls, cert_files, &root);
    let mut cmd = Command::new(repo_root().join("tests/servers/foreground.sh"));
    cmd.arg(daemon.binary());
    match daemon {
        Daemon::Vsftpd => {
            let conf = dir.join("vsftpd.conf");
            let text = fill(
                "vsftpd.conf",
                &[
                    ("TLS", tls_config),
                    ("LISTEN_V4", yes_no(!ipv6)),
                    ("LISTEN_V6", yes_no(ipv6)),
                    ("PORT", port.to_string()),
                    ("PASV_LOW", pasv_low),
                    ("PASV_HIGH", pasv_high),
                    ("ROOT", root),
                ],
            );
            fs::write(&conf, text).unwrap();
            cmd.arg(&conf);
        }
        Daemon::Proftpd => {
            let conf = dir.join("proftpd.conf");
            let digest = match cert_files {
                Some(_) => String::new(),
                None => format!(
                    "ModulePath {}\nLoadModule mod_digest.c\nDigestEngine on\n\
                     DigestOptions NoTransferCache",
                    servers_dir()
                        .join("proftpd-core/usr/lib/proftpd")
                        .to_str()
                        .expect("UTF-8 path")
                ),
            };
            let text = fill(
                "proftpd.conf",
                &[
                    ("TLS", tls_config),
                    ("DIGEST", digest),
                    ("USE_IPV6", if ipv6 { "on" } else { "off" }.to_string()),
                    ("ADDRESS", host.to_string()),
                    ("PORT", port.to_string()),
                    ("PASV_LOW", pasv_low),
                    ("PASV_HIGH", pasv_high),
                    ("ROOT", root),
                ],
            );
            fs::write(&conf, text).unwrap();
            cmd.arg("-n").arg("-c").arg(&conf);
        }
        Daemon::PureFtpd => {
            let text = fill(
                "pure-ftpd.args",
                &[
                    ("TLS", tls_config),
                    ("ADDRESS", host.to_string()),
                    ("PORT", port.to_string()),
                    ("PASV_LOW", pasv_low),
                    ("PASV_HIGH", pasv_high),
                    ("ROOT", root),
                ],
            );
            for line in text.lines().map(str::trim) {
                if !line.is_empty() && !line.starts_with('#') {
                    cmd.arg(line);
                }
            }
        }
    }
    let out = dir.join("stderr.log");
    let log = fs::File::create(&out).expect("create stderr.log");
    cmd.current_dir(dir)
        .process_group(0)
        .stdin(Stdio::piped())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {daemon}: {e}"))
}

/// Waits until the server accepts a connection and greets with 220 (with implicit TLS, whose
/// greeting comes after a handshake, until it accepts a connection).
fn wait_until_ready(child: &mut Child, host: &str, port: u16, tls: Tls) -> Result<(), String> {
    let addr = SocketAddr::new(host.parse().unwrap(), port);
    let deadline = Instant::now() + START_TIMEOUT;
    let mut last = String::from("not tried");
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("wait for the server") {
            return Err(format!("exited with {status}"));
        }
        let ready = match tls {
            Tls::Implicit => TcpStream::connect_timeout(&addr, Duration::from_millis(500))
                .map(drop)
                .map_err(|e| format!("connect: {e}")),
            Tls::Off | Tls::Explicit => greeting(addr),
        };
        match ready {
            Ok(()) => return Ok(()),
            // Not listening yet.
            Err(e) if e.starts_with("connect") => last = e,
            // Listening, but no 220: a broken configuration; waiting will not help.
            Err(e) => return Err(e),
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    Err(format!("no greeting within {START_TIMEOUT:?} ({last})"))
}

/// Ends foreground.sh's process group: closing its stdin is the signal; SIGKILL if it lingers.
pub(crate) fn kill(child: &mut Child) {
    drop(child.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// stderr.log and whatever log files the server wrote into `dir`.
fn logs(dir: &Path) -> String {
    let mut text = String::new();
    for name in [
        "stderr.log",
        "vsftpd.log",
        "proftpd.log",
        "tls.log",
        "xferlog",
    ] {
        if let Ok(content) = fs::read_to_string(dir.join(name))
            && !content.is_empty()
        {
            let tail: Vec<&str> = content.lines().rev().take(60).collect();
            text.push_str(&format!("--- {name} (last lines)\n"));
            for line in tail.into_iter().rev() {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    text
}

impl Drop for RealServer {
    fn drop(&mut self) {
        kill(&mut self.child);
        for d in &self.outside {
            let _ = fs::remove_dir_all(d);
        }
    }
}
