//! Transfers: RETR, STOR/APPE and listings, streamed in constant memory.
//!
//! Every transfer copies through one fixed buffer and reports through a [`Progress`] callback;
//! the engine never prints. A download to a file goes to `NAME.part` beside the target and is
//! renamed over the target only when the data stream ended cleanly, the final reply is 226 or 250 and
//! the byte count equals the size the server announced (SIZE, or "(N bytes)" in the 150 reply).
//! So a failed download never leaves a truncated file under the final name and never touches an
//! existing one; the partial data stays in the `.part` file. A binary upload is checked the
//! other way round: afterwards the remote size must equal the bytes sent (SIZE, when offered).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::Path;

pub use crate::engine::copy::{NoProgress, Progress};
use crate::engine::copy::{copy_down, copy_up, fail, send_file};
use crate::engine::digest::{Digest, Hasher, HashingReader, HashingWriter};
use crate::engine::guard::data_io_error;
pub use crate::engine::partfile::{Resume, create_part, hold, part_path};
use crate::engine::partfile::{local_err, open_resumable};
use crate::engine::session::Session;
use crate::engine::throttle::Pacer;
use crate::error::{Error, Result};
use crate::proto::command::{Command, TransferType, Verb};
use crate::proto::digest::HashMethod;
pub use crate::proto::replies::bytes_in_150;

/// The largest upload whose data goes out before the server's 150 (when its setup went ahead):
/// well within the socket buffers, so a server that refuses the STOR never leaves us blocked
/// in a write.
const EARLY_UPLOAD_MAX: u64 = 64 * 1024;

/// Size of the one buffer a transfer copies through.
const BUF_SIZE: usize = 256 * 1024;

/// How an upload writes the remote file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutMode {
    /// STOR: create or replace.
    Replace,
    /// Continue an interrupted upload: APPE from the remote file's size.
    Resume,
    /// APPE the whole local file.
    Append,
}

/// What an upload reads from.
pub struct Source<'a> {
    /// The bytes to send.
    pub reader: &'a mut dyn Read,
    /// Its name, for messages (`-` for standard input).
    pub name: &'a Path,
    /// Its size when known, for progress.
    pub size: Option<u64>,
    /// The same bytes as a regular file, read from its current position: a binary upload over
    /// a plain data connection is then sent by the kernel (sendfile), without copying through
    /// ferry, which leaves the CPU to the rest (on two cores, often the server itself).
    pub file: Option<&'a File>,
    /// Fed every byte sent (`--verify`), when given.
    pub hasher: Option<&'a mut Hasher>,
}

/// Which listing command to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// `LIST`: the server's long format.
    Long,
    /// `NLST`: names only.
    Names,
    /// `MLSD`: machine-readable facts (RFC 3659).
    Machine,
}

/// The copy buffer for `bytes` still to move: the whole file and one byte more (so that the
/// end of the stream is seen by the same loop) when it is small, [`BUF_SIZE`] at the most,
/// 16 KiB at the least. Many small files then do not each zero a 256 KiB buffer.
fn buffer_for(bytes: u64) -> usize {
    usize::try_from(bytes.saturating_add(1))
        .unwrap_or(BUF_SIZE)
        .clamp(16 * 1024, BUF_SIZE)
}

impl Session {
    /// Downloads `remote` into `out` (named `local` in messages), starting at byte `offset`
    /// (REST) when it is not 0; returns the bytes written.
    pub fn retrieve(
        &mut self,
        remote: &str,
        ty: TransferType,
        offset: u64,
        out: &mut dyn Write,
        local: &Path,
        progress: &mut dyn Progress,
    ) -> Result<u64> {
        self.set_type(ty)?;
        // SIZE is only meaningful in binary mode; skip the round trip when FEAT did not offer it
        // or a listing already told us.
        let hinted = self
            .size_hint
            .take()
            .filter(|(name, _)| name == remote)
            .map(|(_, n)| n);
        let mut expected = hinted.filter(|_| ty == TransferType::Binary);
        if expected.is_none() && ty == TransferType::Binary && self.features().has("SIZE") {
            expected = self.size(remote)?;
        }
        let mut t = self.open_data(&Command::Retr(remote.into()), offset)?;
        // After REST, servers disagree on whether "(N bytes)" counts the whole file.
        if expected.is_none() && ty == TransferType::Binary && offset == 0 {
            expected = t.preliminary().and_then(bytes_in_150);
        }
        progress.start(remote, expected);
        let buf = expected.map_or(BUF_SIZE, |n| buffer_for(n.saturating_sub(offset)));
        let pacer = t.pacer();
        let copied = copy_down(&mut t, ty, offset, out, local, progress, (buf, &pacer));
        progress.finish(*copied.as_ref().unwrap_or(&0));
        let got = match copied {
            Ok(n) => n,
            Err(e) => return Err(fail(t, e)),
        };
        let unclean = t.ended_uncleanly();
        t.send_ahead();
        let reply = t.finish()?;
        match expected {
            None if unclean => Err(Error::Partial {
                name: remote.into(),
                detail: format!(
                    "the TLS data connection ended without close_notify after {} bytes and the size is unknown",
                    offset + got
                ),
            }),
            Some(n) if n != offset + got => Err(Error::Partial {
                name: remote.into(),
                detail: format!(
                    "received {} of {n} bytes although the server said {}",
                    offset + got,
                    reply.text().trim()
                ),
            }),
            _ => Ok(got),
        }
    }

    /// Downloads `remote` to the file `target` through `target.part`, renamed at the end.
    ///
    /// `resume` says what may be continued with REST: an existing `target.part`, and with
    /// [`Resume::PartOrTarget`] else an existing `target` (copied to the `.part` first so it
    /// stays intact). If the server refuses REST the download starts over from zero, still into
    /// the `.part` file.
    pub fn download_file(
        &mut self,
        remote: &str,
        ty: TransferType,
        target: &Path,
        resume: Resume,
        progress: &mut dyn Progress,
    ) -> Result<u64> {
        self.download_file_checked(remote, ty, target, (resume, None), progress)
            .map(|(n, _)| n)
    }

    /// [`Session::download_file`], and with `check` the server's hash of the file compared
    /// with the hash of the local copy (computed as it is written; a resumed download hashes
    /// the `.part` it continues first) before the rename: a copy that fails the check is
    /// removed and never gets the final name ([`Error::Checksum`]). Returns the bytes written
    /// and the digest checked.
    pub fn download_file_checked(
        &mut self,
        remote: &str,
        ty: TransferType,
        target: &Path,
        (resume, check): (Resume, Option<HashMethod>),
        progress: &mut dyn Progress,
    ) -> Result<(u64, Option<Digest>)> {
        // A device, FIFO or socket (`-o /dev/null`, `-o /dev/stdout`) is written to as it is:
        // a `.part` file renamed over it would replace the device with a regular file.
        if fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let mut sink = OpenOptions::new()
                .write(true)
                .open(target)
                .map_err(|e| local_err("cannot open", target, e))?;
            let mut hasher = check.map(|m| Hasher::new(m.algo()));
            let n = match hasher.as_mut() {
                Some(hasher) => {
                    let mut out = HashingWriter {
                        inner: &mut sink,
                        hasher,
                    };
                    self.retrieve(remote, ty, 0, &mut out, target, progress)?
                }
                None => self.retrieve(remote, ty, 0, &mut sink, target, progress)?,
            };
            let digest = match (check, hasher) {
                (Some(method), Some(h)) => {
                    Some(self.check_hash(remote, method, h.finish(), "the data was written")?)
                }
                _ => None,
            };
            return Ok((n, digest));
        }
        let part = part_path(target);
        let (mut file, mut offset) = match resume {
            Resume::No => (create_part(&part)?, 0),
            Resume::Part => open_resumable(&part, None)?,
            Resume::PartOrTarget => open_resumable(&part, Some(target))?,
        };
        let mut hasher = check.map(|m| Hasher::new(m.algo()));
        if let Some(h) = hasher.as_mut() {
            // The `.part` is open for appending only: its start is read through a handle of
            // its own.
            File::open(&part)
                .and_then(|prefix| h.update_from_file(&prefix, offset))
                .map_err(|e| local_err("cannot read", &part, e))?;
        }
        let mut result = self.retrieve_hashed(
            remote,
            ty,
            offset,
            &mut file,
            target,
            progress,
            hasher.as_mut(),
        );
        if offset > 0
            && matches!(
                &result,
                Err(Error::Rejected {
                    verb: Some(Verb::Rest),
                    ..
                })
            )
        {
            file = create_part(&part)?;
            offset = 0;
            hasher = check.map(|m| Hasher::new(m.algo()));
            result = self.retrieve_hashed(
                remote,
                ty,
                offset,
                &mut file,
                target,
                progress,
                hasher.as_mut(),
            );
        }
        // The check comes before the rename: a copy that fails it never has the final name.
        // It is removed, not kept for `-c`: its bytes are known to be wrong somewhere, and
        // continuing it would only keep them.
        let result = result.and_then(|n| match (check, hasher) {
            (Some(method), Some(h)) => {
                let checked =
                    self.check_hash(remote, method, h.finish(), "the download was removed");
                if matches!(checked, Err(Error::Checksum { .. })) {
                    let _ = fs::remove_file(&part);
                }
                checked.map(|d| (n, Some(d)))
            }
            _ => Ok((n, None)),
        });
        // No fsync before the rename: like curl and lftp, ferry leaves durability to the file
        // system; syncing every file costs milliseconds each on many small files.
        // The file stays open (and held, see `partfile::hold`) until it is renamed, so that no
        // other transfer takes the name in between; Windows cannot rename an open file.
        let result = result.and_then(|done| {
            if cfg!(windows) {
                drop(file);
            }
            fs::rename(&part, target).map_err(|e| local_err("cannot rename into", target, e))?;
            Ok(done)
        });
        if result.is_err() && fs::metadata(&part).is_ok_and(|m| m.len() == 0) {
            let _ = fs::remove_file(&part);
        }
        result
    }

    /// [`Session::retrieve`] into `out`, feeding `hasher` every byte written when given.
    #[allow(clippy::too_many_arguments)] // retrieve's arguments and the hasher; private
    fn retrieve_hashed(
        &mut self,
        remote: &str,
        ty: TransferType,
        offset: u64,
        out: &mut dyn Write,
        local: &Path,
        progress: &mut dyn Progress,
        hasher: Option<&mut Hasher>,
    ) -> Result<u64> {
        match hasher {
            Some(hasher) => {
                let mut out = HashingWriter { inner: out, hasher };
                self.retrieve(remote, ty, offset, &mut out, local, progress)
            }
            None => self.retrieve(remote, ty, offset, out, local, progress),
        }
    }

    /// Uploads everything `source` yields to `remote` (APPE when `append`); returns bytes sent.
    ///
    /// `began` is set once bytes went out on the data connection, that is after the server
    /// accepted the STOR/APPE: from then on the remote file holds this upload's data, so a
    /// retry may continue it. It stays false when the attempt failed before that, and a retry
    /// must then start over (an older remote file is not ours to append to).
    pub fn store(
        &mut self,
        source: Source<'_>,
        remote: &str,
        ty: TransferType,
        append: bool,
        progress: &mut dyn Progress,
        began: &mut bool,
    ) -> Result<u64> {
        let Source {
            reader: input,
            name: local,
            size: total,
            file,
            hasher,
        } = source;
        self.set_type(ty)?;
        let cmd = match append {
            true => Command::Appe(remote.into()),
            false => Command::Stor(remote.into()),
        };
        // A small upload fits in the sockets' buffers: on a channel sent ahead it need not
        // wait a round trip for the 150 before its data (see `ahead.rs`).
        let small = total.is_some_and(|n| n <= EARLY_UPLOAD_MAX);
        let mut t = self.open_data_with(&cmd, 0, small)?;
        // Written before the server said yes, the data is the upload's only once the server
        // confirms it (a refused STOR must not leave `began`, or a retry would append to a
        // file that is not ours).
        let early = t.prelim.is_none() && t.done.is_none();
        progress.start(remote, total);
        let mut sent = 0;
        let pacer = t.pacer();
        let copied = match (file, ty) {
            (Some(file), TransferType::Binary) if t.plain_tcp().is_some() => {
                send_file((file, local), &mut t, progress, &mut sent, (&pacer, hasher))
            }
            _ => {
                let buf = pacer.chunk(total.map_or(BUF_SIZE, buffer_for));
                match hasher {
                    Some(hasher) => {
                        let mut input = HashingReader {
                            inner: input,
                            hasher,
                        };
                        copy_up(
                            &mut input,
                            local,
                            ty,
                            &mut t,
                            progress,
                            &mut sent,
                            (buf, &pacer),
                        )
                    }
                    None => copy_up(input, local, ty, &mut t, progress, &mut sent, (buf, &pacer)),
                }
            }
        };
        *began |= sent > 0 && !early;
        progress.finish(sent);
        let sent = match copied {
            Ok(n) => n,
            Err(e) => return Err(fail(t, e)),
        };
        if let Err(e) = t.shutdown_write() {
            let timeout = t.timeout();
            return Err(fail(t, data_io_error(e, "ending the upload", timeout)));
        }
        t.finish()?;
        *began |= sent > 0;
        Ok(sent)
    }

    /// Uploads the local file `path` to `remote`: replacing it, appending to it (APPE), or
    /// resuming an interrupted upload from the remote file's current size. `began` is as for
    /// [`Session::store`].
    pub fn upload_file(
        &mut self,
        path: &Path,
        remote: &str,
        ty: TransferType,
        mode: PutMode,
        progress: &mut dyn Progress,
        began: &mut bool,
    ) -> Result<u64> {
        self.upload_file_checked(path, remote, ty, (mode, None), progress, began)
            .map(|(n, _)| n)
    }

    /// [`Session::upload_file`], and with `check` the server's hash of the stored file compared
    /// with the hash of the local file (computed over the bytes as they are sent; a resumed
    /// upload hashes the part the server already had first), after the size check. A
    /// difference is [`Error::Checksum`]; the remote file is left as it is. Not for
    /// [`PutMode::Append`], whose remote file is more than the local one.
    pub fn upload_file_checked(
        &mut self,
        path: &Path,
        remote: &str,
        ty: TransferType,
        (mode, check): (PutMode, Option<HashMethod>),
        progress: &mut dyn Progress,
        began: &mut bool,
    ) -> Result<(u64, Option<Digest>)> {
        let check = check.filter(|_| mode != PutMode::Append);
        let mut file = File::open(path).map_err(|e| local_err("cannot open", path, e))?;
        let meta = file
            .metadata()
            .map_err(|e| local_err("cannot read", path, e))?;
        if meta.is_dir() {
            let e = io::Error::new(io::ErrorKind::IsADirectory, "is a directory");
            return Err(local_err("cannot upload", path, e));
        }
        let total = meta.len();
        let offset = match mode {
            PutMode::Resume => {
                self.set_type(ty)?;
                // The server's copy: SIZE, or MLST or a listing where there is no SIZE.
                let have = self.file_size(remote)?.unwrap_or(0);
                if have > total {
                    return Err(Error::Usage(format!(
                        "cannot resume {remote}: the remote file ({have} bytes) is larger than {} ({total} bytes)",
                        path.display()
                    )));
                }
                have
            }
            PutMode::Replace | PutMode::Append => 0,
        };
        let mut hasher = check.map(|m| Hasher::new(m.algo()));
        if let Some(h) = hasher.as_mut() {
            h.update_from_file(&file, offset)
                .map_err(|e| local_err("cannot read", path, e))?;
        }
        let sent = match mode == PutMode::Resume && offset == total {
            true => 0,
            false => {
                file.seek(io::SeekFrom::Start(offset))
                    .map_err(|e| local_err("cannot read", path, e))?;
                let mut reader: &File = &file;
                let source = Source {
                    reader: &mut reader,
                    name: path,
                    size: Some(total - offset),
                    file: Some(&file),
                    hasher: hasher.as_mut(),
                };
                let append = mode != PutMode::Replace && !(mode == PutMode::Resume && offset == 0);
                let sent = self.store(source, remote, ty, append, progress, began)?;
                // After APPE of a whole file the size it was appended to is not known.
                if mode != PutMode::Append {
                    self.check_stored_size(remote, ty, offset + sent)?;
                }
                sent
            }
        };
        let digest = match (check, hasher) {
            (Some(method), Some(h)) => Some(self.check_hash(
                remote,
                method,
                h.finish(),
                "the remote file was left as it is",
            )?),
            _ => None,
        };
        Ok((sent, digest))
    }

    /// After an upload, compares the remote size with `expected` bytes: a server that said 226
    /// but stored less (a quota, a full disk, a broken server) fails the upload with
    /// [`Error::UploadSize`] instead of passing in silence. One SIZE per file, only in binary
    /// mode (ASCII changes the size on the way) and when FEAT offers SIZE; a SIZE the server
    /// refuses (write-only upload directories) checks nothing.
    fn check_stored_size(&mut self, remote: &str, ty: TransferType, expected: u64) -> Result<()> {
        if ty != TransferType::Binary || !self.features().has("SIZE") {
            return Ok(());
        }
        self.size_without_number = None;
        match self.size_with_next_setup(remote)? {
            Some(held) if held != expected => Err(Error::UploadSize {
                name: remote.into(),
                held,
                sent: expected,
            }),
            Some(_) => Ok(()),
            None => {
                // A 2xx without a number (`213 File status`) is not a match: say so.
                if let Some(reply) = self.size_without_number.take() {
                    self.unverified = Some(format!("SIZE answered {reply:?}, with no number"));
                }
                Ok(())
            }
        }
    }

    /// Streams a listing of `path` (or the current directory) into `out`.
    pub fn list(&mut self, kind: ListKind, path: Option<&str>, out: &mut dyn Write) -> Result<u64> {
        let path = path.filter(|p| !p.is_empty()).map(str::to_owned);
        // LIST's argument is "ls options and paths" on some servers (pure-ftpd), which split it
        // at spaces; list such a directory from inside it instead, as curl does.
        if kind == ListKind::Long
            && let Some(dir) = path.as_deref().filter(|p| p.contains(' '))
        {
            let back = self.pwd()?;
            if self.cwd(dir).is_ok() {
                let listed = self.list(kind, None, out);
                self.cwd(&back)?;
                return listed;
            }
        }
        let cmd = match kind {
            ListKind::Long => Command::List(path),
            ListKind::Names => Command::Nlst(path),
            ListKind::Machine => Command::Mlsd(path),
        };
        let mut t = self.open_data(&cmd, 0)?;
        let copied = copy_down(
            &mut t,
            TransferType::Binary,
            0,
            out,
            Path::new("-"),
            &mut NoProgress,
            (BUF_SIZE, &Pacer::default()),
        );
        let n = match copied {
            Ok(n) => n,
            Err(e) => return Err(fail(t, e)),
        };
        let unclean = t.ended_uncleanly();
        t.finish()?;
        if unclean {
            return Err(Error::Partial {
                name: "the listing".into(),
                detail: "the TLS data connection ended without close_notify".into(),
            });
        }
        Ok(n)
    }
}
