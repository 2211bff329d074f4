//! Certificates made at test time with rcgen, like the ones real FTP servers are set up with.

use std::path::{Path, PathBuf};

use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, SanType};

/// A certificate and its key written as PEM files.
pub struct TestCert {
    pub cert: PathBuf,
    pub key: PathBuf,
    pub der: Vec<u8>,
}

/// A self-signed certificate for localhost, 127.0.0.1 and ::1, marked CA:TRUE the way
/// `openssl req -x509` makes them (what most small FTP servers use).
pub fn self_signed(dir: &Path) -> TestCert {
    let mut params = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    params
        .subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
    params
        .subject_alt_names
        .push(SanType::IpAddress("::1".parse().unwrap()));
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let key = KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    let paths = TestCert {
        cert: dir.join("server.crt"),
        key: dir.join("server.key"),
        der: cert.der().to_vec(),
    };
    std::fs::write(&paths.cert, cert.pem()).unwrap();
    std::fs::write(&paths.key, key.serialize_pem()).unwrap();
    paths
}
