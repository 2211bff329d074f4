//! Background jobs in batch files, against pyftpdlib: `&` runs a line in the background and
//! the script goes on, `wait` joins, the end of the script waits for every job, and a job that
//! failed makes the batch fail with its line number unless `-k` is given (or the line started
//! with `-`). Uploads in the background too, and two jobs that would write the same file.

use std::fs;

use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{Run, ferry_command, run, test_bytes};

fn user_url(server: &PyFtpd) -> String {
    server
        .url("")
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1)
}

fn throttled(rate: u64) -> PyFtpd {
    PyFtpd::start(PyFtpdOptions {
        rate: Some(rate),
        ..PyFtpdOptions::default()
    })
}

/// Runs `ferry -b SCRIPT URL` in `dir`.
fn batch_in(dir: &std::path::Path, script: &str, url: &str, extra: &[&str]) -> Run {
    let path = dir.join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(dir)
        .args(["--timeout", "10", "--retry-wait", "0.01"])
        .args(extra)
        .arg("-b")
        .arg(&path)
        .arg(url);
    run(cmd)
}

#[test]
fn jobs_run_beside_the_script_and_wait_joins_them() {
    let server = throttled(400_000);
    let a = test_bytes(1_200_000, 41);
    let b = test_bytes(900_000, 42);
    fs::create_dir(server.root().join("pub")).unwrap();
    fs::write(server.root().join("pub/a.bin"), &a).unwrap();
    fs::write(server.root().join("pub/b.bin"), &b).unwrap();
    fs::write(server.root().join("top.txt"), "top\n").unwrap();
    let work = tempfile::tempdir().unwrap();
    fs::create_dir(work.path().join("later")).unwrap();
    // The jobs start in pub/ and the local directory of the moment; the script moves on.
    let script = "cd pub\nget a.bin &\nmget -P 2 b.bin &\njobs\ncd /\nlcd later\nls\nwait\n\
                  jobs\n";
    let run = batch_in(work.path(), script, &user_url(&server), &[]).success();
    let out = run.stdout_text();
    assert!(out.contains("[1] running  get a.bin  "), "{out}");
    assert!(out.contains("[2] running  mget -P 2 b.bin  "), "{out}");
    assert!(out.contains("top.txt"), "ls ran in the foreground: {out}");
    assert!(out.contains("no background jobs"), "{out}");
    assert_eq!(fs::read(work.path().join("a.bin")).unwrap(), a);
    assert_eq!(fs::read(work.path().join("b.bin")).unwrap(), b);
    assert!(!work.path().join("later/a.bin").exists());
}

#[test]
fn the_end_of_the_script_waits_for_its_jobs_and_uploads_run_in_the_background_too() {
    let server = throttled(400_000);
    let up = test_bytes(800_000, 43);
    let down = test_bytes(800_000, 44);
    fs::write(server.root().join("down.bin"), &down).unwrap();
    let work = tempfile::tempdir().unwrap();
    fs::write(work.path().join("up.bin"), &up).unwrap();
    let script = "put up.bin &\nget down.bin &\n";
    batch_in(work.path(), script, &user_url(&server), &[]).success();
    assert_eq!(fs::read(server.root().join("up.bin")).unwrap(), up);
    assert_eq!(fs::read(work.path().join("down.bin")).unwrap(), down);
}

#[test]
fn a_failed_job_fails_the_batch_with_its_line_and_stops_what_follows() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let work = tempfile::tempdir().unwrap();
    let script = "mkdir first\nget no-such-file &\nwait\nmkdir never\n";
    let run = batch_in(work.path(), script, &user_url(&server), &[]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("script.ftp:2: [1] error: RETR no-such-file"),
        "{}",
        run.stderr
    );
    assert!(server.root().join("first").is_dir());
    assert!(!server.root().join("never").exists(), "a line ran after it");
}

#[test]
fn keep_going_runs_on_after_a_failed_job_and_still_fails_and_dash_lines_may_fail() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("here.txt"), "here\n").unwrap();
    let work = tempfile::tempdir().unwrap();
    let script = "get no-such-file &\nwait\nmkdir after\nget here.txt &\n";
    let run = batch_in(work.path(), script, &user_url(&server), &["-k"]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(
        run.stderr.contains("script.ftp:1: [1] error"),
        "{}",
        run.stderr
    );
    assert!(server.root().join("after").is_dir());
    assert_eq!(fs::read(work.path().join("here.txt")).unwrap(), b"here\n");
    // A job started on a `-` line may fail.
    let dash = batch_in(
        work.path(),
        "-get no-such-file &\nwait\nmkdir dash\n",
        &user_url(&server),
        &[],
    );
    assert_eq!(dash.code, 0, "{}", dash.stderr);
    assert!(dash.stderr.contains("[1] error"), "{}", dash.stderr);
    assert!(server.root().join("dash").is_dir());
}

#[test]
fn lines_that_cannot_go_to_the_background_are_refused_with_their_line() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let work = tempfile::tempdir().unwrap();
    for (script, says) in [
        ("ls &\n", "script.ftp:1: error: only get, mget"),
        ("cat x &\n", "script.ftp:1: error: unknown command `cat`"),
        (
            "get x - &\n",
            "script.ftp:1: error: a download to standard output",
        ),
        ("wait 3\n", "script.ftp:1: error: no job 3"),
        ("kill\n", "script.ftp:1: error: kill:"),
    ] {
        let run = batch_in(work.path(), script, &user_url(&server), &[]);
        assert_eq!(run.code, 2, "{script}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{script}: {}", run.stderr);
    }
}

#[test]
fn kill_stops_a_job_without_failing_the_batch_and_its_part_file_is_continued() {
    let server = throttled(200_000);
    let data = test_bytes(1_000_000, 45);
    fs::write(server.root().join("big.bin"), &data).unwrap();
    let work = tempfile::tempdir().unwrap();
    let run = batch_in(
        work.path(),
        "get big.bin &\nkill 1\n",
        &user_url(&server),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("[1] killed: get big.bin"),
        "{}",
        run.stderr
    );
    assert!(!work.path().join("big.bin").exists());
    batch_in(work.path(), "get -c big.bin\n", &user_url(&server), &[]).success();
    assert_eq!(fs::read(work.path().join("big.bin")).unwrap(), data);
}

#[test]
fn two_jobs_that_would_write_one_file_leave_it_whole() {
    let server = throttled(400_000);
    let data = test_bytes(1_200_000, 46);
    fs::write(server.root().join("same.bin"), &data).unwrap();
    let work = tempfile::tempdir().unwrap();
    let run = batch_in(
        work.path(),
        "get same.bin &\nget same.bin -n &\nwait\n",
        &user_url(&server),
        &["-k"],
    );
    // Whichever came second was refused (or, having started after the first ended, kept the
    // file as -n says); the file is the server's, byte for byte.
    assert_eq!(
        fs::read(work.path().join("same.bin")).unwrap(),
        data,
        "{}",
        run.stderr
    );
    assert!(
        !work.path().join("same.bin.part").exists(),
        "{}",
        run.stderr
    );
}

#[test]
fn mirror_pget_and_mput_run_in_the_background_and_arrive_whole() {
    let server = throttled(600_000);
    let big = test_bytes(1_500_000, 47);
    fs::create_dir_all(server.root().join("tree/deep")).unwrap();
    fs::write(server.root().join("tree/a.txt"), "a\n").unwrap();
    fs::write(
        server.root().join("tree/deep/b.bin"),
        test_bytes(300_000, 48),
    )
    .unwrap();
    fs::write(server.root().join("big.bin"), &big).unwrap();
    let work = tempfile::tempdir().unwrap();
    fs::create_dir(work.path().join("up")).unwrap();
    for name in ["one.log", "two.log"] {
        fs::write(work.path().join("up").join(name), name).unwrap();
    }
    let script = "mkdir logs\nmirror tree copy &\npget -n 3 big.bin &\ncd logs\nlcd up\n\
                  mput -P 2 *.log &\nwait\n";
    batch_in(work.path(), script, &user_url(&server), &[]).success();
    assert_eq!(fs::read(work.path().join("big.bin")).unwrap(), big);
    assert_eq!(fs::read(work.path().join("copy/a.txt")).unwrap(), b"a\n");
    assert_eq!(
        fs::read(work.path().join("copy/deep/b.bin")).unwrap(),
        test_bytes(300_000, 48)
    );
    // mput started in logs/ and up/, where the foreground was at the time.
    assert_eq!(
        fs::read(server.root().join("logs/one.log")).unwrap(),
        b"one.log"
    );
    assert_eq!(
        fs::read(server.root().join("logs/two.log")).unwrap(),
        b"two.log"
    );
}
