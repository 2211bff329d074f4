#!/usr/bin/env bash
# Runs one FTP server in the foreground for the interop tests, and ends it with the test.
#
# tests/support/daemons.rs starts `foreground.sh SERVER ARGS...` as the leader of a new process
# group, with a pipe on standard input that it never writes to. When that pipe closes (the
# RealServer was dropped, or the test process died without dropping it), the whole group is
# killed: the server, its session processes and this script. If the server exits by itself,
# this script exits with its status.
#
# The server's standard input is this script's standard error (the test's log file): vsftpd
# writes its startup errors ("500 OOPS: ...") to fd 0, which in inetd mode is the client.
set -u

exec 3<&0
"$@" 0>&2 &
server=$!
(
    read -r _ <&3 || true
    kill -KILL -- -$$ 2>/dev/null
) &
watcher=$!
exec 3<&-

wait "$server"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"
