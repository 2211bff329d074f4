//! What each shell command means: the engine [`Action`] it runs, or one of the few things only
//! a front end does ([`Parsed::Quit`], [`Parsed::Help`]).

use std::path::PathBuf;

use ferry::actions::{Action, CharsetChoice, LlsStyle, Output, PutMode, Toggle};
use ferry::engine::transfer::ListKind;
use ferry::proto::channel::DataMode;
use ferry::proto::command::{Secret, TransferType};
use ferry::proto::digest::HashAlgo;
use ferry::url;

use super::commands::{Background, Browse, Remote, Server, Session, Setting, Transfer};
use super::grammar::{JobCommand, Parsed};
use crate::cli::args::{MirrorArgs, TransferArgs};

impl Session {
    /// The action, or [`Parsed::Quit`].
    pub fn parse(self) -> Result<Parsed, String> {
        let action = match self {
            Session::Quit => return Ok(Parsed::Quit),
            Session::Open {
                target: None,
                user: None,
                port: None,
                port_option: None,
            } => Action::Reopen,
            Session::Open { target: None, .. } => {
                return Err("open: which server? (open HOST [PORT], or open URL)".into());
            }
            Session::Open {
                target: Some(target),
                port,
                user,
                port_option,
            } => {
                let (mut u, charset) = open_url(&target, port.or(port_option))?;
                if let Some(user) = user {
                    let (name, password) = match user.split_once([',', ':']) {
                        Some((name, password)) => (name, Some(password.to_owned())),
                        None => (user.as_str(), None),
                    };
                    u.user = Some(name.to_owned());
                    u.password = password.or(u.password.take());
                }
                Action::Open(Box::new(u), charset)
            }
            Session::User {
                name,
                password,
                account,
            } => Action::User {
                user: name,
                password: password.map(Secret::new),
                account: account.map(Secret::new),
            },
            Session::Close => Action::Close,
        };
        Ok(Parsed::Action(action))
    }
}

impl Browse {
    /// The action.
    pub fn action(self) -> Action {
        match self {
            Browse::Ls {
                path, json: true, ..
            } => Action::ListJson(path),
            Browse::Ls { path, .. } => Action::List {
                paths: path.into_iter().collect(),
                kind: ListKind::Long,
            },
            Browse::Nlist { paths } => Action::List {
                paths,
                kind: ListKind::Names,
            },
            Browse::Cd { path } => Action::Cd(path),
            Browse::Cdup => Action::Cdup,
            Browse::Pwd => Action::Pwd,
            Browse::Lcd { dir } => Action::Lcd(dir),
            Browse::Lpwd => Action::Lpwd,
            Browse::Lls {
                long,
                all,
                almost_all,
                human,
                one: _,
                dir,
            } => Action::Lls {
                dir,
                how: LlsStyle {
                    long,
                    all: all || almost_all,
                    human,
                },
            },
        }
    }
}

impl Transfer {
    /// The action.
    pub fn action(self) -> Action {
        match self {
            Transfer::Get {
                remote,
                local,
                transfer,
            } => get(remote, local, &transfer),
            Transfer::Reget { remote, local } => get(remote, local, &resumed()),
            Transfer::Mget {
                patterns,
                parallel,
                json,
            } => Action::Mget {
                patterns,
                into: PathBuf::from("."),
                parallel,
                json,
            },
            Transfer::Put {
                local,
                remote,
                transfer,
            } => put(local, remote, PutMode::Replace, &transfer),
            Transfer::Reput { local, remote } => put(local, remote, PutMode::Replace, &resumed()),
            Transfer::Append { local, remote } => {
                put(local, remote, PutMode::Append, &TransferArgs::default())
            }
            Transfer::Mput {
                patterns,
                parallel,
                json,
            } => Action::Mput {
                patterns,
                parallel,
                json,
            },
            Transfer::Pget {
                remote,
                local,
                segments,
                resume,
                json,
                verify,
            } => Action::Pget {
                remote,
                output: local.map_or_else(|| Output::Into(PathBuf::from(".")), Output::File),
                segments,
                resume,
                json,
                verify: verify.verify(),
            },
            Transfer::Mirror {
                source,
                target,
                mirror,
            } => mirror_action(source, target, &mirror),
        }
    }
}

impl Background {
    /// The job command.
    pub fn command(self) -> JobCommand {
        match self {
            Background::Jobs => JobCommand::List,
            Background::Wait { job } => JobCommand::Wait(job),
            Background::Kill { job } => JobCommand::Kill(job),
            Background::Fg { job } => JobCommand::Fg(job),
        }
    }
}

impl Remote {
    /// The action.
    pub fn action(self) -> Action {
        match self {
            Remote::Mkdir { path } => Action::Mkdir(path),
            Remote::Rmdir { path } => Action::Rmdir(path),
            Remote::Delete { path } => Action::Delete(path),
            Remote::Mdelete { patterns } => Action::Mdelete(patterns),
            Remote::Rename { from, to } => Action::Rename { from, to },
            Remote::Size { path, json } => Action::Size { path, json },
            Remote::Modtime { path, json } => Action::Modtime { path, json },
            Remote::Stat { path, json } => Action::Stat { path, json },
            Remote::Bookmark { op } => Action::Bookmark(op.op()),
        }
    }
}

impl Setting {
    /// The action, or what is wrong with the setting's value.
    pub fn action(self) -> Result<Action, String> {
        Ok(match self {
            Setting::Ascii => Action::Type(TransferType::Ascii),
            Setting::Binary => Action::Type(TransferType::Binary),
            Setting::Type { kind } => match kind.to_ascii_lowercase().as_str() {
                "a" | "ascii" => Action::Type(TransferType::Ascii),
                "i" | "image" | "binary" => Action::Type(TransferType::Binary),
                other => return Err(format!("type: unknown type {other:?}; use ascii or binary")),
            },
            Setting::Passive { setting } => passive(setting)?,
            Setting::Epsv { setting } => Action::Epsv(toggle(setting)?),
            Setting::Mode { mode } => Action::Mode(mode.parse()?),
            Setting::Charset { name } => Action::Charset(
                name.map(|n| {
                    n.parse()
                        .map_err(|e: ferry::proto::charset::CharsetError| format!("charset: {e}"))
                })
                .transpose()?,
            ),
            Setting::Status => Action::Status,
            Setting::Verbose { setting } => Action::Verbose(toggle(setting)?),
            Setting::Debug { setting } => Action::Debug(toggle(setting)?),
            Setting::Prompt { setting } => Action::Prompt(toggle(setting)?),
            Setting::Hash { words, algo, json } => hash(words, algo, json)?,
            Setting::Rate { rate } => Action::Rate(rate),
        })
    }
}

impl Server {
    /// The action, or [`Parsed::Help`]; `quote`, `site` and `!` take `raw_rest`, the rest of
    /// the line as it was typed.
    pub fn parse(self, raw_rest: &str) -> Parsed {
        Parsed::Action(match self {
            Server::Help { command } => return Parsed::Help(command),
            Server::Quote { .. } => Action::Quote(raw_rest.to_owned()),
            Server::Site { .. } => Action::Site(raw_rest.to_owned()),
            Server::System => Action::System,
            Server::Features => Action::Features,
            Server::Rhelp { command } => Action::Rhelp(command),
            Server::Rstatus { path } => Action::Rstatus(path),
            Server::Noop => Action::Noop,
            Server::Shell { .. } => {
                Action::Shell((!raw_rest.is_empty()).then(|| raw_rest.to_owned()))
            }
        })
    }
}

/// `hash`, `hash on|off`: the `#` marks; `hash PATH...`: the server's hashes of files.
fn hash(words: Vec<String>, algo: Option<HashAlgo>, json: bool) -> Result<Action, String> {
    let setting = match words.as_slice() {
        [] => None,
        [one] if toggle(Some(one.clone())).is_ok() => Some(one.clone()),
        _ => {
            return Ok(Action::Checksum {
                paths: words,
                algo,
                json,
            });
        }
    };
    if algo.is_some() || json {
        return Err("hash: --algo and --json go with file names: hash [--algo A] PATH...".into());
    }
    Ok(Action::Hash(toggle(setting)?))
}

fn toggle(setting: Option<String>) -> Result<Toggle, String> {
    match setting.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(Toggle::Flip),
        Some("on" | "yes" | "true") => Ok(Toggle::On),
        Some("off" | "no" | "false") => Ok(Toggle::Off),
        Some(other) => Err(format!("expected on or off, not {other:?}")),
    }
}

/// `passive` toggles; `passive on|off|auto` sets the data-connection mode.
fn passive(setting: Option<String>) -> Result<Action, String> {
    match setting.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(Action::TogglePassive),
        Some("on") => Ok(Action::Mode(DataMode::Passive)),
        Some("off") => Ok(Action::Mode(DataMode::Active)),
        Some("auto") => Ok(Action::Mode(DataMode::Auto)),
        Some(other) => Err(format!("passive: expected on, off or auto, not {other:?}")),
    }
}

/// The URL to open, and the charset a bookmark of that name carries.
fn open_url(
    target: &str,
    port: Option<u16>,
) -> Result<(url::FtpUrl, Option<CharsetChoice>), String> {
    // A bookmark's name, when there is such a bookmark; otherwise a host name.
    if port.is_none()
        && ferry::config::bookmarks::looks_like_name(target)
        && let Some(dir) = ferry::config::settings::config_dir()
    {
        let found = ferry::config::bookmarks::Bookmarks::load(&dir)
            .and_then(|b| Ok(b.url(target)?.map(|u| (u, b.charset(target)))));
        if let Some((u, charset)) = found.map_err(|e| e.to_string())? {
            return Ok((u, charset.map_err(|e| e.to_string())?));
        }
    }
    let text = if target.contains("://") {
        target.to_owned()
    } else {
        // [USER@]HOST[:PORT]: a host part with more than one colon is a bare IPv6 address.
        let (user, host) = match target.rsplit_once('@') {
            Some((user, host)) => (format!("{user}@"), host),
            None => (String::new(), target),
        };
        match host.matches(':').count() {
            n if n > 1 && !host.starts_with('[') => format!("ftp://{user}[{host}]"),
            _ => format!("ftp://{user}{host}"),
        }
    };
    let mut u = url::parse(&text).map_err(|e| e.to_string())?;
    if port.is_some() {
        u.port = port;
    }
    Ok((u, None))
}

fn get(remote: String, local: Option<PathBuf>, transfer: &TransferArgs) -> Action {
    let opts = transfer.options();
    let output = match local {
        Some(p) if p.as_os_str() == "-" => Output::Stdout,
        Some(p) if opts.recursive => Output::Into(p),
        Some(p) => Output::File(p),
        None => Output::Into(PathBuf::from(".")),
    };
    let ty = transfer.ascii.then_some(TransferType::Ascii);
    Action::Get {
        remote,
        output,
        ty,
        opts,
    }
}

/// `mirror SOURCE [TARGET]`: without a target, the directory of the same name on the other
/// side (or `.`); with `-R`, SOURCE is local.
fn mirror_action(source: String, target: Option<String>, mirror: &MirrorArgs) -> Action {
    let opts = mirror.options();
    // Without a target: the remote directory of the same name, or the local one.
    let base = source
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_owned();
    let target = target.unwrap_or(if base.is_empty() { ".".into() } else { base });
    let (remote, local) = if opts.reverse {
        (target, source)
    } else {
        (source, target)
    };
    Action::Mirror {
        remote,
        local: PathBuf::from(local),
        opts,
    }
}

fn put(local: PathBuf, remote: Option<String>, mode: PutMode, transfer: &TransferArgs) -> Action {
    Action::Put {
        local,
        remote,
        ty: transfer.ascii.then_some(TransferType::Ascii),
        mode,
        opts: transfer.options(),
    }
}

/// `reget` and `reput`: a plain transfer that continues from what the target holds.
fn resumed() -> TransferArgs {
    TransferArgs {
        resume: true,
        ..TransferArgs::default()
    }
}
