//! Many files over several connections (`-P N`): mget, mput and recursive transfers share one
//! queue between N logged-in sessions; a server that refuses extra connections gets fewer.

use std::fs;

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{dir_names, ferry_command, run, test_bytes};

fn batch(dir: &std::path::Path, script: &str, url: &str) -> crate::support::Run {
    let path = dir.join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(dir)
        .args(["--timeout", "10", "--retry-wait", "0.01", "-b"])
        .arg(&path)
        .arg(url);
    run(cmd)
}

fn small_files(n: usize) -> Vec<(String, Vec<u8>)> {
    (0..n)
        .map(|i| {
            (
                format!("/many/f{i:03}.dat"),
                test_bytes(4096 + i, i as u64 + 1),
            )
        })
        .collect()
}

#[test]
fn mget_over_four_connections_fetches_every_file_once() {
    let files = small_files(40);
    let server = FakeServer::start(FakeConfig {
        files: files.clone(),
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let run = batch(work.path(), "cd many\nmget -P 4 *.dat\n", &server.url("/"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, content) in &files {
        let name = path.rsplit('/').next().unwrap();
        assert!(
            fs::read(work.path().join(name)).unwrap() == *content,
            "{name} differs"
        );
    }
    let verbs = server.verbs();
    assert_eq!(
        verbs.iter().filter(|v| *v == "USER").count(),
        4,
        "{verbs:?}"
    );
    assert_eq!(
        verbs.iter().filter(|v| *v == "RETR").count(),
        40,
        "{verbs:?}"
    );
    // The listing gave every size: no SIZE round trip per file.
    assert!(!verbs.contains(&"SIZE".to_string()), "{verbs:?}");
}

#[test]
fn mput_over_three_connections_stores_every_file() {
    let server = FakeServer::start(FakeConfig {
        files: vec![("/up/".into(), Vec::new())],
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("out");
    fs::create_dir(&local).unwrap();
    for i in 0..25 {
        fs::write(local.join(format!("u{i}.bin")), test_bytes(5000, i)).unwrap();
    }
    let script = format!("cd up\nmput -P 3 {}/*.bin\n", local.display());
    let run = batch(work.path(), &script, &server.url("/"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for i in 0..25 {
        assert!(
            server.file(&format!("/up/u{i}.bin")).unwrap() == test_bytes(5000, i),
            "u{i}.bin"
        );
    }
    assert_eq!(server.verbs().iter().filter(|v| *v == "USER").count(), 3);
}

#[test]
fn a_server_that_refuses_extra_connections_gets_fewer() {
    let files = small_files(12);
    // Two connections at once at most: of three workers, one is refused and retires.
    let server = FakeServer::start(FakeConfig {
        files,
        max_sessions: Some(2),
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let run = batch(work.path(), "cd many\nmget -P 3 *\n", &server.url("/"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("going on with fewer"), "{}", run.stderr);
    assert_eq!(
        dir_names(work.path())
            .iter()
            .filter(|n| n.ends_with(".dat"))
            .count(),
        12
    );
}

#[test]
fn recursive_get_and_put_in_parallel_copy_whole_trees() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let work = tempfile::tempdir().unwrap();
    let tree = work.path().join("tree");
    for d in 0..3 {
        fs::create_dir_all(tree.join(format!("d{d}/inner"))).unwrap();
        for f in 0..6 {
            fs::write(tree.join(format!("d{d}/f{f}.txt")), format!("{d}-{f}")).unwrap();
            fs::write(
                tree.join(format!("d{d}/inner/g{f}.bin")),
                test_bytes(3000, f),
            )
            .unwrap();
        }
    }
    let url = server
        .url("")
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1);
    let mut cmd = ferry_command();
    cmd.args(["put", "-r", "-P", "4"]).arg(&tree).arg(&url);
    assert_eq!(run(cmd).code, 0);
    let out = work.path().join("back");
    fs::create_dir(&out).unwrap();
    let mut cmd = ferry_command();
    cmd.args(["get", "-r", "-P", "4", &format!("{url}tree"), "-O"])
        .arg(&out);
    let got = run(cmd);
    assert_eq!(got.code, 0, "{}", got.stderr);
    for d in 0..3 {
        for f in 0..6 {
            let text = fs::read_to_string(out.join(format!("tree/d{d}/f{f}.txt"))).unwrap();
            assert_eq!(text, format!("{d}-{f}"));
            assert!(
                fs::read(out.join(format!("tree/d{d}/inner/g{f}.bin"))).unwrap()
                    == test_bytes(3000, f)
            );
        }
    }
}

const ONE_PER_IP: &str = "530 Not logged in, only one session from same IP allowed at a time.";

/// How many times the server was sent `verb`.
fn count(server: &FakeServer, verb: &str) -> usize {
    server.verbs().iter().filter(|v| *v == verb).count()
}

#[test]
fn a_server_allowing_one_session_per_address_finishes_get_and_put_on_the_first() {
    let files = small_files(12);
    let server = FakeServer::start(FakeConfig {
        files: files.clone(),
        max_logins: Some((1, ONE_PER_IP.into())),
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("local");
    fs::create_dir(&local).unwrap();
    for i in 0..9 {
        fs::write(local.join(format!("u{i}.bin")), test_bytes(3000, i)).unwrap();
    }
    let script = format!(
        "get -r -P 4 many\nput -r -P 4 {}\nmget -P 4 many/*.dat\n",
        local.display()
    );
    let run = batch(work.path(), &script, &server.url("/"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, content) in &files {
        let name = path.rsplit('/').next().unwrap();
        assert!(fs::read(work.path().join("many").join(name)).unwrap() == *content);
        assert!(fs::read(work.path().join(name)).unwrap() == *content);
    }
    for i in 0..9 {
        assert!(server.file(&format!("/local/u{i}.bin")).unwrap() == test_bytes(3000, i));
    }
    // The first job asked for one extra login (lanes 3 and 4 wait for lane 2's, which was
    // refused); the two commands after it opened no extra connection at all.
    assert_eq!(count(&server, "PASS"), 1 + 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("one session from same IP"),
        "the refusal is named: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 connection"),
        "the summary says how many were used: {}",
        run.stderr
    );
}

#[test]
fn a_server_that_refuses_the_third_connection_finishes_on_two() {
    let files = small_files(12);
    let server = FakeServer::start(FakeConfig {
        files: files.clone(),
        max_sessions: Some(2),
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args([
            "--timeout",
            "10",
            "--retry-wait",
            "0.01",
            "get",
            "-r",
            "-P",
            "4",
        ])
        .arg(server.url("/many"));
    let run = run(cmd);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, content) in &files {
        let name = path.rsplit('/').next().unwrap();
        assert!(fs::read(work.path().join("many").join(name)).unwrap() == *content);
    }
    assert_eq!(count(&server, "PASS"), 2, "{}", run.stderr);
    assert!(run.stderr.contains("2 connections"), "{}", run.stderr);
}

#[test]
fn a_refused_extra_login_is_not_a_failed_login_for_a_single_file() {
    // One file needs one connection: the limit is never met, and nothing is said about it.
    let server = FakeServer::start(FakeConfig {
        files: small_files(1),
        max_logins: Some((1, ONE_PER_IP.into())),
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let run = batch(work.path(), "get -P 4 many/f000.dat\n", &server.url("/"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(count(&server, "PASS"), 1);
    assert!(!run.stderr.contains("refused"), "{}", run.stderr);
}

#[test]
fn pyftpdlib_with_two_connections_per_address_gets_and_puts_trees_on_two() {
    let server = PyFtpd::start(PyFtpdOptions {
        max_cons_per_ip: Some(2),
        ..PyFtpdOptions::default()
    });
    let tree = server.root().join("tree");
    fs::create_dir_all(tree.join("sub")).unwrap();
    for i in 0..10 {
        fs::write(
            tree.join(format!("f{i}.bin")),
            test_bytes(2000 + i, i as u64),
        )
        .unwrap();
        fs::write(
            tree.join(format!("sub/g{i}.bin")),
            test_bytes(100 + i, i as u64),
        )
        .unwrap();
    }
    let work = tempfile::tempdir().unwrap();
    let ferry = |args: &[&str]| {
        let mut cmd = ferry_command();
        cmd.current_dir(work.path())
            .args([
                "--timeout",
                "10",
                "--retry-wait",
                "0.01",
                "-u",
                "alice:s3cret pass",
            ])
            .args(args);
        run(cmd)
    };
    fs::create_dir(server.root().join("back")).unwrap();
    let got = ferry(&["get", "-r", "-P", "4", &server.url("tree")]);
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert!(
        got.stderr.contains("used 2 connections of 4"),
        "{}",
        got.stderr
    );
    let put = ferry(&["put", "-r", "-P", "4", "tree", &server.url("back/")]);
    assert_eq!(put.code, 0, "{}", put.stderr);
    for i in 0..10 {
        for name in [format!("f{i}.bin"), format!("sub/g{i}.bin")] {
            let original = fs::read(tree.join(&name)).unwrap();
            assert!(fs::read(work.path().join("tree").join(&name)).unwrap() == original);
            assert!(fs::read(server.root().join("back/tree").join(&name)).unwrap() == original);
        }
    }
}

#[test]
fn a_per_address_limit_at_login_advises_closing_the_other_session() {
    let server = FakeServer::start(FakeConfig {
        max_logins: Some((0, ONE_PER_IP.into())),
        ..FakeConfig::default()
    });
    let mut cmd = ferry_command();
    cmd.args(["--timeout", "10", "--retries", "0", "ls"])
        .arg(server.url("/"));
    let run = run(cmd);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("ferry: hint:"), "{}", run.stderr);
    assert!(run.stderr.contains("close it"), "{}", run.stderr);
    assert!(!run.stderr.contains("administrator"), "{}", run.stderr);
}

#[test]
fn many_files_use_several_connections_by_default_and_p1_is_serial() {
    let files = small_files(40);
    let ferry = |env: Option<(&str, &str)>, args: &[&str]| {
        let server = FakeServer::start(FakeConfig {
            files: files.clone(),
            ..FakeConfig::default()
        });
        let work = tempfile::tempdir().unwrap();
        let mut cmd = ferry_command();
        cmd.current_dir(work.path())
            .args(["--timeout", "10", "get", "-r"])
            .args(args)
            .arg(server.url("/many"));
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let run = run(cmd);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        for (path, content) in &files {
            let name = path.rsplit('/').next().unwrap();
            assert!(fs::read(work.path().join("many").join(name)).unwrap() == *content);
        }
        assert_eq!(count(&server, "RETR"), files.len(), "each file once");
        count(&server, "PASS")
    };
    // As a user types it: more than one connection, never more than the default cap.
    let default = ferry(None, &[]);
    assert!((2..=8).contains(&default), "{default} logins by default");
    // How many depends on how fast the first connection drains the queue meanwhile.
    let auto = ferry(None, &["-P", "auto"]);
    assert!((2..=8).contains(&auto), "{auto} logins with -P auto");
    assert_eq!(ferry(None, &["-P", "1"]), 1, "-P 1 is strictly serial");
    assert_eq!(ferry(Some(("FERRY_PARALLEL", "1")), &[]), 1);
    assert_eq!(ferry(Some(("FERRY_PARALLEL", "3")), &[]), 3);
    assert_eq!(
        ferry(Some(("FERRY_PARALLEL", "1")), &["-P", "2"]),
        2,
        "-P wins"
    );
}

#[test]
fn a_few_files_stay_on_the_connection_in_hand() {
    // Two files are done before a second login would be: no extra connection.
    let server = FakeServer::start(FakeConfig {
        files: small_files(2),
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let run = batch(
        work.path(),
        "get -r many\nmget many/*.dat\n",
        &server.url("/"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(count(&server, "PASS"), 1, "{}", run.stderr);
}

#[test]
fn the_default_finishes_on_what_pyftpdlib_allows_and_says_so() {
    // pyftpdlib refuses the fourth connection from one address: the default (up to 8) keeps
    // three, says so, and the next command opens no more than three.
    let server = PyFtpd::start(PyFtpdOptions {
        max_cons_per_ip: Some(3),
        ..PyFtpdOptions::default()
    });
    let tree = server.root().join("tree");
    fs::create_dir_all(&tree).unwrap();
    for i in 0..60 {
        fs::write(
            tree.join(format!("f{i:02}.bin")),
            test_bytes(1000 + i, i as u64),
        )
        .unwrap();
    }
    let work = tempfile::tempdir().unwrap();
    let url = server
        .url("")
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1);
    let script = "get -r tree\nlcd again\nget -r tree\n";
    fs::create_dir(work.path().join("again")).unwrap();
    let run = batch(work.path(), script, &url);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for i in 0..60 {
        let name = format!("tree/f{i:02}.bin");
        let original = test_bytes(1000 + i, i as u64);
        assert!(
            fs::read(work.path().join(&name)).unwrap() == original,
            "{name}"
        );
        assert!(fs::read(work.path().join("again").join(&name)).unwrap() == original);
    }
    assert!(
        run.stderr.contains("used 3 connections of 8"),
        "the first job says how many it used: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("using 3 connections (the server refused more earlier"),
        "the second job opens no more than the server allowed: {}",
        run.stderr
    );
}

#[test]
fn a_lane_that_cannot_get_back_hands_its_files_to_the_others() {
    // The second connection is cut in its first download, and the server lets nobody in again:
    // that lane's retries are used up reconnecting, it hands its file back, and the first
    // connection finishes the job.
    let files = small_files(120);
    let server = FakeServer::start(FakeConfig {
        files: files.clone(),
        retr_truncate: Some(100),
        retr_truncate_times: 1,
        retr_cut_connection: Some(2),
        retr_cut_closes_control: true,
        accept_limit: Some(2),
        ..FakeConfig::default()
    });
    let work = tempfile::tempdir().unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["--timeout", "5", "--retries", "2", "--retry-wait", "0.01"])
        .args(["get", "-r", "-P", "2"])
        .arg(server.url("/many"));
    let run = run(cmd);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("connection 2 cannot get back"),
        "the second lane was cut and handed its file back: {}",
        run.stderr
    );
    for (path, content) in &files {
        let name = path.rsplit('/').next().unwrap();
        assert!(
            fs::read(work.path().join("many").join(name)).unwrap() == *content,
            "{name}"
        );
    }
    assert!(
        fs::read_dir(work.path().join("many")).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".part")),
        "no .part is left"
    );
}
