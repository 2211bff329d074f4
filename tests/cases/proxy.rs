//! Proxies, against real ones started on loopback by the project's scripts: danted (SOCKS5,
//! with and without user name and password) and tinyproxy (HTTP CONNECT, with and without
//! Basic credentials), in front of pyftpdlib (plain and FTPS) and vsftpd (FTPS with TLS session
//! reuse). get, put, ls, pget and `get -r -P 3` in EPSV and PASV through each; active mode
//! through danted's BIND against vsftpd.
//!
//! Proof that the data connections did not bypass the proxy: every data port the server
//! advertised (each 227/229 in ferry's `-v` trace) must be one the proxy logged a connection
//! to; a data connection made around the proxy leaves its port out of the proxy's log and fails
//! the test. In active mode through SOCKS5 (BIND), every port ferry announced (EPRT/PORT) must
//! be one danted listened on and the server connected to.

use std::fs;

use crate::needs_real_servers;
use crate::support::certs::self_signed;
use crate::support::daemons::{Daemon, RealServer};
use crate::support::ports::passive_ports_in_trace;
use crate::support::proxies::{HTTP_PASSWORD, Kind, Proxy};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{Run, ferry, test_bytes};

const KINDS: [Kind; 4] = [Kind::Socks5, Kind::Socks5Auth, Kind::Http, Kind::HttpAuth];

fn user_url(server: &PyFtpd, path: &str) -> String {
    server
        .url(path)
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1)
}

/// Every data port of the run's trace went through the proxy, and there was at least one; no
/// attempt needed a retry (which could hide a transfer that went wrong the first time).
fn data_went_through(proxy: &Proxy, run: &Run, at_least: usize) {
    assert!(!run.stderr.contains("retrying"), "a retry:\n{}", run.stderr);
    let advertised = passive_ports_in_trace(&run.stderr);
    assert!(
        advertised.len() >= at_least,
        "expected {at_least} data connections, saw {advertised:?}:\n{}",
        run.stderr
    );
    let forwarded = proxy.forwarded_ports();
    for port in &advertised {
        assert!(
            forwarded.contains(port),
            "the data connection to port {port} did not go through the proxy \
             (it forwarded {forwarded:?}):\n{}\n{}",
            run.stderr,
            proxy.logs()
        );
    }
}

/// `ferry -v --proxy URL --mode MODE ARGS`, which must succeed.
fn through(proxy: &str, mode: &str, args: &[&str]) -> Run {
    let mut all = vec!["-v", "--proxy", proxy, "--mode", mode];
    all.extend_from_slice(args);
    ferry(&all).success()
}

fn no_secret(run: &Run) {
    for secret in [HTTP_PASSWORD, "ferry pass 1", "ferry%20pass%201"] {
        assert!(
            !run.stderr.contains(secret),
            "{secret} shown:\n{}",
            run.stderr
        );
        assert!(!run.stdout_text().contains(secret), "{secret} shown");
    }
}

#[test]
fn get_put_ls_and_a_parallel_tree_go_through_every_proxy_in_epsv_and_pasv() {
    needs_real_servers!();
    let server = PyFtpd::start(PyFtpdOptions::default());
    let tree = server.root().join("tree");
    fs::create_dir(&tree).unwrap();
    for i in 0..6 {
        fs::write(
            tree.join(format!("f{i}")),
            test_bytes(3000 + i * 1000, i as u64),
        )
        .unwrap();
    }
    let local = tempfile::tempdir().unwrap();
    let upload = local.path().join("up.bin");
    fs::write(&upload, test_bytes(200_000, 7)).unwrap();
    for kind in KINDS {
        let proxy = Proxy::start(kind);
        let url = proxy.url(false);
        for mode in ["epsv", "pasv"] {
            let name = format!("up-{kind:?}-{mode}.bin");
            let put = through(
                &url,
                mode,
                &["put", upload.to_str().unwrap(), &user_url(&server, &name)],
            );
            data_went_through(&proxy, &put, 1);
            no_secret(&put);
            assert_eq!(
                fs::read(server.root().join(&name)).unwrap(),
                fs::read(&upload).unwrap()
            );

            let back = local.path().join(format!("back-{kind:?}-{mode}"));
            let get = through(
                &url,
                mode,
                &[
                    "get",
                    &user_url(&server, &name),
                    "-o",
                    back.to_str().unwrap(),
                ],
            );
            data_went_through(&proxy, &get, 1);
            assert_eq!(fs::read(&back).unwrap(), fs::read(&upload).unwrap());

            // pget: three segments over three connections, each through the proxy.
            let segments = local.path().join(format!("pget-{kind:?}-{mode}"));
            fs::create_dir(&segments).unwrap();
            let pget = through(
                &url,
                mode,
                &[
                    "pget",
                    "-n",
                    "3",
                    &user_url(&server, &name),
                    "-O",
                    segments.to_str().unwrap(),
                ],
            );
            data_went_through(&proxy, &pget, 3);
            assert_eq!(
                fs::read(segments.join(&name)).unwrap(),
                fs::read(&upload).unwrap()
            );

            let ls = through(&url, mode, &["ls", &user_url(&server, "tree/")]);
            data_went_through(&proxy, &ls, 1);
            assert!(ls.stdout_text().contains("f5"), "{}", ls.stdout_text());

            let out = local.path().join(format!("tree-{kind:?}-{mode}"));
            let tree_run = through(
                &url,
                mode,
                &[
                    "get",
                    "-r",
                    "-P",
                    "3",
                    &user_url(&server, "tree"),
                    "-O",
                    out.to_str().unwrap(),
                ],
            );
            // The listing and six files, over up to three connections.
            data_went_through(&proxy, &tree_run, 7);
            no_secret(&tree_run);
            for i in 0..6 {
                let got = fs::read(out.join("tree").join(format!("f{i}"))).unwrap();
                assert_eq!(
                    got,
                    test_bytes(3000 + i * 1000, i as u64),
                    "{kind:?} {mode} f{i}"
                );
            }
        }
    }
}

/// The ports announced by EPRT and PORT in a `-v` trace.
fn announced_ports(trace: &str) -> Vec<u16> {
    trace
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .filter_map(|command| {
            if let Some(eprt) = command.strip_prefix("EPRT ") {
                return eprt.split('|').nth(3)?.parse().ok();
            }
            let numbers: Vec<u16> = command
                .strip_prefix("PORT ")?
                .split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect();
            (numbers.len() == 6).then(|| numbers[4] * 256 + numbers[5])
        })
        .collect()
}

/// Active mode against vsftpd (pyftpdlib stalls its other sessions while it connects back in
/// active mode, with or without a proxy, so parallel lanes would time out there).
#[test]
fn active_mode_goes_through_a_socks5_proxy_that_listens_for_it() {
    needs_real_servers!();
    let server = RealServer::start(Daemon::Vsftpd);
    let tree = server.user_dir().join("tree");
    fs::create_dir(&tree).unwrap();
    for i in 0..4 {
        fs::write(tree.join(format!("f{i}")), test_bytes(5000, i)).unwrap();
    }
    let local = tempfile::tempdir().unwrap();
    let upload = local.path().join("up.bin");
    fs::write(&upload, test_bytes(100_000, 9)).unwrap();
    for kind in [Kind::Socks5, Kind::Socks5Auth] {
        let proxy = Proxy::start(kind);
        for mode in ["eprt", "port"] {
            let name = format!("active-{kind:?}-{mode}.bin");
            let back = local.path().join(&name);
            let out = local.path().join(format!("tree-{kind:?}-{mode}"));
            let (socks5h, socks5) = (proxy.url(false), proxy.url(true));
            let runs = [
                through(
                    &socks5h,
                    mode,
                    &["put", upload.to_str().unwrap(), &server.user_url(&name)],
                ),
                through(
                    &socks5h,
                    mode,
                    &["get", &server.user_url(&name), "-o", back.to_str().unwrap()],
                ),
                through(&socks5, mode, &["ls", &server.user_url("tree/")]),
                through(
                    &socks5h,
                    mode,
                    &[
                        "get",
                        "-r",
                        "-P",
                        "3",
                        &server.user_url("tree"),
                        "-O",
                        out.to_str().unwrap(),
                    ],
                ),
            ];
            assert_eq!(fs::read(&back).unwrap(), fs::read(&upload).unwrap());
            assert!(
                runs[2].stdout_text().contains("f3"),
                "{}",
                runs[2].stdout_text()
            );
            assert_eq!(fs::read(out.join("tree/f3")).unwrap(), test_bytes(5000, 3));
            // The next file's EPRT/PORT went ahead of the 226, its listener the proxy's too.
            assert!(
                runs[3].stderr.contains("ahead of the current transfer"),
                "{}",
                runs[3].stderr
            );
            let connected = proxy.bound_ports_connected();
            for run in &runs {
                no_secret(run);
                assert!(!run.stderr.contains("retrying"), "a retry:\n{}", run.stderr);
                let announced = announced_ports(&run.stderr);
                assert!(!announced.is_empty(), "no EPRT/PORT:\n{}", run.stderr);
                for port in announced {
                    assert!(
                        connected.contains(&port),
                        "port {port} was not the proxy's ({connected:?}):\n{}\n{}",
                        run.stderr,
                        proxy.logs()
                    );
                }
            }
        }
    }
}

#[test]
fn socks5_with_local_name_resolution_asks_the_proxy_for_an_address() {
    needs_real_servers!();
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("a.txt"), "by address\n").unwrap();
    let proxy = Proxy::start(Kind::Socks5Auth);
    let url = user_url(&server, "a.txt").replace("127.0.0.1", "localhost");
    let run = through(&proxy.url(true), "epsv", &["cat", &url]);
    assert_eq!(run.stdout, b"by address\n");
    data_went_through(&proxy, &run, 1);
    assert!(
        run.stderr
            .contains("through the proxy socks5://ferrytest:****@"),
        "{}",
        run.stderr
    );
}

#[test]
fn ftps_goes_through_every_proxy_in_epsv_and_pasv() {
    needs_real_servers!();
    let certs = tempfile::tempdir().unwrap();
    let cert = self_signed(certs.path());
    let server = PyFtpd::start(PyFtpdOptions {
        tls: Some((cert.cert.clone(), cert.key.clone())),
        tls_required: true,
        ..PyFtpdOptions::default()
    });
    fs::write(server.root().join("secret.txt"), "over TLS\n").unwrap();
    let cacert = cert.cert.to_str().unwrap();
    for kind in KINDS {
        let proxy = Proxy::start(kind);
        for mode in ["epsv", "pasv"] {
            let run = through(
                &proxy.url(false),
                mode,
                &[
                    "--tls",
                    "--cacert",
                    cacert,
                    "cat",
                    &user_url(&server, "secret.txt"),
                ],
            );
            assert_eq!(run.stdout, b"over TLS\n", "{kind:?} {mode}");
            assert!(run.stderr.contains("encrypted (TLS)"), "{}", run.stderr);
            data_went_through(&proxy, &run, 1);
            no_secret(&run);
        }
    }
}

#[test]
fn vsftpd_ftps_with_session_reuse_goes_through_socks5_and_http() {
    needs_real_servers!();
    let certs = tempfile::tempdir().unwrap();
    let cert = self_signed(certs.path());
    let server = RealServer::start_tls(Daemon::Vsftpd, &cert);
    fs::write(server.user_dir().join("v.txt"), "vsftpd\n").unwrap();
    for kind in [Kind::Socks5Auth, Kind::Http] {
        let proxy = Proxy::start(kind);
        let run = through(
            &proxy.url(false),
            "epsv",
            &[
                "--tls",
                "--cacert",
                server.cert(),
                "get",
                &server.user_url("v.txt"),
                "-o",
                "-",
            ],
        );
        assert_eq!(run.stdout, b"vsftpd\n", "{kind:?}");
        data_went_through(&proxy, &run, 1);
    }
}

#[test]
fn proxy_failures_say_what_happened_with_their_exit_codes() {
    needs_real_servers!();
    let server = PyFtpd::start(PyFtpdOptions::default());
    let target = user_url(&server, "");
    let socks = Proxy::start(Kind::Socks5Auth);
    let http = Proxy::start(Kind::HttpAuth);
    let wrong_socks = socks.url(false).replace("ferry%20pass%201", "wrong");
    let wrong_http = http.url(false).replace(HTTP_PASSWORD, "wrong");
    let bare_socks = format!("socks5h://127.0.0.1:{}", socks.port());
    let bare_http = format!("http://127.0.0.1:{}", http.port());
    let closed = format!(
        "ftp://127.0.0.1:{}/",
        crate::support::ports::PassiveRange::reserve().low
    );
    for (proxy, url, code, words) in [
        (
            &wrong_socks,
            &target,
            11,
            "refused the user name and password",
        ),
        (
            &wrong_http,
            &target,
            11,
            "refused the user name and password",
        ),
        (
            &bare_socks,
            &target,
            11,
            "requires a user name and password",
        ),
        (&bare_http, &target, 11, "requires a user name and password"),
        (&socks.url(false), &closed, 3, "could not reach the server"),
        (&http.url(false), &closed, 3, "could not reach the server"),
    ] {
        let run = ferry(&["--retries", "0", "--proxy", proxy, "ls", url]);
        assert_eq!(run.code, code, "{proxy} {url}: {}", run.stderr);
        assert!(run.stderr.contains(words), "{proxy}: {}", run.stderr);
        assert!(run.stderr.contains("hint:"), "{}", run.stderr);
        no_secret(&run);
    }
    // An HTTP proxy cannot listen for the server: active mode through it is refused.
    let run = ferry(&["--proxy", &http.url(false), "--active", "ls", &target]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--passive"), "{}", run.stderr);
    no_secret(&run);
    // Auto mode through the proxy stays passive, and works.
    let run = ferry(&["-v", "--proxy", &socks.url(false), "ls", &target]).success();
    assert!(!run.stderr.contains("> EPRT") && !run.stderr.contains("> PORT"));
    data_went_through(&socks, &run, 1);
}

#[test]
fn the_shell_and_batch_files_go_through_the_proxy_from_the_environment() {
    needs_real_servers!();
    let server = PyFtpd::start(PyFtpdOptions::default());
    fs::write(server.root().join("b.txt"), "batch\n").unwrap();
    let proxy = Proxy::start(Kind::Socks5);
    let work = tempfile::tempdir().unwrap();
    let script = work.path().join("script.ftp");
    fs::write(&script, "get b.txt\nls\nput b.txt copy.txt\n").unwrap();
    let mut cmd = crate::support::ferry_command();
    cmd.current_dir(work.path())
        .env("all_proxy", proxy.url(false))
        .args([
            "-v",
            "--timeout",
            "10",
            "-b",
            script.to_str().unwrap(),
            &user_url(&server, ""),
        ]);
    let run = crate::support::run(cmd).success();
    assert_eq!(fs::read(work.path().join("b.txt")).unwrap(), b"batch\n");
    assert_eq!(
        fs::read(server.root().join("copy.txt")).unwrap(),
        b"batch\n"
    );
    data_went_through(&proxy, &run, 3);
    // no_proxy names the server: straight there, nothing more through the proxy.
    let before = proxy.forwarded_ports().len();
    let mut cmd = crate::support::ferry_command();
    cmd.current_dir(work.path())
        .env("all_proxy", proxy.url(false))
        .env("no_proxy", "localhost,127.0.0.0/8")
        .args(["--timeout", "10", "ls", &user_url(&server, "")]);
    crate::support::run(cmd).success();
    assert_eq!(proxy.forwarded_ports().len(), before, "{}", proxy.logs());
}

#[test]
fn a_reconnect_after_the_server_dropped_an_idle_session_goes_through_the_proxy_too() {
    needs_real_servers!();
    let server = PyFtpd::start(PyFtpdOptions {
        idle_timeout: Some(1.0),
        ..PyFtpdOptions::default()
    });
    fs::write(server.root().join("r.txt"), "again\n").unwrap();
    let proxy = Proxy::start(Kind::Socks5Auth);
    let work = tempfile::tempdir().unwrap();
    let script = work.path().join("idle.ftp");
    fs::write(&script, "ls\n!sleep 2\nget r.txt\n").unwrap();
    let mut cmd = crate::support::ferry_command();
    cmd.current_dir(work.path()).args([
        "-v",
        "--timeout",
        "10",
        "--proxy",
        &proxy.url(false),
        "-b",
        script.to_str().unwrap(),
        &user_url(&server, ""),
    ]);
    let run = crate::support::run(cmd).success();
    assert!(run.stderr.contains("reconnecting"), "{}", run.stderr);
    assert_eq!(fs::read(work.path().join("r.txt")).unwrap(), b"again\n");
    let control = proxy
        .forwarded_ports()
        .iter()
        .filter(|p| **p == server.port())
        .count();
    assert_eq!(
        control,
        2,
        "both control connections through the proxy: {}",
        proxy.logs()
    );
    data_went_through(&proxy, &run, 2);
    no_secret(&run);
}
