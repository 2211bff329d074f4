//! The names a certificate is valid for, and how they match the host we connected to: DNS
//! names case-insensitively with at most one leading `*.` label, IP addresses exactly; the
//! subjectAltName extension first, the subject's common names only without one. Used where
//! ferry checks a certificate itself (`--cacert` with the server's own certificate) and to
//! explain a refused one.

use std::net::IpAddr;

use x509_parser::prelude::{GeneralName, X509Certificate};

/// The host we connected to, as a certificate name is matched against it.
pub(super) enum Host {
    /// A DNS name.
    Dns(String),
    /// An IP address.
    Ip(IpAddr),
}

impl Host {
    pub(super) fn parse(name: &str) -> Host {
        let bare = name.trim_start_matches('[').trim_end_matches(']');
        match bare.parse() {
            Ok(ip) => Host::Ip(ip),
            Err(_) => Host::Dns(name.to_string()),
        }
    }
}

/// A name a certificate is valid for.
pub(super) enum Name {
    /// A DNS name.
    Dns(String),
    /// An IP address.
    Ip(IpAddr),
}

impl Name {
    /// Case-insensitive DNS names with at most a single leading `*.` label; exact IPs.
    pub(super) fn matches(&self, host: &Host) -> bool {
        match (self, host) {
            (Name::Ip(ip), Host::Ip(host)) => ip == host,
            (Name::Dns(pattern), Host::Dns(host)) => {
                let pattern = pattern.strip_suffix('.').unwrap_or(pattern);
                let host = host.strip_suffix('.').unwrap_or(host);
                match pattern.strip_prefix("*.") {
                    Some(parent) => {
                        parent.contains('.')
                            && !parent.contains('*')
                            && host.split_once('.').is_some_and(|(label, rest)| {
                                !label.is_empty() && rest.eq_ignore_ascii_case(parent)
                            })
                    }
                    None => !pattern.contains('*') && pattern.eq_ignore_ascii_case(host),
                }
            }
            _ => false,
        }
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Name::Dns(name) => f.write_str(name),
            Name::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

/// The DNS names and IP addresses of the subjectAltName extension, or the subject's common
/// names when there is no such extension.
pub(super) fn cert_names(cert: &X509Certificate<'_>) -> Vec<Name> {
    match cert.subject_alternative_name() {
        Ok(Some(san)) => san
            .value
            .general_names
            .iter()
            .filter_map(|name| match name {
                GeneralName::DNSName(dns) => Some(Name::Dns(dns.to_string())),
                GeneralName::IPAddress(bytes) => ip_from_bytes(bytes).map(Name::Ip),
                _ => None,
            })
            .collect(),
        Ok(None) => cert
            .subject()
            .iter_common_name()
            .filter_map(|cn| cn.as_str().ok())
            .map(|cn| match cn.parse() {
                Ok(ip) => Name::Ip(ip),
                Err(_) => Name::Dns(cn.to_string()),
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn ip_from_bytes(bytes: &[u8]) -> Option<IpAddr> {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        Some(IpAddr::from(v4))
    } else {
        <[u8; 16]>::try_from(bytes).ok().map(IpAddr::from)
    }
}
