//! The shell's command language, shared by the interactive shell and batch mode.
//!
//! Commands are a clap `multicall` definition, so parsing, `help NAME` and "did you mean"
//! suggestions all come from one place and cannot drift apart. A line is split like a shell
//! would (quotes and backslash escapes, via `shlex`), except that `quote`, `literal`, `site` and
//! `!` take the rest of the line as it was typed. Each parsed command becomes an engine
//! [`Action`], or one of the few things only a front end can do ([`Parsed`]).

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use ferry::actions::{Action, Output, PutMode, Toggle, TransferOptions};

use crate::cli::args::{BookmarkCmd, MirrorArgs, TransferArgs};
use ferry::engine::transfer::ListKind;
use ferry::proto::channel::DataMode;
use ferry::proto::command::{Secret, TransferType};
use ferry::url;

/// What one line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// Nothing (blank line or comment).
    Empty,
    /// Run an action.
    Action(Action),
    /// Leave the shell / stop the batch.
    Quit,
    /// Print help: all commands, or one.
    Help(Option<String>),
}

#[derive(Debug, Parser)]
#[command(
    multicall = true,
    disable_help_subcommand = true,
    disable_help_flag = true
)]
struct Line {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Connect to a server: open ftp://[user[:pass]@]host[:port]/[dir], open HOST [PORT] or open
    /// BOOKMARK; without an argument, the last server again (after close or a lost connection)
    Open {
        target: Option<String>,
        port: Option<u16>,
    },
    /// Log in again as another user: user NAME [PASSWORD [ACCOUNT]]
    User {
        name: String,
        password: Option<String>,
        account: Option<String>,
    },
    /// Close the connection
    #[command(alias = "disconnect")]
    Close,
    /// Leave ferry
    #[command(aliases = ["bye", "exit"])]
    Quit,
    /// Long listing of a remote directory (LIST): ls [--json] [PATH]
    #[command(alias = "dir")]
    Ls {
        /// Ignored: listings are always long
        #[arg(short = 'l', hide = true)]
        long: bool,
        /// Parsed entries as JSON (name, type, size, modified, target, permissions)
        #[arg(long)]
        json: bool,
        path: Option<String>,
    },
    /// Names in remote directories (NLST): nlist [PATH...], each listed in turn
    #[command(alias = "mls")]
    Nlist { paths: Vec<String> },
    /// Change the remote directory
    Cd { path: String },
    /// Go to the parent remote directory
    Cdup,
    /// Print the remote directory
    Pwd,
    /// Change the local directory (home without an argument)
    Lcd { dir: Option<PathBuf> },
    /// Print the local directory
    Lpwd,
    /// List a local directory
    Lls { dir: Option<PathBuf> },
    /// Download a file: get REMOTE [LOCAL]; -c continues a partial download
    #[command(alias = "recv")]
    Get {
        remote: String,
        local: Option<PathBuf>,
        #[command(flatten)]
        transfer: TransferArgs,
    },
    /// Continue a partial download: reget REMOTE [LOCAL]
    Reget {
        remote: String,
        local: Option<PathBuf>,
    },
    /// Download many files: mget [-P N] [--json] PATTERN...
    Mget {
        #[arg(required = true)]
        patterns: Vec<String>,
        /// Transfer over N connections at once
        #[arg(short = 'P', long = "parallel", value_name = "N", default_value_t = 1)]
        parallel: usize,
        /// Print one JSON object per transferred file on stdout (as get --json does)
        #[arg(long)]
        json: bool,
    },
    /// Upload a file: put LOCAL [REMOTE]; -c continues a partial upload
    #[command(alias = "send")]
    Put {
        local: PathBuf,
        remote: Option<String>,
        #[command(flatten)]
        transfer: TransferArgs,
    },
    /// Continue a partial upload: reput LOCAL [REMOTE]
    Reput {
        local: PathBuf,
        remote: Option<String>,
    },
    /// Append a local file to a remote one: append LOCAL [REMOTE]
    Append {
        local: PathBuf,
        remote: Option<String>,
    },
    /// Upload many files: mput [-P N] [--json] PATTERN...
    Mput {
        #[arg(required = true)]
        patterns: Vec<String>,
        /// Transfer over N connections at once
        #[arg(short = 'P', long = "parallel", value_name = "N", default_value_t = 1)]
        parallel: usize,
        /// Print one JSON object per transferred file on stdout (as put --json does)
        #[arg(long)]
        json: bool,
    },
    /// Download one file in segments over several connections: pget [-n N] [-c] REMOTE [LOCAL]
    Pget {
        remote: String,
        local: Option<PathBuf>,
        /// Number of segments (and connections)
        #[arg(short = 'n', value_name = "N", default_value_t = 4)]
        segments: usize,
        /// Continue an interrupted pget
        #[arg(short = 'c', long = "continue")]
        resume: bool,
        /// Print a JSON object for the file on stdout (as get --json does)
        #[arg(long)]
        json: bool,
    },
    /// Sync a tree: mirror [-R] SOURCE [TARGET] (remote to local; -R local to remote)
    Mirror {
        source: String,
        target: Option<String>,
        #[command(flatten)]
        mirror: MirrorArgs,
    },
    /// Make a remote directory
    Mkdir { path: String },
    /// Remove an empty remote directory
    Rmdir { path: String },
    /// Delete a remote file
    #[command(alias = "rm")]
    Delete { path: String },
    /// Delete many remote files: mdelete PATTERN...
    Mdelete {
        #[arg(required = true)]
        patterns: Vec<String>,
    },
    /// Rename a remote file: rename FROM TO
    #[command(alias = "mv")]
    Rename { from: String, to: String },
    /// Show a remote file's size: size [--json] PATH
    Size {
        path: String,
        /// As one JSON object (name, size)
        #[arg(long)]
        json: bool,
    },
    /// Show a remote file's modification time: modtime [--json] PATH
    Modtime {
        path: String,
        /// As one JSON object (name, modified)
        #[arg(long)]
        json: bool,
    },
    /// Show a remote file's name, type, size and time: stat [--json] PATH
    Stat {
        path: String,
        /// As one JSON object (name, type, size, modified)
        #[arg(long)]
        json: bool,
    },
    /// Bookmarks: bookmark add NAME [URL] | bookmark list | bookmark rm NAME; open NAME
    Bookmark {
        #[command(subcommand)]
        op: BookmarkCmd,
    },
    /// Transfer text files, converting line endings
    Ascii,
    /// Transfer files byte for byte (the default)
    #[command(alias = "image")]
    Binary,
    /// Set the transfer type: type ascii|binary
    Type { kind: String },
    /// Passive data connections: passive (toggle) or passive on|off|auto
    Passive { setting: Option<String> },
    /// Extended passive only (EPSV): epsv on|off, or epsv to toggle (off means PASV only)
    Epsv { setting: Option<String> },
    /// Data-connection mode: mode auto|passive|active|epsv|pasv|eprt|port
    Mode { mode: String },
    /// Show the connection and settings
    Status,
    /// Show server replies: verbose [on|off]
    Verbose { setting: Option<String> },
    /// Show the whole protocol conversation: debug [on|off]
    Debug { setting: Option<String> },
    /// Ask before each file of mget/mput/mdelete: prompt [on|off]
    Prompt { setting: Option<String> },
    /// Print # marks during transfers: hash [on|off]
    Hash { setting: Option<String> },
    /// Send a raw command to the server: quote LINE
    #[command(alias = "literal")]
    Quote {
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Send a SITE command: site ARGS
    Site {
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Show the server's system type
    System,
    /// Show the features the server advertises
    Features,
    /// Ask the server for help: rhelp [COMMAND]
    Rhelp { command: Option<String> },
    /// Ask the server for its status: rstatus [PATH]
    Rstatus { path: Option<String> },
    /// Send NOOP (keeps the connection alive)
    Noop,
    /// Run a local command: ! [COMMAND]
    #[command(name = "!")]
    Shell {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Show help: help [COMMAND]
    #[command(alias = "?")]
    Help { command: Option<String> },
}

/// Parses one line of shell or batch input.
pub fn parse_line(line: &str) -> Result<Parsed, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(Parsed::Empty);
    }
    // `!cmd` without a space, like every ftp client.
    if let Some(rest) = line.strip_prefix('!') {
        let rest = rest.trim();
        return Ok(Parsed::Action(Action::Shell(
            (!rest.is_empty()).then(|| rest.to_owned()),
        )));
    }
    let (first, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let raw_rest = rest.trim();
    let words = shlex::split(line).ok_or_else(|| "unbalanced quotes in the line".to_owned())?;
    match Line::try_parse_from(&words) {
        Ok(parsed) => convert(parsed.cmd, raw_rest),
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {
            Ok(Parsed::Help(Some(first.to_owned())))
        }
        Err(e) => Err(explain(e, first)),
    }
}

/// One short message for a clap error, with a suggestion for a misspelt command.
fn explain(e: clap::Error, first: &str) -> String {
    if e.kind() == clap::error::ErrorKind::InvalidSubcommand {
        let suggestion = match suggest(first) {
            Some(s) => format!("; did you mean `{s}`?"),
            None => "; type `help` for the list".to_owned(),
        };
        return format!("unknown command `{first}`{suggestion}");
    }
    let rendered = e.render().to_string();
    let first_line = rendered
        .lines()
        .next()
        .unwrap_or("invalid command")
        .trim_start_matches("error: ");
    format!("{first}: {first_line} (see `help {first}`)")
}

/// The closest command name, if it is within two edits (transpositions count as one).
fn suggest(word: &str) -> Option<String> {
    let word = word.to_ascii_lowercase();
    command_names()
        .into_iter()
        .map(|name| (edit_distance(&word, &name), name))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// Optimal-string-alignment distance between two short words.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

fn toggle(setting: Option<String>) -> Result<Toggle, String> {
    match setting.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(Toggle::Flip),
        Some("on" | "yes" | "true") => Ok(Toggle::On),
        Some("off" | "no" | "false") => Ok(Toggle::Off),
        Some(other) => Err(format!("expected on or off, not {other:?}")),
    }
}

fn open_url(target: &str, port: Option<u16>) -> Result<url::FtpUrl, String> {
    // A bookmark's name, when there is such a bookmark; otherwise a host name.
    if port.is_none()
        && ferry::config::bookmarks::looks_like_name(target)
        && let Some(dir) = ferry::config::settings::config_dir()
    {
        let found = ferry::config::bookmarks::Bookmarks::load(&dir).and_then(|b| b.url(target));
        if let Some(u) = found.map_err(|e| e.to_string())? {
            return Ok(u);
        }
    }
    let text = if target.contains("://") {
        target.to_owned()
    } else if target.contains(':') && !target.starts_with('[') {
        format!("ftp://[{target}]") // a bare IPv6 address
    } else {
        format!("ftp://{target}")
    };
    let mut u = url::parse(&text).map_err(|e| e.to_string())?;
    if port.is_some() {
        u.port = port;
    }
    Ok(u)
}

fn convert(cmd: Cmd, raw_rest: &str) -> Result<Parsed, String> {
    use Action as A;
    let action = match cmd {
        Cmd::Quit => return Ok(Parsed::Quit),
        Cmd::Help { command } => return Ok(Parsed::Help(command)),
        Cmd::Open { target: None, .. } => A::Reopen,
        Cmd::Open {
            target: Some(target),
            port,
        } => A::Open(Box::new(open_url(&target, port)?)),
        Cmd::User {
            name,
            password,
            account,
        } => A::User {
            user: name,
            password: password.map(Secret::new),
            account: account.map(Secret::new),
        },
        Cmd::Close => A::Close,
        Cmd::Ls {
            path, json: true, ..
        } => A::ListJson(path),
        Cmd::Ls { path, .. } => A::List {
            paths: path.into_iter().collect(),
            kind: ListKind::Long,
        },
        Cmd::Nlist { paths } => A::List {
            paths,
            kind: ListKind::Names,
        },
        Cmd::Cd { path } => A::Cd(path),
        Cmd::Cdup => A::Cdup,
        Cmd::Pwd => A::Pwd,
        Cmd::Lcd { dir } => A::Lcd(dir),
        Cmd::Lpwd => A::Lpwd,
        Cmd::Lls { dir } => A::Lls(dir),
        Cmd::Get {
            remote,
            local,
            transfer,
        } => get(remote, local, &transfer),
        Cmd::Reget { remote, local } => {
            let transfer = TransferArgs {
                resume: true,
                ..TransferArgs::default()
            };
            get(remote, local, &transfer)
        }
        Cmd::Mget {
            patterns,
            parallel,
            json,
        } => A::Mget {
            patterns,
            parallel,
            json,
        },
        Cmd::Put {
            local,
            remote,
            transfer,
        } => {
            let ty = transfer.ascii.then_some(TransferType::Ascii);
            A::Put {
                local,
                remote,
                ty,
                mode: PutMode::Replace,
                opts: transfer.options(),
            }
        }
        Cmd::Reput { local, remote } => {
            let opts = TransferOptions {
                resume: true,
                ..TransferOptions::default()
            };
            A::Put {
                local,
                remote,
                ty: None,
                mode: PutMode::Replace,
                opts,
            }
        }
        Cmd::Append { local, remote } => A::Put {
            local,
            remote,
            ty: None,
            mode: PutMode::Append,
            opts: TransferOptions::default(),
        },
        Cmd::Mput {
            patterns,
            parallel,
            json,
        } => A::Mput {
            patterns,
            parallel,
            json,
        },
        Cmd::Pget {
            remote,
            local,
            segments,
            resume,
            json,
        } => {
            let output = match local {
                Some(p) => Output::File(p),
                None => Output::Into(PathBuf::from(".")),
            };
            A::Pget {
                remote,
                output,
                segments,
                resume,
                json,
            }
        }
        Cmd::Mirror {
            source,
            target,
            mirror,
        } => {
            let opts = mirror.options();
            // Without a target: the remote directory of the same name, or the local one.
            let base = source
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_owned();
            let target = target.unwrap_or(if base.is_empty() { ".".into() } else { base });
            let (remote, local) = if opts.reverse {
                (target, source)
            } else {
                (source, target)
            };
            A::Mirror {
                remote,
                local: PathBuf::from(local),
                opts,
            }
        }
        Cmd::Mkdir { path } => A::Mkdir(path),
        Cmd::Rmdir { path } => A::Rmdir(path),
        Cmd::Delete { path } => A::Delete(path),
        Cmd::Mdelete { patterns } => A::Mdelete(patterns),
        Cmd::Rename { from, to } => A::Rename { from, to },
        Cmd::Size { path, json } => A::Size { path, json },
        Cmd::Modtime { path, json } => A::Modtime { path, json },
        Cmd::Stat { path, json } => A::Stat { path, json },
        Cmd::Bookmark { op } => A::Bookmark(op.op()),
        Cmd::Ascii => A::Type(TransferType::Ascii),
        Cmd::Binary => A::Type(TransferType::Binary),
        Cmd::Type { kind } => match kind.to_ascii_lowercase().as_str() {
            "a" | "ascii" => A::Type(TransferType::Ascii),
            "i" | "image" | "binary" => A::Type(TransferType::Binary),
            other => return Err(format!("type: unknown type {other:?}; use ascii or binary")),
        },
        Cmd::Passive { setting } => {
            match setting.as_deref().map(str::to_ascii_lowercase).as_deref() {
                None => A::TogglePassive,
                Some("on") => A::Mode(DataMode::Passive),
                Some("off") => A::Mode(DataMode::Active),
                Some("auto") => A::Mode(DataMode::Auto),
                Some(other) => {
                    return Err(format!("passive: expected on, off or auto, not {other:?}"));
                }
            }
        }
        Cmd::Epsv { setting } => A::Epsv(toggle(setting)?),
        Cmd::Mode { mode } => A::Mode(mode.parse()?),
        Cmd::Status => A::Status,
        Cmd::Verbose { setting } => A::Verbose(toggle(setting)?),
        Cmd::Debug { setting } => A::Debug(toggle(setting)?),
        Cmd::Prompt { setting } => A::Prompt(toggle(setting)?),
        Cmd::Hash { setting } => A::Hash(toggle(setting)?),
        Cmd::Quote { .. } => A::Quote(raw_rest.to_owned()),
        Cmd::Site { .. } => A::Site(raw_rest.to_owned()),
        Cmd::System => A::System,
        Cmd::Features => A::Features,
        Cmd::Rhelp { command } => A::Rhelp(command),
        Cmd::Rstatus { path } => A::Rstatus(path),
        Cmd::Noop => A::Noop,
        Cmd::Shell { .. } => A::Shell((!raw_rest.is_empty()).then(|| raw_rest.to_owned())),
    };
    Ok(Parsed::Action(action))
}

fn get(remote: String, local: Option<PathBuf>, transfer: &TransferArgs) -> Action {
    let opts = transfer.options();
    let output = match local {
        Some(p) if p.as_os_str() == "-" => Output::Stdout,
        Some(p) if opts.recursive => Output::Into(p),
        Some(p) => Output::File(p),
        None => Output::Into(PathBuf::from(".")),
    };
    let ty = transfer.ascii.then_some(TransferType::Ascii);
    Action::Get {
        remote,
        output,
        ty,
        opts,
    }
}

/// Every command name and alias, for completion.
pub fn command_names() -> Vec<String> {
    let cmd = Line::command();
    let mut names: Vec<String> = cmd
        .get_subcommands()
        .flat_map(|c| {
            std::iter::once(c.get_name().to_owned()).chain(c.get_all_aliases().map(str::to_owned))
        })
        .collect();
    names.sort();
    names
}

/// The help text: a table of commands, or the usage of one.
pub fn help(topic: Option<&str>) -> Result<String, String> {
    let mut cmd = Line::command();
    match topic {
        None => {
            let mut out = String::from("Commands (help NAME for details):\n");
            for sub in cmd.get_subcommands() {
                let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
                out.push_str(&format!("  {:<10} {about}\n", sub.get_name()));
            }
            Ok(out)
        }
        Some(name) => {
            let sub = cmd
                .find_subcommand_mut(name)
                .ok_or_else(|| format!("no command `{name}`; type `help` for the list"))?;
            Ok(sub.render_long_help().to_string())
        }
    }
}

/// Which side a command's arguments name, for completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgSide {
    /// Remote paths.
    Remote,
    /// Local paths.
    Local,
    /// Neither.
    Other,
}

/// What the `index`-th argument (1-based) of `command` names.
pub fn arg_side(command: &str, index: usize) -> ArgSide {
    match (command, index) {
        ("put" | "send" | "reput" | "append", 1) | ("mput" | "lcd" | "lls", _) => ArgSide::Local,
        ("get" | "recv" | "reget", 2) => ArgSide::Local,
        ("put" | "send" | "reput" | "append", _) => ArgSide::Remote,
        (
            "get" | "recv" | "reget" | "mget" | "cd" | "ls" | "dir" | "nlist" | "mls" | "delete"
            | "rm" | "mdelete" | "rename" | "mv" | "size" | "modtime" | "stat" | "rmdir" | "mkdir",
            _,
        ) => ArgSide::Remote,
        _ => ArgSide::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(line: &str) -> Action {
        match parse_line(line).unwrap() {
            Parsed::Action(a) => a,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn quoted_and_escaped_names_keep_their_spaces() {
        assert_eq!(action(r#"cd "my dir""#), Action::Cd("my dir".into()));
        assert_eq!(action(r"cd my\ dir"), Action::Cd("my dir".into()));
        assert_eq!(
            action("rename 'a b' c"),
            Action::Rename {
                from: "a b".into(),
                to: "c".into()
            }
        );
        assert!(parse_line(r#"cd "unbalanced"#).is_err());
    }

    #[test]
    fn globs_reach_the_m_commands_unexpanded() {
        assert_eq!(
            action("mget *.txt a?.bin"),
            Action::Mget {
                patterns: vec!["*.txt".into(), "a?.bin".into()],
                parallel: 1,
                json: false
            }
        );
        assert_eq!(
            action("mput -P 4 'x *.log'"),
            Action::Mput {
                patterns: vec!["x *.log".into()],
                parallel: 4,
                json: false
            }
        );
    }

    #[test]
    fn unknown_commands_get_a_suggestion() {
        let err = parse_line("mgte x").unwrap_err();
        assert!(
            err.contains("unknown command `mgte`") && err.contains("did you mean `mget`"),
            "{err}"
        );
        let err = parse_line("frobnicate").unwrap_err();
        assert!(err.contains("unknown command `frobnicate`"), "{err}");
    }

    #[test]
    fn aliases_map_to_the_same_action() {
        assert_eq!(action("recv a"), action("get a"));
        assert_eq!(action("send a"), action("put a"));
        assert_eq!(action("rm a"), action("delete a"));
        assert_eq!(action("mv a b"), action("rename a b"));
        assert_eq!(action("image"), action("binary"));
        assert_eq!(parse_line("bye").unwrap(), Parsed::Quit);
        assert_eq!(
            parse_line("? get").unwrap(),
            Parsed::Help(Some("get".into()))
        );
    }

    #[test]
    fn quote_site_and_bang_take_the_raw_rest() {
        assert_eq!(
            action(r#"quote SITE CHMOD 644 "a b""#),
            Action::Quote(r#"SITE CHMOD 644 "a b""#.into())
        );
        assert_eq!(
            action("site chmod 600 f"),
            Action::Site("chmod 600 f".into())
        );
        assert_eq!(
            action("!ls -la | wc"),
            Action::Shell(Some("ls -la | wc".into()))
        );
        assert_eq!(action("!"), Action::Shell(None));
    }

    #[test]
    fn ls_json_is_the_one_shot_json_listing() {
        assert_eq!(action("ls --json"), Action::ListJson(None));
        assert_eq!(
            action("ls -l --json pub"),
            Action::ListJson(Some("pub".into()))
        );
        assert_eq!(action("dir --json pub"), action("ls --json pub"));
        assert_eq!(
            action("ls -l pub"),
            Action::List {
                paths: vec!["pub".into()],
                kind: ListKind::Long
            }
        );
    }

    #[test]
    fn blank_lines_and_comments_are_empty() {
        assert_eq!(parse_line("   ").unwrap(), Parsed::Empty);
        assert_eq!(parse_line("# a comment").unwrap(), Parsed::Empty);
    }

    #[test]
    fn open_accepts_urls_and_host_port() {
        let Action::Open(u) = action("open ftp://bob@example.org:2121/pub") else {
            panic!()
        };
        assert_eq!(
            (u.host.as_str(), u.port, u.user.as_deref()),
            ("example.org", Some(2121), Some("bob"))
        );
        let Action::Open(u) = action("open 127.0.0.1 2121") else {
            panic!()
        };
        assert_eq!((u.host.as_str(), u.port), ("127.0.0.1", Some(2121)));
        let Action::Open(u) = action("open ::1 21") else {
            panic!()
        };
        assert_eq!(u.host, "::1");
    }

    #[test]
    fn settings_take_on_off_or_toggle() {
        assert_eq!(action("prompt"), Action::Prompt(Toggle::Flip));
        assert_eq!(action("hash on"), Action::Hash(Toggle::On));
        assert_eq!(action("passive off"), Action::Mode(DataMode::Active));
        assert_eq!(action("mode eprt"), Action::Mode(DataMode::Eprt));
        assert_eq!(action("epsv"), Action::Epsv(Toggle::Flip));
        assert_eq!(action("epsv off"), Action::Epsv(Toggle::Off));
        assert!(parse_line("verbose maybe").is_err());
    }

    #[test]
    fn mirror_json_is_not_for_the_dry_run_plan() {
        let Action::Mirror { opts, .. } = action("mirror -P 2 --json pub") else {
            panic!()
        };
        assert!(opts.json && opts.parallel == 2);
        assert!(parse_line("mirror --json --dry-run pub").is_err());
    }

    #[test]
    fn open_without_a_target_opens_the_last_server_again() {
        assert_eq!(action("open"), Action::Reopen);
    }

    #[test]
    fn nlist_lists_every_path_it_is_given() {
        assert_eq!(
            action("mls a 'b c'"),
            Action::List {
                paths: vec!["a".into(), "b c".into()],
                kind: ListKind::Names
            }
        );
        assert_eq!(
            action("nlist"),
            Action::List {
                paths: vec![],
                kind: ListKind::Names
            }
        );
    }

    #[test]
    fn help_covers_every_command() {
        let all = help(None).unwrap();
        for name in ["open", "mget", "passive", "quote", "!"] {
            assert!(all.contains(name), "{name} missing from help");
        }
        assert!(help(Some("get")).unwrap().contains("continue"));
        assert!(help(Some("nope")).is_err());
        assert!(command_names().contains(&"recv".to_string()));
    }
}
