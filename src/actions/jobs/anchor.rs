//! Which actions may run in the background, and where their local names point.
//!
//! A background job must not depend on what the foreground does later: its remote directory
//! is the context's at the start (the job's own connection goes there), and its relative local
//! paths are made absolute against the local directory at the start, since `lcd` changes the
//! process's directory for every thread.

use std::path::{Path, PathBuf};

use crate::actions::{Action, Output};

/// Why `action` cannot run in the background, in the shell's words; `None` when it can.
pub fn refusal(action: &Action) -> Option<String> {
    match action {
        Action::Get {
            output: Output::Stdout,
            ..
        } => Some(
            "a download to standard output cannot run in the background; give it a local name"
                .into(),
        ),
        Action::Get { .. }
        | Action::Mget { .. }
        | Action::Mirror { .. }
        | Action::Pget {
            output: Output::File(_) | Output::Into(_),
            ..
        }
        | Action::Put { .. }
        | Action::Mput { .. } => None,
        _ => Some(
            "only get, mget, mirror, pget, put and mput can run in the background (with & at \
             the end of the line)"
                .into(),
        ),
    }
}

/// `action` with its relative local paths made absolute against `cwd`.
pub fn anchored(action: &Action, cwd: &Path) -> Action {
    let abs = |p: &Path| -> PathBuf {
        match (p.is_absolute(), p.as_os_str() == ".") {
            (true, _) => p.to_owned(),
            (false, true) => cwd.to_owned(),
            (false, false) => cwd.join(p),
        }
    };
    let output = |o: &Output| match o {
        Output::Stdout => Output::Stdout,
        Output::File(p) => Output::File(abs(p)),
        Output::Into(p) => Output::Into(abs(p)),
    };
    let mut action = action.clone();
    match &mut action {
        Action::Get { output: o, .. } | Action::Pget { output: o, .. } => *o = output(o),
        Action::Mget { into, .. } => *into = abs(into),
        Action::Put { local, .. } | Action::Mirror { local, .. } => *local = abs(local),
        Action::Mput { patterns, .. } => {
            // A glob is anchored with the directory's own glob characters escaped.
            let base = glob::Pattern::escape(&cwd.to_string_lossy());
            for pattern in patterns.iter_mut() {
                if !Path::new(pattern.as_str()).is_absolute() {
                    *pattern = format!("{}/{pattern}", base.trim_end_matches('/'));
                }
            }
        }
        _ => {}
    }
    action
}

/// The local file a single download writes, when that is all it writes (for the check that
/// it is not already there).
pub fn single_target(action: &Action) -> Option<PathBuf> {
    let Action::Get {
        remote,
        output,
        opts,
        ..
    } = action
    else {
        return None;
    };
    if opts.recursive || opts.resume || opts.no_clobber {
        return None;
    }
    match output {
        Output::File(p) => Some(p.clone()),
        Output::Into(dir) => crate::actions::local_target(dir, remote).ok(),
        Output::Stdout => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::{Parallel, TransferOptions};

    fn get(output: Output) -> Action {
        Action::Get {
            remote: "pub/a.iso".into(),
            output,
            ty: None,
            opts: TransferOptions::default(),
        }
    }

    #[test]
    fn only_transfers_to_files_may_go_to_the_background() {
        assert!(refusal(&get(Output::Into(".".into()))).is_none());
        assert!(
            refusal(&get(Output::Stdout))
                .unwrap()
                .contains("standard output")
        );
        assert!(refusal(&Action::Pwd).unwrap().contains("only get, mget"));
        assert!(refusal(&Action::Cd("x".into())).is_some());
        let mput = Action::Mput {
            patterns: vec!["*.log".into()],
            parallel: Some(Parallel::Fixed(2)),
            json: false,
        };
        assert!(refusal(&mput).is_none());
    }

    #[test]
    fn relative_local_paths_are_anchored_where_the_job_started() {
        let cwd = Path::new("/home/u/dl");
        assert_eq!(
            anchored(&get(Output::Into(".".into())), cwd),
            get(Output::Into("/home/u/dl".into()))
        );
        assert_eq!(
            anchored(&get(Output::File("sub/b".into())), cwd),
            get(Output::File("/home/u/dl/sub/b".into()))
        );
        assert_eq!(
            anchored(&get(Output::File("/tmp/b".into())), cwd),
            get(Output::File("/tmp/b".into()))
        );
        let mput = |p: &str| Action::Mput {
            patterns: vec![p.into()],
            parallel: None,
            json: false,
        };
        assert_eq!(
            anchored(&mput("*.log"), Path::new("/srv/[x]")),
            mput("/srv/[[]x[]]/*.log")
        );
        assert_eq!(anchored(&mput("/abs/*.log"), cwd), mput("/abs/*.log"));
        let mget = Action::Mget {
            patterns: vec!["*".into()],
            into: ".".into(),
            parallel: None,
            json: false,
        };
        let Action::Mget { into, .. } = anchored(&mget, cwd) else {
            panic!()
        };
        assert_eq!(into, cwd);
    }

    #[test]
    fn the_target_of_a_plain_single_get_is_known_up_front() {
        let t = single_target(&get(Output::Into("/d".into())));
        assert_eq!(t, Some(PathBuf::from("/d/a.iso")));
        let mut resumed = get(Output::Into("/d".into()));
        if let Action::Get { opts, .. } = &mut resumed {
            opts.resume = true;
        }
        assert_eq!(single_target(&resumed), None);
    }
}
