//! The session's charset (charset.rs): a chosen one leaves UTF8 off and writes names in it;
//! under auto, FEAT's UTF8 holds until a listing that is not UTF-8 decides, once, for the
//! names sent after it.

use super::script::Script;
use super::{get, ls};
use crate::engine::charset::CharsetSource;
use crate::engine::options::CharsetChoice;
use crate::engine::session::Login;
use crate::engine::tls::TlsMode;
use crate::error::Error;
use crate::proto::charset::Charset;

/// `中文文件.txt`, `数据目录`, `报告.doc` in GBK, one per line.
const GBK_NAMES: &[u8] =
    b"\xd6\xd0\xce\xc4\xce\xc4\xbc\xfe.txt\r\n\xca\xfd\xbe\xdd\xc4\xbf\xc2\xbc\r\n\xb1\xa8\xb8\xe6.doc\r\n";

fn gbk() -> Charset {
    Charset::from_name("gbk").unwrap()
}

#[test]
fn a_chosen_charset_leaves_utf8_off_and_writes_names_in_it() {
    // The script reads lines lossily: the GBK bytes of 中文 are four U+FFFD there.
    let (mut s, h) = Script::new()
        .options(|o| {
            o.tls = TlsMode::Off;
            o.charset = CharsetChoice::Fixed(gbk());
        })
        .on("USER anonymous", "331 Password required")
        .on("PASS anonymous@", "230 Logged in")
        .on("FEAT", "211-Features:\n UTF8\n SIZE\n211 End")
        .on("TYPE I", "200 ok")
        .on("SIZE \u{fffd}\u{fffd}\u{fffd}\u{fffd}.txt", "213 1")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, b"x")
        .on(
            "RETR \u{fffd}\u{fffd}\u{fffd}\u{fffd}.txt",
            "150 Opening.\n226 Done.",
        )
        .start();
    s.login(&Login::anonymous()).unwrap();
    assert_eq!(s.charset_and_source(), (gbk(), CharsetSource::Chosen));
    assert_eq!(get(&mut s, "中文.txt").unwrap(), b"x");
    h.assert_done();
    assert!(
        !h.sent().iter().any(|c| c.starts_with("OPTS")),
        "{:?}",
        h.sent()
    );
}

#[test]
fn under_auto_feat_says_utf8_until_a_listing_that_is_not_utf8_decides_once() {
    let (mut s, h) = Script::new()
        .options(|o| o.tls = TlsMode::Off)
        .on("USER anonymous", "331 Password required")
        .on("PASS anonymous@", "230 Logged in")
        .on("FEAT", "211-Features:\n UTF8\n211 End")
        .on("OPTS UTF8 ON", "504 Unknown command")
        .on("EPSV", "229 Entering Extended Passive Mode (|||2001|)")
        .data_at(2001, GBK_NAMES)
        .on("NLST", "150 Here.\n226 Done.")
        .on("MKD \u{fffd}\u{fffd}", "257 \"x\" created")
        .start();
    s.login(&Login::anonymous()).unwrap();
    assert_eq!(s.charset_and_source(), (Charset::UTF8, CharsetSource::Feat));
    assert!(s.charset_is_open());
    let body = ls(&mut s).unwrap();
    assert_eq!(s.listing_charset(&body), gbk());
    assert_eq!(s.charset_and_source(), (gbk(), CharsetSource::Guessed));
    assert_eq!(s.take_charset_guess(), Some(gbk()));
    assert_eq!(s.take_charset_guess(), None);
    // Decided: a later listing in UTF-8 does not change it.
    assert_eq!(s.listing_charset("文件".as_bytes()), gbk());
    s.mkd("新").unwrap();
    h.assert_done();
}

#[test]
fn a_name_the_charset_lacks_is_refused_before_the_data_connection() {
    let (mut s, h) = Script::new()
        .options(|o| o.charset = CharsetChoice::Fixed(Charset::from_name("latin1").unwrap()))
        .on("TYPE I", "200 ok")
        .start();
    let err = get(&mut s, "中文.txt").unwrap_err();
    assert!(
        matches!(&err, Error::Unencodable(e) if e.ch == Some('中')),
        "{err}"
    );
    h.assert_done();
    assert!(!h.sent().iter().any(|c| c == "EPSV"), "{:?}", h.sent());
}
