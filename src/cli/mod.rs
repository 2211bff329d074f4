//! The faces: clap arguments and one-shot planning, the interactive shell, batch mode and the
//! terminal UI. Each turns what the user typed into [`ferry::actions::Action`]s and runs them
//! through the one executor; none of them talks to the server itself.

pub mod args;
pub mod batch;
pub mod docs;
pub mod interrupt;
pub mod jobs;
pub mod oneshot;
pub mod run;
pub mod shell;
pub mod ui;
