//! `--verify`, `ferry hash`, the shell's `hash PATH` and `mirror --compare hash`: against
//! ProFTPD with mod_digest (tests/servers/proftpd.conf loads it: HASH and the X-commands), a
//! real mismatch made by changing the served file during a download, pyftpdlib (which offers
//! no hash command), and the scripted fake server for tampered replies.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use sha1::Digest as _;

use crate::support::daemons::{Daemon, RealServer};
use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::pyftpd::{PyFtpd, PyFtpdOptions};
use crate::support::{dir_names, ferry, ferry_command, run, test_bytes};

/// The exit code of a checksum mismatch.
const CHECKSUM: i32 = 12;

fn sha256(data: &[u8]) -> String {
    hex(&sha2::Sha256::digest(data))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn fake(files: &[(&str, &[u8])], tweak: impl FnOnce(&mut FakeConfig)) -> FakeServer {
    FakeServer::with_files(files, tweak)
}

/// A server whose XSHA256 answers `reply` for every file.
fn x_sha256_server(files: &[(&str, &[u8])], reply: String) -> FakeServer {
    fake(files, |c| {
        c.feat.push(" XSHA256".into());
        c.feat.push(" XCRC".into());
        c.overrides.push(("XSHA256".into(), reply));
    })
}

#[test]
fn a_tampered_hash_reply_fails_the_download_and_leaves_no_file() {
    let data = test_bytes(300_000, 1);
    let mut wrong = sha256(&data);
    wrong.replace_range(0..1, if wrong.starts_with('0') { "1" } else { "0" });
    let server = x_sha256_server(&[("/f.bin", &data)], format!("250 {wrong}"));
    let out = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "get",
        "--verify",
        &server.url("/f.bin"),
        "-O",
        path_str(out.path()),
    ]);
    assert_eq!(run.code, CHECKSUM, "{}", run.stderr);
    assert!(
        run.stderr.contains("checksum mismatch for f.bin"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&wrong), "{}", run.stderr);
    assert!(run.stderr.contains(&sha256(&data)), "{}", run.stderr);
    assert!(run.stderr.contains("removed"), "{}", run.stderr);
    assert!(
        dir_names(out.path()).is_empty(),
        "{:?}",
        dir_names(out.path())
    );
    // The hash is asked after the transfer, and never retried as if it were transient.
    let verbs = server.verbs();
    assert_eq!(
        verbs.iter().filter(|v| *v == "RETR").count(),
        1,
        "{verbs:?}"
    );
    assert_eq!(
        verbs.iter().filter(|v| *v == "XSHA256").count(),
        1,
        "{verbs:?}"
    );
}

#[test]
fn a_matching_x_hash_passes_and_json_names_it() {
    let data = test_bytes(70_000, 2);
    let server = x_sha256_server(
        &[("/f.bin", &data)],
        format!(
            "250-Computing SHA256 digest\r\n250 {}",
            sha256(&data).to_uppercase()
        ),
    );
    let out = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "get",
        "--verify=require",
        "--json",
        &server.url("/f.bin"),
        "-O",
        path_str(out.path()),
    ])
    .success();
    assert_eq!(fs::read(out.path().join("f.bin")).unwrap(), data);
    let text = run.stdout_text();
    assert!(
        text.contains(&format!("\"hash\":\"sha256:{}\"", sha256(&data))),
        "{text}"
    );
}

#[test]
fn a_tampered_upload_hash_fails_and_leaves_the_remote_file() {
    let data = test_bytes(200_000, 3);
    let server = x_sha256_server(&[], format!("250 {}", sha256(b"something else")));
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("up.bin");
    fs::write(&local, &data).unwrap();
    let url = server
        .url("/up.bin")
        .replacen("ftp://", "ftp://alice:secret@", 1);
    let run = ferry(&["put", "--verify", path_str(&local), &url]);
    assert_eq!(run.code, CHECKSUM, "{}", run.stderr);
    assert!(run.stderr.contains("left as it is"), "{}", run.stderr);
    assert_eq!(
        server.file("/up.bin").unwrap(),
        data,
        "the upload itself arrived"
    );
}

#[test]
fn the_hash_draft_is_preferred_and_its_algorithm_selected() {
    let data = b"hash me\n".repeat(1000);
    let server = fake(&[("/d/f.txt", &data)], |c| {
        c.feat.push(" HASH SHA-1*;SHA-256;MD5".into());
        c.feat.push(" XSHA1".into());
        c.overrides.push(("OPTS".into(), "200 OK".into()));
        c.overrides.push((
            "HASH".into(),
            format!("213 SHA-256 0-{} {} d/f.txt", data.len(), sha256(&data)),
        ));
    });
    let out = tempfile::tempdir().unwrap();
    ferry(&[
        "get",
        "--verify",
        &server.url("/d/f.txt"),
        "-O",
        path_str(out.path()),
    ])
    .success();
    let cmds = server.commands();
    assert!(cmds.contains(&"OPTS HASH SHA-256".to_string()), "{cmds:?}");
    assert!(cmds.contains(&"HASH d/f.txt".to_string()), "{cmds:?}");
    assert!(!cmds.iter().any(|c| c.starts_with("XSHA1")), "{cmds:?}");
    // `ferry hash` asks the same way and prints sha256sum's format.
    let run = ferry(&["hash", &server.url("/d/f.txt")]).success();
    assert_eq!(run.stdout_text(), format!("{}  d/f.txt\n", sha256(&data)));
}

#[test]
fn a_server_without_hashes_is_checked_by_size_and_said_once() {
    let server = fake(
        &[("/d/a", b"aaa"), ("/d/b", b"bbb"), ("/d/c", b"ccc")],
        |_| {},
    );
    let out = tempfile::tempdir().unwrap();
    let dir = path_str(out.path());
    let run = ferry(&["get", "-r", "--verify", &server.url("/d"), "-O", dir]).success();
    let said = run.stderr.matches("offers no hash command").count();
    assert_eq!(said, 1, "{}", run.stderr);
    assert!(run.stderr.contains("checking sizes only"), "{}", run.stderr);
    assert_eq!(fs::read(out.path().join("d/c")).unwrap(), b"ccc");
    // =require refuses before anything is transferred.
    let other = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "get",
        "--verify=require",
        &server.url("/d/a"),
        "-O",
        path_str(other.path()),
    ]);
    assert_eq!(run.code, CHECKSUM, "{}", run.stderr);
    assert!(
        run.stderr.contains("--verify (without =require)"),
        "{}",
        run.stderr
    );
    assert!(dir_names(other.path()).is_empty());
    let run = ferry(&["hash", &server.url("/d/a")]);
    assert_eq!(run.code, CHECKSUM, "{}", run.stderr);
    assert!(
        run.stderr.contains("offers no hash command"),
        "{}",
        run.stderr
    );
}

#[test]
fn ascii_transfers_are_not_hashed() {
    let server = x_sha256_server(&[("/t.txt", b"a\nb\n")], "250 00".into());
    let out = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "get",
        "-a",
        "--verify",
        &server.url("/t.txt"),
        "-O",
        path_str(out.path()),
    ])
    .success();
    assert!(run.stderr.contains("ASCII"), "{}", run.stderr);
    assert!(!server.verbs().contains(&"XSHA256".to_string()));
    let run = ferry(&[
        "get",
        "-a",
        "--verify=require",
        &server.url("/t.txt"),
        "-o",
        "-",
    ]);
    assert_eq!(run.code, CHECKSUM, "{}", run.stderr);
}

#[test]
fn standard_output_is_hashed_as_it_streams() {
    let data = test_bytes(50_000, 4);
    let server = x_sha256_server(&[("/f", &data)], format!("250 {}", sha256(b"other")));
    let run = ferry(&["get", "--verify", &server.url("/f"), "-o", "-"]);
    assert_eq!(run.code, CHECKSUM, "{}", run.stderr);
    assert_eq!(run.stdout, data, "the data went out before the check");
    assert!(run.stderr.contains("standard output"), "{}", run.stderr);
}

#[test]
fn the_shell_hash_command_prints_hashes_and_still_toggles_marks() {
    let data = b"shell data".to_vec();
    let server = x_sha256_server(&[("/s.bin", &data)], format!("250 {}", sha256(&data)));
    let work = tempfile::tempdir().unwrap();
    let script = work.path().join("script");
    fs::write(
        &script,
        "hash s.bin\nhash --json s.bin\nhash on\nhash off\nhash --algo crc32 --json\n",
    )
    .unwrap();
    let run = ferry(&["-b", path_str(&script), &server.url("/")]);
    let out = run.stdout_text();
    assert!(
        out.contains(&format!("{}  s.bin\n", sha256(&data))),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{{\"name\":\"s.bin\",\"algorithm\":\"sha256\",\"hash\":\"{}\"}}",
            sha256(&data)
        )),
        "{out}"
    );
    assert!(out.contains("hash marks: on."), "{out}");
    assert!(out.contains("hash marks: off."), "{out}");
    // The last line gives flags without files: an error naming the right form.
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("hash [--algo A] PATH"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_algorithm_is_a_usage_error() {
    let run = ferry(&["hash", "--algo", "whirlpool", "ftp://127.0.0.1:1/f"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("sha256, sha512, sha1, md5 or crc32"),
        "{}",
        run.stderr
    );
    let run = ferry(&["get", "--verify=sometimes", "ftp://127.0.0.1:1/f"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Every algorithm proftpd's mod_digest computes, against the same hash of the bytes here.
#[test]
fn proftpd_hashes_match_local_hashes_for_every_algorithm() {
    crate::needs_real_servers!();
    let server = RealServer::start(Daemon::Proftpd);
    let data = test_bytes(1_000_003, 5);
    fs::write(server.anon_dir().join("f.bin"), &data).unwrap();
    let expected = [
        ("sha256", sha256(&data)),
        ("sha512", hex(&sha2::Sha512::digest(&data))),
        ("sha1", hex(&sha1::Sha1::digest(&data))),
        ("md5", hex(&md5::Md5::digest(&data))),
        ("crc32", format!("{:08x}", crc32fast::hash(&data))),
    ];
    for (algo, want) in expected {
        let run = ferry(&["hash", "--algo", algo, &server.url("f.bin")]);
        assert_eq!(run.code, 0, "{algo}: {}\n{}", run.stderr, server.logs());
        assert_eq!(run.stdout_text(), format!("{want}  f.bin\n"), "{algo}");
    }
    // Without --algo: the strongest, SHA-256, by the HASH command.
    let run = ferry(&["-v", "hash", "--json", &server.url("f.bin")]).success();
    assert!(
        run.stdout_text()
            .contains(&format!("\"hash\":\"{}\"", sha256(&data)))
    );
    assert!(run.stderr.contains("213 SHA-256"), "{}", run.stderr);
}

#[test]
fn proftpd_verifies_get_put_resume_and_mirror() {
    crate::needs_real_servers!();
    let server = RealServer::start(Daemon::Proftpd);
    let data = test_bytes(3_000_000, 6);
    fs::write(server.anon_dir().join("big.bin"), &data).unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = path_str(work.path());
    let run = ferry(&[
        "get",
        "--verify=require",
        "--json",
        &server.url("big.bin"),
        "-O",
        out,
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stderr, server.logs());
    assert!(
        run.stdout_text()
            .contains(&format!("sha256:{}", sha256(&data)))
    );
    assert_eq!(fs::read(work.path().join("big.bin")).unwrap(), data);

    // A resumed download hashes the part it continues first.
    let part = work.path().join("again.bin.part");
    fs::write(&part, &data[..1_234_567]).unwrap();
    let target = work.path().join("again.bin");
    let run = ferry(&[
        "get",
        "-c",
        "--verify=require",
        &server.url("big.bin"),
        "-o",
        path_str(&target),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read(&target).unwrap(), data);

    // An upload (sendfile) as the test user, checked by the server's hash.
    let local = work.path().join("big.bin");
    let run = ferry(&[
        "put",
        "--verify=require",
        path_str(&local),
        &server.user_url("up.bin"),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stderr, server.logs());
    assert_eq!(fs::read(server.user_dir().join("up.bin")).unwrap(), data);

    // A mirror of three files, each checked.
    let tree = server.anon_dir().join("tree");
    fs::create_dir(&tree).unwrap();
    for (i, name) in ["a", "b", "c"].iter().enumerate() {
        fs::write(tree.join(name), test_bytes(10_000 + i, i as u64)).unwrap();
    }
    let copy = work.path().join("copy");
    let run = ferry(&[
        "mirror",
        "--verify=require",
        "--json",
        &server.url("tree/"),
        path_str(&copy),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout_text().matches("\"hash\":\"sha256:").count(), 3);
}

/// A real mismatch: the served file changes (same size, other bytes at its start) while a
/// slowed download is under way, so the bytes received are the old ones and the server's hash,
/// computed afterwards from the disk, is the new file's.
#[test]
fn proftpd_a_file_changed_during_the_download_fails_the_check() {
    crate::needs_real_servers!();
    let server = RealServer::start(Daemon::Proftpd);
    let data = test_bytes(2 * 1024 * 1024, 7);
    let served = server.anon_dir().join("moving.bin");
    fs::write(&served, &data).unwrap();
    let work = tempfile::tempdir().unwrap();
    let target = work.path().join("moving.bin");
    let mut cmd = ferry_command();
    cmd.args(["--timeout", "20", "--limit-rate", "512K", "get", "--verify"])
        .arg(server.url("moving.bin"))
        .arg("-o")
        .arg(&target);
    let child = std::thread::spawn(move || run(cmd));
    // Once the first 64 KiB are on disk here, the server has read them: change them there.
    let part = work.path().join("moving.bin.part");
    let deadline = Instant::now() + Duration::from_secs(60);
    while fs::metadata(&part).map_or(0, |m| m.len()) < 64 * 1024 {
        assert!(Instant::now() < deadline, "the download never started");
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut changed = data.clone();
    changed[..16].copy_from_slice(b"CHANGED ON DISK!");
    fs::write(&served, &changed).unwrap();
    let run = child.join().unwrap();
    assert_eq!(run.code, CHECKSUM, "{}\n{}", run.stderr, server.logs());
    assert!(run.stderr.contains(&sha256(&changed)), "{}", run.stderr);
    assert!(
        run.stderr.contains(&sha256(&data)),
        "the old bytes' hash: {}",
        run.stderr
    );
    assert!(
        dir_names(work.path()).is_empty(),
        "{:?}",
        dir_names(work.path())
    );
    // And `ferry hash` now tells the two apart from the local copy's hash.
    let now = ferry(&["hash", &server.url("moving.bin")]).success();
    assert_ne!(
        now.stdout_text(),
        format!("{}  moving.bin\n", sha256(&data))
    );
}

#[test]
fn proftpd_mirror_compare_hash_copies_same_size_files_that_differ() {
    crate::needs_real_servers!();
    let server = RealServer::start(Daemon::Proftpd);
    let tree = server.anon_dir().join("m");
    fs::create_dir(&tree).unwrap();
    fs::write(tree.join("same"), b"identical").unwrap();
    fs::write(tree.join("differs"), b"server version").unwrap();
    let work = tempfile::tempdir().unwrap();
    let copy = work.path().join("m");
    ferry(&["mirror", &server.url("m/"), path_str(&copy)]).success();
    // The local copy changes but keeps its size and time: by time, nothing differs.
    let local = copy.join("differs");
    let time = fs::metadata(&local).unwrap().modified().unwrap();
    fs::write(&local, b"LOCAL! version").unwrap();
    fs::File::options()
        .write(true)
        .open(&local)
        .unwrap()
        .set_modified(time)
        .unwrap();
    let run = ferry(&["mirror", "--dry-run", &server.url("m/"), path_str(&copy)]).success();
    assert_eq!(run.stdout_text(), "", "by time nothing differs");
    let run = ferry(&[
        "mirror",
        "--dry-run",
        "--compare",
        "hash",
        &server.url("m/"),
        path_str(&copy),
    ])
    .success();
    assert_eq!(
        run.stdout_text().lines().count(),
        1,
        "{}",
        run.stdout_text()
    );
    assert!(
        run.stdout_text().contains("get m/differs"),
        "{}",
        run.stdout_text()
    );
    ferry(&[
        "mirror",
        "--compare",
        "hash",
        &server.url("m/"),
        path_str(&copy),
    ])
    .success();
    assert_eq!(fs::read(&local).unwrap(), b"server version");
    assert_eq!(fs::read(copy.join("same")).unwrap(), b"identical");
}

/// pyftpdlib has no hash command: --verify says so and checks sizes; =require refuses.
#[test]
fn pyftpdlib_offers_no_hash_and_verify_falls_back_to_sizes() {
    let server = PyFtpd::start(PyFtpdOptions::default());
    let data = test_bytes(100_000, 8);
    fs::write(server.root().join("p.bin"), &data).unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = path_str(work.path());
    let run = ferry(&["get", "--verify", &server.url("p.bin"), "-O", out]).success();
    assert!(
        run.stderr.contains("offers no hash command"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(work.path().join("p.bin")).unwrap(), data);
    let run = ferry(&["get", "--verify=require", &server.url("p.bin"), "-o", "-"]);
    assert_eq!(run.code, CHECKSUM, "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn pget_checks_the_whole_file_before_it_gets_its_name() {
    let data = test_bytes(400_000, 9);
    let bad = x_sha256_server(&[("/p.bin", &data)], format!("250 {}", sha256(b"not it")));
    let out = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "pget",
        "-n",
        "3",
        "--verify",
        &bad.url("/p.bin"),
        "-O",
        path_str(out.path()),
    ]);
    assert_eq!(run.code, CHECKSUM, "{}", run.stderr);
    assert!(
        dir_names(out.path()).is_empty(),
        "no part, no state: {:?}",
        dir_names(out.path())
    );
    let good = x_sha256_server(&[("/p.bin", &data)], format!("250 {}", sha256(&data)));
    let run = ferry(&[
        "pget",
        "-n",
        "3",
        "--verify=require",
        "--json",
        &good.url("/p.bin"),
        "-O",
        path_str(out.path()),
    ])
    .success();
    assert_eq!(fs::read(out.path().join("p.bin")).unwrap(), data);
    assert!(
        run.stdout_text()
            .contains(&format!("sha256:{}", sha256(&data)))
    );
}

#[test]
fn proftpd_pget_verifies_the_assembled_file() {
    crate::needs_real_servers!();
    let server = RealServer::start(Daemon::Proftpd);
    let data = test_bytes(5_000_001, 10);
    fs::write(server.anon_dir().join("seg.bin"), &data).unwrap();
    let work = tempfile::tempdir().unwrap();
    let run = ferry(&[
        "pget",
        "-n",
        "4",
        "--verify=require",
        "--json",
        &server.url("seg.bin"),
        "-O",
        path_str(work.path()),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stderr, server.logs());
    assert_eq!(fs::read(work.path().join("seg.bin")).unwrap(), data);
    assert!(
        run.stdout_text()
            .contains(&format!("sha256:{}", sha256(&data)))
    );
}
