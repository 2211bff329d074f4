//! `mirror [-R] REMOTE LOCAL`: make one tree look like the other, like lftp's mirror.
//!
//! Files are compared by size and modification time (from MLSD, or from LIST with a minute's
//! tolerance, since LIST times are rounded). A file is copied when it is missing, when its size
//! differs, or when the source is newer; `--only-newer` copies only newer files, `--continue`
//! resumes a shorter copy that is not older (or the `NAME.part` an interrupted run left). Copied files get the source's time, so the next
//! run sees them as equal. `--delete` removes what the source no longer has — only inside the
//! destination tree, never through a symlink — and `--dry-run` prints the plan without doing
//! anything. Transfers go through the shared queue, so `-P N` works here too. With
//! `--compare hash`, files of the same size are judged by content instead of time
//! (`compare.rs`); `--verify` checks each copy's hash after it is made.

mod compare;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use glob::Pattern;

use super::file::{has_part, make_local_dir};
use super::info::print_line;
use super::scheduler::{self, Batch, Job};
use super::tree::refused_total;
use super::{TransferOptions, Ui, Verify};
use crate::actions::context::Context;
use crate::actions::localname::safe_name;
use crate::config::Parallel;
use crate::engine::transfer::PutMode;
use crate::error::{Error, Result};
use crate::proto::listing::{Entry, EntryKind};

/// Mirror settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MirrorOptions {
    /// Upload LOCAL to REMOTE instead (`-R`).
    pub reverse: bool,
    /// Copy only files newer than the destination's.
    pub only_newer: bool,
    /// Remove destination files the source does not have.
    pub delete: bool,
    /// Print what would be done, do nothing.
    pub dry_run: bool,
    /// Resume shorter destination files.
    pub resume: bool,
    /// Names to leave out (globs).
    pub exclude: Vec<String>,
    /// Connections at once; `None` for the configured default.
    pub parallel: Option<Parallel>,
    /// A JSON object per copied file instead of the summary line.
    pub json: bool,
    /// How a file that exists on both sides is judged to differ.
    pub compare: Compare,
    /// Check each copied file's hash (`--verify`).
    pub verify: Verify,
}

/// How mirror judges that a file on both sides differs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Compare {
    /// Size and modification time.
    #[default]
    Time,
    /// Size, then for files of the same size the server's hash against the local file's.
    Hash,
}

const MAX_DEPTH: usize = 64;

struct Plan<'a> {
    opts: &'a MirrorOptions,
    exclude: Vec<Pattern>,
    /// Seconds two times may differ and still count as equal.
    tolerance: i64,
    jobs: Vec<Job>,
    resumed: Vec<Job>,
    /// Files of the same size on both sides, for `--compare hash` to judge by content.
    same_size: Vec<Job>,
    refused: usize,
}

impl Plan<'_> {
    fn excluded(&self, name: &str) -> bool {
        self.exclude.iter().any(|p| p.matches(name))
    }

    /// Should a file of (`src_size`, `src_time`) replace one of (`dst_size`, `dst_time`)?
    /// `Some(resume)` when it should: it is missing, differs in size, or the source is newer.
    /// A destination of the same size that is newer is left alone: it is what a target that
    /// cannot take the source's time (no MFMT) holds after a copy, and copying it again on
    /// every run would never end.
    fn decide(&self, src: (Option<u64>, Option<i64>), dst: Option<(u64, i64)>) -> Option<bool> {
        let Some((dst_size, dst_time)) = dst else {
            return Some(false);
        };
        let newer = src.1.is_some_and(|t| t > dst_time + self.tolerance);
        let same_size = src.0 == Some(dst_size);
        if self.opts.only_newer {
            return newer.then_some(false);
        }
        if same_size && !newer {
            return None;
        }
        let shorter = src.0.is_some_and(|s| dst_size < s);
        Some(self.opts.resume && shorter && !newer)
    }

    /// With `--compare hash`, a file of the same size on both sides is judged by content
    /// alone: it is kept for [`compare::differing`] and true is returned.
    fn by_content(&mut self, job: &Job, same_size: bool) -> bool {
        let yes = self.opts.compare == Compare::Hash && same_size;
        if yes {
            self.same_size.push(job.clone());
        }
        yes
    }

    fn push(&mut self, job: Job, resume: bool) {
        if resume {
            self.resumed.push(job)
        } else {
            self.jobs.push(job)
        }
    }
}

fn local_time(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

fn join(dir: &str, name: &str) -> String {
    let dir = dir.trim_end_matches('/');
    if dir.is_empty() {
        name.to_owned()
    } else {
        format!("{dir}/{name}")
    }
}

/// Runs a mirror in either direction.
pub(super) fn run(
    ctx: &mut Context,
    remote: &str,
    local: &Path,
    opts: &MirrorOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let exclude = opts
        .exclude
        .iter()
        .map(|g| {
            Pattern::new(g).map_err(|e| Error::Usage(format!("bad --exclude pattern {g:?}: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    ctx.invalidate_cache();
    let exact = super::retrying(ctx, ui, "", |ctx, _, _| {
        Ok(ctx.session()?.features().has("MLST"))
    })?;
    let mut plan = Plan {
        opts,
        exclude,
        tolerance: if exact { 1 } else { 60 },
        jobs: Vec::new(),
        resumed: Vec::new(),
        same_size: Vec::new(),
        refused: 0,
    };
    let remote = remote.trim_end_matches('/');
    if opts.reverse {
        up(ctx, local, remote, (0, false), &mut plan, ui)?;
    } else {
        if !opts.dry_run {
            make_local_dir(local)?;
        }
        down(ctx, remote, local, 0, &mut plan, ui)?;
    }
    let same_size = std::mem::take(&mut plan.same_size);
    plan.jobs.extend(compare::differing(ctx, same_size, ui)?);
    if opts.dry_run {
        for job in plan.jobs.iter().chain(&plan.resumed) {
            let line = match job {
                Job::Get { remote, target, .. } => format!("get {remote} -> {}", target.display()),
                Job::Put { local, remote, .. } => format!("put {} -> {remote}", local.display()),
                Job::Segment(_) => continue,
            };
            print_line(ui, &line)?;
        }
        return refused_total(plan.refused);
    }
    let copy = TransferOptions {
        preserve: true,
        parallel: opts.parallel,
        json: opts.json,
        verify: opts.verify,
        ..TransferOptions::default()
    };
    let resume = TransferOptions {
        resume: true,
        ..copy.clone()
    };
    let jobs = std::mem::take(&mut plan.jobs);
    scheduler::run(ctx, Batch::many(jobs, None, &copy), ui)?;
    let jobs = std::mem::take(&mut plan.resumed);
    scheduler::run(ctx, Batch::many(jobs, None, &resume), ui)?;
    refused_total(plan.refused)
}

/// REMOTE → LOCAL.
fn down(
    ctx: &mut Context,
    remote: &str,
    local: &Path,
    depth: usize,
    plan: &mut Plan<'_>,
    ui: &mut dyn Ui,
) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::Usage(format!(
            "{remote}: deeper than {MAX_DEPTH} levels; stopping"
        )));
    }
    let entries: Vec<Entry> = super::listed(ctx, ui, remote)?;
    let mut keep = HashSet::new();
    for entry in entries {
        if plan.excluded(&entry.name) {
            keep.insert(entry.name.clone());
            continue;
        }
        let name = match safe_name(&entry.name) {
            Ok(n) => n.to_owned(),
            Err(e) => {
                ui.notice(&format!("{remote}: {e}"));
                plan.refused += 1;
                continue;
            }
        };
        keep.insert(name.clone());
        let (src, dst) = (join(remote, &name), local.join(&name));
        let meta = fs::symlink_metadata(&dst).ok();
        match entry.kind {
            EntryKind::Dir => {
                if !plan.opts.dry_run {
                    make_local_dir(&dst)?;
                }
                down(ctx, &src, &dst, depth + 1, plan, ui)?;
            }
            EntryKind::File => plan_download(plan, &entry, src, dst, meta.as_ref()),
            EntryKind::Symlink | EntryKind::Other => {
                ui.notice(&format!("{src}: not a plain file or directory; skipped"))
            }
        }
    }
    if plan.opts.delete {
        delete_local_extras(local, &keep, plan, ui)?;
    }
    Ok(())
}

/// Queues the download of the remote file `entry` (at `src`) to `dst` if the local file (`meta`,
/// when there is one) should be replaced or continued.
fn plan_download(
    plan: &mut Plan<'_>,
    entry: &Entry,
    src: String,
    dst: PathBuf,
    meta: Option<&fs::Metadata>,
) {
    let have = meta
        .filter(|m| m.is_file())
        .map(|m| (m.len(), local_time(m)));
    let src_time = entry.modified.map(|t| t.unix_seconds());
    let job = Job::Get {
        remote: src,
        target: dst.clone(),
        size: entry.size,
        modified: entry.modified,
    };
    if plan.by_content(&job, have.is_some_and(|(n, _)| Some(n) == entry.size)) {
        return;
    }
    if let Some(resume) = plan.decide((entry.size, src_time), have) {
        // --continue also adopts the NAME.part an interrupted run left, as get -c.
        let resume = resume || (have.is_none() && plan.opts.resume && has_part(&dst));
        plan.push(job, resume);
    }
}

/// Removes entries of `dir` that the source does not have. Only `dir`'s own children are
/// considered, and a symlink is removed as a link, never followed.
fn delete_local_extras(
    dir: &Path,
    keep: &HashSet<String>,
    plan: &Plan<'_>,
    ui: &mut dyn Ui,
) -> Result<()> {
    let Ok(read) = fs::read_dir(dir) else {
        return Ok(());
    };
    for child in read.filter_map(|e| e.ok()) {
        let name = child.file_name().to_string_lossy().into_owned();
        if keep.contains(&name) || plan.excluded(&name) || name.ends_with(".part") {
            continue;
        }
        let path = child.path();
        if plan.opts.dry_run {
            print_line(ui, &format!("delete {}", path.display()))?;
            continue;
        }
        let is_dir = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        let removed = if is_dir {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed.map_err(|e| Error::Local {
            what: "cannot delete",
            path: path.clone(),
            source: e,
        })?;
        ui.notice(&format!("deleted {}", path.display()));
    }
    Ok(())
}

/// LOCAL → REMOTE (`-R`).
/// LOCAL → REMOTE. `missing`: the parent's listing had no such directory, so it is made
/// without listing it first (some servers list a missing path as an empty directory, or as
/// one line of `ls` error text).
fn up(
    ctx: &mut Context,
    local: &Path,
    remote: &str,
    (depth, missing): (usize, bool),
    plan: &mut Plan<'_>,
    ui: &mut dyn Ui,
) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::Usage(format!(
            "{}: deeper than {MAX_DEPTH} levels; stopping",
            local.display()
        )));
    }
    let existing = match missing {
        true => {
            make_remote_dir(ctx, remote, plan, ui, false)?;
            Vec::new()
        }
        false => remote_entries(ctx, remote, depth == 0, plan, ui)?,
    };
    let mut children: Vec<_> = fs::read_dir(local)
        .map_err(|e| Error::Local {
            what: "cannot list",
            path: local.to_owned(),
            source: e,
        })?
        .filter_map(|e| e.ok())
        .collect();
    children.sort_by_key(|e| e.file_name());
    let mut keep = HashSet::new();
    for child in children {
        let Some(name) = child.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if plan.excluded(&name) || name.ends_with(".part") {
            keep.insert(name);
            continue;
        }
        keep.insert(name.clone());
        let path = child.path();
        let dst = join(remote, &name);
        let Ok(meta) = fs::metadata(&path) else {
            continue;
        };
        let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if meta.is_dir() && !is_link {
            let absent = !existing
                .iter()
                .any(|e| e.name == name && e.kind == EntryKind::Dir);
            up(ctx, &path, &dst, (depth + 1, absent), plan, ui)?;
        } else if meta.is_file() {
            let there = existing
                .iter()
                .find(|e| e.name == name && e.kind == EntryKind::File);
            plan_upload(plan, (path, &meta), dst, there);
        }
    }
    if plan.opts.delete {
        delete_remote_extras(ctx, remote, &existing, &keep, plan, ui)?;
    }
    Ok(())
}

/// Queues the upload of the local file `path` to `dst` if the remote file (`there`, when the
/// listing has one) should be replaced or continued.
fn plan_upload(
    plan: &mut Plan<'_>,
    (path, meta): (PathBuf, &fs::Metadata),
    dst: String,
    there: Option<&Entry>,
) {
    let have = there.and_then(|e| Some((e.size?, e.modified?.unix_seconds())));
    // A remote file the listing gives no size or time for is never taken as equal.
    let have = if there.is_some() && have.is_none() {
        Some((u64::MAX, 0))
    } else {
        have
    };
    let job = Job::Put {
        local: path,
        remote: dst,
        mode: PutMode::Replace,
    };
    if plan.by_content(&job, have.is_some_and(|(n, _)| n == meta.len())) {
        return;
    }
    if let Some(resume) = plan.decide((Some(meta.len()), Some(local_time(meta))), have) {
        plan.push(job, resume);
    }
}

/// The entries of the remote directory `remote`; a directory the server does not have (its
/// listing refused with a permanent reply) is made (or, in a dry run, the plan says so) and
/// has none. Transient failures of either are retried; a busy or dropped server never reads
/// as a missing directory.
fn remote_entries(
    ctx: &mut Context,
    remote: &str,
    root: bool,
    plan: &Plan<'_>,
    ui: &mut dyn Ui,
) -> Result<Vec<Entry>> {
    let listed = super::retrying(ctx, ui, remote, |ctx, _, _| match ctx.entries(remote) {
        Ok(e) => Ok(Some(e)),
        Err(e) if e.reply().is_some_and(|r| r.is_permanent()) => Ok(None),
        Err(e) => Err(e),
    })?;
    match listed {
        // An empty listing may be a missing directory that the server lists as empty: make it;
        // "already exists" says it was there.
        Some(entries) if entries.is_empty() => {
            if root && !plan.opts.dry_run {
                make_parents(ctx, remote, ui)?;
            }
            make_remote_dir(ctx, remote, plan, ui, true)?;
            Ok(entries)
        }
        Some(entries) => Ok(entries),
        None => {
            if root && !plan.opts.dry_run {
                make_parents(ctx, remote, ui)?;
            }
            make_remote_dir(ctx, remote, plan, ui, false)?;
            Ok(Vec::new())
        }
    }
}

/// The directories above the target `remote` (`mkdir -p`): each MKD that is refused is taken
/// as already there, and the target's own MKD says whether it could be made.
fn make_parents(ctx: &mut Context, remote: &str, ui: &mut dyn Ui) -> Result<()> {
    let cuts = remote.match_indices('/').map(|(i, _)| i).filter(|&i| i > 0);
    for parent in cuts.map(|i| &remote[..i]).collect::<Vec<_>>() {
        super::retrying(ctx, ui, parent, |ctx, _, _| {
            match ctx.session()?.mkd(parent) {
                Err(e) if e.reply().is_some_and(|r| r.is_permanent()) => Ok(()),
                other => other.map(drop),
            }
        })?;
    }
    Ok(())
}

/// Makes the new remote directory `remote` (in a dry run, the plan says so), retrying
/// transient failures; with `may_exist` (an empty listing), a refusal means it is there.
fn make_remote_dir(
    ctx: &mut Context,
    remote: &str,
    plan: &Plan<'_>,
    ui: &mut dyn Ui,
    may_exist: bool,
) -> Result<()> {
    if plan.opts.dry_run {
        return match may_exist {
            true => Ok(()),
            false => print_line(ui, &format!("mkdir {remote}")),
        };
    }
    if remote.is_empty() {
        return Ok(());
    }
    super::retrying(ctx, ui, remote, |ctx, _, attempt| {
        match ctx.session()?.mkd(remote) {
            // A first attempt may have made it before the connection broke.
            Err(e) if (may_exist || attempt > 0) && e.reply().is_some_and(|r| r.is_permanent()) => {
                Ok(())
            }
            other => other.map(drop),
        }
    })?;
    ctx.invalidate_cache();
    Ok(())
}

/// Removes the files of remote directory `remote` (listed as `existing`) that the local side
/// does not have (`keep`); only plain files with safe names, never a directory.
fn delete_remote_extras(
    ctx: &mut Context,
    remote: &str,
    existing: &[Entry],
    keep: &HashSet<String>,
    plan: &Plan<'_>,
    ui: &mut dyn Ui,
) -> Result<()> {
    for extra in existing
        .iter()
        .filter(|e| !keep.contains(&e.name) && !plan.excluded(&e.name))
    {
        let path = join(remote, &extra.name);
        if plan.opts.dry_run {
            print_line(ui, &format!("delete {path}"))?;
        } else if extra.kind == EntryKind::File && safe_name(&extra.name).is_ok() {
            super::retrying(ctx, ui, &path, |ctx, _, attempt| {
                match ctx.session()?.dele(&path) {
                    // A first attempt may have deleted it before the connection broke.
                    Err(e) if attempt > 0 && e.reply().is_some_and(|r| r.is_permanent()) => Ok(()),
                    other => other,
                }
            })?;
            ui.notice(&format!("deleted {path}"));
        }
    }
    ctx.invalidate_cache();
    Ok(())
}
