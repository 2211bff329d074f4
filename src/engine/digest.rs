//! Checksums: the server's hash of a file (HASH or an X-command, whichever FEAT offers), the
//! same hash computed over the local copy while it streams, and the comparison.
//!
//! The hashing itself is RustCrypto's `sha2`, `sha1` and `md-5`, and `crc32fast` for CRC-32:
//! the maintained standard implementations. [`Hasher`] puts the five behind one type; a
//! transfer feeds it the bytes it writes (download) or sends (upload), so a file is read once.

use std::fs::File;
use std::io::{self, Read, Write};

use sha1::Digest as _;

use crate::engine::session::Session;
use crate::error::{Error, Result};
use crate::proto::command::Command;
use crate::proto::digest::{HashAlgo, HashMethod, HashOffer, hash_in, x_hash_in};

/// A digest: the algorithm and the lower-case hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// The algorithm.
    pub algo: HashAlgo,
    /// The digest in lower-case hex.
    pub hex: String,
}

/// One algorithm's running state.
#[derive(Clone)]
enum State {
    Sha256(sha2::Sha256),
    Sha512(sha2::Sha512),
    Sha1(sha1::Sha1),
    Md5(md5::Md5),
    Crc32(crc32fast::Hasher),
}

/// A hash computed over bytes fed to it in order.
#[derive(Clone)]
pub struct Hasher {
    algo: HashAlgo,
    state: State,
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hasher").field("algo", &self.algo).finish()
    }
}

impl Hasher {
    /// A fresh hash of `algo`.
    pub fn new(algo: HashAlgo) -> Hasher {
        let state = match algo {
            HashAlgo::Sha256 => State::Sha256(sha2::Sha256::new()),
            HashAlgo::Sha512 => State::Sha512(sha2::Sha512::new()),
            HashAlgo::Sha1 => State::Sha1(sha1::Sha1::new()),
            HashAlgo::Md5 => State::Md5(md5::Md5::new()),
            HashAlgo::Crc32 => State::Crc32(crc32fast::Hasher::new()),
        };
        Hasher { algo, state }
    }

    /// The algorithm.
    pub fn algo(&self) -> HashAlgo {
        self.algo
    }

    /// Feeds the next bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        match &mut self.state {
            State::Sha256(h) => h.update(bytes),
            State::Sha512(h) => h.update(bytes),
            State::Sha1(h) => h.update(bytes),
            State::Md5(h) => h.update(bytes),
            State::Crc32(h) => h.update(bytes),
        }
    }

    /// Feeds the first `len` bytes of `file` (from its start), e.g. the part of a `.part` file
    /// a resumed download continues.
    pub fn update_from_file(&mut self, file: &File, len: u64) -> io::Result<()> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0u8; 256 * 1024];
        let mut at = 0u64;
        while at < len {
            let want = usize::try_from(len - at)
                .unwrap_or(usize::MAX)
                .min(buf.len());
            let n = file.read_at(&mut buf[..want], at)?;
            if n == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the file is shorter than expected",
                ));
            }
            self.update(&buf[..n]);
            at += n as u64;
        }
        Ok(())
    }

    /// Feeds bytes `from..to` of `file` (the range a sendfile slice just sent).
    pub fn update_from_range(&mut self, file: &File, from: u64, to: u64) -> io::Result<()> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0u8; 256 * 1024];
        let mut at = from;
        while at < to {
            let want = usize::try_from(to - at)
                .unwrap_or(usize::MAX)
                .min(buf.len());
            let n = file.read_at(&mut buf[..want], at)?;
            if n == 0 {
                break;
            }
            self.update(&buf[..n]);
            at += n as u64;
        }
        Ok(())
    }

    /// The digest of everything fed.
    pub fn finish(self) -> Digest {
        let hex = match self.state {
            State::Sha256(h) => hex(&h.finalize()),
            State::Sha512(h) => hex(&h.finalize()),
            State::Sha1(h) => hex(&h.finalize()),
            State::Md5(h) => hex(&h.finalize()),
            State::Crc32(h) => format!("{:08x}", h.finalize()),
        };
        Digest {
            algo: self.algo,
            hex,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A writer that hashes what goes through it.
pub(crate) struct HashingWriter<'a> {
    pub(crate) inner: &'a mut dyn Write,
    pub(crate) hasher: &'a mut Hasher,
}

impl Write for HashingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A reader that hashes what comes out of it.
pub(crate) struct HashingReader<'a> {
    pub(crate) inner: &'a mut dyn Read,
    pub(crate) hasher: &'a mut Hasher,
}

impl Read for HashingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

impl Session {
    /// What the server's FEAT offers for hashing files.
    pub fn hash_offer(&self) -> HashOffer {
        let mut offer = HashOffer::from_features(&self.features);
        if let Some(algo) = self.hash_selected {
            offer.select(algo);
        }
        offer
    }

    /// How to ask for `wanted` (the strongest offered when `None`); `None` when the server
    /// offers no way.
    pub fn hash_method(&self, wanted: Option<HashAlgo>) -> Option<HashMethod> {
        self.hash_offer().choose(wanted)
    }

    /// The server's hash of `path` by `method`: `OPTS HASH NAME` first when the algorithm is
    /// not selected yet, then `HASH path`, or the X-command. A reply that holds no digest of
    /// the algorithm asked for is [`Error::Unexpected`].
    pub fn remote_hash(&mut self, path: &str, method: HashMethod) -> Result<Digest> {
        let algo = method.algo();
        let cmd = match method {
            HashMethod::Draft { selected, .. } => {
                if !selected && self.hash_selected != Some(algo) {
                    let opts = Command::Opts(format!("HASH {}", algo.draft_name()));
                    self.expect(&opts, &[])?;
                    self.hash_selected = Some(algo);
                }
                Command::Hash(path.into())
            }
            HashMethod::X(_) => Command::XHash(algo, path.into()),
        };
        let reply = self.expect(&cmd, &[])?;
        let hex = match method {
            HashMethod::Draft { .. } => hash_in(&reply).filter(|h| h.algo == algo).map(|h| h.hex),
            HashMethod::X(_) => x_hash_in(&reply, algo),
        };
        match hex {
            Some(hex) => Ok(Digest { algo, hex }),
            None => Err(Error::Unexpected {
                command: cmd.redacted(),
                reply,
            }),
        }
    }

    /// Asks the server for its hash of `remote` and compares it with `local`'s; a difference
    /// is [`Error::Checksum`]. `kept` says what became of the local copy, for the message.
    pub(crate) fn check_hash(
        &mut self,
        remote: &str,
        method: HashMethod,
        local: Digest,
        kept: &'static str,
    ) -> Result<Digest> {
        let theirs = self.remote_hash(remote, method)?;
        if theirs.hex != local.hex {
            return Err(Error::Checksum {
                name: remote.into(),
                algo: local.algo,
                local: local.hex,
                remote: theirs.hex,
                kept,
            });
        }
        Ok(local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_the_published_test_vectors() {
        let cases = [
            (
                HashAlgo::Sha256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                HashAlgo::Sha512,
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
                 2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            ),
            (HashAlgo::Sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (HashAlgo::Md5, "900150983cd24fb0d6963f7d28e17f72"),
            (HashAlgo::Crc32, "352441c2"),
        ];
        for (algo, want) in cases {
            let mut h = Hasher::new(algo);
            h.update(b"a");
            h.update(b"bc");
            assert_eq!(h.finish().hex, want, "{algo}");
        }
    }

    #[test]
    fn a_file_prefix_and_a_range_hash_like_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let data: Vec<u8> = (0..700_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let file = File::open(&path).unwrap();
        let mut whole = Hasher::new(HashAlgo::Sha256);
        whole.update(&data);
        let mut parts = Hasher::new(HashAlgo::Sha256);
        parts.update_from_file(&file, 300_001).unwrap();
        parts.update_from_range(&file, 300_001, 700_000).unwrap();
        assert_eq!(parts.finish(), whole.finish());
        let mut short = Hasher::new(HashAlgo::Md5);
        assert!(short.update_from_file(&file, 800_000).is_err());
    }

    #[test]
    fn hashing_writer_and_reader_see_every_byte() {
        let mut sink = Vec::new();
        let mut h = Hasher::new(HashAlgo::Crc32);
        let mut w = HashingWriter {
            inner: &mut sink,
            hasher: &mut h,
        };
        w.write_all(b"abc").unwrap();
        assert_eq!(h.finish().hex, "352441c2");
        let mut src: &[u8] = b"abc";
        let mut h = Hasher::new(HashAlgo::Crc32);
        let mut r = HashingReader {
            inner: &mut src,
            hasher: &mut h,
        };
        io::copy(&mut r, &mut io::sink()).unwrap();
        assert_eq!(h.finish().hex, "352441c2");
    }
}
