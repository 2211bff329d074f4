//! A scripted proxy for tests that need no root: SOCKS5 (with RFC 1929 user name and password)
//! and HTTP CONNECT (with Basic credentials), relaying to 127.0.0.1 targets. It records the
//! credentials each client sent and the targets asked for, and refuses credentials other than
//! the ones it was given, so a test can check that a password reached the proxy and never the
//! output.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// The protocol the fake proxy speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speaks {
    Socks5,
    Http,
}

#[derive(Default)]
struct Seen {
    credentials: Vec<(String, String)>,
    targets: Vec<String>,
}

/// A running fake proxy; it stops with the test process.
pub struct FakeProxy {
    port: u16,
    seen: Arc<Mutex<Seen>>,
}

impl FakeProxy {
    /// A proxy speaking `speaks` that accepts exactly `user` and `password`.
    pub fn start(speaks: Speaks, user: &str, password: &str) -> FakeProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the fake proxy");
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let want = (user.to_owned(), password.to_owned());
        let shared = seen.clone();
        thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let seen = shared.clone();
                let want = want.clone();
                thread::spawn(move || {
                    let _ = match speaks {
                        Speaks::Socks5 => socks5(client, &want, &seen),
                        Speaks::Http => http(client, &want, &seen),
                    };
                });
            }
        });
        FakeProxy { port, seen }
    }

    /// The proxy's port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The passwords clients sent.
    pub fn passwords(&self) -> Vec<String> {
        let seen = self.seen.lock().unwrap();
        seen.credentials.iter().map(|(_, p)| p.clone()).collect()
    }

    /// The `host:port` targets clients asked for, accepted or not.
    pub fn targets(&self) -> Vec<String> {
        self.seen.lock().unwrap().targets.clone()
    }
}

fn socks5(mut c: TcpStream, want: &(String, String), seen: &Mutex<Seen>) -> io::Result<()> {
    let mut head = [0u8; 2];
    c.read_exact(&mut head)?;
    let mut methods = vec![0u8; head[1] as usize];
    c.read_exact(&mut methods)?;
    if !methods.contains(&2) {
        return c.write_all(&[5, 0xFF]);
    }
    c.write_all(&[5, 2])?;
    let mut byte = [0u8; 1];
    c.read_exact(&mut byte)?;
    let user = read_counted(&mut c)?;
    let password = read_counted(&mut c)?;
    seen.lock()
        .unwrap()
        .credentials
        .push((user.clone(), password.clone()));
    if (user, password) != *want {
        return c.write_all(&[1, 1]);
    }
    c.write_all(&[1, 0])?;
    let mut request = [0u8; 4];
    c.read_exact(&mut request)?;
    let host = match request[3] {
        1 => {
            let mut ip = [0u8; 4];
            c.read_exact(&mut ip)?;
            Ipv4Addr::from(ip).to_string()
        }
        3 => read_counted(&mut c)?,
        _ => return c.write_all(&[5, 8, 0, 1, 0, 0, 0, 0, 0, 0]),
    };
    let mut port = [0u8; 2];
    c.read_exact(&mut port)?;
    let port = u16::from_be_bytes(port);
    seen.lock().unwrap().targets.push(format!("{host}:{port}"));
    let Ok(server) = connect(&host, port) else {
        return c.write_all(&[5, 5, 0, 1, 0, 0, 0, 0, 0, 0]);
    };
    c.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0])?;
    relay(c, server)
}

fn read_counted(c: &mut TcpStream) -> io::Result<String> {
    let mut len = [0u8; 1];
    c.read_exact(&mut len)?;
    let mut text = vec![0u8; len[0] as usize];
    c.read_exact(&mut text)?;
    Ok(String::from_utf8_lossy(&text).into_owned())
}

fn http(c: TcpStream, want: &(String, String), seen: &Mutex<Seen>) -> io::Result<()> {
    let mut reader = BufReader::new(c.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut authorization = None;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        if line.trim().is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Proxy-Authorization: Basic ") {
            authorization = Some(value.trim().to_owned());
        }
    }
    let mut c = c;
    let target = request
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    seen.lock().unwrap().targets.push(target.clone());
    let Some(token) = authorization else {
        return c.write_all(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n");
    };
    let decoded = decode_base64(&token);
    let (user, password) = decoded.split_once(':').unwrap_or((&decoded, ""));
    seen.lock()
        .unwrap()
        .credentials
        .push((user.to_owned(), password.to_owned()));
    if (user, password) != (want.0.as_str(), want.1.as_str()) {
        return c.write_all(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n");
    }
    let (host, port) = target.rsplit_once(':').unwrap_or((&target, "0"));
    let Ok(server) = connect(host, port.parse().unwrap_or(0)) else {
        return c.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n");
    };
    c.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
    relay(c, server)
}

/// Only loopback: the fake proxy never reaches anything else.
fn connect(host: &str, port: u16) -> io::Result<TcpStream> {
    match host {
        "127.0.0.1" | "localhost" => TcpStream::connect(SocketAddr::from(([127, 0, 0, 1], port))),
        _ => Err(io::Error::new(io::ErrorKind::NotFound, "not loopback")),
    }
}

fn relay(client: TcpStream, server: TcpStream) -> io::Result<()> {
    let (mut c2, mut s2) = (client.try_clone()?, server.try_clone()?);
    let up = thread::spawn(move || {
        let mut client = client;
        let mut server = server;
        let _ = io::copy(&mut client, &mut server);
        let _ = server.shutdown(Shutdown::Write);
    });
    let _ = io::copy(&mut s2, &mut c2);
    let _ = c2.shutdown(Shutdown::Write);
    let _ = up.join();
    Ok(())
}

fn decode_base64(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for b in text.bytes().filter(|b| *b != b'=') {
        let Some(v) = ALPHABET.iter().position(|a| *a == b) else {
            break;
        };
        bits = (bits << 6) | v as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
