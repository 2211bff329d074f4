//! The character set of names on the wire: [`Charset`], and guessing one from a listing.
//!
//! FTP carries names as bytes. Servers that offer `UTF8` in FEAT send UTF-8; many others (IIS in
//! China, old Unix servers in Europe and Japan) send GBK, Big5, Shift_JIS or Latin-1. Inside
//! ferry every name is a Rust `String`; a `Charset` turns the server's bytes into that string
//! ([`Charset::decode`]) and back ([`Charset::encode`]).
//!
//! **Nothing is lost.** A name that is not valid in the charset (or whose text would not encode
//! back to the same bytes: Shift_JIS and Big5 have duplicate mappings) is not decoded with
//! U+FFFD. Instead each of its non-ASCII bytes becomes one character of a private-use block,
//! U+10FC80..=U+10FCFF ([`escaped_byte`]), and encoding turns such a character back into that
//! very byte, whatever the charset. A listed name therefore always reaches the server again as
//! the bytes it was listed with; the terminal sanitizer shows those characters as `\xNN`, and
//! local file names and JSON keep them as they are, so a second mirror finds them again.
//!
//! Only ASCII-compatible charsets are accepted (the FTP verbs, spaces and CRLF must stay single
//! bytes): UTF-16 and ISO-2022-JP are refused by [`Charset::from_name`].

use std::fmt;

use encoding_rs::{Encoding, UTF_8};

/// The first character of the block that stands for undecodable bytes (0x80 maps to it + 0x80).
const ESCAPE_BASE: u32 = 0x10_FC00;

/// The byte a private-use escape character stands for, if `c` is one (see the module docs).
pub fn escaped_byte(c: char) -> Option<u8> {
    let n = c as u32;
    (ESCAPE_BASE + 0x80..=ESCAPE_BASE + 0xFF)
        .contains(&n)
        .then(|| (n - ESCAPE_BASE) as u8)
}

/// The escape character for a non-ASCII byte.
fn escape(byte: u8) -> char {
    debug_assert!(byte >= 0x80);
    char::from_u32(ESCAPE_BASE + u32::from(byte)).expect("the block is valid")
}

/// How names are written on the wire (an ASCII-compatible encoding of the Encoding Standard).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Charset(&'static Encoding);

/// A charset name that is unknown, or names an encoding FTP cannot carry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CharsetError {
    /// Not a label of the Encoding Standard.
    #[error(
        "unknown character set {0:?} (try utf-8, gbk, gb18030, big5, shift_jis, euc-jp, euc-kr, windows-1252, latin1, koi8-r, windows-1251 …)"
    )]
    Unknown(String),
    /// UTF-16, ISO-2022-JP and the like: FTP commands could not be written in them.
    #[error("character set {0} cannot carry FTP commands (it is not ASCII-compatible)")]
    NotAsciiCompatible(String),
}

impl Charset {
    /// UTF-8 (RFC 2640), the default.
    pub const UTF8: Charset = Charset(UTF_8);

    /// The charset a label names, as the Encoding Standard reads labels (`gbk`, `GB2312`,
    /// `shift_jis`, `sjis`, `big5`, `euc-kr`, `latin1`, `iso-8859-1`, `windows-1252`, `utf8`…).
    /// `latin1` and `iso-8859-1` are windows-1252, a superset of them.
    pub fn from_name(name: &str) -> Result<Charset, CharsetError> {
        let label = name.trim();
        let encoding = Encoding::for_label_no_replacement(label.as_bytes())
            .ok_or_else(|| CharsetError::Unknown(label.to_owned()))?;
        if !encoding.is_ascii_compatible() {
            return Err(CharsetError::NotAsciiCompatible(lower(encoding.name())));
        }
        Ok(Charset(encoding))
    }

    /// The charset's name in lower case (`gbk`, `shift_jis`, `windows-1252`, `utf-8`).
    pub fn name(self) -> String {
        lower(self.0.name())
    }

    /// The Encoding Standard's name (`GBK`, `Shift_JIS`, `windows-1252`), for sentences.
    pub fn canonical_name(self) -> &'static str {
        self.0.name()
    }

    /// True for UTF-8.
    pub fn is_utf8(self) -> bool {
        self.0 == UTF_8
    }

    /// The server's bytes as text; never fails and never loses a byte (see the module docs).
    pub fn decode(self, bytes: &[u8]) -> String {
        if bytes.is_ascii() {
            return String::from_utf8(bytes.to_vec()).expect("ASCII is UTF-8");
        }
        if self.is_utf8() {
            return decode_utf8(bytes);
        }
        match self
            .0
            .decode_without_bom_handling_and_without_replacement(bytes)
        {
            Some(text)
                if !text.chars().any(|c| escaped_byte(c).is_some())
                    && self.encode(&text).is_ok_and(|b| b == bytes) =>
            {
                text.into_owned()
            }
            _ => escape_all(bytes),
        }
    }

    /// `text` as the server's bytes; escape characters become the bytes they stand for. A
    /// character the charset cannot represent is the error.
    pub fn encode(self, text: &str) -> Result<Vec<u8>, char> {
        let mut out = Vec::with_capacity(text.len());
        let mut run = String::new();
        for c in text.chars() {
            if let Some(byte) = escaped_byte(c) {
                self.encode_run(&run, &mut out)?;
                run.clear();
                out.push(byte);
            } else {
                run.push(c);
            }
        }
        self.encode_run(&run, &mut out)?;
        Ok(out)
    }

    /// Encodes text holding no escape character.
    fn encode_run(self, run: &str, out: &mut Vec<u8>) -> Result<(), char> {
        if run.is_ascii() || self.is_utf8() {
            out.extend_from_slice(run.as_bytes());
            return Ok(());
        }
        let (bytes, _, unmappable) = self.0.encode(run);
        if !unmappable {
            out.extend_from_slice(&bytes);
            return Ok(());
        }
        // Find the first character the charset lacks, to name it.
        let mut buf = [0u8; 4];
        let bad = run
            .chars()
            .find(|c| self.0.encode(c.encode_utf8(&mut buf)).2)
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        Err(bad)
    }
}

impl Default for Charset {
    fn default() -> Charset {
        Charset::UTF8
    }
}

impl fmt::Debug for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Charset({})", self.name())
    }
}

impl fmt::Display for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl std::str::FromStr for Charset {
    type Err = CharsetError;
    fn from_str(s: &str) -> Result<Charset, CharsetError> {
        Charset::from_name(s)
    }
}

fn lower(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// UTF-8 with each invalid byte (and each byte of an escape character the server really sent)
/// escaped.
fn decode_utf8(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if escaped_byte(c).is_some() {
                let mut buf = [0u8; 4];
                out.extend(c.encode_utf8(&mut buf).bytes().map(escape));
            } else {
                out.push(c);
            }
        }
        out.extend(chunk.invalid().iter().copied().map(escape));
    }
    out
}

/// ASCII as it is, every other byte escaped.
fn escape_all(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii() {
                char::from(b)
            } else {
                escape(b)
            }
        })
        .collect()
}

/// What a listing's bytes say about the server's charset: `None` when they are ASCII (nothing to
/// learn), UTF-8 when they are valid UTF-8, else the legacy charset they most look like.
pub fn detect(body: &[u8]) -> Option<Charset> {
    if body.is_ascii() {
        return None;
    }
    if std::str::from_utf8(body).is_ok() {
        return Some(Charset::UTF8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(body, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    guess.is_ascii_compatible().then_some(Charset(guess))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GBK_NAME: &[u8] = b"\xd6\xd0\xce\xc4\xce\xc4\xbc\xfe.txt"; // 中文文件.txt
    const LATIN1_NAME: &[u8] = b"caf\xe9 cr\xe8me.txt"; // café crème.txt

    fn cs(name: &str) -> Charset {
        Charset::from_name(name).unwrap()
    }

    #[test]
    fn labels_name_the_encodings_people_type() {
        assert_eq!(cs("gbk").name(), "gbk");
        assert_eq!(cs("GB2312").name(), "gbk");
        assert_eq!(cs("gb18030").name(), "gb18030");
        assert_eq!(cs("big5").name(), "big5");
        assert_eq!(cs("shift_jis").name(), "shift_jis");
        assert_eq!(cs("euc-kr").name(), "euc-kr");
        assert_eq!(cs("latin1").name(), "windows-1252");
        assert_eq!(cs("ISO-8859-1").name(), "windows-1252");
        assert_eq!(cs("utf8").name(), "utf-8");
        assert!(cs("UTF-8").is_utf8());
        assert!(matches!(
            Charset::from_name("klingon"),
            Err(CharsetError::Unknown(_))
        ));
        for not_ascii in ["utf-16le", "utf-16", "iso-2022-jp"] {
            assert!(
                matches!(
                    Charset::from_name(not_ascii),
                    Err(CharsetError::NotAsciiCompatible(_))
                ),
                "{not_ascii}"
            );
        }
        assert!(matches!(
            Charset::from_name("replacement"),
            Err(CharsetError::Unknown(_))
        ));
    }

    #[test]
    fn names_decode_in_their_charset_and_encode_back() {
        let gbk = cs("gbk");
        assert_eq!(gbk.decode(GBK_NAME), "中文文件.txt");
        assert_eq!(gbk.encode("中文文件.txt").unwrap(), GBK_NAME);
        let latin1 = cs("latin1");
        assert_eq!(latin1.decode(LATIN1_NAME), "café crème.txt");
        assert_eq!(latin1.encode("café crème.txt").unwrap(), LATIN1_NAME);
        let sjis = cs("shift_jis");
        let name = "日本語ファイル";
        assert_eq!(sjis.decode(&sjis.encode(name).unwrap()), name);
        assert_eq!(Charset::UTF8.decode("文件".as_bytes()), "文件");
    }

    #[test]
    fn undecodable_bytes_are_escaped_and_sent_back_as_they_were() {
        // A server that really sends the escape block's own character, in gb18030's four bytes.
        let gb18030_escape_char = encoding_rs::GB18030.encode("a\u{10fc99}").0.into_owned();
        for (charset, bytes) in [
            (Charset::UTF8, GBK_NAME),
            (Charset::UTF8, LATIN1_NAME),
            (cs("gbk"), b"bad\xff\x81.txt".as_slice()),
            (cs("shift_jis"), b"\x81\x20half".as_slice()),
            (Charset::UTF8, "x\u{10fc99}y".as_bytes()),
            (cs("gb18030"), &gb18030_escape_char),
        ] {
            let text = charset.decode(bytes);
            assert!(!text.contains('\u{fffd}'), "{text:?}");
            assert_eq!(charset.encode(&text).unwrap(), bytes, "{charset} {text:?}");
        }
        let text = Charset::UTF8.decode(b"caf\xe9");
        assert_eq!(text, "caf\u{10fce9}");
        assert_eq!(escaped_byte(text.chars().last().unwrap()), Some(0xe9));
        assert_eq!(escaped_byte('é'), None);
    }

    #[test]
    fn every_byte_string_round_trips_in_every_charset() {
        let charsets = [
            "utf-8",
            "gbk",
            "gb18030",
            "big5",
            "shift_jis",
            "euc-kr",
            "latin1",
        ];
        let samples: Vec<Vec<u8>> = (0u8..=255)
            .map(|b| vec![b'a', b, b'z'])
            .chain((0u8..=255).map(|b| vec![0x81, b]))
            .chain((0u8..=255).map(|b| vec![0xa4, b, 0xa4]))
            .collect();
        for name in charsets {
            let charset = cs(name);
            for bytes in &samples {
                let text = charset.decode(bytes);
                assert_eq!(&charset.encode(&text).unwrap(), bytes, "{name} {bytes:?}");
            }
        }
    }

    #[test]
    fn a_character_the_charset_lacks_is_named() {
        assert_eq!(cs("latin1").encode("中文"), Err('中'));
        assert_eq!(cs("gbk").encode("ok 😀 no"), Err('😀'));
        assert!(cs("gb18030").encode("ok 😀").is_ok());
        assert!(Charset::UTF8.encode("ok 😀").is_ok());
    }

    #[test]
    fn detection_learns_only_from_non_ascii_names() {
        assert_eq!(detect(b"-rw-r--r-- 1 u g 3 Jan 1 2020 plain.txt\r\n"), None);
        assert_eq!(detect("文件.txt\r\n".as_bytes()), Some(Charset::UTF8));
        let gbk = "中文文件.txt\r\n数据目录\r\n说明文档.doc\r\n";
        let body = cs("gbk").encode(gbk).unwrap();
        assert_eq!(detect(&body), Some(cs("gbk")));
        let latin = cs("latin1")
            .encode("café crème.txt\r\nrésumé.pdf\r\nnaïve déjà vu.txt\r\n")
            .unwrap();
        assert_eq!(detect(&latin), Some(cs("windows-1252")));
    }
}
