//! get, put and their many-file forms (mget, mput, mdelete) with glob patterns.
//!
//! Remote globs are matched against a listing of the pattern's directory (MLSD or LIST, from
//! the context's cache); local globs against the file system. Every local name made from a
//! server name goes through [`safe_name`], so a hostile listing cannot write outside the local
//! directory: a refused entry is named in a notice and the command fails at the end.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, UNIX_EPOCH};

use glob::Pattern;

use super::info::summary_line;
use super::parallel::{self, Job};
use super::{Output, TransferOptions, Ui};
use crate::actions::context::Context;
use crate::actions::localname::safe_name;
use crate::engine::session::Session;
use crate::engine::transfer::{NoProgress, PutMode, Resume};
use crate::error::{Error, Result};
use crate::proto::command::TransferType;
use crate::proto::listing::{EntryKind, Timestamp};

/// Downloads one file, retrying transient failures by resuming the `.part` file it wrote.
pub(super) fn get(
    ctx: &mut Context,
    remote: &str,
    output: &Output,
    ty: Option<TransferType>,
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let ty = ty.unwrap_or(ctx.transfer_type);
    let target = match output {
        Output::Stdout if opts.json => {
            return Err(Error::Usage(
                "--json cannot share standard output with the file's data; use -o FILE".into(),
            ));
        }
        Output::Stdout if ty == TransferType::Ascii => {
            // No bar, and no retry: an ASCII stream's offsets are not the server's.
            let session = ctx.session()?;
            let mut sink = StdoutSink(ui);
            session.retrieve(remote, ty, 0, &mut sink, Path::new("-"), &mut NoProgress)?;
            return Ok(());
        }
        Output::Stdout => {
            // No bar; the data goes to stdout as it arrives, so a retry continues after the
            // bytes already written (REST) instead of writing them twice.
            let mut written = 0u64;
            super::retrying(ctx, ui, remote, |ctx, ui, _| {
                let session = ctx.session()?;
                let mut sink = Counted {
                    inner: StdoutSink(ui),
                    count: &mut written,
                };
                let offset = *sink.count;
                session.retrieve(
                    remote,
                    ty,
                    offset,
                    &mut sink,
                    Path::new("-"),
                    &mut NoProgress,
                )
            })?;
            return Ok(());
        }
        Output::File(path) => path.clone(),
        Output::Into(dir) => local_target(dir, remote)?,
    };
    if target.exists() && !opts.resume {
        if opts.no_clobber {
            ui.notice(&format!(
                "{} exists; not overwriting it (--no-clobber)",
                target.display()
            ));
            return Ok(());
        }
        if ctx.prompt && !ui.confirm(&format!("overwrite {}?", target.display())) {
            return Ok(());
        }
    }
    let started = Instant::now();
    let hash = ctx.hash;
    let mut resumed = false;
    let mut part_is_ours = false;
    let n = super::retrying(ctx, ui, remote, |ctx, ui, _| {
        let resume = download_resume(opts.resume, part_is_ours);
        resumed = resume.continues(&target);
        let session = ctx.session()?;
        // From here on NAME.part is this run's: download_file starts it afresh, or continues
        // the one the user asked to continue.
        part_is_ours = true;
        session.download_file(remote, ty, &target, resume, ui.progress(hash))
    })?;
    if opts.preserve {
        preserve_local_time(ctx, remote, &target, ui)?;
    }
    let done = Finished {
        remote: remote.to_owned(),
        local: target,
        bytes: n,
        seconds: started.elapsed().as_secs_f64(),
        resumed,
        upload: false,
    };
    report(ui, &done, opts.json)
}

/// What a download attempt may continue: with `-c` (`asked`) what the user pointed at, a
/// `.part` file or the target itself; otherwise only a `.part` file that an earlier attempt of
/// this run wrote (`part_is_ours`). A retry never adopts a file that was there before the run:
/// continuing an old copy of the target with the new file's tail would make a file that passes
/// the size check and is still wrong.
pub(super) fn download_resume(asked: bool, part_is_ours: bool) -> Resume {
    match (asked, part_is_ours) {
        (true, _) => Resume::PartOrTarget,
        (false, true) => Resume::Part,
        (false, false) => Resume::No,
    }
}

/// The mode for attempt number `attempt` of an upload the user asked for as `first`.
///
/// A retry continues the upload (SIZE, then APPE from there) only when an earlier attempt
/// `began` sending, so that the remote file is this run's partial copy; when every attempt
/// failed before its data went out, the remote file may be an older one, and appending the
/// rest of ours to it would corrupt it, so the retry replaces it with STOR. An interrupted
/// APPE is never repeated once data went out: how much of it arrived is unknowable.
pub(super) fn upload_mode(
    first: PutMode,
    attempt: u32,
    began: bool,
    remote: &str,
) -> Result<PutMode> {
    match first {
        _ if attempt == 0 || !began => Ok(first),
        PutMode::Replace | PutMode::Resume => Ok(PutMode::Resume),
        PutMode::Append => Err(Error::Usage(format!(
            "append to {remote} was interrupted; not repeating it"
        ))),
    }
}

/// One transferred file, whichever path moved it (one file, a list in order, parallel lanes,
/// pget): what its summary line or its `--json` object says.
#[derive(Debug, Clone)]
pub(super) struct Finished {
    /// The remote path.
    pub(super) remote: String,
    /// The local file.
    pub(super) local: PathBuf,
    /// Bytes moved over the data connection by the attempt that finished the file.
    pub(super) bytes: u64,
    /// Seconds for the whole file, retries included.
    pub(super) seconds: f64,
    /// That attempt continued a partial copy instead of starting from zero.
    pub(super) resumed: bool,
    /// An upload: the summary line names the remote file, not the local one.
    pub(super) upload: bool,
}

/// One transferred file as `--json` prints it; the names are stable.
#[derive(serde::Serialize)]
struct TransferJson<'a> {
    /// The remote path.
    name: &'a str,
    /// The local file.
    local: String,
    /// Bytes moved over the data connection by the attempt that finished the file.
    bytes: u64,
    /// Seconds for the whole file, retries included.
    seconds: f64,
    /// bytes / seconds.
    rate: f64,
    /// That attempt continued a partial copy instead of starting from zero.
    resumed: bool,
}

/// Counts a finished file toward the running command and tells the user about it: one JSON
/// object on stdout with `json`, else the summary line (which quiet front ends drop).
pub(super) fn report(ui: &mut dyn Ui, done: &Finished, json: bool) -> Result<()> {
    ui.batch_step(done.bytes);
    if !json {
        let name = match done.upload {
            true => done.remote.clone(),
            false => done.local.display().to_string(),
        };
        ui.summary(&summary_line(&name, done.bytes, done.seconds));
        return Ok(());
    }
    let seconds = done.seconds;
    let object = TransferJson {
        name: &done.remote,
        local: done.local.display().to_string(),
        bytes: done.bytes,
        seconds: (seconds * 1000.0).round() / 1000.0,
        rate: if seconds > 0.0 {
            (done.bytes as f64 / seconds).round()
        } else {
            0.0
        },
        resumed: done.resumed,
    };
    super::info::print_json(ui, &object)
}

/// `dir/NAME` for a remote path's last component, refusing unsafe names.
pub(super) fn local_target(dir: &Path, remote: &str) -> Result<PathBuf> {
    let name = safe_name(base_name(remote))?;
    Ok(if dir.as_os_str() == "." {
        PathBuf::from(name)
    } else {
        dir.join(name)
    })
}

/// Sets the local file's modification time from the server's MDTM.
fn preserve_local_time(
    ctx: &mut Context,
    remote: &str,
    target: &Path,
    ui: &mut dyn Ui,
) -> Result<()> {
    if let Some(notice) = set_local_time(ctx.session()?, remote, target)? {
        ui.notice(&notice);
    }
    Ok(())
}

/// Sets `target`'s modification time from MDTM; `Ok(Some(text))` says why it could not.
pub(super) fn set_local_time(
    session: &mut Session,
    remote: &str,
    target: &Path,
) -> Result<Option<String>> {
    let raw = match session.mdtm(remote) {
        Ok(raw) => raw,
        Err(e) if e.is_connection_lost() => return Err(e),
        Err(e) => return Ok(Some(format!("cannot keep the time of {remote}: {e}"))),
    };
    let Some(stamp) = Timestamp::parse_mdtm(&raw) else {
        return Ok(Some(format!(
            "cannot keep the time of {remote}: unreadable MDTM reply {raw:?}"
        )));
    };
    set_file_time(target, stamp)?;
    Ok(None)
}

/// Sets a local file's modification time.
pub(super) fn set_file_time(target: &Path, stamp: Timestamp) -> Result<()> {
    let when = UNIX_EPOCH + Duration::from_secs(stamp.unix_seconds().max(0) as u64);
    let set = std::fs::File::options()
        .write(true)
        .open(target)
        .and_then(|f| f.set_modified(when));
    set.map_err(|e| Error::Local {
        what: "cannot set the time of",
        path: target.to_owned(),
        source: e,
    })
}

/// Uploads one file; transient failures resume from the remote size once data went out (see
/// [`upload_mode`]).
pub(super) fn put(
    ctx: &mut Context,
    local: &Path,
    remote: Option<&str>,
    ty: TransferType,
    mode: PutMode,
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let remote = match remote {
        Some(r) => r.to_owned(),
        None => local
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| Error::Usage(format!("{} has no usable file name", local.display())))?
            .to_owned(),
    };
    let hash = ctx.hash;
    let started = Instant::now();
    let first = if opts.resume && mode == PutMode::Replace {
        PutMode::Resume
    } else {
        mode
    };
    let mut resumed = false;
    let mut began = false;
    let result = super::retrying(ctx, ui, &remote, |ctx, ui, attempt| {
        let mode = upload_mode(first, attempt, began, &remote)?;
        resumed = mode == PutMode::Resume;
        ctx.session()?
            .upload_file(local, &remote, ty, mode, ui.progress(hash), &mut began)
    });
    ctx.invalidate_cache();
    let n = result?;
    if opts.preserve {
        preserve_remote_time(ctx, local, &remote, ui)?;
    }
    let done = Finished {
        resumed: resumed && continued_upload(local, n),
        remote,
        local: local.to_owned(),
        bytes: n,
        seconds: started.elapsed().as_secs_f64(),
        upload: true,
    };
    report(ui, &done, opts.json)
}

/// Whether an upload in resume mode that sent `sent` bytes of `local` really continued a
/// partial copy (it sends the whole file when the server had nothing).
pub(super) fn continued_upload(local: &Path, sent: u64) -> bool {
    std::fs::metadata(local).is_ok_and(|m| sent < m.len())
}

/// Sets the remote file's time with MFMT (RFC draft, widely offered) when FEAT lists it.
fn preserve_remote_time(
    ctx: &mut Context,
    local: &Path,
    remote: &str,
    ui: &mut dyn Ui,
) -> Result<()> {
    if let Some(notice) = set_remote_time(ctx.session()?, local, remote)? {
        ui.notice(&notice);
    }
    Ok(())
}

/// Sets the remote file's time from the local one with MFMT, when FEAT offers it;
/// `Ok(Some(text))` says why it could not.
pub(super) fn set_remote_time(
    session: &mut Session,
    local: &Path,
    remote: &str,
) -> Result<Option<String>> {
    if !session.features().has("MFMT") {
        return Ok(Some(format!(
            "cannot keep the time of {remote}: the server does not offer MFMT"
        )));
    }
    let modified = std::fs::metadata(local).and_then(|m| m.modified());
    let Ok(secs) = modified.map(|t| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())) else {
        return Ok(None);
    };
    let stamp = Timestamp::from_unix_seconds(secs as i64);
    let line = format!(
        "MFMT {:04}{:02}{:02}{:02}{:02}{:02} {remote}",
        stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second
    );
    let reply = session.quote(&line)?;
    Ok((!reply.is_completion())
        .then(|| format!("cannot keep the time of {remote}: {}", reply.one_line())))
}

/// Downloads every remote file matching the patterns into the local directory, over
/// `opts.parallel` connections.
pub(super) fn mget(
    ctx: &mut Context,
    patterns: &[String],
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let mut failures = 0;
    let mut all = Vec::new();
    for pattern in patterns {
        all.extend(expand_remote(ctx, pattern)?);
    }
    let mut jobs = Vec::new();
    for (remote, size) in all {
        let target = match local_target(Path::new("."), &remote) {
            Ok(t) => t,
            Err(e) => {
                ui.notice(&format!("skipping {e}"));
                failures += 1;
                continue;
            }
        };
        if ctx.prompt && !ui.confirm(&format!("mget {}?", base_name(&remote))) {
            continue;
        }
        jobs.push(Job::Get {
            remote,
            target,
            size,
            modified: None,
        });
    }
    parallel::run(ctx, jobs, None, opts, ui)?;
    skipped(failures)
}

/// Uploads every local file matching the patterns into the remote directory, over
/// `opts.parallel` connections.
pub(super) fn mput(
    ctx: &mut Context,
    patterns: &[String],
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let mut jobs = Vec::new();
    for pattern in patterns {
        for local in expand_local(pattern)? {
            if ctx.prompt && !ui.confirm(&format!("mput {}?", local.display())) {
                continue;
            }
            let Some(name) = local
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_owned)
            else {
                return Err(Error::Usage(format!(
                    "{} has no usable file name",
                    local.display()
                )));
            };
            jobs.push(Job::Put {
                local,
                remote: name,
            });
        }
    }
    parallel::run(ctx, jobs, None, opts, ui)
}

/// Deletes every remote file matching the patterns.
pub(super) fn mdelete(ctx: &mut Context, patterns: &[String], ui: &mut dyn Ui) -> Result<()> {
    for pattern in patterns {
        for (remote, _) in expand_remote(ctx, pattern)? {
            if ctx.prompt && !ui.confirm(&format!("mdelete {remote}?")) {
                continue;
            }
            let result = ctx.session()?.dele(&remote);
            ctx.invalidate_cache();
            result?;
        }
    }
    Ok(())
}

fn skipped(failures: usize) -> Result<()> {
    match failures {
        0 => Ok(()),
        n => Err(Error::UnsafeFiles(n)),
    }
}

/// The last path component of a remote path.
pub(super) fn base_name(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Remote paths matching `pattern` (globs only in the last component); a pattern without glob
/// characters is returned as it is.
/// Remote paths matching `pattern`, with their sizes when the listing gave them (files only:
/// a symlink's listed size is the link's).
pub(super) fn expand_remote(
    ctx: &mut Context,
    pattern: &str,
) -> Result<Vec<(String, Option<u64>)>> {
    if !has_glob(pattern) {
        return Ok(vec![(pattern.to_owned(), None)]);
    }
    let (dir, name_pattern) = match pattern.rfind('/') {
        Some(i) => (&pattern[..i], &pattern[i + 1..]),
        None => ("", pattern),
    };
    if has_glob(dir) {
        return Err(Error::Usage(format!(
            "{pattern}: globs are only allowed in the last path component"
        )));
    }
    let matcher = Pattern::new(name_pattern)
        .map_err(|e| Error::Usage(format!("bad pattern {pattern}: {e}")))?;
    let list_dir = if dir.is_empty() && pattern.starts_with('/') {
        "/"
    } else {
        dir
    };
    let mut names: Vec<(String, Option<u64>)> = ctx
        .entries(list_dir)?
        .into_iter()
        .filter(|e| matches!(e.kind, EntryKind::File | EntryKind::Symlink))
        .filter(|e| matcher.matches(&e.name))
        .map(|e| {
            let size = e.size.filter(|_| e.kind == EntryKind::File);
            if dir.is_empty() && !pattern.starts_with('/') {
                (e.name, size)
            } else {
                (format!("{dir}/{}", e.name), size)
            }
        })
        .collect();
    names.sort();
    names.dedup_by(|a, b| a.0 == b.0);
    if names.is_empty() {
        return Err(Error::Usage(format!("no remote file matches {pattern}")));
    }
    Ok(names)
}

fn expand_local(pattern: &str) -> Result<Vec<PathBuf>> {
    if !has_glob(pattern) {
        return Ok(vec![PathBuf::from(pattern)]);
    }
    let paths =
        glob::glob(pattern).map_err(|e| Error::Usage(format!("bad pattern {pattern}: {e}")))?;
    let files: Vec<PathBuf> = paths
        .filter_map(|p| p.ok())
        .filter(|p| p.is_file())
        .collect();
    if files.is_empty() {
        return Err(Error::Usage(format!("no local file matches {pattern}")));
    }
    Ok(files)
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

/// A writer that counts the bytes it passed on (what reached stdout before a failure).
struct Counted<'a, W> {
    inner: W,
    count: &'a mut u64,
}

impl<W: std::io::Write> std::io::Write for Counted<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        *self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_name_is_the_last_component() {
        assert_eq!(base_name("a/b/c.txt"), "c.txt");
        assert_eq!(base_name("c.txt"), "c.txt");
        assert_eq!(base_name("a/dir/"), "dir");
    }

    #[test]
    fn retries_continue_only_what_this_run_wrote() {
        assert_eq!(download_resume(false, false), Resume::No);
        assert_eq!(download_resume(false, true), Resume::Part);
        assert_eq!(download_resume(true, false), Resume::PartOrTarget);
        let mode = |first, attempt, began| upload_mode(first, attempt, began, "f");
        assert_eq!(mode(PutMode::Replace, 0, false).unwrap(), PutMode::Replace);
        assert_eq!(mode(PutMode::Replace, 1, false).unwrap(), PutMode::Replace);
        assert_eq!(mode(PutMode::Replace, 1, true).unwrap(), PutMode::Resume);
        assert_eq!(mode(PutMode::Resume, 2, false).unwrap(), PutMode::Resume);
        assert_eq!(mode(PutMode::Append, 1, false).unwrap(), PutMode::Append);
        assert!(mode(PutMode::Append, 1, true).is_err());
    }

    #[test]
    fn globs_are_recognized() {
        assert!(has_glob("*.txt") && has_glob("a?") && has_glob("[ab]"));
        assert!(!has_glob("plain name.txt"));
    }
}
