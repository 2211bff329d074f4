//! The long tail of real FTP servers for the interop tests: busybox ftpd (routers, NAS boxes,
//! embedded Linux), GNU inetutils ftpd (the classic BSD-derived daemon), Twisted's FTP server
//! and aioftp.
//!
//! - busybox ftpd and tcpsvd are built from Debian's busybox source package, and inetutils ftpd
//!   is unpacked from Debian's package, by `scripts/install-servers.sh` (see its header). Both
//!   run inetd-style under `busybox tcpsvd` on a free loopback port, under
//!   `tests/servers/foreground.sh` (killed with the test), and authenticate the `ferrytest`
//!   account. inetutils ftpd refuses accounts whose shell is not in /etc/shells and those in
//!   /etc/ftpusers; the test account keeps its nologin shell, so the server runs in a mount
//!   namespace of its own where /etc/shells also lists nologin and /etc/ftpusers is empty
//!   (nothing changes outside that namespace). It serves the account's home directory, so each
//!   instance works in a subdirectory of its own there, which the URLs include.
//! - Twisted and aioftp run from their launchers in `scripts/servers/` with the test
//!   virtualenv's Python (`scripts/setup-test-env.sh` installs both), as `alice`.
//!
//! Dropping a [`TailServer`] kills the server and removes what it served.

use std::fmt;
use std::fs;
use std::io::{BufRead, BufReader, Read as _};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::daemons::{
    TEST_PASSWORD, TEST_USER, account, ensure_installed, free_port, greeting, kill, make_dir,
    repo_root, servers_dir,
};
use crate::support::pyftpd::venv_python;

const START_TIMEOUT: Duration = Duration::from_secs(20);

/// The account of the Python servers, and its password.
pub const PY_USER: &str = "alice";
pub const PY_PASSWORD: &str = "s3cret pass";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tail {
    Busybox,
    Inetutils,
    Twisted,
    Aioftp,
}

impl fmt::Display for Tail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tail::Busybox => "busybox",
            Tail::Inetutils => "inetutils",
            Tail::Twisted => "twisted",
            Tail::Aioftp => "aioftp",
        })
    }
}

impl Tail {
    /// What is installed, e.g. "busybox ftpd 1:1.35.0-4+deb12u1".
    pub fn version(self) -> String {
        match self {
            Tail::Busybox | Tail::Inetutils => {
                let dir = match self {
                    Tail::Busybox => "busybox",
                    _ => "inetutils-ftpd",
                };
                let stamp = servers_dir().join(dir).join(".ferry-unpacked");
                let text = fs::read_to_string(stamp).unwrap_or_default();
                let version = text
                    .lines()
                    .find_map(|l| l.strip_prefix("Version: "))
                    .unwrap_or("(unknown version)")
                    .to_string();
                match self {
                    Tail::Busybox => format!("busybox ftpd {version} (built from source)"),
                    _ => format!("inetutils-ftpd {version}"),
                }
            }
            Tail::Twisted | Tail::Aioftp => {
                let module = if self == Tail::Twisted {
                    "twisted"
                } else {
                    "aioftp"
                };
                let out = Command::new(venv_python())
                    .args([
                        "-c",
                        &format!("import {module}; print({module}.__version__)"),
                    ])
                    .stdin(Stdio::null())
                    .output()
                    .expect("run the virtualenv's python");
                let label = if self == Tail::Twisted {
                    "Twisted"
                } else {
                    "aioftp"
                };
                format!("{label} {}", String::from_utf8_lossy(&out.stdout).trim())
            }
        }
    }
}

/// A running long-tail server; killed on drop.
pub struct TailServer {
    kind: Tail,
    child: Child,
    /// The Python servers exit when this pipe closes.
    stdin: Option<ChildStdin>,
    host: &'static str,
    port: u16,
    /// Logs, and (busybox, Python servers) the served directory.
    dir: tempfile::TempDir,
    /// The directory `user_url("")` lists.
    root: PathBuf,
    /// What the URLs put before a path: "" or inetutils' "ferry-tail-…/".
    prefix: String,
    /// A directory outside `dir` to remove on drop (inetutils').
    outside: Option<PathBuf>,
}

impl TailServer {
    /// Starts `kind` on `host` ("127.0.0.1" or "::1"); panics (with its logs) unless it is
    /// ready within 20 s.
    pub fn start(kind: Tail, host: &'static str) -> TailServer {
        let dir = tempfile::Builder::new()
            .prefix("ferry-tail-")
            .tempdir()
            .expect("create the server's temp dir");
        make_dir(dir.path(), None);
        match kind {
            Tail::Busybox | Tail::Inetutils => {
                ensure_installed();
                let user = account(TEST_USER);
                let (root, prefix, outside) = match kind {
                    Tail::Busybox => (dir.path().join("root"), String::new(), None),
                    _ => {
                        let unique = dir.path().file_name().unwrap().to_string_lossy();
                        let root = user.home.join(&*unique);
                        (root.clone(), format!("{unique}/"), Some(root))
                    }
                };
                make_dir(&root, Some(&user));
                let mut failures = String::new();
                for _attempt in 0..3 {
                    let port = free_port(host);
                    let mut child = spawn_inetd(kind, host, port, dir.path(), &root);
                    match wait_for_greeting(&mut child, host, port) {
                        Ok(()) => {
                            return TailServer {
                                kind,
                                child,
                                stdin: None,
                                host,
                                port,
                                dir,
                                root,
                                prefix,
                                outside,
                            };
                        }
                        Err(why) => {
                            kill(&mut child);
                            failures.push_str(&format!(
                                "--- {kind} on {host} port {port}: {why}\n{}",
                                read_log(dir.path())
                            ));
                            if !why.starts_with("exited") {
                                break;
                            }
                        }
                    }
                }
                if let Some(d) = &outside {
                    let _ = fs::remove_dir_all(d);
                }
                panic!("{kind} did not start:\n{failures}");
            }
            Tail::Twisted | Tail::Aioftp => {
                let root = dir.path().join("root");
                make_dir(&root, None);
                let script = match kind {
                    Tail::Twisted => "twisted_ftpd.py",
                    _ => "aioftp_server.py",
                };
                let log = fs::File::create(dir.path().join("stderr.log")).unwrap();
                let mut child = Command::new(venv_python())
                    .arg(repo_root().join("scripts/servers").join(script))
                    .args(["--host", host, "--port", "0", "--root"])
                    .arg(&root)
                    .arg("--user")
                    .arg(format!("{PY_USER}:{PY_PASSWORD}"))
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(log)
                    .spawn()
                    .unwrap_or_else(|e| panic!("cannot start {kind}: {e}"));
                let stdin = child.stdin.take();
                let stdout = child.stdout.take().unwrap();
                let (tx, rx) = mpsc::channel();
                std::thread::spawn(move || {
                    let mut lines = BufReader::new(stdout).lines();
                    let _ = tx.send(lines.next());
                    for _ in lines {}
                });
                let first = rx.recv_timeout(START_TIMEOUT);
                let port = match &first {
                    Ok(Some(Ok(l))) => l.strip_prefix("PORT ").and_then(|p| p.parse().ok()),
                    _ => None,
                };
                let Some(port) = port else {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!(
                        "{kind} did not start (first line {first:?}):\n{}",
                        read_log(dir.path())
                    );
                };
                TailServer {
                    kind,
                    child,
                    stdin,
                    host,
                    port,
                    dir,
                    root,
                    prefix: String::new(),
                    outside: None,
                }
            }
        }
    }

    pub fn kind(&self) -> Tail {
        self.kind
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `ftp://USER:PASSWORD@HOST:PORT/…path`, with `path` relative to [`TailServer::root`].
    pub fn user_url(&self, path: &str) -> String {
        let host = match self.host.contains(':') {
            true => format!("[{}]", self.host),
            false => self.host.to_string(),
        };
        let (user, password) = match self.kind {
            Tail::Busybox | Tail::Inetutils => (TEST_USER, TEST_PASSWORD),
            Tail::Twisted | Tail::Aioftp => (PY_USER, PY_PASSWORD),
        };
        format!(
            "ftp://{user}:{}@{host}:{}/{}{path}",
            password.replace(' ', "%20"),
            self.port,
            self.prefix
        )
    }

    /// The local directory that `user_url("")` lists. Files placed here belong to root: the
    /// inetd-style servers run as ferrytest, so give them to it ([`TailServer::own`]) when the
    /// server must change them.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Gives `path` (and, for a directory, everything under it) to the account the server runs
    /// the session as.
    pub fn own(&self, path: &Path) {
        if matches!(self.kind, Tail::Busybox | Tail::Inetutils) {
            let status = Command::new("chown")
                .arg("-R")
                .arg(TEST_USER)
                .arg(path)
                .status()
                .expect("run chown");
            assert!(status.success(), "chown -R {TEST_USER} {}", path.display());
        }
    }

    /// The server's log so far, for failure messages.
    pub fn logs(&self) -> String {
        read_log(self.dir.path())
    }
}

/// busybox ftpd or inetutils ftpd under `busybox tcpsvd`, under foreground.sh.
fn spawn_inetd(kind: Tail, host: &str, port: u16, dir: &Path, root: &Path) -> Child {
    let busybox = servers_dir().join("busybox/busybox");
    let mut cmd = Command::new(repo_root().join("tests/servers/foreground.sh"));
    match kind {
        Tail::Busybox => {
            // -w: uploads and changes allowed; -vv: the conversation on stderr; ROOT: chroot.
            cmd.arg(&busybox)
                .args(["tcpsvd", "-vE", host, &port.to_string()])
                .arg(&busybox)
                .args(["ftpd", "-w", "-vv", "-t", "60"])
                .arg(root);
        }
        _ => {
            let shells = dir.join("shells");
            let mut text = fs::read_to_string("/etc/shells").unwrap_or_default();
            text.push_str("/usr/sbin/nologin\n");
            fs::write(&shells, text).unwrap();
            let ftpusers = dir.join("ftpusers");
            fs::write(&ftpusers, "").unwrap();
            let ftpd = servers_dir().join("inetutils-ftpd/usr/sbin/ftpd");
            let script = format!(
                "mount --bind '{shells}' /etc/shells || exit 1; \
                 if [ -e /etc/ftpusers ]; then mount --bind '{ftpusers}' /etc/ftpusers || exit 1; fi; \
                 exec '{busybox}' tcpsvd -vE '{host}' {port} '{ftpd}' -t 60",
                shells = shells.display(),
                ftpusers = ftpusers.display(),
                busybox = busybox.display(),
                ftpd = ftpd.display(),
            );
            cmd.args([
                "unshare",
                "-m",
                "--propagation",
                "private",
                "sh",
                "-c",
                &script,
            ]);
        }
    }
    let log = fs::File::create(dir.join("stderr.log")).expect("create stderr.log");
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    cmd.current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {kind}: {e}"))
}

fn wait_for_greeting(child: &mut Child, host: &str, port: u16) -> Result<(), String> {
    let addr = SocketAddr::new(host.parse().unwrap(), port);
    let deadline = Instant::now() + START_TIMEOUT;
    let mut last = String::from("not tried");
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("wait for the server") {
            return Err(format!("exited with {status}"));
        }
        match greeting(addr) {
            Ok(()) => return Ok(()),
            Err(e) if e.starts_with("connect") => last = e,
            Err(e) => return Err(e),
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    Err(format!("no greeting within {START_TIMEOUT:?} ({last})"))
}

/// The last 60 lines of the server's stderr.log.
fn read_log(dir: &Path) -> String {
    let mut text = String::new();
    if let Ok(mut f) = fs::File::open(dir.join("stderr.log")) {
        let _ = f.read_to_string(&mut text);
    }
    let tail: Vec<&str> = text.lines().rev().take(60).collect();
    let mut out = String::from("--- stderr.log (last lines)\n");
    for l in tail.into_iter().rev() {
        out.push_str(l);
        out.push('\n');
    }
    out
}

impl Drop for TailServer {
    fn drop(&mut self) {
        drop(self.stdin.take());
        kill(&mut self.child);
        if let Some(d) = &self.outside {
            let _ = fs::remove_dir_all(d);
        }
    }
}
