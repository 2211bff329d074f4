//! Real proxies from Debian's packages for the proxy tests: danted (dante-server: SOCKS5,
//! without authentication or with user name and password) and tinyproxy (HTTP CONNECT, without
//! authentication or with Basic credentials).
//!
//! [`Proxy::start`] makes sure they are installed by running `scripts/install-proxies.sh` (once
//! per test process; it unpacks them under `/opt/ferry-proxies`), writes a configuration for a
//! fresh temporary directory, and starts the proxy in the foreground on a free loopback port
//! under `tests/servers/foreground.sh`, so dropping the [`Proxy`] (or the test process dying)
//! ends it and its children. Both log one line per connection they make for a client, with
//! the port it went to; [`Proxy::forwarded_ports`] reads them back, so a test can tell that a
//! data connection went through the proxy rather than around it; danted also logs the ports it
//! listened on for active-mode data connections (SOCKS5 BIND) that the server connected to
//! ([`Proxy::bound_ports_connected`]).
//!
//! danted needs root (it binds as root and checks passwords against the system's accounts: the
//! authenticated SOCKS5 proxy takes `ferrytest` / `ferry pass 1`, made by
//! `scripts/install-servers.sh`), so these tests run where the real FTP servers do
//! ([`crate::needs_real_servers`]).

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::support::daemons::TEST_USER;

/// The HTTP proxy's Basic credentials (not a system account: tinyproxy keeps its own).
pub const HTTP_USER: &str = "proxyuser";
/// Its password; a marker no test output may contain.
pub const HTTP_PASSWORD: &str = "Pr0xy-S3cret-Marker";

/// Which proxy, and whether it asks for credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// danted, SOCKS5 without authentication.
    Socks5,
    /// danted, SOCKS5 with user name and password (RFC 1929), checked against the system.
    Socks5Auth,
    /// tinyproxy, HTTP CONNECT without authentication.
    Http,
    /// tinyproxy, HTTP CONNECT with Basic credentials.
    HttpAuth,
}

/// A running proxy; killed on drop.
pub struct Proxy {
    kind: Kind,
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn proxies_dir() -> PathBuf {
    std::env::var_os("FERRY_PROXIES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/opt/ferry-proxies"))
}

/// Runs scripts/install-proxies.sh (and install-servers.sh, which makes the account danted
/// checks) once per process; panics if either fails.
fn ensure_installed() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        for script in ["scripts/install-servers.sh", "scripts/install-proxies.sh"] {
            let script = repo_root().join(script);
            let out = Command::new("bash")
                .arg(&script)
                .stdin(Stdio::null())
                .output()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
            assert!(
                out.status.success(),
                "{} failed ({}):\n{}{}",
                script.display(),
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    });
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .expect("bind an ephemeral port")
        .port()
}

fn danted_config(dir: &Path, port: u16, auth: bool) -> String {
    let method = if auth { "username" } else { "none" };
    format!(
        "logoutput: {log}\n\
         internal: 127.0.0.1 port = {port}\n\
         external: 127.0.0.1\n\
         clientmethod: none\n\
         socksmethod: {method}\n\
         user.privileged: root\n\
         user.unprivileged: nobody\n\
         client pass {{\n  from: 127.0.0.0/8 to: 0.0.0.0/0\n  log: error\n}}\n\
         socks pass {{\n  from: 127.0.0.0/8 to: 0.0.0.0/0\n  command: connect bind bindreply\n  \
         log: connect error\n}}\n",
        log = dir.join("proxy.log").display(),
    )
}

fn tinyproxy_config(dir: &Path, port: u16, auth: bool) -> String {
    let mut text = format!(
        "Port {port}\nListen 127.0.0.1\nTimeout 60\nLogFile \"{log}\"\nLogLevel Connect\n\
         MaxClients 100\nAllow 127.0.0.1\nPidFile \"{pid}\"\n",
        log = dir.join("proxy.log").display(),
        pid = dir.join("tinyproxy.pid").display(),
    );
    if auth {
        text.push_str(&format!("BasicAuth {HTTP_USER} {HTTP_PASSWORD}\n"));
    }
    text
}

impl Proxy {
    /// Starts `kind` on 127.0.0.1; panics (with its log) unless it listens within 20 s.
    pub fn start(kind: Kind) -> Proxy {
        ensure_installed();
        let dir = tempfile::Builder::new()
            .prefix("ferry-proxy-")
            .tempdir()
            .expect("create the proxy's temp dir");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let port = free_port();
        let (binary, config, args): (PathBuf, String, Vec<&str>) = match kind {
            Kind::Socks5 | Kind::Socks5Auth => (
                proxies_dir().join("dante-server/usr/sbin/danted"),
                danted_config(dir.path(), port, kind == Kind::Socks5Auth),
                vec!["-N", "2", "-f"],
            ),
            Kind::Http | Kind::HttpAuth => (
                proxies_dir().join("tinyproxy-bin/usr/bin/tinyproxy"),
                tinyproxy_config(dir.path(), port, kind == Kind::HttpAuth),
                vec!["-d", "-c"],
            ),
        };
        let conf = dir.path().join("proxy.conf");
        fs::write(&conf, config).expect("write the proxy's config");
        let log = fs::File::create(dir.path().join("stderr.log")).expect("create stderr.log");
        let child = Command::new(repo_root().join("tests/servers/foreground.sh"))
            .arg(&binary)
            .args(&args)
            .arg(&conf)
            .current_dir(dir.path())
            .process_group(0)
            .stdin(Stdio::piped())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let mut proxy = Proxy {
            kind,
            child,
            port,
            dir,
        };
        proxy.wait_listening();
        proxy
    }

    fn wait_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the proxy exited ({status}):\n{}", self.logs());
            }
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the proxy did not listen within 20 s:\n{}", self.logs());
    }

    /// The proxy's URL for `--proxy`, with its credentials when it wants them. SOCKS5 URLs
    /// are `socks5h://` (the proxy resolves names) unless `local_dns`.
    pub fn url(&self, local_dns: bool) -> String {
        let socks = if local_dns { "socks5" } else { "socks5h" };
        match self.kind {
            Kind::Socks5 => format!("{socks}://127.0.0.1:{}", self.port),
            Kind::Socks5Auth => format!(
                "{socks}://{TEST_USER}:ferry%20pass%201@127.0.0.1:{}",
                self.port
            ),
            Kind::Http => format!("http://127.0.0.1:{}", self.port),
            Kind::HttpAuth => {
                format!("http://{HTTP_USER}:{HTTP_PASSWORD}@127.0.0.1:{}", self.port)
            }
        }
    }

    /// The proxy's port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The ports of the connections the proxy made for its clients, in the order its log
    /// has them: danted's `tcp/connect [: … -> 127.0.0.1.PORT` and tinyproxy's
    /// `Request (…): CONNECT 127.0.0.1:PORT` lines.
    pub fn forwarded_ports(&self) -> Vec<u16> {
        let log = fs::read_to_string(self.dir.path().join("proxy.log")).unwrap_or_default();
        log.lines()
            .filter_map(|line| match self.kind {
                Kind::Socks5 | Kind::Socks5Auth => line
                    .contains("tcp/connect [:")
                    .then(|| line.rsplit('.').next())
                    .flatten()
                    .and_then(|p| p.trim().parse().ok()),
                Kind::Http | Kind::HttpAuth => line
                    .split_once(": CONNECT ")
                    .and_then(|(_, rest)| rest.split_whitespace().next())
                    .and_then(|target| target.rsplit(':').next())
                    .and_then(|p| p.parse().ok()),
            })
            .collect()
    }

    /// The ports danted listened on for its clients (SOCKS5 BIND) and a server then connected
    /// to: its `tcp/bindreply [: SERVER 127.0.0.1.PORT -> …` lines.
    pub fn bound_ports_connected(&self) -> Vec<u16> {
        let log = fs::read_to_string(self.dir.path().join("proxy.log")).unwrap_or_default();
        log.lines()
            .filter_map(|line| line.split_once("tcp/bindreply [: "))
            .filter_map(|(_, rest)| rest.split_whitespace().nth(1))
            .filter_map(|bound| bound.rsplit('.').next())
            .filter_map(|p| p.parse().ok())
            .collect()
    }

    /// The proxy's log and its stderr, for failure messages.
    pub fn logs(&self) -> String {
        let mut text = String::new();
        for name in ["stderr.log", "proxy.log"] {
            if let Ok(body) = fs::read_to_string(self.dir.path().join(name)) {
                text.push_str(&format!("--- {name}\n{body}"));
            }
        }
        text
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
