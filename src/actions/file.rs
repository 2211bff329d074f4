//! The per-file rules, written once for every way a file travels: one `get`/`put`, mget/mput,
//! recursive transfers, mirror (both ways) over one connection or many, and pget.
//!
//! - the local name: [`local_target`] turns a remote path into a local file through
//!   [`safe_name`] (the one-shot planner uses it too), so a hostile name cannot escape;
//! - whether an existing target is written: [`admit_download`] (`-n`, the overwrite prompt, and
//!   `-c`, which always continues what is there);
//! - what a download continues: [`download_resume`] (`-c` adopts `NAME.part` or `NAME`; a retry
//!   only the `.part` this run wrote);
//! - how an upload starts and resumes: [`first_put_mode`] and [`upload_mode`];
//! - the file itself on a session: [`download`] and [`upload`] (size hints from listings, the
//!   engine's `.part` handling and size checks, `--preserve` times);
//! - what the user is told: [`Finished`] and [`report`] (the summary line or the JSON object).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use super::info::{print_json, summary_line};
use super::{TransferOptions, Ui, Verify};
use crate::actions::localname::safe_name;
use crate::config::values::format_rate;
use crate::engine::digest::Digest;
use crate::engine::session::Session;
use crate::engine::transfer::{Progress, PutMode, Resume};
use crate::error::{Error, Result};
use crate::proto::command::TransferType;
use crate::proto::digest::{HashAlgo, HashMethod, HashOffer};
use crate::proto::listing::Timestamp;

/// The last path component of a remote path.
pub(crate) fn base_name(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// `dir/NAME` for a remote path's last component, refusing unsafe names; in the current
/// directory (`.`) just `NAME`.
pub fn local_target(dir: &Path, remote: &str) -> Result<PathBuf> {
    let name = safe_name(base_name(remote))?;
    Ok(if dir.as_os_str() == "." {
        PathBuf::from(name)
    } else {
        dir.join(name)
    })
}

/// The local file for `remote` inside `dir` (`get -O DIR`), creating `dir` first when it does
/// not exist yet, as a recursive get does.
pub(super) fn target_in(dir: &Path, remote: &str) -> Result<PathBuf> {
    let target = local_target(dir, remote)?;
    make_local_dir(dir)?;
    Ok(target)
}

/// Makes `dir` (and its parents) unless it exists as a real directory; a symlink in its place
/// is refused, so nothing is written through a link.
pub(super) fn make_local_dir(dir: &Path) -> Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Error::Local {
            what: "cannot use",
            path: dir.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "it exists and is not a directory",
            ),
        }),
        Err(_) => fs::create_dir_all(dir).map_err(|e| Error::Local {
            what: "cannot create",
            path: dir.to_owned(),
            source: e,
        }),
    }
}

/// Whether a download may write its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Admission {
    /// Go ahead.
    Write,
    /// Leave the file alone, telling the user why.
    Skip(String),
    /// Ask the user this question first (yes writes).
    Ask(String),
}

/// The rule for an existing target: `-c` continues it (whatever `-n` says); otherwise `-n`
/// leaves it alone, and with prompting on the user is asked before it is replaced.
pub(super) fn admit_download(target: &Path, opts: &TransferOptions, prompt: bool) -> Admission {
    if opts.resume || !target.exists() {
        return Admission::Write;
    }
    if opts.no_clobber {
        return Admission::Skip(format!(
            "{} exists; not overwriting it (--no-clobber)",
            target.display()
        ));
    }
    match prompt {
        true => Admission::Ask(format!("overwrite {}?", target.display())),
        false => Admission::Write,
    }
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

/// Whether `target` has a `NAME.part` with bytes in it, which `-c` would continue.
pub(super) fn has_part(target: &Path) -> bool {
    Resume::Part.continues(target)
}

/// The first attempt's mode of an upload the user asked for as `mode`: `-c` turns a plain
/// STOR into a resumed one.
pub(super) fn first_put_mode(mode: PutMode, opts: &TransferOptions) -> PutMode {
    match mode {
        PutMode::Replace if opts.resume => PutMode::Resume,
        other => other,
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

/// Whether an upload in resume mode that sent `sent` bytes of `local` really continued a
/// partial copy (it sends the whole file when the server had nothing).
fn continued_upload(local: &Path, sent: u64) -> bool {
    std::fs::metadata(local).is_ok_and(|m| sent < m.len())
}

/// One download as the rules need it.
pub(super) struct Download<'a> {
    /// Remote path.
    pub(super) remote: &'a str,
    /// Local file.
    pub(super) target: &'a Path,
    /// Its size, when a listing gave it.
    pub(super) size: Option<u64>,
    /// Its time, when a listing gave it (set with `--preserve` instead of asking MDTM).
    pub(super) modified: Option<Timestamp>,
}

/// What the earlier attempts at one file left behind, for the rules of the next attempt.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Attempts {
    /// Attempts made so far (0 before the first).
    pub(super) made: u32,
    /// A download reached the engine, so `NAME.part` is this run's and a retry continues it.
    pub(super) part_is_ours: bool,
    /// An upload's data went out, so the remote file is this run's partial copy.
    pub(super) began: bool,
}

/// The next attempt at one download on `session`; notices go to `notice`.
pub(super) fn download(
    session: &mut Session,
    file: &Download<'_>,
    (ty, opts, check): (TransferType, &TransferOptions, Option<HashAlgo>),
    attempts: &mut Attempts,
    progress: &mut dyn Progress,
    notice: &mut dyn FnMut(String),
) -> Result<Finished> {
    let resume = download_resume(opts.resume, attempts.part_is_ours);
    let resumed = resume.continues(file.target);
    if let Some(n) = file.size {
        session.hint_size(file.remote, n);
    }
    // From here on NAME.part is this run's: download_file starts it afresh, or continues the
    // one the user asked to continue.
    attempts.part_is_ours = true;
    let method = check_method(session, check)?;
    let (n, digest) =
        session.download_file_checked(file.remote, ty, file.target, (resume, method), progress)?;
    match file.modified {
        Some(stamp) if opts.preserve => set_file_time(file.target, stamp)?,
        _ if opts.preserve => {
            if let Some(text) = set_local_time(session, file.remote, file.target)? {
                notice(text);
            }
        }
        _ => {}
    }
    Ok(Finished {
        remote: file.remote.to_owned(),
        local: file.target.to_owned(),
        bytes: n,
        seconds: 0.0,
        resumed,
        upload: false,
        digest,
        limit: None,
    })
}

/// The next attempt at one upload of `local` to `remote` on `session`, asked for as `mode`.
pub(super) fn upload(
    session: &mut Session,
    (local, remote, mode): (&Path, &str, PutMode),
    (ty, opts, check): (TransferType, &TransferOptions, Option<HashAlgo>),
    attempts: &mut Attempts,
    progress: &mut dyn Progress,
    notice: &mut dyn FnMut(String),
) -> Result<Finished> {
    let first = first_put_mode(mode, opts);
    let mode = upload_mode(first, attempts.made, attempts.began, remote)?;
    let method = check_method(session, check.filter(|_| mode != PutMode::Append))?;
    let (n, digest) = session.upload_file_checked(
        local,
        remote,
        ty,
        (mode, method),
        progress,
        &mut attempts.began,
    )?;
    if let Some(why) = session.take_unverified() {
        notice(format!("{remote}: size not verified: {why}"));
    }
    if opts.preserve
        && let Some(text) = set_remote_time(session, local, remote)?
    {
        notice(text);
    }
    Ok(Finished {
        remote: remote.to_owned(),
        local: local.to_owned(),
        bytes: n,
        seconds: 0.0,
        resumed: mode == PutMode::Resume && continued_upload(local, n),
        upload: true,
        digest,
        limit: None,
    })
}

/// One transferred file, whichever path moved it: what its summary line or its `--json`
/// object says.
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
    /// The hash the server and the local copy agreed on (`--verify`).
    pub(super) digest: Option<Digest>,
    /// The bandwidth limit the file moved under, bytes per second (`--limit-rate`).
    pub(super) limit: Option<u64>,
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
    /// `ALGO:HEX` that the server and the local copy agreed on (`--verify`), else null.
    hash: Option<String>,
    /// The bandwidth limit in bytes per second (`--limit-rate`), else null.
    limit: Option<u64>,
}

/// Counts a finished file toward the running command and tells the user about it: one JSON
/// object on stdout with `json`, else the summary line (which quiet front ends drop).
pub(super) fn report(ui: &mut dyn Ui, done: &Finished, json: bool) -> Result<()> {
    ui.batch_step(done.bytes);
    if !json {
        let name = match done.upload {
            true => done.remote.clone(),
            // `mirror URL .` makes `./NAME`: the summary says `NAME`, as a plain get does.
            false => shown_local(&done.local).display().to_string(),
        };
        let mut line = summary_line(&name, done.bytes, done.seconds);
        if let Some(d) = &done.digest {
            line.push_str(&format!(", {} verified", d.algo));
        }
        if let Some(limit) = done.limit {
            line.push_str(&format!(" (limit {})", format_rate(limit)));
        }
        ui.summary(&line);
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
        hash: done
            .digest
            .as_ref()
            .map(|d| format!("{}:{}", d.algo, d.hex)),
        limit: done.limit,
    };
    print_json(ui, &object)
}

/// A local path as a summary shows it: without a leading `./`.
fn shown_local(path: &Path) -> &Path {
    path.strip_prefix(".").unwrap_or(path)
}

/// The hash each file of a run is checked with, decided once before the first file from what
/// the server offers (`offer`), what `--verify` asked and the transfer type: `(algorithm,
/// notice)`. The strongest algorithm offered is used. A server that offers none, or an ASCII
/// transfer (its bytes change on the way, so no hash can match), checks sizes only, saying so
/// in the notice; with `--verify=require` either is [`Error::NoChecksum`].
pub(super) fn verification(
    offer: &HashOffer,
    verify: Verify,
    ty: TransferType,
) -> Result<(Option<HashAlgo>, Option<String>)> {
    let why = match verify {
        Verify::Off => return Ok((None, None)),
        _ if ty == TransferType::Ascii => {
            "ASCII-mode transfers change line endings on the way, so no hash of them can match"
        }
        _ => match offer.choose(None) {
            Some(method) => return Ok((Some(method.algo()), None)),
            None => {
                "the server offers no hash command (HASH, XSHA256, XSHA512, XSHA1, XMD5 or XCRC)"
            }
        },
    };
    match verify {
        Verify::Require => Err(Error::NoChecksum {
            name: "the files".into(),
            why: why.into(),
        }),
        _ => Ok((None, Some(format!("{why}: checking sizes only")))),
    }
}

/// This session's way to ask for `algo` (each connection selects HASH's algorithm itself).
fn check_method(session: &Session, algo: Option<HashAlgo>) -> Result<Option<HashMethod>> {
    let Some(algo) = algo else {
        return Ok(None);
    };
    match session.hash_method(Some(algo)) {
        Some(method) => Ok(Some(method)),
        None => Err(Error::NoChecksum {
            name: "the files".into(),
            why: format!("this connection's server does not offer {algo} any more"),
        }),
    }
}

/// Sets `target`'s modification time from MDTM; `Ok(Some(text))` says why it could not.
fn set_local_time(session: &mut Session, remote: &str, target: &Path) -> Result<Option<String>> {
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
fn set_file_time(target: &Path, stamp: Timestamp) -> Result<()> {
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

/// Sets the remote file's time from the local one with MFMT, when FEAT offers it;
/// `Ok(Some(text))` says why it could not.
fn set_remote_time(session: &mut Session, local: &Path, remote: &str) -> Result<Option<String>> {
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
    if reply.is_transient() {
        // Busy or closing: not an answer. The upload's retry sees the file whole and only
        // sets the time again; a time left unset would make the next mirror copy it again.
        return Err(Error::rejected("MFMT", reply));
    }
    Ok((!reply.is_completion())
        .then(|| format!("cannot keep the time of {remote}: {}", reply.one_line())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_name_local_files_without_a_leading_dot_slash() {
        assert_eq!(shown_local(Path::new("./big.bin")), Path::new("big.bin"));
        assert_eq!(shown_local(Path::new("./d/x")), Path::new("d/x"));
        assert_eq!(shown_local(Path::new("big.bin")), Path::new("big.bin"));
        assert_eq!(shown_local(Path::new("/tmp/x")), Path::new("/tmp/x"));
        assert_eq!(shown_local(Path::new("..hidden")), Path::new("..hidden"));
    }

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
    fn continue_wins_over_no_clobber_and_no_clobber_over_the_prompt() {
        let dir = tempfile::tempdir().unwrap();
        let there = dir.path().join("f");
        std::fs::write(&there, "x").unwrap();
        let missing = dir.path().join("g");
        let opts = |resume, no_clobber| TransferOptions {
            resume,
            no_clobber,
            ..TransferOptions::default()
        };
        assert_eq!(
            admit_download(&missing, &opts(false, true), true),
            Admission::Write
        );
        assert_eq!(
            admit_download(&there, &opts(true, true), true),
            Admission::Write
        );
        assert!(matches!(
            admit_download(&there, &opts(false, true), true),
            Admission::Skip(_)
        ));
        assert!(matches!(
            admit_download(&there, &opts(false, false), true),
            Admission::Ask(_)
        ));
        assert_eq!(
            admit_download(&there, &opts(false, false), false),
            Admission::Write
        );
    }

    #[test]
    fn local_names_stay_in_the_chosen_directory() {
        assert_eq!(
            local_target(Path::new("."), "a/b.txt").unwrap(),
            PathBuf::from("b.txt")
        );
        assert_eq!(
            local_target(Path::new("out"), "/x/b.txt").unwrap(),
            PathBuf::from("out/b.txt")
        );
        assert!(local_target(Path::new("."), "x/..").is_err());
    }
}
