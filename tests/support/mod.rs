//! Shared helpers for the integration tests: running the binary hermetically with a time
//! limit, test data, and the test servers: scripted, pyftpdlib, and vsftpd/proftpd/pure-ftpd.

#![allow(dead_code)] // each case file uses a different subset of these helpers

pub mod certs;
pub mod daemons;
pub mod fake_proxy;
pub mod fake_server;
pub mod longtail;
pub mod ports;
pub mod proxies;
pub mod pyftpd;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Ends the test at once, saying why in one line, when the real FTP servers (vsftpd, proftpd,
/// pure-ftpd) cannot run on this machine (not root): a contributor's `cargo test` passes, and
/// CI, as root, runs them all.
#[macro_export]
macro_rules! needs_real_servers {
    () => {
        if let Some(why) = $crate::support::daemons::unavailable() {
            eprintln!("skipped: {why}");
            return;
        }
    };
}

/// Whether the tests run as root (the owner of `/proc/self` is the effective user).
pub fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    /// Panics with the stderr unless the run succeeded.
    pub fn success(self) -> Run {
        assert_eq!(self.code, 0, "ferry failed: {}", self.stderr);
        self
    }

    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// An empty HOME shared by every run, so no real ~/.netrc or config leaks into the tests.
fn empty_home() -> &'static Path {
    static HOME: OnceLock<tempfile::TempDir> = OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("temp home"))
        .path()
}

/// The binary with a clean environment and short timeouts.
pub fn ferry_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ferry"));
    cmd.env("HOME", empty_home())
        .env_remove("NETRC")
        .env_remove("FERRY_CONFIG_DIR")
        .env_remove("FERRY_PASSWORD")
        .env_remove("FERRY_PARALLEL")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("ftp_proxy")
        .env_remove("FTP_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("no_proxy")
        .env_remove("NO_PROXY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // FERRY_MODE, FERRY_TIMEOUT… from the developer's shell must not change what a test sees.
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("FERRY_") {
            cmd.env_remove(name);
        }
    }
    cmd
}

/// Runs the binary with `args` (plus `--timeout 10`), killing it after 120 s.
pub fn ferry(args: &[&str]) -> Run {
    let mut cmd = ferry_command();
    // A 10 ms first retry wait: retries happen, but do not slow the suite down.
    cmd.args([
        "--timeout",
        "10",
        "--connect-timeout",
        "5",
        "--retry-wait",
        "0.01",
    ])
    .args(args);
    run(cmd)
}

/// Runs a prepared command with a 120 s limit.
pub fn run(mut cmd: Command) -> Run {
    let mut child = cmd.spawn().expect("spawn ferry");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("ferry hung for 120 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out_thread.join().unwrap(),
        stderr: err_thread.join().unwrap(),
    }
}

/// Deterministic pseudo-random bytes (xorshift), so big test files are not all zeros.
pub fn test_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    let mut v = Vec::with_capacity(len + 8);
    while v.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.extend_from_slice(&x.to_le_bytes());
    }
    v.truncate(len);
    v
}

/// Lists the names in a directory, sorted.
pub fn dir_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A server on 127.0.0.1 that accepts connections and never says a word (an overloaded
/// server, or a firewall holding connections open): its port, and how many it accepted.
pub fn silent_server() -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = std::sync::Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            held.push(stream);
        }
    });
    (port, accepted)
}

/// How many server instances the interop matrices run at once: `FERRY_INTEROP_JOBS`, or 2.
pub fn interop_jobs() -> usize {
    std::env::var("FERRY_INTEROP_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or(2usize)
        .max(1)
}

/// Runs `work` on every group, [`interop_jobs`] at a time, and gathers what each returned (in
/// the order they finished).
pub fn run_groups<G: Send, C: Send>(groups: Vec<G>, work: impl Fn(G) -> Vec<C> + Sync) -> Vec<C> {
    let queue = std::sync::Mutex::new(groups.into_iter());
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..interop_jobs() {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap().next();
                    let Some(group) = next else { break };
                    let cells = work(group);
                    results.lock().unwrap().extend(cells);
                }
            });
        }
    });
    results.into_inner().unwrap()
}
