//! The terminal side: progress bars, summaries, the protocol trace and error messages.
//!
//! Progress and messages go to stderr, data to stdout. Bars appear only when stderr is a
//! terminal and `-q` is not given. Everything that came from the server is passed through
//! [`terminal_safe`] first.

use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use ferry::Error;
use ferry::actions::Ui;
use ferry::sanitize::terminal_safe;
use ferry::session::{Trace, TraceFn};
use ferry::transfer::{NoProgress, Progress};

/// Progress bars and output for one run of the program.
pub struct TerminalUi {
    out: BufWriter<StdoutLock<'static>>,
    stdout_tty: bool,
    show_progress: bool,
    bar: Bar,
    none: NoProgress,
}

impl TerminalUi {
    /// A UI on the process's stdout and stderr.
    pub fn new(quiet: bool) -> TerminalUi {
        let stdout = io::stdout();
        let stdout_tty = stdout.is_terminal();
        TerminalUi {
            out: BufWriter::with_capacity(64 * 1024, stdout.lock()),
            stdout_tty,
            show_progress: !quiet && io::stderr().is_terminal(),
            bar: Bar::default(),
            none: NoProgress,
        }
    }

    /// Flushes standard output.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl Ui for TerminalUi {
    fn stdout(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    fn progress(&mut self) -> &mut dyn Progress {
        if self.show_progress {
            &mut self.bar
        } else {
            &mut self.none
        }
    }

    fn summary(&mut self, line: &str) {
        if self.show_progress {
            eprintln!("{line}");
        }
    }

    fn stdout_is_terminal(&self) -> bool {
        self.stdout_tty
    }
}

/// An indicatif bar per transfer: bytes, rate and ETA, or a spinner when the size is unknown.
#[derive(Default)]
struct Bar {
    bar: Option<ProgressBar>,
}

impl Progress for Bar {
    fn start(&mut self, name: &str, total: Option<u64>) {
        let bar = match total {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(
                    "{msg:20!} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}",
                )
                .expect("valid template")
                .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {msg:20!} {bytes} {binary_bytes_per_sec}")
                    .expect("valid template"),
            ),
        };
        bar.set_message(terminal_safe(name).into_owned());
        bar.enable_steady_tick(Duration::from_millis(200));
        self.bar = Some(bar);
    }

    fn advance(&mut self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }

    fn finish(&mut self, _done: u64) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// A trace sink printing `> sent`, `< received` and `* notes` on stderr.
pub fn stderr_trace() -> TraceFn {
    Box::new(|t: Trace<'_>| {
        let (mark, text) = match t {
            Trace::Sent(s) => ('>', s),
            Trace::Received(s) => ('<', s),
            Trace::Note(s) => ('*', s),
        };
        eprintln!("{mark} {}", terminal_safe(text));
    })
}

/// Asks for a password on the terminal, if there is one.
pub fn prompt_password(prompt: &str) -> Option<String> {
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return None;
    }
    rpassword::prompt_password(prompt).ok()
}

/// True when the error is only stdout's reader going away (`ferry cat URL | head`).
pub fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Local { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}

/// Prints `ferry: error: …` and, when there is one, `ferry: hint: …`.
pub fn report(e: &Error) {
    eprintln!("ferry: error: {}", terminal_safe(&e.to_string()));
    if let Some(hint) = e.hint() {
        eprintln!("ferry: hint: {hint}");
    }
}
