//! Directory listings (MLSD/MLST facts, Unix `ls -l`, DOS/IIS) turned into one [`Entry`] type,
//! plus the [`Timestamp`] used for MDTM replies and modification times.
//!
//! Sans-IO; never panics on server input. Design choices:
//!
//! * **Names are not judged here.** [`Entry::name`] is exactly what the server sent (`../x`,
//!   `a/b`, a trailing CR); callers decide whether a name is safe to use locally.
//! * **Lines.** [`parse_listing`] splits at LF, strips one CR directly before it, and decodes
//!   each line in the server's [`Charset`] (bytes it cannot decode are kept as escapes that
//!   encode back to themselves, see `proto::charset`); the per-line parsers take the line
//!   verbatim. Unparseable lines are skipped.
//! * **Sizes** that are not decimal `u64` values (a 20-digit size) become `None`; the entry stays.
//! * **Time** is "UTC-ish": MLSD/MDTM values are UTC (RFC 3659), LIST values are the server's
//!   local clock. A Unix date without a year gets the latest year that puts it at most 183 days
//!   after `now`. Second 60 (a leap second, RFC 3659) is accepted. Calendar arithmetic is
//!   proleptic Gregorian on `i64` days, without a date crate.
//! * **MLSD.** Facts are case-insensitive; the name is everything after the first space, so it
//!   may hold `;` and spaces. One leading space (as in an MLST reply line) is dropped when facts
//!   follow it. `type=cdir`/`pdir` lines are skipped. `UNIX.mode` is rendered as `rwxr-xr-x`
//!   and preferred over the `perm` fact, which is otherwise kept verbatim.
//! * **Unix LIST.** The date (`Mon DD HH:MM` or `Mon DD YYYY`, English month names) is found by
//!   scanning fields, so the owner, group and links columns are optional. The name starts one
//!   separator after the time or year, keeping its leading spaces. Only symlinks are split at
//!   the first ` -> `. Device files (`c 1, 3`) have no size.
//! * **DOS/IIS LIST.** `MM-DD-YY[YY]` (two-digit years below 70 are 20xx), 12-hour (`AM`/`PM`,
//!   attached or separate) or 24-hour times, then `<DIR>` or a size (commas allowed). A file name
//!   starts one space after the size; a directory name after the padding, so leading spaces of
//!   directory names are lost in this format.

use std::fmt;

use super::charset::Charset;

/// What a listed entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link; its target may be in [`Entry::link_target`].
    Symlink,
    /// Anything else: devices, sockets, pipes, unknown MLSD types, entries without a type fact.
    Other,
}

/// One entry of a directory listing, whatever format it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name exactly as the server gave it; untrusted and unsanitized.
    pub name: String,
    /// What the entry is.
    pub kind: EntryKind,
    /// Size in bytes, when given and representable.
    pub size: Option<u64>,
    /// Last modification time, when given and valid.
    pub modified: Option<Timestamp>,
    /// Symlink target (Unix `name -> target`, MLSD `OS.unix=slink:target`).
    pub link_target: Option<String>,
    /// `rwxr-xr-x`-style permissions when known, else the MLSD `perm` fact verbatim.
    pub permissions: Option<String>,
}

impl Entry {
    fn new(name: &str, kind: EntryKind) -> Entry {
        Entry {
            name: name.to_string(),
            kind,
            size: None,
            modified: None,
            link_target: None,
            permissions: None,
        }
    }
}

/// A calendar date and time of day, without a time zone (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    /// Year, proleptic Gregorian.
    pub year: i32,
    /// Month, `1..=12`.
    pub month: u8,
    /// Day of the month, `1..=31`.
    pub day: u8,
    /// Hour, `0..=23`.
    pub hour: u8,
    /// Minute, `0..=59`.
    pub minute: u8,
    /// Second, `0..=60` (60 only for a leap second).
    pub second: u8,
}

const SECS_PER_DAY: i64 = 86_400;
/// Unix seconds of the first and last instants whose year fits in an `i32`.
const MIN_SECS: i64 = days_from_civil(i32::MIN as i64, 1, 1) * SECS_PER_DAY;
const MAX_SECS: i64 = days_from_civil(i32::MAX as i64, 12, 31) * SECS_PER_DAY + SECS_PER_DAY - 1;

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u8) -> u8 {
    let february = 28 + u8::from(is_leap(year));
    [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][usize::from(month - 1)]
}

/// Days from 1970-01-01 to the given date, counting in 400-year eras that start on March 1.
const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Inverse of [`days_from_civil`]: (year, month, day).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = (month_from_march + 2) % 12 + 1;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u8, day as u8)
}

impl Timestamp {
    /// Builds a timestamp if every field is in range (including the day for that month/year).
    fn checked(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(i64::from(year), month)
            && hour <= 23
            && minute <= 59
            && second <= 60;
        valid.then_some(Timestamp {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }

    /// Parses MDTM/MLSD "YYYYMMDDHHMMSS[.sss]" (validate ranges).
    ///
    /// Exactly 14 ASCII digits, optionally followed by `.` and at least one digit (the fraction
    /// is ignored). No surrounding whitespace is accepted.
    pub fn parse_mdtm(s: &str) -> Option<Timestamp> {
        let (main, fraction) = match s.split_once('.') {
            Some((main, fraction)) => (main, Some(fraction)),
            None => (s, None),
        };
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if main.len() != 14 || !digits(main) || fraction.is_some_and(|f| !digits(f)) {
            return None;
        }
        let two = |at: usize| main[at..at + 2].parse::<u8>().ok();
        let year = main[..4].parse().ok()?;
        Timestamp::checked(year, two(4)?, two(6)?, two(8)?, two(10)?, two(12)?)
    }

    /// Seconds since the Unix epoch (days-from-civil arithmetic; no chrono crate).
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(self.year.into(), self.month.into(), self.day.into());
        let minutes = i64::from(self.hour) * 60 + i64::from(self.minute);
        days * SECS_PER_DAY + minutes * 60 + i64::from(self.second)
    }

    /// Inverse of unix_seconds.
    ///
    /// Saturates to the first or last second of the `i32` year range.
    pub fn from_unix_seconds(secs: i64) -> Timestamp {
        let secs = secs.clamp(MIN_SECS, MAX_SECS);
        let (year, month, day) = civil_from_days(secs.div_euclid(SECS_PER_DAY));
        let in_day = secs.rem_euclid(SECS_PER_DAY);
        Timestamp {
            year: year as i32,
            month,
            day,
            hour: (in_day / 3600) as u8,
            minute: (in_day / 60 % 60) as u8,
            second: (in_day % 60) as u8,
        }
    }
}

impl fmt::Display for Timestamp {
    /// Formats as `2024-03-07 11:44:56`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// One MLSD/MLST line: `type=file;size=123;modify=20240307114456;perm=r; name with spaces`.
///
/// Facts are case-insensitive and separated by `;`; then ONE space, then the name, which may
/// contain `;` and spaces. `type=cdir` and `type=pdir` return `None` (skip them);
/// `type=OS.unix=symlink` and `OS.unix=slink:target` give [`EntryKind::Symlink`]; unknown types
/// give [`EntryKind::Other`]. Also `None` for a line without a space, with an empty name, or
/// whose facts do not end in `;`. Unknown facts and facts without `=` are ignored.
pub fn parse_mlsd_line(line: &str) -> Option<Entry> {
    let facts_first = |rest: &&str| {
        rest.split(' ')
            .next()
            .is_some_and(|f| f.ends_with(';') && f.contains('='))
    };
    let mlst = line.strip_prefix(' ').filter(facts_first);
    let (facts, name) = mlst.unwrap_or(line).split_once(' ')?;
    if name.is_empty() || !(facts.is_empty() || facts.ends_with(';')) {
        return None;
    }
    let mut entry = Entry::new(name, EntryKind::Other);
    let (mut size, mut dir_size, mut mode, mut perm) = (None, None, None, None);
    for (key, value) in facts.split(';').filter_map(|fact| fact.split_once('=')) {
        match key.to_ascii_lowercase().as_str() {
            "type" => {
                // The last `type` fact wins, and a link target only stays with a symlink.
                entry.link_target = None;
                const SLINK: &str = "os.unix=slink:";
                let lower = value.to_ascii_lowercase();
                entry.kind = match lower.as_str() {
                    "cdir" | "pdir" => return None,
                    "file" => EntryKind::File,
                    "dir" => EntryKind::Dir,
                    "os.unix=symlink" | "os.unix=slink" => EntryKind::Symlink,
                    _ if lower.starts_with(SLINK) => {
                        // ASCII lowercasing keeps byte offsets, so this is a char boundary.
                        entry.link_target = Some(value[SLINK.len()..].to_string());
                        EntryKind::Symlink
                    }
                    _ => EntryKind::Other,
                };
            }
            "size" => size = value.parse::<u64>().ok(),
            "sizd" => dir_size = value.parse::<u64>().ok(),
            "modify" => entry.modified = Timestamp::parse_mdtm(value),
            "perm" => perm = Some(value.to_string()),
            "unix.mode" => mode = mode_string(value),
            _ => {}
        }
    }
    entry.size = size.or(dir_size);
    entry.permissions = mode.or(perm);
    Some(entry)
}

/// Renders an octal mode such as `0755` or `4755` as `rwsr-xr-x`.
fn mode_string(octal: &str) -> Option<String> {
    let mode = u32::from_str_radix(octal, 8)
        .ok()
        .filter(|m| *m <= 0o7777 && octal.len() <= 6)?;
    let mut out = String::with_capacity(9);
    for (shift, special, set_char) in [(6, 0o4000, 's'), (3, 0o2000, 's'), (0, 0o1000, 't')] {
        let bits = mode >> shift;
        out.push(if bits & 4 != 0 { 'r' } else { '-' });
        out.push(if bits & 2 != 0 { 'w' } else { '-' });
        out.push(match (bits & 1 != 0, mode & special != 0) {
            (true, true) => set_char,
            (false, true) => set_char.to_ascii_uppercase(),
            (true, false) => 'x',
            (false, false) => '-',
        });
    }
    Some(out)
}

/// One LIST line in Unix `ls -l` or DOS/IIS format; `None` for lines it cannot parse (blank,
/// `total 12`, garbage).
///
/// Unix: with or without the group column, numeric or named owners, device files (`c 1, 3`),
/// names with spaces (leading ones too) kept after the date, symlinks `name -> target`, dates
/// `Mar  7 11:44` (the year is chosen so the date is at most ~6 months after `now`) or
/// `Mar  7  2019`. DOS/IIS: `03-07-24  11:44AM       <DIR>          name` and
/// `03-07-2024  11:44PM  12345 name`, 2- and 4-digit years, 12- and 24-hour clocks.
pub fn parse_list_line(line: &str, now: Timestamp) -> Option<Entry> {
    parse_unix_line(line, now).or_else(|| parse_dos_line(line))
}

/// Fields separated by runs of spaces or tabs, each with its byte offset in the line.
fn fields(line: &str) -> Vec<(usize, &str)> {
    let (mut out, mut offset) = (Vec::new(), 0);
    for field in line.split([' ', '\t']) {
        if !field.is_empty() {
            out.push((offset, field));
        }
        offset += field.len() + 1; // every separator is one byte
    }
    out
}

fn small_number(s: &str, max_len: usize) -> Option<u32> {
    let ok = !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

/// `HH:MM` with `HH <= 23`, `MM <= 59`.
fn clock(s: &str) -> Option<(u8, u8)> {
    let (h, m) = s.split_once(':')?;
    let hour = small_number(h, 2).filter(|h| *h <= 23)?;
    let minute = small_number(m, 2).filter(|v| m.len() == 2 && *v <= 59)?;
    Some((hour as u8, minute as u8))
}

fn parse_unix_line(line: &str, now: Timestamp) -> Option<Entry> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let f = fields(line);
    let perms = f.first()?.1;
    let kind = match perms.as_bytes().first()? {
        b'-' => EntryKind::File,
        b'd' => EntryKind::Dir,
        b'l' => EntryKind::Symlink,
        b'b' | b'c' | b'p' | b's' | b'D' => EntryKind::Other,
        _ => return None,
    };
    let bits = perms.as_bytes().get(1..10)?;
    if !bits.iter().all(|b| b"rwxsStTlL-".contains(b)) {
        return None;
    }
    for i in 3..f.len().saturating_sub(2) {
        let Some(month) = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(f[i].1)) else {
            continue;
        };
        let month = month as u8 + 1;
        let Some(day) = small_number(f[i + 1].1, 2).filter(|d| (1..=31).contains(d)) else {
            continue;
        };
        let day = day as u8;
        let (time_at, time) = f[i + 2];
        let modified = if let Some((hour, minute)) = clock(time) {
            infer_year(now, month, day, hour, minute)
        } else if let Some(year) = small_number(time, 4).filter(|_| time.len() == 4) {
            Timestamp::checked(year as i32, month, day, 0, 0, 0)
        } else {
            continue;
        };
        let size_field = f[i - 1].1;
        let device = size_field.contains(',') || f[i - 2].1.ends_with(',');
        let size = if device {
            None
        } else if !size_field.is_empty() && size_field.bytes().all(|b| b.is_ascii_digit()) {
            size_field.parse::<u64>().ok()
        } else {
            return None;
        };
        // One separator (ASCII, one byte) after the time or year, then the name as is.
        let name = line
            .get(time_at + time.len() + 1..)
            .filter(|n| !n.is_empty())?;
        let (name, link_target) = match name.split_once(" -> ") {
            Some((name, target)) if kind == EntryKind::Symlink => (name, Some(target.to_string())),
            _ => (name, None),
        };
        if name.is_empty() {
            return None;
        }
        let mut entry = Entry::new(name, kind);
        entry.size = size;
        entry.modified = modified;
        entry.link_target = link_target;
        entry.permissions = Some(String::from_utf8_lossy(bits).into_owned());
        return Some(entry);
    }
    None
}

/// The latest year (from next year back) that puts the date at most 183 days after `now`.
fn infer_year(now: Timestamp, month: u8, day: u8, hour: u8, minute: u8) -> Option<Timestamp> {
    let limit = now.unix_seconds() + 183 * SECS_PER_DAY;
    (now.year.saturating_sub(8)..=now.year.saturating_add(1))
        .rev()
        .filter_map(|year| Timestamp::checked(year, month, day, hour, minute, 0))
        .find(|t| t.unix_seconds() <= limit)
}

fn parse_dos_line(line: &str) -> Option<Entry> {
    let f = fields(line);
    let date: Vec<&str> = f.first()?.1.split(['-', '/']).collect();
    let [month, day, year] = date[..] else {
        return None;
    };
    let (month, day) = (small_number(month, 2)? as u8, small_number(day, 2)? as u8);
    let year = match year.len() {
        2 => small_number(year, 2).map(|y| if y < 70 { 2000 + y } else { 1900 + y })?,
        4 => small_number(year, 4)?,
        _ => return None,
    } as i32;

    let am_pm = |s: &str| s.eq_ignore_ascii_case("am") || s.eq_ignore_ascii_case("pm");
    let time = f.get(1)?.1;
    let split = time.len().saturating_sub(2);
    let (clock_part, suffix, next) = match (time.get(split..), f.get(2)) {
        (Some(s), _) if am_pm(s) => (&time[..split], Some(s), 2),
        (_, Some(&(_, s))) if am_pm(s) => (time, Some(s), 3),
        _ => (time, None, 2),
    };
    let (hour, minute) = clock(clock_part)?;
    let hour = match suffix {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(s) => hour % 12 + if s.eq_ignore_ascii_case("pm") { 12 } else { 0 },
    };
    let modified = Timestamp::checked(year, month, day, hour, minute, 0)?;

    let (size_at, size_field) = *f.get(next)?;
    let after = &line[size_at + size_field.len()..];
    let (kind, size, name) = if size_field.eq_ignore_ascii_case("<dir>") {
        (EntryKind::Dir, None, after.trim_start_matches([' ', '\t']))
    } else {
        let digits: String = size_field.chars().filter(|c| *c != ',').collect();
        if digits.is_empty() || !size_field.bytes().all(|b| b.is_ascii_digit() || b == b',') {
            return None;
        }
        (EntryKind::File, digits.parse::<u64>().ok(), after.get(1..)?)
    };
    if name.is_empty() {
        return None;
    }
    let mut entry = Entry::new(name, kind);
    entry.size = size;
    entry.modified = Some(modified);
    Some(entry)
}

/// Parses a whole listing body (bytes as received; CRLF or LF; in `charset`), MLSD when `mlsd`
/// is true else LIST, skipping unparseable lines and entries named `.` or `..`.
pub fn parse_listing(body: &[u8], mlsd: bool, now: Timestamp, charset: Charset) -> Vec<Entry> {
    body.split(|&b| b == b'\n')
        .filter_map(|raw| {
            // Every CR before the LF goes: a server that ends lines with CR LF in ASCII type
            // sends CR CR LF when it converts them again, and no real name ends in a CR.
            let end = raw.iter().rposition(|&b| b != b'\r').map_or(0, |i| i + 1);
            let line = charset.decode(&raw[..end]);
            if mlsd {
                parse_mlsd_line(&line)
            } else {
                parse_list_line(&line, now)
            }
        })
        .filter(|e| e.name != "." && e.name != "..")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_ending_in_cr_cr_lf_leave_no_cr_in_names() {
        let body = b"type=file;size=3; a.txt\r\r\ntype=dir; sub\r\r\n";
        let names: Vec<String> = parse_listing(body, true, now(), Charset::UTF8)
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["a.txt", "sub"]);
        let body = b"-rw-r--r-- 1 u g 3 Mar  7 11:44 a.txt\r\r\n";
        assert_eq!(
            parse_listing(body, false, now(), Charset::UTF8)[0].name,
            "a.txt"
        );
    }

    #[test]
    fn entries_that_should_not_exist_are_not_made() {
        assert_eq!(
            parse_list_line("lrwxrwxrwx 1 u g 9 Mar  7 11:44  -> b", now()),
            None
        );
        let e = parse_mlsd_line("type=OS.unix=slink:/t;type=dir; x").unwrap();
        assert_eq!((e.kind, e.link_target), (EntryKind::Dir, None));
    }

    fn ts(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Timestamp {
        Timestamp::checked(year, month, day, hour, minute, second).expect("valid fixture")
    }
    fn now() -> Timestamp {
        ts(2024, 6, 15, 12, 0, 0)
    }
    fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }
    fn dash<T: ToString>(value: Option<T>) -> String {
        value.map_or("-".into(), |v| v.to_string())
    }
    fn mdtm(s: &str) -> String {
        dash(Timestamp::parse_mdtm(s))
    }
    /// `kind|name|size|modified|link target|permissions`, `-` for absent values.
    fn summary(entry: Option<Entry>) -> String {
        let Some(e) = entry else { return "None".into() };
        let (size, modified) = (dash(e.size), dash(e.modified));
        let (target, perms) = (dash(e.link_target), dash(e.permissions));
        let name = e.name.escape_debug();
        format!("{:?}|{name}|{size}|{modified}|{target}|{perms}", e.kind)
    }
    fn ml(line: &str) -> String {
        summary(parse_mlsd_line(line))
    }
    fn ls(line: &str) -> String {
        summary(parse_list_line(line, now()))
    }

    /// A table of `input => expected` checks for one string-producing function.
    macro_rules! check {
        ($f:expr; $($input:expr => $want:expr;)*) => {$(
            assert_eq!($f($input), $want, "input {:?}", $input);
        )*};
    }

    #[test]
    fn mdtm_parses_plain_and_fractional_times_and_validates_ranges() {
        check! { mdtm;
            "20240307114456" => "2024-03-07 11:44:56";
            "20240307114456.123" => "2024-03-07 11:44:56";
            "20240229000000" => "2024-02-29 00:00:00";
            "20161231235960" => "2016-12-31 23:59:60"; // leap second, RFC 3659
            "20241307114456" => "-"; // month 13
            "20230229000000" => "-"; // not a leap year
        }
        let bad = "20240007114456|20240230114456|20240307244456|20240307116056|20240307114461|\
            2024||20240307114456.|20240307114456.1a| 20240307114456|+2024030711445|202403071144567";
        for s in bad.split('|') {
            assert_eq!(Timestamp::parse_mdtm(s), None, "{s:?}");
        }
    }

    #[test]
    fn unix_seconds_match_known_instants() {
        assert_eq!(ts(1970, 1, 1, 0, 0, 0).unix_seconds(), 0);
        assert_eq!(ts(1969, 12, 31, 23, 59, 59).unix_seconds(), -1);
        assert_eq!(ts(2000, 2, 29, 0, 0, 0).unix_seconds(), 951_782_400);
        assert_eq!(ts(2038, 1, 19, 3, 14, 8).unix_seconds(), 2_147_483_648);
        assert_eq!(ts(2100, 3, 1, 0, 0, 0).unix_seconds(), 4_107_542_400);
        assert_eq!(ts(1600, 2, 29, 0, 0, 0).unix_seconds(), -11_670_998_400);
    }

    #[test]
    fn unix_seconds_round_trip_across_leap_years_1970_and_2038() {
        let from = Timestamp::from_unix_seconds;
        for secs in (-12_000_000_000_i64..20_000_000_000).step_by(86_399 * 3 + 7) {
            let t = from(secs);
            assert_eq!(t.unix_seconds(), secs);
            let (y, mo, d, h, mi, s) = (t.year, t.month, t.day, t.hour, t.minute, t.second);
            assert_eq!(Timestamp::checked(y, mo, d, h, mi, s), Some(t));
            assert!(from(secs + 1) > t, "ordering follows time at {secs}");
        }
        assert_eq!(from(951_868_799), ts(2000, 2, 29, 23, 59, 59));
        assert_eq!(from(-1), ts(1969, 12, 31, 23, 59, 59));
        assert_eq!(from(2_147_483_648), ts(2038, 1, 19, 3, 14, 8));
    }

    #[test]
    fn from_unix_seconds_saturates_and_display_is_iso_like() {
        let from = Timestamp::from_unix_seconds;
        assert_eq!(from(i64::MAX), ts(i32::MAX, 12, 31, 23, 59, 59));
        assert_eq!(from(i64::MIN), ts(i32::MIN, 1, 1, 0, 0, 0));
        assert_eq!(ts(987, 3, 7, 1, 4, 6).to_string(), "0987-03-07 01:04:06");
    }

    #[test]
    fn mlsd_reads_pyftpdlib_proftpd_pure_ftpd_and_iis_lines() {
        check! { ml;
            "type=file;size=156;perm=r;modify=20071029155301;unique=8012; music.mp3"
                => "File|music.mp3|156|2007-10-29 15:53:01|-|r";
            "modify=20240307114456;perm=adfr;size=1234;type=file;unique=FD00U2C;\
                UNIX.group=1000;UNIX.mode=0644;UNIX.owner=1000; report; final .pdf"
                => "File|report; final .pdf|1234|2024-03-07 11:44:56|-|rw-r--r--";
            "type=dir;modify=20240307114456;UNIX.mode=0755;UNIX.uid=1000;UNIX.gid=1000;\
                unique=801g2; sub dir"
                => "Dir|sub dir|-|2024-03-07 11:44:56|-|rwxr-xr-x";
            "modify=20240307114456.123;type=file;size=42; Readme.TXT"
                => "File|Readme.TXT|42|2024-03-07 11:44:56|-|-";
        }
    }

    #[test]
    fn mlsd_skips_cdir_and_pdir_and_rejects_malformed_lines() {
        check! { ml;
            "type=cdir;perm=el;unique=8013;modify=20071029155301; ." => "None";
            "type=pdir;perm=el;modify=20071029155301; .." => "None";
            "Type=CDir; /pub" => "None";
            "" => "None";
            "no-space-here" => "None";
            "size=1 name" => "None"; // facts must end with ';'
            "type=file; " => "None";
        }
    }

    #[test]
    fn mlsd_facts_are_case_insensitive_and_types_map_to_kinds() {
        check! { ml;
            "Type=FILE;Size=9;Modify=20240307114456;Perm=r;X.Custom=1; X"
                => "File|X|9|2024-03-07 11:44:56|-|r";
            "modify=20240307114456;type=OS.unix=slink:/srv/v1;UNIX.mode=0777; v"
                => "Symlink|v|-|2024-03-07 11:44:56|/srv/v1|rwxrwxrwx";
            "type=OS.unix=symlink;size=7; l" => "Symlink|l|7|-|-|-";
            "type=dir;UNIX.mode=4755; a" => "Dir|a|-|-|-|rwsr-xr-x";
            "type=dir;UNIX.mode=1776;perm=el; a" => "Dir|a|-|-|-|rwxrwxrwT";
            "type=dir;UNIX.mode=99;perm=el; a" => "Dir|a|-|-|-|el";
            "type=dir;sizd=4096; d" => "Dir|d|4096|-|-|-";
            "type=OS.unix=chr-1/3; null" => "Other|null|-|-|-|-";
            "size=5; untyped" => "Other|untyped|5|-|-|-";
            " type=file;size=3; a b" => "File|a b|3|-|-|-"; // MLST reply line
            " bare" => "Other|bare|-|-|-|-";
        }
    }

    #[test]
    fn oversized_sizes_become_none_but_entries_are_kept() {
        check! { ml; "type=file;size=99999999999999999999; big" => "File|big|-|-|-|-"; }
        check! { ls;
            "-rw-r--r-- 1 u g 99999999999999999999 Mar  7 11:44 big"
                => "File|big|-|2024-03-07 11:44:00|-|rw-r--r--";
            "-rw-r--r-- 1 u g 18446744073709551615 Mar  7 11:44 max"
                => "File|max|18446744073709551615|2024-03-07 11:44:00|-|rw-r--r--";
            "03-07-24  11:44AM  99999999999999999999 big" => "File|big|-|2024-03-07 11:44:00|-|-";
        }
    }

    #[test]
    fn list_reads_unix_lines_from_vsftpd_proftpd_pure_ftpd_and_pyftpdlib() {
        check! { ls;
            // vsftpd: numeric owners, zero-padded days.
            "-rw-r--r--    1 1000     1000         1234 Mar 07 11:44 report.pdf"
                => "File|report.pdf|1234|2024-03-07 11:44:00|-|rw-r--r--";
            "drwxr-xr-x    2 1000     1000         4096 Jan 12  2023 archive"
                => "Dir|archive|4096|2023-01-12 00:00:00|-|rwxr-xr-x";
            "lrwxrwxrwx    1 0        0               7 Jun 01 09:05 latest -> v1.2.3"
                => "Symlink|latest|7|2024-06-01 09:05:00|v1.2.3|rwxrwxrwx";
            // proftpd
            "-rw-r--r--   1 alice    staff        5120 Dec 31  2019 notes with spaces.txt"
                => "File|notes with spaces.txt|5120|2019-12-31 00:00:00|-|rw-r--r--";
            // pure-ftpd
            "-rw-r--r--    1 1000       1000                4 Mar  7 11:44 a.txt"
                => "File|a.txt|4|2024-03-07 11:44:00|-|rw-r--r--";
            // pyftpdlib
            "-rw-rw-rw-   1 owner    group         7045120 Sep 02  2012 music.mp3"
                => "File|music.mp3|7045120|2012-09-02 00:00:00|-|rw-rw-rw-";
            "drwxrwxrwx   1 owner    group               0 Jun 10 19:50 docs"
                => "Dir|docs|0|2024-06-10 19:50:00|-|rwxrwxrwx";
        }
    }

    #[test]
    fn list_handles_missing_group_devices_acl_marks_spaces_and_utf8() {
        check! { ls;
            "-rw-r--r--   1 ftp  1234 Mar  7 11:44 x"
                => "File|x|1234|2024-03-07 11:44:00|-|rw-r--r--";
            "crw-rw-rw-   1 root     root       1,   3 Mar  7 11:44 null"
                => "Other|null|-|2024-03-07 11:44:00|-|rw-rw-rw-";
            "brw-rw---- 1 root disk 8,0 Mar  7 11:44 sda"
                => "Other|sda|-|2024-03-07 11:44:00|-|rw-rw----";
            "-rw-r--r--+ 1 u g 9 mar  7 11:44 café ☕.txt"
                => "File|café ☕.txt|9|2024-03-07 11:44:00|-|rw-r--r--";
            "-rw-r--r-- 1 u g 9 Mar  7 11:44   two  gaps "
                => "File|  two  gaps |9|2024-03-07 11:44:00|-|rw-r--r--";
            "-rw-r--r-- 1 u g 9 Mar  7  2019  lead"
                => "File| lead|9|2019-03-07 00:00:00|-|rw-r--r--";
            "-rw-r--r-- 1 u g 9 Mar  7 11:44 a -> b"
                => "File|a -> b|9|2024-03-07 11:44:00|-|rw-r--r--";
            "lrwxrwxrwx 1 u g 9 Mar  7 11:44 a b -> c -> d"
                => "Symlink|a b|9|2024-03-07 11:44:00|c -> d|rwxrwxrwx";
        }
    }

    #[test]
    fn list_infers_year_at_most_six_months_ahead() {
        let at = |line: &str, now| dash(parse_list_line(line, now).and_then(|e| e.modified));
        let line = |date: &str| format!("-rw-r--r-- 1 u g 1 {date} x");
        assert_eq!(at(&line("Dec  1 10:00"), now()), "2024-12-01 10:00:00");
        assert_eq!(at(&line("Dec 20 10:00"), now()), "2023-12-20 10:00:00");
        let eve = ts(2024, 12, 31, 23, 0, 0);
        assert_eq!(at(&line("Jan  1 00:10"), eve), "2025-01-01 00:10:00");
        let after_leap = ts(2026, 3, 1, 0, 0, 0);
        assert_eq!(at(&line("Feb 29 10:00"), after_leap), "2024-02-29 10:00:00");
    }

    #[test]
    fn list_reads_iis_dos_format_in_12_and_24_hour_clocks() {
        check! { ls;
            "03-07-24  11:44AM       <DIR>          My Folder"
                => "Dir|My Folder|-|2024-03-07 11:44:00|-|-";
            "03-07-2024  11:44PM                12345 file name.txt"
                => "File|file name.txt|12345|2024-03-07 23:44:00|-|-";
            "12-31-99  12:00AM  1 old" => "File|old|1|1999-12-31 00:00:00|-|-";
            "01-02-24  12:30pm  1 x" => "File|x|1|2024-01-02 12:30:00|-|-";
            "01-02-2024  23:59  <DIR>  y" => "Dir|y|-|2024-01-02 23:59:00|-|-";
            "01-02-24  11:44 PM  5 z" => "File|z|5|2024-01-02 23:44:00|-|-";
            "01/02/2024  09:05  1,234 c" => "File|c|1234|2024-01-02 09:05:00|-|-";
        }
    }

    #[test]
    fn list_rejects_blank_total_and_garbage() {
        let bad = "|total 12|   |hello world|?rw-r--r-- 1 u g 9 Mar  7 11:44 x|\
            -rw-r--r-- 1 u g xyz Mar  7 11:44 x|-rw-r--r-- 1 u g 9 Mar  7 11:44|\
            -rw-r--r-- 1 u g 9 Mar  7 11:44 |-rw-r--r-- 1 u g 9 Mar 32 11:44 x|\
            -rw-r--r-- 1 u g 9 Mar  7 24:00 x|03-07-24  13:00PM  5 z|03-07-24  11:44AM  <DIR>|\
            13-07-24  11:44  5 z|03-07-024  11:44  5 z|03-07-24  11:44  5x z|03-07-24  11:4  5 z";
        for line in bad.split('|') {
            assert_eq!(parse_list_line(line, now()), None, "{line:?}");
        }
    }

    #[test]
    fn hostile_names_are_returned_verbatim() {
        for name in [
            "../x",
            "/etc/x",
            "a/../../x",
            "a\\..\\b",
            "x\r",
            "a/b",
            "-rf",
        ] {
            let unix = parse_list_line(&format!("-rw-r--r-- 1 u g 1 Mar  7 11:44 {name}"), now());
            let dos = parse_list_line(&format!("03-07-24  11:44AM  1 {name}"), now());
            let mlsd = parse_mlsd_line(&format!("type=file;size=1; {name}"));
            for entry in [unix, dos, mlsd] {
                assert_eq!(entry.map(|e| e.name).as_deref(), Some(name));
            }
        }
    }

    #[test]
    fn symlink_and_file_with_the_same_name_are_both_kept() {
        let body = b"lrwxrwxrwx 1 u g 11 Mar  7 11:44 x -> /etc/passwd\n\
            -rw-r--r-- 1 u g 1 Mar  7 11:44 x\n";
        let entries = parse_listing(body, false, now(), Charset::UTF8);
        let kinds: Vec<_> = entries.iter().map(|e| (e.name.as_str(), e.kind)).collect();
        assert_eq!(kinds, [("x", EntryKind::Symlink), ("x", EntryKind::File)]);
        assert_eq!(entries[0].link_target.as_deref(), Some("/etc/passwd"));
    }

    #[test]
    fn names_decode_in_the_servers_charset_in_both_formats() {
        let gbk = Charset::from_name("gbk").unwrap();
        let body = b"drwxr-xr-x 2 u g 4096 Mar  7 11:44 \xca\xfd\xbe\xdd\r\n\
            lrwxrwxrwx 1 u g 9 Mar  7 11:44 \xc1\xb4 -> \xd6\xd0\xce\xc4\r\n";
        let entries = parse_listing(body, false, now(), gbk);
        assert_eq!(names(&entries), ["数据", "链"]);
        assert_eq!(entries[1].link_target.as_deref(), Some("中文"));
        let body = b"type=file;size=3; \xd6\xd0\xce\xc4.txt\r\n";
        assert_eq!(names(&parse_listing(body, true, now(), gbk)), ["中文.txt"]);
    }

    #[test]
    fn listing_skips_dot_entries_and_garbage_and_keeps_undecodable_bytes() {
        let body = b"drwxr-xr-x 2 u g 4096 Mar  7 11:44 .\r\n\
            drwxr-xr-x 2 u g 4096 Mar  7 11:44 ..\r\n\r\ngarbage\r\n\
            -rw-r--r-- 1 u g 1 Mar  7 11:44 caf\xe9\r\n";
        assert_eq!(
            names(&parse_listing(body, false, now(), Charset::UTF8)),
            ["caf\u{10fce9}"]
        );
        let latin1 = Charset::from_name("latin1").unwrap();
        assert_eq!(names(&parse_listing(body, false, now(), latin1)), ["café"]);
        let body = b"type=dir; .\ntype=dir; ..\ntype=cdir; /pub\ntype=dir; sub\n";
        assert_eq!(
            names(&parse_listing(body, true, now(), Charset::UTF8)),
            ["sub"]
        );
    }
}
