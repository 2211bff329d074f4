//! ferry: an FTP client engine and the executor its front ends share.
//!
//! The layers, each importing only the ones below it:
//!
//! - [`proto`]: FTP without sockets: commands, replies, addresses, listings, the data-channel
//!   plan, reply-text parsers.
//! - [`engine`]: the one driver of a control connection, [`engine::session::Session`], with
//!   its data connections, TLS and transfers. It never prints; it reports progress through
//!   [`engine::transfer::Progress`] and protocol lines through a trace callback.
//! - [`config`]: settings resolved from the config file, the environment, `.netrc` and the
//!   command line; bookmarks.
//! - [`actions`]: the one command type ([`actions::Action`]) and the one executor
//!   ([`actions::execute`]) over an [`actions::context::Context`], with the scheduler every
//!   transfer runs through.
//!
//! The faces (one-shot subcommands, the shell, batch mode, the terminal UI) live in the
//! binary. Errors are [`error::Error`], mapped to exit codes in one place.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod actions;
pub mod config;
pub mod engine;
pub mod error;
pub mod proto;
pub mod sanitize;
pub mod url;

#[cfg(test)]
mod properties;

pub use error::{Error, ExitCode, Result};
