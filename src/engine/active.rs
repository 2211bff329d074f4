//! Active data channels (EPRT, PORT): we listen, announce the address, and the server connects.
//!
//! The listener is on the control connection's local address (or announces `--active-address`
//! for NAT), in `--active-ports` when given. It accepts exactly one connection, and only from
//! the server's address: a connection from anywhere else is refused and noted. While waiting,
//! the control connection is watched, since a 425 or a final reply without data ends the wait.

use std::net::{IpAddr, SocketAddr, SocketAddrV4};
use std::time::{Duration, Instant};

use crate::engine::data::net;
use crate::engine::data::{Attempt, Opened, canonical, check_transfer_reply_error, configure_data};
use crate::engine::net::DataListener;
use crate::engine::session::Session;
use crate::engine::transport::Stream;
use crate::error::{Error, Result};
use crate::proto::channel::Channel;
use crate::proto::command::Command;
use crate::proto::proxy::TargetHost;

/// The EPRT or PORT that announces `ip` and `port`; `None` when PORT cannot carry `ip` (IPv6).
pub(crate) fn active_setup(channel: Channel, ip: IpAddr, port: u16) -> Option<Command> {
    match (channel, ip) {
        (Channel::Port, IpAddr::V4(v4)) => Some(Command::Port(SocketAddrV4::new(v4, port))),
        (Channel::Port, IpAddr::V6(v6)) => {
            Some(Command::Port(SocketAddrV4::new(v6.to_ipv4_mapped()?, port)))
        }
        _ => Some(Command::Eprt(SocketAddr::new(ip, port))),
    }
}

impl Session {
    /// The address EPRT/PORT announce: `--active-address`, else the control connection's own.
    pub(crate) fn announce_ip(&self) -> IpAddr {
        self.opts.active_address.unwrap_or(self.local_addr().ip())
    }

    /// A listener for an active data connection and the EPRT or PORT that announces it
    /// (`Err` with the reason when there is none, or PORT cannot carry its address).
    pub(crate) fn active_listener(
        &mut self,
        channel: Channel,
    ) -> Result<(Command, Box<dyn DataListener>), String> {
        if self.net.proxy().is_none() && active_setup(channel, self.announce_ip(), 0).is_none() {
            return Err("PORT cannot carry an IPv6 address".into());
        }
        let listener = self.bind_active_listener()?;
        let bound = listener
            .local_addr()
            .map_err(|e| format!("cannot listen: {e}"))?;
        // A proxy listening for us is announced as it is; our own listener by our address.
        let announce = match listener.relayed() {
            true => bound.ip(),
            false => self.announce_ip(),
        };
        let setup = active_setup(channel, announce, bound.port())
            .ok_or_else(|| "PORT cannot carry an IPv6 address".to_owned())?;
        Ok((setup, listener))
    }

    /// A listener for an active data connection on the control connection's local address,
    /// in `--active-ports` when given; through a proxy, the proxy's (SOCKS5 BIND), where the
    /// port range does not apply.
    fn bind_active_listener(&mut self) -> Result<Box<dyn DataListener>, String> {
        let ip = self.local_addr().ip();
        if self.net.proxy().is_some() {
            return self
                .net
                .listen(ip, 0)
                .map_err(|e| format!("the proxy cannot listen for the server: {e}"));
        }
        let Some((low, high)) = self.opts.active_ports else {
            return self
                .net
                .listen(ip, 0)
                .map_err(|e| format!("cannot listen on {ip}: {e}"));
        };
        // Start at a pseudo-random port in the range so that parallel clients spread out.
        let span = u32::from(high - low) + 1;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let seed = nanos ^ std::process::id();
        let start = seed % span;
        for i in 0..span {
            let port = low + ((start + i) % span) as u16;
            if let Ok(l) = self.net.listen(ip, port) {
                return Ok(l);
            }
        }
        Err(format!("no free local port in {low}-{high}"))
    }

    /// Sets up `channel` (EPRT or PORT), sends REST and `cmd`, and waits for the server's
    /// connection.
    pub(crate) fn try_active(
        &mut self,
        channel: Channel,
        cmd: &Command,
        rest: u64,
    ) -> Result<Opened, Attempt> {
        self.data_hello = None;
        let (setup, listener) = self.active_listener(channel).map_err(Attempt::Next)?;
        self.negotiate(&setup)?;
        let first = self.start_transfer(cmd, rest)?;
        if !first.is_preliminary() {
            return Ok(Opened::with(None, first));
        }
        let mut opened = Opened::with(None, first);
        opened.stream = self.accept_from_server(listener.as_ref(), &mut opened)?;
        Ok(opened)
    }

    /// Waits for the server's connection while watching the control connection for a reply
    /// that ends the wait (425, or a final reply without data).
    pub(crate) fn accept_from_server(
        &mut self,
        listener: &dyn DataListener,
        opened: &mut Opened,
    ) -> Result<Option<Stream>, Attempt> {
        let deadline = Instant::now() + self.opts.timeout;
        let server = self.server_ip();
        while Instant::now() < deadline {
            if let Some(data) = self.accept_queued(listener, server)? {
                return Ok(Some(data));
            }
            let what = "waiting for the server to connect back";
            let Some(reply) = self.poll_reply(Duration::from_millis(10), what)? else {
                continue;
            };
            if reply.is_preliminary() {
                opened.prelim = Some(reply);
            } else if reply.is_completion() {
                // The server connects before it sends data and its final reply, so a
                // connection it made is already queued on the listener — or, through a
                // proxy, on its way: the proxy's word that the server connected travels
                // beside the final reply and may come just after it.
                opened.done = Some(reply);
                if listener.relayed() {
                    return self.await_relayed(listener, server, deadline);
                }
                return self.accept_queued(listener, server);
            } else {
                return Err(check_transfer_reply_error(reply));
            }
        }
        Err(Attempt::Fatal(Error::Timeout {
            what: "waiting for the server to open the active-mode data connection".into(),
            after: self.opts.timeout,
        }))
    }

    /// Waits until `deadline` for the connection a proxy accepted for us (the final reply
    /// already came: the server did connect).
    fn await_relayed(
        &mut self,
        listener: &dyn DataListener,
        server: Option<IpAddr>,
        deadline: Instant,
    ) -> Result<Option<Stream>, Attempt> {
        loop {
            if let Some(data) = self.accept_queued(listener, server)? {
                return Ok(Some(data));
            }
            if Instant::now() >= deadline || self.interrupted() {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The server's address, which an active connection must come from; `None` when only the
    /// proxy knows it (socks5h): the proxy's listener takes one connection, whoever makes it.
    fn server_ip(&self) -> Option<IpAddr> {
        match (&self.server, self.net.proxy()) {
            (_, None) => Some(canonical(self.peer_addr().ip())),
            (TargetHost::Ip(ip), Some(_)) => Some(canonical(*ip)),
            (TargetHost::Name(_), Some(_)) => None,
        }
    }

    /// Takes a connection already queued on the listener from the server, if there is one.
    fn accept_queued(
        &mut self,
        listener: &dyn DataListener,
        server: Option<IpAddr>,
    ) -> Result<Option<Stream>, Attempt> {
        loop {
            match listener.accept_now() {
                Ok(Some((data, from))) if server.is_none_or(|s| canonical(from.ip()) == s) => {
                    // The same short read slice as a passive connection, so that a blocked
                    // read wakes up to see Ctrl-C.
                    configure_data(&data, self.opts.timeout)?;
                    return Ok(Some(data));
                }
                Ok(Some((_, from))) => {
                    self.note(&format!(
                        "refused a data connection from {from}, which is not the server"
                    ));
                }
                Ok(None) => return Ok(None),
                Err(e) => return Err(net(e, "accepting the data connection").into()),
            }
        }
    }
}
