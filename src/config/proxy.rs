//! The proxy settings as curl reads them: a proxy URL (`--proxy`, `proxy` in config.toml, or
//! the environment's `ftp_proxy`, `FTP_PROXY`, `all_proxy`, `ALL_PROXY`, in that order), where
//! an empty `--proxy ''` or `proxy = ""` means "connect directly", and the hosts that never go
//! through it ([`NoProxy`]: `--noproxy`, `no_proxy`, `NO_PROXY`, or `noproxy` in config.toml).

use std::net::IpAddr;

use crate::proto::proxy::ProxyUrl;

/// A proxy setting: `None` for "connect directly" (an empty value).
pub fn parse_proxy(s: &str) -> Result<Option<ProxyUrl>, String> {
    match s.trim() {
        "" => Ok(None),
        url => ProxyUrl::parse(url).map(Some).map_err(|e| e.to_string()),
    }
}

/// Hosts reached without the proxy: a comma-separated list of names, domains (a name matches
/// itself and every name under it; a leading dot means the same), IP addresses, CIDR ranges
/// (`10.0.0.0/8`, `fd00::/8`), or `*` for every host. Names compare without case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoProxy {
    every: bool,
    names: Vec<String>,
    ranges: Vec<(IpAddr, u8)>,
}

impl NoProxy {
    /// Parses the list; an entry that is neither a name, an address nor a range is an error.
    pub fn parse(s: &str) -> Result<NoProxy, String> {
        let mut list = NoProxy::default();
        for entry in s.split([',', ' ']).map(str::trim).filter(|e| !e.is_empty()) {
            if entry == "*" {
                list.every = true;
                continue;
            }
            let bare = entry.replace(['[', ']'], "");
            if let Some((ip, bits)) = bare.split_once('/') {
                let ip: IpAddr = ip.parse().map_err(|_| bad(entry))?;
                let max = if ip.is_ipv4() { 32 } else { 128 };
                let bits: u8 = bits
                    .parse()
                    .ok()
                    .filter(|b| *b <= max)
                    .ok_or_else(|| bad(entry))?;
                list.ranges.push((ip, bits));
            } else if let Ok(ip) = bare.parse::<IpAddr>() {
                list.ranges.push((ip, if ip.is_ipv4() { 32 } else { 128 }));
            } else {
                let name = entry.trim_start_matches('.').to_ascii_lowercase();
                let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_');
                if name.is_empty() || !name.chars().all(valid) {
                    return Err(bad(entry));
                }
                list.names.push(name);
            }
        }
        Ok(list)
    }

    /// True when `host` (a name, or an address without brackets) is reached directly.
    pub fn matches(&self, host: &str) -> bool {
        if self.every {
            return true;
        }
        if let Ok(ip) = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            return self
                .ranges
                .iter()
                .any(|(net, bits)| in_range(ip, *net, *bits));
        }
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.names.iter().any(|name| {
            host == *name
                || host
                    .strip_suffix(name.as_str())
                    .is_some_and(|r| r.ends_with('.'))
        })
    }
}

fn bad(entry: &str) -> String {
    format!("{entry:?} is not a host name, a domain, an address or a range such as 10.0.0.0/8")
}

fn in_range(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    let (ip, net, width) = match (ip.to_canonical(), net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (u128::from(u32::from(a)), u128::from(u32::from(b)), 32),
        (IpAddr::V6(a), IpAddr::V6(b)) => (u128::from(a), u128::from(b), 128),
        _ => return false,
    };
    let shift = width - u32::from(bits);
    shift >= width || ip >> shift == net >> shift
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_domains_addresses_ranges_and_star() {
        let list = NoProxy::parse("example.com, .corp.example,10.0.0.0/8,::1 192.0.2.7,[fd00::]/8")
            .unwrap();
        for direct in [
            "example.com",
            "FTP.Example.com",
            "corp.example",
            "a.b.corp.example",
            "10.200.3.4",
            "::1",
            "192.0.2.7",
            "fd12::1",
        ] {
            assert!(list.matches(direct), "{direct}");
        }
        for proxied in [
            "notexample.com",
            "example.org",
            "11.0.0.1",
            "192.0.2.8",
            "::2",
            "fe80::1",
        ] {
            assert!(!list.matches(proxied), "{proxied}");
        }
        assert!(NoProxy::parse("*").unwrap().matches("anything"));
        assert!(!NoProxy::parse("").unwrap().matches("anything"));
        assert!(NoProxy::parse("0.0.0.0/0").unwrap().matches("203.0.113.9"));
    }

    #[test]
    fn bad_entries_and_urls_are_errors() {
        for bad in ["10.0.0.0/33", "a b/c", "exa$mple"] {
            assert!(NoProxy::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_proxy(""), Ok(None));
        assert!(parse_proxy("socks5h://h:1080").unwrap().is_some());
        let e = parse_proxy("gopher://u:hunter2@h").unwrap_err();
        assert!(!e.contains("hunter2"), "{e}");
    }
}
