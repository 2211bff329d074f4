//! Charset edge cases against the scripted fake server: a name the chosen charset cannot hold
//! is refused before the command (or its data connection) goes out, in the words of the face.

use std::fs;

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{ferry, ferry_command, run};

fn server() -> FakeServer {
    FakeServer::start(FakeConfig {
        files: vec![("/pub/a.txt".into(), b"a".to_vec())],
        ..FakeConfig::default()
    })
}

#[test]
fn a_name_the_charset_cannot_hold_is_refused_before_it_is_sent() {
    let server = server();
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("中文.txt");
    fs::write(&local, "x").unwrap();
    let put = ferry(&[
        "--charset",
        "latin1",
        "put",
        local.to_str().unwrap(),
        &server.url("/pub/"),
    ]);
    assert_eq!(put.code, 2, "{}", put.stderr);
    assert!(
        put.stderr.contains("'中'") && put.stderr.contains("windows-1252"),
        "{}",
        put.stderr
    );
    assert!(put.stderr.contains("--charset NAME"), "{}", put.stderr);
    let mkdir = ferry(&["--charset", "latin1", "mkdir", &server.url("/pub/新目录")]);
    assert_eq!(mkdir.code, 2, "{}", mkdir.stderr);
    let verbs = server.verbs();
    for verb in ["STOR", "EPSV", "PASV", "MKD"] {
        assert!(
            !verbs.iter().any(|v| v == verb),
            "{verb} was sent: {verbs:?}"
        );
    }
    assert!(server.file("/pub/中文.txt").is_none());
}

#[test]
fn in_a_batch_the_hint_names_the_shell_command_and_the_next_line_runs() {
    let server = server();
    let work = tempfile::tempdir().unwrap();
    let path = work.path().join("script.ftp");
    fs::write(
        &path,
        "charset latin1\n-mkdir 新\ncharset gb18030\nmkdir 新\n",
    )
    .unwrap();
    let mut cmd = ferry_command();
    cmd.args(["--timeout", "10", "-b"])
        .arg(&path)
        .arg(server.url("/pub/"));
    let done = run(cmd);
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert!(done.stderr.contains("`charset NAME`"), "{}", done.stderr);
    let mkd: Vec<String> = server
        .commands()
        .into_iter()
        .filter(|c| c.starts_with("MKD"))
        .collect();
    // gb18030 holds every character: 新 goes out as its two GB bytes (the fake server reads
    // lines lossily, so only one MKD with a non-UTF-8 argument is seen).
    assert_eq!(mkd.len(), 1, "{mkd:?}");
    assert_eq!(mkd, ["MKD \u{fffd}\u{fffd}"]);
}

#[test]
fn a_password_the_charset_cannot_hold_is_refused_without_showing_it() {
    let server = FakeServer::start(FakeConfig {
        users: vec![("bob".into(), "pässwörd密码".into())],
        ..FakeConfig::default()
    });
    let url = server.url("/").replacen("ftp://", "ftp://bob@", 1);
    let mut cmd = ferry_command();
    cmd.env("FERRY_PASSWORD", "pässwörd密码").args([
        "--timeout",
        "10",
        "-v",
        "--charset",
        "latin1",
        "ls",
        &url,
    ]);
    let done = run(cmd);
    assert_eq!(done.code, 2, "{}", done.stderr);
    assert!(done.stderr.contains("cannot send PASS"), "{}", done.stderr);
    for part in ["pässwörd", "wörd", "密码", "密"] {
        assert!(!done.stderr.contains(part), "{part} shown: {}", done.stderr);
    }
    assert!(!server.verbs().iter().any(|v| v == "PASS"));
}
