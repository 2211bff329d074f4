
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ferry' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ferry'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ferry' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Run the shell commands in FILE (- for standard input), then exit')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Run the shell commands in FILE (- for standard input), then exit')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'In batch mode, run on after a failing command (the exit code still reports it)')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'In batch mode, run on after a failing command (the exit code still reports it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Run shell commands from FILE (- for standard input): ferry batch FILE [URL]')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download files: ferry get URL... [-o PATH | -O DIR]')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Upload files: ferry put FILE... URL (a URL ending in / is a directory)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List a directory: names, or the server''s long format with -l')
            [CompletionResult]::new('mirror', 'mirror', [CompletionResultType]::ParameterValue, 'Make LOCAL look like the remote directory URL (or, with -R, the remote like LOCAL)')
            [CompletionResult]::new('pget', 'pget', [CompletionResultType]::ParameterValue, 'Download one large file in N segments over N connections: ferry pget -n N URL')
            [CompletionResult]::new('cat', 'cat', [CompletionResultType]::ParameterValue, 'Print a remote file on standard output')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete remote files')
            [CompletionResult]::new('mkdir', 'mkdir', [CompletionResultType]::ParameterValue, 'Make a remote directory')
            [CompletionResult]::new('rmdir', 'rmdir', [CompletionResultType]::ParameterValue, 'Remove an empty remote directory')
            [CompletionResult]::new('mv', 'mv', [CompletionResultType]::ParameterValue, 'Rename a remote file or directory (a NEW-NAME without / stays in the same directory)')
            [CompletionResult]::new('stat', 'stat', [CompletionResultType]::ParameterValue, 'Show a remote file''s name, type, size and modification time (MLST, else SIZE and MDTM)')
            [CompletionResult]::new('size', 'size', [CompletionResultType]::ParameterValue, 'Show a remote file''s size in bytes')
            [CompletionResult]::new('modtime', 'modtime', [CompletionResultType]::ParameterValue, 'Show a remote file''s modification time (UTC)')
            [CompletionResult]::new('bookmark', 'bookmark', [CompletionResultType]::ParameterValue, 'Bookmarks: ferry bookmark add NAME URL | list | rm NAME; `ferry NAME` opens one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ferry;batch' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Run on after a failing command')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Run on after a failing command')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;get' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to PATH (- for standard output); only with one URL')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to PATH (- for standard output); only with one URL')
            [CompletionResult]::new('-O', '-O ', [CompletionResultType]::ParameterName, 'Write into directory DIR, keeping the remote names')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Write into directory DIR, keeping the remote names')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out names matching GLOB in recursive transfers (repeatable)')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'With -r: connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'With -r: connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Continue a partial transfer (REST / APPE from the remote size)')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Continue a partial transfer (REST / APPE from the remote size)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Copy whole directory trees (like cp -r)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Copy whole directory trees (like cp -r)')
            [CompletionResult]::new('--preserve', '--preserve', [CompletionResultType]::ParameterName, 'Keep modification times (MDTM on download, MFMT on upload)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Never overwrite an existing local file')
            [CompletionResult]::new('--no-clobber', '--no-clobber', [CompletionResultType]::ParameterName, 'Never overwrite an existing local file')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Transfer as text (ASCII mode), converting line endings')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Transfer as text (ASCII mode), converting line endings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per transferred file on stdout (name, local, bytes, seconds, rate, resumed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;put' {
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out names matching GLOB in recursive transfers (repeatable)')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'With -r: connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'With -r: connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Continue a partial transfer (REST / APPE from the remote size)')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Continue a partial transfer (REST / APPE from the remote size)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Copy whole directory trees (like cp -r)')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Copy whole directory trees (like cp -r)')
            [CompletionResult]::new('--preserve', '--preserve', [CompletionResultType]::ParameterName, 'Keep modification times (MDTM on download, MFMT on upload)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Never overwrite an existing local file')
            [CompletionResult]::new('--no-clobber', '--no-clobber', [CompletionResultType]::ParameterName, 'Never overwrite an existing local file')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Transfer as text (ASCII mode), converting line endings')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Transfer as text (ASCII mode), converting line endings')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per transferred file on stdout (name, local, bytes, seconds, rate, resumed)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;ls' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Long listing')
            [CompletionResult]::new('--long', '--long', [CompletionResultType]::ParameterName, 'Long listing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Parsed entries as JSON (name, type, size, modified, target, permissions)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;mirror' {
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out names matching GLOB (repeatable)')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)')
            [CompletionResult]::new('--parallel', '--parallel', [CompletionResultType]::ParameterName, 'Connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Reverse: upload the local tree (SOURCE is local, TARGET remote)')
            [CompletionResult]::new('--reverse', '--reverse', [CompletionResultType]::ParameterName, 'Reverse: upload the local tree (SOURCE is local, TARGET remote)')
            [CompletionResult]::new('--only-newer', '--only-newer', [CompletionResultType]::ParameterName, 'Copy only files newer than the target''s')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Delete target files that the source does not have')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Resume target files that are shorter than the source')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Resume target files that are shorter than the source')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object per copied file on stdout (as get --json does); not with --dry-run, whose plan is text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;pget' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Number of segments (and connections)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to PATH')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to PATH')
            [CompletionResult]::new('-O', '-O ', [CompletionResultType]::ParameterName, 'Write into directory DIR, keeping the remote name')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Write into directory DIR, keeping the remote name')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Continue an interrupted pget')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Continue an interrupted pget')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object for the file on stdout (as get --json does)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;cat' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;rm' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;mkdir' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;rmdir' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;mv' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;stat' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'As one JSON object (name, type, size, modified)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;size' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'As one JSON object (name, size)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;modtime' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'As one JSON object (name, modified)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;bookmark' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Save URL under NAME (in the shell, without URL: the server and directory you are in)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the bookmarks (passwords are never shown)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a bookmark')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ferry;bookmark;add' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('--with-password', '--with-password', [CompletionResultType]::ParameterName, 'Keep the password too (the bookmarks file is then made mode 0600)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;bookmark;list' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;bookmark;rm' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT')
            [CompletionResult]::new('--pasv-address', '--pasv-address', [CompletionResultType]::ParameterName, 'Whose address to use for PASV: the server''s control address (peer, the default) or the one it advertises (server)')
            [CompletionResult]::new('--active-address', '--active-address', [CompletionResultType]::ParameterName, 'Address to announce in PORT/EPRT (your public address behind NAT)')
            [CompletionResult]::new('--active-ports', '--active-ports', [CompletionResultType]::ParameterName, 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a TCP connection (15)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds without any answer before giving up, control and data connections (60)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)')
            [CompletionResult]::new('--retry-wait', '--retry-wait', [CompletionResultType]::ParameterName, 'Seconds to wait before the first retry (1); the wait doubles each time')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Character set of the server''s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; '''' connects directly')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust the certificates in FILE (PEM): CAs, or the server''s own self-signed certificate')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)')
            [CompletionResult]::new('--tls-max', '--tls-max', [CompletionResultType]::ParameterName, 'Highest TLS version to use: 1.2 or 1.3')
            [CompletionResult]::new('--tls-backend', '--tls-backend', [CompletionResultType]::ParameterName, 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the protocol conversation on stderr (passwords hidden)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars or summaries')
            [CompletionResult]::new('--passive', '--passive', [CompletionResultType]::ParameterName, 'Passive data connections only (EPSV, then PASV); same as --mode passive')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Active data connections only (EPRT, then PORT); same as --mode active')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate at all (not recommended)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ferry;bookmark;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Save URL under NAME (in the shell, without URL: the server and directory you are in)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the bookmarks (passwords are never shown)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a bookmark')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ferry;bookmark;help;add' {
            break
        }
        'ferry;bookmark;help;list' {
            break
        }
        'ferry;bookmark;help;rm' {
            break
        }
        'ferry;bookmark;help;help' {
            break
        }
        'ferry;help' {
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Run shell commands from FILE (- for standard input): ferry batch FILE [URL]')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download files: ferry get URL... [-o PATH | -O DIR]')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Upload files: ferry put FILE... URL (a URL ending in / is a directory)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List a directory: names, or the server''s long format with -l')
            [CompletionResult]::new('mirror', 'mirror', [CompletionResultType]::ParameterValue, 'Make LOCAL look like the remote directory URL (or, with -R, the remote like LOCAL)')
            [CompletionResult]::new('pget', 'pget', [CompletionResultType]::ParameterValue, 'Download one large file in N segments over N connections: ferry pget -n N URL')
            [CompletionResult]::new('cat', 'cat', [CompletionResultType]::ParameterValue, 'Print a remote file on standard output')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete remote files')
            [CompletionResult]::new('mkdir', 'mkdir', [CompletionResultType]::ParameterValue, 'Make a remote directory')
            [CompletionResult]::new('rmdir', 'rmdir', [CompletionResultType]::ParameterValue, 'Remove an empty remote directory')
            [CompletionResult]::new('mv', 'mv', [CompletionResultType]::ParameterValue, 'Rename a remote file or directory (a NEW-NAME without / stays in the same directory)')
            [CompletionResult]::new('stat', 'stat', [CompletionResultType]::ParameterValue, 'Show a remote file''s name, type, size and modification time (MLST, else SIZE and MDTM)')
            [CompletionResult]::new('size', 'size', [CompletionResultType]::ParameterValue, 'Show a remote file''s size in bytes')
            [CompletionResult]::new('modtime', 'modtime', [CompletionResultType]::ParameterValue, 'Show a remote file''s modification time (UTC)')
            [CompletionResult]::new('bookmark', 'bookmark', [CompletionResultType]::ParameterValue, 'Bookmarks: ferry bookmark add NAME URL | list | rm NAME; `ferry NAME` opens one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ferry;help;batch' {
            break
        }
        'ferry;help;get' {
            break
        }
        'ferry;help;put' {
            break
        }
        'ferry;help;ls' {
            break
        }
        'ferry;help;mirror' {
            break
        }
        'ferry;help;pget' {
            break
        }
        'ferry;help;cat' {
            break
        }
        'ferry;help;rm' {
            break
        }
        'ferry;help;mkdir' {
            break
        }
        'ferry;help;rmdir' {
            break
        }
        'ferry;help;mv' {
            break
        }
        'ferry;help;stat' {
            break
        }
        'ferry;help;size' {
            break
        }
        'ferry;help;modtime' {
            break
        }
        'ferry;help;bookmark' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Save URL under NAME (in the shell, without URL: the server and directory you are in)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the bookmarks (passwords are never shown)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a bookmark')
            break
        }
        'ferry;help;bookmark;add' {
            break
        }
        'ferry;help;bookmark;list' {
            break
        }
        'ferry;help;bookmark;rm' {
            break
        }
        'ferry;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
