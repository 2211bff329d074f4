//! A real FTP server (pyftpdlib) for integration tests.
//!
//! [`PyFtpd::start`] makes sure the test virtualenv exists by running
//! `scripts/setup-test-env.sh` (once per test process), then starts
//! `scripts/pyftpd_server.py` serving a fresh temporary directory. The child
//! keeps running while its stdin pipe is open: dropping [`PyFtpd`] kills it,
//! and if the test process dies the closed pipe makes the server exit by
//! itself. Each server has a passive port range of its own
//! ([`crate::support::ports`]); anonymous logins are read-only.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::support::ports::PassiveRange;

const START_TIMEOUT: Duration = Duration::from_secs(20);

/// What to serve; see [`PyFtpdOptions::default`].
#[derive(Clone, Debug)]
pub struct PyFtpdOptions {
    /// Listen on `::1` instead of `127.0.0.1`.
    pub ipv6: bool,
    /// Accounts with full permissions in the root.
    pub users: Vec<(String, String)>,
    /// Allow `anonymous` (any password), read-only.
    pub anonymous: bool,
    /// Throttle data connections to this many bytes per second.
    pub rate: Option<u64>,
    /// Serve explicit FTPS with this certificate and key (PEM files).
    pub tls: Option<(std::path::PathBuf, std::path::PathBuf)>,
    /// Refuse logins and data connections without TLS.
    pub tls_required: bool,
    /// Answer 421 and close a control connection idle this many seconds.
    pub idle_timeout: Option<f64>,
    /// At most this many connections from one address; pyftpdlib greets one more with
    /// "421 Too many connections from the same IP address."
    pub max_cons_per_ip: Option<u32>,
    /// Misbehave at random (`scripts/faults.py`): seed, probability per event, the file that
    /// logs one line per fault, and how long a stalled command goes unanswered.
    pub faults: Option<Faults>,
    /// Users may not change file times (MFMT is refused), as on servers without MFMT.
    pub no_mfmt: bool,
}

/// The seeded faults of a misbehaving server (see `scripts/faults.py`).
#[derive(Clone, Debug)]
pub struct Faults {
    /// The seed: the same one makes the same decisions in the same order.
    pub seed: u64,
    /// The probability of a fault per command or data connection.
    pub rate: f64,
    /// One line per injected fault is appended here.
    pub log: PathBuf,
    /// Seconds a stalled command waits (longer than the client's timeout).
    pub stall: f64,
}

impl Default for PyFtpdOptions {
    /// IPv4, user `alice` with password `s3cret pass` (with a space), and
    /// anonymous read access.
    fn default() -> Self {
        PyFtpdOptions {
            ipv6: false,
            users: vec![("alice".into(), "s3cret pass".into())],
            anonymous: true,
            rate: None,
            tls: None,
            tls_required: false,
            idle_timeout: None,
            max_cons_per_ip: None,
            faults: None,
            no_mfmt: false,
        }
    }
}

/// A running pyftpdlib server; killed on drop.
pub struct PyFtpd {
    child: Child,
    // Held only so that the child's stdin stays open until drop.
    _stdin: Option<ChildStdin>,
    port: u16,
    host: &'static str,
    root: tempfile::TempDir,
    /// The passive port range, this server's alone while it runs.
    passive: PassiveRange,
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The virtualenv's python, after setup-test-env.sh succeeded.
pub(crate) fn venv_python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let root = repo_root();
        let script = root.join("scripts/setup-test-env.sh");
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
        let venv = std::env::var_os("FERRY_TEST_VENV")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target/test-venv"));
        venv.join("bin/python")
    })
}

/// "pyftpdlib X (pyOpenSSL Y)", as installed in the test virtualenv.
pub fn pyftpdlib_version() -> String {
    let out = Command::new(venv_python())
        .args([
            "-c",
            "import pyftpdlib, OpenSSL; print(f'pyftpdlib {pyftpdlib.__ver__} (pyOpenSSL {OpenSSL.__version__})')",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("run the virtualenv's python");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl PyFtpd {
    /// Starts a server on an ephemeral port; panics (with the server's
    /// stderr) if it is not listening within 20 seconds.
    pub fn start(opts: PyFtpdOptions) -> PyFtpd {
        let python = venv_python();
        let root = tempfile::tempdir().expect("create pyftpd root dir");
        let host = if opts.ipv6 { "::1" } else { "127.0.0.1" };
        let mut cmd = Command::new(python);
        cmd.arg(repo_root().join("scripts/pyftpd_server.py"))
            .args(["--host", host, "--port", "0", "--root"])
            .arg(root.path());
        for (user, pass) in &opts.users {
            cmd.arg("--user").arg(format!("{user}:{pass}"));
        }
        if opts.anonymous {
            cmd.arg("--anonymous");
        }
        if opts.no_mfmt {
            cmd.arg("--no-mfmt");
        }
        let passive = PassiveRange::reserve();
        cmd.arg("--passive-ports")
            .arg(format!("{}:{}", passive.low, passive.high));
        if let Some((cert, key)) = &opts.tls {
            cmd.arg("--certfile").arg(cert).arg("--keyfile").arg(key);
        }
        if opts.tls_required {
            cmd.arg("--tls-required");
        }
        if let Some(secs) = opts.idle_timeout {
            cmd.arg("--idle-timeout").arg(secs.to_string());
        }
        if let Some(n) = opts.max_cons_per_ip {
            cmd.arg("--max-cons-per-ip").arg(n.to_string());
        }
        if let Some(rate) = opts.rate {
            cmd.arg("--rate").arg(rate.to_string());
        }
        if let Some(f) = &opts.faults {
            cmd.arg("--faults")
                .arg(format!("{}:{}", f.seed, f.rate))
                .arg("--fault-log")
                .arg(&f.log)
                .arg("--fault-stall")
                .arg(f.stall.to_string());
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot spawn {}: {e}", python.display()));
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("child stdout");
        let mut stderr = child.stderr.take().expect("child stderr");

        // Read the "PORT n" line on a helper thread so we can time out.
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let first = lines.next();
            let _ = tx.send(first);
            // Keep draining so the child never blocks on a full pipe.
            for _ in lines {}
        });
        let line = rx.recv_timeout(START_TIMEOUT);
        let port = match &line {
            Ok(Some(Ok(l))) => l
                .strip_prefix("PORT ")
                .and_then(|p| p.trim().parse::<u16>().ok()),
            _ => None,
        };
        let Some(port) = port else {
            let _ = child.kill();
            let _ = child.wait();
            let mut err = String::new();
            let _ = stderr.read_to_string(&mut err);
            panic!("pyftpd_server.py did not start (first stdout line: {line:?}); stderr:\n{err}");
        };
        // Forward the server's warnings to the test's stderr without ever
        // letting the pipe fill up.
        thread::spawn(move || {
            for l in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("{l}");
            }
        });
        PyFtpd {
            child,
            _stdin: stdin,
            port,
            host,
            root,
            passive,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `"127.0.0.1"` or `"::1"`.
    pub fn host(&self) -> &str {
        self.host
    }

    /// The passive port range the server was given.
    pub fn passive_ports(&self) -> &PassiveRange {
        &self.passive
    }

    /// `ftp://HOST:PORT/path`, with `path` given without its leading `/`.
    pub fn url(&self, path: &str) -> String {
        match self.host.contains(':') {
            true => format!("ftp://[{}]:{}/{path}", self.host, self.port),
            false => format!("ftp://{}:{}/{path}", self.host, self.port),
        }
    }

    /// The served directory: put files here, check uploads here.
    pub fn root(&self) -> &Path {
        self.root.path()
    }
}

impl Drop for PyFtpd {
    fn drop(&mut self) {
        self._stdin.take();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
