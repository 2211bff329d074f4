//! From an [`Action`] to the module that does it: connections and remote commands, transfers
//! (all through the scheduler), and local commands and settings.

use super::{
    Action, TransferOptions, Ui, bookmark, checksum, files, info, local, mirror, pget, tree,
};
use crate::actions::context::Context;
use crate::error::Result;

/// Runs one action; a many-file command is framed by the front end's batch display.
pub(super) fn dispatch(ctx: &mut Context, action: &Action, ui: &mut dyn Ui) -> Result<()> {
    let many = match action {
        Action::Mget { .. } | Action::Mput { .. } => true,
        Action::Get { opts, .. } | Action::Put { opts, .. } => opts.recursive,
        Action::Mirror { .. } => true,
        _ => false,
    };
    if !many {
        return dispatch_one(ctx, action, ui);
    }
    ui.batch_start(None);
    let result = dispatch_one(ctx, action, ui);
    ui.batch_end();
    result
}

fn dispatch_one(ctx: &mut Context, action: &Action, ui: &mut dyn Ui) -> Result<()> {
    if let Some(result) = transfer(ctx, action, ui) {
        return result;
    }
    if let Some(result) = local_or_setting(ctx, action, ui) {
        return result;
    }
    remote(ctx, action, ui)
}

/// get, put and their many-file forms, mirror and pget.
fn transfer(ctx: &mut Context, action: &Action, ui: &mut dyn Ui) -> Option<Result<()>> {
    use Action::*;
    Some(match action {
        Get {
            remote,
            output,
            ty,
            opts,
        } if opts.recursive => tree::get(ctx, remote, output, *ty, opts, ui),
        Get {
            remote,
            output,
            ty,
            opts,
        } => files::get(ctx, remote, output, *ty, opts, ui),
        Mget {
            patterns,
            into,
            parallel,
            json,
        } => files::mget(ctx, patterns, into, &many(*parallel, *json), ui),
        Put {
            local,
            remote,
            opts,
            ..
        } if opts.recursive => tree::put(ctx, local, remote.as_deref(), opts, ui),
        Put {
            local,
            remote,
            ty,
            mode,
            opts,
        } => {
            let ty = ty.unwrap_or(ctx.transfer_type);
            files::put(ctx, local, remote.as_deref(), ty, *mode, opts, ui)
        }
        Mput {
            patterns,
            parallel,
            json,
        } => files::mput(ctx, patterns, &many(*parallel, *json), ui),
        Mdelete(patterns) => files::mdelete(ctx, patterns, ui),
        Mirror {
            remote,
            local,
            opts,
        } => mirror::run(ctx, remote, local, opts, ui),
        Pget {
            remote,
            output,
            segments,
            resume,
            json,
            verify,
        } => pget::run(
            ctx,
            remote,
            output,
            (*segments, *resume),
            (*json, *verify),
            ui,
        ),
        _ => return None,
    })
}

/// Local commands, bookmarks, and settings of the context or the front end.
fn local_or_setting(ctx: &mut Context, action: &Action, ui: &mut dyn Ui) -> Option<Result<()>> {
    use Action::*;
    Some(match action {
        Lcd(dir) => local::lcd(dir.as_deref(), ui),
        Lpwd => local::lpwd(ui),
        Lls { dir, how } => local::lls(dir.as_deref(), *how, ui),
        Bookmark(op) => bookmark::run(ctx, op, ui),
        Type(t) => {
            ctx.transfer_type = *t;
            Ok(())
        }
        Mode(m) => {
            local::set_mode(ctx, *m);
            Ok(())
        }
        TogglePassive => local::toggle_passive(ctx, ui),
        Epsv(t) => local::epsv(ctx, *t, ui),
        Charset(choice) => local::charset(ctx, *choice, ui),
        Status => info::status(ctx, ui),
        Verbose(t) => local::trace_toggle(ctx, ui, *t, 1),
        Debug(t) => local::trace_toggle(ctx, ui, *t, 2),
        Prompt(t) => local::setting(ui, "prompting", *t, &mut ctx.prompt),
        Hash(t) => local::setting(ui, "hash marks", *t, &mut ctx.hash),
        Rate(r) => local::rate(ctx, *r, ui),
        Shell(cmd) => local::shell(cmd.as_deref()),
        _ => return None,
    })
}

/// Connecting, logging in again, and closing.
fn connection(ctx: &mut Context, action: &Action, ui: &mut dyn Ui) -> Result<()> {
    use Action::*;
    match action {
        Open(url, charset) => {
            let mut ask = |p: &str| ui.password(p);
            ctx.open_url(url, *charset, &mut ask)?;
            if !url.path.is_empty() {
                super::charset::learn_for(ctx, &url.path);
                ctx.session()?.cwd(&url.path)?;
                ctx.refresh_cwd();
            }
            Ok(())
        }
        Reopen => {
            ctx.reopen()?;
            ctx.refresh_cwd();
            Ok(())
        }
        User {
            user,
            password,
            account,
        } => local::relogin(ctx, user, password, account, ui),
        Close => {
            ctx.close();
            Ok(())
        }
        _ => unreachable!("only connection actions come here"),
    }
}

/// Connecting, and commands that go to the server (listings, changes, raw commands).
fn remote(ctx: &mut Context, action: &Action, ui: &mut dyn Ui) -> Result<()> {
    use Action::*;
    match action {
        Open(..) | Reopen | User { .. } | Close => connection(ctx, action, ui),
        List { paths, kind } => info::list_each(ctx, paths, *kind, ui),
        ListJson(path) => info::list_json(ctx, path.as_deref(), ui),
        Cd(path) => {
            ctx.session()?.cwd(path)?;
            ctx.refresh_cwd();
            Ok(())
        }
        Cdup => {
            ctx.session()?.cdup()?;
            ctx.refresh_cwd();
            Ok(())
        }
        Pwd => {
            let cwd = ctx.session()?.pwd()?;
            info::print_line(ui, &cwd)
        }
        Mkdir(path) => changed(ctx, |s| s.mkd(path).map(drop)),
        Rmdir(path) => changed(ctx, |s| s.rmd(path)),
        Delete(path) => changed(ctx, |s| s.dele(path)),
        Rename { from, to } => changed(ctx, |s| s.rename(from, to)),
        Size { path, json } => info::size(ctx, path, *json, ui),
        Modtime { path, json } => info::modtime(ctx, path, *json, ui),
        Checksum { paths, algo, json } => checksum::print_hashes(ctx, paths, *algo, *json, ui),
        Stat { path, json } => info::stat(ctx, path, *json, ui),
        // Raw commands may change anything (DELE, SITE CHMOD...): listings are forgotten.
        Quote(line) => info::raw_change(ctx, ui, |s| s.quote(line)),
        Site(args) => info::raw_change(ctx, ui, |s| s.site(args)),
        System => info::raw(ctx, ui, |s| {
            s.command(&crate::proto::command::Command::Syst)
        }),
        Features => info::features(ctx, ui),
        Rhelp(arg) => info::raw(ctx, ui, |s| s.quote(&with_arg("HELP", arg))),
        Rstatus(arg) => info::raw(ctx, ui, |s| s.quote(&with_arg("STAT", arg))),
        Noop => ctx.session()?.noop(),
        _ => unreachable!("transfers, local commands and settings are dispatched first"),
    }
}

/// The transfer options of mget and mput: only the lanes and the output format are theirs.
fn many(parallel: Option<crate::config::Parallel>, json: bool) -> TransferOptions {
    TransferOptions {
        parallel,
        json,
        ..TransferOptions::default()
    }
}

fn with_arg(verb: &str, arg: &Option<String>) -> String {
    match arg {
        Some(a) => format!("{verb} {a}"),
        None => verb.to_owned(),
    }
}

/// Runs an operation that changes the server's files, then forgets cached listings.
fn changed(
    ctx: &mut Context,
    op: impl FnOnce(&mut crate::engine::session::Session) -> Result<()>,
) -> Result<()> {
    let result = op(ctx.session()?);
    ctx.invalidate_cache();
    result
}
