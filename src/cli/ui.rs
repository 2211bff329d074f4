//! The terminal side: progress bars, `#` marks, summaries, the protocol trace, questions and
//! error messages.
//!
//! Progress and messages go to stderr, data to stdout. Bars appear only when stderr is a
//! terminal and `-q` is not given. Everything that came from the server is passed through
//! [`terminal_safe`] first.

use std::io::{self, BufRead, BufWriter, IsTerminal, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use ferry::Error;
use ferry::actions::Ui;
use ferry::actions::context::TraceFactory;
use ferry::config::values::format_rate;
use ferry::engine::session::Trace;
use ferry::engine::transfer::{NoProgress, Progress};
use ferry::error::Face;
use ferry::sanitize::terminal_safe;

/// Progress bars and output for one run of the program.
pub struct TerminalUi {
    out: BufWriter<Stdout>,
    stdout_tty: bool,
    show_progress: bool,
    interactive: bool,
    bar: Bar,
    /// One bar per parallel transfer, under the overall bar.
    lanes: Vec<Bar>,
    /// A file fetched in segments (pget): its own display, with the whole file's bar above
    /// the segments' bars.
    segmented: Option<Segmented>,
    hash: HashMarks,
    none: NoProgress,
    level: Arc<AtomicU8>,
}

impl TerminalUi {
    /// A UI on the process's stdout and stderr; `interactive` allows questions on the terminal.
    pub fn new(quiet: bool, trace_level: u8, interactive: bool) -> TerminalUi {
        let stdout = io::stdout();
        TerminalUi {
            stdout_tty: stdout.is_terminal(),
            out: BufWriter::with_capacity(64 * 1024, stdout),
            show_progress: !quiet && io::stderr().is_terminal(),
            interactive,
            bar: Bar::default(),
            lanes: Vec::new(),
            segmented: None,
            hash: HashMarks::default(),
            none: NoProgress,
            level: Arc::new(AtomicU8::new(trace_level)),
        }
    }

    /// Flushes standard output; a command is over, so a segmented file's display goes too.
    pub fn flush(&mut self) -> io::Result<()> {
        self.end_segments();
        self.out.flush()
    }

    /// Clears the bars of a file fetched in segments, if there are any.
    fn end_segments(&mut self) {
        if let Some(segmented) = self.segmented.take() {
            for mut lane in self.lanes.drain(..) {
                lane.finish(0);
            }
            segmented.overall.finish_and_clear();
        }
    }

    /// A trace sink factory that prints according to the current trace level.
    pub fn trace_factory(&self) -> TraceFactory {
        let level = self.level.clone();
        Box::new(move || {
            let level = level.clone();
            Some(Box::new(move |t: Trace<'_>| {
                let shown = level.load(Ordering::Relaxed);
                let (mark, text, min) = match t {
                    Trace::Sent(s) => ('>', s, 2),
                    Trace::Received(s) => ('<', s, 1),
                    Trace::Note(s) => ('*', s, 1),
                };
                if shown >= min {
                    eprintln!("{mark} {}", terminal_safe(text));
                }
            }))
        })
    }
}

impl Ui for TerminalUi {
    fn stdout(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    fn progress(&mut self, hash: bool) -> &mut dyn Progress {
        match (hash, self.show_progress) {
            (true, _) => &mut self.hash,
            (false, true) => &mut self.bar,
            (false, false) => &mut self.none,
        }
    }

    fn summary(&mut self, line: &str) {
        if !self.show_progress {
            return;
        }
        // pget's summary comes when the whole file is in place: its bars are done.
        self.end_segments();
        match &self.bar.multi {
            Some(multi) => {
                let _ = multi.println(line);
            }
            None => eprintln!("{line}"),
        }
    }

    fn notice(&mut self, line: &str) {
        let print = || eprintln!("ferry: {}", terminal_safe(line));
        match &self.segmented {
            Some(segmented) => segmented.multi.suspend(print),
            None => self.bar.above(print),
        }
    }

    fn confirm(&mut self, question: &str) -> bool {
        if !self.interactive {
            return true;
        }
        let _ = self.out.flush();
        // The bars stop drawing while the question waits: a spinner would draw over it.
        self.bar.above(|| {
            eprint!("{} [y/N] ", terminal_safe(question));
            let _ = io::stderr().flush();
            let mut answer = String::new();
            if io::stdin().lock().read_line(&mut answer).is_err() {
                return false;
            }
            matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
        })
    }

    fn password(&mut self, prompt: &str) -> Option<String> {
        prompt_password(prompt)
    }

    fn stdout_is_terminal(&self) -> bool {
        self.stdout_tty
    }

    fn set_trace_level(&mut self, level: u8) {
        self.level.store(level, Ordering::Relaxed);
    }

    fn trace_level(&self) -> u8 {
        self.level.load(Ordering::Relaxed)
    }

    fn batch_start(&mut self, files: Option<u64>) {
        if self.show_progress {
            self.bar.batch_start(files);
        }
    }

    fn batch_step(&mut self, bytes: u64) {
        if let Some(overall) = &self.bar.overall {
            overall.inc(1);
            self.bar.batch_bytes += bytes;
            overall.set_message(ferry::actions::human_bytes(self.bar.batch_bytes as f64));
        }
    }

    fn batch_end(&mut self) {
        for mut lane in self.lanes.drain(..) {
            lane.finish(0);
        }
        self.bar.batch_end();
    }

    fn rate_limit(&mut self, limit: Option<u64>) {
        self.bar.limit = limit.map(|n| format!("(limit {})", format_rate(n)));
    }

    fn lanes(&mut self, n: usize) {
        self.end_segments();
        if self.show_progress && self.bar.multi.is_none() {
            // Lanes outside a many-file command are the segments of one file (pget).
            let segmented = Segmented::new();
            self.lanes = (0..n)
                .map(|i| Bar {
                    multi: Some(segmented.multi.clone()),
                    segment: Some(SegmentOf {
                        index: i,
                        of: n,
                        whole: segmented.overall.clone(),
                        shown: 0,
                        counted: false,
                    }),
                    limit: self.bar.limit.clone(),
                    ..Bar::default()
                })
                .collect();
            self.segmented = Some(segmented);
            return;
        }
        self.lanes = (0..n)
            .map(|_| Bar {
                multi: self.bar.multi.clone(),
                limit: self.bar.limit.clone(),
                ..Bar::default()
            })
            .collect();
    }

    fn lane(&mut self, i: usize) -> &mut dyn Progress {
        match (self.show_progress, self.lanes.get_mut(i)) {
            (true, Some(lane)) => lane,
            _ => &mut self.none,
        }
    }
}

/// An indicatif bar per transfer: bytes, rate and ETA, or a spinner when the size is unknown;
/// during a many-file command, under an overall bar of files and bytes done.
#[derive(Default)]
struct Bar {
    bar: Option<ProgressBar>,
    multi: Option<MultiProgress>,
    overall: Option<ProgressBar>,
    batch_bytes: u64,
    /// When this bar shows one segment of a file (pget).
    segment: Option<SegmentOf>,
    /// `(limit 2 MiB/s)` under `--limit-rate`, shown after the rate.
    limit: Option<String>,
}

/// The display of one file fetched in segments: the whole file's bar, the segments' bars below.
struct Segmented {
    multi: MultiProgress,
    overall: ProgressBar,
}

impl Segmented {
    fn new() -> Segmented {
        // Hidden until the first segment starts and gives it a length: an empty bar would
        // draw as a full one.
        let overall = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden())
            .with_style(
                ProgressStyle::with_template(
                    "{msg:20!} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}",
                )
                .expect("valid template")
                .progress_chars("=> "),
            );
        Segmented {
            multi: MultiProgress::new(),
            overall,
        }
    }
}

/// Which segment a lane's bar shows, and what it added to the whole file's bar.
struct SegmentOf {
    index: usize,
    of: usize,
    whole: ProgressBar,
    /// The position last added to the whole file's bar.
    shown: u64,
    /// The segment's size was added to the whole file's length (a retry adds nothing).
    counted: bool,
}

impl Bar {
    /// Runs `f` (which writes to the terminal) with the bars cleared and not redrawn until it
    /// returns.
    fn above<R>(&self, f: impl FnOnce() -> R) -> R {
        match (&self.multi, &self.bar) {
            (Some(multi), _) => multi.suspend(f),
            (None, Some(bar)) => bar.suspend(f),
            (None, None) => f(),
        }
    }

    fn batch_start(&mut self, files: Option<u64>) {
        if let (Some(overall), Some(n)) = (&self.overall, files) {
            overall.set_length(n);
            overall.set_style(overall_style(true));
            return;
        }
        let multi = MultiProgress::new();
        let overall = multi
            .add(ProgressBar::new(files.unwrap_or(0)).with_style(overall_style(files.is_some())));
        overall.set_message("0 B");
        overall.enable_steady_tick(Duration::from_millis(200));
        self.multi = Some(multi);
        self.overall = Some(overall);
        self.batch_bytes = 0;
    }

    fn batch_end(&mut self) {
        if let Some(overall) = self.overall.take() {
            overall.finish_and_clear();
        }
        self.multi = None;
    }
}

fn overall_style(counted: bool) -> ProgressStyle {
    let template = match counted {
        true => "total [{bar:30}] {pos}/{len} files, {msg}",
        false => "{spinner} total {pos} files, {msg}",
    };
    ProgressStyle::with_template(template)
        .expect("valid template")
        .progress_chars("=> ")
}

impl Progress for Bar {
    fn start(&mut self, name: &str, total: Option<u64>) {
        let bar = match total {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(bar_template(colour_allowed(
                    std::env::var_os("NO_COLOR").as_deref(),
                )))
                .expect("valid template")
                .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template(
                    "{spinner} {msg:20!} {bytes} {binary_bytes_per_sec} {prefix}",
                )
                .expect("valid template"),
            ),
        };
        bar.set_prefix(self.limit.clone().unwrap_or_default());
        // Joined to the many-file display before it draws anything of its own.
        let bar = match &self.multi {
            Some(multi) => multi.add(bar),
            None => bar,
        };
        let shown = terminal_safe(name).into_owned();
        match &mut self.segment {
            Some(seg) => {
                bar.set_message(format!("{shown} [{}/{}]", seg.index + 1, seg.of));
                if !seg.counted {
                    seg.counted = true;
                    seg.whole.inc_length(total.unwrap_or(0));
                    seg.whole.set_message(format!("{shown} (all {})", seg.of));
                    if let (true, Some(multi)) = (seg.whole.is_hidden(), &self.multi) {
                        // Above the segments' bars.
                        multi.insert(0, seg.whole.clone());
                        seg.whole.enable_steady_tick(Duration::from_millis(200));
                    }
                }
            }
            None => bar.set_message(shown),
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        self.bar = Some(bar);
    }

    fn advance(&mut self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
        if let Some(seg) = &mut self.segment {
            seg.whole.inc(done.saturating_sub(seg.shown));
            seg.shown = seg.shown.max(done);
        }
    }

    fn finish(&mut self, _done: u64) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
            if let Some(multi) = &self.multi {
                multi.remove(&bar);
            }
        }
    }
}

/// Whether bars may use colour: not when `NO_COLOR` is set to anything but the empty string
/// (<https://no-color.org>). indicatif's own styling (console) honours it too.
fn colour_allowed(no_color: Option<&std::ffi::OsStr>) -> bool {
    no_color.is_none_or(|v| v.is_empty())
}

/// The per-file bar: the bar itself in cyan when colour is allowed.
fn bar_template(colour: bool) -> &'static str {
    if colour {
        "{msg:20!} [{bar:30.cyan}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {prefix}"
    } else {
        "{msg:20!} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {prefix}"
    }
}

/// Classic `hash` output: one `#` per KiB on stderr.
#[derive(Default)]
struct HashMarks {
    printed: u64,
}

impl Progress for HashMarks {
    fn start(&mut self, _: &str, _: Option<u64>) {
        self.printed = 0;
    }

    fn advance(&mut self, done: u64) {
        let due = done / 1024;
        if due > self.printed {
            let marks = "#".repeat((due - self.printed) as usize);
            eprint!("{marks}");
            self.printed = due;
        }
    }

    fn finish(&mut self, _: u64) {
        eprintln!();
    }
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

/// Prints `ferry: {place}error: {text}`, the one form of an error line (`text` already safe
/// for the terminal).
pub fn error_line(place: &str, text: &str) {
    eprintln!("ferry: {place}error: {text}");
}

/// Prints `ferry: error: …` (with a `where` prefix such as `script:3: `) and, when there is
/// one, `ferry: hint: …`.
pub fn report(place: &str, e: &Error) {
    report_for(place, e, Face::CommandLine);
}

/// [`report`] with the hint in the words of `face` (the shell's and batch files' hints name
/// shell commands).
pub fn report_for(place: &str, e: &Error, face: Face) {
    error_line(place, &terminal_safe(&e.to_string()));
    if let Some(hint) = e.hint_for(face) {
        eprint!("{}", hint_lines(&hint));
    }
}

/// `ferry: hint: …` before every line of a hint (a certificate's explanation takes several),
/// so each line says where it comes from.
fn hint_lines(hint: &str) -> String {
    hint.lines()
        .map(|line| format!("ferry: hint: {}\n", terminal_safe(line)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_a_hint_carries_the_prefix() {
        let text = hint_lines("refused:\n  - it is self-signed\nto accept it, use --cacert");
        assert_eq!(
            text,
            "ferry: hint: refused:\nferry: hint:   - it is self-signed\n\
             ferry: hint: to accept it, use --cacert\n"
        );
    }

    #[test]
    fn no_color_leaves_the_bars_plain() {
        use std::ffi::OsStr;
        assert!(colour_allowed(None));
        assert!(colour_allowed(Some(OsStr::new(""))));
        assert!(!colour_allowed(Some(OsStr::new("1"))));
        for colour in [true, false] {
            ProgressStyle::with_template(bar_template(colour)).expect("valid template");
        }
        assert!(!bar_template(false).contains(".cyan"));
    }
}
