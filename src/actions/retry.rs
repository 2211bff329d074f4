//! Retrying transient failures: exponential backoff with jitter, and patience with servers
//! that say they are full.
//!
//! Only [`Error::is_transient`] failures are retried. The wait doubles from the configured
//! first wait, up to a minute, with ±25 % jitter so that many clients do not come back in step.
//! A server that said "too many users" is given at least ten first waits before we knock again:
//! reconnecting at once would only keep the slot busy.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::error::{Error, Result};

/// The one retry policy: how many retries, and the first wait that [`delay`] doubles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// The wait before the first retry.
    pub first_wait: Duration,
}

impl Policy {
    /// The wait before retry number `attempt` (0 first) after `error`, or `None` when the
    /// failure is final: not transient, or the retries are used up.
    pub fn wait(&self, attempt: u32, error: &Error) -> Option<Duration> {
        // A server that accepts and never greets is asked once more, not `retries` times: four
        // silent waits would keep a script stuck for minutes.
        let retries = match error {
            Error::NoGreeting { .. } => self.retries.min(1),
            _ => self.retries,
        };
        (attempt < retries && error.is_transient()).then(|| delay(self.first_wait, attempt, error))
    }

    /// The line that tells the user about the retry: `what` names the file (empty for none).
    pub fn notice(&self, what: &str, error: &Error, wait: Duration, attempt: u32) -> String {
        let label = if what.is_empty() {
            String::new()
        } else {
            format!("{what}: ")
        };
        let busy = if error.is_too_many_users() {
            " (the server is full; giving it time)"
        } else {
            ""
        };
        format!(
            "{label}{error}; retrying in {:.1} s{busy} (retry {} of {})",
            wait.as_secs_f64(),
            attempt + 1,
            self.retries
        )
    }
}

/// Waits `wait` before a retry, or fails with [`Error::Interrupted`] as soon as `interrupt`
/// (Ctrl-C) is raised; the flag stays raised for everyone else who checks it.
pub fn sleep_unless_interrupted(interrupt: &AtomicBool, wait: Duration) -> Result<()> {
    let deadline = Instant::now() + wait;
    loop {
        if interrupt.load(Ordering::SeqCst) {
            return Err(Error::Interrupted);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(());
        }
        std::thread::sleep(left.min(Duration::from_millis(100)));
    }
}

/// How long to wait before retry number `attempt` (0 for the first retry) after `error`.
pub fn delay(first: Duration, attempt: u32, error: &Error) -> Duration {
    let doubled = first.saturating_mul(1u32 << attempt.min(16));
    let wait = doubled.min(Duration::from_secs(60));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    // A factor between 0.75 and 1.25.
    let factor = 0.75 + f64::from(nanos % 1000) / 2000.0;
    if error.is_too_many_users() {
        // At least ten first waits, whatever the jitter: the floor is what the README promises.
        let floor = first.saturating_mul(10);
        return wait.max(floor).mul_f64(factor).max(floor);
    }
    wait.mul_f64(factor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::reply::Reply;

    fn busy() -> Error {
        Error::rejected(
            "USER x",
            Reply::new(421, vec!["421 Too many users, try later".into()]),
        )
    }

    #[test]
    fn waits_double_with_jitter_and_are_capped() {
        let e = Error::Closed { what: "x".into() };
        let first = Duration::from_secs(1);
        for attempt in 0..4 {
            let d = delay(first, attempt, &e).as_secs_f64();
            let base = f64::from(1u32 << attempt);
            assert!(
                d >= base * 0.75 && d <= base * 1.25,
                "attempt {attempt}: {d}"
            );
        }
        assert!(delay(first, 30, &e) <= Duration::from_secs(75));
    }

    #[test]
    fn a_retry_wait_ends_at_ctrl_c_and_leaves_the_flag_for_the_other_lanes() {
        let flag = AtomicBool::new(false);
        let started = Instant::now();
        sleep_unless_interrupted(&flag, Duration::from_millis(50)).unwrap();
        assert!(started.elapsed() >= Duration::from_millis(50));
        flag.store(true, Ordering::SeqCst);
        let started = Instant::now();
        let waited = sleep_unless_interrupted(&flag, Duration::from_secs(60));
        assert!(matches!(waited, Err(crate::Error::Interrupted)));
        assert!(started.elapsed() < Duration::from_secs(1));
        assert!(flag.load(Ordering::SeqCst), "every lane must see it");
    }

    #[test]
    fn a_full_server_gets_a_longer_rest() {
        for attempt in 0..3 {
            let d = delay(Duration::from_secs(1), attempt, &busy());
            assert!(
                d >= Duration::from_secs(10),
                "never below ten first waits: {d:?}"
            );
            assert!(d <= Duration::from_millis(12_500), "{d:?}");
        }
    }

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(busy().is_transient());
        let e = |code: u16| Error::rejected("RETR f", Reply::new(code, vec![format!("{code} x")]));
        for code in [421, 425, 426, 450, 451, 452] {
            assert!(e(code).is_transient(), "{code}");
        }
        for code in [530, 550, 553, 552, 500] {
            assert!(!e(code).is_transient(), "{code}");
        }
        let missing = Error::rejected(
            "NLST x",
            Reply::new(450, vec!["450 x: No such file or directory".into()]),
        );
        assert!(!missing.is_transient());
        let channels = |transient| Error::DataChannel {
            tried: "EPSV: 425".into(),
            transient,
        };
        assert!(channels(true).is_transient());
        assert!(!channels(false).is_transient());
    }
}
