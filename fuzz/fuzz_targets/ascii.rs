//! ASCII-mode conversion: any chunking of the data gives the same output as one pass, in both
//! directions; on the wire every LF follows a CR; text without CR comes back from the wire as
//! it went.
#![no_main]

use ferry::proto::ascii::{FromWire, ToWire};
use libfuzzer_sys::fuzz_target;

fn from_wire<'a>(chunks: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let (mut out, mut conv) = (Vec::new(), FromWire::default());
    for chunk in chunks {
        conv.convert(chunk, &mut out);
    }
    conv.finish(&mut out);
    out
}

fn to_wire<'a>(chunks: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let (mut out, mut conv) = (Vec::new(), ToWire::default());
    for chunk in chunks {
        conv.convert(chunk, &mut out);
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&size, body)) = data.split_first() else {
        return;
    };
    let size = usize::from(size).max(1);
    assert_eq!(from_wire([body]), from_wire(body.chunks(size)));
    assert_eq!(from_wire([body]), from_wire(body.chunks(1)));
    let wire = to_wire([body]);
    assert_eq!(wire, to_wire(body.chunks(size)));
    assert_eq!(wire, to_wire(body.chunks(1)));
    for (i, &b) in wire.iter().enumerate() {
        if b == b'\n' {
            assert!(i > 0 && wire[i - 1] == b'\r');
        }
    }
    if !body.contains(&b'\r') {
        assert_eq!(from_wire([wire.as_slice()]), body);
    }
});
