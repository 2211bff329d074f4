//! The `ferry` binary: parse arguments, run the one-shot command, the shell or a batch, and
//! exit with the documented code.

mod batch;
mod cli;
mod shell;
mod ui;

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal};
use std::process::ExitCode;

use clap::Parser;

use ferry::actions::Action;
use ferry::context::Context;
use ferry::oneshot;

use cli::Mode;

fn main() -> ExitCode {
    let (config, mode) = cli::Cli::parse().resolve();
    let level = if config.verbose { 2 } else { 0 };
    let interactive = matches!(mode, Mode::Shell(_));
    let mut ui = ui::TerminalUi::new(config.quiet, level, interactive);
    let mut ctx = Context::new(config, ui.trace_factory());
    match mode {
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

/// The `open` action for a URL given on the command line.
fn open_action(url: Option<&str>) -> Result<Option<Action>, ExitCode> {
    let Some(url) = url else { return Ok(None) };
    match ferry::url::parse(url) {
        Ok(u) => Ok(Some(Action::Open(Box::new(u)))),
        Err(e) => {
            ui::report("", &e.into());
            Err(ExitCode::from(ferry::ExitCode::Usage as u8))
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
