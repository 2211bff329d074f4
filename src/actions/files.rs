//! get, put and their many-file forms (mget, mput, mdelete) with glob patterns.
//!
//! Remote globs are matched against a listing of the pattern's directory (MLSD or LIST, from
//! the context's cache); local globs against the file system. Every local name made from a
//! server name goes through [`local_target`], so a hostile listing cannot write outside the local
//! directory: a refused entry is named in a notice and the command fails at the end. The files
//! themselves go to the scheduler as jobs (one job for a single `get` or `put`), which applies
//! the per-file rules of `actions/file.rs`.

use std::path::{Path, PathBuf};

use glob::Pattern;

use super::file::{base_name, local_target, target_in, verification};
use super::info::StdoutSink;
use super::scheduler::{self, Batch, Job};
use super::{Output, TransferOptions, Ui, Verify};
use crate::actions::context::Context;
use crate::engine::digest::Hasher;
use crate::engine::transfer::{NoProgress, PutMode};
use crate::error::{Error, Result};
use crate::proto::command::TransferType;
use crate::proto::listing::EntryKind;

/// Downloads one file: to standard output here, to a file through the scheduler (which retries
/// transient failures by resuming the `.part` file it wrote).
pub(super) fn get(
    ctx: &mut Context,
    remote: &str,
    output: &Output,
    ty: Option<TransferType>,
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let target = match output {
        Output::Stdout => return get_to_stdout(ctx, remote, ty, opts, ui),
        Output::File(path) => path.clone(),
        Output::Into(dir) => target_in(dir, remote)?,
    };
    let job = Job::Get {
        remote: remote.to_owned(),
        target,
        size: None,
        modified: None,
    };
    scheduler::run(ctx, Batch::one(job, ty, opts), ui)
}

/// `cat`, `get -o -`: the data goes to stdout as it arrives, without a bar. It is a stream,
/// not a file, so none of the per-file rules apply; a retry continues after the bytes already
/// written (REST) instead of writing them twice.
fn get_to_stdout(
    ctx: &mut Context,
    remote: &str,
    ty: Option<TransferType>,
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let ty = ty.unwrap_or(ctx.transfer_type);
    if opts.json {
        return Err(Error::Usage(
            "--json cannot share standard output with the file's data; use -o FILE".into(),
        ));
    }
    let offer = match opts.verify {
        Verify::Off => Default::default(),
        _ => ctx.session()?.hash_offer(),
    };
    let (check, note) = verification(&offer, opts.verify, ty)?;
    if let Some(note) = note.filter(|n| ctx.first_time(n)) {
        ui.notice(&note);
    }
    if ty == TransferType::Ascii {
        // No retry: an ASCII stream's offsets are not the server's.
        let session = ctx.session()?;
        let mut sink = StdoutSink(ui);
        session.retrieve(remote, ty, 0, &mut sink, Path::new("-"), &mut NoProgress)?;
        return Ok(());
    }
    let mut hasher = check.map(Hasher::new);
    let mut written = 0u64;
    super::retrying(ctx, ui, remote, |ctx, ui, _| {
        let session = ctx.session()?;
        let mut sink = Counted {
            inner: StdoutSink(ui),
            count: &mut written,
            hasher: hasher.as_mut(),
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
    let Some(ours) = hasher.map(Hasher::finish) else {
        return Ok(());
    };
    // The data is out already: a mismatch can only be reported, by message and exit code.
    let theirs = super::retrying(ctx, ui, remote, |ctx, _, _| {
        let session = ctx.session()?;
        let method = super::checksum::method_for(session, Some(ours.algo), remote)?;
        session.remote_hash(remote, method)
    })?;
    match theirs.hex == ours.hex {
        true => Ok(()),
        false => Err(Error::Checksum {
            name: remote.into(),
            algo: ours.algo,
            local: ours.hex,
            remote: theirs.hex,
            kept: "the data was written to standard output already",
        }),
    }
}

/// Uploads one file through the scheduler; transient failures resume from the remote size once
/// data went out (see [`super::file::upload_mode`]).
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
        None => file_name_of(local)?,
    };
    let job = Job::Put {
        local: local.to_owned(),
        remote,
        mode,
    };
    scheduler::run(ctx, Batch::one(job, Some(ty), opts), ui)
}

/// A local file's name, as the remote name of its upload.
fn file_name_of(local: &Path) -> Result<String> {
    local
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| Error::Usage(format!("{} has no usable file name", local.display())))
}

/// Downloads every remote file matching the patterns into local directory `into`, over
/// `opts.parallel` connections.
pub(super) fn mget(
    ctx: &mut Context,
    patterns: &[String],
    into: &Path,
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let mut failures = 0;
    let mut all = Vec::new();
    for pattern in patterns {
        all.extend(expand_remote(ctx, pattern, ui)?);
    }
    let mut jobs = Vec::new();
    for (remote, size) in all {
        let target = match local_target(into, &remote) {
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
    scheduler::run(ctx, Batch::many(jobs, None, opts), ui)?;
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
            let remote = file_name_of(&local)?;
            jobs.push(Job::Put {
                local,
                remote,
                mode: PutMode::Replace,
            });
        }
    }
    scheduler::run(ctx, Batch::many(jobs, None, opts), ui)
}

/// Deletes every remote file matching the patterns.
pub(super) fn mdelete(ctx: &mut Context, patterns: &[String], ui: &mut dyn Ui) -> Result<()> {
    for pattern in patterns {
        for (remote, _) in expand_remote(ctx, pattern, ui)? {
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
    ui: &mut dyn Ui,
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
    let mut names: Vec<(String, Option<u64>)> = super::listed(ctx, ui, list_dir)?
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

/// A writer that counts the bytes it passed on (what reached stdout before a failure).
struct Counted<'a, W> {
    inner: W,
    count: &'a mut u64,
    /// Fed what was written (`--verify`).
    hasher: Option<&'a mut Hasher>,
}

impl<W: std::io::Write> std::io::Write for Counted<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        *self.count += n as u64;
        if let Some(h) = self.hasher.as_deref_mut() {
            h.update(&buf[..n]);
        }
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
    fn globs_are_recognized() {
        assert!(has_glob("*.txt") && has_glob("a?") && has_glob("[ab]"));
        assert!(!has_glob("plain name.txt"));
    }
}
