//! The fallbacks the long tail of servers needs, each against the scripted server shaped like
//! the real one that needed it (the real ones are in interop_ops.rs): NLST refused, SIZE, MDTM
//! and FEAT refused, a SIZE that measures directories, a SIZE without a number after an
//! upload.

use std::fs;

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{ferry, test_bytes};

fn server_with(files: &[(&str, &[u8])], tweak: impl FnOnce(&mut FakeConfig)) -> FakeServer {
    FakeServer::with_files(files, tweak)
}

#[test]
fn ls_takes_names_from_the_listing_when_nlst_is_refused_or_wants_an_argument() {
    for refusal in [
        "502 'nlst' not implemented",
        "500 Syntax error: NLST requires an argument.",
    ] {
        let server = server_with(&[("/pub/a.txt", b"1"), ("/pub/b c.txt", b"22")], |c| {
            c.overrides.push(("NLST".into(), refusal.into()));
        });
        let run = ferry(&["ls", &server.url("/pub/")]).success();
        let mut names: Vec<String> = run.stdout_text().lines().map(str::to_string).collect();
        names.sort();
        assert_eq!(names, ["a.txt", "b c.txt"], "{refusal}: {}", run.stderr);
    }
}

#[test]
fn ls_prints_bare_names_whatever_the_server_puts_before_them() {
    // NLST dir/ answered as `dir/name` (most servers) or `dir//name` (BSD-derived ones).
    for prefix in ["pub/", "pub//", "/pub/"] {
        let server = server_with(&[("/pub/a.txt", b"1"), ("/pub/b c.txt", b"2")], |c| {
            c.nlst_prefix = Some(prefix.into());
        });
        let run = ferry(&["ls", &server.url("/pub/")]).success();
        assert_eq!(run.stdout_text(), "a.txt\nb c.txt\n", "{prefix}");
    }
}

#[test]
fn stat_size_and_modtime_work_without_size_mdtm_or_feat() {
    // aioftp: FEAT, SIZE and MDTM unknown; MLST answers.
    let server = server_with(&[("/pub/a.txt", b"hello")], |c| {
        for verb in ["FEAT", "SIZE", "MDTM"] {
            c.overrides.push((
                verb.into(),
                format!("502 '{}' not implemented", verb.to_lowercase()),
            ));
        }
    });
    let run = ferry(&["stat", "--json", &server.url("/pub/a.txt")]).success();
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!((&v["type"], &v["size"]), (&"file".into(), &5.into()), "{v}");
    assert!(v["modified"].is_string(), "{v}");
    let run = ferry(&["-v", "size", &server.url("/pub/a.txt")]).success();
    assert_eq!(run.stdout_text().trim(), "pub/a.txt: 5");
    // Learned once: the SIZE refusal is not repeated for the same path's fallback.
    assert_eq!(run.stderr.matches("> SIZE").count(), 1, "{}", run.stderr);
    let run = ferry(&["modtime", "--json", &server.url("/pub/a.txt")]).success();
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert!(v["modified"].is_string(), "{v}");
    // Without MLST either, the parent's listing tells.
    let server = server_with(&[("/pub/a.txt", b"hello")], |c| {
        for verb in ["FEAT", "SIZE", "MDTM", "MLST"] {
            c.overrides
                .push((verb.into(), "500 Unknown command".into()));
        }
    });
    let run = ferry(&["stat", "--json", &server.url("/pub/a.txt")]).success();
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!((&v["type"], &v["size"]), (&"file".into(), &5.into()), "{v}");
    let missing = ferry(&["stat", &server.url("/pub/nope.txt")]);
    assert_eq!(missing.code, 5, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("not in the listing of pub"),
        "{}",
        missing.stderr
    );
}

#[test]
fn put_c_resumes_from_the_listed_size_on_a_server_without_size() {
    let data = test_bytes(10_000, 5);
    let server = server_with(&[("/d/f.bin", &data[..4000])], |c| {
        c.overrides
            .push(("SIZE".into(), "502 'size' not implemented".into()));
        c.feat.retain(|f| !f.contains("SIZE"));
    });
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("f.bin");
    fs::write(&local, &data).unwrap();
    let run = ferry(&[
        "put",
        "-c",
        "--json",
        local.to_str().unwrap(),
        &server.url("/d/f.bin"),
    ])
    .success();
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        (&v["bytes"], &v["resumed"]),
        (&6000.into(), &true.into()),
        "{v}"
    );
    assert_eq!(server.file("/d/f.bin").unwrap(), data);
}

#[test]
fn stat_of_a_directory_that_size_measures_says_dir() {
    // Twisted: `SIZE dir` answers 213 4096; there is no MLST.
    let server = server_with(&[("/pub/sub/x", b"1"), ("/pub/a.txt", b"hello")], |c| {
        c.overrides.push(("SIZE".into(), "213 4096".into()));
        c.feat.retain(|f| !f.contains("MLST"));
    });
    let run = ferry(&["stat", "--json", &server.url("/pub/sub")]).success();
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(v["type"], "dir", "{v}");
    let run = ferry(&["stat", "--json", &server.url("/pub/a.txt")]).success();
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(v["type"], "file", "{v}");
}

#[test]
fn a_size_reply_without_a_number_after_an_upload_is_said_not_to_verify() {
    let server = server_with(&[], |c| {
        c.overrides.push(("SIZE".into(), "213 File status".into()));
    });
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("up.bin");
    fs::write(&local, test_bytes(3000, 2)).unwrap();
    let run = ferry(&["put", local.to_str().unwrap(), &server.url("/up.bin")]).success();
    assert!(
        run.stderr
            .contains("up.bin: size not verified: SIZE answered \"213 File status\""),
        "{}",
        run.stderr
    );
    assert_eq!(server.file("/up.bin").unwrap(), test_bytes(3000, 2));
}
