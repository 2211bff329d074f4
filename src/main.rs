//! The `ferry` binary: parse the arguments, run, and end with the documented exit code.
//!
//! This is the one place that prints the error ending a run (`ferry: error: …` and its hint);
//! everything else lives in [`cli`].

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let result = match cli::docs::requested(std::env::args_os()) {
        Some(dir) => cli::docs::run(dir),
        None => cli::run::run(cli::args::parse()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            cli::ui::report("", &e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
