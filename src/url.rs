//! FTP URLs: parsing `ftp://` / `ftps://` URLs into an [`FtpUrl`] and
//! printing them back without credentials. Pure string work: no I/O, no DNS.
//!
//! Choices made:
//!
//! * A scheme is required (case-insensitive): `ftp://` is plain FTP on port
//!   21, `ftps://` implicit TLS on port 990. A bare `host/path` is refused
//!   with a hint to write `ftp://HOST/PATH`.
//! * Userinfo ends at the *last* `@` before the path (so a raw `@` in a
//!   password works); user and password split at the *first* `:`; both are
//!   percent-decoded. `ftp://@h` has no user, `u:@h` an empty password, and
//!   `:pw@h` (password without user) is an error.
//! * Host: a name (ASCII letters, digits, `-`, `.`, `_`; lowercased), dotted
//!   IPv4 (validated) or a bracketed IPv6 literal (validated by [`Ipv6Addr`],
//!   stored canonical and unbracketed; no zone ids). Ports are 1..=65535 and
//!   recorded only when written.
//! * Path (RFC 1738, as curl and lftp users expect): what follows the first
//!   `/` after the authority, percent-decoded, *relative to the login
//!   directory*: `ftp://h/pub/a.txt` is `pub/a.txt`. A path decoding to a
//!   leading `/` is absolute: `ftp://h/%2Fetc/x` is `/etc/x`, and so is
//!   `ftp://h//etc/x` (an empty first segment means "from the root"). A
//!   trailing `/` is kept for [`FtpUrl::is_dir`]; `ftp://h` and `ftp://h/`
//!   both have the empty path (the login directory).
//! * FTP URLs have no query or fragment: `?` and `#` are literal path
//!   characters (files such as `a#b` exist); [`FtpUrl::redacted`] encodes
//!   them so other tools agree.
//! * `;type=a|i` (case-insensitive, not percent-decoded) is recognized only
//!   at the very end of the path; `;type=d` is refused as unsupported, other
//!   codes as invalid. Elsewhere `;` is an ordinary character.
//! * Raw control characters are refused anywhere, and so is CR, LF or NUL
//!   decoded into the user, password or path (FTP command injection).
//!   Decoded text must be UTF-8. Error messages never show the password.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// Which protocol a URL asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `ftp://`: plain FTP, default port 21.
    Ftp,
    /// `ftps://`: FTP over implicit TLS, default port 990.
    Ftps,
}

impl Scheme {
    /// The port used when the URL gives none.
    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Ftp => 21,
            Scheme::Ftps => 990,
        }
    }

    /// The scheme name in lowercase, without `://`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Ftp => "ftp",
            Scheme::Ftps => "ftps",
        }
    }
}

/// Transfer type requested by a `;type=` suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeCode {
    /// `;type=a`: ASCII (text) transfer.
    Ascii,
    /// `;type=i`: image (binary) transfer.
    Image,
}

/// A parsed FTP URL. Build one with [`parse`].
///
/// `Debug` prints `(redacted)` in place of the password.
#[derive(Clone, PartialEq, Eq)]
pub struct FtpUrl {
    /// `ftp` or `ftps`.
    pub scheme: Scheme,
    /// Percent-decoded user name, if the URL has one.
    pub user: Option<String>,
    /// Percent-decoded password, if the URL has one (may be empty).
    pub password: Option<String>,
    /// Lowercased host name, IPv4 text, or IPv6 address without brackets.
    pub host: String,
    /// The port written in the URL, if any.
    pub port: Option<u16>,
    /// Decoded remote path, relative to the login directory unless it starts
    /// with `/` (see the module documentation).
    pub path: String,
    /// The `;type=` suffix, if any.
    pub type_code: Option<TypeCode>,
}

impl FtpUrl {
    /// The explicit port, or the scheme's default (21 or 990).
    pub fn port_or_default(&self) -> u16 {
        self.port.unwrap_or(self.scheme.default_port())
    }

    /// True when the path names a directory: it is empty or ends with `/`.
    pub fn is_dir(&self) -> bool {
        self.path.is_empty() || self.path.ends_with('/')
    }

    /// The URL without credentials, for messages and history:
    /// `ftp://host[:port]/path[;type=x]`. The port appears only when the URL
    /// gave one; IPv6 hosts are bracketed; the path is re-encoded minimally
    /// (an absolute path starts with `%2F`), so [`parse`] reads it back to
    /// the same host, port, path and type.
    pub fn redacted(&self) -> String {
        let mut host = self.host.clone();
        if host.contains(':') {
            host = format!("[{host}]");
        }
        let port = self.port.map(|p| format!(":{p}")).unwrap_or_default();
        let (root, rest) = match self.path.strip_prefix('/') {
            Some(rest) => ("%2F", rest),
            None => ("", self.path.as_str()),
        };
        let path = utf8_percent_encode(rest, PATH_CHARS);
        let type_code = match self.type_code {
            Some(TypeCode::Ascii) => ";type=a",
            Some(TypeCode::Image) => ";type=i",
            None => "",
        };
        let scheme = self.scheme.as_str();
        format!("{scheme}://{host}{port}/{root}{path}{type_code}")
    }

    /// A copy with `path` replaced (for `put FILE URL/` → `URL/FILE`).
    /// The new path is taken as already decoded and is not validated.
    pub fn with_path(&self, path: &str) -> FtpUrl {
        FtpUrl {
            path: path.to_string(),
            ..self.clone()
        }
    }
}

impl fmt::Debug for FtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FtpUrl")
            .field("scheme", &self.scheme)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "(redacted)"))
            .field("host", &self.host)
            .field("port", &self.port)
            .field("path", &self.path)
            .field("type_code", &self.type_code)
            .finish()
    }
}

/// Why a string is not a usable FTP URL. Messages never contain a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// No `ftp://` or `ftps://` scheme. Holds the input with any userinfo
    /// replaced by `***`.
    #[error("not an ftp:// or ftps:// URL: {0} (expected ftp://HOST/PATH)")]
    NotFtpUrl(String),
    /// A raw control character (CR, LF, tab, NUL, ...) in the input.
    #[error("control character in URL")]
    ControlCharacter,
    /// Percent-decoding produced CR, LF or NUL in the named part.
    #[error("CR, LF or NUL in the {0} of the URL (after percent-decoding)")]
    ControlInPart(&'static str),
    /// A `%` not followed by two hex digits in the named part.
    #[error("invalid percent-encoding in the {0} of the URL")]
    InvalidPercentEncoding(&'static str),
    /// The named part is not UTF-8 once percent-decoded.
    #[error("the {0} of the URL is not valid UTF-8 after percent-decoding")]
    NotUtf8(&'static str),
    /// `ftp://:pw@host`.
    #[error("password given without a user name")]
    PasswordWithoutUser,
    /// No host between `//` and the path.
    #[error("empty host")]
    EmptyHost,
    /// A host (as written) that is not a valid name, IPv4 or IPv6
    /// address; the second field says why.
    #[error("invalid host {0:?}: {1}")]
    InvalidHost(String, &'static str),
    /// `[` without a matching `]`.
    #[error("unterminated IPv6 literal (missing ']')")]
    UnterminatedIpv6,
    /// A port that is empty, not a number, 0, or above 65535.
    #[error("bad port {0:?}: expected a number from 1 to 65535")]
    BadPort(String),
    /// `;type=d`: directory listings are asked for with a trailing `/`.
    #[error("unsupported ;type=d (for a listing, end the URL with '/')")]
    UnsupportedTypeCode,
    /// A `;type=` code other than `a`, `i` or `d`.
    #[error("invalid ;type={0} (expected a or i)")]
    InvalidTypeCode(String),
}

/// Characters [`FtpUrl::redacted`] escapes in the path (`/` stays).
const PATH_CHARS: &AsciiSet = &{
    let (mut set, mut i, extra) = (CONTROLS.add(b' '), 0, b"\"#%;<>?`{}");
    while i < extra.len() {
        set = set.add(extra[i]);
        i += 1;
    }
    set
};

/// Parse an `ftp://` or `ftps://` URL. See the module documentation for the
/// exact rules.
pub fn parse(input: &str) -> Result<FtpUrl, UrlError> {
    if input.chars().any(char::is_control) {
        return Err(UrlError::ControlCharacter);
    }
    let not_ftp = || UrlError::NotFtpUrl(hide_userinfo(input));
    let (scheme_text, rest) = input.split_once("://").ok_or_else(not_ftp)?;
    let scheme = match scheme_text.to_ascii_lowercase().as_str() {
        "ftp" => Scheme::Ftp,
        "ftps" => Scheme::Ftps,
        _ => return Err(not_ftp()),
    };
    let (authority, raw_path) = rest.split_once('/').unwrap_or((rest, ""));
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((info, host_port)) => (Some(info), host_port),
        None => (None, authority),
    };
    let (user, password) = userinfo.map_or(Ok((None, None)), parse_userinfo)?;
    // `ftp://u:se/cret@h/`: a raw `/` in the password ends the authority early, so the "host"
    // holds credentials; an error about it must not show them.
    let hides_credentials = userinfo.is_none() && raw_path.contains('@');
    let (host, port) = parse_host_port(host_port).map_err(|e| match e {
        UrlError::InvalidHost(_, why) if hides_credentials => {
            UrlError::InvalidHost("***".into(), why)
        }
        UrlError::BadPort(_) if hides_credentials => UrlError::BadPort("***".into()),
        e => e,
    })?;
    let (raw_path, type_code) = split_type_code(raw_path)?;
    let path = decode(raw_path, "path")?;
    Ok(FtpUrl {
        scheme,
        user,
        password,
        host,
        port,
        path,
        type_code,
    })
}

/// Split and decode `user[:password]`; an empty user means no userinfo.
fn parse_userinfo(info: &str) -> Result<(Option<String>, Option<String>), UrlError> {
    let (user, password) = match info.split_once(':') {
        Some((user, password)) => (user, Some(password)),
        None => (info, None),
    };
    let user = decode(user, "user name")?;
    let password = password.map(|p| decode(p, "password")).transpose()?;
    match (user.is_empty(), password) {
        (true, Some(_)) => Err(UrlError::PasswordWithoutUser),
        (true, None) => Ok((None, None)),
        (false, password) => Ok((Some(user), password)),
    }
}

/// The input with everything between the scheme and the last `@` hidden,
/// so error messages cannot show a password.
fn hide_userinfo(input: &str) -> String {
    let Some(at) = input.rfind('@') else {
        return input.to_string();
    };
    let start = input.find("://").filter(|&i| i < at).map_or(0, |i| i + 3);
    format!("{}***@{}", &input[..start], &input[at + 1..])
}

/// Percent-decode one part of the URL, refusing bad escapes, non-UTF-8
/// results and decoded CR, LF or NUL.
fn decode(text: &str, part: &'static str) -> Result<String, UrlError> {
    let hex2 = |s: &str| {
        s.get(..2)
            .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    if !text.split('%').skip(1).all(hex2) {
        return Err(UrlError::InvalidPercentEncoding(part));
    }
    let decoded = percent_decode_str(text)
        .decode_utf8()
        .map_err(|_| UrlError::NotUtf8(part))?;
    if decoded.contains(['\r', '\n', '\0']) {
        return Err(UrlError::ControlInPart(part));
    }
    Ok(decoded.into_owned())
}

fn parse_host_port(text: &str) -> Result<(String, Option<u16>), UrlError> {
    let bad = |why| Err(UrlError::InvalidHost(text.into(), why));
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let (addr, after) = rest.split_once(']').ok_or(UrlError::UnterminatedIpv6)?;
        let Ok(ip) = addr.parse::<Ipv6Addr>() else {
            return bad("not a valid IPv6 address");
        };
        if !after.is_empty() && !after.starts_with(':') {
            return bad("unexpected text after IPv6 literal");
        }
        (ip.to_string(), after.strip_prefix(':'))
    } else {
        if text.matches(':').count() > 1 {
            return bad("an IPv6 address must be in brackets, as in ftp://[::1]/");
        }
        let (host, port) = text
            .split_once(':')
            .map_or((text, None), |(h, p)| (h, Some(p)));
        if host.is_empty() {
            return Err(UrlError::EmptyHost);
        }
        if host
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')))
        {
            return bad("character not allowed in a host name");
        }
        let dotted = host.contains('.') && host.chars().all(|c| c.is_ascii_digit() || c == '.');
        if dotted && host.parse::<Ipv4Addr>().is_err() {
            return bad("not a valid IPv4 address");
        }
        (host.to_ascii_lowercase(), port)
    };
    Ok((host, port.map(parse_port).transpose()?))
}

fn parse_port(text: &str) -> Result<u16, UrlError> {
    match text.parse::<u16>() {
        Ok(port) if port != 0 && text.bytes().all(|b| b.is_ascii_digit()) => Ok(port),
        _ => Err(UrlError::BadPort(text.to_string())),
    }
}

/// Split a trailing `;type=X` (raw, case-insensitive) off the raw path.
fn split_type_code(raw: &str) -> Result<(&str, Option<TypeCode>), UrlError> {
    let Some((path, tail)) = raw.rsplit_once(';').filter(|(_, t)| !t.contains('/')) else {
        return Ok((raw, None));
    };
    let code = match tail.to_ascii_lowercase().strip_prefix("type=") {
        None => return Ok((raw, None)),
        Some("a") => TypeCode::Ascii,
        Some("i") => TypeCode::Image,
        Some("d") => return Err(UrlError::UnsupportedTypeCode),
        Some(other) => return Err(UrlError::InvalidTypeCode(other.to_string())),
    };
    Ok((path, Some(code)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> FtpUrl {
        parse(input).unwrap_or_else(|e| panic!("{input}: {e}"))
    }

    fn err(input: &str) -> UrlError {
        parse(input).expect_err(input)
    }

    #[test]
    fn scheme_is_case_insensitive_and_picks_default_port() {
        let u = ok("FTP://example.com/a");
        assert_eq!(
            (u.scheme, u.port, u.port_or_default()),
            (Scheme::Ftp, None, 21)
        );
        let u = ok("FtPs://example.com/a");
        assert_eq!((u.scheme, u.port_or_default()), (Scheme::Ftps, 990));
    }

    #[test]
    fn missing_or_foreign_scheme_is_refused_with_a_hint() {
        for input in [
            "example.com/pub",
            "http://example.com/",
            "ftpx://h/",
            "//h/x",
        ] {
            let e = err(input);
            assert!(matches!(e, UrlError::NotFtpUrl(_)), "{input}");
            assert!(e.to_string().contains("expected ftp://HOST/PATH"));
        }
    }

    #[test]
    fn error_messages_never_show_the_password() {
        for input in [
            "http://u:s3cret@h/",
            "u:s3cret@h/x",
            "ftp://u:s3cret@h:99999/",
            "ftp://user:s3cret/word@host/",
            "ftp://user:pw:s3cret/word@host/",
        ] {
            assert!(!err(input).to_string().contains("s3cret"), "{input}");
        }
    }

    #[test]
    fn path_is_decoded_relative_to_login_dir_unless_it_starts_at_root() {
        let cases = [
            ("ftp://h/pub/a.txt", "pub/a.txt", Some("a.txt")),
            ("ftp://h/%2Fetc/x", "/etc/x", Some("x")),
            ("ftp://h/%2fetc/x", "/etc/x", Some("x")),
            ("ftp://h//etc/x", "/etc/x", Some("x")),
            ("ftp://h", "", None),
            ("ftp://h/", "", None),
            ("ftp://h/dir/", "dir/", None),
            ("ftp://h/a#b?c=d", "a#b?c=d", Some("a#b?c=d")),
            ("ftp://h/a%20b/%C3%A9", "a b/é", Some("é")),
        ];
        for (input, path, name) in cases {
            let u = ok(input);
            let last = (!u.is_dir()).then(|| u.path.rsplit('/').next().unwrap_or_default());
            assert_eq!((u.path.as_str(), last), (path, name), "{input}");
            assert_eq!(u.is_dir(), name.is_none(), "{input}");
        }
    }

    #[test]
    fn userinfo_splits_at_last_at_and_first_colon_and_is_decoded() {
        let cases = [
            ("ftp://me%40x:p%3Aw@h/", Some("me@x"), Some("p:w")),
            ("ftp://bob:a:b@c@h/", Some("bob"), Some("a:b@c")),
            ("ftp://bob@h/", Some("bob"), None),
            ("ftp://bob:@h/", Some("bob"), Some("")),
            ("ftp://@h/", None, None),
        ];
        for (input, user, password) in cases {
            let u = ok(input);
            assert_eq!((u.user.as_deref(), u.password.as_deref()), (user, password));
            assert_eq!(u.host, "h", "{input}");
        }
        assert_eq!(err("ftp://:pw@h/"), UrlError::PasswordWithoutUser);
    }

    #[test]
    fn hosts_are_lowercased_names_ipv4_or_bracketed_ipv6() {
        assert_eq!(ok("ftp://FTP.Example.COM/").host, "ftp.example.com");
        assert_eq!(ok("ftp://192.0.2.7:2121/").host, "192.0.2.7");
        let u = ok("ftp://[::1]:2121/x");
        assert_eq!((u.host.as_str(), u.port), ("::1", Some(2121)));
        assert_eq!(ok("ftps://[2001:DB8:0:0::1]/").host, "2001:db8::1");
    }

    #[test]
    fn bad_hosts_are_refused() {
        for input in ["ftp://", "ftp:///pub", "ftp://bob@/x", "ftp://:21/"] {
            assert_eq!(err(input), UrlError::EmptyHost, "{input}");
        }
        for input in [
            "ftp://a b/",
            "ftp://h?x=1/",
            "ftp://1.2.3.999/",
            "ftp://[::1]x/",
            "ftp://[nope]/",
            "ftp://::1/",
        ] {
            assert!(matches!(err(input), UrlError::InvalidHost(..)), "{input}");
        }
        assert_eq!(err("ftp://[::1/x"), UrlError::UnterminatedIpv6);
    }

    #[test]
    fn ports_must_be_1_to_65535() {
        assert_eq!(ok("ftp://h:65535/").port, Some(65535));
        for port in ["", "0", "99999", "abc", "-1", "+21"] {
            let input = format!("ftp://h:{port}/");
            assert_eq!(err(&input), UrlError::BadPort(port.into()), "{input}");
        }
        assert!(err("ftp://h:0/").to_string().contains("bad port"));
    }

    #[test]
    fn type_codes_are_read_raw_from_the_end_only() {
        assert_eq!(ok("ftp://h/f;type=a").type_code, Some(TypeCode::Ascii));
        let u = ok("ftp://h/f;TYPE=I");
        assert_eq!((u.type_code, u.path.as_str()), (Some(TypeCode::Image), "f"));
        assert_eq!(err("ftp://h/d/;type=d"), UrlError::UnsupportedTypeCode);
        assert_eq!(
            err("ftp://h/f;type=x"),
            UrlError::InvalidTypeCode("x".into())
        );
        assert_eq!(
            err("ftp://h/f;type=%61"),
            UrlError::InvalidTypeCode("%61".into())
        );
        let u = ok("ftp://h/a;type=i/b;mode=x");
        assert_eq!((u.path.as_str(), u.type_code), ("a;type=i/b;mode=x", None));
    }

    #[test]
    fn control_characters_and_bad_encodings_are_refused() {
        let cases = [
            ("ftp://h/a%0D%0ADELE%20x", UrlError::ControlInPart("path")),
            ("ftp://u%0A:p@h/", UrlError::ControlInPart("user name")),
            ("ftp://u:p%00@h/", UrlError::ControlInPart("password")),
            ("ftp://h/a\r\nb", UrlError::ControlCharacter),
            ("ftp://h/a\tb", UrlError::ControlCharacter),
            ("ftp://h/%zz", UrlError::InvalidPercentEncoding("path")),
            ("ftp://h/a%4", UrlError::InvalidPercentEncoding("path")),
            (
                "ftp://u%:p@h/",
                UrlError::InvalidPercentEncoding("user name"),
            ),
            ("ftp://h/%FF", UrlError::NotUtf8("path")),
        ];
        for (input, expected) in cases {
            assert_eq!(err(input), expected, "{input:?}");
        }
    }

    #[test]
    fn debug_redacts_the_password() {
        let text = format!("{:?}", ok("ftp://bob:hunter2@h/x"));
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("(redacted)") && text.contains("bob"));
    }

    #[test]
    fn redacted_drops_credentials_and_parses_back_to_the_same_place() {
        let u = ok("ftp://bob:pw@[::1]:2121/%2Fsrv/my%20f%23ile;type=i");
        assert_eq!(u.redacted(), "ftp://[::1]:2121/%2Fsrv/my%20f%23ile;type=i");
        assert_eq!(ok("FTPS://Bob@H/dir/").redacted(), "ftps://h/dir/");
        let inputs = [
            "ftp://u:p@h:21//x",
            "ftp://h/%C3%A9/a%3Bb;type=a",
            "ftp://h/%2F",
            "ftp://h/a?b#c%25",
        ];
        for input in inputs {
            let u = ok(input);
            let expected = FtpUrl {
                user: None,
                password: None,
                ..u.clone()
            };
            assert_eq!(ok(&u.redacted()), expected, "{input} -> {}", u.redacted());
        }
    }

    #[test]
    fn with_path_replaces_only_the_path() {
        let dir = ok("ftp://bob:pw@h:2121/up/;type=i");
        let file = dir.with_path("up/report.pdf");
        assert_eq!(file.path, "up/report.pdf");
        assert_eq!(file.with_path(&dir.path), dir);
    }
}
