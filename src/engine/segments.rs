//! Downloading one byte range of a file (`pget`): REST to the start, RETR, write at the right
//! offsets, and stop the transfer once the range is complete.
//!
//! The server sends from the offset to the end of the file; a segment that has what it needs
//! aborts the rest (ABOR, then the session is re-synchronised, see `DataTransfer::abort` in `guard.rs`).
//! The last segment simply reads to the end and checks the final reply.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;

use crate::engine::session::Session;
use crate::engine::transfer::Progress;
use crate::error::{Error, Result};
use crate::proto::command::{Command, TransferType};

impl Session {
    /// Writes bytes `start..end` of `remote` into `file` at the same offsets; returns the bytes
    /// written. `to_end` says `end` is the file's end (no ABOR needed).
    pub fn retrieve_range(
        &mut self,
        remote: &str,
        range: (u64, u64),
        to_end: bool,
        file: &File,
        local: &Path,
        progress: &mut dyn Progress,
    ) -> Result<u64> {
        let (start, end) = range;
        if start >= end {
            return Ok(0);
        }
        self.set_type(TransferType::Binary)?;
        let mut t = self.open_data(&Command::Retr(remote.into()), start)?;
        // pget's segments share the run's bandwidth limit like any other transfer.
        let pacer = t.pacer();
        let mut buf = vec![0u8; pacer.chunk(256 * 1024)];
        let mut at = start;
        while at < end {
            let want = usize::try_from(end - at)
                .unwrap_or(usize::MAX)
                .min(buf.len());
            let n = match t.read_data(&mut buf[..want]) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => {
                    t.abort();
                    return Err(e);
                }
            };
            file.write_all_at(&buf[..n], at).map_err(|e| Error::Local {
                what: "cannot write",
                path: local.to_owned(),
                source: e,
            })?;
            at += n as u64;
            progress.advance(at - start);
            pacer.pace(n);
        }
        if at < end {
            let _ = t.finish();
            return Err(Error::Partial {
                name: remote.into(),
                detail: format!("the segment {start}-{end} ended at {at}"),
            });
        }
        if to_end {
            t.finish()?;
        } else {
            t.abort();
        }
        Ok(at - start)
    }
}
