//! The `ferry` binary against the scripted fake server: the exact commands it sends, data-channel
//! fallback, hostile replies, login errors and failed transfers.

use std::fs;

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{dir_names, ferry, test_bytes};

fn server_with(files: &[(&str, &[u8])], tweak: impl FnOnce(&mut FakeConfig)) -> FakeServer {
    FakeServer::with_files(files, tweak)
}

fn data_verbs(server: &FakeServer) -> Vec<String> {
    let wanted = [
        "EPSV", "PASV", "EPRT", "PORT", "RETR", "STOR", "LIST", "NLST",
    ];
    server
        .verbs()
        .into_iter()
        .filter(|v| wanted.contains(&v.as_str()))
        .collect()
}

#[test]
fn downloads_with_epsv_first_and_nothing_needless() {
    let server = server_with(&[("/pub/a.txt", b"hello\n")], |_| {});
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    ferry(&["get", &server.url("/pub/a.txt"), "-O", dir]).success();
    assert_eq!(fs::read(out.path().join("a.txt")).unwrap(), b"hello\n");
    assert_eq!(dir_names(out.path()), ["a.txt"], "no .part left behind");
    let cmds = server.commands();
    assert_eq!(cmds[0], "USER anonymous");
    assert_eq!(cmds[1], "PASS anonymous@");
    assert!(cmds.contains(&"TYPE I".to_string()));
    assert!(cmds.contains(&"RETR pub/a.txt".to_string()), "{cmds:?}");
    assert_eq!(data_verbs(&server), ["EPSV", "RETR"]);
    assert!(
        !cmds.contains(&"PWD".to_string()),
        "a needless PWD: {cmds:?}"
    );
    assert_eq!(cmds.last().unwrap(), "QUIT");
}

#[test]
fn falls_back_to_pasv_when_epsv_is_refused() {
    let server = server_with(&[("/a", b"data")], |c| {
        c.overrides
            .push(("EPSV".into(), "500 EPSV not understood".into()));
    });
    let run = ferry(&["get", &server.url("/a"), "-o", "-"]).success();
    assert_eq!(run.stdout, b"data");
    assert_eq!(data_verbs(&server), ["EPSV", "PASV", "RETR"]);
}

#[test]
fn falls_back_to_active_when_both_passive_modes_are_refused() {
    let server = server_with(&[("/a", b"active data")], |c| {
        c.overrides.push(("EPSV".into(), "502 no".into()));
        c.overrides.push(("PASV".into(), "502 no".into()));
    });
    let run = ferry(&["cat", &server.url("/a")]).success();
    assert_eq!(run.stdout, b"active data");
    assert_eq!(data_verbs(&server), ["EPSV", "PASV", "EPRT", "RETR"]);
}

#[test]
fn falls_back_to_port_when_eprt_is_refused_too() {
    let server = server_with(&[("/a", b"port data")], |c| {
        for verb in ["EPSV", "PASV", "EPRT"] {
            c.overrides.push((verb.into(), "500 no".into()));
        }
    });
    let run = ferry(&["cat", &server.url("/a")]).success();
    assert_eq!(run.stdout, b"port data");
    assert_eq!(
        data_verbs(&server),
        ["EPSV", "PASV", "EPRT", "PORT", "RETR"]
    );
}

#[test]
fn falls_back_when_the_epsv_port_cannot_be_reached_and_remembers_it() {
    let server = server_with(&[("/a", b"1"), ("/b", b"2")], |c| c.epsv_dead_port = true);
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    ferry(&["get", &server.url("/a"), &server.url("/b"), "-O", dir]).success();
    assert_eq!(fs::read(out.path().join("b")).unwrap(), b"2");
    // EPSV failed once; the second transfer went straight to PASV on the same session.
    assert_eq!(
        data_verbs(&server),
        ["EPSV", "PASV", "RETR", "PASV", "RETR"]
    );
    assert_eq!(server.verbs().iter().filter(|v| *v == "USER").count(), 1);
}

const CANNOT_OPEN: &str = "425 Can't open data connection.";

#[test]
fn a_425_falls_forward_to_the_next_channel_and_is_remembered_while_another_works() {
    let server = server_with(&[("/a", b"1"), ("/b", b"2")], |c| {
        c.overrides_once.push(("RETR".into(), CANNOT_OPEN.into()));
    });
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let run = ferry(&["get", &server.url("/a"), &server.url("/b"), "-O", dir]).success();
    assert!(!run.stderr.contains("retrying"), "{}", run.stderr);
    assert_eq!(fs::read(out.path().join("b")).unwrap(), b"2");
    assert_eq!(
        data_verbs(&server),
        ["EPSV", "RETR", "PASV", "RETR", "PASV", "RETR"]
    );
}

#[test]
fn a_425_in_a_fixed_mode_is_retried() {
    let server = server_with(&[("/a", b"fixed")], |c| {
        c.overrides_once.push(("RETR".into(), CANNOT_OPEN.into()));
    });
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let run = ferry(&["--mode", "epsv", "get", &server.url("/a"), "-O", dir]).success();
    assert_eq!(fs::read(out.path().join("a")).unwrap(), b"fixed");
    assert!(run.stderr.contains("retrying"), "{}", run.stderr);
    assert_eq!(data_verbs(&server), ["EPSV", "RETR", "EPSV", "RETR"]);
    assert_eq!(server.verbs().iter().filter(|v| *v == "USER").count(), 1);
}

#[test]
fn when_every_channel_met_425_the_retry_tries_them_again() {
    let server = server_with(&[("/a", b"later")], |c| {
        for _ in 0..4 {
            c.overrides_once.push(("RETR".into(), CANNOT_OPEN.into()));
        }
    });
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let run = ferry(&["get", &server.url("/a"), "-O", dir]).success();
    assert!(run.stderr.contains("retrying"), "{}", run.stderr);
    assert_eq!(fs::read(out.path().join("a")).unwrap(), b"later");
    assert_eq!(
        data_verbs(&server),
        [
            "EPSV", "RETR", "PASV", "RETR", "EPRT", "RETR", "PORT", "RETR", "EPSV", "RETR"
        ]
    );

    // Without retries the failure says what each channel met.
    let server = server_with(&[("/a", b"x")], |c| {
        c.overrides.push(("RETR".into(), CANNOT_OPEN.into()));
    });
    let run = ferry(&["--retries", "0", "get", &server.url("/a"), "-O", dir]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("could not open a data connection"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_pasv_reply_advertising_a_private_address_is_ignored_for_the_peer_address() {
    for advertised in ["10.1.2.3", "0.0.0.0", "192.168.0.9"] {
        let server = server_with(&[("/a", b"nat")], |c| {
            c.pasv_advertise = Some(advertised.parse().unwrap());
        });
        let run = ferry(&["--mode", "pasv", "-v", "cat", &server.url("/a")]).success();
        assert_eq!(run.stdout, b"nat", "advertised {advertised}");
        if advertised != "0.0.0.0" {
            assert!(
                run.stderr.contains(&format!("advertised {advertised}")),
                "{}",
                run.stderr
            );
        }
    }
}

#[test]
fn trusting_the_server_address_still_refuses_a_private_target_from_a_public_class() {
    // The control peer is loopback; a 227 steering us to 10.x is refused, not connected to.
    let server = server_with(&[("/a", b"x")], |c| {
        c.pasv_advertise = Some("10.1.2.3".parse().unwrap())
    });
    let run = ferry(&[
        "--mode",
        "pasv",
        "--pasv-address",
        "server",
        "cat",
        &server.url("/a"),
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("10.1.2.3"), "{}", run.stderr);
    assert!(!server.verbs().contains(&"RETR".to_string()));
}

#[test]
fn multi_line_and_delayed_greetings_are_read_whole() {
    for greeting in [
        vec!["220-Welcome", "220-second line", "220 ready"],
        vec!["120 Service ready in 1 minute", "220 ready now"],
    ] {
        let server = server_with(&[("/a", b"ok")], |c| {
            c.greeting = greeting.iter().map(|s| s.to_string()).collect();
        });
        let run = ferry(&["cat", &server.url("/a")]).success();
        assert_eq!(run.stdout, b"ok");
    }
}

#[test]
fn too_many_users_at_the_greeting_says_wait() {
    let server = server_with(&[], |c| {
        c.greeting = vec!["421 Too many users - please try again later.".into()]
    });
    let run = ferry(&["ls", &server.url("/")]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("421 Too many users"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("hint: the server has as many users as it allows; wait"),
        "{}",
        run.stderr
    );
}

#[test]
fn too_many_users_at_login_exits_with_the_login_code() {
    let server = server_with(&[], |c| {
        c.overrides
            .push(("USER".into(), "421 Too many users".into()))
    });
    let run = ferry(&["ls", &server.url("/")]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("wait"), "{}", run.stderr);
}

#[test]
fn wrong_password_exits_with_the_login_code_and_a_hint() {
    let server = server_with(&[], |_| {});
    let run = ferry(&["-u", "alice:wrong", "ls", &server.url("/")]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("530"), "{}", run.stderr);
    assert!(run.stderr.contains("password"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("wrong"),
        "the password leaked: {}",
        run.stderr
    );
}

#[test]
fn anonymous_refused_and_unauthorized_ip_get_their_own_hints() {
    let cases = [
        ("530 Sorry, no ANONYMOUS access allowed", "anonymous"),
        ("530 Login not allowed from your IP address", "your address"),
    ];
    for (reply, hint) in cases {
        let server = server_with(&[], |c| c.overrides.push(("PASS".into(), reply.into())));
        let run = ferry(&["ls", &server.url("/")]);
        assert_eq!(run.code, 4);
        assert!(run.stderr.contains(hint), "{reply}: {}", run.stderr);
    }
}

#[test]
fn an_account_is_sent_when_the_server_asks_for_one() {
    let server = server_with(&[("/a", b"acct")], |c| c.require_acct = Some("acme".into()));
    let home = tempfile::tempdir().unwrap();
    let netrc = home.path().join("netrc");
    fs::write(
        &netrc,
        "machine 127.0.0.1 login alice password secret account acme\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&netrc, fs::Permissions::from_mode(0o600)).unwrap();
    let mut cmd = crate::support::ferry_command();
    cmd.env("NETRC", &netrc).args(["cat", &server.url("/a")]);
    let run = crate::support::run(cmd).success();
    assert_eq!(run.stdout, b"acct");
    let cmds = server.commands();
    // FEAT comes first: a non-anonymous login looks for AUTH TLS (this server offers none).
    assert_eq!(
        &cmds[..4],
        ["FEAT", "USER alice", "PASS secret", "ACCT acme"]
    );
}

/// `ferry ARGS` with `$NETRC` set to a file holding `text` with permission bits `mode`.
fn with_netrc(text: &str, mode: u32, args: &[&str]) -> crate::support::Run {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let netrc = home.path().join("netrc");
    fs::write(&netrc, text).unwrap();
    fs::set_permissions(&netrc, fs::Permissions::from_mode(mode)).unwrap();
    let mut cmd = crate::support::ferry_command();
    cmd.env("NETRC", &netrc).args(["--retries", "0"]).args(args);
    crate::support::run(cmd)
}

#[test]
fn a_netrc_others_can_read_only_fails_logins_that_take_its_password() {
    let server = server_with(&[("/a", b"public")], |_| {});
    let url = server.url("/a");
    let other_host = "machine files.example.org login bob password hunter2\n";
    let run = with_netrc(other_host, 0o644, &["cat", &url]).success();
    assert_eq!(run.stdout, b"public");
    let this_host = "machine 127.0.0.1 login alice password secret\n";
    let run = with_netrc(this_host, 0o644, &["-u", "alice:secret", "cat", &url]).success();
    assert_eq!(run.stdout, b"public");
    // Here the password would come from it: refused, with the fix in the message.
    let run = with_netrc(this_host, 0o644, &["cat", &url]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("chmod 600"), "{}", run.stderr);
    assert!(!run.stderr.contains("secret"), "{}", run.stderr);
}

#[test]
fn a_malformed_netrc_does_not_fail_logins_that_need_nothing_from_it() {
    let server = server_with(&[("/a", b"fine")], |_| {});
    let url = server.url("/a");
    let broken = "machine 127.0.0.1 login alice passwd secret\n";
    let given = url.replace("ftp://", "ftp://alice:secret@");
    for args in [
        vec!["-u", "alice:secret", "cat", url.as_str()],
        vec!["cat", given.as_str()],
        vec!["-u", "anonymous", "cat", url.as_str()],
    ] {
        let run = with_netrc(broken, 0o600, &args).success();
        assert_eq!(run.stdout, b"fine", "{args:?}");
    }
    // Without a user only the file could name one: its error is reported.
    let run = with_netrc(broken, 0o600, &["cat", &url]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("netrc syntax error at line 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn verbose_trace_hides_the_password() {
    let server = server_with(&[("/a", b"x")], |_| {});
    let url = server.url("/a").replace("ftp://", "ftp://alice:secret@");
    let run = ferry(&["-v", "cat", &url]).success();
    assert!(run.stderr.contains("> PASS ****"), "{}", run.stderr);
    assert!(run.stderr.contains("< 220"), "{}", run.stderr);
    assert!(!run.stderr.contains("secret"), "{}", run.stderr);
}

#[test]
fn a_data_connection_closed_early_leaves_no_file_under_the_final_name() {
    let content = test_bytes(100_000, 7);
    for final_reply in [
        "426 Connection closed; transfer aborted.",
        "226 Transfer complete (lying)",
    ] {
        let server = server_with(&[("/big.bin", &content)], |c| {
            c.retr_truncate = Some(30_000);
            c.retr_truncate_reply = final_reply.into();
        });
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("big.bin");
        fs::write(&target, b"previous version").unwrap();
        let run = ferry(&[
            "--retries",
            "0",
            "get",
            &server.url("/big.bin"),
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_ne!(run.code, 0, "{final_reply}");
        assert_eq!(
            fs::read(&target).unwrap(),
            b"previous version",
            "{final_reply}"
        );
        let part = fs::read(out.path().join("big.bin.part")).unwrap();
        assert_eq!(
            part.len(),
            30_000,
            "{final_reply}: partial data kept for a resume"
        );
        assert!(
            part == content[..30_000],
            "{final_reply}: the partial data is not the file's start"
        );
    }
}

#[test]
fn a_download_is_renamed_only_after_a_226_or_250() {
    let content = test_bytes(20_000, 8);
    for (final_reply, code) in [
        ("250 Transfer completed successfully.", 0),
        ("200 Command okay.", 8),
        ("202 Command not implemented, superfluous at this site.", 8),
    ] {
        let server = server_with(&[("/f.bin", &content)], |c| {
            c.transfer_done_reply = final_reply.into();
        });
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("f.bin");
        fs::write(&target, b"previous version").unwrap();
        let run = ferry(&["get", &server.url("/f.bin"), "-o", target.to_str().unwrap()]);
        assert_eq!(run.code, code, "{final_reply}: {}", run.stderr);
        let kept = fs::read(&target).unwrap();
        match code {
            0 => assert!(kept == content, "{final_reply}: not renamed"),
            _ => {
                assert_eq!(kept, b"previous version", "{final_reply}");
                assert!(run.stderr.contains(final_reply), "{}", run.stderr);
            }
        }
    }
}

#[test]
fn a_size_mismatch_with_the_150_reply_is_a_partial_transfer() {
    let content = test_bytes(5000, 3);
    let server = server_with(&[("/f", &content)], |c| {
        c.feat.retain(|f| !f.contains("SIZE"));
        c.retr_truncate = Some(100);
        c.retr_truncate_reply = "226 ok".into();
    });
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let run = ferry(&["--retries", "0", "get", &server.url("/f"), "-O", dir]);
    assert_eq!(run.code, 9, "{}", run.stderr);
    assert!(run.stderr.contains("100 of 5000 bytes"), "{}", run.stderr);
    assert!(!out.path().join("f").exists());
}

#[test]
fn missing_remote_file_exits_with_the_remote_file_code_and_leaves_nothing() {
    let server = server_with(&[], |_| {});
    let out = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "get",
        &server.url("/nope.txt"),
        "-O",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(run.stderr.contains("550"), "{}", run.stderr);
    assert!(
        dir_names(out.path()).is_empty(),
        "{:?}",
        dir_names(out.path())
    );
}

#[test]
fn injected_line_breaks_in_urls_never_reach_the_server() {
    let server = server_with(&[("/a", b"x")], |_| {});
    for evil in ["/a%0D%0ADELE%20a", "/a%0ADELE a", "/a%00"] {
        let run = ferry(&["get", &server.url(evil), "-o", "-"]);
        assert_eq!(run.code, 2, "{evil}: {}", run.stderr);
    }
    assert!(!server.verbs().contains(&"DELE".to_string()));
    assert!(server.file("/a").is_some());
}

#[test]
fn hostile_reply_text_is_escaped_before_reaching_the_terminal() {
    let server = server_with(&[], |c| {
        c.overrides
            .push(("RETR".into(), "550 \x1b]0;pwned\x07 no".into()));
    });
    let run = ferry(&["cat", &server.url("/x")]);
    assert_eq!(run.code, 5);
    assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
    assert!(run.stderr.contains("\\x1b]0;pwned\\x07"), "{}", run.stderr);
}

#[test]
fn uploads_and_file_operations_send_the_expected_commands() {
    let server = server_with(&[("/d/old", b"1")], |_| {});
    let src = tempfile::tempdir().unwrap();
    let local = src.path().join("up.bin");
    fs::write(&local, test_bytes(70_000, 11)).unwrap();
    ferry(&["put", local.to_str().unwrap(), &server.url("/d/")]).success();
    assert_eq!(server.file("/d/up.bin").unwrap(), test_bytes(70_000, 11));
    ferry(&["mv", &server.url("/d/old"), "new"]).success();
    ferry(&["mkdir", &server.url("/e")]).success();
    ferry(&["rmdir", &server.url("/e")]).success();
    ferry(&["rm", &server.url("/d/new")]).success();
    let cmds = server.commands();
    for expected in [
        "STOR d/up.bin",
        "RNFR d/old",
        "RNTO d/new",
        "MKD e",
        "RMD e",
        "DELE d/new",
    ] {
        assert!(
            cmds.contains(&expected.to_string()),
            "{expected} not in {cmds:?}"
        );
    }
    assert!(server.file("/d/new").is_none());
}

#[test]
fn listings_print_names_or_the_long_format() {
    let server = server_with(&[("/d/one", b"1"), ("/d/two", b"22")], |_| {});
    let names = ferry(&["ls", &server.url("/d/")]).success().stdout_text();
    assert_eq!(names.lines().collect::<Vec<_>>(), ["one", "two"]);
    let long = ferry(&["ls", "-l", &server.url("/d/")])
        .success()
        .stdout_text();
    assert!(
        long.lines()
            .any(|l| l.ends_with(" two") && l.starts_with('-')),
        "{long}"
    );
    assert!(server.commands().contains(&"LIST d/".to_string()));
}

#[test]
fn ipv6_literal_urls_use_extended_passive() {
    let mut cfg = FakeConfig::default();
    cfg.files.push(("/six".into(), b"over v6".to_vec()));
    let server = FakeServer::start_v6(cfg);
    let run = ferry(&["cat", &server.url("/six")]).success();
    assert_eq!(run.stdout, b"over v6");
    assert_eq!(data_verbs(&server), ["EPSV", "RETR"]);
}

#[test]
fn connection_refused_explains_itself() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let run = ferry(&["ls", &format!("ftp://127.0.0.1:{port}/")]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("nothing is listening"),
        "{}",
        run.stderr
    );
}

#[test]
fn malformed_and_oversized_replies_are_protocol_errors() {
    let long = format!("220 {}", "x".repeat(9000));
    for greeting in [
        "hello there".to_string(),
        "999 not a code".to_string(),
        long,
    ] {
        let server = server_with(&[], |c| c.greeting = vec![greeting.clone()]);
        let run = ferry(&["ls", &server.url("/")]);
        assert_eq!(run.code, 8, "{}", run.stderr);
        assert!(
            run.stderr.contains("broke the FTP protocol"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.len() < 2000,
            "the error repeats the whole hostile line"
        );
    }
}

#[test]
fn a_banner_whose_inner_lines_start_with_codes_is_text_until_the_opening_code_closes_it() {
    // Seen on real servers: motd lines such as "221 …" or "2200 …" inside "220-" … "220 ".
    let server = server_with(&[("/a", b"ok")], |c| {
        c.greeting = vec![
            "220-Welcome".into(),
            "221 is what we say when you leave".into(),
            "2200 users served today".into(),
            "530 is what you get without a password".into(),
            "220 ready".into(),
        ];
    });
    let run = ferry(&["cat", &server.url("/a")]).success();
    assert_eq!(run.stdout, b"ok");
}

#[test]
fn a_greeting_other_than_220_is_a_protocol_error() {
    // A multi-line 230 greeting is not taken as "already logged in".
    let server = server_with(&[("/a", b"ok")], |c| {
        c.greeting = vec![
            "230-Welcome".into(),
            "230 closes with a different code".into(),
        ];
    });
    let run = ferry(&["cat", &server.url("/a")]);
    assert_eq!(run.code, 8, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("230 Welcome / closes with a different code"),
        "{}",
        run.stderr
    );
    assert!(!server.verbs().contains(&"RETR".to_string()));
}

#[test]
fn a_server_that_never_greets_is_given_up_on_after_one_retry() {
    let (port, accepted) = crate::support::silent_server();
    let url = format!("ftp://127.0.0.1:{port}/");
    // --timeout 1 keeps the test short; the default retries (3) would ask four times.
    let mut cmd = crate::support::ferry_command();
    cmd.args(["--timeout", "1", "--retry-wait", "0.01", "ls", &url]);
    let run = crate::support::run(cmd);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("sent no greeting"), "{}", run.stderr);
    assert!(run.stderr.contains("ferry: hint:"), "{}", run.stderr);
    assert_eq!(
        accepted.load(std::sync::atomic::Ordering::SeqCst),
        2,
        "{}",
        run.stderr
    );
}
