//! Command-line arguments (clap). Nothing else in ferry depends on clap: [`Cli::resolve`] turns
//! the parsed arguments into the engine's [`Config`] and [`OneShot`] command.

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use ferry::actions::{MirrorOptions, TransferOptions};
use ferry::config::{Config, UserArg};
use ferry::data::DataMode;
use ferry::netrc;
use ferry::oneshot::OneShot;
use ferry::proto::addr::PasvAddressPolicy;
use ferry::session::Options;
use ferry::tls::verify::{TlsSettings, Trust};
use ferry::tls::{Backend, TlsMode};

/// ferry: a fast, careful FTP client.
///
/// Without a subcommand, ferry runs its interactive shell (on a terminal) or reads shell
/// commands from standard input; `ferry URL` connects first.
#[derive(Debug, Parser)]
#[command(name = "ferry", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    /// Run the shell commands in FILE (- for standard input), then exit
    #[arg(short = 'b', long = "batch", value_name = "FILE")]
    batch: Option<PathBuf>,
    /// In batch mode, run on after a failing command (the exit code still reports it)
    #[arg(short = 'k', long = "keep-going")]
    keep_going: bool,
    /// Server to open first: ftp://[user[:password]@]host[:port]/[dir]
    #[arg(value_name = "URL")]
    url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// What the program was asked to do.
pub enum Mode {
    /// A one-shot subcommand.
    OneShot(OneShot),
    /// The interactive shell, opening a URL first.
    Shell(Option<String>),
    /// Commands from a file (`None` for standard input), opening a URL first.
    Batch {
        /// The script; `None` for standard input.
        file: Option<PathBuf>,
        /// A URL to open first.
        url: Option<String>,
        /// Run on after failures.
        keep_going: bool,
    },
}

#[derive(Debug, Args)]
struct Global {
    /// Log in as USER (with PASS after a colon; otherwise from ~/.netrc or a prompt)
    #[arg(short = 'u', long = "user", value_name = "USER[:PASS]", global = true)]
    user: Option<String>,
    /// Print the protocol conversation on stderr (passwords hidden)
    #[arg(short, long, global = true)]
    verbose: bool,
    /// No progress bars or summaries
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Data connection: auto tries EPSV, PASV, EPRT, then PORT
    #[arg(long, value_name = "MODE", default_value = "auto", global = true,
          value_parser = ["auto", "passive", "active", "epsv", "pasv", "eprt", "port"])]
    mode: String,
    /// Passive data connections only (EPSV, then PASV); same as --mode passive
    #[arg(long, global = true, conflicts_with = "active")]
    passive: bool,
    /// Active data connections only (EPRT, then PORT); same as --mode active
    #[arg(long, global = true)]
    active: bool,
    /// Whose address to use for PASV: the server's control address (peer) or the one it advertises (server)
    #[arg(
        long = "pasv-address",
        value_enum,
        default_value = "peer",
        global = true
    )]
    pasv_address: PasvArg,
    /// Address to announce in PORT/EPRT (your public address behind NAT)
    #[arg(long = "active-address", value_name = "ADDR", global = true)]
    active_address: Option<IpAddr>,
    /// Local port range for active mode, e.g. 50000-50100 (what the firewall allows)
    #[arg(long = "active-ports", value_name = "LOW-HIGH", value_parser = parse_range, global = true)]
    active_ports: Option<(u16, u16)>,
    /// Seconds to wait for a TCP connection
    #[arg(
        long = "connect-timeout",
        value_name = "SECS",
        default_value_t = 15,
        global = true
    )]
    connect_timeout: u64,
    /// Seconds without any answer before giving up (control and data connections)
    #[arg(long, value_name = "SECS", default_value_t = 60, global = true)]
    timeout: u64,
    /// Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times
    #[arg(long, value_name = "N", default_value_t = 3, global = true)]
    retries: u32,
    /// Seconds to wait before the first retry; the wait doubles each time
    #[arg(
        long = "retry-wait",
        value_name = "SECS",
        default_value_t = 1.0,
        global = true
    )]
    retry_wait: f64,
    #[command(flatten)]
    tls: TlsArgs,
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
    /// TLS implementation: rustls (resumes TLS sessions on data connections, as vsftpd and
    /// ProFTPD require) or native (the system library; needs the native-tls build feature)
    #[arg(long = "tls-backend", value_name = "BACKEND", value_parser = ["rustls", "native"],
          default_value = "rustls", global = true)]
    tls_backend: String,
}

fn parse_pin(s: &str) -> Result<[u8; 32], String> {
    ferry::tls::verify::parse_pin(s).map_err(|e| e.to_string())
}

impl TlsArgs {
    fn mode(&self) -> TlsMode {
        match self.tls.as_deref() {
            Some("off") => TlsMode::Off,
            Some("require") => TlsMode::Require,
            _ => TlsMode::Auto,
        }
    }

    fn settings(&self) -> TlsSettings {
        let trust = if self.insecure {
            eprintln!(
                "ferry: warning: --insecure: the server's certificate is not checked; \
                 anyone on the way can read and change this session"
            );
            Trust::Insecure
        } else if let Some(pin) = self.pin {
            Trust::Pin(pin)
        } else if let Some(file) = &self.cacert {
            Trust::CaFile(file.clone())
        } else {
            Trust::System
        };
        TlsSettings {
            trust,
            max_tls12: self.tls_max.as_deref() == Some("1.2"),
        }
    }

    fn backend(&self) -> Backend {
        if self.tls_backend == "native" {
            Backend::Native
        } else {
            Backend::Rustls
        }
    }
}

/// Mirror flags shared by the one-shot command and the shell.
#[derive(Debug, Clone, Default, Args)]
pub struct MirrorArgs {
    /// Reverse: upload the local tree (SOURCE is local, TARGET remote)
    #[arg(short = 'R', long = "reverse")]
    pub reverse: bool,
    /// Copy only files newer than the target's
    #[arg(long = "only-newer")]
    pub only_newer: bool,
    /// Delete target files that the source does not have
    #[arg(long)]
    pub delete: bool,
    /// Print what would be done, change nothing
    #[arg(long = "dry-run")]
    pub dry_run: bool,
    /// Resume target files that are shorter than the source
    #[arg(short = 'c', long = "continue")]
    pub resume: bool,
    /// Leave out names matching GLOB (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Transfer over N connections at once
    #[arg(short = 'P', long = "parallel", value_name = "N", default_value_t = 1)]
    pub parallel: usize,
}

impl MirrorArgs {
    /// The engine's mirror options.
    pub fn options(&self) -> MirrorOptions {
        MirrorOptions {
            reverse: self.reverse,
            only_newer: self.only_newer,
            delete: self.delete,
            dry_run: self.dry_run,
            resume: self.resume,
            exclude: self.exclude.clone(),
            parallel: self.parallel,
        }
    }
}

/// Transfer flags shared by `get`/`put` here and in the shell.
#[derive(Debug, Clone, Default, Args)]
pub struct TransferArgs {
    /// Continue a partial transfer (REST / APPE from the remote size)
    #[arg(short = 'c', long = "continue")]
    pub resume: bool,
    /// Copy whole directory trees (like cp -r)
    #[arg(short = 'r', long = "recursive")]
    pub recursive: bool,
    /// Leave out names matching GLOB in recursive transfers (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Keep modification times (MDTM on download, MFMT on upload)
    #[arg(long)]
    pub preserve: bool,
    /// Never overwrite an existing local file
    #[arg(short = 'n', long = "no-clobber")]
    pub no_clobber: bool,
    /// Transfer as text (ASCII mode), converting line endings
    #[arg(short = 'a', long = "ascii")]
    pub ascii: bool,
    /// With -r: transfer over N connections at once
    #[arg(short = 'P', long = "parallel", value_name = "N", default_value_t = 1)]
    pub parallel: usize,
}

impl TransferArgs {
    /// The engine's transfer options.
    pub fn options(&self) -> TransferOptions {
        TransferOptions {
            resume: self.resume,
            recursive: self.recursive,
            preserve: self.preserve,
            no_clobber: self.no_clobber,
            exclude: self.exclude.clone(),
            parallel: self.parallel,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PasvArg {
    Peer,
    Server,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run shell commands from FILE (- for standard input): ferry batch FILE [URL]
    Batch {
        /// The script
        file: PathBuf,
        /// Server to open first
        url: Option<String>,
        /// Run on after a failing command
        #[arg(short = 'k', long = "keep-going")]
        keep_going: bool,
    },
    /// Download files: ferry get URL... [-o PATH | -O DIR]
    Get {
        /// ftp://[user[:password]@]host[:port]/path
        #[arg(required = true, value_name = "URL")]
        urls: Vec<String>,
        /// Write to PATH (- for standard output); only with one URL
        #[arg(
            short = 'o',
            long = "output",
            value_name = "PATH",
            conflicts_with = "dir"
        )]
        output: Option<PathBuf>,
        /// Write into directory DIR, keeping the remote names
        #[arg(short = 'O', long = "output-dir", value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        transfer: TransferArgs,
    },
    /// Upload files: ferry put FILE... URL (a URL ending in / is a directory)
    Put {
        /// Local files, then the destination URL
        #[arg(required = true, num_args = 2.., value_name = "FILE... URL")]
        args: Vec<String>,
        #[command(flatten)]
        transfer: TransferArgs,
    },
    /// List a directory: names, or the server's long format with -l
    Ls {
        /// Directory (or file) URL
        url: String,
        /// Long listing
        #[arg(short = 'l', long = "long")]
        long: bool,
        /// Parsed entries as JSON (name, type, size, modified, target, permissions)
        #[arg(long)]
        json: bool,
    },
    /// Make LOCAL look like the remote directory URL (or, with -R, the remote like LOCAL)
    Mirror {
        /// URL (or LOCAL with -R)
        source: String,
        /// LOCAL directory (or URL with -R)
        target: String,
        #[command(flatten)]
        mirror: MirrorArgs,
    },
    /// Download one large file in N segments over N connections: ferry pget -n N URL
    Pget {
        /// File URL
        url: String,
        /// Number of segments (and connections)
        #[arg(short = 'n', value_name = "N", default_value_t = 4)]
        segments: usize,
        /// Write to PATH
        #[arg(
            short = 'o',
            long = "output",
            value_name = "PATH",
            conflicts_with = "dir"
        )]
        output: Option<PathBuf>,
        /// Write into directory DIR, keeping the remote name
        #[arg(short = 'O', long = "output-dir", value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Continue an interrupted pget
        #[arg(short = 'c', long = "continue")]
        resume: bool,
    },
    /// Print a remote file on standard output
    Cat {
        /// File URL
        url: String,
    },
    /// Delete remote files
    #[command(alias = "delete")]
    Rm {
        /// File URLs
        #[arg(required = true, value_name = "URL")]
        urls: Vec<String>,
    },
    /// Make a remote directory
    Mkdir {
        /// Directory URL
        url: String,
    },
    /// Remove an empty remote directory
    Rmdir {
        /// Directory URL
        url: String,
    },
    /// Rename a remote file or directory (a NEW-NAME without / stays in the same directory)
    #[command(alias = "rename")]
    Mv {
        /// File or directory URL
        url: String,
        /// New name or path
        new_name: String,
    },
}

fn parse_range(s: &str) -> Result<(u16, u16), String> {
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

impl Cli {
    /// The engine's settings and what to run.
    pub fn resolve(self) -> (Config, Mode) {
        let g = self.global;
        let mode = if g.passive {
            DataMode::Passive
        } else if g.active {
            DataMode::Active
        } else {
            g.mode.parse().expect("clap checked the value")
        };
        let session = Options {
            connect_timeout: Duration::from_secs(g.connect_timeout.max(1)),
            timeout: Duration::from_secs(g.timeout.max(1)),
            data_mode: mode,
            pasv_policy: match g.pasv_address {
                PasvArg::Peer => PasvAddressPolicy::Peer,
                PasvArg::Server => PasvAddressPolicy::Server,
            },
            active_address: g.active_address,
            active_ports: g.active_ports,
            tls: g.tls.mode(),
            implicit_tls: false,
            tls_settings: g.tls.settings(),
            tls_backend: g.tls.backend(),
        };
        let config = Config {
            session,
            user: g.user.as_deref().map(UserArg::parse),
            netrc_path: netrc::default_path(),
            verbose: g.verbose,
            quiet: g.quiet,
            retries: g.retries,
            retry_wait: Duration::from_secs_f64(g.retry_wait.clamp(0.0, 3600.0)),
        };
        let stdin_is_terminal = std::io::stdin().is_terminal();
        let file_or_stdin = |f: PathBuf| (f.as_os_str() != "-").then_some(f);
        let cmd = match self.command {
            None => {
                let mode = match self.batch {
                    Some(file) => Mode::Batch {
                        file: file_or_stdin(file),
                        url: self.url,
                        keep_going: self.keep_going,
                    },
                    None if stdin_is_terminal => Mode::Shell(self.url),
                    None => Mode::Batch {
                        file: None,
                        url: self.url,
                        keep_going: self.keep_going,
                    },
                };
                return (config, mode);
            }
            Some(Command::Batch {
                file,
                url,
                keep_going,
            }) => {
                let keep_going = keep_going || self.keep_going;
                return (
                    config,
                    Mode::Batch {
                        file: file_or_stdin(file),
                        url,
                        keep_going,
                    },
                );
            }
            Some(c) => c,
        };
        let cmd = match cmd {
            Command::Batch { .. } => unreachable!("handled above"),
            Command::Get {
                urls,
                output,
                dir,
                transfer,
            } => OneShot::Get {
                urls,
                output,
                dir,
                opts: transfer.options(),
                ascii: transfer.ascii,
            },
            Command::Put { mut args, transfer } => {
                let url = args.pop().expect("clap requires two or more");
                OneShot::Put {
                    files: args.into_iter().map(PathBuf::from).collect(),
                    url,
                    opts: transfer.options(),
                    ascii: transfer.ascii,
                }
            }
            Command::Ls { url, long, json } => OneShot::Ls { url, long, json },
            Command::Cat { url } => OneShot::Cat { url },
            Command::Pget {
                url,
                segments,
                output,
                dir,
                resume,
            } => OneShot::Pget {
                url,
                segments,
                output,
                dir,
                resume,
            },
            Command::Mirror {
                source,
                target,
                mirror,
            } => {
                let (url, local) = if mirror.reverse {
                    (target, source)
                } else {
                    (source, target)
                };
                OneShot::Mirror {
                    url,
                    local: PathBuf::from(local),
                    opts: mirror.options(),
                }
            }
            Command::Rm { urls } => OneShot::Rm { urls },
            Command::Mkdir { url } => OneShot::Mkdir { url },
            Command::Rmdir { url } => OneShot::Rmdir { url },
            Command::Mv { url, new_name } => OneShot::Mv { url, new_name },
        };
        (config, Mode::OneShot(cmd))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn port_ranges_are_checked() {
        assert_eq!(parse_range("50000-50100"), Ok((50000, 50100)));
        assert!(parse_range("5-1").is_err());
        assert!(parse_range("0-10").is_err());
        assert!(parse_range("x").is_err());
    }

    fn mode_of(args: &[&str]) -> Mode {
        Cli::try_parse_from(args).unwrap().resolve().1
    }

    #[test]
    fn a_url_without_subcommand_is_the_shell_or_batch() {
        assert!(matches!(
            mode_of(&["ferry", "get", "ftp://h/a"]),
            Mode::OneShot(OneShot::Get { .. })
        ));
        let Mode::Batch {
            file,
            url,
            keep_going,
        } = mode_of(&["ferry", "-b", "s.txt", "-k", "ftp://h/"])
        else {
            panic!("not batch")
        };
        assert_eq!(
            (file, url.as_deref(), keep_going),
            (Some("s.txt".into()), Some("ftp://h/"), true)
        );
        let Mode::Batch { file, .. } = mode_of(&["ferry", "batch", "-"]) else {
            panic!("not batch")
        };
        assert_eq!(file, None);
    }

    #[test]
    fn tls_takes_its_value_only_after_an_equals_sign() {
        let (config, mode) = Cli::parse_from(["ferry", "--tls", "get", "ftp://h/a"]).resolve();
        assert_eq!(config.session.tls, TlsMode::Require);
        assert!(matches!(mode, Mode::OneShot(OneShot::Get { .. })));
        let (config, _) = Cli::parse_from(["ferry", "--tls=off", "ls", "ftp://h/"]).resolve();
        assert_eq!(config.session.tls, TlsMode::Off);
        let (config, _) = Cli::parse_from(["ferry", "ls", "ftp://h/"]).resolve();
        assert_eq!(config.session.tls, TlsMode::Auto);
    }

    #[test]
    fn passive_and_active_are_mode_aliases() {
        let cli = Cli::parse_from(["ferry", "ls", "ftp://h/", "--active"]);
        assert_eq!(cli.resolve().0.session.data_mode, DataMode::Active);
        let cli = Cli::parse_from(["ferry", "--passive", "ftp://h/"]);
        assert_eq!(cli.resolve().0.session.data_mode, DataMode::Passive);
        let cli = Cli::parse_from(["ferry", "--mode", "pasv", "ls", "ftp://h/"]);
        assert_eq!(cli.resolve().0.session.data_mode, DataMode::Pasv);
    }
}
