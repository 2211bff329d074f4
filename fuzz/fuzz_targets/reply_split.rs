//! The reply parser gives the same replies, and the same first error, whatever the split
//! points of the byte stream: fed whole, fed one byte at a time, or cut where the input's first
//! byte and the bytes after it say.
#![no_main]

use ferry::proto::reply::{Reply, ReplyError, ReplyParser};
use libfuzzer_sys::fuzz_target;

fn parse<'a>(chunks: impl IntoIterator<Item = &'a [u8]>) -> (Vec<Reply>, Option<ReplyError>) {
    let mut parser = ReplyParser::new();
    let mut error = None;
    for chunk in chunks {
        if let Err(e) = parser.feed(chunk) {
            error = Some(e);
            break;
        }
    }
    (std::iter::from_fn(|| parser.next_reply()).collect(), error)
}

fuzz_target!(|data: &[u8]| {
    // The first byte says how many of the next bytes are chunk lengths.
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 8).min(rest.len());
    let (lengths, stream) = rest.split_at(n);
    let mut chunks = Vec::new();
    let mut left = stream;
    for &len in lengths {
        let (chunk, tail) = left.split_at(usize::from(len).min(left.len()));
        chunks.push(chunk);
        left = tail;
    }
    chunks.push(left);

    let whole = parse([stream]);
    assert_eq!(whole, parse(chunks));
    assert_eq!(whole, parse(stream.chunks(1)));
    for reply in &whole.0 {
        assert!((100..600).contains(&reply.code), "{reply:?}");
        assert!(!reply.lines.is_empty(), "{reply:?}");
        for line in &reply.lines {
            assert!(!line.contains('\n'), "{reply:?}");
        }
    }
});
