//! Tests for `tls::verify`: certificates made with rcgen at test time and real TLS handshakes
//! between an in-memory rustls server and client (bytes pumped through buffers, no sockets).

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, date_time_ymd};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls::{ClientConnection, HandshakeKind, ProtocolVersion, ServerConfig, ServerConnection};

use super::*;

struct TestCert {
    der: CertificateDer<'static>,
    pem: String,
    key: KeyPair,
}

fn params(cn: &str, names: &[&str]) -> CertificateParams {
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(names).unwrap();
    params.distinguished_name.remove(DnType::CommonName);
    params.distinguished_name.push(DnType::CommonName, cn);
    params
}

fn self_signed(mut params: CertificateParams, ca: bool) -> TestCert {
    if ca {
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    }
    let key = KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    TestCert {
        der: cert.der().clone(),
        pem: cert.pem(),
        key,
    }
}

/// A CA:TRUE self-signed certificate for "localhost", like `openssl req -x509` makes.
fn openssl_style() -> TestCert {
    self_signed(params("localhost", &["localhost"]), true)
}

/// A CA and a leaf for `names` that it signed.
fn chain(names: &[&str], leaf_params: Option<CertificateParams>) -> (TestCert, TestCert) {
    let mut ca_params = params("Ferry Test CA", &[]);
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = self_signed(ca_params.clone(), false);
    let ca_issuer = Issuer::from_params(&ca_params, &ca.key);
    let key = KeyPair::generate().unwrap();
    let leaf_params = leaf_params.unwrap_or_else(|| params(names[0], names));
    let cert = leaf_params.signed_by(&key, &ca_issuer).unwrap();
    let leaf = TestCert {
        der: cert.der().clone(),
        pem: cert.pem(),
        key,
    };
    (ca, leaf)
}

fn server_config(chain: Vec<CertificateDer<'static>>, key: &KeyPair) -> Arc<ServerConfig> {
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::DEFAULT_VERSIONS)
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    Arc::new(config)
}

fn serve(cert: &TestCert) -> Arc<ServerConfig> {
    server_config(vec![cert.der.clone()], &cert.key)
}

struct Client {
    config: Arc<ClientConfig>,
    seen: Arc<Mutex<Seen>>,
    _ca_file: Option<tempfile::NamedTempFile>,
}

fn trusting(trust: Trust, max_tls12: bool) -> Client {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let settings = TlsSettings { trust, max_tls12 };
    let config = client_config(&settings, seen.clone()).unwrap();
    Client {
        config,
        seen,
        _ca_file: None,
    }
}

/// A client trusting the system's roots, or `None` (the test is skipped) where there are none.
fn system_client() -> Option<Client> {
    let settings = TlsSettings {
        trust: Trust::System,
        max_tls12: false,
    };
    match client_config(&settings, Arc::default()) {
        Err(TlsSetupError::SystemRoots(why)) => {
            eprintln!("skipped: no system roots ({why})");
            None
        }
        _ => Some(trusting(Trust::System, false)),
    }
}

fn with_ca_file(pems: &[&str]) -> Client {
    ca_file_client(pems, false)
}

fn ca_file_client(pems: &[&str], max_tls12: bool) -> Client {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(pems.concat().as_bytes()).unwrap();
    let mut client = trusting(Trust::CaFile(file.path().to_path_buf()), max_tls12);
    client._ca_file = Some(file);
    client
}

/// Moves TLS bytes both ways until neither side has anything to say.
fn pump(client: &mut ClientConnection, server: &mut ServerConnection) -> Result<(), Error> {
    loop {
        let mut to_server = Vec::new();
        while client.wants_write() {
            client.write_tls(&mut to_server).unwrap();
        }
        let mut reader = &to_server[..];
        while !reader.is_empty() {
            server.read_tls(&mut reader).unwrap();
            server.process_new_packets()?;
        }
        let mut to_client = Vec::new();
        while server.wants_write() {
            server.write_tls(&mut to_client).unwrap();
        }
        let mut reader = &to_client[..];
        while !reader.is_empty() {
            client.read_tls(&mut reader).unwrap();
            client.process_new_packets()?;
        }
        if to_server.is_empty() && to_client.is_empty() {
            return Ok(());
        }
    }
}

fn connect(
    client: &Client,
    server: &Arc<ServerConfig>,
    name: &str,
) -> Result<(ClientConnection, ServerConnection), Error> {
    let server_name = ServerName::try_from(name.to_string()).unwrap();
    let mut c = ClientConnection::new(client.config.clone(), server_name).unwrap();
    let mut s = ServerConnection::new(server.clone()).unwrap();
    pump(&mut c, &mut s)?;
    assert!(!c.is_handshaking() && !s.is_handshaking());
    Ok((c, s))
}

/// Application data both ways, which also delivers TLS 1.3 session tickets to the client.
fn exchange(c: &mut ClientConnection, s: &mut ServerConnection) {
    let mut buf = [0u8; 16];
    c.writer().write_all(b"ping").unwrap();
    pump(c, s).unwrap();
    let n = s.reader().read(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"ping");
    s.writer().write_all(b"pong").unwrap();
    pump(c, s).unwrap();
    let n = c.reader().read(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"pong");
}

fn explanation(client: &Client, name: &str) -> String {
    let text = explain(&client.seen.lock().unwrap(), name);
    eprintln!("{text}");
    text
}

fn refusal(client: &Client) -> Option<String> {
    client.seen.lock().unwrap().refusal.clone()
}

#[test]
fn self_signed_ca_cert_is_accepted_with_cacert() {
    let cert = openssl_style();
    let client = with_ca_file(&[&cert.pem]);
    let (mut c, mut s) = connect(&client, &serve(&cert), "localhost").unwrap();
    exchange(&mut c, &mut s);
    let seen = client.seen.lock().unwrap();
    assert_eq!(seen.certificate.as_deref(), Some(cert.der.as_ref()));
    assert_eq!(seen.refusal, None);
}

#[test]
fn self_signed_ca_cert_is_refused_with_system_roots() {
    let cert = openssl_style();
    let Some(client) = system_client() else {
        return;
    };
    let error = connect(&client, &serve(&cert), "localhost").unwrap_err();
    assert!(matches!(error, Error::InvalidCertificate(_)), "{error:?}");
    assert_eq!(refusal(&client).as_deref(), Some(CA_AS_SERVER));
    let text = explanation(&client, "localhost");
    assert!(text.contains("self-signed"), "{text}");
    assert!(text.contains("CA:TRUE"), "{text}");
    assert!(text.contains(&fingerprint(&cert.der)), "{text}");
    assert!(text.contains("--cacert FILE"), "{text}");
    assert!(
        text.contains(&format!("--pin {}", fingerprint(&cert.der))),
        "{text}"
    );
    assert!(text.contains("--insecure (not recommended)"), "{text}");
    assert!(
        !text.contains("expired") && !text.contains("issued for"),
        "{text}"
    );
}

#[test]
fn cacert_cert_for_another_name_is_refused() {
    let cert = openssl_style();
    let client = with_ca_file(&[&cert.pem]);
    let error = connect(&client, &serve(&cert), "other.example").unwrap_err();
    assert_eq!(
        error,
        Error::InvalidCertificate(CertificateError::NotValidForName)
    );
    let text = explanation(&client, "other.example");
    assert!(
        text.contains("issued for localhost, not other.example"),
        "{text}"
    );
    assert!(!text.contains("self-signed"), "{text}");
}

#[test]
fn expired_certificates_are_refused() {
    let mut old = params("localhost", &["localhost"]);
    old.not_before = date_time_ymd(2000, 1, 1);
    old.not_after = date_time_ymd(2001, 1, 1);

    // Byte-identical to one in the --cacert file: our own date check.
    let cert = self_signed(old.clone(), true);
    let client = with_ca_file(&[&cert.pem]);
    let error = connect(&client, &serve(&cert), "localhost").unwrap_err();
    assert_eq!(error, Error::InvalidCertificate(CertificateError::Expired));
    let text = explanation(&client, "localhost");
    assert!(
        text.contains("expired on 2001-01-01 00:00:00 UTC"),
        "{text}"
    );

    // Chained to a CA in the file: webpki's.
    let (ca, leaf) = chain(&["localhost"], Some(old));
    let client = with_ca_file(&[&ca.pem]);
    let error = connect(&client, &serve(&leaf), "localhost").unwrap_err();
    assert!(matches!(error, Error::InvalidCertificate(_)), "{error:?}");
    assert_eq!(refusal(&client).as_deref(), Some(EXPIRED));
    assert!(explanation(&client, "localhost").contains("expired on 2001-01-01"));
}

#[test]
fn not_yet_valid_certificate_is_refused() {
    let mut future = params("localhost", &["localhost"]);
    future.not_before = date_time_ymd(2999, 1, 1);
    future.not_after = date_time_ymd(3000, 1, 1);
    let cert = self_signed(future, true);
    let client = with_ca_file(&[&cert.pem]);
    let error = connect(&client, &serve(&cert), "localhost").unwrap_err();
    assert_eq!(
        error,
        Error::InvalidCertificate(CertificateError::NotValidYet)
    );
    let text = explanation(&client, "localhost");
    assert!(text.contains("not valid until 2999-01-01"), "{text}");
}

#[test]
fn leaf_chains_to_ca_from_cacert_file() {
    let (ca, leaf) = chain(&["ftp.example", "*.files.example", "127.0.0.1"], None);
    let client = with_ca_file(&[&ca.pem]);
    let server = serve(&leaf);
    for name in ["ftp.example", "FTP.Example", "a.files.example", "127.0.0.1"] {
        connect(&client, &server, name).unwrap();
    }
    let error = connect(&client, &server, "a.b.files.example").unwrap_err();
    assert!(matches!(error, Error::InvalidCertificate(_)), "{error:?}");
    assert_eq!(refusal(&client).as_deref(), Some(WRONG_NAME));
    let text = explanation(&client, "a.b.files.example");
    assert!(
        text.contains("issued for ftp.example, *.files.example, 127.0.0.1, not a.b.files.example"),
        "{text}"
    );

    // The same leaf without its CA: an unknown issuer.
    let Some(client) = system_client() else {
        return;
    };
    connect(&client, &server, "ftp.example").unwrap_err();
    assert_eq!(refusal(&client).as_deref(), Some(UNKNOWN_ISSUER));
    let text = explanation(&client, "ftp.example");
    assert!(
        text.contains("issued by an unknown CA (CN=Ferry Test CA)"),
        "{text}"
    );
    assert!(!text.contains("self-signed"), "{text}");
}

#[test]
fn pin_accepts_exactly_the_pinned_certificate() {
    let cert = openssl_style();
    let server = serve(&cert);
    let right = parse_pin(&fingerprint(&cert.der)).unwrap();
    let client = trusting(Trust::Pin(right), false);
    connect(&client, &server, "other.example").unwrap();

    let mut wrong = right;
    wrong[0] ^= 1;
    let client = trusting(Trust::Pin(wrong), false);
    let error = connect(&client, &server, "localhost").unwrap_err();
    assert_eq!(
        error,
        Error::InvalidCertificate(CertificateError::ApplicationVerificationFailure)
    );
    let text = explanation(&client, "localhost");
    assert!(text.contains("not the one given with --pin"), "{text}");
    assert!(text.contains(&fingerprint(&cert.der)), "{text}");
}

#[test]
fn insecure_accepts_anything() {
    let mut old = params("localhost", &["localhost"]);
    old.not_after = date_time_ymd(2001, 1, 1);
    old.not_before = date_time_ymd(2000, 1, 1);
    let cert = self_signed(old, true);
    let client = trusting(Trust::Insecure, false);
    connect(&client, &serve(&cert), "other.example").unwrap();
    assert!(client.seen.lock().unwrap().certificate.is_some());
}

/// Serves a certificate with a key that does not belong to it.
#[derive(Debug)]
struct Mismatched(Arc<CertifiedKey>);

impl ResolvesServerCert for Mismatched {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
    }
}

#[test]
fn handshake_signature_is_checked_even_when_insecure() {
    let cert = openssl_style();
    let other_key = KeyPair::generate().unwrap();
    let provider = rustls::crypto::ring::default_provider();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(other_key.serialize_der()));
    let signer = provider.key_provider.load_private_key(key).unwrap();
    let certified = CertifiedKey::new(vec![cert.der.clone()], signer);
    for max_tls12 in [false, true] {
        let server = ServerConfig::builder_with_provider(Arc::new(provider.clone()))
            .with_protocol_versions(rustls::DEFAULT_VERSIONS)
            .unwrap()
            .with_no_client_auth()
            .with_cert_resolver(Arc::new(Mismatched(Arc::new(certified.clone()))));
        for trust in [Trust::Insecure, Trust::Pin(sha256(&cert.der))] {
            let client = trusting(trust, max_tls12);
            let error = connect(&client, &Arc::new(server.clone()), "localhost").unwrap_err();
            assert!(
                matches!(
                    error,
                    Error::InvalidCertificate(CertificateError::BadSignature)
                        | Error::PeerMisbehaved(_)
                ),
                "{error:?}"
            );
        }
    }
}

#[test]
fn parse_pin_accepts_64_hex_digits_with_or_without_colons() {
    let hex = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";
    let expected: [u8; 32] = std::array::from_fn(|i| (i as u8 % 16) * 0x11);
    assert_eq!(parse_pin(&format!("sha256:{hex}")).unwrap(), expected);
    assert_eq!(parse_pin(&format!("SHA256:{hex}")).unwrap(), expected);
    let colons: Vec<&str> = (0..32).map(|i| &hex[2 * i..2 * i + 2]).collect();
    let pairs_of_pairs: Vec<&str> = (0..16).map(|i| &hex[4 * i..4 * i + 4]).collect();
    let grouped = format!(" sha256:{} ", pairs_of_pairs.join(":"));
    assert_eq!(parse_pin(&grouped).unwrap(), expected);
    assert_eq!(
        parse_pin(&format!("sha256:{}", colons.join(":"))).unwrap(),
        expected
    );

    for bad in [
        hex.to_string(),
        format!("sha1:{hex}"),
        format!("sha256:{}", &hex[..62]),
        format!("sha256:{hex}00"),
        format!("sha256:{}g", &hex[..63]),
        format!("sha256::{hex}"),
        format!("sha256:{hex}:"),
        format!("sha256:{}:{}", &hex[..1], &hex[1..]),
        "sha256:".to_string(),
        String::new(),
    ] {
        assert!(
            matches!(parse_pin(&bad), Err(TlsSetupError::BadPin(ref s)) if *s == bad),
            "{bad}"
        );
    }
}

#[test]
fn fingerprint_round_trips_through_parse_pin() {
    let cert = openssl_style();
    let shown = fingerprint(&cert.der);
    assert!(shown.starts_with("sha256:"));
    assert_eq!(shown.len(), "sha256:".len() + 32 * 3 - 1);
    assert_eq!(parse_pin(&shown).unwrap(), sha256(&cert.der));
}

#[test]
fn max_tls12_negotiates_tls12() {
    let cert = openssl_style();
    let server = serve(&cert);
    let (c, _) = connect(&trusting(Trust::Insecure, true), &server, "localhost").unwrap();
    assert_eq!(c.protocol_version(), Some(ProtocolVersion::TLSv1_2));
    let (c, _) = connect(&trusting(Trust::Insecure, false), &server, "localhost").unwrap();
    assert_eq!(c.protocol_version(), Some(ProtocolVersion::TLSv1_3));
}

#[test]
fn second_connection_with_the_same_config_resumes() {
    let cert = openssl_style();
    let server = serve(&cert);
    for max_tls12 in [false, true] {
        let client = ca_file_client(&[&cert.pem], max_tls12);
        let (mut c, mut s) = connect(&client, &server, "localhost").unwrap();
        assert_eq!(c.handshake_kind(), Some(HandshakeKind::Full));
        let version = if max_tls12 { "TLSv1_2" } else { "TLSv1_3" };
        assert_eq!(format!("{:?}", c.protocol_version().unwrap()), version);
        exchange(&mut c, &mut s);
        let (mut c, mut s) = connect(&client, &server, "localhost").unwrap();
        assert_eq!(
            c.handshake_kind(),
            Some(HandshakeKind::Resumed),
            "{max_tls12}"
        );
        exchange(&mut c, &mut s);
    }
}

#[test]
fn ca_file_problems_name_the_file() {
    let missing = std::path::Path::new("/nonexistent/ferry-ca.pem");
    let settings = TlsSettings {
        trust: Trust::CaFile(missing.to_path_buf()),
        max_tls12: false,
    };
    let error = client_config(&settings, Arc::default()).unwrap_err();
    assert!(matches!(error, TlsSetupError::CaFile { .. }), "{error:?}");
    assert!(error.to_string().contains("/nonexistent/ferry-ca.pem"));

    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"not a certificate\n").unwrap();
    let settings = TlsSettings {
        trust: Trust::CaFile(file.path().to_path_buf()),
        max_tls12: false,
    };
    let error = client_config(&settings, Arc::default()).unwrap_err();
    assert!(
        matches!(error, TlsSetupError::NoCertificates { .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains(&file.path().display().to_string())
    );
}

#[test]
fn names_match_case_insensitively_with_one_wildcard_label() {
    let dns = |s: &str| Name::Dns(s.to_string());
    let host = Host::parse;
    assert!(dns("FTP.example.com").matches(&host("ftp.EXAMPLE.com")));
    assert!(dns("ftp.example.com.").matches(&host("ftp.example.com")));
    assert!(dns("*.example.com").matches(&host("ftp.example.com")));
    assert!(!dns("*.example.com").matches(&host("example.com")));
    assert!(!dns("*.example.com").matches(&host("a.ftp.example.com")));
    assert!(!dns("*.com").matches(&host("example.com")));
    assert!(!dns("f*.example.com").matches(&host("ftp.example.com")));
    assert!(Name::Ip("::1".parse().unwrap()).matches(&host("[::1]")));
    assert!(!Name::Ip("10.0.0.1".parse().unwrap()).matches(&host("10.0.0.2")));
    assert!(!dns("10.0.0.1").matches(&host("10.0.0.1")));
}

#[test]
fn explain_without_a_certificate_says_so() {
    let text = explain(&Seen::default(), "ftp.example");
    assert_eq!(
        text,
        "TLS with ftp.example failed before the server showed a certificate"
    );
}

#[test]
fn dates_are_written_in_utc() {
    assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
    assert_eq!(utc(951_827_696), "2000-02-29 12:34:56 UTC");
    assert_eq!(utc(-1), "1969-12-31 23:59:59 UTC");
}

#[test]
fn aes_128_is_offered_first_in_each_version_and_nothing_is_dropped() {
    use rustls::CipherSuite::*;
    let before = rustls::crypto::ring::default_provider();
    let after = aes128_first(rustls::crypto::ring::default_provider());
    let names = |p: &rustls::crypto::CryptoProvider| -> Vec<rustls::CipherSuite> {
        p.cipher_suites.iter().map(|s| s.suite()).collect()
    };
    let (mut a, mut b) = (names(&before), names(&after));
    assert_eq!(b[0], TLS13_AES_128_GCM_SHA256);
    let first12 = after
        .cipher_suites
        .iter()
        .position(|s| matches!(s, rustls::SupportedCipherSuite::Tls12(_)))
        .unwrap();
    assert!(
        [
            TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
        ]
        .contains(&b[first12]),
        "{b:?}"
    );
    assert!(
        after.cipher_suites[..first12]
            .iter()
            .all(|s| matches!(s, rustls::SupportedCipherSuite::Tls13(_)))
    );
    a.sort_by_key(|s| u16::from(*s));
    b.sort_by_key(|s| u16::from(*s));
    assert_eq!(a, b);
}
