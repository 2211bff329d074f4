//! Background jobs: a transfer run on a thread of its own, over a connection of its own, while
//! the shell (or a batch file) goes on.
//!
//! [`Jobs::start`] takes a parsed [`Action`] and the context it would have run in. The job gets
//! a [`Context::sibling`]: the same server, login, settings and remote directory, and its own
//! interrupt flag, so Ctrl-C in the foreground never reaches it and [`Jobs::kill`] reaches only
//! it. It logs in on its first command, as a scheduler lane does, and its lanes (`mget -P 4 …`)
//! are made from its own context. Its relative local paths are fixed where the job started
//! (`anchor`), so a later `cd` or `lcd` in the foreground does not move it.
//!
//! A job draws nothing: its [`Ui`](crate::actions::Ui) is a recorder (`recorder`) that keeps
//! its progress for `jobs` and `fg` to read, and its summaries, notices and output for its end.
//! Nothing can be asked in the background: the job's context has prompting off (mget and mput
//! take every match, as in a batch file), and a plain `get` whose local file exists is refused
//! at the start when the foreground would have asked before replacing it (the shell; a batch
//! file asks nothing, and its jobs replace files as its other lines do).
//!
//! A job that ended stays in the table until the front end takes its [`Ended`] record
//! ([`Jobs::take_ended`]) to show it; numbers are reused once the table is empty again, as a
//! shell's job numbers are.

mod anchor;
mod recorder;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::actions::context::Context;
use crate::actions::{self, Action};
use crate::error::{Error, Result};
pub use anchor::refusal;
pub use recorder::Snapshot;
use recorder::{Recorder, Tracker};

/// A job's number, as `jobs` shows it (`[1]`).
pub type JobId = usize;

/// How a job is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Still running.
    Running,
    /// Finished without an error.
    Done,
    /// Ended with an error.
    Failed,
    /// Stopped by `kill` (or by quitting).
    Killed,
}

impl State {
    /// The word `jobs` shows.
    pub fn word(self) -> &'static str {
        match self {
            State::Running => "running",
            State::Done => "done",
            State::Failed => "failed",
            State::Killed => "killed",
        }
    }
}

/// One line of `jobs`.
#[derive(Debug, Clone)]
pub struct View {
    /// The job's number.
    pub id: JobId,
    /// The command as typed, without the `&`.
    pub label: String,
    /// Running or how it ended.
    pub state: State,
    /// How far it came.
    pub progress: Snapshot,
}

/// A job that ended, for the front end to show.
#[derive(Debug)]
pub struct Ended {
    /// The job's number.
    pub id: JobId,
    /// The command as typed, without the `&`.
    pub label: String,
    /// The action it ran (local paths made absolute).
    pub action: Action,
    /// How it ended.
    pub state: State,
    /// Its result.
    pub result: Result<()>,
    /// Its summary lines, in order.
    pub summaries: Vec<String>,
    /// Its notices, in order.
    pub notices: Vec<String>,
    /// What it wrote to standard output.
    pub stdout: Vec<u8>,
}

struct Entry {
    id: JobId,
    label: String,
    action: Action,
    interrupt: Arc<AtomicBool>,
    tracker: Arc<Mutex<Tracker>>,
    ended: Option<Ended>,
}

/// Called on a job's thread when it has ended (after its [`Ended`] is in the table), with the
/// table.
pub type EndHook = Box<dyn Fn(&Jobs) + Send + Sync>;

#[derive(Default)]
struct Shared {
    table: Mutex<Vec<Entry>>,
    changed: Condvar,
    hook: Mutex<Option<EndHook>>,
}

/// The table of background jobs; clones share it.
#[derive(Clone, Default)]
pub struct Jobs {
    shared: Arc<Shared>,
}

impl Jobs {
    /// An empty table.
    pub fn new() -> Jobs {
        Jobs::default()
    }

    fn table(&self) -> MutexGuard<'_, Vec<Entry>> {
        self.shared.table.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Calls `hook` on a job's thread each time a job ends (the shell prints the job's line
    /// above the line being typed).
    pub fn on_end(&self, hook: EndHook) {
        *self.shared.hook.lock().unwrap_or_else(|e| e.into_inner()) = Some(hook);
    }

    /// Starts `action` in the background in `ctx`'s place (its server, login, remote and local
    /// directories) and returns its number; `label` is the command as typed. Refused when the
    /// action cannot run in the background, when there is no server, and, when the foreground
    /// `would_ask` before replacing a local file (the shell with `prompt` on), when a plain
    /// `get`'s file is there.
    pub fn start(
        &self,
        ctx: &Context,
        action: &Action,
        label: &str,
        would_ask: bool,
    ) -> Result<JobId> {
        if let Some(why) = anchor::refusal(action) {
            return Err(Error::Usage(why));
        }
        let cwd = std::env::current_dir().map_err(|source| Error::Local {
            what: "cannot read",
            path: PathBuf::from("."),
            source,
        })?;
        let action = anchor::anchored(action, &cwd);
        if would_ask && let Some(target) = anchor::single_target(&action).filter(|t| t.exists()) {
            return Err(Error::Usage(format!(
                "{} exists, and a background job cannot ask before replacing it; add -c to \
                 continue it or -n to keep it, or delete it first",
                shown(&target, &cwd)
            )));
        }
        let mut job_ctx = ctx.sibling(Box::new(|| None))?;
        let interrupt = job_ctx.interrupt.clone();
        let tracker = Arc::new(Mutex::new(Tracker::default()));
        let id = {
            let mut table = self.table();
            let id = table.iter().map(|e| e.id).max().unwrap_or(0) + 1;
            table.push(Entry {
                id,
                label: label.to_owned(),
                action: action.clone(),
                interrupt: interrupt.clone(),
                tracker: tracker.clone(),
                ended: None,
            });
            id
        };
        let jobs = self.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("job {id}"))
            .spawn(move || {
                let mut ui = Recorder::new(tracker, cwd);
                let result = actions::execute(&mut job_ctx, &action, &mut ui);
                job_ctx.close();
                jobs.finish(id, result, ui, interrupt.load(Ordering::SeqCst));
            });
        if let Err(source) = spawned {
            self.table().retain(|e| e.id != id);
            return Err(Error::Local {
                what: "cannot start a thread for",
                path: PathBuf::from(label),
                source,
            });
        }
        Ok(id)
    }

    /// Records job `id`'s end, wakes whoever waits, and calls the end hook.
    fn finish(&self, id: JobId, result: Result<()>, ui: Recorder, killed: bool) {
        let state = match (&result, killed) {
            (Err(Error::Interrupted), _) | (Err(_), true) => State::Killed,
            (Err(_), false) => State::Failed,
            (Ok(()), _) => State::Done,
        };
        {
            let mut table = self.table();
            if let Some(entry) = table.iter_mut().find(|e| e.id == id) {
                entry.ended = Some(Ended {
                    id,
                    label: entry.label.clone(),
                    action: entry.action.clone(),
                    state,
                    result,
                    summaries: ui.summaries,
                    notices: ui.notices,
                    stdout: ui.stdout,
                });
            }
        }
        self.shared.changed.notify_all();
        if let Some(hook) = &*self.shared.hook.lock().unwrap_or_else(|e| e.into_inner()) {
            hook(self);
        }
    }

    /// Every job in the table, in order of their numbers.
    pub fn views(&self) -> Vec<View> {
        self.table()
            .iter()
            .map(|e| View {
                id: e.id,
                label: e.label.clone(),
                state: e.ended.as_ref().map_or(State::Running, |d| d.state),
                progress: e
                    .tracker
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .snapshot(),
            })
            .collect()
    }

    /// How many jobs are still running.
    pub fn running(&self) -> usize {
        self.table().iter().filter(|e| e.ended.is_none()).count()
    }

    /// Whether job `id` is in the table (running, or ended and not yet shown).
    pub fn exists(&self, id: JobId) -> bool {
        self.table().iter().any(|e| e.id == id)
    }

    /// The newest job still running, for `fg` without a number.
    pub fn newest_running(&self) -> Option<JobId> {
        let table = self.table();
        table.iter().rev().find(|e| e.ended.is_none()).map(|e| e.id)
    }

    /// Job `id`'s progress now; `None` when it is not in the table.
    pub fn progress(&self, id: JobId) -> Option<(String, Snapshot, bool)> {
        let table = self.table();
        let e = table.iter().find(|e| e.id == id)?;
        let snapshot = e
            .tracker
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .snapshot();
        Some((e.label.clone(), snapshot, e.ended.is_some()))
    }

    /// Takes every ended job out of the table, in order of their numbers.
    pub fn take_ended(&self) -> Vec<Ended> {
        let mut table = self.table();
        let (ended, running): (Vec<Entry>, Vec<Entry>) =
            table.drain(..).partition(|e| e.ended.is_some());
        *table = running;
        ended.into_iter().filter_map(|e| e.ended).collect()
    }

    /// Waits until job `id` (every job, for `None`) has ended; `interrupt` (Ctrl-C) ends the
    /// wait with [`Error::Interrupted`] and leaves the jobs running.
    pub fn wait(&self, id: Option<JobId>, interrupt: &AtomicBool) -> Result<()> {
        let mut table = self.table();
        if let Some(id) = id
            && !table.iter().any(|e| e.id == id)
        {
            return Err(no_such_job(id));
        }
        loop {
            let pending = table
                .iter()
                .any(|e| e.ended.is_none() && id.is_none_or(|id| e.id == id));
            if !pending {
                return Ok(());
            }
            if interrupt.load(Ordering::SeqCst) {
                return Err(Error::Interrupted);
            }
            table = self
                .shared
                .changed
                .wait_timeout(table, Duration::from_millis(100))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Stops job `id`: its transfer is aborted at once (the data so far stays in its `.part`
    /// file, which `get -c` continues). Returns without waiting for it to end.
    pub fn kill(&self, id: JobId) -> Result<()> {
        let table = self.table();
        let entry = table
            .iter()
            .find(|e| e.id == id)
            .ok_or_else(|| no_such_job(id))?;
        if entry.ended.is_none() {
            entry.interrupt.store(true, Ordering::SeqCst);
        }
        Ok(())
    }

    /// Stops every running job.
    pub fn kill_all(&self) {
        for e in self.table().iter().filter(|e| e.ended.is_none()) {
            e.interrupt.store(true, Ordering::SeqCst);
        }
    }
}

fn no_such_job(id: JobId) -> Error {
    Error::Usage(format!("no job {id}; `jobs` lists them"))
}

/// `path` as the user typed it: relative to where the job started when it is under it.
fn shown(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

#[cfg(test)]
mod tests;
