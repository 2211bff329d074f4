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

die() {
    echo "install-proxies: $*" >&2
    exit 1
}

installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
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

# apt_get ARGS...: runs apt-get quietly, showing its output only if it fails.
apt_get() {
    if ! DEBIAN_FRONTEND=noninteractive apt-get -q -y "$@" </dev/null >"$log" 2>&1; then
        cat "$log" >&2
        return 1
    fi
}

missing=()
for p in "${PACKAGES[@]}"; do
    unpacked "$p" || missing+=("$p")
done

echo "install-proxies: unpacking ${missing[*]} into $DEST" >&2
updated=
for p in "${missing[@]}"; do
    if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then
        apt_get update || die "apt-get update failed"
        updated=1
        break
    fi
done
# The _apt sandbox user must be able to write the download directory.
mkdir "$work/debs"
chown _apt "$work/debs" 2>/dev/null || true
if ! (cd "$work/debs" && apt_get download "${missing[@]}"); then
    [ -z "$updated" ] || die "apt-get download ${missing[*]} failed"
    echo "install-proxies: retrying after apt-get update" >&2
    apt_get update || die "apt-get update failed"
    (cd "$work/debs" && apt_get download "${missing[@]}") ||
        die "apt-get download ${missing[*]} failed"
fi

# The shared libraries they need: the first alternative of each lib* dependency.
libs=()
for deb in "$work"/debs/*.deb; do
    while read -r dep; do
        dep="${dep%%|*}"
        dep="${dep%%(*}"
        dep="${dep//[[:space:]]/}"
        case "$dep" in
        lib* | zlib*) installed "$dep" || libs+=("$dep") ;;
        esac
    done < <(dpkg-deb -f "$deb" Depends | tr ',' '\n')
done
if [ "${#libs[@]}" -gt 0 ]; then
    mapfile -t libs < <(printf '%s\n' "${libs[@]}" | sort -u)
    echo "install-proxies: installing libraries ${libs[*]}" >&2
    apt_get install --no-install-recommends "${libs[@]}" ||
        die "apt-get install ${libs[*]} failed"
fi

for p in "${missing[@]}"; do
    deb=("$work"/debs/"${p}"_*.deb)
    [ -f "${deb[0]}" ] || die "apt-get download did not fetch $p"
    rm -rf "$DEST/$p.new"
    dpkg-deb -x "${deb[0]}" "$DEST/$p.new" || die "dpkg-deb -x ${deb[0]} failed"
    bin="$DEST/$p.new/${PAYLOAD[$p]}"
    [ -f "$bin" ] || die "no ${PAYLOAD[$p]} in $p"
    if ldd "$bin" | grep -q 'not found'; then
        ldd "$bin" >&2
        die "$bin is missing shared libraries"
    fi
    dpkg-deb -f "${deb[0]}" Package Version >"$DEST/$p.new/.ferry-unpacked"
    rm -rf "$DEST/$p"
    mv "$DEST/$p.new" "$DEST/$p"
done

ready || die "setup incomplete (${PACKAGES[*]} in $DEST)"
echo "install-proxies: done" >&2
