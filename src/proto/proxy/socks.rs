//! SOCKS handshakes as bytes: SOCKS5 (RFC 1928) with user name and password authentication
//! (RFC 1929), and SOCKS4 with the 4a extension (the proxy resolves a name).
//!
//! A SOCKS5 conversation: the greeting offers methods (none, and user/password when the URL has
//! a user) and the proxy picks one; RFC 1929's sub-negotiation when it picked user/password;
//! then the request (CONNECT, or BIND for an active-mode data connection) and the proxy's
//! reply, whose length depends on the address type in it — [`socks5::reply`] says how many bytes
//! it needs before it decides.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{ProxyFailure, Target, TargetHost};

const SOCKS5: &str = "SOCKS5";
const SOCKS4: &str = "SOCKS4";

fn bad(protocol: &'static str, detail: impl Into<String>) -> ProxyFailure {
    ProxyFailure::Protocol {
        protocol,
        detail: detail.into(),
    }
}

/// What a SOCKS5 reply parser needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Socks5Step {
    /// The reply is this many bytes long in all; read until the buffer holds them.
    Need(usize),
    /// The reply is complete and says yes.
    Done(Socks5Reply),
}

/// A successful SOCKS5 reply: the address the proxy bound (for BIND: where the server must
/// connect; for the second BIND reply: who connected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Socks5Reply {
    /// BND.ADDR and BND.PORT.
    pub bound: Target,
}

/// SOCKS5, RFC 1928 and RFC 1929.
pub mod socks5 {
    use super::*;

    /// The request's command.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Request {
        /// Connect to the target.
        Connect,
        /// Listen for one connection from the target (active-mode FTP).
        Bind,
    }

    /// The method the proxy chose.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Method {
        /// No authentication.
        None,
        /// User name and password (RFC 1929).
        Password,
    }

    /// The greeting: version 5 and the methods offered.
    pub fn greeting(with_password: bool) -> Vec<u8> {
        match with_password {
            true => vec![5, 2, 0x00, 0x02],
            false => vec![5, 1, 0x00],
        }
    }

    /// The proxy's choice of method (two bytes).
    pub fn method(answer: [u8; 2], with_password: bool) -> Result<Method, ProxyFailure> {
        if answer[0] != 5 {
            return Err(bad(
                SOCKS5,
                format!("version {} in its first answer", answer[0]),
            ));
        }
        match answer[1] {
            0x00 => Ok(Method::None),
            0x02 if with_password => Ok(Method::Password),
            0xFF if with_password => Err(ProxyFailure::AuthFailed),
            0xFF | 0x02 => Err(ProxyFailure::AuthRequired),
            0x01 => Err(ProxyFailure::Refused(
                "it wants GSSAPI authentication, which ferry does not speak".into(),
            )),
            other => Err(bad(
                SOCKS5,
                format!("it chose method {other}, never offered"),
            )),
        }
    }

    /// RFC 1929's request: version 1, the user name and the password, each at most 255 bytes.
    pub fn password_request(user: &str, password: &str) -> Result<Vec<u8>, ProxyFailure> {
        if user.is_empty() || user.len() > 255 || password.len() > 255 {
            return Err(ProxyFailure::Refused(
                "SOCKS5 takes a user name of 1 to 255 bytes and a password of at most 255".into(),
            ));
        }
        let mut out = vec![1, user.len() as u8];
        out.extend_from_slice(user.as_bytes());
        out.push(password.len() as u8);
        out.extend_from_slice(password.as_bytes());
        Ok(out)
    }

    /// RFC 1929's answer (two bytes): status 0 is success.
    pub fn password_answer(answer: [u8; 2]) -> Result<(), ProxyFailure> {
        match answer {
            [_, 0] => Ok(()),
            _ => Err(ProxyFailure::AuthFailed),
        }
    }

    /// The CONNECT or BIND request for `target`; a name goes as a name (the proxy resolves it).
    pub fn request(request: Request, target: &Target) -> Result<Vec<u8>, ProxyFailure> {
        let command = match request {
            Request::Connect => 1,
            Request::Bind => 2,
        };
        let mut out = vec![5, command, 0];
        match &target.host {
            TargetHost::Ip(IpAddr::V4(v4)) => {
                out.push(1);
                out.extend_from_slice(&v4.octets());
            }
            TargetHost::Ip(IpAddr::V6(v6)) => {
                out.push(4);
                out.extend_from_slice(&v6.octets());
            }
            TargetHost::Name(name) => {
                if name.is_empty() || name.len() > 255 {
                    return Err(ProxyFailure::Refused(
                        "SOCKS5 carries host names of 1 to 255 bytes".into(),
                    ));
                }
                out.push(3);
                out.push(name.len() as u8);
                out.extend_from_slice(name.as_bytes());
            }
        }
        out.extend_from_slice(&target.port.to_be_bytes());
        Ok(out)
    }

    /// The proxy's reply so far: how long it is in all, or what it says once complete.
    pub fn reply(buf: &[u8]) -> Result<Socks5Step, ProxyFailure> {
        if buf.len() < 5 {
            return Ok(Socks5Step::Need(5));
        }
        if buf[0] != 5 {
            return Err(bad(SOCKS5, format!("version {} in its reply", buf[0])));
        }
        if buf[1] != 0 {
            return Err(refusal(buf[1]));
        }
        let total = match buf[3] {
            1 => 4 + 4 + 2,
            3 => 4 + 1 + buf[4] as usize + 2,
            4 => 4 + 16 + 2,
            other => return Err(bad(SOCKS5, format!("address type {other} in its reply"))),
        };
        if buf.len() < total {
            return Ok(Socks5Step::Need(total));
        }
        let port = u16::from_be_bytes([buf[total - 2], buf[total - 1]]);
        let host = match buf[3] {
            1 => TargetHost::Ip(IpAddr::V4(Ipv4Addr::new(buf[4], buf[5], buf[6], buf[7]))),
            4 => {
                let octets: [u8; 16] = buf[4..20].try_into().expect("16 bytes");
                TargetHost::Ip(IpAddr::V6(Ipv6Addr::from(octets)))
            }
            _ => TargetHost::Name(String::from_utf8_lossy(&buf[5..total - 2]).into_owned()),
        };
        Ok(Socks5Step::Done(Socks5Reply {
            bound: Target { host, port },
        }))
    }

    /// What a reply code other than 0 means (RFC 1928 §6).
    fn refusal(code: u8) -> ProxyFailure {
        let unreachable =
            |why: &str| ProxyFailure::Unreachable(format!("{why} (SOCKS5 reply {code})"));
        let refused = |why: &str| ProxyFailure::Refused(format!("{why} (SOCKS5 reply {code})"));
        match code {
            1 => unreachable("general SOCKS server failure"),
            2 => refused("connection not allowed by the proxy's rules"),
            3 => unreachable("network unreachable"),
            4 => unreachable("host unreachable"),
            5 => unreachable("connection refused by the server"),
            6 => unreachable("TTL expired"),
            7 => refused("command not supported"),
            8 => refused("address type not supported"),
            _ => bad(SOCKS5, format!("unknown reply code {code}")),
        }
    }
}

/// The SOCKS4 CONNECT request; with `name_ok` (4a) a name goes to the proxy as a name, else
/// only an IPv4 address will do.
pub fn socks4_request(target: &Target, user: &str, name_ok: bool) -> Result<Vec<u8>, ProxyFailure> {
    let mut out = vec![4, 1];
    out.extend_from_slice(&target.port.to_be_bytes());
    let name = match &target.host {
        TargetHost::Ip(IpAddr::V4(v4)) => {
            out.extend_from_slice(&v4.octets());
            None
        }
        TargetHost::Ip(IpAddr::V6(_)) => {
            return Err(ProxyFailure::Refused(
                "SOCKS4 cannot carry an IPv6 address: use socks5h://".into(),
            ));
        }
        TargetHost::Name(name) if name_ok => {
            // 0.0.0.x with x != 0 says "the name follows" (SOCKS4a).
            out.extend_from_slice(&[0, 0, 0, 1]);
            Some(name)
        }
        TargetHost::Name(_) => {
            return Err(ProxyFailure::Refused(
                "SOCKS4 carries addresses only (socks4a:// sends names)".into(),
            ));
        }
    };
    if user.contains('\0') || name.is_some_and(|n| n.contains('\0')) {
        return Err(bad(SOCKS4, "a NUL in the user or host name"));
    }
    out.extend_from_slice(user.as_bytes());
    out.push(0);
    if let Some(name) = name {
        out.extend_from_slice(name.as_bytes());
        out.push(0);
    }
    Ok(out)
}

/// The SOCKS4 reply (eight bytes): 90 grants the request.
pub fn socks4_reply(reply: [u8; 8]) -> Result<(), ProxyFailure> {
    if reply[0] != 0 {
        return Err(bad(SOCKS4, format!("version {} in its reply", reply[0])));
    }
    match reply[1] {
        90 => Ok(()),
        91 => Err(ProxyFailure::Refused(
            "request rejected or failed (SOCKS4 reply 91)".into(),
        )),
        92 | 93 => Err(ProxyFailure::AuthFailed),
        other => Err(bad(SOCKS4, format!("unknown reply code {other}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::socks5::{Method, Request};
    use super::*;

    #[test]
    fn socks5_greets_authenticates_and_connects_by_name_or_address() {
        assert_eq!(socks5::greeting(false), [5, 1, 0]);
        assert_eq!(socks5::greeting(true), [5, 2, 0, 2]);
        assert_eq!(socks5::method([5, 2], true), Ok(Method::Password));
        assert_eq!(socks5::method([5, 0], true), Ok(Method::None));
        assert_eq!(
            socks5::method([5, 0xFF], false),
            Err(ProxyFailure::AuthRequired)
        );
        assert_eq!(
            socks5::method([5, 0xFF], true),
            Err(ProxyFailure::AuthFailed)
        );
        assert!(matches!(
            socks5::method([4, 0], true),
            Err(ProxyFailure::Protocol { .. })
        ));
        assert_eq!(
            socks5::password_request("u", "pw").unwrap(),
            [1, 1, b'u', 2, b'p', b'w']
        );
        assert!(socks5::password_request(&"u".repeat(256), "").is_err());
        assert_eq!(socks5::password_answer([1, 0]), Ok(()));
        assert_eq!(
            socks5::password_answer([1, 1]),
            Err(ProxyFailure::AuthFailed)
        );
        let by_name = socks5::request(Request::Connect, &Target::named("ftp.example", 21)).unwrap();
        assert_eq!(by_name[..5], [5, 1, 0, 3, 11]);
        assert_eq!(&by_name[5..16], b"ftp.example");
        assert_eq!(by_name[16..], [0, 21]);
        let v4 = socks5::request(Request::Bind, &Target::named("10.0.0.1", 2121)).unwrap();
        assert_eq!(v4, [5, 2, 0, 1, 10, 0, 0, 1, 8, 73]);
        let v6 = socks5::request(Request::Connect, &Target::named("::1", 21)).unwrap();
        assert_eq!((v6[3], v6.len()), (4, 4 + 16 + 2));
    }

    #[test]
    fn socks5_replies_say_how_much_they_need_at_every_prefix() {
        let v4 = [5, 0, 0, 1, 127, 0, 0, 2, 0x1F, 0x90];
        let name = [5, 0, 0, 3, 3, b'a', b'b', b'c', 0, 80];
        let v6 = {
            let mut r = vec![5, 0, 0, 4];
            r.extend_from_slice(&Ipv6Addr::LOCALHOST.octets());
            r.extend_from_slice(&[0, 21]);
            r
        };
        for (reply, host) in [
            (&v4[..], TargetHost::Ip("127.0.0.2".parse().unwrap())),
            (&name[..], TargetHost::Name("abc".into())),
            (&v6[..], TargetHost::Ip("::1".parse().unwrap())),
        ] {
            for cut in 0..reply.len() {
                match socks5::reply(&reply[..cut]).unwrap() {
                    Socks5Step::Need(n) => assert!(n > cut && n <= reply.len()),
                    done => panic!("done at {cut}: {done:?}"),
                }
            }
            let Socks5Step::Done(done) = socks5::reply(reply).unwrap() else {
                panic!("not done")
            };
            assert_eq!(done.bound.host, host);
        }
    }

    #[test]
    fn socks5_refusals_say_why_and_which_kind() {
        let e = socks5::reply(&[5, 5, 0, 1, 0, 0, 0, 0, 0, 0]).unwrap_err();
        assert!(
            matches!(&e, ProxyFailure::Unreachable(why) if why.contains("refused")),
            "{e}"
        );
        assert!(!e.is_refusal());
        let e = socks5::reply(&[5, 2, 0, 1, 0, 0, 0, 0, 0, 0]).unwrap_err();
        assert!(
            matches!(&e, ProxyFailure::Refused(why) if why.contains("rules")),
            "{e}"
        );
        assert!(e.is_refusal());
        assert!(socks5::reply(b"HTTP/").is_err(), "not SOCKS at all");
    }

    #[test]
    fn socks4_and_4a_requests_and_replies() {
        let r = socks4_request(&Target::named("10.1.2.3", 21), "me", false).unwrap();
        assert_eq!(r, [4, 1, 0, 21, 10, 1, 2, 3, b'm', b'e', 0]);
        let r = socks4_request(&Target::named("h", 21), "", true).unwrap();
        assert_eq!(r, [4, 1, 0, 21, 0, 0, 0, 1, 0, b'h', 0]);
        assert!(socks4_request(&Target::named("h", 21), "", false).is_err());
        assert!(socks4_request(&Target::named("::1", 21), "", true).is_err());
        assert_eq!(socks4_reply([0, 90, 0, 0, 0, 0, 0, 0]), Ok(()));
        assert!(matches!(
            socks4_reply([0, 91, 0, 0, 0, 0, 0, 0]),
            Err(ProxyFailure::Refused(_))
        ));
        assert!(socks4_reply([5, 0, 0, 0, 0, 0, 0, 0]).is_err());
    }
}
