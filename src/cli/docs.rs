//! `ferry generate-docs DIR`: the man pages and shell completions, made from the clap
//! definition in `args.rs` by clap_mangen and clap_complete. It is recognised before clap
//! parses the command line and is not a clap subcommand, so neither help, the man pages nor
//! the completions offer it (it is for maintainers). The checked-in `man/` and
//! `completions/` are this command's output for the repository root (`ferry generate-docs .`);
//! a test regenerates them into a temporary directory and compares byte for byte.
//!
//! `ferry.1` is clap_mangen's sections plus ferry's own (`man.rs`): the shell's commands, the
//! data-connection modes with NAT and firewalls, the exit codes, the environment and the
//! files. `ferry-shell.1` is the shell's and batch mode's page, its command reference made
//! from the shell's clap grammar.

mod man;

use std::io;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::Man;

use crate::cli::args::Cli;
use crate::cli::shell::grammar;

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
    std::fs::write(man.join("ferry.1"), main_page(cmd.clone())?)?;
    std::fs::write(man.join("ferry-shell.1"), shell_page(cmd.get_version())?)?;
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

/// The pages one-shot commands have, for SEE ALSO.
fn subcommand_pages(cmd: &clap::Command) -> Vec<String> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .map(|s| format!("ferry-{}", s.get_name()))
        .collect()
}

/// `ferry.1`: clap_mangen's title, synopsis, description, options and subcommands, then the
/// shell's commands in brief and ferry's own sections.
fn main_page(cmd: clap::Command) -> io::Result<Vec<u8>> {
    let mut pages = vec!["ferry-shell".to_owned()];
    pages.extend(subcommand_pages(&cmd));
    let page = Man::new(cmd);
    let mut out = Vec::new();
    page.render_title(&mut out)?;
    out.extend_from_slice(b".nh\n");
    out.extend_from_slice(
        man::name_section("ferry", "a fast, careful FTP and FTPS client").as_bytes(),
    );
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    page.render_options_section(&mut out)?;
    page.render_subcommands_section(&mut out)?;
    let shell = format!(
        ".SH SHELL COMMANDS\n{}\n{}",
        man::esc(
            "Without a subcommand ferry runs its shell, and -b FILE runs the same commands from a \
             file; ferry-shell(1) has the whole reference. help NAME in the shell shows one."
        ),
        man::shell_commands(&grammar::command(), true)
    );
    let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
    for section in [
        shell,
        man::modes_section(),
        man::checks_section(false),
        man::charset_section(),
        man::proxy_section(),
        man::exit_section(false),
        man::environment_section(),
        man::files_section(),
        man::see_also(&refs),
    ] {
        out.extend_from_slice(section.as_bytes());
    }
    page.render_version_section(&mut out)?;
    Ok(out)
}

/// `ferry-shell.1`: the interactive shell and batch mode, with every command.
fn shell_page(version: Option<&str>) -> io::Result<Vec<u8>> {
    let version = version.unwrap_or_default();
    let mut out = format!(".TH ferry-shell 1 \"\" \"ferry {version}\"\n.nh\n");
    out.push_str(&man::name_section(
        "ferry-shell",
        "the interactive shell and batch commands of ferry",
    ));
    out.push_str(
        ".SH SYNOPSIS\n\\fBferry\\fR [\\fIOPTIONS\\fR] [\\fIURL\\fR|\\fIBOOKMARK\\fR]\n.br\n\
         \\fBferry\\fR \\fB\\-b\\fR \\fIFILE\\fR [\\fIURL\\fR]\n.br\n\
         \\fBferry\\fR [\\fIURL\\fR] < \\fISCRIPT\\fR\n",
    );
    out.push_str(".SH DESCRIPTION\n");
    let description = [
        "On a terminal, ferry without a subcommand starts an interactive shell with the classic \
         commands of ftp(1); given a URL or a bookmark's name, it connects first. The prompt \
         says where you are: ferry user@host:/dir>.",
        "Names with spaces are quoted or escaped as in a shell (get \"my file.txt\", cd my\\ dir); \
         mget, mput and mdelete take globs. Tab completes commands, remote paths and local \
         paths; a second Tab lists the candidates. The history never holds a password.",
        "Ctrl-C during a transfer aborts it and keeps the connection; a download cut short \
         keeps NAME.part, which get -c NAME continues. At the prompt Ctrl-C clears the line, \
         and Ctrl-D quits. A connection the server dropped is made again by the next command, \
         back in the same directory.",
        "Batch mode (ferry -b FILE, or commands on standard input when it is not a terminal) \
         runs the same commands, one per line; blank lines and # comments are skipped. The \
         first failing line stops the run with its line number, unless -k is given; a line \
         starting with - may fail without stopping anything. No questions are asked.",
        "A get, mget, mirror, pget, put or mput with & at the end of its line runs as a \
         background job, on a connection of its own, in the remote and local directories of \
         the moment it started; the prompt comes back at once. jobs lists the jobs with their \
         progress, wait [N] waits for them, kill N stops one (a download keeps NAME.part for \
         get -c), and fg [N] follows one with its progress bar (Ctrl-C then stops it; Ctrl-C \
         during any other command never stops a job). A job that ends says so in one line \
         before the next prompt, or above the line being typed, which is drawn again. A job \
         asks nothing: a get whose local file exists is refused (add -c or -n), and mget and \
         mput take every match. quit with jobs running asks whether to stop them. help jobs \
         says more.",
        "In batch mode a line ending in & runs in the background and the script goes on; wait \
         joins, and the end of the script waits for every job. A job that failed is reported \
         with its line number and stops the script as a failing line would (the jobs already \
         running are waited for), unless -k is given or its line starts with -.",
        "Hints after an error name shell commands (passive, user NAME, get -r NAME) rather \
         than command-line flags.",
    ];
    for (i, p) in description.iter().enumerate() {
        if i > 0 {
            out.push_str(".PP\n");
        }
        out.push_str(&man::esc(p));
        out.push('\n');
    }
    out.push_str(".SH COMMANDS\n");
    out.push_str(&man::shell_commands(&grammar::command(), false));
    out.push_str(&man::modes_section());
    out.push_str(&man::checks_section(true));
    out.push_str(&man::charset_section());
    out.push_str(&man::proxy_section());
    out.push_str(&man::exit_section(true));
    out.push_str(&man::environment_section());
    out.push_str(&man::files_section());
    out.push_str(&man::see_also(&["ferry", "ftp", "netrc"]));
    Ok(out.into_bytes())
}
