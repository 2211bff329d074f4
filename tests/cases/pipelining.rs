//! Many files on one connection: the next file's setup and transfer commands go out before the
//! current file's final reply is read (src/engine/ahead.rs), and a pair sent ahead that is not used is
//! settled so replies and commands stay in step.

use std::fs;

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{Run, ferry_command, run, test_bytes};

fn batch(dir: &std::path::Path, args: &[&str], script: &str, url: &str) -> crate::support::Run {
    let path = dir.join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(dir)
        .args(["-v", "--timeout", "10", "--retry-wait", "0.01"])
        .args(args)
        .arg("-b")
        .arg(&path)
        .arg(url);
    run(cmd)
}

fn files(n: usize, size: usize) -> Vec<(String, Vec<u8>)> {
    (0..n)
        .map(|i| (format!("/p/f{i}.dat"), test_bytes(size + i, i as u64 + 7)))
        .collect()
}

/// Every file of `files` is in `dir` under its base name, whole, and no `.part` is left.
fn assert_downloaded(dir: &std::path::Path, files: &[(String, Vec<u8>)]) {
    for (path, content) in files {
        let name = path.rsplit('/').next().unwrap();
        assert!(
            fs::read(dir.join(name)).unwrap() == *content,
            "{name} differs"
        );
        assert!(
            !dir.join(format!("{name}.part")).exists(),
            "{name}.part left"
        );
    }
}

/// Starts the scripted server with `files` (and the rest of `cfg`), runs `cd p; mget *.dat` with
/// `args`, and checks that it succeeded with every file whole.
fn mget_from(files: &[(String, Vec<u8>)], cfg: FakeConfig, args: &[&str]) -> (FakeServer, Run) {
    let server = FakeServer::start(FakeConfig {
        files: files.to_vec(),
        ..cfg
    });
    let work = tempfile::tempdir().unwrap();
    let run = batch(work.path(), args, "cd p\nmget *.dat\n", &server.url("/"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_downloaded(work.path(), files);
    (server, run)
}

/// `n` local files `u{i}.bin` in `src`, sent to the scripted server's `/up/` by `mput` with
/// `flags`; checks that it succeeded and the server holds every file whole.
fn mput_to(n: usize, flags: &str) -> (FakeServer, Run) {
    let server = FakeServer::start(FakeConfig {
        files: vec![("/up/".into(), Vec::new())],
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("src");
    fs::create_dir(&local).unwrap();
    let contents: Vec<Vec<u8>> = (0..n).map(|i| test_bytes(1500 + i, i as u64)).collect();
    for (i, c) in contents.iter().enumerate() {
        fs::write(local.join(format!("u{i}.bin")), c).unwrap();
    }
    let script = format!("cd up\nlcd src\nmput {flags}*.bin\n");
    let run = batch(work.path(), &[], &script, &server.url("/"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (i, c) in contents.iter().enumerate() {
        assert!(
            server.file(&format!("/up/u{i}.bin")).as_ref() == Some(c),
            "u{i}.bin differs on the server"
        );
    }
    (server, run)
}

/// The trace lines (`> …` sent, `< …` received, `* …` notes) of a `-v` run.
fn trace(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("> ") || l.starts_with("< ") || l.starts_with("* "))
        .collect()
}

/// Index of the first line at or after `from` that starts with `prefix`.
fn find(lines: &[&str], from: usize, prefix: &str) -> Option<usize> {
    (from..lines.len()).find(|&i| lines[i].starts_with(prefix))
}

#[test]
fn mget_sends_each_next_retrieve_before_the_final_reply_of_the_last() {
    let files = files(4, 3000);
    let (server, run) = mget_from(&files, FakeConfig::default(), &[]);
    let lines = trace(&run.stderr);
    for i in 0..3 {
        // f{i}'s 150, then f{i+1}'s EPSV and RETR, and only then f{i}'s 226.
        let opened = find(
            &lines,
            0,
            &format!("< 150 Opening BINARY mode data connection for f{i}.dat"),
        )
        .unwrap_or_else(|| panic!("no 150 for f{i}: {lines:#?}"));
        let next = find(&lines, opened, &format!("> RETR f{}.dat", i + 1))
            .unwrap_or_else(|| panic!("no RETR f{}: {lines:#?}", i + 1));
        let done = find(&lines, opened, "< 226").unwrap();
        assert!(
            next < done,
            "RETR f{} was not sent ahead: {lines:#?}",
            i + 1
        );
        assert_eq!(lines[next - 1], "> EPSV", "{lines:#?}");
    }
    // One EPSV per data connection (the listing and four files): nothing sent twice.
    let verbs = server.verbs();
    assert_eq!(
        verbs.iter().filter(|v| *v == "EPSV").count(),
        5,
        "{verbs:?}"
    );
    assert_eq!(
        verbs.iter().filter(|v| *v == "RETR").count(),
        4,
        "{verbs:?}"
    );
}

#[test]
fn active_mode_sends_the_next_eprt_and_retrieve_ahead_too() {
    let files = files(3, 2000);
    let (server, run) = mget_from(&files, FakeConfig::default(), &["--mode", "eprt"]);
    assert_eq!(
        run.stderr.matches("ahead of the current transfer").count(),
        2,
        "{}",
        run.stderr
    );
    let verbs = server.verbs();
    assert_eq!(
        verbs.iter().filter(|v| *v == "EPRT").count(),
        4,
        "{verbs:?}"
    );
}

#[test]
fn uploads_never_go_ahead() {
    // Our end of file and a next EPSV would race on a server that reads commands during a
    // transfer (pyftpdlib closes the data connection on EPSV): each STOR waits for its 226.
    let (_server, run) = mput_to(5, "-P 2 ");
    assert!(!run.stderr.contains("ahead"), "{}", run.stderr);
}

#[test]
fn mget_over_parallel_connections_against_pyftpdlib_sends_ahead_safely() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let dir = server.root().join("many");
    fs::create_dir(&dir).unwrap();
    let contents: Vec<Vec<u8>> = (0..12).map(|i| test_bytes(5000 + i, i as u64)).collect();
    for (i, c) in contents.iter().enumerate() {
        fs::write(dir.join(format!("m{i:02}.bin")), c).unwrap();
    }
    let work = tempfile::tempdir().unwrap();
    let url = server
        .url("")
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1);
    let run = batch(work.path(), &[], "cd many\nmget -P 3 *.bin\n", &url);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (i, c) in contents.iter().enumerate() {
        assert!(
            fs::read(work.path().join(format!("m{i:02}.bin"))).unwrap() == *c,
            "m{i:02}.bin differs"
        );
    }
    assert!(
        run.stderr.matches("ahead of the current transfer").count() >= 6,
        "{}",
        run.stderr
    );
}

#[test]
fn a_retrieve_sent_ahead_but_not_used_is_settled_before_the_retry() {
    // f0 is cut after 100 bytes with a 451, after f1 was already sent ahead. The retry resumes
    // f0 with REST, so the pair sent ahead must be settled first.
    let files = files(3, 1000);
    let (server, run) = mget_from(
        &files,
        FakeConfig {
            retr_truncate: Some(100),
            retr_truncate_reply: "451 Local error; transfer cut.".into(),
            retr_truncate_times: 1,
            ..FakeConfig::default()
        },
        &["--retries", "2"],
    );
    assert!(
        run.stderr.contains("not using the RETR f1.dat sent ahead"),
        "{}",
        run.stderr
    );
    let commands = server.commands();
    let rest = commands
        .iter()
        .position(|c| c == "REST 100")
        .expect("REST 100");
    assert_eq!(commands[rest + 1], "RETR f0.dat", "{commands:?}");
    // f1 was asked for twice: once ahead (settled), once for real.
    assert_eq!(
        commands.iter().filter(|c| *c == "RETR f1.dat").count(),
        2,
        "{commands:?}"
    );
}

#[test]
fn a_missing_file_sent_ahead_fails_like_any_other() {
    // The listing names a file that is gone by the time it is asked for.
    let server = FakeServer::start(FakeConfig {
        files: vec![("/p/a.dat".into(), test_bytes(500, 1))],
        listing_lines: Some(vec![
            "-rw-r--r--    1 0        0             500 Jan 02  2024 a.dat".into(),
            "-rw-r--r--    1 0        0             700 Jan 02  2024 gone.dat".into(),
        ]),
        feat: vec![" EPSV".into(), " SIZE".into()],
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let run = batch(
        work.path(),
        &[],
        "cd p\n-mget *.dat\npwd\n",
        &server.url("/"),
    );
    // The failure is reported, and the session is still in step for the next command.
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("gone.dat"), "{}", run.stderr);
    assert!(run.stdout_text().contains("/p"), "{}", run.stdout_text());
    assert!(work.path().join("a.dat").exists());
    assert!(!work.path().join("gone.dat").exists());
}

#[test]
fn a_server_that_answers_the_next_command_first_turns_sending_ahead_off() {
    // The server answers the EPSV sent ahead before the first RETR's 226: ferry must not take
    // the 229 for the transfer's end. It gives the connection up, retries on a new one, and
    // sends nothing ahead for the rest of the run.
    let files = files(4, 2500);
    let (_server, run) = mget_from(
        &files,
        FakeConfig {
            first_final_after_next: true,
            ..FakeConfig::default()
        },
        &["--retries", "2"],
    );
    assert!(
        run.stderr.contains("answered the next command"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("ahead of the current transfer").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn each_upload_check_carries_the_next_uploads_epsv() {
    // After an upload's 226, the SIZE that checks it and the next file's EPSV go out together;
    // the STOR follows once the data connection is made.
    let (server, run) = mput_to(4, "");
    let lines = trace(&run.stderr);
    for i in 0..3 {
        let size = find(&lines, 0, &format!("> SIZE u{i}.bin"))
            .unwrap_or_else(|| panic!("no SIZE u{i}: {lines:#?}"));
        assert_eq!(lines[size + 1], "> EPSV", "{lines:#?}");
        assert!(lines[size + 2].starts_with("< 213"), "{lines:#?}");
        assert!(lines[size + 3].starts_with("< 229"), "{lines:#?}");
        assert_eq!(
            lines[size + 4],
            format!("> STOR u{}.bin", i + 1),
            "{lines:#?}"
        );
        // A small upload's data does not wait a round trip for the 150.
        assert_eq!(
            lines[size + 5],
            format!(
                "* sending the data of STOR u{}.bin without waiting for its 150",
                i + 1
            ),
            "{lines:#?}"
        );
        assert!(lines[size + 6].starts_with("< 150"), "{lines:#?}");
    }
    // The last upload's check carries nothing.
    let last = find(&lines, 0, "> SIZE u3.bin").unwrap();
    assert!(lines[last + 1].starts_with("< 213"), "{lines:#?}");
    let verbs = server.verbs();
    // One EPSV per upload (mput's glob is local: no listing), nothing sent twice.
    assert_eq!(
        verbs.iter().filter(|v| *v == "EPSV").count(),
        4,
        "{verbs:?}"
    );
}
