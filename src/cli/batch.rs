//! Batch mode: shell commands from a file or standard input, run in order.
//!
//! Same grammar and executor as the shell. Blank lines and `#` comments are skipped. The first
//! failing line stops the run with its line number and exit code; `-k/--keep-going` runs on
//! and exits with the first failure's code. A line starting with `-` may fail without counting.
//! No questions are asked and no bars are drawn unless stderr is a terminal.

use std::io::BufRead;
use std::process::ExitCode;

use ferry::actions::context::Context;
use ferry::actions::{self, Action, Ui};
use ferry::{Error, ExitCode as Code};

use crate::cli::shell::grammar::{self, Parsed, parse_line};
use crate::cli::ui::{TerminalUi, report};

/// Runs every line of `input` (called `name` in messages), after `open` if given.
pub fn run(
    mut ctx: Context,
    mut ui: TerminalUi,
    input: Box<dyn BufRead>,
    name: &str,
    keep_going: bool,
    open: Option<Action>,
) -> ExitCode {
    let mut failed: Option<Code> = None;
    if let Some(action) = open
        && let Err(e) = actions::execute(&mut ctx, &action, &mut ui)
    {
        report("", &e);
        ctx.close();
        return ExitCode::from(e.exit_code() as u8);
    }
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("ferry: {name}: cannot read: {e}");
                failed.get_or_insert(Code::LocalFile);
                break;
            }
        };
        let trimmed = line.trim_start();
        let (may_fail, text) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let outcome = match parse_line(text) {
            Ok(Parsed::Empty) => Ok(()),
            Ok(Parsed::Quit) => break,
            Ok(Parsed::Help(topic)) => grammar::help(topic.as_deref())
                .map(|t| {
                    let _ = ui.stdout().write_all(t.as_bytes());
                })
                .map_err(Failure::Usage),
            Ok(Parsed::Action(action)) => {
                let result = actions::execute(&mut ctx, &action, &mut ui);
                let _ = ui.flush();
                result.map_err(Failure::Engine)
            }
            Err(msg) => Err(Failure::Usage(msg)),
        };
        let Err(failure) = outcome else { continue };
        if matches!(&failure, Failure::Engine(e) if crate::cli::ui::is_broken_pipe(e)) {
            break; // `ferry -b script | head`: the reader has all it wanted
        }
        let place = format!("{name}:{number}: ");
        let code = match &failure {
            Failure::Usage(msg) => {
                eprintln!("ferry: {place}error: {msg}");
                Code::Usage
            }
            Failure::Engine(e) => {
                report(&place, e);
                e.exit_code()
            }
        };
        if may_fail {
            continue;
        }
        failed.get_or_insert(code);
        if !keep_going {
            break;
        }
    }
    ctx.close();
    let _ = ui.flush();
    ExitCode::from(failed.map_or(0, |c| c as u8))
}

enum Failure {
    Usage(String),
    Engine(Error),
}
