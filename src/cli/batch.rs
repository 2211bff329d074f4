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
use ferry::error::Face;
use ferry::{Error, ExitCode as Code};

use crate::cli::shell::grammar::{self, Parsed, parse_line};
use crate::cli::ui::{self, TerminalUi};

/// Runs every line of `input` (called `name` in messages), after `open` if given. Each failure
/// is reported here (a failing line with its place), before the connection is closed.
pub fn run(
    mut ctx: Context,
    mut ui: TerminalUi,
    input: Box<dyn BufRead>,
    name: &str,
    keep_going: bool,
    open: Option<Action>,
) -> ExitCode {
    ctx.face = ferry::error::Face::Shell;
    if let Some(action) = open
        && let Err(e) = actions::execute(&mut ctx, &action, &mut ui)
    {
        ui::report("", &e);
        ctx.close();
        return ExitCode::from(e.exit_code() as u8);
    }
    let mut failed: Option<Code> = None;
    for (index, line) in input.lines().enumerate() {
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
        let failure = match run_line(&mut ctx, &mut ui, text) {
            Ok(Flow::Next) => continue,
            Ok(Flow::Stop) => break,
            Err(failure) => failure,
        };
        if matches!(&failure, Failure::Engine(e) if ui::is_broken_pipe(e)) {
            break; // `ferry -b script | head`: the reader has all it wanted
        }
        let code = failure.report(&format!("{name}:{}: ", index + 1));
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

/// What comes after a line that worked.
enum Flow {
    Next,
    Stop,
}

/// Runs one line (without its `-` mark).
fn run_line(ctx: &mut Context, ui: &mut TerminalUi, text: &str) -> Result<Flow, Failure> {
    match parse_line(text) {
        Ok(Parsed::Empty) => Ok(Flow::Next),
        Ok(Parsed::Quit) => Ok(Flow::Stop),
        Ok(Parsed::Help(topic)) => {
            let text = grammar::help(topic.as_deref()).map_err(Failure::Usage)?;
            let _ = ui.stdout().write_all(text.as_bytes());
            Ok(Flow::Next)
        }
        Ok(Parsed::Action(action)) => {
            let result = actions::execute(ctx, &action, ui);
            let _ = ui.flush();
            result.map(|()| Flow::Next).map_err(Failure::Engine)
        }
        Err(msg) => Err(Failure::Usage(msg)),
    }
}

enum Failure {
    Usage(String),
    Engine(Error),
}

impl Failure {
    /// Prints the failure at `place` (`script:3: `) and returns its exit code.
    fn report(&self, place: &str) -> Code {
        match self {
            Failure::Usage(msg) => {
                ui::error_line(place, msg);
                Code::Usage
            }
            Failure::Engine(e) => {
                ui::report_for(place, e, Face::Shell);
                e.exit_code()
            }
        }
    }
}
