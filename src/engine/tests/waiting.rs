//! Waiting: a silent server is a timeout, not a hang; a stalled data connection too; and a
//! connection closed or spoken on while idle is noticed before the next command.

use super::get;
use super::script::Script;
use crate::error::Error;

#[test]
fn a_reply_that_never_comes_is_a_timeout() {
    let (mut s, h) = Script::new().on("PWD", "").start();
    let err = s.pwd().unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
    assert!(err.to_string().contains("PWD"), "{err}");
    h.assert_done();
}

#[test]
fn a_stalled_data_connection_is_a_timeout() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 ok")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .stalling_data_at(2001, b"par")
        .on("RETR f", "150 Opening (6 bytes).")
        .start();
    let err = get(&mut s, "f").unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
    assert!(err.to_string().contains("stalled"), "{err}");
    h.assert_done();
}

#[test]
fn a_connection_closed_while_idle_is_noticed_before_the_next_command() {
    let (mut s, h) = Script::new().on("NOOP", "200 ok").closing().start();
    s.noop().unwrap();
    let err = s.check_idle().unwrap_err();
    assert!(matches!(err, Error::Closed { .. }), "{err}");
    h.assert_done();
}

#[test]
fn a_reply_nobody_asked_for_while_idle_makes_the_session_unusable() {
    let (mut s, h) = Script::new()
        .on(
            "NOOP",
            "200 ok\n421 Idle timeout: closing control connection.",
        )
        .start();
    s.noop().unwrap();
    let err = s.check_idle().unwrap_err();
    assert_eq!(err.reply().map(|r| r.code), Some(421), "{err}");
    assert!(!s.is_usable());
    h.assert_done();
}

#[test]
fn an_idle_session_with_nothing_waiting_is_fine() {
    let (mut s, h) = Script::new().on("NOOP", "200 ok").start();
    s.noop().unwrap();
    s.check_idle().unwrap();
    assert!(s.is_usable());
    h.assert_done();
}
