//! Environment variables: FERRY_PASSWORD (used, never shown), the FERRY_* option variables
//! (between the command line and the config file), the proxy variables curl reads (ftp_proxy,
//! all_proxy, no_proxy and their upper-case forms).

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{Run, ferry_command, run};

fn server() -> FakeServer {
    FakeServer::start(FakeConfig {
        files: vec![("/a.txt".into(), b"hello\n".to_vec())],
        ..FakeConfig::default()
    })
}

#[test]
fn ferry_password_logs_in_and_never_appears_in_the_trace() {
    let server = server();
    let mut cmd = ferry_command();
    cmd.env("FERRY_PASSWORD", "secret")
        .args(["-v", "-u", "alice", "cat", &server.url("/a.txt")]);
    let run = run(cmd).success();
    assert_eq!(run.stdout, b"hello\n");
    assert!(server.commands().contains(&"PASS secret".to_string()));
    assert!(run.stderr.contains("PASS ****"), "{}", run.stderr);
    assert!(!run.stderr.contains("secret"), "{}", run.stderr);
}

#[test]
fn a_password_from_the_url_wins_over_ferry_password() {
    let server = server();
    let url = server
        .url("/a.txt")
        .replace("ftp://", "ftp://alice:secret@");
    let mut cmd = ferry_command();
    cmd.env("FERRY_PASSWORD", "wrong").args(["cat", &url]);
    run(cmd).success();
}

#[test]
fn the_proxy_variables_are_used_as_curl_uses_them_and_no_proxy_bypasses_them() {
    let server = server();
    // A proxy nobody listens on: going through it fails, bypassing it works.
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let proxy = format!("socks5h://u:Px-Marker-9@127.0.0.1:{dead}");
    for var in ["ftp_proxy", "FTP_PROXY", "all_proxy", "ALL_PROXY"] {
        let mut cmd = ferry_command();
        cmd.env(var, &proxy)
            .args(["--retries", "0", "cat", &server.url("/a.txt")]);
        let run = run(cmd);
        assert_eq!(run.code, 3, "{var}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "through the proxy socks5h://u:****@127.0.0.1:{dead}"
            )),
            "{var}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("Px-Marker-9"), "{}", run.stderr);
        for bypass in [
            vec![("no_proxy", "127.0.0.1")],
            vec![("NO_PROXY", "*")],
            vec![("no_proxy", "10.0.0.0/8,127.0.0.0/8")],
        ] {
            let mut cmd = ferry_command();
            cmd.env(var, &proxy).envs(bypass.clone());
            cmd.args(["cat", &server.url("/a.txt")]);
            assert_eq!(run_ok(cmd), b"hello\n", "{var} {bypass:?}");
        }
        for flags in [["--noproxy", "127.0.0.1"], ["--proxy", ""]] {
            let mut cmd = ferry_command();
            cmd.env(var, &proxy).args(flags);
            cmd.args(["cat", &server.url("/a.txt")]);
            assert_eq!(run_ok(cmd), b"hello\n", "{var} {flags:?}");
        }
    }
    let mut cmd = ferry_command();
    cmd.env("all_proxy", "gopher://u:Px-Marker-9@h")
        .args(["cat", &server.url("/a.txt")]);
    let run = run(cmd);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("all_proxy") && !run.stderr.contains("Px-Marker-9"));
}

fn run_ok(cmd: std::process::Command) -> Vec<u8> {
    run(cmd).success().stdout
}

/// `ferry ARGS` with a config file whose host section says `mode = "active"`, and `env` set.
fn with_active_host_section(env: &[(&str, &str)], args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "[hosts.\"127.0.0.1\"]\nmode = \"active\"\nuser = \"bob\"\n",
    )
    .unwrap();
    let mut cmd = ferry_command();
    cmd.env("FERRY_CONFIG_DIR", dir.path())
        .envs(env.iter().copied())
        .args(["--timeout", "10"])
        .args(args);
    run(cmd)
}

fn data_verbs(server: &FakeServer) -> Vec<String> {
    let mut v = server.verbs();
    v.retain(|verb| ["EPSV", "PASV", "EPRT", "PORT"].contains(&verb.as_str()));
    v
}

#[test]
fn ferry_variables_beat_the_host_section_and_the_command_line_beats_them() {
    let ls = |server: &FakeServer, env: &[(&str, &str)], args: &[&str]| {
        let url = server.url("/");
        let args: Vec<&str> = args.iter().copied().chain(["ls", &url]).collect();
        with_active_host_section(env, &args)
    };
    // The host section alone: active mode, user bob (refused by the server: no such user).
    let section_only = server();
    let run = ls(&section_only, &[("FERRY_PASSWORD", "secret")], &[]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(section_only.commands().contains(&"USER bob".to_string()));

    // FERRY_MODE and FERRY_USER beat the section.
    let from_env = server();
    let env = [
        ("FERRY_MODE", "pasv"),
        ("FERRY_USER", "alice"),
        ("FERRY_PASSWORD", "secret"),
    ];
    let run = ls(&from_env, &env, &[]).success();
    assert!(run.stdout_text().contains("a.txt"), "{}", run.stdout_text());
    assert_eq!(data_verbs(&from_env), ["PASV"]);
    assert!(from_env.commands().contains(&"USER alice".to_string()));

    // The command line beats FERRY_MODE.
    let from_cli = server();
    ls(&from_cli, &env, &["--mode", "epsv"]).success();
    assert_eq!(data_verbs(&from_cli), ["EPSV"]);
}

#[test]
fn a_bad_ferry_variable_stops_ferry_with_its_name() {
    let server = server();
    let mut cmd = ferry_command();
    cmd.env("FERRY_TIMEOUT", "soon")
        .args(["cat", &server.url("/a.txt")]);
    let run = run(cmd);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("FERRY_TIMEOUT") && run.stderr.contains("soon"),
        "{}",
        run.stderr
    );
    assert!(server.commands().is_empty(), "it connected anyway");
}
