//! Sending the next transfer's commands before the current transfer's final reply.
//!
//! Across a link with real latency, small files are paid for in round trips, not bytes. With
//! one command at a time a passive download costs four: EPSV → 229, the data connection, RETR →
//! 150 and the data, and then the final 226, which servers such as vsftpd send only once our
//! side of the data connection has closed. A caller that already knows which file comes next
//! tells the session ([`Session::expect_next`]); when the current transfer's data has moved,
//! the session writes the next setup command (EPSV or PASV, the one that already worked) and
//! the next transfer command in one packet, *before* reading the current final reply. The
//! server answers them in order, so the 226 and the next 229 are on their way together, and the
//! next file starts one or two round trips earlier. An active setup (EPRT, PORT) goes ahead
//! alone and its transfer command follows its 200: pyftpdlib answers EPRT only once it has
//! connected, so a RETR sent with it is answered 150 first and queued, and the queued file
//! never arrives.
//!
//! Only downloads go ahead, and only once their data has arrived in full: the server has ended
//! its side of the transfer by then, so even a server that reads commands during a transfer
//! (pyftpdlib does, and an EPSV there closes the transfer's data connection) has its final
//! reply on the way before it sees ours. An upload is different: our end of file and our next
//! EPSV would race, so uploads never go ahead of a final reply. What an upload does instead:
//! after its 226, the SIZE that checks it and the next upload's EPSV/PASV go out together
//! ([`Session::size_with_next_setup`]), and the STOR follows once the data connection is made.
//! A small upload (64 KiB at most, on a plain data connection) then writes its data and its end
//! of file at once, without waiting a round trip for the STOR's 150: the bytes wait in the
//! server's socket buffer until it accepts the connection, and the guard reads the 150 and the
//! final reply after them. A refused STOR reads as the upload's failure, and such data never
//! counts as begun (a retry starts over instead of appending to a file that is not ours).
//! Should a server still answer the setup command before the transfer's final reply,
//! `DataTransfer::finish` (in `guard.rs`) sees a 227/229/200 where a 226/250 belongs and gives
//! the connection up rather than guess; the server's traits (`known.rs`) then say so, and no
//! session sharing them sends anything ahead to that server again.
//!
//! Only a channel that worked in this session is used ahead, only with no REST, and only when
//! the caller promised the very next command. Anything else sent on the session first settles
//! the pending pair ([`Session::settle_ahead`]): it reads the setup reply, opens and at once
//! closes the data connection the server waits for (or drops the listener an active channel
//! would have used), and reads the transfer command's final reply, so replies and commands
//! stay in step. A shell idle between commands settles it too before looking for a 421.

use crate::engine::data::{Attempt, Opened, check_transfer_reply, configure_data};
use crate::engine::net::DataListener;
use crate::engine::pending::Ahead;
use crate::engine::session::Session;
use crate::engine::transport::io_error;
use crate::error::{Error, Result};
use crate::proto::addr;
use crate::proto::channel::Channel;
use crate::proto::codes::{self, Refusal};
use crate::proto::command::Command;
use crate::proto::proxy::Target;
use crate::proto::replies::size_in;
use crate::proto::reply::Reply;

impl Session {
    /// Says that the next transfer on this session will be `cmd` (the next file's RETR, with no
    /// other command before it), so that it may be sent ahead; `None` forgets it.
    pub fn expect_next(&mut self, cmd: Option<Command>) {
        self.next_up = cmd;
    }

    /// Writes the promised next transfer (see the module docs), if it can go ahead: a
    /// channel has already worked in this session, nothing is pending, and the session is in
    /// step. Called by a download after all its data arrived and before its final reply is
    /// read.
    pub(crate) fn send_ahead(&mut self) {
        let Some(cmd) = self.next_up.take() else {
            return;
        };
        let Some(channel) = self.channels.proven() else {
            return;
        };
        if self.ahead.is_some() || !self.is_usable() || self.traits.answers_out_of_turn() {
            return;
        }
        let (setup, listener) = match channel {
            Channel::Epsv => (Command::Epsv, None),
            Channel::Pasv => (Command::Pasv, None),
            Channel::Eprt | Channel::Port => match self.ahead_listener(channel) {
                Some((setup, listener)) => (setup, Some(listener)),
                None => return,
            },
        };
        // An active setup goes ahead alone; its transfer command follows its 200. pyftpdlib
        // answers an EPRT or PORT only once it has connected, so a RETR sent with it is read
        // first, answered 150 and queued, and the queued file never arrives.
        let sent = listener.is_none();
        let Ok(mut wire) = setup.to_wire() else {
            return;
        };
        if sent {
            let Ok(second) = cmd.to_wire_in(self.charset()) else {
                return;
            };
            wire.extend_from_slice(&second);
            self.note(&format!(
                "sending {} and {} ahead of the current transfer's final reply",
                setup.redacted(),
                cmd.redacted()
            ));
        } else {
            self.note(&format!(
                "sending {} for {} ahead of the current transfer's final reply",
                setup.redacted(),
                cmd.redacted()
            ));
        }
        let written = match sent {
            true => self.write_raw(&wire, &[&setup, &cmd]),
            false => self.write_raw(&wire, &[&setup]),
        };
        if written.is_err() {
            // The next command on the session will see the same failure.
            self.mark_desynced();
            return;
        }
        self.ahead = Some(Ahead {
            channel,
            command: cmd,
            sent,
            listener,
        });
    }

    /// SIZE of `path` (the upload just finished, to check it), with the next upload's setup
    /// command in the same packet when the caller promised a STOR next: no transfer is running
    /// by now, so any server answers the two in order, and the next upload starts one round trip
    /// sooner. Otherwise a plain SIZE. `None` when the server gives no size.
    pub(crate) fn size_with_next_setup(&mut self, path: &str) -> Result<Option<u64>> {
        let size = Command::Size(path.into());
        let next = match self.next_up.take() {
            Some(cmd @ Command::Stor(_)) => Some(cmd),
            _ => None,
        };
        let setup = match (next.is_some(), self.channels.proven()) {
            (true, Some(Channel::Epsv)) => Some(Command::Epsv),
            (true, Some(Channel::Pasv)) => Some(Command::Pasv),
            _ => None,
        };
        let (Some(cmd), Some(setup)) = (next, setup) else {
            return self.size(path);
        };
        if self.ahead.is_some() || !self.is_usable() || self.traits.answers_out_of_turn() {
            return self.size(path);
        }
        let mut wire = size.to_wire_in(self.charset())?;
        wire.extend_from_slice(&setup.to_wire()?);
        self.note(&format!(
            "sending {} with SIZE, for {}",
            setup.redacted(),
            cmd.redacted()
        ));
        self.write_raw(&wire, &[&size, &setup])?;
        let channel = self.channels.proven().expect("matched above");
        self.ahead = Some(Ahead {
            channel,
            command: cmd,
            sent: false,
            listener: None,
        });
        // Read SIZE's reply ourselves: sending anything would settle the setup first.
        let mut reply = self.read_final_to(&size)?;
        if matches!(reply.code, 227 | 229) {
            // The setup's answer came first (seen on real servers): SIZE's is next. The
            // passive port it opened goes unused (the next setup replaces it), and nothing is
            // sent ahead to this server again.
            self.note(&format!(
                "the server answered {} before SIZE: no more commands sent ahead to it",
                setup.redacted()
            ));
            self.traits.learn_answers_out_of_turn();
            self.ahead = None;
            reply = self.read_final_to(&size)?;
        }
        self.size_without_number =
            (reply.is_completion() && size_in(&reply).is_none()).then(|| reply.one_line());
        crate::engine::commands::transient_is_an_error(&size, reply).map(|r| size_in(&r))
    }

    /// Completes a setup and transfer command that were sent ahead. `None` when the server
    /// refused the setup: the pair is settled and the caller goes on with the normal
    /// negotiation.
    pub(crate) fn use_ahead(&mut self, ahead: Ahead, early: bool) -> Result<Option<Opened>> {
        let what = format!("waiting for the reply to {}", ahead.channel);
        let setup = self.read_reply(&what)?;
        if !setup.is_completion() {
            return self.ahead_refused(&ahead, setup).map(|()| None);
        }
        let opened = match &ahead.listener {
            None => self.ahead_connect(&ahead, &setup, early)?,
            Some(listener) => self.ahead_accept(&ahead, listener.as_ref())?,
        };
        Ok(Some(opened))
    }

    /// The setup sent ahead was refused: read the transfer command's reply too, and forget the
    /// channel that was proven (unless the refusal was "not logged in", the session's problem).
    fn ahead_refused(&mut self, ahead: &Ahead, setup: Reply) -> Result<()> {
        self.note(&format!(
            "{} sent ahead was refused: {}",
            ahead.channel,
            setup.one_line()
        ));
        if ahead.sent {
            while self.read_reply_to(&ahead.command)?.is_preliminary() {}
        }
        if codes::classify(&setup) == Refusal::Login {
            return Err(Error::rejected(ahead.channel.to_string(), setup));
        }
        self.channels.forget_proven();
        Ok(())
    }

    /// A passive setup sent ahead was accepted: connect where it says, then send the transfer
    /// command if it did not go ahead too, and read its first reply — unless `early` (a
    /// small upload): then its data goes out at once, and the guard reads the 1xx and the
    /// final reply after it.
    fn ahead_connect(&mut self, ahead: &Ahead, setup: &Reply, early: bool) -> Result<Opened> {
        // The server now waits for our connection; if it cannot be made, nothing brings
        // replies back in step but a new connection.
        let target = self.ahead_target(ahead.channel, setup)?;
        let mut data = match self.net.connect(&target, self.opts.connect_timeout) {
            Ok(data) => data,
            Err(e) => {
                self.mark_desynced();
                return Err(io_error(
                    e,
                    format!("connecting the data connection to {target}"),
                    self.opts.connect_timeout,
                ));
            }
        };
        configure_data(&data, self.opts.timeout).map_err(Attempt::into_error)?;
        self.hello_on_data(&mut data);
        if !ahead.sent {
            self.send(&ahead.command)?;
        }
        if early && matches!(ahead.command, Command::Stor(_) | Command::Appe(_)) {
            self.note(&format!(
                "sending the data of {} without waiting for its 150",
                ahead.command.redacted()
            ));
            return Ok(Opened {
                stream: Some(data),
                prelim: None,
                done: None,
            });
        }
        let first = self.read_reply_to(&ahead.command)?;
        let first = check_transfer_reply(&ahead.command, first).map_err(Attempt::into_error)?;
        Ok(Opened::with(Some(data), first))
    }

    /// A listener for an active channel sent ahead, and the EPRT/PORT that announces it.
    fn ahead_listener(&mut self, channel: Channel) -> Option<(Command, Box<dyn DataListener>)> {
        self.active_listener(channel).ok()
    }

    /// An active setup sent ahead was accepted: send the transfer command if it waited for
    /// that, read its first reply and take the server's connection.
    fn ahead_accept(&mut self, ahead: &Ahead, listener: &dyn DataListener) -> Result<Opened> {
        let cmd = &ahead.command;
        if !ahead.sent {
            self.send(cmd)?;
        }
        let first = self.read_reply_to(cmd)?;
        let first = check_transfer_reply(cmd, first).map_err(Attempt::into_error)?;
        let preliminary = first.is_preliminary();
        let mut opened = Opened::with(None, first);
        if preliminary {
            opened.stream = self
                .accept_from_server(listener, &mut opened)
                .map_err(Attempt::into_error)?;
        }
        Ok(opened)
    }

    /// Takes the pending pair if it is exactly `cmd` (with no REST); otherwise settles it.
    pub(crate) fn take_ahead(&mut self, cmd: &Command, rest: u64) -> Result<Option<Ahead>> {
        match self.ahead.take() {
            Some(a) if rest == 0 && a.command == *cmd => Ok(Some(a)),
            Some(a) => {
                self.settle(a)?;
                Ok(None)
            }
            None => Ok(None),
        }
    }

    /// Brings replies and commands back in step when a pair sent ahead will not be used.
    pub(crate) fn settle_ahead(&mut self) -> Result<()> {
        match self.ahead.take() {
            Some(a) => self.settle(a),
            None => Ok(()),
        }
    }

    fn settle(&mut self, ahead: Ahead) -> Result<()> {
        self.note(&format!(
            "not using the {} sent ahead",
            ahead.command.redacted()
        ));
        let result = self.try_settle(ahead);
        if result.is_err() {
            self.mark_desynced();
        }
        result
    }

    fn try_settle(&mut self, ahead: Ahead) -> Result<()> {
        let what = "settling a transfer sent ahead";
        let setup = self.read_reply(what)?;
        if !ahead.sent {
            // Only the setup command went out: its reply is all there is to read.
            return Ok(());
        }
        if setup.is_completion() {
            match ahead.channel {
                // The server waits for our connection: make it, and close it at once.
                Channel::Epsv | Channel::Pasv => {
                    let target = self.ahead_target(ahead.channel, &setup)?;
                    let data = self
                        .net
                        .connect(&target, self.opts.connect_timeout)
                        .map_err(|e| io_error(e, what.into(), self.opts.connect_timeout))?;
                    drop(data);
                }
                // Closing the listener makes the server's connection fail.
                Channel::Eprt | Channel::Port => drop(ahead.listener),
            }
        }
        while self.read_reply(what)?.is_preliminary() {}
        Ok(())
    }

    /// Where a passive setup reply read for a pair sent ahead says to connect.
    pub(crate) fn ahead_target(&mut self, channel: Channel, reply: &Reply) -> Result<Target> {
        let bad = |e: addr::AddrError| Error::Unexpected {
            command: channel.to_string(),
            reply: Reply::new(reply.code, vec![format!("{} ({e})", reply.one_line())]),
        };
        if channel == Channel::Epsv {
            let port = addr::parse_epsv(&reply.text()).map_err(bad)?;
            return Ok(self.server_port(port));
        }
        let advertised = addr::parse_pasv(&reply.text()).map_err(bad)?;
        Ok(self.pasv_data_target(advertised).map_err(bad)?.0)
    }
}
