//! The interactive shell: a rustyline loop over the shared grammar and executor.
//!
//! The prompt says where you are (`ferry user@host:/cwd> `). History lives in the user's data
//! directory (`ferry/history`) and never holds a password (see [`history`]). Ctrl-C at the
//! prompt clears the line; during a transfer it aborts that transfer and the session stays
//! usable; Ctrl-D quits (QUIT).
//!
//! A transfer with `&` at the end runs as a background job (`ferry::actions::jobs`); `jobs`,
//! `wait`, `kill` and `fg` manage them (`control`). A job's last line is printed before the next
//! prompt, or, while the user is typing, above the line through rustyline's external printer,
//! which redraws the line being typed. Leaving with jobs running asks first.

mod background;
mod commands;
mod complete;
mod control;
mod convert;
pub mod grammar;
mod history;
mod suggest;

use std::cell::RefCell;
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::atomic::Ordering;

use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History};
use rustyline::{CompletionType, Config as LineConfig, Editor};

use ferry::actions::context::Context;
use ferry::actions::{self, Action, Ui};
use ferry::error::Face;
use ferry::sanitize::terminal_safe;

use crate::cli::ui::{TerminalUi, error_line, report_for};
use complete::ShellHelper;
use grammar::{Parsed, parse_line};
use history::{history_entry, history_path};

fn prompt(ctx: &Context) -> String {
    if let (Some(e), Some(_)) = (ctx.endpoint(), ctx.login_refused()) {
        return format!("ferry {} (not logged in)> ", terminal_safe(&e.address()));
    }
    match (ctx.endpoint(), ctx.remote_cwd()) {
        (Some(e), Some(cwd)) => format!(
            "ferry {}:{}> ",
            terminal_safe(&e.display()),
            terminal_safe(cwd)
        ),
        (Some(e), None) => format!("ferry {}> ", terminal_safe(&e.display())),
        _ => "ferry> ".to_owned(),
    }
}

/// Runs the shell until `quit` or Ctrl-D; `open` is connected to first when given.
pub fn run(mut ctx: Context, mut ui: TerminalUi, open: Option<Action>) -> ExitCode {
    ctx.show_cwd = true;
    ctx.face = ferry::error::Face::Shell;
    let interrupt = ctx.interrupt.clone();
    if let Err(e) = ctrlc::set_handler(move || interrupt.store(true, Ordering::SeqCst)) {
        eprintln!("ferry: warning: Ctrl-C will not abort transfers: {e}");
    }
    let ctx = Rc::new(RefCell::new(ctx));
    // Tab completes what all candidates share; a second Tab lists them (as bash, tnftp and
    // lftp do) instead of cycling through them one by one.
    let config = LineConfig::builder()
        .auto_add_history(false)
        .completion_type(CompletionType::List)
        .build();
    let mut editor: Editor<ShellHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            error_line("", &format!("cannot start the line editor: {e}"));
            return ExitCode::FAILURE;
        }
    };
    editor.set_helper(Some(ShellHelper::new(ctx.clone())));
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    if let Some(action) = open {
        run_action(&ctx, &action, &mut ui);
    }
    let jobs = control::Foreground::new(&mut editor);
    let mut eof_before = false;
    loop {
        // The prompt is made first: completion borrows the context during readline.
        let prompt = prompt(&ctx.borrow());
        jobs.enter_prompt(&mut ctx.borrow_mut());
        let line = editor.readline(&prompt);
        jobs.leave_prompt(&mut ctx.borrow_mut());
        let line = match line {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => {
                // A second Ctrl-D in a row leaves without asking again.
                if jobs.may_quit(&mut ui, eof_before) {
                    break;
                }
                eof_before = true;
                continue;
            }
            Err(e) => {
                error_line("", &format!("reading the command line: {e}"));
                jobs.may_quit(&mut ui, true);
                break;
            }
        };
        eof_before = false;
        if let Some(entry) = history_entry(&line) {
            let _ = editor.history_mut().add(&entry);
            save_history(&mut editor, history.as_ref());
        }
        match parse_line(&line) {
            Ok(Parsed::Empty) => {}
            Ok(Parsed::Quit) => {
                if jobs.may_quit(&mut ui, false) {
                    break;
                }
            }
            Ok(Parsed::Background { action, label }) => jobs.start(&ctx.borrow(), &action, &label),
            Ok(Parsed::Job(command)) => jobs.command(command, &ctx.borrow(), &mut ui),
            Ok(Parsed::Help(topic)) => match grammar::help(topic.as_deref()) {
                Ok(text) => print!("{text}"),
                Err(msg) => eprintln!("ferry: {msg}"),
            },
            Ok(Parsed::Action(action)) => run_action(&ctx, &action, &mut ui),
            Err(msg) => eprintln!("ferry: {msg}"),
        }
    }
    save_history(&mut editor, history.as_ref());
    ctx.borrow_mut().close();
    ExitCode::SUCCESS
}

fn run_action(ctx: &Rc<RefCell<Context>>, action: &Action, ui: &mut TerminalUi) {
    let mut ctx = ctx.borrow_mut();
    ctx.interrupt.store(false, Ordering::SeqCst);
    let result = actions::execute(&mut ctx, action, ui);
    // A Ctrl-C that came too late to stop anything must not stop the next action (or a
    // completion's listing).
    ctx.interrupt.store(false, Ordering::SeqCst);
    let _ = ui.flush();
    match result {
        Ok(()) => {}
        Err(ferry::Error::Interrupted) => {
            ui.notice(interrupted(&ctx));
            if let Some(note) = crate::cli::interrupt::shell_note(action) {
                ui.notice(&note);
            }
        }
        Err(e) => report_for("", &e, Face::Shell),
    }
}

/// What became of the connection after Ctrl-C: the abort either brought the server back in
/// step (ABOR answered), or the session was dropped.
fn interrupted(ctx: &Context) -> &'static str {
    match (ctx.is_connected(), ctx.endpoint().is_some()) {
        (true, _) => "interrupted; the connection is still open",
        (false, true) => {
            "interrupted; the server did not answer the abort in time, so that connection was \
             closed (the next command reconnects)"
        }
        (false, false) => "interrupted",
    }
}

fn save_history(editor: &mut Editor<ShellHelper, DefaultHistory>, path: Option<&PathBuf>) {
    let Some(path) = path else { return };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = editor.save_history(path);
}
