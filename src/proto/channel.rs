//! The data-channel modes: the four ways to set up a data connection ([`Channel`]) and what the
//! user asked for ([`DataMode`]), with the order in which `auto` tries them.

use std::fmt;
use std::str::FromStr;

/// One concrete way to set up a data connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    /// Extended passive (RFC 2428): the server listens, we connect.
    Epsv,
    /// Classic passive: the server listens at the address in its 227 reply.
    Pasv,
    /// Extended active (RFC 2428): we listen, the server connects.
    Eprt,
    /// Classic active, IPv4 only.
    Port,
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Channel::Epsv => "EPSV",
            Channel::Pasv => "PASV",
            Channel::Eprt => "EPRT",
            Channel::Port => "PORT",
        })
    }
}

/// What the user asked for: `--mode auto|passive|active|epsv|pasv|eprt|port`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataMode {
    /// EPSV → PASV → EPRT → PORT.
    #[default]
    Auto,
    /// EPSV → PASV (`--passive`).
    Passive,
    /// EPRT → PORT (`--active`).
    Active,
    /// Only EPSV.
    Epsv,
    /// Only PASV.
    Pasv,
    /// Only EPRT.
    Eprt,
    /// Only PORT.
    Port,
}

impl DataMode {
    /// The channels this mode tries, in order.
    pub fn channels(self) -> &'static [Channel] {
        use Channel::*;
        match self {
            DataMode::Auto => &[Epsv, Pasv, Eprt, Port],
            DataMode::Passive => &[Epsv, Pasv],
            DataMode::Active => &[Eprt, Port],
            DataMode::Epsv => &[Epsv],
            DataMode::Pasv => &[Pasv],
            DataMode::Eprt => &[Eprt],
            DataMode::Port => &[Port],
        }
    }
}

impl FromStr for DataMode {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "auto" => DataMode::Auto,
            "passive" => DataMode::Passive,
            "active" => DataMode::Active,
            "epsv" => DataMode::Epsv,
            "pasv" => DataMode::Pasv,
            "eprt" => DataMode::Eprt,
            "port" => DataMode::Port,
            _ => {
                return Err(format!(
                    "unknown data mode {s:?}: use auto, passive, active, epsv, pasv, eprt or port"
                ));
            }
        })
    }
}
