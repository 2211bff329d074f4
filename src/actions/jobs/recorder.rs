//! The [`Ui`] of a background job: nothing is drawn or printed while it runs. Progress goes
//! into shared state that `jobs` and `fg` read; summaries, notices and standard output are
//! kept for the job's end, when the front end shows them before its next prompt.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::actions::Ui;
use crate::engine::transfer::Progress;

/// How far a job has come, as `jobs` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Files done and (when known) in all, for a many-file command.
    pub files: Option<(u64, Option<u64>)>,
    /// Bytes moved so far (the files done and the ones under way).
    pub bytes: u64,
    /// The bytes in all, when known (one file, or one file's segments).
    pub total: Option<u64>,
    /// The file being transferred last started.
    pub current: Option<String>,
}

/// What the lanes of a job report, kept between the job's thread and the front end.
#[derive(Debug, Default)]
pub(super) struct Tracker {
    lanes: Vec<LaneState>,
    /// `Some` during a many-file command: files done, and in all when known.
    counted: Option<(u64, Option<u64>)>,
    /// Bytes of the files a many-file command finished.
    finished: u64,
    current: Option<String>,
}

#[derive(Debug, Default, Clone)]
struct LaneState {
    done: u64,
    total: Option<u64>,
}

impl Tracker {
    /// What `jobs` shows now.
    pub(super) fn snapshot(&self) -> Snapshot {
        let moving: u64 = self.lanes.iter().map(|l| l.done).sum();
        let total = match self.counted {
            Some(_) => None,
            None if self.lanes.is_empty() => None,
            None => self.lanes.iter().map(|l| l.total).sum(),
        };
        Snapshot {
            files: self.counted,
            bytes: self.finished + moving,
            total,
            current: self.current.clone(),
        }
    }

    fn lane(&mut self, i: usize) -> &mut LaneState {
        if self.lanes.len() <= i {
            self.lanes.resize(i + 1, LaneState::default());
        }
        &mut self.lanes[i]
    }
}

/// One lane's [`Progress`], writing into the tracker.
struct LaneRecorder {
    index: usize,
    tracker: Arc<Mutex<Tracker>>,
}

impl LaneRecorder {
    fn with(&self, f: impl FnOnce(&mut Tracker)) {
        let mut tracker = self.tracker.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut tracker);
    }
}

impl Progress for LaneRecorder {
    fn start(&mut self, name: &str, total: Option<u64>) {
        let i = self.index;
        self.with(|t| {
            let counted = t.counted.is_some();
            let lane = t.lane(i);
            // A segment's retry starts again where it was: its bytes are not counted twice.
            if counted || lane.total != total {
                lane.done = 0;
            }
            lane.total = total;
            t.current = Some(name.to_owned());
        });
    }

    fn advance(&mut self, done: u64) {
        let i = self.index;
        self.with(|t| t.lane(i).done = done);
    }

    fn finish(&mut self, done: u64) {
        let i = self.index;
        self.with(|t| match t.counted {
            // The file's bytes are counted as done (batch_step), not as under way.
            Some(_) => *t.lane(i) = LaneState::default(),
            None => t.lane(i).done = t.lane(i).done.max(done),
        });
    }
}

/// The background job's [`Ui`].
pub(super) struct Recorder {
    tracker: Arc<Mutex<Tracker>>,
    lanes: Vec<LaneRecorder>,
    /// Summary lines, in order.
    pub(super) summaries: Vec<String>,
    /// Notices (retries, skipped files), in order.
    pub(super) notices: Vec<String>,
    /// What the job wrote to standard output (`--json`, a dry run's plan).
    pub(super) stdout: Vec<u8>,
    /// The job's local directory: names under it are shown relative, as they were typed.
    base: PathBuf,
}

impl Recorder {
    pub(super) fn new(tracker: Arc<Mutex<Tracker>>, base: PathBuf) -> Recorder {
        let first = LaneRecorder {
            index: 0,
            tracker: tracker.clone(),
        };
        Recorder {
            tracker,
            lanes: vec![first],
            summaries: Vec::new(),
            notices: Vec::new(),
            stdout: Vec::new(),
            base,
        }
    }

    fn tracker(&self) -> std::sync::MutexGuard<'_, Tracker> {
        self.tracker.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `line` with the job's own local directory left out of the paths it starts with.
    fn relative(&self, line: &str) -> String {
        let base = self.base.to_string_lossy();
        let prefix = format!("{}/", base.trim_end_matches('/'));
        match line.strip_prefix(&prefix) {
            Some(rest) if !base.is_empty() => rest.to_owned(),
            _ => line.to_owned(),
        }
    }
}

impl Ui for Recorder {
    fn stdout(&mut self) -> &mut dyn std::io::Write {
        &mut self.stdout
    }

    fn progress(&mut self, _hash: bool) -> &mut dyn Progress {
        &mut self.lanes[0]
    }

    fn summary(&mut self, line: &str) {
        let line = self.relative(line);
        self.summaries.push(line);
    }

    fn notice(&mut self, line: &str) {
        let line = self.relative(line);
        self.notices.push(line);
    }

    /// Nobody can answer: the job's context asks nothing (`prompt` off), so this is a last
    /// guard, and it says no.
    fn confirm(&mut self, question: &str) -> bool {
        self.notices
            .push(format!("{question} — not asked in the background: no"));
        false
    }

    fn password(&mut self, _prompt: &str) -> Option<String> {
        None
    }

    fn stdout_is_terminal(&self) -> bool {
        false
    }

    fn set_trace_level(&mut self, _level: u8) {}

    fn trace_level(&self) -> u8 {
        0
    }

    fn batch_start(&mut self, files: Option<u64>) {
        let mut t = self.tracker();
        // mirror runs the scheduler twice (new files, then resumed ones): the second adds.
        let (done, before) = t.counted.unwrap_or((0, None));
        let total = match (files, before) {
            (Some(n), Some(_)) => Some(done + n),
            (Some(n), None) => Some(n),
            (None, before) => before,
        };
        t.counted = Some((done, total));
    }

    fn batch_step(&mut self, bytes: u64) {
        let mut t = self.tracker();
        if let Some((done, _)) = &mut t.counted {
            *done += 1;
            t.finished += bytes;
        }
    }

    fn lanes(&mut self, n: usize) {
        self.tracker().lanes = vec![LaneState::default(); n];
        self.lanes = (0..n.max(1))
            .map(|index| LaneRecorder {
                index,
                tracker: self.tracker.clone(),
            })
            .collect();
    }

    fn lane(&mut self, i: usize) -> &mut dyn Progress {
        if i >= self.lanes.len() {
            self.lanes(i + 1);
        }
        &mut self.lanes[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorder() -> (Recorder, Arc<Mutex<Tracker>>) {
        let tracker = Arc::new(Mutex::new(Tracker::default()));
        (Recorder::new(tracker.clone(), "/w".into()), tracker)
    }

    fn now(t: &Arc<Mutex<Tracker>>) -> Snapshot {
        t.lock().unwrap().snapshot()
    }

    #[test]
    fn one_file_shows_its_bytes_of_its_size() {
        let (mut ui, t) = recorder();
        assert_eq!(now(&t), Snapshot::default());
        ui.progress(false).start("big.iso", Some(1000));
        ui.progress(false).advance(420);
        let s = now(&t);
        assert_eq!((s.bytes, s.total, s.files), (420, Some(1000), None));
        assert_eq!(s.current.as_deref(), Some("big.iso"));
    }

    #[test]
    fn many_files_count_files_and_bytes_over_every_lane() {
        let (mut ui, t) = recorder();
        ui.batch_start(None);
        ui.batch_start(Some(3));
        ui.lanes(2);
        ui.lane(0).start("a", Some(100));
        ui.lane(1).start("b", Some(50));
        ui.lane(0).advance(100);
        ui.lane(1).advance(10);
        ui.lane(0).finish(100);
        ui.batch_step(100);
        let s = now(&t);
        assert_eq!((s.files, s.bytes, s.total), (Some((1, Some(3))), 110, None));
        // mirror's second round (resumed files) adds to the count.
        ui.batch_start(Some(1));
        assert_eq!(now(&t).files, Some((1, Some(2))));
    }

    #[test]
    fn segments_of_one_file_add_up_to_the_whole() {
        let (mut ui, t) = recorder();
        ui.lanes(2);
        ui.lane(0).start("f [1/2]", Some(60));
        ui.lane(1).start("f [2/2]", Some(40));
        ui.lane(0).advance(60);
        ui.lane(0).finish(60);
        ui.lane(1).advance(20);
        let s = now(&t);
        assert_eq!((s.bytes, s.total), (80, Some(100)));
    }

    #[test]
    fn lines_name_files_as_typed_and_nothing_is_asked() {
        let (mut ui, _) = recorder();
        ui.summary("/w/big.iso: 1.0 MiB in 1.00 s");
        ui.notice("/elsewhere/x exists");
        assert_eq!(ui.summaries, ["big.iso: 1.0 MiB in 1.00 s"]);
        assert_eq!(ui.notices, ["/elsewhere/x exists"]);
        assert!(!ui.confirm("overwrite x?"));
        assert!(ui.password("Password: ").is_none());
    }
}
