//! URLs: parse → print → parse gives the same URL (without its password), the printed forms
//! never hold the password, and no input makes the parser panic.
#![no_main]

use ferry::config::bookmarks::url_text;
use ferry::url::{FtpUrl, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(url) = parse(input) else {
        return;
    };
    let text = url_text(&url);
    let back = parse(&text).unwrap_or_else(|e| panic!("{input:?} -> {text:?}: {e}"));
    let expected = FtpUrl {
        password: None,
        ..url.clone()
    };
    assert_eq!(back, expected, "{input:?} -> {text:?}");
    let anonymous = parse(&url.redacted()).unwrap();
    assert_eq!(anonymous.path, url.path);
    // A password long enough not to turn up by chance in the host or path is never printed.
    if let Some(password) = url.password.as_deref().filter(|p| p.len() >= 6) {
        let elsewhere = url.host.contains(password)
            || url.path.contains(password)
            || url.user.as_deref().is_some_and(|u| u.contains(password));
        if !elsewhere {
            assert!(!text.contains(password), "{input:?} -> {text:?}");
            assert!(!format!("{url:?}").contains(password), "{input:?}");
        }
    }
});
