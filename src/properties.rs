//! Property tests (proptest) of the text the library reads from users and files: URLs read
//! back what [`crate::url::FtpUrl::redacted`] and [`crate::config::bookmarks::url_text`] write,
//! no URL or `.netrc` error shows a password, and the terminal sanitizer lets no control
//! character through. The fuzz targets in `fuzz/` check the same for longer.

use proptest::prelude::*;

use crate::config::bookmarks::url_text;
use crate::config::netrc::Netrc;
use crate::sanitize::terminal_safe;
use crate::url::{FtpUrl, Scheme, TypeCode, parse};

/// A marker no generated text holds by chance: a message holding it shows a password.
const MARK: &str = "Mk7Zq9";

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,10}(\\.[a-z0-9]{1,8}){0,2}",
        any::<[u8; 4]>().prop_map(|o| std::net::Ipv4Addr::from(o).to_string()),
        any::<u128>().prop_map(|v| std::net::Ipv6Addr::from(v).to_string()),
    ]
}

fn ftp_url() -> impl Strategy<Value = FtpUrl> {
    (
        any::<bool>(),
        prop::option::of("\\PC{1,12}"),
        host(),
        prop::option::of(1u16..),
        // Decoded paths: anything printable; a leading '/' makes them absolute.
        "\\PC{0,30}",
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(tls, user, host, port, path, type_code)| FtpUrl {
            scheme: if tls { Scheme::Ftps } else { Scheme::Ftp },
            user,
            password: None,
            host,
            port,
            path,
            type_code: type_code.map(|a| if a { TypeCode::Ascii } else { TypeCode::Image }),
        })
}

/// Text with every kind of character a hostile server or user may send.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
            (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
            prop::sample::select(vec!['\u{202e}', '\u{2066}', '\u{1b}', '\t']),
        ],
        0..60,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// The bidirectional overrides and isolates, which reorder what the terminal shows.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #[test]
    fn a_url_reads_back_what_it_prints(url in ftp_url()) {
        // Paths ending in ";type=x" would be read as a type code: not a path people write.
        prop_assume!(!url.path.to_ascii_lowercase().contains(";type="));
        let text = url_text(&url);
        let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(&back, &url, "{}", text);
        let anonymous = parse(&url.redacted()).unwrap();
        prop_assert_eq!(anonymous.user, None);
        prop_assert_eq!(anonymous.path, url.path);
    }

    #[test]
    fn a_parsed_url_prints_to_one_that_parses_the_same(input in "(ftp|ftps|FTP)://\\PC{0,40}") {
        if let Ok(url) = parse(&input) {
            let text = url_text(&url);
            let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{input} -> {text}: {e}")))?;
            let without_password = FtpUrl { password: None, ..url };
            prop_assert_eq!(back, without_password, "{} -> {}", input, text);
        }
    }

    #[test]
    fn no_url_error_shows_the_password(
        before in "\\PC{0,6}",
        after in "[^@]{0,6}",
        rest in "\\PC{0,20}",
        scheme in "(ftp|ftps|http|)(://)?",
    ) {
        let password = format!("{before}{MARK}{after}");
        let input = format!("{scheme}alice:{password}@{rest}");
        match parse(&input) {
            // `ftp://alice:1/x@` is host alice, port 1 and the path `x@`: what the parser
            // did not take for a password is not hidden.
            Ok(url) if url.password.as_deref().is_some_and(|p| p.contains(MARK)) => {
                let shown = format!("{url:?} {} {}", url.redacted(), url_text(&url));
                prop_assert!(!shown.contains(MARK), "{}", shown);
            }
            Ok(_) => {}
            Err(e) => prop_assert!(!e.to_string().contains(MARK), "{}: {}", input, e),
        }
    }

    #[test]
    fn no_netrc_error_shows_a_password(
        lines in prop::collection::vec(
            prop_oneof![
                Just("machine h".to_owned()),
                Just("login alice".to_owned()),
                Just("default".to_owned()),
                "[a-z#\"]{1,8}",
                "\\PC{0,10}",
            ],
            0..4,
        ),
        key in prop::sample::select(vec!["password", "account"]),
        quoted in any::<bool>(),
        glue in prop::sample::select(vec![" ", "\n", "\t", " \\\n"]),
        tail in "[ -~\t\n]{0,16}",
    ) {
        let secret = if quoted { format!("\"{MARK} x\"") } else { MARK.to_owned() };
        let mut text = lines.join("\n");
        text.push_str(&format!("\nmachine h login alice {key}{glue}{secret}{tail}"));
        // The marker again, as the stray rest of an unquoted secret.
        text.push_str(&format!(" {key} a {MARK}-rest\n"));
        match Netrc::parse(&text) {
            Ok(netrc) => {
                let shown = format!("{netrc:?}");
                prop_assert!(!shown.contains(MARK), "{}", shown);
            }
            Err(e) => prop_assert!(!e.to_string().contains(MARK), "{:?}: {}", text, e),
        }
    }

    #[test]
    fn the_terminal_sees_no_control_character(text in hostile_text()) {
        let safe = terminal_safe(&text);
        for c in safe.chars() {
            prop_assert!(c == '\t' || !c.is_control(), "{:?} in {:?}", c, safe);
            prop_assert!(!is_bidi_control(c), "{:?} in {:?}", c, safe);
        }
        // Text that was already safe is left as it is.
        if !text.chars().any(|c| (c.is_control() && c != '\t') || is_bidi_control(c)) {
            prop_assert_eq!(safe.as_ref(), text.as_str());
        }
    }
}
