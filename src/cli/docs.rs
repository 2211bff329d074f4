//! `ferry generate-docs DIR`: the man pages and shell completions, made from the clap
//! definition in `args.rs` by clap_mangen and clap_complete. It is recognised before clap
//! parses the command line and is not a clap subcommand, so neither help, the man pages nor
//! the completions offer it (it is for maintainers). The checked-in `man/` and
//! `completions/` are this command's output for the repository root (`ferry generate-docs .`);
//! a test regenerates them into a temporary directory and compares byte for byte.

use std::io;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::args::Cli;

/// The directory of `ferry generate-docs DIR`, when that is the whole command line.
pub fn requested(mut args: impl Iterator<Item = std::ffi::OsString>) -> Option<PathBuf> {
    let _program = args.next()?;
    if args.next()? != "generate-docs" {
        return None;
    }
    let dir = args.next()?;
    args.next().is_none().then(|| PathBuf::from(dir))
}

/// Runs `ferry generate-docs DIR`.
pub fn run(dir: PathBuf) -> ferry::Result<std::process::ExitCode> {
    generate(&dir).map_err(|source| ferry::Error::Local {
        what: "cannot write into",
        path: dir,
        source,
    })?;
    Ok(std::process::ExitCode::SUCCESS)
}

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
