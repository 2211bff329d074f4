//! `ferry ls … | head` and `ferry cat … | head`: a reader that goes away is a normal end, with
//! exit code 0 and nothing on stderr.

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{ferry_command, test_bytes};

/// Runs ferry, reads one line of its stdout, closes the pipe, and returns (exit code, stderr).
fn read_one_line_then_close(args: &[&str]) -> (i32, String, String) {
    let mut child = ferry_command()
        .args(["--timeout", "10"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut first = String::new();
    {
        let mut out = BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut first).unwrap();
    } // stdout closed here, like `head -1` exiting
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("ferry did not end after its reader went away");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    (
        status.code().unwrap_or(-1),
        err_thread.join().unwrap(),
        first,
    )
}

#[test]
fn a_long_listing_into_a_closed_pipe_ends_quietly() {
    let lines: Vec<String> = (0..200_000)
        .map(|i| format!("-rw-r--r--   1 ftp ftp  1234 Jan 02  2024 file-{i:06}.txt"))
        .collect();
    let server = FakeServer::start(FakeConfig {
        listing_lines: Some(lines),
        ..FakeConfig::default()
    });
    let (code, stderr, first) = read_one_line_then_close(&["ls", "-l", &server.url("/")]);
    assert!(first.contains("file-000000.txt"), "{first:?}");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn a_big_file_into_a_closed_pipe_ends_quietly() {
    let mut data = b"first line\n".to_vec();
    data.extend(test_bytes(20 * 1024 * 1024, 5));
    let server = FakeServer::start(FakeConfig {
        files: vec![("/big".into(), data)],
        ..FakeConfig::default()
    });
    let (code, stderr, first) = read_one_line_then_close(&["cat", &server.url("/big")]);
    assert_eq!(first, "first line\n");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
}
