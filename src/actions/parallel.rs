//! Many files at once: a shared queue served by N sessions to the same server (`-P N`).
//!
//! mget, mput and recursive get/put first make a list of [`Job`]s, then run it here. With one
//! lane the jobs run in order on the context's session, through the same `get`/`put` as single
//! files. With N lanes, N worker threads each hold a session (the first borrows the context's,
//! the others log in once each) and take jobs from one queue, so small files are no longer paid
//! for in round trips one after another. Progress, summaries and notices travel to the front
//! end over a channel: the engine still never prints.
//!
//! A worker that cannot get a connection because the server says it is full retires and puts
//! its job back, so the transfer goes on with fewer connections. Transient failures are retried
//! by the worker (reconnecting when the connection was lost, resuming the file); the first
//! permanent failure stops the queue, lets running files finish, and is returned. Ctrl-C stops
//! every lane at once: running files are aborted, retry waits cut short, no new file starts.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::files::{self, Finished};
use super::{Output, PutMode, TransferOptions, Ui};
use crate::actions::context::{Connector, Context};
use crate::engine::session::{Session, TraceFn};
use crate::engine::transfer::Progress;
use crate::error::{Error, Result};
use crate::proto::command::{Command, TransferType};
use crate::proto::listing::Timestamp;

/// One file to move.
#[derive(Debug, Clone)]
pub(super) enum Job {
    /// Download `remote` to `target`.
    Get {
        /// Remote path.
        remote: String,
        /// Local file.
        target: PathBuf,
        /// Its size, when a listing gave it.
        size: Option<u64>,
        /// Its time, when a listing gave it: with `preserve`, set on the local file instead of
        /// asking MDTM.
        modified: Option<Timestamp>,
    },
    /// Upload `local` to `remote`.
    Put {
        /// Local file.
        local: PathBuf,
        /// Remote path.
        remote: String,
    },
}

/// Runs `jobs` with `opts.parallel` lanes (at least one).
pub(super) fn run(
    ctx: &mut Context,
    jobs: Vec<Job>,
    ty: Option<TransferType>,
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    ui.batch_start(Some(jobs.len() as u64));
    let lanes = opts.parallel.max(1).min(jobs.len());
    let uploads = jobs.iter().any(|j| matches!(j, Job::Put { .. }));
    let result = if lanes <= 1 {
        in_order(ctx, jobs, ty, opts, ui)
    } else {
        in_parallel(ctx, jobs, ty, opts, lanes, ui)
    };
    if uploads {
        ctx.invalidate_cache();
    }
    result
}

fn in_order(
    ctx: &mut Context,
    jobs: Vec<Job>,
    ty: Option<TransferType>,
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let result = each_in_order(ctx, jobs, ty, opts, ui);
    // Whatever happened, nothing is promised to the session any more.
    if let Some(session) = ctx.session_if_open() {
        session.expect_next(None);
    }
    result
}

fn each_in_order(
    ctx: &mut Context,
    jobs: Vec<Job>,
    ty: Option<TransferType>,
    opts: &TransferOptions,
    ui: &mut dyn Ui,
) -> Result<()> {
    let mut jobs = jobs.into_iter().peekable();
    while let Some(job) = jobs.next() {
        let next = jobs.peek();
        let session = ctx.session()?;
        let next_cmd = next.and_then(|n| ahead_command(n, session, opts));
        session.expect_next(next_cmd);
        match job {
            Job::Get {
                remote,
                target,
                size,
                modified,
            } => {
                if let Some(n) = size {
                    ctx.session()?.hint_size(&remote, n);
                }
                let listed_time = modified.filter(|_| opts.preserve);
                let opts = &TransferOptions {
                    preserve: opts.preserve && listed_time.is_none(),
                    ..opts.clone()
                };
                files::get(ctx, &remote, &Output::File(target.clone()), ty, opts, ui)?;
                if let Some(stamp) = listed_time {
                    files::set_file_time(&target, stamp)?;
                }
            }
            Job::Put { local, remote } => {
                let ty = ty.unwrap_or(ctx.transfer_type);
                files::put(ctx, &local, Some(&remote), ty, PutMode::Replace, opts, ui)?;
            }
        }
    }
    Ok(())
}

/// The RETR that `job` starts with, when nothing else goes before it on the session, so that
/// it may be sent ahead of the previous file's final reply (see `crate::engine::ahead`): not when
/// resuming (REST), asking MDTM for `--preserve`, or asking SIZE because no listing gave the
/// size. For uploads the STOR: only its setup command goes ahead, after the previous upload's
/// final reply (a server that reads commands during a transfer, as pyftpdlib does, would take an
/// EPSV sent any earlier before our end of file and cut the upload short).
fn ahead_command(job: &Job, session: &Session, opts: &TransferOptions) -> Option<Command> {
    if opts.resume {
        return None;
    }
    match job {
        Job::Get {
            remote,
            target,
            size,
            modified,
        } => {
            let needs_mdtm = opts.preserve && modified.is_none();
            let needs_size = size.is_none() && session.features().has("SIZE");
            let skipped = opts.no_clobber && target.exists();
            (!needs_mdtm && !needs_size && !skipped).then(|| Command::Retr(remote.clone()))
        }
        // The next STOR is not sent ahead, but its EPSV/PASV goes out with the SIZE that
        // checks this upload (Session::size_with_next_setup).
        Job::Put { remote, .. } => (!opts.preserve).then(|| Command::Stor(remote.clone())),
    }
}

/// What workers tell the front end.
pub(super) enum Event {
    Start {
        lane: usize,
        name: String,
        total: Option<u64>,
    },
    Advance {
        lane: usize,
        done: u64,
    },
    Finish {
        lane: usize,
        done: u64,
    },
    /// A file is complete; `json` asks for its JSON object instead of the summary line.
    Done {
        file: Finished,
        json: bool,
    },
    Notice(String),
}

/// A worker's [`Progress`]: forwards to the front end's lane.
pub(super) struct Lane {
    pub(super) lane: usize,
    pub(super) tx: Sender<Event>,
}

impl Progress for Lane {
    fn start(&mut self, name: &str, total: Option<u64>) {
        let _ = self.tx.send(Event::Start {
            lane: self.lane,
            name: name.to_owned(),
            total,
        });
    }
    fn advance(&mut self, done: u64) {
        let _ = self.tx.send(Event::Advance {
            lane: self.lane,
            done,
        });
    }
    fn finish(&mut self, done: u64) {
        let _ = self.tx.send(Event::Finish {
            lane: self.lane,
            done,
        });
    }
}

/// What every worker shares.
struct Shared<'a> {
    queue: Mutex<VecDeque<Job>>,
    stop: AtomicBool,
    connector: Connector,
    ty: TransferType,
    opts: &'a TransferOptions,
    retries: u32,
    retry_wait: std::time::Duration,
    /// Ctrl-C: every lane stops.
    interrupt: Arc<AtomicBool>,
}

fn in_parallel(
    ctx: &mut Context,
    jobs: Vec<Job>,
    ty: Option<TransferType>,
    opts: &TransferOptions,
    lanes: usize,
    ui: &mut dyn Ui,
) -> Result<()> {
    let shared = Shared {
        queue: Mutex::new(jobs.into()),
        stop: AtomicBool::new(false),
        connector: ctx.connector()?,
        ty: ty.unwrap_or(ctx.transfer_type),
        opts,
        retries: ctx.config.retries,
        retry_wait: ctx.config.retry_wait,
        interrupt: ctx.interrupt.clone(),
    };
    let traces: Vec<Option<TraceFn>> = (0..lanes).map(|_| ctx.trace_sink()).collect();
    let mut first = Some(ctx.lend_session()?);
    ui.lanes(lanes);
    let (tx, rx) = channel::<Event>();
    let outcomes = std::thread::scope(|scope| {
        let handles: Vec<_> = traces
            .into_iter()
            .enumerate()
            .map(|(lane, trace)| {
                let worker = Worker {
                    lane,
                    session: if lane == 0 { first.take() } else { None },
                    trace,
                    tx: tx.clone(),
                };
                let shared = &shared;
                scope.spawn(move || worker.run(shared))
            })
            .collect();
        drop(tx);
        finish_lanes(rx, handles, ui, &shared.stop)
    });
    settle(ctx, outcomes)
}

/// What a worker thread hands back: its session (if it still has one) and its failure.
pub(super) type LaneOutcome = (Option<Session>, Option<Error>);

/// Shows the workers' events until they all hung up, then collects what they returned. When
/// standard output fails (a closed pipe under `--json`), `stop` is raised so no new file starts,
/// and the failure comes last, after the lanes' own outcomes.
pub(super) fn finish_lanes(
    rx: std::sync::mpsc::Receiver<Event>,
    handles: Vec<std::thread::ScopedJoinHandle<'_, LaneOutcome>>,
    ui: &mut dyn Ui,
    stop: &AtomicBool,
) -> Vec<LaneOutcome> {
    let mut output: Option<Error> = None;
    for event in rx {
        if let Err(e) = show(event, ui, output.is_none()) {
            stop.store(true, Ordering::SeqCst);
            output.get_or_insert(e);
        }
    }
    let mut outcomes: Vec<LaneOutcome> = handles
        .into_iter()
        .map(|h| h.join().expect("a transfer worker panicked"))
        .collect();
    if let Some(e) = output {
        outcomes.push((None, Some(e)));
    }
    outcomes
}

/// Gives lane 0's session back to the context, closes the others, and returns the first
/// failure (entries past the lanes carry no session, only a failure of the front end's).
pub(super) fn settle(ctx: &mut Context, outcomes: Vec<LaneOutcome>) -> Result<()> {
    let mut result = Ok(());
    for (lane, (session, error)) in outcomes.into_iter().enumerate() {
        match (lane, session) {
            (0, s) => ctx.return_session(s),
            (_, Some(s)) => s.quit_without_reply(),
            _ => {}
        }
        if let (Some(e), true) = (error, result.is_ok()) {
            result = Err(e);
        }
    }
    result
}

/// Shows one event; `print` false once standard output has failed (nothing more is written).
pub(super) fn show(event: Event, ui: &mut dyn Ui, print: bool) -> Result<()> {
    match event {
        Event::Start { lane, name, total } => ui.lane(lane).start(&name, total),
        Event::Advance { lane, done } => ui.lane(lane).advance(done),
        Event::Finish { lane, done } => ui.lane(lane).finish(done),
        Event::Done { file, json } if print || !json => return files::report(ui, &file, json),
        Event::Done { file, .. } => ui.batch_step(file.bytes),
        Event::Notice(text) => ui.notice(&text),
    }
    Ok(())
}

struct Worker {
    lane: usize,
    session: Option<Session>,
    trace: Option<TraceFn>,
    tx: Sender<Event>,
}

impl Worker {
    /// Takes jobs until the queue is empty or stopped; returns the session and any failure.
    ///
    /// The worker claims the job after the current one before starting it, so that its
    /// transfer command can be sent ahead of the current file's final reply.
    fn run(mut self, shared: &Shared<'_>) -> (Option<Session>, Option<Error>) {
        let pop = || shared.queue.lock().expect("queue lock").pop_front();
        let mut next = pop();
        loop {
            if shared.interrupt.load(Ordering::SeqCst) {
                shared.stop.store(true, Ordering::SeqCst);
                return (self.session, Some(Error::Interrupted));
            }
            if shared.stop.load(Ordering::SeqCst) {
                return self.end(None);
            }
            let Some(job) = next.take() else {
                return self.end(None);
            };
            next = pop();
            match self.job(shared, &job, next.as_ref()) {
                Ok(()) => {}
                Err(Retire) => {
                    let mut queue = shared.queue.lock().expect("queue lock");
                    queue.extend(next);
                    queue.push_front(job);
                    return (None, None);
                }
                Err(Fail(e)) => {
                    shared.stop.store(true, Ordering::SeqCst);
                    return self.end(Some(e));
                }
            }
        }
    }

    /// What the worker hands back, with nothing promised to its session any more.
    fn end(mut self, error: Option<Error>) -> (Option<Session>, Option<Error>) {
        if let Some(s) = self.session.as_mut() {
            s.expect_next(None);
        }
        (self.session, error)
    }

    fn notice(&self, text: String) {
        let _ = self.tx.send(Event::Notice(text));
    }

    fn session(&mut self, shared: &Shared<'_>) -> std::result::Result<&mut Session, Outcome> {
        if self.session.as_ref().is_some_and(|s| !s.is_usable()) {
            self.session = None;
        }
        if self.session.is_none() {
            match shared
                .connector
                .connect_for(self.trace.take(), Some(shared.ty))
            {
                Ok(s) => self.session = Some(s),
                // Another lane carries on; this one gives its place back to the server.
                Err(e) if e.is_too_many_users() && self.lane > 0 => {
                    self.notice(format!(
                        "the server refused connection {}: {e}; going on with fewer",
                        self.lane + 1
                    ));
                    return Err(Retire);
                }
                Err(e) => return Err(Fail(e)),
            }
        }
        Ok(self.session.as_mut().expect("just made"))
    }

    /// One file, with retries that resume it.
    fn job(
        &mut self,
        shared: &Shared<'_>,
        job: &Job,
        next: Option<&Job>,
    ) -> std::result::Result<(), Outcome> {
        let started = Instant::now();
        let mut attempt = 0;
        // An upload's data went out in an earlier attempt (see files::upload_mode).
        let mut began = false;
        loop {
            let mut lane = Lane {
                lane: self.lane,
                tx: self.tx.clone(),
            };
            let session = self.session(shared)?;
            let next_cmd = next.and_then(|n| ahead_command(n, session, shared.opts));
            session.expect_next(next_cmd);
            let result = transfer(session, shared, job, (attempt, &mut began), &mut lane);
            match result {
                Ok(Some(mut file)) => {
                    file.seconds = started.elapsed().as_secs_f64();
                    let _ = self.tx.send(Event::Done {
                        file,
                        json: shared.opts.json,
                    });
                    return Ok(());
                }
                Ok(None) => return Ok(()),
                Err(e) if attempt < shared.retries && e.is_transient() => {
                    if e.is_connection_lost() {
                        self.session = None;
                    }
                    let wait = crate::actions::retry::delay(shared.retry_wait, attempt, &e);
                    self.notice(format!(
                        "{e}; retrying in {:.1} s (retry {} of {})",
                        wait.as_secs_f64(),
                        attempt + 1,
                        shared.retries
                    ));
                    super::sleep_unless_interrupted(&shared.interrupt, wait).map_err(Fail)?;
                    attempt += 1;
                }
                Err(e) => return Err(Fail(e)),
            }
        }
    }
}

/// Why a worker stopped taking jobs.
enum Outcome {
    /// The server would not give it a connection; others go on.
    Retire,
    /// A failure that ends the whole command.
    Fail(Error),
}
use Outcome::{Fail, Retire};

/// Moves one file on `session` in attempt number `attempt` (`began`: an upload's data went out
/// in an earlier attempt, updated by this one); returns what was done (`seconds` is filled in
/// by the caller), or `None` for a file left alone (`--no-clobber`).
fn transfer(
    session: &mut Session,
    shared: &Shared<'_>,
    job: &Job,
    (attempt, began): (u32, &mut bool),
    lane: &mut Lane,
) -> Result<Option<Finished>> {
    let opts = shared.opts;
    match job {
        Job::Get {
            remote,
            target,
            size,
            modified,
        } => {
            if opts.no_clobber && target.exists() && attempt == 0 {
                let _ = lane.tx.send(Event::Notice(format!(
                    "{} exists; not overwriting it (--no-clobber)",
                    target.display()
                )));
                return Ok(None);
            }
            // Every attempt of a job reaches download_file (the worker has its session before
            // it calls this), so after the first one NAME.part is this run's.
            let resume = files::download_resume(opts.resume, attempt > 0);
            let resumed = resume.continues(target);
            if let Some(n) = size {
                session.hint_size(remote, *n);
            }
            let n = session.download_file(remote, shared.ty, target, resume, lane)?;
            match modified {
                Some(stamp) if opts.preserve => files::set_file_time(target, *stamp)?,
                _ if opts.preserve => {
                    if let Some(notice) = files::set_local_time(session, remote, target)? {
                        let _ = lane.tx.send(Event::Notice(notice));
                    }
                }
                _ => {}
            }
            Ok(Some(Finished {
                remote: remote.clone(),
                local: target.clone(),
                bytes: n,
                seconds: 0.0,
                resumed,
                upload: false,
            }))
        }
        Job::Put { local, remote } => {
            let first = match opts.resume {
                true => PutMode::Resume,
                false => PutMode::Replace,
            };
            let mode = files::upload_mode(first, attempt, *began, remote)?;
            let n = session.upload_file(local, remote, shared.ty, mode, lane, began)?;
            if opts.preserve
                && let Some(notice) = files::set_remote_time(session, local, remote)?
            {
                let _ = lane.tx.send(Event::Notice(notice));
            }
            Ok(Some(Finished {
                remote: remote.clone(),
                local: local.clone(),
                bytes: n,
                seconds: 0.0,
                resumed: mode == PutMode::Resume && files::continued_upload(local, n),
                upload: true,
            }))
        }
    }
}
