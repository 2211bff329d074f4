//! The local side of a download: `NAME.part` beside the target, created fresh without following
//! a planted symlink, or continued (and for `get -c` seeded from an existing `NAME`), and what
//! a download may continue from ([`Resume`]).
//!
//! A `.part` file being written is held with an advisory lock ([`hold`]) until it is renamed
//! over its target: a second transfer to the same name — a background job beside a foreground
//! `get`, two jobs, another ferry — is refused instead of removing or interleaving the first
//! one's data.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What a download may continue from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resume {
    /// Start from zero into a fresh `NAME.part`.
    No,
    /// Continue `NAME.part` if there is one, else start from zero; an existing `NAME` is never
    /// adopted. For automatic retries, whose `.part` an earlier attempt of the same run wrote.
    Part,
    /// The user asked to continue (`get -c`, `reget`): `NAME.part`, else an existing `NAME`.
    PartOrTarget,
}

impl Resume {
    /// True when a download to `target` in this mode would continue bytes already there.
    pub fn continues(self, target: &Path) -> bool {
        let has_bytes = |p: &Path| fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() > 0);
        match self {
            Resume::No => false,
            Resume::Part => has_bytes(&part_path(target)),
            Resume::PartOrTarget => has_bytes(&part_path(target)) || has_bytes(target),
        }
    }
}

/// `target` with `.part` appended to its file name.
pub fn part_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    target.with_file_name(name)
}

/// Opens `part` to continue it, or else copies an existing `target` (when given) to `part`
/// first, or else starts `part` afresh; returns the file positioned at its end and that offset.
pub(crate) fn open_resumable(part: &Path, target: Option<&Path>) -> Result<(File, u64)> {
    let part_exists = fs::symlink_metadata(part).is_ok_and(|m| m.is_file());
    if !part_exists {
        let Some(target) = target.filter(|t| fs::symlink_metadata(t).is_ok_and(|m| m.is_file()))
        else {
            return Ok((create_part(part)?, 0));
        };
        let mut file = create_part(part)?;
        let mut src = File::open(target).map_err(|e| local_err("cannot read", target, e))?;
        io::copy(&mut src, &mut file).map_err(|e| local_err("cannot copy into", part, e))?;
    }
    let file = OpenOptions::new()
        .append(true)
        .open(part)
        .map_err(|e| local_err("cannot open", part, e))?;
    hold(&file, part)?;
    let offset = file
        .metadata()
        .map_err(|e| local_err("cannot read", part, e))?
        .len();
    Ok((file, offset))
}

/// Creates `NAME.part` fresh: a stale one is removed first, and `create_new` never follows a
/// symlink planted under that name.
pub fn create_part(part: &Path) -> Result<File> {
    match fs::symlink_metadata(part) {
        Ok(m) if m.is_dir() => {
            return Err(local_err(
                "cannot create",
                part,
                io::Error::new(io::ErrorKind::AlreadyExists, "a directory has this name"),
            ));
        }
        Ok(_) => {
            if File::open(part).is_ok_and(|f| matches!(f.try_lock(), Err(TryLockError::WouldBlock)))
            {
                return Err(busy(part));
            }
            fs::remove_file(part).map_err(|e| local_err("cannot replace", part, e))?
        }
        Err(_) => {}
    }
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(part)
        .map_err(|e| local_err("cannot create", part, e))?;
    hold(&file, part)?;
    // Another transfer that looked between our check and our lock may have replaced the file:
    // the name must still be ours once we hold it.
    if !is_same_file(&file, part) {
        return Err(busy(part));
    }
    Ok(file)
}

#[cfg(unix)]
fn is_same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_same_file(_file: &File, _path: &Path) -> bool {
    true
}

/// Holds `file`, the open `part`, for this transfer alone (an advisory lock, released when the
/// file is closed); an error when another transfer holds it. A file system without locks
/// holds nothing and refuses nothing.
pub fn hold(file: &File, part: &Path) -> Result<()> {
    match file.try_lock() {
        Err(TryLockError::WouldBlock) => Err(busy(part)),
        Ok(()) | Err(TryLockError::Error(_)) => Ok(()),
    }
}

fn busy(part: &Path) -> Error {
    local_err(
        "cannot write",
        part,
        io::Error::new(
            io::ErrorKind::ResourceBusy,
            "another transfer is writing it (a background job, or another ferry)",
        ),
    )
}

pub(crate) fn local_err(what: &'static str, path: &Path, source: io::Error) -> Error {
    Error::Local {
        what,
        path: path.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_part_file_being_written_is_not_taken_by_a_second_transfer() {
        let dir = tempfile::tempdir().unwrap();
        let part = dir.path().join("big.iso.part");
        let mut first = create_part(&part).unwrap();
        first.write_all(b"first's data").unwrap();
        let err = create_part(&part).unwrap_err();
        assert!(
            err.to_string().contains("another transfer is writing it"),
            "{err}"
        );
        assert!(open_resumable(&part, None).is_err());
        assert_eq!(fs::read(&part).unwrap(), b"first's data", "nothing removed");
        drop(first);
        let (_, offset) = open_resumable(&part, None).unwrap();
        assert_eq!(offset, 12, "free again once the first is closed");
    }

    #[test]
    fn part_file_sits_beside_the_target() {
        assert_eq!(
            part_path(Path::new("/tmp/a/b.iso")),
            Path::new("/tmp/a/b.iso.part")
        );
        assert_eq!(part_path(Path::new("b")), Path::new("b.part"));
    }

    #[test]
    fn a_stale_part_symlink_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, b"keep me").unwrap();
        let part = dir.path().join("x.part");
        std::os::unix::fs::symlink(&victim, &part).unwrap();
        let mut f = create_part(&part).unwrap();
        f.write_all(b"new").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep me");
        assert_eq!(fs::read(&part).unwrap(), b"new");
    }
}
