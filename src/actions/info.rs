//! Actions that show things: listings, sizes, times, status, and raw server replies.
//!
//! Everything printed here that came from the server is sanitized when stdout is a terminal.

use std::io::Write;
use std::time::Instant;

use super::Ui;
use crate::actions::context::Context;
use crate::engine::charset::CharsetSource;
use crate::engine::options::CharsetChoice;
use crate::engine::session::Session;
use crate::engine::transfer::ListKind;
use crate::error::{Error, Result};
use crate::proto::charset::Charset;
use crate::proto::codes::{Refusal, classify};
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

/// Streams a listing to stdout in UTF-8 (sanitized line by line on a terminal). While the
/// server's charset is still to be learned (`--charset auto`, nothing but ASCII seen yet) the
/// listing is read whole first, so that its names can decide it.
pub(super) fn list(
    ctx: &mut Context,
    path: Option<&str>,
    kind: ListKind,
    ui: &mut dyn Ui,
) -> Result<()> {
    let session = ctx.session()?;
    let sanitize = ui.stdout_is_terminal();
    // A name list prints bare names: servers prefix them with the directory asked for
    // (`dir/name`, and BSD-derived ones `dir//name`), and some (pure-ftpd) include `dir/.` and
    // `dir/..`, which a name list never needs.
    let names = kind == ListKind::Names;
    let undecided = session.charset_is_open();
    let mut body = Vec::new();
    if undecided && let Err(e) = session.list(kind, path, &mut body) {
        return names_instead(ctx, path, names, e, ui);
    }
    let mut sink = ListingLines {
        ui,
        pending: Vec::new(),
        sanitize,
        names,
        charset: session.listing_charset(&body),
    };
    if undecided {
        sink.write_all(&body).map_err(stdout_err)?;
    } else if let Err(e) = session.list(kind, path, &mut sink) {
        let ui = sink.ui;
        return names_instead(ctx, path, names, e, ui);
    }
    sink.flush_pending().map_err(stdout_err)
}

/// A listing failed: for a name list that the server refused (502) or wanted an argument for
/// (500), the names of MLSD or LIST instead; anything else is the error. The refusal comes
/// before any data, so nothing was printed yet.
fn names_instead(
    ctx: &mut Context,
    path: Option<&str>,
    names: bool,
    e: Error,
    ui: &mut dyn Ui,
) -> Result<()> {
    let refused = e.reply().filter(|r| classify(r) == Refusal::Unsupported);
    let (true, Some(reply)) = (names, refused) else {
        return Err(e);
    };
    let refusal = reply.one_line();
    ctx.session()?.note(&format!(
        "NLST refused ({refusal}): names from the directory listing"
    ));
    for entry in ctx.entries(path.unwrap_or(""))? {
        print_line(ui, &entry.name)?;
    }
    Ok(())
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
/// read by the session's one reader of 213 replies; a refusal fails with the server's reply;
/// a server without SIZE is asked through MLST or the parent's listing
/// ([`Session::facts`]).
pub(super) fn size(ctx: &mut Context, path: &str, json: bool, ui: &mut dyn Ui) -> Result<()> {
    use crate::engine::facts::SizeAnswer;
    let session = ctx.session()?;
    let bytes = match session.size_answer(path)? {
        SizeAnswer::Bytes(n) => n,
        SizeAnswer::Refused(reply) => return Err(Error::rejected(format!("SIZE {path}"), reply)),
        SizeAnswer::NoNumber(reply) => {
            return Err(Error::Unexpected {
                command: "SIZE".into(),
                reply,
            });
        }
        SizeAnswer::Unknown => {
            let facts = session.facts(path)?;
            match (facts.kind, facts.size) {
                (crate::proto::listing::EntryKind::Dir, _) => {
                    return Err(Error::Usage(format!(
                        "{path} is a directory: it has no size"
                    )));
                }
                (_, Some(n)) => n,
                (_, None) => {
                    return Err(Error::Usage(format!(
                        "the server cannot tell the size of {path} (no SIZE, and its listing \
                         gives none)"
                    )));
                }
            }
        }
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
    let stamp = ctx.session()?.file_time(path)?;
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
        None => "unknown (the server's answer gives no readable time)".to_owned(),
    };
    print_line(ui, &format!("{path}: {shown}"))
}

/// `stat PATH`: name, type, size and time, from MLST when the server offers it, else from
/// SIZE and MDTM (a path without a size that CWD accepts is a directory).
pub(super) fn stat(ctx: &mut Context, path: &str, json: bool, ui: &mut dyn Ui) -> Result<()> {
    let facts = ctx.session()?.facts(path)?;
    let (kind, size, modified) = (facts.kind, facts.size, facts.modified);
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
    lines.push(format!("Character set: {}", charset_words(ctx)));
    lines.push(format!("Rate limit: {}", shown_rate(ctx.config.limit_rate)));
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

/// A bandwidth limit as `status` and `rate` show it.
pub(super) fn shown_rate(limit: Option<u64>) -> String {
    match limit {
        Some(n) => format!(
            "{} (all transfers together)",
            crate::config::values::format_rate(n)
        ),
        None => "none".into(),
    }
}

/// The charset in use and where it comes from, in words (for `charset` and `status`).
pub(super) fn charset_words(ctx: &mut Context) -> String {
    let choice = ctx.config.session.charset;
    let connected = ctx.is_connected();
    match (choice, connected.then(|| ctx.session().ok()).flatten()) {
        (CharsetChoice::Fixed(c), _) => format!("{c} (chosen)"),
        (CharsetChoice::Auto, Some(session)) => match session.charset_and_source() {
            (c, CharsetSource::Server) => format!("{c} (auto: the server's names are {c})"),
            (c, CharsetSource::Feat) => format!("{c} (auto: the server offers UTF8)"),
            (c, CharsetSource::Guessed) => {
                format!("{c} (auto: guessed from the names; `charset NAME` forces another)")
            }
            (c, _) => format!("auto ({c} until a listing shows names that are not ASCII)"),
        },
        (CharsetChoice::Auto, None) => "auto".to_owned(),
    }
}

/// Buffers one line at a time and decodes it in the server's charset; in name lists prints
/// each name bare (what follows the last `/`) and leaves out `.`/`..`; escapes control
/// characters when stdout is a terminal.
struct ListingLines<'a> {
    ui: &'a mut dyn Ui,
    pending: Vec<u8>,
    /// Escape control characters (stdout is a terminal).
    sanitize: bool,
    /// A name list (NLST): bare names, no `.` or `..`.
    names: bool,
    /// The server's charset.
    charset: Charset,
}

impl ListingLines<'_> {
    fn emit(&mut self, line: &[u8]) -> std::io::Result<()> {
        let decoded = self.charset.decode(line);
        let mut text = decoded.trim_end_matches(['\r', '\n']);
        if self.names {
            text = text.rsplit('/').next().unwrap_or(text);
            if text.is_empty() || text == "." || text == ".." {
                return Ok(());
            }
        }
        if self.sanitize {
            writeln!(self.ui.stdout(), "{}", terminal_safe(text))
        } else {
            let out = self.ui.stdout();
            match self.names {
                true => writeln!(out, "{text}"),
                false => out.write_all(decoded.as_bytes()),
            }
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
