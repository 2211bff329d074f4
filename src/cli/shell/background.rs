//! The `&` that sends a line to the background, and the commands that manage background jobs
//! (`jobs`, `wait`, `kill`, `fg`) in their parsed form.
//!
//! `&` counts only as the line's last character outside quotes and not escaped, with or
//! without a space before it (`get big.iso &`, `get big.iso&`); a name that ends in `&` is
//! quoted or escaped (`get 'R&D'`, `get R\&D`). `quote`, `site` and `!` keep the rest of their
//! line as typed, `&` included.

use ferry::actions::jobs::JobId;

/// What a job command asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobCommand {
    /// `jobs`: list them.
    List,
    /// `wait [N]`: until job N ends (every job without N).
    Wait(Option<JobId>),
    /// `kill N`: stop job N.
    Kill(JobId),
    /// `fg [N]`: wait for job N (the newest without N) with its progress shown.
    Fg(Option<JobId>),
}

/// The line without its trailing background marker, when it has one.
pub fn strip_marker(line: &str) -> Option<&str> {
    let body = line.strip_suffix('&')?;
    let first = line.split_whitespace().next().unwrap_or("");
    if line.starts_with('!') || ["quote", "literal", "site"].contains(&first) {
        return None;
    }
    let backslashes = body.chars().rev().take_while(|&c| c == '\\').count();
    if backslashes % 2 == 1 {
        return None; // `\&`: a name's last character
    }
    // Inside a quote, `&` could not be the last character of a line whose quotes balance.
    shlex::split(line)?;
    Some(body.trim_end())
}

/// A job's number as typed: `1` or `%1`.
pub fn job_id(text: &str) -> Result<JobId, String> {
    let digits = text.strip_prefix('%').unwrap_or(text);
    match digits.parse::<JobId>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "{text:?} is not a job number (jobs lists them: 1, 2, …)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_is_the_last_unquoted_unescaped_ampersand() {
        assert_eq!(strip_marker("get big.iso &"), Some("get big.iso"));
        assert_eq!(strip_marker("get big.iso&"), Some("get big.iso"));
        assert_eq!(strip_marker("mget *.log   &"), Some("mget *.log"));
        assert_eq!(strip_marker("&"), Some(""));
        assert_eq!(strip_marker(r"get a\\&"), Some(r"get a\\"));
        for plain in [
            "get big.iso",
            "get 'R&D'",
            "get \"a &\"",
            r"get R\&",
            "get 'unbalanced &",
            "get a & b",
            "quote SITE X &",
            "site exec x &",
            "!sleep 1 &",
        ] {
            assert_eq!(strip_marker(plain), None, "{plain}");
        }
    }

    #[test]
    fn a_line_with_the_marker_is_a_background_transfer_or_a_clear_error() {
        use super::super::grammar::{Parsed, parse_line};
        use ferry::actions::Action;
        let Ok(Parsed::Background { action, label }) = parse_line("  get big.iso  & ") else {
            panic!()
        };
        assert_eq!(label, "get big.iso");
        assert!(matches!(action, Action::Get { remote, .. } if remote == "big.iso"));
        assert!(matches!(
            parse_line("mirror -P 2 pub&"),
            Ok(Parsed::Background { .. })
        ));
        let Ok(Parsed::Action(Action::Get { remote, .. })) = parse_line("get 'R&D'") else {
            panic!()
        };
        assert_eq!(remote, "R&D");
        for (line, says) in [
            ("ls &", "only get, mget"),
            ("jobs &", "only get, mget"),
            ("cd pub&", "only get, mget"),
            ("get a.txt - &", "standard output"),
            ("&", "nothing to run"),
            ("get &", "get:"),
        ] {
            let err = parse_line(line).unwrap_err();
            assert!(err.contains(says), "{line}: {err}");
        }
        // quote, site and ! keep their & (the server's or the local shell's business).
        assert_eq!(
            parse_line("!sleep 1 &").unwrap(),
            Parsed::Action(Action::Shell(Some("sleep 1 &".into())))
        );
    }

    #[test]
    fn job_commands_parse_with_their_numbers() {
        use super::super::grammar::{Parsed, parse_line};
        let job = |line: &str| match parse_line(line) {
            Ok(Parsed::Job(c)) => c,
            other => panic!("{line}: {other:?}"),
        };
        assert_eq!(job("jobs"), JobCommand::List);
        assert_eq!(job("wait"), JobCommand::Wait(None));
        assert_eq!(job("wait %2"), JobCommand::Wait(Some(2)));
        assert_eq!(job("kill 3"), JobCommand::Kill(3));
        assert_eq!(job("fg"), JobCommand::Fg(None));
        assert_eq!(job("fg 1"), JobCommand::Fg(Some(1)));
        assert!(parse_line("kill").is_err());
        assert!(
            parse_line("wait x")
                .unwrap_err()
                .contains("not a job number")
        );
    }

    #[test]
    fn job_numbers_are_typed_with_or_without_percent() {
        assert_eq!(job_id("1"), Ok(1));
        assert_eq!(job_id("%12"), Ok(12));
        for bad in ["0", "x", "%", "-1", ""] {
            assert!(job_id(bad).is_err(), "{bad}");
        }
    }
}
