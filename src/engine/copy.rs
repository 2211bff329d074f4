//! The copy loops of every transfer: RETR and listings into a writer (`copy_down`), an upload
//! from a reader (`copy_up`) or, for a plain binary upload of a file, by sendfile
//! (`send_file`); each through one buffer, reporting progress and paced by the session's
//! bandwidth limit, and the [`Progress`] they report to. `fail` ends a transfer whose copy
//! failed.

use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::path::Path;

use crate::engine::digest::Hasher;
use crate::engine::guard::{DataTransfer, data_io_error};
use crate::engine::partfile::local_err;
use crate::engine::throttle::Pacer;
use crate::error::{Error, Result};
use crate::proto::ascii;
use crate::proto::command::TransferType;

/// Receives transfer progress; implemented by the binary's progress bars.
pub trait Progress {
    /// A transfer of `name` starts; `total` when the size is known.
    fn start(&mut self, name: &str, total: Option<u64>);
    /// `done` bytes have moved so far.
    fn advance(&mut self, done: u64);
    /// The transfer ended (successfully or not) after `done` bytes.
    fn finish(&mut self, done: u64);
}

/// Progress that goes nowhere.
#[derive(Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&mut self, _: &str, _: Option<u64>) {}
    fn advance(&mut self, _: u64) {}
    fn finish(&mut self, _: u64) {}
}

/// Ends a transfer whose copy failed. Ctrl-C aborts it (ABOR); otherwise the server's own
/// reply (552 quota, 426 aborted...) usually says more than our socket error, so it is used when
/// it is negative. A local error returns at once: dropping the guard drains the reply.
pub(crate) fn fail(t: DataTransfer<'_>, err: Error) -> Error {
    match err {
        Error::Interrupted => {
            t.abort();
            Error::Interrupted
        }
        Error::Local { .. } => err,
        _ => match t.finish() {
            Err(rejected @ (Error::Rejected { .. } | Error::TlsSessionReuse { .. })) => rejected,
            _ => err,
        },
    }
}

pub(crate) fn copy_down(
    t: &mut DataTransfer<'_>,
    ty: TransferType,
    offset: u64,
    out: &mut dyn Write,
    local: &Path,
    progress: &mut dyn Progress,
    (buf_size, pacer): (usize, &Pacer),
) -> Result<u64> {
    let mut buf = vec![0u8; pacer.chunk(buf_size)];
    let mut converted = Vec::new();
    let mut ascii = (ty == TransferType::Ascii).then(ascii::FromWire::default);
    let mut done = 0u64;
    loop {
        let n = t.read_data(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = match ascii.as_mut() {
            Some(conv) => {
                converted.clear();
                conv.convert(&buf[..n], &mut converted);
                &converted[..]
            }
            None => &buf[..n],
        };
        out.write_all(chunk)
            .map_err(|e| local_err("cannot write", local, e))?;
        done += n as u64;
        progress.advance(offset + done);
        pacer.pace(n);
    }
    if let Some(conv) = ascii.as_mut() {
        converted.clear();
        conv.finish(&mut converted);
        out.write_all(&converted)
            .map_err(|e| local_err("cannot write", local, e))?;
    }
    out.flush()
        .map_err(|e| local_err("cannot write", local, e))?;
    Ok(done)
}

/// Sends `input` over the data connection; `done` counts the local bytes whose (converted)
/// form was written, and is kept when the copy fails.
pub(crate) fn copy_up(
    input: &mut dyn Read,
    local: &Path,
    ty: TransferType,
    t: &mut DataTransfer<'_>,
    progress: &mut dyn Progress,
    done: &mut u64,
    (buf_size, pacer): (usize, &Pacer),
) -> Result<u64> {
    let timeout = t.timeout();
    let mut buf = vec![0u8; buf_size];
    let mut converted = Vec::new();
    let mut ascii = (ty == TransferType::Ascii).then(ascii::ToWire::default);
    loop {
        t.check_interrupt()?;
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(local_err("cannot read", local, e)),
        };
        let chunk = match ascii.as_mut() {
            Some(conv) => {
                converted.clear();
                conv.convert(&buf[..n], &mut converted);
                &converted[..]
            }
            None => &buf[..n],
        };
        t.write_all(chunk)
            .map_err(|e| data_io_error(e, "sending data", timeout))?;
        *done += n as u64;
        progress.advance(*done);
        pacer.pace(chunk.len());
    }
    Ok(*done)
}

/// Sends up to `limit` bytes of `file` from its position (which moves by what was sent) into
/// `tcp`; returns how many, 0 at the end of the file.
#[cfg(target_os = "linux")]
fn send_slice(file: &File, tcp: &mut std::net::TcpStream, limit: u64) -> io::Result<u64> {
    let mut sent = 0u64;
    while sent < limit {
        let want = usize::try_from(limit - sent).unwrap_or(usize::MAX);
        match rustix::fs::sendfile(&*tcp, file, None, want) {
            Ok(0) => break,
            Ok(n) => sent += n as u64,
            Err(rustix::io::Errno::INTR) => continue,
            // No sendfile for this file or socket: the ordinary copy does the rest of the slice.
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) if sent == 0 => {
                return io::copy(&mut file.take(limit), tcp);
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(sent)
}

/// Sends up to `limit` bytes of `file` into `tcp` (see the Linux version).
#[cfg(not(target_os = "linux"))]
fn send_slice(file: &File, tcp: &mut std::net::TcpStream, limit: u64) -> io::Result<u64> {
    io::copy(&mut file.take(limit), tcp)
}

/// Sends the rest of `file` over a plain data connection with the kernel's zero-copy path
/// (sendfile on Linux; elsewhere `io::copy`), in slices so that progress and Ctrl-C are still
/// seen, and under a bandwidth limit slices of a twentieth of a second each, paced like any
/// other copy; `done` as for [`copy_up`]. The bytes do not pass through ferry, so a `hasher`
/// reads each slice back from the file (from the page cache, just read by the kernel).
pub(crate) fn send_file(
    (file, local): (&File, &Path),
    t: &mut DataTransfer<'_>,
    progress: &mut dyn Progress,
    done: &mut u64,
    (pacer, mut hasher): (&Pacer, Option<&mut Hasher>),
) -> Result<u64> {
    let slice = pacer.chunk(8 * 1024 * 1024) as u64;
    let timeout = t.timeout();
    // sendfile moves the file's position by what it sent, also when a later call of the same
    // copy fails: the position says how much went out (a retry continues from there).
    let mut reader = file;
    let position = |r: &mut &File| r.stream_position().unwrap_or(0);
    let start = position(&mut reader);
    loop {
        t.check_interrupt()?;
        let tcp = t.plain_tcp().expect("checked by the caller");
        let before = start + *done;
        let copied = send_slice(reader, tcp, slice);
        *done = position(&mut reader).saturating_sub(start);
        if let Some(h) = hasher.as_deref_mut() {
            h.update_from_range(file, before, start + *done)
                .map_err(|e| local_err("cannot read", local, e))?;
        }
        let n = copied.map_err(|e| data_io_error(e, "sending data", timeout))?;
        if n == 0 {
            return Ok(*done);
        }
        progress.advance(*done);
        pacer.pace(n as usize);
    }
}
