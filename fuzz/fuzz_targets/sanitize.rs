//! The terminal sanitizer: no C0 or C1 control character (but tab) and no bidirectional
//! override comes out, whatever goes in; text that needed nothing is unchanged.
#![no_main]

use ferry::sanitize::terminal_safe;
use libfuzzer_sys::fuzz_target;

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let safe = terminal_safe(&text);
    for c in safe.chars() {
        assert!(c == '\t' || !c.is_control(), "{c:?} in {safe:?}");
        assert!(!is_bidi(c), "{c:?} in {safe:?}");
    }
    if !text
        .chars()
        .any(|c| (c.is_control() && c != '\t') || is_bidi(c))
    {
        assert_eq!(safe, text);
    }
});
