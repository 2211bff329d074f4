//! `~/.netrc`: finding, loading and parsing the file, and looking up the
//! credentials for a host.
//!
//! Choices made:
//!
//! * Tokens are separated by spaces, tabs and line breaks (CRLF files work).
//!   Keywords are `machine NAME`, `default`, `login X`, `password X`,
//!   `account X`, `macdef NAME` and `port X`; they are lowercase and must not
//!   be quoted. An unknown keyword is a syntax error with its 1-based line.
//! * `port` is accepted and ignored. `macdef NAME` skips the macro body: the
//!   rest of its line and every following line up to the first empty line
//!   (or the end of the file).
//! * A value may be double-quoted to hold spaces: `"my pass"`. Inside quotes
//!   a backslash takes the next character literally (`\"`, `\\`), except that
//!   `\n`, `\r` and `\t` mean LF, CR and tab. A quoted value holding CR, LF or
//!   NUL is refused (it could inject FTP commands), as is a NUL anywhere.
//! * A token starting with `#` in keyword position starts a comment that runs
//!   to the end of the line. In value position `#` is an ordinary character,
//!   so `password #secret` works.
//! * `login`, `password` and `account` apply to the latest `machine` or
//!   `default`; one given before any is an error, and a repeated one
//!   replaces the earlier value. Several entries may name the same machine
//!   (with different logins), and `default` may appear anywhere; lookups
//!   prefer the first matching `machine` entry, then the first matching
//!   `default`.
//! * On Unix, a password or account is refused from a file whose mode gives
//!   any permission to group or others (`mode & 0o077`), like classic `ftp`:
//!   [`Netrc::secrets_allowed`] says so, and callers ask it only when they
//!   are about to use a secret from an entry. [`load`] itself reads such a
//!   file, so a login that needs nothing secret from it (another host, a user
//!   without a password there) still works. A missing file is not an error.
//! * Passwords and accounts never appear in `Debug` output or error messages.

use std::ffi::OsString;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::iter::Peekable;
use std::path::{Path, PathBuf};
use std::str::Chars;

/// The credentials one `machine` or `default` entry gives.
///
/// `Debug` prints `(redacted)` in place of the password and account.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct NetrcEntry {
    /// The `login` value.
    pub login: Option<String>,
    /// The `password` value.
    pub password: Option<String>,
    /// The `account` value (sent with FTP `ACCT`).
    pub account: Option<String>,
}

impl fmt::Debug for NetrcEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hide = |v: &Option<String>| v.as_ref().map(|_| "(redacted)");
        f.debug_struct("NetrcEntry")
            .field("login", &self.login)
            .field("password", &hide(&self.password))
            .field("account", &hide(&self.account))
            .finish()
    }
}

/// A parsed netrc file: its entries in file order.
#[derive(Debug, Clone, Default)]
pub struct Netrc {
    /// `(Some(machine), entry)` or `(None, entry)` for `default`.
    entries: Vec<(Option<String>, NetrcEntry)>,
    /// The file and its permission bits, when group or others may access it.
    exposed: Option<(PathBuf, u32)>,
}

impl Netrc {
    /// Parse netrc text. See the module documentation for the syntax.
    pub fn parse(text: &str) -> Result<Netrc, NetrcError> {
        let mut lexer = Lexer {
            chars: text.chars().peekable(),
            line: 1,
        };
        let mut netrc = Netrc::default();
        let mut secret_line = None;
        let mut continued = false;
        while let Some((word, line)) = lexer.keyword()? {
            match word.as_str() {
                "machine" => {
                    let name = lexer.value(&word, line)?;
                    netrc.entries.push((Some(name), NetrcEntry::default()));
                }
                "default" => netrc.entries.push((None, NetrcEntry::default())),
                "login" | "password" | "account" => {
                    let value = lexer.value(&word, line)?;
                    let Some((_, entry)) = netrc.entries.last_mut() else {
                        let msg = format!("`{word}` before any `machine` or `default`");
                        return Err(syntax(line, msg));
                    };
                    // `password \` at the end of a line, shell-style: the secret
                    // is probably what the next line starts with.
                    continued = value.ends_with('\\');
                    let slot = match word.as_str() {
                        "login" => &mut entry.login,
                        "password" => &mut entry.password,
                        _ => &mut entry.account,
                    };
                    *slot = Some(value);
                }
                "macdef" | "port" => {
                    lexer.value(&word, line)?;
                    if word == "macdef" {
                        lexer.skip_macro_body();
                    }
                }
                // Do not echo a stray token on a password or account line:
                // it is probably the rest of an unquoted secret.
                _ if secret_line.is_some_and(|(key, end)| (key..=end).contains(&line)) => {
                    let msg = "unexpected text after a password or account \
                               (quote values that contain spaces)";
                    return Err(syntax(line, msg));
                }
                _ => {
                    let msg = format!(
                        "unknown keyword {word:?} (expected machine, default, \
                         login, password, account, macdef or port)"
                    );
                    return Err(syntax(line, msg));
                }
            }
            // The keyword's line and the value's line (`password` / `hunter2 extra`).
            let secret = matches!(word.as_str(), "password" | "account");
            secret_line = secret.then_some((line, lexer.line + usize::from(continued)));
        }
        Ok(netrc)
    }

    /// Entry for exactly this host (case-insensitive `machine` match), else
    /// the `default` entry, else `None`. If `login` is `Some`, only an entry
    /// with that login (or with no login) matches.
    pub fn lookup(&self, host: &str, login: Option<&str>) -> Option<&NetrcEntry> {
        let login_ok = |entry: &NetrcEntry| match (login, entry.login.as_deref()) {
            (Some(wanted), Some(have)) => wanted == have,
            _ => true,
        };
        let candidates = || self.entries.iter().filter(|(_, entry)| login_ok(entry));
        let for_host = |m: &str| m.eq_ignore_ascii_case(host);
        candidates()
            .find(|(machine, _)| machine.as_deref().is_some_and(for_host))
            .or_else(|| candidates().find(|(machine, _)| machine.is_none()))
            .map(|(_, entry)| entry)
    }
}

impl Netrc {
    /// Whether `entry`'s password and account may be used: refuses with
    /// [`NetrcError::InsecurePermissions`] when the entry holds either and the file
    /// is open to group or others (Unix). An entry without secrets is always fine.
    pub fn secrets_allowed(&self, entry: &NetrcEntry) -> Result<(), NetrcError> {
        let secret = entry.password.is_some() || entry.account.is_some();
        match &self.exposed {
            Some((path, mode)) if secret => Err(NetrcError::InsecurePermissions {
                path: path.clone(),
                mode: *mode,
            }),
            _ => Ok(()),
        }
    }
}

/// Why a netrc file could not be used. Messages never contain secrets.
#[derive(Debug, thiserror::Error)]
pub enum NetrcError {
    /// The file exists but could not be read (or is not UTF-8).
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The text is not valid netrc syntax.
    #[error("netrc syntax error at line {line}: {message}")]
    Syntax {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file holds secrets but group or others may access it.
    #[error(
        "{} is readable or writable by others (mode {mode:04o}); ferry refuses passwords from it: run chmod 600 {}",
        path.display(),
        path.display()
    )]
    InsecurePermissions {
        /// The file.
        path: PathBuf,
        /// Its permission bits (`mode & 0o7777`).
        mode: u32,
    },
}

fn syntax(line: usize, message: impl Into<String>) -> NetrcError {
    let message = message.into();
    NetrcError::Syntax { line, message }
}

/// Load and parse. Returns `Ok(None)` when the file does not exist.
///
/// On Unix, a file whose mode has any group or other bits set
/// (`mode & 0o077 != 0`) is remembered as exposed: [`Netrc::secrets_allowed`]
/// then refuses its passwords and accounts.
pub fn load(path: &Path) -> Result<Option<Netrc>, NetrcError> {
    let io_error = |source| NetrcError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(e)),
    };
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(io_error)?;
    #[allow(unused_mut)] // only Unix has permission bits to remember
    let mut netrc = Netrc::parse(&text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata().map_err(io_error)?.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 {
            netrc.exposed = Some((path.to_path_buf(), mode));
        }
    }
    Ok(Some(netrc))
}

/// Where to look: `$NETRC` if set and non-empty, else `$HOME/.netrc` (via
/// [`std::env::home_dir`]), else `None`.
pub fn default_path() -> Option<PathBuf> {
    choose_path(std::env::var_os("NETRC"), std::env::home_dir())
}

fn choose_path(netrc: Option<OsString>, home: Option<PathBuf>) -> Option<PathBuf> {
    match netrc {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => home
            .filter(|home| !home.as_os_str().is_empty())
            .map(|home| home.join(".netrc")),
    }
}

/// Splits netrc text into tokens, tracking the 1-based line number.
struct Lexer<'a> {
    chars: Peekable<Chars<'a>>,
    line: usize,
}

impl Lexer<'_> {
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next();
        self.line += usize::from(c == Some('\n'));
        c
    }

    fn skip_blanks(&mut self) {
        while self.chars.peek().is_some_and(|c| c.is_whitespace()) {
            self.bump();
        }
    }

    /// The next keyword and its line, skipping `#` comments.
    fn keyword(&mut self) -> Result<Option<(String, usize)>, NetrcError> {
        loop {
            self.skip_blanks();
            match self.chars.peek() {
                Some('#') => while self.chars.next_if(|&c| c != '\n').is_some() {},
                Some('"') => {
                    return Err(syntax(
                        self.line,
                        "expected a keyword, found a quoted string",
                    ));
                }
                _ => {
                    let line = self.line;
                    return Ok(self.token()?.map(|word| (word, line)));
                }
            }
        }
    }

    /// The value after keyword `key` (found on `line`); it must exist.
    fn value(&mut self, key: &str, line: usize) -> Result<String, NetrcError> {
        self.skip_blanks();
        self.token()?
            .ok_or_else(|| syntax(line, format!("`{key}` needs a value")))
    }

    /// A bare or quoted token starting at the current (non-blank) position.
    fn token(&mut self) -> Result<Option<String>, NetrcError> {
        let line = self.line;
        let unterminated = || syntax(line, "unterminated quoted string");
        let mut text = String::new();
        match self.chars.peek() {
            None => return Ok(None),
            Some('"') => {
                self.bump();
                loop {
                    let c = match self.bump().ok_or_else(unterminated)? {
                        '"' => break,
                        '\\' => match self.bump().ok_or_else(unterminated)? {
                            'n' => '\n',
                            'r' => '\r',
                            't' => '\t',
                            c => c,
                        },
                        c => c,
                    };
                    if matches!(c, '\r' | '\n' | '\0') {
                        return Err(syntax(line, "quoted value contains a line break or NUL"));
                    }
                    text.push(c);
                }
                if self.chars.peek().is_some_and(|c| !c.is_whitespace()) {
                    return Err(syntax(line, "unexpected character after closing quote"));
                }
            }
            Some(_) => {
                while let Some(c) = self.chars.next_if(|c| !c.is_whitespace()) {
                    text.push(c);
                }
            }
        }
        if text.contains('\0') {
            return Err(syntax(line, "NUL character in a value"));
        }
        Ok(Some(text))
    }

    /// Skip a `macdef` body: the rest of this line, then lines up to and
    /// including the first empty one (or the end of the text).
    fn skip_macro_body(&mut self) {
        while self.bump().is_some_and(|c| c != '\n') {}
        let mut empty = true;
        while let Some(c) = self.bump() {
            match c {
                '\n' if empty => return,
                '\n' => empty = true,
                '\r' => {}
                _ => empty = false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_token_after_a_password_on_the_next_line_is_not_echoed() {
        for text in [
            "machine h password\nhunter2 extra",
            "machine h account\n  x extra\n",
            // A shell-style continuation: the password is `\`, the secret on the next line.
            "machine h password \\\nextra more\n",
        ] {
            let e = Netrc::parse(text).unwrap_err().to_string();
            assert!(!e.contains("extra"), "{e}");
        }
    }

    fn entry(login: &str, password: &str) -> Option<NetrcEntry> {
        let (login, password) = (Some(login.into()), Some(password.into()));
        Some(NetrcEntry {
            login,
            password,
            account: None,
        })
    }

    fn find(text: &str, host: &str, login: Option<&str>) -> Option<NetrcEntry> {
        Netrc::parse(text).unwrap().lookup(host, login).cloned()
    }

    fn error_line(text: &str) -> (usize, String) {
        match Netrc::parse(text) {
            Err(NetrcError::Syntax { line, message }) => (line, message),
            other => panic!("expected a syntax error for {text:?}, got {other:?}"),
        }
    }

    const TYPICAL: &str = "machine ftp.example.com\n  login alice\n  password wonderland\n\n\
        machine backup.example.org login bob password b0b account acct42\n\
        default login anonymous password guest@\n";

    #[test]
    fn typical_file_gives_each_machine_its_credentials() {
        assert_eq!(
            find(TYPICAL, "ftp.example.com", None),
            entry("alice", "wonderland")
        );
        let bob = find(TYPICAL, "backup.example.org", None).unwrap();
        assert_eq!(bob.account.as_deref(), Some("acct42"));
        let alice = find(TYPICAL, "FTP.Example.COM", None).unwrap();
        assert_eq!(
            alice.login.as_deref(),
            Some("alice"),
            "machine match ignores case"
        );
    }

    #[test]
    fn unknown_host_falls_back_to_default_or_none() {
        assert_eq!(
            find(TYPICAL, "other.net", None),
            entry("anonymous", "guest@")
        );
        assert_eq!(find("machine a login x password y", "b", None), None);
        assert_eq!(find("", "a", None), None);
        let default_first = "default login anon password a\nmachine h login me password m";
        assert_eq!(find(default_first, "h", None), entry("me", "m"));
    }

    #[test]
    fn login_filter_picks_an_entry_with_that_login_or_none() {
        let text = "machine h login alice password a\nmachine h login bob password b\n\
                    machine k password shared\ndefault login anonymous password guest";
        assert_eq!(find(text, "h", Some("bob")), entry("bob", "b"));
        assert_eq!(find(text, "h", None), entry("alice", "a"));
        assert_eq!(find(text, "h", Some("carol")), None);
        assert_eq!(
            find(text, "x", Some("anonymous")),
            entry("anonymous", "guest")
        );
        let shared = find(text, "k", Some("anyone")).unwrap();
        assert_eq!(shared.password.as_deref(), Some("shared"));
    }

    #[test]
    fn quoted_values_keep_spaces_and_escapes() {
        let text = r#"machine h login "my user" password "a\"b\\c d" account "t\tab""#;
        let found = find(text, "h", None).unwrap();
        assert_eq!(found.login.as_deref(), Some("my user"));
        assert_eq!(found.password.as_deref(), Some(r#"a"b\c d"#));
        assert_eq!(found.account.as_deref(), Some("t\tab"));
    }

    #[test]
    fn values_with_line_breaks_or_nul_are_refused() {
        let (line, message) = error_line("machine h\nlogin u\npassword \"a\nb\"");
        assert_eq!(line, 3);
        assert!(message.contains("line break"), "{message}");
        assert_eq!(error_line("machine h password \"a\\r\\nQUIT\"").0, 1);
        assert_eq!(error_line("machine h password \"a\0\"").0, 1);
        assert_eq!(error_line("machine h\npassword a\0b").0, 2);
    }

    #[test]
    fn malformed_quotes_are_syntax_errors() {
        assert_eq!(error_line("machine h\n\npassword \"abc").0, 3);
        assert_eq!(error_line("machine h password \"ab\"cd").0, 1);
        assert_eq!(error_line("machine h\n\"login\" x").0, 2);
    }

    #[test]
    fn macdef_bodies_are_skipped_until_an_empty_line() {
        let text = "machine h login u password p\nmacdef init\ncd /pub\n\
                    machine evil login mallory\n\nmachine k login kim password k\n";
        assert_eq!(find(text, "evil", None), None);
        assert_eq!(find(text, "k", None), entry("kim", "k"));
        assert_eq!(find(text, "h", None), entry("u", "p"));
        let crlf = "macdef m\r\nbin\r\n\r\nmachine h login u password p\r\n";
        assert_eq!(find(crlf, "h", None), entry("u", "p"));
        assert!(Netrc::parse("machine h\nmacdef m\nls\nfoo bar").is_ok());
    }

    #[test]
    fn comments_are_skipped_but_hash_inside_values_is_kept() {
        let text = "# hosts\nmachine h # main\n login u # me\n password #s3#cret\n";
        assert_eq!(find(text, "h", None), entry("u", "#s3#cret"));
    }

    #[test]
    fn port_is_ignored_and_later_values_win() {
        let text = "machine h port 2121 login a login u password p";
        assert_eq!(find(text, "h", None), entry("u", "p"));
    }

    #[test]
    fn errors_report_the_line_of_the_offending_keyword() {
        let (line, message) = error_line("machine h\n  login u\n\n  user x\n");
        assert_eq!(line, 4);
        assert!(message.contains("\"user\""), "{message}");
        let shown = Netrc::parse("machine h\nbogus").unwrap_err().to_string();
        assert!(
            shown.starts_with("netrc syntax error at line 2:"),
            "{shown}"
        );
        assert_eq!(error_line("machine h\nlogin").0, 2);
        assert_eq!(error_line("\n\nmacdef").0, 3);
        let (line, message) = error_line("# top\nlogin u\nmachine h");
        assert_eq!(line, 2);
        assert!(message.contains("before any"), "{message}");
    }

    #[test]
    fn unquoted_password_with_space_is_refused_without_leaking_it() {
        let (line, message) = error_line("machine h\nlogin u\npassword open sesame\n");
        assert_eq!(line, 3);
        assert!(!message.contains("sesame") && message.contains("quote"));
        let (line, message) = error_line("machine h password p\nmachin k");
        assert_eq!(line, 2);
        assert!(message.contains("unknown keyword \"machin\""), "{message}");
    }

    #[test]
    fn debug_redacts_password_and_account() {
        let netrc = Netrc::parse("machine h login alice password hunter2 account acct9").unwrap();
        for shown in [
            format!("{netrc:?}"),
            format!("{:?}", netrc.lookup("h", None)),
        ] {
            assert!(
                !shown.contains("hunter2") && !shown.contains("acct9"),
                "{shown}"
            );
            assert!(
                shown.contains("alice") && shown.contains("(redacted)"),
                "{shown}"
            );
        }
    }

    #[test]
    fn missing_file_is_none_and_unreadable_path_is_io_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(&dir.path().join("absent")).unwrap().is_none());
        let err = load(dir.path()).unwrap_err();
        assert!(matches!(&err, NetrcError::Io { path, .. } if path == dir.path()));
    }

    #[cfg(unix)]
    fn load_with_mode(text: &str, mode: u32) -> (PathBuf, Result<Option<Netrc>, NetrcError>) {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".netrc");
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let result = load(&path);
        (path, result)
    }

    /// Loads `text` with `mode` and checks the secrets of its entry for host `h`.
    #[cfg(unix)]
    fn secrets_of_h(text: &str, mode: u32) -> (PathBuf, Result<NetrcEntry, NetrcError>) {
        let (path, loaded) = load_with_mode(text, mode);
        let netrc = loaded.unwrap().unwrap();
        let entry = netrc.lookup("h", None).cloned().unwrap();
        (path, netrc.secrets_allowed(&entry).map(|()| entry))
    }

    #[cfg(unix)]
    #[test]
    fn secrets_are_used_only_from_a_private_file() {
        let (_, ok) = secrets_of_h("machine h login u password p", 0o600);
        assert_eq!(Some(ok.unwrap()), entry("u", "p"));
        let (path, refused) = secrets_of_h("machine h login u password p", 0o644);
        let err = refused.unwrap_err();
        assert!(matches!(
            err,
            NetrcError::InsecurePermissions { mode: 0o644, .. }
        ));
        let message = err.to_string();
        assert!(message.contains("(mode 0644)"), "{message}");
        assert!(
            message.contains(&format!("chmod 600 {}", path.display())),
            "{message}"
        );
        let (_, account) = secrets_of_h("default account secret", 0o640);
        assert!(matches!(
            account,
            Err(NetrcError::InsecurePermissions { .. })
        ));
        // Loading an exposed file is fine; only using a secret from it is refused.
        let (_, no_secrets) = secrets_of_h("machine h login u\nmachine x password p\n", 0o644);
        assert_eq!(no_secrets.unwrap().login.as_deref(), Some("u"));
    }

    #[test]
    fn netrc_variable_wins_then_home_then_nothing() {
        let home = Some(PathBuf::from("/home/u"));
        let in_home = Some(PathBuf::from("/home/u/.netrc"));
        let chosen = choose_path(Some("/etc/n".into()), home.clone());
        assert_eq!(chosen, Some(PathBuf::from("/etc/n")));
        assert_eq!(choose_path(None, home.clone()), in_home);
        assert_eq!(choose_path(Some("".into()), home), in_home);
        assert_eq!(choose_path(None, None), None);
        assert_eq!(choose_path(None, Some(PathBuf::new())), None);
    }
}
