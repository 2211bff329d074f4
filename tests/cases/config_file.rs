//! The config file: defaults for global options, per-host sections applied when that host is
//! opened (one-shot, shell `open`, batch), precedence, and errors with line numbers.

use std::fs;
use std::path::Path;

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{Run, ferry_command, run};

/// Runs ferry with FERRY_CONFIG_DIR=`dir` holding `config` as config.toml.
fn ferry_with_config(dir: &Path, config: &str, args: &[&str]) -> Run {
    fs::write(dir.join("config.toml"), config).unwrap();
    let mut cmd = ferry_command();
    cmd.env("FERRY_CONFIG_DIR", dir)
        .args(["--timeout", "10", "--retry-wait", "0.01"])
        .args(args);
    run(cmd)
}

fn data_verbs(server: &FakeServer) -> Vec<String> {
    let wanted = ["EPSV", "PASV", "EPRT", "PORT"];
    let mut v = server.verbs();
    v.retain(|verb| wanted.contains(&verb.as_str()));
    v
}

fn server() -> FakeServer {
    FakeServer::start(FakeConfig {
        files: vec![("/pub/a.txt".into(), b"hello\n".to_vec())],
        ..FakeConfig::default()
    })
}

#[test]
fn top_level_defaults_apply_to_every_host() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let run = ferry_with_config(
        dir.path(),
        "# defaults\nmode = \"active\"\n",
        &["ls", &server.url("/pub/")],
    )
    .success();
    assert!(run.stdout_text().contains("a.txt"));
    assert_eq!(data_verbs(&server), ["EPRT"]);
}

#[test]
fn a_host_section_sets_mode_user_and_port_for_that_host_only() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "mode = \"passive\"\n\n[hosts.\"127.0.0.1\"]\nmode = \"active\"\nuser = \"alice\"\nport = {}\n",
        server.addr().port()
    );
    // No port in the URL: the section's port; its user, with the password from FERRY_PASSWORD.
    fs::write(dir.path().join("config.toml"), &config).unwrap();
    let mut cmd = ferry_command();
    cmd.env("FERRY_CONFIG_DIR", dir.path())
        .env("FERRY_PASSWORD", "secret")
        .args(["--timeout", "10", "cat", "ftp://127.0.0.1/pub/a.txt"]);
    let run = run(cmd).success();
    assert_eq!(run.stdout, b"hello\n");
    let cmds = server.commands();
    assert!(cmds.contains(&"USER alice".to_string()), "{cmds:?}");
    assert_eq!(data_verbs(&server), ["EPRT"]);
}

#[test]
fn the_command_line_beats_the_host_section() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let run = ferry_with_config(
        dir.path(),
        "[hosts.\"127.0.0.1\"]\nmode = \"active\"\n",
        &["--mode", "epsv", "ls", &server.url("/pub/")],
    )
    .success();
    assert!(run.stdout_text().contains("a.txt"));
    assert_eq!(data_verbs(&server), ["EPSV"]);
}

#[test]
fn open_in_a_batch_applies_the_host_section() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "[hosts.\"127.0.0.1\"]\nport = {}\nmode = \"active\"\n",
        server.addr().port()
    );
    let script = dir.path().join("script");
    fs::write(&script, "open 127.0.0.1\ncd pub\nls\n").unwrap();
    let run = ferry_with_config(dir.path(), &config, &["-b", script.to_str().unwrap()]).success();
    assert!(run.stdout_text().contains("a.txt"), "{}", run.stdout_text());
    assert_eq!(data_verbs(&server), ["EPRT"]);
}

#[test]
fn a_malformed_file_is_an_error_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let run = ferry_with_config(
        dir.path(),
        "mode = \"passive\"\ntimeout = 30\nretries = \"many\n",
        &["ls", "ftp://127.0.0.1:1/"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("config.toml:3:"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let run = ferry_with_config(
        dir.path(),
        "mode = \"passive\"\n[hosts.h]\ntimeuot = 3\n",
        &["ls", "ftp://127.0.0.1:1/"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("config.toml:3:") && run.stderr.contains("timeuot"),
        "{}",
        run.stderr
    );
    let run = ferry_with_config(
        dir.path(),
        "mode = \"sideways\"\n",
        &["ls", "ftp://127.0.0.1:1/"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("config.toml:1:") && run.stderr.contains("sideways"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_file_is_found_under_the_config_directory_without_ferry_config_dir() {
    let server = server();
    let config_home = tempfile::tempdir().unwrap();
    fs::create_dir(config_home.path().join("ferry")).unwrap();
    fs::write(
        config_home.path().join("ferry/config.toml"),
        "mode = \"active\"\n",
    )
    .unwrap();
    let mut cmd = ferry_command();
    cmd.env("XDG_CONFIG_HOME", config_home.path()).args([
        "--timeout",
        "10",
        "ls",
        &server.url("/pub/"),
    ]);
    run(cmd).success();
    assert_eq!(data_verbs(&server), ["EPRT"]);
}
