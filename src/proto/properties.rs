//! Property tests (proptest) of the invariants the parsers and writers promise, whatever the
//! input: the reply parser gives the same replies however the byte stream is split, 227/229
//! replies read back what PORT/EPRT-style formatting wrote, no command ever carries CR or LF
//! but its final CRLF, ASCII conversion does not depend on how the data is chunked, and the
//! listing parsers never panic nor make entries that cannot exist, and any bytes decoded in any
//! charset encode back to themselves (a listed name is sent back as it came).
//!
//! The fuzz targets in `fuzz/` check the same invariants for longer, from coverage.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4};

use proptest::prelude::*;

use super::addr::{format_eprt, format_port, parse_epsv, parse_pasv};
use super::ascii::{FromWire, ToWire};
use super::charset::Charset;
use super::command::{Command, Secret};
use super::digest::{HashAlgo, HashOffer, hash_in, x_hash_in};
use super::listing::{EntryKind, Timestamp, parse_list_line, parse_listing, parse_mlsd_line};
use super::replies::{Features, bytes_in_150, parse_257, size_in};
use super::reply::{Reply, ReplyError, ReplyParser};

/// Everything a parser yields from `chunks` fed in turn: the replies and the first error.
fn parse_chunks<'a>(
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> (Vec<Reply>, Option<ReplyError>) {
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

/// `bytes` cut at the given points (sorted, deduplicated, within bounds).
fn split_at_points(bytes: &[u8], mut points: Vec<usize>) -> Vec<&[u8]> {
    points.iter_mut().for_each(|p| *p %= bytes.len() + 1);
    points.sort_unstable();
    points.dedup();
    let mut chunks = Vec::new();
    let mut start = 0;
    for p in points {
        chunks.push(&bytes[start..p]);
        start = p;
    }
    chunks.push(&bytes[start..]);
    chunks
}

/// A well-formed reply on the wire: one line, or a multi-line reply with inner lines that do
/// not look like a closing line.
fn wire_reply() -> impl Strategy<Value = Vec<u8>> {
    let text = "[ -~]{0,40}";
    (
        100u16..600,
        prop::collection::vec(text, 0..4),
        text,
        any::<bool>(),
    )
        .prop_map(|(code, inner, last, crlf)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut out = String::new();
            if !inner.is_empty() {
                out.push_str(&format!("{code}-first{end}"));
                for line in inner {
                    // RFC 959: inner lines that start with digits are padded.
                    out.push_str(&format!(" {line}{end}"));
                }
            }
            out.push_str(&format!("{code} {last}{end}"));
            out.into_bytes()
        })
}

/// Bytes that are mostly reply-shaped, with arbitrary bytes mixed in.
fn reply_stream() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            4 => wire_reply(),
            1 => prop::collection::vec(any::<u8>(), 0..20),
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

fn now() -> Timestamp {
    Timestamp::from_unix_seconds(1_700_000_000)
}

/// Every command that takes a free-form string argument, with `arg` in it.
fn commands_with(arg: &str) -> Vec<Command> {
    vec![
        Command::User(arg.into()),
        Command::Pass(Secret::new(arg)),
        Command::Acct(Secret::new(arg)),
        Command::Opts(arg.into()),
        Command::Cwd(arg.into()),
        Command::Size(arg.into()),
        Command::Mdtm(arg.into()),
        Command::Mkd(arg.into()),
        Command::Rmd(arg.into()),
        Command::Dele(arg.into()),
        Command::Rnfr(arg.into()),
        Command::Rnto(arg.into()),
        Command::Site(arg.into()),
        Command::Retr(arg.into()),
        Command::Stor(arg.into()),
        Command::Appe(arg.into()),
        Command::List(Some(arg.into())),
        Command::Nlst(Some(arg.into())),
        Command::Mlsd(Some(arg.into())),
        Command::Raw(arg.into()),
    ]
}

proptest! {
    #[test]
    fn replies_do_not_depend_on_how_the_stream_is_split(
        bytes in reply_stream(),
        points in prop::collection::vec(any::<usize>(), 0..12),
    ) {
        let whole = parse_chunks([bytes.as_slice()]);
        let split = parse_chunks(split_at_points(&bytes, points));
        prop_assert_eq!(&whole, &split);
        let one_at_a_time = parse_chunks(bytes.chunks(1));
        prop_assert_eq!(whole, one_at_a_time);
    }

    #[test]
    fn a_line_at_the_length_limit_is_judged_the_same_whatever_the_split(
        extra in 0usize..8,
        crlf in any::<bool>(),
        points in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        let len = super::reply::MAX_LINE - 6 + extra;
        let end = if crlf { "\r\n" } else { "\n" };
        let bytes = format!("200 {}{end}220 next\r\n", "a".repeat(len - 4)).into_bytes();
        let whole = parse_chunks([bytes.as_slice()]);
        prop_assert_eq!(&whole, &parse_chunks(split_at_points(&bytes, points)));
        // The line's length with its terminator decides.
        let too_long = len + end.len() > super::reply::MAX_LINE;
        prop_assert_eq!(whole.1 == Some(ReplyError::LineTooLong), too_long);
    }

    #[test]
    fn well_formed_replies_all_come_back(replies in prop::collection::vec(wire_reply(), 1..6)) {
        let (parsed, error) = parse_chunks([replies.concat().as_slice()]);
        prop_assert_eq!(error, None);
        prop_assert_eq!(parsed.len(), replies.len());
    }

    #[test]
    fn a_227_reply_reads_back_the_address_port_would_send(ip in any::<u32>(), port in 1u16..) {
        let addr = SocketAddrV4::new(Ipv4Addr::from(ip), port);
        for text in [
            format!("Entering Passive Mode ({}).", format_port(addr)),
            format!("Entering Passive Mode {}", format_port(addr)),
            format!("={}", format_port(addr)),
        ] {
            prop_assert_eq!(parse_pasv(&text), Ok(addr));
        }
    }

    #[test]
    fn a_229_reply_reads_back_its_port(port in 1u16.., delim in 33u8..127) {
        let d = char::from(delim);
        prop_assume!(!d.is_ascii_digit() && d != ')');
        let text = format!("Entering Extended Passive Mode ({d}{d}{d}{port}{d})");
        prop_assert_eq!(parse_epsv(&text), Ok(port));
    }

    #[test]
    fn eprt_names_the_address_family_address_and_port(
        v4 in any::<u32>(),
        v6 in any::<u128>(),
        port in any::<u16>(),
    ) {
        for ip in [IpAddr::V4(Ipv4Addr::from(v4)), IpAddr::V6(Ipv6Addr::from(v6))] {
            let text = format_eprt(SocketAddr::new(ip, port));
            let fields: Vec<&str> = text.split('|').collect();
            prop_assert_eq!(fields.len(), 5, "{}", text);
            let ip = ip.to_canonical();
            let family = if ip.is_ipv4() { "1" } else { "2" };
            prop_assert_eq!(fields[1], family);
            prop_assert_eq!(fields[2].parse::<IpAddr>().ok(), Some(ip));
            prop_assert_eq!(fields[3].parse::<u16>().ok(), Some(port));
        }
    }

    #[test]
    fn address_parsers_never_panic(text in "\\PC{0,80}", bytes in prop::collection::vec(any::<u8>(), 0..80)) {
        let _ = parse_pasv(&text);
        let _ = parse_epsv(&text);
        let lossy = String::from_utf8_lossy(&bytes);
        let _ = parse_pasv(&lossy);
        let _ = parse_epsv(&lossy);
    }

    #[test]
    fn no_command_carries_cr_or_lf_but_its_final_crlf(arg in any::<String>()) {
        let has_bad = arg.contains(['\r', '\n', '\0']);
        for command in commands_with(&arg) {
            match command.to_wire() {
                Ok(wire) => {
                    prop_assert!(!has_bad, "{:?} went out", command);
                    let body = wire.strip_suffix(b"\r\n").expect("ends in CRLF");
                    prop_assert!(!body.iter().any(|b| matches!(b, b'\r' | b'\n' | 0)));
                }
                Err(e) => {
                    prop_assert!(has_bad, "{:?} refused: {}", command, e);
                    prop_assert_eq!(e.verb, command.verb());
                }
            }
        }
    }

    #[test]
    fn a_secret_is_never_shown_by_a_command(secret in "[A-Za-z0-9]{12,20}", tail in "[\r\n\0]?") {
        let arg = format!("{secret}{tail}");
        for command in [
            Command::Pass(Secret::new(arg.as_str())),
            Command::Acct(Secret::new(arg.as_str())),
            Command::Raw(format!("PASS {arg}")),
            Command::Raw(format!("  acct {arg}")),
        ] {
            prop_assert!(!command.redacted().contains(&secret));
            let shown = format!("{command:?}");
            prop_assert!(!shown.contains(&secret), "{}", shown);
            if let Err(e) = command.to_wire() {
                prop_assert!(!e.to_string().contains(&secret), "{}", e);
            }
        }
    }

    #[test]
    fn ascii_conversion_does_not_depend_on_chunking(
        data in prop::collection::vec(prop_oneof![Just(b'\r'), Just(b'\n'), any::<u8>()], 0..200),
        points in prop::collection::vec(any::<usize>(), 0..10),
    ) {
        let (mut from_whole, mut to_whole) = (Vec::new(), Vec::new());
        let mut from = FromWire::default();
        from.convert(&data, &mut from_whole);
        from.finish(&mut from_whole);
        ToWire::default().convert(&data, &mut to_whole);

        let (mut from_split, mut to_split) = (Vec::new(), Vec::new());
        let (mut from, mut to) = (FromWire::default(), ToWire::default());
        for chunk in split_at_points(&data, points) {
            from.convert(chunk, &mut from_split);
            to.convert(chunk, &mut to_split);
        }
        from.finish(&mut from_split);
        prop_assert_eq!(from_whole, from_split);
        prop_assert_eq!(&to_whole, &to_split);
        // On the wire every LF is part of a CRLF.
        for (i, &b) in to_whole.iter().enumerate() {
            if b == b'\n' {
                prop_assert!(i > 0 && to_whole[i - 1] == b'\r');
            }
        }
    }

    #[test]
    fn text_without_cr_survives_the_trip_to_the_wire_and_back(
        data in prop::collection::vec(any::<u8>().prop_filter("no CR", |b| *b != b'\r'), 0..200),
    ) {
        let mut wire = Vec::new();
        ToWire::default().convert(&data, &mut wire);
        let mut back = Vec::new();
        let mut from = FromWire::default();
        from.convert(&wire, &mut back);
        from.finish(&mut back);
        prop_assert_eq!(back, data);
    }

    #[test]
    fn listing_parsers_never_panic_nor_make_impossible_entries(
        line in "\\PC{0,120}",
        bytes in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        for text in [&line, &lossy] {
            for entry in parse_list_line(text, now()).into_iter().chain(parse_mlsd_line(text)) {
                prop_assert!(!entry.name.is_empty(), "{:?} from {:?}", entry, text);
                if entry.link_target.is_some() {
                    prop_assert_eq!(entry.kind, EntryKind::Symlink, "{:?}", text);
                }
            }
        }
        for mlsd in [false, true] {
            for entry in parse_listing(&bytes, mlsd, now(), Charset::UTF8) {
                prop_assert!(!matches!(entry.name.as_str(), "" | "." | ".."), "{:?}", entry);
            }
        }
    }

    #[test]
    fn list_lines_shaped_like_unix_ones_never_panic(
        perms in "[-dlcbps][-rwxsStT]{9}[+@.]?",
        links in "[0-9]{1,3}",
        size in "[0-9]{1,25}",
        month in "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Foo)",
        day in "[0-9]{1,3}",
        time in "([0-9]{1,2}:[0-9]{1,2}|[0-9]{1,5})",
        name in "[ -~]{0,20}",
    ) {
        let line = format!("{perms} {links} user group {size} {month} {day} {time} {name}");
        if let Some(entry) = parse_list_line(&line, now()) {
            prop_assert!(!entry.name.is_empty(), "{:?}", line);
        }
    }

    #[test]
    fn reply_text_parsers_never_panic(code in 100u16..600, lines in prop::collection::vec("\\PC{0,60}", 1..5)) {
        let reply = Reply::new(code, lines);
        let _ = parse_257(&reply);
        let _ = size_in(&reply);
        let _ = bytes_in_150(&reply);
        for algo in HashAlgo::ALL {
            if let Some(hex) = x_hash_in(&reply, algo) {
                prop_assert_eq!(hex.len(), algo.hex_len());
            }
        }
        if let Some(h) = hash_in(&reply) {
            prop_assert_eq!(h.hex.len(), h.algo.hex_len());
        }
        let features = Features::parse(&reply);
        let offer = HashOffer::from_features(&features);
        if let Some(method) = offer.choose(None) {
            prop_assert!(offer.algorithms().contains(&method.algo()));
        }
        for feature in features.iter() {
            prop_assert_eq!(feature.trim(), feature);
            prop_assert!(!feature.is_empty());
        }
    }

    #[test]
    fn a_257_path_reads_back_with_its_quotes_doubled(path in "\\PC{0,40}") {
        let quoted = path.replace('"', "\"\"");
        let reply = Reply::new(257, vec![format!("257 \"{quoted}\" is the current directory")]);
        prop_assert_eq!(parse_257(&reply), Some(path));
    }

    #[test]
    fn a_213_size_reads_back(size in any::<u64>()) {
        prop_assert_eq!(size_in(&Reply::new(213, vec![format!("213 {size}")])), Some(size));
        let text = format!("150 Opening BINARY mode data connection for f ({size} bytes).");
        prop_assert_eq!(bytes_in_150(&Reply::new(150, vec![text])), Some(size));
    }

    #[test]
    fn a_hash_reply_reads_back_whatever_the_digest_and_name(
        digest in prop::collection::vec(any::<u8>(), 64),
        which in 0usize..5,
        name in "[ -~]{0,30}",
        len in any::<u32>(),
        upper in any::<bool>(),
    ) {
        let algo = HashAlgo::ALL[which];
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect::<String>()[..algo.hex_len()].to_string();
        let shown = if upper { hex.to_ascii_uppercase() } else { hex.clone() };
        let line = format!("213 {} 0-{len} {shown} {name}", algo.draft_name());
        let h = hash_in(&Reply::new(213, vec!["213-Computing".into(), line])).expect("a hash");
        prop_assert_eq!(h.algo, algo);
        prop_assert_eq!(h.range, (0, u64::from(len)));
        prop_assert_eq!(&h.hex, &hex);
        let x = Reply::new(250, vec![format!("250 {shown}")]);
        prop_assert_eq!(x_hash_in(&x, algo), Some(hex));
    }

    #[test]
    fn any_name_decoded_in_any_charset_encodes_back_to_its_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..64),
        which in 0usize..8,
    ) {
        let names = ["utf-8", "gbk", "gb18030", "big5", "shift_jis", "euc-kr", "euc-jp", "latin1"];
        let charset = Charset::from_name(names[which]).unwrap();
        let text = charset.decode(&bytes);
        prop_assert_eq!(charset.encode(&text), Ok(bytes.clone()), "{} {:?}", charset, text);
        // And a command carrying it writes those very bytes.
        let no_controls = !bytes.iter().any(|b| matches!(b, b'\r' | b'\n' | 0));
        if no_controls {
            let wire = Command::Retr(text).to_wire_in(charset).unwrap();
            prop_assert_eq!(&wire[5..wire.len() - 2], &bytes[..]);
        }
    }
}
