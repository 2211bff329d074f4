//! FTPS against the real servers of tests/cases/interop.rs (vsftpd 3.0.3, proftpd 1.3.8 with
//! mod_tls, pure-ftpd 1.0.50), each started by tests/support/daemons.rs with a self-signed
//! CA:TRUE certificate made at test time, which `--cacert` makes ferry trust.
//!
//! The servers keep their default TLS session-reuse requirements: vsftpd
//! (`require_ssl_reuse=YES`) and ProFTPD refuse any data connection that does not resume the
//! control connection's TLS session, so every transfer here runs with `-v` and checks that every
//! data connection reported resuming it. `--retries 0` everywhere: a refused data connection
//! must fail the test, not be retried into a pass.
//!
//! pure-ftpd is the exception: it does not require reuse, and on TLS 1.3 it sends no session
//! tickets at all, so its data connections can only resume the session on TLS 1.2. Its checks
//! therefore only ask that every data connection was TLS, and
//! `session_reuse_on_tls12_and_tls13` pins down exactly what each server does.
//!
//! Implicit TLS (`ftps://`) is tested where the server has it (vsftpd, proftpd; see
//! [`Daemon::implicit_tls`] for pure-ftpd).
//!
//! Every check is one function taking a [`Daemon`]; `interop_tls_tests!` at the bottom makes a
//! test of each for each server.

use std::fs;
use std::path::Path;

use crate::support::certs::{TestCert, self_signed};
use crate::support::daemons::{Daemon, RealServer, Tls};
use crate::support::{Run, dir_names, ferry, ferry_command, run, test_bytes};

const BIG: usize = 20 * 1024 * 1024;
const RESUMED: &str = "data connection resumed the control connection's TLS session";
const NEW_SESSION: &str = "data connection made a new TLS session";

/// A certificate in a temporary directory that lives as long as the test needs it.
fn cert() -> (tempfile::TempDir, TestCert) {
    let dir = tempfile::tempdir().unwrap();
    let cert = self_signed(dir.path());
    (dir, cert)
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The options every TLS run here starts with.
fn tls_options(server: &RealServer) -> Vec<&str> {
    vec!["-v", "--tls", "--cacert", server.cert(), "--retries", "0"]
}

/// `ferry -v --tls --cacert CERT --retries 0 ARGS…`.
fn ferry_tls(server: &RealServer, args: &[&str]) -> Run {
    let mut all = tls_options(server);
    all.extend_from_slice(args);
    ferry(&all)
}

/// Whether every data connection must report resuming the control connection's TLS session:
/// always on vsftpd and proftpd (they refuse the others); on pure-ftpd only on TLS 1.2, since it
/// sends no TLS 1.3 session tickets.
fn resumption_expected(daemon: Daemon, tls12: bool) -> bool {
    daemon != Daemon::PureFtpd || tls12
}

/// Asserts success, with the server's logs in the message.
fn ok(server: &RealServer, what: &str, run: Run) -> Run {
    assert_eq!(
        run.code,
        0,
        "{what} failed against {} (TLS {:?}):\n{}\n{}",
        server.daemon(),
        server.tls(),
        run.stderr,
        server.logs()
    );
    run
}

/// Asserts that the run used TLS on the control connection (with `AUTH TLS` before any
/// password unless implicit) and that at least `data` TLS data connections were made, every
/// one resuming the control connection's TLS session where [`resumption_expected`] (on TLS 1.3).
fn assert_protected(server: &RealServer, what: &str, run: &Run, data: usize) {
    assert_protected_on(server, what, run, data, false);
}

/// [`assert_protected`], saying whether the run was capped at TLS 1.2.
fn assert_protected_on(server: &RealServer, what: &str, run: &Run, data: usize, tls12: bool) {
    let daemon = server.daemon();
    let err = &run.stderr;
    if server.tls() == Tls::Explicit {
        let auth = err.find("> AUTH TLS");
        assert!(auth.is_some(), "{daemon} {what}: no AUTH TLS:\n{err}");
        if let Some(pass) = err.find("> PASS") {
            assert!(
                auth < Some(pass),
                "{daemon} {what}: the password went out before TLS:\n{err}"
            );
        }
    }
    assert!(
        err.contains("> PROT P"),
        "{daemon} {what}: no PROT P:\n{err}"
    );
    let resumed = err.matches(RESUMED).count();
    let new = err.matches(NEW_SESSION).count();
    let good = match resumption_expected(daemon, tls12) {
        true => new == 0 && resumed >= data,
        false => resumed + new >= data,
    };
    assert!(
        good,
        "{daemon} {what}: {resumed} data connections resumed the TLS session and {new} made a \
         new one; expected at least {data}{}:\n{err}\n{}",
        if resumption_expected(daemon, tls12) {
            ", all resumed"
        } else {
            ""
        },
        server.logs()
    );
}

/// The line of a long listing that ends with ` name`.
fn long_line<'a>(listing: &'a str, name: &str) -> Option<&'a str> {
    listing
        .lines()
        .find(|l| l.trim_end().ends_with(&format!(" {name}")))
}

/// As ferrytest over TLS: put then get `size` bytes in `mode`, every byte compared, every data
/// connection resumed.
fn tls_round_trip(server: &RealServer, mode: &str, size: usize, seed: u64) {
    let daemon = server.daemon();
    let data = test_bytes(size, seed);
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("big.bin");
    fs::write(&local, &data).unwrap();
    let name = format!("tls-{mode}.bin");
    let what = format!("put in {mode}");
    let put = ferry_tls(
        server,
        &[
            "--mode",
            mode,
            "put",
            path_str(&local),
            &server.user_url(&name),
        ],
    );
    let put = ok(server, &what, put);
    assert_protected(server, &what, &put, 1);
    assert!(
        fs::read(server.user_dir().join(&name)).unwrap() == data,
        "{daemon}: TLS upload in {mode} corrupted"
    );
    let back = work.path().join("back.bin");
    let what = format!("get in {mode}");
    let get = ferry_tls(
        server,
        &[
            "--mode",
            mode,
            "get",
            &server.user_url(&name),
            "-o",
            path_str(&back),
        ],
    );
    let get = ok(server, &what, get);
    assert_protected(server, &what, &get, 1);
    assert!(
        fs::read(&back).unwrap() == data,
        "{daemon}: TLS download in {mode} corrupted"
    );
    assert_eq!(dir_names(work.path()), ["back.bin", "big.bin"], "{daemon}");
}

fn twenty_mib_both_ways_in_every_mode(daemon: Daemon) {
    let (_dir, cert) = cert();
    let server = RealServer::start_tls(daemon, &cert);
    for (i, mode) in ["epsv", "pasv", "eprt", "port"].iter().enumerate() {
        tls_round_trip(&server, mode, BIG, i as u64 + 40);
    }
}

/// One batch session with many data connections (uploads and downloads alternating with
/// listings), in a passive and an active mode: each must resume the same TLS session. After an
/// upload ferry sends close_notify and reads to the end, so TLS 1.3 tickets are not lost.
/// `tls12` caps the session at TLS 1.2 (`--tls-max 1.2`), where resumption uses the session
/// ID instead of TLS 1.3's tickets.
fn many_transfers_in_one_session(daemon: Daemon, tls12: bool) {
    let (_dir, cert) = cert();
    let server = RealServer::start_tls(daemon, &cert);
    let work = tempfile::tempdir().unwrap();
    let one = test_bytes(1_500_000, 50);
    let two = test_bytes(700_000, 51);
    fs::write(work.path().join("one.bin"), &one).unwrap();
    fs::write(work.path().join("two.bin"), &two).unwrap();
    fs::create_dir(work.path().join("back")).unwrap();
    let script = "put one.bin\nls\nlcd back\nget one.bin\nlcd ..\nput two.bin\nls\n\
                  lcd back\nget two.bin\nget one.bin one-again.bin\nlcd ..\nput one.bin three.bin\n\
                  ls\n";
    let path = work.path().join("script.ftp");
    fs::write(&path, script).unwrap();
    for mode in ["epsv", "port"] {
        let mut cmd = ferry_command();
        cmd.current_dir(work.path())
            .args(tls_options(&server))
            .args(if tls12 {
                &["--tls-max", "1.2"][..]
            } else {
                &[]
            })
            .args(["--timeout", "10", "--mode", mode, "-b"])
            .arg(&path)
            .arg(server.user_url(""));
        let what = format!("batch in {mode}");
        let run = ok(&server, &what, run(cmd));
        // 3 puts, 3 gets, 3 listings.
        assert_protected_on(&server, &what, &run, 9, tls12);
        assert_eq!(
            run.stderr.matches("> PBSZ").count(),
            1,
            "{daemon}: one session expected:\n{}",
            run.stderr
        );
        let listing = run.stdout_text();
        assert!(
            long_line(&listing, "three.bin").is_some(),
            "{daemon}: {listing}"
        );
        assert!(fs::read(work.path().join("back/one.bin")).unwrap() == one);
        assert!(fs::read(work.path().join("back/two.bin")).unwrap() == two);
        assert!(fs::read(work.path().join("back/one-again.bin")).unwrap() == one);
        assert!(fs::read(server.user_dir().join("three.bin")).unwrap() == one);
        for name in ["back/one.bin", "back/two.bin", "back/one-again.bin"] {
            fs::remove_file(work.path().join(name)).unwrap();
        }
    }
}

/// The same batch of put, ls and get on TLS 1.2 and on TLS 1.3: how each server resumes.
/// vsftpd and proftpd resume on both (and refuse data connections that do not); pure-ftpd
/// resumes on TLS 1.2, but sends no session tickets on TLS 1.3, so there every data connection
/// makes a new session, which it accepts.
fn session_reuse_on_tls12_and_tls13(daemon: Daemon) {
    let (_dir, cert) = cert();
    let server = RealServer::start_tls(daemon, &cert);
    let work = tempfile::tempdir().unwrap();
    fs::write(work.path().join("up.bin"), test_bytes(300_000, 55)).unwrap();
    let path = work.path().join("script.ftp");
    fs::write(&path, "put up.bin\nls\nget up.bin down.bin\n").unwrap();
    for version in ["1.2", "1.3"] {
        let mut cmd = ferry_command();
        cmd.current_dir(work.path())
            .args(tls_options(&server))
            .args(["--tls-max", version, "--timeout", "10", "-b"])
            .arg(&path)
            .arg(server.user_url(""));
        let what = format!("put, ls, get on TLS {version}");
        let run = ok(&server, &what, run(cmd));
        let resumed = run.stderr.matches(RESUMED).count();
        let new = run.stderr.matches(NEW_SESSION).count();
        let expected = match (daemon, version) {
            (Daemon::PureFtpd, "1.3") => (0, 3),
            _ => (3, 0),
        };
        assert_eq!(
            (resumed, new),
            expected,
            "{daemon} {what}: (resumed, new) data connections\n{}\n{}",
            run.stderr,
            server.logs()
        );
        fs::remove_file(work.path().join("down.bin")).unwrap();
    }
}

/// Five uploads in one session, then a download and a listing, all resuming the control
/// connection's TLS session (TLS 1.3 where the server has session tickets).
fn several_uploads_in_one_session(daemon: Daemon) {
    let (_dir, cert) = cert();
    let server = RealServer::start_tls(daemon, &cert);
    let work = tempfile::tempdir().unwrap();
    let data = test_bytes(200_000, 56);
    fs::write(work.path().join("up.bin"), &data).unwrap();
    let mut script = String::new();
    for i in 1..=5 {
        script.push_str(&format!("put up.bin up{i}.bin\n"));
    }
    script.push_str("get up5.bin down.bin\nls\n");
    let path = work.path().join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(tls_options(&server))
        .args(["--timeout", "10", "--mode", "epsv", "-b"])
        .arg(&path)
        .arg(server.user_url(""));
    let run = ok(&server, "5 puts, get, ls", run(cmd));
    assert_protected(&server, "5 puts, get, ls", &run, 7);
    assert!(fs::read(work.path().join("down.bin")).unwrap() == data);
}

/// `uploads` puts in one TLS 1.3 session against a server that requires reuse but gives no
/// tickets on upload connections: the first refused data connection switches the run to TLS
/// 1.2 (reconnecting once), every file arrives, and every later data connection resumes.
fn uploads_outlast_tls13_tickets(daemon: Daemon, uploads: usize) {
    let (_dir, cert) = cert();
    let server = RealServer::start_tls(daemon, &cert);
    let work = tempfile::tempdir().unwrap();
    let data = test_bytes(200_000, 57);
    fs::write(work.path().join("up.bin"), &data).unwrap();
    let mut script = String::new();
    for i in 1..=uploads {
        script.push_str(&format!("put up.bin up{i}.bin\n"));
    }
    script.push_str(&format!("get up{uploads}.bin down.bin\n"));
    let path = work.path().join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args([
            "-v",
            "--tls",
            "--cacert",
            server.cert(),
            "--retry-wait",
            "0.05",
        ])
        .args(["--timeout", "10", "--mode", "epsv", "-b"])
        .arg(&path)
        .arg(server.user_url(""));
    let run = ok(&server, "uploads past the TLS 1.3 tickets", run(cmd));
    assert!(fs::read(work.path().join("down.bin")).unwrap() == data);
    for i in 1..=uploads {
        assert!(
            server.user_dir().join(format!("up{i}.bin")).exists(),
            "up{i}.bin missing"
        );
    }
    let err = &run.stderr;
    assert!(
        err.contains("using TLS 1.2 from now on"),
        "{daemon}: expected the switch to TLS 1.2:\n{err}"
    );
    if let Some(switch) = err.find("using TLS 1.2 from now on") {
        let after = &err[switch..];
        assert!(
            !after.contains("made a new TLS session"),
            "{daemon}: no reuse after the switch:\n{err}"
        );
    }
}

/// Over TLS: a UTF-8 directory name and file names with spaces and UTF-8; mkdir, put, rename,
/// `ls -l`, `ls --json` (MLSD where the server has it: proftpd and pure-ftpd; vsftpd has none,
/// so ferry parses LIST), get, rm, rmdir, checked on the server's disk.
fn names_and_file_operations(daemon: Daemon) {
    let (_dir, cert) = cert();
    let server = RealServer::start_tls(daemon, &cert);
    let root = server.user_dir();
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("a file with spaces.txt");
    fs::write(&local, "spaced out\n").unwrap();
    let utf8 = work.path().join("grüße ✓.txt");
    fs::write(&utf8, "unicode\n").unwrap();

    // No space in the directory's name: see listing_a_directory_whose_name_has_a_space.
    let dir = "dossier_été";
    let run = ferry_tls(&server, &["mkdir", &server.user_url(dir)]);
    ok(&server, "mkdir", run);
    assert!(root.join(dir).is_dir(), "{daemon}");
    let dest = server.user_url(&format!("{dir}/"));
    let run = ferry_tls(&server, &["put", path_str(&local), path_str(&utf8), &dest]);
    let run = ok(&server, "put two files", run);
    assert_protected(&server, "put two files", &run, 2);
    assert_eq!(
        dir_names(&root.join(dir)),
        ["a file with spaces.txt", "grüße ✓.txt"],
        "{daemon}"
    );
    let run = ferry_tls(
        &server,
        &[
            "mv",
            &server.user_url(&format!("{dir}/a file with spaces.txt")),
            "renamed ✓ file.txt",
        ],
    );
    ok(&server, "rename", run);
    assert!(root.join(dir).join("renamed ✓ file.txt").is_file());

    let run = ferry_tls(&server, &["ls", "-l", &dest]);
    let run = ok(&server, "ls -l", run);
    assert_protected(&server, "ls -l", &run, 1);
    let long = run.stdout_text();
    let line = long_line(&long, "renamed ✓ file.txt")
        .unwrap_or_else(|| panic!("{daemon}: {long:?}\n{}", run.stderr));
    assert!(
        line.starts_with('-') && line.contains(" 11 "),
        "{daemon}: {line}"
    );
    assert!(
        long_line(&long, "grüße ✓.txt").is_some(),
        "{daemon}: {long}"
    );

    let run = ferry_tls(&server, &["ls", "--json", &dest]);
    let run = ok(&server, "ls --json", run);
    assert_protected(&server, "ls --json", &run, 1);
    let mlsd = run.stderr.contains("> MLSD");
    assert_eq!(mlsd, daemon != Daemon::Vsftpd, "{daemon}: {}", run.stderr);
    let entries: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let mut seen: Vec<(String, String, Option<u64>)> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_string(),
                e["type"].as_str().unwrap().to_string(),
                e["size"].as_u64(),
            )
        })
        .filter(|(name, _, _)| name != "." && name != "..")
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("grüße ✓.txt".to_string(), "file".to_string(), Some(8)),
            (
                "renamed ✓ file.txt".to_string(),
                "file".to_string(),
                Some(11)
            ),
        ],
        "{daemon}: {}",
        run.stdout_text()
    );

    let back = work.path().join("back ✓.txt");
    let run = ferry_tls(
        &server,
        &[
            "get",
            &server.user_url(&format!("{dir}/grüße ✓.txt")),
            "-o",
            path_str(&back),
        ],
    );
    ok(&server, "get", run);
    assert_eq!(fs::read(&back).unwrap(), b"unicode\n");

    for name in ["renamed ✓ file.txt", "grüße ✓.txt"] {
        let run = ferry_tls(&server, &["rm", &server.user_url(&format!("{dir}/{name}"))]);
        ok(&server, "rm", run);
    }
    let run = ferry_tls(&server, &["rmdir", &server.user_url(dir)]);
    ok(&server, "rmdir", run);
    assert!(
        dir_names(root).is_empty(),
        "{daemon}: {:?}",
        dir_names(root)
    );
}

/// Over TLS: `get -c` continues a half-written .part file (REST), `put -c` continues an upload
/// whose remote copy was cut short (APPE).
fn resume_both_ways(daemon: Daemon) {
    let (_dir, cert) = cert();
    let server = RealServer::start_tls(daemon, &cert);
    let work = tempfile::tempdir().unwrap();
    let data = test_bytes(4_000_000, 60);
    let local = work.path().join("whole.bin");
    fs::write(&local, &data).unwrap();
    let run = ferry_tls(&server, &["put", path_str(&local), &server.user_url("")]);
    ok(&server, "put", run);

    let target = work.path().join("down.bin");
    fs::write(work.path().join("down.bin.part"), &data[..2_000_000]).unwrap();
    let run = ferry_tls(
        &server,
        &[
            "get",
            "-c",
            &server.user_url("whole.bin"),
            "-o",
            path_str(&target),
        ],
    );
    let run = ok(&server, "get -c", run);
    assert!(
        run.stderr.contains("> REST 2000000"),
        "{daemon}: {}",
        run.stderr
    );
    assert_protected(&server, "get -c", &run, 1);
    assert!(
        fs::read(&target).unwrap() == data,
        "{daemon}: resumed download differs"
    );
    assert!(!work.path().join("down.bin.part").exists());

    // Cut the remote copy short (ferrytest's own file), then continue the upload.
    let remote = server.user_dir().join("whole.bin");
    fs::OpenOptions::new()
        .write(true)
        .open(&remote)
        .unwrap()
        .set_len(1_234_567)
        .unwrap();
    let run = ferry_tls(
        &server,
        &["put", "-c", path_str(&local), &server.user_url("")],
    );
    let run = ok(&server, "put -c", run);
    assert!(
        run.stderr.contains("> APPE ") && run.stderr.contains("whole.bin\n"),
        "{daemon}: {}",
        run.stderr
    );
    assert_protected(&server, "put -c", &run, 1);
    assert!(
        fs::read(&remote).unwrap() == data,
        "{daemon}: resumed upload differs"
    );
}

/// Anonymous logins stay plain with the default `--tls=auto` even though the server offers TLS;
/// with `--tls` they are encrypted too (vsftpd needs `allow_anon_ssl=YES` for that).
fn anonymous_plain_by_default_and_tls_on_request(daemon: Daemon) {
    let (_dir, cert) = cert();
    let server = RealServer::start_tls(daemon, &cert);
    fs::write(server.anon_dir().join("pub.txt"), "public\n").unwrap();
    let run = ferry(&["-v", "cat", &server.url("pub.txt")]);
    let run = ok(&server, "anonymous cat", run);
    assert_eq!(run.stdout, b"public\n");
    assert!(!run.stderr.contains("> AUTH"), "{daemon}: {}", run.stderr);
    assert!(
        run.stderr.contains("AUTH TLS"),
        "{daemon}: not offered? {}",
        run.stderr
    );

    let run = ferry_tls(&server, &["cat", &server.url("pub.txt")]);
    let run = ok(&server, "anonymous cat --tls", run);
    assert_eq!(run.stdout, b"public\n");
    assert_protected(&server, "anonymous cat --tls", &run, 1);
}

/// Implicit TLS (`ftps://HOST:PORT/`), where the server has it: a round trip in a passive and
/// an active mode and a listing.
fn implicit_tls(daemon: Daemon) {
    let (_dir, cert) = cert();
    let server = RealServer::start_with(daemon, "127.0.0.1", Tls::Implicit, Some(&cert));
    assert!(server.user_url("").starts_with("ftps://"));
    for (i, mode) in ["epsv", "port"].iter().enumerate() {
        tls_round_trip(&server, mode, 3_000_000, i as u64 + 70);
    }
    let run = ferry_tls(&server, &["ls", "-l", &server.user_url("")]);
    let run = ok(&server, "ls -l", run);
    assert!(!run.stderr.contains("> AUTH"), "{daemon}: {}", run.stderr);
    assert!(
        long_line(&run.stdout_text(), "tls-port.bin").is_some(),
        "{daemon}: {}",
        run.stdout_text()
    );
}

/// Explicit TLS over ::1, in the extended modes (the only ones IPv6 has).
fn ipv6_explicit_tls(daemon: Daemon) {
    let (_dir, cert) = cert();
    let server = RealServer::start_with(daemon, "::1", Tls::Explicit, Some(&cert));
    for (i, mode) in ["epsv", "eprt"].iter().enumerate() {
        tls_round_trip(&server, mode, 3_000_000, i as u64 + 80);
    }
}

/// `ls`, `ls -l` and `ls --json` of a directory whose name has a space, over TLS.
fn listing_a_directory_whose_name_has_a_space(daemon: Daemon) {
    let (_dir, cert) = cert();
    let server = RealServer::start_tls(daemon, &cert);
    let dir = "two words";
    let run = ferry_tls(&server, &["mkdir", &server.user_url(dir)]);
    ok(&server, "mkdir", run);
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("inside.txt");
    fs::write(&local, "in a spaced directory\n").unwrap();
    let dest = server.user_url(&format!("{dir}/"));
    ok(
        &server,
        "put",
        ferry_tls(&server, &["put", path_str(&local), &dest]),
    );
    assert!(server.user_dir().join(dir).join("inside.txt").is_file());

    let run = ok(&server, "ls", ferry_tls(&server, &["ls", &dest]));
    assert!(
        run.stdout_text().lines().any(|l| l.ends_with("inside.txt")),
        "{daemon}: ls {dir}/ {:?}\n{}",
        run.stdout_text(),
        run.stderr
    );
    let run = ok(&server, "ls -l", ferry_tls(&server, &["ls", "-l", &dest]));
    assert!(
        long_line(&run.stdout_text(), "inside.txt").is_some(),
        "{daemon}: ls -l {dir}/ {:?}\n{}",
        run.stdout_text(),
        run.stderr
    );
    let run = ok(
        &server,
        "ls --json",
        ferry_tls(&server, &["ls", "--json", &dest]),
    );
    assert!(
        run.stdout_text().contains("\"inside.txt\""),
        "{daemon}: ls --json {dir}/ {:?}\n{}",
        run.stdout_text(),
        run.stderr
    );
}

/// Many small files in one `mget` over TLS, serially and over two connections: each next RETR
/// goes out ahead of the previous 226 (src/engine/ahead.rs), the ClientHello before the 150, and every
/// data connection still resumes the TLS session where the server demands it.
fn many_small_downloads_go_ahead(daemon: Daemon) {
    let (_dir, cert) = cert();
    let server = RealServer::start_tls(daemon, &cert);
    let dir = server.user_dir().join("many");
    fs::create_dir(&dir).unwrap();
    let files: Vec<(String, Vec<u8>)> = (0..8)
        .map(|i| {
            (
                format!("t{i}.bin"),
                test_bytes(2500 + 31 * i, 60 + i as u64),
            )
        })
        .collect();
    for (name, data) in &files {
        fs::write(dir.join(name), data).unwrap();
    }
    for mode in ["epsv", "eprt"] {
        for parallel in ["", "-P 2 "] {
            let work = tempfile::tempdir().unwrap();
            let path = work.path().join("script.ftp");
            fs::write(&path, format!("cd many\nmget {parallel}*.bin\n")).unwrap();
            let mut cmd = ferry_command();
            cmd.current_dir(work.path())
                .args(tls_options(&server))
                .args(["--timeout", "10", "--mode", mode, "-b"])
                .arg(&path)
                .arg(server.user_url(""));
            let what = format!("mget {parallel}in {mode}");
            let run = ok(&server, &what, run(cmd));
            // The listing and eight files.
            assert_protected(&server, &what, &run, 9);
            for (name, data) in &files {
                assert!(
                    fs::read(work.path().join(name)).ok().as_ref() == Some(data),
                    "{daemon} {what}: {name} differs"
                );
            }
            let ahead = run.stderr.matches("ahead of the current transfer").count();
            assert!(
                ahead >= 6,
                "{daemon} {what}: {ahead} sent ahead\n{}",
                run.stderr
            );
        }
    }
}

macro_rules! interop_tls_tests {
    ($($module:ident => $daemon:expr;)*) => {$(
        mod $module {
            use crate::support::daemons::Daemon;

            const DAEMON: Daemon = $daemon;

            #[test]
            fn twenty_mib_both_ways_in_every_mode() {
                crate::needs_real_servers!();
                super::twenty_mib_both_ways_in_every_mode(DAEMON);
            }

            #[test]
            fn many_small_downloads_go_ahead() {
                crate::needs_real_servers!();
                super::many_small_downloads_go_ahead(DAEMON);
            }

            #[test]
            fn many_transfers_in_one_session_tls12() {
                crate::needs_real_servers!();
                super::many_transfers_in_one_session(DAEMON, true);
            }

            #[test]
            fn session_reuse_on_tls12_and_tls13() {
                crate::needs_real_servers!();
                super::session_reuse_on_tls12_and_tls13(DAEMON);
            }

            #[test]
            fn names_and_file_operations() {
                crate::needs_real_servers!();
                super::names_and_file_operations(DAEMON);
            }

            #[test]
            fn resume_both_ways() {
                crate::needs_real_servers!();
                super::resume_both_ways(DAEMON);
            }

            #[test]
            fn anonymous_plain_by_default_and_tls_on_request() {
                crate::needs_real_servers!();
                super::anonymous_plain_by_default_and_tls_on_request(DAEMON);
            }

            #[test]
            fn ipv6_explicit_tls() {
                crate::needs_real_servers!();
                super::ipv6_explicit_tls(DAEMON);
            }
        }
    )*};
}

interop_tls_tests! {
    vsftpd => Daemon::Vsftpd;
    proftpd => Daemon::Proftpd;
    pure_ftpd => Daemon::PureFtpd;
}

// Several uploads in one TLS 1.3 session. ProFTPD sends no new session ticket on a resumed
// upload data connection (vsftpd does), and rustls uses each TLS 1.3 ticket once: the two
// tickets from the control connection's handshake are used up by the uploads and the next data
// connection makes a new session, which ProFTPD refuses ("client did not reuse TLS session,
// rejecting data connection", 425). OpenSSL-based clients present the same session again.

#[test]
fn vsftpd_many_transfers_in_one_session_tls13() {
    crate::needs_real_servers!();
    many_transfers_in_one_session(Daemon::Vsftpd, false);
}

#[test]
fn proftpd_many_transfers_in_one_session_tls13() {
    crate::needs_real_servers!();
    // ProFTPD sends no TLS 1.3 tickets on upload connections and rustls offers each ticket once:
    // ferry notices the refused data connection and goes on with TLS 1.2.
    uploads_outlast_tls13_tickets(Daemon::Proftpd, 9);
}

#[test]
fn pure_ftpd_many_transfers_in_one_session_tls13() {
    crate::needs_real_servers!();
    many_transfers_in_one_session(Daemon::PureFtpd, false);
}

#[test]
fn vsftpd_several_uploads_in_one_session() {
    crate::needs_real_servers!();
    several_uploads_in_one_session(Daemon::Vsftpd);
}

#[test]
fn proftpd_several_uploads_in_one_session() {
    crate::needs_real_servers!();
    uploads_outlast_tls13_tickets(Daemon::Proftpd, 5);
}

#[test]
fn pure_ftpd_several_uploads_in_one_session() {
    crate::needs_real_servers!();
    several_uploads_in_one_session(Daemon::PureFtpd);
}

#[test]
fn vsftpd_listing_a_directory_whose_name_has_a_space() {
    crate::needs_real_servers!();
    listing_a_directory_whose_name_has_a_space(Daemon::Vsftpd);
}

#[test]
fn proftpd_listing_a_directory_whose_name_has_a_space() {
    crate::needs_real_servers!();
    listing_a_directory_whose_name_has_a_space(Daemon::Proftpd);
}

// pure-ftpd splits the argument of LIST at spaces (it takes options, several paths and globs),
// so `LIST two words/` would list nothing ("226 0 matches total"); ferry changes into such a
// directory and sends a bare LIST instead.
#[test]
fn pure_ftpd_listing_a_directory_whose_name_has_a_space() {
    crate::needs_real_servers!();
    listing_a_directory_whose_name_has_a_space(Daemon::PureFtpd);
}

#[test]
fn vsftpd_implicit_tls() {
    crate::needs_real_servers!();
    implicit_tls(Daemon::Vsftpd);
}

#[test]
fn proftpd_implicit_tls() {
    crate::needs_real_servers!();
    implicit_tls(Daemon::Proftpd);
}

#[test]
fn pure_ftpd_has_no_implicit_tls_here() {
    assert!(Daemon::PureFtpd.implicit_tls().is_err());
}
