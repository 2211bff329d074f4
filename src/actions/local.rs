//! Actions on the local side and on settings: lcd, lpwd, lls, `!`, user, modes and toggles.

use std::path::Path;
use std::process::Command;

use super::info::{charset_words, print_line};
use super::{LlsStyle, Toggle, Ui};
use crate::actions::context::Context;
use crate::engine::options::CharsetChoice;
use crate::engine::session::Login;
use crate::error::{Error, Result};
use crate::proto::channel::DataMode;
use crate::proto::command::Secret;
use crate::proto::listing::Timestamp;

fn local_err(what: &'static str, path: &Path, source: std::io::Error) -> Error {
    Error::Local {
        what,
        path: path.to_owned(),
        source,
    }
}

/// `lcd [DIR]`: change the local directory (home without an argument).
pub(super) fn lcd(dir: Option<&Path>, ui: &mut dyn Ui) -> Result<()> {
    let target = match dir {
        Some(d) => d.to_owned(),
        None => {
            dirs::home_dir().ok_or_else(|| Error::Usage("no home directory to go to".into()))?
        }
    };
    std::env::set_current_dir(&target).map_err(|e| local_err("cannot change to", &target, e))?;
    lpwd(ui)
}

/// `lpwd`: print the local directory.
pub(super) fn lpwd(ui: &mut dyn Ui) -> Result<()> {
    let cwd = std::env::current_dir().map_err(|e| local_err("cannot read", Path::new("."), e))?;
    print_line(ui, &format!("Local directory: {}", cwd.display()))
}

/// `lls [-l] [-a|-A] [-h] [DIR]`: names in a local directory, directories marked with `/`;
/// names starting with `.` only with `-a` (as `ls` does); `-l` adds the type and permissions,
/// the size and the modification time (UTC).
pub(super) fn lls(dir: Option<&Path>, how: LlsStyle, ui: &mut dyn Ui) -> Result<()> {
    let dir = dir.unwrap_or(Path::new("."));
    let mut entries: Vec<(String, Option<std::fs::Metadata>)> = std::fs::read_dir(dir)
        .map_err(|e| local_err("cannot list", dir, e))?
        .filter_map(|e| e.ok())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::symlink_metadata(e.path()).ok())
        })
        .filter(|(name, _)| how.all || !name.starts_with('.'))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (mut name, meta) in entries {
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            name.push('/');
        }
        let line = match (&meta, how.long) {
            (Some(m), true) => long_line(&name, m, how.human),
            _ => name,
        };
        print_line(ui, &line)?;
    }
    Ok(())
}

/// One `lls -l` line: `drwxr-xr-x     4096 2026-12-01 23:57 name/`.
fn long_line(name: &str, meta: &std::fs::Metadata, human: bool) -> String {
    let kind = match meta.file_type() {
        t if t.is_dir() => 'd',
        t if t.is_symlink() => 'l',
        t if t.is_file() => '-',
        _ => '?',
    };
    let size = match human {
        true => super::human_bytes(meta.len() as f64),
        false => meta.len().to_string(),
    };
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| Timestamp::from_unix_seconds(d.as_secs() as i64))
        .map(|t| {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}",
                t.year, t.month, t.day, t.hour, t.minute
            )
        })
        .unwrap_or_else(|| "-".repeat(16));
    format!("{kind}{} {size:>10} {modified} {name}", permissions(meta))
}

/// `rwxr-xr-x`, or dashes where the platform has no such bits.
fn permissions(meta: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode();
        (0..9)
            .map(|i| match (mode >> (8 - i)) & 1 {
                1 => ['r', 'w', 'x'][i % 3],
                _ => '-',
            })
            .collect()
    }
    #[cfg(not(unix))]
    {
        match meta.permissions().readonly() {
            true => "r--r--r--".into(),
            false => "rw-rw-rw-".into(),
        }
    }
}

/// `! [COMMAND]`: run a command with the user's shell, or the shell itself.
pub(super) fn shell(cmd: Option<&str>) -> Result<()> {
    let sh = std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into());
    let mut command = Command::new(&sh);
    if let Some(c) = cmd {
        command.arg("-c").arg(c);
    }
    let status = command
        .status()
        .map_err(|e| local_err("cannot run", Path::new(&sh), e))?;
    match status.success() {
        true => Ok(()),
        false => Err(Error::Usage(format!("local command failed ({status})"))),
    }
}

/// `user NAME [PASSWORD [ACCOUNT]]`: log in again on the open connection.
pub(super) fn relogin(
    ctx: &mut Context,
    user: &str,
    password: &Option<Secret>,
    account: &Option<Secret>,
    ui: &mut dyn Ui,
) -> Result<()> {
    let host = ctx.endpoint().map(|e| e.host.clone()).unwrap_or_default();
    let password = match password {
        Some(p) => p.clone(),
        None if user.eq_ignore_ascii_case("anonymous") => Secret::new("anonymous@"),
        None => ui
            .password(&format!("Password for {user}@{host}: "))
            .map(Secret::new)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "no password for {user}: give it after the user name"
                ))
            })?,
    };
    ctx.relogin(Login {
        user: user.to_owned(),
        password,
        account: account.clone(),
    })
}

/// `mode`-style setting of the data-channel mode, for this and later connections.
pub(super) fn set_mode(ctx: &mut Context, mode: DataMode) {
    ctx.config.session.data_mode = mode;
    ctx.remember(|s| s.mode = Some(mode));
    if ctx.is_connected()
        && let Ok(session) = ctx.session()
    {
        session.set_data_mode(mode);
    }
}

/// `charset [NAME|auto]`: shows the charset of the server's names, or chooses one for this and
/// later connections; cached listings are read again in it.
pub(super) fn charset(
    ctx: &mut Context,
    choice: Option<CharsetChoice>,
    ui: &mut dyn Ui,
) -> Result<()> {
    if let Some(choice) = choice {
        ctx.config.session.charset = choice;
        ctx.remember(|s| s.charset = Some(choice));
        ctx.invalidate_cache();
        if ctx.is_connected()
            && let Ok(session) = ctx.session()
        {
            session.set_charset(choice);
        }
    }
    print_line(ui, &format!("Character set: {}.", charset_words(ctx)))
}

/// BSD `passive`: flip between passive-only and active-only.
pub(super) fn toggle_passive(ctx: &mut Context, ui: &mut dyn Ui) -> Result<()> {
    let next = match ctx.config.session.data_mode {
        DataMode::Active | DataMode::Eprt | DataMode::Port => DataMode::Passive,
        _ => DataMode::Active,
    };
    set_mode(ctx, next);
    let word = if next == DataMode::Passive {
        "on"
    } else {
        "off"
    };
    print_line(ui, &format!("Passive mode: {word}."))
}

/// `epsv [on|off]`: EPSV only, or PASV only; without an argument, flips between the two
/// (from any other mode it turns EPSV only on).
pub(super) fn epsv(ctx: &mut Context, toggle: Toggle, ui: &mut dyn Ui) -> Result<()> {
    let mut on = ctx.config.session.data_mode == DataMode::Epsv;
    toggle.apply(&mut on);
    set_mode(ctx, if on { DataMode::Epsv } else { DataMode::Pasv });
    let word = if on {
        "on (EPSV only)"
    } else {
        "off (PASV only)"
    };
    print_line(ui, &format!("Extended passive mode: {word}."))
}

/// `verbose` / `debug`: how much of the protocol trace shows.
pub(super) fn trace_toggle(
    ctx: &mut Context,
    ui: &mut dyn Ui,
    toggle: Toggle,
    level: u8,
) -> Result<()> {
    let mut on = ui.trace_level() >= level;
    toggle.apply(&mut on);
    let new = match (on, level) {
        (true, _) => level.max(ui.trace_level()),
        // `debug off` goes back to where `verbose` left it; `verbose off` is silence.
        (false, 2) => u8::from(ctx.verbose),
        (false, _) => 0,
    };
    if level == 1 {
        ctx.verbose = on;
    }
    ui.set_trace_level(new);
    let name = if level == 1 {
        "Verbose mode"
    } else {
        "Debugging"
    };
    print_line(ui, &format!("{name}: {}.", if on { "on" } else { "off" }))
}

/// `prompt`, `hash`: flip or set a setting and say its new value.
/// `rate`: shows the bandwidth limit; `rate RATE` sets it (`Some(0)`: none) for the rest of the
/// session, the next `open` included.
pub(super) fn rate(ctx: &mut Context, rate: Option<u64>, ui: &mut dyn Ui) -> Result<()> {
    if let Some(n) = rate {
        ctx.config.limit_rate = (n > 0).then_some(n);
        ctx.remember(|s| s.limit_rate = Some(n));
        // Made now, so that a background job started next shares it.
        let _ = ctx.throttle();
    }
    let shown = super::info::shown_rate(ctx.config.limit_rate);
    print_line(ui, &format!("rate limit: {shown}."))
}

pub(super) fn setting(ui: &mut dyn Ui, name: &str, toggle: Toggle, value: &mut bool) -> Result<()> {
    let on = toggle.apply(value);
    print_line(ui, &format!("{name}: {}.", if on { "on" } else { "off" }))
}
