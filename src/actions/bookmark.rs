//! `bookmark add|list|rm`: named URLs in the config directory's bookmarks.toml.

use super::info::print_line;
use super::{BookmarkOp, Ui};
use crate::actions::context::Context;
use crate::config::bookmarks::{self, Bookmarks};
use crate::error::{Error, Result};
use crate::url::{self, FtpUrl, Scheme};

pub(super) fn run(ctx: &mut Context, op: &BookmarkOp, ui: &mut dyn Ui) -> Result<()> {
    let dir = ctx.config.config_dir.clone().ok_or_else(|| {
        Error::Usage("no config directory for bookmarks: set FERRY_CONFIG_DIR".into())
    })?;
    let mut marks = Bookmarks::load(&dir)?;
    match op {
        BookmarkOp::List => {
            for (name, mark) in marks.iter() {
                let saved = if mark.password.is_some() {
                    "  (password saved)"
                } else {
                    ""
                };
                let charset = match &mark.charset {
                    Some(c) => format!("  (charset {c})"),
                    None => String::new(),
                };
                print_line(ui, &format!("{name:<15} {}{saved}{charset}", mark.url))?;
            }
            Ok(())
        }
        BookmarkOp::Remove(name) => match marks.remove(name)? {
            true => Ok(()),
            false => Err(no_such(name)),
        },
        BookmarkOp::Add {
            name,
            url,
            with_password,
        } => {
            let (u, password) = match url {
                Some(text) => {
                    let u = url::parse(text)?;
                    let password = u.password.clone();
                    (u, password)
                }
                None => current(ctx)?,
            };
            let password = match (with_password, password) {
                (true, Some(p)) => Some(p),
                (true, None) => {
                    return Err(Error::Usage(format!(
                        "no password to keep for `{name}`: give it in the URL"
                    )));
                }
                (false, Some(_)) if url.is_some() => {
                    ui.notice("the password was not stored (add --with-password to keep it)");
                    None
                }
                (false, _) => None,
            };
            marks.add(name, &u, password.as_deref(), ctx.chosen_charset())
        }
    }
}

/// Where the shell is now, as a URL (with an absolute path), and the login's password.
fn current(ctx: &Context) -> Result<(FtpUrl, Option<String>)> {
    let endpoint = ctx.endpoint().ok_or_else(|| {
        Error::Usage("not connected: give a URL (bookmark add NAME URL) or open one first".into())
    })?;
    let scheme = if endpoint.implicit_tls {
        Scheme::Ftps
    } else {
        Scheme::Ftp
    };
    let anonymous = ["anonymous", "ftp"]
        .iter()
        .any(|a| endpoint.login.user.eq_ignore_ascii_case(a));
    let mut path = ctx.remote_cwd().unwrap_or("").to_owned();
    if !path.is_empty() && !path.ends_with('/') {
        path.push('/');
    }
    let u = FtpUrl {
        scheme,
        user: (!anonymous).then(|| endpoint.login.user.clone()),
        password: None,
        host: endpoint.host.clone(),
        port: (endpoint.port != scheme.default_port()).then_some(endpoint.port),
        path,
        type_code: None,
    };
    let password = (!anonymous).then(|| endpoint.login.password.expose().to_owned());
    Ok((u, password))
}

fn no_such(name: &str) -> Error {
    bookmarks::not_found(name)
}
