//! The global options: who to log in as, the data connection, timeouts, retries and TLS. They
//! become the command line's [`Settings`] layer, above the environment and the config file.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use ferry::config::UserArg;
use ferry::config::proxy::NoProxy;
use ferry::config::settings::Settings;
use ferry::engine::options::CharsetChoice;
use ferry::engine::tls::verify::Trust;
use ferry::engine::tls::{Backend, TlsMode};
use ferry::proto::addr::PasvAddressPolicy;
use ferry::proto::channel::DataMode;
use ferry::proto::proxy::ProxyUrl;

/// Options that apply to every subcommand (`global = true`).
#[derive(Debug, Args)]
pub struct Global {
    /// Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a
    /// prompt)
    #[arg(short = 'u', long = "user", value_name = "USER[:PASS]", global = true)]
    user: Option<String>,
    /// Print the protocol conversation on stderr (passwords hidden)
    #[arg(short, long, global = true)]
    verbose: bool,
    /// No progress bars or summaries
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT
    #[arg(long, value_name = "MODE", global = true,
          value_parser = ["auto", "passive", "active", "epsv", "pasv", "eprt", "port"])]
    mode: Option<String>,
    /// Passive data connections only (EPSV, then PASV); same as --mode passive
    #[arg(long, global = true, conflicts_with = "active")]
    passive: bool,
    /// Active data connections only (EPRT, then PORT); same as --mode active
    #[arg(long, global = true)]
    active: bool,
    /// Whose address to use for PASV: the server's control address (peer, the default) or the
    /// one it advertises (server)
    #[arg(long = "pasv-address", value_enum, global = true)]
    pasv_address: Option<PasvArg>,
    /// Address to announce in PORT/EPRT (your public address behind NAT)
    #[arg(long = "active-address", value_name = "ADDR", global = true)]
    active_address: Option<IpAddr>,
    /// Local port range for active mode, e.g. 50000-50100 (what the firewall allows)
    #[arg(long = "active-ports", value_name = "LOW-HIGH", value_parser = parse_range, global = true)]
    active_ports: Option<(u16, u16)>,
    /// Seconds to wait for a TCP connection (15)
    #[arg(long = "connect-timeout", value_name = "SECS", global = true)]
    connect_timeout: Option<u64>,
    /// Seconds without any answer before giving up, control and data connections (60)
    #[arg(long, value_name = "SECS", global = true)]
    timeout: Option<u64>,
    /// Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)
    #[arg(long, value_name = "N", global = true)]
    retries: Option<u32>,
    /// Seconds to wait before the first retry (1); the wait doubles each time
    #[arg(long = "retry-wait", value_name = "SECS", global = true)]
    retry_wait: Option<f64>,
    /// Limit downloads and uploads to RATE bytes per second, all connections together
    /// (curl's syntax: 500K, 2M, 1G; K = 1024; off for none)
    #[arg(long = "limit-rate", value_name = "RATE", value_parser = super::parse_rate_value, global = true)]
    limit_rate: Option<u64>,
    /// Character set of the server's file names: auto (the default: UTF-8 when the server
    /// offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a
    /// name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1
    #[arg(long, value_name = "NAME", value_parser = parse_charset, global = true)]
    charset: Option<CharsetChoice>,
    /// Connect through this proxy, control and data connections alike: socks5h://HOST:PORT
    /// (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http://
    /// (CONNECT), with USER:PASSWORD@ when it asks; '' connects directly
    #[arg(long, value_name = "URL", value_parser = parse_proxy, global = true)]
    proxy: Option<ProxyArg>,
    /// Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR
    /// ranges, comma-separated, or * for all
    #[arg(long, value_name = "LIST", value_parser = parse_noproxy, global = true)]
    noproxy: Option<NoProxy>,
    #[command(flatten)]
    tls: TlsArgs,
}

/// A `--proxy` value: a proxy, or none ('').
#[derive(Debug, Clone)]
struct ProxyArg(Option<ProxyUrl>);

fn parse_proxy(s: &str) -> Result<ProxyArg, String> {
    ferry::config::proxy::parse_proxy(s).map(ProxyArg)
}

fn parse_noproxy(s: &str) -> Result<NoProxy, String> {
    NoProxy::parse(s)
}

/// FTPS options.
#[derive(Debug, Args)]
struct TlsArgs {
    /// TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require
    /// (--tls alone), or off
    #[arg(long, value_name = "WHEN", num_args = 0..=1, require_equals = true,
          default_missing_value = "require", value_parser = ["off", "auto", "require"], global = true)]
    tls: Option<String>,
    /// Trust the certificates in FILE (PEM): CAs, or the server's own self-signed certificate
    #[arg(long, value_name = "FILE", global = true)]
    cacert: Option<PathBuf>,
    /// Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)
    #[arg(long, value_name = "sha256:HEX", value_parser = parse_pin, global = true)]
    pin: Option<[u8; 32]>,
    /// Do not check the server's certificate at all (not recommended)
    #[arg(long, global = true)]
    insecure: bool,
    /// Highest TLS version to use: 1.2 or 1.3
    #[arg(long = "tls-max", value_name = "VERSION", value_parser = ["1.2", "1.3"], global = true)]
    tls_max: Option<String>,
    /// TLS implementation: rustls (the default; resumes TLS sessions on data connections, as
    /// vsftpd and ProFTPD require) or native (the system library; needs the native-tls build
    /// feature)
    #[arg(long = "tls-backend", value_name = "BACKEND", value_parser = ["rustls", "native"],
          global = true)]
    tls_backend: Option<String>,
}

fn parse_charset(s: &str) -> Result<CharsetChoice, String> {
    s.parse()
        .map_err(|e: ferry::proto::charset::CharsetError| e.to_string())
}

fn parse_pin(s: &str) -> Result<[u8; 32], String> {
    ferry::engine::tls::verify::parse_pin(s).map_err(|e| e.to_string())
}

impl TlsArgs {
    fn mode(&self) -> Option<TlsMode> {
        self.tls
            .as_deref()
            .map(|t| ferry::config::settings::parse_tls_mode(t).expect("clap checked the value"))
    }

    fn trust(&self) -> Option<Trust> {
        if self.insecure {
            eprintln!(
                "ferry: warning: --insecure: the server's certificate is not checked; \
                 anyone on the way can read and change this session"
            );
        }
        ferry::config::settings::trust(self.insecure, self.pin, self.cacert.clone())
    }

    fn backend(&self) -> Option<Backend> {
        self.tls_backend.as_deref().map(|b| match b {
            "native" => Backend::Native,
            _ => Backend::Rustls,
        })
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PasvArg {
    Peer,
    Server,
}

fn parse_range(s: &str) -> Result<(u16, u16), String> {
    ferry::config::settings::parse_port_range(s)
}

impl Global {
    /// The command line's layer of settings.
    pub fn settings(self) -> Settings {
        Settings {
            mode: self.data_mode(),
            pasv_address: self.pasv_address.map(|p| match p {
                PasvArg::Peer => PasvAddressPolicy::Peer,
                PasvArg::Server => PasvAddressPolicy::Server,
            }),
            active_address: self.active_address,
            active_ports: self.active_ports,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            retries: self.retries,
            retry_wait: self.retry_wait,
            // -P belongs to the transfer commands, which pass it with the command.
            parallel: None,
            limit_rate: self.limit_rate,
            charset: self.charset,
            tls: self.tls.mode(),
            trust: self.tls.trust(),
            tls_max12: self.tls.tls_max.as_deref().map(|v| v == "1.2"),
            tls_backend: self.tls.backend(),
            verbose: self.verbose.then_some(true),
            quiet: self.quiet.then_some(true),
            user: self.user.as_deref().map(UserArg::parse),
            port: None,
            proxy: self.proxy.map(|p| p.0),
            noproxy: self.noproxy,
        }
    }

    /// `--passive` and `--active` are aliases of `--mode passive|active`.
    fn data_mode(&self) -> Option<DataMode> {
        if self.passive {
            Some(DataMode::Passive)
        } else if self.active {
            Some(DataMode::Active)
        } else {
            self.mode
                .as_deref()
                .map(|m| m.parse().expect("clap checked the value"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_ranges_are_checked() {
        assert_eq!(parse_range("50000-50100"), Ok((50000, 50100)));
        assert!(parse_range("5-1").is_err());
        assert!(parse_range("0-10").is_err());
        assert!(parse_range("x").is_err());
    }
}
