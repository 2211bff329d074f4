//! Proxies without I/O: what a proxy URL says ([`ProxyUrl`]), where a connection through it
//! goes ([`Target`]), why a proxy said no ([`ProxyFailure`]), and the handshakes themselves as
//! bytes to write and bytes to read: SOCKS5 (RFC 1928, with RFC 1929's user name and password)
//! and SOCKS4/4a in `socks.rs`, HTTP CONNECT in `http.rs`.
//!
//! The handshakes never read past their own answer: after it, the same socket carries FTP (a
//! greeting, or a data connection's bytes), so each parser says how many bytes it needs in
//! all before it can decide, and the driver reads exactly that many.

mod http;
mod socks;
mod url;

use std::fmt;
use std::net::IpAddr;

pub use http::{HttpHead, connect_request, parse_head};
pub use socks::{Socks5Reply, Socks5Step, socks4_reply, socks4_request, socks5};
pub use url::{ProxyScheme, ProxyUrl, ProxyUrlError};

/// Where a connection made through a proxy goes: a name the proxy resolves, or an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetHost {
    /// A host name, resolved by the proxy (`socks5h`, `socks4a`, `http`).
    Name(String),
    /// An address.
    Ip(IpAddr),
}

/// A host and port to reach (through a proxy or not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The host.
    pub host: TargetHost,
    /// The TCP port.
    pub port: u16,
}

impl Target {
    /// A target given as an address.
    pub fn ip(ip: IpAddr, port: u16) -> Target {
        Target {
            host: TargetHost::Ip(ip),
            port,
        }
    }

    /// A target given as text: an address when `host` is one (IPv6 without brackets), else a
    /// name.
    pub fn named(host: &str, port: u16) -> Target {
        let host = match host.parse::<IpAddr>() {
            Ok(ip) => TargetHost::Ip(ip),
            Err(_) => TargetHost::Name(host.to_owned()),
        };
        Target { host, port }
    }
}

impl fmt::Display for TargetHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetHost::Name(name) => f.write_str(name),
            TargetHost::Ip(IpAddr::V6(v6)) => write!(f, "[{v6}]"),
            TargetHost::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.host, self.port)
    }
}

/// Why a proxy did not make the connection, as its answer says.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProxyFailure {
    /// The proxy wants a user name and password, and the proxy URL gives none.
    #[error("the proxy requires a user name and password")]
    AuthRequired,
    /// The proxy refused the user name and password.
    #[error("the proxy refused the user name and password")]
    AuthFailed,
    /// The proxy's rules do not allow the connection (or it cannot do what was asked).
    #[error("the proxy refused the connection: {0}")]
    Refused(String),
    /// The proxy could not reach the server.
    #[error("the proxy could not reach the server: {0}")]
    Unreachable(String),
    /// The answer is not the protocol the proxy URL names.
    #[error("the proxy's answer is not {protocol}: {detail}")]
    Protocol {
        /// `SOCKS5`, `SOCKS4` or `HTTP`.
        protocol: &'static str,
        /// What was wrong with it.
        detail: String,
    },
}

impl ProxyFailure {
    /// True when the failure is about the proxy's credentials or rules, not the network.
    pub fn is_refusal(&self) -> bool {
        !matches!(self, ProxyFailure::Unreachable(_))
    }
}
