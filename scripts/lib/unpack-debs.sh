# Sourced by scripts/install-servers.sh and scripts/install-proxies.sh: Debian packages
# downloaded with `apt-get download` and unpacked with `dpkg-deb -x`, each into its own
# directory, with only their shared libraries installed. No maintainer script runs, so no
# service is installed, enabled or started.
#
# The caller defines `die MESSAGE`, `$work` (a temporary directory it removes), `$log` (a file
# in it), `$ME` (its name, for messages) and `PAYLOAD` (package -> a file the package must hold,
# checked for missing shared libraries).

# installed PACKAGE: whether dpkg has it installed.
installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# apt_get ARGS...: runs apt-get quietly, showing its output only if it fails.
apt_get() {
    if ! DEBIAN_FRONTEND=noninteractive apt-get -q -y "$@" </dev/null >"$log" 2>&1; then
        cat "$log" >&2
        return 1
    fi
}

# unpack_debs DEST PACKAGE...: each PACKAGE into DEST/PACKAGE, stamped with its name and
# version in DEST/PACKAGE/.ferry-unpacked; its lib* dependencies installed.
unpack_debs() {
    local dest="$1"
    shift
    local missing=("$@") updated= p deb bin dep libs=()
    echo "$ME: unpacking ${missing[*]} into $dest" >&2
    # apt-get update only when the package lists do not know a package, or a download from
    # stale lists fails.
    for p in "${missing[@]}"; do
        if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then
            apt_get update || die "apt-get update failed"
            updated=1
            break
        fi
    done
    # The _apt sandbox user must be able to write the download directory.
    mkdir -p "$work/debs"
    chown _apt "$work/debs" 2>/dev/null || true
    if ! (cd "$work/debs" && apt_get download "${missing[@]}"); then
        [ -z "$updated" ] || die "apt-get download ${missing[*]} failed"
        echo "$ME: retrying after apt-get update" >&2
        apt_get update || die "apt-get update failed"
        (cd "$work/debs" && apt_get download "${missing[@]}") ||
            die "apt-get download ${missing[*]} failed"
    fi

    # The shared libraries they need: the first alternative of each lib* dependency.
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
        echo "$ME: installing libraries ${libs[*]}" >&2
        apt_get install --no-install-recommends "${libs[@]}" ||
            die "apt-get install ${libs[*]} failed"
    fi

    for p in "${missing[@]}"; do
        deb=("$work"/debs/"${p}"_*.deb)
        [ -f "${deb[0]}" ] || die "apt-get download did not fetch $p"
        rm -rf "$dest/$p.new"
        dpkg-deb -x "${deb[0]}" "$dest/$p.new" || die "dpkg-deb -x ${deb[0]} failed"
        bin="$dest/$p.new/${PAYLOAD[$p]}"
        [ -f "$bin" ] || die "no ${PAYLOAD[$p]} in $p"
        if ldd "$bin" | grep -q 'not found'; then
            ldd "$bin" >&2
            die "$bin is missing shared libraries"
        fi
        dpkg-deb -f "${deb[0]}" Package Version >"$dest/$p.new/.ferry-unpacked"
        rm -rf "$dest/$p"
        mv "$dest/$p.new" "$dest/$p"
    done
}
