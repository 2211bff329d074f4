//! A marker password fed in every way a user gives one — URL userinfo, `-u USER:PASS`,
//! `$FERRY_PASSWORD`, `.netrc`, a bookmark, the shell's `open -u`, `user` and `quote PASS` —
//! through logins that work and logins that fail (530, a refusal after PASS, a dropped
//! connection and its retries), malformed URLs and `.netrc` lines, and `-v` traces. The marker
//! must never reach standard output, standard error, the shell's history or any file ferry
//! wrote (except the bookmarks file that `bookmark add --with-password` was asked to fill).
//!
//! A second marker is the proxy's password, given in `--proxy`, `all_proxy`/`ftp_proxy` and
//! `proxy` in config.toml, through a scripted SOCKS5 and HTTP proxy that accept it or refuse
//! it, malformed proxy URLs, the shell's `status`, and parallel lanes.
//!
//! Every scenario that logs in also checks that the server really received the marker, so a
//! run that never used the password cannot pass for a clean one.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::fake_proxy::{FakeProxy, Speaks};
use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{Run, ferry_command, run};

/// The password. Any leaked piece of it holds one of [`PIECES`].
const MARK: &str = "Mk7-secret-Zq9";
/// The proxy's password (with a space, percent-encoded in URLs as `%20`).
const PROXY_MARK: &str = "Pq4-proxy Wz8";
/// The same in a proxy URL.
const PROXY_MARK_IN_URL: &str = "Pq4-proxy%20Wz8";
/// Pieces of every marker in this file (the marker, its variants with `/` or a space): a
/// message that shows even part of a password shows one of these.
const PIECES: [&str; 4] = ["Mk7", "Zq9", "Pq4", "Wz8"];

fn leaks(text: &str) -> Option<&'static str> {
    PIECES.into_iter().find(|p| text.contains(p))
}

/// One user's world: a HOME and a working directory of its own, so that every file ferry
/// writes (history, bookmarks, downloads, `.part` files) lands where the test can read it.
struct World {
    home: tempfile::TempDir,
    work: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        World {
            home: tempfile::tempdir().unwrap(),
            work: tempfile::tempdir().unwrap(),
        }
    }

    /// `ferry` with this world's HOME and working directory, short timeouts and retry waits.
    fn command(&self) -> Command {
        let mut cmd = ferry_command();
        cmd.env("HOME", self.home.path())
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CACHE_HOME")
            .env_remove("XDG_STATE_HOME")
            .current_dir(self.work.path())
            .args(["--timeout", "10", "--connect-timeout", "5"])
            .args(["--retry-wait", "0.01"]);
        cmd
    }

    /// Runs `ferry ARGS` and checks that its output holds no piece of the marker.
    fn ferry(&self, label: &str, args: &[&str]) -> Run {
        let mut cmd = self.command();
        cmd.args(args);
        self.checked(label, cmd)
    }

    fn checked(&self, label: &str, cmd: Command) -> Run {
        let run = run(cmd);
        let stdout = run.stdout_text();
        for (stream, text) in [("stdout", &stdout), ("stderr", &run.stderr)] {
            if let Some(piece) = leaks(text) {
                panic!("{label}: {piece:?} in {stream}:\n{text}");
            }
        }
        run
    }

    /// The run downloaded `a.txt` with the marker for a password, and no file holds it.
    fn check_end(&self, server: &FakeServer, except: &[PathBuf]) {
        let got = fs::read(self.work.path().join("a.txt")).unwrap();
        assert_eq!(got, b"hello\n");
        assert!(marker_sent(server));
        self.check_files(except);
    }

    fn write_netrc(&self, text: &str) {
        let path = self.home.path().join(".netrc");
        fs::write(&path, text).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    }

    /// Every file under HOME and the working directory but `except` (and the `.netrc` the test
    /// wrote itself) holds no piece of the marker.
    fn check_files(&self, except: &[PathBuf]) {
        let netrc = self.home.path().join(".netrc");
        for root in [self.home.path(), self.work.path()] {
            for file in files_under(root) {
                if file == netrc || except.contains(&file) {
                    continue;
                }
                let text = String::from_utf8_lossy(&fs::read(&file).unwrap()).into_owned();
                if let Some(piece) = leaks(&text) {
                    panic!("{piece:?} in {}:\n{text}", file.display());
                }
            }
        }
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// A server where alice's password is `password`, holding `/a.txt` and `cfg`'s files.
fn server(password: &str, mut cfg: FakeConfig) -> FakeServer {
    cfg.files.push(("/a.txt".into(), b"hello\n".to_vec()));
    FakeServer::start(FakeConfig {
        users: vec![("alice".into(), password.into())],
        allow_anonymous: false,
        ..cfg
    })
}

fn marker_sent(server: &FakeServer) -> bool {
    server
        .commands()
        .iter()
        .any(|c| c == &format!("PASS {MARK}"))
}

fn userinfo_url(server: &FakeServer, path: &str) -> String {
    server
        .url(path)
        .replacen("ftp://", &format!("ftp://alice:{MARK}@"), 1)
}

/// Each way of giving the password on the command line or in the environment, as ferry's
/// arguments plus an environment variable to set.
fn every_way(world: &World, server: &FakeServer) -> Vec<(&'static str, Vec<String>, bool)> {
    world.write_netrc(&format!("machine 127.0.0.1 login alice password {MARK}\n"));
    let plain = server.url("/");
    vec![
        ("url", vec![userinfo_url(server, "/")], false),
        (
            "-u",
            vec!["-u".into(), format!("alice:{MARK}"), plain.clone()],
            false,
        ),
        (
            "FERRY_PASSWORD",
            vec!["-u".into(), "alice".into(), plain.clone()],
            true,
        ),
        (".netrc", vec!["-u".into(), "alice".into(), plain], false),
    ]
}

fn run_way(world: &World, label: &str, args: &[String], env: bool, command: &[&str]) -> Run {
    let mut cmd = world.command();
    if env {
        cmd.env("FERRY_PASSWORD", MARK);
    }
    // `ls URL`, `-u alice ls URL`: the URL is the last word, the command comes before it.
    let (url, options) = args.split_last().unwrap();
    cmd.args(options).args(command).arg(url);
    world.checked(label, cmd)
}

#[test]
fn a_good_password_given_any_way_never_shows_in_traces_or_files() {
    let world = World::new();
    let server = server(MARK, FakeConfig::default());
    for (way, args, env) in every_way(&world, &server) {
        // The FERRY_PASSWORD way must not find the .netrc's password first.
        if env {
            fs::remove_file(world.home.path().join(".netrc")).unwrap();
        }
        let label = format!("{way}, -v ls");
        let run = run_way(&world, &label, &args, env, &["-v", "ls"]);
        assert_eq!(run.code, 0, "{label}: {}", run.stderr);
        assert!(run.stderr.contains("PASS ****"), "{label}: {}", run.stderr);
        let label = format!("{way}, -v get");
        let mut get = args.clone();
        let url = get.pop().unwrap() + "a.txt";
        get.push(url);
        let run = run_way(&world, &label, &get, env, &["-v", "get"]);
        assert_eq!(run.code, 0, "{label}: {}", run.stderr);
        let got = world.work.path().join("a.txt");
        assert_eq!(fs::read(&got).unwrap(), b"hello\n");
        fs::remove_file(got).unwrap();
        if env {
            world.write_netrc(&format!("machine 127.0.0.1 login alice password {MARK}\n"));
        }
    }
    assert!(marker_sent(&server));
    world.check_files(&[]);
}

#[test]
fn a_wrong_or_refused_password_never_shows_in_the_error() {
    let world = World::new();
    // alice's password is something else: every login with the marker gets 530.
    let wrong = server("another-password", FakeConfig::default());
    for (way, args, env) in every_way(&world, &wrong) {
        if env {
            fs::remove_file(world.home.path().join(".netrc")).unwrap();
        }
        let label = format!("{way}, 530");
        let run = run_way(&world, &label, &args, env, &["-v", "ls"]);
        assert_ne!(run.code, 0, "{label}: {}", run.stderr);
        assert!(run.stderr.contains("530"), "{label}: {}", run.stderr);
        if env {
            world.write_netrc(&format!("machine 127.0.0.1 login alice password {MARK}\n"));
        }
    }
    assert!(marker_sent(&wrong));

    // Servers that refuse after PASS in other ways: one that wants an account nobody gave,
    // one that closes the connection (a transient failure: retried, with notices).
    for (label, reply) in [
        ("332 after PASS", "332 Need account for login."),
        (
            "421 after PASS",
            "421 Service not available, closing control connection.",
        ),
        ("500 after PASS", "500 Unknown command."),
    ] {
        let refusing = server(
            MARK,
            FakeConfig {
                overrides: vec![("PASS".into(), reply.into())],
                ..FakeConfig::default()
            },
        );
        let url = userinfo_url(&refusing, "/");
        let run = world.ferry(label, &["-v", "--retries", "2", "ls", &url]);
        assert_ne!(run.code, 0, "{label}: {}", run.stderr);
        assert!(marker_sent(&refusing), "{label}");
    }
    world.check_files(&[]);
}

#[test]
fn retry_notices_after_a_lost_connection_never_show_the_password() {
    let world = World::new();
    let server = server(
        MARK,
        FakeConfig {
            overrides_once: vec![
                ("PASS".into(), "421 Too busy, closing.".into()),
                ("RETR".into(), "421 Timeout, closing.".into()),
            ],
            ..FakeConfig::default()
        },
    );
    let url = userinfo_url(&server, "/a.txt");
    let run = world.ferry("retried get", &["-v", "get", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.to_lowercase().contains("retry"),
        "no retry notice: {}",
        run.stderr
    );
    world.check_end(&server, &[]);
}

#[test]
fn malformed_urls_never_show_their_password() {
    let world = World::new();
    // Well-formed parts point at a live server, so a URL that parses after all gets as far
    // as it can (a login, a listing) before it fails.
    let server = server(MARK, FakeConfig::default());
    let at = server.addr().to_string();
    let urls = [
        // A '/' in the password ends the authority early.
        format!("ftp://alice:Mk7-se/cret-Zq9@{at}/"),
        format!("ftp://alice:{MARK}@127.0.0.1:99999/"),
        format!("ftp://alice:{MARK}@{at}:/"),
        format!("ftp://alice:{MARK}@127.0.0.1:2x1/"),
        format!("ftp://alice:{MARK}@[::1/"),
        format!("ftp://alice:{MARK}@/"),
        format!("ftp://alice:{MARK}@{at}/%00"),
        format!("ftp://alice:Mk7%zzsecret-Zq9@{at}/"),
        format!("ftp://alice:Mk7-secret%0d%0aZq9@{at}/"),
        format!("http://alice:{MARK}@{at}/"),
        format!("ftp://alice:{MARK}@{at}/a;type=x"),
        format!("ftp://alice:{MARK}@{at}/no such\x1b[31m"),
    ];
    for url in &urls {
        for command in [&["ls"][..], &["get"], &["put", "local.txt"]] {
            let mut args = vec!["-v"];
            args.extend_from_slice(command);
            args.push(url);
            let run = world.ferry(&format!("{command:?} {url:?}"), &args);
            assert_ne!(run.code, 0, "{url}: {}", run.stderr);
        }
    }
    world.check_files(&[]);
}

#[test]
fn malformed_netrc_lines_never_show_the_password() {
    let world = World::new();
    let server = server(MARK, FakeConfig::default());
    let files = [
        // The rest of a password with a space, left unquoted.
        "machine 127.0.0.1 login alice password Mk7-secret Zq9-tail\n".to_owned(),
        "machine 127.0.0.1 login alice password\nMk7-secret Zq9-tail\n".to_owned(),
        "machine 127.0.0.1 login alice account Mk7-secret Zq9-tail\n".to_owned(),
        // Quoted values that would inject a command, or never end.
        "machine 127.0.0.1 login alice password \"Mk7-secret\\r\\nZq9\"\n".to_owned(),
        "machine 127.0.0.1 login alice password \"Mk7-secret-Zq9\n".to_owned(),
        "machine 127.0.0.1 login alice password Mk7-secret\0Zq9\n".to_owned(),
        format!("password {MARK}\nmachine 127.0.0.1 login alice\n"),
        format!("machine 127.0.0.1 login alice password {MARK} port\n"),
    ];
    for (i, text) in files.iter().enumerate() {
        world.write_netrc(text);
        let label = format!(".netrc {i}: {text:?}");
        let run = world.ferry(&label, &["-v", "-u", "alice", "ls", &server.url("/")]);
        assert_ne!(run.code, 0, "{label}: {}", run.stderr);
    }
    world.check_files(&[]);
}

#[test]
fn bookmarks_keep_the_password_only_when_asked_and_never_show_it() {
    let world = World::new();
    let server = server(MARK, FakeConfig::default());
    let url = userinfo_url(&server, "/");
    let run = world.ferry("bookmark add", &["bookmark", "add", "plain", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Nothing so far may hold the password: the bookmark was stored without it.
    world.check_files(&[]);

    let run = world.ferry(
        "bookmark add --with-password",
        &["bookmark", "add", "kept", &url, "--with-password"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = world.ferry("bookmark list", &["bookmark", "list"]);
    assert!(run.stdout_text().contains("kept"), "{}", run.stdout_text());

    let script = world.work.path().join("script.ftp");
    fs::write(&script, "ls\nget a.txt\nquote PASS wrong\n").unwrap();
    let script = script.to_str().unwrap();
    let run = world.ferry(
        "a batch on the bookmark",
        &["-v", "-k", "-b", script, "kept"],
    );
    assert!(run.stderr.contains("PASS ****"), "{}", run.stderr);

    // The one file that holds the password is the bookmarks file the user asked to keep it in,
    // readable by its owner alone.
    let store = files_under(world.home.path())
        .into_iter()
        .find(|f| f.ends_with("bookmarks.toml"))
        .expect("a bookmarks file");
    assert!(fs::read_to_string(&store).unwrap().contains(MARK));
    assert_eq!(
        fs::metadata(&store).unwrap().permissions().mode() & 0o777,
        0o600
    );
    world.check_end(&server, &[store]);
}

#[test]
fn batch_lines_that_give_the_password_never_show_it() {
    let world = World::new();
    let server = server(MARK, FakeConfig::default());
    let port = server.addr().port().to_string();
    let script = format!(
        "open -u alice,{MARK} 127.0.0.1 {port}\n\
         ls\n\
         user alice {MARK}\n\
         user alice {MARK} acct-{MARK}\n\
         quote PASS {MARK}\n\
         quote pass {MARK}\n\
         quote ACCT {MARK}\n\
         user alice wrong-{MARK}\n\
         open -u alice,{MARK} 127.0.0.1 {port} stray\n\
         open -u alice:{MARK} -p {port} 127.0.0.1\n\
         open ftp://alice:{MARK}@127.0.0.1:{port}:/\n\
         open ftp://alice:Mk7-se/cret-Zq9@127.0.0.1:{port}/\n\
         user alice {MARK} acct extra-{MARK}\n\
         quote PASS {MARK}\r\n\
         open ftp://alice:{MARK}@127.0.0.1:{port}/\n\
         get a.txt\n"
    );
    // The script itself lives outside the world: it holds the marker by design.
    let scripts = tempfile::tempdir().unwrap();
    let path = scripts.path().join("script.ftp");
    fs::write(&path, script).unwrap();
    let path = path.to_str().unwrap();
    let run = world.ferry("batch", &["-v", "-k", "-b", path]);
    // Some lines fail on purpose (-k goes on); the last two work.
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("script.ftp:8:"), "{}", run.stderr);
    world.check_end(&server, &[]);
}

#[test]
fn the_shell_keeps_no_password_in_its_history_or_any_file() {
    use rexpect::session::spawn_command;

    let world = World::new();
    let server = server(MARK, FakeConfig::default());
    let port = server.addr().port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ferry"));
    cmd.env("HOME", world.home.path())
        .env_remove("XDG_DATA_HOME")
        .env_remove("NETRC")
        .env_remove("FERRY_PASSWORD")
        .env("TERM", "xterm")
        .current_dir(world.work.path())
        .args(["--timeout", "10"]);
    let mut pty = spawn_command(cmd, Some(20_000)).expect("spawn ferry in a pty");
    let home = format!("ferry alice@127.0.0.1:{port}:/> ");
    // rustyline drops what is typed before it has put the terminal in raw mode.
    let ready = |pty: &mut rexpect::session::PtySession, prompt: &str| {
        pty.exp_string(prompt).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
    };
    ready(&mut pty, "ferry> ");
    for line in [
        format!("open -u alice,{MARK} 127.0.0.1 {port}"),
        "debug".to_owned(),
        format!("user alice {MARK}"),
        format!("quote PASS {MARK}"),
        format!("user alice {MARK} acct extra-{MARK}"),
        format!("open ftp://alice:{MARK}@127.0.0.1:{port}/"),
        format!("open --user=alice:{MARK} 127.0.0.1 {port} stray"),
        "get a.txt".to_owned(),
    ] {
        pty.send_line(&line).unwrap();
        ready(&mut pty, &home);
    }
    pty.send_line("quit").unwrap();
    pty.exp_eof().unwrap();

    let history = world.home.path().join(".local/share/ferry/history");
    let kept = fs::read_to_string(&history).unwrap();
    assert!(kept.contains("open -u alice"), "{kept}");
    assert!(kept.contains("user alice"), "{kept}");
    assert!(kept.contains("get a.txt"), "{kept}");
    world.check_end(&server, &[]);
}

#[test]
fn command_line_usage_errors_never_show_the_password() {
    let world = World::new();
    let url = format!("ftp://alice:{MARK}@127.0.0.1:2121/");
    let user = format!("alice:{MARK}");
    let cases: [&[&str]; 5] = [
        // clap quotes the argument it did not expect, or the value it could not parse.
        &["ls", "ftp://127.0.0.1:2121/", &url],
        &["--retries", &url, "ls"],
        &["-u", &user, "ls", "a", "b"],
        &["--user", &user, "--timeout", &user, "ls", "a"],
        &["get", &url, "--no-such-flag"],
    ];
    for args in cases {
        let run = world.ferry(&format!("{args:?}"), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("error:"), "{args:?}: {}", run.stderr);
    }
    world.check_files(&[]);
}

#[test]
fn every_lane_of_a_parallel_job_keeps_the_password_hidden() {
    let world = World::new();
    let mut files: Vec<(String, Vec<u8>)> = (0..12)
        .map(|i| (format!("/d/f{i}.txt"), format!("file {i}\n").into_bytes()))
        .collect();
    files.push(("/big.bin".into(), crate::support::test_bytes(300_000, 7)));
    // Lanes past the second are refused at PASS, as by a server that limits logins: the job
    // finishes on the lanes it has and says why.
    let server = server(
        MARK,
        FakeConfig {
            files,
            max_logins: Some((2, "530 Too many sessions from your address.".into())),
            ..FakeConfig::default()
        },
    );
    let out = world.work.path().join("out");
    let out = out.to_str().unwrap();
    let tree = userinfo_url(&server, "/d/");
    let run = world.ferry(
        "get -r -P 4",
        &["-v", "get", "-r", "-P", "4", &tree, "-O", out],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        crate::support::dir_names(&world.work.path().join("out/d")).len(),
        12
    );
    let big = userinfo_url(&server, "/big.bin");
    let run = world.ferry("pget", &["-v", "pget", "-n", "3", &big, "-O", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(marker_sent(&server));
    world.check_files(&[]);
}

fn proxy_url(speaks: Speaks, port: u16, password: &str) -> String {
    match speaks {
        Speaks::Socks5 => format!("socks5h://pu:{password}@127.0.0.1:{port}"),
        Speaks::Http => format!("http://pu:{password}@127.0.0.1:{port}"),
    }
}

#[test]
fn the_proxy_password_given_any_way_reaches_the_proxy_and_never_the_output() {
    let world = World::new();
    let server = server(MARK, FakeConfig::default());
    for speaks in [Speaks::Socks5, Speaks::Http] {
        let proxy = FakeProxy::start(speaks, "pu", PROXY_MARK);
        let url = proxy_url(speaks, proxy.port(), PROXY_MARK_IN_URL);
        let get = userinfo_url(&server, "/a.txt");
        let run = world.ferry("--proxy -v get", &["-v", "--proxy", &url, "get", &get]);
        assert_eq!(run.code, 0, "{speaks:?}: {}", run.stderr);
        assert!(run.stderr.contains("pu:****@"), "{}", run.stderr);
        let run = world.ferry(
            "--proxy= -v ls",
            &["-v", &format!("--proxy={url}"), "ls", &get],
        );
        assert_eq!(run.code, 0, "{speaks:?}: {}", run.stderr);
        for var in ["all_proxy", "ftp_proxy", "FTP_PROXY"] {
            let mut cmd = world.command();
            cmd.env(var, &url).args(["-v", "get", &get]);
            let run = world.checked(var, cmd);
            assert_eq!(run.code, 0, "{var}: {}", run.stderr);
        }
        let config = world.home.path().join("cfg");
        fs::create_dir_all(&config).unwrap();
        fs::write(config.join("config.toml"), format!("proxy = \"{url}\"\n")).unwrap();
        let mut cmd = world.command();
        cmd.env("FERRY_CONFIG_DIR", &config)
            .args(["-v", "get", &get]);
        let run = world.checked("config.toml", cmd);
        assert_eq!(run.code, 0, "config.toml: {}", run.stderr);
        // A parallel job: every lane's connection goes through the proxy, none shows it.
        let out = world.work.path().join("tree");
        let run = world.ferry(
            "get -r -P 3",
            &[
                "-v",
                "--proxy",
                &url,
                "get",
                "-r",
                "-P",
                "3",
                &userinfo_url(&server, "/"),
                "-O",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        // The shell's status names the proxy without its password.
        let script = world.work.path().join("status.ftp");
        fs::write(&script, "status\nls\n").unwrap();
        let run = world.ferry(
            "batch status",
            &[
                "--proxy",
                &url,
                "-b",
                script.to_str().unwrap(),
                &userinfo_url(&server, "/"),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout_text().contains("Proxy: "),
            "{}",
            run.stdout_text()
        );
        assert!(proxy.passwords().iter().all(|p| p == PROXY_MARK));
        assert!(proxy.passwords().len() >= 8, "{:?}", proxy.passwords());
        fs::remove_dir_all(&config).unwrap();
        let _ = fs::remove_dir_all(&out);
    }
    world.check_end(&server, &[]);
}

#[test]
fn a_refused_or_unreachable_proxy_and_bad_proxy_urls_never_show_its_password() {
    let world = World::new();
    let server = server(MARK, FakeConfig::default());
    let get = userinfo_url(&server, "/a.txt");
    for speaks in [Speaks::Socks5, Speaks::Http] {
        let proxy = FakeProxy::start(speaks, "pu", "another password");
        let url = proxy_url(speaks, proxy.port(), PROXY_MARK_IN_URL);
        let run = world.ferry("refused", &["-v", "--proxy", &url, "get", &get]);
        assert_eq!(run.code, 11, "{speaks:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("refused the user name and password"),
            "{}",
            run.stderr
        );
        assert_eq!(proxy.passwords(), [PROXY_MARK], "tried once, not retried");
    }
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let unreachable = proxy_url(Speaks::Socks5, dead, PROXY_MARK_IN_URL);
    let run = world.ferry(
        "unreachable",
        &["--retries", "1", "--proxy", &unreachable, "get", &get],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    for bad in [
        format!("gopher://pu:{PROXY_MARK_IN_URL}@127.0.0.1:1080"),
        format!("socks5://pu:{PROXY_MARK_IN_URL}@127.0.0.1:99999"),
        format!("socks5://pu:{PROXY_MARK_IN_URL}@"),
        format!("socks5://pu:{PROXY_MARK}@h/x"),
        format!("socks5://pu:{PROXY_MARK_IN_URL}%00@h"),
    ] {
        let run = world.ferry("bad --proxy", &["--proxy", &bad, "get", &get]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        let mut cmd = world.command();
        cmd.env("all_proxy", &bad).args(["get", &get]);
        let run = world.checked("bad all_proxy", cmd);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        let config = world.home.path().join("cfg");
        fs::create_dir_all(&config).unwrap();
        let line = format!("[hosts.\"127.0.0.1\"]\nproxy = \"{bad}\"\n");
        fs::write(config.join("config.toml"), line).unwrap();
        let mut cmd = world.command();
        cmd.env("FERRY_CONFIG_DIR", &config).args(["get", &get]);
        let run = world.checked("bad config proxy", cmd);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        fs::remove_dir_all(&config).unwrap();
    }
    world.check_files(&[]);
}
