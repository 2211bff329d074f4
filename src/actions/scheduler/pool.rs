//! The pool's shared state: the queue of jobs, the settings every lane uses, and what is known
//! about the server during the run.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::actions::TransferOptions;
use crate::actions::context::{Connector, TraceFactory};
use crate::actions::file::{self, Admission};
use crate::actions::retry::Policy;
use crate::engine::session::Session;
use crate::engine::throttle::Throttle;
use crate::engine::transfer::{Progress, PutMode};
use crate::error::Result;
use crate::proto::command::{Command, TransferType};
use crate::proto::digest::HashAlgo;
use crate::proto::listing::Timestamp;

/// One thing to move.
#[derive(Debug, Clone)]
pub(in crate::actions) enum Job {
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
        /// Replace or append, as asked (`-c` turns Replace into Resume).
        mode: PutMode,
    },
    /// Byte range number `.0` of the batch's [`Segments`] (pget).
    Segment(usize),
}

/// The byte ranges of one file fetched in parts (pget), which [`Job::Segment`]s fill in.
pub(in crate::actions) trait Segments: Sync {
    /// Fetches what is still missing of range `index` on `session`.
    fn fetch(&self, index: usize, session: &mut Session, progress: &mut dyn Progress)
    -> Result<()>;
}

/// What every worker shares: the queue, and what is known about the server.
pub(super) struct Pool<'a> {
    /// The jobs not yet taken, in order.
    pub(super) queue: Mutex<VecDeque<Job>>,
    /// No new job starts (a permanent failure, or standard output failed).
    pub(super) stop: AtomicBool,
    /// Makes the sessions of lanes after the first, and of reconnects.
    pub(super) connector: Connector,
    /// Makes the trace sink of each new session.
    pub(super) traces: &'a TraceFactory,
    /// ASCII or binary, for every job.
    pub(super) ty: TransferType,
    /// The per-file options.
    pub(super) opts: &'a TransferOptions,
    /// The hash every file is checked with (`--verify`), decided once for the run.
    pub(super) check: Option<HashAlgo>,
    /// The bandwidth limit every lane's transfers share (`--limit-rate`).
    pub(super) throttle: Option<Arc<Throttle>>,
    /// Ask before overwriting a file.
    pub(super) prompt: bool,
    /// The one retry policy.
    pub(super) policy: Policy,
    /// Ctrl-C: every lane stops.
    pub(super) interrupt: Arc<AtomicBool>,
    /// The byte ranges of [`Job::Segment`]s.
    pub(super) segments: Option<&'a dyn Segments>,
    /// The server insists on TLS session reuse: new connections use TLS 1.2.
    pub(super) tls12: AtomicBool,
    /// Lanes at most: the number asked for, or the adaptive default's cap.
    pub(super) lanes: usize,
    /// The adaptive default: an extra lane connects only while it is worth a login (see
    /// [`Pool::worth_a_lane`]); with a fixed number every lane connects.
    pub(super) adaptive: bool,
    /// Lanes that connected or chose to (lane 1 counts from the start).
    pub(super) claimed: AtomicUsize,
    /// Lanes that had a session (lane 1 counts from the start): the connections used.
    pub(super) opened: AtomicUsize,
    /// Lane 1 has taken its first jobs: the adaptive default judges the queue after that.
    pub(super) first_started: AtomicBool,
    /// Lanes still taking jobs.
    pub(super) running: AtomicUsize,
    /// The first refusal of an extra connection, in one line.
    pub(super) refusal: Mutex<Option<String>>,
    /// Whether lanes 3 and on may connect (see [`Gate`]).
    pub(super) gate: Gate,
}

/// The adaptive default opens another lane while more than this many jobs wait for each lane
/// already open.
pub(super) const JOBS_PER_LANE: usize = 2;

/// Lanes 3 and on connect only once lane 2 has logged in: a server that takes one connection
/// per address (or refuses the second for any reason) is asked once, not once per lane, and
/// never again in the run (the context's `ServerTraits` keep the limit). A server that takes
/// them all loses one login's time on lanes 3 and on, while lanes 1 and 2 already work.
#[derive(Debug, Default)]
pub(super) struct Gate(AtomicU8);

const PENDING: u8 = 0;
const OPEN: u8 = 1;
const CLOSED: u8 = 2;

impl Gate {
    /// Lane 2 logged in (or ended without needing to): the others may connect.
    pub(super) fn open(&self) {
        let _ = self
            .0
            .compare_exchange(PENDING, OPEN, Ordering::SeqCst, Ordering::SeqCst);
    }

    /// The server refused an extra connection: no lane opens another.
    pub(super) fn close(&self) {
        self.0.store(CLOSED, Ordering::SeqCst);
    }

    /// Waits until lane 2 knows; true when the lane may connect. `stop` ends the wait (false).
    pub(super) fn wait(&self, stop: &dyn Fn() -> bool) -> bool {
        loop {
            match self.0.load(Ordering::SeqCst) {
                OPEN => return true,
                CLOSED => return false,
                _ if stop() => return false,
                _ => std::thread::sleep(std::time::Duration::from_millis(2)),
            }
        }
    }
}

/// Opens the gate when lane 2's worker ends, however it ends, so no lane waits for ever.
pub(super) struct OpensOnDrop<'a>(pub(super) &'a Gate);

impl Drop for OpensOnDrop<'_> {
    fn drop(&mut self) {
        self.0.open();
    }
}

/// Raises a flag when lane 1's worker ends, however it ends, so no lane waits for ever.
pub(super) struct RaisesOnDrop<'a>(pub(super) &'a AtomicBool);

impl Drop for RaisesOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

impl Pool<'_> {
    /// Lane `lane` (from 0) gives up its place because the server refused its connection
    /// with `e`: no lane opens another; returns the notice to show.
    pub(super) fn refused(&self, lane: usize, e: &crate::error::Error) -> String {
        self.gate.close();
        self.refusal
            .lock()
            .expect("refusal lock")
            .get_or_insert_with(|| match e.reply() {
                Some(reply) => reply.one_line(),
                None => e.to_string(),
            });
        format!(
            "the server refused connection {} of {}: {e}; going on with fewer",
            lane + 1,
            self.lanes
        )
    }

    /// True once no new job may start: a permanent failure, or Ctrl-C.
    pub(super) fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst) || self.interrupt.load(Ordering::SeqCst)
    }

    /// Whether one more lane is worth its login, and if so claims its place: with a fixed
    /// number of lanes always; with the adaptive default while the queue holds more than
    /// [`JOBS_PER_LANE`] jobs for every lane already connected or connecting. A login costs
    /// a few round trips, about what a lane spends on two small files (with the next one sent
    /// ahead), so a lane that would find the queue empty once it logged in is never opened.
    /// The queue only shrinks, so a lane that is not worth it now never will be.
    pub(super) fn worth_a_lane(&self) -> bool {
        if !self.adaptive {
            self.claimed.fetch_add(1, Ordering::SeqCst);
            return true;
        }
        let queued = self.queue.lock().expect("queue lock").len();
        let mut claimed = self.claimed.load(Ordering::SeqCst);
        loop {
            if queued <= JOBS_PER_LANE * claimed {
                return false;
            }
            match self.claimed.compare_exchange(
                claimed,
                claimed + 1,
                Ordering::SeqCst,
                Ordering::SeqCst,
            ) {
                Ok(_) => return true,
                Err(now) => claimed = now,
            }
        }
    }

    /// Takes the next job.
    pub(super) fn pop(&self) -> Option<Job> {
        self.queue.lock().expect("queue lock").pop_front()
    }

    /// A new session for a lane.
    pub(super) fn connect(&self) -> Result<Session> {
        let connector = match self.tls12.load(Ordering::SeqCst) {
            true => self.connector.with_tls12(),
            false => self.connector.clone(),
        };
        connector.connect_for((self.traces)(), Some(self.ty))
    }
}

/// The command `job` starts with, when nothing else goes before it on the session, so that
/// it may be sent ahead of the previous file's final reply (see `crate::engine::ahead`): a RETR,
/// not when resuming (REST), asking MDTM for `--preserve`, asking SIZE because no listing gave
/// the size, or when the file will not be written. For uploads the STOR: only its setup command
/// goes ahead, after the previous upload's final reply (a server that reads commands during a
/// transfer, as pyftpdlib does, would take an EPSV sent any earlier before our end of file and
/// cut the upload short).
pub(super) fn ahead_command(job: &Job, session: &Session, pool: &Pool<'_>) -> Option<Command> {
    let opts = pool.opts;
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
            let written = file::admit_download(target, opts, pool.prompt) == Admission::Write;
            (!needs_mdtm && !needs_size && written).then(|| Command::Retr(remote.clone()))
        }
        // The next STOR is not sent ahead, but its EPSV/PASV goes out with the SIZE that
        // checks this upload (Session::size_with_next_setup).
        Job::Put { remote, mode, .. } => {
            (!opts.preserve && *mode == PutMode::Replace).then(|| Command::Stor(remote.clone()))
        }
        Job::Segment(_) => None,
    }
}
