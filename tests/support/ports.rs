//! Passive port ranges for the test servers.
//!
//! Every server the tests start (vsftpd, proftpd, pure-ftpd, pyftpdlib) gets a passive port
//! range of its own from [`PassiveRange::reserve`]: one of [`SLOTS`] slots of [`SLOT_SIZE`]
//! ports each, in a block outside the kernel's ephemeral range
//! (`/proc/sys/net/ipv4/ip_local_port_range`), so neither another server's range nor a
//! control port (ephemeral, see `free_port` in daemons.rs) nor a client's socket can fall in
//! it. A slot is held by an exclusive lock on the file `ferry-passive-ports/slot-N.lock` in the
//! temporary directory for as long as the [`PassiveRange`] lives: two servers running at the
//! same time, in this process or in another test process, never share a range. The lock goes
//! with the process, so a crashed test frees its slots.
//!
//! 64 ports per server: pure-ftpd allows half its passive range as clients at once (32), which
//! leaves room for parallel transfers; vsftpd tries up to 9 random ports of the range.

use std::fs::{self, File};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Ports in one server's range.
pub const SLOT_SIZE: u16 = 64;
/// Ranges that can be held at once, across all test processes.
pub const SLOTS: u16 = 96;
/// Where the block of slots starts unless that overlaps the ephemeral range.
const PREFERRED_START: u16 = 20_000;

/// A passive port range, `low..=high`, reserved until dropped.
pub struct PassiveRange {
    pub low: u16,
    pub high: u16,
    /// Holds the slot's lock.
    _lock: File,
}

impl PassiveRange {
    /// Reserves a free slot; panics if all [`SLOTS`] are held.
    pub fn reserve() -> PassiveRange {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let start = block_start();
        let dir = std::env::temp_dir().join("ferry-passive-ports");
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("mkdir {}: {e}", dir.display()));
        // Start after the slot used last (by this process; the pid spreads processes apart), so a
        // range just released, whose ports may still be in TIME_WAIT, is not the first choice.
        let first = NEXT.fetch_add(1, Ordering::Relaxed) + std::process::id() as usize * 7;
        for i in 0..usize::from(SLOTS) {
            let slot = ((first + i) % usize::from(SLOTS)) as u16;
            let path: PathBuf = dir.join(format!("slot-{slot}.lock"));
            let file = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
            match file.try_lock() {
                Ok(()) => {
                    let low = start + slot * SLOT_SIZE;
                    return PassiveRange {
                        low,
                        high: low + SLOT_SIZE - 1,
                        _lock: file,
                    };
                }
                Err(fs::TryLockError::WouldBlock) => continue,
                Err(fs::TryLockError::Error(e)) => panic!("lock {}: {e}", path.display()),
            }
        }
        panic!(
            "all {SLOTS} passive port ranges are in use (locks in {})",
            dir.display()
        );
    }

    /// Whether `port` is in the range.
    pub fn contains(&self, port: u16) -> bool {
        (self.low..=self.high).contains(&port)
    }
}

impl std::fmt::Debug for PassiveRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "passive ports {}-{}", self.low, self.high)
    }
}

/// The first port of the block of slots: [`PREFERRED_START`], or else the first place below or
/// above the kernel's ephemeral range where the whole block fits.
fn block_start() -> u16 {
    let text = fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range").unwrap_or_default();
    let mut bounds = text
        .split_whitespace()
        .filter_map(|w| w.parse::<u32>().ok());
    let (eph_low, eph_high) = match (bounds.next(), bounds.next()) {
        (Some(l), Some(h)) => (l, h),
        _ => (32_768, 60_999),
    };
    let len = u32::from(SLOTS) * u32::from(SLOT_SIZE);
    let fits = |start: u32| {
        start >= 1024 && start + len <= 65_536 && (start + len <= eph_low || start > eph_high)
    };
    [
        u32::from(PREFERRED_START),
        eph_low.saturating_sub(len),
        eph_high + 1,
    ]
    .into_iter()
    .find(|&s| fits(s))
    .map(|s| s as u16)
    .unwrap_or_else(|| {
        panic!("no room for {len} passive ports outside the ephemeral range {eph_low}-{eph_high}")
    })
}

/// The data ports a server advertised in ferry's `-v` trace (stderr): the port of every `227`
/// (PASV) and `229` (EPSV) reply, in order.
pub fn passive_ports_in_trace(trace: &str) -> Vec<u16> {
    trace
        .lines()
        .filter_map(|l| l.strip_prefix("< "))
        .filter_map(|reply| {
            let (pasv, text) = match (reply.strip_prefix("227 "), reply.strip_prefix("229 ")) {
                (Some(text), _) => (true, text),
                (_, Some(text)) => (false, text),
                _ => return None,
            };
            // The numbers in the text: (h1,h2,h3,h4,p1,p2) for 227, (|||port|) for 229.
            let numbers: Vec<u32> = text
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse().ok())
                .collect();
            let port = match pasv {
                true => match numbers[numbers.len().saturating_sub(2)..] {
                    [p1, p2] if numbers.len() >= 6 && p1 < 256 && p2 < 256 => p1 * 256 + p2,
                    _ => return None,
                },
                false => *numbers.last()?,
            };
            u16::try_from(port).ok()
        })
        .collect()
}
