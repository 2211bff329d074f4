//! One-shot commands: `ferry get URL…`, `ferry put FILE… URL`, `ferry ls URL`, …
//!
//! Each command, as clap parsed it ([`OneShotCommand`]), becomes a list of (URL, [`Action`])
//! pairs that run in order through [`actions::execute`]. URLs naming the same server and user
//! share one logged-in session. The first failure stops the run and is returned, so a script
//! sees a non-zero exit code.

use std::path::{Path, PathBuf};

use ferry::actions::context::Context;
use ferry::actions::local_target;
use ferry::actions::{self, Action, Output, PutMode, TransferOptions, Ui};
use ferry::engine::transfer::ListKind;
use ferry::error::{Error, Result};
use ferry::proto::command::TransferType;
use ferry::url::{self, FtpUrl, TypeCode};

use crate::cli::args::{MirrorArgs, OneShotCommand as C};

/// One step of a plan: the server and login to use, and what to do there.
type Step = (FtpUrl, Action);

/// Runs a one-shot command to completion on `ctx`, then closes the connection.
pub fn run(cmd: &C, ctx: &mut Context, ui: &mut dyn Ui) -> Result<()> {
    if let C::Bookmark { op } = cmd {
        return actions::execute(ctx, &Action::Bookmark(op.clone().op()), ui);
    }
    let plan = plan(cmd)?;
    let actions: Vec<&Action> = plan.iter().map(|(_, action)| action).collect();
    crate::cli::interrupt::note_parts_on_ctrl_c(&actions);
    let ascii = match cmd {
        C::Get { transfer, .. } | C::Put { transfer, .. } => transfer.ascii,
        _ => false,
    };
    let mut result = Ok(());
    for (url, action) in &plan {
        // Paths stay relative to the login directory, so the connection is opened without
        // changing directory; the URL's ;type= applies to its own transfer only.
        ctx.transfer_type = transfer_type(url).unwrap_or(if ascii {
            TransferType::Ascii
        } else {
            TransferType::Binary
        });
        let open = Action::Open(Box::new(url.with_path("")), None);
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

/// Turns the command into (URL, action) steps, checking everything that can be checked
/// before connecting.
pub fn plan(cmd: &C) -> Result<Vec<Step>> {
    match cmd {
        C::Get {
            urls,
            output,
            dir,
            transfer,
        } => plan_get(urls, output.as_deref(), dir.as_deref(), &transfer.options()),
        C::Put { args, transfer } => plan_put(args, &transfer.options()),
        C::Ls { url, long, json } => one(url, |u| Ok(list(u, *long, *json))),
        C::Pget {
            url,
            segments,
            output,
            dir,
            resume,
            json,
            verify,
        } => one(url, |u| {
            Ok(Action::Pget {
                remote: file_path(u)?,
                output: pget_output(output.as_deref(), dir.as_deref()),
                segments: *segments,
                resume: *resume,
                json: *json,
                verify: verify.verify(),
            })
        }),
        C::Mirror {
            source,
            target,
            mirror,
        } => plan_mirror(source, target, mirror),
        C::Cat { url } => one(url, cat),
        C::Rm { urls } => urls
            .iter()
            .map(|s| step(s, |u| Ok(Action::Delete(file_path(u)?))))
            .collect(),
        C::Mkdir { url } => one(url, |u| Ok(Action::Mkdir(dir_path(u)?))),
        C::Rmdir { url } => one(url, |u| Ok(Action::Rmdir(dir_path(u)?))),
        C::Mv { url, new_name } => one(url, |u| rename(u, new_name)),
        C::Stat { url, json } => one(url, |u| Ok(stat(u, *json))),
        C::Size { url, json } => one(url, |u| {
            let (path, json) = (file_path(u)?, *json);
            Ok(Action::Size { path, json })
        }),
        C::Hash { urls, algo, json } => plan_hash(urls, *algo, *json),
        C::Modtime { url, json } => one(url, |u| {
            let (path, json) = (file_path(u)?, *json);
            Ok(Action::Modtime { path, json })
        }),
        C::Bookmark { .. } => Ok(Vec::new()),
    }
}

/// `hash URL…`: one step per URL; URLs of the same server and user share its connection
/// (opening it again is a no-op).
fn plan_hash(
    urls: &[String],
    algo: Option<ferry::proto::digest::HashAlgo>,
    json: bool,
) -> Result<Vec<Step>> {
    urls.iter()
        .map(|text| {
            step(text, |u| {
                Ok(Action::Checksum {
                    paths: vec![file_path(u)?],
                    algo,
                    json,
                })
            })
        })
        .collect()
}

/// The step for one URL: parsed, then made into an action.
fn step(url: &str, make: impl FnOnce(&FtpUrl) -> Result<Action>) -> Result<Step> {
    let u = url::parse(url)?;
    let action = make(&u)?;
    Ok((u, action))
}

/// A plan of one step.
fn one(url: &str, make: impl FnOnce(&FtpUrl) -> Result<Action>) -> Result<Vec<Step>> {
    Ok(vec![step(url, make)?])
}

fn transfer_type(url: &FtpUrl) -> Option<TransferType> {
    url.type_code.map(|t| match t {
        TypeCode::Ascii => TransferType::Ascii,
        TypeCode::Image => TransferType::Binary,
    })
}

/// The URL's path, which must name a file.
fn file_path(url: &FtpUrl) -> Result<String> {
    if url.is_dir() {
        return Err(Error::Usage(format!(
            "{} names a directory, not a file",
            url.redacted()
        )));
    }
    Ok(url.path.clone())
}

/// The URL's path without its trailing `/`, which must name a directory.
fn dir_path(url: &FtpUrl) -> Result<String> {
    let path = url.path.trim_end_matches('/').to_owned();
    if path.is_empty() {
        return Err(Error::Usage(format!(
            "{} names no directory",
            url.redacted()
        )));
    }
    Ok(path)
}

/// `ls URL`: names, the long format with `-l`, or parsed entries with `--json`.
fn list(u: &FtpUrl, long: bool, json: bool) -> Action {
    let path = Some(u.path.clone()).filter(|p| !p.is_empty());
    if json {
        return Action::ListJson(path);
    }
    let kind = if long {
        ListKind::Long
    } else {
        ListKind::Names
    };
    Action::List {
        paths: path.into_iter().collect(),
        kind,
    }
}

fn pget_output(output: Option<&Path>, dir: Option<&Path>) -> Output {
    match (output, dir) {
        (Some(p), _) => Output::File(p.to_owned()),
        (None, Some(d)) => Output::Into(d.to_owned()),
        (None, None) => Output::Into(PathBuf::from(".")),
    }
}

/// `mirror SOURCE TARGET`: SOURCE is the URL, or with `-R` the local directory.
fn plan_mirror(source: &str, target: &str, mirror: &MirrorArgs) -> Result<Vec<Step>> {
    let (url, local) = if mirror.reverse {
        (target, source)
    } else {
        (source, target)
    };
    one(url, |u| {
        Ok(Action::Mirror {
            remote: u.path.clone(),
            local: PathBuf::from(local),
            opts: mirror.options(),
        })
    })
}

/// `cat URL`: the file to standard output.
fn cat(u: &FtpUrl) -> Result<Action> {
    Ok(Action::Get {
        remote: file_path(u)?,
        output: Output::Stdout,
        ty: None,
        opts: TransferOptions::default(),
    })
}

/// `mv URL NEW-NAME`: a new name without `/` stays in the same directory.
fn rename(u: &FtpUrl, new_name: &str) -> Result<Action> {
    let from = u.path.trim_end_matches('/').to_owned();
    if from.is_empty() {
        return Err(Error::Usage(
            "mv needs a URL naming a file or directory".into(),
        ));
    }
    let to = match (new_name.contains('/'), from.rfind('/')) {
        (false, Some(i)) => format!("{}{new_name}", &from[..=i]),
        _ => new_name.to_owned(),
    };
    Ok(Action::Rename { from, to })
}

/// `stat URL`: the server's root (`.`) when the URL has no path.
fn stat(u: &FtpUrl, json: bool) -> Action {
    let path = match u.path.trim_end_matches('/') {
        "" => ".".to_owned(),
        p => p.to_owned(),
    };
    Action::Stat { path, json }
}

/// `get URL… [-o PATH | -O DIR]`.
fn plan_get(
    urls: &[String],
    output: Option<&Path>,
    dir: Option<&Path>,
    opts: &TransferOptions,
) -> Result<Vec<Step>> {
    if output.is_some() && (urls.len() > 1 || opts.recursive) {
        return Err(Error::Usage(
            "-o takes one file; use -O DIR for several or with -r".into(),
        ));
    }
    let into = dir.unwrap_or(Path::new("."));
    let get = |u: &FtpUrl| {
        let (remote, output) = if opts.recursive {
            (u.path.clone(), Output::Into(into.to_owned()))
        } else {
            let remote = file_path(u)?;
            let output = match output {
                Some(p) if p == Path::new("-") => Output::Stdout,
                Some(p) => Output::File(p.to_owned()),
                // The name is checked now, before connecting; the directory is made when
                // the file is fetched.
                None => {
                    local_target(into, &remote)?;
                    Output::Into(into.to_owned())
                }
            };
            (remote, output)
        };
        Ok(Action::Get {
            remote,
            output,
            ty: None,
            opts: opts.clone(),
        })
    };
    urls.iter().map(|s| step(s, get)).collect()
}

/// `put FILE… URL`: a URL ending in `/`, or several files, names a directory.
fn plan_put(args: &[String], opts: &TransferOptions) -> Result<Vec<Step>> {
    let (url, files) = args.split_last().expect("clap requires two or more");
    let u = url::parse(url)?;
    let into_dir = !opts.recursive && (u.is_dir() || files.len() > 1);
    let mut steps = Vec::new();
    for local in files.iter().map(PathBuf::from) {
        let remote = if opts.recursive {
            u.path.trim_end_matches('/').to_owned()
        } else if into_dir {
            remote_in_dir(&u, &local)?
        } else {
            u.path.clone()
        };
        let put = Action::Put {
            local,
            remote: Some(remote),
            ty: None,
            mode: PutMode::Replace,
            opts: opts.clone(),
        };
        steps.push((u.clone(), put));
    }
    Ok(steps)
}

/// The remote path of `local` uploaded into the directory the URL names.
fn remote_in_dir(u: &FtpUrl, local: &Path) -> Result<String> {
    let name = local
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Usage(format!("{} has no usable file name", local.display())))?;
    let base = u.path.trim_end_matches('/');
    Ok(if base.is_empty() {
        name.to_owned()
    } else {
        format!("{base}/{name}")
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::args::{Cli, Mode};

    /// The one-shot command `ferry ARGS…` parses to.
    fn one_shot(args: &[&str]) -> C {
        let argv = std::iter::once("ferry").chain(args.iter().copied());
        match Cli::try_parse_from(argv).unwrap().resolve().1 {
            Mode::OneShot(cmd) => cmd,
            _ => panic!("{args:?} is not a one-shot command"),
        }
    }

    fn only(plan: Vec<(FtpUrl, Action)>) -> Action {
        assert_eq!(plan.len(), 1);
        plan.into_iter().next().unwrap().1
    }

    #[test]
    fn get_names_the_local_file_after_the_remote_one() {
        let cmd = one_shot(&["get", "ftp://h/pub/a.txt", "-O", "out"]);
        let Action::Get { remote, output, .. } = only(plan(&cmd).unwrap()) else {
            panic!()
        };
        assert_eq!(remote, "pub/a.txt");
        // The file of the remote name inside `out`, which is made when it does not exist.
        assert_eq!(output, Output::Into("out".into()));
        assert_eq!(
            local_target(Path::new("out"), &remote).unwrap(),
            Path::new("out/a.txt")
        );
    }

    #[test]
    fn get_refuses_hostile_names_and_directories() {
        for u in ["ftp://h/pub/..", "ftp://h/a/%2e%2e", "ftp://h/dir/"] {
            let cmd = one_shot(&["get", u]);
            assert!(plan(&cmd).is_err(), "{u}");
        }
    }

    #[test]
    fn put_into_a_directory_url_appends_the_file_name() {
        let cmd = one_shot(&["put", "/tmp/x/a.bin", "ftp://h/up/"]);
        let Action::Put {
            remote: Some(remote),
            ..
        } = only(plan(&cmd).unwrap())
        else {
            panic!()
        };
        assert_eq!(remote, "up/a.bin");
        let cmd = one_shot(&["put", "a.bin", "ftp://h/up/b.bin"]);
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
        let cmd = one_shot(&["mv", "ftp://h/d/old", "new"]);
        let Action::Rename { from, to } = only(plan(&cmd).unwrap()) else {
            panic!()
        };
        assert_eq!((from.as_str(), to.as_str()), ("d/old", "d/new"));
    }

    #[test]
    fn dash_o_takes_one_url() {
        let cmd = one_shot(&["get", "ftp://h/a", "ftp://h/b", "-o", "x"]);
        assert!(plan(&cmd).is_err());
    }

    #[test]
    fn a_directory_url_is_refused_as_a_directory_before_its_name_is_checked() {
        let err = plan(&one_shot(&["get", "ftp://h/dir/"])).unwrap_err();
        assert!(matches!(err, Error::Usage(_)), "{err}");
        let err = plan(&one_shot(&["get", "ftp://h/a/%2e%2e"])).unwrap_err();
        assert!(matches!(err, Error::UnsafeName { .. }), "{err}");
    }
}
