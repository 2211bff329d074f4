//! The interactive shell driven through a pseudo-terminal (rexpect) against pyftpdlib: a
//! command, remote tab completion, history without the password, Ctrl-C during a slow
//! download (one lane or several) leaving the session usable or saying truthfully that it was
//! dropped, and Ctrl-D quitting cleanly.

use std::fs;
use std::process::Command;

use rexpect::session::{PtySession, spawn_command};

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{dir_names, test_bytes};

pub(super) struct Shell {
    pub(super) pty: PtySession,
    home: tempfile::TempDir,
    pub(super) work: tempfile::TempDir,
}

pub(super) fn shell(args: &[&str]) -> Shell {
    shell_with_timeout(args, "10")
}

/// The shell with `--timeout SECS`.
fn shell_with_timeout(args: &[&str], secs: &str) -> Shell {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ferry"));
    cmd.env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .env_remove("NETRC")
        .env("TERM", "xterm")
        .current_dir(work.path())
        .args(["--timeout", secs])
        .args(args);
    let pty = spawn_command(cmd, Some(20_000)).expect("spawn ferry in a pty");
    Shell { pty, home, work }
}

/// The history file the shell saved under its HOME.
fn saved_history(sh: &Shell) -> String {
    fs::read_to_string(sh.home.path().join(".local/share/ferry/history")).unwrap()
}

/// Waits for the prompt, then a moment more: rustyline discards what is typed before it has
/// put the terminal in raw mode.
pub(super) fn ready(sh: &mut Shell, prompt: &str) {
    sh.pty.exp_string(prompt).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
}

pub(super) fn prompt(server: &PyFtpd, user: &str, cwd: &str) -> String {
    format!("ferry {user}@127.0.0.1:{}:{cwd}> ", server.port())
}

#[test]
fn runs_commands_and_completes_remote_names_with_tab() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::create_dir(server.root().join("docs")).unwrap();
    fs::write(server.root().join("docs/quarterly report.txt"), "numbers\n").unwrap();
    let mut sh = shell(&[&server.url("")]);
    let home = prompt(&server, "anonymous", "/");
    ready(&mut sh, &home);
    sh.pty.send_line("cd do\t").unwrap();
    ready(&mut sh, &prompt(&server, "anonymous", "/docs"));
    sh.pty.send("get quar\t").unwrap();
    sh.pty.flush().unwrap();
    sh.pty.exp_string("quarterly\\ report.txt").unwrap();
    sh.pty.send_line("").unwrap();
    ready(&mut sh, &prompt(&server, "anonymous", "/docs"));
    sh.pty.send_line("pwd").unwrap();
    sh.pty.exp_string("/docs").unwrap();
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
    let got = fs::read(sh.work.path().join("quarterly report.txt")).unwrap();
    assert_eq!(got, b"numbers\n");
}

#[test]
fn history_is_saved_without_the_password() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let mut sh = shell(&[]);
    ready(&mut sh, "ferry> ");
    let url = server
        .url("")
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1);
    sh.pty.send_line(&format!("open {url}")).unwrap();
    ready(&mut sh, &prompt(&server, "alice", "/"));
    sh.pty.send_line("user alice s3cret-again").unwrap();
    // A wrong password: the prompt says the connection is logged out (issue 13.1).
    ready(
        &mut sh,
        &format!("ferry 127.0.0.1:{} (not logged in)> ", server.port()),
    );
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
    let history = saved_history(&sh);
    assert!(
        history.contains(&format!("open ftp://alice@127.0.0.1:{}", server.port())),
        "{history}"
    );
    assert!(history.contains("user alice"), "{history}");
    assert!(
        !history.contains("s3cret"),
        "password in history: {history}"
    );
}

#[test]
fn rejected_lines_keep_no_password_in_history_either() {
    let mut sh = shell(&[]);
    ready(&mut sh, "ferry> ");
    // Lines the shell refuses, in forms people type (lftp's -u USER,PASS; a URL with a stray
    // colon after the port): the history is written before the line is parsed.
    for line in [
        "open -u alice,hunter2 -p 2121 127.0.0.1 extra words",
        "open ftp://alice:hunter2@127.0.0.1:2121:/",
    ] {
        sh.pty.send_line(line).unwrap();
        ready(&mut sh, "ferry> ");
    }
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
    let history = saved_history(&sh);
    assert!(history.contains("open -u alice"), "{history}");
    assert!(
        !history.contains("hunter2"),
        "password in history: {history}"
    );
}

#[test]
fn a_mistyped_password_says_logged_out_and_the_right_one_works_again() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("here.txt"), "x").unwrap();
    let url = server
        .url("")
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1);
    let mut sh = shell(&[&url]);
    let home = prompt(&server, "alice", "/");
    ready(&mut sh, &home);
    sh.pty.send_line("user alice wrong").unwrap();
    let out = format!("ferry 127.0.0.1:{} (not logged in)> ", server.port());
    ready(&mut sh, &out);
    sh.pty.send_line("status").unwrap();
    sh.pty.exp_string("but not logged in").unwrap();
    ready(&mut sh, &out);
    sh.pty.send_line("ls").unwrap();
    ready(&mut sh, &out);
    sh.pty.send_line("user alice 's3cret pass'").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("ls").unwrap();
    sh.pty.exp_string("here.txt").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
}

#[test]
fn mgets_question_stays_on_screen_while_it_waits() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("a.txt"), "alpha").unwrap();
    let mut sh = shell(&[&server.url("")]);
    let home = prompt(&server, "anonymous", "/");
    ready(&mut sh, &home);
    sh.pty.send_line("mget a.txt").unwrap();
    sh.pty.exp_string("a.txt? [y/N] ").unwrap();
    // Long enough for a spinner to redraw several times over the question: nothing may come
    // while it waits.
    std::thread::sleep(std::time::Duration::from_millis(900));
    let mut between = String::new();
    while let Some(c) = sh.pty.try_read() {
        between.push(c);
    }
    assert!(
        between.is_empty(),
        "the bars drew over the question: {between:?}"
    );
    sh.pty.send_line("y").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
    assert_eq!(fs::read(sh.work.path().join("a.txt")).unwrap(), b"alpha");
}

#[test]
fn ctrl_c_ends_the_wait_for_a_silent_greeting_in_the_shell() {
    let (port, _accepted) = crate::support::silent_server();
    // With --timeout 60 the greeting is awaited 10 s and once more: longer than this pty
    // session waits for anything (20 s), so only Ctrl-C can bring the prompt back in time.
    let mut sh = shell_with_timeout(&[], "60");
    ready(&mut sh, "ferry> ");
    sh.pty.send_line(&format!("open 127.0.0.1 {port}")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    sh.pty.send_control('c').unwrap();
    sh.pty.exp_string("interrupted").unwrap();
    ready(&mut sh, "ferry> ");
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
}

#[test]
fn ctrl_c_at_the_password_prompt_cancels_the_open() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let mut sh = shell(&[]);
    ready(&mut sh, "ferry> ");
    let url = server.url("").replacen("ftp://", "ftp://alice@", 1);
    sh.pty.send_line(&format!("open {url}")).unwrap();
    sh.pty.exp_string("Password for alice@127.0.0.1").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    sh.pty.send_control('c').unwrap();
    let said = sh.pty.exp_string("ferry> ").unwrap();
    assert!(said.contains("interrupted"), "{said:?}");
    assert!(!said.contains("no terminal"), "{said:?}");
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
}

#[test]
fn completing_inside_an_open_quote_closes_it_and_a_second_tab_lists_the_candidates() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("my file.txt"), "mine").unwrap();
    fs::write(server.root().join("alpha1.txt"), "1").unwrap();
    fs::write(server.root().join("alpha2.txt"), "2").unwrap();
    let mut sh = shell(&[&server.url("")]);
    let home = prompt(&server, "anonymous", "/");
    ready(&mut sh, &home);
    sh.pty.send("get \"my f\t").unwrap();
    sh.pty.flush().unwrap();
    sh.pty.exp_string("my\\ file.txt").unwrap();
    sh.pty.send_line("").unwrap();
    ready(&mut sh, &home);
    assert_eq!(
        fs::read(sh.work.path().join("my file.txt")).unwrap(),
        b"mine"
    );
    sh.pty.send("get al\t").unwrap();
    sh.pty.flush().unwrap();
    sh.pty.exp_string("alpha").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    sh.pty.send("\t").unwrap();
    sh.pty.flush().unwrap();
    sh.pty.exp_string("alpha1.txt").unwrap();
    sh.pty.exp_string("alpha2.txt").unwrap();
    sh.pty.send_control('c').unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
}

#[test]
fn ctrl_c_aborts_a_slow_download_and_the_session_stays_usable() {
    let server = PyFtpd::start(PyFtpdOptions {
        rate: Some(200_000),
        ..PyFtpdOptions::default()
    });
    fs::write(server.root().join("slow.bin"), test_bytes(8_000_000, 9)).unwrap();
    fs::write(server.root().join("after.txt"), "still here\n").unwrap();
    let mut sh = shell(&[&server.url("")]);
    let home = prompt(&server, "anonymous", "/");
    ready(&mut sh, &home);
    sh.pty.send_line("get slow.bin").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    sh.pty.send_control('c').unwrap();
    sh.pty.exp_string("interrupted").unwrap();
    // Where the data went, and how to go on (issue 13, rough edges).
    sh.pty
        .exp_string("partial file kept as slow.bin.part; `get -c slow.bin` resumes")
        .unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("get after.txt").unwrap();
    ready(&mut sh, &home);
    // Ctrl-D quits cleanly.
    sh.pty.send_control('d').unwrap();
    sh.pty.exp_eof().unwrap();
    assert_eq!(
        fs::read(sh.work.path().join("after.txt")).unwrap(),
        b"still here\n"
    );
    assert!(
        !sh.work.path().join("slow.bin").exists(),
        "a partial download under the final name"
    );
    let part = fs::metadata(sh.work.path().join("slow.bin.part"))
        .unwrap()
        .len();
    assert!(part > 0 && part < 8_000_000, "part file has {part} bytes");
}

#[test]
fn ctrl_c_stops_every_lane_of_a_parallel_mget() {
    // Three files of 40 s each at this rate: without every lane stopping, the prompt would
    // come back only when the other lanes had finished theirs.
    let server = PyFtpd::start(PyFtpdOptions {
        rate: Some(200_000),
        ..PyFtpdOptions::default()
    });
    for i in 1..=3 {
        fs::write(
            server.root().join(format!("slow{i}.bin")),
            test_bytes(8_000_000, i),
        )
        .unwrap();
    }
    fs::write(server.root().join("after.txt"), "still here\n").unwrap();
    let mut sh = shell(&[&server.url("")]);
    let home = prompt(&server, "anonymous", "/");
    ready(&mut sh, &home);
    sh.pty.send_line("prompt off").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("mget -P 3 slow*.bin").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2000));
    let pressed = std::time::Instant::now();
    sh.pty.send_control('c').unwrap();
    sh.pty
        .exp_string("interrupted; the connection is still open")
        .unwrap();
    assert!(
        pressed.elapsed() < std::time::Duration::from_secs(10),
        "the lanes took {:?} to stop",
        pressed.elapsed()
    );
    ready(&mut sh, &home);
    sh.pty.send_line("get after.txt").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
    assert_eq!(
        fs::read(sh.work.path().join("after.txt")).unwrap(),
        b"still here\n"
    );
    for i in 1..=3 {
        assert!(
            !sh.work.path().join(format!("slow{i}.bin")).exists(),
            "slow{i}.bin was finished"
        );
    }
}

#[test]
fn ctrl_c_says_so_when_the_abort_cost_the_connection() {
    // The server stalls the download and reads no command meanwhile, so ABOR gets no answer.
    let server = FakeServer::start(FakeConfig {
        files: vec![
            ("/big.bin".into(), test_bytes(100_000, 3)),
            ("/small.txt".into(), b"small\n".to_vec()),
        ],
        retr_truncate: Some(1000),
        retr_truncate_times: 1,
        retr_stall: true,
        ..FakeConfig::default()
    });
    let mut sh = shell(&[&server.url("/")]);
    let home = format!("ferry anonymous@{}:/> ", server.addr());
    ready(&mut sh, &home);
    sh.pty.send_line("get big.bin").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1000));
    sh.pty.send_control('c').unwrap();
    sh.pty
        .exp_string("the server did not answer the abort in time, so that connection was closed")
        .unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("get small.txt").unwrap();
    sh.pty.exp_string("reconnecting").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
    assert_eq!(
        fs::read(sh.work.path().join("small.txt")).unwrap(),
        b"small\n"
    );
}

#[test]
fn ctrl_c_at_the_prompt_clears_the_line() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    // As alice, who may make directories (anonymous may not): the mkdir would succeed if the
    // line were sent.
    let url = server
        .url("")
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1);
    let mut sh = shell(&[&url]);
    let home = prompt(&server, "alice", "/");
    ready(&mut sh, &home);
    sh.pty.send("mkdir should-not-exist").unwrap();
    sh.pty.flush().unwrap();
    sh.pty.exp_string("should-not-exist").unwrap();
    sh.pty.send_control('c').unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("pwd").unwrap();
    sh.pty.exp_string("/\r\n").unwrap();
    sh.pty.send_line("bye").unwrap();
    sh.pty.exp_eof().unwrap();
    // Nothing was made: neither `should-not-exist` nor `should-not-existpwd`.
    assert!(
        dir_names(server.root()).is_empty(),
        "{:?}",
        dir_names(server.root())
    );
}

#[test]
fn summaries_name_the_local_file_alike_in_one_shot_mode_and_in_the_shell() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::create_dir(server.root().join("pub")).unwrap();
    fs::write(server.root().join("pub/big50.bin"), test_bytes(50_000, 5)).unwrap();
    // One-shot mode on a terminal (summaries are shown only there): `mirror URL .`.
    let mut one_shot = shell(&["mirror", &server.url("/pub"), "."]);
    let (_, said) = one_shot.pty.exp_regex(r"\S*big50\.bin: ").unwrap();
    assert!(!said.contains("./"), "one-shot summary: {said:?}");
    one_shot.pty.exp_eof().unwrap();
    let mut sh = shell(&[&server.url("")]);
    let home = prompt(&server, "anonymous", "/");
    ready(&mut sh, &home);
    sh.pty.send_line("mirror pub .").unwrap();
    let (_, said) = sh.pty.exp_regex(r"\S*big50\.bin: ").unwrap();
    assert!(!said.contains("./"), "shell summary: {said:?}");
    ready(&mut sh, &home);
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
}

#[test]
fn pget_names_each_segments_bar_and_draws_one_for_the_whole_file() {
    let server = PyFtpd::start(PyFtpdOptions {
        rate: Some(200_000),
        ..PyFtpdOptions::default()
    });
    fs::write(server.root().join("seg.bin"), test_bytes(2_000_000, 6)).unwrap();
    let mut run = shell(&["pget", "-n", "4", &server.url("/seg.bin")]);
    // Lanes 3 and 4 open once lane 2 has logged in; on a busy machine the first two may have
    // taken every segment by then, so only the first two bars are sure to be drawn.
    for bar in ["seg.bin [1/4]", "seg.bin [2/4]", "seg.bin (all 4)"] {
        run.pty.exp_string(bar).unwrap();
    }
    run.pty.exp_string("seg.bin: ").unwrap();
    run.pty.exp_eof().unwrap();
    assert_eq!(
        fs::read(run.work.path().join("seg.bin")).unwrap(),
        test_bytes(2_000_000, 6)
    );
}
