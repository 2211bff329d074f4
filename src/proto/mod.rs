//! The FTP protocol without sockets: commands, replies, addresses, reply-code meanings.
//!
//! Nothing in here does I/O, so every piece is tested by feeding it bytes or strings.

pub mod addr;
pub mod ascii;
pub mod channel;
pub mod charset;
pub mod codes;
pub mod command;
pub mod digest;
pub mod listing;
pub mod proxy;
pub mod replies;
pub mod reply;

/// How many characters of server or user input a message quotes.
pub const EXCERPT_CHARS: usize = 80;

/// `text` cut to [`EXCERPT_CHARS`] characters, for messages that quote server or user input
/// (the one helper of the crate; the terminal sanitizer re-exports it).
pub fn excerpt(text: &str) -> String {
    text.chars().take(EXCERPT_CHARS).collect()
}

#[cfg(test)]
mod properties;
