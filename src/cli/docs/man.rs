//! The parts of the man pages that clap_mangen cannot make from a clap definition: the shell's
//! command reference (from the shell's own clap grammar, so it cannot drift from `help`), the
//! data-connection modes with their NAT and firewall traps, the exit codes, the environment and
//! the files, written as roff sections.
//!
//! The pages turn hyphenation off (`.nh`): a variable such as `FERRY_ACTIVE_ADDRESS` or an option
//! such as `--active-ports` must never be split at the end of a line.

use std::fmt::Write as _;

use ferry::config::environment::ENVIRONMENT;

/// Text made safe for roff: backslashes and hyphens escaped, and no line starting with a
/// control character.
pub fn esc(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            match line.starts_with(['.', '\'']) {
                true => format!("\\&{line}"),
                false => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `.SH NAME` with `name \- what`.
pub fn name_section(name: &str, what: &str) -> String {
    format!(".SH NAME\n{} \\- {}\n", esc(name), esc(what))
}

/// One `.TP` entry: a bold tag and its text.
fn entry(out: &mut String, tag: &str, text: &str) {
    let _ = write!(out, ".TP\n\\fB{}\\fR\n{}\n", esc(tag), esc(text));
}

/// The data-connection modes, for both pages: what each does and where each breaks, with the
/// command-line flags and the shell commands that choose them.
pub fn modes_section() -> String {
    let paragraphs = [
        "FTP moves files and listings over a second connection, the data connection, opened \
         anew for each transfer. Which side opens it is the mode, and most FTP trouble comes \
         from a mode that the network between client and server cannot carry.",
        "In passive mode (the default; EPSV, then PASV) ferry connects to a port the server \
         names. This works from behind NAT and through most firewalls on the client's side. It \
         fails when the server's firewall blocks its passive port range (the transfer hangs, \
         or ends with 425), or when a server behind NAT names its private address in the PASV \
         reply. ferry connects to the address it reached the server on whatever the reply says \
         (--pasv-address peer, the default); --pasv-address server trusts the advertised \
         address, for load balancers, but never a private or loopback one unless the server \
         itself is on such a network.",
        "In active mode (EPRT, then PORT) the server connects back to the client. A NAT router \
         or a firewall in front of the client blocks that, unless it forwards a port range to \
         the client: give --active-address (the public address) and --active-ports LOW-HIGH \
         (the forwarded range). Use active mode when the server's passive ports are blocked.",
        "--mode auto tries EPSV, PASV, EPRT and PORT in turn and remembers what failed; \
         --passive and --active keep to one side. In the shell, passive switches between the \
         two, passive on|off|auto and mode auto|passive|active|epsv|pasv|eprt|port choose, and \
         help passive says the same in short. The settings can also come from the config file \
         and from FERRY_MODE, FERRY_PASV_ADDRESS, FERRY_ACTIVE_ADDRESS and FERRY_ACTIVE_PORTS.",
    ];
    section("PASSIVE AND ACTIVE MODE, NAT AND FIREWALLS", &paragraphs)
}

/// File names in other charsets, for both pages: `--charset`, `charset` in the shell, what
/// `auto` does, and what happens to names that cannot be written or read.
pub fn charset_section() -> String {
    let paragraphs = [
        "Servers that offer UTF8 in FEAT send names in UTF-8; many others (IIS in China, old Unix \
         servers in Europe and Japan) send GBK, Big5, Shift_JIS or Latin-1. ferry writes every \
         path it sends and reads every name it receives (listings, the 257 directory, error \
         texts) in the server's charset; local file names and its output stay UTF-8.",
        "--charset NAME (charset NAME in the shell; the charset key of config.toml, top level or \
         in a host section; FERRY_CHARSET; a bookmark added while one was chosen) takes the \
         Encoding Standard's names: utf-8, gbk, gb18030, big5, shift_jis, euc-jp, euc-kr, \
         windows-1252 (also latin1 and iso-8859-1), iso-8859-2 and the other ISO 8859 parts, \
         koi8-r, windows-1250 to -1258 and more. UTF-16 and ISO-2022-JP cannot carry FTP \
         commands and are refused. charset alone shows the charset in use and why.",
        "--charset auto, the default, uses UTF-8 when the names are UTF-8, or when FEAT offers \
         UTF8 (OPTS UTF8 ON is sent) and no listing says otherwise. When a listing's names are \
         not UTF-8, ferry guesses their charset from them and says once which it assumed and how \
         to force another. A command that names a non-ASCII file before anything was listed \
         first lists the nearest directory above it whose path is ASCII.",
        "A name the server's charset cannot hold is refused before anything is sent (exit code \
         2). Bytes of a name that do not decode are kept as characters of the private-use block \
         U+10FC80 to U+10FCFF, shown as \\xNN on a terminal, kept in --json output and local file \
         names, and sent back as the same bytes, so get, globs and a second mirror find the file \
         again.",
    ];
    section("FILE NAMES IN OTHER CHARSETS", &paragraphs)
}

/// `.SH TITLE` and its paragraphs.
fn section(title: &str, paragraphs: &[&str]) -> String {
    let mut out = format!(".SH {title}\n");
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str(".PP\n");
        }
        out.push_str(&esc(p));
        out.push('\n');
    }
    out
}

/// The exit codes (README, "Exit codes"; `ferry::error::ExitCode`).
const EXIT_CODES: &[(&str, &str)] = &[
    ("0", "success"),
    ("1", "another failure"),
    (
        "2",
        "usage: bad arguments or URL, a password needed without a terminal, an unsafe .netrc",
    ),
    (
        "3",
        "network: host not found, connection refused or timed out, connection lost, no data \
         connection possible",
    ),
    (
        "4",
        "login refused: wrong user or password, anonymous not allowed, too many users, address \
         not allowed",
    ),
    (
        "5",
        "the server refused a file operation (550 no such file or permission denied, 552, \
         553, ...)",
    ),
    ("6", "a local file could not be read or written"),
    ("7", "TLS failure"),
    (
        "8",
        "the server broke the protocol (malformed or oversized replies, a transfer ended with a \
         reply other than 226 or 250, a web or SSH server on the port)",
    ),
    (
        "9",
        "a transfer ended short (an upload the server kept short too), or the server stopped \
         answering",
    ),
    (
        "10",
        "a name from the server was refused as a local file name; the rest of a recursive \
         transfer or mirror was still done",
    ),
    (
        "11",
        "the proxy refused: its user name and password, its rules, or it does not speak the \
         protocol its URL names (a proxy that cannot be reached, or that cannot reach the \
         server, is 3)",
    ),
    (
        "12",
        "a checksum check failed (--verify): the server's hash of a file differs from the local \
         copy's (a download that fails is removed, never given its name), or --verify=require \
         met a server that cannot hash files",
    ),
    (
        "130",
        "interrupted (Ctrl-C); a download cut short keeps NAME.part, which get -c continues",
    ),
];

/// `.SH PROXIES`: how connections go through a proxy, and where it is set.
pub fn proxy_section() -> String {
    let paragraphs = [
        "--proxy URL sends every connection through a proxy: the control connection and each \
         data connection, of parallel transfers and reconnects too. socks5h://HOST:PORT is \
         SOCKS5 with the proxy resolving the server's name, socks5:// resolves it here, \
         socks4a:// and socks4:// are the older protocol, and http:// (or no scheme) uses an \
         HTTP proxy's CONNECT. USER:PASSWORD@ before the host logs in to the proxy \
         (percent-encoded: %20 for a space, %40 for @); the password is never shown. Without a \
         port, 1080 is meant. --proxy '' connects directly.",
        "Without --proxy, the proxy comes from ftp_proxy, FTP_PROXY, all_proxy or ALL_PROXY (the \
         first one set, as curl reads them), else from proxy in config.toml (at the top, or in \
         a host's section; proxy = \"\" there connects that host directly). --noproxy LIST, \
         else no_proxy or NO_PROXY, else noproxy in config.toml names the hosts reached \
         directly: names, domains (example.com covers ftp.example.com; a leading dot means the \
         same), addresses, CIDR ranges such as 10.0.0.0/8, comma-separated, or * for all.",
        "Data connections through a proxy are passive unless active mode is asked for: EPSV \
         goes to the server's name (or address) through the proxy, and a PASV reply's address \
         is treated as without a proxy (--pasv-address). --mode auto stays with EPSV and PASV; \
         it never falls into active mode through a proxy. --active (or --mode eprt|port, mode \
         active in the shell) goes through a SOCKS5 proxy, which listens for the server's \
         connection (BIND) and whose address EPRT and PORT announce (--active-address and \
         --active-ports do not apply); an HTTP or SOCKS4 proxy cannot, and active mode through \
         one is an error that says to use passive mode.",
        "A proxy that refuses the user name and password, or whose rules refuse the connection, \
         ends ferry with exit code 11; one that cannot be reached, or cannot reach the server, \
         with 3. The message names the proxy (without its password) and the proxy's own \
         reason: the SOCKS reply or the HTTP status.",
    ];
    let mut out = String::from(".SH PROXIES\n");
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str(".PP\n");
        }
        out.push_str(&esc(p));
        out.push('\n');
    }
    out
}

/// `.SH CHECKSUMS` and `.SH RATE LIMITS`: --verify, hash, mirror --compare hash and
/// --limit-rate, in the words of the command line (`shell` false) or of the shell.
pub fn checks_section(shell: bool) -> String {
    let (hash, rate) = match shell {
        true => (
            "hash [--algo A] [--json] PATH...",
            "rate RATE (rate off, rate alone shows it)",
        ),
        false => (
            "ferry hash [--algo A] [--json] URL...",
            "--limit-rate RATE (limit_rate in config.toml, FERRY_LIMIT_RATE; off for none)",
        ),
    };
    let checks = [
        "A size that matches is no proof that a file is whole. With --verify, get, put, mirror \
         and pget (which hashes the assembled file) ask the server for each file's hash after the transfer and compare it with the \
         same hash computed over the local copy while it streamed (a resumed download hashes \
         the part it continues first): the HASH command of the FTP HASH draft when FEAT offers \
         it (OPTS HASH selects the algorithm), else XSHA256, XSHA512, XSHA1, XMD5 or XCRC, the \
         strongest offered. ProFTPD's mod_digest offers them all.",
        "A mismatch fails the file with exit code 12. A download that fails the check is \
         removed and never gets its name (an older file of that name stays as it was); an \
         upload that fails it is left on the server as it is. The check is not retried: run \
         the command again. A server that offers no hash command, or an ASCII-mode transfer \
         (its bytes change on the way), is said once and checked by size only; \
         --verify=require makes either a failure (exit code 12) before anything moves.",
        "mirror --compare hash judges files of the same size on both sides by content, the \
         server's hash against the local file's, instead of by modification time.",
    ];
    let mut out = String::from(".SH CHECKSUMS\n");
    for (i, p) in checks.iter().enumerate() {
        if i > 0 {
            out.push_str(".PP\n");
        }
        out.push_str(&esc(p));
        out.push('\n');
    }
    out.push_str(".PP\n");
    out.push_str(&esc(&format!(
        "{hash} prints the server's hash of each file as sha256sum prints its own: the hex \
         digest, two spaces, the name; --json prints name, algorithm and hash."
    )));
    out.push_str("\n.SH RATE LIMITS\n");
    out.push_str(&esc(&format!(
        "{rate} limits downloads and uploads to RATE bytes per second, in curl's syntax (500K, \
         2M, 1G; K is 1024), for all the connections of a parallel transfer together. ferry \
         sleeps between chunks of a twentieth of a second's worth instead of spinning, so the \
         rate holds to within a few percent over a transfer of a few seconds. Progress bars, \
         summaries and --json (limit, bytes per second) show the limit."
    )));
    out.push('\n');
    out
}

/// `.SH EXIT STATUS`; `batch` adds how a batch file ends.
pub fn exit_section(batch: bool) -> String {
    let mut out = String::from(".SH EXIT STATUS\n");
    if batch {
        out.push_str(&esc(
            "The shell always ends with 0. A batch file ends with the exit code of its first \
             failing line or background job (with -k, after running the rest); a line that \
             starts with - (and a job it started) may fail without counting.",
        ));
        out.push('\n');
    }
    for (code, meaning) in EXIT_CODES {
        entry(&mut out, code, meaning);
    }
    out
}

/// `.SH ENVIRONMENT`: one entry per variable, the `FERRY_*` option variables from the list the
/// environment layer reads.
pub fn environment_section() -> String {
    let mut out = String::from(".SH ENVIRONMENT\n");
    entry(
        &mut out,
        "FERRY_CONFIG_DIR",
        "the directory holding config.toml and bookmarks.toml, instead of ~/.config/ferry",
    );
    entry(
        &mut out,
        "FERRY_PASSWORD",
        "the password when the URL, -u and .netrc give none (before a prompt); never printed",
    );
    for var in ENVIRONMENT {
        let option = var
            .trim_start_matches("FERRY_")
            .to_lowercase()
            .replace('_', "-");
        let text = match option.as_str() {
            "user" => "like -u USER, a name only (the password comes from FERRY_PASSWORD, .netrc \
                       or a prompt)"
                .to_owned(),
            "verbose" | "quiet" | "insecure" => format!("like --{option}: 1 or 0"),
            _ => format!("like --{option}"),
        };
        entry(&mut out, var, &text);
    }
    let rest = [
        ("NETRC", "the .netrc file to read instead of ~/.netrc"),
        ("NO_COLOR", "no colour in progress bars"),
        (
            "ftp_proxy, FTP_PROXY, all_proxy, ALL_PROXY",
            "the proxy when --proxy gives none: the first of them that is set, as curl reads \
             them for ftp:// (see PROXIES)",
        ),
        (
            "no_proxy, NO_PROXY",
            "the hosts reached without the proxy when --noproxy gives none",
        ),
        (
            "XDG_CONFIG_HOME, XDG_DATA_HOME",
            "where the config and data directories are (Linux)",
        ),
    ];
    for (var, text) in rest {
        entry(&mut out, var, text);
    }
    out.push_str(".PP\n");
    out.push_str(&esc(
        "Switches take 1 or 0 (or true/false, yes/no, on/off); an empty variable counts as \
         unset. Precedence: command line > environment > the host's section of the config file \
         > its defaults.",
    ));
    out.push('\n');
    out
}

/// `.SH FILES`.
pub fn files_section() -> String {
    let mut out = String::from(".SH FILES\n");
    for (file, text) in [
        (
            "~/.config/ferry/config.toml",
            "defaults for every option, and [hosts.\"NAME\"] sections",
        ),
        (
            "~/.config/ferry/bookmarks.toml",
            "bookmarks (mode 0600 when one holds a password)",
        ),
        (
            "~/.netrc",
            "logins; must not be readable by others when it holds passwords",
        ),
        (
            "~/.local/share/ferry/history",
            "the shell's history, without passwords",
        ),
    ] {
        entry(&mut out, file, text);
    }
    out
}

/// `.SH SEE ALSO`.
pub fn see_also(pages: &[&str]) -> String {
    let list: Vec<String> = pages
        .iter()
        .map(|p| format!("\\fB{}\\fR(1)", esc(p)))
        .collect();
    format!(".SH SEE ALSO\n{}\n", list.join(", "))
}

/// The shell's commands: each with its usage, what it does, its aliases, and its arguments and
/// options, from the shell's clap grammar. `brief` gives one line per command (for ferry(1)).
pub fn shell_commands(grammar: &clap::Command, brief: bool) -> String {
    let mut out = String::new();
    for sub in grammar.get_subcommands() {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let aliases: Vec<&str> = sub.get_all_aliases().collect();
        let mut text = about;
        if !aliases.is_empty() {
            let _ = write!(text, " (also {})", aliases.join(", "));
        }
        if brief {
            entry(&mut out, sub.get_name(), &text);
            continue;
        }
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ").trim();
        entry(&mut out, usage, &text);
        let args: Vec<&clap::Arg> = sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && a.get_id() != "help")
            .collect();
        let subs: Vec<&clap::Command> = sub.get_subcommands().collect();
        if args.is_empty() && subs.is_empty() {
            continue;
        }
        out.push_str(".RS\n");
        for arg in args {
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            entry(&mut out, &arg_tag(arg), &help);
        }
        // `bookmark add|list|rm`: each with its own usage.
        for op in subs {
            let usage = op.clone().render_usage().to_string();
            let usage = usage.trim_start_matches("Usage: ").trim();
            let about = op.get_about().map(|a| a.to_string()).unwrap_or_default();
            entry(&mut out, usage, &about);
        }
        out.push_str(".RE\n");
    }
    out
}

/// `-c, --continue`, `-P, --parallel N` or `REMOTE`.
fn arg_tag(arg: &clap::Arg) -> String {
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map(|v| v.to_string())
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    if arg.is_positional() {
        return value;
    }
    let mut names = Vec::new();
    if let Some(s) = arg.get_short() {
        names.push(format!("-{s}"));
    }
    if let Some(l) = arg.get_long() {
        names.push(format!("--{l}"));
    }
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    match takes_value {
        true => format!("{} {value}", names.join(", ")),
        false => names.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_text_is_escaped() {
        assert_eq!(esc("--tls"), "\\-\\-tls");
        assert_eq!(esc(".hidden\n'quoted"), "\\&.hidden\n\\&'quoted");
        assert_eq!(esc("a\\b"), "a\\eb");
    }

    #[test]
    fn every_option_variable_is_in_the_environment_section() {
        let text = environment_section();
        for var in ENVIRONMENT {
            assert!(text.contains(&format!("\\fB{var}\\fR")), "{var}");
        }
        assert!(text.contains("like \\-\\-active\\-ports"), "{text}");
    }
}
