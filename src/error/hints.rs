//! Words for failures whose library text or generic hint says too little: TLS errors that
//! rustls prints as `Debug` (`Other(OtherError(CaUsedAsEndEntity))`), a TLS handshake that met
//! plain FTP, a web or SSH server answering on the port, and the file refusals people meet
//! most (a directory fetched as a file, a directory that is not empty, one that exists), and
//! what to do about a proxy that did not make the connection.
//!
//! Hints come in the words of the [`Face`] that reads them: flags on the command line, shell
//! commands in the shell and in batch files. [`Error::hint_for`], the one place that picks an
//! error's hint, lives here too.

use std::io;

use super::{Error, Face, TlsCause};
use crate::engine::proxy::ProxyError;
use crate::proto::addr::AddrError;
use crate::proto::codes;
use crate::proto::command::Verb;
use crate::proto::proxy::ProxyFailure;
use crate::proto::reply::Reply;
use crate::proto::reply::ReplyError;

/// What rustls refused, in words: its own `Display` where that is readable, plain sentences
/// for the errors it shows as `Debug`.
pub(super) fn rustls_words(e: &rustls::Error) -> String {
    use rustls::{CertificateError, Error, InvalidMessage};
    match e {
        Error::InvalidCertificate(CertificateError::Other(other))
            if format!("{:?}", other.0).contains("CaUsedAsEndEntity") =>
        {
            "it is a CA certificate used as a server certificate".into()
        }
        Error::InvalidCertificate(CertificateError::Other(other)) => other.0.to_string(),
        Error::InvalidMessage(InvalidMessage::InvalidContentType) => {
            "the server did not answer in TLS (what it sent is not a TLS record)".into()
        }
        other => other.to_string(),
    }
}

/// True when a TLS handshake met something that is not TLS at all: a plain FTP greeting.
pub(super) fn is_not_tls(e: &rustls::Error) -> bool {
    matches!(
        e,
        rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType)
    )
}

/// What to do when an `ftps://` (implicit TLS) connection met a server that speaks plain FTP.
pub(super) fn not_implicit_tls(face: Face) -> String {
    match face {
        Face::CommandLine => "this server does not speak implicit TLS (ftps://) on this port: \
                              use ftp://HOST:PORT/ with --tls, which asks for TLS after \
                              connecting (AUTH TLS)"
            .into(),
        Face::Shell => "this server does not speak implicit TLS (ftps://) on this port: \
                        `open ftp://HOST:PORT/` instead, which asks for TLS after connecting \
                        (AUTH TLS) when the server offers it; start ferry with --tls to insist \
                        on it"
            .into(),
    }
}

/// What to do when a name cannot be written in the server's charset.
pub(super) fn unencodable(charset: &str, face: Face) -> String {
    let how = match face {
        Face::CommandLine => "--charset NAME",
        Face::Shell => "`charset NAME`",
    };
    format!(
        "the server takes names in {charset}, and nothing was sent; choose a name it can hold, or \
         use {how} if the server really uses another character set (utf-8, gb18030 hold every \
         character)"
    )
}

/// What to do when the "reply" is a web or SSH server's first line: the port is not FTP's.
pub(super) fn wrong_service(line: &str, face: Face) -> Option<String> {
    let port21 = match face {
        Face::CommandLine => "FTP listens on port 21: leave the port out of the URL (ftp://HOST/)",
        Face::Shell => "FTP listens on port 21: `open HOST` without a port",
    };
    if line.starts_with("SSH-") {
        return Some(format!(
            "this port runs an SSH server, not FTP: {port21}; for files over SSH use sftp \
             (or scp) instead of ferry"
        ));
    }
    if line.starts_with("HTTP/") {
        return Some(format!(
            "this port runs a web (HTTP) server, not FTP: {port21}; a web address is for a \
             browser or curl"
        ));
    }
    None
}

/// A specific hint for the file refusals people meet most, when the reply says which it is.
/// `command` is the command as shown (`RMD old`), whose argument names the file.
pub(super) fn remote_file(
    verb: Option<Verb>,
    command: &str,
    reply: &Reply,
    face: Face,
) -> Option<String> {
    let text = reply.text().to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let name = command
        .split_once(' ')
        .map_or("NAME", |(_, arg)| arg.trim());
    // As the shell would read it back: `get -r "my dir"`.
    let name = shlex::try_quote(name).unwrap_or(name.into());
    let shell = face == Face::Shell;
    match verb? {
        Verb::Retr if has(&["is a directory", "not a regular file", "not a plain file"]) => {
            Some(match shell {
                true => format!(
                    "{name} is a directory: `get -r {name}` copies it with everything in it, \
                     and `mirror {name}` keeps a local copy in step"
                ),
                false => "that is a directory: `ferry get -r URL` copies it with everything in \
                          it, and `ferry mirror URL DIR` keeps a local copy in step"
                    .into(),
            })
        }
        Verb::Rmd if has(&["not empty", "directory is not empty"]) => Some(match shell {
            true => format!(
                "{name} still has files in it, and rmdir removes only empty directories: \
                 remove them first (`mdelete {name}/*`, and `rmdir` each directory inside), \
                 then `rmdir {name}` again"
            ),
            false => "the directory still has files in it, and rmdir removes only empty \
                      directories: remove them first (ferry rm URL/FILE..., and rmdir each \
                      directory inside), then rmdir it again"
                .into(),
        }),
        Verb::Mkd if has(&["exists"]) || reply.code == 521 => Some(match shell {
            true => format!(
                "{name} already exists on the server: there is nothing to make (`cd {name}` \
                 if it is a directory; in a batch file, `-mkdir {name}` lets the line fail \
                 without stopping the run)"
            ),
            false => "it already exists on the server: there is nothing to make".into(),
        }),
        _ => None,
    }
}

/// Where the proxy setting comes from, for hints about it (there is no shell command for it:
/// the shell and batch files take it from how ferry was started).
const PROXY_SOURCES: &str = "--proxy, $ftp_proxy or $all_proxy, or `proxy` in config.toml";

/// What to do when the connection through the proxy was not made.
pub(super) fn proxy(e: &ProxyError) -> String {
    match e {
        ProxyError::Resolve { .. } => format!(
            "check the host names: the proxy's (from {PROXY_SOURCES}) and the server's; with \
             socks5:// ferry resolves the server's name itself, with socks5h:// the proxy does"
        ),
        ProxyError::Connect(_) => format!(
            "the proxy itself could not be reached: check its host and port (from \
             {PROXY_SOURCES}); --noproxy HOST or --proxy '' connects directly"
        ),
        ProxyError::Handshake(_) => "the proxy closed or stalled the connection before answering: \
             check that the URL's scheme (socks5h://, http://) is what it speaks, and try again"
            .into(),
        ProxyError::Failed(ProxyFailure::AuthRequired) => "give the proxy's user name and \
             password in its URL: socks5h://USER:PASSWORD@HOST:PORT (%20 for a space, %40 for @)"
            .into(),
        ProxyError::Failed(ProxyFailure::AuthFailed) => "check the user name and password in \
             the proxy URL (percent-encoded: %20 for a space, %40 for @, %3A for :)"
            .into(),
        ProxyError::Failed(ProxyFailure::Refused(_)) => "the proxy's rules do not allow this \
             connection: ask whoever runs it, or connect directly with --noproxy HOST"
            .into(),
        ProxyError::Failed(ProxyFailure::Unreachable(_)) => "the proxy could not reach the FTP \
             server: check the server's host and port; the proxy may sit in a network that \
             cannot see it"
            .into(),
        ProxyError::Failed(ProxyFailure::Protocol { .. }) => "the proxy does not speak what its \
             URL says: SOCKS proxies (often port 1080) take socks5h://, HTTP proxies (often 3128 \
             or 8080) http://"
            .into(),
    }
}

/// What to do when active mode was asked for through a proxy.
pub(super) fn active_through_proxy(face: Face) -> String {
    match face {
        Face::CommandLine => "use --passive (or leave --active and --mode out): passive data \
                              connections go through the proxy like the control connection; \
                              only a SOCKS5 proxy (socks5h://) can carry active mode"
            .into(),
        Face::Shell => "use `passive` (or `mode auto`): passive data connections go through the \
                        proxy like the control connection; only a SOCKS5 proxy can carry active \
                        mode"
            .into(),
    }
}

impl Error {
    /// What the person can do about it, when there is something to say.
    pub fn hint(&self) -> Option<String> {
        self.hint_for(Face::CommandLine)
    }

    /// [`Error::hint`] in the words of `face`: a flag on the command line, a command in the
    /// shell and in batch files.
    pub fn hint_for(&self, face: Face) -> Option<String> {
        match self {
            Error::DataChannel { tried, .. } => Some(data_channel_hint(tried, face)),
            Error::Rejected { verb, reply, .. }
                if face == Face::Shell
                    && reply.code == 530
                    && !matches!(verb, Some(Verb::User | Verb::Pass | Verb::Acct))
                    && !codes::is_per_address_limit(reply) =>
            {
                Some("you are not logged in: log in with `user NAME`".into())
            }
            Error::Rejected {
                verb,
                reply,
                command,
            } => remote_file(*verb, command, reply, face)
                .or_else(|| codes::hint(*verb, reply)),
            Error::Tls {
                what,
                source: TlsCause::Rustls(e),
                hint: None,
            } if is_not_tls(e) && what.contains("control connection") => {
                Some(not_implicit_tls(face))
            }
            Error::Tls { hint, .. } => hint.clone(),
            Error::Reply(ReplyError::Malformed { line }) => wrong_service(line, face),
            Error::UploadSize { held, sent, .. } if held < sent => Some(
                "the server said the upload was complete but kept less: check its quota and free \
                 space; put -c sends only what is missing"
                    .into(),
            ),
            Error::UploadSize { .. } => Some(
                "the remote file is larger than what was sent: something else may be writing to it"
                    .into(),
            ),
            Error::TlsSessionReuse { .. } => Some(
                "the server requires TLS session reuse and gave no new TLS 1.3 tickets; ferry \
                 reconnects with TLS 1.2 (reusable sessions) for the rest of the run; --tls-max 1.2 \
                 starts that way"
                    .into(),
            ),
            Error::Checksum { .. } => Some(
                "the file changed on the server during the transfer, or was damaged on the way: \
                 transfer it again; if it differs again, compare with another copy"
                    .into(),
            ),
            Error::NoChecksum { .. } => Some(match face {
                Face::Shell => "without =require, `--verify` checks the size only on such a server".into(),
                Face::CommandLine => "use --verify (without =require) to check the size only on such a server".into(),
            }),
            Error::Unencodable(e) => Some(unencodable(&e.charset, face)),
            Error::Proxy { source, .. } => Some(proxy(source)),
            Error::ActiveThroughProxy { .. } => Some(active_through_proxy(face)),
            Error::Resolve { .. } => Some("check the host name for typos".into()),
            Error::Connect { source, .. } => Some(connect_hint(source)),
            Error::NoGreeting { .. } => Some(
                "an FTP server greets at once: this one may be overloaded, the port may belong to \
                 another service, or a firewall holds the connection open; check the host and port, \
                 and try again in a minute"
                    .into(),
            ),
            Error::Timeout { .. } => Some(
                "the server or a firewall stopped answering; raise --timeout if the server is just slow".into(),
            ),
            Error::Closed { .. } => Some(
                "the server (or a firewall dropping idle connections) ended the session; try again".into(),
            ),
            Error::Addr(AddrError::Refused { .. }) => Some(
                "the server advertised an address on a private network; ferry connects to the \
                 server's own address unless --pasv-address server is given"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// What to do when no data connection could be made, from what was tried (`tried` lists each
/// channel with why it failed).
fn data_channel_hint(tried: &str, face: Face) -> String {
    let shell = face == Face::Shell;
    if tried.contains("no free local port") {
        return match shell {
            true => "no local port in the --active-ports range was free: use `mode passive`, or \
                     start ferry with a wider --active-ports range"
                .into(),
            false => "no local port in the --active-ports range was free: give a wider range, or \
                      use --passive"
                .into(),
        };
    }
    if tried.contains("already failed in this session") {
        return match shell {
            true => "every data-channel mode failed earlier on this connection: `close` and \
                     `open` again to start afresh, or choose one with `mode epsv|pasv|eprt|port`"
                .into(),
            false => "every data-channel mode failed earlier in this run: run the command again, \
                      or choose one with --mode epsv|pasv|eprt|port"
                .into(),
        };
    }
    let passive = tried.contains("EPSV") || tried.contains("PASV");
    let active = tried.contains("EPRT") || tried.contains("PORT");
    let text = match (passive, active, shell) {
        (true, false, true) => {
            "the passive data connection could not be made (a firewall \
             between you and the server?): try `mode active` if this machine can accept \
             connections, or ask for the server's passive port range to be opened"
        }
        (true, false, false) => {
            "the passive data connection could not be made (a firewall \
             between you and the server?): try --active (with --active-address ADDR behind NAT) \
             if this machine can accept connections, or ask for the server's passive port range \
             to be opened"
        }
        (false, true, true) => {
            "the server could not connect back to this machine (NAT or a \
             firewall in front of it): use `passive`"
        }
        (false, true, false) => {
            "the server could not connect back to this machine (NAT or a \
             firewall in front of it): use --passive"
        }
        (_, _, true) => {
            "a firewall or NAT blocks data connections both ways: ask for the \
             server's passive port range to be opened, or start ferry with --active-address and \
             --active-ports where it can accept incoming connections"
        }
        (_, _, false) => {
            "a firewall or NAT blocks data connections both ways: ask for the \
             server's passive port range to be opened, or use --active with --active-address and \
             --active-ports where this machine can accept incoming connections"
        }
    };
    text.into()
}

fn connect_hint(source: &io::Error) -> String {
    match source.kind() {
        io::ErrorKind::ConnectionRefused => {
            "nothing is listening there: check the port (21 unless told otherwise) and that the server is running".into()
        }
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
            "no answer: the server may be down, the port wrong, or a firewall dropping the connection".into()
        }
        _ => "check the host, the port and your network".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(code: u16, text: &str) -> Reply {
        Reply::new(code, vec![format!("{code} {text}")])
    }

    #[test]
    fn a_directory_fetched_as_a_file_suggests_a_recursive_get() {
        let r = reply(550, "Is a directory.");
        let shell = remote_file(Some(Verb::Retr), "RETR pub", &r, Face::Shell).unwrap();
        assert!(shell.contains("`get -r pub`") && shell.contains("`mirror pub`"));
        let cli = remote_file(Some(Verb::Retr), "RETR pub", &r, Face::CommandLine).unwrap();
        assert!(cli.contains("ferry get -r URL"), "{cli}");
        let missing = reply(550, "No such file or directory.");
        assert!(remote_file(Some(Verb::Retr), "RETR x", &missing, Face::Shell).is_none());
    }

    #[test]
    fn rmdir_and_mkdir_refusals_say_what_the_directory_is_like() {
        let full = reply(550, "Directory not empty.");
        let h = remote_file(Some(Verb::Rmd), "RMD old", &full, Face::Shell).unwrap();
        assert!(h.contains("`mdelete old/*`"), "{h}");
        let h = remote_file(Some(Verb::Rmd), "RMD old", &full, Face::CommandLine).unwrap();
        assert!(h.contains("ferry rm"), "{h}");
        for r in [
            reply(550, "File exists."),
            reply(553, "new: File exists"),
            reply(521, "\"/new\" directory already exists"),
        ] {
            let h = remote_file(Some(Verb::Mkd), "MKD new", &r, Face::Shell).unwrap();
            assert!(h.contains("new already exists"), "{h}");
        }
    }

    #[test]
    fn web_and_ssh_servers_are_named_with_the_ftp_port() {
        let ssh = wrong_service("SSH-2.0-OpenSSH_9.6", Face::CommandLine).unwrap();
        assert!(ssh.contains("SSH server") && ssh.contains("sftp") && ssh.contains("21"));
        let web = wrong_service("HTTP/1.1 400 Bad Request", Face::Shell).unwrap();
        assert!(web.contains("web (HTTP) server") && web.contains("`open HOST`"));
        assert!(wrong_service("hello", Face::Shell).is_none());
        let r = reply(550, "Is a directory.");
        let h = remote_file(Some(Verb::Retr), "RETR my dir", &r, Face::Shell).unwrap();
        assert!(h.contains("`get -r 'my dir'`"), "{h}");
    }

    #[test]
    fn rustls_debug_texts_become_sentences() {
        let plain = rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType);
        assert!(is_not_tls(&plain));
        assert!(rustls_words(&plain).contains("did not answer in TLS"));
        assert!(not_implicit_tls(Face::CommandLine).contains("--tls"));
        assert!(not_implicit_tls(Face::Shell).contains("`open ftp://"));
    }
}
