//! Actions that show things: listings, sizes, times, status, and raw server replies.
//!
//! Everything printed here that came from the server is sanitized when stdout is a terminal.

use std::io::Write;
use std::time::Instant;

use super::Ui;
use crate::actions::context::Context;
use crate::engine::session::Session;
use crate::engine::transfer::ListKind;
use crate::error::{Error, Result};
use crate::proto::listing::Timestamp;
use crate::proto::reply::Reply;
use crate::sanitize::terminal_safe;

fn stdout_err(e: std::io::Error) -> Error {
    Error::Local {
        what: "cannot write",
        path: "-".into(),
        source: e,
    }
}

/// Adapts the Ui's stdout to `Write` without holding two borrows of the Ui.
pub(super) struct StdoutSink<'a>(pub(super) &'a mut dyn Ui);

impl std::io::Write for StdoutSink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.stdout().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.stdout().flush()
    }
}

/// Prints one line of server-derived text on stdout.
pub(super) fn print_line(ui: &mut dyn Ui, line: &str) -> Result<()> {
    let safe = terminal_safe(line);
    writeln!(ui.stdout(), "{safe}")
        .and_then(|()| ui.stdout().flush())
        .map_err(stdout_err)
}

/// Lists each of `paths` in turn (the current directory when there is none), each retried by
/// itself after a transient failure so nothing already printed is printed twice.
pub(super) fn list_each(
    ctx: &mut Context,
    paths: &[String],
    kind: ListKind,
    ui: &mut dyn Ui,
) -> Result<()> {
    if paths.is_empty() {
        return super::retrying(ctx, ui, "", |ctx, ui, _| list(ctx, None, kind, ui));
    }
    for path in paths {
        super::retrying(ctx, ui, "", |ctx, ui, _| list(ctx, Some(path), kind, ui))?;
    }
    Ok(())
}

/// Streams a listing to stdout (sanitized line by line on a terminal).
pub(super) fn list(
    ctx: &mut Context,
    path: Option<&str>,
    kind: ListKind,
    ui: &mut dyn Ui,
) -> Result<()> {
    let session = ctx.session()?;
    let sanitize = ui.stdout_is_terminal();
    // Some servers (pure-ftpd) include `dir/.` and `dir/..` in NLST; a name list never needs them.
    let skip_dots = kind == ListKind::Names;
    if !sanitize && !skip_dots {
        let mut sink = StdoutSink(ui);
        session.list(kind, path, &mut sink)?;
        return sink.flush().map_err(stdout_err);
    }
    let mut sink = ListingLines {
        ui,
        pending: Vec::new(),
        sanitize,
        skip_dots,
    };
    session.list(kind, path, &mut sink)?;
    sink.flush_pending().map_err(stdout_err)
}

/// One listing entry as `ls --json` prints it; the field names are a stable contract.
#[derive(serde::Serialize)]
struct JsonEntry<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    size: Option<u64>,
    modified: Option<String>,
    target: Option<&'a str>,
    permissions: Option<&'a str>,
}

/// `ls --json`: the parsed entries (MLSD when offered, else LIST) as one JSON array.
pub(super) fn list_json(ctx: &mut Context, path: Option<&str>, ui: &mut dyn Ui) -> Result<()> {
    let entries = ctx.entries(path.unwrap_or(""))?;
    let rows: Vec<JsonEntry<'_>> = entries
        .iter()
        .map(|e| JsonEntry {
            name: &e.name,
            kind: kind_name(e.kind),
            size: e.size,
            modified: e.modified.map(iso_time),
            target: e.link_target.as_deref(),
            permissions: e.permissions.as_deref(),
        })
        .collect();
    let text = serde_json::to_string_pretty(&rows).expect("entries serialize");
    print_json_text(ui, &text)
}

/// `file`, `dir`, `symlink` or `other`: the stable names in JSON output.
fn kind_name(kind: crate::proto::listing::EntryKind) -> &'static str {
    use crate::proto::listing::EntryKind;
    match kind {
        EntryKind::File => "file",
        EntryKind::Dir => "dir",
        EntryKind::Symlink => "symlink",
        EntryKind::Other => "other",
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub(super) fn iso_time(t: Timestamp) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

/// Prints one JSON value on a line of its own.
pub(super) fn print_json(ui: &mut dyn Ui, value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string(value).expect("plain values serialize");
    print_json_text(ui, &text)
}

fn print_json_text(ui: &mut dyn Ui, text: &str) -> Result<()> {
    writeln!(ui.stdout(), "{text}")
        .and_then(|()| ui.stdout().flush())
        .map_err(stdout_err)
}

/// What `size --json`, `modtime --json` and `stat --json` print; the field names are stable.
#[derive(serde::Serialize)]
struct FileInfo<'a> {
    name: &'a str,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    /// `None`: not part of this command's answer; `Some(None)`: unknown (`null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<Option<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<Option<String>>,
}

/// `size FILE`: the size in bytes (binary mode, where SIZE means something). The number is
/// read by the session's one reader of 213 replies; a refusal fails with the server's reply.
pub(super) fn size(ctx: &mut Context, path: &str, json: bool, ui: &mut dyn Ui) -> Result<()> {
    use crate::proto::command::{Command, TransferType};
    let session = ctx.session()?;
    session.set_type(TransferType::Binary)?;
    let reply = session.expect(&Command::Size(path.into()), &[])?;
    let Some(bytes) = crate::proto::replies::size_in(&reply) else {
        return Err(Error::Unexpected {
            command: "SIZE".into(),
            reply,
        });
    };
    if !json {
        return print_line(ui, &format!("{path}: {bytes}"));
    }
    let info = FileInfo {
        name: path,
        kind: None,
        size: Some(Some(bytes)),
        modified: None,
    };
    print_json(ui, &info)
}

/// `modtime FILE`: the modification time, in UTC.
pub(super) fn modtime(ctx: &mut Context, path: &str, json: bool, ui: &mut dyn Ui) -> Result<()> {
    let raw = ctx.session()?.mdtm(path)?;
    let stamp = Timestamp::parse_mdtm(&raw);
    if json {
        let info = FileInfo {
            name: path,
            kind: None,
            size: None,
            modified: Some(stamp.map(iso_time)),
        };
        return print_json(ui, &info);
    }
    let shown = match stamp {
        Some(t) => format!("{t} UTC"),
        None => raw,
    };
    print_line(ui, &format!("{path}: {shown}"))
}

/// `stat PATH`: name, type, size and time, from MLST when the server offers it, else from
/// SIZE and MDTM (a path without a size that CWD accepts is a directory).
pub(super) fn stat(ctx: &mut Context, path: &str, json: bool, ui: &mut dyn Ui) -> Result<()> {
    let session = ctx.session()?;
    let (kind, size, modified) = if session.features().has("MLST") {
        stat_by_mlst(session, path)?
    } else {
        stat_by_size_and_mdtm(session, path)?
    };
    if json {
        let info = FileInfo {
            name: path,
            kind: Some(kind_name(kind)),
            size: Some(size),
            modified: Some(modified.map(iso_time)),
        };
        return print_json(ui, &info);
    }
    let size = size.map_or("unknown".to_owned(), |n| n.to_string());
    let modified = modified.map_or("unknown".to_owned(), |t| format!("{t} UTC"));
    for line in [
        format!("name: {path}"),
        format!("type: {}", kind_name(kind)),
        format!("size: {size}"),
        format!("modified: {modified}"),
    ] {
        print_line(ui, &line)?;
    }
    Ok(())
}

/// What a file is: type, size and time.
type Facts = (
    crate::proto::listing::EntryKind,
    Option<u64>,
    Option<Timestamp>,
);

/// `stat` from the server's MLST.
fn stat_by_mlst(session: &mut Session, path: &str) -> Result<Facts> {
    use crate::proto::listing::parse_mlsd_line;
    let reply = session.quote(&format!("MLST {path}"))?;
    if !reply.is_completion() {
        return Err(Error::rejected(format!("MLST {path}"), reply));
    }
    let entry = reply
        .lines
        .iter()
        .filter_map(|l| l.strip_prefix(' '))
        .find_map(parse_mlsd_line);
    let Some(entry) = entry else {
        return Err(Error::Unexpected {
            command: "MLST".into(),
            reply,
        });
    };
    Ok((entry.kind, entry.size, entry.modified))
}

/// `stat` without MLST: SIZE and MDTM, and a path without a size that CWD accepts is a
/// directory.
fn stat_by_size_and_mdtm(session: &mut Session, path: &str) -> Result<Facts> {
    use crate::proto::command::{Command, TransferType};
    use crate::proto::listing::EntryKind;
    session.set_type(TransferType::Binary)?;
    // The reply itself, not just the number: it is the error when the path is neither.
    let reply = session.command(&Command::Size(path.into()))?;
    let size = crate::proto::replies::size_in(&reply);
    let modified = match session.mdtm(path) {
        Ok(raw) => Timestamp::parse_mdtm(&raw),
        Err(e) if e.is_connection_lost() => return Err(e),
        Err(_) => None,
    };
    let kind = if size.is_some() {
        EntryKind::File
    } else {
        let here = session.pwd()?;
        if session.cwd(path).is_err() {
            return Err(Error::rejected(format!("SIZE {path}"), reply));
        }
        session.cwd(&here)?;
        EntryKind::Dir
    };
    Ok((kind, size, modified))
}

/// `quote`, `site`, `system`, `rhelp`, `rstatus`: print the whole reply; a 4xx/5xx is an error.
pub(super) fn raw(
    ctx: &mut Context,
    ui: &mut dyn Ui,
    op: impl FnOnce(&mut Session) -> Result<Reply>,
) -> Result<()> {
    let reply = op(ctx.session()?)?;
    if reply.is_transient() || reply.is_permanent() {
        return Err(Error::rejected("command", reply));
    }
    for line in &reply.lines {
        print_line(ui, line)?;
    }
    Ok(())
}

/// `quote` and `site`: like [`raw`], and since the command may have changed files, the cached
/// listings (completion, globs) are forgotten whatever the reply.
pub(super) fn raw_change(
    ctx: &mut Context,
    ui: &mut dyn Ui,
    op: impl FnOnce(&mut Session) -> Result<Reply>,
) -> Result<()> {
    let result = raw(ctx, ui, op);
    ctx.invalidate_cache();
    result
}

/// `features`: what FEAT advertised.
pub(super) fn features(ctx: &mut Context, ui: &mut dyn Ui) -> Result<()> {
    let lines: Vec<String> = ctx
        .session()?
        .features()
        .iter()
        .map(str::to_owned)
        .collect();
    if lines.is_empty() {
        return print_line(ui, "the server advertised no features (FEAT)");
    }
    for line in lines {
        print_line(ui, &line)?;
    }
    Ok(())
}

/// `status`: where we are and how transfers will be made.
pub(super) fn status(ctx: &mut Context, ui: &mut dyn Ui) -> Result<()> {
    let mut lines = Vec::new();
    match ctx.endpoint() {
        Some(e) if ctx.is_connected() && ctx.login_refused().is_some() => lines.push(format!(
            "Connected to {}, but not logged in: the server refused the login as {}; \
             log in with `user NAME`",
            e.address(),
            ctx.login_refused().unwrap_or_default()
        )),
        Some(e) if ctx.is_connected() => lines.push(format!("Connected to {}", e.display())),
        Some(e) => lines.push(format!(
            "Connection to {} lost; the next command reconnects",
            e.display()
        )),
        None => lines.push("Not connected.".to_owned()),
    }
    if let Some(cwd) = ctx.remote_cwd() {
        lines.push(format!("Remote directory: {cwd}"));
    }
    let local = std::env::current_dir()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    lines.push(format!("Local directory: {local}"));
    let ty = format!("{:?}", ctx.transfer_type).to_lowercase();
    lines.push(format!("Transfer type: {ty}"));
    let mode = format!("{:?}", ctx.config.session.data_mode).to_lowercase();
    match &ctx.config.session.proxy {
        Some(proxy) => {
            lines.push(format!(
                "Data connections: {mode} (auto is passive through the proxy)"
            ));
            lines.push(format!("Proxy: {proxy}"));
        }
        None => lines.push(format!("Data connections: {mode}")),
    }
    let on = |b: bool| if b { "on" } else { "off" };
    lines.push(format!(
        "Verbose: {}; debug: {}; prompting: {}; hash marks: {}",
        on(ui.trace_level() >= 1),
        on(ui.trace_level() >= 2),
        on(ctx.prompt),
        on(ctx.hash)
    ));
    for line in lines {
        print_line(ui, &line)?;
    }
    Ok(())
}

/// Buffers one line at a time, leaves out `.`/`..` in name lists, and escapes control
/// characters when stdout is a terminal.
struct ListingLines<'a> {
    ui: &'a mut dyn Ui,
    pending: Vec<u8>,
    /// Escape control characters (stdout is a terminal).
    sanitize: bool,
    /// Leave out `.` and `..` entries (name lists).
    skip_dots: bool,
}

impl ListingLines<'_> {
    fn emit(&mut self, line: &[u8]) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(line);
        let text = text.trim_end_matches(['\r', '\n']);
        let last = text.rsplit('/').next().unwrap_or(text);
        if self.skip_dots && (last == "." || last == "..") {
            return Ok(());
        }
        if self.sanitize {
            writeln!(self.ui.stdout(), "{}", terminal_safe(text))
        } else {
            self.ui.stdout().write_all(line)
        }
    }

    fn flush_pending(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            self.emit(&line)?;
        }
        self.ui.stdout().flush()
    }
}

impl Write for ListingLines<'_> {
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
pub fn summary(name: &str, bytes: u64, started: Instant) -> String {
    summary_line(name, bytes, started.elapsed().as_secs_f64())
}

/// [`summary`] for a transfer that took `secs` seconds.
pub(super) fn summary_line(name: &str, bytes: u64, secs: f64) -> String {
    let rate = if secs > 0.0 { bytes as f64 / secs } else { 0.0 };
    format!(
        "{}: {} in {:.2} s, {}/s",
        terminal_safe(name),
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
