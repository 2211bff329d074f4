//! What ferry says after the failures a daily user meets: a directory fetched as a file, a
//! directory that is not empty or already exists, a web or SSH server on the port, `ftps://` to
//! a server without implicit TLS. Each hint in the words of its face: shell commands in a batch
//! (as in the shell), flags on the command line; every hint line carries `ferry: hint:`.

use std::fs;
use std::io::Read;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{Run, ferry, ferry_command, run, test_bytes};

fn user_url(server: &PyFtpd, path: &str) -> String {
    server
        .url(path)
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1)
}

/// `ferry -k -b SCRIPT [URL]` in `dir`.
fn batch(dir: &std::path::Path, script: &str, url: Option<&str>) -> Run {
    let path = dir.join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(dir)
        .args(["--timeout", "10", "-k", "-b"])
        .arg(&path)
        .args(url);
    run(cmd)
}

/// Every line of stderr that is not an error line is a hint line.
fn assert_hint_lines_prefixed(stderr: &str) {
    for line in stderr.lines() {
        assert!(
            line.starts_with("ferry: "),
            "a line without the prefix: {line:?} in\n{stderr}"
        );
    }
}

#[test]
fn directory_refusals_get_hints_that_name_the_way_out() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::create_dir_all(server.root().join("full dir/inner")).unwrap();
    fs::write(server.root().join("full dir/a.txt"), "a").unwrap();
    let work = tempfile::tempdir().unwrap();
    let script = "get \"full dir\"\nmkdir \"full dir\"\nrmdir \"full dir\"\n";
    let shell = batch(work.path(), script, Some(&user_url(&server, "")));
    assert_ne!(shell.code, 0, "{}", shell.stderr);
    let err = &shell.stderr;
    assert!(err.contains("`get -r 'full dir'`"), "{err}");
    assert!(err.contains("`mirror 'full dir'`"), "{err}");
    assert!(err.contains("'full dir' already exists"), "{err}");
    assert!(err.contains("`mdelete 'full dir'/*`"), "{err}");
    assert!(!err.contains("check the path"), "a generic hint: {err}");
    assert_hint_lines_prefixed(err);

    let get = ferry(&["get", &user_url(&server, "/full%20dir")]);
    assert_eq!(get.code, 5, "{}", get.stderr);
    assert!(get.stderr.contains("ferry get -r URL"), "{}", get.stderr);
    let mkdir = ferry(&["mkdir", &user_url(&server, "/full%20dir")]);
    assert!(
        mkdir.stderr.contains("already exists on the server"),
        "{}",
        mkdir.stderr
    );
    let rmdir = ferry(&["rmdir", &user_url(&server, "/full%20dir")]);
    assert!(
        rmdir.stderr.contains("ferry rm URL/FILE"),
        "{}",
        rmdir.stderr
    );
    assert!(server.root().join("full dir/a.txt").exists());
}

#[test]
fn a_web_or_ssh_server_on_the_port_is_named_as_such() {
    for (greeting, says) in [
        (
            "SSH-2.0-OpenSSH_9.6p1 Debian-3",
            "runs an SSH server, not FTP",
        ),
        (
            "HTTP/1.1 400 Bad Request",
            "runs a web (HTTP) server, not FTP",
        ),
    ] {
        let server = FakeServer::start(FakeConfig {
            greeting: vec![greeting.into()],
            ..FakeConfig::default()
        });
        let one_shot = ferry(&["ls", &server.url("/")]);
        assert_eq!(one_shot.code, 8, "{}", one_shot.stderr);
        assert!(one_shot.stderr.contains(says), "{}", one_shot.stderr);
        assert!(
            one_shot.stderr.contains("leave the port out of the URL"),
            "{}",
            one_shot.stderr
        );
        let work = tempfile::tempdir().unwrap();
        let line = format!("open 127.0.0.1 {}\n", server.addr().port());
        let shell = batch(work.path(), &line, None);
        assert!(shell.stderr.contains(says), "{}", shell.stderr);
        assert!(
            shell.stderr.contains("`open HOST` without a port"),
            "{}",
            shell.stderr
        );
    }
}

#[test]
fn ftps_to_a_plain_server_says_it_has_no_implicit_tls() {
    let server = FakeServer::start(FakeConfig::default());
    let url = format!("ftps://{}/", server.addr());
    let one_shot = ferry(&["ls", &url]);
    assert_eq!(one_shot.code, 7, "{}", one_shot.stderr);
    let err = &one_shot.stderr;
    assert!(!err.contains("InvalidContentType"), "{err}");
    assert!(err.contains("did not answer in TLS"), "{err}");
    assert!(err.contains("does not speak implicit TLS"), "{err}");
    assert!(err.contains("ftp://HOST:PORT/ with --tls"), "{err}");
    let work = tempfile::tempdir().unwrap();
    let shell = batch(work.path(), &format!("open {url}\n"), None);
    assert!(
        shell.stderr.contains("`open ftp://HOST:PORT/` instead"),
        "{}",
        shell.stderr
    );
}

#[test]
fn ctrl_c_during_a_one_shot_get_says_which_partial_file_was_kept_and_how_to_resume() {
    let server = PyFtpd::start(PyFtpdOptions {
        rate: Some(200_000),
        ..PyFtpdOptions::default()
    });
    fs::write(server.root().join("slow.bin"), test_bytes(8_000_000, 4)).unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["--timeout", "10", "get"])
        .arg(server.url("/slow.bin"));
    let mut child = cmd.spawn().unwrap();
    // Wait for data to arrive in the part file (there is no screen to watch: stderr is a pipe).
    let part = work.path().join("slow.bin.part");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !fs::metadata(&part).is_ok_and(|m| m.len() > 0) {
        assert!(
            Instant::now() < deadline,
            "no data arrived in slow.bin.part"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("partial file kept as slow.bin.part"),
        "{stderr}"
    );
    assert!(stderr.contains("-c (--continue)"), "{stderr}");
    assert!(!work.path().join("slow.bin").exists());
}
