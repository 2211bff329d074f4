//! The shell's commands in six groups. Each group is a clap enum, flattened into the one
//! multicall definition in `grammar.rs` (so `help` lists the commands in this order);
//! `convert.rs` turns each into an engine action.

use std::path::PathBuf;

use clap::Subcommand;

use crate::cli::args::{BookmarkCmd, MirrorArgs, TransferArgs};
use ferry::config::Parallel;

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
        name: String,
        password: Option<String>,
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
        path: Option<String>,
    },
    /// Names in remote directories (NLST): nlist [PATH...], each listed in turn
    #[command(alias = "mls")]
    Nlist { paths: Vec<String> },
    /// Change the remote directory
    Cd { path: String },
    /// Go to the parent remote directory
    Cdup,
    /// Print the remote directory
    Pwd,
    /// Change the local directory (home without an argument)
    Lcd { dir: Option<PathBuf> },
    /// Print the local directory
    Lpwd,
    /// List a local directory
    Lls { dir: Option<PathBuf> },
}

/// Downloads and uploads.
#[derive(Debug, Subcommand)]
pub enum Transfer {
    /// Download a file: get REMOTE [LOCAL]; -c continues a partial download
    #[command(alias = "recv")]
    Get {
        remote: String,
        local: Option<PathBuf>,
        #[command(flatten)]
        transfer: TransferArgs,
    },
    /// Continue a partial download: reget REMOTE [LOCAL]
    Reget {
        remote: String,
        local: Option<PathBuf>,
    },
    /// Download many files: mget [-P N] [--json] PATTERN...
    Mget {
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
        local: PathBuf,
        remote: Option<String>,
        #[command(flatten)]
        transfer: TransferArgs,
    },
    /// Continue a partial upload: reput LOCAL [REMOTE]
    Reput {
        local: PathBuf,
        remote: Option<String>,
    },
    /// Append a local file to a remote one: append LOCAL [REMOTE]
    Append {
        local: PathBuf,
        remote: Option<String>,
    },
    /// Upload many files: mput [-P N] [--json] PATTERN...
    Mput {
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
        remote: String,
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
    },
    /// Sync a tree: mirror [-R] SOURCE [TARGET] (remote to local; -R local to remote)
    Mirror {
        source: String,
        target: Option<String>,
        #[command(flatten)]
        mirror: MirrorArgs,
    },
}

/// Remote files and directories, and bookmarks.
#[derive(Debug, Subcommand)]
pub enum Remote {
    /// Make a remote directory
    Mkdir { path: String },
    /// Remove an empty remote directory
    Rmdir { path: String },
    /// Delete a remote file
    #[command(alias = "rm")]
    Delete { path: String },
    /// Delete many remote files: mdelete PATTERN...
    Mdelete {
        #[arg(required = true)]
        patterns: Vec<String>,
    },
    /// Rename a remote file: rename FROM TO
    #[command(alias = "mv")]
    Rename { from: String, to: String },
    /// Show a remote file's size: size [--json] PATH
    Size {
        path: String,
        /// As one JSON object (name, size)
        #[arg(long)]
        json: bool,
    },
    /// Show a remote file's modification time: modtime [--json] PATH
    Modtime {
        path: String,
        /// As one JSON object (name, modified)
        #[arg(long)]
        json: bool,
    },
    /// Show a remote file's name, type, size and time: stat [--json] PATH
    Stat {
        path: String,
        /// As one JSON object (name, type, size, modified)
        #[arg(long)]
        json: bool,
    },
    /// Bookmarks: bookmark add NAME [URL] | bookmark list | bookmark rm NAME; open NAME
    Bookmark {
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
    Type { kind: String },
    /// Passive data connections: passive (toggle) or passive on|off|auto
    Passive { setting: Option<String> },
    /// Extended passive only (EPSV): epsv on|off, or epsv to toggle (off means PASV only)
    Epsv { setting: Option<String> },
    /// Data-connection mode: mode auto|passive|active|epsv|pasv|eprt|port
    Mode { mode: String },
    /// Show the connection and settings
    Status,
    /// Show server replies: verbose [on|off]
    Verbose { setting: Option<String> },
    /// Show the whole protocol conversation: debug [on|off]
    Debug { setting: Option<String> },
    /// Ask before each file of mget/mput/mdelete: prompt [on|off]
    Prompt { setting: Option<String> },
    /// Print # marks during transfers: hash [on|off]
    Hash { setting: Option<String> },
}

/// Raw commands, what the server says about itself, local commands and help.
#[derive(Debug, Subcommand)]
pub enum Server {
    /// Send a raw command to the server: quote LINE
    #[command(alias = "literal")]
    Quote {
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Send a SITE command: site ARGS
    Site {
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Show the server's system type
    System,
    /// Show the features the server advertises
    Features,
    /// Ask the server for help: rhelp [COMMAND]
    Rhelp { command: Option<String> },
    /// Ask the server for its status: rstatus [PATH]
    Rstatus { path: Option<String> },
    /// Send NOOP (keeps the connection alive)
    Noop,
    /// Run a local command: ! [COMMAND]
    #[command(name = "!")]
    Shell {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Show help: help [COMMAND]
    #[command(alias = "?")]
    Help { command: Option<String> },
}
