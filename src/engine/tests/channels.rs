//! Choosing the data channel: the fallback EPSV → PASV → EPRT → PORT, what a session remembers
//! for its next transfer, 425 and the fresh chance, and "not logged in" on data commands.

use super::script::Script;
use super::{get, ls};
use crate::error::{Error, ExitCode};
use crate::proto::channel::DataMode;

#[test]
fn falls_back_to_pasv_when_epsv_is_refused_and_starts_there_next_time() {
    let (mut s, h) = Script::new()
        .on("EPSV", "500 EPSV not understood.")
        .on("PASV", "227 Entering Passive Mode (192,0,2,1,7,209).")
        .data_at(2001, b"a\r\n")
        .on("NLST", "150 Here comes the listing.\n226 Done.")
        .on("PASV", "227 Entering Passive Mode (192,0,2,1,7,210).")
        .data_at(2002, b"b\r\n")
        .on("NLST", "150 Here comes the listing.\n226 Done.")
        .start();
    assert_eq!(ls(&mut s).unwrap(), b"a\r\n");
    assert_eq!(ls(&mut s).unwrap(), b"b\r\n");
    h.assert_done();
    assert!(h.notes().iter().any(|n| n.starts_with("EPSV did not work")));
}

#[test]
fn falls_back_to_pasv_when_the_epsv_port_cannot_be_reached() {
    let (mut s, h) = Script::new()
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .on("PASV", "227 Entering Passive Mode (192,0,2,1,7,210).")
        .data_at(2002, b"a\r\n")
        .on("NLST", "150 ok\n226 Done.")
        .start();
    assert_eq!(ls(&mut s).unwrap(), b"a\r\n");
    h.assert_done();
    let connects: Vec<String> = h.connects().iter().map(|a| a.to_string()).collect();
    assert_eq!(connects, ["192.0.2.1:2001", "192.0.2.1:2002"]);
}

#[test]
fn a_pasv_address_other_than_the_servers_is_not_connected_to() {
    let (mut s, h) = Script::new()
        .on("EPSV", "500 no")
        .on("PASV", "227 Entering Passive Mode (10,0,0,7,7,209).")
        .data_at(2001, b"a\r\n")
        .on("NLST", "150 ok\n226 Done.")
        .start();
    assert_eq!(ls(&mut s).unwrap(), b"a\r\n");
    h.assert_done();
    assert_eq!(h.connects()[0].to_string(), "192.0.2.1:2001");
}

#[test]
fn falls_back_to_eprt_then_port_and_remembers_port() {
    let (mut s, h) = Script::new()
        .on("EPSV", "502 Command not implemented.")
        .on("PASV", "502 Command not implemented.")
        .on("EPRT |1|192.0.2.2|50000|", "500 EPRT not understood.")
        .on("PORT 192,0,2,2,195,81", "200 PORT command successful.")
        .on("NLST", "150 ok\n226 Done.")
        .connecting_back(b"a\r\n")
        .on("PORT 192,0,2,2,195,82", "200 PORT command successful.")
        .on("NLST", "150 ok\n226 Done.")
        .connecting_back(b"b\r\n")
        .start();
    assert_eq!(ls(&mut s).unwrap(), b"a\r\n");
    assert_eq!(ls(&mut s).unwrap(), b"b\r\n");
    h.assert_done();
    assert_eq!(h.listened().len(), 3);
}

#[test]
fn a_connection_back_from_elsewhere_is_refused() {
    let stranger = "198.51.100.9:20".parse().unwrap();
    let (mut s, h) = Script::new()
        .options(|o| o.data_mode = DataMode::Eprt)
        .on("EPRT |1|192.0.2.2|50000|", "200 ok")
        .on("NLST", "150 ok")
        .connecting_back_from(stranger, b"evil\r\n")
        .start();
    let err = ls(&mut s).unwrap_err();
    h.assert_done();
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
    assert!(h.notes().iter().any(|n| n.contains("198.51.100.9")));
}

#[test]
fn a_425_on_retr_moves_on_and_the_channel_waits_while_another_works() {
    let (mut s, h) = Script::new()
        .on("TYPE I", "200 Switching to Binary mode.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"")
        .on("RETR f", "425 Can't open data connection.")
        .on("PASV", "227 Entering Passive Mode (192,0,2,1,7,210).")
        .data_at(2002, b"one")
        .on("RETR f", "150 Opening (3 bytes).\n226 Done.")
        .on("PASV", "227 Entering Passive Mode (192,0,2,1,7,211).")
        .data_at(2003, b"two")
        .on("RETR g", "150 Opening (3 bytes).\n226 Done.")
        .start();
    assert_eq!(get(&mut s, "f").unwrap(), b"one");
    assert_eq!(get(&mut s, "g").unwrap(), b"two");
    h.assert_done();
    assert!(
        h.notes()
            .iter()
            .any(|n| n.starts_with("EPSV did not work this time"))
    );
}

#[test]
fn a_channel_that_met_425_is_tried_again_once_all_failed() {
    let (mut s, h) = Script::new()
        .options(|o| o.data_mode = DataMode::Passive)
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"")
        .on("NLST", "425 Can't open data connection.")
        .on("PASV", "500 PASV not understood.")
        // The retry: PASV failed for good, EPSV only met 425 and gets a fresh chance.
        .on("EPSV", "229 Entering Extended Passive Mode (|||2002|)")
        .data_at(2002, b"a\r\n")
        .on("NLST", "150 ok\n226 Done.")
        .start();
    let err = ls(&mut s).unwrap_err();
    assert!(err.is_transient(), "{err}");
    assert!(matches!(err, Error::DataChannel { .. }), "{err}");
    assert_eq!(ls(&mut s).unwrap(), b"a\r\n");
    h.assert_done();
    assert!(
        h.notes().iter().any(|n| n.contains("trying EPSV again")),
        "{:?}",
        h.notes()
    );
}

#[test]
fn channels_that_failed_outright_leave_nothing_to_try() {
    let (mut s, h) = Script::new()
        .options(|o| o.data_mode = DataMode::Passive)
        .on("EPSV", "500 no")
        .on("PASV", "500 no")
        .start();
    let first = ls(&mut s).unwrap_err();
    assert!(!first.is_transient(), "{first}");
    let again = ls(&mut s).unwrap_err();
    assert!(again.to_string().contains("already failed"), "{again}");
    h.assert_done();
}

#[test]
fn not_logged_in_on_epsv_is_a_login_error_and_spoils_no_channel() {
    let (mut s, h) = Script::new()
        .on("USER alice", "331 Please specify the password.")
        .on("PASS wrong", "530 Login incorrect.")
        .on("EPSV", "530 Please login with USER and PASS.")
        .on("EPSV", "530 Please login with USER and PASS.")
        .options(|o| o.tls = crate::engine::tls::TlsMode::Off)
        .start();
    let login = crate::engine::session::Login {
        user: "alice".into(),
        password: crate::proto::command::Secret::new("wrong"),
        account: None,
    };
    assert!(s.login(&login).is_err());
    for _ in 0..2 {
        let err = ls(&mut s).unwrap_err();
        assert_eq!(err.reply().map(|r| r.code), Some(530), "{err}");
        assert_eq!(err.exit_code(), ExitCode::Login, "{err}");
    }
    h.assert_done();
    assert!(s.is_usable());
}

#[test]
fn not_logged_in_on_the_transfer_command_spoils_no_channel() {
    let (mut s, h) = Script::new()
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"")
        .on("NLST", "530 Not logged in.")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2002|)")
        .data_at(2002, b"a\r\n")
        .on("NLST", "150 ok\n226 Done.")
        .start();
    let err = ls(&mut s).unwrap_err();
    assert_eq!(err.exit_code(), ExitCode::Login, "{err}");
    assert!(matches!(&err, Error::Rejected { command, .. } if command == "NLST"));
    assert_eq!(ls(&mut s).unwrap(), b"a\r\n");
    h.assert_done();
}

#[test]
fn a_fixed_mode_tries_its_channel_even_after_it_failed() {
    let (mut s, h) = Script::new()
        .options(|o| o.data_mode = DataMode::Epsv)
        .on("EPSV", "500 no")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"a\r\n")
        .on("NLST", "150 ok\n226 Done.")
        .start();
    assert!(ls(&mut s).is_err());
    assert_eq!(ls(&mut s).unwrap(), b"a\r\n");
    h.assert_done();
}

#[test]
fn through_a_proxy_auto_mode_never_falls_into_active_mode() {
    let (mut s, h) = Script::new()
        .through_proxy("socks5h://proxy.example:1080")
        .on("EPSV", "500 no.")
        .on("PASV", "500 no.")
        .start();
    let err = ls(&mut s).unwrap_err();
    h.assert_done();
    assert!(matches!(err, Error::DataChannel { .. }), "{err}");
    assert!(h.listened().is_empty(), "no listener through a proxy");
}

#[test]
fn through_a_proxy_active_mode_is_refused_before_anything_is_sent() {
    for mode in [DataMode::Active, DataMode::Eprt, DataMode::Port] {
        let (mut s, h) = Script::new()
            .through_proxy("http://u:secret@proxy.example:3128")
            .options(|o| o.data_mode = mode)
            .start();
        let err = ls(&mut s).unwrap_err();
        h.assert_done();
        assert!(matches!(err, Error::ActiveThroughProxy { .. }), "{err}");
        assert!(!err.to_string().contains("secret"), "{err}");
        assert!(err.hint().unwrap().contains("--passive"));
        assert!(
            err.hint_for(crate::error::Face::Shell)
                .unwrap()
                .contains("`passive`")
        );
    }
}
