//! TLS for control and data connections (FTPS, RFC 4217).
//!
//! One [`TlsClient`] is made per control connection and wraps that connection and every data
//! connection of the session. With the rustls backend all of them share one
//! `Arc<ClientConfig>` and one server name, so rustls resumes the control connection's TLS
//! session on each data connection — which vsftpd (`require_ssl_reuse=YES`), ProFTPD and
//! FileZilla Server demand by default. The native-tls backend (cargo feature `native-tls`,
//! `--tls-backend native`) cannot resume sessions; it exists for servers that do not require
//! reuse and for platforms where the system TLS library is preferred.
//!
//! Handshakes run eagerly, so a certificate problem is reported as such (with an explanation
//! from [`verify::explain`]) instead of surfacing later as a read error.

mod names;
pub mod verify;

use std::io::{self, ErrorKind};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::pki_types::ServerName;

use crate::engine::transport::Stream;
use crate::error::{Error, Result};
use verify::{Seen, TlsSettings};

/// Which TLS implementation wraps the sockets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// rustls with ring: resumes sessions on data connections (the default).
    #[default]
    Rustls,
    /// The platform library through native-tls (cargo feature `native-tls`).
    Native,
}

/// When to use TLS on an `ftp://` connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TlsMode {
    /// Never.
    Off,
    /// For non-anonymous logins, when FEAT offers AUTH TLS.
    #[default]
    Auto,
    /// Always; fail rather than send a password in clear or data unprotected.
    Require,
}

/// A rustls handshake whose ClientHello is already sent (see [`TlsClient::hello`]).
pub struct Hello(Box<rustls::ClientConnection>);

impl std::fmt::Debug for Hello {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hello")
    }
}

/// The TLS side of one session: configuration, server name, and what the verifier saw.
pub struct TlsClient {
    config: Arc<rustls::ClientConfig>,
    name: ServerName<'static>,
    host: String,
    seen: Arc<Mutex<Seen>>,
    backend: Backend,
    #[cfg(feature = "native-tls")]
    native: Option<native_tls::TlsConnector>,
}

impl std::fmt::Debug for TlsClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsClient")
            .field("host", &self.host)
            .field("backend", &self.backend)
            .finish()
    }
}

impl TlsClient {
    /// Prepares TLS for a session with `host`.
    pub fn new(settings: &TlsSettings, host: &str, backend: Backend) -> Result<TlsClient> {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let config = verify::client_config(settings, seen.clone()).map_err(|e| Error::Tls {
            what: "setting up TLS".into(),
            detail: e.to_string(),
            hint: None,
        })?;
        let name = ServerName::try_from(host.to_owned()).map_err(|_| Error::Tls {
            what: "setting up TLS".into(),
            detail: format!("{host:?} is not a valid TLS server name"),
            hint: None,
        })?;
        if backend == Backend::Native && !cfg!(feature = "native-tls") {
            return Err(Error::Usage(
                "this ferry was built without the native-tls backend (cargo feature native-tls)"
                    .into(),
            ));
        }
        Ok(TlsClient {
            config,
            name,
            host: host.to_owned(),
            seen,
            backend,
            #[cfg(feature = "native-tls")]
            native: native_connector(settings, backend)?,
        })
    }

    /// Runs a TLS handshake over `tcp` (whose read timeout is `timeout` meanwhile) and returns
    /// the protected stream; `what` names the connection in errors ("control", "data").
    pub fn wrap(&self, tcp: TcpStream, what: &str, timeout: Duration) -> Result<Stream> {
        let saved = tcp.read_timeout().ok().flatten();
        tcp.set_read_timeout(Some(timeout))
            .map_err(|e| self.io_fail(what, e))?;
        let stream = match self.backend {
            Backend::Rustls => self.wrap_rustls(tcp, what)?,
            Backend::Native => self.wrap_native(tcp, what)?,
        };
        stream
            .set_read_timeout(saved)
            .map_err(|e| self.io_fail(what, e))?;
        Ok(stream)
    }

    /// Starts the handshake on a fresh data connection by sending the ClientHello at once,
    /// before the server's 1xx reply is read: the server finds it waiting when it begins its
    /// side, which saves a round trip per data connection. rustls only; `None` when the
    /// backend cannot or the write failed (the handshake then fails as usual in [`Self::wrap`]).
    pub fn hello(&self, tcp: &mut TcpStream) -> Option<Hello> {
        if self.backend != Backend::Rustls {
            return None;
        }
        let mut conn =
            rustls::ClientConnection::new(self.config.clone(), self.name.clone()).ok()?;
        while conn.wants_write() {
            conn.write_tls(tcp).ok()?;
        }
        Some(Hello(Box::new(conn)))
    }

    /// Like [`Self::wrap`], continuing the handshake that [`Self::hello`] began.
    pub fn wrap_after_hello(
        &self,
        hello: Hello,
        tcp: TcpStream,
        what: &str,
        timeout: Duration,
    ) -> Result<Stream> {
        let saved = tcp.read_timeout().ok().flatten();
        tcp.set_read_timeout(Some(timeout))
            .map_err(|e| self.io_fail(what, e))?;
        let stream = self.handshake_rustls(*hello.0, tcp, what)?;
        stream
            .set_read_timeout(saved)
            .map_err(|e| self.io_fail(what, e))?;
        Ok(stream)
    }

    fn wrap_rustls(&self, tcp: TcpStream, what: &str) -> Result<Stream> {
        let conn = rustls::ClientConnection::new(self.config.clone(), self.name.clone())
            .map_err(|e| self.tls_fail(what, &e.to_string()))?;
        self.handshake_rustls(conn, tcp, what)
    }

    fn handshake_rustls(
        &self,
        mut conn: rustls::ClientConnection,
        mut tcp: TcpStream,
        what: &str,
    ) -> Result<Stream> {
        while conn.is_handshaking() {
            if let Err(e) = conn.complete_io(&mut tcp) {
                return Err(self.handshake_error(what, e));
            }
        }
        Ok(Stream::Rustls(Box::new(rustls::StreamOwned::new(
            conn, tcp,
        ))))
    }

    #[cfg(feature = "native-tls")]
    fn wrap_native(&self, tcp: TcpStream, what: &str) -> Result<Stream> {
        let connector = self.native.as_ref().expect("made for the native backend");
        match connector.connect(&self.host, tcp) {
            Ok(s) => Ok(Stream::Native(Box::new(s))),
            Err(e) => Err(self.tls_fail(what, &e.to_string())),
        }
    }

    #[cfg(not(feature = "native-tls"))]
    fn wrap_native(&self, _tcp: TcpStream, _what: &str) -> Result<Stream> {
        unreachable!("TlsClient::new refuses the native backend in this build")
    }

    fn handshake_error(&self, what: &str, e: io::Error) -> Error {
        let certificate_problem = e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            .is_some_and(|r| matches!(r, rustls::Error::InvalidCertificate(_)));
        if certificate_problem {
            let seen = self.seen.lock().expect("verifier lock");
            return Error::Tls {
                what: format!("the server's certificate was refused on the {what} connection"),
                detail: e.to_string(),
                hint: Some(verify::explain(&seen, &self.host)),
            };
        }
        match e.kind() {
            ErrorKind::WouldBlock | ErrorKind::TimedOut => Error::Timeout {
                what: format!("waiting for the TLS handshake on the {what} connection"),
                after: Duration::ZERO,
            },
            _ => self.tls_fail(what, &e.to_string()),
        }
    }

    fn tls_fail(&self, what: &str, detail: &str) -> Error {
        Error::Tls {
            what: format!("TLS handshake on the {what} connection failed"),
            detail: detail.to_owned(),
            hint: None,
        }
    }

    fn io_fail(&self, what: &str, e: io::Error) -> Error {
        Error::Network {
            what: format!("setting up TLS on the {what} connection"),
            source: e,
        }
    }
}

#[cfg(feature = "native-tls")]
fn native_connector(
    settings: &TlsSettings,
    backend: Backend,
) -> Result<Option<native_tls::TlsConnector>> {
    use verify::Trust;
    if backend != Backend::Native {
        return Ok(None);
    }
    let mut builder = native_tls::TlsConnector::builder();
    match &settings.trust {
        Trust::System => {}
        Trust::Insecure => {
            builder
                .danger_accept_invalid_certs(true)
                .danger_accept_invalid_hostnames(true);
        }
        Trust::Pin(_) => {
            return Err(Error::Usage(
                "--pin works with the rustls backend only".into(),
            ));
        }
        Trust::CaFile(path) => {
            let pem = std::fs::read(path).map_err(|e| Error::Local {
                what: "cannot read",
                path: path.clone(),
                source: e,
            })?;
            let cert = native_tls::Certificate::from_pem(&pem).map_err(|e| Error::Tls {
                what: "reading --cacert".into(),
                detail: e.to_string(),
                hint: None,
            })?;
            builder.add_root_certificate(cert);
        }
    }
    if settings.max_tls12 {
        builder.max_protocol_version(Some(native_tls::Protocol::Tlsv12));
    }
    let connector = builder.build().map_err(|e| Error::Tls {
        what: "setting up native TLS".into(),
        detail: e.to_string(),
        hint: None,
    })?;
    Ok(Some(connector))
}
