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
