//! Making server-supplied text safe for a terminal.
//!
//! Reply text, listings and file names come from the server and may hold escape sequences that
//! would recolour, retitle or rewrite the user's terminal. Everything from outside goes through
//! [`terminal_safe`] before it is printed: control characters (C0, DEL, C1) are shown as `\xNN`
//! or `\u{NN}` escapes, so nothing the server sends is interpreted by the terminal. Bytes of a
//! name that did not decode in the server's charset (kept as private-use escapes, see
//! `proto::charset`) are shown as `\xNN` too.

use std::borrow::Cow;

use crate::proto::charset::escaped_byte;

/// `text` with every control character except tab escaped.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if let Some(byte) = escaped_byte(c) {
            out.push_str(&format!("\\x{byte:02x}"));
        } else if is_unsafe(c) {
            let n = c as u32;
            if n < 0x100 {
                out.push_str(&format!("\\x{n:02x}"));
            } else {
                out.push_str(&format!("\\u{{{n:x}}}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The cut of messages that quote user or server input, shared with [`crate::proto`] (which
/// imports nothing outside itself, so the helper lives there).
pub use crate::proto::{EXCERPT_CHARS, excerpt};

fn is_unsafe(c: char) -> bool {
    escaped_byte(c).is_some()
        || (c.is_control() && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_interpreted() {
        assert_eq!(terminal_safe("a\x1b[31mred"), "a\\x1b[31mred");
        assert_eq!(terminal_safe("bell\x07 and \r"), "bell\\x07 and \\x0d");
        assert_eq!(terminal_safe("c1\u{9b}2J"), "c1\\x9b2J");
        assert_eq!(terminal_safe("rtl\u{202e}txt"), "rtl\\u{202e}txt");
    }

    #[test]
    fn bytes_that_did_not_decode_are_shown_as_hex() {
        let name = crate::proto::charset::Charset::UTF8.decode(b"caf\xe9\x1b.txt");
        assert_eq!(terminal_safe(&name), "caf\\xe9\\x1b.txt");
    }

    #[test]
    fn excerpts_are_cut_to_a_readable_length() {
        assert_eq!(excerpt(&"é".repeat(300_000)).chars().count(), EXCERPT_CHARS);
        assert_eq!(excerpt("short"), "short");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        assert!(matches!(
            terminal_safe("héllo\tworld 文件"),
            Cow::Borrowed(_)
        ));
    }
}
