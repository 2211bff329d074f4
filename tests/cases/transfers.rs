//! Transfers a person can trust: resume, retries, stalls, ASCII, recursion, hostile listings,
//! JSON listings, preserved times and no-clobber, against the fake server and pyftpdlib.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{dir_names, ferry, test_bytes};

fn user_url(server: &PyFtpd, path: &str) -> String {
    server
        .url(path)
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1)
}

#[test]
fn a_download_cut_half_way_is_retried_from_where_it_stopped() {
    let content = test_bytes(200_000, 21);
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/big.bin".into(), content.clone()));
    cfg.retr_truncate = Some(80_000);
    cfg.retr_truncate_times = 1;
    cfg.retr_cut_closes_control = true;
    let server = FakeServer::start(cfg);
    let out = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "get",
        &server.url("/big.bin"),
        "-O",
        out.path().to_str().unwrap(),
    ])
    .success();
    assert!(
        fs::read(out.path().join("big.bin")).unwrap() == content,
        "resumed file differs"
    );
    assert!(run.stderr.contains("retrying"), "{}", run.stderr);
    let cmds = server.commands();
    assert!(cmds.contains(&"REST 80000".to_string()), "{cmds:?}");
    assert_eq!(
        cmds.iter().filter(|c| c.starts_with("USER")).count(),
        2,
        "{cmds:?}"
    );
}

#[test]
fn an_upload_cut_half_way_is_retried_with_only_the_missing_part() {
    let content = test_bytes(3_000_000, 25);
    let server = FakeServer::start(FakeConfig {
        stor_cut_after: Some(1_000_000),
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("up.bin");
    fs::write(&local, &content).unwrap();
    let run = ferry(&["put", local.to_str().unwrap(), &server.url("/up.bin")]).success();
    assert!(run.stderr.contains("retrying"), "{}", run.stderr);
    assert!(
        server.file("/up.bin").unwrap() == content,
        "resumed upload differs"
    );
    let cmds = server.commands();
    assert!(
        cmds.contains(&"SIZE up.bin".to_string()) && cmds.contains(&"APPE up.bin".to_string()),
        "{cmds:?}"
    );
}

/// A transient refusal of the first `verb` (any connection), before any data moves.
const BUSY_ONCE: &str = "451 Requested action aborted: local error in processing.";

#[test]
fn a_retry_after_a_failure_before_any_data_never_continues_an_old_local_file() {
    let new = test_bytes(200_000, 27);
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/report.bin".into(), new.clone()));
    cfg.overrides_once.push(("RETR".into(), BUSY_ONCE.into()));
    let server = FakeServer::start(cfg);
    let out = tempfile::tempdir().unwrap();
    // Yesterday's copy: the retry must not take it as a partial download of today's.
    fs::write(out.path().join("report.bin"), test_bytes(50_000, 28)).unwrap();
    let run = ferry(&[
        "get",
        &server.url("/report.bin"),
        "-O",
        out.path().to_str().unwrap(),
    ])
    .success();
    assert!(run.stderr.contains("retrying"), "{}", run.stderr);
    assert!(
        fs::read(out.path().join("report.bin")).unwrap() == new,
        "the old file's head was kept"
    );
    let cmds = server.commands();
    assert!(!cmds.iter().any(|c| c.starts_with("REST")), "{cmds:?}");
    assert_eq!(dir_names(out.path()), ["report.bin"]);
}

#[test]
fn a_retry_after_a_failure_before_any_data_never_appends_to_an_old_remote_file() {
    let new = test_bytes(100_000, 29);
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/up.bin".into(), test_bytes(30_000, 30)));
    cfg.overrides_once.push(("STOR".into(), BUSY_ONCE.into()));
    let server = FakeServer::start(cfg);
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("up.bin");
    fs::write(&local, &new).unwrap();
    let run = ferry(&["put", local.to_str().unwrap(), &server.url("/up.bin")]).success();
    assert!(run.stderr.contains("retrying"), "{}", run.stderr);
    assert!(
        server.file("/up.bin").unwrap() == new,
        "the old remote file's head was kept"
    );
    let verbs = server.verbs();
    assert_eq!(
        verbs.iter().filter(|v| *v == "STOR").count(),
        2,
        "{verbs:?}"
    );
    assert!(!verbs.contains(&"APPE".to_string()), "{verbs:?}");
}

#[test]
fn parallel_retries_never_continue_old_files_either() {
    let new_a = test_bytes(60_000, 31);
    let new_b = test_bytes(70_000, 32);
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/d/a.bin".into(), new_a.clone()));
    cfg.files.push(("/d/b.bin".into(), new_b.clone()));
    cfg.files
        .push(("/up/src/a.bin".into(), test_bytes(10_000, 33)));
    cfg.files
        .push(("/up/src/b.bin".into(), test_bytes(10_000, 34)));
    for verb in ["RETR", "RETR", "STOR", "STOR"] {
        cfg.overrides_once.push((verb.into(), BUSY_ONCE.into()));
    }
    let server = FakeServer::start(cfg);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    fs::create_dir_all(out.join("d")).unwrap();
    fs::write(out.join("d/a.bin"), test_bytes(20_000, 35)).unwrap();
    fs::write(out.join("d/b.bin"), test_bytes(20_000, 36)).unwrap();
    let dir = out.to_str().unwrap();
    ferry(&["get", "-r", "-P", "2", &server.url("/d"), "-O", dir]).success();
    assert!(fs::read(out.join("d/a.bin")).unwrap() == new_a, "a.bin");
    assert!(fs::read(out.join("d/b.bin")).unwrap() == new_b, "b.bin");

    let src = work.path().join("src");
    fs::create_dir(&src).unwrap();
    fs::write(src.join("a.bin"), &new_a).unwrap();
    fs::write(src.join("b.bin"), &new_b).unwrap();
    let up = server.url("/up/");
    ferry(&["put", "-r", "-P", "2", src.to_str().unwrap(), &up]).success();
    assert!(
        server.file("/up/src/a.bin").unwrap() == new_a,
        "remote a.bin"
    );
    assert!(
        server.file("/up/src/b.bin").unwrap() == new_b,
        "remote b.bin"
    );
    let cmds = server.commands();
    assert!(
        !cmds
            .iter()
            .any(|c| c.starts_with("REST") || c.starts_with("APPE")),
        "{cmds:?}"
    );
    // Each file was refused once and then sent whole.
    for verb in ["RETR", "STOR"] {
        let n = cmds.iter().filter(|c| c.starts_with(verb)).count();
        assert_eq!(n, 4, "{cmds:?}");
    }
}

#[test]
fn an_upload_the_server_kept_short_is_a_partial_transfer() {
    let server = FakeServer::start(FakeConfig {
        stor_drop_tail: 1000,
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("up.bin");
    fs::write(&local, test_bytes(50_000, 37)).unwrap();
    let run = ferry(&["put", local.to_str().unwrap(), &server.url("/up.bin")]);
    assert_eq!(run.code, 9, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("holds 49000 bytes, but 50000 were sent"),
        "{}",
        run.stderr
    );
    // Not retried: appending to a file whose size the server reports wrongly could damage it.
    assert!(!run.stderr.contains("retrying"), "{}", run.stderr);
    let verbs = server.verbs();
    let stor = verbs.iter().position(|v| v == "STOR").expect("STOR");
    assert_eq!(verbs[stor + 1], "SIZE", "{verbs:?}");

    // In ASCII mode, or without SIZE in FEAT, nothing is compared (and nothing is asked).
    let server = FakeServer::start(FakeConfig {
        stor_drop_tail: 1000,
        feat: vec![" EPSV".into(), " PASV".into()],
        ..FakeConfig::default()
    });
    ferry(&["put", local.to_str().unwrap(), &server.url("/up.bin")]).success();
    let text = work.path().join("notes.txt");
    fs::write(&text, "line\n".repeat(1000)).unwrap();
    let server = FakeServer::start(FakeConfig {
        stor_drop_tail: 2,
        ..FakeConfig::default()
    });
    ferry(&[
        "put",
        "-a",
        text.to_str().unwrap(),
        &server.url("/notes.txt"),
    ])
    .success();
    assert!(!server.verbs().contains(&"SIZE".to_string()));
}

#[test]
fn get_continue_resumes_a_part_file_and_put_continue_an_upload() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let content = test_bytes(3_000_000, 22);
    fs::write(server.root().join("data.bin"), &content).unwrap();
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join("data.bin.part"), &content[..1_234_567]).unwrap();
    let target = out.path().join("data.bin");
    let run = ferry(&[
        "-v",
        "get",
        "-c",
        &user_url(&server, "data.bin"),
        "-o",
        target.to_str().unwrap(),
    ])
    .success();
    assert!(run.stderr.contains("> REST 1234567"), "{}", run.stderr);
    assert!(
        fs::read(&target).unwrap() == content,
        "resumed download differs"
    );

    // An upload that stopped at 1 MB: only the rest is sent, appended.
    fs::write(server.root().join("up.bin"), &content[..1_000_000]).unwrap();
    let local = out.path().join("up.bin");
    fs::write(&local, &content).unwrap();
    let run = ferry(&[
        "-v",
        "put",
        "-c",
        local.to_str().unwrap(),
        &user_url(&server, "up.bin"),
    ])
    .success();
    assert!(run.stderr.contains("> APPE up.bin"), "{}", run.stderr);
    assert!(
        fs::read(server.root().join("up.bin")).unwrap() == content,
        "resumed upload differs"
    );
}

#[test]
fn a_full_server_is_retried_patiently_and_a_wrong_password_is_not_retried() {
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/f".into(), b"in".to_vec()));
    cfg.overrides_once.push((
        "USER".into(),
        "421 Too many users - please try again later.".into(),
    ));
    let server = FakeServer::start(cfg);
    let run = ferry(&["cat", &server.url("/f")]).success();
    assert_eq!(run.stdout, b"in");
    assert!(
        run.stderr.contains("the server is full; giving it time"),
        "{}",
        run.stderr
    );

    let server = FakeServer::start(FakeConfig::default());
    let run = ferry(&["-u", "alice:wrong", "ls", &server.url("/")]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(!run.stderr.contains("retrying"), "{}", run.stderr);
    assert_eq!(server.verbs().iter().filter(|v| *v == "PASS").count(), 1);
}

/// Downloads from a server whose data connection goes silent after 1000 bytes, with
/// `--timeout SECS` and the extra `args`; asserts the clear "stalled" failure and returns how
/// long it took.
fn stalled_download(timeout: &str, args: &[&str]) -> Duration {
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/slow".into(), test_bytes(50_000, 23)));
    cfg.retr_truncate = Some(1000);
    cfg.retr_stall = true;
    let server = FakeServer::start(cfg);
    let out = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut cmd = crate::support::ferry_command();
    cmd.args(["--timeout", timeout, "--retries", "0"])
        .args(args)
        .args(["get", &server.url("/slow"), "-O"])
        .arg(out.path());
    let run = crate::support::run(cmd);
    let took = started.elapsed();
    assert_eq!(run.code, 9, "{}", run.stderr);
    assert!(run.stderr.contains("stalled"), "{}", run.stderr);
    assert!(!out.path().join("slow").exists());
    took
}

#[test]
fn a_stalled_data_connection_times_out_with_a_clear_error() {
    let took = stalled_download("1", &[]);
    assert!(took < Duration::from_secs(15), "took {took:?}");
}

#[test]
fn a_stalled_active_mode_download_times_out_after_the_timeout_not_its_square() {
    // An accepted active-mode socket once kept the whole timeout as its read timeout while each
    // timed-out read counted as a 250 ms slice: 2 s became 16 s (and Ctrl-C waited as long).
    for mode in ["eprt", "port"] {
        let took = stalled_download("2", &["--mode", mode]);
        assert!(took < Duration::from_secs(8), "{mode}: took {took:?}");
    }
}

#[test]
fn ascii_mode_converts_line_endings_both_ways() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("notes.txt");
    let text = "first line\nsecond line\n\nlast line without newline";
    fs::write(&local, text).unwrap();
    ferry(&[
        "put",
        "-a",
        local.to_str().unwrap(),
        &user_url(&server, "notes.txt"),
    ])
    .success();
    let back = work.path().join("back.txt");
    ferry(&[
        "get",
        "-a",
        &user_url(&server, "notes.txt"),
        "-o",
        back.to_str().unwrap(),
    ])
    .success();
    assert_eq!(fs::read_to_string(&back).unwrap(), text);
    // On the wire (and in binary mode) the file has CRLF endings where the server keeps them.
    let raw = ferry(&["cat", &user_url(&server, "notes.txt;type=a")]).success();
    assert_eq!(String::from_utf8(raw.stdout).unwrap(), text);
}

#[test]
fn ascii_mode_handles_a_cr_and_its_lf_in_different_reads() {
    // Stored with LF; TYPE A sends CRLF, here in pieces that each end right after a CR. A bare
    // CR and a CR at the very end are data and must survive too.
    let text = "first line\nsecond\n\nbare\rcr\nlast\r";
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/notes.txt".into(), text.into()));
    cfg.split_after_cr = true;
    let server = FakeServer::start(cfg);
    let work = tempfile::tempdir().unwrap();
    let back = work.path().join("back.txt");
    ferry(&[
        "get",
        "-a",
        &server.url("/notes.txt"),
        "-o",
        back.to_str().unwrap(),
    ])
    .success();
    assert_eq!(fs::read_to_string(&back).unwrap(), text);

    // Uploads put CRLF on the wire, also when a local CRLF is split between two reads of the
    // file (ferry reads 256 KiB at a time: the CR ends the first read, the LF starts the next).
    let mut local = "x".repeat(256 * 1024 - 1);
    local.push_str("\r\nnext line\nlast\n");
    let path = work.path().join("up.txt");
    fs::write(&path, &local).unwrap();
    ferry(&["put", "-a", path.to_str().unwrap(), &server.url("/up.txt")]).success();
    let mut wire = "x".repeat(256 * 1024 - 1);
    wire.push_str("\r\nnext line\r\nlast\r\n");
    let sent = server.uploaded_wire_bytes("/up.txt").expect("uploaded");
    let tail = |b: &[u8]| String::from_utf8_lossy(&b[b.len().saturating_sub(30)..]).into_owned();
    assert!(
        sent == wire.as_bytes(),
        "wire ends {:?}, not {:?}",
        tail(&sent),
        tail(wire.as_bytes())
    );
}

fn make_tree(root: &Path) {
    fs::create_dir_all(root.join("sub dir/deeper")).unwrap();
    fs::write(root.join("top.txt"), "top").unwrap();
    fs::write(root.join("sub dir/-rf"), "dash").unwrap();
    fs::write(root.join("sub dir/|cmd"), "pipe").unwrap();
    fs::write(root.join("sub dir/deeper/файл.bin"), test_bytes(70_000, 24)).unwrap();
    fs::write(root.join("sub dir/skip.log"), "excluded").unwrap();
}

fn assert_same_tree(a: &Path, b: &Path, skip: &[&str]) {
    let mut names = dir_names(a);
    names.retain(|n| !skip.contains(&n.as_str()));
    assert_eq!(names, dir_names(b), "{} vs {}", a.display(), b.display());
    for name in names {
        let (x, y) = (a.join(&name), b.join(&name));
        if x.is_dir() {
            assert_same_tree(&x, &y, skip);
        } else {
            assert!(
                fs::read(&x).unwrap() == fs::read(&y).unwrap(),
                "{} differs",
                x.display()
            );
        }
    }
}

#[test]
fn recursive_put_and_get_copy_a_tree_like_cp_r() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let work = tempfile::tempdir().unwrap();
    let tree = work.path().join("project");
    make_tree(&tree);
    fs::create_dir(server.root().join("backups")).unwrap();
    ferry(&[
        "put",
        "-r",
        "--exclude",
        "*.log",
        tree.to_str().unwrap(),
        &user_url(&server, "backups/"),
    ])
    .success();
    assert_same_tree(&tree, &server.root().join("backups/project"), &["skip.log"]);

    let out = work.path().join("restore");
    fs::create_dir(&out).unwrap();
    ferry(&[
        "get",
        "-r",
        &user_url(&server, "backups/project"),
        "-O",
        out.to_str().unwrap(),
    ])
    .success();
    assert_same_tree(
        &server.root().join("backups/project"),
        &out.join("project"),
        &[],
    );
}

#[test]
fn a_hostile_listing_writes_nothing_outside_the_target_directory() {
    let mut cfg = FakeConfig::default();
    cfg.feat.retain(|f| !f.contains("MLST")); // make ferry parse LIST
    cfg.files.push(("/d/ok.txt".into(), b"fine".to_vec()));
    cfg.listing_lines = Some(
        [
            "-rw-r--r-- 1 u g 4 Jan  1  2024 ok.txt",
            "-rw-r--r-- 1 u g 4 Jan  1  2024 ../escape.txt",
            "-rw-r--r-- 1 u g 4 Jan  1  2024 /tmp/absolute.txt",
            "-rw-r--r-- 1 u g 4 Jan  1  2024 a/../../x",
            "lrwxrwxrwx 1 u g 4 Jan  1  2024 twin -> /etc/passwd",
            "-rw-r--r-- 1 u g 4 Jan  1  2024 twin",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    let server = FakeServer::start(cfg);
    let base = tempfile::tempdir().unwrap();
    let out = base.path().join("out");
    fs::create_dir(&out).unwrap();
    let run = ferry(&["get", "-r", &server.url("/d"), "-O", out.to_str().unwrap()]);
    assert_ne!(run.code, 0, "refused entries must make the command fail");
    for name in ["../escape.txt", "/tmp/absolute.txt", "a/../../x"] {
        assert!(
            run.stderr.contains(name),
            "{name} not named: {}",
            run.stderr
        );
    }
    assert_eq!(
        dir_names(base.path()),
        ["out"],
        "something was written beside the target"
    );
    assert_eq!(fs::read(out.join("d/ok.txt")).unwrap(), b"fine");
    assert!(!Path::new("/tmp/absolute.txt").exists());
    assert!(fs::symlink_metadata(out.join("d/twin")).map_or(true, |m| !m.file_type().is_symlink()));
    assert!(
        server.commands().iter().all(|c| !c.contains("..")),
        "{:?}",
        server.commands()
    );
}

#[test]
fn a_refused_server_name_exits_with_its_own_code() {
    let mut cfg = FakeConfig::default();
    cfg.feat.retain(|f| !f.contains("MLST"));
    cfg.files.push(("/d/ok.txt".into(), b"fine".to_vec()));
    cfg.listing_lines = Some(vec![
        "-rw-r--r-- 1 u g 4 Jan  1  2024 ok.txt".into(),
        "-rw-r--r-- 1 u g 4 Jan  1  2024 ../escape.txt".into(),
    ]);
    let server = FakeServer::start(cfg);
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    // The file name at the end of the URL.
    let run = ferry(&["get", &server.url("/d/%2e%2e"), "-O", dir]);
    assert_eq!(run.code, 10, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("refusing to use the server's name \"..\""),
        "{}",
        run.stderr
    );
    // An entry of a listing: the rest of the tree is still copied.
    let run = ferry(&["get", "-r", &server.url("/d"), "-O", dir]);
    assert_eq!(run.code, 10, "{}", run.stderr);
    assert!(run.stderr.contains("1 entry was refused"), "{}", run.stderr);
    assert_eq!(fs::read(out.path().join("d/ok.txt")).unwrap(), b"fine");
    assert_eq!(dir_names(out.path()), ["d"]);
}

#[test]
fn ls_json_gives_scripts_parsed_entries() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::create_dir(server.root().join("dir")).unwrap();
    fs::write(server.root().join("a file.txt"), "12345").unwrap();
    let run = ferry(&["ls", "-l", "--json", &server.url("")]).success();
    let rows: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let file = rows
        .iter()
        .find(|r| r["name"] == "a file.txt")
        .expect("file row");
    assert_eq!(file["type"], "file");
    assert_eq!(file["size"], 5);
    assert!(file["modified"].as_str().unwrap().ends_with('Z'));
    let dir = rows.iter().find(|r| r["name"] == "dir").expect("dir row");
    assert_eq!(dir["type"], "dir");
}

#[test]
fn preserve_keeps_times_and_no_clobber_keeps_files() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_934_245); // 2020-01-02 03:04:05 UTC
    let remote = server.root().join("old.txt");
    fs::write(&remote, "old").unwrap();
    fs::File::options()
        .write(true)
        .open(&remote)
        .unwrap()
        .set_modified(when)
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    ferry(&[
        "get",
        "--preserve",
        &user_url(&server, "old.txt"),
        "-O",
        dir,
    ])
    .success();
    assert_eq!(
        fs::metadata(out.path().join("old.txt"))
            .unwrap()
            .modified()
            .unwrap(),
        when
    );

    let local = out.path().join("stamped.txt");
    fs::write(&local, "stamped").unwrap();
    fs::File::options()
        .write(true)
        .open(&local)
        .unwrap()
        .set_modified(when)
        .unwrap();
    ferry(&[
        "put",
        "--preserve",
        local.to_str().unwrap(),
        &user_url(&server, "stamped.txt"),
    ])
    .success();
    assert_eq!(
        fs::metadata(server.root().join("stamped.txt"))
            .unwrap()
            .modified()
            .unwrap(),
        when
    );

    fs::write(&remote, "new").unwrap();
    let run = ferry(&[
        "get",
        "--no-clobber",
        &user_url(&server, "old.txt"),
        "-O",
        dir,
    ])
    .success();
    assert_eq!(fs::read(out.path().join("old.txt")).unwrap(), b"old");
    assert!(run.stderr.contains("not overwriting"), "{}", run.stderr);
}

#[test]
fn a_download_to_a_device_writes_through_it_instead_of_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/f".into(), test_bytes(100_000, 26)));
    let server = FakeServer::start(cfg);
    let dir = tempfile::tempdir().unwrap();
    let device = dir.path().join("null");
    if !crate::support::is_root() {
        eprintln!("skipped: making a device node (mknod) needs root (scripts/test.sh)");
        return;
    }
    // The same device as /dev/null, made here so a bug can never touch the real one.
    let made = std::process::Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .status()
        .unwrap();
    assert!(
        made.success(),
        "mknod needs root, like the rest of the suite"
    );
    ferry(&["get", &server.url("/f"), "-o", device.to_str().unwrap()]).success();
    assert!(
        fs::metadata(&device).unwrap().file_type().is_char_device(),
        "the device was replaced"
    );
    assert_eq!(dir_names(dir.path()), ["null"], "a .part file was left");
}

#[test]
fn cat_retries_a_cut_download_after_the_bytes_it_already_wrote() {
    let content = test_bytes(20_000, 91);
    let server = FakeServer::start(FakeConfig {
        files: vec![("/big.bin".into(), content.clone())],
        retr_truncate: Some(7_000),
        retr_truncate_times: 1,
        retr_truncate_reply: "426 Connection closed; transfer aborted.".into(),
        ..FakeConfig::default()
    });
    let run = ferry(&["cat", &server.url("/big.bin")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Every byte once, in order: the retry asked for the rest only.
    assert!(
        run.stdout == content,
        "stdout differs ({} bytes)",
        run.stdout.len()
    );
    let commands = server.commands();
    assert!(commands.iter().any(|c| c == "REST 7000"), "{commands:?}");

    // In ASCII mode offsets are not the server's: no retry, a clear failure.
    let server = FakeServer::start(FakeConfig {
        files: vec![("/notes.txt".into(), b"line\n".repeat(3000))],
        retr_truncate: Some(7_000),
        retr_truncate_times: 1,
        retr_truncate_reply: "426 Connection closed; transfer aborted.".into(),
        ..FakeConfig::default()
    });
    let url = format!("{};type=a", server.url("/notes.txt"));
    let run = ferry(&["cat", &url]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(!server.verbs().contains(&"REST".to_string()));
}

#[test]
fn get_into_a_directory_that_does_not_exist_yet_creates_it() {
    let server = FakeServer::start(FakeConfig {
        files: vec![("/pub/a.txt".into(), b"alpha".to_vec())],
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("new/deeper");
    let run = ferry(&[
        "get",
        &server.url("/pub/a.txt"),
        "-O",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read(dir.join("a.txt")).unwrap(), b"alpha");
}
