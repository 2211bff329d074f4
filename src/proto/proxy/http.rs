//! HTTP CONNECT (RFC 9110 §9.3.6): the request that asks an HTTP proxy for a tunnel, with
//! Basic authentication when the proxy URL has a user, and the proxy's answer, whose head ends
//! at the first blank line (the tunnel's bytes follow it at once).

use super::{ProxyFailure, Target};

/// The longest answer head accepted before the proxy is taken for something else.
const MAX_HEAD: usize = 16 * 1024;

/// A complete answer head that granted the tunnel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpHead {
    /// The status code (2xx).
    pub status: u16,
}

/// The CONNECT request for `target`.
pub fn connect_request(target: &Target, credentials: Option<(&str, &str)>) -> Vec<u8> {
    let mut head = format!(
        "CONNECT {target} HTTP/1.1\r\nHost: {target}\r\nUser-Agent: ferry/{}\r\n",
        env!("CARGO_PKG_VERSION")
    );
    if let Some((user, password)) = credentials {
        let token = base64(format!("{user}:{password}").as_bytes());
        head.push_str(&format!("Proxy-Authorization: Basic {token}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// The answer so far: `None` until its head is complete; then the tunnel (a 2xx), or why not.
pub fn parse_head(buf: &[u8], sent_credentials: bool) -> Result<Option<HttpHead>, ProxyFailure> {
    let bad = |detail: String| ProxyFailure::Protocol {
        protocol: "HTTP",
        detail,
    };
    if !buf.is_empty() && !b"HTTP/".starts_with(&buf[..buf.len().min(5)]) {
        return Err(bad(format!(
            "it began with {:?}",
            crate::proto::excerpt(&String::from_utf8_lossy(&buf[..buf.len().min(40)]))
        )));
    }
    if !(buf.ends_with(b"\r\n\r\n") || buf.ends_with(b"\n\n")) {
        if buf.len() > MAX_HEAD {
            return Err(bad("its answer has no end".into()));
        }
        return Ok(None);
    }
    let text = String::from_utf8_lossy(buf);
    let status_line = text.lines().next().unwrap_or_default().trim_end();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| {
            bad(format!(
                "status line {:?}",
                crate::proto::excerpt(status_line)
            ))
        })?;
    let reason = crate::proto::excerpt(status_line);
    match status {
        200..=299 => Ok(Some(HttpHead { status })),
        // 407 is the proxy's own "authenticate"; some proxies (tinyproxy) answer 401.
        401 | 407 if sent_credentials => Err(ProxyFailure::AuthFailed),
        401 | 407 => Err(ProxyFailure::AuthRequired),
        // tinyproxy says "500 Unable to connect" where others say 502 or 504.
        500 | 502..=504 => Err(ProxyFailure::Unreachable(reason)),
        _ => Err(ProxyFailure::Refused(reason)),
    }
}

/// Standard base64 with padding (RFC 4648 §4), for the Basic credentials.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (raw, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), encoded);
        }
    }

    #[test]
    fn the_request_names_the_target_and_carries_basic_credentials() {
        let r = String::from_utf8(connect_request(&Target::named("::1", 2121), None)).unwrap();
        assert!(
            r.starts_with("CONNECT [::1]:2121 HTTP/1.1\r\nHost: [::1]:2121\r\n"),
            "{r}"
        );
        assert!(r.ends_with("\r\n\r\n") && !r.contains("Authorization"));
        let r = connect_request(&Target::named("h", 21), Some(("Aladdin", "open sesame")));
        let r = String::from_utf8(r).unwrap();
        assert!(r.contains("Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"));
    }

    #[test]
    fn answers_are_read_to_the_blank_line_and_mapped() {
        let ok = b"HTTP/1.1 200 Connection established\r\nProxy-agent: x\r\n\r\n";
        for cut in 0..ok.len() {
            assert_eq!(parse_head(&ok[..cut], false), Ok(None), "at {cut}");
        }
        assert_eq!(parse_head(ok, false), Ok(Some(HttpHead { status: 200 })));
        let head = |s: &str| format!("HTTP/1.0 {s}\r\n\r\n").into_bytes();
        assert_eq!(
            parse_head(&head("407 Auth"), true),
            Err(ProxyFailure::AuthFailed)
        );
        assert_eq!(
            parse_head(&head("407 Auth"), false),
            Err(ProxyFailure::AuthRequired)
        );
        assert!(matches!(
            parse_head(&head("502 Bad Gateway"), false),
            Err(ProxyFailure::Unreachable(why)) if why.contains("502 Bad Gateway")
        ));
        assert!(matches!(
            parse_head(&head("500 Unable to connect"), false),
            Err(ProxyFailure::Unreachable(_))
        ));
        assert!(matches!(
            parse_head(&head("403 Access violation"), false),
            Err(ProxyFailure::Refused(why)) if why.contains("403")
        ));
        assert!(matches!(
            parse_head(b"220 FTP server ready\r\n", false),
            Err(ProxyFailure::Protocol { .. })
        ));
    }
}
