//! The pool's shared state: the queue of jobs, the settings every lane uses, and what is known
//! about the server during the run.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::actions::TransferOptions;
use crate::actions::context::{Connector, TraceFactory};
use crate::actions::file::{self, Admission};
use crate::actions::retry::Policy;
use crate::engine::session::Session;
use crate::engine::transfer::{Progress, PutMode};
use crate::error::Result;
use crate::proto::command::{Command, TransferType};
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
    /// Lanes asked for.
    pub(super) lanes: usize,
    /// Lanes still taking jobs.
    pub(super) running: AtomicUsize,
    /// Lanes the server refused (too many users); the others carry on.
    pub(super) refused: AtomicUsize,
}

impl Pool<'_> {
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
