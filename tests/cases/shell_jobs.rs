//! Background jobs in the interactive shell, on a pseudo-terminal against pyftpdlib throttled
//! so that a job is still running while the next commands are typed: `get … &` beside `ls`,
//! `cd` and `lcd` that do not move it, `jobs`, `wait`, `kill` leaving a `.part` that `get -c`
//! finishes, a job's last line above the line being typed, Ctrl-C that stops the foreground
//! command and not the job, `fg` (whose Ctrl-C does stop it), and `quit` asking first.

use std::fs;

use super::shell_pty::{Shell, prompt, ready, shell};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::test_bytes;

fn throttled(rate: u64) -> PyFtpd {
    PyFtpd::start(PyFtpdOptions {
        rate: Some(rate),
        ..PyFtpdOptions::default()
    })
}

/// Types `jobs` until job 1 shows data arriving (`[1] running  get NAME  N%` with N > 0);
/// nothing is measured in time, the job is only known to have begun.
fn until_moving(sh: &mut Shell, home: &str, name: &str) {
    let moving = regex_lite(name);
    for _ in 0..150 {
        sh.pty.send_line("jobs").unwrap();
        let said = sh.pty.exp_string(home).unwrap();
        if moving(&said) {
            std::thread::sleep(std::time::Duration::from_millis(300));
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    panic!("job 1 never showed progress");
}

/// Whether `jobs` said `[1] running  get NAME  N%` with N from 1 to 99.
fn regex_lite(name: &str) -> impl Fn(&str) -> bool {
    let head = format!("get {name}  ");
    move |said: &str| {
        said.lines().any(|line| {
            let Some(rest) = line.split_once(&head).map(|(_, r)| r) else {
                return false;
            };
            let percent: String = rest.chars().take_while(char::is_ascii_digit).collect();
            line.contains("[1] running")
                && rest[percent.len()..].starts_with('%')
                && percent.parse::<u32>().is_ok_and(|p| (1..100).contains(&p))
        })
    }
}

#[test]
fn a_background_get_keeps_its_directories_while_the_foreground_lists_and_moves() {
    let server = throttled(200_000);
    fs::create_dir(server.root().join("sub")).unwrap();
    let data = test_bytes(2_000_000, 31);
    fs::write(server.root().join("sub/big.bin"), &data).unwrap();
    fs::write(server.root().join("top.txt"), "top\n").unwrap();
    let mut sh = shell(&[&server.url("")]);
    fs::create_dir(sh.work.path().join("elsewhere")).unwrap();
    let home = prompt(&server, "anonymous", "/");
    let sub = prompt(&server, "anonymous", "/sub");
    ready(&mut sh, &home);
    sh.pty.send_line("cd sub").unwrap();
    ready(&mut sh, &sub);
    sh.pty.send_line("get big.bin &").unwrap();
    sh.pty.exp_string("[1] started: get big.bin").unwrap();
    ready(&mut sh, &sub);
    // The foreground moves on, remote and local, and lists while the job runs.
    sh.pty.send_line("cd /").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("lcd elsewhere").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("ls").unwrap();
    sh.pty.exp_string("top.txt").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("jobs").unwrap();
    sh.pty.exp_string("[1] running  get big.bin  ").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("wait").unwrap();
    // The job's one line comes before the next prompt.
    sh.pty
        .exp_string("[1] done: get big.bin (big.bin: ")
        .unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("jobs").unwrap();
    sh.pty.exp_string("no background jobs").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
    assert_eq!(fs::read(sh.work.path().join("big.bin")).unwrap(), data);
    assert!(!sh.work.path().join("elsewhere/big.bin").exists());
    assert!(!sh.work.path().join("big.bin.part").exists());
}

#[test]
fn kill_stops_a_job_and_get_c_finishes_its_part_file() {
    let server = throttled(300_000);
    let data = test_bytes(1_500_000, 32);
    fs::write(server.root().join("big.bin"), &data).unwrap();
    let mut sh = shell(&[&server.url("")]);
    let home = prompt(&server, "anonymous", "/");
    ready(&mut sh, &home);
    sh.pty.send_line("get big.bin&").unwrap();
    sh.pty.exp_string("[1] started: get big.bin").unwrap();
    ready(&mut sh, &home);
    until_moving(&mut sh, &home, "big.bin");
    sh.pty.send_line("kill 1").unwrap();
    sh.pty
        .exp_string("[1] killed: get big.bin; partial file kept as ")
        .unwrap();
    sh.pty
        .exp_string("big.bin.part; `get -c big.bin` resumes")
        .unwrap();
    ready(&mut sh, &home);
    let part = sh.work.path().join("big.bin.part");
    let kept = fs::metadata(&part).unwrap().len();
    assert!(kept > 0 && kept < data.len() as u64, "{kept} bytes kept");
    assert!(!sh.work.path().join("big.bin").exists());
    sh.pty.send_line("kill 1").unwrap();
    sh.pty.exp_string("no job 1").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("get -c big.bin").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
    assert_eq!(fs::read(sh.work.path().join("big.bin")).unwrap(), data);
    assert!(!part.exists());
}

#[test]
fn a_job_that_ends_while_a_line_is_typed_prints_above_it_and_keeps_the_line() {
    let server = throttled(200_000);
    let data = test_bytes(600_000, 33);
    fs::write(server.root().join("mid.bin"), &data).unwrap();
    let mut sh = shell(&[&server.url("")]);
    let home = prompt(&server, "anonymous", "/");
    ready(&mut sh, &home);
    sh.pty.send_line("get mid.bin &").unwrap();
    ready(&mut sh, &home);
    // Half a command, and no Enter: the job ends while it waits on the line.
    sh.pty.send("pw").unwrap();
    sh.pty.flush().unwrap();
    sh.pty
        .exp_string("[1] done: get mid.bin (mid.bin: ")
        .unwrap();
    // The prompt is drawn again below, with what was typed so far.
    sh.pty.exp_string(&format!("{home}pw")).unwrap();
    sh.pty.send_line("d").unwrap();
    let said = sh.pty.exp_string(&home).unwrap();
    assert!(
        said.contains("/\r\n") && !said.contains("unknown command"),
        "pwd did not run as typed: {said:?}"
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
    assert_eq!(fs::read(sh.work.path().join("mid.bin")).unwrap(), data);
}

#[test]
fn ctrl_c_stops_the_foreground_get_not_the_job_and_fg_follows_it() {
    let server = throttled(200_000);
    fs::write(server.root().join("big.bin"), test_bytes(6_000_000, 34)).unwrap();
    fs::write(server.root().join("fg.bin"), test_bytes(6_000_000, 35)).unwrap();
    let mut sh = shell(&[&server.url("")]);
    let home = prompt(&server, "anonymous", "/");
    ready(&mut sh, &home);
    sh.pty.send_line("get big.bin &").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("get fg.bin").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    sh.pty.send_control('c').unwrap();
    sh.pty.exp_string("interrupted").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("jobs").unwrap();
    sh.pty.exp_string("[1] running  get big.bin  ").unwrap();
    ready(&mut sh, &home);
    // fg follows the job in the foreground; Ctrl-C there stops it.
    sh.pty.send_line("fg").unwrap();
    sh.pty.exp_string("[1] get big.bin").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    sh.pty.send_control('c').unwrap();
    sh.pty.exp_string("[1] killed: get big.bin").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("quit").unwrap();
    sh.pty.exp_eof().unwrap();
    assert!(!sh.work.path().join("big.bin").exists());
}

#[test]
fn quit_with_a_job_running_asks_and_no_keeps_the_shell() {
    let server = throttled(200_000);
    fs::write(server.root().join("big.bin"), test_bytes(6_000_000, 36)).unwrap();
    let mut sh = shell(&[&server.url("")]);
    let home = prompt(&server, "anonymous", "/");
    ready(&mut sh, &home);
    sh.pty.send_line("get big.bin &").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("quit").unwrap();
    sh.pty
        .exp_string("1 job is running; quit and stop them? [y/N]")
        .unwrap();
    sh.pty.send_line("n").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("jobs").unwrap();
    sh.pty.exp_string("[1] running  get big.bin").unwrap();
    ready(&mut sh, &home);
    sh.pty.send_line("bye").unwrap();
    sh.pty.exp_string("quit and stop them? [y/N]").unwrap();
    sh.pty.send_line("y").unwrap();
    sh.pty.exp_string("[1] killed: get big.bin").unwrap();
    sh.pty.exp_eof().unwrap();
    assert!(!sh.work.path().join("big.bin").exists());
}
