//! LIST lines and bodies: never a panic, never an entry without a name (or named `.` or `..`
//! in a whole listing), and a link target only on a symlink.
#![no_main]

use ferry::proto::listing::{EntryKind, Timestamp, parse_list_line, parse_listing};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let now = Timestamp::from_unix_seconds(1_700_000_000);
    let text = String::from_utf8_lossy(data);
    for line in text.lines() {
        if let Some(entry) = parse_list_line(line, now) {
            assert!(!entry.name.is_empty(), "{line:?}");
            if entry.link_target.is_some() {
                assert_eq!(entry.kind, EntryKind::Symlink, "{line:?}");
            }
        }
    }
    for entry in parse_listing(data, false, now) {
        assert!(!matches!(entry.name.as_str(), "" | "." | ".."), "{entry:?}");
    }
});
