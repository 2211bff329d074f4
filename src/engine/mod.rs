//! The driver: the one place that talks to an FTP server.
//!
//! [`session::Session`] owns the control connection; `login.rs` reads the greeting, logs in
//! and upgrades to TLS; `data.rs` opens data connections with automatic fallback and
//! `ahead.rs` sends the next transfer's commands early; `transfer.rs` streams RETR, STOR, APPE
//! and listings; `segments.rs` reads one byte range of a file; `known.rs` holds what the sessions to one
//! server learn about it and share; `transport.rs` and `tls/` are the
//! sockets under all of it. The engine never prints and never imports the executor or a face.

mod active;
mod ahead;
pub mod data;
mod guard;
pub mod known;
mod login;
mod net;
mod pending;
pub mod segments;
pub mod session;
pub mod tls;
pub mod transfer;
pub mod transport;

#[cfg(test)]
mod tests;
