//! The plain commands: one command, one reply (TYPE, PWD, CWD, SIZE, MKD, RNFR/RNTO, SITE,
//! QUIT ...), each checked and turned into a value; transfers are in `transfer.rs`.

use crate::engine::session::Session;
use crate::error::{Error, Result};
use crate::proto::command::{Command, TransferType};
use crate::proto::replies::{parse_257, size_in};
use crate::proto::reply::Reply;

impl Session {
    /// Sets TYPE A or I, skipping the round trip when it is already set.
    pub fn set_type(&mut self, t: TransferType) -> Result<()> {
        if self.transfer_type != Some(t) {
            self.expect(&Command::Type(t), &[])?;
            self.transfer_type = Some(t);
        }
        Ok(())
    }

    /// The current directory (PWD), with RFC 959's doubled quotes undone.
    pub fn pwd(&mut self) -> Result<String> {
        let reply = self.expect(&Command::Pwd, &[])?;
        parse_257(&reply).ok_or_else(|| Error::Unexpected {
            command: "PWD".into(),
            reply,
        })
    }

    /// CWD.
    pub fn cwd(&mut self, path: &str) -> Result<()> {
        self.expect(&Command::Cwd(path.into()), &[]).map(drop)
    }

    /// CDUP.
    pub fn cdup(&mut self) -> Result<()> {
        self.expect(&Command::Cdup, &[]).map(drop)
    }

    /// SIZE: `Ok(None)` when the server cannot tell (no such command, or refused).
    pub fn size(&mut self, path: &str) -> Result<Option<u64>> {
        if self.traits.lacks("SIZE") {
            return Ok(None);
        }
        let cmd = Command::Size(path.into());
        let reply = self.command(&cmd)?;
        if matches!(reply.code, 500..=504) {
            self.traits.learn_lacks("SIZE");
        }
        self.size_without_number =
            (reply.is_completion() && size_in(&reply).is_none()).then(|| reply.one_line());
        transient_is_an_error(&cmd, reply).map(|r| size_in(&r))
    }

    /// MDTM: the raw `YYYYMMDDHHMMSS[.sss]` timestamp (UTC).
    pub fn mdtm(&mut self, path: &str) -> Result<String> {
        let reply = self.expect(&Command::Mdtm(path.into()), &[])?;
        Ok(reply.text().trim().to_owned())
    }

    /// MKD; returns the created path when the server says it.
    pub fn mkd(&mut self, path: &str) -> Result<Option<String>> {
        let reply = self.expect(&Command::Mkd(path.into()), &[])?;
        Ok(parse_257(&reply))
    }

    /// RMD.
    pub fn rmd(&mut self, path: &str) -> Result<()> {
        self.expect(&Command::Rmd(path.into()), &[]).map(drop)
    }

    /// DELE.
    pub fn dele(&mut self, path: &str) -> Result<()> {
        self.expect(&Command::Dele(path.into()), &[]).map(drop)
    }

    /// RNFR then RNTO.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<()> {
        self.expect(&Command::Rnfr(from.into()), &[350])?;
        self.expect(&Command::Rnto(to.into()), &[]).map(drop)
    }

    /// NOOP.
    pub fn noop(&mut self) -> Result<()> {
        self.expect(&Command::Noop, &[]).map(drop)
    }

    /// SYST: the system type text.
    pub fn syst(&mut self) -> Result<String> {
        Ok(self.expect(&Command::Syst, &[])?.text())
    }

    /// SITE: the reply, whatever its code.
    pub fn site(&mut self, args: &str) -> Result<Reply> {
        self.command(&Command::Site(args.into()))
    }

    /// A raw command (`quote`): the reply, whatever its code.
    pub fn quote(&mut self, line: &str) -> Result<Reply> {
        self.command(&Command::Raw(line.into()))
    }

    /// Sends QUIT and closes without waiting for the 221: for the extra connections of a
    /// parallel transfer, whose goodbyes would otherwise cost a round trip each at the end.
    pub fn quit_without_reply(mut self) {
        if self.ahead.is_none() {
            let _ = self.send(&Command::Quit);
        }
    }

    /// CWD to `path` and TYPE `t` in one write, then both replies: a new connection of a
    /// parallel transfer gets where it works one round trip sooner.
    pub fn cwd_and_type(&mut self, path: &str, t: TransferType) -> Result<()> {
        let cwd = Command::Cwd(path.into());
        let ty = Command::Type(t);
        let mut wire = cwd.to_wire_in(self.charset())?;
        wire.extend_from_slice(&ty.to_wire()?);
        self.settle_ahead()?;
        self.write_raw(&wire, &[&cwd, &ty])?;
        let changed = self.read_final_to(&cwd);
        let typed = self.read_final_to(&ty);
        let (changed, typed) = (changed?, typed?);
        if !changed.is_completion() {
            return Err(Error::rejected(cwd.redacted(), changed));
        }
        if !typed.is_completion() {
            return Err(Error::rejected(ty.redacted(), typed));
        }
        self.transfer_type = Some(t);
        Ok(())
    }

    /// QUIT and close. Errors are ignored: the session ends either way.
    pub fn quit(mut self) {
        // A transfer sent ahead and never used: the server is waiting for its data
        // connection and would not read QUIT; closing the connection ends it just as well.
        if self.ahead.is_some() {
            return;
        }
        let _ = self.command(&Command::Quit);
    }
}

/// A 4xx reply (421 closing, 450 busy) is not an answer about the file: it is a failure to be
/// retried, never read as "no size" or "no time".
pub(crate) fn transient_is_an_error(cmd: &Command, reply: Reply) -> Result<Reply> {
    match reply.is_transient() {
        true => Err(Error::rejected(cmd.redacted(), reply)),
        false => Ok(reply),
    }
}
