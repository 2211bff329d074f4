#!/usr/bin/env bash
# Installs the real FTP servers that ferry's interop tests (tests/cases/interop.rs,
# interop_tls.rs, interop_matrix.rs, interop_ops.rs) start on loopback: vsftpd, proftpd
# (proftpd-core, plus proftpd-mod-crypto for its mod_tls module), pure-ftpd and GNU inetutils
# ftpd (inetutils-ftpd), from Debian's packages, and busybox's ftpd and tcpsvd, built from
# Debian's busybox source package (its binary packages leave those two applets out).
#
# Debian's three packages all "Provides/Conflicts: ftp-server", so dpkg cannot install them side
# by side. This script therefore does not install them: it downloads the three .debs with
# `apt-get download` and unpacks each with `dpkg-deb -x` into its own directory under
# "${FERRY_FTP_SERVERS:-/opt/ferry-ftp-servers}" (vsftpd/, proftpd-core/, proftpd-mod-crypto/,
# pure-ftpd/, inetutils-ftpd/), and
# installs only their shared libraries with apt-get. No maintainer script runs, so no service is
# installed, enabled or started and nothing listens on port 21: the tests start their own
# instances in the foreground on random ports (see tests/support/daemons.rs and longtail.rs).
#
# busybox: `apt-get source --download-only busybox` through a private deb-src list (the
# system's own sources with Types: deb-src; nothing under /etc/apt changes), Debian's patches
# applied, then a build of only the applets the tests use (ftpd with uploads and logins, tcpsvd
# to run it, ls for its listings, Unicode names as in Debian's own configuration) into
# $DEST/busybox/busybox, with the system's crypt(3) so yescrypt passwords work. About 20 s on two
# cores; gcc, make, patch and libcrypt-dev are installed when missing.
#
# It also creates what the servers authenticate against:
# - "ftp", the anonymous account (pure-ftpd serves its home, /srv/ftp), unless it exists;
# - "ferrytest", password "ferry pass 1" (with spaces), shell /usr/sbin/nologin, home
#   /var/tmp/ferrytest;
# - /etc/pam.d/ferry-ftp, a PAM service that checks only the password (no pam_shells, so the
#   nologin shell is accepted), which the test configs of vsftpd and proftpd name.
#
# Idempotent: when everything is in place it prints nothing and exits 0 straight away. Otherwise
# it needs root; it never reads standard input (fine with CI=true and no terminal).
set -euo pipefail

PACKAGES=(vsftpd proftpd-core proftpd-mod-crypto pure-ftpd inetutils-ftpd)
# What each package must contain once unpacked (proftpd-mod-crypto has no binary: ProFTPD's
# TLS module, loaded by the FTPS tests with LoadModule).
declare -A PAYLOAD=(
    [vsftpd]=usr/sbin/vsftpd
    [proftpd-core]=usr/sbin/proftpd
    [proftpd-mod-crypto]=usr/lib/proftpd/mod_tls.so
    [pure-ftpd]=usr/sbin/pure-ftpd
    [inetutils-ftpd]=usr/sbin/ftpd
)
# The busybox applets built from source (see build_busybox).
BUSYBOX_APPLETS=(FTPD FEATURE_FTPD_WRITE FEATURE_FTPD_ACCEPT_BROKEN_LIST
    FEATURE_FTPD_AUTHENTICATION TCPSVD LS FEATURE_LS_FILETYPES FEATURE_LS_FOLLOWLINKS
    FEATURE_LS_RECURSIVE FEATURE_LS_WIDTH FEATURE_LS_SORTFILES FEATURE_LS_TIMESTAMPS
    FEATURE_LS_USERNAME FEATURE_SHADOWPASSWDS LONG_OPTS FEATURE_IPV6 BUSYBOX SHOW_USAGE
    UNICODE_SUPPORT)
DEST="${FERRY_FTP_SERVERS:-/opt/ferry-ftp-servers}"
TEST_USER=ferrytest
TEST_PASSWORD='ferry pass 1'
TEST_HOME=/var/tmp/ferrytest
PAM_SERVICE=/etc/pam.d/ferry-ftp
ME=install-servers
# shellcheck source=lib/unpack-debs.sh
. "$(dirname "$0")/lib/unpack-debs.sh"

die() {
    echo "install-servers: $*" >&2
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
    unpacked busybox &&
    getent passwd ftp >/dev/null &&
        getent passwd "$TEST_USER" >/dev/null &&
        [ -d "$TEST_HOME" ] &&
        [ -f "$PAM_SERVICE" ]
}

# Fast path: nothing to do, print nothing.
if ready; then
    exit 0
fi

[ "$(id -u)" = 0 ] ||
    die "the FTP servers or the $TEST_USER account are missing; run this script once as root (sudo $0)"
command -v flock >/dev/null 2>&1 || die "flock not found on PATH (util-linux)"

# Serialise concurrent runs (several test processes starting at once).
mkdir -p "$DEST"
exec 9>"$DEST/.lock" || die "cannot open $DEST/.lock"
flock 9 || die "cannot lock $DEST/.lock"
if ready; then
    exit 0
fi

work="$(mktemp -d /tmp/ferry-install-servers.XXXXXX)"
trap 'rm -rf "$work"' EXIT
log="$work/apt.log"

missing=()
for p in "${PACKAGES[@]}"; do
    unpacked "$p" || missing+=("$p")
done
# proftpd-mod-crypto depends on exactly its own version of proftpd-core: unpack both together.
if [[ " ${missing[*]} " == *" proftpd-"* ]]; then
    for p in proftpd-core proftpd-mod-crypto; do
        [[ " ${missing[*]} " == *" $p "* ]] || missing+=("$p")
    done
fi

if [ "${#missing[@]}" -gt 0 ]; then
    unpack_debs "$DEST" "${missing[@]}"
    [ "$(sed -n 2p "$DEST/proftpd-core/.ferry-unpacked")" = \
        "$(sed -n 2p "$DEST/proftpd-mod-crypto/.ferry-unpacked")" ] ||
        die "proftpd-core and proftpd-mod-crypto were unpacked at different versions"
fi

# build_busybox: Debian's busybox source, patched, built with ftpd, tcpsvd and ls only.
build_busybox() {
    local src="$work/busybox-src" lists="$work/apt-lists" parts="$work/apt-sources"
    echo "install-servers: building busybox ftpd and tcpsvd from Debian's source package" >&2
    # What the build needs, installed when missing (all in a usual build machine's image).
    local need=() tool
    for tool in gcc:gcc make:make patch:patch bzip2:bzip2 xz:xz-utils; do
        command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool#*:}")
    done
    [ -e /usr/include/crypt.h ] || need+=(libcrypt-dev)
    if [ "${#need[@]}" -gt 0 ]; then
        echo "install-servers: installing ${need[*]} to build busybox" >&2
        apt_get install --no-install-recommends "${need[@]}" || die "apt-get install ${need[*]} failed"
    fi
    mkdir -p "$src" "$lists/partial" "$parts"
    # The system's sources, as deb-src, in a list of our own.
    local f n=0
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        sed 's/^Types:.*/Types: deb-src/' "$f" >"$parts/$n.sources"
        n=$((n + 1))
    done
    if [ -f /etc/apt/sources.list ]; then
        sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >"$parts/main.list"
    fi
    local opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$parts"
        -o "Dir::State::Lists=$lists" -o "APT::Sandbox::User=root")
    apt_get "${opts[@]}" update || die "apt-get update (deb-src) failed"
    (cd "$src" && apt_get "${opts[@]}" source --download-only busybox) ||
        die "apt-get source busybox failed"
    local orig debian version
    orig=("$src"/busybox_*.orig.tar.*)
    debian=("$src"/busybox_*.debian.tar.*)
    [ -f "${orig[0]}" ] && [ -f "${debian[0]}" ] || die "apt-get source fetched no busybox tarballs"
    version="$(sed -n 's/^Version: //p' "$src"/busybox_*.dsc | head -1)"
    mkdir "$src/tree"
    tar -xf "${orig[0]}" -C "$src/tree" --strip-components=1 || die "cannot unpack ${orig[0]}"
    tar -xf "${debian[0]}" -C "$src/tree" || die "cannot unpack ${debian[0]}"
    (
        cd "$src/tree"
        local patch
        if [ -f debian/patches/series ]; then
            for patch in $(grep -v '^#' debian/patches/series); do
                patch -p1 -s <"debian/patches/$patch" || exit 1
            done
        fi
        make allnoconfig >"$log" 2>&1 || exit 1
        local o
        for o in "${BUSYBOX_APPLETS[@]}"; do
            sed -i "s/^# CONFIG_$o is not set/CONFIG_$o=y/" .config
        done
        # yes(1) dies of SIGPIPE when oldconfig is done: judge by the .config below.
        yes "" | make oldconfig >"$log" 2>&1 || true
        for o in FTPD TCPSVD LS; do
            grep -q "^CONFIG_$o=y" .config || exit 1
        done
        make -j"$(nproc)" >"$log" 2>&1 || exit 1
    ) || {
        tail -30 "$log" >&2
        die "building busybox failed"
    }
    rm -rf "$DEST/busybox"
    install -d "$DEST/busybox"
    install -m 755 "$src/tree/busybox" "$DEST/busybox/busybox"
    "$DEST/busybox/busybox" ftpd --help >/dev/null 2>&1 || [ $? = 1 ] ||
        die "the busybox built has no working ftpd"
    printf 'Package: busybox (ftpd, tcpsvd)\nVersion: %s\n' "$version" >"$DEST/busybox/.ferry-unpacked"
}

unpacked busybox || build_busybox

if ! getent passwd ftp >/dev/null; then
    # As Debian's FTP server packages create it.
    useradd --system --home-dir /srv/ftp --no-create-home --shell /usr/sbin/nologin \
        --gid nogroup --comment "ftp daemon" ftp || die "useradd ftp failed"
fi
ftp_home="$(getent passwd ftp | cut -d: -f6)"
[ -d "$ftp_home" ] || install -d -m 755 -o root -g root "$ftp_home"

if ! getent passwd "$TEST_USER" >/dev/null; then
    useradd --home-dir "$TEST_HOME" --no-create-home --shell /usr/sbin/nologin \
        --comment "ferry interop tests" "$TEST_USER" || die "useradd $TEST_USER failed"
    printf '%s:%s\n' "$TEST_USER" "$TEST_PASSWORD" | chpasswd || die "chpasswd failed"
fi
if [ ! -d "$TEST_HOME" ]; then
    install -d -m 755 -o "$TEST_USER" -g "$(id -gn "$TEST_USER")" "$TEST_HOME"
fi

if [ ! -f "$PAM_SERVICE" ]; then
    cat >"$PAM_SERVICE" <<'END'
# PAM service of the FTP servers run by ferry's interop tests (scripts/install-servers.sh):
# the password alone, checked against /etc/shadow, so the test account can keep a nologin shell.
auth     required pam_unix.so nodelay
account  required pam_unix.so
session  required pam_permit.so
END
fi

ready || die "setup incomplete (${PACKAGES[*]} in $DEST, users ftp and $TEST_USER, $TEST_HOME, $PAM_SERVICE)"
echo "install-servers: done" >&2
