//! The bandwidth limit (`--limit-rate`): one token bucket that every transfer of a run draws
//! from, whichever connection it is on, so N parallel lanes share the rate instead of each
//! taking it.
//!
//! A transfer moves a chunk, then asks [`Throttle::pace`] for those bytes. The bucket fills at
//! the rate, up to a small burst (a twentieth of a second's worth), and starts empty; taking
//! more than it holds leaves it in debt, and the caller sleeps (`std::thread::sleep`, never a
//! spin) until the debt is paid. Because the debt stays in the shared bucket, the next lane to
//! ask waits behind it: the sum over the lanes keeps to the rate. The arithmetic is
//! [`Bucket`], with the time passed in, so it is tested without a clock; [`Throttle`] adds
//! the lock, the monotonic clock and the sleeping.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest a transfer sleeps at once: Ctrl-C is noticed between naps.
const NAP: Duration = Duration::from_millis(100);

/// Token-bucket arithmetic: what may pass at `now`, and how long to wait for the rest.
#[derive(Debug, Clone)]
pub struct Bucket {
    /// Bytes per second.
    rate: u64,
    /// The most tokens it holds (the burst).
    capacity: f64,
    /// Tokens now: negative while in debt.
    tokens: f64,
    /// When `tokens` was last brought up to date (time since the bucket's start).
    last: Duration,
}

impl Bucket {
    /// An empty bucket filling at `rate` bytes per second (at least 1) from time zero.
    pub fn new(rate: u64) -> Bucket {
        let rate = rate.max(1);
        Bucket {
            rate,
            capacity: (rate as f64 / 20.0).max(1024.0),
            tokens: 0.0,
            last: Duration::ZERO,
        }
    }

    /// The rate in bytes per second.
    pub fn rate(&self) -> u64 {
        self.rate
    }

    /// Takes `bytes` at time `now` (measured from the bucket's start) and returns how long
    /// the caller must wait before going on; zero when the bucket held them.
    pub fn take(&mut self, bytes: u64, now: Duration) -> Duration {
        let elapsed = now.saturating_sub(self.last).as_secs_f64();
        self.last = self.last.max(now);
        self.tokens = (self.tokens + elapsed * self.rate as f64).min(self.capacity);
        self.tokens -= bytes as f64;
        match self.tokens < 0.0 {
            true => Duration::from_secs_f64(-self.tokens / self.rate as f64),
            false => Duration::ZERO,
        }
    }

    /// The size of chunk a transfer should move between two calls: a twentieth of a second
    /// at the rate, between 1 KiB and `most`, so that the flow is smooth.
    pub fn chunk(&self, most: usize) -> usize {
        usize::try_from(self.rate / 20)
            .unwrap_or(most)
            .clamp(1024, most.max(1024))
    }
}

/// The shared limit of one run: a [`Bucket`] behind a lock, on the monotonic clock.
#[derive(Debug)]
pub struct Throttle {
    bucket: Mutex<Bucket>,
    start: Instant,
    /// Every byte accounted for so far, over all transfers.
    paced: AtomicU64,
}

impl Throttle {
    /// A limit of `rate` bytes per second.
    pub fn new(rate: u64) -> Throttle {
        Throttle {
            bucket: Mutex::new(Bucket::new(rate)),
            start: Instant::now(),
            paced: AtomicU64::new(0),
        }
    }

    /// The bytes accounted for so far by every transfer that drew from this limit.
    pub fn bytes_paced(&self) -> u64 {
        self.paced.load(Ordering::Relaxed)
    }

    /// The rate in bytes per second.
    pub fn rate(&self) -> u64 {
        self.bucket.lock().expect("throttle lock").rate()
    }

    /// The chunk size for a transfer's next read or write (see [`Bucket::chunk`]).
    pub fn chunk(&self, most: usize) -> usize {
        self.bucket.lock().expect("throttle lock").chunk(most)
    }

    /// Accounts for `bytes` just moved and sleeps as long as the limit asks, in naps of at
    /// most 100 ms; returns early when `interrupted` says so.
    pub fn pace(&self, bytes: u64, interrupted: &dyn Fn() -> bool) {
        self.pace_at(
            bytes,
            self.start.elapsed(),
            &mut std::thread::sleep,
            interrupted,
        );
    }

    /// [`Throttle::pace`] at time `now` (since the throttle was made), sleeping through
    /// `sleep`: the tests pass their own clock and record the naps instead of taking them.
    fn pace_at(
        &self,
        bytes: u64,
        now: Duration,
        sleep: &mut dyn FnMut(Duration),
        interrupted: &dyn Fn() -> bool,
    ) {
        self.paced.fetch_add(bytes, Ordering::Relaxed);
        let mut wait = self.bucket.lock().expect("throttle lock").take(bytes, now);
        while !wait.is_zero() && !interrupted() {
            let nap = wait.min(NAP);
            sleep(nap);
            wait -= nap;
        }
    }
}

/// What one transfer paces itself with: the session's throttle, if any, and its Ctrl-C flag.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pacer {
    pub(crate) throttle: Option<Arc<Throttle>>,
    pub(crate) interrupt: Option<Arc<AtomicBool>>,
}

impl Pacer {
    /// The chunk to move next: `most` without a limit.
    pub(crate) fn chunk(&self, most: usize) -> usize {
        self.throttle.as_ref().map_or(most, |t| t.chunk(most))
    }

    /// Accounts for `bytes` just moved, sleeping as the limit asks.
    pub(crate) fn pace(&self, bytes: usize) {
        if let Some(t) = &self.throttle {
            let flag = self.interrupt.clone();
            t.pace(bytes as u64, &move || {
                flag.as_ref().is_some_and(|f| f.load(Ordering::SeqCst))
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    /// Feeds `chunks` of `size` bytes to `bucket` as a transfer would: each at the time the
    /// previous wait ended, plus `work` for moving it. Returns when the last one may go.
    fn run(bucket: &mut Bucket, chunks: u32, size: u64, work: Duration) -> Duration {
        let mut now = Duration::ZERO;
        for _ in 0..chunks {
            now += work;
            now += bucket.take(size, now);
        }
        now
    }

    #[test]
    fn a_transfer_takes_its_size_over_the_rate() {
        // 4 MiB at 1 MiB/s in 50 KiB chunks: 4 s, within a chunk's time.
        let mut b = Bucket::new(1 << 20);
        let size = 50 * 1024;
        let chunks = (4 << 20) / size;
        let took = run(&mut b, chunks as u32, size, Duration::ZERO).as_secs_f64();
        assert!((3.9..=4.0).contains(&took), "{took}");
    }

    #[test]
    fn slow_work_is_not_slowed_further() {
        // A link slower than the limit: the bucket never asks for a wait.
        let mut b = Bucket::new(1 << 20);
        let mut now = Duration::ZERO;
        for _ in 0..100 {
            now += 100 * MS;
            assert_eq!(b.take(50 * 1024, now), Duration::ZERO);
        }
    }

    #[test]
    fn an_idle_bucket_holds_only_a_small_burst() {
        let mut b = Bucket::new(1_000_000);
        // After a minute idle, only a twentieth of a second passes without waiting.
        assert_eq!(b.take(50_000, Duration::from_secs(60)), Duration::ZERO);
        let wait = b.take(100_000, Duration::from_secs(60));
        assert_eq!(wait, Duration::from_millis(100));
    }

    #[test]
    fn lanes_sharing_a_bucket_share_the_rate() {
        // Four lanes taking turns: 8 MB at 2 MB/s is 4 s whoever moves the bytes.
        let mut b = Bucket::new(2_000_000);
        let mut ready = [Duration::ZERO; 4];
        let mut moved = 0u64;
        while moved < 8_000_000 {
            let lane = (0..4).min_by_key(|&i| ready[i]).unwrap();
            let now = ready[lane];
            ready[lane] = now + b.take(100_000, now);
            moved += 100_000;
        }
        let end = ready.iter().max().unwrap().as_secs_f64();
        assert!((3.9..=4.1).contains(&end), "{end}");
    }

    #[test]
    fn chunks_are_a_twentieth_of_a_second_within_bounds() {
        assert_eq!(Bucket::new(2 << 20).chunk(256 * 1024), (2 << 20) / 20);
        assert_eq!(Bucket::new(100).chunk(256 * 1024), 1024);
        assert_eq!(Bucket::new(1 << 30).chunk(256 * 1024), 256 * 1024);
        assert_eq!(Bucket::new(0).rate(), 1);
    }

    #[test]
    fn time_going_backwards_is_ignored() {
        let mut b = Bucket::new(1000);
        let first = b.take(1000, Duration::from_secs(5));
        assert_eq!(first, Duration::ZERO);
        // The burst is 1024: 1000 taken leaves 24; 1024 more is a debt of 1000 bytes, 1 s.
        assert_eq!(b.take(1024, Duration::from_secs(4)), Duration::from_secs(1));
    }

    #[test]
    fn pacing_sleeps_the_debt_in_naps_of_at_most_a_tenth_of_a_second() {
        let t = Throttle::new(1_000_000);
        let mut naps = Vec::new();
        // 350 ms of data at once, on an empty bucket: 350 ms of sleep, in naps.
        t.pace_at(350_000, Duration::ZERO, &mut |d| naps.push(d), &|| false);
        assert_eq!(naps.iter().sum::<Duration>(), Duration::from_millis(350));
        assert!(naps.iter().all(|d| *d <= NAP), "{naps:?}");
        // A second later the bucket has refilled its burst: 50 KB pass without a nap.
        naps.clear();
        t.pace_at(
            50_000,
            Duration::from_millis(1350),
            &mut |d| naps.push(d),
            &|| false,
        );
        assert!(naps.is_empty(), "{naps:?}");
        assert_eq!(t.bytes_paced(), 400_000);
    }

    #[test]
    fn pacing_stops_sleeping_when_interrupted() {
        let t = Throttle::new(1);
        // A debt of a million seconds ends at once when interrupted.
        t.pace(1_000_000, &|| true);
        assert_eq!(t.rate(), 1);
    }
}
