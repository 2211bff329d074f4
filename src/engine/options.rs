//! The settings a session is made with, resolved once by the front end (the engine never sees
//! the command line or the config file).

use std::net::IpAddr;
use std::time::Duration;

use crate::engine::tls::verify::{TlsSettings, Trust};
use crate::engine::tls::{Backend, TlsMode};
use crate::proto::addr::PasvAddressPolicy;
use crate::proto::channel::DataMode;
use crate::proto::charset::Charset;

/// Which charset names are in: `--charset NAME`, or `auto` (the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CharsetChoice {
    /// UTF-8 when FEAT offers UTF8 or the names are UTF-8; otherwise guessed from the names
    /// seen in the first listing that is not plain ASCII (see `engine::charset`).
    #[default]
    Auto,
    /// This charset, whatever the server says.
    Fixed(Charset),
}

impl std::str::FromStr for CharsetChoice {
    type Err = crate::proto::charset::CharsetError;
    fn from_str(s: &str) -> Result<CharsetChoice, Self::Err> {
        if s.trim().eq_ignore_ascii_case("auto") {
            Ok(CharsetChoice::Auto)
        } else {
            Charset::from_name(s).map(CharsetChoice::Fixed)
        }
    }
}

impl std::fmt::Display for CharsetChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CharsetChoice::Auto => f.write_str("auto"),
            CharsetChoice::Fixed(c) => write!(f, "{c}"),
        }
    }
}
use crate::proto::proxy::ProxyUrl;

/// Settings that shape a session; resolved once by the front end.
#[derive(Debug, Clone)]
pub struct Options {
    /// Bound on each TCP connect.
    pub connect_timeout: Duration,
    /// Bound on every read and write, control and data.
    pub timeout: Duration,
    /// Which data-channel modes to try.
    pub data_mode: DataMode,
    /// Whether the address in a 227 reply is trusted.
    pub pasv_policy: PasvAddressPolicy,
    /// Address announced in PORT/EPRT instead of the control socket's (NAT).
    pub active_address: Option<IpAddr>,
    /// Local port range for active-mode listeners (firewalls).
    pub active_ports: Option<(u16, u16)>,
    /// When to use explicit TLS (AUTH TLS) on the control connection.
    pub tls: TlsMode,
    /// TLS from the first byte (`ftps://`, port 990).
    pub implicit_tls: bool,
    /// Certificate checking and protocol versions.
    pub tls_settings: TlsSettings,
    /// Which TLS implementation.
    pub tls_backend: Backend,
    /// The charset of names on the wire.
    pub charset: CharsetChoice,
    /// The proxy every connection of the session goes through (`None`: direct), already
    /// decided for this host (`--noproxy`, `no_proxy`).
    pub proxy: Option<ProxyUrl>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connect_timeout: Duration::from_secs(15),
            timeout: Duration::from_secs(60),
            data_mode: DataMode::Auto,
            pasv_policy: PasvAddressPolicy::Peer,
            active_address: None,
            active_ports: None,
            tls: TlsMode::Auto,
            implicit_tls: false,
            tls_settings: TlsSettings {
                trust: Trust::System,
                max_tls12: false,
            },
            tls_backend: Backend::Rustls,
            charset: CharsetChoice::Auto,
            proxy: None,
        }
    }
}
