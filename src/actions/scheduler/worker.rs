//! One lane: a worker thread with one session, taking jobs from the pool's queue and running
//! each through the per-file rules, with the one retry loop.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::time::Instant;

use super::front::{Event, Lane, LaneOutcome};
use super::pool::{Job, OpensOnDrop, Pool, RaisesOnDrop, ahead_command};
use crate::actions::context::TLS12_NOTICE;
use crate::actions::file::{self, Admission, Attempts, Download, Finished};
use crate::actions::retry::sleep_unless_interrupted;
use crate::engine::session::Session;
use crate::error::Error;

/// One lane's worker: its number (0 is the context's session) and its session.
pub(super) struct Worker {
    /// The lane's number, from 0.
    pub(super) lane: usize,
    /// The live session; `None` until connected, or after it was lost.
    pub(super) session: Option<Session>,
    /// The lane had a session before (a new one is a reconnect, and says so).
    pub(super) connected: bool,
    /// Where progress, results, notices and questions go.
    pub(super) tx: Sender<Event>,
}

/// A lane still taking jobs, counted in the pool until it is dropped.
struct Running<'a>(&'a AtomicUsize);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Why an attempt or a worker stopped.
enum Outcome {
    /// The server would not give this lane a connection; others go on.
    Retire,
    /// A failure: retried when transient, else it ends the whole command.
    Fail(Error),
}
use Outcome::{Fail, Retire};

impl From<Error> for Outcome {
    fn from(e: Error) -> Outcome {
        Fail(e)
    }
}

impl Worker {
    /// Takes jobs until the queue is empty or stopped; returns the session and any failure.
    pub(super) fn run(self, pool: &Pool<'_>) -> LaneOutcome {
        // Counted out after any job it gave back is in the queue (lane 1 waits for this), and
        // even if it panics, so that lane 1 does not wait for ever.
        let _running = Running(&pool.running);
        let _gate = (self.lane == 1).then(|| OpensOnDrop(&pool.gate));
        let _first = (self.lane == 0).then(|| RaisesOnDrop(&pool.first_started));
        self.take_jobs(pool)
    }

    /// The worker's loop. It claims the job after the current one before starting it, so that
    /// its transfer command can be sent ahead of the current file's final reply (not for pget's
    /// segments, which cannot be: they would only wait for a lane that is already busy).
    /// Lane 1 never retires, and before it ends it waits for the other lanes: one the server
    /// refuses puts its jobs back, and lane 1 takes them.
    fn take_jobs(mut self, pool: &Pool<'_>) -> LaneOutcome {
        if self.lane > 0 && !self.worth_connecting(pool) {
            return (None, None);
        }
        let mut next: Option<Job> = None;
        loop {
            if pool.interrupt.load(Ordering::SeqCst) {
                pool.stop.store(true, Ordering::SeqCst);
                return self.end(Some(Error::Interrupted));
            }
            if pool.stop.load(Ordering::SeqCst) {
                return self.end(None);
            }
            let Some(job) = next.take().or_else(|| pool.pop()) else {
                if self.lane == 0 && pool.running.load(Ordering::SeqCst) > 1 {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                }
                return self.end(None);
            };
            if !matches!(job, Job::Segment(_)) {
                next = pool.pop();
            }
            if self.lane == 0 {
                pool.first_started.store(true, Ordering::SeqCst);
            }
            match self.job(pool, &job, next.as_ref()) {
                Ok(()) => {}
                Err(Retire) => {
                    let mut queue = pool.queue.lock().expect("queue lock");
                    queue.extend(next);
                    queue.push_front(job);
                    return (None, None);
                }
                Err(Fail(e)) => {
                    pool.stop.store(true, Ordering::SeqCst);
                    return self.end(Some(e));
                }
            }
        }
    }

    /// Whether this extra lane should connect at all: lanes 3 and on wait for lane 2's login
    /// (see `Gate`), and with the adaptive default a lane connects only while it is worth a
    /// login (`Pool::worth_a_lane`), judged once lane 1 has taken its first jobs.
    fn worth_connecting(&self, pool: &Pool<'_>) -> bool {
        if self.lane > 1 && !pool.gate.wait(&|| pool.stopped()) {
            return false;
        }
        if pool.adaptive {
            while !pool.first_started.load(Ordering::SeqCst) && !pool.stopped() {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        }
        !pool.stopped() && pool.worth_a_lane()
    }

    /// What the worker hands back, with nothing promised to its session any more.
    fn end(mut self, error: Option<Error>) -> LaneOutcome {
        if let Some(s) = self.session.as_mut() {
            s.expect_next(None);
        }
        (self.session, error)
    }

    fn notice(&self, text: String) {
        let _ = self.tx.send(Event::Notice(text));
    }

    fn confirm(&self, question: String) -> bool {
        let (answer, reply) = channel();
        let _ = self.tx.send(Event::Confirm { question, answer });
        reply.recv().unwrap_or(false)
    }

    /// The lane's session, made again when the last one was lost.
    fn session(&mut self, pool: &Pool<'_>) -> std::result::Result<&mut Session, Outcome> {
        if self.session.as_ref().is_some_and(|s| !s.is_usable()) {
            self.session = None;
        }
        if self.session.is_none() {
            if self.connected {
                self.notice(format!(
                    "connection to {} was lost; reconnecting",
                    pool.connector.host()
                ));
            }
            // An extra lane's first connection: refused, it gives up its place (the server
            // limits us, and knocking again would only be refused again).
            let extra_first = self.lane > 0 && !self.connected;
            match pool.connect() {
                Ok(s) => {
                    self.session = Some(s);
                    if extra_first {
                        pool.opened.fetch_add(1, Ordering::SeqCst);
                    }
                    self.connected = true;
                    if self.lane == 1 {
                        pool.gate.open();
                    }
                }
                Err(e)
                    if (extra_first && e.refuses_another_connection())
                        || (self.lane > 0 && e.is_too_many_users()) =>
                {
                    self.notice(pool.refused(self.lane, &e));
                    return Err(Retire);
                }
                Err(e) => return Err(Fail(e)),
            }
        }
        Ok(self.session.as_mut().expect("just made"))
    }

    /// One job: whether it may run at all, then attempts under the retry policy.
    fn job(
        &mut self,
        pool: &Pool<'_>,
        job: &Job,
        next: Option<&Job>,
    ) -> std::result::Result<(), Outcome> {
        if let Job::Get { target, .. } = job {
            match file::admit_download(target, pool.opts, pool.prompt) {
                Admission::Write => {}
                Admission::Skip(text) => {
                    self.notice(text);
                    return Ok(());
                }
                Admission::Ask(question) => {
                    if !self.confirm(question) {
                        return Ok(());
                    }
                }
            }
        }
        let started = Instant::now();
        let mut attempts = Attempts::default();
        loop {
            let e = match self.attempt(pool, job, next, &mut attempts) {
                Ok(Some(mut done)) => {
                    done.seconds = started.elapsed().as_secs_f64();
                    done.limit = pool.throttle.as_ref().map(|t| t.rate());
                    let json = pool.opts.json;
                    let _ = self.tx.send(Event::Done { file: done, json });
                    return Ok(());
                }
                Ok(None) => return Ok(()),
                Err(Retire) => return Err(Retire),
                Err(Fail(e)) => e,
            };
            let attempt = attempts.made;
            let Some(wait) = pool.policy.wait(attempt, &e) else {
                return Err(self.cannot_get_back(pool, e));
            };
            self.after_error(pool, &e);
            self.notice(pool.policy.notice(&label(job), &e, wait, attempt));
            sleep_unless_interrupted(&pool.interrupt, wait)?;
            attempts.made += 1;
        }
    }

    /// The retries of a job are used up. An extra lane whose connection is gone and could not
    /// be made again hands the job back and retires: lane 1, which waits for the others before
    /// it ends, takes it with retries of its own. Anything else ends the command.
    fn cannot_get_back(&mut self, pool: &Pool<'_>, e: Error) -> Outcome {
        let gone = e.is_connection_lost() || self.session.as_ref().is_none_or(|s| !s.is_usable());
        if self.lane == 0 || !gone || !e.is_transient() || pool.stopped() {
            return Fail(e);
        }
        self.session = None;
        self.notice(format!(
            "connection {} cannot get back to {} ({e}); the other connections take its files",
            self.lane + 1,
            pool.connector.host()
        ));
        Retire
    }

    /// After a failure that will be retried: a lost connection is made again, and a server
    /// that insists on TLS session reuse gets TLS 1.2 from now on.
    fn after_error(&mut self, pool: &Pool<'_>, e: &Error) {
        if e.is_connection_lost() {
            self.session = None;
        }
        if matches!(e, Error::TlsSessionReuse { .. }) && !pool.tls12.swap(true, Ordering::SeqCst) {
            self.notice(TLS12_NOTICE.into());
        }
    }

    /// The next attempt at `job`; `None` when there is no file to report.
    fn attempt(
        &mut self,
        pool: &Pool<'_>,
        job: &Job,
        next: Option<&Job>,
        attempts: &mut Attempts,
    ) -> std::result::Result<Option<Finished>, Outcome> {
        let mut lane = Lane {
            lane: self.lane,
            tx: self.tx.clone(),
        };
        let tx = self.tx.clone();
        let mut notice = move |text| {
            let _ = tx.send(Event::Notice(text));
        };
        let session = self.session(pool)?;
        // A checked file asks for its hash after its final reply: nothing may go ahead of it.
        let next_cmd = next
            .filter(|_| pool.check.is_none())
            .and_then(|n| ahead_command(n, session, pool));
        session.expect_next(next_cmd);
        session.set_throttle(pool.throttle.clone());
        let how = (pool.ty, pool.opts, pool.check);
        let done = match job {
            Job::Get {
                remote,
                target,
                size,
                modified,
            } => {
                let what = Download {
                    remote,
                    target,
                    size: *size,
                    modified: *modified,
                };
                file::download(session, &what, how, attempts, &mut lane, &mut notice)?
            }
            Job::Put {
                local,
                remote,
                mode,
            } => {
                let what = (local.as_path(), remote.as_str(), *mode);
                file::upload(session, what, how, attempts, &mut lane, &mut notice)?
            }
            Job::Segment(index) => {
                let segments = pool
                    .segments
                    .expect("segment jobs come with their segments");
                segments.fetch(*index, session, &mut lane)?;
                return Ok(None);
            }
        };
        Ok(Some(done))
    }
}

/// How retry notices name a job.
fn label(job: &Job) -> String {
    match job {
        Job::Get { remote, .. } | Job::Put { remote, .. } => remote.clone(),
        Job::Segment(index) => format!("segment {}", index + 1),
    }
}
