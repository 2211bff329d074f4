//! One scheduler for every transfer: a queue of [`Job`]s run over one or more connections.
//!
//! Every transfer comes here: one `get`/`put`, mget/mput, recursive get/put, mirror both ways
//! and pget's byte ranges. The caller plans the jobs (a [`Batch`]); [`run`] makes a [`Pool`]
//! of lanes, each a worker thread with one session: lane 1 borrows the context's own session,
//! the others log in once each through the context's
//! [`Connector`](crate::actions::context::Connector). Workers take jobs from one queue, so many
//! small files are not paid for in round trips one after another, and run each through the
//! per-file rules of [`super::file`] with one retry loop under the one
//! [`Policy`](crate::actions::retry::Policy). Progress, summaries, notices and questions travel
//! to the front end over a channel, and the calling thread shows them through the [`Ui`]: the
//! engine never prints.
//!
//! How many lanes: `-P N` opens N (at most one per job), and the default (`-P auto`, or the
//! `parallel` setting) starts on the connection in hand and opens more, up to
//! [`AUTO_CAP`](crate::config::parallel::AUTO_CAP), only while the queue holds more work than
//! the lanes already open would finish during another login (`Pool::worth_a_lane`). A counted
//! batch ends with one summary line: files, bytes, time and the connections used.
//!
//! A worker claims the job after the current one before it starts, so that its RETR can be
//! sent ahead of the current file's final reply
//! ([`Session::expect_next`](crate::engine::session::Session::expect_next)); an upload's next
//! data-connection setup goes out with the SIZE that checks it (the engine's
//! `size_with_next_setup`, asked for the same way).
//!
//! What the pool learns about the server during the run stays with the pool: lanes it refused
//! ("too many users": the lane retires and puts its job back, the others go on), and a server
//! that insists on TLS session reuse (new connections then use TLS 1.2, and the context keeps
//! that for later). Transient failures are retried by the lane, reconnecting when the
//! connection was lost and resuming the file; the first permanent failure stops the queue, lets
//! running files finish, and is returned. Ctrl-C stops every lane at once: running files are
//! aborted, retry waits cut short, no new job starts. Extra lanes end with
//! `quit_without_reply`; lane 1's session goes back to the context.

mod front;
mod pool;
mod worker;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::channel;
use std::time::Instant;

use super::{TransferOptions, Ui};
use crate::actions::context::Context;
use crate::actions::file;
use crate::actions::info::human_bytes;
use crate::config::Parallel;
use crate::config::values::format_rate;
use crate::engine::session::Session;
use crate::error::Result;
use crate::proto::command::TransferType;
use front::{Event, Front, LaneOutcome, Tally, finish_lanes};
use pool::{Gate, Pool};
pub(super) use pool::{Job, Segments};
use worker::Worker;

/// What to run, and how.
pub(super) struct Batch<'a> {
    /// The jobs, in order.
    pub(super) jobs: Vec<Job>,
    /// ASCII or binary; `None` for the context's current type.
    pub(super) ty: Option<TransferType>,
    /// The per-file options (resume, no-clobber, preserve, JSON).
    pub(super) opts: &'a TransferOptions,
    /// Connections: a fixed number (at most; never more than jobs), the adaptive default, or
    /// `None` for what the context's configuration says.
    pub(super) lanes: Option<Parallel>,
    /// A many-file command: the front end counts the files.
    pub(super) counted: bool,
    /// The ranges [`Job::Segment`]s refer to.
    pub(super) segments: Option<&'a dyn Segments>,
}

impl<'a> Batch<'a> {
    /// Jobs of a many-file command over `opts.parallel` lanes (the configured default when it
    /// gives none).
    pub(super) fn many(
        jobs: Vec<Job>,
        ty: Option<TransferType>,
        opts: &'a TransferOptions,
    ) -> Self {
        Batch {
            jobs,
            ty,
            opts,
            lanes: opts.parallel,
            counted: true,
            segments: None,
        }
    }

    /// One file on the context's session.
    pub(super) fn one(job: Job, ty: Option<TransferType>, opts: &'a TransferOptions) -> Self {
        Batch {
            lanes: Some(Parallel::Fixed(1)),
            counted: false,
            ..Batch::many(vec![job], ty, opts)
        }
    }
}

/// Runs `batch` to the end (or its first permanent failure).
pub(super) fn run(ctx: &mut Context, batch: Batch<'_>, ui: &mut dyn Ui) -> Result<()> {
    if batch.counted {
        ui.batch_start(Some(batch.jobs.len() as u64));
    }
    let uploads = batch.jobs.iter().any(|j| matches!(j, Job::Put { .. }));
    let connector = ctx.connector()?;
    let limit = connector.server_traits().connection_limit();
    let allowed = limit.as_ref().map_or(usize::MAX, |(n, _)| *n);
    let parallel = batch.lanes.unwrap_or(ctx.config.parallel);
    let wanted = parallel.cap().min(batch.jobs.len());
    let lanes = wanted.min(allowed);
    if lanes == 0 {
        return Ok(());
    }
    if let Some((n, refusal)) = limit.as_ref().filter(|(n, _)| wanted > *n) {
        ui.notice(&format!(
            "using {n} connection{} (the server refused more earlier: {refusal})",
            plural(*n)
        ));
    }
    let traits = connector.server_traits().clone();
    let first = super::retrying(ctx, ui, "", |ctx, _, _| ctx.lend_session())?;
    let ty = batch.ty.unwrap_or(ctx.transfer_type);
    let files = batch.jobs.iter().any(|j| !matches!(j, Job::Segment(_)));
    let check = match files {
        true => file::verification(&first.hash_offer(), batch.opts.verify, ty),
        false => Ok((None, None)),
    };
    let check = match check {
        Ok((check, note)) => {
            if let Some(note) = note.filter(|n| ctx.first_time(n)) {
                ui.notice(&note);
            }
            check
        }
        Err(e) => {
            ctx.return_session(Some(first));
            return Err(e);
        }
    };
    let front = Front {
        single: lanes == 1,
        hash: ctx.hash,
    };
    if !front.single {
        ui.lanes(lanes);
    }
    let throttle = ctx.throttle();
    ui.rate_limit(throttle.as_ref().map(|t| t.rate()));
    let (outcomes, learned_tls12) = {
        let pool = Pool {
            queue: Mutex::new(batch.jobs.into()),
            stop: AtomicBool::new(false),
            connector,
            traces: ctx.trace_factory(),
            ty,
            opts: batch.opts,
            check,
            throttle,
            prompt: ctx.prompt,
            policy: ctx.retry_policy(),
            interrupt: ctx.interrupt.clone(),
            segments: batch.segments,
            tls12: AtomicBool::new(ctx.config.session.tls_settings.max_tls12),
            lanes,
            adaptive: parallel.is_auto(),
            claimed: AtomicUsize::new(1),
            opened: AtomicUsize::new(1),
            first_started: AtomicBool::new(false),
            running: AtomicUsize::new(lanes),
            refusal: Mutex::new(None),
            gate: Gate::default(),
        };
        let started = Instant::now();
        let (outcomes, tally) = run_lanes(&pool, first, lanes, front, ui);
        let used = pool.opened.load(Ordering::SeqCst);
        if batch.counted && tally.files > 0 {
            let mut line = batch_summary(tally, started.elapsed().as_secs_f64(), used);
            if let Some(t) = &pool.throttle {
                line.push_str(&format!(", limited to {}", format_rate(t.rate())));
            }
            ui.summary(&line);
        }
        if let Some(refusal) = pool.refusal.lock().expect("refusal lock").take() {
            traits.learn_connection_limit(used, &refusal);
            ui.notice(&format!(
                "used {used} connection{} of {lanes}: the server refused more ({refusal}); \
                 no more will be opened to it",
                plural(used)
            ));
        }
        (outcomes, pool.tls12.load(Ordering::SeqCst))
    };
    if learned_tls12 {
        ctx.prefer_tls12();
    }
    let result = settle(ctx, outcomes);
    if uploads {
        ctx.invalidate_cache();
    }
    result
}

/// Starts one worker per lane and shows their events until they are all done.
fn run_lanes(
    pool: &Pool<'_>,
    first: Session,
    lanes: usize,
    front: Front,
    ui: &mut dyn Ui,
) -> (Vec<LaneOutcome>, Tally) {
    let (tx, rx) = channel::<Event>();
    let mut first = Some(first);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..lanes)
            .map(|lane| {
                let worker = Worker {
                    lane,
                    session: if lane == 0 { first.take() } else { None },
                    connected: lane == 0,
                    tx: tx.clone(),
                };
                scope.spawn(move || worker.run(pool))
            })
            .collect();
        drop(tx);
        finish_lanes(rx, handles, front, ui, &pool.stop)
    })
}

/// Gives lane 1's session back to the context, closes the others, and returns the first
/// failure (entries past the lanes carry no session, only a failure of the front end's).
fn settle(ctx: &mut Context, outcomes: Vec<LaneOutcome>) -> Result<()> {
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

/// The last line of a many-file command: files, bytes, time, rate and connections.
fn batch_summary(tally: Tally, secs: f64, connections: usize) -> String {
    let rate = match secs > 0.0 {
        true => tally.bytes as f64 / secs,
        false => 0.0,
    };
    format!(
        "{} file{}, {} in {secs:.2} s, {}/s, over {connections} connection{}",
        tally.files,
        plural(tally.files as usize),
        human_bytes(tally.bytes as f64),
        human_bytes(rate),
        plural(connections)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
