//! Bookmarks: `ferry bookmark add|list|rm`, `ferry NAME`, and `bookmark`/`open NAME` in the
//! shell's language (batch mode); passwords only on request, in a 0600 file.

use std::fs;
use std::path::Path;

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{self, Run, ferry_command};

fn ferry_in(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = ferry_command();
    cmd.env("FERRY_CONFIG_DIR", dir)
        .current_dir(dir)
        .args(["--timeout", "10", "--retry-wait", "0.01"])
        .args(args);
    support::run(cmd)
}

fn server() -> FakeServer {
    FakeServer::start(FakeConfig {
        files: vec![("/pub/a.txt".into(), b"hello\n".to_vec())],
        ..FakeConfig::default()
    })
}

fn script(dir: &Path, text: &str) -> String {
    let path = dir.join("script.ftp");
    fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn add_list_open_and_remove_from_the_command_line() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/pub/").replace("ftp://", "ftp://alice:secret@");
    let run = ferry_in(dir.path(), &["bookmark", "add", "work", &url]).success();
    assert!(run.stderr.contains("--with-password"), "{}", run.stderr);
    let text = fs::read_to_string(dir.path().join("bookmarks.toml")).unwrap();
    assert!(!text.contains("secret"), "{text}");
    let list = ferry_in(dir.path(), &["bookmark", "list"])
        .success()
        .stdout_text();
    assert!(list.starts_with("work "), "{list}");
    assert!(list.contains("ftp://alice@127.0.0.1:"), "{list}");
    // `ferry NAME` opens it (FERRY_PASSWORD supplies the password that was not stored).
    let script = script(dir.path(), "pwd\nls\n");
    let mut cmd = ferry_command();
    cmd.env("FERRY_CONFIG_DIR", dir.path())
        .env("FERRY_PASSWORD", "secret")
        .args(["--timeout", "10", "-b", &script, "work"]);
    let opened = support::run(cmd).success();
    assert_eq!(opened.stdout_text().lines().next(), Some("/pub"));
    assert!(opened.stdout_text().contains("a.txt"));
    assert!(server.commands().contains(&"USER alice".to_string()));
    ferry_in(dir.path(), &["bookmark", "rm", "work"]).success();
    let again = ferry_in(dir.path(), &["bookmark", "rm", "work"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again.stderr.contains("no bookmark `work`"),
        "{}",
        again.stderr
    );
    let missing = ferry_in(dir.path(), &["-b", &script, "work"]);
    assert_eq!(missing.code, 2);
}

#[cfg(unix)]
#[test]
fn with_password_the_file_is_private_and_the_password_is_used() {
    use std::os::unix::fs::PermissionsExt;
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/pub/").replace("ftp://", "ftp://alice:secret@");
    ferry_in(
        dir.path(),
        &["bookmark", "add", "--with-password", "work", &url],
    )
    .success();
    let path = dir.path().join("bookmarks.toml");
    let mode = fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let list = ferry_in(dir.path(), &["bookmark", "list"])
        .success()
        .stdout_text();
    assert!(
        !list.contains("secret") && list.contains("password saved"),
        "{list}"
    );
    let script = script(dir.path(), "get a.txt\n");
    ferry_in(dir.path(), &["-b", &script, "work"]).success();
    assert_eq!(fs::read(dir.path().join("a.txt")).unwrap(), b"hello\n");
}

#[test]
fn the_shell_language_adds_the_current_place_and_opens_by_name() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/").replace("ftp://", "ftp://alice:secret@");
    let first = script(
        dir.path(),
        &format!("open {url}\ncd pub\nbookmark add here\nbookmark list\n"),
    );
    let run = ferry_in(dir.path(), &["-b", &first]).success();
    let expected = format!("ftp://alice@{}/%2Fpub/", server.addr());
    assert!(
        run.stdout_text().contains(&expected),
        "{}",
        run.stdout_text()
    );
    let text = fs::read_to_string(dir.path().join("bookmarks.toml")).unwrap();
    assert!(!text.contains("secret"), "{text}");
    let second = script(
        dir.path(),
        "open here\npwd\nbookmark rm here\nbookmark list\n",
    );
    let mut cmd = ferry_command();
    cmd.env("FERRY_CONFIG_DIR", dir.path())
        .env("FERRY_PASSWORD", "secret")
        .args(["--timeout", "10", "-b", &second]);
    let run = support::run(cmd).success();
    assert_eq!(run.stdout_text(), "/pub\n");
}

#[test]
fn names_that_are_subcommands_or_not_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["get", "a/b", "-x"] {
        let run = ferry_in(
            dir.path(),
            &["bookmark", "add", "--", name, "ftp://127.0.0.1/"],
        );
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
    }
    let run = ferry_in(dir.path(), &["bookmark", "add", "x"]);
    assert_eq!(run.code, 2, "no URL and no connection: {}", run.stderr);
    assert!(!dir.path().join("bookmarks.toml").exists());
}
