//! The values of settings as text: port ranges, TLS modes, certificate rules, user names, …
//! One parser each, shared by the config file, the environment and the command line.

use std::path::PathBuf;

use crate::engine::tls::verify::Trust;
use crate::engine::tls::{Backend, TlsMode};
use crate::proto::addr::PasvAddressPolicy;

/// The certificate rule of one layer: insecure beats a pin beats a CA file, as on the command
/// line.
pub fn trust(insecure: bool, pin: Option<[u8; 32]>, cacert: Option<PathBuf>) -> Option<Trust> {
    if insecure {
        Some(Trust::Insecure)
    } else if let Some(pin) = pin {
        Some(Trust::Pin(pin))
    } else {
        cacert.map(|p| Trust::CaFile(expand_home(p)))
    }
}

/// `~/x` in a config file means the home directory's `x`.
fn expand_home(p: PathBuf) -> PathBuf {
    match (p.strip_prefix("~"), dirs::home_dir()) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => p,
    }
}

/// Parses `LOW-HIGH` port ranges (shared with the command line).
pub fn parse_port_range(s: &str) -> std::result::Result<(u16, u16), String> {
    let (low, high) = s
        .split_once('-')
        .ok_or("expected LOW-HIGH, e.g. 50000-50100")?;
    let low: u16 = low
        .trim()
        .parse()
        .map_err(|_| format!("bad port {low:?}"))?;
    let high: u16 = high
        .trim()
        .parse()
        .map_err(|_| format!("bad port {high:?}"))?;
    if low == 0 || low > high {
        return Err(format!(
            "{low}-{high} is not a range of ports (1-65535, low to high)"
        ));
    }
    Ok((low, high))
}

/// Parses `off`, `auto` or `require`.
pub fn parse_tls_mode(s: &str) -> std::result::Result<TlsMode, String> {
    match s {
        "off" => Ok(TlsMode::Off),
        "auto" => Ok(TlsMode::Auto),
        "require" => Ok(TlsMode::Require),
        other => Err(format!("unknown tls {other:?}: use off, auto or require")),
    }
}

/// Parses `peer` or `server`.
pub(crate) fn parse_pasv_address(s: &str) -> std::result::Result<PasvAddressPolicy, String> {
    match s {
        "peer" => Ok(PasvAddressPolicy::Peer),
        "server" => Ok(PasvAddressPolicy::Server),
        other => Err(format!(
            "unknown pasv_address {other:?}: use peer or server"
        )),
    }
}

/// Parses `sha256:HEX`.
pub(crate) fn parse_pin(s: &str) -> std::result::Result<[u8; 32], String> {
    crate::engine::tls::verify::parse_pin(s).map_err(|e| e.to_string())
}

/// Parses `1.2` (true: cap at TLS 1.2) or `1.3`.
pub(crate) fn parse_tls_max(s: &str) -> std::result::Result<bool, String> {
    match s {
        "1.2" => Ok(true),
        "1.3" => Ok(false),
        other => Err(format!("unknown tls_max {other:?}: use \"1.2\" or \"1.3\"")),
    }
}

/// Parses `rustls` or `native`.
pub(crate) fn parse_backend(s: &str) -> std::result::Result<Backend, String> {
    match s {
        "rustls" => Ok(Backend::Rustls),
        "native" => Ok(Backend::Native),
        other => Err(format!(
            "unknown tls_backend {other:?}: use rustls or native"
        )),
    }
}

/// A user name without a password.
pub(crate) fn parse_user_name(s: &str) -> std::result::Result<String, String> {
    if s.contains(':') {
        Err("user takes a name only; keep passwords in ~/.netrc or a bookmark".into())
    } else {
        Ok(s.to_owned())
    }
}
