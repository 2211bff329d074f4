//! `--json` for ls, stat, size, modtime and the per-file summary of every transfer (get, put,
//! recursive and parallel ones, mget, mput, mirror, pget): one JSON object per line on stdout,
//! with stable field names.

use std::fs;

use serde_json::{Value, json};

use crate::support::fake_server::{FakeConfig, FakeServer};
use crate::support::{ferry, ferry_command, run};

fn server(mlst: bool) -> FakeServer {
    let mut cfg = FakeConfig {
        files: vec![
            ("/pub/a.txt".into(), b"hello\n".to_vec()),
            ("/pub/sub/".into(), Vec::new()),
        ],
        ..FakeConfig::default()
    };
    if !mlst {
        cfg.feat.retain(|f| !f.contains("MLST"));
    }
    FakeServer::start(cfg)
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect()
}

#[test]
fn stat_uses_mlst_when_offered_and_size_and_mdtm_otherwise() {
    for mlst in [true, false] {
        let server = server(mlst);
        let run = ferry(&["stat", "--json", &server.url("/pub/a.txt")]).success();
        assert_eq!(
            json_lines(&run.stdout),
            [json!({"name": "pub/a.txt", "type": "file", "size": 6,
                    "modified": "2024-01-02T03:04:05Z"})],
            "mlst {mlst}"
        );
        let verbs = server.verbs();
        assert_eq!(verbs.contains(&"MLST".to_string()), mlst, "{verbs:?}");
        let run = ferry(&["stat", "--json", &server.url("/pub/sub/")]).success();
        let v = &json_lines(&run.stdout)[0];
        assert_eq!((&v["name"], &v["type"]), (&json!("pub/sub"), &json!("dir")));
        let human = ferry(&["stat", &server.url("/pub/a.txt")]).success();
        assert!(
            human.stdout_text().contains("size: 6"),
            "{}",
            human.stdout_text()
        );
        let missing = ferry(&["stat", "--json", &server.url("/pub/nope")]);
        assert_eq!(missing.code, 5, "{}", missing.stderr);
        assert!(missing.stdout.is_empty());
    }
}

#[test]
fn size_and_modtime_print_one_object_each() {
    let server = server(true);
    let run = ferry(&["size", "--json", &server.url("/pub/a.txt")]).success();
    assert_eq!(
        json_lines(&run.stdout),
        [json!({"name": "pub/a.txt", "size": 6})]
    );
    let run = ferry(&["modtime", "--json", &server.url("/pub/a.txt")]).success();
    assert_eq!(
        json_lines(&run.stdout),
        [json!({"name": "pub/a.txt", "modified": "2024-01-02T03:04:05Z"})]
    );
}

#[test]
fn the_shell_language_takes_json_too() {
    let server = server(false);
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("s");
    fs::write(&script, "cd pub\nstat --json a.txt\nsize --json a.txt\n").unwrap();
    let run = ferry(&["-b", script.to_str().unwrap(), &server.url("/")]).success();
    let lines = json_lines(&run.stdout);
    assert_eq!(lines[0]["type"], "file");
    assert_eq!(lines[1], json!({"name": "a.txt", "size": 6}));
}

/// Every JSON value on stdout, however it is laid out (`ls --json` prints a pretty array).
fn json_values(stdout: &[u8]) -> Vec<Value> {
    serde_json::Deserializer::from_slice(stdout)
        .into_iter::<Value>()
        .map(|v| v.expect("JSON on stdout"))
        .collect()
}

#[test]
fn the_shell_ls_takes_json_like_the_one_shot_ls() {
    let server = server(true);
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("s");
    fs::write(
        &script,
        "ls --json pub
cd pub
ls -l --json
",
    )
    .unwrap();
    let run = ferry(&["-b", script.to_str().unwrap(), &server.url("/")]).success();
    let one_shot = ferry(&["ls", "--json", &server.url("/pub/")]).success();
    let expected = json_values(&one_shot.stdout);
    assert_eq!(expected.len(), 1);
    let names: Vec<&Value> = expected[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["name"])
        .collect();
    assert!(names.contains(&&json!("a.txt")), "{names:?}");
    assert_eq!(
        json_values(&run.stdout),
        [expected[0].clone(), expected[0].clone()]
    );
}

#[test]
fn transfers_report_each_file_as_json() {
    let server = server(true);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let run = ferry(&["get", "--json", &server.url("/pub/a.txt"), "-O", out]).success();
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 1);
    let v = &lines[0];
    assert_eq!(v["name"], "pub/a.txt");
    assert_eq!(v["local"], dir.path().join("a.txt").to_str().unwrap());
    assert_eq!((&v["bytes"], &v["resumed"]), (&json!(6), &json!(false)));
    assert!(v["seconds"].is_f64() && v["rate"].is_number(), "{v}");
    // No --verify, no --limit-rate: both are null, never missing.
    assert_eq!(
        (&v["hash"], &v["limit"]),
        (&json!(null), &json!(null)),
        "{v}"
    );
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "bytes", "hash", "limit", "local", "name", "rate", "resumed", "seconds"
        ],
        "the documented fields, and only those"
    );

    // A partial .part is continued: resumed, and only the missing bytes move.
    fs::remove_file(dir.path().join("a.txt")).unwrap();
    fs::write(dir.path().join("a.txt.part"), b"hel").unwrap();
    let run = ferry(&["get", "-c", "--json", &server.url("/pub/a.txt"), "-O", out]).success();
    let v = &json_lines(&run.stdout)[0];
    assert_eq!((&v["bytes"], &v["resumed"]), (&json!(3), &json!(true)));
    assert_eq!(fs::read(dir.path().join("a.txt")).unwrap(), b"hello\n");

    let local = dir.path().join("up.bin");
    fs::write(&local, vec![7u8; 1000]).unwrap();
    let url = server.url("/pub/").replace("ftp://", "ftp://alice:secret@");
    let run = ferry(&["put", "--json", local.to_str().unwrap(), &url]).success();
    let v = &json_lines(&run.stdout)[0];
    assert_eq!(v["name"], "pub/up.bin");
    assert_eq!(v["local"], local.to_str().unwrap());
    assert_eq!((&v["bytes"], &v["resumed"]), (&json!(1000), &json!(false)));
}

/// The JSON objects on stdout, keyed by their `name`, each checked for the documented fields.
fn by_name(stdout: &[u8]) -> std::collections::BTreeMap<String, Value> {
    json_lines(stdout)
        .into_iter()
        .map(|v| {
            let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
            assert_eq!(
                keys,
                [
                    "bytes", "hash", "limit", "local", "name", "rate", "resumed", "seconds"
                ],
                "{v}"
            );
            (v["name"].as_str().unwrap().to_owned(), v)
        })
        .collect()
}

#[test]
fn every_transfer_path_reports_each_file_as_json() {
    let files: Vec<(String, Vec<u8>)> = (0..6)
        .map(|i| (format!("/tree/f{i}.dat"), vec![b'x'; 100 + i]))
        .collect();
    let server = FakeServer::start(FakeConfig {
        files: files.clone(),
        ..FakeConfig::default()
    });
    let names =
        |prefix: &str| -> Vec<String> { (0..6).map(|i| format!("{prefix}f{i}.dat")).collect() };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("down");
    let out_s = out.to_str().unwrap();
    let url = server
        .url("/tree/")
        .replace("ftp://", "ftp://alice:secret@");

    // get -r, in order and over three connections.
    for parallel in ["1", "3"] {
        let _ = fs::remove_dir_all(&out);
        let run = ferry(&["get", "-r", "-P", parallel, "--json", &url, "-O", out_s]).success();
        let got = by_name(&run.stdout);
        assert_eq!(
            got.keys().cloned().collect::<Vec<_>>(),
            names("tree/"),
            "-P {parallel}"
        );
        let v = &got["tree/f2.dat"];
        assert_eq!(v["bytes"], 102);
        assert_eq!(v["local"], out.join("tree/f2.dat").to_str().unwrap());
    }

    // put -r over three connections.
    let up = dir.path().join("up");
    fs::create_dir(&up).unwrap();
    for i in 0..4 {
        fs::write(up.join(format!("u{i}")), vec![b'u'; 10 + i]).unwrap();
    }
    let run = ferry(&["put", "-r", "-P", "3", "--json", up.to_str().unwrap(), &url]).success();
    let got = by_name(&run.stdout);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got["tree/up/u3"]["bytes"], 13);
    assert_eq!(got["tree/up/u3"]["local"], up.join("u3").to_str().unwrap());

    // mirror over two connections: only what it copies.
    let mirror = dir.path().join("mirror");
    let run = ferry(&[
        "mirror",
        "-P",
        "2",
        "--json",
        &server.url("/tree/"),
        mirror.to_str().unwrap(),
    ])
    .success();
    assert_eq!(by_name(&run.stdout).len(), 6 + 4, "{}", run.stdout_text());
    let run = ferry(&[
        "mirror",
        "-P",
        "2",
        "--json",
        &server.url("/tree/"),
        mirror.to_str().unwrap(),
    ])
    .success();
    assert!(run.stdout.is_empty(), "nothing to copy the second time");

    // pget.
    let run = ferry(&[
        "pget",
        "-n",
        "2",
        "--json",
        &server.url("/tree/f5.dat"),
        "-O",
        out_s,
    ])
    .success();
    let got = by_name(&run.stdout);
    assert_eq!(
        (&got["tree/f5.dat"]["bytes"], &got["tree/f5.dat"]["resumed"]),
        (&json!(105), &json!(false))
    );

    // The shell's mget and mput, in order and in parallel.
    let work = tempfile::tempdir().unwrap();
    fs::write(work.path().join("a.up"), b"aaa").unwrap();
    fs::write(work.path().join("b.up"), b"bbbb").unwrap();
    let script = work.path().join("s");
    fs::write(
        &script,
        "mget --json f1.dat f2.dat\nmget -P 2 --json f3* f4*\nmput -P 2 --json *.up\nmput --json a.up\n",
    )
    .unwrap();
    let mut cmd = ferry_command();
    cmd.current_dir(work.path())
        .args(["--timeout", "10", "-b", script.to_str().unwrap(), &url]);
    let run = crate::support::run(cmd).success();
    let lines = json_lines(&run.stdout);
    let names: Vec<&str> = lines.iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 7, "{names:?}");
    assert_eq!(&names[..2], ["f1.dat", "f2.dat"]);
    let mut parallel_gets = names[2..4].to_vec();
    parallel_gets.sort();
    assert_eq!(parallel_gets, ["f3.dat", "f4.dat"]);
    let mut parallel_puts = names[4..6].to_vec();
    parallel_puts.sort();
    assert_eq!(parallel_puts, ["a.up", "b.up"]);
    assert_eq!(names[6], "a.up");
    assert_eq!(server.file("/tree/b.up").unwrap(), b"bbbb");
}

#[test]
fn json_refuses_to_share_stdout_with_file_data() {
    let server = server(true);
    let mut cmd = ferry_command();
    cmd.args(["get", "--json", &server.url("/pub/a.txt"), "-o", "-"]);
    let run = run(cmd);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
}
