//! The engine's typed errors and the one mapping from an error to an exit code and a hint.
//!
//! Every failure a person can meet ends up here with what happened in words
//! ([`std::fmt::Display`]), what to do about it ([`Error::hint`]) and which of the documented
//! exit codes it maps to ([`Error::exit_code`]). Server text inside these errors is raw: the
//! binary sanitizes everything before it reaches a terminal.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use crate::config::netrc::NetrcError;
use crate::engine::proxy::ProxyError;
use crate::engine::tls::verify::TlsSetupError;
use crate::proto::addr::AddrError;
use crate::proto::codes::{self, Refusal};
use crate::proto::command::{InvalidArgument, Unencodable, Verb, WireError};
use crate::proto::proxy::ProxyUrlError;
use crate::proto::reply::{Reply, ReplyError};
use crate::sanitize::terminal_safe;
use crate::url::UrlError;

mod hints;

/// Result with the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Process exit codes, documented in README.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Everything worked.
    Success = 0,
    /// Anything not covered below.
    Failure = 1,
    /// Bad command line or URL.
    Usage = 2,
    /// Could not reach the server, or lost the connection.
    Network = 3,
    /// Login refused (credentials, anonymous not allowed, too many users, address not allowed).
    Login = 4,
    /// The server refused an operation on a remote file or directory.
    RemoteFile = 5,
    /// A local file could not be read or written.
    LocalFile = 6,
    /// TLS negotiation or verification failed.
    Tls = 7,
    /// The server broke the protocol (malformed or oversized replies).
    Protocol = 8,
    /// A transfer ended short, or the server stopped answering.
    Partial = 9,
    /// A name from the server (a listing entry, or the last part of the URL) was refused as a
    /// local file name: `/`, `..`, control characters, a drive prefix.
    UnsafeName = 10,
    /// The proxy refused: its user name and password, its rules, or it does not speak the
    /// protocol its URL names.
    Proxy = 11,
    /// A checksum check (`--verify`) failed: the server's hash of the file differs from the
    /// local copy's, or `--verify=require` met a server that offers no hash.
    Checksum = 12,
    /// Interrupted by the user (Ctrl-C).
    Interrupted = 130,
}

/// Who reads a hint: the command line's words are flags, the shell's (and batch files') are
/// shell commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// One-shot subcommands: hints name flags (`--passive`).
    CommandLine,
    /// The shell and batch mode: hints name shell commands (`passive`, `mode active`).
    Shell,
}

/// Everything that can go wrong in the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The host name did not resolve.
    #[error("cannot resolve host name {host}: {source}")]
    Resolve {
        /// The name given.
        host: String,
        /// What the resolver said.
        source: io::Error,
    },
    /// A TCP connection to the server could not be made.
    #[error("cannot connect to {addr}: {source}")]
    Connect {
        /// Address (or `host:port`) tried.
        addr: String,
        /// The socket error.
        source: io::Error,
    },
    /// The connection through the proxy was not made (the proxy is shown without its
    /// password).
    #[error("cannot connect to {target} through the proxy {proxy}: {source}")]
    Proxy {
        /// The proxy URL, password masked.
        proxy: String,
        /// The server asked for, `host:port`.
        target: String,
        /// What went wrong: reaching the proxy, its handshake, or its answer.
        source: ProxyError,
    },
    /// A proxy URL (from `--proxy`, the environment or the config file) that does not parse.
    #[error(transparent)]
    ProxyUrl(#[from] ProxyUrlError),
    /// Active mode asked for through a proxy, which the server cannot connect back through.
    #[error(
        "active mode (EPRT/PORT) cannot go through the proxy {proxy}: the server would have to connect back to this machine past it"
    )]
    ActiveThroughProxy {
        /// The proxy URL, password masked.
        proxy: String,
    },
    /// No answer within the configured time.
    #[error("timed out after {} s {what}", .after.as_secs())]
    Timeout {
        /// What we were waiting for, e.g. "waiting for the reply to RETR".
        what: String,
        /// How long we waited.
        after: Duration,
    },
    /// The server accepted the connection and said nothing: no greeting.
    #[error("the server accepted the connection but sent no greeting within {} s", .after.as_secs())]
    NoGreeting {
        /// How long we waited.
        after: Duration,
    },
    /// The server closed the control connection.
    #[error("the server closed the connection {what}")]
    Closed {
        /// When, e.g. "while waiting for the reply to LIST".
        what: String,
    },
    /// A network read or write failed.
    #[error("network error {what}: {source}")]
    Network {
        /// What we were doing.
        what: String,
        /// The socket error.
        source: io::Error,
    },
    /// The server answered a command with a negative reply.
    #[error("{command}: the server replied {}", .reply.one_line())]
    Rejected {
        /// The command's verb, when it has a known one (not for "connect" or "transfer").
        verb: Option<Verb>,
        /// The command as shown to people (passwords as `****`).
        command: String,
        /// The server's reply.
        reply: Reply,
    },
    /// The server sent an unexpected reply (a valid code that makes no sense here).
    #[error("{command}: unexpected reply {}", .reply.one_line())]
    Unexpected {
        /// The command as shown to people.
        command: String,
        /// The server's reply.
        reply: Reply,
    },
    /// A malformed or oversized reply.
    #[error("the server broke the FTP protocol: {0}")]
    Reply(#[from] ReplyError),
    /// A malformed passive/extended-passive reply or a refused PASV target.
    #[error("{0}")]
    Addr(#[from] AddrError),
    /// Some other protocol violation, described in words.
    #[error("the server broke the FTP protocol: {0}")]
    Protocol(String),
    /// A command argument would have injected CR/LF/NUL.
    #[error(transparent)]
    InvalidArgument(#[from] InvalidArgument),
    /// A name the server's charset cannot represent (nothing was sent).
    #[error(transparent)]
    Unencodable(#[from] Unencodable),
    /// No data-channel mode worked.
    #[error("could not open a data connection: {tried}")]
    DataChannel {
        /// What was tried and how each attempt failed.
        tried: String,
        /// A mode failed only because the server could not open its data connection (425),
        /// which may pass: worth a retry.
        transient: bool,
    },
    /// A transfer ended before all the data arrived.
    #[error("transfer of {name} incomplete: {detail}")]
    Partial {
        /// The remote name.
        name: String,
        /// What is known: bytes received vs expected, the final reply.
        detail: String,
    },
    /// After an upload the server reported 226 but holds a different number of bytes than
    /// were sent.
    #[error("upload of {name} incomplete: the server holds {held} bytes, but {sent} were sent")]
    UploadSize {
        /// The remote name.
        name: String,
        /// What SIZE says the server holds.
        held: u64,
        /// What the file should hold: the resume offset plus the bytes sent.
        sent: u64,
    },
    /// The server's hash of a file differs from the hash of the local copy (`--verify`).
    #[error(
        "checksum mismatch for {name}: the server's {algo} is {remote}, the local copy's is {local}; {kept}"
    )]
    Checksum {
        /// The remote name.
        name: String,
        /// The algorithm compared.
        algo: crate::proto::digest::HashAlgo,
        /// The local copy's digest (hex).
        local: String,
        /// The server's digest (hex).
        remote: String,
        /// What became of the local copy ("the download was removed").
        kept: &'static str,
    },
    /// `--verify=require`, and the server offers no hash command for the file's check.
    #[error("cannot verify {name}: {why}")]
    NoChecksum {
        /// The remote name.
        name: String,
        /// Why ("the server offers no hash command (HASH, XSHA256, …)").
        why: String,
    },
    /// A local file problem.
    #[error("{what} {}: {source}", .path.display())]
    Local {
        /// What we were doing ("cannot create", "cannot read", ...).
        what: &'static str,
        /// The local path.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// Standard output could not be written (not a closed pipe, which is a normal end).
    #[error("cannot write to standard output: {0}")]
    Stdout(#[source] io::Error),
    /// TLS setup, handshake or certificate failure.
    #[error("{what}: {source}")]
    Tls {
        /// What failed ("the server's certificate was refused on the control connection").
        what: String,
        /// Why, with the TLS library's (or the socket's, or the server's) error kept as it was.
        source: TlsCause,
        /// What to do, when known (certificate explanation with the fingerprint).
        hint: Option<String>,
    },
    /// The server refused a data connection that made a new TLS 1.3 session instead of
    /// resuming the control connection's (its tickets ran out).
    #[error("the server refused the data connection because it did not resume the TLS session: {}", .reply.one_line())]
    TlsSessionReuse {
        /// The refusal.
        reply: Reply,
    },
    /// A name from the server or the URL that would not stay one file in the chosen directory.
    #[error(
        "refusing to use the server's name {:?} as a local file name: {why}",
        terminal_safe(.name)
    )]
    UnsafeName {
        /// The name as the server (or the URL) gave it.
        name: String,
        /// Why it was refused ("it contains a path separator").
        why: &'static str,
    },
    /// Entries of a recursive transfer or mirror refused as local names (each was named in a
    /// notice as it was met); everything else was done.
    #[error(
        "{0} entr{plural} refused (see above); the rest was done",
        plural = if *.0 == 1 { "y was" } else { "ies were" }
    )]
    UnsafeEntries(usize),
    /// Files of an mget skipped because their names were refused as local names.
    #[error("{0} file(s) skipped because their names were unsafe")]
    UnsafeFiles(usize),
    /// A path the server could only be asked about through its parent's listing (it has no
    /// MLST, SIZE or MDTM), and the listing does not name it.
    #[error("{}: no such file or directory (not in the listing of {})", terminal_safe(.path), terminal_safe(.parent))]
    NotListed {
        /// The path asked about.
        path: String,
        /// The directory listed.
        parent: String,
    },
    /// A bad URL.
    #[error(transparent)]
    Url(#[from] UrlError),
    /// A bad or unsafe .netrc file.
    #[error(transparent)]
    Netrc(#[from] NetrcError),
    /// Wrong use: missing password without a terminal, conflicting options, ...
    #[error("{0}")]
    Usage(String),
    /// The user interrupted the operation.
    #[error("interrupted")]
    Interrupted,
}

/// What a TLS failure came from, each with its own type (never flattened into a string).
#[derive(Debug, thiserror::Error)]
pub enum TlsCause {
    /// The client configuration could not be built (CA file, system roots, settings).
    #[error(transparent)]
    Setup(#[from] TlsSetupError),
    /// rustls refused the connection or the server's certificate (in words, not rustls's
    /// `Debug` of a webpki error).
    #[error("{}", hints::rustls_words(.0))]
    Rustls(#[from] rustls::Error),
    /// The socket failed during the handshake.
    #[error(transparent)]
    Io(io::Error),
    /// The platform TLS library failed (cargo feature `native-tls`).
    #[cfg(feature = "native-tls")]
    #[error(transparent)]
    Native(#[from] native_tls::Error),
    /// The host name cannot be a TLS server name.
    #[error("{host:?} is not a valid TLS server name")]
    ServerName {
        /// The name given.
        host: String,
        /// Why rustls refused it.
        source: rustls::pki_types::InvalidDnsNameError,
    },
    /// The server refused AUTH TLS or PROT P with this reply.
    #[error("{}", .0.one_line())]
    Refused(Reply),
}

/// A handshake's io::Error: rustls's own error when the socket carried one, else the io::Error.
impl From<WireError> for Error {
    fn from(e: WireError) -> Error {
        match e {
            WireError::Control(e) => Error::InvalidArgument(e),
            WireError::Unencodable(e) => Error::Unencodable(e),
        }
    }
}

impl From<io::Error> for TlsCause {
    fn from(e: io::Error) -> TlsCause {
        if e.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) {
            let inner = e.into_inner().expect("checked above");
            return TlsCause::Rustls(*inner.downcast().expect("checked above"));
        }
        TlsCause::Io(e)
    }
}

impl Error {
    /// Builds [`Error::Rejected`] for a command as shown to people; its verb is its first
    /// word (`PASS ****`, `ACCT (none configured)`, a raw `quote` line), read once here.
    pub fn rejected(command: impl Into<String>, reply: Reply) -> Error {
        let command = command.into();
        Error::Rejected {
            verb: Verb::of_line(&command),
            command,
            reply,
        }
    }

    /// The server's reply, for errors that carry one.
    pub fn reply(&self) -> Option<&Reply> {
        match self {
            Error::Rejected { reply, .. } | Error::Unexpected { reply, .. } => Some(reply),
            _ => None,
        }
    }

    /// True when the control connection is gone (closed, reset, timed out, 421), so the
    /// next command must reconnect.
    pub fn is_connection_lost(&self) -> bool {
        match self {
            Error::Closed { .. }
            | Error::Network { .. }
            | Error::Timeout { .. }
            | Error::NoGreeting { .. } => true,
            Error::Reply(_) | Error::TlsSessionReuse { .. } => true,
            Error::Rejected { reply, .. } | Error::Unexpected { reply, .. } => reply.code == 421,
            _ => false,
        }
    }

    /// True for failures that may go away on their own: a lost or reset connection, a
    /// timeout, a short transfer, the replies 421, 425, 426 and 450-452, and data channels
    /// that all failed where one met a 425. Never a refused login (530), a missing file (550),
    /// a bad name (553) or a TLS verification failure.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::DataChannel { transient, .. } => *transient,
            Error::Closed { .. }
            | Error::Network { .. }
            | Error::Timeout { .. }
            | Error::NoGreeting { .. }
            | Error::Partial { .. }
            | Error::TlsSessionReuse { .. } => true,
            // A proxy that does not answer its handshake in time mostly speaks another
            // protocol (socks5:// to an HTTP proxy): not worth waiting for again.
            Error::Connect { source, .. }
            | Error::Proxy {
                source: ProxyError::Connect(source),
                ..
            } => matches!(
                source.kind(),
                std::io::ErrorKind::TimedOut
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
            ),
            Error::Proxy {
                source: ProxyError::Handshake(source),
                ..
            } => matches!(
                source.kind(),
                std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted
            ),
            // Some servers (proftpd) answer 450 for a path that does not exist: not worth a retry.
            Error::Rejected { reply, .. } if reply.code == 450 => {
                !reply.text().to_ascii_lowercase().contains("no such")
            }
            Error::Rejected { reply, .. } => matches!(reply.code, 421 | 425 | 426 | 451 | 452),
            _ => false,
        }
    }

    /// True when the server limits the sessions one client address may have: "only one
    /// session from same IP", "too many connections from this IP" (vsftpd, pure-ftpd, IIS).
    pub fn is_per_address_limit(&self) -> bool {
        self.reply().is_some_and(codes::is_per_address_limit)
    }

    /// True when an extra connection of a parallel job was refused in a way that says the
    /// server takes no more from us now: too many users, a per-address limit, any login
    /// refusal (the first connection logged in with the same credentials), the connection
    /// refused, closed or timed out.
    pub fn refuses_another_connection(&self) -> bool {
        match self {
            Error::Connect { .. }
            | Error::Proxy { .. }
            | Error::Closed { .. }
            | Error::Timeout { .. }
            | Error::NoGreeting { .. } => true,
            Error::Rejected { reply, .. } => {
                matches!(codes::classify(reply), Refusal::Login | Refusal::Busy)
            }
            _ => self.is_too_many_users() || self.is_per_address_limit(),
        }
    }

    /// True when the server said it has too many users or connections.
    pub fn is_too_many_users(&self) -> bool {
        let Some(reply) = self.reply() else {
            return false;
        };
        let text = reply.text().to_ascii_lowercase();
        matches!(reply.code, 421 | 530)
            && ["too many", "maximum", "limit"]
                .iter()
                .any(|w| text.contains(w))
    }

    /// The exit code this error ends the program with.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Resolve { .. }
            | Error::Connect { .. }
            | Error::Closed { .. }
            | Error::NoGreeting { .. }
            | Error::Network { .. } => ExitCode::Network,
            Error::Proxy {
                source: ProxyError::Failed(failure),
                ..
            } if failure.is_refusal() => ExitCode::Proxy,
            Error::Proxy { .. } => ExitCode::Network,
            Error::ProxyUrl(_) | Error::ActiveThroughProxy { .. } => ExitCode::Usage,
            Error::Timeout { .. } | Error::Partial { .. } | Error::UploadSize { .. } => {
                ExitCode::Partial
            }
            Error::Rejected { verb, reply, .. } => match codes::classify(reply) {
                Refusal::Login | Refusal::Busy => ExitCode::Login,
                Refusal::DataConnection => ExitCode::Partial,
                Refusal::RemoteFile => ExitCode::RemoteFile,
                _ if matches!(verb, Some(Verb::User | Verb::Pass | Verb::Acct)) => ExitCode::Login,
                _ => ExitCode::RemoteFile,
            },
            Error::DataChannel { .. } => ExitCode::Network,
            Error::Unexpected { .. } | Error::Reply(_) | Error::Addr(_) | Error::Protocol(_) => {
                ExitCode::Protocol
            }
            Error::InvalidArgument(_) | Error::Unencodable(_) | Error::Url(_) | Error::Usage(_) => {
                ExitCode::Usage
            }
            Error::Local { .. } | Error::Stdout(_) => ExitCode::LocalFile,
            Error::NotListed { .. } => ExitCode::RemoteFile,
            Error::UnsafeName { .. } | Error::UnsafeEntries(_) | Error::UnsafeFiles(_) => {
                ExitCode::UnsafeName
            }
            Error::Tls { .. } | Error::TlsSessionReuse { .. } => ExitCode::Tls,
            Error::Checksum { .. } | Error::NoChecksum { .. } => ExitCode::Checksum,
            Error::Netrc(NetrcError::Io { .. }) => ExitCode::LocalFile,
            Error::Netrc(_) => ExitCode::Usage,
            Error::Interrupted => ExitCode::Interrupted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_channel_hints_name_what_failed_in_the_faces_words() {
        let e = |tried: &str| Error::DataChannel {
            tried: tried.into(),
            transient: false,
        };
        let passive = e("EPSV: cannot connect; PASV: cannot connect");
        assert!(passive.hint().unwrap().contains("--active"));
        assert!(
            passive
                .hint_for(Face::Shell)
                .unwrap()
                .contains("`mode active`")
        );
        assert!(!passive.hint_for(Face::Shell).unwrap().contains("--active "));
        let active = e("EPRT: 425 Can't open data connection");
        assert!(active.hint().unwrap().contains("--passive"));
        assert!(active.hint_for(Face::Shell).unwrap().contains("`passive`"));
        let ports = e("EPRT: no free local port in 50000-50001");
        assert!(ports.hint().unwrap().contains("wider range"));
        let spent = e("every data-channel mode already failed in this session");
        assert!(spent.hint_for(Face::Shell).unwrap().contains("`close`"));
        let all = e("EPSV: x; PASV: y; EPRT: z; PORT: w");
        assert!(all.hint().unwrap().contains("both ways"));
    }

    #[test]
    fn login_refusals_exit_with_the_login_code() {
        let e = Error::rejected(
            "PASS ****",
            Reply::new(530, vec!["530 Login incorrect.".into()]),
        );
        assert_eq!(e.exit_code(), ExitCode::Login);
        assert!(e.to_string().contains("530 Login incorrect."));
        assert!(e.hint().unwrap().contains("password"));
    }

    #[test]
    fn a_rejection_carries_its_verb_as_a_type() {
        let e = Error::rejected(
            "ACCT (none configured)",
            Reply::new(502, vec!["502 No.".into()]),
        );
        assert!(matches!(
            e,
            Error::Rejected {
                verb: Some(Verb::Acct),
                ..
            }
        ));
        assert_eq!(e.exit_code(), ExitCode::Login, "a login verb refused");
        let e = Error::rejected("connect", Reply::new(502, vec!["502 No.".into()]));
        assert!(matches!(e, Error::Rejected { verb: None, .. }));
        assert_eq!(e.exit_code(), ExitCode::RemoteFile);
        assert_eq!(e.to_string(), "connect: the server replied 502 No.");
    }

    #[test]
    fn missing_files_exit_with_the_remote_file_code() {
        let e = Error::rejected("RETR x", Reply::new(550, vec!["550 No such file.".into()]));
        assert_eq!(e.exit_code(), ExitCode::RemoteFile);
    }

    #[test]
    fn tls_errors_keep_the_library_error_as_their_source() {
        use std::error::Error as _;
        let inner = io::Error::other(rustls::Error::InvalidCertificate(
            rustls::CertificateError::Expired,
        ));
        let e = Error::Tls {
            what: "the server's certificate was refused on the control connection".into(),
            source: inner.into(),
            hint: None,
        };
        assert!(matches!(
            e.source().and_then(|s| s.downcast_ref::<TlsCause>()),
            Some(TlsCause::Rustls(rustls::Error::InvalidCertificate(_)))
        ));
        assert_eq!(
            e.to_string(),
            format!(
                "the server's certificate was refused on the control connection: {}",
                rustls::Error::InvalidCertificate(rustls::CertificateError::Expired)
            )
        );
        assert_eq!(e.exit_code(), ExitCode::Tls);
    }

    #[test]
    fn refused_connections_explain_the_likely_cause() {
        let e = Error::Connect {
            addr: "127.0.0.1:1".into(),
            source: io::Error::from(io::ErrorKind::ConnectionRefused),
        };
        assert_eq!(e.exit_code(), ExitCode::Network);
        assert!(e.hint().unwrap().contains("port"));
    }
}
