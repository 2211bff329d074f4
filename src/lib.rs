//! ferry: an FTP client engine and the command-line front ends built on it.
//!
//! The engine is a library so that tests and benchmarks reach it directly. Data flows one way:
//! a front end (one-shot subcommands today) builds an [`actions::Action`], [`actions::execute`]
//! runs it on a [`session::Session`], the session encodes [`proto::command::Command`]s onto a
//! [`transport::Stream`], and replies come back through [`proto::reply::ReplyParser`] as typed
//! [`proto::reply::Reply`] values. Errors are [`error::Error`]; the engine never prints and
//! reports progress through [`transfer::Progress`].

pub mod actions;
mod ahead;
pub mod ascii;
pub mod bookmarks;
pub mod config;
pub mod context;
pub mod data;
pub mod error;
pub mod localname;
pub mod netrc;
pub mod oneshot;
pub mod proto;
pub mod retry;
pub mod sanitize;
mod secure;
pub mod segments;
pub mod session;
pub mod settings;
pub mod tls;
pub mod transfer;
pub mod transport;
pub mod url;

pub use error::{Error, ExitCode, Result};
