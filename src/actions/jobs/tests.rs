//! The job table with real threads and sockets on loopback, but no FTP server: a server that
//! never greets keeps a job running until it is killed, and a closed port makes one fail.

use std::net::TcpListener;
use std::sync::atomic::AtomicBool;

use super::*;
use crate::actions::{Output, TransferOptions};
use crate::config::Config;

fn get(name: &str) -> Action {
    Action::Get {
        remote: name.into(),
        output: Output::Into(std::env::temp_dir()),
        ty: None,
        opts: TransferOptions {
            no_clobber: true,
            ..TransferOptions::default()
        },
    }
}

/// A context "connected" to `port` on loopback.
fn context(port: u16) -> Context {
    let mut ctx = Context::new(Config::default(), Box::new(|| None));
    ctx.pretend_opened("127.0.0.1", port);
    ctx
}

/// A server that accepts connections and never says anything; they stay open while it lives.
fn silent_server() -> (u16, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(1) {
            held.push(stream);
        }
        std::thread::sleep(std::time::Duration::from_secs(30));
    });
    (port, handle)
}

fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn only_transfers_start_and_only_from_a_connected_context() {
    let jobs = Jobs::new();
    let connected = context(closed_port());
    let err = jobs
        .start(&connected, &Action::Pwd, "pwd", true)
        .unwrap_err();
    assert!(err.to_string().contains("only get, mget"), "{err}");
    let nowhere = Context::new(Config::default(), Box::new(|| None));
    let err = jobs.start(&nowhere, &get("a"), "get a", true).unwrap_err();
    assert!(err.to_string().contains("not connected"), "{err}");
    assert!(jobs.views().is_empty());
}

#[test]
fn a_running_job_is_listed_killed_and_taken_once() {
    let (port, _server) = silent_server();
    let jobs = Jobs::new();
    // The hook runs on the job's thread once its end is recorded.
    let (tx, ended) = std::sync::mpsc::channel();
    let tx = Mutex::new(tx);
    jobs.on_end(Box::new(move |jobs| {
        let _ = tx.lock().unwrap().send(jobs.running());
    }));
    let id = jobs
        .start(&context(port), &get("big.iso"), "get big.iso", true)
        .unwrap();
    assert_eq!(id, 1);
    let views = jobs.views();
    assert_eq!(views.len(), 1);
    assert_eq!(
        (views[0].id, views[0].label.as_str(), views[0].state),
        (1, "get big.iso", State::Running)
    );
    assert_eq!(jobs.running(), 1);
    assert_eq!(jobs.newest_running(), Some(1));
    // Ctrl-C during `wait` ends the wait, not the job.
    let ctrl_c = AtomicBool::new(true);
    assert!(matches!(jobs.wait(None, &ctrl_c), Err(Error::Interrupted)));
    assert_eq!(jobs.running(), 1);
    jobs.kill(1).unwrap();
    jobs.wait(Some(1), &AtomicBool::new(false)).unwrap();
    let running = ended.recv_timeout(std::time::Duration::from_secs(30));
    assert_eq!(running, Ok(0), "the hook sees the job ended");
    assert_eq!(jobs.views()[0].state, State::Killed);
    let taken = jobs.take_ended();
    assert_eq!(taken.len(), 1);
    assert_eq!((taken[0].id, taken[0].state), (1, State::Killed));
    assert!(jobs.take_ended().is_empty() && jobs.views().is_empty());
    assert!(jobs.kill(1).is_err() && jobs.wait(Some(1), &ctrl_c).is_err());
}

#[test]
fn a_job_that_cannot_connect_fails_and_numbers_start_again_when_the_table_is_empty() {
    let jobs = Jobs::new();
    let ctx = context(closed_port());
    let first = jobs.start(&ctx, &get("a"), "get a", true).unwrap();
    let second = jobs.start(&ctx, &get("b"), "get b", true).unwrap();
    assert_eq!((first, second), (1, 2));
    jobs.wait(None, &AtomicBool::new(false)).unwrap();
    let ended = jobs.take_ended();
    assert_eq!(ended.len(), 2);
    for e in &ended {
        assert_eq!(e.state, State::Failed, "{:?}", e.result);
        assert!(
            e.result
                .as_ref()
                .is_err_and(|e| e.exit_code() == crate::ExitCode::Network)
        );
    }
    assert_eq!(jobs.start(&ctx, &get("c"), "get c", true).unwrap(), 1);
    jobs.wait(None, &AtomicBool::new(false)).unwrap();
}

#[test]
fn a_get_that_would_ask_before_replacing_a_file_is_refused_at_the_start() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("here.txt"), "old").unwrap();
    let jobs = Jobs::new();
    let ctx = context(closed_port());
    let action = Action::Get {
        remote: "here.txt".into(),
        output: Output::Into(dir.path().to_owned()),
        ty: None,
        opts: TransferOptions::default(),
    };
    let err = jobs.start(&ctx, &action, "get here.txt", true).unwrap_err();
    assert!(
        err.to_string().contains("cannot ask before replacing it"),
        "{err}"
    );
    assert!(jobs.views().is_empty());
    // Where nothing would have been asked (a batch file), the job starts.
    assert_eq!(jobs.start(&ctx, &action, "get here.txt", false).unwrap(), 1);
    jobs.wait(None, &AtomicBool::new(false)).unwrap();
}
