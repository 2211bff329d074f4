//! What reply codes mean for a person, and what to do about them.
//!
//! The hints follow the situations FTP users actually meet (wrong password, anonymous access not
//! allowed, "too many users", an address the server does not accept, NAT and firewalls breaking
//! the data connection). They are matched on the code first and on well-known words in the
//! server's text second, because servers use 530 for several different refusals.

use super::command::Verb;
use super::reply::Reply;

/// What went wrong, in the terms the exit code uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The server will not let us in (530, 421 at login, 332 without an account).
    Login,
    /// The server is busy or closing: 421 anywhere.
    Busy,
    /// The data connection could not be made or broke (425, 426).
    DataConnection,
    /// A file or directory problem on the server (450, 550-553, 452, 552).
    RemoteFile,
    /// The server does not know or allow the command (500-504, 202).
    Unsupported,
    /// Anything else.
    Other,
}

/// Classifies a negative reply.
pub fn classify(reply: &Reply) -> Refusal {
    match reply.code {
        421 => Refusal::Busy,
        530 | 332 | 532 => Refusal::Login,
        425 | 426 => Refusal::DataConnection,
        450 | 451 | 452 | 550..=553 => Refusal::RemoteFile,
        500..=504 | 202 => Refusal::Unsupported,
        _ => Refusal::Other,
    }
}

/// True when `reply` refuses a session because this client address already has as many as the
/// server allows ("only one session from same IP allowed", "Too many connections (1) from this
/// IP", "per IP"): the advice is to close the other session, not to ask for the address to be
/// allowed.
pub fn is_per_address_limit(reply: &Reply) -> bool {
    let names_it = text_has(
        reply,
        &[
            "same ip",
            "same address",
            "per ip",
            "per address",
            "one session",
            "from this ip",
            "from this address",
        ],
    );
    let counts_addresses = text_has(reply, &["too many", "maximum", "limit"])
        && text_has(reply, &[" ip", "address", "host"]);
    matches!(reply.code, 421 | 530) && (names_it || counts_addresses)
}

fn text_has(reply: &Reply, words: &[&str]) -> bool {
    let text = reply.text().to_ascii_lowercase();
    words.iter().any(|w| text.contains(w))
}

/// A sentence on what to do after `reply` refused a command with `verb` (`None` when the
/// command has no known verb), if there is a useful one.
pub fn hint(verb: Option<Verb>, reply: &Reply) -> Option<String> {
    let hint = match reply.code {
        421 | 530 if is_per_address_limit(reply) => {
            "the server allows only so many sessions from one address, and yours has them: you \
             already have a session open to it (another window, a download still running); \
             close it, or wait for it to end, then try again"
        }
        421 if text_has(reply, &["too many", "maximum", "limit", "connections"]) => {
            "the server has as many users as it allows; wait a few minutes before trying again \
             (reconnecting at once only keeps the slot taken)"
        }
        421 => {
            "the server is closing the connection (busy, shutting down, or idle too long); try again later"
        }
        530 if text_has(reply, &["anonymous"]) => {
            "this server does not allow anonymous logins: give a user name with -u USER or ftp://USER@HOST/"
        }
        530 if text_has(
            reply,
            &["ip", "address", "host", "not allowed from", "denied"],
        ) =>
        {
            "the server refuses connections from your address: ask its administrator to allow your IP"
        }
        530 if matches!(verb, Some(Verb::User | Verb::Pass | Verb::Acct)) => {
            "check the user name and password (copy-pasted passwords often carry a trailing space); \
             the account may also be expired or disabled"
        }
        530 => "you are not logged in: log in first (-u USER or ftp://USER@HOST/)",
        332 | 532 => "the server wants an account: add `account NAME` to ~/.netrc for this host",
        425 => {
            "the data connection could not be opened: a firewall or NAT is in the way; \
             try --passive (or --active if you can accept connections), or ask for the server's passive port range to be opened"
        }
        426 => {
            "the data connection broke during the transfer: the network or a firewall cut it; try again"
        }
        450 if text_has(reply, &["no such", "not found", "does not exist"]) => {
            "check the path (names are case-sensitive on most servers)"
        }
        450 => "the file is busy or not available right now; try again later",
        451 => "the server hit a local error; try again later",
        452 | 552 => "the server is out of space or over your quota",
        550 if matches!(
            verb,
            Some(
                Verb::Retr
                    | Verb::Size
                    | Verb::Mdtm
                    | Verb::Hash
                    | Verb::Xsha256
                    | Verb::Xsha512
                    | Verb::Xsha1
                    | Verb::Xmd5
                    | Verb::Xcrc
                    | Verb::Cwd
                    | Verb::Dele
                    | Verb::Rmd
                    | Verb::List
                    | Verb::Nlst
                    | Verb::Mlsd
            )
        ) =>
        {
            "check the path (names are case-sensitive on most servers) and your permissions"
        }
        550 => "the server refused the operation: check the path and your permissions",
        553 => {
            "the file name is not allowed by the server (bad characters, or no permission to create it)"
        }
        500 | 502 => "the server does not support this command",
        501 => "the server did not accept the command's arguments",
        504 => "the server does not support this parameter",
        _ => return None,
    };
    Some(hint.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(code: u16, text: &str) -> Reply {
        Reply::new(code, vec![format!("{code} {text}")])
    }

    #[test]
    fn a_per_address_limit_says_to_close_the_other_session() {
        for r in [
            reply(
                530,
                "Not logged in, only one session from same IP allowed at a time.",
            ),
            reply(421, "Too many connections (1) from this IP"),
            reply(
                421,
                "There are too many connections from your internet address.",
            ),
        ] {
            assert!(is_per_address_limit(&r), "{r:?}");
            let text = hint(Some(Verb::Pass), &r).unwrap();
            assert!(text.contains("close it"), "{text}");
            assert!(!text.contains("administrator"), "{text}");
        }
        let allowlist = reply(530, "Login not allowed from your IP address.");
        assert!(!is_per_address_limit(&allowlist));
        assert!(
            hint(Some(Verb::Pass), &allowlist)
                .unwrap()
                .contains("administrator")
        );
    }

    #[test]
    fn too_many_users_says_to_wait() {
        let r = reply(421, "Too many users - please try again later.");
        assert_eq!(classify(&r), Refusal::Busy);
        assert!(hint(Some(Verb::User), &r).unwrap().contains("wait"));
    }

    #[test]
    fn login_refusals_are_told_apart() {
        let anon = reply(530, "Sorry, no ANONYMOUS access allowed");
        assert!(hint(Some(Verb::Pass), &anon).unwrap().contains("anonymous"));
        let ip = reply(530, "Login not allowed from your IP address");
        assert!(
            hint(Some(Verb::Pass), &ip)
                .unwrap()
                .contains("your address")
        );
        let bad = reply(530, "Login incorrect.");
        assert!(hint(Some(Verb::Pass), &bad).unwrap().contains("password"));
        assert_eq!(classify(&bad), Refusal::Login);
    }

    #[test]
    fn data_connection_failure_suggests_the_other_mode() {
        let r = reply(425, "Can't open data connection.");
        assert_eq!(classify(&r), Refusal::DataConnection);
        assert!(hint(Some(Verb::Retr), &r).unwrap().contains("--active"));
    }

    #[test]
    fn a_450_for_a_missing_path_points_at_the_path() {
        let r = reply(450, "nope: No such file or directory");
        assert!(
            hint(Some(Verb::Nlst), &r)
                .unwrap()
                .contains("check the path")
        );
        let busy = reply(450, "File unavailable");
        assert!(
            hint(Some(Verb::Retr), &busy)
                .unwrap()
                .contains("try again later")
        );
    }

    #[test]
    fn file_errors_are_remote_file_refusals() {
        for code in [450, 550, 552, 553] {
            assert_eq!(classify(&reply(code, "x")), Refusal::RemoteFile);
        }
        assert_eq!(classify(&reply(502, "x")), Refusal::Unsupported);
        assert!(hint(Some(Verb::Noop), &reply(299, "x")).is_none());
    }
}
