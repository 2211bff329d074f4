//! The library's session driver against the scripted fake server, for behaviour that the
//! binary's exit codes cannot show (the session staying usable after an error).

use std::time::Duration;

use ferry::Error;
use ferry::proto::command::TransferType;
use ferry::session::{Login, Options, Session};
use ferry::transfer::{ListKind, NoProgress};

use crate::support::fake_server::{FakeConfig, FakeServer};

fn connect(server: &FakeServer) -> Session {
    let opts = Options { timeout: Duration::from_secs(10), ..Options::default() };
    let addr = server.addr();
    let mut s = Session::connect(&addr.ip().to_string(), addr.port(), opts, None).unwrap();
    s.login(&Login::anonymous()).unwrap();
    s
}

#[test]
fn a_refused_retr_leaves_the_session_usable() {
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/there".into(), b"yes".to_vec()));
    let server = FakeServer::start(cfg);
    let mut s = connect(&server);
    let mut sink = Vec::new();
    let err = s
        .retrieve("missing", TransferType::Binary, &mut sink, "-".as_ref(), &mut NoProgress)
        .unwrap_err();
    assert_eq!(err.reply().map(|r| r.code), Some(550), "{err}");
    assert_eq!(s.pwd().unwrap(), "/");
    s.retrieve("there", TransferType::Binary, &mut sink, "-".as_ref(), &mut NoProgress).unwrap();
    assert_eq!(sink, b"yes");
    let verbs = server.verbs();
    let retr = verbs.iter().position(|v| v == "RETR").unwrap();
    assert_eq!(verbs[retr + 1], "PWD");
}

#[test]
fn features_drive_utf8_and_size() {
    let server = FakeServer::start(FakeConfig::default());
    let s = connect(&server);
    assert!(s.features().has("UTF8") && s.features().has("SIZE"));
    assert!(server.commands().contains(&"OPTS UTF8 ON".to_string()));
}

#[test]
fn listing_an_empty_directory_is_not_an_error() {
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/empty/".into(), Vec::new()));
    let server = FakeServer::start(cfg);
    let mut s = connect(&server);
    let mut out = Vec::new();
    s.list(ListKind::Names, Some("empty"), &mut out).unwrap();
    assert!(out.is_empty());
    s.noop().unwrap();
}

#[test]
fn a_closed_control_connection_is_reported_as_closed() {
    let mut cfg = FakeConfig::default();
    cfg.overrides.push(("NOOP".into(), "421 Timeout, closing control connection.".into()));
    let server = FakeServer::start(cfg);
    let mut s = connect(&server);
    let err = s.noop().unwrap_err();
    assert!(matches!(err, Error::Rejected { .. }), "{err}");
    assert_eq!(err.exit_code(), ferry::ExitCode::Login);
}
