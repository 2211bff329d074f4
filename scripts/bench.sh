#!/usr/bin/env bash
# ferry beside curl and lftp, on the same work against the same vsftpd (issue 6, "The benchmark").
#
#   scripts/bench.sh            # full run: 1 GiB, 500 x 4 KiB, 10,000 entries, 5 rounds; writes docs/benchmarks.md
#   scripts/bench.sh --quick    # 1 round, 64 MiB, 100 files, 1,000 entries: checks the script in a minute or two
#
# Options: --rounds N, --rtt-rounds N (rounds across the 50 ms link; default: --rounds),
#          --rtt-files N (small files across the 50 ms link; default: as on loopback),
#          --no-rtt (skip the 50 ms part), --no-loopback (only the 50 ms part),
#          --wide N (many-file variants of all three tools at N connections besides 4; default 8, 0: none),
#          --rtt-parallel-only (across the 50 ms link, only the many-connection variants: the serial
#          ones take minutes each there),
#          --rate-only (only the rows under --limit-rate: 4 s of data at 1, 4 and 16 MiB/s, one
#          connection and four),
#          --slow-cap SECS (a variant whose first run takes longer
#          is not repeated; default 120), --out FILE (default docs/benchmarks.md; --quick writes
#          target/bench/quick.md instead unless --out is given).
#
# Needs root (vsftpd switches to the ferrytest account; the 50 ms link is a pair of network
# namespaces) and Debian: it installs lftp, iperf3 and time with apt-get if missing, runs
# scripts/install-servers.sh for vsftpd and builds ferry with `cargo build --release`.
# It talks only to 127.0.0.1 and to the namespaces ftpC/ftpS it makes from
# ../shared/tools/netsim (or $NETSIM). Everything it starts is stopped on exit, its temporary
# directory removed.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
NETSIM="${NETSIM:-$repo/../shared/tools/netsim}"
[ -d "$NETSIM" ] || NETSIM=/work/shared/tools/netsim

BENCH_ARGS="$*"
QUICK=0
ROUNDS=""
RTT_ROUNDS=""
RTT_FILES=""
DO_RTT=1
DO_LOOP=1
SLOW_CAP=120
OUT=""
WIDE=8
RTT_PAR_ONLY=0
RATE_ONLY=0
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) QUICK=1 ;;
    --rounds) ROUNDS="$2"; shift ;;
    --rtt-rounds) RTT_ROUNDS="$2"; shift ;;
    --rtt-files) RTT_FILES="$2"; shift ;;
    --no-rtt) DO_RTT=0 ;;
    --no-loopback) DO_LOOP=0 ;;
    --slow-cap) SLOW_CAP="$2"; shift ;;
    --wide) WIDE="$2"; shift ;;
    --rtt-parallel-only) RTT_PAR_ONLY=1 ;;
    --rate-only) RATE_ONLY=1; DO_RTT=0 ;;
    --out) OUT="$2"; shift ;;
    -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ "$QUICK" = 1 ]; then
    ROUNDS="${ROUNDS:-1}"; BIG_MIB=64; NSMALL=100; NLIST=1000
    OUT="${OUT:-$repo/target/bench/quick.md}"
else
    ROUNDS="${ROUNDS:-5}"; BIG_MIB=1024; NSMALL=500; NLIST=10000
    OUT="${OUT:-$repo/docs/benchmarks.md}"
fi
RTT_ROUNDS="${RTT_ROUNDS:-$ROUNDS}"
RTT_FILES="${RTT_FILES:-$NSMALL}"

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (vsftpd switches users; the 50 ms link needs network namespaces)"

# ---------------------------------------------------------------- tools
need=()
command -v lftp >/dev/null || need+=(lftp)
command -v iperf3 >/dev/null || need+=(iperf3)
[ -x /usr/bin/time ] || need+=(time)
command -v curl >/dev/null || need+=(curl)
command -v openssl >/dev/null || need+=(openssl)
if [ "${#need[@]}" -gt 0 ]; then
    say "installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" </dev/null >/dev/null ||
        { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" </dev/null >/dev/null; } ||
        die "apt-get install ${need[*]} failed"
fi
bash "$repo/scripts/install-servers.sh" </dev/null
VSFTPD="${FERRY_FTP_SERVERS:-/opt/ferry-ftp-servers}/vsftpd/usr/sbin/vsftpd"
[ -x "$VSFTPD" ] || die "no vsftpd at $VSFTPD"
say "building ferry (cargo build --release)"
(cd "$repo" && cargo build --release -q) || die "cargo build --release failed"
FERRY="$repo/target/release/ferry"

# Does this ferry have -P/--parallel on mget/mput (and get -r / put -r)?
PAR_MGET=0
PAR_GETR=0
if echo 'help mget' | "$FERRY" --tls=off 2>/dev/null | grep -q -- '--parallel'; then PAR_MGET=1; fi
if "$FERRY" get --help 2>/dev/null | grep -q -- '--parallel'; then PAR_GETR=1; fi

# ---------------------------------------------------------------- state and cleanup
WORK="$(mktemp -d /tmp/ferry-bench.XXXXXX)"
chmod 755 "$WORK"
PIDS=()       # process groups to kill (vsftpd instances, iperf3)
NETSIM_UP=0
cleanup() {
    local st=$?
    set +e
    for p in "${PIDS[@]}"; do kill -TERM -- "-$p" 2>/dev/null; done
    sleep 0.2
    for p in "${PIDS[@]}"; do kill -KILL -- "-$p" 2>/dev/null; done
    if [ "$NETSIM_UP" = 1 ]; then netsim_down; fi
    check_devnull
    rm -rf "$WORK"
    exit "$st"
}
# /dev/null must stay the character device: a client that "downloads to /dev/null" by writing a
# temporary file and renaming it over the target would replace it (as root) with a regular file.
check_devnull() {
    if [ ! -c /dev/null ]; then
        rm -f /dev/null && mknod -m 666 /dev/null c 1 3
        say "ERROR: /dev/null had been replaced by a regular file (restored): ${1:-}"
        return 1
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SRV="$WORK/srv"        # vsftpd's local_root for ferrytest
LOC="$WORK/local"      # the clients' side
LOG="$WORK/log"
mkdir -p "$SRV" "$LOC" "$LOG" "$WORK/empty"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---------------------------------------------------------------- data
say "preparing data: ${BIG_MIB} MiB file, $NSMALL x 4 KiB files, a directory of $NLIST entries"
head -c "$((BIG_MIB * 1024 * 1024))" /dev/urandom >"$SRV/big"
mkdir -p "$SRV/small" "$SRV/list" "$SRV/up" "$LOC/small"
python3 - "$SRV/small" "$LOC/small" "$SRV/list" "$NSMALL" "$NLIST" <<'PY'
import os, sys
small, lsmall, lst, n, nl = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
for i in range(n):
    data = os.urandom(4096)
    for d in (small, lsmall):
        with open(os.path.join(d, "f%04d.bin" % i), "wb") as f:
            f.write(data)
for i in range(nl):
    open(os.path.join(lst, "entry-%05d.txt" % i), "wb").close()
PY
chown -R ferrytest "$SRV"
# the 50 ms link may use fewer small files: a directory with the first RTT_FILES of them
mkdir -p "$SRV/rtt" "$LOC/rtt"
for f in $(cd "$SRV/small" && ls | head -n "$RTT_FILES"); do
    ln "$SRV/small/$f" "$SRV/rtt/$f"
    ln "$LOC/small/$f" "$LOC/rtt/$f"
done
chown -R ferrytest "$SRV/rtt"
# for the rows under a bandwidth limit: 4 s of data at each rate, one file and four quarters
RATES="1 4 16"
for m in $RATES; do
    mkdir -p "$SRV/rate$m/four"
    head -c "$((4 * m * 1024 * 1024))" /dev/urandom >"$SRV/rate$m/one"
    for q in 1 2 3 4; do head -c "$((m * 1024 * 1024))" /dev/urandom >"$SRV/rate$m/four/q$q"; done
done
chown -R ferrytest "$SRV"/rate*

# a self-signed certificate (openssl req -x509: CA:TRUE) for both addresses
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:10.250.0.2" \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
CERT="$WORK/cert.pem"

# ---------------------------------------------------------------- vsftpd
# write_conf ADDRESS PORT FILE
write_conf() {
    cat >"$3" <<EOF
listen=YES
listen_ipv6=NO
listen_address=$1
listen_port=$2
background=NO
seccomp_sandbox=NO
tcp_wrappers=NO
secure_chroot_dir=$WORK/empty
pam_service_name=ferry-ftp
delay_failed_login=0
max_per_ip=0
max_clients=0
pasv_enable=YES
pasv_min_port=30000
pasv_max_port=39999
port_enable=YES
connect_from_port_20=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
local_root=$SRV
chroot_local_user=YES
allow_writeable_chroot=YES
userlist_enable=NO
check_shell=NO
xferlog_enable=NO
vsftpd_log_file=$LOG/vsftpd-$2.log
# TLS offered, not forced: the plain rows log in without it (ferry --tls=off, lftp ssl-allow no)
ssl_enable=YES
rsa_cert_file=$WORK/cert.pem
rsa_private_key_file=$WORK/key.pem
force_local_logins_ssl=NO
force_local_data_ssl=NO
ssl_tlsv1=YES
ssl_sslv2=NO
ssl_sslv3=NO
ssl_ciphers=HIGH
# require_ssl_reuse is left at its default (YES)
EOF
}

# start_vsftpd NETNS|- ADDRESS PORT: starts it in its own process group and waits for 220
start_vsftpd() {
    local ns=$1 addr=$2 port=$3 pre=()
    [ "$ns" = - ] || pre=(ip netns exec "$ns")
    write_conf "$addr" "$port" "$WORK/vsftpd-$port.conf"
    "${pre[@]}" setsid "$VSFTPD" "$WORK/vsftpd-$port.conf" 0<>"$LOG/vsftpd-$port.err" 1>&0 2>&0 &
    PIDS+=($!)
    local cpre=()
    [ "$ns" = - ] || cpre=(ip netns exec ftpC)
    "${cpre[@]}" python3 - "$addr" "$port" <<'PY' || die "vsftpd on $addr:$port did not start: $(cat "$LOG/vsftpd-$port.err")"
import socket, sys, time
end = time.time() + 15
while time.time() < end:
    try:
        s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5)
        if s.recv(100).startswith(b"220"):
            s.sendall(b"QUIT\r\n"); sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}

# ---------------------------------------------------------------- the 50 ms link
# What netsim/up.sh does, with one difference: IPv6 is switched off in both namespaces before the
# TUN devices exist. Otherwise the first device to come up sends IPv6 router solicitations and DAD
# probes that the relay forwards 25 ms later to the other device, which under load is often not
# up yet; the write fails with EIO and delayrelay.py dies, silently (up.sh still exits 0).
RELAY_PID=""
netsim_up() {
    ip netns add ftpC
    NETSIM_UP=1
    ip netns add ftpS
    local ns
    for ns in ftpC ftpS; do
        ip -n "$ns" link set lo up
        ip netns exec "$ns" sh -c 'echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6; echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6'
    done
    python3 "$NETSIM/delayrelay.py" ftpC tunC ftpS tunS --delay 25 >"$LOG/relay.out" 2>&1 &
    RELAY_PID=$!
    for _ in $(seq 50); do grep -q ready "$LOG/relay.out" && break; sleep 0.1; done
    ip -n ftpC addr add 10.250.0.1 peer 10.250.0.2 dev tunC
    ip -n ftpS addr add 10.250.0.2 peer 10.250.0.1 dev tunS
    ip -n ftpS link set tunS up
    ip -n ftpC link set tunC up
    sleep 0.2
    kill -0 "$RELAY_PID" 2>/dev/null || die "the delay relay died: $(cat "$LOG/relay.out")"
}
netsim_down() {
    [ -z "$RELAY_PID" ] || kill "$RELAY_PID" 2>/dev/null
    wait "$RELAY_PID" 2>/dev/null
    ip netns del ftpC 2>/dev/null
    ip netns del ftpS 2>/dev/null
    NETSIM_UP=0
}

# ---------------------------------------------------------------- measuring
# measure ROW TOOL VARIANT ROUND -- COMMAND...: runs it (in $NSEXEC if set) under /usr/bin/time -v,
# stdout to /dev/null; appends "row tool variant round wall user sys maxrss_kib status" to RESULTS.
NSEXEC=()
declare -A SKIP=()
measure() {
    local row=$1 tool=$2 variant=$3 round=$4
    shift 5
    local key="$row|$tool|$variant"
    if [ -n "${SKIP[$key]:-}" ]; then return 0; fi
    local tf="$LOG/time.txt" ef="$LOG/last.err" t0 t1 st=ok
    rm -f "$tf"
    t0=$(date +%s%N)
    if ! timeout 1800 "${NSEXEC[@]}" /usr/bin/time -v -o "$tf" "$@" >/dev/null 2>"$ef"; then st=fail; fi
    t1=$(date +%s%N)
    check_devnull "$tool $variant" || st=fail
    if [ "$st" = ok ] && [ -n "${VERIFY:-}" ]; then
        eval "$VERIFY" || st=badresult
    fi
    local wall user sys rss
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", (b-a)/1e9}')
    user=$(awk -F': ' '/User time/{print $2}' "$tf" 2>/dev/null || echo 0)
    sys=$(awk -F': ' '/System time/{print $2}' "$tf" 2>/dev/null || echo 0)
    rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tf" 2>/dev/null || echo 0)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$row" "$tool" "$variant" "$round" "$wall" \
        "${user:-0}" "${sys:-0}" "${rss:-0}" "$st" >>"$RESULTS"
    printf 'bench: %-16s %-6s %-22s r%s %8ss  %s\n' "$row" "$tool" "$variant" "$round" "$wall" "$st" >&2
    if [ "$st" != ok ]; then
        sed 's/^/    | /' "$ef" | tail -n 5 >&2
    fi
    if awk -v w="$wall" -v c="$SLOW_CAP" 'BEGIN{exit !(w > c)}'; then
        SKIP[$key]=1
        say "  (slower than ${SLOW_CAP}s: not repeated)"
    fi
}

# rotate N ITEMS...: prints the items rotated left by N (so no tool always runs first)
rotate() {
    local n=$1
    shift
    local a=("$@") k=${#a[@]} i
    for ((i = 0; i < k; i++)); do printf '%s\n' "${a[$(((i + n) % k))]}"; done
}

count_files() { find "$1" -type f | wc -l; }
fresh_dir() { rm -rf "$1" && mkdir -p "$1"; }
clear_up() { find "$SRV/up" -mindepth 1 -delete; }

USERPASS='ferrytest:ferry pass 1'
URLUSER='ferrytest:ferry%20pass%201'

# The work, one function per kind. Each takes: ROW-PREFIX HOST PORT ROUND [DIR].
# TLS is chosen by the row name's "_tls" suffix.
tls_args() { # ferry|curl|lftp TLS?
    case "$1:$2" in
    ferry:1) echo "--tls --cacert $CERT" ;;
    ferry:0) echo "--tls=off" ;;
    curl:1) echo "--ssl-reqd --cacert $CERT" ;;
    curl:0) echo "" ;;
    lftp:1) echo "set ssl:ca-file $CERT; set ftp:ssl-force true; set ftp:ssl-protect-data true; set ftp:ssl-protect-list true;" ;;
    lftp:0) echo "set ftp:ssl-allow no;" ;;
    esac
}
LFTP_BASE='set cmd:fail-exit yes; set net:max-retries 2; set net:reconnect-interval-base 1; set xfer:clobber on;'

# run_big ROW HOST PORT ROUND TLS: one big file down (to /dev/null) and up
run_big() {
    local row=$1 host=$2 port=$3 r=$4 tls=$5 v
    local url="ftp://$URLUSER@$host:$port" ft ct lt
    read -r -a ft <<<"$(tls_args ferry "$tls")"
    read -r -a ct <<<"$(tls_args curl "$tls")"
    lt="$LFTP_BASE $(tls_args lftp "$tls")"
    for v in $(rotate "$r" ferry curl lftp); do
        VERIFY=""
        case $v in
        # ferry -o /dev/null would rename a temporary file over /dev/null: -o - with stdout on /dev/null
        ferry) measure "down_$row" ferry "get -o -" "$r" -- "$FERRY" -q "${ft[@]}" get "$url/big" -o - ;;
        curl) measure "down_$row" curl "-o /dev/null" "$r" -- curl -s -S "${ct[@]}" -o /dev/null "$url/big" ;;
        lftp) measure "down_$row" lftp "get -o /dev/null" "$r" -- lftp -u "${USERPASS/:/,}" -p "$port" \
            -e "$lt get big -o /dev/null; bye" "$host" ;;
        esac
    done
    for v in $(rotate "$r" ferry curl lftp); do
        clear_up
        VERIFY='[ "$(stat -c %s "$SRV/up/big" 2>/dev/null)" = "$(stat -c %s "$SRV/big")" ]'
        case $v in
        ferry) measure "up_$row" ferry "put" "$r" -- "$FERRY" -q "${ft[@]}" put "$SRV/big" "$url/up/big" ;;
        curl) measure "up_$row" curl "-T" "$r" -- curl -s -S "${ct[@]}" -T "$SRV/big" "$url/up/big" ;;
        lftp) measure "up_$row" lftp "put" "$r" -- lftp -u "${USERPASS/:/,}" -p "$port" \
            -e "$lt put $SRV/big -o up/big; bye" "$host" ;;
        esac
    done
    VERIFY=""
    clear_up
}

# run_small ROW HOST PORT ROUND TLS DIR N: N small files of DIR, down then up
run_small() {
    local row=$1 host=$2 port=$3 r=$4 tls=$5 dir=$6 n=$7 v
    local url="ftp://$URLUSER@$host:$port" ft ct lt
    read -r -a ft <<<"$(tls_args ferry "$tls")"
    read -r -a ct <<<"$(tls_args curl "$tls")"
    lt="$LFTP_BASE $(tls_args lftp "$tls")"
    local dl="$WORK/dl" f
    # curl config files: one process, many URLs (each url pairs with the output/upload-file before it)
    if [ ! -f "$WORK/curl-$dir-$host-down.cfg" ]; then
        for f in $(cd "$SRV/$dir" && ls); do
            printf 'output = "%s/%s"\nurl = "%s/%s/%s"\n' "$dl" "$f" "ftp://$host:$port" "$dir" "$f"
        done >"$WORK/curl-$dir-$host-down.cfg"
        for f in $(cd "$LOC/$dir" && ls); do
            printf 'upload-file = "%s/%s/%s"\nurl = "%s/up/%s"\n' "$LOC" "$dir" "$f" "ftp://$host:$port" "$f"
        done >"$WORK/curl-$dir-$host-up.cfg"
    fi
    printf 'cd %s\nlcd %s\nmget *\n' "$dir" "$dl" >"$WORK/ferry-mget.ftp"
    printf 'cd %s\nlcd %s\nmget -P 4 *\n' "$dir" "$dl" >"$WORK/ferry-mget-p4.ftp"
    printf 'cd up\nlcd %s/%s\nmput *\n' "$LOC" "$dir" >"$WORK/ferry-mput.ftp"
    printf 'cd up\nlcd %s/%s\nmput -P 4 *\n' "$LOC" "$dir" >"$WORK/ferry-mput-p4.ftp"
    printf 'cd %s\nlcd %s\nmget -P %s *\n' "$dir" "$dl" "$WIDE" >"$WORK/ferry-mget-pw.ftp"
    printf 'cd up\nlcd %s/%s\nmput -P %s *\n' "$LOC" "$dir" "$WIDE" >"$WORK/ferry-mput-pw.ftp"

    local variants=(ferry:mget ferry:get-r curl:serial curl:Z4 lftp:mget lftp:mirror-P4)
    [ "$PAR_MGET" = 1 ] && variants+=(ferry:mget-P4)
    [ "$PAR_GETR" = 1 ] && variants+=(ferry:get-r-P4)
    # the same work at more connections, for every tool alike
    [ "$WIDE" -gt 0 ] && variants+=(curl:ZW lftp:mirror-PW)
    [ "$WIDE" -gt 0 ] && [ "$PAR_MGET" = 1 ] && variants+=(ferry:mget-PW)
    # across the link, ferry strictly serial too: its round trips per file (issue 12)
    [[ "$row" == rtt_* ]] && variants+=(ferry:get-r-P1)
    if [ "$RTT_PAR_ONLY" = 1 ] && [[ "$row" == rtt_* ]]; then
        # ferry's get -r and put -r stay: as typed, they use several connections by default
        local v2=() x
        for x in "${variants[@]}"; do
            case $x in ferry:mget | curl:serial | lftp:mget) ;; *) v2+=("$x") ;; esac
        done
        variants=("${v2[@]}")
    fi
    for v in $(rotate "$r" "${variants[@]}"); do
        fresh_dir "$dl"
        VERIFY="[ \"\$(count_files $dl)\" = $n ]"
        case $v in
        ferry:mget) measure "down_$row" ferry "mget *" "$r" -- "$FERRY" -q "${ft[@]}" -b "$WORK/ferry-mget.ftp" "$url/" ;;
        ferry:mget-P4) measure "down_$row" ferry "mget -P 4 *" "$r" -- "$FERRY" -q "${ft[@]}" -b "$WORK/ferry-mget-p4.ftp" "$url/" ;;
        ferry:get-r) measure "down_$row" ferry "get -r" "$r" -- "$FERRY" -q "${ft[@]}" get -r "$url/$dir" -O "$dl" ;;
        ferry:get-r-P4) measure "down_$row" ferry "get -r -P 4" "$r" -- "$FERRY" -q "${ft[@]}" get -r -P 4 "$url/$dir" -O "$dl" ;;
        ferry:get-r-P1) measure "down_$row" ferry "get -r -P 1" "$r" -- "$FERRY" -q "${ft[@]}" get -r -P 1 "$url/$dir" -O "$dl" ;;
        ferry:mget-PW) measure "down_$row" ferry "mget -P $WIDE *" "$r" -- "$FERRY" -q "${ft[@]}" -b "$WORK/ferry-mget-pw.ftp" "$url/" ;;
        curl:ZW) measure "down_$row" curl "-Z --parallel-max $WIDE" "$r" -- curl -s -S "${ct[@]}" -u "$USERPASS" \
            --ftp-method nocwd -Z --parallel-max "$WIDE" -K "$WORK/curl-$dir-$host-down.cfg" ;;
        lftp:mirror-PW) measure "down_$row" lftp "mirror --parallel=$WIDE" "$r" -- lftp -u "${USERPASS/:/,}" -p "$port" \
            -e "$lt mirror --parallel=$WIDE $dir $dl/$dir; bye" "$host" ;;
        curl:serial) measure "down_$row" curl "many URLs, nocwd" "$r" -- curl -s -S "${ct[@]}" -u "$USERPASS" \
            --ftp-method nocwd -K "$WORK/curl-$dir-$host-down.cfg" ;;
        curl:Z4) measure "down_$row" curl "-Z --parallel-max 4" "$r" -- curl -s -S "${ct[@]}" -u "$USERPASS" \
            --ftp-method nocwd -Z --parallel-max 4 -K "$WORK/curl-$dir-$host-down.cfg" ;;
        lftp:mget) measure "down_$row" lftp "mget" "$r" -- lftp -u "${USERPASS/:/,}" -p "$port" \
            -e "$lt lcd $dl; cd $dir; mget *; bye" "$host" ;;
        lftp:mirror-P4) measure "down_$row" lftp "mirror --parallel=4" "$r" -- lftp -u "${USERPASS/:/,}" -p "$port" \
            -e "$lt mirror --parallel=4 $dir $dl/$dir; bye" "$host" ;;
        esac
    done
    rm -rf "$dl"
    for v in $(rotate "$r" "${variants[@]}"); do
        clear_up
        VERIFY="[ \"\$(count_files $SRV/up)\" = $n ]"
        case $v in
        ferry:mget) measure "up_$row" ferry "mput *" "$r" -- "$FERRY" -q "${ft[@]}" -b "$WORK/ferry-mput.ftp" "$url/" ;;
        ferry:mget-P4) measure "up_$row" ferry "mput -P 4 *" "$r" -- "$FERRY" -q "${ft[@]}" -b "$WORK/ferry-mput-p4.ftp" "$url/" ;;
        ferry:get-r) measure "up_$row" ferry "put -r" "$r" -- "$FERRY" -q "${ft[@]}" put -r "$LOC/$dir" "$url/up/" ;;
        ferry:get-r-P4) measure "up_$row" ferry "put -r -P 4" "$r" -- "$FERRY" -q "${ft[@]}" put -r -P 4 "$LOC/$dir" "$url/up/" ;;
        ferry:get-r-P1) measure "up_$row" ferry "put -r -P 1" "$r" -- "$FERRY" -q "${ft[@]}" put -r -P 1 "$LOC/$dir" "$url/up/" ;;
        ferry:mget-PW) measure "up_$row" ferry "mput -P $WIDE *" "$r" -- "$FERRY" -q "${ft[@]}" -b "$WORK/ferry-mput-pw.ftp" "$url/" ;;
        curl:ZW) measure "up_$row" curl "-Z --parallel-max $WIDE" "$r" -- curl -s -S "${ct[@]}" -u "$USERPASS" \
            --ftp-method nocwd -Z --parallel-max "$WIDE" -K "$WORK/curl-$dir-$host-up.cfg" ;;
        lftp:mirror-PW) measure "up_$row" lftp "mirror -R --parallel=$WIDE" "$r" -- lftp -u "${USERPASS/:/,}" -p "$port" \
            -e "$lt mirror -R --parallel=$WIDE $LOC/$dir up/$dir; bye" "$host" ;;
        curl:serial) measure "up_$row" curl "many URLs, nocwd" "$r" -- curl -s -S "${ct[@]}" -u "$USERPASS" \
            --ftp-method nocwd -K "$WORK/curl-$dir-$host-up.cfg" ;;
        curl:Z4) measure "up_$row" curl "-Z --parallel-max 4" "$r" -- curl -s -S "${ct[@]}" -u "$USERPASS" \
            --ftp-method nocwd -Z --parallel-max 4 -K "$WORK/curl-$dir-$host-up.cfg" ;;
        lftp:mget) measure "up_$row" lftp "mput" "$r" -- lftp -u "${USERPASS/:/,}" -p "$port" \
            -e "$lt lcd $LOC/$dir; cd up; mput *; bye" "$host" ;;
        lftp:mirror-P4) measure "up_$row" lftp "mirror -R --parallel=4" "$r" -- lftp -u "${USERPASS/:/,}" -p "$port" \
            -e "$lt mirror -R --parallel=4 $LOC/$dir up/$dir; bye" "$host" ;;
        esac
    done
    VERIFY=""
    clear_up
}

# run_list ROW HOST PORT ROUND TLS
run_list() {
    local row=$1 host=$2 port=$3 r=$4 tls=$5 v
    local url="ftp://$URLUSER@$host:$port" ft ct lt
    read -r -a ft <<<"$(tls_args ferry "$tls")"
    read -r -a ct <<<"$(tls_args curl "$tls")"
    lt="$LFTP_BASE $(tls_args lftp "$tls")"
    VERIFY=""
    for v in $(rotate "$r" ferry curl lftp); do
        case $v in
        ferry) measure "list_$row" ferry "ls" "$r" -- "$FERRY" -q "${ft[@]}" ls "$url/list/" ;;
        curl) measure "list_$row" curl "LIST dir/" "$r" -- curl -s -S "${ct[@]}" "$url/list/" ;;
        lftp) measure "list_$row" lftp "cls -1" "$r" -- lftp -u "${USERPASS/:/,}" -p "$port" \
            -e "$lt cls -1 list; bye" "$host" ;;
        esac
    done
}

# run_rate HOST PORT ROUND: 4 s of data under a limit of M MiB/s for each M in $RATES: one file
# (ferry --limit-rate, curl --limit-rate, lftp net:limit-rate), and four files over four
# connections sharing the limit (ferry get -r -P 4, lftp mirror --parallel=4 with
# net:limit-total-rate). The ideal is 4.00 s; the wall time says how close each tool keeps.
run_rate() {
    local host=$1 port=$2 r=$3 m v url="ftp://$URLUSER@$1:$2" dl="$LOC/rate-dl"
    for m in $RATES; do
        local bps=$((m * 1024 * 1024)) row="rate_$m"
        for v in $(rotate "$r" ferry:get ferry:get-r-P4 ferry:put curl:get lftp:get lftp:mirror-P4); do
            fresh_dir "$dl"
            case $v in
            ferry:get) measure "$row" ferry "--limit-rate ${m}M get" "$r" -- "$FERRY" -q --tls=off \
                --limit-rate "${m}M" get "$url/rate$m/one" -o - ;;
            ferry:get-r-P4) measure "$row" ferry "--limit-rate ${m}M get -r -P 4" "$r" -- "$FERRY" -q \
                --tls=off --limit-rate "${m}M" get -r -P 4 "$url/rate$m/four" -O "$dl" ;;
            ferry:put) measure "$row" ferry "--limit-rate ${m}M put" "$r" -- "$FERRY" -q --tls=off \
                --limit-rate "${m}M" put "$SRV/rate$m/one" "$url/up/rate-one" ;;
            curl:get) measure "$row" curl "--limit-rate ${m}M" "$r" -- curl -s -S --limit-rate "${m}M" \
                -o /dev/null "$url/rate$m/one" ;;
            lftp:get) measure "$row" lftp "net:limit-rate" "$r" -- lftp -u "${USERPASS/:/,}" -p "$port" \
                -e "$LFTP_BASE set ftp:ssl-allow no; set net:limit-rate $bps; get rate$m/one -o /dev/null; bye" "$host" ;;
            lftp:mirror-P4) measure "$row" lftp "mirror -P 4, limit-total-rate" "$r" -- lftp \
                -u "${USERPASS/:/,}" -p "$port" -e "$LFTP_BASE set ftp:ssl-allow no; set net:limit-total-rate $bps; \
                mirror --parallel=4 rate$m/four $dl; bye" "$host" ;;
            esac
        done
    done
}

# run_raw ROUND: the same bytes over a plain loopback TCP connection (iperf3), the ceiling
run_raw() {
    local r=$1 port
    port=$(free_port)
    setsid iperf3 -s -1 -B 127.0.0.1 -p "$port" >"$LOG/iperf3-server.out" 2>&1 &
    local spid=$!
    PIDS+=("$spid")
    for _ in $(seq 50); do
        ss -ltnH "sport = :$port" | grep -q . && break
        sleep 0.1
    done
    measure raw_tcp iperf3 "-n ${BIG_MIB}M" "$r" -- iperf3 -c 127.0.0.1 -p "$port" -n "${BIG_MIB}M" -l 128K
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
}

# ---------------------------------------------------------------- loopback
PORT=$(free_port)
start_vsftpd - 127.0.0.1 "$PORT"
say "vsftpd on 127.0.0.1:$PORT; $ROUNDS round(s) on loopback"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
T_START=$(date +%s)
for ((r = 1; r <= ROUNDS * DO_LOOP; r++)); do
    say "---- loopback round $r/$ROUNDS"
    run_rate 127.0.0.1 "$PORT" "$r"
    [ "$RATE_ONLY" = 1 ] && continue
    run_raw "$r"
    run_big plain 127.0.0.1 "$PORT" "$r" 0
    run_big tls 127.0.0.1 "$PORT" "$r" 1
    run_small small_plain 127.0.0.1 "$PORT" "$r" 0 small "$NSMALL"
    run_small small_tls 127.0.0.1 "$PORT" "$r" 1 small "$NSMALL"
    run_list plain 127.0.0.1 "$PORT" "$r" 0
    run_list tls 127.0.0.1 "$PORT" "$r" 1
done

# ---------------------------------------------------------------- 50 ms round trip
if [ "$DO_RTT" = 1 ]; then
    if ip netns list 2>/dev/null | grep -qE '^(ftpC|ftpS)\b'; then
        die "network namespaces ftpC/ftpS already exist (someone else's netsim?): not touching them; use --no-rtt"
    fi
    say "making the 50 ms link (namespaces ftpC/ftpS, $NETSIM/delayrelay.py, 25 ms each way)"
    netsim_up
    RPORT=2121
    start_vsftpd ftpS 10.250.0.2 "$RPORT"
    NSEXEC=(ip netns exec ftpC)
    for ((r = 1; r <= RTT_ROUNDS; r++)); do
        say "---- 50 ms RTT round $r/$RTT_ROUNDS"
        run_small rtt_small_plain 10.250.0.2 "$RPORT" "$r" 0 rtt "$RTT_FILES"
        run_small rtt_small_tls 10.250.0.2 "$RPORT" "$r" 1 rtt "$RTT_FILES"
        run_list rtt_plain 10.250.0.2 "$RPORT" "$r" 0
    done
    NSEXEC=()
fi
T_END=$(date +%s)
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- report
mkdir -p "$(dirname "$OUT")"
env -i PATH="$PATH" \
    BENCH_ARGS="$BENCH_ARGS" BENCH_QUICK="$QUICK" BENCH_ROUNDS="$ROUNDS" BENCH_RTT_ROUNDS="$RTT_ROUNDS" BENCH_DO_RTT="$DO_RTT" \
    BENCH_BIG_MIB="$BIG_MIB" BENCH_NSMALL="$NSMALL" BENCH_NLIST="$NLIST" BENCH_RTT_FILES="$RTT_FILES" \
    BENCH_SLOW_CAP="$SLOW_CAP" BENCH_WIDE="$WIDE" BENCH_RTT_PAR_ONLY="$RTT_PAR_ONLY" BENCH_PAR_MGET="$PAR_MGET" BENCH_PAR_GETR="$PAR_GETR" \
    BENCH_LOAD_BEFORE="$LOAD_BEFORE" BENCH_LOAD_AFTER="$LOAD_AFTER" BENCH_SECONDS="$((T_END - T_START))" \
    BENCH_FERRY_VERSION="$("$FERRY" --version) ($(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?'))" \
    BENCH_CURL_VERSION="$(curl --version | head -n 1)" \
    BENCH_LFTP_VERSION="$(lftp --version | head -n 1 | sed 's/ *| */ /g')" \
    BENCH_VSFTPD_VERSION="$(sed -n 's/^Version: //p' "${VSFTPD%/usr/sbin/vsftpd}/.ferry-unpacked")" \
    BENCH_IPERF_VERSION="$(iperf3 --version | head -n 1)" \
    python3 "$repo/scripts/bench_report.py" "$RESULTS" "$OUT"
say "table written to $OUT"
