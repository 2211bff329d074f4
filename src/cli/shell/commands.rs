//! The shell's commands in seven groups. Each group is a clap enum, flattened into the one
//! multicall definition in `grammar.rs` (so `help` lists the commands in this order);
//! `convert.rs` turns each into an engine action.

use std::path::PathBuf;

use clap::Subcommand;

use crate::cli::args::{BookmarkCmd, MirrorArgs, TransferArgs, VerifyArgs};
use ferry::config::Parallel;

/// `help passive`: what the two modes are and where each breaks.
const PASSIVE_HELP: &str = "\
Passive or active data connections: passive (switch), or passive on|off|auto

FTP moves files and listings over a second connection, opened anew for each transfer.

Passive (the default; EPSV, then PASV): ferry connects to a port the server names. This works
from behind NAT and most firewalls on your side. It fails when the server's firewall blocks its
passive port range, or when a server behind NAT names its private address in the PASV reply
(ferry then connects to the address it reached the server on instead, unless started with
--pasv-address server).

Active (EPRT, then PORT): the server connects back to you. A NAT router or a firewall in front
of your machine blocks that, unless it forwards a port range to you: start ferry with
--active-address YOUR-PUBLIC-ADDRESS and --active-ports LOW-HIGH (the forwarded range).

Through a proxy (ferry started with --proxy, or ftp_proxy or all_proxy set) data connections
are passive unless you choose active mode with `mode active`, which only a SOCKS5 proxy can carry
(it listens for the server); `passive auto` never falls into active mode there. `status` shows
the proxy.

A transfer that fails with 425, or hangs until the timeout, usually means the mode is wrong
for the network: switch with `passive`, or choose one with `mode`.";

/// Connecting, logging in and leaving.
#[derive(Debug, Subcommand)]
pub enum Session {
    /// Connect to a server: open ftp://[user[:pass]@]host[:port]/[dir], open [USER@]HOST[:PORT],
    /// open HOST PORT, open -u USER[,PASS] -p PORT HOST (as in lftp) or open BOOKMARK; without an
    /// argument, the last server again (after close or a lost connection)
    Open {
        /// A URL, [USER@]HOST[:PORT] (IPv6 in brackets when a port follows), or a bookmark
        target: Option<String>,
        /// The port (as BSD ftp's open HOST PORT)
        port: Option<u16>,
        /// Log in as USER, with PASS after a comma or colon (lftp's -u USER,PASS)
        #[arg(short = 'u', long = "user", value_name = "USER[,PASS]")]
        user: Option<String>,
        /// The port (lftp's -p PORT)
        #[arg(short = 'p', long = "port", value_name = "PORT")]
        port_option: Option<u16>,
    },
    /// Log in again as another user: user NAME [PASSWORD [ACCOUNT]]
    User {
        /// The user name
        name: String,
        /// The password (asked for on the terminal when left out; never kept in the history)
        password: Option<String>,
        /// The account, for servers that ask for one (ACCT)
        account: Option<String>,
    },
    /// Close the connection
    #[command(alias = "disconnect")]
    Close,
    /// Leave ferry
    #[command(aliases = ["bye", "exit"])]
    Quit,
}

/// Listing and moving around, remote and local.
#[derive(Debug, Subcommand)]
pub enum Browse {
    /// Long listing of a remote directory (LIST): ls [--json] [PATH]
    #[command(alias = "dir")]
    Ls {
        /// Ignored: listings are always long
        #[arg(short = 'l', hide = true)]
        long: bool,
        /// Parsed entries as JSON (name, type, size, modified, target, permissions)
        #[arg(long)]
        json: bool,
        /// The remote directory (or file) to list; the current directory without it
        path: Option<String>,
    },
    /// Names in remote directories (NLST): nlist [PATH...], each listed in turn
    #[command(alias = "mls")]
    Nlist {
        /// Remote directories (or files) to list; the current directory without any
        paths: Vec<String>,
    },
    /// Change the remote directory
    Cd {
        /// The remote directory (.. for the parent)
        path: String,
    },
    /// Go to the parent remote directory
    Cdup,
    /// Print the remote directory
    Pwd,
    /// Change the local directory (home without an argument)
    Lcd {
        /// The local directory to go to
        dir: Option<PathBuf>,
    },
    /// Print the local directory
    Lpwd,
    /// List a local directory: lls [-l] [-a|-A] [-h] [DIR], as ls does
    // -h is ls's human sizes here, not help: `help lls` shows this.
    #[command(disable_help_flag = true)]
    Lls {
        /// Long listing: type and permissions, size, modification time (UTC)
        #[arg(short = 'l')]
        long: bool,
        /// Names starting with `.` too
        #[arg(short = 'a')]
        all: bool,
        /// Names starting with `.` too (as -a; `.` and `..` are never listed)
        #[arg(short = 'A')]
        almost_all: bool,
        /// Sizes in KiB, MiB, … (with -l)
        #[arg(short = 'h')]
        human: bool,
        /// One name per line (always so; accepted for ls's sake)
        #[arg(short = '1', hide = true)]
        one: bool,
        /// The local directory (the current one without it)
        dir: Option<PathBuf>,
    },
}

/// Downloads and uploads.
#[derive(Debug, Subcommand)]
pub enum Transfer {
    /// Download a file: get REMOTE [LOCAL]; -c continues a partial download
    #[command(alias = "recv")]
    Get {
        /// The remote file (with -r, a directory)
        remote: String,
        /// Where to write it: a file name, or - for standard output (with -r, the directory
        /// to copy into); the remote name in the current local directory without it. An
        /// interrupted get keeps NAME.part, which get -c NAME continues
        local: Option<PathBuf>,
        #[command(flatten)]
        transfer: TransferArgs,
    },
    /// Continue a partial download: reget REMOTE [LOCAL]
    Reget {
        /// The remote file
        remote: String,
        /// The local file to continue (NAME.part or NAME; the remote name without it)
        local: Option<PathBuf>,
    },
    /// Download many files: mget [-P N] [--json] PATTERN...
    Mget {
        /// Remote names or globs (*, ?, [...]), matched in their directory's listing
        #[arg(required = true)]
        patterns: Vec<String>,
        /// Connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)
        #[arg(short = 'P', long = "parallel", value_name = "N")]
        parallel: Option<Parallel>,
        /// Print one JSON object per transferred file on stdout (as get --json does)
        #[arg(long)]
        json: bool,
    },
    /// Upload a file: put LOCAL [REMOTE]; -c continues a partial upload
    #[command(alias = "send")]
    Put {
        /// The local file (with -r, a directory)
        local: PathBuf,
        /// The remote name (with -r, the remote directory to copy into); the local file's
        /// name in the current remote directory without it
        remote: Option<String>,
        #[command(flatten)]
        transfer: TransferArgs,
    },
    /// Continue a partial upload: reput LOCAL [REMOTE]
    Reput {
        /// The local file
        local: PathBuf,
        /// The remote file to continue (the local file's name without it)
        remote: Option<String>,
    },
    /// Append a local file to a remote one: append LOCAL [REMOTE]
    Append {
        /// The local file
        local: PathBuf,
        /// The remote file to append to (the local file's name without it)
        remote: Option<String>,
    },
    /// Upload many files: mput [-P N] [--json] PATTERN...
    Mput {
        /// Local names or globs (*, ?, [...])
        #[arg(required = true)]
        patterns: Vec<String>,
        /// Connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)
        #[arg(short = 'P', long = "parallel", value_name = "N")]
        parallel: Option<Parallel>,
        /// Print one JSON object per transferred file on stdout (as put --json does)
        #[arg(long)]
        json: bool,
    },
    /// Download one file in segments over several connections: pget [-n N] [-c] REMOTE [LOCAL]
    Pget {
        /// The remote file
        remote: String,
        /// The local file (the remote name in the current local directory without it)
        local: Option<PathBuf>,
        /// Number of segments (and connections)
        #[arg(short = 'n', value_name = "N", default_value_t = 4)]
        segments: usize,
        /// Continue an interrupted pget
        #[arg(short = 'c', long = "continue")]
        resume: bool,
        /// Print a JSON object for the file on stdout (as get --json does)
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        verify: VerifyArgs,
    },
    /// Sync a tree: mirror [-R] SOURCE [TARGET] (remote to local; -R local to remote)
    Mirror {
        /// The remote directory (with -R, the local one)
        source: String,
        /// The local directory (with -R, the remote one); the source's name without it
        target: Option<String>,
        #[command(flatten)]
        mirror: MirrorArgs,
    },
}

/// `help jobs`: how background jobs work.
const JOBS_HELP: &str = "\
List background jobs with their progress: jobs

A get, mget, mirror, pget, put or mput with & at the end of its line runs in the background on
a connection of its own, in the remote and local directories of the moment it started, while
the shell takes the next command (get big.iso &, mget -P 4 *.log&). Quote or escape a name
that ends in &: get 'R&D'.

jobs lists them: [1] running  get big.iso  42% 12.3 MiB/29.0 MiB. When a job ends, one line
says how (done, failed, killed) before the next prompt, or above the line being typed.
wait [N] waits for job N (every job without N; Ctrl-C stops waiting, not the jobs); kill N
stops one, keeping a download's NAME.part for get -c; fg [N] follows one with its progress
bar, and Ctrl-C then stops it. Ctrl-C for a foreground command never stops a background job.

A background job asks nothing: a get whose local file exists is refused (add -c to continue
it, -n to keep it), and mget and mput take every file that matches, as in a batch file. quit
with jobs running asks whether to stop them. In a batch file, & runs the line in the
background, wait joins, the batch waits for every job at its end, and a job that failed makes
it fail (with the line number) unless -k is given.";

/// Background jobs: a transfer with `&` at the end of its line.
#[derive(Debug, Subcommand)]
pub enum Background {
    /// List background jobs with their progress (a transfer with & at the end runs in the background)
    #[command(long_about = JOBS_HELP)]
    Jobs,
    /// Wait for background jobs to end: wait [N] (every job without N)
    Wait {
        /// The job's number, as jobs shows it (1 or %1)
        #[arg(value_parser = super::background::job_id)]
        job: Option<usize>,
    },
    /// Stop a background job: kill N (a download keeps NAME.part, which get -c continues)
    Kill {
        /// The job's number, as jobs shows it (1 or %1)
        #[arg(value_parser = super::background::job_id)]
        job: usize,
    },
    /// Follow a background job with its progress until it ends: fg [N] (Ctrl-C stops it)
    Fg {
        /// The job's number, as jobs shows it (1 or %1); the newest running job without it
        #[arg(value_parser = super::background::job_id)]
        job: Option<usize>,
    },
}

/// Remote files and directories, and bookmarks.
#[derive(Debug, Subcommand)]
pub enum Remote {
    /// Make a remote directory
    Mkdir {
        /// The directory to make
        path: String,
    },
    /// Remove an empty remote directory
    Rmdir {
        /// The directory to remove (empty it first: mdelete DIR/*)
        path: String,
    },
    /// Delete a remote file
    #[command(alias = "rm")]
    Delete {
        /// The remote file
        path: String,
    },
    /// Delete many remote files: mdelete PATTERN...
    Mdelete {
        /// Remote names or globs (*, ?, [...]), matched in their directory's listing
        #[arg(required = true)]
        patterns: Vec<String>,
    },
    /// Rename a remote file: rename FROM TO
    #[command(alias = "mv")]
    Rename {
        /// The remote file's name now
        from: String,
        /// Its new name (a path moves it, where the server allows)
        to: String,
    },
    /// Show a remote file's size: size [--json] PATH
    Size {
        /// The remote file
        path: String,
        /// As one JSON object (name, size)
        #[arg(long)]
        json: bool,
    },
    /// Show a remote file's modification time: modtime [--json] PATH
    Modtime {
        /// The remote file
        path: String,
        /// As one JSON object (name, modified)
        #[arg(long)]
        json: bool,
    },
    /// Show a remote file's name, type, size and time: stat [--json] PATH
    Stat {
        /// The remote file or directory
        path: String,
        /// As one JSON object (name, type, size, modified)
        #[arg(long)]
        json: bool,
    },
    /// Bookmarks: bookmark add NAME [URL] | bookmark list | bookmark rm NAME; open NAME
    Bookmark {
        /// add, list or rm
        #[command(subcommand)]
        op: BookmarkCmd,
    },
}

/// Transfer and connection settings.
#[derive(Debug, Subcommand)]
pub enum Setting {
    /// Transfer text files, converting line endings
    Ascii,
    /// Transfer files byte for byte (the default)
    #[command(alias = "image")]
    Binary,
    /// Set the transfer type: type ascii|binary
    Type {
        /// ascii (a) or binary (i, image)
        kind: String,
    },
    /// Passive data connections: passive (toggle) or passive on|off|auto
    #[command(long_about = PASSIVE_HELP)]
    Passive {
        /// on: passive only (EPSV, then PASV); off: active only (EPRT, then PORT); auto: try
        /// passive first, then active; without it, switch between passive and active
        setting: Option<String>,
    },
    /// Extended passive only (EPSV): epsv on|off, or epsv to toggle (off means PASV only)
    Epsv {
        /// on: EPSV only; off: PASV only; without it, switch between the two
        setting: Option<String>,
    },
    /// Data-connection mode: mode auto|passive|active|epsv|pasv|eprt|port
    Mode {
        /// auto (EPSV, PASV, EPRT, PORT in turn), passive (EPSV, PASV), active (EPRT, PORT),
        /// or one of epsv, pasv, eprt, port alone; see help passive
        mode: String,
    },
    /// Character set of the server's file names: charset [auto|NAME] (gbk, gb18030, big5,
    /// shift_jis, euc-kr, windows-1252, latin1, utf-8 …); without it, show the one in use
    Charset {
        /// auto (UTF-8 when the server offers it or its names are UTF-8, else guessed from the
        /// names), or the name of a character set; without it, show the one in use
        name: Option<String>,
    },
    /// Show the connection and settings
    Status,
    /// Show server replies: verbose [on|off]
    Verbose {
        /// on or off; without it, switch
        setting: Option<String>,
    },
    /// Show the whole protocol conversation: debug [on|off]
    Debug {
        /// on or off (back to what verbose says); without it, switch
        setting: Option<String>,
    },
    /// Ask before each file of mget/mput/mdelete: prompt [on|off]
    Prompt {
        /// on or off; without it, switch
        setting: Option<String>,
    },
    /// Print # marks during transfers: hash [on|off]; or print the server's hashes of files as
    /// sha256sum does: hash [--algo A] [--json] PATH...
    Hash {
        /// on or off (without it, switch the # marks), or remote files to hash (./on for a file
        /// named on)
        words: Vec<String>,
        /// With files: sha256, sha512, sha1, md5 or crc32 (the strongest the server offers
        /// when not given)
        #[arg(long, value_name = "ALGO", value_parser = crate::cli::args::parse_algo)]
        algo: Option<ferry::proto::digest::HashAlgo>,
        /// With files: one JSON object per file (name, algorithm, hash)
        #[arg(long)]
        json: bool,
    },
    /// Limit the bandwidth of transfers, all connections together: rate [RATE|off] (500K, 2M,
    /// 1G as curl's --limit-rate; K = 1024); without RATE, show the limit
    Rate {
        /// Bytes per second, with K, M or G; off (or 0) for no limit
        #[arg(value_parser = crate::cli::args::parse_rate_value)]
        rate: Option<u64>,
    },
}

/// Raw commands, what the server says about itself, local commands and help.
#[derive(Debug, Subcommand)]
pub enum Server {
    /// Send a raw command to the server: quote LINE
    #[command(alias = "literal")]
    Quote {
        /// The command line to send, as typed (quote SITE CHMOD 644 f)
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Send a SITE command: site ARGS
    Site {
        /// What follows SITE, as typed (site chmod 644 f)
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Show the server's system type
    System,
    /// Show the features the server advertises
    Features,
    /// Ask the server for help: rhelp [COMMAND]
    Rhelp {
        /// A command to ask about (the server's list without it)
        command: Option<String>,
    },
    /// Ask the server for its status: rstatus [PATH]
    Rstatus {
        /// A remote path to ask about (the server's own status without it)
        path: Option<String>,
    },
    /// Send NOOP (keeps the connection alive)
    Noop,
    /// Run a local command: ! [COMMAND]
    #[command(name = "!")]
    Shell {
        /// The command, run by $SHELL -c; without it, an interactive shell
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Show help: help [COMMAND]
    #[command(alias = "?")]
    Help {
        /// A command's name (the list of commands without it)
        command: Option<String>,
    },
}
