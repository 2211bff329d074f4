//! get, put and their many-file forms (mget, mput, mdelete) with glob patterns.
//!
//! Remote globs are matched against a listing of the pattern's directory (MLSD or LIST, from
//! the context's cache); local globs against the file system. Every local name made from a
//! server name goes through [`safe_name`], so a hostile listing cannot write outside the local
//! directory: a refused entry is named in a notice and the command fails at the end.

use std::path::{Path, PathBuf};
use std::time::Instant;

use glob::Pattern;

use super::{Output, Ui, summary};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::localname::safe_name;
use crate::proto::command::TransferType;
use crate::proto::listing::EntryKind;
use crate::transfer::{NoProgress, PutMode};

/// Downloads one file.
pub(super) fn get(
    ctx: &mut Context,
    remote: &str,
    output: &Output,
    ty: Option<TransferType>,
    resume: bool,
    ui: &mut dyn Ui,
) -> Result<()> {
    let ty = ty.unwrap_or(ctx.transfer_type);
    let started = Instant::now();
    let target = match output {
        Output::Stdout => {
            // No bar: the data itself goes to stdout and stays the only thing there.
            let session = ctx.session()?;
            let mut sink = StdoutSink(ui);
            session.retrieve(remote, ty, 0, &mut sink, Path::new("-"), &mut NoProgress)?;
            return Ok(());
        }
        Output::File(path) => path.clone(),
        Output::Into(dir) if dir.as_os_str() == "." => PathBuf::from(safe_name(base_name(remote))?),
        Output::Into(dir) => dir.join(safe_name(base_name(remote))?),
    };
    let hash = ctx.hash;
    let n = ctx
        .session()?
        .download_file(remote, ty, &target, resume, ui.progress(hash))?;
    ui.summary(&summary(&target.display().to_string(), n, started));
    Ok(())
}

/// Uploads one file.
pub(super) fn put(
    ctx: &mut Context,
    local: &Path,
    remote: Option<&str>,
    mode: PutMode,
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
    let ty = ctx.transfer_type;
    let hash = ctx.hash;
    let started = Instant::now();
    let result = ctx
        .session()?
        .upload_file(local, &remote, ty, mode, ui.progress(hash));
    ctx.invalidate_cache();
    let n = result?;
    ui.summary(&summary(&remote, n, started));
    Ok(())
}

/// Downloads every remote file matching the patterns into the local directory.
pub(super) fn mget(ctx: &mut Context, patterns: &[String], ui: &mut dyn Ui) -> Result<()> {
    let mut failures = 0;
    for pattern in patterns {
        for remote in expand_remote(ctx, pattern)? {
            let name = base_name(&remote);
            if let Err(e) = safe_name(name) {
                ui.notice(&format!("skipping {}", e));
                failures += 1;
                continue;
            }
            if ctx.prompt && !ui.confirm(&format!("mget {name}?")) {
                continue;
            }
            get(
                ctx,
                &remote,
                &Output::Into(PathBuf::from(".")),
                None,
                false,
                ui,
            )?;
        }
    }
    skipped(failures)
}

/// Uploads every local file matching the patterns into the remote directory.
pub(super) fn mput(ctx: &mut Context, patterns: &[String], ui: &mut dyn Ui) -> Result<()> {
    for pattern in patterns {
        let files = expand_local(pattern)?;
        for file in files {
            if ctx.prompt && !ui.confirm(&format!("mput {}?", file.display())) {
                continue;
            }
            put(ctx, &file, None, PutMode::Replace, ui)?;
        }
    }
    Ok(())
}

/// Deletes every remote file matching the patterns.
pub(super) fn mdelete(ctx: &mut Context, patterns: &[String], ui: &mut dyn Ui) -> Result<()> {
    for pattern in patterns {
        for remote in expand_remote(ctx, pattern)? {
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
        n => Err(Error::Usage(format!(
            "{n} file(s) skipped because their names were unsafe"
        ))),
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
pub(super) fn expand_remote(ctx: &mut Context, pattern: &str) -> Result<Vec<String>> {
    if !has_glob(pattern) {
        return Ok(vec![pattern.to_owned()]);
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
    let mut names: Vec<String> = ctx
        .entries(list_dir)?
        .into_iter()
        .filter(|e| matches!(e.kind, EntryKind::File | EntryKind::Symlink))
        .filter(|e| matcher.matches(&e.name))
        .map(|e| {
            if dir.is_empty() && !pattern.starts_with('/') {
                e.name
            } else {
                format!("{dir}/{}", e.name)
            }
        })
        .collect();
    names.sort();
    names.dedup();
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
    fn globs_are_recognized() {
        assert!(has_glob("*.txt") && has_glob("a?") && has_glob("[ab]"));
        assert!(!has_glob("plain name.txt"));
    }
}
