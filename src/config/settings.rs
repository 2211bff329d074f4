//! Layered settings: the config file's defaults and per-host sections, the environment and the
//! command line, merged by one function ([`Profile::config_for`]) into the engine's [`Config`].
//!
//! Precedence, highest first: command line > environment > the host's section > the file's
//! defaults > built-in defaults. The file is `config.toml` in ferry's config directory
//! (`$FERRY_CONFIG_DIR`, else `ferry/` under the platform's config directory):
//!
//! ```toml
//! mode = "passive"
//! timeout = 30
//!
//! [hosts."ftp.example.org"]
//! user = "alice"
//! tls = "require"
//! port = 2121
//! ```
//!
//! A malformed file or an unknown key is an error that names the line; nothing here panics.
//!
//! The environment layer comes from `FERRY_*` variables, one per global option: the long
//! option's name in capitals with `_` for `-` (`FERRY_MODE`, `FERRY_ACTIVE_PORTS`, …; see
//! `ENVIRONMENT` in `environment.rs`). An empty variable counts as unset; a bad value is an error naming the
//! variable.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::config::proxy::{NoProxy, parse_proxy};
use crate::config::{Config, Parallel, UserArg};
use crate::engine::options::CharsetChoice;
use crate::engine::session::Options;
use crate::engine::tls::verify::{TlsSettings, Trust};
use crate::engine::tls::{Backend, TlsMode};
use crate::error::{Error, Result};
use crate::proto::addr::PasvAddressPolicy;
use crate::proto::channel::DataMode;
use crate::proto::command::Secret;
use crate::proto::proxy::ProxyUrl;

use crate::config::values::{
    parse_backend, parse_pasv_address, parse_pin, parse_tls_max, parse_user_name,
};
pub use crate::config::values::{parse_port_range, parse_tls_mode, trust};

/// The config file's name inside the config directory.
pub const CONFIG_FILE: &str = "config.toml";

macro_rules! gather {
    ($s:expr) => {
        Common {
            mode: $s.mode.map(|v| v.0),
            pasv_address: $s.pasv_address.map(|v| v.0),
            active_address: $s.active_address,
            active_ports: $s.active_ports.map(|v| v.0),
            connect_timeout: $s.connect_timeout,
            timeout: $s.timeout,
            retries: $s.retries,
            retry_wait: $s.retry_wait,
            parallel: $s.parallel.map(|v| v.0),
            limit_rate: $s.limit_rate.map(|v| v.0),
            charset: $s.charset.map(|v| v.0),
            tls: $s.tls.map(|v| v.0),
            trust: trust(
                $s.insecure.unwrap_or(false),
                $s.pin.map(|v| v.0),
                $s.cacert.take(),
            ),
            tls_max12: $s.tls_max.map(|v| v.0),
            tls_backend: $s.tls_backend.map(|v| v.0),
            proxy: $s.proxy.take().map(|v| v.0),
            user: $s.user.take().map(|v| UserArg {
                user: v.0,
                password: None,
            }),
        }
    };
}

/// ferry's config directory: `$FERRY_CONFIG_DIR`, else `ferry/` under the platform's config
/// directory (`~/.config/ferry` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os("FERRY_CONFIG_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::config_dir().map(|d| d.join("ferry")),
    }
}

/// One layer of settings; `None` leaves the decision to the layers below.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Data-connection mode.
    pub mode: Option<DataMode>,
    /// Whose address to use for PASV.
    pub pasv_address: Option<PasvAddressPolicy>,
    /// Address announced in PORT/EPRT.
    pub active_address: Option<IpAddr>,
    /// Local port range for active mode.
    pub active_ports: Option<(u16, u16)>,
    /// Connect timeout, seconds.
    pub connect_timeout: Option<u64>,
    /// Read/write timeout, seconds.
    pub timeout: Option<u64>,
    /// Retries of transient failures.
    pub retries: Option<u32>,
    /// First wait before a retry, seconds.
    pub retry_wait: Option<f64>,
    /// Connections for many-file transfers without `-P`.
    pub parallel: Option<Parallel>,
    /// Bandwidth limit in bytes per second; `Some(0)` is none (overriding a lower layer's).
    pub limit_rate: Option<u64>,
    /// The charset of names on the wire.
    pub charset: Option<CharsetChoice>,
    /// Explicit TLS on `ftp://`.
    pub tls: Option<TlsMode>,
    /// How the server certificate is checked (cacert, pin or insecure).
    pub trust: Option<Trust>,
    /// Cap at TLS 1.2.
    pub tls_max12: Option<bool>,
    /// TLS implementation.
    pub tls_backend: Option<Backend>,
    /// Protocol trace.
    pub verbose: Option<bool>,
    /// No progress or summaries.
    pub quiet: Option<bool>,
    /// Who to log in as.
    pub user: Option<UserArg>,
    /// Port for URLs that do not name one (host sections).
    pub port: Option<u16>,
    /// The proxy (`Some(None)`: connect directly, whatever the layers below say).
    pub proxy: Option<Option<ProxyUrl>>,
    /// Hosts reached without the proxy.
    pub noproxy: Option<NoProxy>,
}

impl Settings {
    /// This layer over `lower`: every setting this layer leaves open comes from `lower`.
    pub fn over(self, lower: &Settings) -> Settings {
        let lower = lower.clone();
        Settings {
            mode: self.mode.or(lower.mode),
            pasv_address: self.pasv_address.or(lower.pasv_address),
            active_address: self.active_address.or(lower.active_address),
            active_ports: self.active_ports.or(lower.active_ports),
            connect_timeout: self.connect_timeout.or(lower.connect_timeout),
            timeout: self.timeout.or(lower.timeout),
            retries: self.retries.or(lower.retries),
            retry_wait: self.retry_wait.or(lower.retry_wait),
            parallel: self.parallel.or(lower.parallel),
            limit_rate: self.limit_rate.or(lower.limit_rate),
            charset: self.charset.or(lower.charset),
            tls: self.tls.or(lower.tls),
            trust: self.trust.or(lower.trust),
            tls_max12: self.tls_max12.or(lower.tls_max12),
            tls_backend: self.tls_backend.or(lower.tls_backend),
            verbose: self.verbose.or(lower.verbose),
            quiet: self.quiet.or(lower.quiet),
            user: self.user.or(lower.user),
            port: self.port.or(lower.port),
            proxy: self.proxy.or(lower.proxy),
            noproxy: self.noproxy.or(lower.noproxy),
        }
    }
}

/// Every layer, kept so that a host's section can be applied when that host is opened.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// The config file's top-level settings.
    pub defaults: Settings,
    /// `[hosts."NAME"]` sections, keyed by lowercased host name.
    pub hosts: BTreeMap<String, Settings>,
    /// The environment's settings.
    pub environment: Settings,
    /// The command line (and settings changed in the shell since).
    pub command_line: Settings,
    /// `$NETRC`, else `~/.netrc`.
    pub netrc_path: Option<PathBuf>,
    /// `$FERRY_PASSWORD`: the password when nothing else gives one.
    pub env_password: Option<Secret>,
    /// Where config.toml and bookmarks.toml live.
    pub config_dir: Option<PathBuf>,
}

impl Profile {
    /// The merged settings for `host` (`None` before any host is known).
    pub fn settings_for(&self, host: Option<&str>) -> Settings {
        let mut merged = self.defaults.clone();
        if let Some(section) = host.and_then(|h| self.hosts.get(&h.to_ascii_lowercase())) {
            merged = section.clone().over(&merged);
        }
        merged = self.environment.clone().over(&merged);
        self.command_line.clone().over(&merged)
    }

    /// The engine's configuration for `host`: the one place where layers become a [`Config`].
    pub fn config_for(&self, host: Option<&str>) -> Config {
        let s = self.settings_for(host);
        let builtin = Options::default();
        let session = Options {
            connect_timeout: s
                .connect_timeout
                .map_or(builtin.connect_timeout, |n| Duration::from_secs(n.max(1))),
            timeout: s
                .timeout
                .map_or(builtin.timeout, |n| Duration::from_secs(n.max(1))),
            data_mode: s.mode.unwrap_or(builtin.data_mode),
            pasv_policy: s.pasv_address.unwrap_or(builtin.pasv_policy),
            active_address: s.active_address,
            active_ports: s.active_ports,
            tls: s.tls.unwrap_or(builtin.tls),
            implicit_tls: false,
            tls_settings: TlsSettings {
                trust: s.trust.unwrap_or(Trust::System),
                max_tls12: s.tls_max12.unwrap_or(false),
            },
            tls_backend: s.tls_backend.unwrap_or(builtin.tls_backend),
            charset: s.charset.unwrap_or(builtin.charset),
            proxy: proxy_for(host, s.proxy.flatten(), s.noproxy.as_ref()),
        };
        let fallback = Config::default();
        Config {
            session,
            user: s.user,
            netrc_path: self.netrc_path.clone(),
            verbose: s.verbose.unwrap_or(false),
            quiet: s.quiet.unwrap_or(false),
            retries: s.retries.unwrap_or(fallback.retries),
            retry_wait: s.retry_wait.map_or(fallback.retry_wait, |w| {
                Duration::from_secs_f64(w.clamp(0.0, 3600.0))
            }),
            parallel: s.parallel.unwrap_or(fallback.parallel),
            limit_rate: s.limit_rate.filter(|&n| n > 0),
            env_password: self.env_password.clone(),
            config_dir: self.config_dir.clone(),
        }
    }

    /// The port for `host` when its URL names none.
    pub fn port_for(&self, host: &str) -> Option<u16> {
        self.settings_for(Some(host)).port
    }
}

/// The proxy for `host`: none when the host is on the no-proxy list.
fn proxy_for(
    host: Option<&str>,
    proxy: Option<ProxyUrl>,
    noproxy: Option<&NoProxy>,
) -> Option<ProxyUrl> {
    match (host, noproxy) {
        (Some(host), Some(list)) if list.matches(host) => None,
        _ => proxy,
    }
}

/// The parsed config file: its defaults and host sections.
#[derive(Debug, Clone, Default)]
pub struct ConfigFile {
    /// Top-level settings.
    pub defaults: Settings,
    /// Host sections, keyed by lowercased host name.
    pub hosts: BTreeMap<String, Settings>,
}

/// Reads `DIR/config.toml`; a missing file is an empty one.
pub fn load(dir: &Path) -> Result<ConfigFile> {
    let path = dir.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, &path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ConfigFile::default()),
        Err(e) => Err(Error::Local {
            what: "cannot read",
            path,
            source: e,
        }),
    }
}

/// Parses config text; errors read `PATH:LINE: what is wrong`.
pub fn parse(text: &str, path: &Path) -> Result<ConfigFile> {
    let mut file: FileTop = toml::from_str(text).map_err(|e| toml_error(&e, text, path))?;
    let mut hosts = BTreeMap::new();
    for (name, mut section) in std::mem::take(&mut file.hosts) {
        let settings = Settings {
            port: section.port,
            ..gather!(section).into_settings()
        };
        hosts.insert(name.to_ascii_lowercase(), settings);
    }
    // verbose and quiet are only meaningful at the top level; host sections refuse them.
    let defaults = Settings {
        verbose: file.verbose,
        quiet: file.quiet,
        noproxy: file.noproxy.map(|v| v.0),
        ..gather!(file).into_settings()
    };
    Ok(ConfigFile { defaults, hosts })
}

/// `PATH:LINE: message` from a TOML error, with the line taken from its span.
pub fn toml_error(e: &toml::de::Error, text: &str, path: &Path) -> Error {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    let message = e.message().trim().replace('\n', " ");
    match line {
        Some(n) => Error::Usage(format!("{}:{n}: {message}", path.display())),
        None => Error::Usage(format!("{}: {message}", path.display())),
    }
}

/// The file's top level: every global option, plus `[hosts."NAME"]` sections.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileTop {
    #[serde(default)]
    mode: Option<ModeValue>,
    #[serde(default)]
    pasv_address: Option<PasvValue>,
    #[serde(default)]
    active_address: Option<IpAddr>,
    #[serde(default)]
    active_ports: Option<PortsValue>,
    #[serde(default)]
    connect_timeout: Option<u64>,
    #[serde(default)]
    timeout: Option<u64>,
    #[serde(default)]
    retries: Option<u32>,
    #[serde(default)]
    retry_wait: Option<f64>,
    #[serde(default)]
    parallel: Option<ParallelValue>,
    #[serde(default)]
    limit_rate: Option<RateValue>,
    charset: Option<CharsetValue>,
    #[serde(default)]
    tls: Option<TlsValue>,
    #[serde(default)]
    cacert: Option<PathBuf>,
    #[serde(default)]
    pin: Option<PinValue>,
    #[serde(default)]
    insecure: Option<bool>,
    #[serde(default)]
    tls_max: Option<TlsMaxValue>,
    #[serde(default)]
    tls_backend: Option<BackendValue>,
    #[serde(default)]
    user: Option<UserValue>,
    #[serde(default)]
    proxy: Option<ProxyValue>,
    #[serde(default)]
    noproxy: Option<NoProxyValue>,
    #[serde(default)]
    verbose: Option<bool>,
    #[serde(default)]
    quiet: Option<bool>,
    #[serde(default)]
    hosts: BTreeMap<String, HostSection>,
}

/// A `[hosts."NAME"]` section: the connection settings, and a port.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HostSection {
    #[serde(default)]
    mode: Option<ModeValue>,
    #[serde(default)]
    pasv_address: Option<PasvValue>,
    #[serde(default)]
    active_address: Option<IpAddr>,
    #[serde(default)]
    active_ports: Option<PortsValue>,
    #[serde(default)]
    connect_timeout: Option<u64>,
    #[serde(default)]
    timeout: Option<u64>,
    #[serde(default)]
    retries: Option<u32>,
    #[serde(default)]
    retry_wait: Option<f64>,
    #[serde(default)]
    parallel: Option<ParallelValue>,
    #[serde(default)]
    limit_rate: Option<RateValue>,
    charset: Option<CharsetValue>,
    #[serde(default)]
    tls: Option<TlsValue>,
    #[serde(default)]
    cacert: Option<PathBuf>,
    #[serde(default)]
    pin: Option<PinValue>,
    #[serde(default)]
    insecure: Option<bool>,
    #[serde(default)]
    tls_max: Option<TlsMaxValue>,
    #[serde(default)]
    tls_backend: Option<BackendValue>,
    #[serde(default)]
    user: Option<UserValue>,
    #[serde(default)]
    proxy: Option<ProxyValue>,
    #[serde(default)]
    port: Option<u16>,
}

/// The settings both levels share, gathered after deserializing (serde's `flatten` cannot be
/// combined with `deny_unknown_fields`, so the fields are listed in both structs).
#[derive(Debug)]
struct Common {
    mode: Option<DataMode>,
    pasv_address: Option<PasvAddressPolicy>,
    active_address: Option<IpAddr>,
    active_ports: Option<(u16, u16)>,
    connect_timeout: Option<u64>,
    timeout: Option<u64>,
    retries: Option<u32>,
    retry_wait: Option<f64>,
    parallel: Option<Parallel>,
    limit_rate: Option<u64>,
    charset: Option<CharsetChoice>,
    tls: Option<TlsMode>,
    trust: Option<Trust>,
    tls_max12: Option<bool>,
    tls_backend: Option<Backend>,
    proxy: Option<Option<ProxyUrl>>,
    user: Option<UserArg>,
}

impl Common {
    fn into_settings(self) -> Settings {
        Settings {
            mode: self.mode,
            pasv_address: self.pasv_address,
            active_address: self.active_address,
            active_ports: self.active_ports,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            retries: self.retries,
            retry_wait: self.retry_wait,
            parallel: self.parallel,
            limit_rate: self.limit_rate,
            charset: self.charset,
            tls: self.tls,
            trust: self.trust,
            tls_max12: self.tls_max12,
            tls_backend: self.tls_backend,
            proxy: self.proxy,
            user: self.user,
            ..Settings::default()
        }
    }
}

macro_rules! string_value {
    ($name:ident, $inner:ty, $parse:expr) => {
        #[derive(Debug)]
        struct $name($inner);
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                let parse: fn(&str) -> std::result::Result<$inner, String> = $parse;
                parse(&s).map($name).map_err(serde::de::Error::custom)
            }
        }
    };
}

string_value!(ModeValue, DataMode, |s| s.parse());
string_value!(PasvValue, PasvAddressPolicy, parse_pasv_address);
string_value!(PortsValue, (u16, u16), parse_port_range);
string_value!(TlsValue, TlsMode, parse_tls_mode);
string_value!(PinValue, [u8; 32], parse_pin);
string_value!(TlsMaxValue, bool, parse_tls_max);
string_value!(BackendValue, Backend, parse_backend);
string_value!(UserValue, String, parse_user_name);
string_value!(CharsetValue, CharsetChoice, |s| s
    .parse()
    .map_err(|e: crate::proto::charset::CharsetError| e.to_string()));
string_value!(ProxyValue, Option<ProxyUrl>, parse_proxy);
string_value!(NoProxyValue, NoProxy, NoProxy::parse);

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::*;
    use crate::config::environment::{ENVIRONMENT, parse_environment};
    use crate::proto::charset::Charset;

    fn parsed(text: &str) -> Result<ConfigFile> {
        parse(text, Path::new("config.toml"))
    }

    #[test]
    fn defaults_and_host_sections_are_read() {
        let file = parsed(
            "mode = \"passive\"\ntimeout = 30\nretry_wait = 2\nverbose = true\n\
             [hosts.\"Example.org\"]\nmode = \"active\"\nuser = \"alice\"\nport = 2121\n\
             active_address = \"203.0.113.7\"\ntls = \"require\"\n",
        )
        .unwrap();
        assert_eq!(file.defaults.mode, Some(DataMode::Passive));
        assert_eq!(file.defaults.timeout, Some(30));
        assert_eq!(file.defaults.retry_wait, Some(2.0));
        assert_eq!(file.defaults.verbose, Some(true));
        let host = &file.hosts["example.org"];
        assert_eq!(host.mode, Some(DataMode::Active));
        assert_eq!(host.port, Some(2121));
        assert_eq!(host.user.as_ref().unwrap().user, "alice");
        assert_eq!(host.tls, Some(TlsMode::Require));
    }

    #[test]
    fn charset_is_a_name_or_auto_at_the_top_and_per_host() {
        let gbk = CharsetChoice::Fixed(Charset::from_name("gbk").unwrap());
        let file = parsed("charset = \"auto\"\n[hosts.h]\ncharset = \"GBK\"\n").unwrap();
        assert_eq!(file.defaults.charset, Some(CharsetChoice::Auto));
        assert_eq!(file.hosts["h"].charset, Some(gbk));
        let profile = Profile {
            defaults: file.defaults,
            hosts: file.hosts,
            ..Profile::default()
        };
        assert_eq!(profile.config_for(Some("h")).session.charset, gbk);
        assert_eq!(
            profile.config_for(Some("x")).session.charset,
            CharsetChoice::Auto
        );
        let err = parsed("charset = \"klingon\"\n").unwrap_err().to_string();
        assert!(err.contains("klingon"), "{err}");
        assert!(parsed("charset = \"utf-16le\"\n").is_err());
        let s = env(&[("FERRY_CHARSET", "latin1")]).unwrap();
        assert_eq!(
            s.charset,
            Some(CharsetChoice::Fixed(
                Charset::from_name("windows-1252").unwrap()
            ))
        );
        let err = env(&[("FERRY_CHARSET", "nope")]).unwrap_err().to_string();
        assert!(err.contains("FERRY_CHARSET"), "{err}");
    }

    #[test]
    fn parallel_is_a_number_or_auto_at_the_top_and_per_host() {
        let file = parsed("parallel = \"auto\"\n[hosts.h]\nparallel = 1\n").unwrap();
        assert_eq!(file.defaults.parallel, Some(Parallel::Auto));
        assert_eq!(file.hosts["h"].parallel, Some(Parallel::Fixed(1)));
        let profile = Profile {
            defaults: file.defaults,
            hosts: file.hosts,
            ..Profile::default()
        };
        assert_eq!(profile.config_for(Some("h")).parallel, Parallel::Fixed(1));
        assert_eq!(profile.config_for(Some("other")).parallel, Parallel::Auto);
        assert_eq!(Profile::default().config_for(None).parallel, Parallel::Auto);
        for bad in ["parallel = 0\n", "parallel = \"lots\"\n", "parallel = -3\n"] {
            let e = parsed(bad).unwrap_err().to_string();
            assert!(
                e.contains("config.toml:1") && e.contains("auto or a number"),
                "{e}"
            );
        }
        let s = env(&[("FERRY_PARALLEL", "4")]).unwrap();
        assert_eq!(s.parallel, Some(Parallel::Fixed(4)));
        let s = env(&[("FERRY_PARALLEL", "auto")]).unwrap();
        assert_eq!(s.parallel, Some(Parallel::Auto));
    }

    #[test]
    fn the_readme_example_is_a_valid_config_file() {
        let readme = include_str!("../../README.md");
        let section = &readme[readme.find("## Config file").unwrap()..];
        let start = section.find("```toml\n").unwrap() + "```toml\n".len();
        let body = &section[start..start + section[start..].find("```").unwrap()];
        let file = parsed(body).unwrap();
        assert_eq!(file.hosts.len(), 3);
        assert_eq!(file.hosts["ftp.example.org"].port, Some(2121));
        let gbk = Charset::from_name("gbk").unwrap();
        assert_eq!(
            file.hosts["ftp.example.cn"].charset,
            Some(CharsetChoice::Fixed(gbk))
        );
        assert_eq!(file.defaults.charset, Some(CharsetChoice::Auto));
    }

    #[test]
    fn errors_name_the_line_and_the_key() {
        let err = parsed("mode = \"passive\"\n\nfrobnicate = 1\n").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("config.toml:3:") && msg.contains("frobnicate"),
            "{msg}"
        );
        let err = parsed("timeout = 10\nmode = \"sideways\"\n").unwrap_err();
        assert!(err.to_string().contains("config.toml:2:"), "{err}");
        let err = parsed("timeout = [\n").unwrap_err();
        assert!(err.to_string().contains("config.toml:"), "{err}");
        let err = parsed("[hosts.h]\nverbose = true\n").unwrap_err();
        assert!(err.to_string().contains("config.toml:2:"), "{err}");
        let err = parsed("user = \"bob:pw\"\n").unwrap_err();
        assert!(err.to_string().contains("netrc"), "{err}");
    }

    #[test]
    fn command_line_beats_environment_beats_host_beats_defaults() {
        let file = parsed(
            "mode = \"passive\"\ntimeout = 30\nretries = 7\n\
             [hosts.h]\nmode = \"active\"\ntimeout = 40\n",
        )
        .unwrap();
        let profile = Profile {
            defaults: file.defaults,
            hosts: file.hosts,
            environment: Settings {
                timeout: Some(50),
                ..Settings::default()
            },
            command_line: Settings {
                mode: Some(DataMode::Epsv),
                ..Settings::default()
            },
            ..Profile::default()
        };
        let c = profile.config_for(Some("H"));
        assert_eq!(c.session.data_mode, DataMode::Epsv);
        assert_eq!(c.session.timeout, Duration::from_secs(50));
        assert_eq!(c.retries, 7);
        let other = Profile {
            environment: Settings::default(),
            command_line: Settings::default(),
            ..profile.clone()
        };
        assert_eq!(
            other.config_for(Some("h")).session.data_mode,
            DataMode::Active
        );
        assert_eq!(
            other.config_for(Some("elsewhere")).session.data_mode,
            DataMode::Passive
        );
        assert_eq!(other.config_for(None).session.timeout.as_secs(), 30);
    }

    fn env(vars: &[(&str, &str)]) -> Result<Settings> {
        let vars: BTreeMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        parse_environment(|name| vars.get(name).map(OsString::from))
    }

    #[test]
    fn every_global_option_has_an_environment_variable() {
        let s = env(&[
            ("FERRY_USER", "alice"),
            ("FERRY_VERBOSE", "1"),
            ("FERRY_QUIET", "no"),
            ("FERRY_MODE", "active"),
            ("FERRY_PASV_ADDRESS", "server"),
            ("FERRY_ACTIVE_ADDRESS", "203.0.113.7"),
            ("FERRY_ACTIVE_PORTS", "50000-50100"),
            ("FERRY_CONNECT_TIMEOUT", "5"),
            ("FERRY_TIMEOUT", " 20 "),
            ("FERRY_RETRIES", "0"),
            ("FERRY_RETRY_WAIT", "0.5"),
            ("FERRY_TLS", "require"),
            ("FERRY_CACERT", "/etc/ca.pem"),
            ("FERRY_TLS_MAX", "1.2"),
            ("FERRY_TLS_BACKEND", "rustls"),
        ])
        .unwrap();
        assert_eq!(s.user.unwrap().user, "alice");
        assert_eq!((s.verbose, s.quiet), (Some(true), Some(false)));
        assert_eq!(s.mode, Some(DataMode::Active));
        assert_eq!(s.pasv_address, Some(PasvAddressPolicy::Server));
        assert_eq!(s.active_address, Some("203.0.113.7".parse().unwrap()));
        assert_eq!(s.active_ports, Some((50000, 50100)));
        assert_eq!((s.connect_timeout, s.timeout), (Some(5), Some(20)));
        assert_eq!((s.retries, s.retry_wait), (Some(0), Some(0.5)));
        assert_eq!(s.tls, Some(TlsMode::Require));
        assert_eq!(s.trust, Some(Trust::CaFile("/etc/ca.pem".into())));
        assert_eq!(
            (s.tls_max12, s.tls_backend),
            (Some(true), Some(Backend::Rustls))
        );
        let names: Vec<String> = ENVIRONMENT.iter().map(|n| n.to_string()).collect();
        for option in [
            "user",
            "mode",
            "pasv_address",
            "active_address",
            "active_ports",
            "connect_timeout",
            "timeout",
            "retries",
            "retry_wait",
            "parallel",
            "limit_rate",
            "charset",
            "tls",
            "cacert",
            "pin",
            "insecure",
            "tls_max",
            "tls_backend",
            "verbose",
            "quiet",
        ] {
            let var = format!("FERRY_{}", option.to_ascii_uppercase());
            assert!(names.contains(&var), "{var} missing from ENVIRONMENT");
        }
        let s = env(&[("FERRY_INSECURE", "true"), ("FERRY_PIN", "sha256:00")]);
        assert!(s.is_err(), "a bad pin is an error even beside insecure");
        let s = env(&[("FERRY_INSECURE", "yes")]).unwrap();
        assert_eq!(s.trust, Some(Trust::Insecure));
    }

    #[test]
    fn the_proxy_comes_from_the_layers_and_no_proxy_lists_bypass_it() {
        let file = parsed(
            "proxy = \"socks5h://top:1080\"\nnoproxy = \".inside.example\"\n\
             [hosts.h]\nproxy = \"http://u:pw@per-host:3128\"\n[hosts.direct]\nproxy = \"\"\n",
        )
        .unwrap();
        let profile = Profile {
            defaults: file.defaults,
            hosts: file.hosts,
            ..Profile::default()
        };
        let proxy_of = |p: &Profile, host: &str| {
            p.config_for(Some(host))
                .session
                .proxy
                .map(|u| u.to_string())
        };
        assert_eq!(
            proxy_of(&profile, "h").as_deref(),
            Some("http://u:****@per-host:3128")
        );
        assert_eq!(
            proxy_of(&profile, "other").as_deref(),
            Some("socks5h://top:1080")
        );
        assert_eq!(
            proxy_of(&profile, "direct"),
            None,
            "proxy = \"\" connects directly"
        );
        assert_eq!(proxy_of(&profile, "ftp.inside.example"), None);
        // curl's order: ftp_proxy before all_proxy, lower case before upper case.
        let s = env(&[
            ("ALL_PROXY", "socks5://all:1"),
            ("ftp_proxy", "socks4a://ftp:2"),
        ])
        .unwrap();
        assert_eq!(s.proxy.unwrap().unwrap().to_string(), "socks4a://ftp:2");
        let s = env(&[("ALL_PROXY", "socks5://all:1"), ("NO_PROXY", "*")]).unwrap();
        let environment = Profile {
            environment: s,
            ..profile.clone()
        };
        assert_eq!(
            proxy_of(&environment, "h"),
            None,
            "NO_PROXY=* covers every proxy"
        );
        let command_line = Profile {
            command_line: Settings {
                proxy: Some(None),
                ..Settings::default()
            },
            ..profile.clone()
        };
        assert_eq!(
            proxy_of(&command_line, "h"),
            None,
            "--proxy '' connects directly"
        );
        let e = env(&[("all_proxy", "gopher://u:hunter2@h")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("all_proxy") && !e.contains("hunter2"), "{e}");
        let e = parsed("[hosts.h]\nnoproxy = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("noproxy"), "noproxy is a top-level key: {e}");
    }

    #[test]
    fn unset_and_empty_variables_leave_the_layer_open() {
        let s = env(&[("FERRY_MODE", ""), ("FERRY_TIMEOUT", "")]).unwrap();
        assert_eq!((s.mode, s.timeout, s.trust), (None, None, None));
    }

    #[test]
    fn a_bad_variable_is_an_error_naming_it() {
        for (name, value) in [
            ("FERRY_TIMEOUT", "soon"),
            ("FERRY_RETRIES", "-1"),
            ("FERRY_RETRY_WAIT", "-2"),
            ("FERRY_MODE", "sideways"),
            ("FERRY_ACTIVE_ADDRESS", "my.host"),
            ("FERRY_ACTIVE_PORTS", "9-1"),
            ("FERRY_TLS", "always"),
            ("FERRY_VERBOSE", "maybe"),
            ("FERRY_USER", "bob:pw"),
            ("FERRY_PARALLEL", "0"),
            ("FERRY_LIMIT_RATE", "fast"),
        ] {
            let err = env(&[(name, value)]).unwrap_err();
            let msg = err.to_string();
            assert!(msg.contains(name), "{msg}");
            assert_eq!(err.exit_code(), crate::ExitCode::Usage, "{msg}");
        }
    }

    #[test]
    fn a_command_line_certificate_rule_replaces_the_file_one() {
        let file = parsed("[hosts.h]\npin = \"sha256:00\"\n");
        assert!(file.is_err(), "a short pin is refused");
        let file = parsed("[hosts.h]\ninsecure = true\n").unwrap();
        let profile = Profile {
            hosts: file.hosts,
            command_line: Settings {
                trust: trust(false, None, Some("/ca.pem".into())),
                ..Settings::default()
            },
            ..Profile::default()
        };
        assert_eq!(
            profile.config_for(Some("h")).session.tls_settings.trust,
            Trust::CaFile("/ca.pem".into())
        );
    }
}

/// `limit_rate = "2M"` (curl's syntax), or a number of bytes per second.
#[derive(Debug)]
struct RateValue(u64);

impl<'de> Deserialize<'de> for RateValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(i64),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Number(n) => n.to_string(),
            Raw::Text(s) => s,
        };
        crate::config::values::parse_rate(&text)
            .map(RateValue)
            .map_err(serde::de::Error::custom)
    }
}

/// `parallel = 4` or `parallel = "auto"`.
#[derive(Debug)]
struct ParallelValue(Parallel);

impl<'de> Deserialize<'de> for ParallelValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(i64),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Number(n) => n.to_string(),
            Raw::Text(s) => s,
        };
        text.parse()
            .map(ParallelValue)
            .map_err(serde::de::Error::custom)
    }
}
