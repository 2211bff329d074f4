//! The guard over an open data connection: [`DataTransfer`] borrows the session mutably, so no
//! other command can be sent while data flows; [`DataTransfer::finish`] closes the data
//! connection and reads the final reply, [`DataTransfer::abort`] stops it with ABOR, and a guard
//! dropped half-way still reads the final reply so the next command gets its own.

use std::io::{self, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::engine::session::Session;
use crate::engine::transport::{Stream, io_error};
use crate::error::{Error, Result};
use crate::proto::command::Command;
use crate::proto::reply::Reply;

/// An open data connection; the session is borrowed until [`DataTransfer::finish`].
pub struct DataTransfer<'a> {
    pub(crate) session: &'a mut Session,
    pub(crate) stream: Option<Stream>,
    pub(crate) prelim: Option<Reply>,
    pub(crate) done: Option<Reply>,
    pub(crate) command: String,
    pub(crate) finished: bool,
    /// The TLS stream ended without close_notify (a possible truncation).
    pub(crate) unclean_eof: bool,
    /// The data connection made a new TLS 1.3 session instead of resuming the control's.
    pub(crate) fresh_tls13: bool,
}

impl DataTransfer<'_> {
    /// True when a TLS data stream ended without close_notify: the data may be cut short, so
    /// the transfer only counts when its size is known and complete.
    pub fn ended_uncleanly(&self) -> bool {
        self.unclean_eof
    }

    /// The 1xx reply that opened the transfer, if the server sent one.
    pub fn preliminary(&self) -> Option<&Reply> {
        self.prelim.as_ref()
    }

    /// The session's timeout, for messages.
    pub fn timeout(&self) -> Duration {
        self.session.opts.timeout
    }

    /// Reads data, waking up every 250 ms to honour Ctrl-C; fails after the session timeout
    /// passes without a byte (a stalled data connection). The silence is measured on the
    /// clock, not by counting wake-ups, so it holds whatever read timeout the socket has.
    pub(crate) fn read_data(&mut self, buf: &mut [u8]) -> Result<usize> {
        let timeout = self.session.opts.timeout;
        let waiting_since = Instant::now();
        loop {
            if self.session.interrupted() {
                return Err(Error::Interrupted);
            }
            let Some(stream) = self.stream.as_mut() else {
                return Ok(0);
            };
            match stream.read(buf) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == ErrorKind::UnexpectedEof && stream.is_tls() => {
                    self.unclean_eof = true;
                    return Ok(0);
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    if waiting_since.elapsed() >= timeout {
                        return Err(Error::Timeout {
                            what: format!(
                                "waiting for data during {} (the data connection stalled)",
                                self.command
                            ),
                            after: timeout,
                        });
                    }
                }
                Err(e) => return Err(data_io_error(e, "receiving data", timeout)),
            }
        }
    }

    /// What paces this transfer (the session's bandwidth limit).
    pub(crate) fn pacer(&self) -> crate::engine::throttle::Pacer {
        self.session.pacer()
    }

    /// Fails with [`Error::Interrupted`] if Ctrl-C was pressed.
    pub(crate) fn check_interrupt(&self) -> Result<()> {
        match self.session.interrupted() {
            true => Err(Error::Interrupted),
            false => Ok(()),
        }
    }

    /// Stops the transfer at the user's request: ABOR, close the data connection, read the
    /// transfer's final reply, then NOOP to be sure replies and commands are in step again.
    /// If the server does not cooperate within a few seconds, the session is marked unusable
    /// and the next command reconnects.
    pub fn abort(mut self) {
        self.finished = true;
        let synced = self.try_abort().is_ok();
        if !synced {
            self.session.mark_desynced();
        }
    }

    fn try_abort(&mut self) -> Result<()> {
        const LIMIT: Duration = Duration::from_secs(5);
        self.session.send(&Command::Abor)?;
        drop(self.stream.take());
        if self.done.is_none() {
            let what = "waiting for the aborted transfer's reply";
            while self
                .session
                .read_reply_within(LIMIT, what)?
                .is_preliminary()
            {}
        }
        self.session.send(&Command::Noop)?;
        while self
            .session
            .read_reply_within(LIMIT, "re-synchronising after ABOR")?
            .code
            != 200
        {}
        Ok(())
    }

    /// Writes the next download the caller promised (see `ahead.rs`) before this one's
    /// final reply is read; call it once this download's data has all arrived.
    pub(crate) fn send_ahead(&mut self) {
        self.session.send_ahead();
    }

    /// The data connection's socket when it is plain TCP (no TLS), for zero-copy sends.
    pub(crate) fn plain_tcp(&mut self) -> Option<&mut TcpStream> {
        match self.stream.as_mut() {
            Some(Stream::Plain(tcp)) => Some(tcp),
            _ => None,
        }
    }

    /// Ends our side of an upload (EOF for the server), keeping the connection readable.
    pub fn shutdown_write(&mut self) -> io::Result<()> {
        match self.stream.as_mut() {
            Some(s) => s.shutdown_write(),
            None => Ok(()),
        }
    }

    /// Closes the data connection and reads the final reply. Success is 226 or 250, the two
    /// completions RFC 959 gives RETR, STOR, APPE and the listings (curl checks the same);
    /// another 2xx ("200 OK", "202 superfluous") does not say the data arrived whole, so it is
    /// an unexpected reply and a download is not renamed over its target.
    pub fn finish(mut self) -> Result<Reply> {
        self.finished = true;
        drop(self.stream.take());
        let reply = match self.done.take() {
            Some(r) => r,
            None => loop {
                let what = format!("waiting for the end of {}", self.command);
                let r = self.session.read_reply(&what)?;
                if !r.is_preliminary() {
                    break r;
                }
            },
        };
        if self.session.ahead.is_some() && matches!(reply.code, 200 | 227 | 229) {
            // The server answered the setup command sent ahead before ending this transfer:
            // which reply belongs to which command can no longer be told. Give the connection
            // up (a retry reconnects and resumes) and send nothing ahead to this server from now on,
            // on any session sharing its traits.
            self.session.traits.learn_answers_out_of_turn();
            self.session.mark_desynced();
            return Err(Error::Closed {
                what: format!(
                    "on purpose: it answered the next command ({}) before ending {}",
                    reply.one_line(),
                    self.command
                ),
            });
        }
        if matches!(reply.code, 226 | 250) {
            Ok(reply)
        } else if reply.is_completion() {
            Err(Error::Unexpected {
                command: self.command.clone(),
                reply,
            })
        } else if self.fresh_tls13 && matches!(reply.code, 425 | 450 | 522) {
            // rustls offers each TLS 1.3 ticket once; a server that requires reuse but sends no
            // new tickets on upload connections (ProFTPD) refuses us once they are used up.
            Err(Error::TlsSessionReuse { reply })
        } else {
            Err(Error::rejected(self.command.clone(), reply))
        }
    }
}

impl Drop for DataTransfer<'_> {
    /// A transfer dropped without `finish` (an error mid-way): close the data connection and
    /// read the server's final reply so the next command gets its own reply.
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        drop(self.stream.take());
        if self.done.is_some() {
            return;
        }
        let deadline = Instant::now() + Duration::from_secs(5).min(self.session.opts.timeout);
        while Instant::now() < deadline {
            match self
                .session
                .poll_reply(Duration::from_millis(200), "draining an abandoned transfer")
            {
                Ok(Some(r)) if !r.is_preliminary() => return,
                Ok(_) => continue,
                Err(_) => break,
            }
        }
        self.session.mark_desynced();
    }
}

impl Read for DataTransfer<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.stream.as_mut() {
            Some(s) => s.read(buf),
            None => Ok(0),
        }
    }
}

impl Write for DataTransfer<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.stream.as_mut() {
            Some(s) => s.write(buf),
            None => Err(io::Error::new(
                ErrorKind::NotConnected,
                "the server opened no data connection",
            )),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.stream.as_mut() {
            Some(s) => s.flush(),
            None => Ok(()),
        }
    }
}

/// Maps a data-socket error during a transfer.
pub(crate) fn data_io_error(e: io::Error, what: &str, timeout: Duration) -> Error {
    io_error(e, what.to_owned(), timeout)
}
