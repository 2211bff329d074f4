//! The FTP protocol without sockets: commands, replies, addresses, reply-code meanings.
//!
//! Nothing in here does I/O, so every piece is tested by feeding it bytes or strings.

pub mod addr;
pub mod ascii;
pub mod channel;
pub mod codes;
pub mod command;
pub mod listing;
pub mod replies;
pub mod reply;

#[cfg(test)]
mod properties;
