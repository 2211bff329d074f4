//! Checked transfers in memory: the local hash computed while the data streams (through the
//! ordinary copy, which a TLS or in-memory data connection takes), compared with the server's
//! before the rename; a mismatch removes the download and leaves the upload; and a throttled
//! transfer still moves every byte.

use std::sync::Arc;

use super::script::Script;
use crate::engine::digest::Hasher;
use crate::engine::throttle::Throttle;
use crate::engine::transfer::{NoProgress, PutMode, Resume};
use crate::error::Error;
use crate::proto::command::TransferType;
use crate::proto::digest::{HashAlgo, HashMethod};

fn sha256(data: &[u8]) -> String {
    let mut h = Hasher::new(HashAlgo::Sha256);
    h.update(data);
    h.finish().hex
}

const X: Option<HashMethod> = Some(HashMethod::X(HashAlgo::Sha256));

fn download_script(data: &[u8], hash_reply: &str) -> Script {
    Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, data)
        .on(
            "RETR f",
            &format!("150 Opening ({} bytes).\n226 Done.", data.len()),
        )
        .on("XSHA256 f", hash_reply)
}

#[test]
fn a_checked_download_is_renamed_only_when_the_hashes_agree() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("f");
    let (mut s, h) = download_script(b"payload", &format!("250 {}", sha256(b"payload"))).start();
    let (n, digest) = s
        .download_file_checked(
            "f",
            TransferType::Binary,
            &target,
            (Resume::No, X),
            &mut NoProgress,
        )
        .unwrap();
    assert_eq!((n, digest.unwrap().hex), (7, sha256(b"payload")));
    assert_eq!(std::fs::read(&target).unwrap(), b"payload");
    h.assert_done();
}

#[test]
fn a_mismatch_removes_the_part_file_and_keeps_an_older_target() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("f");
    std::fs::write(&target, b"older copy").unwrap();
    let (mut s, h) = download_script(b"payload", &format!("250 {}", sha256(b"other"))).start();
    let err = s
        .download_file_checked(
            "f",
            TransferType::Binary,
            &target,
            (Resume::No, X),
            &mut NoProgress,
        )
        .unwrap_err();
    assert!(matches!(err, Error::Checksum { .. }), "{err}");
    assert_eq!(err.exit_code(), crate::error::ExitCode::Checksum);
    assert!(!err.is_transient(), "a mismatch is not retried");
    assert_eq!(std::fs::read(&target).unwrap(), b"older copy");
    assert!(!dir.path().join("f.part").exists());
    assert!(s.is_usable());
    h.assert_done();
}

#[test]
fn a_resumed_checked_download_hashes_the_part_it_continues() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("f");
    std::fs::write(dir.path().join("f.part"), b"pay").unwrap();
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"load")
        .on("REST 3", "350 Restarting at 3.")
        .on("RETR f", "150 Opening.\n226 Done.")
        .on("XSHA256 f", &format!("250 {}", sha256(b"payload")))
        .start();
    let (n, _) = s
        .download_file_checked(
            "f",
            TransferType::Binary,
            &target,
            (Resume::Part, X),
            &mut NoProgress,
        )
        .unwrap();
    assert_eq!(n, 4);
    assert_eq!(std::fs::read(&target).unwrap(), b"payload");
    h.assert_done();
}

#[test]
fn a_checked_upload_hashes_what_it_sends_and_a_mismatch_leaves_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("up");
    std::fs::write(&local, b"uploaded bytes").unwrap();
    for (reply, ok) in [(sha256(b"uploaded bytes"), true), (sha256(b"nope"), false)] {
        let (mut s, h) = Script::new()
            .on("TYPE I", "200 ok")
            .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
            .data_at(2001, b"")
            .on("STOR up", "150 Ok to send data.\n226 Transfer complete.")
            .on("XSHA256 up", &format!("213 {reply}"))
            .start();
        let mut began = false;
        let result = s.upload_file_checked(
            &local,
            "up",
            TransferType::Binary,
            (PutMode::Replace, X),
            &mut NoProgress,
            &mut began,
        );
        match ok {
            true => assert_eq!(result.unwrap().1.unwrap().hex, reply),
            false => assert!(matches!(result, Err(Error::Checksum { .. }))),
        }
        assert_eq!(h.uploads(), [b"uploaded bytes".to_vec()]);
        h.assert_done();
    }
}

#[test]
fn the_hash_draft_selects_its_algorithm_once_per_connection() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, h) = Script::new()
        .on("OPTS HASH SHA-256", "200 SHA-256")
        .on("HASH a", &format!("213 SHA-256 0-1 {} a", sha256(b"1")))
        .on("HASH b", &format!("213 SHA-256 0-1 {} b", sha256(b"2")))
        .on(
            "HASH c",
            "213 SHA-1 0-1 356a192b7913b04c54574d18c28d46e6395428ab c",
        )
        .start();
    let draft = HashMethod::Draft {
        algo: HashAlgo::Sha256,
        selected: false,
    };
    assert_eq!(s.remote_hash("a", draft).unwrap().hex, sha256(b"1"));
    assert_eq!(s.remote_hash("b", draft).unwrap().hex, sha256(b"2"));
    // A reply naming another algorithm than the one asked for is not an answer.
    let err = s.remote_hash("c", draft).unwrap_err();
    assert!(matches!(err, Error::Unexpected { .. }), "{err}");
    h.assert_done();
    drop(dir);
}

#[test]
fn a_throttled_transfer_moves_every_byte() {
    let data: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, &data)
        .on("RETR f", "150 Opening (200000 bytes).\n226 Done.")
        .start();
    // Fast enough not to slow the suite; small chunks, many paces.
    let throttle = Arc::new(Throttle::new(64 << 20));
    s.set_throttle(Some(throttle.clone()));
    let out = super::get(&mut s, "f").unwrap();
    assert_eq!(out, data);
    // Every byte went through the limit.
    assert_eq!(throttle.bytes_paced(), data.len() as u64);
    h.assert_done();
}

#[test]
fn a_throttled_upload_draws_every_byte_from_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("up");
    let data: Vec<u8> = (0..150_000u32).map(|i| (i % 241) as u8).collect();
    std::fs::write(&local, &data).unwrap();
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"")
        .on("STOR up", "150 Ok to send data.\n226 Transfer complete.")
        .start();
    let throttle = Arc::new(Throttle::new(64 << 20));
    s.set_throttle(Some(throttle.clone()));
    let mut began = false;
    s.upload_file(
        &local,
        "up",
        TransferType::Binary,
        PutMode::Replace,
        &mut NoProgress,
        &mut began,
    )
    .unwrap();
    assert_eq!(h.uploads(), std::slice::from_ref(&data));
    assert_eq!(throttle.bytes_paced(), data.len() as u64);
    h.assert_done();
}
