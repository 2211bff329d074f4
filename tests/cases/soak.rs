//! Faults survived, nothing lost: ferry against pyftpdlib misbehaving at random and seeded
//! (`scripts/faults.py`: connections dropped before the greeting or at any command, 421 and
//! 425/426/450/451 answers, stalls longer than the timeout, data connections cut both ways).
//! Every run must end with exit 0, every file whole (compared byte for byte), no `.part` left,
//! and a second mirror that copies nothing. The longer soak is `scripts/soak.sh`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::support::pyftpd::{Faults, PyFtpd, PyFtpdOptions};
use crate::support::{ferry_command, run, test_bytes};

/// Every file under `root`, by path relative to it, with its bytes.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// `n` files of up to 48 KiB (some empty) in `root`, `root/sub` and `root/sub/deeper`.
fn make_tree(root: &Path, n: usize, seed: u64) {
    for i in 0..n {
        let dir = root.join(["", "sub", "sub/deeper"][i % 3]);
        fs::create_dir_all(&dir).unwrap();
        let len = (seed as usize * 7919 + i * 104_729) % (48 * 1024);
        fs::write(
            dir.join(format!("f{i:03}.bin")),
            test_bytes(len, seed * 1000 + i as u64),
        )
        .unwrap();
    }
}

/// Names of `.part` files under `root`.
fn parts(root: &Path) -> Vec<PathBuf> {
    tree(root)
        .into_keys()
        .filter(|p| p.to_string_lossy().contains(".part"))
        .collect()
}

struct Soak {
    server: PyFtpd,
    log: PathBuf,
    work: tempfile::TempDir,
    faults: usize,
    retries: usize,
}

impl Soak {
    fn start(seed: u64) -> Soak {
        let work = tempfile::tempdir().unwrap();
        let log = work.path().join("faults.log");
        let server = PyFtpd::start(PyFtpdOptions {
            faults: Some(Faults {
                seed,
                rate: 0.04,
                log: log.clone(),
                stall: 1.6,
            }),
            ..PyFtpdOptions::default()
        });
        Soak {
            server,
            log,
            work,
            faults: 0,
            retries: 0,
        }
    }

    fn url(&self, path: &str) -> String {
        self.server
            .url(path)
            .replacen("ftp://", "ftp://alice:s3cret%20pass@", 1)
    }

    fn injected(&self) -> usize {
        fs::read_to_string(&self.log).map_or(0, |t| t.lines().count())
    }

    /// Runs ferry with generous retries; it must succeed. Returns its standard output.
    fn ferry(&mut self, what: &str, args: &[&str]) -> Vec<u8> {
        let before = self.injected();
        let mut cmd = ferry_command();
        cmd.current_dir(self.work.path())
            .args(["--retries", "40", "--retry-wait", "0.02", "--timeout", "1"])
            .args(["--connect-timeout", "2"])
            .args(args);
        let run = run(cmd);
        let retries = run
            .stderr
            .lines()
            .filter(|l| l.contains("retrying in") || l.contains("reconnecting"))
            .count();
        let faults = self.injected() - before;
        eprintln!("soak: {what}: {faults} faults injected, {retries} retries and reconnects");
        assert_eq!(run.code, 0, "{what} failed:\n{}", run.stderr);
        self.faults += faults;
        self.retries += retries;
        run.stdout
    }
}

#[test]
fn transfers_survive_a_server_that_misbehaves_at_random() {
    let (mut faults, mut retries) = (0, 0);
    for seed in 1..=3u64 {
        let mut soak = Soak::start(seed);
        let served = soak.server.root().join("tree");
        make_tree(&served, 60, seed);
        let local = soak.work.path().join("src");
        make_tree(&local, 45, seed + 100);
        fs::create_dir(soak.server.root().join("up")).unwrap();

        // One connection, the default (several), four.
        let p = ["1", "auto", "4"][seed as usize - 1];
        let out = soak.work.path().join("got");
        let (url, dir) = (soak.url("tree"), out.to_str().unwrap().to_owned());
        soak.ferry("get -r", &["get", "-r", "-P", p, &url, "-O", &dir]);
        assert!(
            tree(&out.join("tree")) == tree(&served),
            "seed {seed}: get -r -P {p}"
        );
        assert_eq!(parts(&out), Vec::<PathBuf>::new(), "seed {seed}");
        // Batch mode, as a script would drive it.
        fs::write(
            soak.work.path().join("job.ftp"),
            "lcd batch\ncd tree\nmget -P 2 *.bin\n",
        )
        .unwrap();
        fs::create_dir(soak.work.path().join("batch")).unwrap();
        let url = soak.url("");
        soak.ferry("batch mget", &["-b", "job.ftp", &url]);
        for (name, bytes) in tree(&served)
            .iter()
            .filter(|(p, _)| p.parent() == Some(Path::new("")))
        {
            let got = fs::read(soak.work.path().join("batch").join(name)).unwrap();
            assert!(got == *bytes, "seed {seed}: batch mget {}", name.display());
        }
        let url = soak.url("up/");
        soak.ferry("put -r", &["put", "-r", "-P", p, "src", &url]);
        assert!(
            tree(&soak.server.root().join("up/src")) == tree(&local),
            "seed {seed}: put -r"
        );
        assert_eq!(parts(soak.server.root()), Vec::<PathBuf>::new());

        let url = soak.url("tree");
        soak.ferry("mirror", &["mirror", "--json", &url, "mirrored"]);
        let mirrored = soak.work.path().join("mirrored");
        assert!(tree(&mirrored) == tree(&served), "seed {seed}: mirror");
        let again = soak.ferry("mirror again", &["mirror", "--json", &url, "mirrored"]);
        assert!(
            again.is_empty(),
            "seed {seed}: the second mirror copied {}",
            String::from_utf8_lossy(&again)
        );
        let url = soak.url("back");
        fs::create_dir(soak.server.root().join("back")).unwrap();
        soak.ferry("mirror -R", &["mirror", "-R", "--json", "src", &url]);
        assert!(tree(&soak.server.root().join("back")) == tree(&local));
        let again = soak.ferry("mirror -R again", &["mirror", "-R", "--json", "src", &url]);
        assert!(
            again.is_empty(),
            "seed {seed}: the second mirror -R copied {}",
            String::from_utf8_lossy(&again)
        );
        faults += soak.faults;
        retries += soak.retries;
    }
    eprintln!("soak: {faults} faults injected in all, {retries} retries and reconnects");
    // The test proves something only if the server really misbehaved.
    assert!(faults >= 20, "only {faults} faults were injected");
}
