//! The per-file rules are the same whichever way the files travel: `get -r … -P 1` (one
//! connection), `get -r … -P 4` (lanes) and `mirror` must leave the same files with the same
//! contents and exit with the same code for a fresh target, an existing target with `-n`, an
//! existing partial target with `-c`, a `.part` left by a cut, and a download cut half-way
//! that is retried. Uploads likewise through `put -r -P 1`, `-P 4` and `mirror -R`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{ferry, test_bytes};

const SIZE: usize = 100_000;
const PARTIAL: usize = 40_000;

fn remote_files() -> Vec<(String, Vec<u8>)> {
    ["a.dat", "b.dat"]
        .iter()
        .enumerate()
        .map(|(i, name)| (format!("/t/{name}"), test_bytes(SIZE, 7 + i as u64)))
        .collect()
}

fn content(name: &str) -> Vec<u8> {
    let path = format!("/t/{name}");
    remote_files()
        .into_iter()
        .find(|(p, _)| *p == path)
        .unwrap()
        .1
}

/// How the files travel. Mirror has no `-n`: the cases with it leave mirror out.
#[derive(Debug, Clone, Copy)]
enum Way {
    /// `get -r -P 1`.
    Serial,
    /// `get -r -P 4`.
    Lanes,
    /// `mirror` (`--continue` stands for `-c`; it has no `-n`).
    Mirror,
}

/// Everything under `dir` (relative name, bytes), `.part` files included.
fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let Ok(read) = fs::read_dir(dir) else {
        return out;
    };
    for entry in read {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            for (inner, bytes) in files_under(&path) {
                out.insert(format!("{name}/{inner}"), bytes);
            }
        } else {
            out.insert(name, fs::read(&path).unwrap());
        }
    }
    out
}

/// Runs one case: `setup` prepares the local `t` directory, `flags` are the transfer flags.
/// Returns the exit code, the local files, and whether a download continued (REST > 0).
fn outcome(
    way: Way,
    cfg: FakeConfig,
    setup: &dyn Fn(&Path),
    flags: &[&str],
) -> (i32, BTreeMap<String, Vec<u8>>, bool) {
    let server = FakeServer::start(FakeConfig {
        files: remote_files(),
        ..cfg
    });
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    let local = out.join("t");
    fs::create_dir_all(&local).unwrap();
    setup(&local);
    let url = server.url("/t");
    let out_s = out.to_str().unwrap();
    let local_s = local.to_str().unwrap();
    let mut args: Vec<&str> = match way {
        Way::Serial => vec!["get", "-r", "-P", "1"],
        Way::Lanes => vec!["get", "-r", "-P", "4"],
        Way::Mirror => vec!["mirror"],
    };
    args.extend(flags);
    match way {
        Way::Mirror => args.extend([url.as_str(), local_s]),
        _ => args.extend([url.as_str(), "-O", out_s]),
    }
    let run = ferry(&args);
    let continued = server
        .commands()
        .iter()
        .any(|c| c.starts_with("REST ") && c != "REST 0");
    (run.code, files_under(&local), continued)
}

/// The same outcome by every way (mirror only where it has the flags).
fn same_every_way(
    what: &str,
    cfg: impl Fn() -> FakeConfig,
    setup: &dyn Fn(&Path),
    flags: &[&str],
    ways: &[Way],
) -> (i32, BTreeMap<String, Vec<u8>>, bool) {
    let first = outcome(Way::Serial, cfg(), setup, flags);
    for way in ways {
        let other = outcome(*way, cfg(), setup, flags);
        assert_eq!(other.0, first.0, "{what}: exit code of {way:?}");
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&other.1), names(&first.1), "{what}: files of {way:?}");
        for (name, bytes) in &first.1 {
            assert!(
                other.1[name] == *bytes,
                "{what}: {name} of {way:?} has {} bytes, -P 1 made {}",
                other.1[name].len(),
                bytes.len()
            );
        }
        assert_eq!(other.2, first.2, "{what}: continued with REST by {way:?}");
    }
    first
}

fn whole() -> BTreeMap<String, Vec<u8>> {
    ["a.dat", "b.dat"]
        .iter()
        .map(|n| (n.to_string(), content(n)))
        .collect()
}

fn prefixes(dir: &Path) {
    for name in ["a.dat", "b.dat"] {
        fs::write(dir.join(name), &content(name)[..PARTIAL]).unwrap();
    }
}

const ALL: &[Way] = &[Way::Lanes, Way::Mirror];

#[test]
fn a_fresh_target_is_fetched_whole_every_way() {
    let (code, files, continued) = same_every_way("fresh", FakeConfig::default, &|_| {}, &[], ALL);
    assert_eq!((code, files, continued), (0, whole(), false));
}

#[test]
fn an_existing_target_is_replaced_without_flags_every_way() {
    let old = |dir: &Path| fs::write(dir.join("a.dat"), "old").unwrap();
    let (code, files, continued) = same_every_way("existing", FakeConfig::default, &old, &[], ALL);
    assert_eq!((code, files, continued), (0, whole(), false));
}

#[test]
fn an_existing_target_is_left_alone_with_no_clobber_every_way() {
    let old = |dir: &Path| fs::write(dir.join("a.dat"), "old").unwrap();
    let (code, files, _) = same_every_way("-n", FakeConfig::default, &old, &["-n"], &[Way::Lanes]);
    assert_eq!(code, 0);
    assert_eq!(files["a.dat"], b"old");
    assert!(files["b.dat"] == content("b.dat"));
}

#[test]
fn partial_targets_are_continued_with_continue_every_way() {
    let (code, files, continued) =
        same_every_way("-c", FakeConfig::default, &prefixes, &["-c"], ALL);
    assert_eq!((code, files, continued), (0, whole(), true));
}

#[test]
fn partial_targets_are_continued_with_continue_and_no_clobber_every_way() {
    // The bug this test was written for: -P 2 and more left both files at 40 kB.
    let (code, files, continued) = same_every_way(
        "-c -n",
        FakeConfig::default,
        &prefixes,
        &["-c", "-n"],
        &[Way::Lanes],
    );
    assert_eq!((code, files, continued), (0, whole(), true));
}

#[test]
fn a_part_file_left_by_a_cut_is_adopted_only_with_continue_every_way() {
    let part =
        |dir: &Path| fs::write(dir.join("a.dat.part"), &content("a.dat")[..PARTIAL]).unwrap();
    let (code, files, continued) =
        same_every_way("-c .part", FakeConfig::default, &part, &["-c"], ALL);
    assert_eq!((code, files, continued), (0, whole(), true));
    let (code, files, continued) = same_every_way(".part", FakeConfig::default, &part, &[], ALL);
    assert_eq!((code, files, continued), (0, whole(), false));
}

#[test]
fn a_download_cut_half_way_is_retried_from_where_it_stopped_every_way() {
    let cut = || FakeConfig {
        retr_truncate: Some(30_000),
        retr_truncate_times: 1,
        ..FakeConfig::default()
    };
    let (code, files, continued) = same_every_way("cut", cut, &|_| {}, &[], ALL);
    assert_eq!((code, files, continued), (0, whole(), true));
    let lost = || FakeConfig {
        retr_cut_closes_control: true,
        ..cut()
    };
    let (code, files, continued) = same_every_way("cut and lost", lost, &|_| {}, &[], ALL);
    assert_eq!((code, files, continued), (0, whole(), true));
}

/// How files travel up.
#[derive(Debug, Clone, Copy)]
enum Up {
    /// `put -r -P 1`.
    Serial,
    /// `put -r -P 4`.
    Lanes,
    /// `mirror -R`.
    Mirror,
}

/// Uploads the local `t` (a.dat and b.dat) to the fake server's `/up/t`, whose files `remote`
/// are there first; returns the exit code, the remote files, and whether an upload continued
/// (APPE).
fn upload_outcome(
    way: Up,
    cfg: FakeConfig,
    remote: &[(&str, &[u8])],
    flags: &[&str],
) -> (i32, BTreeMap<String, Vec<u8>>, bool) {
    let mut files: Vec<(String, Vec<u8>)> = vec![("/up/t/".into(), Vec::new())];
    files.extend(
        remote
            .iter()
            .map(|(n, b)| (format!("/up/t/{n}"), b.to_vec())),
    );
    let server = FakeServer::start(FakeConfig { files, ..cfg });
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("t");
    fs::create_dir_all(&local).unwrap();
    for name in ["a.dat", "b.dat"] {
        fs::write(local.join(name), content(name)).unwrap();
    }
    let local_s = local.to_str().unwrap();
    let (up, into) = (server.url("/up/"), server.url("/up/t"));
    let mut args: Vec<&str> = match way {
        Up::Serial => vec!["put", "-r", "-P", "1"],
        Up::Lanes => vec!["put", "-r", "-P", "4"],
        Up::Mirror => vec!["mirror", "-R"],
    };
    args.extend(flags);
    match way {
        Up::Mirror => args.extend([local_s, into.as_str()]),
        _ => args.extend([local_s, up.as_str()]),
    }
    let run = ferry(&args);
    let held = ["a.dat", "b.dat"]
        .iter()
        .filter_map(|n| Some((n.to_string(), server.file(&format!("/up/t/{n}"))?)))
        .collect();
    let appended = server.commands().iter().any(|c| c.starts_with("APPE "));
    (run.code, held, appended)
}

fn same_every_way_up(
    what: &str,
    cfg: impl Fn() -> FakeConfig,
    remote: &[(&str, &[u8])],
    flags: &[&str],
    ways: &[Up],
) -> (i32, BTreeMap<String, Vec<u8>>, bool) {
    let first = upload_outcome(Up::Serial, cfg(), remote, flags);
    for way in ways {
        let other = upload_outcome(*way, cfg(), remote, flags);
        assert_eq!(other.0, first.0, "{what}: exit code of {way:?}");
        assert!(
            other.1 == first.1,
            "{what}: the server's files after {way:?}"
        );
        assert_eq!(other.2, first.2, "{what}: continued with APPE by {way:?}");
    }
    first
}

#[test]
fn uploads_follow_the_same_rules_every_way() {
    let all = &[Up::Lanes, Up::Mirror];
    let fresh = same_every_way_up("fresh", FakeConfig::default, &[], &[], all);
    assert_eq!(fresh, (0, whole(), false));
    let old: &[(&str, &[u8])] = &[("a.dat", b"old")];
    let replaced = same_every_way_up("existing", FakeConfig::default, old, &[], all);
    assert_eq!(replaced, (0, whole(), false));
    // mirror -R replaces a shorter remote file that is older than the local one rather than
    // continuing it, so -c is compared between the put -r ways only.
    let a = content("a.dat");
    let partial: &[(&str, &[u8])] = &[("a.dat", &a[..PARTIAL])];
    let continued = same_every_way_up("-c", FakeConfig::default, partial, &["-c"], &[Up::Lanes]);
    assert_eq!(continued, (0, whole(), true));
    let cut = || FakeConfig {
        stor_cut_after: Some(30_000),
        ..FakeConfig::default()
    };
    let retried = same_every_way_up("cut", cut, &[], &[], all);
    assert_eq!(retried, (0, whole(), true));
}
