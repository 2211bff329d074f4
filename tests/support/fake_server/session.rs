//! One control connection of the fake FTP server: reads command lines,
//! answers them like a real (vsftpd-flavoured) server, runs data transfers.
//!
//! Transfers follow vsftpd's order: the request is checked first (550/553
//! without touching the data connection), then the data connection is
//! accepted or connected, then 150 is sent. A passive client must therefore
//! connect before it waits for the 150. TYPE A converts LF <-> CRLF.

use super::{
    ACCEPT_TIMEOUT, Fs, MODIFY, Shared, accept_timeout, facts, from_ascii, is_anonymous, lock,
    ls_line, parse_eprt, parse_port, quote, read_line, resolve, to_ascii, verb_of,
};
use std::io::{self, BufReader, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::Ordering;
use std::sync::{Arc, MutexGuard};
use std::time::Duration;

const CONTROL_TIMEOUT: Duration = Duration::from_secs(30);
const DATA_TIMEOUT: Duration = Duration::from_secs(15);
const PRE_LOGIN: &[&str] = &[
    "USER", "PASS", "ACCT", "QUIT", "FEAT", "SYST", "OPTS", "AUTH",
];

/// Serves one control connection until QUIT, EOF, timeout or an I/O error.
pub(super) fn serve(ctrl: TcpStream, sh: Arc<Shared>, number: usize) -> io::Result<()> {
    let idle = sh.cfg.idle_timeout;
    ctrl.set_read_timeout(Some(idle.unwrap_or(CONTROL_TIMEOUT)))?;
    ctrl.set_write_timeout(Some(CONTROL_TIMEOUT))?;
    let mut reader = BufReader::new(ctrl.try_clone()?);
    let mut s = Session {
        sh: Arc::clone(&sh),
        number,
        ctrl,
        user: None,
        logged_in: false,
        acct_pending: false,
        cwd: "/".into(),
        binary: false,
        rest: 0,
        rnfr: None,
        pasv: None,
        active: None,
        held_final: None,
    };
    for g in &sh.cfg.greeting {
        s.reply(g)?;
    }
    // A 4xx/5xx greeting (e.g. 421 Too many users) refuses the session.
    let refused = sh
        .cfg
        .greeting
        .last()
        .is_some_and(|g| g.starts_with(['4', '5']));
    let mut next = || {
        if refused {
            Ok(None)
        } else {
            read_line(&mut reader)
        }
    };
    loop {
        let line = match next() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) if idle.is_some() && is_timeout(&e) => {
                if !sh.cfg.idle_reply.is_empty() {
                    s.reply(&sh.cfg.idle_reply)?;
                }
                break;
            }
            Err(e) => return Err(e),
        };
        let Some(line) = line else {
            s.reply("500 Command line too long.")?;
            continue;
        };
        lock(&sh.commands).push(line.clone());
        let held = s.held_final.take();
        if !s.handle(&line)? {
            break;
        }
        if let Some(reply) = held {
            s.reply(&reply)?;
        }
    }
    let _ = s.ctrl.shutdown(Shutdown::Write);
    Ok(())
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

struct Session {
    sh: Arc<Shared>,
    /// This control connection's place in the order of acceptance (from 1).
    number: usize,
    ctrl: TcpStream,
    user: Option<String>,
    logged_in: bool,
    acct_pending: bool,
    cwd: String,
    binary: bool,
    /// REST offset for the next RETR/STOR.
    rest: u64,
    rnfr: Option<String>,
    pasv: Option<TcpListener>,
    active: Option<SocketAddr>,
    /// A transfer's final reply held until the next command is answered.
    held_final: Option<String>,
}

impl Session {
    fn reply(&mut self, text: &str) -> io::Result<()> {
        let text = text.trim_end_matches(['\r', '\n']);
        self.ctrl.write_all(format!("{text}\r\n").as_bytes())
    }

    fn fs(&self) -> MutexGuard<'_, Fs> {
        lock(&self.sh.fs)
    }

    fn path(&self, arg: &str) -> String {
        resolve(&self.cwd, arg)
    }

    /// Answers one command; `Ok(false)` ends the session.
    fn handle(&mut self, line: &str) -> io::Result<bool> {
        let sh = Arc::clone(&self.sh);
        let (verb, arg) = verb_of(line);
        let once = {
            let mut used = sh.used_once.lock().unwrap();
            let hit = sh
                .cfg
                .overrides_once
                .iter()
                .enumerate()
                .find(|(i, (v, _))| !used[*i] && v.eq_ignore_ascii_case(&verb));
            hit.map(|(i, (_, r))| {
                used[i] = true;
                r
            })
        };
        let overridden = once.or_else(|| {
            sh.cfg
                .overrides
                .iter()
                .find(|(v, _)| v.eq_ignore_ascii_case(&verb))
                .map(|(_, r)| r)
        });
        if let Some(r) = overridden {
            self.reply(r)?;
            self.logged_in |= r.starts_with("230");
            return Ok(!r.starts_with("221") && !r.starts_with("421"));
        }
        if !self.logged_in && !PRE_LOGIN.contains(&verb.as_str()) {
            self.reply("530 Please login with USER and PASS.")?;
            return Ok(true);
        }
        let r = match verb.as_str() {
            "QUIT" => {
                self.reply("221 Goodbye.")?;
                return Ok(false);
            }
            "RETR" => return self.retr(arg).map(|_| true),
            "STOR" | "APPE" => return self.store(&verb, arg).map(|_| true),
            "LIST" | "NLST" | "MLSD" => return self.list(&verb, arg).map(|_| true),
            "PASV" | "EPSV" => self.passive(&verb, arg)?,
            "PORT" | "EPRT" => self.port(&verb, arg),
            "USER" | "PASS" | "ACCT" => self.login(&verb, arg),
            "MKD" | "RMD" | "DELE" | "RNFR" | "RNTO" => self.modify(&verb, arg),
            "PWD" | "XPWD" | "CWD" | "CDUP" | "XCUP" | "SIZE" | "MDTM" | "MLST" => {
                self.query(&verb, arg)
            }
            _ => self.setting(&verb, arg),
        };
        self.reply(&r)?;
        Ok(true)
    }

    fn login(&mut self, verb: &str, arg: &str) -> String {
        let cfg = &self.sh.cfg;
        let r = match (verb, self.user.take()) {
            ("USER", _) => {
                self.logged_in = false;
                self.acct_pending = false;
                self.user = Some(arg.to_string());
                match cfg.allow_anonymous && is_anonymous(arg) {
                    true => "331 Guest login ok, send your email address as password.",
                    false => "331 Please specify the password.",
                }
            }
            ("PASS", Some(user)) => {
                let anon = cfg.allow_anonymous && is_anonymous(&user);
                let busy = cfg.max_logins.as_ref().filter(|(max, _)| {
                    self.sh.active.load(std::sync::atomic::Ordering::SeqCst) > *max
                });
                if let Some((_, refusal)) = busy {
                    return refusal.clone();
                }
                if !anon && !cfg.users.iter().any(|(u, p)| *u == user && p == arg) {
                    "530 Login incorrect."
                } else if cfg.require_acct.is_some() {
                    self.acct_pending = true;
                    "332 Need account for login."
                } else {
                    self.logged_in = true;
                    "230 Login successful."
                }
            }
            ("ACCT", _) if self.acct_pending => {
                self.acct_pending = false;
                self.logged_in = cfg.require_acct.as_deref() == Some(arg);
                match self.logged_in {
                    true => "230 Login successful.",
                    false => "530 Login incorrect.",
                }
            }
            ("ACCT", _) if self.logged_in => "202 Command superfluous.",
            _ => "503 Login with USER first.",
        };
        r.to_string()
    }

    /// Commands that only change or report session settings.
    fn setting(&mut self, verb: &str, arg: &str) -> String {
        let on = |want: &str| arg.eq_ignore_ascii_case(want);
        let r = match verb {
            "SYST" => "215 UNIX Type: L8",
            "FEAT" => {
                let mut r = vec!["211-Features:".to_string()];
                r.extend(self.sh.cfg.feat.iter().cloned());
                r.push("211 End".into());
                return r.join("\r\n");
            }
            "OPTS" if on("UTF8 ON") => "200 Always in UTF8 mode.",
            "OPTS" => "501 Option not understood.",
            "TYPE" if on("A") || on("A N") => {
                self.binary = false;
                "200 Switching to ASCII mode."
            }
            "TYPE" if on("I") || on("L 8") => {
                self.binary = true;
                "200 Switching to Binary mode."
            }
            "TYPE" => "504 Bad TYPE command.",
            "MODE" if on("S") => "200 Mode set to S.",
            "STRU" if on("F") => "200 Structure set to F.",
            "MODE" | "STRU" => "504 Bad MODE/STRU command.",
            "REST" => match arg.trim().parse::<u64>() {
                Ok(n) => {
                    self.rest = n;
                    return format!("350 Restart position accepted ({n}).");
                }
                Err(_) => "501 REST requires a value greater than or equal to 0.",
            },
            "NOOP" => "200 NOOP ok.",
            "SITE" => "200 SITE command ok.",
            "ABOR" => "225 No transfer to ABOR.",
            _ => "502 Command not implemented.",
        };
        r.to_string()
    }

    /// Commands that inspect the file tree or move around in it.
    fn query(&mut self, verb: &str, arg: &str) -> String {
        let p = self.path(arg);
        let fs = self.fs();
        let size = fs.files.get(&p).map(Vec::len);
        match verb {
            "PWD" | "XPWD" => format!("257 {} is the current directory", quote(&self.cwd)),
            "SIZE" => size.map_or("550 Could not get file size.".into(), |n| {
                format!("213 {n}")
            }),
            "MDTM" if size.is_some() => format!("213 {MODIFY}"),
            "MDTM" => "550 Could not get file modification time.".into(),
            "MLST" if size.is_some() || fs.is_dir(&p) => {
                format!("250-Listing {p}\r\n {} {p}\r\n250 End", facts(size))
            }
            "MLST" => "550 No such file or directory.".into(),
            _ => {
                let p = if verb == "CWD" { p } else { self.path("..") };
                if !fs.is_dir(&p) {
                    return "550 Failed to change directory.".into();
                }
                drop(fs);
                self.cwd = p;
                "250 Directory successfully changed.".into()
            }
        }
    }

    /// Commands that change the file tree.
    fn modify(&mut self, verb: &str, arg: &str) -> String {
        let p = self.path(arg);
        let rnfr = self.rnfr.take();
        let mut fs = self.fs();
        let r = match (verb, rnfr) {
            ("MKD", _) if fs.creatable(&p) => {
                fs.dirs.insert(p.clone());
                return format!("257 {} created", quote(&p));
            }
            ("MKD", _) => "550 Create directory operation failed.",
            ("RMD", _) if p != "/" && fs.is_dir(&p) && fs.children(&p).is_empty() => {
                fs.dirs.remove(&p);
                "250 Remove directory operation successful."
            }
            ("RMD", _) => "550 Remove directory operation failed.",
            ("DELE", _) if fs.files.remove(&p).is_some() => "250 Delete operation successful.",
            ("DELE", _) => "550 Delete operation failed.",
            ("RNFR", _) if p != "/" && fs.exists(&p) => {
                drop(fs);
                self.rnfr = Some(p);
                "350 Ready for RNTO."
            }
            ("RNFR", _) => "550 RNFR command failed.",
            (_, None) => "503 RNFR required first.",
            (_, Some(from)) => {
                let into_itself = p.starts_with(&format!("{from}/"));
                if fs.exists(&from) && fs.creatable(&p) && !into_itself {
                    fs.rename(&from, &p);
                    "250 Rename successful."
                } else {
                    "550 Rename failed."
                }
            }
        };
        r.to_string()
    }

    fn passive(&mut self, verb: &str, arg: &str) -> io::Result<String> {
        let ip = self.ctrl.local_addr()?.ip();
        let family = if ip.is_ipv4() { "1" } else { "2" };
        let epsv = |p: u16| format!("229 Entering Extended Passive Mode (|||{p}|)");
        self.pasv = None;
        self.active = None;
        if verb == "EPSV" {
            if arg.eq_ignore_ascii_case("ALL") {
                return Ok("200 EPSV ALL ok.".into());
            }
            if !arg.is_empty() && arg != family {
                return Ok(format!(
                    "522 Network protocol not supported, use ({family})"
                ));
            }
            if self.sh.cfg.epsv_dead_port {
                // Bind and drop at once: nothing listens on that port afterwards.
                return Ok(epsv(TcpListener::bind((ip, 0))?.local_addr()?.port()));
            }
        }
        let v4 = match ip {
            _ if verb == "EPSV" => None,
            IpAddr::V4(v4) => Some(self.sh.cfg.pasv_advertise.unwrap_or(v4)),
            IpAddr::V6(_) => return Ok("502 PASV not available over IPv6; use EPSV.".into()),
        };
        let listener = TcpListener::bind((ip, 0))?;
        let port = listener.local_addr()?.port();
        self.pasv = Some(listener);
        Ok(match v4.map(|a| a.octets()) {
            None => epsv(port),
            Some([a, b, c, d]) => {
                let (p1, p2) = (port >> 8, port & 0xff);
                format!("227 Entering Passive Mode ({a},{b},{c},{d},{p1},{p2}).")
            }
        })
    }

    fn port(&mut self, verb: &str, arg: &str) -> String {
        self.pasv = None;
        self.active = None;
        let parsed = match verb {
            "PORT" => parse_port(arg).ok_or(false),
            _ => parse_eprt(arg),
        };
        match parsed {
            Ok(a) if a.ip().is_loopback() && a.port() != 0 => {
                self.active = Some(a);
                format!("200 {verb} command successful. Consider using EPSV.")
            }
            Ok(_) => format!("500 Illegal {verb} command."),
            Err(true) => "522 Network protocol not supported, use (1,2)".into(),
            Err(false) => format!("501 Illegal {verb} command."),
        }
    }

    /// Accepts or connects the data connection set up by PASV/EPSV/PORT/EPRT.
    /// On failure the 425 reply has already been sent.
    fn open_data(&mut self) -> io::Result<Option<TcpStream>> {
        let conn = match (self.pasv.take(), self.active.take()) {
            (Some(l), _) => accept_timeout(&l),
            (None, Some(a)) => TcpStream::connect_timeout(&a, ACCEPT_TIMEOUT),
            (None, None) => {
                self.reply("425 Use PORT or PASV first.")?;
                return Ok(None);
            }
        };
        let conn = conn.and_then(|s| {
            s.set_read_timeout(Some(DATA_TIMEOUT))?;
            s.set_write_timeout(Some(DATA_TIMEOUT))?;
            Ok(s)
        });
        match conn {
            Ok(s) => Ok(Some(s)),
            Err(e) => {
                eprintln!("fake server: data connection failed: {e}");
                self.reply("425 Failed to establish connection.")?;
                Ok(None)
            }
        }
    }

    /// Opens the data connection, replies `mark`, sends `data` and closes
    /// it. With `cut = Some((n, reply))` only `n` bytes go out, then `reply`.
    fn send(&mut self, mark: &str, data: &[u8], cut: Option<(usize, &str)>) -> io::Result<()> {
        let Some(mut conn) = self.open_data()? else {
            return Ok(());
        };
        self.reply(mark)?;
        let n = cut.map_or(data.len(), |(n, _)| n.min(data.len()));
        let sent = match self.sh.cfg.split_after_cr {
            true => send_split_after_cr(&mut conn, &data[..n]),
            false => conn.write_all(&data[..n]).and_then(|_| conn.flush()),
        };
        if cut.is_some() && self.sh.cfg.retr_stall {
            std::thread::sleep(std::time::Duration::from_secs(20));
        }
        let _ = conn.shutdown(Shutdown::Write);
        drop(conn);
        if cut.is_some() && self.sh.cfg.retr_cut_closes_control {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "cut on purpose",
            ));
        }
        match (sent, cut) {
            (Ok(()), Some((_, r))) => self.reply(r),
            (Ok(()), None)
                if self.sh.cfg.first_final_after_next
                    && mark.contains(" mode data connection for ")
                    && !self.sh.final_held.swap(true, Ordering::SeqCst) =>
            {
                self.held_final = Some(self.sh.cfg.transfer_done_reply.clone());
                Ok(())
            }
            (Ok(()), None) => self.reply(&self.sh.cfg.transfer_done_reply.clone()),
            (Err(e), _) => {
                eprintln!("fake server: data write failed: {e}");
                self.reply("426 Failure writing network stream.")
            }
        }
    }

    fn retr(&mut self, arg: &str) -> io::Result<()> {
        let offset = std::mem::take(&mut self.rest);
        let Some(content) = self.fs().files.get(&self.path(arg)).cloned() else {
            return self.reply("550 Failed to open file.");
        };
        let tail = &content[usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(content.len())..];
        let data = if self.binary {
            tail.to_vec()
        } else {
            to_ascii(tail)
        };
        let mode = if self.binary { "BINARY" } else { "ASCII" };
        let mark = match self.sh.cfg.retr_size_in_150 {
            true => format!(
                "150 Opening {mode} mode data connection for {arg} ({} bytes).",
                content.len()
            ),
            false => format!("150 Opening {mode} mode data connection for {arg}."),
        };
        let sh = Arc::clone(&self.sh);
        let cut_now = {
            let mut cuts = sh.retr_cuts.lock().unwrap();
            let here = sh.cfg.retr_cut_connection.is_none_or(|n| n == self.number);
            let due = sh.cfg.retr_truncate.is_some() && *cuts < sh.cfg.retr_truncate_times && here;
            *cuts += usize::from(due);
            due
        };
        let cut = sh
            .cfg
            .retr_truncate
            .filter(|_| cut_now)
            .map(|n| (n, sh.cfg.retr_truncate_reply.as_str()));
        self.send(&mark, &data, cut)
    }

    fn store(&mut self, verb: &str, arg: &str) -> io::Result<()> {
        let offset = usize::try_from(std::mem::take(&mut self.rest)).unwrap_or(usize::MAX);
        let p = self.path(arg);
        let writable = {
            let fs = self.fs();
            fs.files.contains_key(&p) || fs.creatable(&p)
        };
        if !writable {
            return self.reply("553 Could not create file.");
        }
        let Some(mut conn) = self.open_data()? else {
            return Ok(());
        };
        self.reply("150 Ok to send data.")?;
        let cut = {
            let mut done = self.sh.stor_cut_done.lock().unwrap();
            let cut = self.sh.cfg.stor_cut_after.filter(|_| !*done);
            *done |= cut.is_some();
            cut
        };
        let mut got = Vec::new();
        let res = match cut {
            Some(n) => (&mut conn).take(n as u64).read_to_end(&mut got),
            None => conn.read_to_end(&mut got),
        };
        drop(conn);
        lock(&self.sh.wire_uploads).insert(p.clone(), got.clone());
        got.truncate(got.len().saturating_sub(self.sh.cfg.stor_drop_tail));
        if !self.binary {
            got = from_ascii(&got);
        }
        {
            let mut fs = self.fs();
            let mut content = fs.files.remove(&p).unwrap_or_default();
            match (verb, offset) {
                ("APPE", _) => {}
                // Like a seek past the end of a real file: the gap reads as zeros.
                (_, n) => content.resize(n.min(1 << 32), 0),
            }
            content.extend_from_slice(&got);
            fs.files.insert(p, content);
        }
        if cut.is_some() {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "cut on purpose",
            ));
        }
        match res {
            Ok(_) => self.reply(&self.sh.cfg.transfer_done_reply.clone()),
            Err(e) => {
                eprintln!("fake server: data read failed: {e}");
                self.reply("426 Failure reading network stream.")
            }
        }
    }

    fn list(&mut self, verb: &str, arg: &str) -> io::Result<()> {
        let mut target = arg.trim_start();
        // Skip `ls`-style options such as `-la` that many clients send.
        while verb != "MLSD" && target.starts_with('-') {
            target = target.split_once(' ').map_or("", |(_, r)| r.trim_start());
        }
        let p = self.path(target);
        let canned = self.sh.cfg.listing_lines.clone().filter(|_| verb == "LIST");
        let lines = canned.or_else(|| {
            let fs = self.fs();
            let entries = match (fs.files.get(&p), fs.is_dir(&p)) {
                (Some(_), _) if verb == "MLSD" => return None,
                (Some(_), _) if verb == "NLST" => return Some(vec![target.to_string()]),
                (Some(d), _) => vec![(super::base_name(&p).to_string(), Some(d.len()))],
                (None, true) => fs.children(&p),
                (None, false) if self.sh.cfg.missing_lists_empty => Vec::new(),
                (None, false) => return None,
            };
            let prefix = self.sh.cfg.nlst_prefix.clone().unwrap_or_default();
            let line = |(name, size): (String, Option<usize>)| match verb {
                "LIST" => ls_line(&name, size),
                "MLSD" => format!("{} {name}", facts(size)),
                _ => format!("{prefix}{name}"),
            };
            Some(entries.into_iter().map(line).collect::<Vec<_>>())
        });
        let Some(lines) = lines else {
            return self.reply("550 No such file or directory.");
        };
        let body: String = lines.iter().map(|l| format!("{l}\r\n")).collect();
        self.send(
            "150 Here comes the directory listing.",
            body.as_bytes(),
            None,
        )
    }
}

/// Writes `data` in pieces that end right after each CR, pausing between them with Nagle off,
/// so that no read on the other side can get a CR together with the byte after it.
fn send_split_after_cr(conn: &mut TcpStream, data: &[u8]) -> io::Result<()> {
    conn.set_nodelay(true)?;
    for piece in data.split_inclusive(|&b| b == b'\r') {
        conn.write_all(piece)?;
        conn.flush()?;
        std::thread::sleep(Duration::from_millis(30));
    }
    Ok(())
}
