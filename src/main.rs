//! The `ferry` binary: parse arguments, run, print `ferry: error: …`, exit with its code.

mod cli;
mod ui;

use std::process::ExitCode;

use clap::Parser;

use ferry::oneshot::{self, Hooks};

fn main() -> ExitCode {
    let (config, cmd) = cli::Cli::parse().resolve();
    let mut ui = ui::TerminalUi::new(config.quiet);
    let verbose = config.verbose;
    let trace = move || verbose.then(ui::stderr_trace);
    let mut prompt = ui::prompt_password;
    let hooks = Hooks {
        ui: &mut ui,
        trace: &trace,
        prompt: &mut prompt,
    };
    let result = oneshot::run(&cmd, &config, hooks);
    let flushed = ui.flush();
    match result {
        Err(e) if !ui::is_broken_pipe(&e) => {
            ui::report(&e);
            ExitCode::from(e.exit_code() as u8)
        }
        _ if flushed
            .as_ref()
            .is_err_and(|e| e.kind() != std::io::ErrorKind::BrokenPipe) =>
        {
            eprintln!(
                "ferry: error: cannot write to standard output: {}",
                flushed.unwrap_err()
            );
            ExitCode::from(ferry::ExitCode::LocalFile as u8)
        }
        _ => ExitCode::SUCCESS,
    }
}
