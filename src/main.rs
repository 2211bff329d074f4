//! The `ferry` binary: parse arguments, run the one-shot command, the shell or a batch, and
//! exit with the documented code.

#![forbid(unsafe_code)]

mod cli;

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use cli::oneshot;
use ferry::actions::Action;
use ferry::actions::context::Context;
use ferry::config::settings::{self, Profile};
use ferry::proto::command::Secret;

use cli::args::Mode;
use cli::{batch, docs, shell, ui};

fn main() -> ExitCode {
    let cli = cli::args::Cli::parse();
    let profile = match base_profile() {
        Ok(p) => p,
        Err(e) => {
            ui::report("", &e);
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let (config, mode, profile) = cli.resolve_with(profile);
    warn_about_proxies();
    let level = if config.verbose { 2 } else { 0 };
    let interactive = matches!(mode, Mode::Shell(_));
    let mut ui = ui::TerminalUi::new(config.quiet, level, interactive);
    let config_dir = config.config_dir.clone();
    let mut ctx = Context::new(config, ui.trace_factory());
    ctx.set_profile(profile);
    let open_action = |url: Option<&str>| open_action(url, config_dir.as_deref());
    match mode {
        Mode::GenerateDocs(dir) => match docs::generate(&dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ferry: error: cannot write into {}: {e}", dir.display());
                ExitCode::from(ferry::ExitCode::LocalFile as u8)
            }
        },
        Mode::OneShot(cmd) => {
            let result = oneshot::run(&cmd, &mut ctx, &mut ui);
            finish(result, &mut ui)
        }
        Mode::Shell(url) => match open_action(url.as_deref()) {
            Ok(open) => shell::run(ctx, ui, open),
            Err(code) => code,
        },
        Mode::Batch {
            file,
            url,
            keep_going,
        } => {
            let open = match open_action(url.as_deref()) {
                Ok(open) => open,
                Err(code) => return code,
            };
            let (input, name): (Box<dyn BufRead>, String) = match file {
                None => (Box::new(io::stdin().lock()), "stdin".into()),
                Some(path) => match File::open(&path) {
                    Ok(f) => (Box::new(BufReader::new(f)), path.display().to_string()),
                    Err(e) => {
                        eprintln!("ferry: error: cannot read {}: {e}", path.display());
                        return ExitCode::from(ferry::ExitCode::LocalFile as u8);
                    }
                },
            };
            if io::stdin().is_terminal() && name == "stdin" {
                eprintln!("ferry: reading commands from the terminal; end with Ctrl-D");
            }
            batch::run(ctx, ui, input, &name, keep_going, open)
        }
    }
}

/// The layers below the command line: the config file and the environment.
fn base_profile() -> ferry::Result<Profile> {
    let config_dir = settings::config_dir();
    let file = match &config_dir {
        Some(dir) => settings::load(dir)?,
        None => settings::ConfigFile::default(),
    };
    let environment = settings::from_environment()?;
    Ok(Profile {
        defaults: file.defaults,
        hosts: file.hosts,
        environment,
        command_line: settings::Settings::default(),
        netrc_path: ferry::config::netrc::default_path(),
        env_password: std::env::var("FERRY_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
            .map(Secret::new),
        config_dir,
    })
}

/// ferry speaks FTP directly; a proxy variable that would be ignored silently gets one line.
fn warn_about_proxies() {
    for var in ["ftp_proxy", "FTP_PROXY"] {
        if std::env::var_os(var).is_some_and(|v| !v.is_empty()) {
            eprintln!(
                "ferry: warning: {var} is set, but ferry does not use proxies; connecting directly"
            );
            return;
        }
    }
}

/// The `open` action for a URL (or a bookmark's name) given on the command line.
fn open_action(url: Option<&str>, config_dir: Option<&Path>) -> Result<Option<Action>, ExitCode> {
    let Some(url) = url else { return Ok(None) };
    let parsed = if ferry::config::bookmarks::looks_like_name(url) {
        ferry::config::bookmarks::lookup(config_dir, url)
    } else {
        ferry::url::parse(url).map_err(ferry::Error::from)
    };
    match parsed {
        Ok(u) => Ok(Some(Action::Open(Box::new(u)))),
        Err(e) => {
            ui::report("", &e);
            Err(ExitCode::from(e.exit_code() as u8))
        }
    }
}

fn finish(result: ferry::Result<()>, ui: &mut ui::TerminalUi) -> ExitCode {
    let flushed = ui.flush();
    match result {
        Err(e) if !ui::is_broken_pipe(&e) => {
            ui::report("", &e);
            ExitCode::from(e.exit_code() as u8)
        }
        _ if flushed
            .as_ref()
            .is_err_and(|e| e.kind() != io::ErrorKind::BrokenPipe) =>
        {
            eprintln!(
                "ferry: error: cannot write to standard output: {}",
                flushed.unwrap_err()
            );
            ExitCode::from(ferry::ExitCode::LocalFile as u8)
        }
        _ => ExitCode::SUCCESS,
    }
}
