//! One-shot commands: `ferry get URL…`, `ferry put FILE… URL`, `ferry ls URL`, …
//!
//! Each command becomes a list of (URL, [`Action`]) pairs that run in order through
//! [`actions::execute`]. URLs naming the same server and user share one logged-in session.
//! The first failure stops the run and is returned, so a script sees a non-zero exit code.

use std::path::{Path, PathBuf};

use ferry::actions::context::Context;
use ferry::actions::local_target;
use ferry::actions::{
    self, Action, BookmarkOp, MirrorOptions, Output, PutMode, TransferOptions, Ui,
};
use ferry::engine::transfer::ListKind;
use ferry::error::{Error, Result};
use ferry::proto::command::TransferType;
use ferry::url::{self, FtpUrl, TypeCode};

/// A one-shot command as the user gave it.
#[derive(Debug, Clone)]
pub enum OneShot {
    /// Download URLs to `-o PATH`, into `-O DIR`, or into the current directory.
    Get {
        /// The files to download.
        urls: Vec<String>,
        /// `-o PATH` (`-` for standard output); only with one URL.
        output: Option<PathBuf>,
        /// `-O DIR`.
        dir: Option<PathBuf>,
        /// Resume, recursion, times, overwriting.
        opts: TransferOptions,
        /// Transfer in ASCII mode.
        ascii: bool,
    },
    /// Upload files; a URL ending in `/` (or several files) names a directory.
    Put {
        /// Local files.
        files: Vec<PathBuf>,
        /// Destination URL.
        url: String,
        /// Resume, recursion, times.
        opts: TransferOptions,
        /// Transfer in ASCII mode.
        ascii: bool,
    },
    /// List a directory: names, or the long format with `-l`.
    Ls {
        /// Directory URL.
        url: String,
        /// Long format.
        long: bool,
        /// Parsed entries as JSON.
        json: bool,
    },
    /// One file in segments over several connections.
    Pget {
        /// The file.
        url: String,
        /// Segments (and connections).
        segments: usize,
        /// `-o PATH`.
        output: Option<PathBuf>,
        /// `-O DIR`.
        dir: Option<PathBuf>,
        /// Continue an interrupted pget.
        resume: bool,
        /// A JSON object for the file.
        json: bool,
    },
    /// Mirror a remote directory and a local one.
    Mirror {
        /// The remote directory.
        url: String,
        /// The local directory.
        local: PathBuf,
        /// Direction and behaviour.
        opts: MirrorOptions,
    },
    /// Print a remote file on standard output.
    Cat {
        /// The file.
        url: String,
    },
    /// Delete files.
    Rm {
        /// The files.
        urls: Vec<String>,
    },
    /// Make a directory.
    Mkdir {
        /// The directory.
        url: String,
    },
    /// Remove an empty directory.
    Rmdir {
        /// The directory.
        url: String,
    },
    /// Rename; a new name without `/` stays in the same directory.
    Mv {
        /// The file or directory.
        url: String,
        /// The new name or path.
        new_name: String,
    },
    /// Name, type, size and time of a file or directory.
    Stat {
        /// The file or directory.
        url: String,
        /// As JSON.
        json: bool,
    },
    /// A file's size.
    Size {
        /// The file.
        url: String,
        /// As JSON.
        json: bool,
    },
    /// A file's modification time.
    Modtime {
        /// The file.
        url: String,
        /// As JSON.
        json: bool,
    },
    /// Add, list or remove bookmarks (no connection).
    Bookmark(BookmarkOp),
}

/// Runs a one-shot command to completion on `ctx`, then closes the connection.
pub fn run(cmd: &OneShot, ctx: &mut Context, ui: &mut dyn Ui) -> Result<()> {
    if let OneShot::Bookmark(op) = cmd {
        return actions::execute(ctx, &Action::Bookmark(op.clone()), ui);
    }
    let plan = plan(cmd)?;
    let mut result = Ok(());
    for (url, action) in &plan {
        // Paths stay relative to the login directory, so the connection is opened without
        // changing directory; the URL's ;type= applies to its own transfer only.
        ctx.transfer_type = transfer_type(url).unwrap_or(match cmd {
            OneShot::Get { ascii: true, .. } | OneShot::Put { ascii: true, .. } => {
                TransferType::Ascii
            }
            _ => TransferType::Binary,
        });
        let open = Action::Open(Box::new(url.with_path("")));
        let step =
            actions::execute(ctx, &open, ui).and_then(|()| actions::execute(ctx, action, ui));
        if let Err(e) = step {
            result = Err(e);
            break;
        }
    }
    ctx.close();
    result
}

fn parse(u: &str) -> Result<FtpUrl> {
    Ok(url::parse(u)?)
}

fn transfer_type(url: &FtpUrl) -> Option<TransferType> {
    url.type_code.map(|t| match t {
        TypeCode::Ascii => TransferType::Ascii,
        TypeCode::Image => TransferType::Binary,
    })
}

fn file_path(url: &FtpUrl) -> Result<String> {
    if url.is_dir() {
        return Err(Error::Usage(format!(
            "{} names a directory, not a file",
            url.redacted()
        )));
    }
    Ok(url.path.clone())
}

/// Turns the command into (URL, action) steps, checking everything that can be checked
/// before connecting.
pub fn plan(cmd: &OneShot) -> Result<Vec<(FtpUrl, Action)>> {
    match cmd {
        OneShot::Get {
            urls,
            output,
            dir,
            opts,
            ..
        } => plan_get(urls, output.as_deref(), dir.as_deref(), opts),
        OneShot::Put {
            files, url, opts, ..
        } => plan_put(files, url, opts),
        OneShot::Ls {
            url, json: true, ..
        } => {
            let u = parse(url)?;
            let path = Some(u.path.clone()).filter(|p| !p.is_empty());
            Ok(vec![(u, Action::ListJson(path))])
        }
        OneShot::Ls { url, long, .. } => {
            let u = parse(url)?;
            let paths = Some(u.path.clone()).filter(|p| !p.is_empty());
            let kind = if *long {
                ListKind::Long
            } else {
                ListKind::Names
            };
            let paths = paths.into_iter().collect();
            Ok(vec![(u, Action::List { paths, kind })])
        }
        OneShot::Pget {
            url,
            segments,
            output,
            dir,
            resume,
            json,
        } => {
            let u = parse(url)?;
            let remote = file_path(&u)?;
            let output = match (output, dir) {
                (Some(p), _) => Output::File(p.clone()),
                (None, Some(d)) => Output::Into(d.clone()),
                (None, None) => Output::Into(PathBuf::from(".")),
            };
            Ok(vec![(
                u,
                Action::Pget {
                    remote,
                    output,
                    segments: *segments,
                    resume: *resume,
                    json: *json,
                },
            )])
        }
        OneShot::Mirror { url, local, opts } => {
            let u = parse(url)?;
            let remote = u.path.clone();
            let action = Action::Mirror {
                remote,
                local: local.clone(),
                opts: opts.clone(),
            };
            Ok(vec![(u, action)])
        }
        OneShot::Cat { url } => {
            let u = parse(url)?;
            let remote = file_path(&u)?;
            let output = Output::Stdout;
            Ok(vec![(
                u,
                Action::Get {
                    remote,
                    output,
                    ty: None,
                    opts: TransferOptions::default(),
                },
            )])
        }
        OneShot::Rm { urls } => urls
            .iter()
            .map(|s| {
                let u = parse(s)?;
                let remote = file_path(&u)?;
                Ok((u, Action::Delete(remote)))
            })
            .collect(),
        OneShot::Stat { url, json } => {
            let u = parse(url)?;
            let path = match u.path.trim_end_matches('/') {
                "" => ".".to_owned(),
                p => p.to_owned(),
            };
            let json = *json;
            Ok(vec![(u, Action::Stat { path, json })])
        }
        OneShot::Size { url, json } => {
            let u = parse(url)?;
            let path = file_path(&u)?;
            let json = *json;
            Ok(vec![(u, Action::Size { path, json })])
        }
        OneShot::Modtime { url, json } => {
            let u = parse(url)?;
            let path = file_path(&u)?;
            let json = *json;
            Ok(vec![(u, Action::Modtime { path, json })])
        }
        OneShot::Bookmark(_) => Ok(Vec::new()),
        OneShot::Mkdir { url } => dir_action(url, Action::Mkdir),
        OneShot::Rmdir { url } => dir_action(url, Action::Rmdir),
        OneShot::Mv { url, new_name } => {
            let u = parse(url)?;
            let from = u.path.trim_end_matches('/').to_owned();
            if from.is_empty() {
                return Err(Error::Usage(
                    "mv needs a URL naming a file or directory".into(),
                ));
            }
            let to = match (new_name.contains('/'), from.rfind('/')) {
                (false, Some(i)) => format!("{}{new_name}", &from[..=i]),
                _ => new_name.clone(),
            };
            Ok(vec![(u, Action::Rename { from, to })])
        }
    }
}

fn dir_action(url: &str, make: fn(String) -> Action) -> Result<Vec<(FtpUrl, Action)>> {
    let u = parse(url)?;
    let path = u.path.trim_end_matches('/').to_owned();
    if path.is_empty() {
        return Err(Error::Usage(format!("{} names no directory", u.redacted())));
    }
    Ok(vec![(u, make(path))])
}

fn plan_get(
    urls: &[String],
    output: Option<&Path>,
    dir: Option<&Path>,
    opts: &TransferOptions,
) -> Result<Vec<(FtpUrl, Action)>> {
    if output.is_some() && (urls.len() > 1 || opts.recursive) {
        return Err(Error::Usage(
            "-o takes one file; use -O DIR for several or with -r".into(),
        ));
    }
    let mut steps = Vec::new();
    for s in urls {
        let u = parse(s)?;
        let (remote, output) = if opts.recursive {
            (
                u.path.clone(),
                Output::Into(dir.unwrap_or(Path::new(".")).to_owned()),
            )
        } else {
            let remote = file_path(&u)?;
            let output = match output {
                Some(p) if p == Path::new("-") => Output::Stdout,
                Some(p) => Output::File(p.to_owned()),
                None => Output::File(local_target(dir.unwrap_or(Path::new(".")), &remote)?),
            };
            (remote, output)
        };
        steps.push((
            u,
            Action::Get {
                remote,
                output,
                ty: None,
                opts: opts.clone(),
            },
        ));
    }
    Ok(steps)
}

fn plan_put(files: &[PathBuf], url: &str, opts: &TransferOptions) -> Result<Vec<(FtpUrl, Action)>> {
    let u = parse(url)?;
    if opts.recursive {
        let remote = Some(u.path.trim_end_matches('/').to_owned());
        let steps = files.iter().map(|local| {
            let put = Action::Put {
                local: local.clone(),
                remote: remote.clone(),
                ty: None,
                mode: PutMode::Replace,
                opts: opts.clone(),
            };
            (u.clone(), put)
        });
        return Ok(steps.collect());
    }
    let into_dir = u.is_dir() || files.len() > 1;
    let mut steps = Vec::new();
    for local in files {
        let remote = if into_dir {
            let name = local.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
                Error::Usage(format!("{} has no usable file name", local.display()))
            })?;
            let base = u.path.trim_end_matches('/');
            if base.is_empty() {
                name.to_owned()
            } else {
                format!("{base}/{name}")
            }
        } else {
            u.path.clone()
        };
        let put = Action::Put {
            local: local.clone(),
            remote: Some(remote),
            ty: None,
            mode: PutMode::Replace,
            opts: opts.clone(),
        };
        steps.push((u.clone(), put));
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(plan: Vec<(FtpUrl, Action)>) -> Action {
        assert_eq!(plan.len(), 1);
        plan.into_iter().next().unwrap().1
    }

    #[test]
    fn get_names_the_local_file_after_the_remote_one() {
        let cmd = OneShot::Get {
            urls: vec!["ftp://h/pub/a.txt".into()],
            output: None,
            dir: Some("out".into()),
            opts: Default::default(),
            ascii: false,
        };
        let Action::Get { remote, output, .. } = only(plan(&cmd).unwrap()) else {
            panic!()
        };
        assert_eq!(remote, "pub/a.txt");
        assert_eq!(output, Output::File("out/a.txt".into()));
    }

    #[test]
    fn get_refuses_hostile_names_and_directories() {
        for u in ["ftp://h/pub/..", "ftp://h/a/%2e%2e", "ftp://h/dir/"] {
            let cmd = OneShot::Get {
                urls: vec![u.into()],
                output: None,
                dir: None,
                opts: Default::default(),
                ascii: false,
            };
            assert!(plan(&cmd).is_err(), "{u}");
        }
    }

    #[test]
    fn put_into_a_directory_url_appends_the_file_name() {
        let cmd = OneShot::Put {
            files: vec!["/tmp/x/a.bin".into()],
            url: "ftp://h/up/".into(),
            opts: Default::default(),
            ascii: false,
        };
        let Action::Put {
            remote: Some(remote),
            ..
        } = only(plan(&cmd).unwrap())
        else {
            panic!()
        };
        assert_eq!(remote, "up/a.bin");
        let cmd = OneShot::Put {
            files: vec!["a.bin".into()],
            url: "ftp://h/up/b.bin".into(),
            opts: Default::default(),
            ascii: false,
        };
        let Action::Put {
            remote: Some(remote),
            ..
        } = only(plan(&cmd).unwrap())
        else {
            panic!()
        };
        assert_eq!(remote, "up/b.bin");
    }

    #[test]
    fn mv_keeps_a_bare_new_name_in_the_same_directory() {
        let cmd = OneShot::Mv {
            url: "ftp://h/d/old".into(),
            new_name: "new".into(),
        };
        let Action::Rename { from, to } = only(plan(&cmd).unwrap()) else {
            panic!()
        };
        assert_eq!((from.as_str(), to.as_str()), ("d/old", "d/new"));
    }

    #[test]
    fn dash_o_takes_one_url() {
        let cmd = OneShot::Get {
            urls: vec!["ftp://h/a".into(), "ftp://h/b".into()],
            output: Some("x".into()),
            dir: None,
            opts: Default::default(),
            ascii: false,
        };
        assert!(plan(&cmd).is_err());
    }
}
