//! clap's own error messages quote the argument they stumbled on (`unexpected argument
//! 'ftp://alice:pw@host/' found`, `invalid value '…' for '--retries'`), and that argument may
//! be a URL with a password or `-u USER:PASS`. [`parse`] prints such an error with every
//! password of the command line replaced by `***`.

use std::ffi::OsString;

use clap::Parser;

use super::Cli;

/// Parses the process's arguments like `Cli::parse`, but never prints a password.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let secrets = secrets(&args);
            if secrets.is_empty() || !e.use_stderr() {
                e.exit();
            }
            eprint!("{}", scrub(&e.render().to_string(), &secrets));
            std::process::exit(e.exit_code());
        }
    }
}

/// The passwords on a command line: whatever a word holds between `USER:` and the last `@`
/// (with or without `scheme://`), and what follows the `:` of a `-u`/`--user` value.
fn secrets(args: &[OsString]) -> Vec<String> {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if let Some(at) = word.rfind('@') {
            let authority = &word[..at];
            let start = authority.find("://").map_or(0, |s| s + 3);
            if let Some(colon) = authority[start..].find(':') {
                found.push(authority[start + colon + 1..].to_owned());
            }
        }
        let previous = i.checked_sub(1).map(|p| words[p].as_str());
        let value = match previous {
            Some("-u" | "--user") => Some(word.as_str()),
            _ => word
                .strip_prefix("--user=")
                .or_else(|| word.strip_prefix("-u").filter(|_| !word.starts_with("--"))),
        };
        if let Some((_, password)) = value.and_then(|v| v.split_once(':')) {
            found.push(password.to_owned());
        }
    }
    found.retain(|s| !s.is_empty());
    // Longest first, so a password that holds another one is replaced whole.
    found.sort_by_key(|s| std::cmp::Reverse(s.len()));
    found
}

fn scrub(text: &str, secrets: &[String]) -> String {
    secrets
        .iter()
        .fold(text.to_owned(), |text, secret| text.replace(secret, "***"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn finds_the_passwords_of_urls_and_user_options() {
        let args = os(&[
            "ferry",
            "-u",
            "bob:one",
            "--user=carol:two",
            "-udave:three",
            "ls",
            "ftp://erin:four@h/",
            "frank:five@h",
            "ftp://h/a@b",
        ]);
        let mut found = secrets(&args);
        found.sort();
        assert_eq!(found, ["five", "four", "one", "three", "two"]);
    }

    #[test]
    fn a_clap_error_quoting_a_url_with_a_password_shows_stars() {
        let args = os(&["ferry", "ls", "ftp://h/", "ftp://erin:hunter2@h/"]);
        let e = Cli::try_parse_from(&args).unwrap_err();
        assert!(e.render().to_string().contains("hunter2"), "clap quotes it");
        let shown = scrub(&e.render().to_string(), &secrets(&args));
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("ftp://erin:***@h/"), "{shown}");
    }
}
