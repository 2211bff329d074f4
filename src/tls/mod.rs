//! TLS for control and data connections.

pub mod verify;
