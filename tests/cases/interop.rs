//! The one-shot commands and batch mode against real FTP servers from Debian's packages:
//! vsftpd 3.0.3, proftpd 1.3.8 and pure-ftpd 1.0.50, each started on loopback by
//! tests/support/daemons.rs (installed by scripts/install-servers.sh). Plain FTP only; FTPS
//! against the same servers is in interop_tls.rs, and the whole matrix in interop_matrix.rs.
//!
//! Every check is one function taking a [`Daemon`]; `interop_tests!` at the bottom makes a test
//! of each for each server (`cases::interop::vsftpd::…`, `…::proftpd::…`, `…::pure_ftpd::…`).
//!
//! Data modes: all three servers accept EPSV, PASV, EPRT and PORT as configured here, so
//! every mode is tested against every server. (vsftpd needs `port_enable=YES`, its default, for
//! EPRT and PORT, and `connect_from_port_20=NO` to connect back from an ephemeral port; proftpd
//! and pure-ftpd need nothing.)
//!
//! Passive ports: each server instance has a range of its own (tests/support/ports.rs), and the
//! EPSV and PASV replies must stay in it.
//!
//! Listings: `ls` prints the server's NLST as it comes. pure-ftpd answers `NLST dir/` with
//! `dir/name` paths and includes `dir/.` and `dir/..`; vsftpd and proftpd send bare names. The
//! checks therefore look for a line ending in the name.

use std::fs;
use std::path::Path;

use crate::support::daemons::{Daemon, RealServer};
use crate::support::ports::passive_ports_in_trace;
use crate::support::{Run, dir_names, ferry, ferry_command, run, test_bytes};

const BIG: usize = 20 * 1024 * 1024;

/// Asserts success, with the server's logs in the message (charset.rs uses it too).
pub(super) fn ok(server: &RealServer, run: Run) -> Run {
    assert_eq!(
        run.code,
        0,
        "ferry failed against {}: {}\n{}",
        server.daemon(),
        run.stderr,
        server.logs()
    );
    run
}

/// Whether some line of a listing names `name` (bare, or as pure-ftpd's `dir/name`).
pub(super) fn lists(listing: &str, name: &str) -> bool {
    listing
        .lines()
        .any(|l| l.trim_end() == name || l.trim_end().ends_with(&format!("/{name}")))
}

/// The line of a long listing that ends with ` name`.
fn long_line<'a>(listing: &'a str, name: &str) -> Option<&'a str> {
    listing
        .lines()
        .find(|l| l.trim_end().ends_with(&format!(" {name}")))
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Anonymous: `ls`, `ls -l` and `cat` in the read-only root; an upload to incoming/ works and
/// one to the root is refused.
fn anonymous_lists_reads_and_uploads(daemon: Daemon) {
    let server = RealServer::start(daemon);
    let text = format!("hello from {daemon}\n");
    fs::write(server.anon_dir().join("readme.txt"), &text).unwrap();

    let names = ok(&server, ferry(&["ls", &server.url("")])).stdout_text();
    assert!(lists(&names, "readme.txt"), "{daemon}: {names}");
    assert!(lists(&names, "incoming"), "{daemon}: {names}");

    let long = ok(&server, ferry(&["ls", "-l", &server.url("")])).stdout_text();
    let line = long_line(&long, "readme.txt").unwrap_or_else(|| panic!("{daemon}: {long}"));
    assert!(line.starts_with('-'), "{daemon}: {line}");
    let line = long_line(&long, "incoming").unwrap_or_else(|| panic!("{daemon}: {long}"));
    assert!(line.starts_with('d'), "{daemon}: {line}");

    let cat = ok(&server, ferry(&["cat", &server.url("readme.txt")]));
    assert_eq!(cat.stdout, text.as_bytes(), "{daemon}");

    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("anon-upload.txt");
    fs::write(&local, "uploaded anonymously\n").unwrap();
    ok(
        &server,
        ferry(&["put", path_str(&local), &server.url("incoming/")]),
    );
    assert_eq!(
        fs::read(server.anon_upload_dir().join("anon-upload.txt")).unwrap(),
        b"uploaded anonymously\n",
        "{daemon}"
    );

    let run = ferry(&["put", path_str(&local), &server.url("")]);
    assert_eq!(run.code, 5, "{daemon}: {}", run.stderr);
    assert!(!server.anon_dir().join("anon-upload.txt").exists());
}

/// As ferrytest: uploads then downloads 20 MiB in `mode` and compares every byte.
fn round_trip(server: &RealServer, mode: &str, size: usize, seed: u64) {
    let daemon = server.daemon();
    let data = test_bytes(size, seed);
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("big.bin");
    fs::write(&local, &data).unwrap();
    let name = format!("big-{mode}.bin");
    ok(
        server,
        ferry(&[
            "--mode",
            mode,
            "put",
            path_str(&local),
            &server.user_url(&name),
        ]),
    );
    assert!(
        fs::read(server.user_dir().join(&name)).unwrap() == data,
        "{daemon}: upload in {mode} corrupted"
    );
    let back = work.path().join("back.bin");
    ok(
        server,
        ferry(&[
            "--mode",
            mode,
            "get",
            &server.user_url(&name),
            "-o",
            path_str(&back),
        ]),
    );
    assert!(
        fs::read(&back).unwrap() == data,
        "{daemon}: download in {mode} corrupted"
    );
    assert_eq!(dir_names(work.path()), ["back.bin", "big.bin"], "{daemon}");
}

fn twenty_mib_both_ways_in_every_mode(daemon: Daemon) {
    let server = RealServer::start(daemon);
    for (i, mode) in ["epsv", "pasv", "eprt", "port"].iter().enumerate() {
        round_trip(&server, mode, BIG, i as u64 + 1);
    }
}

/// Over ::1, where only the extended commands (EPSV, EPRT) can work; `auto` must find them.
fn ipv6_in_the_extended_modes(daemon: Daemon) {
    let server = RealServer::start_ipv6(daemon);
    fs::write(server.anon_dir().join("v6.txt"), "over IPv6\n").unwrap();
    let names = ok(&server, ferry(&["ls", &server.url("")])).stdout_text();
    assert!(lists(&names, "v6.txt"), "{daemon}: {names}");
    for (i, mode) in ["epsv", "eprt", "auto"].iter().enumerate() {
        round_trip(&server, mode, 1024 * 1024, i as u64 + 20);
    }
}

/// As ferrytest: mkdir, put, mv, `ls -l`, rm, rmdir, checked on the server's disk.
fn file_operations_with_a_user_login(daemon: Daemon) {
    let server = RealServer::start(daemon);
    let dir = server.user_dir();
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("old.txt");
    fs::write(&local, "some text\n").unwrap();

    ok(&server, ferry(&["mkdir", &server.user_url("newdir")]));
    assert!(dir.join("newdir").is_dir(), "{daemon}");
    ok(
        &server,
        ferry(&["put", path_str(&local), &server.user_url("")]),
    );
    assert_eq!(fs::read(dir.join("old.txt")).unwrap(), b"some text\n");
    ok(
        &server,
        ferry(&["mv", &server.user_url("old.txt"), "renamed.txt"]),
    );
    assert!(dir.join("renamed.txt").is_file(), "{daemon}");
    assert!(!dir.join("old.txt").exists(), "{daemon}");

    let long = ok(&server, ferry(&["ls", "-l", &server.user_url("")])).stdout_text();
    let line = long_line(&long, "renamed.txt").unwrap_or_else(|| panic!("{daemon}: {long}"));
    assert!(
        line.starts_with('-') && line.contains(" 10 "),
        "{daemon}: {line}"
    );
    let line = long_line(&long, "newdir").unwrap_or_else(|| panic!("{daemon}: {long}"));
    assert!(line.starts_with('d'), "{daemon}: {line}");

    ok(&server, ferry(&["rm", &server.user_url("renamed.txt")]));
    ok(&server, ferry(&["rmdir", &server.user_url("newdir")]));
    assert!(dir_names(dir).is_empty(), "{daemon}: {:?}", dir_names(dir));
}

/// A wrong password exits 4; a missing file exits 5 and leaves nothing behind, with -O or -o.
fn wrong_password_and_missing_file_exit_codes(daemon: Daemon) {
    let server = RealServer::start(daemon);
    let run = ferry(&["ls", &server.user_url_with_password("wrong%20pass", "")]);
    assert_eq!(run.code, 4, "{daemon}: {}", run.stderr);

    let out = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "get",
        &server.user_url("missing.bin"),
        "-O",
        path_str(out.path()),
    ]);
    assert_eq!(run.code, 5, "{daemon}: {}", run.stderr);
    let target = out.path().join("named.bin");
    let run = ferry(&[
        "get",
        &server.user_url("missing.bin"),
        "-o",
        path_str(&target),
    ]);
    assert_eq!(run.code, 5, "{daemon}: {}", run.stderr);
    assert!(
        dir_names(out.path()).is_empty(),
        "{daemon}: {:?}",
        dir_names(out.path())
    );
    let run = ferry(&["cat", &server.url("missing.txt")]);
    assert_eq!(run.code, 5, "{daemon}: {}", run.stderr);
    assert!(run.stdout.is_empty(), "{daemon}");
}

/// `ferry -b script URL`: mkdir, cd, put, ls, lcd, get, delete, cdup, rmdir.
fn a_batch_script_round_trip(daemon: Daemon) {
    let server = RealServer::start(daemon);
    let work = tempfile::tempdir().unwrap();
    let data = test_bytes(300_000, 7);
    fs::write(work.path().join("data file.bin"), &data).unwrap();
    fs::create_dir(work.path().join("back")).unwrap();
    let script = r#"# interop batch
mkdir inbox
cd inbox
put "data file.bin"
ls
lcd back
get "data file.bin"
delete "data file.bin"
cdup
rmdir inbox
"#;
    let path = work.path().join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["--timeout", "10", "-b"])
        .arg(&path)
        .arg(server.user_url(""));
    let run = ok(&server, run(cmd));
    // The shell's `ls` is the long listing (LIST), like BSD ftp's.
    let listing = run.stdout_text();
    let line =
        long_line(&listing, "data file.bin").unwrap_or_else(|| panic!("{daemon}: {listing}"));
    assert!(
        line.starts_with('-') && line.contains(" 300000 "),
        "{daemon}: {line}"
    );
    assert!(
        fs::read(work.path().join("back/data file.bin")).unwrap() == data,
        "{daemon}: batch download corrupted"
    );
    assert!(
        dir_names(server.user_dir()).is_empty(),
        "{daemon}: {:?}",
        dir_names(server.user_dir())
    );
}

/// Runs `script` as a batch in `dir` on `url` with `-v --retries 0 --mode MODE`; must succeed.
fn batch_in_mode(server: &RealServer, dir: &Path, script: &str, mode: &str, url: &str) -> Run {
    let path = dir.join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(dir)
        .args([
            "--timeout",
            "10",
            "-v",
            "--retries",
            "0",
            "--mode",
            mode,
            "-b",
        ])
        .arg(&path)
        .arg(url);
    ok(server, run(cmd))
}

/// Passive data connections (EPSV, PASV) land in the passive port range the server was given:
/// three listings in one session per mode, with the ports read from the `-v` trace.
fn passive_ports_come_from_the_configured_range(daemon: Daemon) {
    let server = RealServer::start(daemon);
    let range = server.passive_ports();
    fs::write(server.anon_dir().join("listed.txt"), "x").unwrap();
    let work = tempfile::tempdir().unwrap();
    for mode in ["epsv", "pasv"] {
        let run = batch_in_mode(
            &server,
            work.path(),
            "ls\nnlist\nls\n",
            mode,
            &server.url(""),
        );
        let ports = passive_ports_in_trace(&run.stderr);
        assert_eq!(ports.len(), 3, "{daemon} {mode}: {}", run.stderr);
        assert!(
            ports.iter().all(|&p| range.contains(p)),
            "{daemon} {mode}: ports {ports:?} outside {range:?}"
        );
    }
}

/// Many small files in one `mget`, in every data mode, serially and over two connections: each
/// next RETR goes out with its EPSV/PASV/EPRT/PORT before the previous file's 226 is read
/// (src/engine/ahead.rs), and every file arrives whole.
fn many_small_downloads_go_ahead_in_every_mode(daemon: Daemon) {
    let server = RealServer::start(daemon);
    let dir = server.anon_dir().join("many");
    fs::create_dir(&dir).unwrap();
    let files: Vec<(String, Vec<u8>)> = (0..8)
        .map(|i| {
            (
                format!("s{i}.bin"),
                test_bytes(3000 + 17 * i, 40 + i as u64),
            )
        })
        .collect();
    for (name, data) in &files {
        fs::write(dir.join(name), data).unwrap();
    }
    for mode in ["epsv", "pasv", "eprt", "port"] {
        for parallel in ["", "-P 2 "] {
            let work = tempfile::tempdir().unwrap();
            let script = format!("cd many\nmget {parallel}*.bin\n");
            let got = batch_in_mode(&server, work.path(), &script, mode, &server.url(""));
            for (name, data) in &files {
                assert!(
                    fs::read(work.path().join(name)).ok().as_ref() == Some(data),
                    "{daemon} {mode} {parallel}: {name} differs"
                );
            }
            let ahead = got.stderr.matches("ahead of the current transfer").count();
            assert!(
                ahead >= 6,
                "{daemon} {mode} {parallel}: {ahead} sent ahead\n{}",
                got.stderr
            );

            // And back up as ferrytest: each upload's SIZE check carries the next EPSV/PASV
            // (EPRT/PORT are not sent ahead for uploads).
            let up = format!("up-{mode}-{}", parallel.len());
            let script = format!("mkdir {up}\ncd {up}\nmput {parallel}*.bin\n");
            let sent = batch_in_mode(&server, work.path(), &script, mode, &server.user_url(""));
            for (name, data) in &files {
                assert!(
                    fs::read(server.user_dir().join(&up).join(name))
                        .ok()
                        .as_ref()
                        == Some(data),
                    "{daemon} {mode} {parallel}: uploaded {name} differs"
                );
            }
            let with_size = sent.stderr.matches("with SIZE, for STOR").count();
            let passive = matches!(mode, "epsv" | "pasv");
            assert!(
                if passive {
                    with_size >= 6
                } else {
                    with_size == 0
                },
                "{daemon} {mode} {parallel}: {with_size} setups with SIZE\n{}",
                sent.stderr
            );
        }
    }
}

macro_rules! interop_tests {
    ($($module:ident => $daemon:expr;)*) => {$(
        mod $module {
            use crate::support::daemons::Daemon;

            const DAEMON: Daemon = $daemon;

            #[test]
            fn anonymous_lists_reads_and_uploads() {
                crate::needs_real_servers!();
                super::anonymous_lists_reads_and_uploads(DAEMON);
            }

            #[test]
            fn twenty_mib_both_ways_in_every_mode() {
                crate::needs_real_servers!();
                super::twenty_mib_both_ways_in_every_mode(DAEMON);
            }

            #[test]
            fn ipv6_in_the_extended_modes() {
                crate::needs_real_servers!();
                super::ipv6_in_the_extended_modes(DAEMON);
            }

            #[test]
            fn file_operations_with_a_user_login() {
                crate::needs_real_servers!();
                super::file_operations_with_a_user_login(DAEMON);
            }

            #[test]
            fn wrong_password_and_missing_file_exit_codes() {
                crate::needs_real_servers!();
                super::wrong_password_and_missing_file_exit_codes(DAEMON);
            }

            #[test]
            fn a_batch_script_round_trip() {
                crate::needs_real_servers!();
                super::a_batch_script_round_trip(DAEMON);
            }

            #[test]
            fn passive_ports_come_from_the_configured_range() {
                crate::needs_real_servers!();
                super::passive_ports_come_from_the_configured_range(DAEMON);
            }

            #[test]
            fn many_small_downloads_go_ahead_in_every_mode() {
                crate::needs_real_servers!();
                super::many_small_downloads_go_ahead_in_every_mode(DAEMON);
            }
        }
    )*};
}

interop_tests! {
    vsftpd => Daemon::Vsftpd;
    proftpd => Daemon::Proftpd;
    pure_ftpd => Daemon::PureFtpd;
}
