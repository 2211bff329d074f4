//! File hashes the server computes: which algorithms and commands FEAT offers, and what the
//! replies say. Pure, like the rest of `proto`.
//!
//! Two families of commands exist. The HASH draft (draft-bryan-ftpext-hash-02) has one command,
//! `HASH path`, whose algorithm `OPTS HASH NAME` selects; FEAT lists the algorithms as
//! `HASH SHA-1;SHA-256*;SHA-512;MD5;CRC32` (the `*` marks the selected one) and the reply is
//! `213 SHA-256 0-1234 <hex> path`. The older X-commands (`XSHA256 path`, `XSHA512`, `XSHA1`,
//! `XMD5`, `XCRC`), each listed by itself in FEAT, answer `250 <hex>` (ProFTPD's mod_digest,
//! which prefixes a `250-Computing …` line) or `213 <hex>`. [`HashOffer::choose`] picks HASH
//! first, then the X-commands, strongest algorithm first; [`hash_in`] and [`x_hash_in`] read the
//! replies and return `None` rather than guess when they are not what they should be.

use std::fmt;
use std::str::FromStr;

use crate::proto::replies::Features;
use crate::proto::reply::Reply;

/// A hash algorithm both ends can compute, strongest first in [`HashAlgo::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HashAlgo {
    /// SHA-256.
    Sha256,
    /// SHA-512.
    Sha512,
    /// SHA-1.
    Sha1,
    /// MD5.
    Md5,
    /// CRC-32 (IEEE, as zip and the HASH draft use it).
    Crc32,
}

impl HashAlgo {
    /// Every algorithm, in the order they are preferred when the user names none.
    pub const ALL: [HashAlgo; 5] = [
        HashAlgo::Sha256,
        HashAlgo::Sha512,
        HashAlgo::Sha1,
        HashAlgo::Md5,
        HashAlgo::Crc32,
    ];

    /// The name in the HASH draft (`SHA-256`), as FEAT, OPTS HASH and the reply spell it.
    pub fn draft_name(self) -> &'static str {
        match self {
            HashAlgo::Sha256 => "SHA-256",
            HashAlgo::Sha512 => "SHA-512",
            HashAlgo::Sha1 => "SHA-1",
            HashAlgo::Md5 => "MD5",
            HashAlgo::Crc32 => "CRC32",
        }
    }

    /// The X-command that computes it (`XSHA256`).
    pub fn x_verb(self) -> &'static str {
        match self {
            HashAlgo::Sha256 => "XSHA256",
            HashAlgo::Sha512 => "XSHA512",
            HashAlgo::Sha1 => "XSHA1",
            HashAlgo::Md5 => "XMD5",
            HashAlgo::Crc32 => "XCRC",
        }
    }

    /// The name people type and ferry prints (`sha256`, as in `sha256sum`).
    pub fn name(self) -> &'static str {
        match self {
            HashAlgo::Sha256 => "sha256",
            HashAlgo::Sha512 => "sha512",
            HashAlgo::Sha1 => "sha1",
            HashAlgo::Md5 => "md5",
            HashAlgo::Crc32 => "crc32",
        }
    }

    /// How many hex digits a digest of this algorithm has.
    pub fn hex_len(self) -> usize {
        match self {
            HashAlgo::Sha256 => 64,
            HashAlgo::Sha512 => 128,
            HashAlgo::Sha1 => 40,
            HashAlgo::Md5 => 32,
            HashAlgo::Crc32 => 8,
        }
    }

    /// The algorithm a HASH-draft name stands for, in any case.
    pub fn from_draft_name(name: &str) -> Option<HashAlgo> {
        HashAlgo::ALL
            .into_iter()
            .find(|a| a.draft_name().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for HashAlgo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for HashAlgo {
    type Err = String;

    /// `sha256`, `SHA-256`, `sha-256`, `md5`, `crc32`, `crc`… in any case.
    fn from_str(s: &str) -> Result<HashAlgo, String> {
        let folded: String = s
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .collect::<String>()
            .to_ascii_lowercase();
        let algo = match folded.as_str() {
            "sha256" => HashAlgo::Sha256,
            "sha512" => HashAlgo::Sha512,
            "sha1" => HashAlgo::Sha1,
            "md5" => HashAlgo::Md5,
            "crc32" | "crc" => HashAlgo::Crc32,
            _ => {
                return Err(format!(
                    "unknown hash algorithm {s:?}; use sha256, sha512, sha1, md5 or crc32"
                ));
            }
        };
        Ok(algo)
    }
}

/// How to ask the server for one algorithm's hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashMethod {
    /// `HASH path`, after `OPTS HASH NAME` unless `selected` (FEAT marked it with `*`).
    Draft {
        /// The algorithm.
        algo: HashAlgo,
        /// Already selected, so no OPTS is needed.
        selected: bool,
    },
    /// `XSHA256 path` and the like.
    X(HashAlgo),
}

impl HashMethod {
    /// The algorithm this method computes.
    pub fn algo(self) -> HashAlgo {
        match self {
            HashMethod::Draft { algo, .. } | HashMethod::X(algo) => algo,
        }
    }
}

/// The hash commands a server's FEAT offers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HashOffer {
    /// Algorithms of the HASH command, in FEAT's order, and which one is selected.
    draft: Vec<HashAlgo>,
    selected: Option<HashAlgo>,
    /// Algorithms with an X-command.
    x: Vec<HashAlgo>,
}

impl HashOffer {
    /// Reads the offer from FEAT. Unknown algorithms in the HASH line are ignored.
    pub fn from_features(features: &Features) -> HashOffer {
        let mut offer = HashOffer::default();
        for line in features.iter() {
            let mut words = line.split_whitespace();
            let keyword = words.next().unwrap_or("");
            if keyword == "HASH" {
                for item in words.next().unwrap_or("").split(';') {
                    let (name, star) = match item.strip_suffix('*') {
                        Some(name) => (name, true),
                        None => (item, false),
                    };
                    if let Some(algo) = HashAlgo::from_draft_name(name.trim()) {
                        offer.draft.push(algo);
                        if star {
                            offer.selected = Some(algo);
                        }
                    }
                }
            } else if let Some(algo) = HashAlgo::ALL.into_iter().find(|a| a.x_verb() == keyword) {
                offer.x.push(algo);
            }
        }
        offer
    }

    /// True when the server offers no hash command ferry can use.
    pub fn is_empty(&self) -> bool {
        self.draft.is_empty() && self.x.is_empty()
    }

    /// Every algorithm offered, by either family, strongest first.
    pub fn algorithms(&self) -> Vec<HashAlgo> {
        HashAlgo::ALL
            .into_iter()
            .filter(|a| self.draft.contains(a) || self.x.contains(a))
            .collect()
    }

    /// How to ask for `wanted`, or for the strongest algorithm offered when `None`: HASH when
    /// it offers the algorithm (it names the algorithm in its reply, so nothing is guessed),
    /// else the X-command. `None` when the server cannot compute it.
    pub fn choose(&self, wanted: Option<HashAlgo>) -> Option<HashMethod> {
        let candidates: Vec<HashAlgo> = match wanted {
            Some(algo) => vec![algo],
            None => HashAlgo::ALL.to_vec(),
        };
        candidates.into_iter().find_map(|algo| {
            if self.draft.contains(&algo) {
                Some(HashMethod::Draft {
                    algo,
                    selected: self.selected == Some(algo),
                })
            } else {
                self.x.contains(&algo).then_some(HashMethod::X(algo))
            }
        })
    }

    /// Records that `OPTS HASH` selected `algo`, so the next HASH of it needs no OPTS.
    pub fn select(&mut self, algo: HashAlgo) {
        self.selected = Some(algo);
    }
}

/// A HASH-draft reply: `213 SHA-256 0-1234 <hex> path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashReply {
    /// The algorithm the server says it used.
    pub algo: HashAlgo,
    /// The byte range hashed (`start`, `end`), as the server wrote it.
    pub range: (u64, u64),
    /// The digest, lower-case hex.
    pub hex: String,
}

/// Reads a reply to `HASH`. Only a 213 counts; the last line carries the hash (ProFTPD sends a
/// `213-Computing …` line first). The path at the end may hold spaces and is not checked.
pub fn hash_in(reply: &Reply) -> Option<HashReply> {
    if reply.code != 213 {
        return None;
    }
    let line = last_text(reply);
    let mut words = line.split_whitespace();
    let algo = HashAlgo::from_draft_name(words.next()?)?;
    let (start, end) = words.next()?.split_once('-')?;
    let range = (start.parse().ok()?, end.parse().ok()?);
    let hex = hex_digest(words.next()?, algo)?;
    Some(HashReply { algo, range, hex })
}

/// Reads a reply to an X-command (`XSHA256 path`) for `algo`: `250 <hex>` or `213 <hex>`, in
/// the last line. A digest of the wrong length or with other characters is `None`.
pub fn x_hash_in(reply: &Reply, algo: HashAlgo) -> Option<String> {
    if !matches!(reply.code, 213 | 250) {
        return None;
    }
    // Some servers put the path after the digest; the digest is the first word.
    hex_digest(last_text(reply).split_whitespace().next()?, algo)
}

/// The text of a reply's last line, after its code.
fn last_text(reply: &Reply) -> &str {
    let line = reply.lines.last().map(String::as_str).unwrap_or("");
    line.get(4..).unwrap_or("").trim()
}

/// `word` as `algo`'s digest in lower-case hex, or `None` when it is not one. A CRC-32 may
/// come without its leading zeros (some servers print it as a number).
fn hex_digest(word: &str, algo: HashAlgo) -> Option<String> {
    let word = word.trim();
    if word.is_empty() || !word.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let hex = word.to_ascii_lowercase();
    match algo {
        HashAlgo::Crc32 if hex.len() <= 8 => Some(format!("{hex:0>8}")),
        _ if hex.len() == algo.hex_len() => Some(hex),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::proto::reply::parse_one as parse;

    const PROFTPD_FEAT: &[u8] =
        b"211-Features:\r\n EPSV\r\n HASH CRC32;MD5;SHA-1*;SHA-256;SHA-512;\r\n \
        MD5\r\n SIZE\r\n XCRC\r\n XMD5\r\n XSHA\r\n XSHA1\r\n XSHA256\r\n XSHA512\r\n211 End\r\n";

    #[test]
    fn proftpd_offers_hash_and_every_x_command() {
        let offer = HashOffer::from_features(&Features::parse(&parse(PROFTPD_FEAT)));
        assert_eq!(offer.algorithms(), HashAlgo::ALL.to_vec());
        assert_eq!(
            offer.choose(None),
            Some(HashMethod::Draft {
                algo: HashAlgo::Sha256,
                selected: false
            })
        );
        assert_eq!(
            offer.choose(Some(HashAlgo::Sha1)),
            Some(HashMethod::Draft {
                algo: HashAlgo::Sha1,
                selected: true
            })
        );
    }

    #[test]
    fn x_commands_alone_are_chosen_strongest_first() {
        let feat = parse(b"211-Features:\r\n XCRC\r\n XMD5\r\n XSHA1\r\n211 End\r\n");
        let offer = HashOffer::from_features(&Features::parse(&feat));
        assert_eq!(offer.choose(None), Some(HashMethod::X(HashAlgo::Sha1)));
        assert_eq!(offer.choose(Some(HashAlgo::Sha256)), None);
        assert_eq!(
            offer.choose(Some(HashAlgo::Crc32)),
            Some(HashMethod::X(HashAlgo::Crc32))
        );
    }

    #[test]
    fn a_server_without_hash_commands_offers_nothing() {
        let feat =
            parse(b"211-Features:\r\n MDTM\r\n SIZE\r\n XSHA\r\n HASH WHIRLPOOL\r\n211 End\r\n");
        let offer = HashOffer::from_features(&Features::parse(&feat));
        assert!(offer.is_empty());
        assert_eq!(offer.choose(None), None);
        let none = HashOffer::from_features(&Features::parse(&parse(b"211 none\r\n")));
        assert!(none.is_empty());
    }

    #[test]
    fn selecting_an_algorithm_spares_the_next_opts() {
        let feat = parse(b"211-Features:\r\n HASH SHA-1*;SHA-256\r\n211 End\r\n");
        let mut offer = HashOffer::from_features(&Features::parse(&feat));
        offer.select(HashAlgo::Sha256);
        assert_eq!(
            offer.choose(None),
            Some(HashMethod::Draft {
                algo: HashAlgo::Sha256,
                selected: true
            })
        );
    }

    #[test]
    fn reads_the_hash_draft_reply() {
        let r = parse(
            b"213-Computing SHA-256 digest\r\n213 SHA-256 0-100000 \
              338061c5dd281175f579a02fc314ac916c564b0eb5dc1091ac287d98618ab4d1 my file.bin\r\n",
        );
        let h = hash_in(&r).unwrap();
        assert_eq!(h.algo, HashAlgo::Sha256);
        assert_eq!(h.range, (0, 100_000));
        assert!(h.hex.starts_with("338061c5"));
        let crc = parse(b"213 CRC32 0-5 7B24096D f\r\n");
        assert_eq!(hash_in(&crc).unwrap().hex, "7b24096d");
        for bad in [
            &b"550 f: No such file\r\n"[..],
            b"213 SHA-256 0-5 abc f\r\n",
            b"213 SHA-256 x-5 7b24096d f\r\n",
            b"213 WHIRL 0-5 7b24096d f\r\n",
            b"213 SHA-1 0-5\r\n",
            b"213 \r\n",
        ] {
            assert_eq!(
                hash_in(&parse(bad)),
                None,
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn reads_x_command_replies() {
        let r = parse(b"250-Computing MD5 digest\r\n250 DA6DEECDC92767A446E8C83E2FE5CA0C\r\n");
        assert_eq!(
            x_hash_in(&r, HashAlgo::Md5).as_deref(),
            Some("da6deecdc92767a446e8c83e2fe5ca0c")
        );
        let r = parse(b"213 da6deecdc92767a446e8c83e2fe5ca0c f.bin\r\n");
        assert!(x_hash_in(&r, HashAlgo::Md5).is_some());
        let r = parse(b"250 1FFFF\r\n");
        assert_eq!(x_hash_in(&r, HashAlgo::Crc32).as_deref(), Some("0001ffff"));
        // The wrong length for the algorithm, or not hex, or a refusal: no digest.
        assert_eq!(x_hash_in(&r, HashAlgo::Md5), None);
        assert_eq!(x_hash_in(&parse(b"250 xyz\r\n"), HashAlgo::Crc32), None);
        assert_eq!(x_hash_in(&parse(b"550 nope\r\n"), HashAlgo::Crc32), None);
        assert_eq!(x_hash_in(&parse(b"250 \r\n"), HashAlgo::Crc32), None);
    }

    #[test]
    fn algorithm_names_read_the_ways_people_type_them() {
        for (typed, algo) in [
            ("sha256", HashAlgo::Sha256),
            ("SHA-256", HashAlgo::Sha256),
            ("sha_512", HashAlgo::Sha512),
            ("SHA1", HashAlgo::Sha1),
            ("md5", HashAlgo::Md5),
            ("crc", HashAlgo::Crc32),
            ("CRC32", HashAlgo::Crc32),
        ] {
            assert_eq!(typed.parse::<HashAlgo>().unwrap(), algo);
        }
        assert!(
            "whirlpool"
                .parse::<HashAlgo>()
                .unwrap_err()
                .contains("sha256")
        );
        for algo in HashAlgo::ALL {
            assert_eq!(algo.name().parse::<HashAlgo>().unwrap(), algo);
            assert_eq!(HashAlgo::from_draft_name(algo.draft_name()), Some(algo));
        }
    }
}
