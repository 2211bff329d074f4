//! Pure parsers of what some replies say: the FEAT list (211), a quoted path (257), a size
//! (213) and the byte count many servers put in a 150 reply.
//!
//! Each works on a complete [`Reply`] from [`crate::proto::reply::ReplyParser`], so none of them
//! sees framing; each is lenient where servers differ and returns `None` (or an empty list)
//! rather than guessing when the text is not what it expects.

use std::collections::BTreeSet;

use crate::proto::reply::Reply;

/// Features from FEAT (RFC 2389), upper-cased keywords with their parameters.
#[derive(Debug, Clone, Default)]
pub struct Features {
    lines: BTreeSet<String>,
}

impl Features {
    /// Parses the body of a 211 FEAT reply: every line between the first and the last, trimmed
    /// and upper-cased (servers differ in case and in the space RFC 2389 asks for).
    pub fn parse(reply: &Reply) -> Features {
        let lines = reply
            .lines
            .iter()
            .skip(1)
            .take(reply.lines.len().saturating_sub(2))
            .map(|l| l.trim().to_ascii_uppercase())
            .filter(|l| !l.is_empty())
            .collect();
        Features { lines }
    }

    /// True if a feature with this keyword (first word) was advertised.
    pub fn has(&self, keyword: &str) -> bool {
        self.lines
            .iter()
            .any(|l| l.split_whitespace().next() == Some(keyword))
    }

    /// All advertised feature lines.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(String::as_str)
    }
}

/// The quoted path of a 257 reply, with `""` inside it meaning one `"` (RFC 959 appendix II).
pub fn parse_257(reply: &Reply) -> Option<String> {
    let text = reply.text();
    let start = text.find('"')? + 1;
    let mut out = String::new();
    let mut chars = text[start..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if chars.peek() == Some(&'"') {
                chars.next();
                out.push('"');
            } else {
                return Some(out);
            }
        } else {
            out.push(c);
        }
    }
    None
}

/// The size in a reply to SIZE: `213 N`; `None` for any other reply (refused, not a file).
pub fn size_in(reply: &Reply) -> Option<u64> {
    match reply.code {
        213 => reply.text().trim().parse().ok(),
        _ => None,
    }
}

/// The `(N bytes)` many servers put in the 150 reply to RETR (vsftpd, ProFTPD, IIS).
pub fn bytes_in_150(reply: &Reply) -> Option<u64> {
    let text = reply.text();
    let end = text.rfind(" bytes)")?;
    let start = text[..end].rfind('(')? + 1;
    text[start..end].trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::proto::reply::parse_one as parse;

    #[test]
    fn features_are_keywords_with_parameters() {
        let r = parse(
            b"211-Features:\r\n EPSV\r\n MLST type*;size*;modify*;\r\n UTF8\r\n \
              REST STREAM\r\n211 End\r\n",
        );
        let f = Features::parse(&r);
        assert!(f.has("EPSV") && f.has("MLST") && f.has("UTF8") && f.has("REST"));
        assert!(!f.has("SIZE") && !f.has("211"));
        assert!(f.iter().any(|l| l == "REST STREAM"));
    }

    #[test]
    fn features_ignore_case_blank_lines_and_missing_padding() {
        // Some servers send lower case, forget the leading space, or add empty lines.
        let r = parse(b"211-Extensions supported:\nmdtm\n\n  Size\r\n auth tls\n211 END\n");
        let f = Features::parse(&r);
        assert!(f.has("MDTM") && f.has("SIZE") && f.has("AUTH"));
        assert_eq!(f.iter().count(), 3);
    }

    #[test]
    fn a_one_line_feat_reply_lists_nothing() {
        let f = Features::parse(&parse(b"211 No features\r\n"));
        assert_eq!(f.iter().count(), 0);
        assert!(!f.has("NO"));
    }

    #[test]
    fn pwd_undoes_doubled_quotes() {
        let r = parse(b"257 \"/a \"\"quoted\"\" dir\" is the current directory\r\n");
        assert_eq!(parse_257(&r).unwrap(), r#"/a "quoted" dir"#);
        assert_eq!(parse_257(&parse(b"257 \"/\"\r\n")).unwrap(), "/");
        assert_eq!(parse_257(&parse(b"257 no quotes\r\n")), None);
        assert_eq!(parse_257(&parse(b"257 \"unterminated\r\n")), None);
    }

    #[test]
    fn a_multi_line_257_gives_the_first_quoted_path() {
        let r = parse(b"257-\"/home/a b\" created\r\n with more words\r\n257 done\r\n");
        assert_eq!(parse_257(&r).unwrap(), "/home/a b");
    }

    #[test]
    fn size_comes_only_from_a_213() {
        assert_eq!(size_in(&parse(b"213 52428800\r\n")), Some(52_428_800));
        assert_eq!(size_in(&parse(b"213  7 \r\n")), Some(7));
        assert_eq!(size_in(&parse(b"550 Could not get file size.\r\n")), None);
        assert_eq!(size_in(&parse(b"213 big\r\n")), None);
        assert_eq!(size_in(&parse(b"200 12\r\n")), None);
    }

    #[test]
    fn reads_the_size_from_a_150_reply() {
        let r = parse(b"150 Opening BINARY mode data connection for a.bin (52428800 bytes).\r\n");
        assert_eq!(bytes_in_150(&r), Some(52_428_800));
        let r = parse(b"150 Here comes the directory listing.\r\n");
        assert_eq!(bytes_in_150(&r), None);
        let r = parse(b"150 file (x bytes)\r\n");
        assert_eq!(bytes_in_150(&r), None);
        // A name with parentheses: the count is the last "(N bytes)".
        let r = parse(b"150 Opening data connection for f(1).txt (12 bytes)\r\n");
        assert_eq!(bytes_in_150(&r), Some(12));
    }
}
