//! PORT and EPRT formatting round trips: the address and port in the text are the ones given,
//! and a PORT argument inside a 227 reply reads back as the same address.
#![no_main]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4};

use ferry::proto::addr::{format_eprt, format_port, parse_pasv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(bytes) = data.get(..20) else {
        return;
    };
    let port = u16::from_be_bytes([bytes[0], bytes[1]]);
    let v4 = Ipv4Addr::new(bytes[2], bytes[3], bytes[4], bytes[5]);
    let v6 = Ipv6Addr::from(<[u8; 16]>::try_from(&bytes[4..20]).unwrap());

    let port_text = format_port(SocketAddrV4::new(v4, port));
    let fields: Vec<u16> = port_text.split(',').map(|f| f.parse().unwrap()).collect();
    assert_eq!(fields.len(), 6, "{port_text}");
    assert_eq!(fields[4] * 256 + fields[5], port, "{port_text}");
    if port != 0 {
        let reply = format!("Entering Passive Mode ({port_text})");
        assert_eq!(parse_pasv(&reply), Ok(SocketAddrV4::new(v4, port)));
    }

    for ip in [IpAddr::V4(v4), IpAddr::V6(v6)] {
        let text = format_eprt(SocketAddr::new(ip, port));
        let parts: Vec<&str> = text.split('|').collect();
        assert_eq!(parts.len(), 5, "{text}");
        let ip = ip.to_canonical();
        assert_eq!(parts[1], if ip.is_ipv4() { "1" } else { "2" }, "{text}");
        assert_eq!(parts[2].parse::<IpAddr>().ok(), Some(ip), "{text}");
        assert_eq!(parts[3].parse::<u16>().ok(), Some(port), "{text}");
    }
});
