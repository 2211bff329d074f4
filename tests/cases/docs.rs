//! The checked-in man pages and completions are exactly what `ferry generate-docs` makes from
//! the current clap definition. When this fails, run `cargo run -- generate-docs .` and commit.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::support::{ferry_command, run};

fn files_under(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for sub in ["man", "completions"] {
        let dir = root.join(sub);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let name = format!("{sub}/{}", entry.file_name().to_string_lossy());
            out.insert(name, fs::read(entry.path()).unwrap());
        }
    }
    out
}

#[test]
fn checked_in_man_pages_and_completions_are_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = ferry_command();
    cmd.arg("generate-docs").arg(tmp.path());
    run(cmd).success();
    let fresh = files_under(tmp.path());
    assert!(fresh.contains_key("man/ferry.1") && fresh.contains_key("completions/_ferry"));
    for expected in [
        "completions/ferry.bash",
        "completions/ferry.fish",
        "completions/ferry.elv",
        "completions/_ferry.ps1",
        "man/ferry-get.1",
        "man/ferry-bookmark.1",
        "man/ferry-shell.1",
    ] {
        assert!(fresh.contains_key(expected), "{expected} not generated");
    }
    let repo = files_under(Path::new(env!("CARGO_MANIFEST_DIR")));
    let stale: Vec<&String> = fresh
        .keys()
        .chain(repo.keys())
        .filter(|name| fresh.get(*name) != repo.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "man/ and completions/ are out of date ({stale:?}); run `cargo run -- generate-docs .`"
    );
}

#[test]
fn completions_and_help_never_offer_the_maintainers_generate_docs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(root.join("completions")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("generate-docs"),
            "{} offers it",
            path.display()
        );
    }
    let help = crate::support::ferry(&["--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(!help.contains("generate-docs"), "{help}");
}

#[test]
fn the_man_pages_carry_the_shell_reference_the_modes_the_exit_codes_and_the_environment() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let main = fs::read_to_string(root.join("man/ferry.1")).unwrap();
    let shell = fs::read_to_string(root.join("man/ferry-shell.1")).unwrap();
    assert!(
        main.contains(".SH NAME\nferry \\- a fast, careful FTP and FTPS client\n"),
        "NAME line:\n{main}"
    );
    assert!(
        shell.contains(".SH NAME\nferry\\-shell \\- "),
        "NAME line:\n{shell}"
    );
    for page in [&main, &shell] {
        for section in [
            ".SH PASSIVE AND ACTIVE MODE, NAT AND FIREWALLS",
            ".SH EXIT STATUS",
            ".SH ENVIRONMENT",
            ".SH FILES",
        ] {
            assert!(page.contains(section), "{section} missing");
        }
        // No hyphenation, and variables written with underscores: `man` never shows
        // FERRY_ACTIVE_AD- DRESS or FERRY-MODE.
        assert!(page.contains("\n.nh\n"), "hyphenation is on");
        assert!(!page.contains("FERRY\\-"), "a hyphenated variable name");
        for var in [
            "FERRY_MODE",
            "FERRY_ACTIVE_PORTS",
            "FERRY_PASSWORD",
            "NETRC",
        ] {
            assert!(page.contains(&format!("\\fB{var}\\fR")), "{var} missing");
        }
        assert!(page.contains("\\fB130\\fR"), "exit code 130 missing");
        assert!(page.contains("the server connects back to the client"));
        assert!(!page.contains(".SH EXTRA"), "the unformatted --help text");
    }
    assert!(main.contains(".SH SHELL COMMANDS"));
    // Every command the shell's help lists has its entry, with usage and arguments.
    let mut cmd = ferry_command();
    cmd.args(["-b", "-"]);
    cmd.stdin(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"help\n").unwrap();
    let help = child.wait_with_output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    let names: Vec<&str> = help
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.len() > 40, "{help}");
    for name in names {
        let tag = format!(".TP\n\\fB{}", name.replace('-', "\\-"));
        assert!(shell.contains(&tag), "ferry-shell.1 lacks {name}");
        assert!(main.contains(&tag), "ferry.1 lacks {name}");
    }
    assert!(shell.contains("\\fBget [OPTIONS] <REMOTE> [LOCAL]\\fR"));
    assert!(shell.contains("\\fBbookmark add"));
}
