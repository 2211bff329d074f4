//! Command-line arguments (clap). Nothing else in ferry depends on clap: [`Cli::resolve`] turns
//! the parsed arguments into the engine's [`Config`] and [`OneShot`] command.

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::cli::oneshot::OneShot;
use ferry::actions::{BookmarkOp, MirrorOptions, TransferOptions};
use ferry::config::settings::{Profile, Settings};
use ferry::config::{Config, UserArg};
use ferry::engine::tls::verify::Trust;
use ferry::engine::tls::{Backend, TlsMode};
use ferry::proto::addr::PasvAddressPolicy;
use ferry::proto::channel::DataMode;

/// ferry: a fast, careful FTP client.
///
/// Without a subcommand, ferry runs its interactive shell (on a terminal) or reads shell
/// commands from standard input; `ferry URL` connects first.
#[derive(Debug, Parser)]
#[command(name = "ferry", version, about, max_term_width = 100, after_long_help = FILES_AND_ENVIRONMENT)]
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

/// The end of `ferry --help` and of the man page.
const FILES_AND_ENVIRONMENT: &str = "\
Files:
  ~/.config/ferry/config.toml     defaults for every option, [hosts.\"NAME\"] sections
  ~/.config/ferry/bookmarks.toml  bookmarks (mode 0600 when it holds a password)
  ~/.netrc                        logins (must be mode 0600)
  ~/.local/share/ferry/history    shell history (never a password)
  (the platform's config and data directories; $FERRY_CONFIG_DIR replaces ~/.config/ferry)

Environment:
  FERRY_CONFIG_DIR  directory holding config.toml and bookmarks.toml
  FERRY_PASSWORD    password when the URL, -u and .netrc give none (never printed)
  FERRY_<OPTION>    a global option, named like the long option: FERRY_USER (a name only),
                    FERRY_VERBOSE, FERRY_QUIET, FERRY_MODE, FERRY_PASV_ADDRESS,
                    FERRY_ACTIVE_ADDRESS, FERRY_ACTIVE_PORTS, FERRY_CONNECT_TIMEOUT,
                    FERRY_TIMEOUT, FERRY_RETRIES, FERRY_RETRY_WAIT, FERRY_TLS, FERRY_CACERT,
                    FERRY_PIN, FERRY_INSECURE, FERRY_TLS_MAX, FERRY_TLS_BACKEND
                    (switches take 1 or 0; an empty variable counts as unset)
  NETRC             the .netrc file to read instead of ~/.netrc
  NO_COLOR          no colour in progress bars
  ftp_proxy         not supported: ferry warns and connects directly (all_proxy and
                    no_proxy are not used either)

Precedence: command line > environment > the host's config section > config defaults.
Exit codes: 0 ok, 1 other, 2 usage, 3 network, 4 login, 5 refused by the server, 6 local file,
7 TLS, 8 protocol, 9 transfer short or timed out, 10 unsafe file name from the server,
130 interrupted.";

/// What the program was asked to do.
pub enum Mode {
    /// A one-shot subcommand.
    OneShot(OneShot),
    /// The interactive shell, opening a URL first.
    Shell(Option<String>),
    /// Write the man pages and completions into this directory.
    GenerateDocs(PathBuf),
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
    /// TLS implementation: rustls (the default; resumes TLS sessions on data connections, as
    /// vsftpd and ProFTPD require) or native (the system library; needs the native-tls build
    /// feature)
    #[arg(long = "tls-backend", value_name = "BACKEND", value_parser = ["rustls", "native"],
          global = true)]
    tls_backend: Option<String>,
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
    /// Print one JSON object per copied file on stdout (as get --json does); not with --dry-run,
    /// whose plan is text
    #[arg(long, conflicts_with = "dry_run")]
    pub json: bool,
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
            json: self.json,
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
    /// Print one JSON object per transferred file on stdout (name, local, bytes, seconds, rate,
    /// resumed)
    #[arg(long)]
    pub json: bool,
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
            json: self.json,
        }
    }
}

/// `bookmark add|list|rm`, shared by the command line and the shell.
#[derive(Debug, Clone, Subcommand)]
pub enum BookmarkCmd {
    /// Save URL under NAME (in the shell, without URL: the server and directory you are in)
    Add {
        /// The bookmark's name (letters, digits, `.`, `_`, `-`)
        name: String,
        /// ftp://[user@]host[:port]/[dir]
        url: Option<String>,
        /// Keep the password too (the bookmarks file is then made mode 0600)
        #[arg(long = "with-password")]
        with_password: bool,
    },
    /// List the bookmarks (passwords are never shown)
    #[command(alias = "ls")]
    List,
    /// Delete a bookmark
    #[command(alias = "remove")]
    Rm {
        /// The bookmark's name
        name: String,
    },
}

impl BookmarkCmd {
    /// The engine's bookmark operation.
    pub fn op(self) -> BookmarkOp {
        match self {
            BookmarkCmd::Add {
                name,
                url,
                with_password,
            } => BookmarkOp::Add {
                name,
                url,
                with_password,
            },
            BookmarkCmd::List => BookmarkOp::List,
            BookmarkCmd::Rm { name } => BookmarkOp::Remove(name),
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
        /// Print a JSON object for the file on stdout (as get --json does)
        #[arg(long)]
        json: bool,
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
    /// Show a remote file's name, type, size and modification time (MLST, else SIZE and MDTM)
    Stat {
        /// File or directory URL
        url: String,
        /// As one JSON object (name, type, size, modified)
        #[arg(long)]
        json: bool,
    },
    /// Show a remote file's size in bytes
    Size {
        /// File URL
        url: String,
        /// As one JSON object (name, size)
        #[arg(long)]
        json: bool,
    },
    /// Show a remote file's modification time (UTC)
    Modtime {
        /// File URL
        url: String,
        /// As one JSON object (name, modified)
        #[arg(long)]
        json: bool,
    },
    /// Bookmarks: ferry bookmark add NAME URL | list | rm NAME; `ferry NAME` opens one
    Bookmark {
        #[command(subcommand)]
        op: BookmarkCmd,
    },
    /// Write the man pages and shell completions into DIR/man and DIR/completions
    #[command(name = "generate-docs", hide = true)]
    GenerateDocs {
        /// Where man/ and completions/ go (the repository root to update the checked-in ones)
        dir: PathBuf,
    },
}

fn parse_range(s: &str) -> Result<(u16, u16), String> {
    ferry::config::settings::parse_port_range(s)
}

impl Cli {
    /// The engine's settings and what to run, from the command line alone.
    #[cfg(test)]
    pub fn resolve(self) -> (Config, Mode) {
        let (config, mode, _) = self.resolve_with(Profile::default());
        (config, mode)
    }

    /// The command line as the top layer of `profile` (config file and environment below it):
    /// the settings before any host is opened, what to run, and every layer for later hosts.
    pub fn resolve_with(self, mut profile: Profile) -> (Config, Mode, Profile) {
        let g = self.global;
        let mode = if g.passive {
            Some(DataMode::Passive)
        } else if g.active {
            Some(DataMode::Active)
        } else {
            g.mode
                .as_deref()
                .map(|m| m.parse().expect("clap checked the value"))
        };
        profile.command_line = Settings {
            mode,
            pasv_address: g.pasv_address.map(|p| match p {
                PasvArg::Peer => PasvAddressPolicy::Peer,
                PasvArg::Server => PasvAddressPolicy::Server,
            }),
            active_address: g.active_address,
            active_ports: g.active_ports,
            connect_timeout: g.connect_timeout,
            timeout: g.timeout,
            retries: g.retries,
            retry_wait: g.retry_wait,
            tls: g.tls.mode(),
            trust: g.tls.trust(),
            tls_max12: g.tls.tls_max.as_deref().map(|v| v == "1.2"),
            tls_backend: g.tls.backend(),
            verbose: g.verbose.then_some(true),
            quiet: g.quiet.then_some(true),
            user: g.user.as_deref().map(UserArg::parse),
            port: None,
        };
        let config = profile.config_for(None);
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
                return (config, mode, profile);
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
                    profile,
                );
            }
            Some(Command::GenerateDocs { dir }) => {
                return (config, Mode::GenerateDocs(dir), profile);
            }
            Some(c) => c,
        };
        let cmd = match cmd {
            Command::Batch { .. } | Command::GenerateDocs { .. } => {
                unreachable!("handled above")
            }
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
                json,
            } => OneShot::Pget {
                url,
                segments,
                output,
                dir,
                resume,
                json,
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
            Command::Stat { url, json } => OneShot::Stat { url, json },
            Command::Size { url, json } => OneShot::Size { url, json },
            Command::Modtime { url, json } => OneShot::Modtime { url, json },
            Command::Bookmark { op } => OneShot::Bookmark(op.op()),
        };
        (config, Mode::OneShot(cmd), profile)
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
    fn bookmark_names_cannot_shadow_a_subcommand() {
        for sub in Cli::command().get_subcommands() {
            let names = std::iter::once(sub.get_name()).chain(sub.get_all_aliases());
            for name in names {
                assert!(
                    ferry::config::bookmarks::RESERVED.contains(&name),
                    "{name} missing from bookmarks::RESERVED"
                );
            }
        }
    }

    #[test]
    fn every_environment_variable_is_documented() {
        let readme = include_str!("../../README.md");
        let section = &readme[readme.find("## Environment").unwrap()..];
        let section = &section[..section[3..].find("\n## ").unwrap()];
        for name in ferry::config::settings::ENVIRONMENT {
            assert!(
                FILES_AND_ENVIRONMENT.contains(name),
                "{name} missing from --help"
            );
            assert!(section.contains(name), "{name} missing from the README");
        }
    }

    #[test]
    fn the_nat_advice_covers_every_address_option_and_the_proxies() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("## Passive, active, NAT and firewalls")
            .unwrap();
        let section = &readme[start..start + readme[start + 3..].find("\n## ").unwrap()];
        for needle in [
            "--pasv-address server",
            "--active-address",
            "--active-ports",
            "ftp_proxy",
            "all_proxy",
            "no_proxy",
        ] {
            assert!(
                section.contains(needle),
                "{needle} missing from the NAT section"
            );
        }
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
