//! How the shell and batch mode show background jobs (the table itself is
//! `ferry::actions::jobs`): the line a job starts with, `jobs`'s list, the one line a job ends
//! with, and `fg`, which follows a job with a progress bar in the foreground.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ferry::actions::jobs::{Ended, JobId, Jobs, Snapshot, State};
use ferry::actions::{Action, Ui, human_bytes};
use ferry::sanitize::terminal_safe;

use crate::cli::interrupt::shell_note;
use crate::cli::ui::TerminalUi;

/// `[1] started: get big.iso`.
pub fn started_line(id: JobId, label: &str) -> String {
    format!("[{id}] started: {}", terminal_safe(label))
}

/// `jobs`: one line per job, `[1] running  get big.iso  42% 12.3 MiB/29.0 MiB`; a note when
/// there are none.
pub fn list(jobs: &Jobs) -> String {
    let views = jobs.views();
    if views.is_empty() {
        return "no background jobs (a transfer with & at the end of its line runs in the \
                background)\n"
            .into();
    }
    views
        .iter()
        .map(|v| {
            format!(
                "[{}] {:<8} {}  {}\n",
                v.id,
                v.state.word(),
                terminal_safe(&v.label),
                progress_text(&v.progress)
            )
        })
        .collect()
}

/// How far a job came: `42% 12.3 MiB/29.0 MiB`, `3/10 files, 12.3 MiB`, or the bytes alone.
pub fn progress_text(p: &Snapshot) -> String {
    let bytes = human_bytes(p.bytes as f64);
    match (p.files, p.total) {
        (Some((done, Some(all))), _) => format!("{done}/{all} files, {bytes}"),
        (Some((done, None)), _) => format!("{done} files, {bytes}"),
        (None, Some(total)) if total > 0 => format!(
            "{}% {bytes}/{}",
            (p.bytes.min(total) * 100) / total,
            human_bytes(total as f64)
        ),
        (None, _) if p.current.is_none() => "starting".into(),
        (None, _) => bytes,
    }
}

/// The one line a job ends with: `[1] done: get big.iso (big.iso: 29.0 MiB in 3.20 s, …)`,
/// `[2] failed: get nope.bin: …`, or `[1] killed: …` with how to continue a partial file.
pub fn ended_line(e: &Ended) -> String {
    let label = terminal_safe(&e.label);
    let id = e.id;
    match (&e.result, e.state) {
        (Ok(()), _) => match e.summaries.last() {
            Some(summary) => format!("[{id}] done: {label} ({})", terminal_safe(summary)),
            None => format!("[{id}] done: {label}"),
        },
        (Err(_), State::Killed) => match shell_note(&e.action) {
            Some(note) => format!("[{id}] killed: {label}; {note}"),
            None => format!("[{id}] killed: {label}"),
        },
        (Err(err), _) => format!(
            "[{id}] failed: {label}: {}",
            terminal_safe(&err.to_string())
        ),
    }
}

/// What an ended job has to say besides its output: its notices (`[1] …`), then its one last
/// line.
pub fn ended_text(e: &Ended) -> String {
    let mut text = String::new();
    for notice in &e.notices {
        text.push_str(&format!("[{}] {}\n", e.id, terminal_safe(notice)));
    }
    text.push_str(&ended_line(e));
    text.push('\n');
    text
}

/// Whether a job's action changed remote files (the foreground's cached listings are stale).
pub fn changed_remote(action: &Action) -> bool {
    match action {
        Action::Put { .. } | Action::Mput { .. } => true,
        Action::Mirror { opts, .. } => opts.reverse,
        _ => false,
    }
}

/// `fg [N]`: follows job `id` with a progress bar until it ends; `interrupt` (Ctrl-C) stops
/// it. Its end line is left for the caller to show.
pub fn follow(
    jobs: &Jobs,
    id: JobId,
    ui: &mut TerminalUi,
    interrupt: &AtomicBool,
) -> Result<(), String> {
    let (label, _, _) = jobs
        .progress(id)
        .ok_or_else(|| format!("no job {id}; `jobs` lists them"))?;
    eprintln!("[{id}] {}", terminal_safe(&label));
    // What the bar shows besides the bytes: the count of files, the size, the file.
    let mut shown: Option<Snapshot> = None;
    let mut killed = false;
    while let Some((_, now, false)) = jobs.progress(id) {
        if interrupt.load(Ordering::SeqCst) && !killed {
            let _ = jobs.kill(id);
            killed = true;
        }
        // A new file (or a new count of files) starts a new bar.
        let key = Snapshot {
            bytes: 0,
            ..now.clone()
        };
        if shown.as_ref() != Some(&key) {
            let bar = ui.progress(false);
            if shown.is_some() {
                bar.finish(0);
            }
            bar.start(&bar_name(&label, &now), now.total);
            shown = Some(key);
        }
        ui.progress(false).advance(now.bytes);
        std::thread::sleep(Duration::from_millis(100));
    }
    if shown.is_some() {
        ui.progress(false).finish(0);
    }
    Ok(())
}

/// The name on `fg`'s bar: the file under way, with the count during a many-file command.
fn bar_name(label: &str, now: &Snapshot) -> String {
    let name = now.current.clone().unwrap_or_else(|| label.to_owned());
    match now.files {
        Some((done, Some(all))) => format!("{name} ({done}/{all})"),
        Some((done, None)) => format!("{name} ({done} done)"),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(files: Option<(u64, Option<u64>)>, bytes: u64, total: Option<u64>) -> Snapshot {
        Snapshot {
            files,
            bytes,
            total,
            current: Some("big.iso".into()),
        }
    }

    #[test]
    fn progress_reads_as_percent_of_a_file_or_files_of_a_count() {
        let mib = 1024 * 1024;
        assert_eq!(
            progress_text(&snapshot(None, 12 * mib + mib / 3, Some(29 * mib))),
            "42% 12.3 MiB/29.0 MiB"
        );
        assert_eq!(
            progress_text(&snapshot(Some((3, Some(10))), 2048, None)),
            "3/10 files, 2.0 KiB"
        );
        assert_eq!(progress_text(&snapshot(None, 5, None)), "5 B");
        assert_eq!(progress_text(&Snapshot::default()), "starting");
    }
}
