#!/usr/bin/env bash
# Installs the real proxies that ferry's proxy tests (tests/cases/proxy.rs) start on loopback:
# dante-server (danted, SOCKS5 with and without username authentication) and tinyproxy (HTTP
# CONNECT), from Debian's packages (tinyproxy-bin holds the binary; the tinyproxy package
# only adds the service).
#
# Like scripts/install-servers.sh, it does not install the packages: it downloads the .debs with
# `apt-get download` and unpacks each with `dpkg-deb -x` into its own directory under
# "${FERRY_PROXIES:-/opt/ferry-proxies}" (dante-server/, tinyproxy-bin/), and installs only their
# shared libraries with apt-get. No maintainer script runs, so no service is installed, enabled
# or started: the tests start their own instances in the foreground on random loopback ports,
# each with a configuration the test writes (see tests/support/proxies.rs).
#
# The SOCKS5 tests that authenticate log in to danted as the account scripts/install-servers.sh
# creates ("ferrytest", password "ferry pass 1"), which danted checks against the system's
# passwords.
#
# Idempotent: when everything is in place it prints nothing and exits 0 straight away. Otherwise
# it needs root; it never reads standard input (fine with CI=true and no terminal).
set -euo pipefail

PACKAGES=(dante-server tinyproxy-bin)
declare -A PAYLOAD=(
    [dante-server]=usr/sbin/danted
    [tinyproxy-bin]=usr/bin/tinyproxy
)
DEST="${FERRY_PROXIES:-/opt/ferry-proxies}"
ME=install-proxies
# shellcheck source=lib/unpack-debs.sh
. "$(dirname "$0")/lib/unpack-debs.sh"

die() {
    echo "install-proxies: $*" >&2
    exit 1
}

unpacked() {
    [ -f "$DEST/$1/.ferry-unpacked" ]
}

ready() {
    local p
    for p in "${PACKAGES[@]}"; do
        unpacked "$p" || return 1
    done
}

# Fast path: nothing to do, print nothing.
if ready; then
    exit 0
fi

[ "$(id -u)" = 0 ] ||
    die "the proxies are missing; run this script once as root (sudo $0)"
command -v flock >/dev/null 2>&1 || die "flock not found on PATH (util-linux)"

# Serialise concurrent runs.
mkdir -p "$DEST"
exec 9>"$DEST/.lock" || die "cannot open $DEST/.lock"
flock 9 || die "cannot lock $DEST/.lock"
if ready; then
    exit 0
fi

work="$(mktemp -d /tmp/ferry-install-proxies.XXXXXX)"
trap 'rm -rf "$work"' EXIT
log="$work/apt.log"

missing=()
for p in "${PACKAGES[@]}"; do
    unpacked "$p" || missing+=("$p")
done
unpack_debs "$DEST" "${missing[@]}"

ready || die "setup incomplete (${PACKAGES[*]} in $DEST)"
echo "install-proxies: done" >&2
