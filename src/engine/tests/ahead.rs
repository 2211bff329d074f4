//! Sending the next RETR ahead (ahead.rs): used, settled when not used, and given up when the
//! server answers out of turn, a lesson every session sharing the server's traits learns.

use super::get;
use super::script::Script;
use crate::engine::known::ServerTraits;
use crate::engine::transfer::{NoProgress, PutMode};
use crate::error::Error;
use crate::proto::channel::DataMode;
use crate::proto::command::{Command, TransferType};

fn retr(name: &str) -> Option<Command> {
    Some(Command::Retr(name.into()))
}

#[test]
fn a_retr_sent_ahead_is_used_for_the_next_file() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 Switching to Binary mode.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"aaa")
        .on("RETR a", "150 Opening (3 bytes).\n226 Done.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2002|)")
        .data_at(2002, b"bb")
        .on("RETR b", "150 Opening (2 bytes).\n226 Done.")
        .start();
    s.expect_next(retr("b"));
    assert_eq!(get(&mut s, "a").unwrap(), b"aaa");
    assert_eq!(get(&mut s, "b").unwrap(), b"bb");
    h.assert_done();
    // The next setup and transfer went out together, before the first 226 was read.
    assert!(h.batches().contains(&vec!["EPSV".into(), "RETR b".into()]));
    assert!(s.is_usable());
}

#[test]
fn an_active_setup_goes_ahead_alone_and_its_retr_follows_its_200() {
    // pyftpdlib answers EPRT only once it has connected: a RETR sent with it would be read
    // first, answered 150 and queued, and the queued file never arrives.
    let (mut s, h) = Script::new()
        .options(|o| o.data_mode = DataMode::Eprt)
        .on("TYPE I", "200 ok")
        .on("EPRT |1|192.0.2.2|50000|", "200 EPRT command successful.")
        .on("RETR a", "150 Opening (3 bytes).\n226 Done.")
        .connecting_back(b"aaa")
        .on("EPRT |1|192.0.2.2|50001|", "200 EPRT command successful.")
        .on("RETR b", "150 Opening (2 bytes).\n226 Done.")
        .connecting_back(b"bb")
        .start();
    s.expect_next(retr("b"));
    assert_eq!(get(&mut s, "a").unwrap(), b"aaa");
    assert_eq!(get(&mut s, "b").unwrap(), b"bb");
    h.assert_done();
    let batches = h.batches();
    assert!(
        batches.iter().all(|b| b.len() == 1),
        "an EPRT never shares a packet with its RETR: {batches:?}"
    );
    assert!(
        h.notes()
            .iter()
            .any(|n| n.contains("sending EPRT |1|192.0.2.2|50001| for RETR b ahead")),
        "{:?}",
        h.notes()
    );
}

#[test]
fn a_retr_sent_ahead_and_not_used_is_settled_before_the_next_command() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"aaa")
        .on("RETR a", "150 Opening (3 bytes).\n226 Done.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2002|)")
        .data_at(2002, b"bb")
        .on(
            "RETR b",
            "150 Opening.\n426 Connection closed; transfer aborted.",
        )
        .on("PWD", "257 \"/\" is the current directory")
        .start();
    s.expect_next(retr("b"));
    assert_eq!(get(&mut s, "a").unwrap(), b"aaa");
    assert_eq!(s.pwd().unwrap(), "/");
    h.assert_done();
    assert!(s.is_usable());
    // The data connection the server waited for was made, and closed at once.
    assert_eq!(h.connects().len(), 2);
    assert!(
        h.notes()
            .iter()
            .any(|n| n == "not using the RETR b sent ahead")
    );
}

#[test]
fn another_transfer_than_the_one_sent_ahead_settles_it_first() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"aaa")
        .on("RETR a", "150 Opening (3 bytes).\n226 Done.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2002|)")
        .data_at(2002, b"")
        .on("RETR b", "150 Opening.\n226 Done.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2003|)")
        .data_at(2003, b"c")
        .on("RETR c", "150 Opening (1 bytes).\n226 Done.")
        .start();
    s.expect_next(retr("b"));
    assert_eq!(get(&mut s, "a").unwrap(), b"aaa");
    assert_eq!(get(&mut s, "c").unwrap(), b"c");
    h.assert_done();
}

#[test]
fn a_refused_setup_sent_ahead_falls_back_to_negotiating() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"aaa")
        .on("RETR a", "150 Opening (3 bytes).\n226 Done.")
        .on("EPSV", "425 Too many open data connections.")
        .on("RETR b", "503 Bad sequence of commands.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2002|)")
        .data_at(2002, b"bb")
        .on("RETR b", "150 Opening (2 bytes).\n226 Done.")
        .start();
    s.expect_next(retr("b"));
    assert_eq!(get(&mut s, "a").unwrap(), b"aaa");
    assert_eq!(get(&mut s, "b").unwrap(), b"bb");
    h.assert_done();
}

#[test]
fn not_logged_in_on_a_setup_sent_ahead_is_a_login_error() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"aaa")
        .on("RETR a", "150 Opening (3 bytes).\n226 Done.")
        .on("EPSV", "530 Not logged in.")
        .on("RETR b", "530 Not logged in.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2002|)")
        .data_at(2002, b"bb")
        .on("RETR b", "150 Opening (2 bytes).\n226 Done.")
        .start();
    s.expect_next(retr("b"));
    assert_eq!(get(&mut s, "a").unwrap(), b"aaa");
    let err = get(&mut s, "b").unwrap_err();
    assert_eq!(err.exit_code(), crate::ExitCode::Login, "{err}");
    // Nothing was held against EPSV: the next try starts with it again.
    assert_eq!(get(&mut s, "b").unwrap(), b"bb");
    h.assert_done();
}

/// A download of `a` with `b` promised next, where the server answers the setup sent ahead
/// (`ahead`, with `early`) before it ends `a`. `first` is the setup that opens `a`; an active
/// one (`active`) is connected back to.
fn out_of_turn(
    mode: DataMode,
    first: [&str; 2],
    ahead: [&str; 2],
    traits: &ServerTraits,
) -> (Error, bool) {
    let script = Script::new()
        .options(|o| o.data_mode = mode)
        .on("TYPE I", "200 ok")
        .on(first[0], first[1])
        .data_at(2001, b"aaa")
        .on("RETR a", "150 Opening (3 bytes).");
    let (mut s, h) = script
        .on(ahead[0], &format!("{}\n226 Done.", ahead[1]))
        .on("RETR b", "150 Opening (2 bytes).\n226 Done.")
        .start();
    s.share_server_traits(traits.clone());
    s.expect_next(retr("b"));
    let err = get(&mut s, "a").unwrap_err();
    h.assert_done();
    (err, s.is_usable())
}

#[test]
fn a_server_answering_the_setup_sent_ahead_before_the_226_is_given_up() {
    let cases = [
        (
            DataMode::Epsv,
            ["EPSV", "229 Entering Extended Passive Mode (|||2001|)"],
            ["EPSV", "229 Entering Extended Passive Mode (|||2002|)"],
        ),
        (
            DataMode::Pasv,
            ["PASV", "227 Entering Passive Mode (192,0,2,1,7,209)."],
            ["PASV", "227 Entering Passive Mode (192,0,2,1,7,210)."],
        ),
    ];
    for (mode, first, ahead) in cases {
        let traits = ServerTraits::new();
        let (err, usable) = out_of_turn(mode, first, ahead, &traits);
        assert!(
            matches!(&err, Error::Closed { what } if what.contains("on purpose")),
            "{err}"
        );
        assert!(err.is_connection_lost(), "{err}");
        assert!(!usable, "{mode:?}");
        assert!(traits.answers_out_of_turn(), "{mode:?}");
    }
}

#[test]
fn sessions_sharing_server_traits_stop_sending_ahead_together() {
    let traits = ServerTraits::new();
    let lane = ServerTraits::clone(&traits);
    let (mut other, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"ccc")
        .on("RETR c", "150 Opening (3 bytes).\n226 Done.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2002|)")
        .data_at(2002, b"d")
        .on("RETR d", "150 Opening (1 bytes).\n226 Done.")
        .start();
    other.share_server_traits(lane);
    // One session learns that the server answers out of turn...
    let epsv = ["EPSV", "229 Entering Extended Passive Mode (|||2001|)"];
    let ahead = ["EPSV", "229 Entering Extended Passive Mode (|||2002|)"];
    out_of_turn(DataMode::Auto, epsv, ahead, &traits);
    // ...and the other, sharing its traits, sends nothing ahead from then on.
    other.expect_next(retr("d"));
    assert_eq!(get(&mut other, "c").unwrap(), b"ccc");
    assert_eq!(get(&mut other, "d").unwrap(), b"d");
    h.assert_done();
    assert!(
        h.batches().iter().all(|b| b.len() == 1),
        "{:?}",
        h.batches()
    );
    assert!(other.server_traits().is_shared_with(&traits));
}

#[test]
fn a_session_with_traits_of_its_own_still_sends_ahead() {
    let learned = ServerTraits::new();
    learned.learn_answers_out_of_turn();
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"aaa")
        .on("RETR a", "150 Opening (3 bytes).\n226 Done.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2002|)")
        .data_at(2002, b"bb")
        .on("RETR b", "150 Opening (2 bytes).\n226 Done.")
        .start();
    assert!(!s.server_traits().is_shared_with(&learned));
    s.expect_next(retr("b"));
    assert_eq!(get(&mut s, "a").unwrap(), b"aaa");
    assert_eq!(get(&mut s, "b").unwrap(), b"bb");
    h.assert_done();
    assert!(h.batches().contains(&vec!["EPSV".into(), "RETR b".into()]));
}

/// A login, then uploads of `a` (accepted) and `b` (answered `second`), each on its own
/// EPSV; the script ends after STOR b.
fn two_uploads(second: &str) -> Script {
    Script::new()
        .on("USER anonymous", "331 Guest login ok")
        .on("PASS anonymous@", "230 Logged in")
        .on("FEAT", "211-Features:\n SIZE\n211 End")
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"")
        .on("STOR a", STORED)
        .on("SIZE a", "213 5")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2002|)")
        .data_at(2002, b"")
        .on("STOR b", second)
}

/// An upload the server takes.
const STORED: &str = "150 Ok to send data.\n226 Transfer complete.";

#[test]
fn an_upload_sends_the_next_setup_with_its_size_check() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::write(&a, b"hello").unwrap();
    std::fs::write(&b, b"hi").unwrap();
    let (mut s, h) = two_uploads(STORED).on("SIZE b", "213 2").start();
    s.login(&crate::engine::session::Login::anonymous())
        .unwrap();
    let (ty, mode) = (TransferType::Binary, PutMode::Replace);
    let mut began = false;
    s.expect_next(Some(Command::Stor("b".into())));
    s.upload_file(&a, "a", ty, mode, &mut NoProgress, &mut began)
        .unwrap();
    s.upload_file(&b, "b", ty, mode, &mut NoProgress, &mut began)
        .unwrap();
    h.assert_done();
    assert_eq!(h.uploads(), [b"hello".to_vec(), b"hi".to_vec()]);
    assert!(h.batches().contains(&vec!["SIZE a".into(), "EPSV".into()]));
}

#[test]
fn a_server_that_answers_the_setup_before_size_is_followed_and_gets_nothing_ahead_again() {
    // Seen on a real server: SIZE and EPSV sent together, the 229 before the 213.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::write(&a, b"hello").unwrap();
    std::fs::write(&b, b"hi").unwrap();
    let (mut s, h) = Script::new()
        .on("USER anonymous", "331 Guest login ok")
        .on("PASS anonymous@", "230 Logged in")
        .on("FEAT", "211-Features:\n SIZE\n211 End")
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"")
        .on("STOR a", STORED)
        .on("SIZE a", "")
        .on(
            "EPSV",
            "229 Entering Extended Passive Mode (|||2002|)\n213 5",
        )
        // The port of the setup answered out of turn is left; a new one is asked for.
        .on("EPSV", "229 Entering Extended Passive Mode (|||2003|)")
        .data_at(2003, b"")
        .on("STOR b", STORED)
        .on("SIZE b", "213 2")
        .start();
    s.login(&crate::engine::session::Login::anonymous())
        .unwrap();
    let (ty, mode) = (TransferType::Binary, PutMode::Replace);
    let mut began = false;
    s.expect_next(Some(Command::Stor("b".into())));
    s.upload_file(&a, "a", ty, mode, &mut NoProgress, &mut began)
        .unwrap();
    assert!(
        s.server_traits().answers_out_of_turn(),
        "the lesson is kept"
    );
    s.expect_next(None);
    s.upload_file(&b, "b", ty, mode, &mut NoProgress, &mut began)
        .unwrap();
    h.assert_done();
    assert_eq!(h.uploads(), [b"hello".to_vec(), b"hi".to_vec()]);
    // After the lesson, SIZE b goes alone.
    assert!(
        h.batches().contains(&vec!["SIZE b".into()]),
        "{:?}",
        h.batches()
    );
}

#[test]
fn a_small_upload_after_a_setup_sent_ahead_writes_before_its_150() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::write(&a, b"hello").unwrap();
    std::fs::write(&b, b"hi").unwrap();
    let (ty, mode) = (TransferType::Binary, PutMode::Replace);
    // Accepted: both files arrive whole; the second one's data went out before its 150.
    let (mut s, h) = two_uploads(STORED).on("SIZE b", "213 2").start();
    s.login(&crate::engine::session::Login::anonymous())
        .unwrap();
    let mut began = false;
    s.expect_next(Some(Command::Stor("b".into())));
    s.upload_file(&a, "a", ty, mode, &mut NoProgress, &mut began)
        .unwrap();
    let mut began = false;
    s.upload_file(&b, "b", ty, mode, &mut NoProgress, &mut began)
        .unwrap();
    assert!(began, "a confirmed upload has begun");
    h.assert_done();
    assert_eq!(h.uploads(), [b"hello".to_vec(), b"hi".to_vec()]);
    let notes = h.notes();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("sending the data of STOR b without waiting")),
        "{notes:?}"
    );
    assert!(
        !notes.iter().any(|n| n.contains("data of STOR a")),
        "the first upload waits: its channel was not sent ahead: {notes:?}"
    );
    // Refused: the upload fails with the server's reply, nothing counts as begun, and the
    // session stays in step for the next command.
    let (mut s, h) = two_uploads("553 Could not create file.")
        .on("NOOP", "200 ok")
        .start();
    s.login(&crate::engine::session::Login::anonymous())
        .unwrap();
    s.expect_next(Some(Command::Stor("b".into())));
    let mut began = false;
    s.upload_file(&a, "a", ty, mode, &mut NoProgress, &mut began)
        .unwrap();
    let mut began = false;
    let e = s
        .upload_file(&b, "b", ty, mode, &mut NoProgress, &mut began)
        .unwrap_err();
    assert!(e.to_string().contains("553"), "{e}");
    assert!(!began, "data the server refused is not an upload begun");
    s.noop().unwrap();
    h.assert_done();
}
