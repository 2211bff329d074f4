//! `--limit-rate` (and `limit_rate` in config.toml, `FERRY_LIMIT_RATE`, the shell's `rate`)
//! against pyftpdlib: transfers under a limit arrive whole, one file or many over parallel
//! connections, downloads and uploads (sendfile included); the limit shows in `--json`, the
//! progress bar and `status`; bad rates are usage errors. How exactly the limit is kept is the
//! limiter's arithmetic, tested with its clock passed in (src/engine/throttle.rs), and measured
//! by scripts/bench.sh: no test here times anything.

use std::fs;
use std::process::Command;

use rexpect::session::spawn_command;

use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{ferry, ferry_command, run, test_bytes};

fn user_url(server: &PyFtpd, path: &str) -> String {
    server
        .url(path)
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1)
}

fn path_str(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn a_limited_download_and_upload_arrive_whole_and_say_their_limit() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let data = test_bytes(2 * 1024 * 1024, 11);
    fs::write(server.root().join("two.bin"), &data).unwrap();
    let work = tempfile::tempdir().unwrap();
    let got = work.path().join("two.bin");
    let run = ferry(&[
        "--limit-rate",
        "4M",
        "get",
        "--json",
        &server.url("two.bin"),
        "-o",
        path_str(&got),
    ])
    .success();
    assert_eq!(fs::read(&got).unwrap(), data);
    assert!(
        run.stdout_text().contains("\"limit\":4194304"),
        "{}",
        run.stdout_text()
    );
    // A plain binary upload goes by sendfile, in slices the limit paces.
    let run = ferry(&[
        "--limit-rate",
        "4M",
        "put",
        "--json",
        path_str(&got),
        &user_url(&server, "up.bin"),
    ])
    .success();
    assert_eq!(fs::read(server.root().join("up.bin")).unwrap(), data);
    assert!(
        run.stdout_text().contains("\"limit\":4194304"),
        "{}",
        run.stdout_text()
    );
    // pget's segments, over two connections, draw from the same limit.
    let pgot = work.path().join("p.bin");
    let run = ferry(&[
        "--limit-rate",
        "8M",
        "pget",
        "-n",
        "2",
        "--json",
        &server.url("two.bin"),
        "-o",
        path_str(&pgot),
    ])
    .success();
    assert_eq!(fs::read(&pgot).unwrap(), data);
    assert!(
        run.stdout_text().contains("\"limit\":8388608"),
        "{}",
        run.stdout_text()
    );
}

#[test]
fn parallel_lanes_share_one_limit_and_every_file_arrives() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::create_dir(server.root().join("many")).unwrap();
    let files: Vec<(String, Vec<u8>)> = (0..8)
        .map(|i| {
            (
                format!("f{i}.bin"),
                test_bytes(300_000 + i * 1000, i as u64),
            )
        })
        .collect();
    for (name, data) in &files {
        fs::write(server.root().join("many").join(name), data).unwrap();
    }
    let work = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "--limit-rate",
        "8M",
        "get",
        "-r",
        "-P",
        "4",
        "--json",
        &server.url("many"),
        "-O",
        path_str(work.path()),
    ])
    .success();
    for (name, data) in &files {
        assert_eq!(
            &fs::read(work.path().join("many").join(name)).unwrap(),
            data,
            "{name}"
        );
    }
    let lines = run.stdout_text();
    assert_eq!(lines.matches("\"limit\":8388608").count(), 8, "{lines}");
    // Uploads over four lanes, the same way.
    fs::create_dir(server.root().join("back")).unwrap();
    let up = work.path().join("many");
    ferry(&[
        "--limit-rate",
        "8M",
        "put",
        "-r",
        "-P",
        "4",
        path_str(&up),
        &user_url(&server, "back/"),
    ])
    .success();
    for (name, data) in &files {
        let there = server.root().join("back/many").join(name);
        assert_eq!(&fs::read(there).unwrap(), data, "{name}");
    }
}

#[test]
fn the_limit_comes_from_the_config_file_the_environment_or_the_flag() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("s.bin"), test_bytes(10_000, 3)).unwrap();
    let config = tempfile::tempdir().unwrap();
    fs::write(config.path().join("config.toml"), "limit_rate = \"16M\"\n").unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("s.bin");
    let get = |extra: &[&str], env: Option<&str>| {
        let mut cmd = ferry_command();
        cmd.env("FERRY_CONFIG_DIR", config.path());
        if let Some(v) = env {
            cmd.env("FERRY_LIMIT_RATE", v);
        }
        cmd.args(extra)
            .args(["get", "--json", &server.url("s.bin"), "-o", path_str(&out)]);
        run(cmd)
    };
    let file = get(&[], None).success();
    assert!(
        file.stdout_text().contains("\"limit\":16777216"),
        "{}",
        file.stdout_text()
    );
    let env = get(&[], Some("32M")).success();
    assert!(
        env.stdout_text().contains("\"limit\":33554432"),
        "{}",
        env.stdout_text()
    );
    let off = get(&["--limit-rate", "off"], Some("32M")).success();
    assert!(
        off.stdout_text().contains("\"limit\":null"),
        "{}",
        off.stdout_text()
    );
    // Bad values, wherever they come from, are usage errors that say what is accepted.
    let bad = get(&["--limit-rate", "fast"], None);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("500K"), "{}", bad.stderr);
    let bad = get(&[], Some("2 per second"));
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("FERRY_LIMIT_RATE"), "{}", bad.stderr);
    fs::write(config.path().join("config.toml"), "limit_rate = \"-1M\"\n").unwrap();
    let bad = get(&[], None);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("config.toml"), "{}", bad.stderr);
}

#[test]
fn the_shell_sets_shows_and_lifts_the_limit() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let data = test_bytes(100_000, 4);
    fs::write(server.root().join("r.bin"), &data).unwrap();
    let work = tempfile::tempdir().unwrap();
    let script = work.path().join("script");
    fs::write(
        &script,
        "rate\nrate 500K\nstatus\nget --json r.bin\nrate off\nget --json r.bin\nrate 1.5M\n",
    )
    .unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["-b", path_str(&script), &server.url("")]);
    let run = run(cmd).success();
    let out = run.stdout_text();
    assert!(out.contains("rate limit: none."), "{out}");
    assert!(
        out.contains("rate limit: 500 KiB/s (all transfers together)."),
        "{out}"
    );
    assert!(out.contains("Rate limit: 500 KiB/s"), "{out}");
    assert!(out.contains("\"limit\":512000"), "{out}");
    assert!(out.contains("\"limit\":null"), "{out}");
    assert!(out.contains("rate limit: 1.5 MiB/s"), "{out}");
    assert_eq!(fs::read(work.path().join("r.bin")).unwrap(), data);
    fs::write(&script, "rate lots\n").unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["-b", path_str(&script), &server.url("")]);
    let bad = crate::support::run(cmd);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn the_progress_bar_shows_the_limit() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("bar.bin"), test_bytes(1024 * 1024, 5)).unwrap();
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ferry"));
    cmd.env("HOME", home.path())
        .env("TERM", "xterm")
        .env_remove("NETRC")
        .current_dir(work.path())
        .args(["--limit-rate", "512K", "get", &server.url("bar.bin")]);
    let mut pty = spawn_command(cmd, Some(30_000)).expect("spawn ferry in a pty");
    // The bar itself (not only the summary after it) names the limit after its ETA.
    pty.exp_regex(r"ETA \S+ \(limit 512 KiB/s\)").unwrap();
    pty.exp_eof().unwrap();
    assert_eq!(
        fs::read(work.path().join("bar.bin")).unwrap(),
        test_bytes(1024 * 1024, 5)
    );
}
