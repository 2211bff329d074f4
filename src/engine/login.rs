//! Getting in: the greeting, USER/PASS/ACCT, FEAT, and the TLS steps (AUTH TLS on the control
//! connection, PBSZ/PROT for data) with the hardening that past client CVEs taught.
//!
//! - `--tls=auto` (the default for `ftp://`) upgrades non-anonymous logins when FEAT offers
//!   AUTH TLS; `--tls=require` always upgrades and refuses to send a password in clear or to
//!   move data unprotected; `--tls=off` never upgrades. `ftps://` is TLS from the first byte.
//! - After the `234` that accepts AUTH TLS, any byte the server already sent is an error:
//!   an attacker could have injected a reply that would be trusted as if it came over TLS
//!   (curl CVE-2021-22947).
//! - TLS cannot be skipped by a server that pretends to be logged in already: the greeting
//!   must be 220, and AUTH TLS happens before USER (curl CVE-2021-22946).

use std::time::{Duration, Instant};

use crate::engine::session::{Login, Session};
use crate::engine::tls::{TlsClient, TlsMode};
use crate::engine::transport::Stream;
use crate::error::{Error, Result, TlsCause};
use crate::proto::command::Command;
use crate::proto::replies::Features;
use crate::proto::reply::Reply;

/// How long a server may take to greet: FTP servers greet at once, so a silent one (overloaded,
/// another service on the port, a firewall holding the connection) is given up on soon, and
/// retried once.
pub const GREETING_WAIT: Duration = Duration::from_secs(10);

fn is_anonymous(user: &str) -> bool {
    user.eq_ignore_ascii_case("anonymous") || user.eq_ignore_ascii_case("ftp")
}

impl Session {
    /// Reads the greeting (waiting at most [`GREETING_WAIT`], or the timeout when it is
    /// shorter): waits through `120` ("ready in a while") for the `220`; a 4xx/5xx
    /// (`421` busy) is an error, and so is anything else (a `230` "already logged in" above
    /// all: TLS must not be skipped, CVE-2021-22946).
    pub(crate) fn read_greeting(&mut self) -> Result<Reply> {
        let wait = self.opts.timeout.min(GREETING_WAIT);
        loop {
            let reply = self.wait_for_greeting(wait)?;
            match reply.code {
                120 => self.note("server says it will be ready shortly; waiting"),
                220 => return Ok(reply),
                400..=599 => return Err(Error::rejected("connect", reply)),
                // Anything else (a 230 "already logged in" included) is not a greeting.
                _ => {
                    return Err(Error::Unexpected {
                        command: "greeting".into(),
                        reply,
                    });
                }
            }
        }
    }

    /// The next reply within `wait`, read in short slices so that Ctrl-C ends the wait at once.
    fn wait_for_greeting(&mut self, wait: Duration) -> Result<Reply> {
        const SLICE: Duration = Duration::from_millis(100);
        let deadline = Instant::now() + wait;
        loop {
            if self.interrupted() {
                return Err(Error::Interrupted);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Error::NoGreeting { after: wait });
            }
            let what = "waiting for the server's greeting";
            if let Some(reply) = self.poll_reply(left.min(SLICE), what)? {
                return Ok(reply);
            }
        }
    }

    /// Logs in with USER / PASS / ACCT, then discovers features and turns on UTF-8 names.
    pub fn login(&mut self, login: &Login) -> Result<()> {
        self.secure_control(login)?;
        let mut last = "USER";
        let mut reply = self.command(&Command::User(login.user.clone()))?;
        if reply.code == 331 {
            last = "PASS";
            reply = self.command(&Command::Pass(login.password.clone()))?;
        }
        if reply.code == 332 {
            let Some(account) = &login.account else {
                return Err(Error::rejected("ACCT (none configured)", reply));
            };
            last = "ACCT";
            reply = self.command(&Command::Acct(account.clone()))?;
        }
        if !matches!(reply.code, 230 | 202) {
            return Err(Error::rejected(
                format!("{last} (login as {})", login.user),
                reply,
            ));
        }
        if !self.features_known {
            self.feat()?;
        }
        if self.features.has("UTF8") && self.wants_utf8() {
            // Only a courtesy: servers that advertise UTF8 mostly have it on already.
            let _ = self.command(&Command::Opts("UTF8 ON".into()))?;
            self.learn_utf8_from_feat();
        }
        self.protect_data()
    }

    /// FEAT: what the server offers (RFC 2389); nothing is known when it refuses.
    pub(crate) fn feat(&mut self) -> Result<()> {
        let reply = self.command(&Command::Feat)?;
        if reply.code == 211 {
            self.features = Features::parse(&reply);
            self.features_known = true;
        }
        Ok(())
    }

    /// True when FEAT lists AUTH with TLS among its mechanisms (`AUTH TLS`, `AUTH SSL;TLS`).
    fn offers_auth_tls(&self) -> bool {
        self.features()
            .iter()
            .any(|l| l.starts_with("AUTH") && l.contains("TLS"))
    }

    /// Upgrades the control connection before USER when the TLS mode says so.
    pub(crate) fn secure_control(&mut self, login: &Login) -> Result<()> {
        if self.is_tls() {
            return Ok(());
        }
        match self.opts.tls {
            TlsMode::Off => return Ok(()),
            TlsMode::Auto if is_anonymous(&login.user) => return Ok(()),
            TlsMode::Auto => {
                self.feat()?;
                if !self.offers_auth_tls() {
                    self.note("the server does not offer TLS; logging in without it");
                    return Ok(());
                }
            }
            TlsMode::Require => {}
        }
        let reply = self.command(&Command::AuthTls)?;
        if reply.code != 234 {
            if self.opts.tls == TlsMode::Auto {
                self.note(&format!(
                    "AUTH TLS refused ({}); logging in without TLS",
                    reply.one_line()
                ));
                return Ok(());
            }
            return Err(Error::Tls {
                what: "the server refused AUTH TLS".into(),
                source: TlsCause::Refused(reply),
                hint: Some("this server cannot encrypt; --tls=off connects without TLS (the password travels in clear)".into()),
            });
        }
        if self.has_buffered_replies() {
            return Err(Error::Protocol(
                "the server sent more data right after accepting AUTH TLS, before the TLS handshake; \
                 refusing to trust it (a possible injection attack, CVE-2021-22947)"
                    .into(),
            ));
        }
        self.upgrade_control()
    }

    /// Runs the TLS handshake on the control connection.
    pub(crate) fn upgrade_control(&mut self) -> Result<()> {
        let client = TlsClient::new(&self.opts.tls_settings, &self.host, self.opts.tls_backend)?;
        let tcp = self.control_tcp_clone()?;
        let stream = client.wrap(tcp, "control", self.opts.timeout)?;
        self.replace_control(stream);
        self.tls = Some(client);
        self.note("the control connection is encrypted (TLS)");
        Ok(())
    }

    /// PBSZ 0 and PROT P once the control connection is TLS, so data connections are too.
    pub(crate) fn protect_data(&mut self) -> Result<()> {
        if !self.is_tls() || self.prot_private {
            return Ok(());
        }
        let pbsz = self.command(&Command::Pbsz)?;
        let prot = match pbsz.is_completion() {
            true => self.command(&Command::Prot(true))?,
            false => pbsz,
        };
        if prot.is_completion() {
            self.prot_private = true;
            return Ok(());
        }
        if self.opts.tls == TlsMode::Require {
            return Err(Error::Tls {
                what: "the server refused to protect data connections (PROT P)".into(),
                source: TlsCause::Refused(prot),
                hint: Some(
                    "--tls=auto accepts unprotected data connections with an encrypted login"
                        .into(),
                ),
            });
        }
        self.note(&format!(
            "PROT P refused ({}); data connections stay unencrypted",
            prot.one_line()
        ));
        Ok(())
    }

    /// Sends the ClientHello on a fresh passive data connection right away when PROT P is in
    /// force, so the handshake that [`Session::protect_data_stream`] completes after the 1xx
    /// reply starts one round trip earlier.
    pub(crate) fn hello_on_data(&mut self, data: &mut Stream) {
        self.data_hello = None;
        if self.prot_private
            && let Some(client) = self.tls.as_ref()
            && let Stream::Plain(tcp) = data
        {
            self.data_hello = client.hello(tcp);
        }
    }

    /// Wraps a fresh data connection in TLS when PROT P is in force.
    pub(crate) fn protect_data_stream(&mut self, stream: Stream) -> Result<Stream> {
        if !self.prot_private {
            return Ok(stream);
        }
        let Stream::Plain(tcp) = stream else {
            return Ok(stream);
        };
        let client = self.tls.as_ref().expect("PROT P implies a TLS client");
        let wrapped = match self.data_hello.take() {
            Some(hello) => client.wrap_after_hello(hello, tcp, "data", self.opts.timeout)?,
            None => client.wrap(tcp, "data", self.opts.timeout)?,
        };
        if let Some(resumed) = wrapped.resumed() {
            let how = if resumed {
                "resumed the control connection's TLS session"
            } else {
                "made a new TLS session"
            };
            self.note(&format!("data connection {how}"));
        }
        Ok(wrapped)
    }
}
