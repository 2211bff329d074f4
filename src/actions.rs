//! The one command type and the one executor shared by every front end.
//!
//! One-shot subcommands (and later the shell and batch mode) all turn what the user typed into
//! an [`Action`] on paths relative to a logged-in [`Session`], and [`execute`] runs it. There is
//! exactly one implementation of `get`, `put`, `ls` and the rest.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::proto::command::TransferType;
use crate::session::Session;
use crate::transfer::{ListKind, Progress};

/// Where a download goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Standard output (`-o -`, `cat`).
    Stdout,
    /// A local file, written through `NAME.part`.
    File(PathBuf),
}

/// One user-level operation on the current session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Download a file.
    Get {
        /// Remote path.
        remote: String,
        /// Destination.
        output: Output,
        /// ASCII or binary.
        ty: TransferType,
    },
    /// Upload a file.
    Put {
        /// Local file.
        local: PathBuf,
        /// Remote path.
        remote: String,
        /// ASCII or binary.
        ty: TransferType,
    },
    /// Print a listing.
    List {
        /// Directory or file; `None` for the current directory.
        path: Option<String>,
        /// Names or long format.
        kind: ListKind,
    },
    /// Delete a file.
    Delete(String),
    /// Make a directory.
    Mkdir(String),
    /// Remove a directory.
    Rmdir(String),
    /// Rename a file or directory.
    Rename {
        /// Current path.
        from: String,
        /// New path.
        to: String,
    },
}

/// What the executor needs from the front end: where output goes and how progress shows.
pub trait Ui {
    /// Standard output, for listings and `cat`.
    fn stdout(&mut self) -> &mut dyn Write;
    /// Progress display for one transfer.
    fn progress(&mut self) -> &mut dyn Progress;
    /// A one-line human summary (e.g. after a transfer); quiet front ends drop it.
    fn summary(&mut self, line: &str);
    /// Whether listing text goes to a terminal (and must be sanitized).
    fn stdout_is_terminal(&self) -> bool;
}

/// Runs `action` on `session`.
pub fn execute(session: &mut Session, action: &Action, ui: &mut dyn Ui) -> Result<()> {
    match action {
        Action::Get { remote, output, ty } => get(session, remote, output, *ty, ui),
        Action::Put { local, remote, ty } => {
            let started = std::time::Instant::now();
            let n = session.upload_file(local, remote, *ty, ui.progress())?;
            ui.summary(&summary(remote, n, started));
            Ok(())
        }
        Action::List { path, kind } => list(session, path.as_deref(), *kind, ui),
        Action::Delete(path) => session.dele(path),
        Action::Mkdir(path) => session.mkd(path).map(drop),
        Action::Rmdir(path) => session.rmd(path),
        Action::Rename { from, to } => session.rename(from, to),
    }
}

fn get(
    session: &mut Session,
    remote: &str,
    output: &Output,
    ty: TransferType,
    ui: &mut dyn Ui,
) -> Result<()> {
    let started = std::time::Instant::now();
    match output {
        Output::Stdout => {
            // No bar: the data itself goes to stdout, and stays the only thing there.
            let mut sink = StdoutSink(ui);
            let mut progress = crate::transfer::NoProgress;
            session.retrieve(remote, ty, &mut sink, Path::new("-"), &mut progress)?;
        }
        Output::File(path) => {
            let n = session.download_file(remote, ty, path, ui.progress())?;
            ui.summary(&summary(&path.display().to_string(), n, started));
        }
    }
    Ok(())
}

/// Adapts the Ui's stdout to `Write` without holding two borrows of the Ui.
struct StdoutSink<'a>(&'a mut dyn Ui);

impl Write for StdoutSink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.stdout().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.stdout().flush()
    }
}

fn list(session: &mut Session, path: Option<&str>, kind: ListKind, ui: &mut dyn Ui) -> Result<()> {
    if !ui.stdout_is_terminal() {
        let mut sink = StdoutSink(ui);
        session.list(kind, path, &mut sink)?;
        return Ok(());
    }
    // On a terminal the listing is server text: sanitize it line by line.
    let mut sink = SanitizingLines {
        ui,
        pending: Vec::new(),
    };
    session.list(kind, path, &mut sink)?;
    sink.flush_pending().map_err(|e| Error::Local {
        what: "cannot write",
        path: "-".into(),
        source: e,
    })
}

/// Buffers one line at a time and writes it with control characters escaped.
struct SanitizingLines<'a> {
    ui: &'a mut dyn Ui,
    pending: Vec<u8>,
}

impl SanitizingLines<'_> {
    fn emit(&mut self, line: &[u8]) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(line);
        let text = text.trim_end_matches(['\r', '\n']);
        let safe = crate::sanitize::terminal_safe(text);
        writeln!(self.ui.stdout(), "{safe}")
    }

    fn flush_pending(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            self.emit(&line)?;
        }
        self.ui.stdout().flush()
    }
}

impl Write for SanitizingLines<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            self.pending.push(b);
            if b == b'\n' || self.pending.len() >= 64 * 1024 {
                let line = std::mem::take(&mut self.pending);
                self.emit(&line)?;
            }
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `name: 48.0 MiB in 0.41 s, 117 MiB/s`.
pub fn summary(name: &str, bytes: u64, started: std::time::Instant) -> String {
    let secs = started.elapsed().as_secs_f64();
    let rate = if secs > 0.0 { bytes as f64 / secs } else { 0.0 };
    format!(
        "{}: {} in {:.2} s, {}/s",
        crate::sanitize::terminal_safe(name),
        human_bytes(bytes as f64),
        secs,
        human_bytes(rate)
    )
}

/// Bytes in binary units, one decimal.
pub fn human_bytes(n: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut n = n;
    let mut unit = 0;
    while n >= 1024.0 && unit < UNITS.len() - 1 {
        n /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n:.0} B")
    } else {
        format!("{n:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_bytes(512.0), "512 B");
        assert_eq!(human_bytes(48.0 * 1024.0 * 1024.0), "48.0 MiB");
        assert_eq!(human_bytes(1536.0), "1.5 KiB");
    }
}
