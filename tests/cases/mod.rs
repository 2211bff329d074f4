//! Integration test cases, one file per area.

mod batch;
mod engine;
mod fake_cli;
mod interop;
mod pyftpdlib;
mod shell_pty;
mod support_selftest;
