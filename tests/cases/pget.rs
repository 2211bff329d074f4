//! `pget`: one file in segments over several connections against pyftpdlib, and resuming an
//! interrupted pget from its state file.

use std::fs;

use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{dir_names, ferry, test_bytes};

#[test]
fn pget_downloads_one_file_over_several_connections() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let data = test_bytes(20 * 1024 * 1024 + 123, 51);
    fs::write(server.root().join("big.iso"), &data).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "-v",
        "pget",
        "-n",
        "4",
        &server.url("big.iso"),
        "-O",
        out.path().to_str().unwrap(),
    ])
    .success();
    assert!(
        fs::read(out.path().join("big.iso")).unwrap() == data,
        "pget result differs"
    );
    assert_eq!(
        dir_names(out.path()),
        ["big.iso"],
        "part or state files left behind"
    );
    assert_eq!(
        run.stderr.matches("> RETR big.iso").count(),
        4,
        "{}",
        run.stderr
    );
}

#[test]
fn pget_continue_resumes_each_segment_where_it_stopped() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let data = test_bytes(4_000_000, 52);
    fs::write(server.root().join("f.bin"), &data).unwrap();
    let out = tempfile::tempdir().unwrap();
    // An interrupted pget: segment 1 complete, segment 2 half done, 3 and 4 not started.
    let mut part = vec![0u8; data.len()];
    part[..1_000_000].copy_from_slice(&data[..1_000_000]);
    part[1_000_000..1_500_000].copy_from_slice(&data[1_000_000..1_500_000]);
    fs::write(out.path().join("f.bin.part"), &part).unwrap();
    let state = "0 1000000 1000000\n1000000 500000 2000000\n2000000 0 3000000\n3000000 0 4000000\n";
    fs::write(out.path().join("f.bin.part.pget"), state).unwrap();
    let target = out.path().join("f.bin");
    let run = ferry(&[
        "-v",
        "pget",
        "-c",
        &server.url("f.bin"),
        "-o",
        target.to_str().unwrap(),
    ])
    .success();
    assert!(fs::read(&target).unwrap() == data, "resumed pget differs");
    assert!(run.stderr.contains("> REST 1500000"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("> RETR f.bin").count(),
        3,
        "a finished segment was fetched again"
    );
    assert_eq!(dir_names(out.path()), ["f.bin"]);
}

#[test]
fn pget_against_a_server_that_refuses_extra_connections_fetches_every_segment() {
    use crate::support::fake_server::{FakeConfig, FakeServer};
    let data = test_bytes(400_000, 53);
    let server = FakeServer::start(FakeConfig {
        files: vec![("/big.bin".into(), data.clone())],
        max_sessions: Some(2),
        ..FakeConfig::default()
    });
    let out = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "pget",
        "-n",
        "4",
        &server.url("/big.bin"),
        "-O",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("going on with fewer"), "{}", run.stderr);
    assert!(fs::read(out.path().join("big.bin")).unwrap() == data);
    assert_eq!(dir_names(out.path()), ["big.bin"]);
}
