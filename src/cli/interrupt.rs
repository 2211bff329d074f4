//! What Ctrl-C leaves behind: a download cut short keeps its data in `NAME.part`, and the user
//! is told so, with the way to continue it in the words of the face (`get -c NAME` in the
//! shell, `-c` (`--continue`) on the command line).
//!
//! The shell aborts the transfer and keeps the connection (see `shell`). A one-shot command
//! still ends at once on Ctrl-C, as it always did, but first says which partial file it kept.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use ferry::actions::{Action, Output, local_target};
use ferry::engine::transfer::part_path;
use ferry::sanitize::terminal_safe;

/// The `NAME.part` a single-file download to a file would leave, and the remote path.
pub fn part_of(action: &Action) -> Option<(PathBuf, &str)> {
    let Action::Get {
        remote,
        output,
        opts,
        ..
    } = action
    else {
        return None;
    };
    let target = match output {
        _ if opts.recursive => return None,
        Output::File(path) => path.clone(),
        Output::Into(dir) => local_target(dir, remote).ok()?,
        Output::Stdout => return None,
    };
    Some((part_path(&target), remote.as_str()))
}

/// `part` when a download left data in it.
fn kept(part: &std::path::Path) -> bool {
    std::fs::metadata(part).is_ok_and(|m| m.is_file() && m.len() > 0)
}

/// The shell's line after an interrupted `get`, when it kept a partial file: how to resume.
pub fn shell_note(action: &Action) -> Option<String> {
    let (part, remote) = part_of(action)?;
    if !kept(&part) {
        return None;
    }
    let name = shlex::try_quote(remote).unwrap_or(remote.into());
    let local = match action {
        Action::Get {
            output: Output::File(path),
            ..
        } => {
            let path = path.to_string_lossy();
            format!(" {}", shlex::try_quote(&path).unwrap_or(path.clone()))
        }
        _ => String::new(),
    };
    Some(format!(
        "partial file kept as {}; `get -c {name}{local}` resumes",
        terminal_safe(&part.display().to_string())
    ))
}

/// The one-shot line for the partial files of `parts` that hold data.
fn one_shot_note(parts: &[PathBuf]) -> Option<String> {
    let kept: Vec<String> = parts
        .iter()
        .filter(|p| kept(p))
        .map(|p| terminal_safe(&p.display().to_string()).into_owned())
        .collect();
    if kept.is_empty() {
        return None;
    }
    Some(format!(
        "partial file kept as {}; run the same ferry get with -c (--continue) to resume",
        kept.join(", ")
    ))
}

/// For a one-shot command with downloads to files: Ctrl-C says which partial files were kept
/// and how to resume them, then ends the program with exit code 130 at once (as the default
/// signal handling would, without the note). Other commands keep the default handling.
pub fn note_parts_on_ctrl_c(actions: &[&Action]) {
    let parts: Vec<PathBuf> = actions
        .iter()
        .filter_map(|a| part_of(a).map(|(part, _)| part))
        .collect();
    if parts.is_empty() {
        return;
    }
    let parts = Arc::new(Mutex::new(parts));
    let _ = ctrlc::set_handler(move || {
        let parts = parts.lock().unwrap_or_else(|e| e.into_inner());
        match one_shot_note(&parts) {
            Some(note) => eprintln!("\nferry: interrupted; {note}"),
            None => eprintln!("\nferry: interrupted"),
        }
        std::process::exit(130);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use ferry::actions::TransferOptions;

    fn get(remote: &str, output: Output, recursive: bool) -> Action {
        Action::Get {
            remote: remote.into(),
            output,
            ty: None,
            opts: TransferOptions {
                recursive,
                ..TransferOptions::default()
            },
        }
    }

    #[test]
    fn a_single_download_to_a_file_names_its_part_file() {
        let into_here = get("pub/a.iso", Output::Into(".".into()), false);
        let (part, remote) = part_of(&into_here).unwrap();
        assert_eq!((part, remote), (PathBuf::from("a.iso.part"), "pub/a.iso"));
        let (part, _) = part_of(&get("a", Output::File("dl/b".into()), false)).unwrap();
        assert_eq!(part, PathBuf::from("dl/b.part"));
        assert!(part_of(&get("a", Output::Stdout, false)).is_none());
        assert!(part_of(&get("d", Output::Into(".".into()), true)).is_none());
    }

    #[test]
    fn the_shell_note_says_how_to_resume_only_when_data_was_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("my file.bin");
        let action = get("my file.bin", Output::File(target.clone()), false);
        assert!(shell_note(&action).is_none(), "no part file yet");
        std::fs::write(part_path(&target), b"some").unwrap();
        let note = shell_note(&action).unwrap();
        assert!(note.contains("my file.bin.part"), "{note}");
        assert!(note.contains("`get -c 'my file.bin' "), "{note}");
    }
}
