//! What a remote path is — file or directory, size, modification time — by the best means the
//! server has, for `stat`, `size`, `modtime` and resumed uploads.
//!
//! The order: MLST when FEAT offers it; otherwise SIZE and MDTM. When the server does not know
//! SIZE or MDTM (500–504), or FEAT itself was refused, MLST is tried even though FEAT did not
//! list it, and when that is unknown too, a listing of the parent directory gives the entry.
//! What a server does not know is learned once in its [`ServerTraits`](super::known), so the
//! next path (and every lane) goes straight to what works.
//!
//! `stat` must never call a directory a file: some servers answer `SIZE dir` with `213 4096`.
//! Without MLST, a path that SIZE gave a size for is also tried with CWD (and the directory
//! changed back); one CWD accepts is a directory.

use crate::engine::session::Session;
use crate::error::{Error, Result};
use crate::proto::codes::{Refusal, classify};
use crate::proto::command::{Command, TransferType};
use crate::proto::listing::{Entry, EntryKind, Timestamp, parse_listing, parse_mlsd_line};
use crate::proto::replies::size_in;
use crate::proto::reply::Reply;

/// What a path is. `size` and `modified` are `None` when the server cannot tell.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// File, directory, link or other.
    pub kind: EntryKind,
    /// Bytes, for a file.
    pub size: Option<u64>,
    /// Last modification, UTC.
    pub modified: Option<Timestamp>,
}

impl From<Entry> for Facts {
    fn from(e: Entry) -> Facts {
        Facts {
            kind: e.kind,
            size: e.size,
            modified: e.modified,
        }
    }
}

/// What SIZE said.
#[derive(Debug)]
pub enum SizeAnswer {
    /// The size in bytes.
    Bytes(u64),
    /// A 2xx without a number (`213 File status`).
    NoNumber(Reply),
    /// The server does not know SIZE (500–504; learned for the sessions to it).
    Unknown,
    /// A refusal for this path (550 and the like).
    Refused(Reply),
}

/// True when `reply` says the server does not know or allow the command (500–504).
fn unknown(reply: &Reply) -> bool {
    classify(reply) == Refusal::Unsupported && reply.code != 202
}

impl Session {
    /// MLST of `path`: `Ok(None)` when the server does not know MLST (learned).
    fn mlst(&mut self, path: &str) -> Result<Option<Facts>> {
        let cmd = Command::Raw(format!("MLST {path}"));
        let reply = self.command(&cmd)?;
        if unknown(&reply) {
            self.traits.learn_lacks("MLST");
            return Ok(None);
        }
        if !reply.is_completion() {
            return Err(Error::rejected(format!("MLST {path}"), reply));
        }
        let entry = reply
            .lines
            .iter()
            .filter_map(|l| l.strip_prefix(' '))
            .find_map(parse_mlsd_line);
        match entry {
            Some(e) => Ok(Some(e.into())),
            None => Err(Error::Unexpected {
                command: "MLST".into(),
                reply,
            }),
        }
    }

    /// The entry for `path` in its parent's listing (MLSD when offered, else LIST).
    fn listed(&mut self, path: &str) -> Result<Facts> {
        let trimmed = path.trim_end_matches('/');
        let (parent, name) = match trimmed.rsplit_once('/') {
            Some(("", name)) => ("/", name),
            Some((parent, name)) => (parent, name),
            None => ("", trimmed),
        };
        let mlsd = self.features().has("MLST");
        let kind = match mlsd {
            true => crate::engine::transfer::ListKind::Machine,
            false => crate::engine::transfer::ListKind::Long,
        };
        let mut body = Vec::new();
        self.list(kind, Some(parent), &mut body)?;
        let now = Timestamp::from_unix_seconds(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
        );
        let charset = self.listing_charset(&body);
        parse_listing(&body, mlsd, now, charset)
            .into_iter()
            .find(|e| e.name == name)
            .map(Facts::from)
            .ok_or_else(|| Error::NotListed {
                path: path.to_owned(),
                parent: parent.to_owned(),
            })
    }

    /// MLST (even when FEAT did not list it), else the parent's listing: for servers without
    /// SIZE or MDTM.
    fn facts_without_size(&mut self, path: &str) -> Result<Facts> {
        if !self.traits.lacks("MLST")
            && let Some(facts) = self.mlst(path)?
        {
            return Ok(facts);
        }
        self.listed(path)
    }

    /// SIZE of `path` in binary type; SIZE unknown to the server is learned.
    pub fn size_answer(&mut self, path: &str) -> Result<SizeAnswer> {
        if self.traits.lacks("SIZE") {
            return Ok(SizeAnswer::Unknown);
        }
        self.set_type(TransferType::Binary)?;
        let cmd = Command::Size(path.into());
        let reply = self.command(&cmd)?;
        if reply.is_completion() {
            return Ok(match size_in(&reply) {
                Some(n) => SizeAnswer::Bytes(n),
                None => SizeAnswer::NoNumber(reply),
            });
        }
        if unknown(&reply) {
            self.traits.learn_lacks("SIZE");
            return Ok(SizeAnswer::Unknown);
        }
        let reply = crate::engine::commands::transient_is_an_error(&cmd, reply)?;
        Ok(SizeAnswer::Refused(reply))
    }

    /// Everything about `path` (see the module docs).
    pub fn facts(&mut self, path: &str) -> Result<Facts> {
        if self.features().has("MLST")
            && let Some(facts) = self.mlst(path)?
        {
            return Ok(facts);
        }
        let size = match self.size_answer(path)? {
            SizeAnswer::Bytes(n) => Some(n),
            SizeAnswer::NoNumber(_) => None,
            SizeAnswer::Unknown => return self.facts_without_size(path),
            SizeAnswer::Refused(refused) => {
                // Not a file SIZE can measure: a directory CWD accepts, or nothing.
                if self.is_directory(path)? {
                    let modified = self.time_by_mdtm(path)?;
                    return Ok(Facts {
                        kind: EntryKind::Dir,
                        size: None,
                        modified,
                    });
                }
                return Err(Error::rejected(format!("SIZE {path}"), refused));
            }
        };
        // Some servers measure directories (213 4096): ask CWD.
        if self.is_directory(path)? {
            let modified = self.time_by_mdtm(path)?;
            return Ok(Facts {
                kind: EntryKind::Dir,
                size: None,
                modified,
            });
        }
        let modified = match self.traits.lacks("MDTM") {
            true => self.facts_without_size(path)?.modified,
            false => match self.time_by_mdtm(path)? {
                Some(t) => Some(t),
                None if self.traits.lacks("MDTM") => self.facts_without_size(path)?.modified,
                None => None,
            },
        };
        Ok(Facts {
            kind: EntryKind::File,
            size,
            modified,
        })
    }

    /// MDTM's time; `None` when refused or unreadable (MDTM unknown to the server is learned).
    fn time_by_mdtm(&mut self, path: &str) -> Result<Option<Timestamp>> {
        if self.traits.lacks("MDTM") {
            return Ok(None);
        }
        let reply = self.command(&Command::Mdtm(path.into()))?;
        if reply.is_completion() {
            return Ok(Timestamp::parse_mdtm(reply.text().trim()));
        }
        if unknown(&reply) {
            self.traits.learn_lacks("MDTM");
        }
        crate::engine::commands::transient_is_an_error(&Command::Mdtm(path.into()), reply)?;
        Ok(None)
    }

    /// True when CWD accepts `path`; the working directory is changed back.
    fn is_directory(&mut self, path: &str) -> Result<bool> {
        let here = self.pwd()?;
        let reply = self.command(&Command::Cwd(path.into()))?;
        if !reply.is_completion() {
            crate::engine::commands::transient_is_an_error(&Command::Cwd(path.into()), reply)?;
            return Ok(false);
        }
        self.cwd(&here)?;
        Ok(true)
    }

    /// The size of the file at `path` for `size` and resumed uploads: SIZE, or MLST or the
    /// parent's listing when the server has no SIZE. `Ok(None)` when it cannot tell (SIZE
    /// refused the path, or answered without a number).
    pub fn file_size(&mut self, path: &str) -> Result<Option<u64>> {
        match self.size_answer(path)? {
            SizeAnswer::Bytes(n) => return Ok(Some(n)),
            SizeAnswer::NoNumber(_) | SizeAnswer::Refused(_) => return Ok(None),
            SizeAnswer::Unknown => {}
        }
        match self.facts_without_size(path) {
            Ok(f) => Ok(f.size),
            Err(Error::NotListed { .. }) => Ok(None),
            Err(e) if e.is_connection_lost() => Err(e),
            Err(e)
                if e.reply()
                    .is_some_and(|r| classify(r) == Refusal::RemoteFile) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The modification time of `path` for `modtime`: MDTM, or MLST or the parent's listing
    /// when the server has no MDTM.
    pub fn file_time(&mut self, path: &str) -> Result<Option<Timestamp>> {
        if !self.traits.lacks("MDTM") {
            let cmd = Command::Mdtm(path.into());
            let reply = self.command(&cmd)?;
            if reply.is_completion() {
                return Ok(Timestamp::parse_mdtm(reply.text().trim()));
            }
            if !unknown(&reply) {
                return Err(Error::rejected(format!("MDTM {path}"), reply));
            }
            self.traits.learn_lacks("MDTM");
        }
        Ok(self.facts_without_size(path)?.modified)
    }
}
