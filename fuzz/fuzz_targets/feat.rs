//! FEAT replies: any reply the parser makes gives a feature list of trimmed, non-empty,
//! upper-cased lines, and `has` never panics.
#![no_main]

use ferry::proto::replies::Features;
use ferry::proto::reply::ReplyParser;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parser = ReplyParser::new();
    let _ = parser.feed(b"211-Features:\r\n");
    let _ = parser.feed(data);
    let _ = parser.feed(b"\r\n211 End\r\n");
    while let Some(reply) = parser.next_reply() {
        let features = Features::parse(&reply);
        for line in features.iter() {
            assert!(!line.is_empty());
            assert_eq!(line.trim(), line);
            assert_eq!(line.to_ascii_uppercase(), line);
            let keyword = line.split_whitespace().next().unwrap();
            assert!(features.has(keyword), "{line:?}");
        }
    }
});
