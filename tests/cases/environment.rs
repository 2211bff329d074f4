//! Environment variables: FERRY_PASSWORD (used, never shown), ftp_proxy (warned about).

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{ferry_command, run};

fn server() -> FakeServer {
    FakeServer::start(FakeConfig {
        files: vec![("/a.txt".into(), b"hello\n".to_vec())],
        ..FakeConfig::default()
    })
}

#[test]
fn ferry_password_logs_in_and_never_appears_in_the_trace() {
    let server = server();
    let mut cmd = ferry_command();
    cmd.env("FERRY_PASSWORD", "secret")
        .args(["-v", "-u", "alice", "cat", &server.url("/a.txt")]);
    let run = run(cmd).success();
    assert_eq!(run.stdout, b"hello\n");
    assert!(server.commands().contains(&"PASS secret".to_string()));
    assert!(run.stderr.contains("PASS ****"), "{}", run.stderr);
    assert!(!run.stderr.contains("secret"), "{}", run.stderr);
}

#[test]
fn a_password_from_the_url_wins_over_ferry_password() {
    let server = server();
    let url = server
        .url("/a.txt")
        .replace("ftp://", "ftp://alice:secret@");
    let mut cmd = ferry_command();
    cmd.env("FERRY_PASSWORD", "wrong").args(["cat", &url]);
    run(cmd).success();
}

#[test]
fn ftp_proxy_is_not_used_and_says_so_in_one_line() {
    let server = server();
    for var in ["ftp_proxy", "FTP_PROXY"] {
        let mut cmd = ferry_command();
        cmd.env(var, "http://proxy.invalid:3128/")
            .args(["cat", &server.url("/a.txt")]);
        let run = run(cmd).success();
        assert_eq!(run.stdout, b"hello\n");
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(var) && run.stderr.contains("does not use proxies"),
            "{}",
            run.stderr
        );
    }
}
