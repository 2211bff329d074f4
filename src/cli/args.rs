//! Command-line arguments (clap). Nothing else in ferry depends on clap: [`Cli::resolve_with`]
//! turns the parsed arguments into the engine's [`Config`] and what to run ([`Mode`]). The
//! global options are in [`global`], the subcommands in [`commands`].

mod commands;
mod global;
mod scrub;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Parser;

use ferry::config::Config;
use ferry::config::settings::Profile;

use commands::Command;
pub use commands::{
    BookmarkCmd, MirrorArgs, OneShotCommand, TransferArgs, VerifyArgs, parse_algo, parse_rate_value,
};
use global::Global;
pub use scrub::parse;

/// A fast, careful FTP and FTPS client.
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
                    FERRY_PIN, FERRY_INSECURE, FERRY_TLS_MAX, FERRY_TLS_BACKEND,
                    FERRY_LIMIT_RATE, FERRY_CHARSET
                    (switches take 1 or 0; an empty variable counts as unset)
  FERRY_PARALLEL    connections for many-file transfers without -P: auto (the default:
                    up to 8, opened while there is work for them) or a number (1: serial)
  NETRC             the .netrc file to read instead of ~/.netrc
  NO_COLOR          no colour in progress bars
  ftp_proxy, FTP_PROXY, all_proxy, ALL_PROXY
                    the proxy when --proxy gives none (the first one set, as curl reads
                    them for ftp://): socks5h://, socks5://, socks4a://, socks4:// or http://
  no_proxy, NO_PROXY
                    hosts reached without the proxy when --noproxy gives none

Precedence: command line > environment > the host's config section > config defaults.
Exit codes: 0 ok, 1 other, 2 usage, 3 network, 4 login, 5 refused by the server, 6 local file,
7 TLS, 8 protocol, 9 transfer short or timed out, 10 unsafe file name from the server,
11 the proxy refused (its password, its rules), 12 checksum mismatch (--verify),
130 interrupted.";

/// What the program was asked to do.
pub enum Mode {
    /// A one-shot subcommand.
    OneShot(OneShotCommand),
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
        let Cli {
            global,
            batch,
            keep_going,
            url,
            command,
        } = self;
        profile.command_line = global.settings();
        let config = profile.config_for(None);
        let mode = match command {
            None => Mode::without_subcommand(batch, url, keep_going),
            Some(Command::Batch {
                file,
                url,
                keep_going: keep_going_too,
            }) => Mode::Batch {
                file: file_or_stdin(file),
                url,
                keep_going: keep_going || keep_going_too,
            },
            Some(Command::OneShot(cmd)) => Mode::OneShot(cmd),
        };
        (config, mode, profile)
    }
}

impl Mode {
    /// `ferry [-b FILE] [URL]`: the shell on a terminal, else a batch from FILE or stdin.
    fn without_subcommand(batch: Option<PathBuf>, url: Option<String>, keep_going: bool) -> Mode {
        match batch {
            Some(file) => Mode::Batch {
                file: file_or_stdin(file),
                url,
                keep_going,
            },
            None if std::io::stdin().is_terminal() => Mode::Shell(url),
            None => Mode::Batch {
                file: None,
                url,
                keep_going,
            },
        }
    }
}

/// `-` names standard input (`None`).
fn file_or_stdin(file: PathBuf) -> Option<PathBuf> {
    (file.as_os_str() != "-").then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use ferry::engine::tls::TlsMode;
    use ferry::proto::channel::DataMode;

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
        for name in ferry::config::environment::ENVIRONMENT {
            assert!(
                FILES_AND_ENVIRONMENT.contains(name),
                "{name} missing from --help"
            );
            assert!(section.contains(name), "{name} missing from the README");
        }
    }

    #[test]
    fn every_exit_code_is_documented() {
        use ferry::ExitCode as E;
        let readme = include_str!("../../README.md");
        let table = &readme[readme.find("## Exit codes").unwrap()..];
        let help = &FILES_AND_ENVIRONMENT[FILES_AND_ENVIRONMENT.find("Exit codes:").unwrap()..];
        for code in [
            E::Success,
            E::Failure,
            E::Usage,
            E::Network,
            E::Login,
            E::RemoteFile,
            E::LocalFile,
            E::Tls,
            E::Protocol,
            E::Partial,
            E::UnsafeName,
            E::Proxy,
            E::Interrupted,
        ] {
            let n = code as u8;
            assert!(
                table.contains(&format!("\n| {n} |")),
                "{n} missing from the README"
            );
            assert!(
                help.contains(&format!(" {n} ")) || help.contains(&format!("\n{n} ")),
                "{n} missing from --help"
            );
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
            "--proxy",
            "--noproxy",
            "socks5h://",
        ] {
            assert!(
                section.contains(needle),
                "{needle} missing from the NAT section"
            );
        }
    }

    fn mode_of(args: &[&str]) -> Mode {
        Cli::try_parse_from(args).unwrap().resolve().1
    }

    #[test]
    fn a_url_without_subcommand_is_the_shell_or_batch() {
        assert!(matches!(
            mode_of(&["ferry", "get", "ftp://h/a"]),
            Mode::OneShot(OneShotCommand::Get { .. })
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
        assert!(matches!(mode, Mode::OneShot(OneShotCommand::Get { .. })));
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
