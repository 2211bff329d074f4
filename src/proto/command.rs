//! FTP commands and their wire form.
//!
//! [`Command`] is the only way the engine puts bytes on the control connection, and
//! [`Command::to_wire`] is the one place that checks arguments: any argument holding a CR, LF or
//! NUL is refused with [`InvalidArgument`], whatever it came from (user input, a URL, a name read
//! from a listing, a `.netrc` value). A name such as `a\r\nDELE b` therefore never reaches the
//! server as two commands.
//!
//! Names go on the wire in the server's charset ([`Command::to_wire_in`]): a name that charset
//! cannot represent is refused with [`Unencodable`] before anything is written.
//!
//! Secrets (PASS, ACCT) are kept in [`Secret`] and every human-facing rendering
//! ([`Command::redacted`], `Debug`) prints `****` in their place.

use std::fmt;
use std::net::{SocketAddr, SocketAddrV4};

use super::addr::{format_eprt, format_port};
use super::charset::Charset;
use super::digest::HashAlgo;

/// A string that must never be printed: a password or an account.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the wire only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

/// Representation type for `TYPE` (RFC 959 §3.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferType {
    /// `TYPE A`: text with CRLF line endings on the wire.
    Ascii,
    /// `TYPE I`: bytes as they are.
    Binary,
}

/// One FTP command with its arguments.
///
/// `Debug` prints the redacted line, like [`Command::redacted`]: a derived `Debug` would show a
/// raw `PASS …` line typed through `quote` as it is.
#[derive(Clone, PartialEq, Eq)]
pub enum Command {
    /// `USER name`
    User(String),
    /// `PASS password`
    Pass(Secret),
    /// `ACCT account`
    Acct(Secret),
    /// `AUTH TLS` (RFC 4217)
    AuthTls,
    /// `PBSZ 0` (RFC 4217)
    Pbsz,
    /// `PROT P` (private) or `PROT C` (clear)
    Prot(bool),
    /// `QUIT`
    Quit,
    /// `SYST`
    Syst,
    /// `FEAT` (RFC 2389)
    Feat,
    /// `OPTS args`, e.g. `OPTS UTF8 ON`
    Opts(String),
    /// `PWD`
    Pwd,
    /// `CWD path`
    Cwd(String),
    /// `CDUP`
    Cdup,
    /// `TYPE A` / `TYPE I`
    Type(TransferType),
    /// `SIZE path` (RFC 3659)
    Size(String),
    /// `MDTM path` (RFC 3659)
    Mdtm(String),
    /// `HASH path` (draft-bryan-ftpext-hash-02; `OPTS HASH NAME` chooses the algorithm)
    Hash(String),
    /// `XSHA256 path`, `XSHA512`, `XSHA1`, `XMD5` or `XCRC`: one algorithm's hash
    XHash(HashAlgo, String),
    /// `MKD path`
    Mkd(String),
    /// `RMD path`
    Rmd(String),
    /// `DELE path`
    Dele(String),
    /// `RNFR path`
    Rnfr(String),
    /// `RNTO path`
    Rnto(String),
    /// `NOOP`
    Noop,
    /// `SITE args`
    Site(String),
    /// `REST offset`
    Rest(u64),
    /// `EPSV` (RFC 2428)
    Epsv,
    /// `PASV`
    Pasv,
    /// `EPRT |af|addr|port|` (RFC 2428)
    Eprt(SocketAddr),
    /// `PORT h1,h2,h3,h4,p1,p2`
    Port(SocketAddrV4),
    /// `RETR path`
    Retr(String),
    /// `STOR path`
    Stor(String),
    /// `APPE path`
    Appe(String),
    /// `LIST [path]`
    List(Option<String>),
    /// `NLST [path]`
    Nlst(Option<String>),
    /// `MLSD [path]` (RFC 3659)
    Mlsd(Option<String>),
    /// `ABOR`
    Abor,
    /// A raw command line typed by the user (`quote`); still checked for CR/LF/NUL.
    Raw(String),
}

/// An argument that would have injected a second command or truncated this one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "refusing to send {verb}: the argument {shown} contains a {what} character, which would corrupt the FTP command stream"
)]
pub struct InvalidArgument {
    /// The command's verb.
    pub verb: &'static str,
    /// The argument with control characters escaped (secrets replaced).
    pub shown: String,
    /// "carriage return", "line feed" or "NUL".
    pub what: &'static str,
}

/// An argument holding a character the server's charset cannot represent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot send {verb}: {shown} holds {}, which the server's character set ({charset}) cannot represent",
    .ch.map_or("a character".to_owned(), |c| format!("{c:?}"))
)]
pub struct Unencodable {
    /// The command's verb.
    pub verb: &'static str,
    /// The argument (quoted; `(redacted)` for secrets).
    pub shown: String,
    /// The first character the charset lacks (`None` for a secret).
    pub ch: Option<char>,
    /// The charset's name.
    pub charset: String,
}

/// Why a command could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// CR, LF or NUL in an argument.
    #[error(transparent)]
    Control(#[from] InvalidArgument),
    /// A character the charset lacks.
    #[error(transparent)]
    Unencodable(#[from] Unencodable),
}

impl Command {
    /// The command's verb as sent (`RETR`, `EPSV`, ...); `QUOTE` for a raw line.
    pub fn verb(&self) -> &'static str {
        match self {
            Command::User(_) => "USER",
            Command::Pass(_) => "PASS",
            Command::Acct(_) => "ACCT",
            Command::AuthTls => "AUTH",
            Command::Pbsz => "PBSZ",
            Command::Prot(_) => "PROT",
            Command::Quit => "QUIT",
            Command::Syst => "SYST",
            Command::Feat => "FEAT",
            Command::Opts(_) => "OPTS",
            Command::Pwd => "PWD",
            Command::Cwd(_) => "CWD",
            Command::Cdup => "CDUP",
            Command::Type(_) => "TYPE",
            Command::Size(_) => "SIZE",
            Command::Mdtm(_) => "MDTM",
            Command::Hash(_) => "HASH",
            Command::XHash(algo, _) => algo.x_verb(),
            Command::Mkd(_) => "MKD",
            Command::Rmd(_) => "RMD",
            Command::Dele(_) => "DELE",
            Command::Rnfr(_) => "RNFR",
            Command::Rnto(_) => "RNTO",
            Command::Noop => "NOOP",
            Command::Site(_) => "SITE",
            Command::Rest(_) => "REST",
            Command::Epsv => "EPSV",
            Command::Pasv => "PASV",
            Command::Eprt(_) => "EPRT",
            Command::Port(_) => "PORT",
            Command::Retr(_) => "RETR",
            Command::Stor(_) => "STOR",
            Command::Appe(_) => "APPE",
            Command::List(_) => "LIST",
            Command::Nlst(_) => "NLST",
            Command::Mlsd(_) => "MLSD",
            Command::Abor => "ABOR",
            Command::Raw(_) => "QUOTE",
        }
    }

    /// The argument as it goes on the wire, if any.
    fn argument(&self) -> Option<String> {
        match self {
            Command::User(s)
            | Command::Opts(s)
            | Command::Cwd(s)
            | Command::Size(s)
            | Command::Mdtm(s)
            | Command::Hash(s)
            | Command::XHash(_, s)
            | Command::Mkd(s)
            | Command::Rmd(s)
            | Command::Dele(s)
            | Command::Rnfr(s)
            | Command::Rnto(s)
            | Command::Site(s)
            | Command::Retr(s)
            | Command::Stor(s)
            | Command::Appe(s) => Some(s.clone()),
            Command::Pass(s) | Command::Acct(s) => Some(s.expose().to_owned()),
            Command::List(p) | Command::Nlst(p) | Command::Mlsd(p) => p.clone(),
            Command::AuthTls => Some("TLS".into()),
            Command::Pbsz => Some("0".into()),
            Command::Prot(true) => Some("P".into()),
            Command::Prot(false) => Some("C".into()),
            Command::Type(TransferType::Ascii) => Some("A".into()),
            Command::Type(TransferType::Binary) => Some("I".into()),
            Command::Rest(n) => Some(n.to_string()),
            Command::Eprt(a) => Some(format_eprt(*a)),
            Command::Port(a) => Some(format_port(*a)),
            Command::Raw(_)
            | Command::Quit
            | Command::Syst
            | Command::Feat
            | Command::Pwd
            | Command::Cdup
            | Command::Noop
            | Command::Epsv
            | Command::Pasv
            | Command::Abor => None,
        }
    }

    fn is_secret(&self) -> bool {
        matches!(self, Command::Pass(_) | Command::Acct(_)) || self.is_raw_secret()
    }

    /// A raw `PASS x` / `ACCT x` typed through `quote`: just as secret as [`Command::Pass`].
    fn is_raw_secret(&self) -> bool {
        let Command::Raw(line) = self else {
            return false;
        };
        let upper = line.trim_start().to_ascii_uppercase();
        upper.starts_with("PASS") || upper.starts_with("ACCT")
    }

    /// The full line without CRLF, as it goes on the wire (not checked; use [`Command::to_wire`]).
    fn line(&self) -> String {
        match (self, self.argument()) {
            (Command::Raw(line), _) => line.clone(),
            (_, Some(arg)) => format!("{} {}", self.verb(), arg),
            (_, None) => self.verb().to_owned(),
        }
    }

    /// The bytes to write, `VERB arg\r\n`, or an error if any argument holds CR, LF or NUL.
    pub fn to_wire(&self) -> Result<Vec<u8>, InvalidArgument> {
        let line = self.line();
        if let Some(bad) = line.chars().find(|c| matches!(c, '\r' | '\n' | '\0')) {
            let what = match bad {
                '\r' => "carriage return",
                '\n' => "line feed",
                _ => "NUL",
            };
            let shown = if self.is_secret() {
                "(redacted)".to_owned()
            } else {
                format!("{:?}", self.argument().unwrap_or(line))
            };
            return Err(InvalidArgument {
                verb: self.verb(),
                shown,
                what,
            });
        }
        let mut bytes = line.into_bytes();
        bytes.extend_from_slice(b"\r\n");
        Ok(bytes)
    }

    /// The bytes to write with names in `charset` (see [`Command::to_wire`] for the CR/LF/NUL
    /// rule, checked first).
    pub fn to_wire_in(&self, charset: Charset) -> Result<Vec<u8>, WireError> {
        let utf8 = self.to_wire()?;
        if utf8.is_ascii() {
            return Ok(utf8);
        }
        let mut line = self.line();
        line.push_str("\r\n");
        charset.encode(&line).map_err(|ch| {
            let secret = self.is_secret();
            WireError::Unencodable(Unencodable {
                verb: self.verb(),
                shown: if secret {
                    "(redacted)".to_owned()
                } else {
                    format!(
                        "{:?}",
                        self.argument().unwrap_or(line.trim_end().to_owned())
                    )
                },
                ch: (!secret).then_some(ch),
                charset: charset.name(),
            })
        })
    }

    /// The line for traces and error messages: secrets shown as `****`.
    pub fn redacted(&self) -> String {
        if let (true, Command::Raw(line)) = (self.is_raw_secret(), self) {
            // ASCII uppercasing keeps byte offsets, so the first four bytes are the verb.
            format!("{} ****", &line.trim_start()[..4])
        } else if self.is_secret() {
            format!("{} ****", self.verb())
        } else if let Command::Raw(line) = self {
            line.clone()
        } else {
            self.line()
        }
    }
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Command").field(&self.redacted()).finish()
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// An FTP command's verb as a type (RFC mnemonics), for the error mapping and hints to match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `USER`
    User,
    /// `PASS`
    Pass,
    /// `ACCT`
    Acct,
    /// `AUTH`
    Auth,
    /// `PBSZ`
    Pbsz,
    /// `PROT`
    Prot,
    /// `QUIT`
    Quit,
    /// `SYST`
    Syst,
    /// `FEAT`
    Feat,
    /// `OPTS`
    Opts,
    /// `PWD`
    Pwd,
    /// `CWD`
    Cwd,
    /// `CDUP`
    Cdup,
    /// `TYPE`
    Type,
    /// `SIZE`
    Size,
    /// `MDTM`
    Mdtm,
    /// `MLST`
    Mlst,
    /// `HASH`
    Hash,
    /// `XSHA256`
    Xsha256,
    /// `XSHA512`
    Xsha512,
    /// `XSHA1`
    Xsha1,
    /// `XMD5`
    Xmd5,
    /// `XCRC`
    Xcrc,
    /// `MFMT`
    Mfmt,
    /// `MKD`
    Mkd,
    /// `RMD`
    Rmd,
    /// `DELE`
    Dele,
    /// `RNFR`
    Rnfr,
    /// `RNTO`
    Rnto,
    /// `NOOP`
    Noop,
    /// `SITE`
    Site,
    /// `REST`
    Rest,
    /// `EPSV`
    Epsv,
    /// `PASV`
    Pasv,
    /// `EPRT`
    Eprt,
    /// `PORT`
    Port,
    /// `RETR`
    Retr,
    /// `STOR`
    Stor,
    /// `APPE`
    Appe,
    /// `LIST`
    List,
    /// `NLST`
    Nlst,
    /// `MLSD`
    Mlsd,
    /// `ABOR`
    Abor,
}

const VERBS: [(Verb, &str); 43] = [
    (Verb::User, "USER"),
    (Verb::Pass, "PASS"),
    (Verb::Acct, "ACCT"),
    (Verb::Auth, "AUTH"),
    (Verb::Pbsz, "PBSZ"),
    (Verb::Prot, "PROT"),
    (Verb::Quit, "QUIT"),
    (Verb::Syst, "SYST"),
    (Verb::Feat, "FEAT"),
    (Verb::Opts, "OPTS"),
    (Verb::Pwd, "PWD"),
    (Verb::Cwd, "CWD"),
    (Verb::Cdup, "CDUP"),
    (Verb::Type, "TYPE"),
    (Verb::Size, "SIZE"),
    (Verb::Mdtm, "MDTM"),
    (Verb::Mlst, "MLST"),
    (Verb::Hash, "HASH"),
    (Verb::Xsha256, "XSHA256"),
    (Verb::Xsha512, "XSHA512"),
    (Verb::Xsha1, "XSHA1"),
    (Verb::Xmd5, "XMD5"),
    (Verb::Xcrc, "XCRC"),
    (Verb::Mfmt, "MFMT"),
    (Verb::Mkd, "MKD"),
    (Verb::Rmd, "RMD"),
    (Verb::Dele, "DELE"),
    (Verb::Rnfr, "RNFR"),
    (Verb::Rnto, "RNTO"),
    (Verb::Noop, "NOOP"),
    (Verb::Site, "SITE"),
    (Verb::Rest, "REST"),
    (Verb::Epsv, "EPSV"),
    (Verb::Pasv, "PASV"),
    (Verb::Eprt, "EPRT"),
    (Verb::Port, "PORT"),
    (Verb::Retr, "RETR"),
    (Verb::Stor, "STOR"),
    (Verb::Appe, "APPE"),
    (Verb::List, "LIST"),
    (Verb::Nlst, "NLST"),
    (Verb::Mlsd, "MLSD"),
    (Verb::Abor, "ABOR"),
];

impl Verb {
    /// The verb as it goes on the wire (`RETR`).
    pub fn as_str(self) -> &'static str {
        VERBS
            .iter()
            .find(|(v, _)| *v == self)
            .map(|(_, s)| *s)
            .expect("every verb is in the table")
    }

    /// The verb a word names, in any case; `None` for anything else (`connect`, `XSHA`).
    pub fn from_word(word: &str) -> Option<Verb> {
        VERBS
            .iter()
            .find(|(_, s)| s.eq_ignore_ascii_case(word))
            .map(|(v, _)| *v)
    }

    /// The verb of a command line as shown to people: its first word (`PASS ****` → `Pass`).
    pub fn of_line(line: &str) -> Option<Verb> {
        Verb::from_word(line.split_whitespace().next().unwrap_or(""))
    }
}

impl fmt::Display for Verb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_pass_refused_for_a_control_character_does_not_show_the_password() {
        for line in ["PASS hunter2\r", "  pass hunter2\n", "ACCT hunter2\0"] {
            let e = Command::Raw(line.into()).to_wire().unwrap_err();
            assert!(!e.to_string().contains("hunter2"), "{e}");
            assert_eq!(e.shown, "(redacted)");
        }
        assert_eq!(
            Command::Raw("PASS hunter2\r".into()).redacted(),
            "PASS ****"
        );
    }

    #[test]
    fn every_command_but_a_raw_line_has_a_typed_verb() {
        let commands = [
            Command::User("u".into()),
            Command::Pass(Secret::new("p")),
            Command::AuthTls,
            Command::Retr("f".into()),
            Command::Rest(1),
            Command::Mlsd(None),
            Command::Abor,
            Command::Hash("f".into()),
            Command::XHash(HashAlgo::Sha256, "f".into()),
            Command::XHash(HashAlgo::Crc32, "f".into()),
        ];
        for cmd in commands {
            let verb = Verb::of_line(&cmd.redacted()).expect("a verb");
            assert_eq!(verb.as_str(), cmd.verb());
        }
        assert_eq!(Verb::of_line("pass secret"), Some(Verb::Pass));
        assert_eq!(Verb::of_line("connect"), None);
        assert_eq!(Verb::of_line(""), None);
    }

    #[test]
    fn writes_verb_and_argument_with_crlf() {
        let wire = Command::Retr("pub/a file.txt".into()).to_wire().unwrap();
        assert_eq!(wire, b"RETR pub/a file.txt\r\n");
        assert_eq!(Command::Pasv.to_wire().unwrap(), b"PASV\r\n");
        assert_eq!(
            Command::Type(TransferType::Binary).to_wire().unwrap(),
            b"TYPE I\r\n"
        );
        assert_eq!(Command::List(None).to_wire().unwrap(), b"LIST\r\n");
        assert_eq!(Command::Rest(42).to_wire().unwrap(), b"REST 42\r\n");
    }

    #[test]
    fn refuses_carriage_return_line_feed_and_nul_in_every_argument() {
        for bad in ["a\r\nDELE b", "a\nb", "a\rb", "a\0b"] {
            let cmds = [
                Command::User(bad.into()),
                Command::Pass(Secret::new(bad)),
                Command::Cwd(bad.into()),
                Command::Retr(bad.into()),
                Command::Stor(bad.into()),
                Command::Rnto(bad.into()),
                Command::Site(bad.into()),
                Command::List(Some(bad.into())),
                Command::Raw(bad.into()),
            ];
            for cmd in cmds {
                let err = cmd.to_wire().unwrap_err();
                assert_eq!(err.verb, cmd.verb());
            }
        }
    }

    #[test]
    fn refusal_names_the_character_and_hides_secrets() {
        let err = Command::Dele("x\ny".into()).to_wire().unwrap_err();
        assert_eq!(err.what, "line feed");
        assert!(err.to_string().contains("\"x\\ny\""), "{err}");
        let err = Command::Pass(Secret::new("hunter2\r"))
            .to_wire()
            .unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }

    #[test]
    fn redacts_passwords_everywhere() {
        let pass = Command::Pass(Secret::new("hunter2"));
        assert_eq!(pass.redacted(), "PASS ****");
        assert_eq!(pass.to_string(), "PASS ****");
        assert!(!format!("{pass:?}").contains("hunter2"));
        let raw = Command::Raw("PASS hunter2".into());
        assert!(!format!("{raw:?}").contains("hunter2"), "{raw:?}");
        assert_eq!(format!("{raw:?}"), r#"Command("PASS ****")"#);
        assert_eq!(Command::Raw("pass hunter2".into()).redacted(), "pass ****");
        assert_eq!(Command::User("bob".into()).redacted(), "USER bob");
    }

    #[test]
    fn names_are_written_in_the_servers_charset() {
        let gbk = Charset::from_name("gbk").unwrap();
        let wire = Command::Retr("中文.txt".into()).to_wire_in(gbk).unwrap();
        assert_eq!(wire, b"RETR \xd6\xd0\xce\xc4.txt\r\n");
        let utf8 = Command::Retr("中文.txt".into())
            .to_wire_in(Charset::UTF8)
            .unwrap();
        assert_eq!(utf8, "RETR 中文.txt\r\n".as_bytes());
        let escaped = Command::Cwd("caf\u{10fce9}".into())
            .to_wire_in(gbk)
            .unwrap();
        assert_eq!(escaped, b"CWD caf\xe9\r\n");
    }

    #[test]
    fn a_name_the_charset_lacks_is_refused_naming_the_character() {
        let latin1 = Charset::from_name("latin1").unwrap();
        let WireError::Unencodable(e) = Command::Stor("写.txt".into())
            .to_wire_in(latin1)
            .unwrap_err()
        else {
            panic!("not an encoding refusal")
        };
        assert_eq!(
            (e.verb, e.ch, e.charset.as_str()),
            ("STOR", Some('写'), "windows-1252")
        );
        assert!(e.to_string().contains("\"写.txt\""), "{e}");
        let WireError::Unencodable(e) = Command::Pass(Secret::new("密码"))
            .to_wire_in(latin1)
            .unwrap_err()
        else {
            panic!("not an encoding refusal")
        };
        assert!(!e.to_string().contains('密'), "{e}");
        assert!(matches!(
            Command::Retr("a\nb".into()).to_wire_in(latin1),
            Err(WireError::Control(_))
        ));
    }

    #[test]
    fn formats_active_mode_addresses() {
        let v4: SocketAddrV4 = "127.0.0.1:1025".parse().unwrap();
        assert_eq!(
            Command::Port(v4).to_wire().unwrap(),
            b"PORT 127,0,0,1,4,1\r\n"
        );
        let v6: SocketAddr = "[::1]:2000".parse().unwrap();
        assert_eq!(
            Command::Eprt(v6).to_wire().unwrap(),
            b"EPRT |2|::1|2000|\r\n"
        );
    }
}
