//! Learning the server's charset before a name that needs it is sent (`--charset auto`).
//!
//! Under `auto` the charset is learned from the names the server lists (`engine::charset`). A
//! command that names a non-ASCII file before anything was listed (`ferry get
//! ftp://host/中文.txt`, `mkdir été`, `put 报告.doc`) would otherwise go out in UTF-8, which a
//! GBK or Latin-1 server does not know. So before such an action, while nothing is decided, the
//! nearest directory above the name whose own path is ASCII is listed once (the listing cache
//! keeps it), and its names decide. A directory of ASCII names decides nothing, and the name
//! goes out in UTF-8 — the best guess left.

use super::Action;
use crate::actions::context::Context;
use crate::engine::options::CharsetChoice;

/// Lists the directory that can tell the charset of `action`'s non-ASCII names, when the
/// charset is still to be learned (see the module docs). Failures are left to the action.
pub(super) fn learn_before(ctx: &mut Context, action: &Action) {
    if let Some(path) = names_of(action).into_iter().find(|p| !p.is_ascii()) {
        learn_for(ctx, &path);
    }
}

/// The same for one path (the directory a URL opens in).
pub(super) fn learn_for(ctx: &mut Context, path: &str) {
    if path.is_ascii() || ctx.config.session.charset != CharsetChoice::Auto || !ctx.is_connected() {
        return;
    }
    if ctx.session().is_ok_and(|s| s.charset_is_open()) {
        let _ = ctx.entries(&ascii_parent(path));
    }
}

/// The remote names an action sends, and for uploads the local names that become remote ones
/// (a file's name, joined to the remote directory it goes to).
fn names_of(action: &Action) -> Vec<String> {
    use Action::*;
    let file_name = |p: &std::path::Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    match action {
        Get { remote, .. }
        | Pget { remote, .. }
        | Cd(remote)
        | Mkdir(remote)
        | Rmdir(remote)
        | Delete(remote) => vec![remote.clone()],
        Size { path, .. } | Modtime { path, .. } | Stat { path, .. } => vec![path.clone()],
        ListJson(Some(path)) => vec![path.clone()],
        List { paths, .. }
        | Mget {
            patterns: paths, ..
        }
        | Mdelete(paths) => paths.clone(),
        Rename { from, to } => vec![from.clone(), to.clone()],
        Put { local, remote, .. } => match remote {
            Some(r) if !r.ends_with('/') => vec![r.clone()],
            Some(dir) => vec![format!("{dir}{}", file_name(local))],
            None => vec![file_name(local)],
        },
        Mput { patterns, .. } => patterns.clone(),
        Mirror { remote, local, .. } => vec![remote.clone(), file_name(local)],
        _ => Vec::new(),
    }
}

/// The longest ancestor directory of `path` whose components are all ASCII ("" for the
/// current directory, "/" for the root).
fn ascii_parent(path: &str) -> String {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let dirs = &parts[..parts.len().saturating_sub(1)];
    let kept: Vec<&str> = dirs.iter().copied().take_while(|c| c.is_ascii()).collect();
    let joined = kept.join("/");
    match (joined.is_empty(), path.starts_with('/')) {
        (true, true) => "/".to_owned(),
        _ => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listed_directory_is_the_nearest_ascii_one_above_the_name() {
        assert_eq!(ascii_parent("中文.txt"), "");
        assert_eq!(ascii_parent("pub/中文.txt"), "pub");
        assert_eq!(ascii_parent("pub/数据/说明.txt"), "pub");
        assert_eq!(ascii_parent("/srv/数据/"), "/srv");
        assert_eq!(ascii_parent("/数据"), "/");
        assert_eq!(ascii_parent("数据/"), "");
    }

    #[test]
    fn uploads_count_the_local_name() {
        let put = Action::Put {
            local: "/tmp/报告.doc".into(),
            remote: Some("in/".into()),
            ty: None,
            mode: crate::actions::PutMode::Replace,
            opts: Default::default(),
        };
        assert_eq!(names_of(&put), ["in/报告.doc"]);
    }
}
