//! The interop matrix: every server × data mode × transport × IP version, run by
//! `scripts/interop.sh` (part of scripts/test.sh) as
//! `cargo test --test cli interop_matrix -- --ignored --nocapture`.
//!
//! Servers: vsftpd, proftpd and pure-ftpd (tests/support/daemons.rs) and pyftpdlib
//! (tests/support/pyftpd.rs). Modes: EPSV, PASV, EPRT, PORT. Transports: plain, explicit TLS
//! (`--tls`), implicit TLS (`ftps://`). IP: 127.0.0.1 and ::1.
//!
//! One cell, as ferrytest (pyftpdlib: alice), with `--retries 0` so nothing is retried into a
//! pass, and `-v` so the checks can read the commands and replies:
//! - a one-shot `put` of a 50 MiB file and a one-shot `get` of it back, each checked by SHA-256
//!   (the server's copy on its disk, then the downloaded copy);
//! - one-shot listings of the directory holding it: `ls` (NLST), `ls -l` (LIST) and
//!   `ls -l --json`, which uses MLSD where FEAT offers MLST and the parsed LIST elsewhere
//!   (vsftpd); the trace must show the expected command and the JSON the file with its size;
//! - resume both ways from half-way: the server's copy cut to 25 MiB, then `put -c` (SIZE, APPE);
//!   a local `.part` holding the first 25 MiB, then `get -c` (REST); each must move only the
//!   missing half (its `--json` summary) and is checked by SHA-256;
//! - one `ferry -b` session that makes a directory with a UTF-8 name, changes into it, uploads a
//!   file whose name has spaces, lists it (`ls`: LIST, `nlist`: NLST), renames it to a UTF-8
//!   name, downloads and compares it, deletes it, goes up and removes the directory.
//!
//! In every run of a cell: where the server requires TLS session reuse (vsftpd, proftpd), each
//! data connection must resume the session; in EPSV and PASV, each data connection must go to a
//! port of the instance's own passive port range (tests/support/ports.rs), read from the 229 and
//! 227 replies. Each server instance (server × transport × IP) runs its modes one after the
//! other; two instances run at a time (`FERRY_INTEROP_JOBS`).
//!
//! Cells a server cannot do are "n/a" with the reason; every other cell must pass. A server that
//! does not start fails all its cells (in CI a missing server is a failure, not a skip), and a
//! cell missing from the results fails the run too.
//!
//! The results go to a TSV file (`FERRY_INTEROP_RESULTS`, default
//! `target/interop/matrix.tsv`), which `scripts/interop.sh --check` verifies again, and as a
//! table to `docs/interop.md` (`FERRY_INTEROP_DOC`). The rendering and the verdict are tested
//! below against passing, failing and missing cells.

use std::fmt::Write as _;
use std::fs;
use std::io::Read as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::support::certs::{TestCert, self_signed};
use crate::support::daemons::{Daemon, RealServer, Tls};
use crate::support::ports::{PassiveRange, passive_ports_in_trace};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions, pyftpdlib_version};
use crate::support::{Run, ferry, ferry_command, test_bytes};

const BIG: usize = 50 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Server {
    Real(Daemon),
    Pyftpdlib,
}

const SERVERS: [Server; 4] = [
    Server::Real(Daemon::Vsftpd),
    Server::Real(Daemon::Proftpd),
    Server::Real(Daemon::PureFtpd),
    Server::Pyftpdlib,
];

impl Server {
    fn name(self) -> &'static str {
        match self {
            Server::Real(Daemon::Vsftpd) => "vsftpd",
            Server::Real(Daemon::Proftpd) => "proftpd",
            Server::Real(Daemon::PureFtpd) => "pure-ftpd",
            Server::Pyftpdlib => "pyftpdlib",
        }
    }

    fn version(self) -> String {
        match self {
            Server::Real(d) => d.version(),
            Server::Pyftpdlib => pyftpdlib_version(),
        }
    }

    /// Whether FEAT offers MLST (and so MLSD): all but vsftpd.
    fn offers_mlsd(self) -> bool {
        self != Server::Real(Daemon::Vsftpd)
    }
}

const MODES: [&str; 4] = ["epsv", "pasv", "eprt", "port"];
const TRANSPORTS: [&str; 3] = ["plain", "explicit", "implicit"];
const IPS: [&str; 2] = ["v4", "v6"];

/// Why a cell cannot be run, or None if it must pass.
fn not_applicable(server: &str, transport: &str, ip: &str, mode: &str) -> Option<String> {
    if ip == "v6" && (mode == "pasv" || mode == "port") {
        return Some(
            "PASV and PORT carry IPv4 addresses only; over IPv6 there are EPSV and EPRT \
             (RFC 2428)"
                .into(),
        );
    }
    if transport == "implicit" {
        match server {
            "pure-ftpd" => {
                return Some(Daemon::PureFtpd.implicit_tls().unwrap_err().to_string());
            }
            "pyftpdlib" => {
                return Some("pyftpdlib's TLS_FTPHandler does explicit TLS (AUTH TLS) only".into());
            }
            _ => {}
        }
    }
    None
}

/// One cell's result.
#[derive(Clone, Debug, PartialEq)]
struct Cell {
    server: String,
    transport: String,
    ip: String,
    mode: String,
    /// "pass", "fail" or "n/a".
    outcome: String,
    secs: f64,
    /// Why it failed, or why it does not apply; empty on a pass.
    detail: String,
}

impl Cell {
    fn tsv(&self) -> String {
        let clean = |s: &str| {
            s.replace(['\t', '\n', '\r'], " ")
                .chars()
                .take(400)
                .collect::<String>()
        };
        format!(
            "{}\t{}\t{}\t{}\t{}\t{:.1}\t{}",
            self.server,
            self.transport,
            self.ip,
            self.mode,
            self.outcome,
            self.secs,
            clean(&self.detail)
        )
    }

    fn from_tsv(line: &str) -> Option<Cell> {
        let f: Vec<&str> = line.splitn(7, '\t').collect();
        if f.len() < 7 {
            return None;
        }
        Some(Cell {
            server: f[0].into(),
            transport: f[1].into(),
            ip: f[2].into(),
            mode: f[3].into(),
            outcome: f[4].into(),
            secs: f[5].parse().ok()?,
            detail: f[6].into(),
        })
    }
}

const TSV_HEADER: &str = "server\ttransport\tip\tmode\toutcome\tseconds\tdetail";

/// Ok, or what is wrong: a server with no cells at all, a missing cell (every server ×
/// transport × IP × mode must have one, "n/a" included), a cell marked "n/a" that the server
/// can do, or a failed cell.
fn verdict(cells: &[Cell], servers: &[&str]) -> Result<(), String> {
    let mut problems = Vec::new();
    for server in servers {
        if !cells.iter().any(|c| c.server == *server) {
            problems.push(format!("{server}: no results (missing server?)"));
            continue;
        }
        for t in TRANSPORTS {
            for ip in IPS {
                for mode in MODES {
                    let found = cells.iter().find(|c| {
                        c.server == *server && c.transport == t && c.ip == ip && c.mode == mode
                    });
                    match found {
                        None => problems.push(format!("{server} {t} {ip} {mode}: missing")),
                        Some(c)
                            if c.outcome == "n/a"
                                && not_applicable(server, t, ip, mode).is_none() =>
                        {
                            problems.push(format!(
                                "{server} {t} {ip} {mode}: n/a, but the server can do it"
                            ));
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    for c in cells
        .iter()
        .filter(|c| c.outcome != "pass" && c.outcome != "n/a")
    {
        problems.push(format!(
            "{} {} {} {}: {} {}",
            c.server, c.transport, c.ip, c.mode, c.outcome, c.detail
        ));
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(problems.join("\n")),
    }
}

fn transport_title(transport: &str) -> &'static str {
    match transport {
        "plain" => "plain",
        "explicit" => "explicit TLS",
        _ => "implicit TLS",
    }
}

/// The markdown page: header, legend, the table (server × mode rows, transport × IP columns),
/// footnotes for n/a cells and details of failures.
fn render(cells: &[Cell], servers: &[(String, String)], meta: &str) -> String {
    let mut notes: Vec<String> = Vec::new();
    let mut note_of = |reason: &str| -> usize {
        match notes.iter().position(|n| n == reason) {
            Some(i) => i + 1,
            None => {
                notes.push(reason.to_string());
                notes.len()
            }
        }
    };
    let mut out = String::new();
    out.push_str("# Interop matrix\n\n");
    out.push_str(
        "Generated by `scripts/interop.sh` (run by `scripts/test.sh`) from the ignored test \
         `interop_matrix` in tests/cases/interop_matrix.rs. Do not edit by hand.\n\n",
    );
    out.push_str(meta);
    out.push_str("\nServers:\n\n");
    for (name, version) in servers {
        let _ = writeln!(out, "- {name}: {version}");
    }
    out.push_str(
        "\nEach server runs on loopback with a user with a password, anonymous read access and a \
         passive port range of its own. Each cell, as that user, with `--retries 0`: a one-shot \
         `put` and `get` of a 50 MiB file, both checked by SHA-256; one-shot `ls` (NLST), \
         `ls -l` (LIST) and `ls -l --json` (MLSD where FEAT offers MLST; vsftpd has none, so \
         there the JSON comes from the parsed LIST); `put -c` after the server's copy was cut \
         to 25 MiB (APPE) and `get -c` from a local `.part` holding the first 25 MiB (REST), \
         each moving only the missing half and checked by SHA-256; then a `ferry -b` session \
         with mkdir, cd, put, ls, nlist, rename, get, delete, cdup and rmdir on UTF-8 names and \
         names with spaces. In EPSV and PASV cells every data connection must use a port of the \
         server's passive range. TLS cells use `--tls --cacert` with a self-signed certificate \
         made at test time; vsftpd and proftpd keep requiring TLS session reuse on data \
         connections, and every data connection must resume the session.\n\n\
         Legend: **pass**: every step worked; **FAIL**: a step failed (details below); \
         n/a: the server or IP version cannot do it (reason in the footnote); **missing**: no \
         result, which fails the run too.\n\n",
    );
    let mut header = String::from("| server | mode |");
    let mut rule = String::from("|---|---|");
    for t in TRANSPORTS {
        for ip in IPS {
            let _ = write!(header, " {} {} |", transport_title(t), ip);
            rule.push_str("---|");
        }
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for (server, _) in servers {
        for mode in MODES {
            let _ = write!(out, "| {server} | {} |", mode.to_uppercase());
            for t in TRANSPORTS {
                for ip in IPS {
                    let cell = cells.iter().find(|c| {
                        c.server == *server && c.mode == mode && c.transport == t && c.ip == ip
                    });
                    let text = match cell {
                        None => "**missing**".to_string(),
                        Some(c) if c.outcome == "pass" => "pass".to_string(),
                        Some(c) if c.outcome == "n/a" => format!("n/a[^{}]", note_of(&c.detail)),
                        Some(_) => "**FAIL**".to_string(),
                    };
                    let _ = write!(out, " {text} |");
                }
            }
            out.push('\n');
        }
    }
    let passed = cells.iter().filter(|c| c.outcome == "pass").count();
    let na = cells.iter().filter(|c| c.outcome == "n/a").count();
    let failed = cells.len() - passed - na;
    let expected = servers.len() * TRANSPORTS.len() * IPS.len() * MODES.len();
    let missing = expected.saturating_sub(cells.len());
    let _ = write!(
        out,
        "\n{passed} passed, {failed} failed, {na} not applicable"
    );
    if missing > 0 {
        let _ = write!(out, ", {missing} missing");
    }
    out.push_str(".\n");
    let failures: Vec<&Cell> = cells
        .iter()
        .filter(|c| c.outcome != "pass" && c.outcome != "n/a")
        .collect();
    if !failures.is_empty() {
        out.push_str("\n## Failures\n\n");
        for c in failures {
            let _ = writeln!(
                out,
                "- {} {} {} {}: {}",
                c.server,
                transport_title(&c.transport),
                c.ip,
                c.mode.to_uppercase(),
                c.detail
            );
        }
    }
    out.push('\n');
    for (i, n) in notes.iter().enumerate() {
        let _ = writeln!(out, "[^{}]: {n}", i + 1);
    }
    out
}

/// "YYYY-MM-DD HH:MM UTC" for a time since the epoch.
fn utc(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

// ---------------------------------------------------------------------------------------------
// Running the cells.

/// A running server of either kind.
enum Instance {
    Real(RealServer),
    Py(PyFtpd),
}

impl Instance {
    fn start(server: Server, transport: &str, ip: &str, cert: &TestCert) -> Instance {
        let host = if ip == "v6" { "::1" } else { "127.0.0.1" };
        match server {
            Server::Real(daemon) => {
                let (tls, cert) = match transport {
                    "plain" => (Tls::Off, None),
                    "explicit" => (Tls::Explicit, Some(cert)),
                    _ => (Tls::Implicit, Some(cert)),
                };
                Instance::Real(RealServer::start_with(daemon, host, tls, cert))
            }
            Server::Pyftpdlib => {
                assert_ne!(transport, "implicit", "pyftpdlib has no implicit TLS");
                let tls = (transport == "explicit").then(|| (cert.cert.clone(), cert.key.clone()));
                Instance::Py(PyFtpd::start(PyFtpdOptions {
                    ipv6: ip == "v6",
                    tls,
                    ..PyFtpdOptions::default()
                }))
            }
        }
    }

    fn user_url(&self, path: &str) -> String {
        match self {
            Instance::Real(s) => s.user_url(path),
            Instance::Py(s) => s
                .url(path)
                .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1),
        }
    }

    fn user_dir(&self) -> &Path {
        match self {
            Instance::Real(s) => s.user_dir(),
            Instance::Py(s) => s.root(),
        }
    }

    fn passive_ports(&self) -> &PassiveRange {
        match self {
            Instance::Real(s) => s.passive_ports(),
            Instance::Py(s) => s.passive_ports(),
        }
    }

    fn logs(&self) -> String {
        match self {
            Instance::Real(s) => s.logs(),
            Instance::Py(_) => String::new(),
        }
    }
}

/// A file's SHA-256, by coreutils' sha256sum (the sha2 crate is slow in a debug build).
fn sha256_file(path: &Path) -> Result<String, String> {
    let out = std::process::Command::new("sha256sum")
        .arg(path)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("run sha256sum: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    match (out.status.success(), text.split_whitespace().next()) {
        (true, Some(hex)) => Ok(hex.to_string()),
        _ => Err(format!(
            "sha256sum {}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )),
    }
}

/// The last lines of a failed run's stderr (its error message and hint).
fn why(step: &str, run: &Run) -> String {
    let tail: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("ferry:") || l.starts_with("< 4") || l.starts_with("< 5"))
        .collect();
    format!("{step} exited {}: {}", run.code, tail.join(" / "))
}

struct Fixture {
    big: PathBuf,
    big_sha: String,
}

/// How far into the big file the resume steps start: half of it moves again.
const RESUME_AT: usize = BIG / 2;

/// What one cell knows of its server.
struct CellSpec<'a> {
    transport: &'a str,
    mode: &'a str,
    cacert: &'a str,
    /// The server refuses data connections that do not resume the TLS session.
    require_resumption: bool,
    /// FEAT offers MLST, so `ls --json` must use MLSD (else LIST).
    mlsd: bool,
}

/// Whether a name list (NLST) names `name`: a line that is the name, or ends with `/name`
/// (pure-ftpd answers NLST of a directory with `dir/name`).
fn names_in(listing: &str, name: &str) -> bool {
    listing
        .lines()
        .map(str::trim_end)
        .any(|l| l == name || l.ends_with(&format!("/{name}")))
}

/// The `--json` summary a `get`/`put` printed: (bytes moved, resumed).
fn transfer_summary(step: &str, run: &Run) -> Result<(u64, bool), String> {
    let v: serde_json::Value = serde_json::from_slice(&run.stdout)
        .map_err(|e| format!("{step}: --json output {:?}: {e}", run.stdout_text()))?;
    match (v["bytes"].as_u64(), v["resumed"].as_bool()) {
        (Some(bytes), Some(resumed)) => Ok((bytes, resumed)),
        _ => Err(format!("{step}: --json output without bytes/resumed: {v}")),
    }
}

/// Runs one cell on a running instance: Ok(timings), or what failed.
fn run_cell(inst: &Instance, fixture: &Fixture, spec: &CellSpec<'_>) -> Result<String, String> {
    let mode = spec.mode;
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |what: &str| {
        timings.push(format!("{what} {:.1} s", clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };
    // -v: the checks below read the commands and replies from the trace.
    let mut base: Vec<&str> = vec!["-v", "--retries", "0", "--mode", mode];
    match spec.transport {
        "plain" => base.push("--tls=off"),
        _ => base.extend(["--tls", "--cacert", spec.cacert]),
    }
    // Every run: success; each data connection resumed the TLS session where the server
    // demands it (it would have refused the transfer anyway: say why); in EPSV and PASV, each
    // data connection went to a port of the server's passive range.
    let checked = |step: &str, run: Run| -> Result<Run, String> {
        if run.code != 0 {
            return Err(why(step, &run));
        }
        if spec.require_resumption
            && run
                .stderr
                .contains("data connection made a new TLS session")
        {
            return Err(format!(
                "{step}: a data connection did not resume the TLS session"
            ));
        }
        if mode == "epsv" || mode == "pasv" {
            let range = inst.passive_ports();
            let ports = passive_ports_in_trace(&run.stderr);
            if ports.is_empty() {
                return Err(format!(
                    "{step}: no {} reply in the trace",
                    mode.to_uppercase()
                ));
            }
            if let Some(p) = ports.iter().find(|&&p| !range.contains(p)) {
                return Err(format!("{step}: data port {p} outside the {range:?}"));
            }
        }
        Ok(run)
    };
    let one_shot = |step: &str, args: &[&str]| -> Result<Run, String> {
        let mut all = base.clone();
        all.extend_from_slice(args);
        checked(step, ferry(&all))
    };
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let local = |p: &Path| p.to_str().expect("UTF-8 path").to_string();
    let name = format!("matrix-{mode}.bin");
    let url = inst.user_url(&name);
    let dir_url = inst.user_url("");
    let on_server = inst.user_dir().join(&name);

    // The big file up and down, whole.
    one_shot("put", &["put", &local(&fixture.big), &url])?;
    if sha256_file(&on_server)? != fixture.big_sha {
        return Err("put: the server's copy has another SHA-256".into());
    }
    lap("put");
    let back = work.path().join("back.bin");
    one_shot("get", &["get", &url, "-o", &local(&back)])?;
    if sha256_file(&back)? != fixture.big_sha {
        return Err("get: the downloaded copy has another SHA-256".into());
    }
    lap("get");

    // Listings of the directory holding it: names (NLST), long (LIST), and parsed entries
    // (MLSD where FEAT offers MLST, else LIST).
    let run = one_shot("ls", &["ls", &dir_url])?;
    if !run.stderr.contains("> NLST") || !names_in(&run.stdout_text(), &name) {
        return Err(format!(
            "ls: NLST did not list {name}: {:?}",
            run.stdout_text()
        ));
    }
    let run = one_shot("ls -l", &["ls", "-l", &dir_url])?;
    let listing = run.stdout_text();
    let line = listing
        .lines()
        .find(|l| l.trim_end().ends_with(&format!(" {name}")));
    match line {
        Some(l) if run.stderr.contains("> LIST") && l.starts_with('-') => {}
        _ => return Err(format!("ls -l: LIST did not list {name}: {listing:?}")),
    }
    let run = one_shot("ls --json", &["ls", "-l", "--json", &dir_url])?;
    let (used, other) = match spec.mlsd {
        true => ("> MLSD", "> LIST"),
        false => ("> LIST", "> MLSD"),
    };
    if !run.stderr.contains(used) || run.stderr.contains(other) {
        return Err(format!(
            "ls --json: expected {} (FEAT {} MLST)",
            &used[2..],
            if spec.mlsd { "offers" } else { "has no" }
        ));
    }
    let rows: serde_json::Value = serde_json::from_slice(&run.stdout)
        .map_err(|e| format!("ls --json: {e}: {:?}", run.stdout_text()))?;
    let row = rows
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["name"] == name.as_str()));
    match row {
        Some(r) if r["type"] == "file" && r["size"] == BIG as u64 => {}
        _ => return Err(format!("ls --json: no file {name} of {BIG} bytes: {rows}")),
    }
    lap("ls");

    // Resumed upload: the server's copy cut to its first half, then `put -c` (SIZE, APPE).
    fs::OpenOptions::new()
        .write(true)
        .open(&on_server)
        .and_then(|f| f.set_len(RESUME_AT as u64))
        .map_err(|e| format!("cut {}: {e}", on_server.display()))?;
    let run = one_shot(
        "put -c",
        &["put", "-c", "--json", &local(&fixture.big), &url],
    )?;
    let (bytes, resumed) = transfer_summary("put -c", &run)?;
    if !run.stderr.contains("> APPE ") || !resumed || bytes != (BIG - RESUME_AT) as u64 {
        return Err(format!(
            "put -c: sent {bytes} bytes (resumed: {resumed}), not the last {} with APPE",
            BIG - RESUME_AT
        ));
    }
    if sha256_file(&on_server)? != fixture.big_sha {
        return Err("put -c: the server's copy has another SHA-256".into());
    }
    // Resumed download: a local .part holding the first half, then `get -c` (REST).
    let target = work.path().join("resumed.bin");
    {
        let mut part = fs::File::create(work.path().join("resumed.bin.part"))
            .map_err(|e| format!("create the .part file: {e}"))?;
        let mut head = fs::File::open(&fixture.big)
            .map_err(|e| e.to_string())?
            .take(RESUME_AT as u64);
        std::io::copy(&mut head, &mut part).map_err(|e| format!("write the .part file: {e}"))?;
    }
    let run = one_shot(
        "get -c",
        &["get", "-c", "--json", &url, "-o", &local(&target)],
    )?;
    let (bytes, resumed) = transfer_summary("get -c", &run)?;
    if !run.stderr.contains(&format!("> REST {RESUME_AT}\n"))
        || !resumed
        || bytes != (BIG - RESUME_AT) as u64
    {
        return Err(format!(
            "get -c: received {bytes} bytes (resumed: {resumed}), not the last {} after REST",
            BIG - RESUME_AT
        ));
    }
    if sha256_file(&target)? != fixture.big_sha {
        return Err("get -c: the resumed copy has another SHA-256".into());
    }
    if work.path().join("resumed.bin.part").exists() {
        return Err("get -c: the .part file is still there".into());
    }
    lap("resume");
    fs::remove_file(&on_server).map_err(|e| format!("cleanup: {e}"))?;

    // The batch session: UTF-8 names and names with spaces.
    let small = "small file.txt";
    let text = format!("a small file, {mode}\n");
    fs::write(work.path().join(small), &text).map_err(|e| e.to_string())?;
    fs::create_dir(work.path().join("back")).map_err(|e| e.to_string())?;
    let dir = format!("matrix ü {mode}");
    let renamed = "ünï côdé.txt";
    let script = format!(
        "mkdir \"{dir}\"\ncd \"{dir}\"\nput \"{small}\"\nls\nnlist\nrename \"{small}\" \"{renamed}\"\n\
         lcd back\nget \"{renamed}\"\ndelete \"{renamed}\"\ncdup\nrmdir \"{dir}\"\n"
    );
    let script_path = work.path().join("script.ftp");
    fs::write(&script_path, script).map_err(|e| e.to_string())?;
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["--timeout", "10"])
        .args(&base)
        .arg("-b")
        .arg(&script_path)
        .arg(&dir_url);
    let batch = checked("batch", crate::support::run(cmd))?;
    let out = batch.stdout_text();
    // `ls` is the long listing (LIST), `nlist` the names (NLST).
    let long = out
        .lines()
        .any(|l| l.starts_with('-') && l.trim_end().ends_with(&format!(" {small}")));
    let names = out.lines().any(|l| l.trim_end() == small);
    if !long || !names {
        return Err(format!(
            "batch: ls and nlist did not both list {small:?}: {out:?}"
        ));
    }
    let got = fs::read_to_string(work.path().join("back").join(renamed))
        .map_err(|e| format!("batch: get {renamed:?}: {e}"))?;
    if got != text {
        return Err("batch: the renamed file came back different".into());
    }
    if inst.user_dir().join(&dir).exists() {
        return Err("batch: the directory is still there after rmdir".into());
    }
    lap("batch");
    Ok(timings.join(", "))
}

/// Starts one instance and runs its modes; a server that does not start fails every cell.
fn run_group(server: Server, transport: &str, ip: &str, fixture: &Fixture) -> Vec<Cell> {
    let name = server.name();
    let cell = |mode: &str, outcome: &str, secs: f64, detail: String| Cell {
        server: name.into(),
        transport: transport.into(),
        ip: ip.into(),
        mode: mode.into(),
        outcome: outcome.into(),
        secs,
        detail,
    };
    let mut cells = Vec::new();
    let wanted: Vec<&str> = MODES
        .iter()
        .copied()
        .filter(|m| match not_applicable(name, transport, ip, m) {
            Some(reason) => {
                cells.push(cell(m, "n/a", 0.0, reason));
                false
            }
            None => true,
        })
        .collect();
    if wanted.is_empty() {
        return cells;
    }
    let certs = tempfile::tempdir().expect("temp dir");
    let cert = self_signed(certs.path());
    let started = Instant::now();
    let inst = match catch_unwind(AssertUnwindSafe(|| {
        Instance::start(server, transport, ip, &cert)
    })) {
        Ok(inst) => inst,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let first = msg.lines().take(4).collect::<Vec<_>>().join(" / ");
            for m in wanted {
                cells.push(cell(
                    m,
                    "fail",
                    0.0,
                    format!("server did not start: {first}"),
                ));
            }
            return cells;
        }
    };
    let startup = started.elapsed();
    for mode in wanted {
        let t = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| {
            let spec = CellSpec {
                transport,
                mode,
                cacert: cert.cert.to_str().unwrap(),
                require_resumption: matches!(
                    server,
                    Server::Real(Daemon::Vsftpd) | Server::Real(Daemon::Proftpd)
                ),
                mlsd: server.offers_mlsd(),
            };
            run_cell(&inst, fixture, &spec)
        }))
        .unwrap_or_else(|_| Err("the cell panicked".into()));
        let secs = (t.elapsed() + startup / 4).as_secs_f64();
        match result {
            Ok(timings) => cells.push(cell(mode, "pass", secs, timings)),
            Err(e) => {
                let logs = inst.logs();
                eprintln!("interop matrix: {name} {transport} {ip} {mode} FAILED: {e}\n{logs}");
                cells.push(cell(mode, "fail", secs, e));
            }
        }
    }
    cells
}

fn results_path() -> PathBuf {
    std::env::var_os("FERRY_INTEROP_RESULTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/interop/matrix.tsv")
        })
}

fn doc_path() -> PathBuf {
    std::env::var_os("FERRY_INTEROP_DOC")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/interop.md"))
}

fn git_commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

#[test]
#[ignore = "the interop matrix: run by scripts/interop.sh"]
fn interop_matrix() {
    let started = Instant::now();
    let work = tempfile::tempdir().unwrap();
    let big = work.path().join("big.bin");
    fs::write(&big, test_bytes(BIG, 99)).unwrap();
    let fixture = Fixture {
        big_sha: sha256_file(&big).unwrap(),
        big,
    };

    let mut groups = Vec::new();
    for server in SERVERS {
        for transport in TRANSPORTS {
            for ip in IPS {
                groups.push((server, transport, ip));
            }
        }
    }
    let jobs = crate::support::interop_jobs();
    let mut cells = crate::support::run_groups(groups, |(server, transport, ip)| {
        let t = Instant::now();
        let cells = run_group(server, transport, ip, &fixture);
        eprintln!(
            "interop matrix: {} {transport} {ip}: {} in {:.1} s",
            server.name(),
            cells
                .iter()
                .map(|c| format!("{} {}", c.mode, c.outcome))
                .collect::<Vec<_>>()
                .join(", "),
            t.elapsed().as_secs_f64()
        );
        cells
    });
    let order = |c: &Cell| {
        (
            SERVERS.iter().position(|s| s.name() == c.server),
            MODES.iter().position(|m| *m == c.mode),
            TRANSPORTS.iter().position(|t| *t == c.transport),
            IPS.iter().position(|i| *i == c.ip),
        )
    };
    cells.sort_by_key(order);
    let elapsed = started.elapsed();

    let servers: Vec<(String, String)> = SERVERS
        .iter()
        .map(|s| (s.name().to_string(), s.version()))
        .collect();
    let meta = format!(
        "Run: {} on Debian 12, {} CPUs, ferry {} (commit {}, debug build, rustls), {:.0} s in \
         all with {jobs} servers at a time.\n",
        utc(SystemTime::now()),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        env!("CARGO_PKG_VERSION"),
        git_commit(),
        elapsed.as_secs_f64(),
    );
    let page = render(&cells, &servers, &meta);
    let mut tsv = String::from(TSV_HEADER);
    tsv.push('\n');
    for c in &cells {
        tsv.push_str(&c.tsv());
        tsv.push('\n');
    }
    let results = results_path();
    let doc = doc_path();
    for (path, text) in [(&results, &tsv), (&doc, &page)] {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).unwrap();
        }
        fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
    println!("{page}");
    println!(
        "interop matrix: {:.0} s; results in {} and {}",
        elapsed.as_secs_f64(),
        results.display(),
        doc.display()
    );
    let names: Vec<&str> = SERVERS.iter().map(|s| s.name()).collect();
    if let Err(problems) = verdict(&cells, &names) {
        panic!("interop matrix: supported cells failed:\n{problems}");
    }
}

// ---------------------------------------------------------------------------------------------
// The table logic, against its own success and failure.

fn all_cells(fail: Option<(&str, &str, &str, &str)>, skip_server: Option<&str>) -> Vec<Cell> {
    let mut cells = Vec::new();
    for server in SERVERS.map(Server::name) {
        if Some(server) == skip_server {
            continue;
        }
        for t in TRANSPORTS {
            for ip in IPS {
                for mode in MODES {
                    let (outcome, detail) = match not_applicable(server, t, ip, mode) {
                        Some(reason) => ("n/a", reason),
                        None if fail == Some((server, t, ip, mode)) => {
                            ("fail", "get exited 5: ferry: error: 425".to_string())
                        }
                        None => ("pass", String::new()),
                    };
                    cells.push(Cell {
                        server: server.into(),
                        transport: t.into(),
                        ip: ip.into(),
                        mode: mode.into(),
                        outcome: outcome.into(),
                        secs: 1.5,
                        detail,
                    });
                }
            }
        }
    }
    cells
}

fn names() -> Vec<&'static str> {
    SERVERS.iter().map(|s| s.name()).collect()
}

fn fixture_servers() -> Vec<(String, String)> {
    names()
        .into_iter()
        .map(|n| (n.to_string(), format!("{n} 1.0")))
        .collect()
}

#[test]
fn interop_matrix_table_passes_when_every_supported_cell_passes() {
    let cells = all_cells(None, None);
    assert_eq!(cells.len(), 4 * 4 * 3 * 2);
    assert_eq!(verdict(&cells, &names()), Ok(()));
    let page = render(&cells, &fixture_servers(), "Run: test\n");
    assert!(page.contains("| vsftpd | EPSV | pass | pass | pass | pass | pass | pass |"));
    assert!(
        page.contains("| vsftpd | PASV | pass | n/a[^1] |"),
        "{page}"
    );
    assert!(
        page.contains("| pure-ftpd | EPSV | pass | pass | pass | pass | n/a[^2] | n/a[^2] |"),
        "{page}"
    );
    assert!(
        page.contains("| pyftpdlib | EPSV | pass | pass | pass | pass | n/a[^3] | n/a[^3] |"),
        "{page}"
    );
    assert!(
        page.contains("[^1]: PASV and PORT carry IPv4 addresses only"),
        "{page}"
    );
    assert!(page.contains("[^3]: pyftpdlib's TLS_FTPHandler"), "{page}");
    assert!(
        !page.contains("| **FAIL** |") && !page.contains("## Failures"),
        "{page}"
    );
    assert!(
        page.contains("60 passed, 0 failed, 36 not applicable."),
        "{page}"
    );
}

#[test]
fn interop_matrix_table_fails_on_a_failed_cell_and_says_which() {
    let cells = all_cells(Some(("proftpd", "explicit", "v4", "port")), None);
    let err = verdict(&cells, &names()).unwrap_err();
    assert!(
        err.contains("proftpd explicit v4 port: fail get exited 5"),
        "{err}"
    );
    let page = render(&cells, &fixture_servers(), "Run: test\n");
    assert!(
        page.contains("| proftpd | PORT | pass | n/a[^1] | **FAIL** | n/a[^1] | pass | n/a[^1] |"),
        "{page}"
    );
    assert!(
        page.contains("## Failures\n\n- proftpd explicit TLS v4 PORT: get exited 5"),
        "{page}"
    );
    assert!(page.contains("59 passed, 1 failed"), "{page}");
}

#[test]
fn interop_matrix_table_fails_when_a_server_is_missing() {
    let cells = all_cells(None, Some("pure-ftpd"));
    let err = verdict(&cells, &names()).unwrap_err();
    assert!(err.contains("pure-ftpd: no results"), "{err}");
    let page = render(&cells, &fixture_servers(), "Run: test\n");
    assert!(
        page.contains("| pure-ftpd | EPSV | **missing** |"),
        "{page}"
    );
}

/// Every cell but one: `server transport ip mode`.
fn all_cells_but(gone: (&str, &str, &str, &str)) -> Vec<Cell> {
    let mut cells = all_cells(None, None);
    cells.retain(|c| {
        (
            c.server.as_str(),
            c.transport.as_str(),
            c.ip.as_str(),
            c.mode.as_str(),
        ) != gone
    });
    cells
}

#[test]
fn interop_matrix_table_fails_when_a_single_cell_is_missing() {
    // A cell that must pass, and a cell that is n/a: both must be there.
    for gone in [
        ("proftpd", "implicit", "v6", "eprt"),
        ("pyftpdlib", "implicit", "v4", "epsv"),
    ] {
        let cells = all_cells_but(gone);
        assert_eq!(cells.len(), 4 * 4 * 3 * 2 - 1);
        let err = verdict(&cells, &names()).unwrap_err();
        let (server, t, ip, mode) = gone;
        assert_eq!(err, format!("{server} {t} {ip} {mode}: missing"));
        let page = render(&cells, &fixture_servers(), "Run: test\n");
        assert!(page.contains("**missing**"), "{page}");
        assert!(page.contains(", 1 missing."), "{page}");
    }
}

#[test]
fn interop_matrix_table_fails_on_a_cell_wrongly_marked_not_applicable() {
    let mut cells = all_cells(None, None);
    let c = cells
        .iter_mut()
        .find(|c| {
            (
                c.server.as_str(),
                c.transport.as_str(),
                c.ip.as_str(),
                c.mode.as_str(),
            ) == ("vsftpd", "plain", "v4", "pasv")
        })
        .unwrap();
    c.outcome = "n/a".into();
    let err = verdict(&cells, &names()).unwrap_err();
    assert!(
        err.contains("vsftpd plain v4 pasv: n/a, but the server can do it"),
        "{err}"
    );
}

#[test]
fn interop_matrix_results_survive_the_tsv_round_trip() {
    let cells = all_cells(Some(("vsftpd", "implicit", "v6", "eprt")), None);
    for c in &cells {
        let back = Cell::from_tsv(&c.tsv()).unwrap();
        assert_eq!(back.outcome, c.outcome);
        assert_eq!(back.detail, c.detail);
        assert_eq!((back.server, back.mode), (c.server.clone(), c.mode.clone()));
    }
    assert_eq!(
        utc(UNIX_EPOCH + Duration::from_secs(1_700_000_000)),
        "2023-11-14 22:13 UTC"
    );
    assert_eq!(
        utc(UNIX_EPOCH + Duration::from_secs(951_782_400)),
        "2000-02-29 00:00 UTC"
    );
}

/// scripts/interop.sh --check FILE: the script's own verdict on a results file.
fn check_with_script(cells: &[Cell]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("matrix.tsv");
    let mut tsv = String::from(TSV_HEADER);
    tsv.push('\n');
    for c in cells {
        tsv.push_str(&c.tsv());
        tsv.push('\n');
    }
    fs::write(&file, tsv).unwrap();
    let out = std::process::Command::new("bash")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/interop.sh"))
        .arg("--check")
        .arg(&file)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run scripts/interop.sh");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn interop_matrix_script_exits_zero_only_when_every_supported_cell_passed() {
    let (code, out) = check_with_script(&all_cells(None, None));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("60 passed, 0 failed, 36 n/a"), "{out}");

    let (code, out) =
        check_with_script(&all_cells(Some(("pyftpdlib", "plain", "v6", "eprt")), None));
    assert_ne!(code, 0, "a failed cell must fail the script: {out}");
    assert!(out.contains("pyftpdlib plain v6 eprt"), "{out}");

    let (code, out) = check_with_script(&all_cells(None, Some("vsftpd")));
    assert_ne!(code, 0, "a missing server must fail the script: {out}");
    assert!(out.contains("vsftpd: no results"), "{out}");

    for gone in [
        ("pure-ftpd", "explicit", "v4", "port"),
        ("vsftpd", "plain", "v6", "pasv"),
    ] {
        let (code, out) = check_with_script(&all_cells_but(gone));
        assert_ne!(code, 0, "a missing cell must fail the script: {out}");
        let (server, t, ip, mode) = gone;
        assert!(
            out.contains(&format!("{server} {t} {ip} {mode}: missing")),
            "{out}"
        );
        assert!(out.contains("1 cell(s) missing"), "{out}");
    }

    let (code, out) = check_with_script(&[]);
    assert_ne!(code, 0, "an empty results file must fail the script: {out}");
}
