//! Incremental, sans-IO parser for FTP control-connection replies (RFC 959 §4.2).
//!
//! It owns the framing of the control stream into lines and [`Reply`] values
//! and the size limits; it never touches a socket. Callers
//! [`ReplyParser::feed`] whatever bytes they read, in any split, and take
//! complete replies with [`ReplyParser::next_reply`]. Design choices:
//!
//! * **Lines** end at LF; one CR directly before the LF is stripped. Other
//!   bytes (a lone CR, NUL) are kept, and lines are decoded in the parser's
//!   [`Charset`] (UTF-8 unless [`ReplyParser::set_charset`] said otherwise),
//!   which keeps undecodable bytes as escapes (see `proto::charset`), so a 257
//!   path sends back the bytes it came in; sanitizing for a terminal happens
//!   elsewhere.
//! * **Reply start.** `DDD-` opens a multi-line reply; `DDD ` or a bare `DDD`
//!   is a one-line reply (`DDD` in `100..=599`). Anything else where a reply
//!   should start, including an empty line, is [`ReplyError::Malformed`].
//! * **End of a multi-line reply.** A multi-line reply ends at the first line that begins
//!   with the *opening* code followed by a space (or that is exactly that code), as RFC 959
//!   says. Inner lines may begin with anything: `221 …` or `2200 …` inside `220-` … `220 `
//!   are text (servers put banners and motd files there), as are `234-text`, `1234 text`,
//!   `  234 text`, `abc` and empty lines.
//! * **Bounded memory.** A line longer than [`MAX_LINE`] bytes (terminator
//!   included) fails with [`ReplyError::LineTooLong`] as soon as that is known,
//!   so at most `MAX_LINE - 1` bytes of an unfinished line are ever held. One
//!   reply may not exceed [`MAX_REPLY_BYTES`] raw bytes or [`MAX_REPLY_LINES`]
//!   lines. Completed replies are queued until taken; the queue only holds
//!   what the caller fed and has not yet drained.
//! * **Poisoning.** After any error the stream framing can no longer be
//!   trusted, so the parser keeps returning that error from `feed`. Replies
//!   completed before the error stay available from `next_reply`; the
//!   unfinished line and reply are discarded.

use std::collections::VecDeque;
use std::fmt;

use super::charset::Charset;

/// Longest accepted reply line in bytes, including its CRLF or LF terminator.
pub const MAX_LINE: usize = 8 * 1024;
/// Largest accepted reply in raw bytes (all lines with their terminators).
pub const MAX_REPLY_BYTES: usize = 1024 * 1024;
/// Largest accepted number of lines in one reply.
pub const MAX_REPLY_LINES: usize = 10_000;

/// One complete FTP reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The reply code; for a multi-line reply, the code of its last line.
    pub code: u16,
    /// Each physical line as received, minus its CRLF/LF terminator,
    /// including the `123-` / `123 ` prefix where the line has one.
    pub lines: Vec<String>,
}

impl Reply {
    /// Builds a reply from a code and its raw lines.
    pub fn new(code: u16, lines: Vec<String>) -> Reply {
        Reply { code, lines }
    }

    /// Human-readable text: the `123-` / `123 ` prefix is removed from lines
    /// that carry the reply's code or the opening line's code, and the lines
    /// are joined with `'\n'`. Other lines (such as padded inner lines) are
    /// kept verbatim.
    pub fn text(&self) -> String {
        let opening = self.lines.first().and_then(|l| code_prefix(l.as_bytes()));
        let ours = |code| code == self.code || opening.is_some_and(|(c, _)| c == code);
        let stripped: Vec<&str> = self
            .lines
            .iter()
            .map(|line| match code_prefix(line.as_bytes()) {
                // Bytes 0..=3 are ASCII here, so index 4 is a char boundary.
                Some((code, _)) if ours(code) => line.get(4..).unwrap_or(""),
                _ => line,
            })
            .collect();
        stripped.join("\n")
    }

    /// Code and text on one line, inner lines joined with " / ", for messages.
    pub fn one_line(&self) -> String {
        format!("{} {}", self.code, self.text().replace('\n', " / ").trim())
    }

    /// True for a 1xx (positive preliminary) reply.
    pub fn is_preliminary(&self) -> bool {
        self.code / 100 == 1
    }

    /// True for a 2xx (positive completion) reply.
    pub fn is_completion(&self) -> bool {
        self.code / 100 == 2
    }

    /// True for a 3xx (positive intermediate) reply.
    pub fn is_intermediate(&self) -> bool {
        self.code / 100 == 3
    }

    /// True for a 4xx (transient negative completion) reply.
    pub fn is_transient(&self) -> bool {
        self.code / 100 == 4
    }

    /// True for a 5xx (permanent negative completion) reply.
    pub fn is_permanent(&self) -> bool {
        self.code / 100 == 5
    }
}

impl fmt::Display for Reply {
    /// Writes the raw lines joined with `'\n'`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines.join("\n"))
    }
}

/// Why the reply stream could not be parsed. Once returned, the parser is
/// poisoned and returns the same error from every later [`ReplyParser::feed`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplyError {
    /// A line exceeded [`MAX_LINE`] bytes before its terminator arrived.
    #[error("server sent a reply line longer than 8 KiB")]
    LineTooLong,
    /// One reply exceeded [`MAX_REPLY_BYTES`].
    #[error("server sent a reply larger than 1 MiB")]
    ReplyTooLarge,
    /// One reply exceeded [`MAX_REPLY_LINES`].
    #[error("server sent a reply with more than 10000 lines")]
    TooManyLines,
    /// A line that should start a reply does not begin with a code in
    /// `100..=599` followed by a space, a dash or the end of the line.
    #[error("server sent a line that does not start a valid FTP reply: {line:?}")]
    Malformed {
        /// The offending line, lossily decoded and cut to about 80 characters.
        line: String,
    },
}

impl ReplyError {
    fn malformed(line: &[u8]) -> ReplyError {
        let line = super::excerpt(&String::from_utf8_lossy(line));
        ReplyError::Malformed { line }
    }
}

/// Returns the code when `line` starts with a code in `100..=599` followed by
/// a space, a dash or the end of the line, and whether it was a dash (more
/// lines follow).
fn code_prefix(line: &[u8]) -> Option<(u16, bool)> {
    let &[a @ b'1'..=b'5', b @ b'0'..=b'9', c @ b'0'..=b'9'] = line.get(..3)? else {
        return None;
    };
    let code = [a, b, c]
        .iter()
        .fold(0, |acc, d| acc * 10 + u16::from(d - b'0'));
    let continued = match line.get(3) {
        None | Some(b' ') => false,
        Some(b'-') => true,
        Some(_) => return None,
    };
    Some((code, continued))
}

/// A multi-line reply whose closing line has not arrived yet.
#[derive(Debug)]
struct Pending {
    /// The opening line's code: only a line with this code and a space ends the reply.
    code: u16,
    lines: Vec<String>,
    bytes: usize,
}

/// Incremental reply parser; see the module documentation for the rules.
#[derive(Debug, Default)]
pub struct ReplyParser {
    /// Bytes of the unfinished line (never more than `MAX_LINE - 1`).
    line: Vec<u8>,
    /// The unfinished multi-line reply, if any.
    pending: Option<Pending>,
    /// Complete replies not yet taken.
    ready: VecDeque<Reply>,
    /// Set once an error occurred.
    error: Option<ReplyError>,
    /// How reply text is decoded.
    charset: Charset,
}

impl ReplyParser {
    /// Creates an empty parser.
    pub fn new() -> Self {
        Self::default()
    }

    /// Consumes bytes (any split: one byte at a time, several replies at
    /// once). Complete replies are queued. After an error the parser is
    /// poisoned: further feeds return the same error.
    pub fn feed(&mut self, mut bytes: &[u8]) -> Result<(), ReplyError> {
        if let Some(err) = &self.error {
            return Err(err.clone());
        }
        while !bytes.is_empty() {
            // Room left for this line's content plus the LF; always >= 1.
            let room = MAX_LINE - self.line.len();
            let window = &bytes[..bytes.len().min(room)];
            let Some(lf) = window.iter().position(|&b| b == b'\n') else {
                if bytes.len() >= room {
                    return self.fail(ReplyError::LineTooLong);
                }
                self.line.extend_from_slice(bytes);
                break;
            };
            self.line.extend_from_slice(&bytes[..lf]);
            bytes = &bytes[lf + 1..];
            let raw_len = self.line.len() + 1;
            let mut content = std::mem::take(&mut self.line);
            if content.last() == Some(&b'\r') {
                content.pop();
            }
            if let Err(err) = self.complete_line(&content, raw_len) {
                return self.fail(err);
            }
            content.clear();
            self.line = content;
        }
        Ok(())
    }

    /// Decodes the lines completed from now on in `charset`.
    pub fn set_charset(&mut self, charset: Charset) {
        self.charset = charset;
    }

    /// Next complete reply, in order.
    pub fn next_reply(&mut self) -> Option<Reply> {
        self.ready.pop_front()
    }

    /// True when bytes of an unfinished line/reply or queued replies are held
    /// (used to detect data sent after "234 AUTH TLS" before the handshake, a
    /// CVE-2021-22947 guard).
    pub fn has_buffered(&self) -> bool {
        !self.line.is_empty() || self.pending.is_some() || !self.ready.is_empty()
    }

    /// Handles one complete line (terminator already removed).
    fn complete_line(&mut self, content: &[u8], raw_len: usize) -> Result<(), ReplyError> {
        let prefix = code_prefix(content);
        let Some(pending) = self.pending.as_mut() else {
            let text = self.charset.decode(content);
            match prefix {
                Some((code, true)) => {
                    self.pending = Some(Pending {
                        code,
                        lines: vec![text],
                        bytes: raw_len,
                    });
                }
                Some((code, false)) => self.ready.push_back(Reply::new(code, vec![text])),
                None => return Err(ReplyError::malformed(content)),
            }
            return Ok(());
        };
        if pending.lines.len() >= MAX_REPLY_LINES {
            return Err(ReplyError::TooManyLines);
        }
        pending.bytes += raw_len;
        if pending.bytes > MAX_REPLY_BYTES {
            return Err(ReplyError::ReplyTooLarge);
        }
        pending.lines.push(self.charset.decode(content));
        // RFC 959 4.2: inner lines may start with anything, another code included ("221 …"
        // inside "220-"); only the opening code followed by a space ends the reply.
        if let Some((code, false)) = prefix
            && code == pending.code
            && let Some(done) = self.pending.take()
        {
            self.ready.push_back(Reply::new(code, done.lines));
        }
        Ok(())
    }

    /// Poisons the parser and drops unfinished state.
    fn fail(&mut self, err: ReplyError) -> Result<(), ReplyError> {
        self.line = Vec::new();
        self.pending = None;
        self.error = Some(err.clone());
        Err(err)
    }
}

/// The one reply in `wire`, after checking that every strict prefix of it asks for more and
/// that nothing follows it: for the tests of the reply readers (replies.rs, digest.rs).
#[cfg(test)]
pub(crate) fn parse_one(wire: &[u8]) -> Reply {
    for i in 0..wire.len() {
        let mut parser = ReplyParser::new();
        parser.feed(&wire[..i]).unwrap();
        assert_eq!(
            parser.next_reply(),
            None,
            "a prefix of {i} bytes made a reply"
        );
    }
    let mut parser = ReplyParser::new();
    parser.feed(wire).unwrap();
    let reply = parser.next_reply().expect("a whole reply");
    assert_eq!(parser.next_reply(), None, "exactly one reply");
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    type Outcome = (Vec<Reply>, Option<ReplyError>);

    fn reply(code: u16, lines: &[&str]) -> Reply {
        Reply::new(code, lines.iter().map(|l| l.to_string()).collect())
    }

    /// Feeds the chunks in order, draining after each, stopping at an error.
    fn run(chunks: &[&[u8]]) -> Outcome {
        let mut parser = ReplyParser::new();
        let mut out = Vec::new();
        for chunk in chunks {
            let result = parser.feed(chunk);
            out.extend(std::iter::from_fn(|| parser.next_reply()));
            if let Err(err) = result {
                return (out, Some(err));
            }
        }
        (out, None)
    }

    /// Parses `input` whole, one byte at a time and split in two at every
    /// index; all must agree. For single-reply inputs, no strict prefix may
    /// yield a reply.
    fn parse_every_way(input: &[u8]) -> Outcome {
        let whole = run(&[input]);
        let bytewise: Vec<&[u8]> = input.chunks(1).collect();
        assert_eq!(run(&bytewise), whole, "one byte at a time");
        for i in 0..=input.len() {
            let (a, b) = input.split_at(i);
            assert_eq!(run(&[a, b]), whole, "split at {i}");
            if whole.0.len() == 1 && whole.1.is_none() && i < input.len() {
                assert_eq!(run(&[a]), (vec![], None), "prefix of {i} bytes");
            }
        }
        whole
    }

    /// One test per fixture: `name: input => [(code, [lines...]), ...];`
    macro_rules! fixtures {
        ($($name:ident: $input:expr => [$(($code:expr, [$($line:expr),*])),*];)*) => {$(
            #[test]
            fn $name() {
                let want = vec![$(reply($code, &[$($line),*])),*];
                assert_eq!(parse_every_way($input), (want, None));
            }
        )*};
    }

    fixtures! {
        single_line_reply: b"220 Service ready\r\n" => [(220, ["220 Service ready"])];
        rfc959_multiline_example_with_padded_digit_line:
            b"123-First line\r\nSecond line\r\n  234 A line beginning with numbers\r\n\
              123 The last line\r\n"
            => [(123, ["123-First line", "Second line", "  234 A line beginning with numbers",
                       "123 The last line"])];
        inner_lines_with_the_opening_code_and_dash_stay_inner:
            b"211-Features:\r\n211-MDTM\r\n SIZE\r\n211 End\r\n"
            => [(211, ["211-Features:", "211-MDTM", " SIZE", "211 End"])];
        lines_that_are_not_a_code_and_space_do_not_close:
            b"220-hi\r\n234-text\r\n1234 text\r\n  234 text\r\n12 text\r\nabc\r\n\r\n\
              099 x\r\n600 y\r\n220 bye\r\n"
            => [(220, ["220-hi", "234-text", "1234 text", "  234 text", "12 text", "abc", "",
                       "099 x", "600 y", "220 bye"])];
        bare_lf_endings: b"230-Welcome\nto the server\n230 Logged in\n"
            => [(230, ["230-Welcome", "to the server", "230 Logged in"])];
        mixed_line_endings: b"250-a\nb\r\n250 c\n" => [(250, ["250-a", "b", "250 c"])];
        only_a_cr_directly_before_lf_is_stripped: b"200 a\rb\r\r\n" => [(200, ["200 a\rb\r"])];
        several_replies_in_one_feed: b"150 Opening\r\n226-Done\r\n more\r\n226 ok\r\n221 Bye\n"
            => [(150, ["150 Opening"]), (226, ["226-Done", " more", "226 ok"]), (221, ["221 Bye"])];
        another_code_and_a_space_inside_is_text_until_the_opening_code_closes:
            b"220-Welcome\r\n221 is how we say goodbye\r\n2200 lines of rules\r\n\
              230 users max\r\n220 ready\r\n226 next\r\n"
            => [(220, ["220-Welcome", "221 is how we say goodbye", "2200 lines of rules",
                       "230 users max", "220 ready"]), (226, ["226 next"])];
        three_digits_alone_is_a_one_line_reply: b"200\r\n" => [(200, ["200"])];
        three_digits_alone_closes_a_multiline_reply: b"211-\r\nx\r\n211\n"
            => [(211, ["211-", "x", "211"])];
        non_utf8_bytes_are_escaped_and_nul_kept: b"200 caf\xe9 \x00 ok\r\n"
            => [(200, ["200 caf\u{10fce9} \0 ok"])];
    }

    fn malformed(line: &str) -> Option<ReplyError> {
        Some(ReplyError::Malformed { line: line.into() })
    }

    #[test]
    fn lines_decode_in_the_charset_set() {
        let mut p = ReplyParser::new();
        p.set_charset(Charset::from_name("gbk").unwrap());
        p.feed(b"257 \"/\xd6\xd0\xce\xc4\" is the current directory\r\n")
            .unwrap();
        let reply = p.next_reply().unwrap();
        assert_eq!(reply.lines, ["257 \"/中文\" is the current directory"]);
    }

    #[test]
    fn invalid_reply_starts_are_malformed() {
        for line in "099 low|600 high|abc||22 short|2200 long|220x| 220 x|220\rx".split('|') {
            let input = format!("{line}\r\n");
            assert_eq!(parse_every_way(input.as_bytes()), (vec![], malformed(line)));
        }
        assert_eq!(parse_every_way(b"\n"), (vec![], malformed("")));
        let non_utf8 = parse_every_way(b"2\xff0 x\n");
        assert_eq!(non_utf8, (vec![], malformed("2\u{FFFD}0 x")));
        // Replies before the bad line are kept, identically for every split.
        let (replies, err) = parse_every_way(b"220 hi\r\n230-a\r\n230 b\r\n999 no\r\n");
        assert_eq!((replies.len(), err), (2, malformed("999 no")));
        let long = [vec![b'x'; 1000], b"\r\n".to_vec()].concat();
        assert_eq!(
            run(&[&long]).1,
            malformed(&"x".repeat(crate::proto::EXCERPT_CHARS))
        );
    }

    #[test]
    fn line_cap_accepts_exactly_max_line_and_fails_early_beyond_it() {
        for terminator in [&b"\r\n"[..], b"\n"] {
            let mut input = b"200 ".to_vec();
            input.resize(MAX_LINE - terminator.len(), b'a');
            input.extend_from_slice(terminator);
            let (replies, err) = run(&[&input]);
            let len = MAX_LINE - terminator.len();
            assert_eq!((replies[0].lines[0].len(), err), (len, None));
        }
        // One byte more fails before the terminator arrives.
        let mut parser = ReplyParser::new();
        parser.feed(&vec![b'2'; MAX_LINE - 1]).unwrap();
        assert_eq!(parser.line.len(), MAX_LINE - 1);
        assert_eq!(parser.feed(b"2"), Err(ReplyError::LineTooLong));
        // One oversized feed fails without buffering it.
        let mut parser = ReplyParser::new();
        let huge = vec![b'a'; 10 * MAX_LINE];
        assert_eq!(parser.feed(&huge), Err(ReplyError::LineTooLong));
        assert!(parser.line.capacity() < MAX_LINE);
        // An inner line of a multi-line reply is capped too.
        let mut input = b"200-x\r\n".to_vec();
        input.resize(7 + MAX_LINE, b'y');
        assert_eq!(run(&[&input]).1, Some(ReplyError::LineTooLong));
    }

    /// A multi-line reply of exactly 1024 lines of 1024 bytes (1 MiB).
    fn one_mib_reply() -> Vec<u8> {
        let mut out = Vec::new();
        for i in 0..1024 {
            out.extend_from_slice(match i {
                0 => b"200-",
                1023 => b"200 ",
                _ => b"",
            });
            out.resize((i + 1) * 1024 - 2, b'z');
            out.extend_from_slice(b"\r\n");
        }
        out
    }

    #[test]
    fn reply_bytes_cap() {
        let mut input = one_mib_reply();
        assert_eq!(input.len(), MAX_REPLY_BYTES);
        let (replies, err) = run(&[&input]);
        assert_eq!((replies[0].lines.len(), err), (1024, None));
        input.insert(2000, b'+'); // lengthen one inner line by a byte
        assert_eq!(run(&[&input]).1, Some(ReplyError::ReplyTooLarge));
        // Many 7 KiB inner lines, never closed: fails once past 1 MiB.
        let mut parser = ReplyParser::new();
        parser.feed(b"200-start\r\n").unwrap();
        let line = [vec![b'q'; 7 * 1024], b"\r\n".to_vec()].concat();
        let fed = (0..200).position(|_| parser.feed(&line).is_err());
        assert_eq!(fed, Some(MAX_REPLY_BYTES / line.len()));
        assert_eq!(parser.feed(b"200 end\r\n"), Err(ReplyError::ReplyTooLarge));
    }

    #[test]
    fn line_count_cap() {
        let build = |inner| [&b"200-\r\n"[..], &b"x\r\n".repeat(inner), b"200 end\r\n"].concat();
        let (replies, err) = run(&[&build(MAX_REPLY_LINES - 2)]);
        assert_eq!((replies[0].lines.len(), err), (MAX_REPLY_LINES, None));
        let too_many = build(MAX_REPLY_LINES - 1);
        assert_eq!(run(&[&too_many]).1, Some(ReplyError::TooManyLines));
    }

    #[test]
    fn errors_poison_the_parser_and_keep_earlier_replies() {
        let mut parser = ReplyParser::new();
        let err = parser.feed(b"220 hi\r\nbogus\r\n221 bye\r\n").err();
        assert_eq!(err, malformed("bogus"));
        assert_eq!(parser.feed(b"221 bye\r\n").err(), err);
        assert_eq!(parser.feed(b"").err(), err);
        assert_eq!(parser.next_reply(), Some(reply(220, &["220 hi"])));
        assert_eq!(parser.next_reply(), None);
        assert!(!parser.has_buffered());
    }

    #[test]
    fn has_buffered_tracks_partial_lines_pending_and_queued_replies() {
        let mut parser = ReplyParser::new();
        parser.feed(b"").unwrap();
        assert!(!parser.has_buffered());
        parser.feed(b"23").unwrap();
        assert!(parser.has_buffered(), "partial line");
        parser.feed(b"4-AUTH\r\n").unwrap();
        assert!(parser.has_buffered(), "unfinished multi-line reply");
        parser.feed(b"234 TLS\r\n").unwrap();
        assert!(parser.has_buffered(), "queued reply");
        assert_eq!(parser.next_reply().unwrap().code, 234);
        assert!(!parser.has_buffered());
        // Data injected right after "234" in the same segment is detected.
        parser.feed(b"234 AUTH TLS ok\r\n220 injected").unwrap();
        assert_eq!(parser.next_reply().unwrap().code, 234);
        assert!(parser.has_buffered());
    }

    #[test]
    fn text_strips_code_prefixes_and_display_keeps_them() {
        let rfc = reply(123, &["123-First", "  234 numbers", "123 Last"]);
        assert_eq!(rfc.text(), "First\n  234 numbers\nLast");
        let gl = reply(230, &["200-Welcome", "200-rules", "234-other", "230 in"]);
        assert_eq!(gl.text(), "Welcome\nrules\n234-other\nin");
        assert_eq!(gl.to_string(), "200-Welcome\n200-rules\n234-other\n230 in");
        assert_eq!(reply(211, &["211-", "x", "211"]).text(), "\nx\n");
        assert_eq!(reply(200, &["no prefix"]).text(), "no prefix");
        assert_eq!(Reply::new(200, vec![]).text(), "");
    }

    #[test]
    fn code_classes() {
        let r = |code| Reply::new(code, vec![]);
        assert!(r(150).is_preliminary() && r(199).is_preliminary() && !r(200).is_preliminary());
        assert!(r(226).is_completion() && !r(150).is_completion() && !r(331).is_completion());
        assert!(r(331).is_intermediate() && !r(226).is_intermediate());
        assert!(r(421).is_transient() && !r(550).is_transient());
        assert!(r(550).is_permanent() && !r(421).is_permanent());
    }

    #[test]
    fn error_messages_are_in_words() {
        let msg = ReplyError::LineTooLong.to_string();
        assert_eq!(msg, "server sent a reply line longer than 8 KiB");
        assert!(ReplyError::ReplyTooLarge.to_string().contains("1 MiB"));
        assert!(ReplyError::TooManyLines.to_string().contains("10000 lines"));
        let e = malformed("a\u{1b}b").unwrap();
        assert!(e.to_string().ends_with("\"a\\u{1b}b\""), "{e}");
    }
}
