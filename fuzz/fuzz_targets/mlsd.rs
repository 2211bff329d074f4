//! MLSD lines and bodies: never a panic, never an entry without a name, and a link target only
//! on a symlink (a second `type` fact must not leave one behind).
#![no_main]

use ferry::proto::listing::{EntryKind, Timestamp, parse_listing, parse_mlsd_line};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for line in text.lines() {
        if let Some(entry) = parse_mlsd_line(line) {
            assert!(!entry.name.is_empty(), "{line:?}");
            if entry.link_target.is_some() {
                assert_eq!(entry.kind, EntryKind::Symlink, "{line:?}");
            }
        }
    }
    let now = Timestamp::from_unix_seconds(1_700_000_000);
    for entry in parse_listing(data, true, now) {
        assert!(!matches!(entry.name.as_str(), "" | "." | ".."), "{entry:?}");
    }
});
