//! The driver: the one place that talks to an FTP server.
//!
//! [`session::Session`] owns the control connection and its settings ([`options::Options`]);
//! `commands.rs` has the one-reply commands; `login.rs` reads the greeting, logs in and
//! upgrades to TLS; `data.rs` opens data connections with automatic fallback (passive ones
//! itself, active ones in `active.rs`, the next channel chosen by the session's
//! `proto::channel::ChannelPlan`) and `guard.rs` is the open transfer; `ahead.rs` sends the next
//! transfer's commands early (what is pending in `pending.rs`); `transfer.rs` streams RETR, STOR,
//! APPE and listings, with the local `.part` files in `partfile.rs`; `segments.rs` reads one
//! byte range of a file; [`known::ServerTraits`] is what the sessions to one server learn about
//! it and share; `charset.rs` is which charset names are in (chosen, or learned from FEAT and
//! the names seen). `transport.rs` and `tls/` are the streams under all of it, and `net.rs` is
//! where data connections come from: real TCP, or a scripted network in the tests (`tests/`),
//! which drive whole conversations in memory. The engine never prints and never imports the
//! executor or a face.

mod active;
mod ahead;
pub mod charset;
mod commands;
mod copy;
pub mod data;
pub mod digest;
pub mod facts;
mod guard;
pub mod known;
mod login;
mod net;
pub mod options;
mod partfile;
mod pending;
pub mod proxy;
pub mod segments;
pub mod session;
pub mod throttle;
pub mod tls;
pub mod transfer;
pub mod transport;

#[cfg(test)]
mod tests;
