//! Transfers end to end in memory: resuming with REST, a byte count that falls short, an
//! upload, and Ctrl-C stopping a download with ABOR and bringing the session back in step.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::get;
use super::script::Script;
use crate::engine::transfer::{NoProgress, Source};
use crate::error::Error;
use crate::proto::command::TransferType;

#[test]
fn a_resumed_download_sends_rest_before_retr() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"def")
        .on("REST 3", "350 Restarting at 3.")
        .on("RETR f", "150 Opening.\n226 Done.")
        .start();
    let mut out = b"abc".to_vec();
    let got = s
        .retrieve(
            "f",
            TransferType::Binary,
            3,
            &mut out,
            "f".as_ref(),
            &mut NoProgress,
        )
        .unwrap();
    assert_eq!((got, out.as_slice()), (3, &b"abcdef"[..]));
    h.assert_done();
}

#[test]
fn a_refused_rest_is_an_error_naming_rest() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"")
        .on("REST 3", "502 REST not implemented.")
        .start();
    let mut out = Vec::new();
    let err = s
        .retrieve(
            "f",
            TransferType::Binary,
            3,
            &mut out,
            "f".as_ref(),
            &mut NoProgress,
        )
        .unwrap_err();
    assert!(matches!(&err, Error::Rejected { command, .. } if command.starts_with("REST")));
    h.assert_done();
}

#[test]
fn fewer_bytes_than_the_150_announced_is_a_partial_download() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"abc")
        .on("RETR f", "150 Opening (5 bytes).\n226 Done.")
        .start();
    let err = get(&mut s, "f").unwrap_err();
    assert!(matches!(err, Error::Partial { .. }), "{err}");
    assert!(s.is_usable());
    h.assert_done();
}

#[test]
fn an_upload_writes_its_bytes_on_the_data_connection() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"")
        .on("STOR f", "150 Ok to send data.\n226 Transfer complete.")
        .start();
    let mut bytes: &[u8] = b"hello";
    let source = Source {
        reader: &mut bytes,
        name: "-".as_ref(),
        size: Some(5),
        file: None,
        hasher: None,
    };
    let mut began = false;
    let ty = TransferType::Binary;
    let sent = s
        .store(source, "f", ty, false, &mut NoProgress, &mut began)
        .unwrap();
    assert_eq!(sent, 5);
    assert!(began);
    assert_eq!(h.uploads(), [b"hello".to_vec()]);
    h.assert_done();
}

#[test]
fn ctrl_c_aborts_a_download_and_the_session_stays_in_step() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"abcdef")
        .on("RETR f", "150 Opening (6 bytes).")
        .on(
            "ABOR",
            "426 Connection closed; transfer aborted.\n226 ABOR successful.",
        )
        .on("NOOP", "200 NOOP ok.")
        .on("PWD", "257 \"/\"")
        .start();
    s.set_interrupt(Arc::new(AtomicBool::new(true)));
    let err = get(&mut s, "f").unwrap_err();
    assert!(matches!(err, Error::Interrupted), "{err}");
    assert!(s.is_usable());
    assert_eq!(s.pwd().unwrap(), "/");
    h.assert_done();
}
