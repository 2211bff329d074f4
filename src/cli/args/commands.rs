//! The subcommands: `batch` and the one-shot commands, with the
//! flag groups the shell's grammar shares (transfer, mirror and bookmark arguments). The
//! one-shot commands are planned straight from these types into actions (see
//! [`crate::cli::oneshot`]).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use ferry::actions::{BookmarkOp, Compare, MirrorOptions, TransferOptions, Verify};
use ferry::config::Parallel;
use ferry::proto::digest::HashAlgo;

/// `--verify[=WHEN]`, shared by get, put and mirror.
#[derive(Debug, Clone, Default, Args)]
pub struct VerifyArgs {
    /// After each file, compare the server's hash of it (HASH, XSHA256, XSHA512, XSHA1, XMD5 or
    /// XCRC) with the local copy's; a mismatch exits with 11. Without =require a server that
    /// cannot hash files is checked by size only
    #[arg(long, value_name = "WHEN", num_args = 0..=1, require_equals = true,
          default_missing_value = "auto", value_parser = ["auto", "require", "off"])]
    pub verify: Option<String>,
}

impl VerifyArgs {
    /// What `--verify` asks for.
    pub fn verify(&self) -> Verify {
        match self.verify.as_deref() {
            Some("auto") => Verify::Offered,
            Some("require") => Verify::Require,
            _ => Verify::Off,
        }
    }
}

/// `--compare`: how mirror decides that a file differs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareArg {
    /// Size and modification time (the default)
    #[default]
    Time,
    /// Size, then the server's hash against the local file's for files of the same size
    Hash,
}

/// Parses `--algo`.
pub fn parse_algo(s: &str) -> Result<HashAlgo, String> {
    s.parse()
}

/// Parses a rate in curl's syntax (`--limit-rate`, the shell's `rate`).
pub fn parse_rate_value(s: &str) -> Result<u64, String> {
    ferry::config::values::parse_rate(s)
}

/// Mirror flags shared by the one-shot command and the shell.
#[derive(Debug, Clone, Default, Args)]
pub struct MirrorArgs {
    /// Reverse: upload the local tree (SOURCE is local, TARGET remote)
    #[arg(short = 'R', long = "reverse")]
    pub reverse: bool,
    /// Copy only files newer than the target's
    #[arg(long = "only-newer")]
    pub only_newer: bool,
    /// Delete target files that the source does not have
    #[arg(long)]
    pub delete: bool,
    /// Print what would be done, change nothing
    #[arg(long = "dry-run")]
    pub dry_run: bool,
    /// Resume target files that are shorter than the source
    #[arg(short = 'c', long = "continue")]
    pub resume: bool,
    /// Leave out names matching GLOB (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)
    #[arg(short = 'P', long = "parallel", value_name = "N")]
    pub parallel: Option<Parallel>,
    /// Print one JSON object per copied file on stdout (as get --json does); not with --dry-run,
    /// whose plan is text
    #[arg(long, conflicts_with = "dry_run")]
    pub json: bool,
    /// How to tell that a file differs: time (size and modification time, the default) or
    /// hash (files of the same size are compared by the server's hash and the local one's)
    #[arg(long, value_enum, value_name = "HOW", default_value_t = CompareArg::Time)]
    pub compare: CompareArg,
    #[command(flatten)]
    pub verify: VerifyArgs,
}

impl MirrorArgs {
    /// The engine's mirror options.
    pub fn options(&self) -> MirrorOptions {
        MirrorOptions {
            reverse: self.reverse,
            only_newer: self.only_newer,
            delete: self.delete,
            dry_run: self.dry_run,
            resume: self.resume,
            exclude: self.exclude.clone(),
            parallel: self.parallel,
            json: self.json,
            compare: match self.compare {
                CompareArg::Time => Compare::Time,
                CompareArg::Hash => Compare::Hash,
            },
            verify: self.verify.verify(),
        }
    }
}

/// Transfer flags shared by `get`/`put` here and in the shell.
#[derive(Debug, Clone, Default, Args)]
pub struct TransferArgs {
    /// Continue a partial transfer (REST / APPE from the remote size)
    #[arg(short = 'c', long = "continue")]
    pub resume: bool,
    /// Copy whole directory trees (like cp -r)
    #[arg(short = 'r', long = "recursive")]
    pub recursive: bool,
    /// Leave out names matching GLOB in recursive transfers (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Keep modification times (MDTM on download, MFMT on upload)
    #[arg(long)]
    pub preserve: bool,
    /// Never overwrite an existing local file
    #[arg(short = 'n', long = "no-clobber")]
    pub no_clobber: bool,
    /// Transfer as text (ASCII mode), converting line endings
    #[arg(short = 'a', long = "ascii")]
    pub ascii: bool,
    /// With -r: connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)
    #[arg(short = 'P', long = "parallel", value_name = "N")]
    pub parallel: Option<Parallel>,
    /// Print one JSON object per transferred file on stdout (name, local, bytes, seconds, rate,
    /// resumed, hash)
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub verify: VerifyArgs,
}

impl TransferArgs {
    /// The engine's transfer options.
    pub fn options(&self) -> TransferOptions {
        TransferOptions {
            resume: self.resume,
            recursive: self.recursive,
            preserve: self.preserve,
            no_clobber: self.no_clobber,
            exclude: self.exclude.clone(),
            parallel: self.parallel,
            json: self.json,
            verify: self.verify.verify(),
        }
    }
}

/// `bookmark add|list|rm`, shared by the command line and the shell.
#[derive(Debug, Clone, Subcommand)]
pub enum BookmarkCmd {
    /// Save URL under NAME (in the shell, without URL: the server and directory you are in)
    Add {
        /// The bookmark's name (letters, digits, `.`, `_`, `-`)
        name: String,
        /// ftp://[user@]host[:port]/[dir]
        url: Option<String>,
        /// Keep the password too (the bookmarks file is then made mode 0600)
        #[arg(long = "with-password")]
        with_password: bool,
    },
    /// List the bookmarks (passwords are never shown)
    #[command(alias = "ls")]
    List,
    /// Delete a bookmark
    #[command(alias = "remove")]
    Rm {
        /// The bookmark's name
        name: String,
    },
}

impl BookmarkCmd {
    /// The engine's bookmark operation.
    pub fn op(self) -> BookmarkOp {
        match self {
            BookmarkCmd::Add {
                name,
                url,
                with_password,
            } => BookmarkOp::Add {
                name,
                url,
                with_password,
            },
            BookmarkCmd::List => BookmarkOp::List,
            BookmarkCmd::Rm { name } => BookmarkOp::Remove(name),
        }
    }
}

/// A subcommand of `ferry`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run shell commands from FILE (- for standard input): ferry batch FILE [URL]
    Batch {
        /// The script
        file: PathBuf,
        /// Server to open first
        url: Option<String>,
        /// Run on after a failing command
        #[arg(short = 'k', long = "keep-going")]
        keep_going: bool,
    },
    /// A command run once against the URLs it names.
    #[command(flatten)]
    OneShot(OneShotCommand),
}

/// A one-shot subcommand, as clap parsed it.
#[derive(Debug, Subcommand)]
pub enum OneShotCommand {
    /// Download files: ferry get URL... [-o PATH | -O DIR]
    Get {
        /// ftp://[user[:password]@]host[:port]/path
        #[arg(required = true, value_name = "URL")]
        urls: Vec<String>,
        /// Write to PATH (- for standard output); only with one URL
        #[arg(
            short = 'o',
            long = "output",
            value_name = "PATH",
            conflicts_with = "dir"
        )]
        output: Option<PathBuf>,
        /// Write into directory DIR, keeping the remote names
        #[arg(short = 'O', long = "output-dir", value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        transfer: TransferArgs,
    },
    /// Upload files: ferry put FILE... URL (a URL ending in / is a directory)
    Put {
        /// Local files, then the destination URL
        #[arg(required = true, num_args = 2.., value_name = "FILE... URL")]
        args: Vec<String>,
        #[command(flatten)]
        transfer: TransferArgs,
    },
    /// List a directory: names, or the server's long format with -l
    Ls {
        /// Directory (or file) URL
        url: String,
        /// Long listing
        #[arg(short = 'l', long = "long")]
        long: bool,
        /// Parsed entries as JSON (name, type, size, modified, target, permissions)
        #[arg(long)]
        json: bool,
    },
    /// Make LOCAL look like the remote directory URL (or, with -R, the remote like LOCAL)
    Mirror {
        /// URL (or LOCAL with -R)
        source: String,
        /// LOCAL directory (or URL with -R)
        target: String,
        #[command(flatten)]
        mirror: MirrorArgs,
    },
    /// Download one large file in N segments over N connections: ferry pget -n N URL
    Pget {
        /// File URL
        url: String,
        /// Number of segments (and connections)
        #[arg(short = 'n', value_name = "N", default_value_t = 4)]
        segments: usize,
        /// Write to PATH
        #[arg(
            short = 'o',
            long = "output",
            value_name = "PATH",
            conflicts_with = "dir"
        )]
        output: Option<PathBuf>,
        /// Write into directory DIR, keeping the remote name
        #[arg(short = 'O', long = "output-dir", value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Continue an interrupted pget
        #[arg(short = 'c', long = "continue")]
        resume: bool,
        /// Print a JSON object for the file on stdout (as get --json does)
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        verify: VerifyArgs,
    },
    /// Print a remote file on standard output
    Cat {
        /// File URL
        url: String,
    },
    /// Delete remote files
    #[command(alias = "delete")]
    Rm {
        /// File URLs
        #[arg(required = true, value_name = "URL")]
        urls: Vec<String>,
    },
    /// Make a remote directory
    Mkdir {
        /// Directory URL
        url: String,
    },
    /// Remove an empty remote directory
    Rmdir {
        /// Directory URL
        url: String,
    },
    /// Rename a remote file or directory (a NEW-NAME without / stays in the same directory)
    #[command(alias = "rename")]
    Mv {
        /// File or directory URL
        url: String,
        /// New name or path
        new_name: String,
    },
    /// Show a remote file's name, type, size and modification time (MLST, else SIZE and MDTM)
    Stat {
        /// File or directory URL
        url: String,
        /// As one JSON object (name, type, size, modified)
        #[arg(long)]
        json: bool,
    },
    /// Show a remote file's size in bytes
    Size {
        /// File URL
        url: String,
        /// As one JSON object (name, size)
        #[arg(long)]
        json: bool,
    },
    /// Show a remote file's modification time (UTC)
    Modtime {
        /// File URL
        url: String,
        /// As one JSON object (name, modified)
        #[arg(long)]
        json: bool,
    },
    /// Print the server's hashes of remote files, as sha256sum does: ferry hash [--algo A] URL...
    Hash {
        /// File URLs
        #[arg(required = true, value_name = "URL")]
        urls: Vec<String>,
        /// sha256, sha512, sha1, md5 or crc32 (the strongest the server offers when not given)
        #[arg(long, value_name = "ALGO", value_parser = parse_algo)]
        algo: Option<HashAlgo>,
        /// One JSON object per file (name, algorithm, hash)
        #[arg(long)]
        json: bool,
    },
    /// Bookmarks: ferry bookmark add NAME URL | list | rm NAME; `ferry NAME` opens one
    Bookmark {
        #[command(subcommand)]
        op: BookmarkCmd,
    },
}
