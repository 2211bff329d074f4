//! Recursive transfers with `cp -r` semantics.
//!
//! `get -r URL/dir -O OUT` makes `OUT/dir/…`; `put -r DIR URL/parent/` makes `parent/DIR/…`.
//! Directories are created as needed and `--exclude GLOB` leaves names out. Every local name
//! made from a server name goes through [`safe_name`]: an entry such as `../x` or `a/b` is
//! refused with a notice naming it, nothing is written outside the chosen directory, and a
//! symlink in a listing is never recreated locally. Depth is bounded so that a server with an
//! endless tree cannot keep us busy forever.

use std::fs;
use std::path::{Path, PathBuf};

use glob::Pattern;

use super::file::{local_target, make_local_dir};
use super::scheduler::{self, Batch, Job};
use super::{Output, TransferOptions, Ui};
use crate::actions::context::Context;
use crate::actions::localname::safe_name;
use crate::error::{Error, Result};
use crate::proto::command::TransferType;
use crate::proto::listing::EntryKind;

/// Deepest directory level a recursive transfer descends to.
const MAX_DEPTH: usize = 64;

struct Walk {
    exclude: Vec<Pattern>,
    refused: usize,
    /// The files found, transferred after the walk (in parallel with `-P`).
    jobs: Vec<Job>,
}

impl Walk {
    fn excluded(&self, name: &str) -> bool {
        self.exclude.iter().any(|p| p.matches(name))
    }
}

fn patterns(opts: &TransferOptions) -> Result<Vec<Pattern>> {
    opts.exclude
        .iter()
        .map(|g| {
            Pattern::new(g).map_err(|e| Error::Usage(format!("bad --exclude pattern {g:?}: {e}")))
        })
        .collect()
}

fn join_remote(dir: &str, name: &str) -> String {
    let dir = dir.trim_end_matches('/');
    if dir.is_empty() {
        name.to_owned()
    } else {
        format!("{dir}/{name}")
    }
}

pub(super) fn refused_total(refused: usize) -> Result<()> {
    match refused {
        0 => Ok(()),
        n => Err(Error::UnsafeEntries(n)),
    }
}

/// Like [`refused_total`] for local names an upload skipped (not UTF-8): a usage error.
fn skipped_local_total(refused: usize) -> Result<()> {
    refused_total(refused).map_err(|e| Error::Usage(e.to_string()))
}

/// `get -r`: copies the remote directory `remote` into the local directory of `output`.
pub(super) fn get(
    ctx: &mut Context,
    remote: &str,
    output: &Output,
    ty: Option<TransferType>,
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let parent = match output {
        Output::Into(dir) => dir.clone(),
        Output::File(path) => path.clone(),
        Output::Stdout => {
            return Err(Error::Usage(
                "a recursive get cannot write to standard output".into(),
            ));
        }
    };
    let root = if remote.trim_end_matches('/').is_empty() {
        parent
    } else {
        local_target(&parent, remote)?
    };
    let mut walk = Walk {
        exclude: patterns(opts)?,
        refused: 0,
        jobs: Vec::new(),
    };
    get_dir(ctx, remote.trim_end_matches('/'), &root, 0, &mut walk, ui)?;
    scheduler::run(ctx, Batch::many(walk.jobs, ty, opts), ui)?;
    refused_total(walk.refused)
}

fn get_dir(
    ctx: &mut Context,
    remote: &str,
    local: &Path,
    depth: usize,
    walk: &mut Walk,
    ui: &mut dyn Ui,
) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::Usage(format!(
            "{remote}: deeper than {MAX_DEPTH} levels; stopping"
        )));
    }
    make_local_dir(local)?;
    let entries = super::listed(ctx, ui, remote)?;
    for entry in entries {
        if walk.excluded(&entry.name) {
            continue;
        }
        let name = match safe_name(&entry.name) {
            Ok(n) => n.to_owned(),
            Err(e) => {
                ui.notice(&format!("{remote}: {e}"));
                walk.refused += 1;
                continue;
            }
        };
        let remote_path = join_remote(remote, &name);
        match entry.kind {
            EntryKind::Dir => get_dir(ctx, &remote_path, &local.join(&name), depth + 1, walk, ui)?,
            EntryKind::File => walk.jobs.push(Job::Get {
                remote: remote_path,
                target: local.join(&name),
                size: entry.size,
                modified: entry.modified,
            }),
            EntryKind::Symlink => ui.notice(&format!("{remote_path}: a symbolic link; not copied")),
            EntryKind::Other => {
                ui.notice(&format!("{remote_path}: not a file or directory; skipped"))
            }
        }
    }
    Ok(())
}

/// `put -r`: copies the local directory `local` into the remote directory `remote`
/// (the current one when `None`), as `remote/NAME/…`.
pub(super) fn put(
    ctx: &mut Context,
    local: &Path,
    remote: Option<&str>,
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let name = local
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .ok_or_else(|| Error::Usage(format!("{} has no usable directory name", local.display())))?;
    let target = join_remote(remote.unwrap_or(""), &name);
    let mut walk = Walk {
        exclude: patterns(opts)?,
        refused: 0,
        jobs: Vec::new(),
    };
    put_dir(ctx, local, &target, 0, &mut walk, ui)?;
    ctx.invalidate_cache();
    let jobs = std::mem::take(&mut walk.jobs);
    scheduler::run(ctx, Batch::many(jobs, None, opts), ui)?;
    skipped_local_total(walk.refused)
}

/// MKD `remote`, retried after transient failures; already there is fine (also when a first
/// attempt made it before the connection broke), and anything else shows up when the first
/// upload fails.
fn make_remote_dir(ctx: &mut Context, remote: &str, ui: &mut dyn Ui) -> Result<()> {
    super::retrying(ctx, ui, remote, |ctx, _, _| {
        match ctx.session()?.mkd(remote) {
            Err(e) if !matches!(e.reply().map(|r| r.code), Some(550 | 521 | 553)) => Err(e),
            _ => Ok(()),
        }
    })
}

fn put_dir(
    ctx: &mut Context,
    local: &Path,
    remote: &str,
    depth: usize,
    walk: &mut Walk,
    ui: &mut dyn Ui,
) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::Usage(format!(
            "{}: deeper than {MAX_DEPTH} levels; stopping",
            local.display()
        )));
    }
    make_remote_dir(ctx, remote, ui)?;
    let mut children: Vec<PathBuf> = fs::read_dir(local)
        .map_err(|e| Error::Local {
            what: "cannot list",
            path: local.to_owned(),
            source: e,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    children.sort();
    for child in children {
        let Some(name) = child
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_owned)
        else {
            ui.notice(&format!("{}: not valid UTF-8; skipped", child.display()));
            walk.refused += 1;
            continue;
        };
        if walk.excluded(&name) {
            continue;
        }
        let remote_path = join_remote(remote, &name);
        // Follow links to files; a link to a directory could loop, so it is skipped.
        let is_link = fs::symlink_metadata(&child).is_ok_and(|m| m.file_type().is_symlink());
        match fs::metadata(&child) {
            Ok(m) if m.is_dir() && is_link => ui.notice(&format!(
                "{}: a link to a directory; skipped",
                child.display()
            )),
            Ok(m) if m.is_dir() => put_dir(ctx, &child, &remote_path, depth + 1, walk, ui)?,
            Ok(m) if m.is_file() => walk.jobs.push(Job::Put {
                local: child.clone(),
                remote: remote_path,
                mode: crate::engine::transfer::PutMode::Replace,
            }),
            _ => ui.notice(&format!("{}: not a regular file; skipped", child.display())),
        }
    }
    Ok(())
}
