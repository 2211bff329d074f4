//! 257 replies: the quoted-path parser never panics on any reply the parser can make, and a
//! path written with its quotes doubled reads back as itself.
#![no_main]

use ferry::proto::replies::parse_257;
use ferry::proto::reply::{Reply, ReplyParser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parser = ReplyParser::new();
    let _ = parser.feed(data);
    while let Some(reply) = parser.next_reply() {
        let _ = parse_257(&reply);
    }
    let path = String::from_utf8_lossy(data).replace(['\r', '\n'], "");
    let quoted = path.replace('"', "\"\"");
    let reply = Reply::new(257, vec![format!("257 \"{quoted}\" created")]);
    assert_eq!(parse_257(&reply).as_deref(), Some(path.as_str()));
});
