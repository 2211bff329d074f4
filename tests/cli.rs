//! The one integration-test binary: the `ferry` binary and library against the scripted fake
//! server and against real FTP servers started by the project's own scripts.

mod cases;
mod support;
