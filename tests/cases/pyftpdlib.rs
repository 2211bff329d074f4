//! The one-shot commands against a real server: pyftpdlib, installed by
//! scripts/setup-test-env.sh into a virtualenv and started on loopback for each test.

use std::fs;

use crate::support::ports::passive_ports_in_trace;
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{dir_names, ferry, test_bytes};

const BIG: usize = 50 * 1024 * 1024;

fn user_url(server: &PyFtpd, path: &str) -> String {
    // The password has a space, percent-encoded in the URL.
    server
        .url(path)
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1)
}

/// Uploads then downloads a 50 MiB file in one data-channel mode and compares every byte.
fn round_trip(server: &PyFtpd, mode: &str, seed: u64) {
    let data = test_bytes(BIG, seed);
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("big.bin");
    fs::write(&local, &data).unwrap();
    let name = format!("big-{mode}.bin");
    ferry(&[
        "--mode",
        mode,
        "put",
        local.to_str().unwrap(),
        &user_url(server, &name),
    ])
    .success();
    assert!(
        fs::read(server.root().join(&name)).unwrap() == data,
        "upload in {mode} corrupted"
    );
    let back = work.path().join("back.bin");
    ferry(&[
        "--mode",
        mode,
        "get",
        &user_url(server, &name),
        "-o",
        back.to_str().unwrap(),
    ])
    .success();
    assert!(
        fs::read(&back).unwrap() == data,
        "download in {mode} corrupted"
    );
    assert!(!work.path().join("back.bin.part").exists());
}

#[test]
fn fifty_mib_both_ways_in_every_mode_over_ipv4() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    for (i, mode) in ["epsv", "pasv", "eprt", "port"].iter().enumerate() {
        round_trip(&server, mode, i as u64 + 1);
    }
}

#[test]
fn fifty_mib_both_ways_over_ipv6_in_the_extended_modes() {
    let server = PyFtpd::start(PyFtpdOptions {
        ipv6: true,
        ..PyFtpdOptions::default()
    });
    for (i, mode) in ["epsv", "eprt", "auto"].iter().enumerate() {
        round_trip(&server, mode, i as u64 + 10);
    }
}

#[test]
fn anonymous_login_lists_and_reads_but_cannot_write() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::create_dir(server.root().join("pub")).unwrap();
    fs::write(
        server.root().join("pub/readme.txt"),
        "hello from pyftpdlib\n",
    )
    .unwrap();
    let names = ferry(&["ls", &server.url("pub/")]).success().stdout_text();
    assert!(
        names.lines().any(|l| l.trim_end().ends_with("readme.txt")),
        "{names}"
    );
    let long = ferry(&["ls", "-l", &server.url("pub/")])
        .success()
        .stdout_text();
    assert!(
        long.contains("readme.txt") && long.starts_with('-'),
        "{long}"
    );
    let cat = ferry(&["cat", &server.url("pub/readme.txt")]).success();
    assert_eq!(cat.stdout, b"hello from pyftpdlib\n");

    // Read-only: uploads, new directories, renames and deletions are refused (550, exit 5).
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("upload.txt");
    fs::write(&local, "not allowed\n").unwrap();
    let attempts: [&[&str]; 4] = [
        &["put", local.to_str().unwrap(), &server.url("pub/")],
        &["mkdir", &server.url("pub/newdir")],
        &["mv", &server.url("pub/readme.txt"), "renamed.txt"],
        &["rm", &server.url("pub/readme.txt")],
    ];
    for args in attempts {
        let run = ferry(args);
        assert_eq!(run.code, 5, "{args:?}: {}", run.stderr);
    }
    assert_eq!(dir_names(&server.root().join("pub")), ["readme.txt"]);
}

/// EPSV and PASV data connections use the passive port range the server was given.
#[test]
fn passive_ports_come_from_the_configured_range() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("f.txt"), "x").unwrap();
    let range = server.passive_ports();
    for mode in ["epsv", "pasv"] {
        for _ in 0..2 {
            let run = ferry(&["-v", "--mode", mode, "ls", "-l", &user_url(&server, "")]).success();
            let ports = passive_ports_in_trace(&run.stderr);
            assert_eq!(ports.len(), 1, "{mode}: {}", run.stderr);
            assert!(
                range.contains(ports[0]),
                "{mode}: port {} outside {range:?}",
                ports[0]
            );
        }
    }
}

#[test]
fn file_operations_with_a_user_login() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("old.txt"), "x").unwrap();
    ferry(&["mkdir", &user_url(&server, "newdir")]).success();
    assert!(server.root().join("newdir").is_dir());
    ferry(&["mv", &user_url(&server, "old.txt"), "renamed.txt"]).success();
    assert!(server.root().join("renamed.txt").exists());
    ferry(&["rm", &user_url(&server, "renamed.txt")]).success();
    ferry(&["rmdir", &user_url(&server, "newdir")]).success();
    assert!(
        dir_names(server.root()).is_empty(),
        "{:?}",
        dir_names(server.root())
    );
}

#[test]
fn credentials_from_dash_u_and_netrc() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("f"), "secret data").unwrap();
    let run = ferry(&["-u", "alice:s3cret pass", "cat", &server.url("f")]).success();
    assert_eq!(run.stdout, b"secret data");

    let home = tempfile::tempdir().unwrap();
    let netrc = home.path().join("netrc");
    fs::write(
        &netrc,
        format!(
            "machine {} login alice password \"s3cret pass\"\n",
            server.host()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&netrc, fs::Permissions::from_mode(0o600)).unwrap();
    let mut cmd = crate::support::ferry_command();
    cmd.env("NETRC", &netrc).args(["cat", &server.url("f")]);
    assert_eq!(crate::support::run(cmd).success().stdout, b"secret data");

    // The same file readable by others: its password is refused, loudly.
    fs::set_permissions(&netrc, fs::Permissions::from_mode(0o644)).unwrap();
    let mut cmd = crate::support::ferry_command();
    cmd.env("NETRC", &netrc)
        .args(["-u", "alice", "cat", &server.url("f")]);
    let run = crate::support::run(cmd);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("chmod 600"), "{}", run.stderr);
    // With the password given nothing is taken from it, so it is no obstacle.
    let mut cmd = crate::support::ferry_command();
    cmd.env("NETRC", &netrc)
        .args(["-u", "alice:s3cret pass", "cat", &server.url("f")]);
    assert_eq!(crate::support::run(cmd).success().stdout, b"secret data");
}

#[test]
fn wrong_password_and_missing_file_end_with_their_exit_codes() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let bad = server.url("x").replacen("ftp://", "ftp://alice:nope@", 1);
    let run = ferry(&["ls", &bad]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    let out = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "get",
        &user_url(&server, "missing.bin"),
        "-O",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(dir_names(out.path()).is_empty());
}
