//! What the session has written to the server but not yet settled: a setup command and a
//! transfer command sent ahead (see `ahead.rs`). A leaf of the engine, so that the session can
//! hold it without importing the code that fills it.

use crate::engine::net::DataListener;
use crate::proto::channel::Channel;
use crate::proto::command::Command;

/// A setup command and a transfer command written ahead, whose replies are not read yet.
#[derive(Debug)]
pub(crate) struct Ahead {
    /// The channel whose setup command was sent.
    pub(crate) channel: Channel,
    /// The transfer command it is for.
    pub(crate) command: Command,
    /// Whether that command went out too (downloads). An upload's next setup command goes out
    /// alone, after the previous upload's final reply (see `Session::size_with_next_setup` in `ahead.rs`).
    pub(crate) sent: bool,
    /// For active channels: where the server will connect.
    pub(crate) listener: Option<Box<dyn DataListener>>,
}
