//! 213 (SIZE) and 150 replies: the size parsers never panic, a size is only ever read from a
//! 213, and a number written in the usual forms reads back.
#![no_main]

use ferry::proto::replies::{bytes_in_150, size_in};
use ferry::proto::reply::{Reply, ReplyParser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parser = ReplyParser::new();
    let _ = parser.feed(data);
    while let Some(reply) = parser.next_reply() {
        if size_in(&reply).is_some() {
            assert_eq!(reply.code, 213, "{reply:?}");
        }
        let _ = bytes_in_150(&reply);
    }
    if let Some(bytes) = data.get(..8) {
        let n = u64::from_le_bytes(bytes.try_into().unwrap());
        assert_eq!(size_in(&Reply::new(213, vec![format!("213 {n}")])), Some(n));
        let text = format!("150 Opening BINARY mode data connection for f ({n} bytes).");
        assert_eq!(bytes_in_150(&Reply::new(150, vec![text])), Some(n));
    }
});
