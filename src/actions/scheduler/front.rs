//! What the lanes tell the calling thread, and how it shows it through the [`Ui`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};

use crate::actions::Ui;
use crate::actions::file::{self, Finished};
use crate::engine::session::Session;
use crate::engine::transfer::Progress;
use crate::error::{Error, Result};

/// How lanes show on the front end: one lane uses the single progress display (with `#`
/// marks when asked), several get one display each.
#[derive(Clone, Copy)]
pub(super) struct Front {
    pub(super) single: bool,
    pub(super) hash: bool,
}

impl Front {
    pub(super) fn progress<'u>(&self, ui: &'u mut dyn Ui, lane: usize) -> &'u mut dyn Progress {
        match self.single {
            true => ui.progress(self.hash),
            false => ui.lane(lane),
        }
    }
}

/// What workers tell the front end.
pub(super) enum Event {
    Start {
        lane: usize,
        name: String,
        total: Option<u64>,
    },
    Advance {
        lane: usize,
        done: u64,
    },
    Finish {
        lane: usize,
        done: u64,
    },
    /// A file is complete; `json` asks for its JSON object instead of the summary line.
    Done {
        file: Finished,
        json: bool,
    },
    Notice(String),
    /// A yes/no question for the user; the answer goes back on `answer`.
    Confirm {
        question: String,
        answer: Sender<bool>,
    },
}

/// A worker's [`Progress`]: forwards to the front end's lane.
pub(super) struct Lane {
    pub(super) lane: usize,
    pub(super) tx: Sender<Event>,
}

impl Progress for Lane {
    fn start(&mut self, name: &str, total: Option<u64>) {
        let _ = self.tx.send(Event::Start {
            lane: self.lane,
            name: name.to_owned(),
            total,
        });
    }
    fn advance(&mut self, done: u64) {
        let _ = self.tx.send(Event::Advance {
            lane: self.lane,
            done,
        });
    }
    fn finish(&mut self, done: u64) {
        let _ = self.tx.send(Event::Finish {
            lane: self.lane,
            done,
        });
    }
}

/// What a worker thread hands back: its session (if it still has one) and its failure.
pub(super) type LaneOutcome = (Option<Session>, Option<Error>);

/// The files the lanes finished, and their bytes: the many-file summary's numbers.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Tally {
    pub(super) files: u64,
    pub(super) bytes: u64,
}

/// Shows the workers' events until they all hung up, then collects what they returned. When
/// standard output fails (a closed pipe under `--json`), `stop` is raised so no new file starts,
/// and the failure comes last, after the lanes' own outcomes.
pub(super) fn finish_lanes(
    rx: Receiver<Event>,
    handles: Vec<std::thread::ScopedJoinHandle<'_, LaneOutcome>>,
    front: Front,
    ui: &mut dyn Ui,
    stop: &AtomicBool,
) -> (Vec<LaneOutcome>, Tally) {
    let mut output: Option<Error> = None;
    let mut tally = Tally::default();
    for event in rx {
        if let Event::Done { file, .. } = &event {
            tally.files += 1;
            tally.bytes += file.bytes;
        }
        if let Err(e) = show(event, front, ui, output.is_none()) {
            stop.store(true, Ordering::SeqCst);
            output.get_or_insert(e);
        }
    }
    let mut outcomes: Vec<LaneOutcome> = handles
        .into_iter()
        .map(|h| h.join().expect("a transfer worker panicked"))
        .collect();
    if let Some(e) = output {
        outcomes.push((None, Some(e)));
    }
    (outcomes, tally)
}

/// Shows one event; `print` false once standard output has failed (nothing more is written).
fn show(event: Event, front: Front, ui: &mut dyn Ui, print: bool) -> Result<()> {
    match event {
        Event::Start { lane, name, total } => front.progress(ui, lane).start(&name, total),
        Event::Advance { lane, done } => front.progress(ui, lane).advance(done),
        Event::Finish { lane, done } => front.progress(ui, lane).finish(done),
        Event::Done { file, json } if print || !json => return file::report(ui, &file, json),
        Event::Done { file, .. } => ui.batch_step(file.bytes),
        Event::Notice(text) => ui.notice(&text),
        Event::Confirm { question, answer } => {
            let _ = answer.send(ui.confirm(&question));
        }
    }
    Ok(())
}
