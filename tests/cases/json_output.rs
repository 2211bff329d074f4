//! `--json` for ls, stat, size, modtime and the per-file summary of get and put: one JSON object
//! per line on stdout, with stable field names.

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
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["bytes", "local", "name", "rate", "resumed", "seconds"],
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

#[test]
fn json_refuses_to_share_stdout_with_file_data() {
    let server = server(true);
    let mut cmd = ferry_command();
    cmd.args(["get", "--json", &server.url("/pub/a.txt"), "-o", "-"]);
    let run = run(cmd);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
}
