//! The shell's command language, shared by the interactive shell and batch mode.
//!
//! Commands are a clap `multicall` definition, so parsing, `help NAME` and "did you mean"
//! suggestions all come from one place and cannot drift apart. A line is split like a shell
//! would (quotes and backslash escapes, via `shlex`), except that `quote`, `literal`, `site` and
//! `!` take the rest of the line as it was typed. Each parsed command becomes an engine
//! [`Action`], or one of the few things only a front end can do ([`Parsed`]).

use clap::{CommandFactory, Parser, Subcommand};

use ferry::actions::Action;

pub use super::background::JobCommand;
use super::commands::{Background, Browse, Remote, Server, Session, Setting, Transfer};

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
    /// Run a transfer in the background (the line ended in `&`).
    Background {
        /// The transfer.
        action: Action,
        /// The line as typed, without the `&`.
        label: String,
    },
    /// `jobs`, `wait`, `kill`, `fg`.
    Job(JobCommand),
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

/// Every shell command, group by group (see [`super::commands`]).
#[derive(Debug, Subcommand)]
enum Cmd {
    #[command(flatten)]
    Session(Session),
    #[command(flatten)]
    Browse(Browse),
    #[command(flatten)]
    Transfer(Transfer),
    #[command(flatten)]
    Jobs(Background),
    #[command(flatten)]
    Remote(Remote),
    #[command(flatten)]
    Setting(Setting),
    #[command(flatten)]
    Server(Server),
}

/// Parses one line of shell or batch input.
pub fn parse_line(line: &str) -> Result<Parsed, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(Parsed::Empty);
    }
    if let Some(body) = super::background::strip_marker(line) {
        return match parse_one(body)? {
            Parsed::Action(action) => match ferry::actions::jobs::refusal(&action) {
                Some(why) => Err(format!("{why}; `help jobs` says more")),
                None => Ok(Parsed::Background {
                    action,
                    label: body.to_owned(),
                }),
            },
            Parsed::Empty => Err("nothing to run in the background before the &".into()),
            _ => Err(format!(
                "only get, mget, mirror, pget, put and mput can run in the background, not \
                 `{}`",
                body.split_whitespace().next().unwrap_or(body)
            )),
        };
    }
    parse_one(line)
}

/// Parses one line (trimmed, not blank, without a background marker).
fn parse_one(line: &str) -> Result<Parsed, String> {
    if line.is_empty() {
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
        Err(e) => Err(explain(e, first, line)),
    }
}

/// One short message for a clap error, with a suggestion for a misspelt command.
///
/// clap quotes the word it stumbled on (`unexpected argument 'x' found`); on a line that gives
/// a password (`user NAME PASS ACCT extra`, `open -u USER,PASS …`, a URL with one) that word may
/// be the password or the rest of it, so such a line gets clap's generic words instead.
fn explain(e: clap::Error, first: &str, line: &str) -> String {
    if e.kind() == clap::error::ErrorKind::InvalidSubcommand {
        let suggestion = match super::suggest::closest(first, &command_names()) {
            Some(s) => format!("; did you mean `{s}`?"),
            None => "; type `help` for the list".to_owned(),
        };
        return format!(
            "unknown command `{}`{suggestion}",
            ferry::sanitize::excerpt(first)
        );
    }
    if super::history::history_entry(line).as_deref() != Some(line) {
        return format!("{first}: {} (see `help {first}`)", e.kind());
    }
    let rendered = e.render().to_string();
    let first_line = rendered
        .lines()
        .next()
        .unwrap_or("invalid command")
        .trim_start_matches("error: ");
    format!("{first}: {first_line} (see `help {first}`)")
}

fn convert(cmd: Cmd, raw_rest: &str) -> Result<Parsed, String> {
    let action = match cmd {
        Cmd::Session(c) => return c.parse(),
        Cmd::Browse(c) => c.action(),
        Cmd::Transfer(c) => c.action(),
        Cmd::Jobs(c) => return Ok(Parsed::Job(c.command())),
        Cmd::Remote(c) => c.action(),
        Cmd::Setting(c) => c.action()?,
        Cmd::Server(c) => return Ok(c.parse(raw_rest)),
    };
    Ok(Parsed::Action(action))
}

/// The shell's whole grammar, for the man page's command reference.
pub fn command() -> clap::Command {
    let mut cmd = Line::command();
    cmd.build();
    cmd
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
            | "rm" | "mdelete" | "rename" | "mv" | "size" | "modtime" | "stat" | "rmdir" | "mkdir"
            | "hash",
            _,
        ) => ArgSide::Remote,
        _ => ArgSide::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ferry::actions::{Parallel, Toggle};
    use ferry::engine::transfer::ListKind;
    use ferry::proto::channel::DataMode;

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
                into: ".".into(),
                parallel: None,
                json: false
            }
        );
        assert_eq!(
            action("mput -P 4 'x *.log'"),
            Action::Mput {
                patterns: vec!["x *.log".into()],
                parallel: Some(Parallel::Fixed(4)),
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
        // A huge unknown word is refused with a message of readable length (no timing here:
        // timings belong in the benchmark).
        let long = "x".repeat(300_000);
        let err = parse_line(&long).unwrap_err();
        assert!(err.len() < 200, "{} characters", err.len());
        let err = parse_line("frobnicate").unwrap_err();
        assert!(err.contains("unknown command `frobnicate`"), "{err}");
    }

    #[test]
    fn a_refused_line_that_gives_a_password_does_not_quote_it() {
        for line in [
            "user alice pw acct hunter2",
            "open -u alice,hunter2 127.0.0.1 21 hunter2",
            "open ftp://alice:hunter2@127.0.0.1/ 21 hunter2",
        ] {
            let err = parse_line(line).unwrap_err();
            assert!(!err.contains("hunter2"), "{line}: {err}");
            assert!(err.contains("unexpected argument"), "{line}: {err}");
        }
        // Lines without a password still name the word clap stumbled on.
        let err = parse_line("cd a b").unwrap_err();
        assert!(err.contains("'b'"), "{err}");
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
    fn reget_reput_and_append_are_plain_transfers_that_continue_or_append() {
        let resumed = ferry::actions::TransferOptions {
            resume: true,
            ..Default::default()
        };
        assert_eq!(
            action("reput a b"),
            Action::Put {
                local: "a".into(),
                remote: Some("b".into()),
                ty: None,
                mode: ferry::actions::PutMode::Replace,
                opts: resumed.clone(),
            }
        );
        assert_eq!(
            action("append a"),
            Action::Put {
                local: "a".into(),
                remote: None,
                ty: None,
                mode: ferry::actions::PutMode::Append,
                opts: Default::default(),
            }
        );
        let Action::Get { opts, ty: None, .. } = action("reget a") else {
            panic!()
        };
        assert_eq!(opts, resumed);
    }

    #[test]
    fn blank_lines_and_comments_are_empty() {
        assert_eq!(parse_line("   ").unwrap(), Parsed::Empty);
        assert_eq!(parse_line("# a comment").unwrap(), Parsed::Empty);
    }

    #[test]
    fn open_accepts_urls_and_host_port() {
        let Action::Open(u, _) = action("open ftp://bob@example.org:2121/pub") else {
            panic!()
        };
        assert_eq!(
            (u.host.as_str(), u.port, u.user.as_deref()),
            ("example.org", Some(2121), Some("bob"))
        );
        let Action::Open(u, _) = action("open 127.0.0.1 2121") else {
            panic!()
        };
        assert_eq!((u.host.as_str(), u.port), ("127.0.0.1", Some(2121)));
        let Action::Open(u, _) = action("open ::1 21") else {
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
    fn hash_toggles_marks_or_hashes_files_and_rate_reads_curls_syntax() {
        assert_eq!(action("hash"), Action::Hash(Toggle::Flip));
        assert_eq!(action("hash off"), Action::Hash(Toggle::Off));
        assert_eq!(
            action("hash --algo md5 a b"),
            Action::Checksum {
                paths: vec!["a".into(), "b".into()],
                algo: Some(ferry::proto::digest::HashAlgo::Md5),
                json: false,
            }
        );
        assert!(matches!(action("hash ./on"), Action::Checksum { .. }));
        assert!(parse_line("hash --json").is_err());
        assert!(parse_line("hash --algo tiger f").is_err());
        assert_eq!(action("rate 500K"), Action::Rate(Some(500 * 1024)));
        assert_eq!(action("rate off"), Action::Rate(Some(0)));
        assert_eq!(action("rate"), Action::Rate(None));
        assert!(parse_line("rate quickly").is_err());
        assert_eq!(arg_side("hash", 1), ArgSide::Remote);
        let Action::Get { opts, .. } = action("get --verify=require f") else {
            panic!()
        };
        assert_eq!(opts.verify, ferry::actions::Verify::Require);
        let Action::Mirror { opts, .. } = action("mirror --compare hash --verify pub") else {
            panic!()
        };
        assert_eq!(opts.compare, ferry::actions::Compare::Hash);
        assert_eq!(opts.verify, ferry::actions::Verify::Offered);
    }

    #[test]
    fn charset_takes_auto_a_name_or_nothing() {
        use ferry::actions::CharsetChoice;
        use ferry::proto::charset::Charset;
        assert_eq!(action("charset"), Action::Charset(None));
        assert_eq!(
            action("charset auto"),
            Action::Charset(Some(CharsetChoice::Auto))
        );
        assert_eq!(
            action("charset GBK"),
            Action::Charset(Some(CharsetChoice::Fixed(
                Charset::from_name("gbk").unwrap()
            )))
        );
        let err = parse_line("charset klingon").unwrap_err().to_string();
        assert!(err.contains("klingon"), "{err}");
    }

    #[test]
    fn mirror_json_is_not_for_the_dry_run_plan() {
        let Action::Mirror { opts, .. } = action("mirror -P 2 --json pub") else {
            panic!()
        };
        assert!(opts.json && opts.parallel == Some(Parallel::Fixed(2)));
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
    fn every_argument_of_every_command_says_what_it_is() {
        for sub in Line::command().get_subcommands() {
            for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
                assert!(
                    arg.get_help()
                        .is_some_and(|h| !h.to_string().trim().is_empty()),
                    "`help {}`: {} has no text",
                    sub.get_name(),
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn lls_takes_the_ls_flags_people_type() {
        use ferry::actions::LlsStyle;
        let lls = |line: &str| match action(line) {
            Action::Lls { dir, how } => (dir, how),
            other => panic!("{line}: {other:?}"),
        };
        let long_all = LlsStyle {
            long: true,
            all: true,
            human: false,
        };
        assert_eq!(lls("lls -la"), (None, long_all));
        assert_eq!(lls("lls -al /tmp"), (Some("/tmp".into()), long_all));
        assert!(lls("lls -A").1.all);
        assert!(lls("lls -lh").1.human);
        assert_eq!(lls("lls").1, LlsStyle::default());
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
