//! How many connections a many-file transfer uses: `-P N`, `FERRY_PARALLEL`, `parallel` in
//! config.toml.

use std::fmt;
use std::str::FromStr;

/// The most connections the adaptive default opens to one server.
pub const AUTO_CAP: usize = 8;

/// The connections of a many-file transfer (get -r, put -r, mget, mput, mirror).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Parallel {
    /// The default: start on the connection in hand and open more, up to [`AUTO_CAP`], while
    /// the queue holds more work than the open ones would finish during another login.
    #[default]
    Auto,
    /// Exactly this many (at least one; one is strictly serial).
    Fixed(usize),
}

impl Parallel {
    /// The most lanes this allows.
    pub fn cap(self) -> usize {
        match self {
            Parallel::Auto => AUTO_CAP,
            Parallel::Fixed(n) => n.max(1),
        }
    }

    /// True for the adaptive default.
    pub fn is_auto(self) -> bool {
        self == Parallel::Auto
    }
}

impl FromStr for Parallel {
    type Err = String;

    /// `auto`, or a whole number from 1 up.
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("auto") {
            return Ok(Parallel::Auto);
        }
        match s.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(Parallel::Fixed(n)),
            _ => Err(format!(
                "expected auto or a number of connections from 1 up, not {s:?}"
            )),
        }
    }
}

impl fmt::Display for Parallel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Parallel::Auto => f.write_str("auto"),
            Parallel::Fixed(n) => write!(f, "{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_auto_and_numbers_and_refuses_the_rest() {
        assert_eq!("auto".parse(), Ok(Parallel::Auto));
        assert_eq!(" AUTO ".parse(), Ok(Parallel::Auto));
        assert_eq!("1".parse(), Ok(Parallel::Fixed(1)));
        assert_eq!("16".parse(), Ok(Parallel::Fixed(16)));
        for bad in ["0", "-1", "", "many", "2.5"] {
            let e = bad.parse::<Parallel>().unwrap_err();
            assert!(e.contains("auto or a number"), "{bad}: {e}");
        }
    }

    #[test]
    fn the_cap_is_the_number_or_the_default_cap() {
        assert_eq!(Parallel::Auto.cap(), AUTO_CAP);
        assert_eq!(Parallel::Fixed(3).cap(), 3);
        assert_eq!(Parallel::Fixed(0).cap(), 1);
        assert_eq!(Parallel::Auto.to_string(), "auto");
        assert_eq!(Parallel::Fixed(4).to_string(), "4");
    }
}
