//! Settings resolved once from the command line, the URL and `.netrc`.
//!
//! The front end turns its parsed arguments into a [`Config`]; nothing below this module sees
//! clap. Credentials are resolved per URL by [`Credentials::login_for`] in this order:
//! the URL's user and password, then `-u USER[:PASS]`, then the `.netrc` entry for exactly
//! that host, then `$FERRY_PASSWORD`, then a password prompt when a terminal is there to
//! answer it. No user anywhere
//! means an anonymous login with the password `anonymous@`.
//!
//! `.netrc` is read only when a login needs something from it: the user (none given), the
//! password (a user without one) or, with the password given, an `account` for that login
//! (then a file that cannot be read or parsed is passed over). An explicit anonymous login
//! never reads it. A file that group or others can read is refused only when a password or
//! account would be taken from it, so it does not break logins to other hosts.

pub mod bookmarks;
pub mod environment;
pub mod netrc;
pub mod parallel;
pub mod proxy;
pub mod settings;
pub mod values;

use std::path::PathBuf;

use crate::engine::session::{Login, Options};
use crate::error::{Error, Result};
use crate::proto::command::Secret;
use crate::url::FtpUrl;
use netrc::{Netrc, NetrcEntry};
pub use parallel::Parallel;

/// `-u USER[:PASS]`.
#[derive(Debug, Clone)]
pub struct UserArg {
    /// The user name.
    pub user: String,
    /// The password, when given after a colon.
    pub password: Option<Secret>,
}

impl UserArg {
    /// Splits `USER[:PASS]` at the first colon.
    pub fn parse(s: &str) -> UserArg {
        match s.split_once(':') {
            Some((user, pass)) => UserArg {
                user: user.into(),
                password: Some(Secret::new(pass)),
            },
            None => UserArg {
                user: s.into(),
                password: None,
            },
        }
    }
}

/// Everything a front end resolved from its arguments.
#[derive(Debug, Clone)]
pub struct Config {
    /// Session settings (timeouts, data-channel mode, NAT options).
    pub session: Options,
    /// `-u USER[:PASS]`.
    pub user: Option<UserArg>,
    /// Where `.netrc` is (`$NETRC`, else `~/.netrc`); `None` to not use one.
    pub netrc_path: Option<PathBuf>,
    /// Print the protocol trace.
    pub verbose: bool,
    /// No progress bars or summaries.
    pub quiet: bool,
    /// How many times a transient failure is retried.
    pub retries: u32,
    /// The first wait before a retry; it doubles each time (with jitter).
    pub retry_wait: std::time::Duration,
    /// Connections for many-file transfers when the command gives no `-P`.
    pub parallel: Parallel,
    /// The bandwidth limit in bytes per second (`--limit-rate`), shared by every transfer.
    pub limit_rate: Option<u64>,
    /// `$FERRY_PASSWORD`: the password when the URL, `-u` and `.netrc` give none.
    pub env_password: Option<Secret>,
    /// ferry's config directory (config.toml, bookmarks.toml); `None` when there is none.
    pub config_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            session: Options::default(),
            user: None,
            netrc_path: None,
            verbose: false,
            quiet: false,
            retries: 3,
            retry_wait: std::time::Duration::from_secs(1),
            parallel: Parallel::Auto,
            limit_rate: None,
            env_password: None,
            config_dir: None,
        }
    }
}

/// Asks the user for a password; returns `None` when nobody can answer.
pub type PasswordPrompt<'a> = &'a mut dyn FnMut(&str) -> Option<String>;

/// Resolves logins, reading `.netrc` at most once.
pub struct Credentials<'a> {
    config: &'a Config,
    netrc: Option<Option<Netrc>>,
    prompt: PasswordPrompt<'a>,
}

impl<'a> Credentials<'a> {
    /// A resolver over `config`, asking `prompt` when a password is missing.
    pub fn new(config: &'a Config, prompt: PasswordPrompt<'a>) -> Self {
        Credentials {
            config,
            netrc: None,
            prompt,
        }
    }

    /// `.netrc`, read on first use; a file that cannot be read or parsed is an error.
    fn netrc(&mut self) -> Result<Option<&Netrc>> {
        if self.netrc.is_none() {
            let loaded = match &self.config.netrc_path {
                Some(path) => netrc::load(path)?,
                None => None,
            };
            self.netrc = Some(loaded);
        }
        Ok(self.netrc.as_ref().and_then(Option::as_ref))
    }

    /// The entry for `host` (and `user`, when given) with its secrets checked: a password or
    /// account from a file others can read is refused.
    fn netrc_entry(&mut self, host: &str, user: Option<&str>) -> Result<Option<NetrcEntry>> {
        let Some(netrc) = self.netrc()? else {
            return Ok(None);
        };
        let Some(entry) = netrc.lookup(host, user) else {
            return Ok(None);
        };
        netrc.secrets_allowed(entry)?;
        Ok(Some(entry.clone()))
    }

    /// With the password known, `.netrc` can only add an account for this login; a file that
    /// cannot be read or parsed is then passed over, since nothing else is needed from it.
    fn netrc_account(&mut self, host: &str, user: &str) -> Result<Option<Secret>> {
        let Ok(Some(netrc)) = self.netrc() else {
            return Ok(None);
        };
        let lookup = netrc.lookup(host, Some(user));
        let Some(entry) = lookup.filter(|e| e.account.is_some()) else {
            return Ok(None);
        };
        netrc.secrets_allowed(entry)?;
        Ok(entry.account.clone().map(Secret::new))
    }

    /// The login to use for `url`.
    pub fn login_for(&mut self, url: &FtpUrl) -> Result<Login> {
        let cli = self.config.user.as_ref();
        let user = url.user.clone().or_else(|| cli.map(|u| u.user.clone()));
        let password = url
            .password
            .clone()
            .map(Secret::new)
            .or_else(|| cli.and_then(|u| u.password.clone()));
        let Some(user) = user else {
            return self.login_from_netrc_or_anonymous(&url.host);
        };
        if is_anonymous(&user) {
            let password = password.unwrap_or_else(|| Secret::new("anonymous@"));
            return Ok(Login {
                user,
                password,
                account: None,
            });
        }
        if let Some(password) = password {
            return Ok(Login {
                account: self.netrc_account(&url.host, &user)?,
                user,
                password,
            });
        }
        let entry = self.netrc_entry(&url.host, Some(&user))?;
        let account = entry
            .as_ref()
            .and_then(|e| e.account.clone())
            .map(Secret::new);
        let password = entry
            .and_then(|e| e.password)
            .map(Secret::new)
            .or_else(|| self.config.env_password.clone());
        let password = match password {
            Some(p) => p,
            None => self.ask(&user, &url.host)?,
        };
        Ok(Login {
            user,
            password,
            account,
        })
    }

    fn login_from_netrc_or_anonymous(&mut self, host: &str) -> Result<Login> {
        let Some(netrc) = self.netrc()? else {
            return Ok(Login::anonymous());
        };
        // An entry without a login names nobody: anonymous, and none of its secrets is taken.
        let Some(entry) = netrc.lookup(host, None).filter(|e| e.login.is_some()) else {
            return Ok(Login::anonymous());
        };
        netrc.secrets_allowed(entry)?;
        let entry = entry.clone();
        let user = entry.login.expect("filtered on it");
        let password = match entry.password {
            Some(p) => Secret::new(p),
            None if is_anonymous(&user) => Secret::new("anonymous@"),
            None if self.config.env_password.is_some() => {
                self.config.env_password.clone().expect("checked")
            }
            None => self.ask(&user, host)?,
        };
        Ok(Login {
            user,
            password,
            account: entry.account.map(Secret::new),
        })
    }

    fn ask(&mut self, user: &str, host: &str) -> Result<Secret> {
        match (self.prompt)(&format!("Password for {user}@{host}: ")) {
            Some(p) => Ok(Secret::new(p)),
            None => Err(Error::Usage(format!(
                "no password for {user}@{host}: give one with -u {user}:PASSWORD, in the URL, \
                 in ~/.netrc, or in $FERRY_PASSWORD (there is no terminal to ask on)"
            ))),
        }
    }
}

fn is_anonymous(user: &str) -> bool {
    user.eq_ignore_ascii_case("anonymous") || user.eq_ignore_ascii_case("ftp")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url;

    fn resolve(config: &Config, u: &str) -> Result<Login> {
        let mut never = |_: &str| None;
        Credentials::new(config, &mut never).login_for(&url::parse(u).unwrap())
    }

    #[test]
    fn no_user_anywhere_means_anonymous() {
        let login = resolve(&Config::default(), "ftp://h/x").unwrap();
        assert_eq!(login.user, "anonymous");
        assert_eq!(login.password.expose(), "anonymous@");
    }

    #[test]
    fn url_credentials_win_over_the_command_line() {
        let config = Config {
            user: Some(UserArg::parse("bob:cli")),
            ..Config::default()
        };
        let login = resolve(&config, "ftp://alice:url@h/x").unwrap();
        assert_eq!(
            (login.user.as_str(), login.password.expose()),
            ("alice", "url")
        );
        let login = resolve(&config, "ftp://h/x").unwrap();
        assert_eq!(
            (login.user.as_str(), login.password.expose()),
            ("bob", "cli")
        );
    }

    #[test]
    fn ferry_password_is_the_last_source_before_a_prompt() {
        let config = Config {
            user: Some(UserArg::parse("bob")),
            env_password: Some(Secret::new("from-env")),
            ..Config::default()
        };
        let login = resolve(&config, "ftp://h/x").unwrap();
        assert_eq!(login.password.expose(), "from-env");
        let login = resolve(&config, "ftp://bob:url@h/x").unwrap();
        assert_eq!(login.password.expose(), "url");
        let anonymous = Config {
            env_password: Some(Secret::new("from-env")),
            ..Config::default()
        };
        let login = resolve(&anonymous, "ftp://h/x").unwrap();
        assert_eq!(login.password.expose(), "anonymous@");
    }

    #[test]
    fn password_colon_splits_once() {
        let u = UserArg::parse("bob:a:b");
        assert_eq!(u.password.unwrap().expose(), "a:b");
    }

    #[test]
    fn missing_password_without_terminal_is_a_clear_error() {
        let config = Config {
            user: Some(UserArg::parse("bob")),
            ..Config::default()
        };
        let err = resolve(&config, "ftp://h/x").unwrap_err();
        assert!(err.to_string().contains("no password for bob@h"), "{err}");
    }

    /// A config whose `.netrc` holds `text` with permission bits `mode`.
    fn with_netrc(dir: &tempfile::TempDir, text: &str, mode: u32) -> Config {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.path().join("netrc");
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        Config {
            netrc_path: Some(path),
            ..Config::default()
        }
    }

    fn refused_as_insecure(result: Result<Login>) -> bool {
        matches!(
            result,
            Err(Error::Netrc(netrc::NetrcError::InsecurePermissions { .. }))
        )
    }

    #[test]
    fn a_netrc_others_can_read_is_refused_only_where_a_secret_is_taken_from_it() {
        let dir = tempfile::tempdir().unwrap();
        let text = "machine h login carol password pw\nmachine a login dave account acme\n";
        let mut config = with_netrc(&dir, text, 0o644);
        // Nothing is needed from it: anonymous, another host, a password given.
        assert_eq!(
            resolve(&config, "ftp://elsewhere/x").unwrap().user,
            "anonymous"
        );
        assert_eq!(
            resolve(&config, "ftp://anonymous@h/x").unwrap().user,
            "anonymous"
        );
        let login = resolve(&config, "ftp://carol:given@h/x").unwrap();
        assert_eq!(login.password.expose(), "given");
        // A password (or an account) would come from it.
        assert!(refused_as_insecure(resolve(&config, "ftp://h/x")));
        assert!(refused_as_insecure(resolve(&config, "ftp://carol@h/x")));
        assert!(refused_as_insecure(resolve(&config, "ftp://dave:pw@a/x")));
        // A user it knows nothing secret about falls through to $FERRY_PASSWORD.
        config.env_password = Some(Secret::new("env"));
        let login = resolve(&config, "ftp://erin@h/x").unwrap();
        assert_eq!(login.password.expose(), "env");
    }

    #[test]
    fn a_malformed_netrc_fails_only_logins_that_need_it() {
        let dir = tempfile::tempdir().unwrap();
        let config = with_netrc(&dir, "machine h login carol bogus\n", 0o600);
        assert!(resolve(&config, "ftp://carol:pw@h/x").is_ok());
        assert!(resolve(&config, "ftp://ftp@h/x").is_ok());
        let with_cli_password = Config {
            user: Some(UserArg::parse("carol:pw")),
            ..config.clone()
        };
        assert!(resolve(&with_cli_password, "ftp://h/x").is_ok());
        // No user given: only the file can say who to log in as.
        assert!(matches!(
            resolve(&config, "ftp://h/x"),
            Err(Error::Netrc(netrc::NetrcError::Syntax { .. }))
        ));
        assert!(resolve(&config, "ftp://carol@h/x").is_err());
    }

    #[test]
    fn an_account_comes_from_netrc_even_with_the_password_given() {
        let dir = tempfile::tempdir().unwrap();
        let config = with_netrc(
            &dir,
            "machine h login carol password pw account acme\n",
            0o600,
        );
        let login = resolve(&config, "ftp://carol:other@h/x").unwrap();
        assert_eq!(login.password.expose(), "other");
        assert_eq!(login.account.unwrap().expose(), "acme");
    }

    #[test]
    fn netrc_supplies_user_and_password_for_its_host_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("netrc");
        std::fs::write(&path, "machine h login carol password pw\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let config = Config {
            netrc_path: Some(path),
            ..Config::default()
        };
        let login = resolve(&config, "ftp://h/x").unwrap();
        assert_eq!(
            (login.user.as_str(), login.password.expose()),
            ("carol", "pw")
        );
        let other = resolve(&config, "ftp://elsewhere/x").unwrap();
        assert_eq!(other.user, "anonymous");
        let named = resolve(&config, "ftp://carol@h/x").unwrap();
        assert_eq!(named.password.expose(), "pw");
    }
}
