//! `mirror` against pyftpdlib: a first run copies the tree, a second copies nothing, a changed
//! file is copied alone, --delete removes extras only inside the target (links as links),
//! --dry-run changes nothing, and -R mirrors the other way.

use std::fs;
use std::path::Path;

use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{dir_names, ferry, ferry_command, run, test_bytes};

fn user_url(server: &PyFtpd, path: &str) -> String {
    server
        .url(path)
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1)
}

fn tree(root: &Path) {
    fs::create_dir_all(root.join("docs/old")).unwrap();
    fs::write(root.join("readme.txt"), "read me").unwrap();
    fs::write(root.join("docs/a.bin"), test_bytes(10_000, 41)).unwrap();
    fs::write(root.join("docs/old/b.txt"), "bee").unwrap();
}

#[test]
fn mirror_copies_what_changed_and_deletes_only_inside_the_target() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    tree(&server.root().join("site"));
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("copy");
    let target = local.to_str().unwrap();
    ferry(&["mirror", &user_url(&server, "site"), target]).success();
    assert_eq!(fs::read(local.join("docs/old/b.txt")).unwrap(), b"bee");
    assert!(fs::read(local.join("docs/a.bin")).unwrap() == test_bytes(10_000, 41));

    // Nothing changed: nothing to do.
    let dry = ferry(&["mirror", "--dry-run", &user_url(&server, "site"), target]).success();
    assert_eq!(dry.stdout_text(), "", "a second run would copy again");

    // One file changes on the server; extras appear locally, one of them a link to the outside.
    fs::write(server.root().join("site/readme.txt"), "read me, changed").unwrap();
    let outside = work.path().join("precious.txt");
    fs::write(&outside, "keep").unwrap();
    fs::write(local.join("docs/extra.txt"), "extra").unwrap();
    std::os::unix::fs::symlink(&outside, local.join("link")).unwrap();
    let plan = ferry(&[
        "mirror",
        "--dry-run",
        "--delete",
        &user_url(&server, "site"),
        target,
    ])
    .success();
    let plan = plan.stdout_text();
    assert!(plan.contains("get site/readme.txt"), "{plan}");
    assert!(!plan.contains("a.bin"), "{plan}");
    assert!(
        plan.contains("delete") && plan.contains("extra.txt"),
        "{plan}"
    );
    assert!(
        local.join("docs/extra.txt").exists(),
        "--dry-run deleted something"
    );

    ferry(&["mirror", "--delete", &user_url(&server, "site"), target]).success();
    assert_eq!(
        fs::read_to_string(local.join("readme.txt")).unwrap(),
        "read me, changed"
    );
    assert!(!local.join("docs/extra.txt").exists());
    assert!(
        fs::symlink_metadata(local.join("link")).is_err(),
        "the link was not removed"
    );
    assert_eq!(
        fs::read_to_string(&outside).unwrap(),
        "keep",
        "deleted through a link"
    );
    assert_eq!(dir_names(&local), ["docs", "readme.txt"]);
}

#[test]
fn reverse_mirror_uploads_the_local_tree() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("site");
    tree(&local);
    let source = local.to_str().unwrap();
    ferry(&[
        "mirror",
        "-R",
        "-P",
        "2",
        source,
        &user_url(&server, "backup"),
    ])
    .success();
    assert_eq!(
        fs::read(server.root().join("backup/docs/old/b.txt")).unwrap(),
        b"bee"
    );
    let dry = ferry(&[
        "mirror",
        "-R",
        "--dry-run",
        source,
        &user_url(&server, "backup"),
    ])
    .success();
    assert_eq!(dry.stdout_text(), "", "times or sizes were not kept");
    fs::remove_file(local.join("readme.txt")).unwrap();
    ferry(&[
        "mirror",
        "-R",
        "--delete",
        source,
        &user_url(&server, "backup"),
    ])
    .success();
    assert!(!server.root().join("backup/readme.txt").exists());
}

#[test]
fn reverse_mirror_into_a_missing_directory_listed_as_empty_makes_it() {
    // Some servers answer a listing of a path that does not exist with an empty listing: the
    // target, the directories above it and its subdirectories must still be made.
    let server =
        crate::support::fake_server::FakeServer::start(crate::support::fake_server::FakeConfig {
            missing_lists_empty: true,
            files: vec![("/srv/".into(), Vec::new())],
            ..Default::default()
        });
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("src");
    fs::create_dir_all(src.join("a/b")).unwrap();
    fs::write(src.join("top.txt"), b"top").unwrap();
    fs::write(src.join("a/one.txt"), b"one").unwrap();
    fs::write(src.join("a/b/two.txt"), b"two").unwrap();
    let mut cmd = ferry_command();
    cmd.args(["mirror", "-R"])
        .arg(&src)
        .arg(server.url("/srv/new/target"));
    let first = run(cmd);
    assert_eq!(first.code, 0, "{}", first.stderr);
    for (path, bytes) in [
        ("/srv/new/target/top.txt", &b"top"[..]),
        ("/srv/new/target/a/one.txt", b"one"),
        ("/srv/new/target/a/b/two.txt", b"two"),
    ] {
        assert_eq!(server.file(path).as_deref(), Some(bytes), "{path}");
    }
}

#[test]
fn reverse_mirror_to_a_server_that_cannot_keep_times_copies_nothing_the_second_time() {
    // Without MFMT the server's copies carry the upload's time, newer than the sources: the
    // second run must see them as up to date (same size, not older), not copy them all again.
    let server = PyFtpd::start(PyFtpdOptions {
        no_mfmt: true,
        ..PyFtpdOptions::default()
    });
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("src");
    fs::create_dir_all(src.join("sub")).unwrap();
    fs::write(src.join("a.txt"), b"alpha").unwrap();
    fs::write(src.join("sub/b.bin"), test_bytes(5000, 3)).unwrap();
    fs::create_dir(server.root().join("back")).unwrap();
    let mirror = || {
        let mut cmd = ferry_command();
        cmd.args(["mirror", "-R", "--json"])
            .arg(&src)
            .arg(user_url(&server, "back"));
        run(cmd)
    };
    let first = mirror();
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stderr.contains("cannot keep the time of back/a.txt"),
        "the lost times are said: {}",
        first.stderr
    );
    assert_eq!(
        fs::read(server.root().join("back/a.txt")).unwrap(),
        b"alpha"
    );
    let second = mirror();
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stdout.is_empty(),
        "the second run copied {}",
        String::from_utf8_lossy(&second.stdout)
    );
    // A changed file is still copied.
    fs::write(src.join("a.txt"), b"alphabet").unwrap();
    let third = mirror();
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert!(String::from_utf8_lossy(&third.stdout).contains("a.txt"));
    assert_eq!(
        fs::read(server.root().join("back/a.txt")).unwrap(),
        b"alphabet"
    );
}
