//! Batch mode: shell commands from a file or standard input, run in order.
//!
//! Same grammar and executor as the shell. Blank lines and `#` comments are skipped. The first
//! failing line stops the run with its line number and exit code; `-k/--keep-going` runs on
//! and exits with the first failure's code. A line starting with `-` may fail without counting.
//! No questions are asked and no bars are drawn unless stderr is a terminal.
//!
//! A line ending in `&` starts a background job (`ferry::actions::jobs`) and the script goes
//! on; `wait` joins, and the end of the script waits for every job. A job's failure is reported
//! with the line that started it and counts as that line's would (`-k` goes on, a `-` line may
//! fail); it is noticed after the line during which it ended, so without `-k` no later line
//! starts, while the jobs already running are waited for.

use std::collections::HashMap;
use std::io::BufRead;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use ferry::actions::context::Context;
use ferry::actions::jobs::{JobId, Jobs, State};
use ferry::actions::{self, Action, Ui};
use ferry::error::Face;
use ferry::{Error, ExitCode as Code};

use crate::cli::jobs;
use crate::cli::shell::grammar::{self, JobCommand, Parsed, parse_line};
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
    let mut background = Background::new(name);
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
        let place = Place {
            line: index + 1,
            may_fail,
        };
        let outcome = run_line(&mut ctx, &mut ui, &mut background, text, place);
        // Jobs that ended meanwhile say so now, a failed one counting as its own line would.
        if let Some(code) = background.show_ended(&mut ctx, &mut ui) {
            failed.get_or_insert(code);
            if !keep_going {
                break;
            }
        }
        let failure = match outcome {
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
    // The end of the script (or its first failure) waits for the jobs still running.
    let _ = background.jobs.wait(None, &AtomicBool::new(false));
    if let Some(code) = background.show_ended(&mut ctx, &mut ui) {
        failed.get_or_insert(code);
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

/// Where a line is: its number, and whether it may fail (`-` first).
#[derive(Clone, Copy)]
struct Place {
    line: usize,
    may_fail: bool,
}

/// The script's background jobs, with the line each started on.
struct Background<'a> {
    jobs: Jobs,
    started: HashMap<JobId, Place>,
    name: &'a str,
}

impl<'a> Background<'a> {
    fn new(name: &'a str) -> Self {
        Background {
            jobs: Jobs::new(),
            started: HashMap::new(),
            name,
        }
    }

    /// Reports the jobs that ended; returns the exit code of the first that failed and counts
    /// (a killed job and one started on a `-` line do not).
    fn show_ended(&mut self, ctx: &mut Context, ui: &mut TerminalUi) -> Option<Code> {
        let mut failed = None;
        for e in self.jobs.take_ended() {
            if jobs::changed_remote(&e.action) {
                ctx.invalidate_cache();
            }
            let place = self.started.remove(&e.id).unwrap_or(Place {
                line: 0,
                may_fail: false,
            });
            let _ = ui.stdout().write_all(&e.stdout);
            for notice in &e.notices {
                ui.notice(&format!("[{}] {notice}", e.id));
            }
            match (&e.result, e.state) {
                (Err(err), State::Failed) => {
                    let at = format!("{}:{}: [{}] ", self.name, place.line, e.id);
                    ui::report_for(&at, err, Face::Shell);
                    if !place.may_fail {
                        failed.get_or_insert(err.exit_code());
                    }
                }
                (_, State::Killed) => ui.notice(&jobs::ended_line(&e)),
                _ => ui.summary(&jobs::ended_line(&e)),
            }
        }
        let _ = ui.flush();
        failed
    }
}

/// Runs one line (without its `-` mark).
fn run_line(
    ctx: &mut Context,
    ui: &mut TerminalUi,
    background: &mut Background<'_>,
    text: &str,
    place: Place,
) -> Result<Flow, Failure> {
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
        Ok(Parsed::Background { action, label }) => {
            let id = background
                .jobs
                .start(ctx, &action, &label, false)
                .map_err(Failure::Engine)?;
            background.started.insert(id, place);
            ui.summary(&jobs::started_line(id, &label));
            Ok(Flow::Next)
        }
        Ok(Parsed::Job(command)) => job_command(ctx, ui, &background.jobs, command),
        Err(msg) => Err(Failure::Usage(msg)),
    }
}

/// `jobs`, `wait [N]`, `kill N` and `fg [N]` in a script.
fn job_command(
    ctx: &Context,
    ui: &mut TerminalUi,
    table: &Jobs,
    command: JobCommand,
) -> Result<Flow, Failure> {
    let interrupt = &ctx.interrupt;
    match command {
        JobCommand::List => {
            let _ = ui.stdout().write_all(jobs::list(table).as_bytes());
            let _ = ui.flush();
        }
        JobCommand::Wait(id) => table.wait(id, interrupt).map_err(Failure::Engine)?,
        JobCommand::Kill(id) => table
            .kill(id)
            .and_then(|()| table.wait(Some(id), interrupt))
            .map_err(Failure::Engine)?,
        JobCommand::Fg(id) => {
            let id = id
                .or_else(|| table.newest_running())
                .ok_or_else(|| Failure::Usage("no background job is running".into()))?;
            jobs::follow(table, id, ui, interrupt).map_err(Failure::Usage)?;
        }
    }
    Ok(Flow::Next)
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
