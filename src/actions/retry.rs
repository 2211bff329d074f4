//! Retrying transient failures: exponential backoff with jitter, and patience with servers
//! that say they are full.
//!
//! Only [`Error::is_transient`] failures are retried. The wait doubles from the configured
//! first wait, up to a minute, with ±25 % jitter so that many clients do not come back in step.
//! A server that said "too many users" is given at least ten first waits before we knock again:
//! reconnecting at once would only keep the slot busy.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::Error;

/// How long to wait before retry number `attempt` (0 for the first retry) after `error`.
pub fn delay(first: Duration, attempt: u32, error: &Error) -> Duration {
    let doubled = first.saturating_mul(1u32 << attempt.min(16));
    let mut wait = doubled.min(Duration::from_secs(60));
    if error.is_too_many_users() {
        wait = wait.max(first.saturating_mul(10));
    }
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    // A factor between 0.75 and 1.25.
    let factor = 0.75 + f64::from(nanos % 1000) / 2000.0;
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
    fn a_full_server_gets_a_longer_rest() {
        let d = delay(Duration::from_secs(1), 0, &busy());
        assert!(d >= Duration::from_millis(7500), "{d:?}");
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
