//! Data-channel addresses: parsing PASV/EPSV replies, formatting PORT/EPRT
//! arguments, and deciding where a passive-mode data connection may go.
//!
//! Everything here is pure; no socket is opened.
//!
//! Design choices:
//!
//! * [`parse_pasv`] looks for the first group of exactly six comma-separated
//!   decimal numbers anywhere in the 227 text, so parentheses, missing
//!   parentheses and odd wording (`=h1,h2,...`) all work. Spaces or tabs
//!   around the commas are tolerated (`127, 0, 0, 1, 4, 1`), as some servers
//!   emit them. Numbers are parsed with checked arithmetic; any number above
//!   255, a negative sign, or port 0 is an error rather than a guess.
//! * [`parse_epsv`] follows RFC 2428: `(<d><d><d><port><d>)` with one
//!   delimiter character from ASCII 33..=126. Non-empty protocol/host fields
//!   are ignored, since only the port is meaningful for EPSV.
//! * [`format_eprt`] writes an IPv4-mapped IPv6 address (as a dual-stack
//!   socket may report) as plain IPv4 (`|1|...`), which every server accepts.
//! * [`classify`] adds an [`AddrClass::Unusable`] class for destinations that
//!   can never be a data peer (multicast, broadcast, `0.0.0.0/8` other than
//!   `0.0.0.0`, and reserved `240.0.0.0/4`).
//! * [`pasv_target`] defaults to ignoring the advertised IPv4 address (the
//!   NAT trap, and curl CVE-2020-8284). With [`PasvAddressPolicy::Server`] a
//!   server may only steer us into loopback, private or link-local space if
//!   the control connection already goes to that same class of address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, SocketAddrV4};

use super::excerpt;

/// Failure to parse a data-channel address, or a refused PASV target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddrError {
    /// No valid `h1,h2,h3,h4,p1,p2` group in a 227 reply.
    #[error("could not find h1,h2,h3,h4,p1,p2 in the 227 reply: {text:?}")]
    BadPasv {
        /// The reply text, cut to about 80 characters.
        text: String,
    },
    /// No valid `(|||port|)` in a 229 reply.
    #[error("could not find (|||port|) in the 229 reply: {text:?}")]
    BadEpsv {
        /// The reply text, cut to about 80 characters.
        text: String,
    },
    /// The PASV target policy refused the advertised address.
    #[error("refused to connect to {advertised} advertised by the server at {peer}: {reason}")]
    Refused {
        /// The address the server advertised.
        advertised: IpAddr,
        /// The address of the control connection's peer.
        peer: IpAddr,
        /// Why, in words.
        reason: String,
    },
}

/// Parses the decimal number starting at `start`; returns its value (`None`
/// on overflow) and the index just past its digits.
fn number_at(bytes: &[u8], start: usize) -> (Option<u32>, usize) {
    let mut value = Some(0u32);
    let mut end = start;
    while let Some(d) = bytes.get(end).filter(|b| b.is_ascii_digit()) {
        value = value
            .and_then(|v| v.checked_mul(10))
            .and_then(|v| v.checked_add(u32::from(d - b'0')));
        end += 1;
    }
    (value, end)
}

fn skip_blanks(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// Finds the six numbers anywhere in a 227 reply text, with or without
/// parentheses, e.g. "Entering Passive Mode (127,0,0,1,4,1)." or
/// "Entering Passive Mode 127,0,0,1,4,1" or "=127,0,0,1,4,1".
/// Every number must be 0..=255 parsed with checked arithmetic (no
/// overflow/panic on "99999999999999999999"); port = p1*256+p2, and port 0
/// is refused.
pub fn parse_pasv(text: &str) -> Result<SocketAddrV4, AddrError> {
    let bad = || AddrError::BadPasv {
        text: excerpt(text),
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let negative = i > 0 && bytes[i - 1] == b'-';
        let mut group = Vec::new();
        let mut at = i;
        loop {
            let (value, end) = number_at(bytes, at);
            group.push(value);
            i = end;
            let comma = skip_blanks(bytes, end);
            if bytes.get(comma) != Some(&b',') {
                break;
            }
            let next = skip_blanks(bytes, comma + 1);
            if !bytes.get(next).is_some_and(u8::is_ascii_digit) {
                break;
            }
            at = next;
        }
        if group.len() != 6 {
            continue;
        }
        let mut six = [0u8; 6];
        for (slot, value) in six.iter_mut().zip(group) {
            *slot = value.and_then(|v| u8::try_from(v).ok()).ok_or_else(bad)?;
        }
        let port = u16::from_be_bytes([six[4], six[5]]);
        if negative || port == 0 {
            return Err(bad());
        }
        let ip = Ipv4Addr::new(six[0], six[1], six[2], six[3]);
        return Ok(SocketAddrV4::new(ip, port));
    }
    Err(bad())
}

/// Parses a 229 reply "Entering Extended Passive Mode (|||6446|)": the
/// delimiter is any printable ASCII char 33..=126 (same char used 4 times),
/// the port must be 1..=65535. Host/protocol fields are empty per RFC 2428
/// (if present, they are ignored).
pub fn parse_epsv(text: &str) -> Result<u16, AddrError> {
    text.match_indices('(')
        .find_map(|(open, _)| epsv_at(&text.as_bytes()[open + 1..]))
        .ok_or_else(|| AddrError::BadEpsv {
            text: excerpt(text),
        })
}

/// Parses `<d>proto<d>host<d>port<d>)` at the start of `bytes`.
fn epsv_at(bytes: &[u8]) -> Option<u16> {
    let (&delim, mut rest) = bytes.split_first()?;
    if !(33..=126).contains(&delim) {
        return None;
    }
    let mut field = || {
        let end = rest.iter().position(|&b| b == delim)?;
        let value = &rest[..end];
        rest = &rest[end + 1..];
        Some(value)
    };
    let (_proto, _host, port) = (field()?, field()?, field()?);
    if rest.first() != Some(&b')') || port.is_empty() {
        return None;
    }
    let (value, end) = number_at(port, 0);
    if end != port.len() {
        return None;
    }
    value
        .and_then(|v| u16::try_from(v).ok())
        .filter(|&p| p != 0)
}

/// "h1,h2,h3,h4,p1,p2" for a PORT command.
pub fn format_port(addr: SocketAddrV4) -> String {
    let [h1, h2, h3, h4] = addr.ip().octets();
    let [p1, p2] = addr.port().to_be_bytes();
    format!("{h1},{h2},{h3},{h4},{p1},{p2}")
}

/// "|1|132.235.1.2|6275|" or "|2|::1|6275|" for EPRT (RFC 2428). An
/// IPv4-mapped IPv6 address is written as IPv4; an IPv6 scope id is dropped.
pub fn format_eprt(addr: SocketAddr) -> String {
    match addr.ip().to_canonical() {
        IpAddr::V4(ip) => format!("|1|{ip}|{}|", addr.port()),
        IpAddr::V6(ip) => format!("|2|{ip}|{}|", addr.port()),
    }
}

/// Reachability class of an IP address, for the PASV target policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddrClass {
    /// `0.0.0.0` or `::`.
    Unspecified,
    /// `127.0.0.0/8` or `::1`.
    Loopback,
    /// RFC 1918, CGNAT `100.64.0.0/10`, IPv6 ULA `fc00::/7` and deprecated
    /// site-local `fec0::/10`.
    Private,
    /// `169.254.0.0/16` or `fe80::/10`.
    LinkLocal,
    /// Never a valid data peer: multicast, broadcast, `0.0.0.0/8` (other
    /// than `0.0.0.0`) and reserved `240.0.0.0/4`.
    Unusable,
    /// Everything else.
    Public,
}

impl AddrClass {
    /// The class with its article, for messages ("a private").
    fn describe(self) -> &'static str {
        match self {
            AddrClass::Unspecified => "an unspecified",
            AddrClass::Loopback => "a loopback",
            AddrClass::Private => "a private",
            AddrClass::LinkLocal => "a link-local",
            AddrClass::Unusable => "an unusable",
            AddrClass::Public => "a public",
        }
    }
}

/// Classifies an address; IPv4-mapped IPv6 addresses are classified as
/// their IPv4 address.
pub fn classify(ip: IpAddr) -> AddrClass {
    use AddrClass::*;
    match ip.to_canonical() {
        IpAddr::V4(v4) => match v4.octets() {
            [0, 0, 0, 0] => Unspecified,
            [127, ..] => Loopback,
            [10, ..] | [172, 16..=31, ..] | [192, 168, ..] | [100, 64..=127, ..] => Private,
            [169, 254, ..] => LinkLocal,
            // 0/8 "this network", 224/4 multicast, 240/4 reserved + broadcast.
            [0, ..] | [224..=255, ..] => Unusable,
            _ => Public,
        },
        IpAddr::V6(v6) => match v6.segments()[0] {
            _ if v6.is_unspecified() => Unspecified,
            _ if v6.is_loopback() => Loopback,
            0xfc00..=0xfdff | 0xfec0..=0xfeff => Private,
            0xfe80..=0xfebf => LinkLocal,
            0xff00.. => Unusable,
            _ => Public,
        },
    }
}

/// Which address a 227 (PASV) reply's data connection goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PasvAddressPolicy {
    /// Ignore the advertised address; use the control connection's peer.
    #[default]
    Peer,
    /// Use the advertised address, within the limits of [`pasv_target`].
    Server,
}

/// Where to connect for a 227 reply.
///
/// * `Peer` (default; the NAT trap: servers behind NAT advertise private
///   addresses; also curl CVE-2020-8284): ignore the advertised address, use
///   `control_peer` with the advertised port.
/// * `Server` (`--pasv-address server`): use the advertised address, except:
///   `0.0.0.0` → use `control_peer`; [`AddrClass::Unusable`] → `Refused`; an
///   advertised loopback/private/link-local address is `Refused` unless
///   `classify(control_peer)` is the same class (a server on the public
///   internet must not steer us into our own LAN or loopback).
pub fn pasv_target(
    advertised: SocketAddrV4,
    control_peer: IpAddr,
    policy: PasvAddressPolicy,
) -> Result<SocketAddr, AddrError> {
    let port = advertised.port();
    let ip = IpAddr::V4(*advertised.ip());
    if policy == PasvAddressPolicy::Peer {
        return Ok(SocketAddr::new(control_peer, port));
    }
    let refuse = |reason: String| AddrError::Refused {
        advertised: ip,
        peer: control_peer,
        reason,
    };
    let peer_class = classify(control_peer);
    match classify(ip) {
        AddrClass::Unspecified => Ok(SocketAddr::new(control_peer, port)),
        AddrClass::Public => Ok(SocketAddr::new(ip, port)),
        AddrClass::Unusable => Err(refuse(
            "the address is multicast, broadcast or reserved and cannot be connected to".into(),
        )),
        class if class == peer_class => Ok(SocketAddr::new(ip, port)),
        class => Err(refuse(format!(
            "a server reached at {} address may not send us to {} address",
            peer_class.describe(),
            class.describe()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(s: &str) -> SocketAddrV4 {
        s.parse().unwrap()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn bad_pasv(text: &str) -> bool {
        matches!(parse_pasv(text), Err(AddrError::BadPasv { .. }))
    }

    #[test]
    fn pasv_with_and_without_parentheses_and_odd_text() {
        let texts = "Entering Passive Mode (127,0,0,1,4,1).;Entering Passive Mode 127,0,0,1,4,1;\
                     =127,0,0,1,4,1;127,0,0,1,4,1;(127,0,0,1,4,1) after 3,4 retries;\
                     1,2 then 127,0,0,1,4,1";
        for text in texts.split(';') {
            assert_eq!(parse_pasv(text), Ok(v4("127.0.0.1:1025")), "{text}");
        }
        assert_eq!(parse_pasv("(0,0,0,0,255,255)"), Ok(v4("0.0.0.0:65535")));
        // Blanks around the commas are tolerated.
        assert_eq!(
            parse_pasv("(127, 0 ,\t0, 1, 4, 1)"),
            Ok(v4("127.0.0.1:1025"))
        );
    }

    #[test]
    fn pasv_rejects_out_of_range_huge_too_few_too_many_negative_and_port_zero() {
        let texts = "(256,0,0,1,4,1);(127,0,0,1,4,256);(127,0,0,1,4,99999999999999999999);\
                     (99999999999999999999999999,0,0,1,4,1);(127,0,0,1,4,-1);(-127,0,0,1,4,1);\
                     Entering Passive Mode (127,0,0,1,4);(127,0,0,1,4,1,7);;Entering Passive Mode;\
                     (127,0,0,1,,4,1);(10,0,0,1,0,0)";
        for text in texts.split(';') {
            assert!(bad_pasv(text), "{text:?} should be refused");
        }
    }

    #[test]
    fn pasv_error_keeps_a_short_snippet() {
        let Err(AddrError::BadPasv { text }) = parse_pasv(&"x".repeat(500)) else {
            panic!("expected BadPasv");
        };
        assert_eq!(text.len(), crate::proto::EXCERPT_CHARS);
        let msg = AddrError::BadPasv { text: "no".into() }.to_string();
        assert_eq!(
            msg,
            "could not find h1,h2,h3,h4,p1,p2 in the 227 reply: \"no\""
        );
    }

    #[test]
    fn epsv_with_pipe_and_other_delimiters() {
        assert_eq!(
            parse_epsv("Entering Extended Passive Mode (|||6446|)"),
            Ok(6446)
        );
        assert_eq!(
            parse_epsv("Entering Extended Passive Mode (!!!6446!)."),
            Ok(6446)
        );
        assert_eq!(parse_epsv("(~~~1~)"), Ok(1));
        assert_eq!(parse_epsv("()))65535))"), Ok(65535));
    }

    #[test]
    fn epsv_ignores_protocol_and_host_fields_and_finds_a_later_group() {
        assert_eq!(parse_epsv("(|2|::1|6446|)"), Ok(6446));
        assert_eq!(parse_epsv("(|1|10.0.0.1|21|)"), Ok(21));
        assert_eq!(parse_epsv("(note) Entering (|||2121|)"), Ok(2121));
    }

    #[test]
    fn epsv_rejects_bad_ports_and_garbage() {
        let texts = "(|||0|);(|||70000|);(|||99999999999999999999|);(||||);(|||-1|);(||| 6446|);\
                     (|||6446!);(|||6446|;(|||6446|];( ||6446 );|||6446|;(;;(\x7f\x7f\x7f1\x7f);\
                     Entering Extended Passive Mode";
        for text in texts.split(';') {
            let got = parse_epsv(text);
            assert!(
                matches!(got, Err(AddrError::BadEpsv { .. })),
                "{text:?}: {got:?}"
            );
        }
        let msg = AddrError::BadEpsv { text: "x".into() }.to_string();
        assert_eq!(msg, "could not find (|||port|) in the 229 reply: \"x\"");
    }

    #[test]
    fn port_and_eprt_formatting() {
        assert_eq!(format_port(v4("132.235.1.2:6275")), "132,235,1,2,24,131");
        assert_eq!(format_port(v4("0.0.0.0:0")), "0,0,0,0,0,0");
        let addr = v4("127.0.0.1:1025");
        assert_eq!(parse_pasv(&format_port(addr)), Ok(addr));
        let eprt = |s: &str| format_eprt(s.parse().unwrap());
        assert_eq!(eprt("132.235.1.2:6275"), "|1|132.235.1.2|6275|");
        assert_eq!(eprt("[::1]:6275"), "|2|::1|6275|");
        assert_eq!(
            eprt("[1080::8:800:200C:417A]:5282"),
            "|2|1080::8:800:200c:417a|5282|"
        );
        assert_eq!(eprt("[::ffff:10.0.0.1]:21"), "|1|10.0.0.1|21|");
    }

    #[test]
    fn classify_each_class_including_mapped_ipv6() {
        use AddrClass::*;
        for (class, addrs) in [
            (Unspecified, ":: 0.0.0.0 ::ffff:0.0.0.0"),
            (Loopback, "127.0.0.1 127.255.0.9 ::1 ::ffff:127.0.0.1"),
            (
                Private,
                "10.1.2.3 172.16.0.1 172.31.255.255 192.168.1.1 100.64.0.1",
            ),
            (
                Private,
                "100.127.255.255 fc00::1 fd12:3456::1 ::ffff:10.0.0.1",
            ),
            (LinkLocal, "169.254.1.1 fe80::1 febf::1 ::ffff:169.254.0.1"),
            (
                Unusable,
                "224.0.0.1 255.255.255.255 240.0.0.1 0.1.2.3 ff02::1",
            ),
            (
                Public,
                "8.8.8.8 172.32.0.1 100.128.0.1 2001:db8::1 ::ffff:8.8.8.8",
            ),
        ] {
            for addr in addrs.split(' ') {
                assert_eq!(classify(ip(addr)), class, "{addr}");
            }
        }
    }

    #[test]
    fn default_policy_uses_the_control_peer() {
        assert_eq!(PasvAddressPolicy::default(), PasvAddressPolicy::Peer);
        for peer in [ip("203.0.113.7"), ip("2001:db8::7")] {
            let got = pasv_target(v4("10.0.0.5:5000"), peer, PasvAddressPolicy::default());
            assert_eq!(got, Ok(SocketAddr::new(peer, 5000)));
        }
    }

    #[test]
    fn server_policy_allows_public_and_same_class_targets_and_maps_unspecified_to_peer() {
        for (adv, peer) in [
            ("198.51.100.9:4000", "203.0.113.7"),
            ("198.51.100.9:4000", "10.0.0.1"),
            ("10.0.0.5:4000", "192.168.1.1"),
            ("10.0.0.5:4000", "::ffff:192.168.1.1"),
            ("127.0.0.1:4000", "127.0.0.1"),
            ("127.0.0.1:4000", "::1"),
            ("169.254.3.3:4000", "169.254.9.9"),
        ] {
            let got = pasv_target(v4(adv), ip(peer), PasvAddressPolicy::Server);
            assert_eq!(got, Ok(SocketAddr::V4(v4(adv))), "{adv} via {peer}");
        }
        let peer = ip("203.0.113.7");
        let got = pasv_target(v4("0.0.0.0:4000"), peer, PasvAddressPolicy::Server);
        assert_eq!(got, Ok(SocketAddr::new(peer, 4000)));
    }

    #[test]
    fn server_policy_refuses_steering_into_our_network() {
        for case in [
            "10.0.0.5 203.0.113.7 public private",
            "127.0.0.1 203.0.113.7 public loopback",
            "127.0.0.1 10.0.0.1 private loopback",
            "169.254.1.1 192.168.1.1 private link-local",
            "192.168.1.1 fe80::1 link-local private",
            "224.0.0.1 224.0.0.2",
            "255.255.255.255 203.0.113.7",
        ] {
            let words: Vec<&str> = case.split(' ').collect();
            let (adv, peer) = (ip(words[0]), ip(words[1]));
            let IpAddr::V4(adv4) = adv else {
                unreachable!()
            };
            let got = pasv_target(
                SocketAddrV4::new(adv4, 4000),
                peer,
                PasvAddressPolicy::Server,
            );
            let Err(AddrError::Refused {
                advertised,
                peer: p,
                reason,
            }) = got
            else {
                panic!("{case} should be refused, got {got:?}");
            };
            assert_eq!((advertised, p), (adv, peer));
            let want = match words[2..] {
                [from, to] => format!("at a {from} address may not send us to a {to} address"),
                _ => "multicast, broadcast or reserved".to_owned(),
            };
            assert!(reason.contains(&want), "{reason}");
        }
        let got = pasv_target(v4("10.0.0.5:1"), ip("8.8.8.8"), PasvAddressPolicy::Server);
        let msg = got.unwrap_err().to_string();
        let want = "refused to connect to 10.0.0.5 advertised by the server at 8.8.8.8: a server";
        assert!(msg.starts_with(want), "{msg}");
    }
}
