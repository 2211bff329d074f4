//! Integration test cases, one file per area.

mod batch;
mod bookmarks;
mod config_file;
mod docs;
mod engine;
mod environment;
mod fake_cli;
mod ftps;
mod hints;
mod interop;
mod interop_matrix;
mod interop_tls;
mod json_output;
mod mirror;
mod parallel;
mod parity;
mod pget;
mod pipelining;
mod pipes;
mod proxy;
mod pyftpdlib;
mod secrets;
mod shell_pty;
mod soak;
mod support_selftest;
mod transfers;
