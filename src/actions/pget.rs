//! `pget -n N URL`: one large file in N segments over N connections, for links where a single
//! TCP stream is capped.
//!
//! The file is written into `NAME.part` (sized up front) at each segment's offsets; the progress
//! of every segment is kept in `NAME.part.pget` ("start done end" per line) whenever a segment
//! stops, so `pget -c` continues each segment where it was. Only when every segment is complete
//! is `NAME.part` renamed to `NAME`.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::channel;
use std::time::Instant;

use super::files::{Finished, base_name, report};
use super::parallel::{Event, Lane, finish_lanes, settle};
use super::{Output, Ui};
use crate::actions::context::Context;
use crate::actions::localname::safe_name;
use crate::engine::transfer::{Progress, create_part, part_path};
use crate::error::{Error, Result};
use crate::proto::command::TransferType;

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
    lane: Lane,
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

/// Runs `pget`; `json` prints the file's JSON object instead of the summary line.
pub(super) fn run(
    ctx: &mut Context,
    remote: &str,
    output: &Output,
    n: usize,
    resume: bool,
    json: bool,
    ui: &mut dyn Ui,
) -> Result<()> {
    let target = match output {
        Output::File(p) => p.clone(),
        Output::Into(dir) => dir.join(safe_name(base_name(remote))?),
        Output::Stdout => {
            return Err(Error::Usage(
                "pget writes to a file, not to standard output".into(),
            ));
        }
    };
    let session = ctx.session()?;
    session.set_type(TransferType::Binary)?;
    let size = session.size(remote)?.ok_or_else(|| {
        Error::Usage(format!(
            "pget needs the size of {remote}, and the server would not say (SIZE)"
        ))
    })?;
    let part = part_path(&target);
    let state = state_path(&part);
    let resumed = resume
        .then(|| load_state(&state, size))
        .flatten()
        .filter(|_| fs::metadata(&part).is_ok_and(|m| m.len() == size));
    let segs = match resumed {
        Some(s) => s,
        None => {
            let file = create_part(&part)?;
            file.set_len(size).map_err(|e| Error::Local {
                what: "cannot size",
                path: part.clone(),
                source: e,
            })?;
            split(size, n)
        }
    };
    let file = OpenOptions::new()
        .write(true)
        .open(&part)
        .map_err(|e| Error::Local {
            what: "cannot open",
            path: part.clone(),
            source: e,
        })?;
    let started = Instant::now();
    let had: u64 = segs.iter().map(|s| s.done).sum();
    let segs = Mutex::new(segs);
    let result = fetch_all(ctx, remote, &file, &part, &segs, ui);
    let segs = segs.into_inner().expect("segment lock");
    if let Err(e) = result {
        save_state(&state, &segs);
        return Err(e);
    }
    drop(file);
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
    };
    report(ui, &done, json)
}

/// Fetches every unfinished segment at once; the first segment uses the context's session.
fn fetch_all(
    ctx: &mut Context,
    remote: &str,
    file: &File,
    part: &Path,
    segs: &Mutex<Vec<Segment>>,
    ui: &mut dyn Ui,
) -> Result<()> {
    let todo: Vec<usize> = segs
        .lock()
        .expect("segment lock")
        .iter()
        .enumerate()
        .filter(|(_, s)| s.start + s.done < s.end)
        .map(|(i, _)| i)
        .collect();
    if todo.is_empty() {
        return Ok(());
    }
    let connector = ctx.connector()?;
    let interrupt = ctx.interrupt.clone();
    let retries = ctx.config.retries;
    let wait = ctx.config.retry_wait;
    let total = segs
        .lock()
        .expect("segment lock")
        .last()
        .map_or(0, |s| s.end);
    let mut traces: Vec<_> = (0..todo.len()).map(|_| ctx.trace_sink()).collect();
    let mut first = Some(ctx.lend_session()?);
    ui.lanes(todo.len());
    let (tx, rx) = channel::<Event>();
    let results = std::thread::scope(|scope| {
        let handles: Vec<_> = todo
            .iter()
            .enumerate()
            .map(|(lane, &index)| {
                let mut session = if lane == 0 { first.take() } else { None };
                let mut trace = traces[lane].take();
                let tx = tx.clone();
                let connector = &connector;
                let interrupt = &interrupt;
                scope.spawn(move || {
                    let mut attempt = 0;
                    loop {
                        let seg = segs.lock().expect("segment lock")[index];
                        let mut progress = SegmentProgress {
                            lane: Lane {
                                lane,
                                tx: tx.clone(),
                            },
                            index,
                            base: seg.done,
                            segs,
                        };
                        let sess = match session.take().filter(|s| s.is_usable()) {
                            Some(s) => s,
                            None => match connector.connect(trace.take()) {
                                Ok(s) => s,
                                Err(e) => return (None, Some(e)),
                            },
                        };
                        let mut sess = sess;
                        progress.start(remote, Some(seg.end - seg.start - seg.done));
                        let range = (seg.start + seg.done, seg.end);
                        let outcome = sess.retrieve_range(
                            remote,
                            range,
                            seg.end == total,
                            file,
                            part,
                            &mut progress,
                        );
                        progress.finish(0);
                        session = Some(sess);
                        match outcome {
                            Ok(_) => return (session, None),
                            Err(e) if attempt < retries && e.is_transient() => {
                                let _ = tx.send(Event::Notice(format!(
                                    "segment {}: {e}; retrying",
                                    lane + 1
                                )));
                                let pause = crate::actions::retry::delay(wait, attempt, &e);
                                if let Err(e) = super::sleep_unless_interrupted(interrupt, pause) {
                                    return (session, Some(e));
                                }
                                attempt += 1;
                            }
                            Err(e) => return (session, Some(e)),
                        }
                    }
                })
            })
            .collect();
        drop(tx);
        finish_lanes(rx, handles, ui, &AtomicBool::new(false))
    });
    settle(ctx, results)
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
