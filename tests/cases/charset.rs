//! File names in other charsets (GBK, Latin-1) against real servers that serve the bytes on disk
//! as they are: vsftpd (without `utf8_filesystem`, so FEAT has no UTF8) and pure-ftpd (whose
//! FEAT offers UTF8 although it sends the disk's bytes unchanged and refuses `OPTS UTF8 ON`:
//! the names must win over FEAT). The names
//! are made on disk with the very bytes a Chinese or European server would hold, and every
//! check also looks at the disk: what ferry sends must be those bytes, not UTF-8.
//!
//! Every check is one function taking a [`Daemon`]; `charset_tests!` at the bottom makes a test
//! of each for each of the two servers.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::interop::{lists, ok};
use crate::support::daemons::{Daemon, RealServer, TEST_PASSWORD};
use crate::support::{ferry, ferry_command, run};

/// `中文文件.txt`, `数据目录/说明文档.txt`, `报告.doc` in GBK.
const GBK_FILE: &[u8] = b"\xd6\xd0\xce\xc4\xce\xc4\xbc\xfe.txt";
const GBK_DIR: &[u8] = b"\xca\xfd\xbe\xdd\xc4\xbf\xc2\xbc";
const GBK_INNER: &[u8] = b"\xcb\xb5\xc3\xf7\xce\xc4\xb5\xb5.txt";
const GBK_OTHER: &[u8] = b"\xb1\xa8\xb8\xe6.doc";

/// `café crème.txt`, `résumé/déjà vu.txt` in Latin-1.
const LATIN1_FILE: &[u8] = b"caf\xe9 cr\xe8me.txt";
const LATIN1_DIR: &[u8] = b"r\xe9sum\xe9";
const LATIN1_INNER: &[u8] = b"d\xe9j\xe0 vu.txt";

fn raw(dir: &Path, name: &[u8]) -> PathBuf {
    dir.join(OsStr::from_bytes(name))
}

/// The names in `dir` as bytes, sorted.
fn raw_names(dir: &Path) -> Vec<Vec<u8>> {
    let mut names: Vec<Vec<u8>> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().as_bytes().to_vec())
        .collect();
    names.sort();
    names
}

fn encoded(charset: &str, text: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::Encoding::for_label(charset.as_bytes())
        .unwrap()
        .encode(text);
    assert!(!bad, "{text} in {charset}");
    bytes.into_owned()
}

fn utf8(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The GBK tree in the user's directory: a file, a directory with a file, another file.
fn gbk_tree(server: &RealServer) {
    let home = server.user_dir();
    fs::write(raw(home, GBK_FILE), "中文内容\n").unwrap();
    fs::create_dir(raw(home, GBK_DIR)).unwrap();
    fs::write(raw(&raw(home, GBK_DIR), GBK_INNER), "说明\n").unwrap();
    fs::write(raw(home, GBK_OTHER), "report").unwrap();
    for name in [GBK_FILE, GBK_DIR, GBK_OTHER] {
        server.give_to_user(&raw(home, name));
    }
}

/// `--charset gbk`: ls, ls -l, ls --json show the names in UTF-8; get, get -r and a glob fetch
/// them into UTF-8 local names; put, mkdir and mv write GBK on the server's disk.
fn gbk_names_every_way_with_charset_gbk(daemon: Daemon) {
    let server = RealServer::start(daemon);
    gbk_tree(&server);
    let gbk = ["--charset", "gbk"];
    let names = ok(
        &server,
        ferry(&[&gbk[..], &["ls", &server.user_url("")]].concat()),
    );
    let text = names.stdout_text();
    for name in ["中文文件.txt", "数据目录", "报告.doc"] {
        assert!(lists(&text, name), "{daemon}: {text}");
    }
    let long = ok(
        &server,
        ferry(&["--charset", "gbk", "ls", "-l", &server.user_url("")]),
    );
    assert!(
        long.stdout_text().contains(" 中文文件.txt"),
        "{}",
        long.stdout_text()
    );
    let json = ok(
        &server,
        ferry(&["--charset", "gbk", "ls", "--json", &server.user_url("")]),
    );
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut listed: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["type"].as_str().unwrap()))
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        [
            ("中文文件.txt", "file"),
            ("报告.doc", "file"),
            ("数据目录", "dir")
        ],
        "{daemon}"
    );

    let out = tempfile::tempdir().unwrap();
    let url = server.user_url("中文文件.txt");
    ok(
        &server,
        ferry(&["--charset", "gbk", "get", &url, "-O", utf8(out.path())]),
    );
    assert_eq!(
        fs::read_to_string(out.path().join("中文文件.txt")).unwrap(),
        "中文内容\n"
    );
    let url = server.user_url("数据目录");
    ok(
        &server,
        ferry(&[
            "--charset",
            "gbk",
            "get",
            "-r",
            &url,
            "-O",
            utf8(out.path()),
        ]),
    );
    let inner = out.path().join("数据目录/说明文档.txt");
    assert_eq!(fs::read_to_string(&inner).unwrap(), "说明\n", "{daemon}");

    let up = out.path().join("上传文件.txt");
    fs::write(&up, "up").unwrap();
    ok(
        &server,
        ferry(&["--charset", "gbk", "put", utf8(&up), &server.user_url("")]),
    );
    let on_disk = raw(server.user_dir(), &encoded("gbk", "上传文件.txt"));
    assert_eq!(fs::read(&on_disk).unwrap(), b"up", "{daemon}");
    ok(
        &server,
        ferry(&["--charset", "gbk", "mkdir", &server.user_url("新目录")]),
    );
    assert!(
        raw(server.user_dir(), &encoded("gbk", "新目录")).is_dir(),
        "{daemon}"
    );
    let from = server.user_url("报告.doc");
    ok(
        &server,
        ferry(&["--charset", "gbk", "mv", &from, "年度报告.doc"]),
    );
    let names = raw_names(server.user_dir());
    assert!(
        names.contains(&encoded("gbk", "年度报告.doc")),
        "{daemon}: {names:?}"
    );
    assert!(!names.contains(&GBK_OTHER.to_vec()), "{daemon}: {names:?}");
    assert!(
        names
            .iter()
            .all(|n| std::str::from_utf8(n).is_err() || n.is_ascii()),
        "{daemon}: a UTF-8 name was written: {names:?}"
    );
}

/// A batch with `charset gbk`: an `mget` glob over GBK names, `cd` into a GBK directory, `pwd`.
fn gbk_globs_and_cd_in_a_batch(daemon: Daemon) {
    let server = RealServer::start(daemon);
    gbk_tree(&server);
    let work = tempfile::tempdir().unwrap();
    let script = "charset gbk\nmget 中文*\ncd 数据目录\npwd\nget 说明文档.txt\n";
    let path = work.path().join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["--timeout", "10", "-b"])
        .arg(&path)
        .arg(server.user_url(""));
    let done = ok(&server, run(cmd));
    assert!(
        done.stdout_text().contains("数据目录"),
        "{}",
        done.stdout_text()
    );
    assert_eq!(
        fs::read_to_string(work.path().join("中文文件.txt")).unwrap(),
        "中文内容\n"
    );
    assert_eq!(
        fs::read_to_string(work.path().join("说明文档.txt")).unwrap(),
        "说明\n"
    );
    assert!(!work.path().join("报告.doc").exists());
}

/// Runs `mirror` (with `-R` when `reverse`) and returns its stdout's JSON objects' names.
fn mirror_json(server: &RealServer, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--charset", "gbk", "mirror", "--json"];
    all.extend_from_slice(args);
    let done = ok(server, ferry(&all));
    done.stdout_text()
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["name"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

/// mirror of a GBK directory down and of a UTF-8-named local tree up, each twice: the second
/// run copies nothing, and the server's disk holds GBK names.
fn mirror_gbk_both_ways_twice(daemon: Daemon) {
    let server = RealServer::start(daemon);
    gbk_tree(&server);
    let out = tempfile::tempdir().unwrap();
    let local = out.path().join("镜像");
    let url = server.user_url("数据目录/");
    let first = mirror_json(&server, &[&url, utf8(&local)]);
    assert_eq!(first.len(), 1, "{daemon}: {first:?}");
    assert_eq!(
        fs::read_to_string(local.join("说明文档.txt")).unwrap(),
        "说明\n"
    );
    let second = mirror_json(&server, &[&url, utf8(&local)]);
    assert!(
        second.is_empty(),
        "{daemon}: the second mirror copied {second:?}"
    );

    let up = out.path().join("上传");
    fs::create_dir_all(up.join("子目录")).unwrap();
    fs::write(up.join("甲.txt"), "a").unwrap();
    fs::write(up.join("子目录/乙.txt"), "b").unwrap();
    let target = server.user_url("远程/");
    let first = mirror_json(&server, &["-R", utf8(&up), &target]);
    assert_eq!(first.len(), 2, "{daemon}: {first:?}");
    let remote = raw(server.user_dir(), &encoded("gbk", "远程"));
    assert_eq!(
        fs::read(raw(&remote, &encoded("gbk", "甲.txt"))).unwrap(),
        b"a"
    );
    let sub = raw(&remote, &encoded("gbk", "子目录"));
    assert_eq!(
        fs::read(raw(&sub, &encoded("gbk", "乙.txt"))).unwrap(),
        b"b"
    );
    let second = mirror_json(&server, &["-R", utf8(&up), &target]);
    assert!(
        second.is_empty(),
        "{daemon}: the second mirror -R copied {second:?}"
    );
}

/// Without `--charset`: the names are not UTF-8 and FEAT offers no UTF8, so ferry guesses GBK,
/// says so once, and reads and writes GBK from then on.
fn auto_guesses_gbk_and_says_so_once(daemon: Daemon) {
    let server = RealServer::start(daemon);
    gbk_tree(&server);
    let listing = ok(&server, ferry(&["-v", "ls", &server.user_url("")]));
    let text = listing.stdout_text();
    // vsftpd offers no UTF8 (no utf8_filesystem); pure-ftpd offers it (and refuses OPTS UTF8
    // ON with 504) and sends its disk's bytes all the same, so the names must win over FEAT.
    let offers_utf8 = listing
        .stderr
        .lines()
        .any(|l| l.trim_start_matches('<').trim() == "UTF8");
    assert_eq!(
        offers_utf8,
        daemon == Daemon::PureFtpd,
        "{daemon}: {}",
        listing.stderr
    );
    assert_eq!(listing.stderr.contains("OPTS UTF8 ON"), offers_utf8);
    assert!(
        lists(&text, "中文文件.txt") && lists(&text, "数据目录"),
        "{daemon}: {text}"
    );
    let notice = "names look like GBK; assumed gbk — use --charset NAME to force another";
    assert_eq!(
        listing.stderr.matches(notice).count(),
        1,
        "{}",
        listing.stderr
    );

    // A one-shot get names a GBK file before anything is listed: its directory is listed
    // first, so the name goes out in GBK.
    let out = tempfile::tempdir().unwrap();
    let url = server.user_url("中文文件.txt");
    let got = ok(&server, ferry(&["get", &url, "-O", utf8(out.path())]));
    assert_eq!(got.stderr.matches(notice).count(), 1, "{}", got.stderr);
    assert_eq!(
        fs::read_to_string(out.path().join("中文文件.txt")).unwrap(),
        "中文内容\n"
    );
    // A recursive get lists twice and transfers; the notice still comes once.
    let url = server.user_url("数据目录");
    let got = ok(&server, ferry(&["get", "-r", &url, "-O", utf8(out.path())]));
    assert_eq!(
        got.stderr.matches("names look like").count(),
        1,
        "{}",
        got.stderr
    );
    let inner = out.path().join("数据目录/说明文档.txt");
    assert_eq!(fs::read_to_string(inner).unwrap(), "说明\n", "{daemon}");
    // An upload of a new GBK name into a directory whose names tell the charset.
    let up = out.path().join("新文件.txt");
    fs::write(&up, "new").unwrap();
    ok(&server, ferry(&["put", utf8(&up), &server.user_url("")]));
    let on_disk = raw(server.user_dir(), &encoded("gbk", "新文件.txt"));
    assert_eq!(fs::read(on_disk).unwrap(), b"new", "{daemon}");
}

/// Latin-1: forced with `--charset latin1` (get, put, mkdir, mv), and guessed without it.
fn latin1_names_forced_and_guessed(daemon: Daemon) {
    let server = RealServer::start(daemon);
    let home = server.user_dir();
    fs::write(raw(home, LATIN1_FILE), "crème").unwrap();
    fs::create_dir(raw(home, LATIN1_DIR)).unwrap();
    fs::write(raw(&raw(home, LATIN1_DIR), LATIN1_INNER), "déjà").unwrap();
    for name in [LATIN1_FILE, LATIN1_DIR] {
        server.give_to_user(&raw(home, name));
    }
    let l1 = ["--charset", "latin1"];
    let json = ok(
        &server,
        ferry(&[&l1[..], &["ls", "--json", &server.user_url("")]].concat()),
    );
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["café crème.txt", "résumé"], "{daemon}");
    let out = tempfile::tempdir().unwrap();
    let url = server.user_url("résumé/déjà vu.txt");
    ok(
        &server,
        ferry(&[&l1[..], &["get", &url, "-O", utf8(out.path())]].concat()),
    );
    assert_eq!(
        fs::read_to_string(out.path().join("déjà vu.txt")).unwrap(),
        "déjà"
    );
    let up = out.path().join("naïve.txt");
    fs::write(&up, "n").unwrap();
    let into = server.user_url("résumé/");
    ok(
        &server,
        ferry(&[&l1[..], &["put", utf8(&up), &into]].concat()),
    );
    let on_disk = raw(&raw(home, LATIN1_DIR), b"na\xefve.txt");
    assert_eq!(fs::read(on_disk).unwrap(), b"n", "{daemon}");
    ok(
        &server,
        ferry(&[&l1[..], &["mkdir", &server.user_url("été")]].concat()),
    );
    assert!(raw(home, b"\xe9t\xe9").is_dir(), "{daemon}");
    let from = server.user_url("café crème.txt");
    ok(
        &server,
        ferry(&[&l1[..], &["mv", &from, "thé.txt"]].concat()),
    );
    assert_eq!(
        fs::read(raw(home, b"th\xe9.txt")).unwrap(),
        "crème".as_bytes()
    );

    let guessed = ok(&server, ferry(&["ls", &server.user_url("")]));
    assert!(
        lists(&guessed.stdout_text(), "thé.txt"),
        "{}",
        guessed.stdout_text()
    );
    assert!(
        guessed.stderr.contains("assumed windows-1252"),
        "{daemon}: {}",
        guessed.stderr
    );
}

/// `--charset utf-8` forced on GBK names: they do not decode, yet a glob still fetches them by
/// their very bytes (the local name keeps the undecodable bytes as private-use characters, so a
/// second run finds the same file), and nothing is lost or turned into U+FFFD.
fn undecodable_names_still_round_trip(daemon: Daemon) {
    let server = RealServer::start(daemon);
    gbk_tree(&server);
    let work = tempfile::tempdir().unwrap();
    let script = "mget *.doc\n";
    let path = work.path().join("script.ftp");
    fs::write(&path, script).unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["--timeout", "10", "--charset", "utf-8", "-b"])
        .arg(&path)
        .arg(server.user_url(""));
    let done = ok(&server, run(cmd));
    let got: Vec<PathBuf> = fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "doc"))
        .collect();
    assert_eq!(got.len(), 1, "{daemon}: {}", done.stderr);
    assert_eq!(fs::read(&got[0]).unwrap(), b"report");
    let name = got[0].file_name().unwrap().to_str().unwrap().to_owned();
    assert!(!name.contains('\u{fffd}'), "{name:?}");
    assert!(!done.stderr.contains("names look like"), "{}", done.stderr);
}

/// The charset from a host section of config.toml, and from a bookmark added with
/// `--charset`: `put -r` and `mput` of UTF-8-named local files write GBK names, with no guess
/// to announce.
fn config_and_bookmark_carry_the_charset(daemon: Daemon) {
    let server = RealServer::start(daemon);
    gbk_tree(&server);
    let conf = tempfile::tempdir().unwrap();
    let with_conf = |args: &[&str]| {
        let mut cmd = ferry_command();
        cmd.env("FERRY_CONFIG_DIR", conf.path())
            .env("FERRY_PASSWORD", TEST_PASSWORD)
            .current_dir(conf.path())
            .args(["--timeout", "10"])
            .args(args);
        run(cmd)
    };
    fs::write(
        conf.path().join("config.toml"),
        "[hosts.\"127.0.0.1\"]\ncharset = \"gbk\"\n",
    )
    .unwrap();
    let tree = conf.path().join("上传树");
    fs::create_dir_all(tree.join("内层")).unwrap();
    fs::write(tree.join("内层/文件.txt"), "deep").unwrap();
    let put = ok(
        &server,
        with_conf(&["put", "-r", utf8(&tree), &server.user_url("")]),
    );
    assert!(!put.stderr.contains("names look like"), "{}", put.stderr);
    let top = raw(server.user_dir(), &encoded("gbk", "上传树"));
    let deep = raw(
        &raw(&top, &encoded("gbk", "内层")),
        &encoded("gbk", "文件.txt"),
    );
    assert_eq!(fs::read(deep).unwrap(), b"deep", "{daemon}");

    fs::remove_file(conf.path().join("config.toml")).unwrap();
    let url = server.user_url("");
    ok(
        &server,
        with_conf(&["--charset", "gbk", "bookmark", "add", "cn", &url]),
    );
    let list = ok(&server, with_conf(&["bookmark", "list"]));
    assert!(
        list.stdout_text().contains("(charset gbk)"),
        "{}",
        list.stdout_text()
    );
    fs::write(conf.path().join("甲.log"), "1").unwrap();
    fs::write(conf.path().join("乙.log"), "2").unwrap();
    let script = conf.path().join("up.ftp");
    fs::write(&script, "mput *.log\nls\n").unwrap();
    let batch = ok(&server, with_conf(&["-b", utf8(&script), "cn"]));
    let listing = batch.stdout_text();
    assert!(
        listing.contains("甲.log") && listing.contains("中文文件.txt"),
        "{listing}"
    );
    assert!(
        !batch.stderr.contains("names look like"),
        "{}",
        batch.stderr
    );
    for (name, body) in [("甲.log", b"1"), ("乙.log", b"2")] {
        let on_disk = raw(server.user_dir(), &encoded("gbk", name));
        assert_eq!(fs::read(on_disk).unwrap(), body, "{daemon} {name}");
    }
}

macro_rules! charset_tests {
    ($($module:ident => $daemon:expr;)*) => {$(
        mod $module {
            use crate::support::daemons::Daemon;

            const DAEMON: Daemon = $daemon;

            #[test]
            fn gbk_names_every_way_with_charset_gbk() {
                crate::needs_real_servers!();
                super::gbk_names_every_way_with_charset_gbk(DAEMON);
            }

            #[test]
            fn gbk_globs_and_cd_in_a_batch() {
                crate::needs_real_servers!();
                super::gbk_globs_and_cd_in_a_batch(DAEMON);
            }

            #[test]
            fn mirror_gbk_both_ways_twice() {
                crate::needs_real_servers!();
                super::mirror_gbk_both_ways_twice(DAEMON);
            }

            #[test]
            fn auto_guesses_gbk_and_says_so_once() {
                crate::needs_real_servers!();
                super::auto_guesses_gbk_and_says_so_once(DAEMON);
            }

            #[test]
            fn latin1_names_forced_and_guessed() {
                crate::needs_real_servers!();
                super::latin1_names_forced_and_guessed(DAEMON);
            }

            #[test]
            fn config_and_bookmark_carry_the_charset() {
                crate::needs_real_servers!();
                super::config_and_bookmark_carry_the_charset(DAEMON);
            }

            #[test]
            fn undecodable_names_still_round_trip() {
                crate::needs_real_servers!();
                super::undecodable_names_still_round_trip(DAEMON);
            }
        }
    )*};
}

charset_tests! {
    vsftpd => Daemon::Vsftpd;
    pure_ftpd => Daemon::PureFtpd;
}

/// `text` as rexpect reads a terminal's output: each byte one character.
fn bytewise(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// The shell on a pseudo-terminal against vsftpd: `ls` guesses GBK and says so in the shell's
/// words, `charset` shows the guess, `charset gbk` chooses it, and Tab completes GBK names
/// (shown decoded) for `cd` and `get`.
#[test]
fn the_shell_lists_and_completes_gbk_names() {
    crate::needs_real_servers!();
    use rexpect::session::spawn_command;
    let server = RealServer::start(Daemon::Vsftpd);
    gbk_tree(&server);
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ferry"));
    cmd.env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .env_remove("NETRC")
        .env("TERM", "xterm")
        .current_dir(work.path())
        .args(["--timeout", "10", &server.user_url("")]);
    let mut pty = spawn_command(cmd, Some(20_000)).expect("spawn ferry in a pty");
    let prompt = |cwd: &str| format!("ferrytest@127.0.0.1:{}:{cwd}> ", server.port());
    let ready = |pty: &mut rexpect::session::PtySession, cwd: &str| {
        pty.exp_string(&bytewise(&prompt(cwd))).unwrap();
        // rustyline drops what is typed before it put the terminal in raw mode.
        std::thread::sleep(std::time::Duration::from_millis(300));
    };
    ready(&mut pty, "/");
    pty.send_line("ls").unwrap();
    pty.exp_string(&bytewise("中文文件.txt")).unwrap();
    pty.exp_string("use `charset NAME` to force another")
        .unwrap();
    ready(&mut pty, "/");
    pty.send_line("charset").unwrap();
    pty.exp_string("Character set: gbk (auto: guessed from the names")
        .unwrap();
    ready(&mut pty, "/");
    pty.send_line("charset gbk").unwrap();
    pty.exp_string("Character set: gbk (chosen).").unwrap();
    ready(&mut pty, "/");
    pty.send("cd 数\t").unwrap();
    pty.flush().unwrap();
    pty.exp_string(&bytewise("数据目录")).unwrap();
    pty.send_line("").unwrap();
    ready(&mut pty, "/数据目录");
    pty.send("get 说\t").unwrap();
    pty.flush().unwrap();
    pty.exp_string(&bytewise("说明文档.txt")).unwrap();
    pty.send_line("").unwrap();
    ready(&mut pty, "/数据目录");
    pty.send_line("quit").unwrap();
    pty.exp_eof().unwrap();
    let got = fs::read_to_string(work.path().join("说明文档.txt")).unwrap();
    assert_eq!(got, "说明\n");
}
