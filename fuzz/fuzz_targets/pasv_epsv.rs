//! 227 and 229 reply texts: the parsers never panic, and an address or port they find is read
//! back the same from the text PORT would send (227) or from a canonical 229.
#![no_main]

use ferry::proto::addr::{format_port, parse_epsv, parse_pasv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(addr) = parse_pasv(&text) {
        assert_ne!(addr.port(), 0, "{text:?}");
        let again = format!("227 Entering Passive Mode ({}).", format_port(addr));
        assert_eq!(parse_pasv(&again), Ok(addr), "{text:?}");
    }
    if let Ok(port) = parse_epsv(&text) {
        assert_ne!(port, 0, "{text:?}");
        let again = format!("229 Entering Extended Passive Mode (|||{port}|)");
        assert_eq!(parse_epsv(&again), Ok(port), "{text:?}");
    }
});
