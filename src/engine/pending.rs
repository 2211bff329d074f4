//! What the session has written to the server but not yet settled: a setup command and a
//! transfer command sent ahead (see `ahead.rs`). A leaf of the engine, so that the session can
//! hold it without importing the code that fills it.

use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::proto::channel::Channel;
use crate::proto::command::Command;

/// Set once a server answered a command sent ahead before the transfer's final reply; for the
/// rest of the process nothing is sent ahead (ferry talks to one server per run).
static REORDERING_SERVER: AtomicBool = AtomicBool::new(false);

/// Records that the server answers commands out of turn (see [`REORDERING_SERVER`]).
pub(crate) fn server_reorders() {
    REORDERING_SERVER.store(true, Ordering::Relaxed);
}

/// True once [`server_reorders`] was called in this process.
pub(crate) fn server_is_known_to_reorder() -> bool {
    REORDERING_SERVER.load(Ordering::Relaxed)
}

/// A setup command and a transfer command written ahead, whose replies are not read yet.
#[derive(Debug)]
pub(crate) struct Ahead {
    /// The channel whose setup command was sent.
    pub(crate) channel: Channel,
    /// The transfer command it is for.
    pub(crate) command: Command,
    /// Whether that command went out too (downloads). An upload's next setup command goes out
    /// alone, after the previous upload's final reply (see [`Session::size_with_next_setup`]).
    pub(crate) sent: bool,
    /// For active channels: where the server will connect.
    pub(crate) listener: Option<TcpListener>,
}
