//! The greeting and logging in (login.rs): 120 then 220, refusals, FEAT, and AUTH TLS refused
//! in `--tls=auto` (go on in clear) and `--tls=require` (stop before the password).

use super::script::Script;
use crate::engine::session::Login;
use crate::engine::tls::TlsMode;
use crate::error::Error;
use crate::proto::command::Secret;

fn alice() -> Login {
    Login {
        user: "alice".into(),
        password: Secret::new("pw"),
        account: None,
    }
}

const FEAT_TLS: &str = "211-Features:\n AUTH TLS\n PBSZ\n PROT\n SIZE\n211 End";

#[test]
fn a_120_greeting_is_waited_through() {
    let (s, h) = Script::new()
        .greeting("120 Ready in a few seconds\n220 Ready")
        .start();
    assert_eq!(s.greeting().code, 220);
    assert!(h.notes().iter().any(|n| n.contains("ready shortly")));
}

#[test]
fn a_busy_or_logged_in_greeting_is_refused() {
    let (busy, _) = Script::new().greeting("421 Too many users").try_start();
    assert!(matches!(busy, Err(Error::Rejected { .. })));
    // A server pretending we are logged in already would skip AUTH TLS (CVE-2021-22946).
    let (early, _) = Script::new().greeting("230 Welcome back").try_start();
    assert!(matches!(early, Err(Error::Unexpected { .. })));
}

#[test]
fn logs_in_with_user_pass_and_account() {
    let (mut s, h) = Script::new()
        .options(|o| o.tls = TlsMode::Off)
        .on("USER alice", "331 Password required")
        .on("PASS pw", "332 Need account")
        .on("ACCT dept", "230 Logged in")
        .on("FEAT", "211-Features:\n UTF8\n211 End")
        .on("OPTS UTF8 ON", "200 Always in UTF8 mode.")
        .start();
    let login = Login {
        account: Some(Secret::new("dept")),
        ..alice()
    };
    s.login(&login).unwrap();
    assert!(s.features().has("UTF8"));
    h.assert_done();
}

#[test]
fn a_refused_login_names_the_step() {
    let (mut s, h) = Script::new()
        .options(|o| o.tls = TlsMode::Off)
        .on("USER alice", "331 Password required")
        .on("PASS pw", "530 Login incorrect.")
        .start();
    let err = s.login(&alice()).unwrap_err();
    assert!(err.to_string().contains("PASS"), "{err}");
    assert_eq!(err.exit_code(), crate::ExitCode::Login);
    h.assert_done();
}

#[test]
fn auto_tls_logs_in_without_tls_when_auth_tls_is_refused() {
    for refusal in [
        "534 Policy requires SSL.",
        "500 AUTH not understood",
        "502 Not implemented",
    ] {
        let (mut s, h) = Script::new()
            .on("FEAT", FEAT_TLS)
            .on("AUTH TLS", refusal)
            .on("USER alice", "331 Password required")
            .on("PASS pw", "230 Logged in")
            .start();
        s.login(&alice()).unwrap();
        assert!(!s.is_tls());
        h.assert_done();
        assert!(
            h.notes().iter().any(|n| n.starts_with("AUTH TLS refused")),
            "{refusal}"
        );
    }
}

#[test]
fn auto_tls_does_not_ask_when_feat_does_not_offer_it() {
    let (mut s, h) = Script::new()
        .on("FEAT", "211-Features:\n SIZE\n211 End")
        .on("USER alice", "331 Password required")
        .on("PASS pw", "230 Logged in")
        .start();
    s.login(&alice()).unwrap();
    h.assert_done();
}

#[test]
fn auto_tls_leaves_anonymous_logins_in_clear() {
    let (mut s, h) = Script::new()
        .on("USER anonymous", "331 Guest login ok")
        .on("PASS anonymous@", "230 Logged in")
        .on("FEAT", "211-Features:\n AUTH TLS\n211 End")
        .start();
    s.login(&Login::anonymous()).unwrap();
    h.assert_done();
}

#[test]
fn required_tls_stops_before_the_password_when_auth_tls_is_refused() {
    for refusal in [
        "534 Policy forbids SSL.",
        "500 AUTH not understood",
        "502 Not implemented",
    ] {
        let (mut s, h) = Script::new()
            .options(|o| o.tls = TlsMode::Require)
            .on("AUTH TLS", refusal)
            .start();
        let err = s.login(&alice()).unwrap_err();
        assert!(matches!(err, Error::Tls { .. }), "{err}");
        h.assert_done();
        assert!(
            !h.sent()
                .iter()
                .any(|c| c.starts_with("USER") || c.starts_with("PASS"))
        );
    }
}

#[test]
fn bytes_after_the_234_are_refused_before_the_handshake() {
    // An attacker could inject a reply that would then be trusted as if it came over TLS
    // (CVE-2021-22947).
    let (mut s, h) = Script::new()
        .options(|o| o.tls = TlsMode::Require)
        .on("AUTH TLS", "234 Proceed with negotiation.\n230 Injected")
        .start();
    let err = s.login(&alice()).unwrap_err();
    assert!(matches!(err, Error::Protocol(_)), "{err}");
    h.assert_done();
}
