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

/// Parses a bandwidth limit in curl's syntax: bytes per second, with `K`, `M` or `G` for
/// 1024, 1024² or 1024³ (`500K`, `2M`, `1.5G`; any case, an optional `B` and `/s` after).
/// `0` or `off` is no limit (`Ok(0)`).
pub fn parse_rate(s: &str) -> std::result::Result<u64, String> {
    let bad = || format!("bad rate {s:?}: give bytes per second, e.g. 500K, 2M or 1G (or off)");
    let text = s.trim().to_ascii_lowercase();
    if matches!(text.as_str(), "off" | "none" | "unlimited") {
        return Ok(0);
    }
    let text = text.strip_suffix("/s").unwrap_or(&text);
    let text = text.strip_suffix('b').unwrap_or(text);
    let (number, unit) = match text.char_indices().last() {
        Some((i, 'k')) => (&text[..i], 1u64 << 10),
        Some((i, 'm')) => (&text[..i], 1 << 20),
        Some((i, 'g')) => (&text[..i], 1 << 30),
        _ => (text, 1),
    };
    let number = number.trim();
    // Digits and one point only: no sign, exponent, "inf" or "nan".
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let value: f64 = number.parse().map_err(|_| bad())?;
    let bytes = value * unit as f64;
    if bytes >= u64::MAX as f64 {
        return Err(bad());
    }
    Ok(bytes.round() as u64)
}

/// A rate as people read it: `500 KiB/s`, `2 MiB/s`, `1.5 GiB/s`, `100 B/s`.
pub fn format_rate(bytes_per_second: u64) -> String {
    let units = [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (name, size) in units {
        if bytes_per_second >= size {
            let value = bytes_per_second as f64 / size as f64;
            let shown = format!("{value:.2}");
            let shown = shown.trim_end_matches('0').trim_end_matches('.');
            return format!("{shown} {name}/s");
        }
    }
    format!("{bytes_per_second} B/s")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_like_curls() {
        for (typed, bytes) in [
            ("500K", 500 * 1024),
            ("500k", 500 * 1024),
            ("2M", 2 << 20),
            ("1G", 1 << 30),
            ("1.5M", 3 << 19),
            ("100", 100),
            ("2MB", 2 << 20),
            ("2m/s", 2 << 20),
            (" 64K ", 64 << 10),
            ("0", 0),
            ("off", 0),
        ] {
            assert_eq!(parse_rate(typed), Ok(bytes), "{typed}");
        }
        for bad in [
            "", "K", "fast", "-1M", "2X", "1e400", "+5K", "nan", "inf", "1.2.3M",
        ] {
            let e = parse_rate(bad).unwrap_err();
            assert!(e.contains("500K"), "{bad}: {e}");
        }
    }

    #[test]
    fn rates_print_in_binary_units() {
        assert_eq!(format_rate(500 * 1024), "500 KiB/s");
        assert_eq!(format_rate(2 << 20), "2 MiB/s");
        assert_eq!(format_rate(3 << 19), "1.5 MiB/s");
        assert_eq!(format_rate(1 << 30), "1 GiB/s");
        assert_eq!(format_rate(100), "100 B/s");
    }
}
