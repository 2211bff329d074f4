//! `.netrc` text: the parser never panics, and an entry's password or account never shows in
//! its `Debug` form.
#![no_main]

use ferry::config::netrc::Netrc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(netrc) = Netrc::parse(text) else {
        return;
    };
    for host in text.split_whitespace().chain(["default-host"]) {
        let Some(entry) = netrc.lookup(host, None) else {
            continue;
        };
        let shown = format!("{entry:?}");
        for secret in [&entry.password, &entry.account].into_iter().flatten() {
            let elsewhere = entry
                .login
                .as_deref()
                .is_some_and(|l| l.contains(secret.as_str()));
            if secret.len() >= 4
                && !elsewhere
                && !"NetrcEntry login password account (redacted) Some None"
                    .contains(secret.as_str())
            {
                assert!(!shown.contains(secret.as_str()), "{shown}");
            }
        }
    }
});
