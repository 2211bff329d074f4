//! What the shell's history may keep of a line: never a password.
//!
//! Every word that holds a URL (`scheme://…`) loses the password of its `user:password@` part,
//! whether or not the URL is valid: a URL ferry parses with a password is written back without
//! it, and any other word that looks like it has credentials (a bad port, a stray quote, a `/`
//! in the password) has everything from the first `:` after `://` to its last `@` cut out — at
//! worst a path with an `@` in it is shortened, but a password is never kept. Words are found
//! the way a shell would split them, but leniently, so a line with an unbalanced quote is still
//! split (the open quote runs to the end of the line). `user NAME PASSWORD` keeps only the name
//! (nothing when the name is not a well-formed word), and raw `PASS` and `ACCT` commands
//! (`quote PASS …`) are not kept at all.

use std::ops::Range;
use std::path::PathBuf;

/// Where history is kept: `$XDG_DATA_HOME/ferry/history` or the platform's equivalent.
pub fn history_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("ferry").join("history"))
}

/// The line as it may be written to history, or `None` when it must not be kept at all.
pub fn history_entry(line: &str) -> Option<String> {
    let trimmed = line.trim();
    let words = words(trimmed);
    let first = unquote(&trimmed[words.first()?.clone()]).to_ascii_lowercase();
    let second = words.get(1).map(|w| &trimmed[w.clone()]);
    match first.as_str() {
        "user" => Some(match second {
            Some(name) if shlex::split(name).is_some_and(|w| w.len() == 1) => {
                format!("user {name}")
            }
            _ => "user".to_owned(),
        }),
        "quote" | "literal" => {
            let verb = second.map(unquote).unwrap_or_default().to_ascii_uppercase();
            (!matches!(verb.as_str(), "PASS" | "ACCT")).then(|| redact_urls(trimmed, &words))
        }
        "open" => Some(redact_user_options(&redact_urls(trimmed, &words))),
        _ => Some(redact_urls(trimmed, &words)),
    }
}

/// `open -u USER,PASS` / `-u USER:PASS` / `--user=USER:PASS` (lftp's and ferry's forms) keep
/// only the user: whatever follows the first `,` or `:` of the option's value is cut, whether
/// or not the line parses.
fn redact_user_options(line: &str) -> String {
    let words = words(line);
    let mut out = String::with_capacity(line.len());
    let mut done = 0;
    let mut value_next = false;
    for word in &words {
        let raw = &line[word.clone()];
        let value = if value_next {
            Some(word.start)
        } else if let Some(rest) = raw.strip_prefix("--user=") {
            Some(word.end - rest.len())
        } else if raw.starts_with("-u") && raw.len() > 2 && !raw.starts_with("--") {
            Some(word.start + 2)
        } else {
            None
        };
        value_next = matches!(raw, "-u" | "--user");
        let Some(start) = value else { continue };
        if let Some(cut) = line[start..word.end].find([',', ':']) {
            out.push_str(&line[done..start + cut]);
            done = word.end;
        }
    }
    out.push_str(&line[done..]);
    out
}

/// `line` with the password taken out of every word that holds a URL.
fn redact_urls(line: &str, words: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut done = 0;
    for word in words {
        let raw = &line[word.clone()];
        if let Some(clean) = without_password(raw) {
            out.push_str(&line[done..word.start]);
            out.push_str(&clean);
            done = word.end;
        }
    }
    out.push_str(&line[done..]);
    out
}

/// The word without its URL's password, or `None` when it holds none.
fn without_password(raw: &str) -> Option<String> {
    if !raw.contains("://") {
        return None;
    }
    match ferry::url::parse(&unquote(raw)) {
        Ok(u) if u.password.is_some() => {
            let text = ferry::config::bookmarks::url_text(&u);
            Some(shlex::try_quote(&text).map_or(text.clone(), |q| q.into_owned()))
        }
        _ => cut_credentials(raw),
    }
}

/// Cuts from the first `:` after `://` to the last `@`, when there is such a pair
/// (`ftp://bob:pw@h:99999/` becomes `ftp://bob@h:99999/`).
fn cut_credentials(raw: &str) -> Option<String> {
    let start = raw.find("://")? + 3;
    let at = start + raw[start..].rfind('@')?;
    let colon = start + raw[start..at].find(':')?;
    Some(format!("{}{}", &raw[..colon], &raw[at..]))
}

/// The byte ranges of the words of `line`, split like a shell would (quotes and backslashes
/// keep spaces inside a word), but never failing: an unclosed quote runs to the end.
fn words(line: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut quote: Option<char> = None;
        let mut end = line.len();
        while let Some((i, c)) = chars.next() {
            match (quote, c) {
                (None, c) if c.is_whitespace() => {
                    end = i;
                    break;
                }
                (None, '\'' | '"') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None | Some('"'), '\\') => {
                    chars.next();
                }
                _ => {}
            }
        }
        words.push(start..end);
    }
    words
}

/// A word without its quotes and escapes (leniently, like [`words`]).
fn unquote(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut quote: Option<char> = None;
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None | Some('"'), '\\') => out.extend(chars.next()),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(line: &str) -> String {
        history_entry(line).unwrap_or_else(|| panic!("{line:?} not kept"))
    }

    #[test]
    fn valid_urls_lose_their_password() {
        assert_eq!(
            kept("open ftp://bob:hunter2@example.org/pub"),
            "open ftp://bob@example.org/pub"
        );
        assert_eq!(
            kept("bookmark add --with-password w ftp://bob:hunter2@h/"),
            "bookmark add --with-password w ftp://bob@h/"
        );
        assert_eq!(kept("get a.txt"), "get a.txt");
        assert_eq!(kept("open example.org 21"), "open example.org 21");
        assert_eq!(kept("open ftp://bob@h/"), "open ftp://bob@h/");
    }

    #[test]
    fn quoted_urls_lose_their_password() {
        for line in [
            r#"open "ftp://bob:hunter2@h/""#,
            "open 'ftp://bob:hunter2@h/'",
            r#"open "ftp://bob:hunter 2@h/""#,
            r"open ftp://bob:hunter\ 2@h/",
        ] {
            let e = kept(line);
            assert!(!e.contains("hunter"), "{line} -> {e}");
            assert!(e.contains("bob") && e.contains("@h/"), "{line} -> {e}");
        }
    }

    #[test]
    fn invalid_urls_lose_their_password_too() {
        for line in [
            "open ftp://bob:hunter2@h:99999/",
            "open ftp://bob:hunter2@[::1/",
            "open ftp://bob:hunter2@h/ extra words",
            "open ftp://bob:hun@ter2@h:0/",
            r#"open "ftp://bob:hunter2@h/"#,
            r#"open "ftp://bob:hunter 2@h/ 21"#,
            "open 'ftp://bob:hunter2@h/",
            "open sftp://bob:hunter2@h/",
            "! curl ftp://bob:hunter2@h/x",
            "open ftp://bob:12/hunter2@h/",
        ] {
            let e = kept(line);
            assert!(!e.contains("hunter"), "{line} -> {e}");
            assert!(!e.contains("ter2"), "{line} -> {e}");
            assert!(e.contains("bob"), "{line} -> {e}");
        }
        assert_eq!(
            kept("open ftp://bob:hunter2@h:99999/ 21"),
            "open ftp://bob@h:99999/ 21"
        );
    }

    #[test]
    fn user_lines_keep_only_the_name_and_raw_pass_is_dropped() {
        assert_eq!(kept("user bob hunter2"), "user bob");
        assert_eq!(kept("  USER bob hunter2 acct"), "user bob");
        assert_eq!(
            kept(r#"user "bob smith" "hunter 2""#),
            r#"user "bob smith""#
        );
        assert_eq!(kept(r#"user "bob hunter2"#), "user");
        assert_eq!(history_entry("quote PASS hunter2"), None);
        assert_eq!(history_entry("literal pass hunter2"), None);
        assert_eq!(history_entry("quote 'ACCT' x"), None);
        assert_eq!(kept("quote SITE CHMOD 644 f"), "quote SITE CHMOD 644 f");
        assert_eq!(history_entry("   "), None);
    }

    #[test]
    fn open_lines_lose_the_password_of_their_user_option() {
        assert_eq!(
            kept("open -u alice,secret -p 2121 127.0.0.1"),
            "open -u alice -p 2121 127.0.0.1"
        );
        assert_eq!(kept("open -ualice:secret host"), "open -ualice host");
        assert_eq!(
            kept("open --user=alice:secret host"),
            "open --user=alice host"
        );
        assert_eq!(
            kept("open --user 'alice:se cret' host"),
            "open --user 'alice host"
        );
        assert_eq!(kept("open -u alice host"), "open -u alice host");
        for line in [
            "open -u alice,secret -p 2121 127.0.0.1",
            "open ftp://alice:secret@host:2121:/",
            "open -u alice:secret \"unbalanced",
        ] {
            assert!(!kept(line).contains("secret"), "{line} -> {}", kept(line));
        }
    }

    #[test]
    fn words_split_like_a_shell_but_never_fail() {
        let line = r#"a "b c" d\ e 'f "#;
        let got: Vec<&str> = words(line).into_iter().map(|r| &line[r]).collect();
        assert_eq!(got, ["a", r#""b c""#, r"d\ e", "'f "]);
        assert_eq!(unquote(r#""b c""#), "b c");
        assert_eq!(unquote(r"d\ e"), "d e");
    }
}
