//! Local file names made from server-supplied names.
//!
//! A name that comes from a URL or a listing becomes a local file only if it is one plain path
//! component: not empty, not `.` or `..`, without `/`, `\`, NUL or control characters, and
//! without a drive prefix such as `C:`. Anything else is refused with a message naming the
//! entry, so a hostile server cannot make ferry write outside the directory the user chose. A
//! name such as `|cmd` or `-rf` is just a file name and is allowed.

use crate::error::{Error, Result};

/// Returns `name` if it is safe as a single local file name.
pub fn safe_name(name: &str) -> Result<&str> {
    let why = if name.is_empty() {
        Some("it is empty")
    } else if name == "." || name == ".." {
        Some("it names a directory, not a file")
    } else if name.contains('/') || name.contains('\\') {
        Some("it contains a path separator")
    } else if name.chars().any(char::is_control) {
        Some("it contains control characters")
    } else if name.len() >= 2
        && name.as_bytes()[1] == b':'
        && name.as_bytes()[0].is_ascii_alphabetic()
    {
        Some("it starts with a drive prefix")
    } else {
        None
    };
    match why {
        Some(why) => Err(Error::UnsafeName {
            name: name.to_owned(),
            why,
        }),
        None => Ok(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_names_that_escape_the_target_directory() {
        for bad in [
            "",
            ".",
            "..",
            "../x",
            "/etc/x",
            "a/../../x",
            "a\\b",
            "x\ny",
            "C:evil",
            "x:",
            "nul\0",
        ] {
            assert!(safe_name(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn odd_but_harmless_names_are_plain_file_names() {
        for ok in ["|cmd", "-rf", "a b", "файл.txt", "..hidden", "ab:c"] {
            assert_eq!(safe_name(ok).unwrap(), ok);
        }
    }
}
