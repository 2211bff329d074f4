//! One run of the program after the arguments are parsed: the settings below the command line,
//! then the one-shot command, the shell or the batch. Every error that ends the run is returned
//! to `main`, which prints it once; the shell and batch mode report each failing command
//! themselves and return the exit code the run ends with.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ferry::actions::Action;
use ferry::actions::context::Context;
use ferry::config::settings::{self, Profile};
use ferry::proto::command::Secret;
use ferry::{Error, Result};

use crate::cli::args::{Cli, Mode};
use crate::cli::{batch, oneshot, shell, ui};

/// Runs what the command line asks for and returns the exit code, or the error that ends it.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let (config, mode, profile) = cli.resolve_with(base_profile()?);
    let level = if config.verbose { 2 } else { 0 };
    let interactive = matches!(mode, Mode::Shell(_));
    let mut ui = ui::TerminalUi::new(config.quiet, level, interactive);
    let config_dir = config.config_dir.clone();
    let mut ctx = Context::new(config, ui.trace_factory());
    ctx.set_profile(profile);
    let open_action = |url: Option<&str>| open_action(url, config_dir.as_deref());
    match mode {
        Mode::OneShot(cmd) => {
            let result = oneshot::run(&cmd, &mut ctx, &mut ui);
            finish(result, &mut ui)
        }
        Mode::Shell(url) => Ok(shell::run(ctx, ui, open_action(url.as_deref())?)),
        Mode::Batch {
            file,
            url,
            keep_going,
        } => {
            let open = open_action(url.as_deref())?;
            let (input, name) = batch_input(file)?;
            Ok(batch::run(ctx, ui, input, &name, keep_going, open))
        }
    }
}

/// The layers below the command line: the config file and the environment.
fn base_profile() -> Result<Profile> {
    let config_dir = settings::config_dir();
    let file = match &config_dir {
        Some(dir) => settings::load(dir)?,
        None => settings::ConfigFile::default(),
    };
    let environment = ferry::config::environment::from_environment()?;
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

/// The `open` action for a URL (or a bookmark's name) given on the command line.
fn open_action(url: Option<&str>, config_dir: Option<&Path>) -> Result<Option<Action>> {
    let Some(url) = url else { return Ok(None) };
    let (parsed, charset) = if ferry::config::bookmarks::looks_like_name(url) {
        ferry::config::bookmarks::lookup(config_dir, url)?
    } else {
        (ferry::url::parse(url)?, None)
    };
    Ok(Some(Action::Open(Box::new(parsed), charset)))
}

/// The batch script (standard input for `None`) and its name in messages.
fn batch_input(file: Option<PathBuf>) -> Result<(Box<dyn BufRead>, String)> {
    let Some(path) = file else {
        if io::stdin().is_terminal() {
            eprintln!("ferry: reading commands from the terminal; end with Ctrl-D");
        }
        return Ok((Box::new(io::stdin().lock()), "stdin".into()));
    };
    match File::open(&path) {
        Ok(f) => {
            let name = path.display().to_string();
            Ok((Box::new(BufReader::new(f)), name))
        }
        Err(source) => Err(Error::Local {
            what: "cannot read",
            path,
            source,
        }),
    }
}

/// A one-shot command's end: its error, else a failed flush of standard output. A closed pipe
/// (`ferry cat … | head`) is a normal end.
fn finish(result: Result<()>, ui: &mut ui::TerminalUi) -> Result<ExitCode> {
    let flushed = ui.flush();
    match result {
        Err(e) if !ui::is_broken_pipe(&e) => Err(e),
        _ => match flushed {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Stdout(e)),
            _ => Ok(ExitCode::SUCCESS),
        },
    }
}
