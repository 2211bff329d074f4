//! The one command type and the one executor shared by every front end.
//!
//! The shell, batch mode and one-shot subcommands all turn what the user typed into
//! [`Action`]s and run them with [`execute`] against a [`Context`]. There is exactly one
//! implementation of `get`, `put`, `ls` and the rest; the front ends differ only in how they
//! read commands and show results (the [`Ui`] trait).

pub mod context;
pub mod jobs;
pub mod localname;
pub mod retry;

mod bookmark;
mod charset;
mod checksum;
mod dispatch;
mod file;
mod files;
mod info;
mod local;
mod mirror;
mod pget;
mod scheduler;
mod tree;

use std::io::Write;
use std::path::PathBuf;

use crate::actions::context::Context;
pub use crate::config::Parallel;
pub use crate::engine::options::CharsetChoice;
pub use crate::engine::transfer::PutMode;
use crate::engine::transfer::{ListKind, Progress};
use crate::error::Result;
use crate::proto::channel::DataMode;
use crate::proto::command::{Secret, TransferType};
use crate::proto::digest::HashAlgo;
use crate::url::FtpUrl;

pub use file::local_target;
pub use info::{human_bytes, summary};
pub use mirror::{Compare, MirrorOptions};

/// Where a download goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Standard output (`-o -`, `cat`).
    Stdout,
    /// A local file, written through `NAME.part`.
    File(PathBuf),
    /// A file of the remote name inside this local directory.
    Into(PathBuf),
}

/// How a transfer behaves, shared by get and put.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransferOptions {
    /// Continue a partial transfer (REST for downloads, APPE from the remote size for uploads).
    pub resume: bool,
    /// Copy a whole directory tree, like `cp -r`.
    pub recursive: bool,
    /// Keep modification times (MDTM on download, MFMT on upload when offered).
    pub preserve: bool,
    /// Never replace an existing local file.
    pub no_clobber: bool,
    /// Names (globs) to leave out of recursive transfers.
    pub exclude: Vec<String>,
    /// Connections for many-file transfers (`-P N`, `-P auto`); `None` for the configured
    /// default ([`Config::parallel`](crate::config::Config::parallel)).
    pub parallel: Option<Parallel>,
    /// Print a JSON object per transferred file on stdout instead of the summary line.
    pub json: bool,
    /// Compare the server's hash of each file with the local copy's (`--verify`).
    pub verify: Verify,
}

/// What `--verify` asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Verify {
    /// No hash check (the size checks still apply).
    #[default]
    Off,
    /// Check each file's hash when the server can compute one; else say so once and check
    /// sizes only (`--verify`).
    Offered,
    /// Check each file's hash, and fail when the server cannot (`--verify=require`).
    Require,
}

/// `bookmark add|list|rm`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookmarkOp {
    /// Add or replace a bookmark: a URL, or the current connection's when `None`.
    Add {
        /// The bookmark's name.
        name: String,
        /// The URL; `None` for where the shell is now.
        url: Option<String>,
        /// Keep the password too (the file becomes mode 0600).
        with_password: bool,
    },
    /// Print every bookmark (never a password).
    List,
    /// Delete a bookmark.
    Remove(String),
}

/// A boolean setting: `on`, `off`, or flip it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    /// Turn on.
    On,
    /// Turn off.
    Off,
    /// Flip.
    Flip,
}

impl Toggle {
    /// Applies the toggle to `value`, returning the new value.
    pub fn apply(self, value: &mut bool) -> bool {
        *value = match self {
            Toggle::On => true,
            Toggle::Off => false,
            Toggle::Flip => !*value,
        };
        *value
    }
}

/// How `lls` lists: the `ls` flags people type (`-l`, `-a`, `-A`, `-h`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LlsStyle {
    /// `-l`: type and permissions, size, modification time, name.
    pub long: bool,
    /// `-a` or `-A`: names starting with `.` too.
    pub all: bool,
    /// `-h`: sizes as KiB, MiB….
    pub human: bool,
}

/// One user-level operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Connect and log in (a no-op when already there); with the charset a bookmark carries.
    Open(Box<FtpUrl>, Option<CharsetChoice>),
    /// `open` without a target: the current server (reconnecting if the connection was lost),
    /// or the one `close` left.
    Reopen,
    /// Log in again on the current connection.
    User {
        /// User name.
        user: String,
        /// Password; asked for when missing.
        password: Option<Secret>,
        /// Account, for servers that want one.
        account: Option<Secret>,
    },
    /// QUIT the current connection.
    Close,
    /// Download a file.
    Get {
        /// Remote path.
        remote: String,
        /// Destination.
        output: Output,
        /// ASCII or binary; `None` for the session's current type.
        ty: Option<TransferType>,
        /// Resume, recursion, times, overwriting.
        opts: TransferOptions,
    },
    /// Download every file matching remote glob patterns into a local directory.
    Mget {
        /// Remote glob patterns.
        patterns: Vec<String>,
        /// The local directory the files go into (`.`, the current one, in the shell; a
        /// background job's is made absolute when it starts, so a later `lcd` does not move it).
        into: PathBuf,
        /// Connections to use at once; `None` for the configured default.
        parallel: Option<Parallel>,
        /// A JSON object per file instead of the summary line.
        json: bool,
    },
    /// Upload a file.
    Put {
        /// Local file.
        local: PathBuf,
        /// Remote path; `None` for the local file's name in the current directory.
        remote: Option<String>,
        /// ASCII or binary; `None` for the session's current type.
        ty: Option<TransferType>,
        /// Replace or append (APPE).
        mode: PutMode,
        /// Resume, recursion, times.
        opts: TransferOptions,
    },
    /// Upload every local file matching glob patterns into the remote directory.
    Mput {
        /// Local glob patterns.
        patterns: Vec<String>,
        /// Connections to use at once; `None` for the configured default.
        parallel: Option<Parallel>,
        /// A JSON object per file instead of the summary line.
        json: bool,
    },
    /// Download one file in `segments` parts over as many connections.
    Pget {
        /// Remote path.
        remote: String,
        /// Destination.
        output: Output,
        /// Number of segments (and connections).
        segments: usize,
        /// Continue an interrupted pget.
        resume: bool,
        /// A JSON object for the file instead of the summary line.
        json: bool,
        /// Check the whole file's hash before it gets its name (`--verify`).
        verify: Verify,
    },
    /// Make LOCAL look like REMOTE (or the reverse).
    Mirror {
        /// Remote directory.
        remote: String,
        /// Local directory.
        local: PathBuf,
        /// Direction, deletion, dry run...
        opts: MirrorOptions,
    },
    /// Print the parsed entries of a directory as JSON lines.
    ListJson(Option<String>),
    /// Print a listing of each path in turn, one after the other (the current directory
    /// when there is none).
    List {
        /// Directories or files.
        paths: Vec<String>,
        /// Names or long format.
        kind: ListKind,
    },
    /// Change the remote directory.
    Cd(String),
    /// Go to the parent remote directory.
    Cdup,
    /// Print the remote directory.
    Pwd,
    /// Change the local directory (home when `None`).
    Lcd(Option<PathBuf>),
    /// Print the local directory.
    Lpwd,
    /// List a local directory (`lls -la DIR`).
    Lls {
        /// The directory (`.` when `None`).
        dir: Option<PathBuf>,
        /// How: long lines, dotfiles, human sizes.
        how: LlsStyle,
    },
    /// Make a remote directory.
    Mkdir(String),
    /// Remove a remote directory.
    Rmdir(String),
    /// Delete a remote file.
    Delete(String),
    /// Delete every remote file matching glob patterns.
    Mdelete(Vec<String>),
    /// Rename a remote file or directory.
    Rename {
        /// Current path.
        from: String,
        /// New path.
        to: String,
    },
    /// Print a remote file's size.
    Size {
        /// The file.
        path: String,
        /// As a JSON object.
        json: bool,
    },
    /// Print the server's hash of each file, as `sha256sum` does.
    Checksum {
        /// The files.
        paths: Vec<String>,
        /// The algorithm; the strongest the server offers when `None`.
        algo: Option<HashAlgo>,
        /// A JSON object per file.
        json: bool,
    },
    /// Print a remote file's modification time.
    Modtime {
        /// The file.
        path: String,
        /// As a JSON object.
        json: bool,
    },
    /// Print a remote file's name, type, size and time (MLST, else SIZE and MDTM).
    Stat {
        /// The file or directory.
        path: String,
        /// As a JSON object.
        json: bool,
    },
    /// Add, list or remove bookmarks.
    Bookmark(BookmarkOp),
    /// Set the transfer type.
    Type(TransferType),
    /// Set the data-channel mode.
    Mode(DataMode),
    /// Flip between passive-only and active-only (BSD `passive`).
    TogglePassive,
    /// EPSV only (on), PASV only (off), or flip between them.
    Epsv(Toggle),
    /// Show the charset of the server's names (`None`), or choose one (`auto` or a name).
    Charset(Option<CharsetChoice>),
    /// Show the connection and settings.
    Status,
    /// Show server replies (the trace without the commands).
    Verbose(Toggle),
    /// Show the full protocol trace.
    Debug(Toggle),
    /// Ask before each file of mget/mput/mdelete.
    Prompt(Toggle),
    /// Print `#` for every KiB transferred.
    Hash(Toggle),
    /// Show the bandwidth limit, or set it (`Some(0)`: none).
    Rate(Option<u64>),
    /// Send a raw command.
    Quote(String),
    /// Send SITE arguments.
    Site(String),
    /// Show the server's system type.
    System,
    /// Show the server's FEAT list.
    Features,
    /// Ask the server for HELP.
    Rhelp(Option<String>),
    /// Ask the server for STAT.
    Rstatus(Option<String>),
    /// NOOP.
    Noop,
    /// Run a local shell command (`!`), or an interactive shell.
    Shell(Option<String>),
}

/// What the executor needs from the front end: where output goes and how progress shows.
pub trait Ui {
    /// Standard output, for listings and `cat`.
    fn stdout(&mut self) -> &mut dyn Write;
    /// Progress display for one transfer; `hash` asks for classic `#` marks.
    fn progress(&mut self, hash: bool) -> &mut dyn Progress;
    /// A one-line summary after a transfer; quiet front ends drop it.
    fn summary(&mut self, line: &str);
    /// A one-line notice on stderr (reconnects, skipped files).
    fn notice(&mut self, line: &str);
    /// Asks a yes/no question; front ends without a terminal answer yes.
    fn confirm(&mut self, question: &str) -> bool;
    /// Asks for a password; `None` when nobody can answer.
    fn password(&mut self, prompt: &str) -> Option<String>;
    /// Whether stdout is a terminal (server text must then be sanitized).
    fn stdout_is_terminal(&self) -> bool;
    /// Sets how much protocol trace is shown: 0 none, 1 replies, 2 replies and commands.
    fn set_trace_level(&mut self, level: u8);
    /// The current trace level.
    fn trace_level(&self) -> u8;
    /// A many-file command (mget, mput, recursive) starts; `files` when the count is known.
    fn batch_start(&mut self, _files: Option<u64>) {}
    /// A file was transferred (`bytes` moved); counts toward the running many-file command.
    fn batch_step(&mut self, _bytes: u64) {}
    /// The many-file command ended.
    fn batch_end(&mut self) {}
    /// The bandwidth limit the next transfers run under (bytes per second), for the bars.
    fn rate_limit(&mut self, _limit: Option<u64>) {}
    /// `n` transfers will run at once; each gets a lane (0..n).
    fn lanes(&mut self, _n: usize) {}
    /// The progress display of lane `i`; by default everything shares the single one.
    fn lane(&mut self, _i: usize) -> &mut dyn Progress {
        self.progress(false)
    }
}

impl Action {
    /// True when the action works on the server's connection (so a lost one is made again
    /// first); false for local commands, settings and those that open or close it themselves.
    pub fn talks_to_server(&self) -> bool {
        use Action::*;
        !matches!(
            self,
            Open(..)
                | Reopen
                | User { .. }
                | Close
                | Lcd(_)
                | Lpwd
                | Lls { .. }
                | Bookmark(_)
                | Type(_)
                | Mode(_)
                | TogglePassive
                | Epsv(_)
                | Charset(_)
                | Status
                | Verbose(_)
                | Debug(_)
                | Prompt(_)
                | Hash(_)
                | Rate(_)
                | Shell(_)
        )
    }
}

/// Runs `action` against `ctx`. A connection the server closed while idle is noticed first,
/// so the action reconnects before its first command; a failure that lost the connection
/// makes the next action reconnect.
pub fn execute(ctx: &mut Context, action: &Action, ui: &mut dyn Ui) -> Result<()> {
    use Action::*;
    ctx.drop_if_closed();
    // Transfers retry file by file inside; changes (mkdir, delete, rename...) are not repeated
    // blindly, since the first attempt may have taken effect before the connection broke.
    // A listing of several paths retries each path by itself (info::list_each).
    let idempotent = matches!(
        action,
        Open(..)
            | Reopen
            | ListJson(_)
            | Cd(_)
            | Cdup
            | Pwd
            | Size { .. }
            | Modtime { .. }
            | Stat { .. }
            | Noop
            | Features
            | System
    );
    // A lost connection is made again before the action prints anything, so the line that
    // says so comes first, not after the command's output.
    if action.talks_to_server() && !ctx.is_connected() && ctx.endpoint().is_some() {
        let reconnected = retrying(ctx, ui, "", |ctx, _, _| ctx.session().map(drop));
        flush_notices(ctx, ui);
        if let Err(e) = reconnected {
            ctx.after_error(&e);
            return Err(e);
        }
    }
    if action.talks_to_server() {
        charset::learn_before(ctx, action);
    }
    let result = if idempotent {
        retrying(ctx, ui, "", |ctx, ui, _| {
            dispatch::dispatch(ctx, action, ui)
        })
    } else {
        dispatch::dispatch(ctx, action, ui)
    };
    flush_notices(ctx, ui);
    if let Err(e) = &result {
        ctx.after_error(e);
    }
    result
}

/// The entries of remote directory `dir`, with transient failures retried like any other
/// step (a recursive walk lists many directories, and every listing may meet a dropped
/// connection or a busy reply).
pub(crate) fn listed(
    ctx: &mut Context,
    ui: &mut dyn Ui,
    dir: &str,
) -> Result<Vec<crate::proto::listing::Entry>> {
    retrying(ctx, ui, dir, |ctx, _, _| ctx.entries(dir))
}

fn flush_notices(ctx: &mut Context, ui: &mut dyn Ui) {
    for notice in ctx.take_notices() {
        ui.notice(&notice);
    }
}

/// Runs `op` again after transient failures, under the one [`retry::Policy`], telling the user
/// what happened and how long it waits; `op` learns the attempt number (0 first). For actions
/// that are not file transfers (those retry inside the scheduler, file by file).
pub(crate) fn retrying<T>(
    ctx: &mut Context,
    ui: &mut dyn Ui,
    what: &str,
    mut op: impl FnMut(&mut Context, &mut dyn Ui, u32) -> Result<T>,
) -> Result<T> {
    let mut attempt = 0;
    loop {
        let result = op(ctx, ui, attempt);
        flush_notices(ctx, ui);
        let policy = ctx.retry_policy();
        let (e, wait) = match result {
            Ok(v) => return Ok(v),
            Err(e) => match policy.wait(attempt, &e) {
                Some(wait) => (e, wait),
                None => return Err(e),
            },
        };
        ctx.after_error(&e);
        ui.notice(&policy.notice(what, &e, wait, attempt));
        retry::sleep_unless_interrupted(&ctx.interrupt, wait)?;
        attempt += 1;
    }
}
