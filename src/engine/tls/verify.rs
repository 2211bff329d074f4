//! Server certificate verification and the rustls `ClientConfig` it lives in.
//!
//! This module owns the choice of trust ([`Trust`]), the one [`rustls::ClientConfig`] a control
//! connection and all its data connections share, and the words a person reads when a
//! certificate is refused ([`explain`]).
//!
//! Choices:
//! - The crypto provider is always ring, passed explicitly; no process-wide default provider is
//!   installed or consulted. Its AES-128-GCM suites are offered first (see `aes128_first`).
//! - Chain, date and name checks are delegated to rustls' `WebPkiServerVerifier`. The one
//!   exception is `--cacert` with a file that holds the server's own certificate byte for byte:
//!   curl and lftp accept such a certificate even when it says CA:TRUE (what `openssl req -x509`
//!   makes), which webpki refuses, so that case gets its own date and name checks here.
//! - Handshake signatures are checked with ring's algorithms in every mode, `--pin` and
//!   `--insecure` included, so the server must hold the key of the certificate it shows.
//! - The default client session store is kept: data connections resume the control
//!   connection's TLS session because they use the same `Arc<ClientConfig>` and server name.
//! - The verifier writes what it saw into a shared [`Seen`], since a rustls error alone cannot
//!   say which certificate was refused or what would accept it.

use std::fmt::Write as _;
use std::io;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, Error, RootCertStore, SignatureScheme,
    SupportedProtocolVersion,
};
use sha2::{Digest, Sha256};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::names::{Host, Name, cert_names};

/// How the server's certificate is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// The system trust store (rustls-native-certs), host name and dates checked.
    System,
    /// Certificates from a PEM file (--cacert): CAs to chain to, AND any certificate in the file
    /// that is byte-identical to the server's own is accepted as the server's certificate even
    /// though it is marked CA:TRUE (the usual `openssl req -x509` self-signed certificate; webpki
    /// rejects it with CaUsedAsEndEntity while curl and lftp accept it). Host name and validity
    /// dates are still checked in that case.
    CaFile(PathBuf),
    /// Exactly the certificate whose SHA-256 fingerprint (of the DER) is this (--pin sha256:HEX);
    /// nothing else checked.
    Pin([u8; 32]),
    /// Anything (--insecure).
    Insecure,
}

/// TLS settings that shape the rustls ClientConfig.
#[derive(Debug, Clone)]
pub struct TlsSettings {
    /// How the server's certificate is checked.
    pub trust: Trust,
    /// Offer TLS 1.2 only (--tls-max 1.2).
    pub max_tls12: bool,
}

/// The verifier's record of the last certificate it saw and why it refused it, so errors can
/// explain themselves.
#[derive(Debug, Default)]
pub struct Seen {
    /// The end-entity certificate (DER) the server showed last.
    pub certificate: Option<Vec<u8>>,
    /// Why it was refused, in a few words; `None` if it was accepted.
    pub refusal: Option<String>,
}

/// Why the TLS client configuration could not be built.
#[derive(Debug, thiserror::Error)]
pub enum TlsSetupError {
    /// The --cacert file could not be read, or its PEM is malformed.
    #[error("cannot read the CA file {}: {source}", .path.display())]
    CaFile {
        /// The file given with --cacert.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
    /// The --cacert file holds no usable PEM certificate.
    #[error("the CA file {} holds no usable PEM certificate", .path.display())]
    NoCertificates {
        /// The file given with --cacert.
        path: PathBuf,
    },
    /// The --pin value is not "sha256:" followed by 64 hex digits.
    #[error(
        "--pin {0:?} is not sha256: followed by 64 hex digits (colons between byte pairs allowed)"
    )]
    BadPin(String),
    /// Not a single system root certificate could be loaded.
    #[error("cannot load the system's trusted certificates: {0}")]
    SystemRoots(String),
    /// rustls refused the settings (not expected with the ring provider).
    #[error("the TLS library refused the settings: {0}")]
    Rustls(#[from] rustls::Error),
    /// rustls could not build the certificate verifier from the roots.
    #[error("the TLS library refused the settings: {0}")]
    Verifier(#[from] rustls::client::VerifierBuilderError),
}

/// Builds ONE `Arc<ClientConfig>` for a control connection and all its data connections (so
/// rustls resumes the TLS session on data connections: same Arc, same server name). `seen`
/// receives the certificate the verifier was shown.
pub fn client_config(
    settings: &TlsSettings,
    seen: Arc<Mutex<Seen>>,
) -> Result<Arc<ClientConfig>, TlsSetupError> {
    let provider = Arc::new(aes128_first(rustls::crypto::ring::default_provider()));
    let webpki = |roots: RootCertStore| {
        WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .build()
            .map_err(TlsSetupError::from)
    };
    let check = match &settings.trust {
        Trust::System => Check::WebPki {
            webpki: webpki(system_roots()?)?,
            in_file: Vec::new(),
        },
        Trust::CaFile(path) => {
            let in_file = read_ca_file(path)?;
            let mut roots = RootCertStore::empty();
            let (added, _ignored) = roots.add_parsable_certificates(in_file.iter().cloned());
            if added == 0 {
                return Err(TlsSetupError::NoCertificates { path: path.clone() });
            }
            Check::WebPki {
                webpki: webpki(roots)?,
                in_file,
            }
        }
        Trust::Pin(pin) => Check::Pin(*pin),
        Trust::Insecure => Check::Insecure,
    };
    let verifier = Arc::new(Verifier {
        check,
        seen,
        algorithms: provider.signature_verification_algorithms,
    });
    let versions: &[&SupportedProtocolVersion] = if settings.max_tls12 {
        &[&rustls::version::TLS12]
    } else {
        rustls::DEFAULT_VERSIONS
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .map_err(TlsSetupError::from)?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// The provider with its AES-128-GCM suites offered first in each TLS version, as browsers
/// do. Servers take the client's order (OpenSSL does by default), and on a file server the
/// cipher is paid for on every byte on both sides: AES-128 has 10 rounds to AES-256's 14, so a
/// two-core machine serving itself over TLS moves data faster. Nothing is removed.
fn aes128_first(mut provider: rustls::crypto::CryptoProvider) -> rustls::crypto::CryptoProvider {
    use rustls::CipherSuite::{
        TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TLS13_AES_128_GCM_SHA256,
    };
    let aes128 = [
        TLS13_AES_128_GCM_SHA256,
        TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    ];
    // A stable sort: TLS 1.3 before 1.2 as before, and within each, AES-128 first.
    provider.cipher_suites.sort_by_key(|s| {
        let tls12 = matches!(s, rustls::SupportedCipherSuite::Tls12(_));
        (tls12, !aes128.contains(&s.suite()))
    });
    provider
}

/// Parses "sha256:HEX" (64 hex digits, optional ':' separators) for --pin.
pub fn parse_pin(s: &str) -> Result<[u8; 32], TlsSetupError> {
    let bad = || TlsSetupError::BadPin(s.to_string());
    let trimmed = s.trim();
    let hex = match trimmed.split_at_checked(7) {
        Some((prefix, rest)) if prefix.eq_ignore_ascii_case("sha256:") => rest,
        _ => return Err(bad()),
    };
    let mut digits = Vec::with_capacity(64);
    let mut after_colon = false;
    for c in hex.chars() {
        if c == ':' {
            // Only between byte pairs: after an even, non-zero number of digits, never doubled.
            if digits.is_empty() || digits.len() % 2 != 0 || after_colon {
                return Err(bad());
            }
            after_colon = true;
        } else {
            digits.push(c.to_digit(16).ok_or_else(bad)? as u8);
            after_colon = false;
        }
    }
    if digits.len() != 64 || after_colon {
        return Err(bad());
    }
    let mut pin = [0u8; 32];
    for (byte, pair) in pin.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = pair[0] << 4 | pair[1];
    }
    Ok(pin)
}

/// "sha256:AB:CD:…" fingerprint of a DER certificate, in the form --pin accepts.
pub fn fingerprint(der: &[u8]) -> String {
    let mut out = String::from("sha256:");
    for (i, byte) in sha256(der).iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        let _ = write!(out, "{byte:02X}");
    }
    out
}

/// A human explanation of why the certificate was refused, for the error message: which of
/// self-signed / issued by an unknown CA / expired (with the date) / not yet valid / issued for
/// other names (list the names it IS valid for) / CA certificate used as the server's own
/// certificate applies, then the fingerprint, then which option would accept it ("--cacert FILE
/// with this certificate, or --pin sha256:…, or --insecure (not recommended)"). `server_name` is
/// the host we connected to.
pub fn explain(seen: &Seen, server_name: &str) -> String {
    let Some(der) = &seen.certificate else {
        return format!("TLS with {server_name} failed before the server showed a certificate");
    };
    let mut out = format!("the server's certificate for {server_name} was refused");
    if let Some(refusal) = &seen.refusal {
        let _ = write!(out, " ({refusal})");
    }
    let refusal = seen.refusal.as_deref().unwrap_or("");
    let mut reasons = Vec::new();
    if refusal == PIN_MISMATCH {
        reasons.push("its fingerprint is not the one given with --pin".to_string());
    } else if let Ok((_, cert)) = X509Certificate::from_der(der) {
        // A name refusal comes after the chain was trusted, so who issued it is no problem then.
        let chain_trusted = refusal == WRONG_NAME;
        if !chain_trusted && cert.subject().as_raw() == cert.issuer().as_raw() {
            reasons.push(format!("it is self-signed ({})", cert.subject()));
        } else if refusal == UNKNOWN_ISSUER {
            reasons.push(format!("it is issued by an unknown CA ({})", cert.issuer()));
        }
        let now = UnixTime::now().as_secs() as i64;
        let validity = cert.validity();
        if now > validity.not_after.timestamp() {
            let date = utc(validity.not_after.timestamp());
            reasons.push(format!("it expired on {date}"));
        }
        if now < validity.not_before.timestamp() {
            let date = utc(validity.not_before.timestamp());
            reasons.push(format!("it is not valid until {date}"));
        }
        let names = cert_names(&cert);
        if !names
            .iter()
            .any(|name| name.matches(&Host::parse(server_name)))
        {
            reasons.push(if names.is_empty() {
                "it names no host at all".to_string()
            } else {
                let list: Vec<String> = names.iter().map(Name::to_string).collect();
                format!("it is issued for {}, not {server_name}", list.join(", "))
            });
        }
        if refusal == CA_AS_SERVER {
            reasons.push(format!("it is {CA_AS_SERVER} (CA:TRUE)"));
        }
    } else {
        reasons.push("it cannot be parsed as an X.509 certificate".to_string());
    }
    out.push(':');
    for reason in &reasons {
        let _ = write!(out, "\n  - {reason}");
    }
    let fingerprint = fingerprint(der);
    let _ = write!(
        out,
        "\n  fingerprint: {fingerprint}\nto accept it, use --cacert FILE with this certificate, \
         or --pin {fingerprint}, or --insecure (not recommended)"
    );
    out
}

// Refusal reasons the verifier stores in `Seen::refusal`; `explain` recognises some of them.
const UNKNOWN_ISSUER: &str = "issued by an unknown CA";
const EXPIRED: &str = "expired";
const NOT_YET_VALID: &str = "not yet valid";
const WRONG_NAME: &str = "not valid for this host name";
const CA_AS_SERVER: &str = "a CA certificate used as the server's own certificate";
const PIN_MISMATCH: &str = "not the pinned certificate";
const UNPARSABLE: &str = "not a parsable certificate";

/// What the verifier checks, decided once per `ClientConfig`.
#[derive(Debug)]
enum Check {
    /// webpki against these roots; certificates in `in_file` (the --cacert file) are also
    /// accepted as the server's own when byte-identical and valid for the name and date.
    WebPki {
        webpki: Arc<WebPkiServerVerifier>,
        in_file: Vec<CertificateDer<'static>>,
    },
    Pin([u8; 32]),
    Insecure,
}

#[derive(Debug)]
struct Verifier {
    check: Check,
    seen: Arc<Mutex<Seen>>,
    algorithms: WebPkiSupportedAlgorithms,
}

/// A refusal: the words for `Seen` and the error for rustls.
type Refused = (String, Error);

impl Verifier {
    fn decide(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Refused> {
        match &self.check {
            Check::Insecure => Ok(ServerCertVerified::assertion()),
            Check::Pin(pin) if sha256(end_entity) == *pin => Ok(ServerCertVerified::assertion()),
            Check::Pin(_) => Err(refused(
                PIN_MISMATCH,
                CertificateError::ApplicationVerificationFailure,
            )),
            Check::WebPki { webpki, in_file } => {
                match webpki.verify_server_cert(
                    end_entity,
                    intermediates,
                    server_name,
                    ocsp_response,
                    now,
                ) {
                    Ok(verified) => Ok(verified),
                    Err(_) if in_file.iter().any(|c| c.as_ref() == end_entity.as_ref()) => {
                        check_identical(end_entity, server_name, now)
                    }
                    Err(error) => Err((describe(&error), error)),
                }
            }
        }
    }
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        {
            let mut seen = lock(&self.seen);
            seen.certificate = Some(end_entity.to_vec());
            seen.refusal = None;
        }
        self.decide(end_entity, intermediates, server_name, ocsp_response, now)
            .map_err(|(reason, error)| {
                lock(&self.seen).refusal = Some(reason);
                error
            })
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// The date and name checks for a certificate accepted because the --cacert file holds it.
fn check_identical(
    der: &[u8],
    server_name: &ServerName<'_>,
    now: UnixTime,
) -> Result<ServerCertVerified, Refused> {
    let Ok((_, cert)) = X509Certificate::from_der(der) else {
        return Err(refused(UNPARSABLE, CertificateError::BadEncoding));
    };
    let now = now.as_secs() as i64;
    let validity = cert.validity();
    if now > validity.not_after.timestamp() {
        return Err(refused(EXPIRED, CertificateError::Expired));
    }
    if now < validity.not_before.timestamp() {
        return Err(refused(NOT_YET_VALID, CertificateError::NotValidYet));
    }
    let host = match server_name {
        ServerName::DnsName(dns) => Host::Dns(dns.as_ref().to_string()),
        ServerName::IpAddress(ip) => Host::Ip(IpAddr::from(*ip)),
        _ => return Err(refused(WRONG_NAME, CertificateError::NotValidForName)),
    };
    if cert_names(&cert).iter().any(|name| name.matches(&host)) {
        Ok(ServerCertVerified::assertion())
    } else {
        Err(refused(WRONG_NAME, CertificateError::NotValidForName))
    }
}

fn refused(reason: &str, error: CertificateError) -> Refused {
    (reason.to_string(), Error::InvalidCertificate(error))
}

/// A few words for a webpki refusal.
fn describe(error: &Error) -> String {
    let Error::InvalidCertificate(error) = error else {
        return error.to_string();
    };
    match error {
        CertificateError::UnknownIssuer => UNKNOWN_ISSUER.to_string(),
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => EXPIRED.to_string(),
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            NOT_YET_VALID.to_string()
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            WRONG_NAME.to_string()
        }
        CertificateError::BadEncoding => UNPARSABLE.to_string(),
        // webpki's CaUsedAsEndEntity has no rustls variant; it arrives wrapped in Other.
        CertificateError::Other(other)
            if format!("{:?}", other.0).contains("CaUsedAsEndEntity") =>
        {
            CA_AS_SERVER.to_string()
        }
        other => format!("{other:?}"),
    }
}

fn read_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsSetupError> {
    let ca_file = |source| TlsSetupError::CaFile {
        path: path.to_path_buf(),
        source,
    };
    let pem = std::fs::read(path).map_err(ca_file)?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ca_file(io::Error::new(io::ErrorKind::InvalidData, e.to_string())))?;
    if certs.is_empty() {
        return Err(TlsSetupError::NoCertificates {
            path: path.to_path_buf(),
        });
    }
    Ok(certs)
}

fn system_roots() -> Result<RootCertStore, TlsSetupError> {
    let found = rustls_native_certs::load_native_certs();
    let mut roots = RootCertStore::empty();
    let (added, _ignored) = roots.add_parsable_certificates(found.certs);
    if added > 0 {
        return Ok(roots);
    }
    let why: Vec<String> = found.errors.iter().map(ToString::to_string).collect();
    Err(TlsSetupError::SystemRoots(if why.is_empty() {
        "none found".to_string()
    } else {
        why.join("; ")
    }))
}

fn sha256(der: &[u8]) -> [u8; 32] {
    Sha256::digest(der).into()
}

fn lock(seen: &Mutex<Seen>) -> MutexGuard<'_, Seen> {
    seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// "YYYY-MM-DD HH:MM:SS UTC" for seconds since the Unix epoch (proleptic Gregorian calendar).
fn utc(timestamp: i64) -> String {
    let (days, secs) = (timestamp.div_euclid(86_400), timestamp.rem_euclid(86_400));
    // Days to civil date, after Howard Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    format!("{year:04}-{month:02}-{day:02} {h:02}:{m:02}:{s:02} UTC")
}

#[cfg(test)]
#[path = "verify_tests.rs"]
mod tests;
