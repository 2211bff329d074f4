//! FTPS against pyftpdlib (explicit TLS, a self-signed CA:TRUE certificate made at test time)
//! and the hardening cases against the fake server.

use std::fs;

use crate::support::certs::self_signed;
use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{ferry, test_bytes};

fn tls_server(dir: &std::path::Path, required: bool) -> (PyFtpd, crate::support::certs::TestCert) {
    let cert = self_signed(dir);
    let opts = PyFtpdOptions {
        tls: Some((cert.cert.clone(), cert.key.clone())),
        tls_required: required,
        ..PyFtpdOptions::default()
    };
    (PyFtpd::start(opts), cert)
}

fn user_url(server: &PyFtpd, path: &str) -> String {
    server
        .url(path)
        .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1)
}

#[test]
fn explicit_tls_protects_login_and_data_in_every_mode() {
    let certs = tempfile::tempdir().unwrap();
    let (server, cert) = tls_server(certs.path(), true);
    let cacert = cert.cert.to_str().unwrap();
    let work = tempfile::tempdir().unwrap();
    let data = test_bytes(5 * 1024 * 1024, 31);
    let local = work.path().join("secret.bin");
    fs::write(&local, &data).unwrap();
    for mode in ["epsv", "pasv", "eprt", "port"] {
        let name = format!("secret-{mode}.bin");
        let run = ferry(&[
            "-v",
            "--cacert",
            cacert,
            "--mode",
            mode,
            "put",
            local.to_str().unwrap(),
            &user_url(&server, &name),
        ])
        .success();
        assert!(
            run.stderr.contains("> AUTH TLS") && run.stderr.contains("> PROT P"),
            "{}",
            run.stderr
        );
        let auth = run.stderr.find("> AUTH TLS").unwrap();
        assert!(
            run.stderr.find("> PASS").unwrap() > auth,
            "the password went out before TLS"
        );
        assert!(
            fs::read(server.root().join(&name)).unwrap() == data,
            "{mode}: upload differs"
        );
        let back = work.path().join(format!("back-{mode}.bin"));
        ferry(&[
            "--cacert",
            cacert,
            "--mode",
            mode,
            "get",
            &user_url(&server, &name),
            "-o",
            back.to_str().unwrap(),
        ])
        .success();
        assert!(fs::read(&back).unwrap() == data, "{mode}: download differs");
    }
    let listing = ferry(&["--cacert", cacert, "ls", &user_url(&server, "")]).success();
    assert!(
        listing.stdout_text().contains("secret-port.bin"),
        "{}",
        listing.stdout_text()
    );
}

#[test]
fn the_servers_own_self_signed_certificate_is_refused_without_cacert_and_explained() {
    let certs = tempfile::tempdir().unwrap();
    let (server, _cert) = tls_server(certs.path(), false);
    let run = ferry(&["ls", &user_url(&server, "")]);
    assert_eq!(run.code, 7, "{}", run.stderr);
    assert!(
        run.stderr.contains("sha256:"),
        "no fingerprint: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--cacert"),
        "no way out offered: {}",
        run.stderr
    );
}

#[test]
fn a_ca_certificate_as_the_servers_own_is_refused_in_words_with_every_hint_line_prefixed() {
    let certs = tempfile::tempdir().unwrap();
    let (server, _cert) = tls_server(certs.path(), false);
    let run = ferry(&["ls", &user_url(&server, "")]);
    assert_eq!(run.code, 7, "{}", run.stderr);
    assert!(
        !run.stderr.contains("OtherError") && !run.stderr.contains("CaUsedAsEndEntity"),
        "a Debug-printed library error: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("it is a CA certificate used as a server certificate"),
        "{}",
        run.stderr
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(lines.len() > 2, "{}", run.stderr);
    assert!(lines[0].starts_with("ferry: error: "), "{}", run.stderr);
    for line in &lines[1..] {
        assert!(
            line.starts_with("ferry: hint: "),
            "{line:?} in\n{}",
            run.stderr
        );
    }
}

#[test]
fn pin_and_insecure_accept_the_certificate() {
    let certs = tempfile::tempdir().unwrap();
    let (server, cert) = tls_server(certs.path(), true);
    let pin = ferry::engine::tls::verify::fingerprint(&cert.der);
    fs::write(server.root().join("f"), "pinned").unwrap();
    let run = ferry(&["--pin", &pin, "cat", &user_url(&server, "f")]).success();
    assert_eq!(run.stdout, b"pinned");
    let run = ferry(&["--insecure", "cat", &user_url(&server, "f")]).success();
    assert_eq!(run.stdout, b"pinned");
    assert!(
        run.stderr.contains("--insecure"),
        "no warning: {}",
        run.stderr
    );
}

#[test]
fn anonymous_logins_stay_plain_in_auto_mode_and_tls_13_or_12_can_be_forced() {
    let certs = tempfile::tempdir().unwrap();
    let (server, cert) = tls_server(certs.path(), false);
    fs::write(server.root().join("pub.txt"), "public").unwrap();
    let run = ferry(&["-v", "cat", &server.url("pub.txt")]).success();
    assert!(!run.stderr.contains("> AUTH TLS"), "{}", run.stderr);
    let cacert = cert.cert.to_str().unwrap();
    let run = ferry(&[
        "--tls",
        "--tls-max",
        "1.2",
        "--cacert",
        cacert,
        "cat",
        &server.url("pub.txt"),
    ])
    .success();
    assert_eq!(run.stdout, b"public");
}

#[test]
fn tls_required_refuses_a_server_without_tls_before_sending_the_password() {
    let server = FakeServer::start(FakeConfig::default());
    let url = server.url("/").replacen("ftp://", "ftp://alice:secret@", 1);
    let run = ferry(&["--tls", "ls", &url]);
    assert_eq!(run.code, 7, "{}", run.stderr);
    assert!(run.stderr.contains("AUTH TLS"), "{}", run.stderr);
    assert!(
        !server.verbs().contains(&"PASS".to_string()),
        "{:?}",
        server.verbs()
    );
}

#[test]
fn bytes_injected_after_the_234_reply_are_refused() {
    let mut cfg = FakeConfig::default();
    cfg.feat.push(" AUTH TLS".into());
    cfg.overrides.push((
        "AUTH".into(),
        "234 Proceed with negotiation.\r\n230 Injected login".into(),
    ));
    let server = FakeServer::start(cfg);
    let url = server.url("/").replacen("ftp://", "ftp://alice:secret@", 1);
    let run = ferry(&["ls", &url]);
    assert_eq!(run.code, 8, "{}", run.stderr);
    assert!(run.stderr.contains("CVE-2021-22947"), "{}", run.stderr);
    assert!(!server.verbs().contains(&"PASS".to_string()));
}

/// The optional native-tls backend against a server that does not require TLS session reuse
/// (pyftpdlib); built and run by scripts/test.sh with `--features native-tls`.
#[cfg(feature = "native-tls")]
#[test]
fn the_native_tls_backend_moves_files_over_ftps() {
    let certs = tempfile::tempdir().unwrap();
    let (server, cert) = tls_server(certs.path(), true);
    let data = test_bytes(1_000_000, 32);
    fs::write(server.root().join("n.bin"), &data).unwrap();
    let cacert = cert.cert.to_str().unwrap();
    let run = ferry(&[
        "--tls-backend",
        "native",
        "--cacert",
        cacert,
        "cat",
        &user_url(&server, "n.bin"),
    ])
    .success();
    assert!(run.stdout == data, "native-tls download differs");
}

#[test]
fn an_idle_tls_session_the_server_closed_is_made_again_before_a_change() {
    let certs = tempfile::tempdir().unwrap();
    let cert = self_signed(certs.path());
    let server = PyFtpd::start(PyFtpdOptions {
        tls: Some((cert.cert.clone(), cert.key.clone())),
        tls_required: true,
        idle_timeout: Some(1.0),
        ..PyFtpdOptions::default()
    });
    let work = tempfile::tempdir().unwrap();
    let script = work.path().join("s");
    // Quick commands on one TLS session first: no reconnect (TLS session tickets and the like
    // pending on the socket must not look like a closed connection).
    fs::write(&script, "mkdir a\nmkdir b\nls\n! sleep 2\nmkdir c\n").unwrap();
    let run = ferry(&[
        "--cacert",
        cert.cert.to_str().unwrap(),
        "-b",
        script.to_str().unwrap(),
        &user_url(&server, ""),
    ])
    .success();
    assert_eq!(
        run.stderr.matches("reconnecting").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("421"), "{}", run.stderr);
    for dir in ["a", "b", "c"] {
        assert!(server.root().join(dir).is_dir(), "{dir}");
    }
}
