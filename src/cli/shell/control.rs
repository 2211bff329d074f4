//! The shell's side of background jobs: starting them, `jobs`, `wait`, `kill` and `fg`, their
//! last lines (before the prompt, or above the line being typed), and leaving with jobs still
//! running.
//!
//! While the user is at the prompt, a job that ends prints through rustyline's external
//! printer, which clears the line being typed, prints above it and draws it again; at any
//! other time its line waits for the next prompt, so it does not land in a foreground
//! command's output or progress bar. Both paths take the job's record under one lock with the
//! flag that says which applies, so a line is printed once and never missed. The printing
//! itself happens after the lock is let go (the printer can block until rustyline reads its
//! pipe, and the shell takes the lock when a line is entered): a job that ends in the very
//! instant Enter is pressed may print its line just before that command's first output.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rustyline::history::History;
use rustyline::{Editor, ExternalPrinter, Helper};

use ferry::actions::Ui;
use ferry::actions::context::Context;
use ferry::actions::jobs::{Ended, Jobs};
use ferry::error::Face;

use super::grammar::JobCommand;
use crate::cli::jobs::{changed_remote, ended_text, follow, list, started_line};
use crate::cli::ui::{TerminalUi, report_for};

#[derive(Default)]
struct Idle {
    /// The user is at the prompt: a job's end prints above the line being typed.
    at_prompt: bool,
    /// A job that ended changed remote files: cached listings are stale.
    stale: bool,
}

/// The shell's background jobs.
pub struct Foreground {
    jobs: Jobs,
    idle: Arc<Mutex<Idle>>,
}

impl Foreground {
    /// The table, with the editor's external printer for the ends that come while the user
    /// types (without one, every end waits for the next prompt).
    pub fn new<H: Helper, I: History>(editor: &mut Editor<H, I>) -> Foreground {
        let jobs = Jobs::new();
        let idle = Arc::new(Mutex::new(Idle::default()));
        if let Ok(printer) = editor.create_external_printer() {
            let printer = Mutex::new(printer);
            let shared = idle.clone();
            jobs.on_end(Box::new(move |jobs| {
                let mut idle = lock(&shared);
                if !idle.at_prompt {
                    return;
                }
                let ended = jobs.take_ended();
                idle.stale |= ended.iter().any(|e| changed_remote(&e.action));
                drop(idle);
                let text: String = ended.iter().map(with_output).collect();
                if !text.is_empty() {
                    let _ = lock(&printer).print(text);
                }
            }));
        }
        Foreground { jobs, idle }
    }

    /// Before the prompt: the lines of the jobs that ended meanwhile.
    pub fn enter_prompt(&self, ctx: &mut Context) {
        let mut idle = lock(&self.idle);
        show(&self.jobs.take_ended(), &mut idle);
        idle.at_prompt = true;
        if std::mem::take(&mut idle.stale) {
            ctx.invalidate_cache();
        }
    }

    /// After the prompt: ends wait for the next one.
    pub fn leave_prompt(&self, ctx: &mut Context) {
        let mut idle = lock(&self.idle);
        idle.at_prompt = false;
        if std::mem::take(&mut idle.stale) {
            ctx.invalidate_cache();
        }
    }

    /// `… &`: starts the job and says its number.
    pub fn start(&self, ctx: &Context, action: &ferry::actions::Action, label: &str) {
        match self.jobs.start(ctx, action, label, ctx.prompt) {
            Ok(id) => eprintln!("{}", started_line(id, label)),
            Err(e) => report_for("", &e, Face::Shell),
        }
    }

    /// `jobs`, `wait`, `kill`, `fg`. Ctrl-C stops a wait (the jobs go on) and stops the job
    /// that `fg` follows.
    pub fn command(&self, command: JobCommand, ctx: &Context, ui: &mut TerminalUi) {
        let interrupt = &ctx.interrupt;
        interrupt.store(false, Ordering::SeqCst);
        let result = match command {
            JobCommand::List => {
                let _ = ui.stdout().write_all(list(&self.jobs).as_bytes());
                let _ = ui.flush();
                Ok(())
            }
            JobCommand::Wait(id) => self.jobs.wait(id, interrupt).map_err(|e| match e {
                ferry::Error::Interrupted => {
                    "stopped waiting; the jobs go on (`jobs` lists them, `kill N` stops one)"
                        .to_owned()
                }
                e => e.to_string(),
            }),
            JobCommand::Kill(id) => self
                .jobs
                .kill(id)
                .and_then(|()| self.jobs.wait(Some(id), interrupt))
                .map_err(|e| e.to_string()),
            JobCommand::Fg(id) => match id.or_else(|| self.jobs.newest_running()) {
                Some(id) => follow(&self.jobs, id, ui, interrupt),
                None => Err("no background job is running".into()),
            },
        };
        interrupt.store(false, Ordering::SeqCst);
        if let Err(msg) = result {
            eprintln!("ferry: {msg}");
        }
    }

    /// `quit`, `bye` or Ctrl-D: true when the shell may end. With jobs running the user is
    /// asked first, unless `without_asking` (a second Ctrl-D); the jobs are then stopped,
    /// their partial files kept, and their last lines shown.
    pub fn may_quit(&self, ui: &mut TerminalUi, without_asking: bool) -> bool {
        let running = self.jobs.running();
        if running == 0 {
            return true;
        }
        let (jobs, are) = match running {
            1 => ("1 job".to_owned(), "is"),
            n => (format!("{n} jobs"), "are"),
        };
        if !without_asking && !ui.confirm(&format!("{jobs} {are} running; quit and stop them?")) {
            return false;
        }
        self.jobs.kill_all();
        let _ = self.jobs.wait(None, &AtomicBool::new(false));
        show(&self.jobs.take_ended(), &mut lock(&self.idle));
        true
    }
}

/// Prints ended jobs' output on stdout and their lines on stderr.
fn show(ended: &[Ended], idle: &mut Idle) {
    for e in ended {
        idle.stale |= changed_remote(&e.action);
        let mut out = std::io::stdout();
        let _ = out.write_all(&e.stdout);
        let _ = out.flush();
        eprint!("{}", ended_text(e));
    }
}

/// A job's output and lines as one text, for the external printer.
fn with_output(e: &Ended) -> String {
    String::from_utf8_lossy(&e.stdout).into_owned() + &ended_text(e)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
