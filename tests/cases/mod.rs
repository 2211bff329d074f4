//! Integration test cases, one file per area.

mod batch;
mod engine;
mod fake_cli;
mod ftps;
mod interop;
mod interop_matrix;
mod interop_tls;
mod pyftpdlib;
mod shell_pty;
mod support_selftest;
mod transfers;
