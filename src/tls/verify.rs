//! Placeholder with the verification API; replaced by the full module (CA files, pins,
//! explanations) from the tls-verify branch.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How the server's certificate is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// The system trust store.
    System,
    /// Certificates from a PEM file.
    CaFile(PathBuf),
    /// Exactly this SHA-256 fingerprint.
    Pin([u8; 32]),
    /// Anything.
    Insecure,
}

/// TLS settings that shape the rustls ClientConfig.
#[derive(Debug, Clone)]
pub struct TlsSettings {
    /// Certificate checking.
    pub trust: Trust,
    /// Only TLS 1.2.
    pub max_tls12: bool,
}

/// The last certificate seen.
#[derive(Debug, Default)]
pub struct Seen {
    /// End-entity DER.
    pub certificate: Option<Vec<u8>>,
    /// Why it was refused.
    pub refusal: Option<String>,
}

/// Setup failures.
#[derive(Debug, thiserror::Error)]
pub enum TlsSetupError {
    /// Could not load system roots.
    #[error("cannot load the system's trusted certificates: {0}")]
    SystemRoots(String),
    /// Bad pin.
    #[error("bad --pin {0:?}")]
    BadPin(String),
}

/// Builds one config.
pub fn client_config(
    settings: &TlsSettings,
    _seen: Arc<Mutex<Seen>>,
) -> Result<Arc<rustls::ClientConfig>, TlsSetupError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let versions: &[&rustls::SupportedProtocolVersion] = if settings.max_tls12 {
        &[&rustls::version::TLS12]
    } else {
        &[&rustls::version::TLS13, &rustls::version::TLS12]
    };
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .map_err(|e| TlsSetupError::SystemRoots(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Parses a pin.
pub fn parse_pin(s: &str) -> Result<[u8; 32], TlsSetupError> {
    Err(TlsSetupError::BadPin(s.to_owned()))
}

/// Fingerprint.
pub fn fingerprint(_der: &[u8]) -> String {
    String::new()
}

/// Explanation.
pub fn explain(_seen: &Seen, _server_name: &str) -> String {
    String::new()
}
