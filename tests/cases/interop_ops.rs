//! The operations matrix: every command a user runs, against every real server, in every data
//! mode and IP version the server has. Run by `scripts/interop.sh` (part of scripts/test.sh) as
//! `cargo test --test cli interop_ops -- --ignored --nocapture`, beside the transport matrix of
//! interop_matrix.rs.
//!
//! Servers: the four of the transport matrix (vsftpd, proftpd, pure-ftpd, pyftpdlib) and the
//! long tail of tests/support/longtail.rs (busybox ftpd, GNU inetutils ftpd, Twisted, aioftp),
//! all plain FTP. For each server × IP version × data mode, one run of every operation, each a
//! one-shot ferry command with `--retries 0` (nothing is retried into a pass), judged by what
//! the server's disk or ferry's output shows:
//!
//! - `ls`: NLST of a directory prints exactly its bare names (with spaces and UTF-8);
//!   `ls -l`: every name on a long line; `ls --json`: every entry with its type and size;
//! - `put` and `get` of a 3 MiB file, compared byte for byte; `put -c` and `get -c` from
//!   half-way, which must move only the missing half;
//! - `mkdir`, `mv`, `rm`, `rmdir`, checked on the server's disk;
//! - `stat` of a file (type and size) and of a directory (type dir), `size`, `modtime` (the
//!   minute the test set on disk);
//! - `get -r` (as typed) and `get -r -P 3` of a tree, `put -r` of a tree, compared file by
//!   file;
//! - `mirror` and `mirror -R` (into a remote directory that does not exist yet), each run
//!   **twice**: the first copies the tree, the second must copy nothing.
//!
//! pyftpdlib's tree operations in active modes run with `-P 1` (see `one_connection_only`).
//! An operation a server cannot do is "n/a" with the server's own reason (`not_applicable`);
//! every other cell must pass. Results go to `FERRY_INTEROP_OPS_RESULTS` (default
//! `target/interop/ops.tsv`) and, as tables, to `FERRY_INTEROP_OPS_DOC` (default
//! `target/interop/ops.md`), which `scripts/interop.sh` appends to docs/interop.md.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::support::daemons::{Daemon, RealServer};
use crate::support::longtail::{Tail, TailServer};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions, pyftpdlib_version};
use crate::support::{Run, ferry, test_bytes};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Server {
    Real(Daemon),
    Pyftpdlib,
    Tail(Tail),
}

const SERVERS: [Server; 8] = [
    Server::Real(Daemon::Vsftpd),
    Server::Real(Daemon::Proftpd),
    Server::Real(Daemon::PureFtpd),
    Server::Pyftpdlib,
    Server::Tail(Tail::Busybox),
    Server::Tail(Tail::Inetutils),
    Server::Tail(Tail::Twisted),
    Server::Tail(Tail::Aioftp),
];

const OPS: [&str; 20] = [
    "ls",
    "ls -l",
    "ls --json",
    "put",
    "get",
    "put -c",
    "get -c",
    "mkdir",
    "mv",
    "rm",
    "rmdir",
    "stat file",
    "stat dir",
    "size",
    "modtime",
    "get -r",
    "get -r -P 3",
    "put -r",
    "mirror ×2",
    "mirror -R ×2",
];

const MODES: [&str; 4] = ["epsv", "pasv", "eprt", "port"];
const IPS: [&str; 2] = ["v4", "v6"];

impl Server {
    fn name(self) -> String {
        match self {
            Server::Real(d) => d.to_string(),
            Server::Pyftpdlib => "pyftpdlib".into(),
            Server::Tail(t) => t.to_string(),
        }
    }

    fn version(self) -> String {
        match self {
            Server::Real(d) => d.version(),
            Server::Pyftpdlib => pyftpdlib_version(),
            Server::Tail(t) => t.version(),
        }
    }
}

/// Why a data mode cannot be used with this server, or None.
fn mode_not_applicable(server: Server, ip: &str, mode: &str) -> Option<String> {
    if ip == "v6" && (mode == "pasv" || mode == "port") {
        return Some("PASV and PORT carry IPv4 addresses only (RFC 2428)".into());
    }
    match (server, mode) {
        (Server::Tail(Tail::Aioftp), "eprt" | "port") => {
            Some("aioftp is passive only: it answers PORT and EPRT with 502".into())
        }
        (Server::Tail(Tail::Busybox), "eprt") => {
            Some("busybox ftpd has no EPRT (500 Unknown command); PORT works".into())
        }
        _ => None,
    }
}

/// pyftpdlib 2.2 stalls when several sessions open active data connections at once: a new
/// session's FEAT or a lane's EPRT goes unanswered for seconds while its event loop idles (seen
/// with strace: epoll_wait returns nothing with the command unread), and passive modes under
/// the same load never do. Its tree operations in active modes therefore run on one
/// connection (`-P 1`), and the one that needs three is n/a.
fn one_connection_only(server: Server, mode: &str) -> bool {
    server == Server::Pyftpdlib && matches!(mode, "eprt" | "port")
}

/// Why an operation cannot work on this server in this mode, or None.
fn op_not_applicable(server: Server, mode: &str, op: &str) -> Option<String> {
    if op == "get -r -P 3" && one_connection_only(server, mode) {
        return Some(
            "pyftpdlib 2.2 stalls when several sessions open active data connections at once \
             (a new session's commands go unanswered for seconds); its active-mode tree \
             operations run on one connection"
                .into(),
        );
    }
    match (server, op) {
        (Server::Tail(Tail::Twisted), "put -c") => {
            Some("Twisted's FTP server has no APPE (502 Command not implemented)".into())
        }
        (Server::Tail(Tail::Twisted), "get -c") => {
            Some("Twisted's FTP server has no REST (502 Command not implemented)".into())
        }
        _ => None,
    }
}

/// One cell's result.
#[derive(Clone, Debug, PartialEq)]
struct Cell {
    server: String,
    ip: String,
    mode: String,
    op: String,
    /// "pass", "fail" or "n/a".
    outcome: String,
    detail: String,
}

const TSV_HEADER: &str = "server\tip\tmode\top\toutcome\tdetail";

impl Cell {
    fn tsv(&self) -> String {
        let clean = |s: &str| {
            s.replace(['\t', '\n', '\r'], " ")
                .chars()
                .take(400)
                .collect::<String>()
        };
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            self.server,
            self.ip,
            self.mode,
            self.op,
            self.outcome,
            clean(&self.detail)
        )
    }
}

// ---------------------------------------------------------------------------------------------
// The servers.

enum Instance {
    Real(RealServer),
    Py(PyFtpd),
    Tail(TailServer),
}

impl Instance {
    fn start(server: Server, ip: &str) -> Instance {
        let host = if ip == "v6" { "::1" } else { "127.0.0.1" };
        match server {
            Server::Real(d) => Instance::Real(match ip {
                "v6" => RealServer::start_ipv6(d),
                _ => RealServer::start(d),
            }),
            Server::Pyftpdlib => Instance::Py(PyFtpd::start(PyFtpdOptions {
                ipv6: ip == "v6",
                ..PyFtpdOptions::default()
            })),
            Server::Tail(t) => Instance::Tail(TailServer::start(t, host)),
        }
    }

    fn url(&self, path: &str) -> String {
        match self {
            Instance::Real(s) => s.user_url(path),
            Instance::Py(s) => s
                .url(path)
                .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1),
            Instance::Tail(s) => s.user_url(path),
        }
    }

    /// The local directory `url("")` lists.
    fn root(&self) -> &Path {
        match self {
            Instance::Real(s) => s.user_dir(),
            Instance::Py(s) => s.root(),
            Instance::Tail(s) => s.root(),
        }
    }

    /// Gives what the test put on the server's disk to the account the server works as.
    fn own(&self, path: &Path) {
        match self {
            Instance::Real(_) => chown_to_test_user(path),
            Instance::Py(_) => {}
            Instance::Tail(s) => s.own(path),
        }
    }

    fn logs(&self) -> String {
        match self {
            Instance::Real(s) => s.logs(),
            Instance::Py(_) => String::new(),
            Instance::Tail(s) => s.logs(),
        }
    }
}

fn chown_to_test_user(path: &Path) {
    let status = std::process::Command::new("chown")
        .arg("-R")
        .arg(crate::support::daemons::TEST_USER)
        .arg(path)
        .status()
        .expect("run chown");
    assert!(status.success(), "chown {}", path.display());
}

// ---------------------------------------------------------------------------------------------
// The operations.

/// What one group (server × IP × mode) works with.
struct Group<'a> {
    inst: &'a Instance,
    mode: &'a str,
    /// This group's directory on the server, relative to the root (ends in /).
    base: String,
    /// The same on the local disk.
    remote: PathBuf,
    /// A local scratch directory.
    local: PathBuf,
    /// Whether the server takes UTF-8 names in commands (see [`takes_utf8_names`]).
    utf8: bool,
    /// Tree operations on one connection (see [`one_connection_only`]).
    serial: bool,
}

/// Twisted's FTP server decodes commands as Latin-1 but lists names in UTF-8
/// (twisted/protocols/ftp.py: `_encoding = "latin-1"`, `_encodeName` to UTF-8): a non-ASCII
/// name it lists cannot be asked for, and one sent to it lands double-encoded. Its cells
/// that make or fetch files use ASCII names; its listings keep the UTF-8 ones.
fn takes_utf8_names(server: Server) -> bool {
    server != Server::Tail(Tail::Twisted)
}

const BIG: usize = 3 * 1024 * 1024;
/// The names of the listing directory: a space, UTF-8, and a subdirectory.
const LIST_FILES: [&str; 3] = ["plain.txt", "with space.txt", "ünï côdé.txt"];
const LIST_DIR: &str = "sub dir";

fn why(step: &str, run: &Run) -> String {
    let tail: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("ferry:"))
        .collect();
    format!("{step} exited {}: {}", run.code, tail.join(" / "))
}

fn s(p: &Path) -> String {
    p.to_str().expect("UTF-8 path").to_string()
}

/// Every file under `dir`: relative path → contents.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, fs::read(&p).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A small tree with names people use: spaces, UTF-8 (unless `utf8` is false), two levels.
fn make_tree(dir: &Path, seed: u64, utf8: bool) {
    let files = [
        "a file.txt",
        "b.bin",
        if utf8 { "sub/ü.txt" } else { "sub/u.txt" },
        "sub/c.dat",
        "sub/deeper/d e.txt",
    ];
    for (i, f) in files.iter().enumerate() {
        let p = dir.join(f);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, test_bytes(1000 + i * 777, seed + i as u64)).unwrap();
    }
}

fn compare_trees(what: &str, want: &Path, got: &Path) -> Result<(), String> {
    let (a, b) = (tree(want), tree(got));
    if a == b {
        return Ok(());
    }
    let names = |t: &BTreeMap<String, Vec<u8>>| {
        t.iter()
            .map(|(k, v)| format!("{k} ({} B)", v.len()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Err(format!(
        "{what}: the trees differ: want [{}], got [{}]",
        names(&a),
        names(&b)
    ))
}

impl Group<'_> {
    fn url(&self, path: &str) -> String {
        self.inst.url(&format!("{}{path}", self.base))
    }

    fn ferry(&self, step: &str, args: &[&str]) -> Result<Run, String> {
        let mut all = vec!["--retries", "0", "--mode", self.mode];
        all.extend_from_slice(args);
        let run = ferry(&all);
        match run.code {
            0 => Ok(run),
            _ => Err(why(step, &run)),
        }
    }

    /// Puts a file on the server's disk (owned by the server's account).
    fn place(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.remote.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, bytes).unwrap();
        self.inst.own(&p);
        p
    }

    fn run(&self, op: &str) -> Result<(), String> {
        match op {
            "ls" => self.ls(),
            "ls -l" => self.ls_long(),
            "ls --json" => self.ls_json(),
            "put" => self.put(),
            "get" => self.get(),
            "put -c" => self.put_resume(),
            "get -c" => self.get_resume(),
            "mkdir" => self.mkdir(),
            "mv" => self.mv(),
            "rm" => self.rm(),
            "rmdir" => self.rmdir(),
            "stat file" => self.stat_file(),
            "stat dir" => self.stat_dir(),
            "size" => self.size(),
            "modtime" => self.modtime(),
            "get -r" => self.get_r(&[]),
            "get -r -P 3" => self.get_r(&["-P", "3"]),
            "put -r" => self.put_r(),
            "mirror ×2" => self.mirror(),
            "mirror -R ×2" => self.mirror_reverse(),
            _ => unreachable!("no operation {op}"),
        }
    }

    fn listing_dir(&self) -> String {
        for f in LIST_FILES {
            self.place(&format!("list/{f}"), f.as_bytes());
        }
        let sub = self.remote.join("list").join(LIST_DIR);
        fs::create_dir_all(&sub).unwrap();
        self.inst.own(&self.remote.join("list"));
        self.url("list/")
    }

    fn ls(&self) -> Result<(), String> {
        let url = self.listing_dir();
        let run = self.ferry("ls", &["ls", &url])?;
        let mut got: Vec<String> = run.stdout_text().lines().map(str::to_string).collect();
        got.sort();
        let mut want: Vec<String> = LIST_FILES.iter().map(|s| s.to_string()).collect();
        want.push(LIST_DIR.into());
        want.sort();
        match got == want {
            true => Ok(()),
            false => Err(format!("ls printed {got:?}, not the bare names {want:?}")),
        }
    }

    fn ls_long(&self) -> Result<(), String> {
        let url = self.listing_dir();
        let run = self.ferry("ls -l", &["ls", "-l", &url])?;
        let out = run.stdout_text();
        for name in LIST_FILES.iter().chain([&LIST_DIR]) {
            let found = out
                .lines()
                .any(|l| l.trim_end().ends_with(&format!(" {name}")));
            if !found {
                return Err(format!("ls -l: no line for {name:?} in {out:?}"));
            }
        }
        Ok(())
    }

    fn ls_json(&self) -> Result<(), String> {
        let url = self.listing_dir();
        let run = self.ferry("ls --json", &["ls", "-l", "--json", &url])?;
        let rows: serde_json::Value = serde_json::from_slice(&run.stdout)
            .map_err(|e| format!("ls --json: {e}: {:?}", run.stdout_text()))?;
        let rows = rows.as_array().cloned().unwrap_or_default();
        let find = |name: &str| rows.iter().find(|r| r["name"] == name);
        for f in LIST_FILES {
            match find(f) {
                Some(r) if r["type"] == "file" && r["size"] == f.len() as u64 => {}
                other => return Err(format!("ls --json: {f:?}: {other:?} in {rows:?}")),
            }
        }
        match find(LIST_DIR) {
            Some(r) if r["type"] == "dir" => Ok(()),
            other => Err(format!("ls --json: {LIST_DIR:?}: {other:?}")),
        }
    }

    fn put(&self) -> Result<(), String> {
        let data = test_bytes(BIG, 7);
        let file = self.local.join("up.bin");
        fs::write(&file, &data).unwrap();
        self.ferry("put", &["put", &s(&file), &self.url("up.bin")])?;
        match fs::read(self.remote.join("up.bin")) {
            Ok(got) if got == data => Ok(()),
            Ok(got) => Err(format!(
                "put: the server has {} bytes, not the same",
                got.len()
            )),
            Err(e) => Err(format!("put: no file on the server: {e}")),
        }
    }

    fn get(&self) -> Result<(), String> {
        let data = test_bytes(BIG, 8);
        self.place("down.bin", &data);
        let out = self.local.join("down.bin");
        self.ferry("get", &["get", &self.url("down.bin"), "-o", &s(&out)])?;
        match fs::read(&out) {
            Ok(got) if got == data => Ok(()),
            Ok(got) => Err(format!("get: {} bytes came, not the same", got.len())),
            Err(e) => Err(format!("get: no local file: {e}")),
        }
    }

    fn put_resume(&self) -> Result<(), String> {
        let data = test_bytes(BIG, 9);
        self.place("resume-up.bin", &data[..BIG / 2]);
        let file = self.local.join("resume-up.bin");
        fs::write(&file, &data).unwrap();
        let run = self.ferry(
            "put -c",
            &["put", "-c", "--json", &s(&file), &self.url("resume-up.bin")],
        )?;
        let v: serde_json::Value = serde_json::from_slice(&run.stdout)
            .map_err(|e| format!("put -c --json: {e}: {:?}", run.stdout_text()))?;
        if v["bytes"] != (BIG - BIG / 2) as u64 || v["resumed"] != true {
            return Err(format!("put -c did not send only the second half: {v}"));
        }
        match fs::read(self.remote.join("resume-up.bin")) {
            Ok(got) if got == data => Ok(()),
            Ok(got) => Err(format!(
                "put -c: the server has {} bytes, not the same",
                got.len()
            )),
            Err(e) => Err(format!("put -c: {e}")),
        }
    }

    fn get_resume(&self) -> Result<(), String> {
        let data = test_bytes(BIG, 10);
        self.place("resume-down.bin", &data);
        let out = self.local.join("resume-down.bin");
        fs::write(self.local.join("resume-down.bin.part"), &data[..BIG / 2]).unwrap();
        let run = self.ferry(
            "get -c",
            &[
                "get",
                "-c",
                "--json",
                &self.url("resume-down.bin"),
                "-o",
                &s(&out),
            ],
        )?;
        let v: serde_json::Value = serde_json::from_slice(&run.stdout)
            .map_err(|e| format!("get -c --json: {e}: {:?}", run.stdout_text()))?;
        if v["bytes"] != (BIG - BIG / 2) as u64 || v["resumed"] != true {
            return Err(format!("get -c did not fetch only the second half: {v}"));
        }
        match fs::read(&out) {
            Ok(got) if got == data => Ok(()),
            Ok(got) => Err(format!("get -c: {} bytes, not the same", got.len())),
            Err(e) => Err(format!("get -c: {e}")),
        }
    }

    /// `utf8`, or `ascii` on a server that cannot take UTF-8 names.
    fn name<'n>(&self, utf8: &'n str, ascii: &'n str) -> &'n str {
        if self.utf8 { utf8 } else { ascii }
    }

    fn mkdir(&self) -> Result<(), String> {
        let name = self.name("made dir ü", "made dir");
        self.ferry("mkdir", &["mkdir", &self.url(name)])?;
        match self.remote.join(name).is_dir() {
            true => Ok(()),
            false => Err("mkdir: no directory on the server".into()),
        }
    }

    fn mv(&self) -> Result<(), String> {
        self.place("old name.txt", b"moving");
        let new = self.name("new ü.txt", "new name.txt");
        self.ferry("mv", &["mv", &self.url("old name.txt"), new])?;
        match (
            self.remote.join("old name.txt").exists(),
            fs::read(self.remote.join(new)),
        ) {
            (false, Ok(b)) if b == b"moving" => Ok(()),
            (old, new) => Err(format!("mv: old still there: {old}, new: {new:?}")),
        }
    }

    fn rm(&self) -> Result<(), String> {
        self.place("gone.txt", b"bye");
        self.ferry("rm", &["rm", &self.url("gone.txt")])?;
        match self.remote.join("gone.txt").exists() {
            false => Ok(()),
            true => Err("rm: the file is still there".into()),
        }
    }

    fn rmdir(&self) -> Result<(), String> {
        let dir = self.remote.join("empty dir");
        fs::create_dir_all(&dir).unwrap();
        self.inst.own(&dir);
        self.ferry("rmdir", &["rmdir", &self.url("empty dir")])?;
        match dir.exists() {
            false => Ok(()),
            true => Err("rmdir: the directory is still there".into()),
        }
    }

    fn stat_json(&self, step: &str, path: &str) -> Result<serde_json::Value, String> {
        let run = self.ferry(step, &["stat", "--json", &self.url(path)])?;
        serde_json::from_slice(&run.stdout)
            .map_err(|e| format!("{step} --json: {e}: {:?}", run.stdout_text()))
    }

    fn stat_file(&self) -> Result<(), String> {
        self.place("stat/file.txt", &[b's'; 1234]);
        let v = self.stat_json("stat file", "stat/file.txt")?;
        match v["type"] == "file" && v["size"] == 1234 {
            true => Ok(()),
            false => Err(format!("stat of a 1234-byte file said {v}")),
        }
    }

    fn stat_dir(&self) -> Result<(), String> {
        let dir = self.remote.join("stat/a dir");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("inside.txt"), b"x").unwrap();
        self.inst.own(&self.remote.join("stat"));
        let v = self.stat_json("stat dir", "stat/a dir")?;
        match v["type"] == "dir" {
            true => Ok(()),
            false => Err(format!("stat of a directory said {v}")),
        }
    }

    fn size(&self) -> Result<(), String> {
        self.place("sized.bin", &test_bytes(54321, 3));
        let run = self.ferry("size", &["size", &self.url("sized.bin")])?;
        // `PATH: BYTES`.
        let out = run.stdout_text();
        match out.trim().rsplit(' ').next() {
            Some("54321") => Ok(()),
            _ => Err(format!("size printed {:?}, not 54321", out.trim())),
        }
    }

    fn modtime(&self) -> Result<(), String> {
        let p = self.place("timed.txt", b"when");
        // Two days ago, on a whole minute: recent enough that a LIST shows the time of day.
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let when = (now - 2 * 86400) / 60 * 60;
        fs::File::options()
            .write(true)
            .open(&p)
            .and_then(|f| f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(when)))
            .unwrap();
        let run = self.ferry("modtime", &["modtime", &self.url("timed.txt")])?;
        // `PATH: YYYY-MM-DD HH:MM:SS UTC`.
        let want = utc_minute(when);
        let out = run.stdout_text();
        match out.contains(&format!(": {want}:")) {
            true => Ok(()),
            false => Err(format!("modtime printed {:?}, not {want}", out.trim())),
        }
    }

    fn get_r(&self, extra: &[&str]) -> Result<(), String> {
        let name = if extra.is_empty() { "tree" } else { "wide" };
        let src = self.remote.join(name);
        make_tree(&src, 20, self.utf8);
        if !extra.is_empty() {
            // Enough files that three connections have work.
            for i in 0..12 {
                fs::write(
                    src.join(format!("f{i}.dat")),
                    test_bytes(5000 + i, i as u64),
                )
                .unwrap();
            }
        }
        self.inst.own(&src);
        let out = self.local.join(format!("{name}-down"));
        let mut args = vec!["get", "-r"];
        args.extend_from_slice(extra);
        if self.serial {
            args.extend_from_slice(&["-P", "1"]);
        }
        let url = self.url(&format!("{name}/"));
        let out_s = s(&out);
        args.extend_from_slice(&[url.as_str(), "-O", out_s.as_str()]);
        self.ferry("get -r", &args)?;
        compare_trees("get -r", &src, &out.join(name))
    }

    fn put_r(&self) -> Result<(), String> {
        let src = self.local.join("uptree");
        make_tree(&src, 30, self.utf8);
        fs::create_dir_all(self.remote.join("uploads")).unwrap();
        self.inst.own(&self.remote.join("uploads"));
        let parallel: &[&str] = if self.serial { &["-P", "1"] } else { &[] };
        let mut args = vec!["put", "-r"];
        args.extend_from_slice(parallel);
        let (src_s, url) = (s(&src), self.url("uploads/"));
        args.extend_from_slice(&[src_s.as_str(), url.as_str()]);
        self.ferry("put -r", &args)?;
        compare_trees("put -r", &src, &self.remote.join("uploads/uptree"))
    }

    /// Runs a mirror twice: the first must copy the whole tree, the second nothing.
    fn twice(&self, step: &str, args: &[&str], files: usize) -> Result<(), String> {
        let mut all = vec!["mirror", "--json"];
        if self.serial {
            all.extend_from_slice(&["-P", "1"]);
        }
        all.extend_from_slice(args);
        let first = self.ferry(step, &all)?;
        let copied = first.stdout_text().lines().count();
        if copied != files {
            return Err(format!(
                "{step}: the first run copied {copied} of {files} files"
            ));
        }
        let second = self.ferry(&format!("{step} (again)"), &all)?;
        match second.stdout.is_empty() {
            true => Ok(()),
            false => Err(format!(
                "{step}: the second run copied again: {}",
                second
                    .stdout_text()
                    .lines()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
        }
    }

    fn mirror(&self) -> Result<(), String> {
        let src = self.remote.join("site");
        make_tree(&src, 40, self.utf8);
        self.inst.own(&src);
        let out = self.local.join("site-mirror");
        let files = tree(&src).len();
        self.twice("mirror", &[&self.url("site/"), &s(&out)], files)?;
        compare_trees("mirror", &src, &out)
    }

    fn mirror_reverse(&self) -> Result<(), String> {
        let src = self.local.join("site-up");
        make_tree(&src, 50, self.utf8);
        let files = tree(&src).len();
        // Into a directory that does not exist yet, two levels deep.
        let url = self.url("new parent/mirrored/");
        self.twice("mirror -R", &["-R", &s(&src), &url], files)?;
        compare_trees("mirror -R", &src, &self.remote.join("new parent/mirrored"))
    }
}

/// "YYYY-MM-DD HH:MM" of a Unix time, in UTC.
fn utc_minute(secs: u64) -> String {
    let days = (secs / 86400) as i64;
    let rem = secs % 86400;
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60
    )
}

// ---------------------------------------------------------------------------------------------
// Running the matrix.

fn run_server(server: Server, ip: &str) -> Vec<Cell> {
    let name = server.name();
    let cell = |mode: &str, op: &str, outcome: &str, detail: String| Cell {
        server: name.clone(),
        ip: ip.into(),
        mode: mode.into(),
        op: op.into(),
        outcome: outcome.into(),
        detail,
    };
    let mut cells = Vec::new();
    let mut modes = Vec::new();
    for mode in MODES {
        match mode_not_applicable(server, ip, mode) {
            Some(reason) => {
                for op in OPS {
                    cells.push(cell(mode, op, "n/a", reason.clone()));
                }
            }
            None => modes.push(mode),
        }
    }
    if modes.is_empty() {
        return cells;
    }
    let inst = match catch_unwind(AssertUnwindSafe(|| Instance::start(server, ip))) {
        Ok(inst) => inst,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let first = msg.lines().take(4).collect::<Vec<_>>().join(" / ");
            for mode in modes {
                for op in OPS {
                    cells.push(cell(
                        mode,
                        op,
                        "fail",
                        format!("server did not start: {first}"),
                    ));
                }
            }
            return cells;
        }
    };
    for mode in modes {
        let local = tempfile::tempdir().unwrap();
        let base = format!("ops-{mode}/");
        let remote = inst.root().join(&base);
        fs::create_dir_all(&remote).unwrap();
        inst.own(&remote);
        for op in OPS {
            if let Some(reason) = op_not_applicable(server, mode, op) {
                cells.push(cell(mode, op, "n/a", reason));
                continue;
            }
            // Each operation in a scratch directory of its own, on both sides.
            let slug: String = op
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let op_local = local.path().join(&slug);
            fs::create_dir_all(&op_local).unwrap();
            let op_remote = remote.join(&slug);
            fs::create_dir_all(&op_remote).unwrap();
            inst.own(&op_remote);
            let group = Group {
                inst: &inst,
                mode,
                base: format!("{base}{slug}/"),
                remote: op_remote,
                local: op_local,
                utf8: takes_utf8_names(server),
                serial: one_connection_only(server, mode),
            };
            let result = catch_unwind(AssertUnwindSafe(|| group.run(op)))
                .unwrap_or_else(|_| Err(format!("{op}: the check panicked")));
            match result {
                Ok(()) => cells.push(cell(mode, op, "pass", String::new())),
                Err(e) => {
                    eprintln!(
                        "interop ops: {name} {ip} {mode} {op} FAILED: {e}\n{}",
                        inst.logs()
                    );
                    cells.push(cell(mode, op, "fail", e));
                }
            }
        }
    }
    cells
}

fn results_path() -> PathBuf {
    std::env::var_os("FERRY_INTEROP_OPS_RESULTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/interop/ops.tsv"))
}

fn doc_path() -> PathBuf {
    std::env::var_os("FERRY_INTEROP_OPS_DOC")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/interop/ops.md"))
}

/// Ok, or every failed cell and every cell missing from `cells`.
fn verdict(cells: &[Cell], servers: &[String]) -> Result<(), String> {
    let mut problems = String::new();
    for server in servers {
        for ip in IPS {
            for mode in MODES {
                for op in OPS {
                    let found = cells.iter().find(|c| {
                        &c.server == server && c.ip == ip && c.mode == mode && c.op == op
                    });
                    match found {
                        None => {
                            let _ = writeln!(problems, "  {server} {ip} {mode} {op}: missing");
                        }
                        Some(c) if c.outcome == "pass" || c.outcome == "n/a" => {}
                        Some(c) => {
                            let _ = writeln!(
                                problems,
                                "  {server} {ip} {mode} {op}: {} {}",
                                c.outcome, c.detail
                            );
                        }
                    }
                }
            }
        }
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(problems),
    }
}

/// The page: per server, operations down, mode × IP across; then every reason.
fn render(cells: &[Cell], servers: &[(String, String)], meta: &str) -> String {
    let mut page = String::from(
        "## Every operation against every server\n\n\
         Generated by `scripts/interop.sh` (tests/cases/interop_ops.rs). \
         Each cell is one run of a one-shot ferry command with `--retries 0`, judged by the \
         server's disk or ferry's output; `mirror ×2` and `mirror -R ×2` run twice and the \
         second run must copy nothing. All plain FTP: the transports are in the matrix above.\n\n",
    );
    page.push_str(meta);
    let pass = cells.iter().filter(|c| c.outcome == "pass").count();
    let fail = cells.iter().filter(|c| c.outcome == "fail").count();
    let na = cells.iter().filter(|c| c.outcome == "n/a").count();
    let _ = writeln!(page, "\n{pass} passed, {fail} failed, {na} n/a.\n");
    let combos: Vec<(&str, &str)> = IPS
        .iter()
        .flat_map(|ip| MODES.iter().map(move |m| (*ip, *m)))
        .collect();
    for (server, version) in servers {
        let _ = writeln!(page, "### {server}\n\n{version}\n");
        page.push_str("| operation |");
        for (ip, mode) in &combos {
            let _ = write!(page, " {} {} |", mode.to_uppercase(), ip);
        }
        page.push_str("\n|---|");
        for _ in &combos {
            page.push_str("---|");
        }
        page.push('\n');
        let mut reasons: Vec<String> = Vec::new();
        for op in OPS {
            let _ = write!(page, "| `{op}` |");
            for (ip, mode) in &combos {
                let c = cells
                    .iter()
                    .find(|c| &c.server == server && c.ip == *ip && c.mode == *mode && c.op == op);
                let text = match c {
                    None => "missing".to_string(),
                    Some(c) if c.outcome == "pass" => "pass".into(),
                    Some(c) => {
                        let n = match reasons.iter().position(|r| r == &c.detail) {
                            Some(i) => i + 1,
                            None => {
                                reasons.push(c.detail.clone());
                                reasons.len()
                            }
                        };
                        format!("{} [{n}]", c.outcome)
                    }
                };
                let _ = write!(page, " {text} |");
            }
            page.push('\n');
        }
        if !reasons.is_empty() {
            page.push('\n');
            for (i, r) in reasons.iter().enumerate() {
                let _ = writeln!(page, "{}. {}", i + 1, r.replace('|', "\\|"));
            }
        }
        page.push('\n');
    }
    page
}

#[test]
#[ignore = "the operations matrix: run by scripts/interop.sh"]
fn interop_ops() {
    let started = Instant::now();
    let mut groups = Vec::new();
    for server in SERVERS {
        for ip in IPS {
            groups.push((server, ip));
        }
    }
    let only: Option<Vec<String>> = std::env::var("FERRY_INTEROP_OPS_SERVERS")
        .ok()
        .map(|v| v.split(',').map(str::to_string).collect());
    let selected: Vec<Server> = SERVERS
        .iter()
        .copied()
        .filter(|s| only.as_ref().is_none_or(|o| o.contains(&s.name())))
        .collect();
    groups.retain(|(s, _)| selected.contains(s));
    let jobs = crate::support::interop_jobs();
    let mut cells = crate::support::run_groups(groups, |(server, ip)| {
        let t = Instant::now();
        let cells = run_server(server, ip);
        let count = |o: &str| cells.iter().filter(|c| c.outcome == o).count();
        eprintln!(
            "interop ops: {} {ip}: {} pass, {} fail, {} n/a in {:.1} s",
            server.name(),
            count("pass"),
            count("fail"),
            count("n/a"),
            t.elapsed().as_secs_f64()
        );
        cells
    });
    let order = |c: &Cell| {
        (
            SERVERS.iter().position(|s| s.name() == c.server),
            IPS.iter().position(|i| *i == c.ip),
            MODES.iter().position(|m| *m == c.mode),
            OPS.iter().position(|o| *o == c.op),
        )
    };
    cells.sort_by_key(order);
    let servers: Vec<(String, String)> = selected.iter().map(|s| (s.name(), s.version())).collect();
    let meta = format!(
        "Run on Debian 12, {} CPUs, ferry {} (debug build), {:.0} s in all with {jobs} servers \
         at a time.\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        env!("CARGO_PKG_VERSION"),
        started.elapsed().as_secs_f64()
    );
    let page = render(&cells, &servers, &meta);
    let mut tsv = String::from(TSV_HEADER);
    tsv.push('\n');
    for c in &cells {
        tsv.push_str(&c.tsv());
        tsv.push('\n');
    }
    for (path, text) in [(results_path(), &tsv), (doc_path(), &page)] {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).unwrap();
        }
        fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
    println!("{page}");
    let names: Vec<String> = selected.iter().map(|s| s.name()).collect();
    if let Err(problems) = verdict(&cells, &names) {
        panic!("interop ops: supported cells failed:\n{problems}");
    }
}

// ---------------------------------------------------------------------------------------------
// The verdict and the page, against their own success and failure.

fn full(outcome_of: impl Fn(&str, &str, &str, &str) -> Option<&'static str>) -> Vec<Cell> {
    let mut cells = Vec::new();
    for server in ["a", "b"] {
        for ip in IPS {
            for mode in MODES {
                for op in OPS {
                    if let Some(outcome) = outcome_of(server, ip, mode, op) {
                        cells.push(Cell {
                            server: server.into(),
                            ip: ip.into(),
                            mode: mode.into(),
                            op: op.into(),
                            outcome: outcome.into(),
                            detail: if outcome == "pass" {
                                String::new()
                            } else {
                                format!("why {server} {op}")
                            },
                        });
                    }
                }
            }
        }
    }
    cells
}

#[test]
fn interop_ops_verdict_passes_only_when_every_cell_passed_or_is_not_applicable() {
    let names = vec!["a".to_string(), "b".to_string()];
    let good = full(|s, _, m, _| {
        Some(if s == "b" && m == "port" {
            "n/a"
        } else {
            "pass"
        })
    });
    assert_eq!(verdict(&good, &names), Ok(()));

    let one_failed = full(|s, ip, m, op| {
        Some(if (s, ip, m, op) == ("b", "v6", "eprt", "stat dir") {
            "fail"
        } else {
            "pass"
        })
    });
    let problems = verdict(&one_failed, &names).unwrap_err();
    assert!(
        problems.contains("b v6 eprt stat dir: fail why b stat dir"),
        "{problems}"
    );
    assert_eq!(problems.lines().count(), 1, "{problems}");

    let one_missing =
        full(|s, ip, m, op| ((s, ip, m, op) != ("a", "v4", "epsv", "mirror ×2")).then_some("pass"));
    let problems = verdict(&one_missing, &names).unwrap_err();
    assert_eq!(problems.trim(), "a v4 epsv mirror ×2: missing");

    let server_missing = full(|s, _, _, _| (s == "a").then_some("pass"));
    let problems = verdict(&server_missing, &names).unwrap_err();
    assert_eq!(
        problems.lines().count(),
        IPS.len() * MODES.len() * OPS.len()
    );
}

#[test]
fn interop_ops_page_names_every_reason_once_per_server() {
    let cells = full(|s, _, m, _| {
        Some(if s == "a" && m == "eprt" {
            "n/a"
        } else {
            "pass"
        })
    });
    let servers = vec![
        ("a".to_string(), "a 1.0".to_string()),
        ("b".into(), "b 2.0".into()),
    ];
    let page = render(&cells, &servers, "meta\n");
    assert!(page.contains("### a\n\na 1.0"), "{page}");
    assert!(page.contains("| `stat dir` |"), "{page}");
    // Each n/a reason is listed once under its server, and the cells point at it.
    assert_eq!(page.matches("1. why a ls\n").count(), 1, "{page}");
    assert!(page.contains("n/a [1]"), "{page}");
    let passes = cells.iter().filter(|c| c.outcome == "pass").count();
    assert!(
        page.contains(&format!("{passes} passed, 0 failed")),
        "{page}"
    );
}

#[test]
fn utc_minute_matches_known_dates() {
    assert_eq!(utc_minute(0), "1970-01-01 00:00");
    assert_eq!(utc_minute(951_782_400), "2000-02-29 00:00");
    assert_eq!(utc_minute(1_733_108_460), "2024-12-02 03:01");
}

/// Runs `scripts/interop.sh --check-ops` on `cells`: (exit code, output).
fn check_ops_with_script(cells: &[Cell]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ops.tsv");
    let mut tsv = format!("{TSV_HEADER}\n");
    for c in cells {
        tsv.push_str(&c.tsv());
        tsv.push('\n');
    }
    fs::write(&file, tsv).unwrap();
    let out = std::process::Command::new("bash")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/interop.sh"))
        .arg("--check-ops")
        .arg(&file)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn interop_ops_script_exits_zero_only_when_every_server_has_every_cell_and_none_failed() {
    let every = |fail: Option<(&str, &str)>, skip: Option<&str>| {
        let mut cells = Vec::new();
        for server in SERVERS.map(Server::name) {
            if Some(server.as_str()) == skip {
                continue;
            }
            for ip in IPS {
                for mode in MODES {
                    for op in OPS {
                        let failed = fail == Some((server.as_str(), op));
                        cells.push(Cell {
                            server: server.clone(),
                            ip: ip.into(),
                            mode: mode.into(),
                            op: op.into(),
                            outcome: if failed { "fail" } else { "pass" }.into(),
                            detail: String::new(),
                        });
                    }
                }
            }
        }
        cells
    };
    let (code, out) = check_ops_with_script(&every(None, None));
    assert_eq!(code, 0, "{out}");
    let (code, out) = check_ops_with_script(&every(Some(("busybox", "stat dir")), None));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("busybox v4 epsv stat dir: fail"), "{out}");
    let (code, out) = check_ops_with_script(&every(None, Some("aioftp")));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("aioftp: 0 of"), "{out}");
    let mut one_gone = every(None, None);
    one_gone.pop();
    let (code, out) = check_ops_with_script(&one_gone);
    assert_eq!(code, 1, "{out}");
}
