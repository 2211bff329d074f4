#!/usr/bin/env bash
# Prepares the Python environment used by ferry's integration tests.
#
# Creates a virtualenv at "${FERRY_TEST_VENV:-<repo>/target/test-venv}" and
# installs pyftpdlib into it (a real FTP server the tests run ferry against), and the two
# other Python FTP servers of the interop tests: Twisted's (twisted.protocols.ftp) and aioftp,
# each started by its launcher in scripts/servers/.
# Safe to run many times and from several processes at once: the work is
# serialised with flock on "<venv>.lock", and when pyftpdlib is already
# importable the script prints nothing and exits 0 straight away.
set -euo pipefail

PYFTPDLIB_VERSION="2.2.0"
PYOPENSSL_VERSION=26.4.0 # pyftpdlib's TLS_FTPHandler (FTPS tests)
TWISTED_VERSION=26.10.0
AIOFTP_VERSION=0.28.3

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${FERRY_TEST_VENV:-$repo_root/target/test-venv}"
python="$venv/bin/python"

die() {
    echo "setup-test-env: $*" >&2
    exit 1
}

ready() {
    [ -x "$python" ] && "$python" -c 'import pyftpdlib, OpenSSL, twisted.protocols.ftp, aioftp' >/dev/null 2>&1
}

# Fast path: nothing to do, print nothing.
if ready; then
    exit 0
fi

command -v python3 >/dev/null 2>&1 || die "python3 not found on PATH"
command -v flock >/dev/null 2>&1 || die "flock not found on PATH (util-linux)"

mkdir -p "$(dirname "$venv")" || die "cannot create $(dirname "$venv")"
exec 9>"$venv.lock" || die "cannot open lock file $venv.lock"
flock 9 || die "cannot lock $venv.lock"

# Another process may have finished the job while we waited for the lock.
if ready; then
    exit 0
fi

if [ ! -x "$python" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv" >&2 ||
        die "python3 -m venv $venv failed (on Debian: apt-get install python3-venv)"
fi

"$python" -m pip install --quiet --disable-pip-version-check \
    "pyftpdlib==$PYFTPDLIB_VERSION" "pyOpenSSL==$PYOPENSSL_VERSION" \
    "Twisted==$TWISTED_VERSION" "aioftp==$AIOFTP_VERSION" >&2 ||
    die "pip install pyftpdlib, Twisted and aioftp into $venv failed"

ready || die "pyftpdlib, Twisted or aioftp still not importable from $python after install"
