//! The library's session driver against the scripted fake server, for behaviour that the
//! binary's exit codes cannot show (the session staying usable after an error).

use std::time::Duration;

use ferry::Error;
use ferry::engine::session::{Login, Options, Session};
use ferry::engine::transfer::{ListKind, NoProgress};
use ferry::proto::command::TransferType;

use crate::support::fake_server::{FakeConfig, FakeServer};

fn connect(server: &FakeServer) -> Session {
    let opts = Options {
        timeout: Duration::from_secs(10),
        ..Options::default()
    };
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
        .retrieve(
            "missing",
            TransferType::Binary,
            0,
            &mut sink,
            "-".as_ref(),
            &mut NoProgress,
        )
        .unwrap_err();
    assert_eq!(err.reply().map(|r| r.code), Some(550), "{err}");
    assert_eq!(s.pwd().unwrap(), "/");
    s.retrieve(
        "there",
        TransferType::Binary,
        0,
        &mut sink,
        "-".as_ref(),
        &mut NoProgress,
    )
    .unwrap();
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
    cfg.overrides.push((
        "NOOP".into(),
        "421 Timeout, closing control connection.".into(),
    ));
    let server = FakeServer::start(cfg);
    let mut s = connect(&server);
    let err = s.noop().unwrap_err();
    assert!(matches!(err, Error::Rejected { .. }), "{err}");
    assert_eq!(err.exit_code(), ferry::ExitCode::Login);
}

/// A hand-driven server for one case the fake server does not model: in active mode it first
/// connects from another loopback address (127.0.0.2), then from the right one.
#[test]
fn active_mode_refuses_a_data_connection_from_another_address() {
    use std::io::{BufRead, BufReader, Write};
    use std::net::{SocketAddr, TcpListener, TcpStream};

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (ctrl, _) = listener.accept().unwrap();
        let mut w = ctrl.try_clone().unwrap();
        let mut r = BufReader::new(ctrl);
        let mut line = String::new();
        let mut send = |s: &str| w.write_all(format!("{s}\r\n").as_bytes()).unwrap();
        send("220 hand-driven");
        let mut target: Option<SocketAddr> = None;
        loop {
            line.clear();
            if r.read_line(&mut line).unwrap() == 0 {
                return;
            }
            let cmd = line.trim_end().to_string();
            let verb = cmd.split(' ').next().unwrap().to_ascii_uppercase();
            match verb.as_str() {
                "USER" => send("230 ok"),
                "FEAT" => send("211 no features"),
                "TYPE" => send("200 ok"),
                "EPRT" => {
                    let parts: Vec<&str> = cmd[5..].split('|').collect();
                    target = Some(format!("{}:{}", parts[2], parts[3]).parse().unwrap());
                    send("200 EPRT ok");
                }
                "RETR" => {
                    send("150 opening");
                    let to = target.unwrap();
                    // An intruder on another address gets there first.
                    let intruder =
                        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
                            .unwrap();
                    intruder
                        .bind(&"127.0.0.2:0".parse::<SocketAddr>().unwrap().into())
                        .unwrap();
                    intruder.connect(&to.into()).unwrap();
                    let mut intruder: TcpStream = intruder.into();
                    let _ = intruder.write_all(b"EVIL");
                    drop(intruder);
                    std::thread::sleep(Duration::from_millis(100));
                    let mut data = TcpStream::connect(to).unwrap();
                    data.write_all(b"good").unwrap();
                    drop(data);
                    send("226 done");
                }
                "QUIT" => {
                    send("221 bye");
                    return;
                }
                _ => send("502 not here"),
            }
        }
    });
    let opts = Options {
        timeout: Duration::from_secs(10),
        data_mode: ferry::proto::channel::DataMode::Eprt,
        ..Options::default()
    };
    let mut s = Session::connect("127.0.0.1", port, opts, None).unwrap();
    s.login(&Login::anonymous()).unwrap();
    let mut out = Vec::new();
    s.retrieve(
        "f",
        TransferType::Binary,
        0,
        &mut out,
        "-".as_ref(),
        &mut NoProgress,
    )
    .unwrap();
    assert_eq!(out, b"good");
    s.quit();
    server.join().unwrap();
}

#[test]
fn not_logged_in_on_a_data_command_is_a_login_error_and_spoils_no_channel() {
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/f".into(), b"data".to_vec()));
    let server = FakeServer::start(cfg);
    let addr = server.addr();
    let opts = Options {
        timeout: Duration::from_secs(10),
        ..Options::default()
    };
    let mut s = Session::connect(&addr.ip().to_string(), addr.port(), opts, None).unwrap();
    let wrong = Login {
        user: "alice".into(),
        password: ferry::proto::command::Secret::new("wrong"),
        account: None,
    };
    assert!(s.login(&wrong).is_err());
    let mut out = Vec::new();
    let err = s.list(ListKind::Names, None, &mut out).unwrap_err();
    assert_eq!(err.reply().map(|r| r.code), Some(530), "{err}");
    assert_eq!(err.exit_code(), ferry::error::ExitCode::Login, "{err}");
    let verbs = server.verbs();
    assert_eq!(
        verbs.iter().filter(|v| *v == "EPSV").count(),
        1,
        "{verbs:?}"
    );
    assert!(
        !verbs
            .iter()
            .any(|v| matches!(v.as_str(), "PASV" | "EPRT" | "PORT"))
    );
    // Logged in properly, the same session lists over EPSV: nothing was held against it.
    let right = Login {
        password: ferry::proto::command::Secret::new("secret"),
        ..wrong
    };
    s.login(&right).unwrap();
    s.list(ListKind::Names, None, &mut out).unwrap();
    assert_eq!(out, b"f\r\n");
    assert_eq!(server.verbs().iter().filter(|v| *v == "EPSV").count(), 2);
}
