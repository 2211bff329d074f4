//! Bookmarks: named URLs in `bookmarks.toml` in ferry's config directory.
//!
//! ```toml
//! [work]
//! url = "ftp://alice@ftp.example.org/%2Fsrv/releases/"
//! password = "only with bookmark add --with-password"
//! charset = "gbk"     # only when one was chosen (--charset, or `charset NAME` in the shell)
//! ```
//!
//! A password is stored only when the user asks for it, and a file holding one is written with
//! mode 0600 (like `.netrc`, a password in a file others can read is refused when it is used).
//! The file is rewritten whole through a temporary file, so a crash never leaves half of it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};

use crate::engine::options::CharsetChoice;
use crate::error::{Error, Result};
use crate::proto::charset::CharsetError;
use crate::url::{self, FtpUrl};

/// The bookmarks file's name inside the config directory.
pub const BOOKMARKS_FILE: &str = "bookmarks.toml";

/// Names that `ferry NAME` could not reach because a subcommand has them.
pub const RESERVED: &[&str] = &[
    "batch",
    "bookmark",
    "cat",
    "delete",
    "generate-docs",
    "get",
    "hash",
    "help",
    "ls",
    "mirror",
    "mkdir",
    "modtime",
    "mv",
    "pget",
    "put",
    "rename",
    "rm",
    "rmdir",
    "size",
    "stat",
];

/// One bookmark. `Debug` prints `(redacted)` in place of the password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bookmark {
    /// The URL, without a password.
    pub url: String,
    /// The password, only when the user asked for it to be kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// The charset of the server's names (`gbk`, `auto`…), when one was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
}

impl std::fmt::Debug for Bookmark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bookmark")
            .field("url", &self.url)
            .field("password", &self.password.as_ref().map(|_| "(redacted)"))
            .field("charset", &self.charset)
            .finish()
    }
}

/// The bookmarks of one config directory.
#[derive(Debug, Clone)]
pub struct Bookmarks {
    path: PathBuf,
    entries: BTreeMap<String, Bookmark>,
}

impl Bookmarks {
    /// Reads `DIR/bookmarks.toml`; a missing file means no bookmarks yet.
    pub fn load(dir: &Path) -> Result<Bookmarks> {
        let path = dir.join(BOOKMARKS_FILE);
        let entries = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text)
                .map_err(|e| crate::config::settings::toml_error(&e, &text, &path))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(local("cannot read", &path, e)),
        };
        Ok(Bookmarks { path, entries })
    }

    /// Where the bookmarks live.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every bookmark, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Bookmark)> {
        self.entries.iter()
    }

    /// The bookmark's URL, with its stored password if it has one.
    pub fn url(&self, name: &str) -> Result<Option<FtpUrl>> {
        let Some(entry) = self.entries.get(name) else {
            return Ok(None);
        };
        let mut u = url::parse(&entry.url).map_err(|e| {
            Error::Usage(format!("bookmark `{name}` in {}: {e}", self.path.display()))
        })?;
        if let Some(password) = &entry.password {
            self.check_private()?;
            u.password = Some(password.clone());
        }
        Ok(Some(u))
    }

    /// The charset bookmark `name` carries, if any (a bad one is an error naming it).
    pub fn charset(&self, name: &str) -> Result<Option<CharsetChoice>> {
        let Some(text) = self.entries.get(name).and_then(|e| e.charset.as_deref()) else {
            return Ok(None);
        };
        text.parse().map(Some).map_err(|e: CharsetError| {
            Error::Usage(format!("bookmark `{name}` in {}: {e}", self.path.display()))
        })
    }

    /// Adds or replaces `name`; the URL's password is kept only when `password` is given, and a
    /// charset when one is.
    pub fn add(
        &mut self,
        name: &str,
        u: &FtpUrl,
        password: Option<&str>,
        charset: Option<CharsetChoice>,
    ) -> Result<()> {
        check_name(name)?;
        let entry = Bookmark {
            url: url_text(u),
            password: password.map(str::to_owned),
            charset: charset.map(|c| c.to_string()),
        };
        self.entries.insert(name.to_owned(), entry);
        self.save()
    }

    /// Removes `name`; false when there was no such bookmark.
    pub fn remove(&mut self, name: &str) -> Result<bool> {
        if self.entries.remove(name).is_none() {
            return Ok(false);
        }
        self.save().map(|()| true)
    }

    fn has_passwords(&self) -> bool {
        self.entries.values().any(|b| b.password.is_some())
    }

    fn save(&self) -> Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| local("cannot create", dir, e))?;
        let body = toml::to_string(&self.entries).expect("bookmarks serialize");
        let text = format!("# ferry bookmarks: `ferry bookmark add|list|rm`\n\n{body}");
        let tmp = self.path.with_extension("toml.tmp");
        let _ = std::fs::remove_file(&tmp);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(if self.has_passwords() { 0o600 } else { 0o644 });
        }
        let write = options.open(&tmp).and_then(|mut f| {
            use std::io::Write;
            f.write_all(text.as_bytes())?;
            f.sync_all()
        });
        write.map_err(|e| local("cannot write", &tmp, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| local("cannot write", &self.path, e))
    }

    /// Refuses to use a password from a file that others can read.
    fn check_private(&self) -> Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&self.path)
                .map_err(|e| local("cannot read", &self.path, e))?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                return Err(Error::Usage(format!(
                    "{} holds a password but others can read it: chmod 600 it",
                    self.path.display()
                )));
            }
        }
        Ok(())
    }
}

/// Bookmark names: letters, digits, `.`, `_` and `-`, not starting with `-` or `.`, and not
/// a subcommand's name.
pub fn check_name(name: &str) -> Result<()> {
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    let ok_start = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if !ok_chars || !ok_start {
        return Err(Error::Usage(format!(
            "bad bookmark name {name:?}: use letters, digits, `.`, `_` and `-`"
        )));
    }
    if RESERVED.contains(&name) {
        return Err(Error::Usage(format!(
            "`{name}` is a ferry command; choose another bookmark name"
        )));
    }
    Ok(())
}

/// The URL with its user but never its password.
pub fn url_text(u: &FtpUrl) -> String {
    let plain = u.redacted();
    match &u.user {
        Some(user) => {
            let user = utf8_percent_encode(user, NON_ALPHANUMERIC).to_string();
            plain.replacen("://", &format!("://{user}@"), 1)
        }
        None => plain,
    }
}

/// Whether a word given where a URL is expected is a bookmark name rather than a URL or host.
pub fn looks_like_name(word: &str) -> bool {
    !word.contains("://") && check_name(word).is_ok()
}

/// The URL of bookmark `name` in the config directory `dir` and the charset it carries, or an
/// error saying there is none.
pub fn lookup(dir: Option<&Path>, name: &str) -> Result<(FtpUrl, Option<CharsetChoice>)> {
    let dir = dir.ok_or_else(|| not_found(name))?;
    let marks = Bookmarks::load(dir)?;
    let url = marks.url(name)?.ok_or_else(|| not_found(name))?;
    Ok((url, marks.charset(name)?))
}

/// "no bookmark NAME".
pub fn not_found(name: &str) -> Error {
    Error::Usage(format!(
        "no bookmark `{name}` (`ferry bookmark list` shows them; URLs start with ftp://)"
    ))
}

fn local(what: &'static str, path: &Path, source: std::io::Error) -> Error {
    Error::Local {
        what,
        path: path.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_keep_the_user_and_lose_the_password() {
        let u = url::parse("ftp://bob%40corp:pw@h:2121/%2Fsrv/x/").unwrap();
        let text = url_text(&u);
        assert_eq!(text, "ftp://bob%40corp@h:2121/%2Fsrv/x/");
        let back = url::parse(&text).unwrap();
        assert_eq!(back.user.as_deref(), Some("bob@corp"));
        assert_eq!(back.path, "/srv/x/");
    }

    #[test]
    fn add_list_remove_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = Bookmarks::load(dir.path()).unwrap();
        let u = url::parse("ftp://alice:secret@h/pub/").unwrap();
        b.add("work", &u, None, None).unwrap();
        let text = std::fs::read_to_string(dir.path().join(BOOKMARKS_FILE)).unwrap();
        assert!(!text.contains("secret"), "{text}");
        let b = Bookmarks::load(dir.path()).unwrap();
        let got = b.url("work").unwrap().unwrap();
        assert_eq!((got.user.as_deref(), got.password), (Some("alice"), None));
        let mut b = b;
        assert!(b.remove("work").unwrap());
        assert!(!b.remove("work").unwrap());
        assert!(b.url("work").unwrap().is_none());
    }

    #[test]
    fn a_bookmark_carries_a_charset_when_one_was_chosen() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = Bookmarks::load(dir.path()).unwrap();
        let u = url::parse("ftp://h/pub/").unwrap();
        let gbk = CharsetChoice::Fixed(crate::proto::charset::Charset::from_name("gbk").unwrap());
        b.add("cn", &u, None, Some(gbk)).unwrap();
        b.add("plain", &u, None, None).unwrap();
        let text = std::fs::read_to_string(dir.path().join(BOOKMARKS_FILE)).unwrap();
        assert!(text.contains("charset = \"gbk\""), "{text}");
        let (_, charset) = lookup(Some(dir.path()), "cn").unwrap();
        assert_eq!(charset, Some(gbk));
        assert_eq!(lookup(Some(dir.path()), "plain").unwrap().1, None);
        std::fs::write(
            dir.path().join(BOOKMARKS_FILE),
            "[bad]\nurl = \"ftp://h/\"\ncharset = \"klingon\"\n",
        )
        .unwrap();
        let err = lookup(Some(dir.path()), "bad").unwrap_err().to_string();
        assert!(err.contains("bad") && err.contains("klingon"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_stored_password_makes_the_file_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mut b = Bookmarks::load(dir.path()).unwrap();
        let u = url::parse("ftp://alice@h/").unwrap();
        b.add("w", &u, Some("pw"), None).unwrap();
        let path = dir.path().join(BOOKMARKS_FILE);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let b = Bookmarks::load(dir.path()).unwrap();
        assert_eq!(b.url("w").unwrap().unwrap().password.as_deref(), Some("pw"));
        let shown = format!("{b:?}");
        assert!(
            !shown.contains("\"pw\"") && shown.contains("(redacted)"),
            "{shown}"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(b.url("w").is_err());
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("work-2.old_x").is_ok());
        for bad in ["", "-x", "a/b", "a b", "get", "ftp://h"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(BOOKMARKS_FILE), "[w]\nurl = 1\n").unwrap();
        let err = Bookmarks::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("bookmarks.toml:2:"), "{err}");
    }
}
