//! Batch mode end to end against pyftpdlib and the fake server: scripts that work, scripts that
//! fail half-way, `-k`, `-` lines, commands on standard input, and reconnecting.

use std::fs;
use std::io::Write;
use std::process::Stdio;

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{Run, ferry_command, run, test_bytes};

fn user_url(server: &PyFtpd) -> String {
    server
        .url("")
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1)
}

/// Runs `ferry -b SCRIPT URL` in `dir`.
fn batch_in(dir: &std::path::Path, script: &str, url: &str, extra: &[&str]) -> Run {
    let path = dir.join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(dir)
        .args(["--timeout", "10"])
        .args(extra)
        .arg("-b")
        .arg(&path)
        .arg(url);
    run(cmd)
}

#[test]
fn a_script_makes_uploads_lists_renames_downloads_and_deletes() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let work = tempfile::tempdir().unwrap();
    let data = test_bytes(300_000, 5);
    fs::write(work.path().join("report 2024.bin"), &data).unwrap();
    let script = r#"
# a comment, then a blank line

mkdir incoming
cd incoming
put "report 2024.bin"
ls
rename "report 2024.bin" final.bin
lcd out
get final.bin
delete final.bin
cdup
rmdir incoming
"#;
    fs::create_dir(work.path().join("out")).unwrap();
    let run = batch_in(work.path(), script, &user_url(&server), &[]).success();
    assert!(
        run.stdout_text().contains("report 2024.bin"),
        "{}",
        run.stdout_text()
    );
    assert!(fs::read(work.path().join("out/final.bin")).unwrap() == data);
    assert!(!server.root().join("incoming").exists());
}

#[test]
fn a_failing_line_stops_the_script_with_its_line_number() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let work = tempfile::tempdir().unwrap();
    let script = "mkdir first\nget no-such-file\nmkdir never\n";
    let run = batch_in(work.path(), script, &user_url(&server), &[]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(run.stderr.contains("script.ftp:2: error"), "{}", run.stderr);
    assert!(server.root().join("first").is_dir());
    assert!(
        !server.root().join("never").exists(),
        "a line after the failure ran"
    );
}

#[test]
fn keep_going_runs_on_and_still_fails_and_dash_lines_may_fail() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let work = tempfile::tempdir().unwrap();
    let script = "-get ignored-failure\nget counted-failure\nmkdir after\n";
    let run = batch_in(work.path(), script, &user_url(&server), &["-k"]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(server.root().join("after").is_dir());
    assert!(
        run.stderr.contains("script.ftp:1:") && run.stderr.contains("script.ftp:2:"),
        "{}",
        run.stderr
    );

    let run = batch_in(
        work.path(),
        "-get ignored\nmkdir only\n",
        &user_url(&server),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(server.root().join("only").is_dir());
}

#[test]
fn unknown_commands_in_a_script_are_usage_errors_with_a_suggestion() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let work = tempfile::tempdir().unwrap();
    let run = batch_in(work.path(), "pwd\nmkdri x\n", &user_url(&server), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("script.ftp:2: error: unknown command `mkdri`; did you mean `mkdir`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn commands_on_standard_input_run_as_a_batch() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("a.txt"), "from stdin\n").unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut cmd = ferry_command();
    // As alice, who may make directories (anonymous may not): the last line would succeed if
    // it ran.
    cmd.current_dir(work.path())
        .arg(user_url(&server))
        .stdin(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"get a.txt\nquit\nmkdir not-reached\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        fs::read(work.path().join("a.txt")).unwrap(),
        b"from stdin\n"
    );
    assert!(!server.root().join("not-reached").exists());
}

#[test]
fn a_dropped_connection_is_made_again_by_the_next_command() {
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/d/f".into(), b"x".to_vec()));
    cfg.overrides_once.push((
        "NOOP".into(),
        "421 Idle timeout, closing control connection.".into(),
    ));
    let server = FakeServer::start(cfg);
    let work = tempfile::tempdir().unwrap();
    let run = batch_in(
        work.path(),
        "cd d\nnoop\nget f\n",
        &server.url("/"),
        &["--retry-wait", "0.01"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("reconnecting"), "{}", run.stderr);
    assert_eq!(fs::read(work.path().join("f")).unwrap(), b"x");
    let verbs = server.verbs();
    assert_eq!(
        verbs.iter().filter(|v| *v == "USER").count(),
        2,
        "{verbs:?}"
    );
    // The directory was restored on the new connection before the download.
    let cmds = server.commands();
    let second_login = cmds.iter().rposition(|c| c.starts_with("USER")).unwrap();
    assert!(
        cmds[second_login..].contains(&"CWD /d".to_string()),
        "{cmds:?}"
    );
}

#[test]
fn a_connection_the_server_closed_while_idle_is_made_again_before_a_change() {
    // With a 421 first (vsftpd, pyftpdlib), and closed without a word.
    for reply in ["421 Idle timeout: closing control connection.", ""] {
        let mut cfg = FakeConfig::default();
        cfg.files.push(("/d/f.txt".into(), b"x".to_vec()));
        cfg.idle_timeout = Some(std::time::Duration::from_millis(200));
        cfg.idle_reply = reply.into();
        let server = FakeServer::start(cfg);
        let work = tempfile::tempdir().unwrap();
        let nap = "! sleep 0.6\n";
        let script =
            format!("cd d\nmkdir one\n{nap}mkdir two\n{nap}rename two three\n{nap}rm f.txt\n");
        let run = batch_in(work.path(), &script, &server.url("/"), &[]);
        assert_eq!(run.code, 0, "{reply:?}: {}", run.stderr);
        assert_eq!(
            run.stderr.matches("reconnecting").count(),
            3,
            "{reply:?}: {}",
            run.stderr
        );
        if !reply.is_empty() {
            assert!(run.stderr.contains("421 Idle timeout"), "{}", run.stderr);
        }
        // Each change was sent once, on a new connection that is back in /d.
        let cmds = server.commands();
        for change in ["MKD two", "RNFR two", "DELE f.txt"] {
            let at: Vec<usize> = (0..cmds.len()).filter(|&i| cmds[i] == change).collect();
            assert_eq!(at.len(), 1, "{change}: {cmds:?}");
            let login = cmds[..at[0]]
                .iter()
                .rposition(|c| c.starts_with("USER"))
                .unwrap();
            assert!(
                cmds[login..at[0]].contains(&"CWD /d".to_string()),
                "{cmds:?}"
            );
        }
        assert!(server.file("/d/f.txt").is_none());
    }
}

#[test]
fn open_without_a_target_opens_the_last_server_again_or_says_there_is_none() {
    let server = FakeServer::start(FakeConfig::default());
    let work = tempfile::tempdir().unwrap();
    let run = batch_in(
        work.path(),
        "close\nopen\nmkdir again\n",
        &server.url("/"),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("again"), "{}", run.stderr);
    assert!(server.commands().contains(&"MKD again".to_string()));

    let path = work.path().join("alone.ftp");
    fs::write(&path, "open\n").unwrap();
    let mut cmd = ferry_command();
    cmd.arg("-b").arg(&path);
    let run = crate::support::run(cmd);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("alone.ftp:1:") && run.stderr.contains("open HOST"),
        "{}",
        run.stderr
    );
}

#[test]
fn epsv_toggles_nlist_lists_every_path_and_quote_forgets_cached_listings() {
    let mut cfg = FakeConfig::default();
    for f in ["/x/a.txt", "/x/b.txt", "/y/c.txt"] {
        cfg.files.push((f.into(), b"data".to_vec()));
    }
    let server = FakeServer::start(cfg);
    let work = tempfile::tempdir().unwrap();
    // epsv twice: EPSV only, then PASV only.
    let script = "epsv\nnlist x y\nepsv\nnlist\ncd x\nmget *.txt\nquote DELE a.txt\nmget *.txt\n";
    let run = batch_in(work.path(), script, &server.url("/"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.stdout_text();
    for name in ["a.txt", "b.txt", "c.txt"] {
        assert!(out.contains(name), "{name} missing from {out}");
    }
    let verbs = server.verbs();
    let data: Vec<&String> = verbs
        .iter()
        .filter(|v| ["EPSV", "PASV", "EPRT", "PORT"].contains(&v.as_str()))
        .collect();
    assert_eq!(data[..3], ["EPSV", "EPSV", "PASV"], "{verbs:?}");
    // The second mget listed again after the DELE: a.txt was fetched once only.
    let cmds = server.commands();
    assert_eq!(
        cmds.iter().filter(|c| *c == "RETR a.txt").count(),
        1,
        "{cmds:?}"
    );
    assert_eq!(
        cmds.iter().filter(|c| *c == "RETR b.txt").count(),
        2,
        "{cmds:?}"
    );
}

#[test]
fn a_wrong_password_then_ls_is_a_login_error_and_the_channels_survive_it() {
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/seen.txt".into(), b"x".to_vec()));
    let server = FakeServer::start(cfg);
    let work = tempfile::tempdir().unwrap();
    let script = "-user alice wrong\n-ls\nuser alice secret\nls\n";
    let run = batch_in(work.path(), script, &server.url("/"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("530"), "{}", run.stderr);
    assert!(!run.stderr.contains("already failed"), "{}", run.stderr);
    assert!(
        run.stdout_text().contains("seen.txt"),
        "{}",
        run.stdout_text()
    );
    // The 530 to EPSV was not taken for EPSV's failure: no fallback to PASV, EPRT or PORT.
    let verbs = server.verbs();
    assert!(
        !verbs
            .iter()
            .any(|v| matches!(v.as_str(), "PASV" | "EPRT" | "PORT")),
        "{verbs:?}"
    );
}

#[test]
fn debug_off_goes_back_to_where_verbose_left_the_trace() {
    let server = FakeServer::start(FakeConfig::default());
    let work = tempfile::tempdir().unwrap();
    // Debugging shows the commands sent; after `debug off` nothing of the trace shows...
    let quiet = batch_in(
        work.path(),
        "debug on\nsystem\ndebug off\npwd\n",
        &server.url("/"),
        &[],
    );
    assert_eq!(quiet.code, 0, "{}", quiet.stderr);
    assert!(quiet.stderr.contains("SYST"), "{}", quiet.stderr);
    assert!(
        !quiet.stderr.contains("257"),
        "debug off left a trace: {}",
        quiet.stderr
    );
    // ...unless verbose was on before: then the replies still show.
    let script = "verbose on\ndebug on\ndebug off\npwd\nverbose off\nnoop\n";
    let verbose = batch_in(work.path(), script, &server.url("/"), &[]);
    assert_eq!(verbose.code, 0, "{}", verbose.stderr);
    assert!(verbose.stderr.contains("257"), "{}", verbose.stderr);
    assert!(
        !verbose.stderr.contains("200 "),
        "verbose off left a trace: {}",
        verbose.stderr
    );
}

#[test]
fn open_takes_the_forms_bsd_ftp_and_lftp_users_type() {
    let server = FakeServer::start(FakeConfig {
        users: vec![("alice".into(), "pw".into())],
        ..FakeConfig::default()
    });
    let port = server.addr().port();
    let work = tempfile::tempdir().unwrap();
    let script = format!(
        "open 127.0.0.1:{port}\npwd\nclose\n\
         open 127.0.0.1 {port}\npwd\nclose\n\
         open alice:pw@127.0.0.1:{port}\npwd\nclose\n\
         open -u alice,pw -p {port} 127.0.0.1\npwd\nclose\n\
         open -u alice:pw 127.0.0.1:{port}\npwd\n"
    );
    let path = work.path().join("forms.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["--timeout", "10", "-b"])
        .arg(&path);
    let run = run(cmd);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("invalid host"), "{}", run.stderr);
    let verbs = server.verbs();
    assert_eq!(verbs.iter().filter(|v| *v == "PWD").count(), 5, "{verbs:?}");
    assert_eq!(
        verbs.iter().filter(|v| *v == "PASS").count(),
        5,
        "{verbs:?}"
    );
}

#[test]
fn the_reconnect_notice_comes_before_the_commands_output() {
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/d/listed-file.txt".into(), b"x".to_vec()));
    cfg.idle_timeout = Some(std::time::Duration::from_millis(200));
    cfg.idle_reply = "421 Idle timeout: closing control connection.".into();
    let server = FakeServer::start(cfg);
    let work = tempfile::tempdir().unwrap();
    let path = work.path().join("script.ftp");
    fs::write(&path, "cd d\n! sleep 0.6\nls\n").unwrap();
    // stdout and stderr into one file, in the order they were written.
    let both = work.path().join("both.txt");
    let out = fs::File::create(&both).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["--timeout", "10", "-b"])
        .arg(&path)
        .arg(server.url("/"))
        .stdout(out.try_clone().unwrap())
        .stderr(out);
    let status = cmd.status().unwrap();
    let text = fs::read_to_string(&both).unwrap();
    assert!(status.success(), "{text}");
    let notice = text.find("reconnecting").expect("a reconnect notice");
    let listing = text.find("listed-file.txt").expect("the listing");
    assert!(
        notice < listing,
        "the notice came after the output:\n{text}"
    );
}

#[test]
fn data_connection_hints_name_shell_commands_in_a_batch_and_flags_on_the_command_line() {
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/f.txt".into(), b"x".to_vec()));
    cfg.overrides
        .push(("EPSV".into(), "500 EPSV not understood.".into()));
    cfg.overrides
        .push(("PASV".into(), "500 PASV not understood.".into()));
    let server = FakeServer::start(cfg);
    let work = tempfile::tempdir().unwrap();
    let shell = batch_in(work.path(), "get f.txt\n", &server.url("/"), &["--passive"]);
    assert_ne!(shell.code, 0, "{}", shell.stderr);
    assert!(shell.stderr.contains("`mode active`"), "{}", shell.stderr);
    assert!(!shell.stderr.contains("--passive"), "{}", shell.stderr);
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["--timeout", "10", "--passive", "get"])
        .arg(server.url("/f.txt"));
    let one_shot = run(cmd);
    assert_ne!(one_shot.code, 0, "{}", one_shot.stderr);
    assert!(one_shot.stderr.contains("--active"), "{}", one_shot.stderr);
}

#[test]
fn help_explains_passive_and_active_and_every_argument_and_lls_takes_ls_flags() {
    let work = tempfile::tempdir().unwrap();
    fs::write(work.path().join(".hidden"), "h").unwrap();
    fs::write(work.path().join("seen.txt"), "12345").unwrap();
    let path = work.path().join("script.ftp");
    fs::write(&path, "help passive\nhelp get\nlls\nlls -la\n").unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path()).arg("-b").arg(&path);
    let out = run(cmd).success().stdout_text();
    let passive = &out[..out.find("Download a file").expect("help get ran")];
    for words in [
        "the server connects back to you",
        "NAT",
        "firewall",
        "private address",
        "passive port range",
        "--active-address",
    ] {
        assert!(
            passive.contains(words),
            "help passive lacks {words:?}:\n{passive}"
        );
    }
    assert!(passive.contains("on: passive only"), "{passive}");
    let get = &out[out.find("Download a file").unwrap()..];
    assert!(get.contains("The remote file"), "{get}");
    assert!(get.contains("get -c NAME continues"), "{get}");
    let listing = &out[out.find("Usage: get").unwrap()..];
    let long = listing
        .lines()
        .find(|l| l.ends_with(" seen.txt"))
        .unwrap_or_else(|| panic!("no long line for seen.txt:\n{listing}"));
    assert!(long.starts_with("-rw") && long.contains(" 5 "), "{long}");
    assert!(
        listing.contains(" .hidden"),
        "lls -a hides dotfiles:\n{listing}"
    );
    let plain: Vec<&str> = listing.lines().filter(|l| *l == ".hidden").collect();
    assert!(plain.is_empty(), "plain lls shows dotfiles:\n{listing}");
}
