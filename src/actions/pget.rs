//! `pget -n N URL`: one large file in N segments over N connections, for links where a single
//! TCP stream is capped.
//!
//! The file is written into `NAME.part` (sized up front) at each segment's offsets; the progress
//! of every segment is kept in `NAME.part.pget` ("start done end" per line) whenever a segment
//! stops, so `pget -c` continues each segment where it was. Only when every segment is complete
//! is `NAME.part` renamed to `NAME`.

use crate::config::Parallel;
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use super::checksum::{local_hash, method_for};
use super::file::{Finished, report, target_in, verification};
use super::scheduler::{self, Batch, Job, Segments};
use super::{Output, TransferOptions, Ui, Verify};
use crate::actions::context::Context;
use crate::engine::digest::Digest;
use crate::engine::session::Session;
use crate::engine::transfer::{Progress, create_part, part_path};
use crate::error::{Error, Result};
use crate::proto::command::TransferType;
use crate::proto::digest::HashAlgo;

/// One byte range and how much of it is on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    start: u64,
    done: u64,
    end: u64,
}

fn state_path(part: &Path) -> PathBuf {
    let mut name = part.file_name().unwrap_or_default().to_os_string();
    name.push(".pget");
    part.with_file_name(name)
}

fn split(size: u64, n: usize) -> Vec<Segment> {
    let n = (n.max(1) as u64).min(size.max(1));
    let chunk = size.div_ceil(n);
    (0..n)
        .map(|i| {
            let start = (i * chunk).min(size);
            Segment {
                start,
                done: 0,
                end: ((i + 1) * chunk).min(size),
            }
        })
        .filter(|s| s.start < s.end || size == 0)
        .collect()
}

fn load_state(path: &Path, size: u64) -> Option<Vec<Segment>> {
    let text = fs::read_to_string(path).ok()?;
    let segs: Option<Vec<Segment>> = text
        .lines()
        .map(|l| {
            let v: Vec<u64> = l
                .split_whitespace()
                .map(|x| x.parse().ok())
                .collect::<Option<_>>()?;
            let [start, done, end] = v[..] else {
                return None;
            };
            (start + done <= end && end <= size).then_some(Segment { start, done, end })
        })
        .collect();
    segs.filter(|s| !s.is_empty() && s.last().is_some_and(|l| l.end == size))
}

fn save_state(path: &Path, segs: &[Segment]) {
    let text: String = segs
        .iter()
        .map(|s| format!("{} {} {}\n", s.start, s.done, s.end))
        .collect();
    let _ = fs::write(path, text);
}

/// Progress of one segment: its done count, and the front end's lane.
struct SegmentProgress<'a> {
    lane: &'a mut dyn Progress,
    index: usize,
    base: u64,
    segs: &'a Mutex<Vec<Segment>>,
}

impl Progress for SegmentProgress<'_> {
    fn start(&mut self, name: &str, total: Option<u64>) {
        self.lane.start(name, total);
    }
    fn advance(&mut self, done: u64) {
        self.segs.lock().expect("segment lock")[self.index].done = self.base + done;
        self.lane.advance(self.base + done);
    }
    fn finish(&mut self, done: u64) {
        self.lane.finish(self.base + done);
    }
}

/// The file being fetched in segments: what the scheduler's [`Job::Segment`]s write into.
struct Parts<'a> {
    remote: &'a str,
    file: &'a File,
    part: &'a Path,
    segs: &'a Mutex<Vec<Segment>>,
    /// The file's size: the segment that ends there reads to the end.
    total: u64,
}

impl Segments for Parts<'_> {
    fn fetch(&self, index: usize, session: &mut Session, lane: &mut dyn Progress) -> Result<()> {
        let seg = self.segs.lock().expect("segment lock")[index];
        let mut progress = SegmentProgress {
            lane,
            index,
            base: seg.done,
            segs: self.segs,
        };
        progress.start(self.remote, Some(seg.end - seg.start - seg.done));
        let range = (seg.start + seg.done, seg.end);
        let to_end = seg.end == self.total;
        let outcome = session.retrieve_range(
            self.remote,
            range,
            to_end,
            self.file,
            self.part,
            &mut progress,
        );
        progress.finish(0);
        outcome.map(drop)
    }
}

/// Why `pget -o -` is refused.
const NOT_TO_STDOUT: &str = "pget writes to a file, not to standard output";

/// Runs `pget`; `json` prints the file's JSON object instead of the summary line.
pub(super) fn run(
    ctx: &mut Context,
    remote: &str,
    output: &Output,
    (n, resume): (usize, bool),
    (json, verify): (bool, Verify),
    ui: &mut dyn Ui,
) -> Result<()> {
    let target = match output {
        Output::File(p) => p.clone(),
        Output::Into(dir) => target_in(dir, remote)?,
        Output::Stdout => return Err(Error::Usage(NOT_TO_STDOUT.into())),
    };
    let size = super::retrying(ctx, ui, remote, |ctx, _, _| {
        let session = ctx.session()?;
        session.set_type(TransferType::Binary)?;
        session.size(remote)
    })?;
    let offer = match verify {
        Verify::Off => Default::default(),
        _ => ctx.session()?.hash_offer(),
    };
    let (check, note) = verification(&offer, verify, TransferType::Binary)?;
    if let Some(note) = note.filter(|n| ctx.first_time(n)) {
        ui.notice(&note);
    }
    let size = size.ok_or_else(|| {
        Error::Usage(format!(
            "pget needs the size of {remote}, and the server would not say (SIZE)"
        ))
    })?;
    let part = part_path(&target);
    let state = state_path(&part);
    let (file, segs) = open_parts(&part, &state, size, n, resume)?;
    let started = Instant::now();
    let had: u64 = segs.iter().map(|s| s.done).sum();
    let segs = Mutex::new(segs);
    let parts = Parts {
        remote,
        file: &file,
        part: &part,
        segs: &segs,
        total: size,
    };
    let result = fetch_all(ctx, &parts, ui);
    let segs = segs.into_inner().expect("segment lock");
    // Never rename a file with holes into place, whatever the lanes reported.
    let result = result.and_then(|()| match segs.iter().find(|s| s.start + s.done < s.end) {
        Some(s) => Err(Error::Partial {
            name: remote.into(),
            detail: format!(
                "the segment {}-{} ended at {}",
                s.start,
                s.end,
                s.start + s.done
            ),
        }),
        None => Ok(()),
    });
    if let Err(e) = result {
        save_state(&state, &segs);
        return Err(e);
    }
    let digest = match check {
        Some(algo) => Some(check_whole(ctx, remote, (&part, &state), algo, ui)?),
        None => None,
    };
    // Held until renamed (see `engine::transfer::hold`); Windows cannot rename an open file.
    if cfg!(windows) {
        drop(file);
    }
    fs::rename(&part, &target).map_err(|e| Error::Local {
        what: "cannot rename into",
        path: target.clone(),
        source: e,
    })?;
    let _ = fs::remove_file(&state);
    let done = Finished {
        remote: remote.to_owned(),
        local: target,
        bytes: size - had,
        seconds: started.elapsed().as_secs_f64(),
        resumed: had > 0,
        upload: false,
        digest,
        limit: ctx.config.limit_rate,
    };
    report(ui, &done, json)
}

/// `pget --verify`: the whole file's hash against the server's, before the rename. The
/// segments arrive out of order, so the file is hashed once they are all in, read back from
/// the page cache; a mismatch removes the part and its state, like a failed `get --verify`.
fn check_whole(
    ctx: &mut Context,
    remote: &str,
    (part, state): (&Path, &Path),
    algo: HashAlgo,
    ui: &mut dyn Ui,
) -> Result<Digest> {
    let ours = local_hash(part, algo)?;
    let theirs = super::retrying(ctx, ui, remote, |ctx, _, _| {
        let session = ctx.session()?;
        let method = method_for(session, Some(algo), remote)?;
        session.remote_hash(remote, method)
    })?;
    if theirs.hex == ours.hex {
        return Ok(ours);
    }
    let _ = fs::remove_file(part);
    let _ = fs::remove_file(state);
    Err(Error::Checksum {
        name: remote.into(),
        algo,
        local: ours.hex,
        remote: theirs.hex,
        kept: "the download was removed",
    })
}

/// `NAME.part`, open for writing at the segments' offsets, and the segments: those saved by an
/// interrupted run when `resume` finds them valid, else `n` new ones (the part sized up front).
fn open_parts(
    part: &Path,
    state: &Path,
    size: u64,
    n: usize,
    resume: bool,
) -> Result<(File, Vec<Segment>)> {
    let resumed = resume
        .then(|| load_state(state, size))
        .flatten()
        .filter(|_| fs::metadata(part).is_ok_and(|m| m.len() == size));
    let segs = match resumed {
        Some(s) => s,
        None => {
            let file = create_part(part)?;
            file.set_len(size).map_err(|e| Error::Local {
                what: "cannot size",
                path: part.to_owned(),
                source: e,
            })?;
            split(size, n)
        }
    };
    let file = OpenOptions::new()
        .write(true)
        .open(part)
        .map_err(|e| Error::Local {
            what: "cannot open",
            path: part.to_owned(),
            source: e,
        })?;
    crate::engine::transfer::hold(&file, part)?;
    Ok((file, segs))
}

/// Fetches every unfinished segment at once, one lane each, through the scheduler (the first
/// lane is the context's session).
fn fetch_all(ctx: &mut Context, parts: &Parts<'_>, ui: &mut dyn Ui) -> Result<()> {
    let jobs: Vec<Job> = parts
        .segs
        .lock()
        .expect("segment lock")
        .iter()
        .enumerate()
        .filter(|(_, s)| s.start + s.done < s.end)
        .map(|(i, _)| Job::Segment(i))
        .collect();
    let opts = TransferOptions::default();
    let batch = Batch {
        lanes: Some(Parallel::Fixed(jobs.len())),
        jobs,
        ty: Some(TransferType::Binary),
        opts: &opts,
        counted: false,
        segments: Some(parts),
    };
    scheduler::run(ctx, batch, ui)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cover_the_file_exactly() {
        let segs = split(10, 3);
        assert_eq!(
            segs.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(),
            [(0, 4), (4, 8), (8, 10)]
        );
        assert_eq!(split(2, 8).len(), 2);
        assert_eq!(split(1 << 30, 4).last().unwrap().end, 1 << 30);
    }

    #[test]
    fn state_round_trips_and_rejects_nonsense() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.part.pget");
        let segs = vec![
            Segment {
                start: 0,
                done: 3,
                end: 5,
            },
            Segment {
                start: 5,
                done: 0,
                end: 9,
            },
        ];
        save_state(&path, &segs);
        assert_eq!(load_state(&path, 9).unwrap(), segs);
        assert!(load_state(&path, 10).is_none(), "another size");
        fs::write(&path, "0 9 5\n").unwrap();
        assert!(load_state(&path, 5).is_none());
    }
}
