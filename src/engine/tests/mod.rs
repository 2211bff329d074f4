//! The driver against a scripted server in memory (see `script.rs`): whole conversations,
//! data connections included, with no socket.

mod ahead;
mod channels;
mod charset;
mod digests;
mod login;
mod script;
mod transfers;
mod waiting;

use crate::engine::session::Session;
use crate::engine::transfer::{ListKind, NoProgress};
use crate::error::Result;
use crate::proto::command::TransferType;

/// NLST of the current directory: the listing's bytes.
fn ls(s: &mut Session) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    s.list(ListKind::Names, None, &mut out)?;
    Ok(out)
}

/// A binary download of `name` into memory.
fn get(s: &mut Session, name: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    s.retrieve(
        name,
        TransferType::Binary,
        0,
        &mut out,
        name.as_ref(),
        &mut NoProgress,
    )?;
    Ok(out)
}
