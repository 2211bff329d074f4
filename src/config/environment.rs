//! The environment layer: one `FERRY_*` variable per global option (see [`ENVIRONMENT`]), and
//! the proxy variables curl reads for FTP ([`PROXY_ENVIRONMENT`]). An empty variable counts as
//! unset; a bad value is an error naming the variable.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::config::UserArg;
use crate::config::proxy::{NoProxy, parse_proxy};
use crate::config::settings::Settings;
use crate::config::values::{
    parse_backend, parse_pasv_address, parse_pin, parse_port_range, parse_rate, parse_tls_max,
    parse_tls_mode, parse_user_name, trust,
};
use crate::error::{Error, Result};

/// The environment variables of the global options, as `--help` and the README list them.
pub const ENVIRONMENT: &[&str] = &[
    "FERRY_USER",
    "FERRY_VERBOSE",
    "FERRY_QUIET",
    "FERRY_MODE",
    "FERRY_PASV_ADDRESS",
    "FERRY_ACTIVE_ADDRESS",
    "FERRY_ACTIVE_PORTS",
    "FERRY_CONNECT_TIMEOUT",
    "FERRY_TIMEOUT",
    "FERRY_RETRIES",
    "FERRY_RETRY_WAIT",
    "FERRY_PARALLEL",
    "FERRY_LIMIT_RATE",
    "FERRY_CHARSET",
    "FERRY_TLS",
    "FERRY_CACERT",
    "FERRY_PIN",
    "FERRY_INSECURE",
    "FERRY_TLS_MAX",
    "FERRY_TLS_BACKEND",
];

/// The proxy variables, as curl reads them for `ftp://`: the first of `ftp_proxy`,
/// `FTP_PROXY`, `all_proxy`, `ALL_PROXY` that is set is the proxy, and `no_proxy` (else
/// `NO_PROXY`) the hosts that bypass it.
pub const PROXY_ENVIRONMENT: &[&str] = &[
    "ftp_proxy",
    "FTP_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
];

/// The environment layer, from this process's `FERRY_*` variables.
pub fn from_environment() -> Result<Settings> {
    parse_environment(|name| std::env::var_os(name))
}

/// The environment layer from `lookup` (a variable's value, `None` when unset). An empty value
/// counts as unset; a value that does not parse is an error that names the variable.
pub fn parse_environment(lookup: impl Fn(&str) -> Option<OsString>) -> Result<Settings> {
    let lookup = &lookup;
    let insecure = env_value(lookup, "FERRY_INSECURE", parse_bool)?;
    let pin = env_value(lookup, "FERRY_PIN", parse_pin)?;
    let cacert = env_value(lookup, "FERRY_CACERT", |s| Ok(PathBuf::from(s)))?;
    Ok(Settings {
        mode: env_value(lookup, "FERRY_MODE", |s| s.parse())?,
        pasv_address: env_value(lookup, "FERRY_PASV_ADDRESS", parse_pasv_address)?,
        active_address: env_value(lookup, "FERRY_ACTIVE_ADDRESS", |s| {
            s.parse()
                .map_err(|_| format!("{s:?} is not an IPv4 or IPv6 address"))
        })?,
        active_ports: env_value(lookup, "FERRY_ACTIVE_PORTS", parse_port_range)?,
        connect_timeout: env_value(lookup, "FERRY_CONNECT_TIMEOUT", parse_whole)?,
        timeout: env_value(lookup, "FERRY_TIMEOUT", parse_whole)?,
        retries: env_value(lookup, "FERRY_RETRIES", parse_whole)?,
        retry_wait: env_value(lookup, "FERRY_RETRY_WAIT", parse_seconds)?,
        parallel: env_value(lookup, "FERRY_PARALLEL", |s| s.parse())?,
        limit_rate: env_value(lookup, "FERRY_LIMIT_RATE", parse_rate)?,
        charset: env_value(lookup, "FERRY_CHARSET", |s| {
            s.parse()
                .map_err(|e: crate::proto::charset::CharsetError| e.to_string())
        })?,
        tls: env_value(lookup, "FERRY_TLS", parse_tls_mode)?,
        trust: trust(insecure.unwrap_or(false), pin, cacert),
        tls_max12: env_value(lookup, "FERRY_TLS_MAX", parse_tls_max)?,
        tls_backend: env_value(lookup, "FERRY_TLS_BACKEND", parse_backend)?,
        verbose: env_value(lookup, "FERRY_VERBOSE", parse_bool)?,
        quiet: env_value(lookup, "FERRY_QUIET", parse_bool)?,
        user: env_value(lookup, "FERRY_USER", parse_user_name)?.map(|user| UserArg {
            user,
            password: None,
        }),
        port: None,
        proxy: first_of(lookup, &PROXY_ENVIRONMENT[..4], parse_proxy)?,
        noproxy: first_of(lookup, &PROXY_ENVIRONMENT[4..], NoProxy::parse)?,
    })
}

/// The first of `names` that is set, through `parse`.
fn first_of<T>(
    lookup: &dyn Fn(&str) -> Option<OsString>,
    names: &[&str],
    parse: impl Fn(&str) -> std::result::Result<T, String>,
) -> Result<Option<T>> {
    for name in names {
        if let Some(value) = env_value(lookup, name, &parse)? {
            return Ok(Some(value));
        }
    }
    Ok(None)
}

/// One variable through `parse`; unset or empty is `None`.
fn env_value<T>(
    lookup: &dyn Fn(&str) -> Option<OsString>,
    name: &str,
    parse: impl Fn(&str) -> std::result::Result<T, String>,
) -> Result<Option<T>> {
    let Some(raw) = lookup(name).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let bad = |msg: &str| Error::Usage(format!("environment variable {name}: {msg}"));
    let text = raw.to_str().ok_or_else(|| bad("not valid UTF-8"))?;
    parse(text.trim()).map(Some).map_err(|msg| bad(&msg))
}

/// `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off`.
fn parse_bool(s: &str) -> std::result::Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(format!(
            "expected 1 or 0 (true/false, yes/no, on/off), not {s:?}"
        )),
    }
}

/// A whole number (seconds, retries).
fn parse_whole<T: std::str::FromStr>(s: &str) -> std::result::Result<T, String> {
    s.parse()
        .map_err(|_| format!("expected a whole number, not {s:?}"))
}

/// Seconds, possibly fractional, not negative.
fn parse_seconds(s: &str) -> std::result::Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("expected a number of seconds, not {s:?}")),
    }
}
