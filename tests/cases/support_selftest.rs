//! Self-tests of the test servers in `tests/support`, driven with a raw
//! `TcpStream` (no ferry involved), so a failure here points at the harness
//! rather than at the client.

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A minimal FTP control connection for poking at servers.
struct Ctrl {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Ctrl {
    fn connect(addr: SocketAddr) -> Ctrl {
        let s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        Ctrl {
            reader: BufReader::new(s.try_clone().unwrap()),
            writer: s,
        }
    }

    /// Reads one complete (possibly multi-line) reply; returns all its lines.
    fn reply(&mut self) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        loop {
            let mut l = String::new();
            let n = self.reader.read_line(&mut l).expect("read reply");
            assert!(n > 0, "connection closed; got {lines:?}");
            let l = l.trim_end_matches(['\r', '\n']).to_string();
            let done = match lines.first() {
                None => l.as_bytes().get(3) != Some(&b'-'),
                Some(first) => l.len() >= 4 && l[..3] == first[..3] && l.as_bytes()[3] == b' ',
            };
            lines.push(l);
            if done {
                return lines;
            }
        }
    }

    /// Sends `line` and returns the last line of the reply.
    fn cmd(&mut self, line: &str) -> String {
        self.writer
            .write_all(format!("{line}\r\n").as_bytes())
            .unwrap();
        self.reply().pop().unwrap()
    }

    /// PASV, connect, then `line`: returns (data received, 150 reply, final reply).
    fn pasv_transfer(&mut self, line: &str) -> (Vec<u8>, String, String) {
        let r = self.cmd("PASV");
        assert!(r.starts_with("227 "), "{r}");
        let inner = &r[r.find('(').unwrap() + 1..r.find(')').unwrap()];
        let n: Vec<u16> = inner.split(',').map(|x| x.parse().unwrap()).collect();
        let host = self.writer.peer_addr().unwrap().ip();
        let mut data = TcpStream::connect((host, n[4] * 256 + n[5])).expect("data connect");
        data.set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mark = self.cmd(line);
        // 125 is what pyftpdlib sends when the data connection is already up.
        assert!(
            mark.starts_with("150 ") || mark.starts_with("125 "),
            "{mark}"
        );
        let mut buf = Vec::new();
        data.read_to_end(&mut buf).unwrap();
        let done = self.reply().pop().unwrap();
        (buf, mark, done)
    }
}

#[test]
fn fake_server_login_pasv_retr_and_command_log() {
    let srv = FakeServer::start(FakeConfig {
        greeting: vec!["120 wait".into(), "220-a".into(), "220 b".into()],
        files: vec![
            ("/pub/a.txt".into(), b"hello\nworld\n".to_vec()),
            ("/empty/".into(), vec![]),
        ],
        ..FakeConfig::default()
    });
    assert!(srv.url("/pub/a.txt").starts_with("ftp://127.0.0.1:"));
    let mut c = Ctrl::connect(srv.addr());
    assert_eq!(c.reply(), ["120 wait"]);
    assert_eq!(c.reply(), ["220-a", "220 b"]);
    assert!(c.cmd("PWD").starts_with("530 "));
    assert!(c.cmd("USER alice").starts_with("331 "));
    assert!(c.cmd("PASS wrong").starts_with("530 "));
    assert!(c.cmd("USER alice").starts_with("331 "));
    assert!(c.cmd("PASS secret").starts_with("230 "));
    assert!(c.cmd("FEAT").starts_with("211 End"));
    assert!(c.cmd("TYPE I").starts_with("200 "));
    assert_eq!(c.cmd("CWD pub"), "250 Directory successfully changed.");
    assert_eq!(c.cmd("PWD"), "257 \"/pub\" is the current directory");
    assert_eq!(c.cmd("SIZE a.txt"), "213 12");
    let (data, mark, done) = c.pasv_transfer("RETR a.txt");
    assert_eq!(data, b"hello\nworld\n");
    assert!(mark.contains("(12 bytes)"), "{mark}");
    assert!(done.starts_with("226 "), "{done}");
    assert!(c.cmd("RETR missing").starts_with("550 "));
    let (list, _, _) = c.pasv_transfer("NLST /");
    assert_eq!(list, b"empty\r\npub\r\n");
    assert!(
        c.cmd("MKD new \"dir\"")
            .starts_with("257 \"/pub/new \"\"dir\"\"\" created")
    );
    assert!(c.cmd("RNTO x").starts_with("503 "));
    assert!(c.cmd("BOGUS").starts_with("502 "));
    assert!(c.cmd(&"X".repeat(9000)).starts_with("500 "));
    assert!(c.cmd("QUIT").starts_with("221 "));

    let cmds = srv.commands();
    assert_eq!(
        cmds[..5],
        [
            "PWD",
            "USER alice",
            "PASS wrong",
            "USER alice",
            "PASS secret"
        ]
    );
    assert_eq!(
        srv.verbs(),
        [
            "PWD", "USER", "PASS", "USER", "PASS", "FEAT", "TYPE", "CWD", "PWD", "SIZE", "PASV",
            "RETR", "RETR", "PASV", "NLST", "MKD", "RNTO", "BOGUS", "QUIT"
        ]
    );
}

#[test]
fn fake_server_overrides_and_uploads() {
    let srv = FakeServer::start(FakeConfig {
        overrides: vec![("epsv".into(), "500 EPSV not understood".into())],
        retr_truncate: Some(3),
        files: vec![("/f.bin".into(), b"0123456789".to_vec())],
        ..FakeConfig::default()
    });
    let mut c = Ctrl::connect(srv.addr());
    c.reply();
    assert!(c.cmd("USER anonymous").starts_with("331 "));
    assert!(c.cmd("PASS me@example.org").starts_with("230 "));
    assert_eq!(c.cmd("EPSV"), "500 EPSV not understood");
    c.cmd("TYPE I");
    let (data, _, done) = c.pasv_transfer("RETR /f.bin");
    assert_eq!(data, b"012");
    assert!(done.starts_with("426 "), "{done}");

    // Upload with REST through PASV.
    let r = c.cmd("PASV");
    let inner = &r[r.find('(').unwrap() + 1..r.find(')').unwrap()];
    let n: Vec<u16> = inner.split(',').map(|x| x.parse().unwrap()).collect();
    let mut data = TcpStream::connect(("127.0.0.1", n[4] * 256 + n[5])).unwrap();
    assert!(c.cmd("REST 4").starts_with("350 "));
    assert!(c.cmd("STOR f.bin").starts_with("150 "));
    data.write_all(b"abc").unwrap();
    drop(data);
    assert!(c.reply()[0].starts_with("226 "));
    assert_eq!(srv.file("/f.bin").unwrap(), b"0123abc");
    assert_eq!(srv.verbs().iter().filter(|v| *v == "EPSV").count(), 1);
}

#[test]
fn fake_server_421_greeting_closes() {
    let srv = FakeServer::start(FakeConfig {
        greeting: vec!["421 Too many users - please try again later".into()],
        ..FakeConfig::default()
    });
    let mut c = Ctrl::connect(srv.addr());
    assert_eq!(c.reply(), ["421 Too many users - please try again later"]);
    let mut rest = String::new();
    assert_eq!(c.reader.read_line(&mut rest).unwrap_or(0), 0);
}

#[test]
fn fake_server_ipv6_epsv() {
    let srv = FakeServer::start_v6(FakeConfig {
        files: vec![("/x".into(), b"v6".to_vec())],
        ..FakeConfig::default()
    });
    assert!(srv.url("/x").starts_with("ftp://[::1]:"));
    let mut c = Ctrl::connect(srv.addr());
    c.reply();
    c.cmd("USER alice");
    c.cmd("PASS secret");
    assert!(c.cmd("PASV").starts_with("502 "));
    let r = c.cmd("EPSV");
    let port: u16 = r.split('|').nth(3).unwrap().parse().unwrap();
    let mut data = TcpStream::connect(("::1", port)).unwrap();
    assert!(c.cmd("RETR x").starts_with("150 "));
    let mut buf = Vec::new();
    data.read_to_end(&mut buf).unwrap();
    assert_eq!(buf, b"v6");
    assert!(c.reply()[0].starts_with("226 "));
}

#[test]
fn pyftpd_login_with_space_in_password_and_pasv_list() {
    let srv = PyFtpd::start(PyFtpdOptions::default());
    std::fs::write(srv.root().join("hello.txt"), b"hi").unwrap();
    assert_eq!(srv.host(), "127.0.0.1");
    assert_eq!(
        srv.url("hello.txt"),
        format!("ftp://127.0.0.1:{}/hello.txt", srv.port())
    );
    let mut c = Ctrl::connect(SocketAddr::from(([127, 0, 0, 1], srv.port())));
    assert!(c.reply()[0].starts_with("220 "));
    assert!(c.cmd("USER alice").starts_with("331 "));
    assert!(
        c.cmd("PASS s3cret pass").starts_with("230 "),
        "login failed"
    );
    let (list, _, done) = c.pasv_transfer("LIST");
    let list = String::from_utf8(list).unwrap();
    assert!(list.contains("hello.txt"), "{list}");
    assert!(done.starts_with("226 "), "{done}");
    assert!(c.cmd("QUIT").starts_with("221 "));
}

#[test]
fn pyftpd_ipv6_starts() {
    let srv = PyFtpd::start(PyFtpdOptions {
        ipv6: true,
        ..PyFtpdOptions::default()
    });
    assert_eq!(srv.host(), "::1");
    assert!(srv.url("").starts_with("ftp://[::1]:"));
    let mut c = Ctrl::connect(SocketAddr::from((
        std::net::Ipv6Addr::LOCALHOST,
        srv.port(),
    )));
    assert!(c.reply()[0].starts_with("220 "));
    assert!(c.cmd("USER anonymous").starts_with("331 "));
    assert!(c.cmd("PASS guest@").starts_with("230 "));
}

#[test]
fn passive_ranges_held_at_once_are_disjoint_and_outside_the_ephemeral_ports() {
    use crate::support::ports::{PassiveRange, SLOT_SIZE};
    let text = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range").unwrap();
    let bounds: Vec<u16> = text
        .split_whitespace()
        .map(|w| w.parse().unwrap())
        .collect();
    let held: Vec<PassiveRange> = (0..8).map(|_| PassiveRange::reserve()).collect();
    for (i, a) in held.iter().enumerate() {
        assert_eq!(a.high - a.low + 1, SLOT_SIZE, "{a:?}");
        assert!(
            a.high < bounds[0] || a.low > bounds[1],
            "{a:?} overlaps the ephemeral ports {bounds:?}"
        );
        for b in &held[i + 1..] {
            assert!(a.high < b.low || b.high < a.low, "{a:?} and {b:?} overlap");
        }
    }
}

#[test]
fn passive_ports_are_read_from_a_trace() {
    use crate::support::ports::passive_ports_in_trace;
    let trace = "> EPSV\n< 229 Entering Extended Passive Mode (|||20001|)\n> RETR a\n\
                 < 150 Opening BINARY mode data connection for a (52428800 bytes)\n\
                 > PASV\n< 227 Entering Passive Mode (127,0,0,1,78,33).\n\
                 > PORT 127,0,0,1,200,1\n< 200 PORT command successful\n";
    assert_eq!(passive_ports_in_trace(trace), [20001, 78 * 256 + 33]);
    assert!(passive_ports_in_trace("< 227 Entering Passive Mode\n").is_empty());
}
