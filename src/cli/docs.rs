//! `ferry generate-docs DIR` (hidden): the man pages and shell completions, made from the clap
//! definition in `cli.rs` by clap_mangen and clap_complete. The checked-in `man/` and
//! `completions/` are this command's output for the repository root (`ferry generate-docs .`);
//! a test regenerates them into a temporary directory and compares byte for byte.

use std::io;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::args::Cli;

/// Writes `DIR/man/ferry.1`, `DIR/man/ferry-SUBCOMMAND.1`, … and `DIR/completions/*`.
pub fn generate(dir: &Path) -> io::Result<()> {
    let cmd = Cli::command();
    let man = dir.join("man");
    std::fs::create_dir_all(&man)?;
    clap_mangen::generate_to(cmd.clone(), &man)?;
    let completions = dir.join("completions");
    std::fs::create_dir_all(&completions)?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        clap_complete::generate_to(shell, &mut cmd.clone(), "ferry", &completions)?;
    }
    Ok(())
}
