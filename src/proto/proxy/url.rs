//! Proxy URLs as curl takes them: `socks5://`, `socks5h://`, `socks4://`, `socks4a://` and
//! `http://`, each with an optional percent-encoded `user:password@`, a host (a name, IPv4 or
//! a bracketed IPv6 address) and a port (1080 when none is given, as curl assumes). A URL
//! without a scheme is an HTTP proxy, as in curl. The password never appears in what
//! [`ProxyUrl`] prints, nor in its `Debug`, nor in a parse error.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

use percent_encoding::percent_decode_str;

use crate::proto::command::Secret;

/// The port a proxy URL without one means (curl's default for every scheme).
pub const DEFAULT_PROXY_PORT: u16 = 1080;

/// How to talk to the proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyScheme {
    /// SOCKS5; ferry resolves the server's name itself.
    Socks5,
    /// SOCKS5; the proxy resolves the server's name.
    Socks5h,
    /// SOCKS4: IPv4 only, ferry resolves the name.
    Socks4,
    /// SOCKS4a: the proxy resolves the name.
    Socks4a,
    /// HTTP CONNECT.
    Http,
}

impl ProxyScheme {
    /// The scheme as written in a URL.
    pub fn as_str(self) -> &'static str {
        match self {
            ProxyScheme::Socks5 => "socks5",
            ProxyScheme::Socks5h => "socks5h",
            ProxyScheme::Socks4 => "socks4",
            ProxyScheme::Socks4a => "socks4a",
            ProxyScheme::Http => "http",
        }
    }

    /// True when the proxy, not ferry, resolves the server's name.
    pub fn remote_dns(self) -> bool {
        matches!(
            self,
            ProxyScheme::Socks5h | ProxyScheme::Socks4a | ProxyScheme::Http
        )
    }
}

/// A parsed proxy URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyUrl {
    /// The protocol.
    pub scheme: ProxyScheme,
    /// The proxy's host (IPv6 without brackets).
    pub host: String,
    /// The proxy's port.
    pub port: u16,
    /// The user name for the proxy, when given.
    pub user: Option<String>,
    /// The password for the proxy, when given.
    pub password: Option<Secret>,
}

/// A proxy URL that does not parse; its text never shows the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad proxy URL {shown:?}: {why}")]
pub struct ProxyUrlError {
    /// The URL as given, with any password replaced by `****`.
    pub shown: String,
    /// What is wrong.
    pub why: String,
}

impl ProxyUrl {
    /// Parses `[scheme://][user[:password]@]host[:port][/]`.
    pub fn parse(text: &str) -> Result<ProxyUrl, ProxyUrlError> {
        let fail = |why: &str| ProxyUrlError {
            shown: mask(text),
            why: why.to_owned(),
        };
        let text = text.trim();
        let (scheme, rest) = match text.split_once("://") {
            Some((scheme, rest)) => (scheme_of(scheme).ok_or_else(|| fail(UNKNOWN))?, rest),
            None => (ProxyScheme::Http, text),
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains('/') || rest.contains('?') || rest.contains('#') {
            return Err(fail("a proxy URL has no path"));
        }
        let (userinfo, hostport) = match rest.rsplit_once('@') {
            Some((userinfo, hostport)) => (Some(userinfo), hostport),
            None => (None, rest),
        };
        let (user, password) = match userinfo {
            None => (None, None),
            Some(info) => {
                let (user, password) = match info.split_once(':') {
                    Some((u, p)) => (u, Some(p)),
                    None => (info, None),
                };
                let user = decode(user).ok_or_else(|| fail("the user name is not valid"))?;
                let password = match password {
                    Some(p) => Some(Secret::new(
                        decode(p).ok_or_else(|| fail("the password is not valid"))?,
                    )),
                    None => None,
                };
                (Some(user), password)
            }
        };
        let (host, port) = host_port(hostport).map_err(fail)?;
        Ok(ProxyUrl {
            scheme,
            host,
            port: port.unwrap_or(DEFAULT_PROXY_PORT),
            user: user.filter(|u| !u.is_empty()),
            password,
        })
    }

    /// The user name and password, when both are there (an absent password is empty).
    pub fn credentials(&self) -> Option<(&str, &str)> {
        let user = self.user.as_deref()?;
        Some((user, self.password.as_ref().map_or("", Secret::expose)))
    }
}

const UNKNOWN: &str = "unknown scheme: use socks5://, socks5h://, socks4://, socks4a:// or http://";

fn scheme_of(s: &str) -> Option<ProxyScheme> {
    Some(match s.to_ascii_lowercase().as_str() {
        "socks5" => ProxyScheme::Socks5,
        "socks5h" => ProxyScheme::Socks5h,
        "socks4" => ProxyScheme::Socks4,
        "socks4a" => ProxyScheme::Socks4a,
        "http" => ProxyScheme::Http,
        _ => return None,
    })
}

/// Percent-decodes a user name or password; control characters are refused.
fn decode(s: &str) -> Option<String> {
    let decoded = percent_decode_str(s).decode_utf8().ok()?.into_owned();
    (!decoded.chars().any(char::is_control)).then_some(decoded)
}

fn host_port(s: &str) -> Result<(String, Option<u16>), &'static str> {
    let (host, port) = if let Some(inner) = s.strip_prefix('[') {
        let (v6, after) = inner.split_once(']').ok_or("an IPv6 address needs its ]")?;
        v6.parse::<Ipv6Addr>()
            .map_err(|_| "not a valid IPv6 address")?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or("junk after the IPv6 address")?),
        };
        (v6.to_owned(), port)
    } else {
        match s.rsplit_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (s.to_owned(), None),
        }
    };
    if host.is_empty() {
        return Err("the proxy's host is missing");
    }
    let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | ':');
    if !host.chars().all(valid) {
        return Err("the proxy's host is not a valid name or address");
    }
    let port = match port {
        None => None,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => Some(n),
            _ => return Err("the port must be a number from 1 to 65535"),
        },
    };
    Ok((host.to_ascii_lowercase(), port))
}

/// A proxy URL as typed, with whatever sits between `user:` and the last `@` replaced by
/// `****`, for messages about a URL that did not parse.
fn mask(text: &str) -> String {
    let start = text.find("://").map_or(0, |i| i + 3);
    let Some(at) = text[start..].rfind('@').map(|i| start + i) else {
        return text.to_owned();
    };
    match text[start..at].find(':') {
        Some(colon) => format!("{}****{}", &text[..start + colon + 1], &text[at..]),
        None => text.to_owned(),
    }
}

impl fmt::Display for ProxyUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://", self.scheme.as_str())?;
        if let Some(user) = &self.user {
            let user = percent_encoding::utf8_percent_encode(user, USERINFO);
            match self.password {
                Some(_) => write!(f, "{user}:****@")?,
                None => write!(f, "{user}@")?,
            }
        }
        match self.host.parse::<IpAddr>() {
            Ok(IpAddr::V6(v6)) => write!(f, "[{v6}]:{}", self.port),
            _ => write!(f, "{}:{}", self.host, self.port),
        }
    }
}

const USERINFO: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b':')
    .add(b'@')
    .add(b'/')
    .add(b'%');

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(s: &str) -> ProxyUrl {
        ProxyUrl::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn every_scheme_and_its_default_port() {
        for (text, scheme) in [
            ("socks5://p", ProxyScheme::Socks5),
            ("SOCKS5H://p", ProxyScheme::Socks5h),
            ("socks4://p", ProxyScheme::Socks4),
            ("socks4a://p", ProxyScheme::Socks4a),
            ("http://p/", ProxyScheme::Http),
            ("p", ProxyScheme::Http),
        ] {
            let url = parsed(text);
            assert_eq!(
                (url.scheme, url.host.as_str(), url.port),
                (scheme, "p", 1080)
            );
        }
        assert!(ProxyScheme::Socks5h.remote_dns() && !ProxyScheme::Socks5.remote_dns());
    }

    #[test]
    fn credentials_are_percent_decoded_and_never_shown() {
        let url = parsed("socks5h://ferrytest:ferry%20pass%201@127.0.0.1:1080");
        assert_eq!(url.credentials(), Some(("ferrytest", "ferry pass 1")));
        assert_eq!(url.to_string(), "socks5h://ferrytest:****@127.0.0.1:1080");
        assert!(!format!("{url:?}").contains("ferry pass"));
        let url = parsed("http://a%40b:p@ss@[::1]:3128");
        assert_eq!(url.credentials(), Some(("a@b", "p@ss")));
        assert_eq!(url.host, "::1");
        assert_eq!(url.to_string(), "http://a%40b:****@[::1]:3128");
        assert_eq!(parsed("socks5://u@h").credentials(), Some(("u", "")));
        assert_eq!(parsed("socks5://h").credentials(), None);
    }

    #[test]
    fn bad_urls_are_refused_without_their_password() {
        for bad in [
            "ftp://u:hunter2@h:1",
            "socks5://u:hunter2@h:0",
            "socks5://u:hunter2@h:99999",
            "socks5://u:hunter2@",
            "socks5://u:hunter2@h/path",
            "socks5://u:hunter2@[::1",
            "socks5://u:hunter2@h b",
            "https://u:hunter2@h",
        ] {
            let e = ProxyUrl::parse(bad).unwrap_err().to_string();
            assert!(!e.contains("hunter2"), "{e}");
            assert!(e.contains("****"), "{e}");
        }
    }
}
