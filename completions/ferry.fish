# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ferry_global_optspecs
    string join \n u/user= v/verbose q/quiet mode= passive active pasv-address= active-address= active-ports= connect-timeout= timeout= retries= retry-wait= limit-rate= charset= proxy= noproxy= tls= cacert= pin= insecure tls-max= tls-backend= b/batch= k/keep-going h/help V/version
end

function __fish_ferry_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ferry_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ferry_using_subcommand
    set -l cmd (__fish_ferry_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ferry -n "__fish_ferry_needs_command" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_needs_command" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_needs_command" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_needs_command" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_needs_command" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_needs_command" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_needs_command" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_needs_command" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_needs_command" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_needs_command" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_needs_command" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_needs_command" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_needs_command" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_needs_command" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_needs_command" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_needs_command" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_needs_command" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_needs_command" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_needs_command" -s b -l batch -d 'Run the shell commands in FILE (- for standard input), then exit' -r -F
complete -c ferry -n "__fish_ferry_needs_command" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_needs_command" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_needs_command" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_needs_command" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_needs_command" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_needs_command" -s k -l keep-going -d 'In batch mode, run on after a failing command (the exit code still reports it)'
complete -c ferry -n "__fish_ferry_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ferry -n "__fish_ferry_needs_command" -s V -l version -d 'Print version'
complete -c ferry -n "__fish_ferry_needs_command" -a "batch" -d 'Run shell commands from FILE (- for standard input): ferry batch FILE [URL]'
complete -c ferry -n "__fish_ferry_needs_command" -a "get" -d 'Download files: ferry get URL... [-o PATH | -O DIR]'
complete -c ferry -n "__fish_ferry_needs_command" -a "put" -d 'Upload files: ferry put FILE... URL (a URL ending in / is a directory)'
complete -c ferry -n "__fish_ferry_needs_command" -a "ls" -d 'List a directory: names, or the server\'s long format with -l'
complete -c ferry -n "__fish_ferry_needs_command" -a "mirror" -d 'Make LOCAL look like the remote directory URL (or, with -R, the remote like LOCAL)'
complete -c ferry -n "__fish_ferry_needs_command" -a "pget" -d 'Download one large file in N segments over N connections: ferry pget -n N URL'
complete -c ferry -n "__fish_ferry_needs_command" -a "cat" -d 'Print a remote file on standard output'
complete -c ferry -n "__fish_ferry_needs_command" -a "rm" -d 'Delete remote files'
complete -c ferry -n "__fish_ferry_needs_command" -a "mkdir" -d 'Make a remote directory'
complete -c ferry -n "__fish_ferry_needs_command" -a "rmdir" -d 'Remove an empty remote directory'
complete -c ferry -n "__fish_ferry_needs_command" -a "mv" -d 'Rename a remote file or directory (a NEW-NAME without / stays in the same directory)'
complete -c ferry -n "__fish_ferry_needs_command" -a "stat" -d 'Show a remote file\'s name, type, size and modification time (MLST, else SIZE and MDTM)'
complete -c ferry -n "__fish_ferry_needs_command" -a "size" -d 'Show a remote file\'s size in bytes'
complete -c ferry -n "__fish_ferry_needs_command" -a "modtime" -d 'Show a remote file\'s modification time (UTC)'
complete -c ferry -n "__fish_ferry_needs_command" -a "hash" -d 'Print the server\'s hashes of remote files, as sha256sum does: ferry hash [--algo A] URL...'
complete -c ferry -n "__fish_ferry_needs_command" -a "bookmark" -d 'Bookmarks: ferry bookmark add NAME URL | list | rm NAME; `ferry NAME` opens one'
complete -c ferry -n "__fish_ferry_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand batch" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand batch" -s k -l keep-going -d 'Run on after a failing command'
complete -c ferry -n "__fish_ferry_using_subcommand batch" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand batch" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand batch" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand batch" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand get" -s o -l output -d 'Write to PATH (- for standard output); only with one URL' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand get" -s O -l output-dir -d 'Write into directory DIR, keeping the remote names' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand get" -l exclude -d 'Leave out names matching GLOB in recursive transfers (repeatable)' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -s P -l parallel -d 'With -r: connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l verify -d 'After each file, compare the server\'s hash of it (HASH, XSHA256, XSHA512, XSHA1, XMD5 or XCRC) with the local copy\'s; a mismatch exits with 11. Without =require a server that cannot hash files is checked by size only' -r -f -a "auto\t''
require\t''
off\t''"
complete -c ferry -n "__fish_ferry_using_subcommand get" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand get" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand get" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand get" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand get" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand get" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand get" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand get" -s c -l continue -d 'Continue a partial transfer (REST / APPE from the remote size)'
complete -c ferry -n "__fish_ferry_using_subcommand get" -s r -l recursive -d 'Copy whole directory trees (like cp -r)'
complete -c ferry -n "__fish_ferry_using_subcommand get" -l preserve -d 'Keep modification times (MDTM on download, MFMT on upload)'
complete -c ferry -n "__fish_ferry_using_subcommand get" -s n -l no-clobber -d 'Never overwrite an existing local file'
complete -c ferry -n "__fish_ferry_using_subcommand get" -s a -l ascii -d 'Transfer as text (ASCII mode), converting line endings'
complete -c ferry -n "__fish_ferry_using_subcommand get" -l json -d 'Print one JSON object per transferred file on stdout (name, local, bytes, seconds, rate, resumed, hash)'
complete -c ferry -n "__fish_ferry_using_subcommand get" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand get" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand get" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand get" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand get" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand get" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand put" -l exclude -d 'Leave out names matching GLOB in recursive transfers (repeatable)' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -s P -l parallel -d 'With -r: connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l verify -d 'After each file, compare the server\'s hash of it (HASH, XSHA256, XSHA512, XSHA1, XMD5 or XCRC) with the local copy\'s; a mismatch exits with 11. Without =require a server that cannot hash files is checked by size only' -r -f -a "auto\t''
require\t''
off\t''"
complete -c ferry -n "__fish_ferry_using_subcommand put" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand put" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand put" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand put" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand put" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand put" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand put" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand put" -s c -l continue -d 'Continue a partial transfer (REST / APPE from the remote size)'
complete -c ferry -n "__fish_ferry_using_subcommand put" -s r -l recursive -d 'Copy whole directory trees (like cp -r)'
complete -c ferry -n "__fish_ferry_using_subcommand put" -l preserve -d 'Keep modification times (MDTM on download, MFMT on upload)'
complete -c ferry -n "__fish_ferry_using_subcommand put" -s n -l no-clobber -d 'Never overwrite an existing local file'
complete -c ferry -n "__fish_ferry_using_subcommand put" -s a -l ascii -d 'Transfer as text (ASCII mode), converting line endings'
complete -c ferry -n "__fish_ferry_using_subcommand put" -l json -d 'Print one JSON object per transferred file on stdout (name, local, bytes, seconds, rate, resumed, hash)'
complete -c ferry -n "__fish_ferry_using_subcommand put" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand put" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand put" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand put" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand put" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand put" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand ls" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand ls" -s l -l long -d 'Long listing'
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l json -d 'Parsed entries as JSON (name, type, size, modified, target, permissions)'
complete -c ferry -n "__fish_ferry_using_subcommand ls" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand ls" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand ls" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand ls" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l exclude -d 'Leave out names matching GLOB (repeatable)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -s P -l parallel -d 'Connections at once: N (1: one file at a time) or auto, the default (up to 8, opened while there is work for them)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l compare -d 'How to tell that a file differs: time (size and modification time, the default) or hash (files of the same size are compared by the server\'s hash and the local one\'s)' -r -f -a "time\t'Size and modification time (the default)'
hash\t'Size, then the server\'s hash against the local file\'s for files of the same size'"
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l verify -d 'After each file, compare the server\'s hash of it (HASH, XSHA256, XSHA512, XSHA1, XMD5 or XCRC) with the local copy\'s; a mismatch exits with 11. Without =require a server that cannot hash files is checked by size only' -r -f -a "auto\t''
require\t''
off\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -s R -l reverse -d 'Reverse: upload the local tree (SOURCE is local, TARGET remote)'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l only-newer -d 'Copy only files newer than the target\'s'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l delete -d 'Delete target files that the source does not have'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l dry-run -d 'Print what would be done, change nothing'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -s c -l continue -d 'Resume target files that are shorter than the source'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l json -d 'Print one JSON object per copied file on stdout (as get --json does); not with --dry-run, whose plan is text'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand mirror" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ferry -n "__fish_ferry_using_subcommand pget" -s n -d 'Number of segments (and connections)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -s o -l output -d 'Write to PATH' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand pget" -s O -l output-dir -d 'Write into directory DIR, keeping the remote name' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l verify -d 'After each file, compare the server\'s hash of it (HASH, XSHA256, XSHA512, XSHA1, XMD5 or XCRC) with the local copy\'s; a mismatch exits with 11. Without =require a server that cannot hash files is checked by size only' -r -f -a "auto\t''
require\t''
off\t''"
complete -c ferry -n "__fish_ferry_using_subcommand pget" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand pget" -s c -l continue -d 'Continue an interrupted pget'
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l json -d 'Print a JSON object for the file on stdout (as get --json does)'
complete -c ferry -n "__fish_ferry_using_subcommand pget" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand pget" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand pget" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand pget" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand cat" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand cat" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand cat" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand cat" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand cat" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand rm" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand mkdir" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand rmdir" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand mv" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand mv" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand mv" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand mv" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand mv" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand stat" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l json -d 'As one JSON object (name, type, size, modified)'
complete -c ferry -n "__fish_ferry_using_subcommand stat" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand stat" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand stat" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand stat" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand size" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand size" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand size" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand size" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand size" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand size" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand size" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand size" -l json -d 'As one JSON object (name, size)'
complete -c ferry -n "__fish_ferry_using_subcommand size" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand size" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand size" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand size" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand size" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand size" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l json -d 'As one JSON object (name, modified)'
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand modtime" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l algo -d 'sha256, sha512, sha1, md5 or crc32 (the strongest the server offers when not given)' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l json -d 'One JSON object per file (name, algorithm, hash)'
complete -c ferry -n "__fish_ferry_using_subcommand hash" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand hash" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand hash" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand hash" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -f -a "add" -d 'Save URL under NAME (in the shell, without URL: the server and directory you are in)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -f -a "list" -d 'List the bookmarks (passwords are never shown)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -f -a "rm" -d 'Delete a bookmark'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and not __fish_seen_subcommand_from add list rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l with-password -d 'Keep the password too (the bookmarks file is then made mode 0600)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -s u -l user -d 'Log in as USER (with PASS after a colon; otherwise from ~/.netrc, $FERRY_PASSWORD or a prompt)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l mode -d 'Data connection: auto (the default) tries EPSV, PASV, EPRT, then PORT' -r -f -a "auto\t''
passive\t''
active\t''
epsv\t''
pasv\t''
eprt\t''
port\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l pasv-address -d 'Whose address to use for PASV: the server\'s control address (peer, the default) or the one it advertises (server)' -r -f -a "peer\t''
server\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l active-address -d 'Address to announce in PORT/EPRT (your public address behind NAT)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l active-ports -d 'Local port range for active mode, e.g. 50000-50100 (what the firewall allows)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l connect-timeout -d 'Seconds to wait for a TCP connection (15)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l timeout -d 'Seconds without any answer before giving up, control and data connections (60)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l retries -d 'Retry transient failures (lost connection, timeout, 421, 425, 426, 450-452) N times (3)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l retry-wait -d 'Seconds to wait before the first retry (1); the wait doubles each time' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l limit-rate -d 'Limit downloads and uploads to RATE bytes per second, all connections together (curl\'s syntax: 500K, 2M, 1G; K = 1024; off for none)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l charset -d 'Character set of the server\'s file names: auto (the default: UTF-8 when the server offers it or its names are UTF-8, otherwise guessed from the names, saying so once), or a name such as gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l proxy -d 'Connect through this proxy, control and data connections alike: socks5h://HOST:PORT (the proxy resolves names), socks5:// (ferry does), socks4://, socks4a:// or http:// (CONNECT), with USER:PASSWORD@ when it asks; \'\' connects directly' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l noproxy -d 'Hosts to reach without the proxy: names, domains (.example.com), addresses, CIDR ranges, comma-separated, or * for all' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l tls -d 'TLS on ftp:// URLs: auto (when the server offers it, for non-anonymous logins), require (--tls alone), or off' -r -f -a "off\t''
auto\t''
require\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l cacert -d 'Trust the certificates in FILE (PEM): CAs, or the server\'s own self-signed certificate' -r -F
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l pin -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX)' -r
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l tls-max -d 'Highest TLS version to use: 1.2 or 1.3' -r -f -a "1.2\t''
1.3\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l tls-backend -d 'TLS implementation: rustls (the default; resumes TLS sessions on data connections, as vsftpd and ProFTPD require) or native (the system library; needs the native-tls build feature)' -r -f -a "rustls\t''
native\t''"
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Print the protocol conversation on stderr (passwords hidden)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'No progress bars or summaries'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l passive -d 'Passive data connections only (EPSV, then PASV); same as --mode passive'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l active -d 'Active data connections only (EPRT, then PORT); same as --mode active'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -l insecure -d 'Do not check the server\'s certificate at all (not recommended)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from help" -f -a "add" -d 'Save URL under NAME (in the shell, without URL: the server and directory you are in)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the bookmarks (passwords are never shown)'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Delete a bookmark'
complete -c ferry -n "__fish_ferry_using_subcommand bookmark; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "batch" -d 'Run shell commands from FILE (- for standard input): ferry batch FILE [URL]'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "get" -d 'Download files: ferry get URL... [-o PATH | -O DIR]'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "put" -d 'Upload files: ferry put FILE... URL (a URL ending in / is a directory)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "ls" -d 'List a directory: names, or the server\'s long format with -l'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "mirror" -d 'Make LOCAL look like the remote directory URL (or, with -R, the remote like LOCAL)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "pget" -d 'Download one large file in N segments over N connections: ferry pget -n N URL'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "cat" -d 'Print a remote file on standard output'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "rm" -d 'Delete remote files'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "mkdir" -d 'Make a remote directory'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "rmdir" -d 'Remove an empty remote directory'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "mv" -d 'Rename a remote file or directory (a NEW-NAME without / stays in the same directory)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "stat" -d 'Show a remote file\'s name, type, size and modification time (MLST, else SIZE and MDTM)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "size" -d 'Show a remote file\'s size in bytes'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "modtime" -d 'Show a remote file\'s modification time (UTC)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "hash" -d 'Print the server\'s hashes of remote files, as sha256sum does: ferry hash [--algo A] URL...'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "bookmark" -d 'Bookmarks: ferry bookmark add NAME URL | list | rm NAME; `ferry NAME` opens one'
complete -c ferry -n "__fish_ferry_using_subcommand help; and not __fish_seen_subcommand_from batch get put ls mirror pget cat rm mkdir rmdir mv stat size modtime hash bookmark help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from bookmark" -f -a "add" -d 'Save URL under NAME (in the shell, without URL: the server and directory you are in)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from bookmark" -f -a "list" -d 'List the bookmarks (passwords are never shown)'
complete -c ferry -n "__fish_ferry_using_subcommand help; and __fish_seen_subcommand_from bookmark" -f -a "rm" -d 'Delete a bookmark'
