//! The state every front end runs actions against: at most one connection, what is needed to
//! make it again, and the user's settings.
//!
//! [`Context::session`] hands out the live session, and reconnects first when the previous one
//! was lost (server closed it, 421, timeout, a transfer that left it out of step): it connects,
//! logs in again, returns to the remote directory the user was in, and says so in one line
//! through the notice callback. A connection the server closed while idle is noticed before
//! each action ([`Context::drop_if_closed`]), so even a command that is never repeated (mkdir,
//! rename) goes to the new connection rather than failing on the dead one. A listing cache per
//! remote directory serves tab completion and globbing; every action that changes the server's
//! files clears it.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::config::settings::{Profile, Settings};
use crate::config::{Config, Credentials, PasswordPrompt};
use crate::engine::known::ServerTraits;
use crate::engine::options::CharsetChoice;
use crate::engine::session::{Login, Session, TraceFn};
use crate::engine::throttle::Throttle;
use crate::engine::tls::verify::Trust;
use crate::engine::transfer::ListKind;
use crate::error::{Error, Face, Result};
use crate::proto::charset::Charset;
use crate::proto::command::TransferType;
use crate::proto::listing::{self, Entry, Timestamp};
use crate::url::FtpUrl;

/// Where we are connected, with what is needed to connect again.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// Host name or address.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Who we logged in as.
    pub login: Login,
    /// TLS from the first byte (`ftps://`).
    pub implicit_tls: bool,
}

impl Endpoint {
    /// `user@host` (with `:port` when not 21), for prompts and messages.
    pub fn display(&self) -> String {
        format!("{}@{}", self.login.user, self.address())
    }

    /// `host` (bracketed when IPv6, with `:port` when not 21).
    pub fn address(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match self.port {
            21 => host,
            port => format!("{host}:{port}"),
        }
    }

    fn same_as(&self, other: &Endpoint) -> bool {
        self.host == other.host
            && self.port == other.port
            && self.login.user == other.login.user
            && self.login.password == other.login.password
            && self.login.account == other.login.account
            && self.implicit_tls == other.implicit_tls
    }
}

/// The TLS settings a live session was made with: a new `open` with other ones never reuses it
/// (a connection made with `--insecure` must not serve an `open` that wants the certificate
/// checked, nor a plain one an `open` that requires TLS).
#[derive(Debug, Clone, PartialEq)]
struct TlsKey {
    mode: crate::engine::tls::TlsMode,
    trust: Trust,
    max_tls12: bool,
    backend: crate::engine::tls::Backend,
}

impl TlsKey {
    fn of(options: &crate::engine::session::Options) -> TlsKey {
        TlsKey {
            mode: options.tls,
            trust: options.tls_settings.trust.clone(),
            max_tls12: options.tls_settings.max_tls12,
            backend: options.tls_backend,
        }
    }
}

/// Opens sessions to one endpoint, from any thread.
#[derive(Debug, Clone)]
pub struct Connector {
    endpoint: Endpoint,
    options: crate::engine::session::Options,
    cwd: Option<String>,
    interrupt: Arc<AtomicBool>,
    /// What the sessions to this server learned about it; every session made here shares it.
    known: ServerTraits,
}

impl Connector {
    /// Connects, logs in and changes to the remembered directory.
    pub fn connect(&self, trace: Option<TraceFn>) -> Result<Session> {
        self.connect_for(trace, None)
    }

    /// Like [`Connector::connect`], also setting the transfer type `ty` (in the same round
    /// trip as the CWD when there is one).
    pub fn connect_for(&self, trace: Option<TraceFn>, ty: Option<TransferType>) -> Result<Session> {
        let mut options = self.options.clone();
        options.implicit_tls = self.endpoint.implicit_tls;
        let mut session = Session::connect_until(
            &self.endpoint.host,
            self.endpoint.port,
            options,
            trace,
            Some(self.interrupt.clone()),
        )?;
        session.share_server_traits(self.known.clone());
        session.login(&self.endpoint.login)?;
        match (&self.cwd, ty) {
            (Some(cwd), Some(ty)) => session.cwd_and_type(cwd, ty)?,
            (Some(cwd), None) => session.cwd(cwd)?,
            (None, Some(ty)) => session.set_type(ty)?,
            (None, None) => {}
        }
        Ok(session)
    }

    /// What the sessions made here learn about the server, shared with them.
    pub fn server_traits(&self) -> &ServerTraits {
        &self.known
    }

    /// The host these sessions go to, for messages.
    pub fn host(&self) -> &str {
        &self.endpoint.host
    }

    /// The same connector, for a server that needs TLS 1.2 (see [`Context::prefer_tls12`]).
    pub fn with_tls12(&self) -> Connector {
        let mut other = self.clone();
        other.options.tls_settings.max_tls12 = true;
        other
    }
}

/// Makes a fresh trace sink for each new connection (from any lane's thread).
pub type TraceFactory = Box<dyn Fn() -> Option<TraceFn> + Send + Sync>;

/// Connection, settings and caches shared by the shell, batch mode and one-shot commands.
pub struct Context {
    /// Settings for new connections, and credentials resolution.
    pub config: Config,
    session: Option<Session>,
    endpoint: Option<Endpoint>,
    /// The TLS settings the live session was opened with.
    opened_with: Option<TlsKey>,
    /// The endpoint `close` left, for `open` without a target.
    closed: Option<Endpoint>,
    /// The remote directory to return to after a reconnect.
    remote_cwd: Option<String>,
    /// TYPE for transfers that do not say.
    pub transfer_type: TransferType,
    /// Ask before each file of mget/mput/mdelete.
    pub prompt: bool,
    /// Print `#` marks during transfers instead of a bar.
    pub hash: bool,
    /// `verbose` was turned on: `debug off` goes back to it rather than to silence.
    pub verbose: bool,
    /// See [`Context::login_refused`].
    login_refused: Option<String>,
    /// Keep the remote directory known right after connecting (the shell's prompt shows it).
    pub show_cwd: bool,
    /// Whose words notices use: flags (one-shot) or shell commands (the shell, batch files).
    pub face: Face,
    trace: TraceFactory,
    /// Set by Ctrl-C; transfers stop at the next check.
    pub interrupt: Arc<AtomicBool>,
    cache: HashMap<String, Vec<Entry>>,
    notices: Vec<String>,
    /// Why the last session was dropped, when known, for the reconnect notice.
    lost_because: Option<String>,
    /// The settings' layers, re-merged for each host opened (its config-file section).
    profile: Option<Profile>,
    /// What the sessions to the open server learned about it: kept across reconnects and
    /// shared with the lanes' sessions, new for each `open`.
    known: ServerTraits,
    /// The bandwidth limit of `config.limit_rate`, one bucket for every transfer and lane.
    throttle: Option<Arc<Throttle>>,
    /// Notices said once for the whole run (see [`Context::first_time`]).
    said: std::collections::HashSet<String>,
    /// No session was made yet for this endpoint (a background job's context): the first one
    /// is not a reconnect, so nothing is said about it.
    fresh: bool,
}

impl Context {
    /// A disconnected context.
    pub fn new(config: Config, trace: TraceFactory) -> Context {
        let throttle = config.limit_rate.map(|rate| Arc::new(Throttle::new(rate)));
        Context {
            config,
            session: None,
            endpoint: None,
            opened_with: None,
            closed: None,
            remote_cwd: None,
            transfer_type: TransferType::Binary,
            prompt: true,
            hash: false,
            verbose: false,
            login_refused: None,
            show_cwd: false,
            face: Face::CommandLine,
            trace,
            interrupt: Arc::new(AtomicBool::new(false)),
            cache: HashMap::new(),
            notices: Vec::new(),
            lost_because: None,
            profile: None,
            known: ServerTraits::new(),
            throttle,
            said: std::collections::HashSet::new(),
            fresh: false,
        }
    }

    /// True the first time `notice` is asked about for the server in hand in this run (a
    /// one-shot command, a shell session): "the server offers no hash command" is said once
    /// per server, not once per file.
    pub fn first_time(&mut self, notice: &str) -> bool {
        let host = self.endpoint.as_ref().map_or("", |e| e.host.as_str());
        self.said.insert(format!("{host}\n{notice}"))
    }

    /// The bandwidth limit every transfer draws from (`--limit-rate`, `rate`): one bucket,
    /// made again only when the rate changes, so that parallel lanes and the commands of a
    /// shell share it.
    pub fn throttle(&mut self) -> Option<Arc<Throttle>> {
        match self.config.limit_rate {
            None => self.throttle = None,
            Some(rate) if self.throttle.as_ref().map(|t| t.rate()) != Some(rate) => {
                self.throttle = Some(Arc::new(Throttle::new(rate)));
            }
            Some(_) => {}
        }
        self.throttle.clone()
    }

    /// A context for a background job: the same server, login, settings, remote directory and
    /// what was learned about the server, with its own interrupt flag (Ctrl-C in the
    /// foreground does not reach it) and no connection yet; the first action connects,
    /// quietly, with `trace` making its trace sinks. Nothing is asked in it (`prompt` off).
    pub fn sibling(&self, trace: TraceFactory) -> Result<Context> {
        let endpoint = self.endpoint.clone().ok_or_else(not_connected)?;
        let mut other = Context::new(self.config.clone(), trace);
        other.endpoint = Some(endpoint);
        other.opened_with = self.opened_with.clone();
        other.remote_cwd = self.remote_cwd.clone();
        other.transfer_type = self.transfer_type;
        other.prompt = false;
        other.known = self.known.clone();
        other.fresh = true;
        // One limit for everything ferry moves: a job draws from the foreground's bucket.
        other.throttle = self.throttle.clone();
        Ok(other)
    }

    /// Keeps the settings' layers, so that opening a host applies its config-file section.
    pub fn set_profile(&mut self, profile: Profile) {
        self.profile = Some(profile);
    }

    /// The charset chosen on the command line or with the shell's `charset`, if any (what
    /// `bookmark add` keeps).
    pub fn chosen_charset(&self) -> Option<CharsetChoice> {
        self.profile.as_ref().and_then(|p| p.command_line.charset)
    }

    /// Records a setting changed in the shell, so it outlives the next `open`.
    pub fn remember(&mut self, change: impl FnOnce(&mut Settings)) {
        if let Some(profile) = &mut self.profile {
            change(&mut profile.command_line);
        }
    }

    /// Lines the user should see (reconnects, a charset guessed from the names); taken by the
    /// front end after each action.
    pub fn take_notices(&mut self) -> Vec<String> {
        if self.config.session.charset == CharsetChoice::Auto
            && let Some(guess) = self.known.take_charset_guess()
        {
            self.notices.push(charset_notice(guess, self.face));
        }
        std::mem::take(&mut self.notices)
    }

    /// The endpoint of the current (or last lost) connection.
    pub fn endpoint(&self) -> Option<&Endpoint> {
        self.endpoint.as_ref()
    }

    /// The remote directory, as last reported by the server.
    pub fn remote_cwd(&self) -> Option<&str> {
        self.remote_cwd.as_deref()
    }

    /// Whether a live session exists (not counting one that can be re-made, nor one an
    /// interrupted transfer left out of step).
    pub fn is_connected(&self) -> bool {
        self.session.as_ref().is_some_and(Session::is_usable)
    }

    /// Resolves the login for `url` and connects, unless already connected there as the same user.
    /// With a profile, the host's config-file section applies from here on (settings, user,
    /// port).
    /// A bookmark's `charset` counts like its host's section: below the command line and the
    /// environment.
    pub fn open_url(
        &mut self,
        url: &FtpUrl,
        charset: Option<CharsetChoice>,
        prompt: PasswordPrompt<'_>,
    ) -> Result<()> {
        let mut port = url.port_or_default();
        if let Some(profile) = &self.profile {
            self.config = profile.config_for(Some(&url.host));
            if let Some(charset) = charset
                && profile.command_line.charset.is_none()
                && profile.environment.charset.is_none()
            {
                self.config.session.charset = charset;
            }
            if self.config.session.tls_settings.trust == Trust::Insecure
                && let Some(source) = insecure_source(profile)
            {
                self.notices.push(format!(
                    "warning: {source}: the certificate of {} is not checked",
                    url.host
                ));
            }
            if url.port.is_none()
                && let Some(p) = profile.port_for(&url.host)
            {
                port = p;
            }
        }
        let login = match Credentials::new(&self.config, prompt).login_for(url) {
            Ok(login) => login,
            // Ctrl-C at the password prompt cancels the open; it is not a missing password.
            Err(_) if self.interrupted_soon() => return Err(Error::Interrupted),
            Err(e) => return Err(e),
        };
        let endpoint = Endpoint {
            host: url.host.clone(),
            port,
            login,
            implicit_tls: url.scheme == crate::url::Scheme::Ftps,
        };
        self.open(endpoint)
    }

    /// True when Ctrl-C was pressed, allowing the signal's thread a moment to say so (the
    /// prompt that Ctrl-C ended can return before the flag is raised).
    fn interrupted_soon(&self) -> bool {
        for _ in 0..20 {
            if self.interrupt.load(Ordering::SeqCst) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        false
    }

    /// Connects and logs in to `endpoint` (a no-op when already there).
    pub fn open(&mut self, endpoint: Endpoint) -> Result<()> {
        let tls = TlsKey::of(&self.config.session);
        if self.session.is_some()
            && self.endpoint.as_ref().is_some_and(|e| e.same_as(&endpoint))
            && self.opened_with.as_ref() == Some(&tls)
            && self.login_refused.is_none()
        {
            return Ok(());
        }
        self.close();
        self.known = ServerTraits::new();
        let session = self.connect(&endpoint)?;
        self.session = Some(session);
        self.endpoint = Some(endpoint);
        self.opened_with = Some(tls);
        self.learn_login_dir();
        Ok(())
    }

    fn connect(&mut self, endpoint: &Endpoint) -> Result<Session> {
        let connector = Connector {
            endpoint: endpoint.clone(),
            options: self.config.session.clone(),
            cwd: None,
            interrupt: self.interrupt.clone(),
            known: self.known.clone(),
        };
        connector.connect((self.trace)())
    }

    /// What another thread needs to open more sessions like this one (parallel transfers):
    /// same server, login, settings and directory.
    pub fn connector(&self) -> Result<Connector> {
        Ok(Connector {
            endpoint: self.endpoint.clone().ok_or_else(not_connected)?,
            options: self.config.session.clone(),
            cwd: self.remote_cwd.clone(),
            interrupt: self.interrupt.clone(),
            known: self.known.clone(),
        })
    }

    /// Pretends to be connected to `host:port` as anonymous (for tests of what starts from a
    /// connected context without a server to log in to).
    #[cfg(test)]
    pub(crate) fn pretend_opened(&mut self, host: &str, port: u16) {
        self.endpoint = Some(Endpoint {
            host: host.into(),
            port,
            login: Login {
                user: "anonymous".into(),
                password: crate::proto::command::Secret::new("anonymous@"),
                account: None,
            },
            implicit_tls: false,
        });
        self.remote_cwd = Some("/pub".into());
    }

    /// A fresh trace sink, for a session made elsewhere.
    pub fn trace_sink(&self) -> Option<TraceFn> {
        (self.trace)()
    }

    /// What makes trace sinks, for sessions made on other threads.
    pub fn trace_factory(&self) -> &TraceFactory {
        &self.trace
    }

    /// Hands the live session out (to a worker thread); [`Context::return_session`] gives it
    /// back. Reconnects first if it was lost.
    pub fn lend_session(&mut self) -> Result<Session> {
        self.session()?;
        Ok(self.session.take().expect("session() made one"))
    }

    /// Takes back a lent session (`None` if it was lost meanwhile: the next action reconnects).
    pub fn return_session(&mut self, session: Option<Session>) {
        self.session = session.filter(Session::is_usable);
    }

    /// Logs in again on the current connection as someone else (`user`).
    pub fn relogin(&mut self, login: Login) -> Result<()> {
        let endpoint = self.endpoint.clone().ok_or_else(not_connected)?;
        let session = self.session()?;
        if let Err(e) = session.login(&login) {
            // The server now treats the connection as logged out, whoever it was before.
            if e.exit_code() == crate::error::ExitCode::Login {
                self.login_refused = Some(login.user);
            }
            return Err(e);
        }
        self.login_refused = None;
        self.endpoint = Some(Endpoint { login, ..endpoint });
        self.cache.clear();
        self.refresh_cwd();
        Ok(())
    }

    /// `open` without a target: the current server (reconnecting first if the connection was
    /// lost), else the one `close` left, logging in as before; an error when there is neither.
    pub fn reopen(&mut self) -> Result<()> {
        if self.endpoint.is_some() {
            return self.session().map(drop);
        }
        let endpoint = self.closed.clone().ok_or_else(|| {
            Error::Usage(
                "open: no server to open again; use open HOST [PORT], open URL or open BOOKMARK"
                    .into(),
            )
        })?;
        self.notices
            .push(format!("opening {} again", endpoint.display()));
        self.open(endpoint)
    }

    /// The user whose `user` login the server refused on the live connection, which is
    /// logged out since; `None` when the connection is logged in.
    pub fn login_refused(&self) -> Option<&str> {
        self.login_refused.as_deref()
    }

    /// QUITs and forgets the connection (but `open` without a target can make it again).
    pub fn close(&mut self) {
        self.login_refused = None;
        if let Some(session) = self.session.take() {
            session.quit();
        }
        if let Some(endpoint) = self.endpoint.take() {
            self.closed = Some(endpoint);
        }
        self.lost_because = None;
        self.remote_cwd = None;
        self.cache.clear();
    }

    /// The live session if there is one, without reconnecting.
    pub fn session_if_open(&mut self) -> Option<&mut Session> {
        self.session.as_mut()
    }

    /// The live session, reconnecting first if the last one was lost.
    pub fn session(&mut self) -> Result<&mut Session> {
        if self.session.as_ref().is_some_and(|s| !s.is_usable()) {
            self.session = None;
        }
        if self.session.is_none() {
            let endpoint = self.endpoint.clone().ok_or_else(not_connected)?;
            let why = match self.lost_because.take() {
                Some(why) => format!(" ({why})"),
                None => String::new(),
            };
            if !std::mem::replace(&mut self.fresh, false) {
                self.notices.push(format!(
                    "connection to {} was lost{why}; reconnecting",
                    endpoint.host
                ));
            }
            let mut session = self.connect(&endpoint)?;
            if let Some(cwd) = self.remote_cwd.clone() {
                session.cwd(&cwd)?;
            }
            self.session = Some(session);
            self.login_refused = None;
        }
        let throttle = self.throttle();
        let session = self.session.as_mut().expect("just made");
        session.set_throttle(throttle);
        Ok(session)
    }

    /// Before an action: drops the session if the server closed it while it sat idle (an idle
    /// timeout's 421, a reset, end of stream), so that the action's first command goes to a
    /// new connection instead of failing on the dead one. Nothing is sent to the server.
    pub fn drop_if_closed(&mut self) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        if let Err(e) = session.check_idle() {
            self.lost_because = Some(match e.reply() {
                Some(reply) => reply.one_line(),
                None => e.to_string(),
            });
            self.session = None;
        }
    }

    /// Looks at an action's error and drops the session if the connection is gone, so the
    /// next action reconnects.
    pub fn after_error(&mut self, e: &Error) {
        if e.is_connection_lost() {
            self.session = None;
        }
        if matches!(e, Error::TlsSessionReuse { .. }) && self.prefer_tls12() {
            self.notices.push(TLS12_NOTICE.into());
        }
    }

    /// Makes new connections use TLS 1.2 (the server insists on TLS session reuse, and TLS 1.3
    /// tickets are good for one resumption each); false when they already did.
    pub fn prefer_tls12(&mut self) -> bool {
        let tls = &mut self.config.session.tls_settings;
        !std::mem::replace(&mut tls.max_tls12, true)
    }

    /// The retry policy of the current settings.
    pub fn retry_policy(&self) -> crate::actions::retry::Policy {
        crate::actions::retry::Policy {
            retries: self.config.retries,
            first_wait: self.config.retry_wait,
        }
    }

    /// Asks the server where we are (PWD) and remembers it.
    pub fn refresh_cwd(&mut self) {
        let cwd = self.session.as_mut().and_then(|s| s.pwd().ok());
        self.remote_cwd = cwd;
    }

    /// After connecting: learn the login directory only when a prompt shows it (the shell);
    /// elsewhere an unknown directory is the login directory, which a reconnect returns to
    /// anyway, so one-shot commands skip the PWD round trip.
    fn learn_login_dir(&mut self) {
        if self.show_cwd {
            self.refresh_cwd();
        }
    }

    /// Forgets cached listings (after anything that changes the server's files).
    pub fn invalidate_cache(&mut self) {
        self.cache.clear();
    }

    /// The entries of remote directory `dir` ("" for the current one), from the cache or the
    /// server (MLSD when offered, else LIST).
    pub fn entries(&mut self, dir: &str) -> Result<Vec<Entry>> {
        let key = format!("{}\u{0}{dir}", self.remote_cwd.as_deref().unwrap_or(""));
        if let Some(hit) = self.cache.get(&key) {
            return Ok(hit.clone());
        }
        let session = self.session()?;
        let mlsd = session.features().has("MLST");
        let kind = if mlsd {
            ListKind::Machine
        } else {
            ListKind::Long
        };
        let mut body = Vec::new();
        let path = (!dir.is_empty()).then_some(dir);
        session.list(kind, path, &mut body)?;
        let charset = session.listing_charset(&body);
        let entries = listing::parse_listing(&body, mlsd, now(), charset);
        self.cache.insert(key, entries.clone());
        Ok(entries)
    }
}

/// Where an insecure certificate rule came from, unless the command line (which warned at
/// start) set it.
fn insecure_source(profile: &Profile) -> Option<&'static str> {
    let insecure = |s: &Settings| matches!(s.trust, Some(Trust::Insecure));
    if insecure(&profile.command_line) {
        None
    } else if insecure(&profile.environment) {
        Some("FERRY_INSECURE is set")
    } else {
        Some("insecure = true in the config file")
    }
}

/// What the user is told when a server's TLS session reuse makes ferry fall back to TLS 1.2.
pub(crate) const TLS12_NOTICE: &str = "the server insists on TLS session reuse but ran this \
     session out of TLS 1.3 tickets; using TLS 1.2 from now on";

/// The one line that says which charset was assumed for names that are not UTF-8.
fn charset_notice(guess: Charset, face: Face) -> String {
    let force = match face {
        Face::CommandLine => "use --charset NAME",
        Face::Shell => "use `charset NAME`",
    };
    format!(
        "names look like {}; assumed {guess} — {force} to force another",
        guess.canonical_name()
    )
}

fn not_connected() -> Error {
    Error::Usage("not connected: use `open HOST` or `open ftp://user@host/` first".into())
}

/// The current time, for placing LIST dates that carry no year.
fn now() -> Timestamp {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Timestamp::from_unix_seconds(secs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::command::Secret;

    fn endpoint(user: &str, password: &str, account: Option<&str>) -> Endpoint {
        Endpoint {
            host: "ftp.example.org".into(),
            port: 21,
            login: Login {
                user: user.into(),
                password: Secret::new(password),
                account: account.map(Secret::new),
            },
            implicit_tls: false,
        }
    }

    #[test]
    fn another_login_is_another_endpoint() {
        let a = endpoint("alice", "pw", None);
        assert!(a.same_as(&endpoint("alice", "pw", None)));
        assert!(!a.same_as(&endpoint("bob", "pw", None)));
        assert!(!a.same_as(&endpoint("alice", "other", None)));
        assert!(!a.same_as(&endpoint("alice", "pw", Some("acct"))));
        let mut implicit = endpoint("alice", "pw", None);
        implicit.implicit_tls = true;
        assert!(!a.same_as(&implicit));
    }

    #[test]
    fn other_tls_settings_are_another_key() {
        let base = crate::engine::session::Options::default();
        let mut insecure = base.clone();
        insecure.tls_settings.trust = Trust::Insecure;
        let mut tls12 = base.clone();
        tls12.tls_settings.max_tls12 = true;
        let mut off = base.clone();
        off.tls = crate::engine::tls::TlsMode::Off;
        assert_eq!(TlsKey::of(&base), TlsKey::of(&base.clone()));
        for other in [insecure, tls12, off] {
            assert_ne!(TlsKey::of(&base), TlsKey::of(&other));
        }
    }

    #[test]
    fn a_sibling_shares_the_place_and_knowledge_but_not_the_interrupt() {
        let mut ctx = Context::new(Config::default(), Box::new(|| None));
        assert!(ctx.sibling(Box::new(|| None)).is_err(), "not connected");
        ctx.pretend_opened("127.0.0.1", 2121);
        ctx.transfer_type = TransferType::Ascii;
        let job = ctx.sibling(Box::new(|| None)).unwrap();
        assert!(job.known.is_shared_with(&ctx.known));
        assert!(!Arc::ptr_eq(&job.interrupt, &ctx.interrupt));
        assert_eq!(job.remote_cwd(), Some("/pub"));
        assert_eq!(job.transfer_type, TransferType::Ascii);
        assert!(!job.prompt && !job.is_connected() && job.fresh);
        assert!(job.endpoint().unwrap().same_as(ctx.endpoint().unwrap()));
    }

    #[test]
    fn the_lanes_and_a_reconnect_share_what_was_learned_about_the_server() {
        let mut ctx = Context::new(Config::default(), Box::new(|| None));
        ctx.endpoint = Some(endpoint("alice", "pw", None));
        let lanes = ctx.connector().unwrap();
        assert!(lanes.known.is_shared_with(&ctx.known));
        assert!(lanes.clone().known.is_shared_with(&ctx.known));
        // A reconnect (no `open`) keeps the knowledge; `open` starts afresh (another server).
        let before = ctx.known.clone();
        assert!(ctx.connector().unwrap().known.is_shared_with(&before));
        let _ = ctx.open(Endpoint {
            host: "127.0.0.1".into(),
            port: 1,
            ..endpoint("alice", "pw", None)
        });
        assert!(!ctx.known.is_shared_with(&before));
    }
}
