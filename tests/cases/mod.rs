//! Integration test cases, one file per area.

mod engine;
mod fake_cli;
mod pyftpdlib;
mod support_selftest;
