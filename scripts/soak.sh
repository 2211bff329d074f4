#!/usr/bin/env bash
# Faults survived, nothing lost (issue 18): ferry against a pyftpdlib server that misbehaves at
# random (scripts/faults.py: drops and stalls control connections, answers 421/425/426/450/451,
# cuts data connections in both directions), seeded so that a failure can be replayed.
#
#   scripts/soak.sh [SEEDS] [FILES]     # default: 5 seeds, 300 files
#
# Options (environment): SOAK_RATE (fault probability per event, default 0.02), SOAK_FERRY (the
# binary; default target/release/ferry, built if missing), SOAK_KEEP=1 (keep the work directory).
#
# For each seed: get -r and put -r at -P 1 and -P 4, mirror and mirror -R (each run twice: the
# second must copy nothing), pget -n 4 of the largest file. After each, every file is compared
# by SHA-256, no .part may be left, and ferry must exit 0. Prints the faults injected beside the
# retries ferry made. Talks only to 127.0.0.1. Exit 0 when every run of every seed passed.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
SEEDS="${1:-5}"
FILES="${2:-300}"
RATE="${SOAK_RATE:-0.02}"
FERRY="${SOAK_FERRY:-$repo/target/release/ferry}"

say() { printf 'soak: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

"$repo/scripts/setup-test-env.sh"
PY="${FERRY_TEST_VENV:-$repo/target/test-venv}/bin/python"
if [ ! -x "$FERRY" ]; then
    say "building ferry (cargo build --release)"
    (cd "$repo" && cargo build --release --quiet)
fi

WORK="$(mktemp -d /tmp/ferry-soak.XXXXXX)"
SERVER_PID=""
cleanup() {
    [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
    [ "${SOAK_KEEP:-0}" = 1 ] && say "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

# make_tree DIR N SEED: N files of 0-96 KiB in DIR and DIR/sub/deeper, the same for a seed
make_tree() {
    python3 - "$1" "$2" "$3" <<'PY'
import os, random, sys
root, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
for i in range(n):
    d = os.path.join(root, ["", "sub", "sub/deeper"][i % 3])
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%04d.bin" % i), "wb") as f:
        f.write(rng.randbytes(rng.randrange(0, 96 * 1024)))
PY
}

# same A B: the two trees hold the same files with the same bytes
same() {
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$WORK/a.sum"
    (cd "$2" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$WORK/b.sum"
    cmp -s "$WORK/a.sum" "$WORK/b.sum"
}

TOTAL_FAULTS=0
TOTAL_RETRIES=0
FAILED=0

# run SEED NAME CHECK -- FERRY-ARGS...: runs ferry, checks exit 0, CHECK and no .part
run() {
    local seed=$1 name=$2 check=$3
    shift 4
    local before after retries status=ok
    before=$(wc -l <"$WORK/faults.log")
    local rc=0
    "$FERRY" --retries 30 --retry-wait 0.05 --timeout 2 --connect-timeout 2 "$@" \
        >"$WORK/out.txt" 2>"$WORK/err.txt" || rc=$?
    if [ "$rc" != 0 ]; then
        status="exit $rc"
    elif ! eval "$check"; then
        status="files differ"
    elif [ -n "$(find "$WORK/local" "$WORK/root" -name '*.part*' -print -quit)" ]; then
        status=".part left: $(find "$WORK/local" "$WORK/root" -name '*.part*' | head -n 3 | tr '\n' ' ')"
    fi
    after=$(wc -l <"$WORK/faults.log")
    retries=$(grep -c 'retrying in\|reconnecting' "$WORK/err.txt" || true)
    TOTAL_FAULTS=$((TOTAL_FAULTS + after - before))
    TOTAL_RETRIES=$((TOTAL_RETRIES + retries))
    printf 'soak: seed %-3s %-22s faults %3d  retries %3d  %s\n' "$seed" "$name" \
        $((after - before)) "$retries" "$status" >&2
    if [ "$status" != ok ]; then
        FAILED=$((FAILED + 1))
        cp "$WORK/err.txt" "$WORK/failed-seed$seed-${name// /_}.err"
        tail -n 5 "$WORK/err.txt" | sed 's/^/soak:     /' >&2
    fi
}

for seed in $(seq 1 "$SEEDS"); do
    rm -rf "$WORK/root" "$WORK/local" "$WORK/src"
    mkdir -p "$WORK/root/up" "$WORK/local" "$WORK/src"
    make_tree "$WORK/root/tree" "$FILES" "$seed"
    make_tree "$WORK/src/tree" "$FILES" "$((seed + 1000))"
    : >"$WORK/faults.log"
    : >"$WORK/server.out"
    # the server lives while its stdin (a fifo held open here) does
    rm -f "$WORK/stdin" && mkfifo "$WORK/stdin"
    "$PY" "$repo/scripts/pyftpd_server.py" --host 127.0.0.1 --port 0 --root "$WORK/root" \
        --user soak:pw --faults "$seed:$RATE" --fault-log "$WORK/faults.log" --fault-stall 2.5 \
        <"$WORK/stdin" >"$WORK/server.out" 2>"$WORK/server.err" &
    SERVER_PID=$!
    exec 9>"$WORK/stdin"
    for _ in $(seq 100); do grep -q '^PORT' "$WORK/server.out" && break; sleep 0.05; done
    port=$(sed -n 's/^PORT //p' "$WORK/server.out")
    [ -n "$port" ] || die "the server did not start: $(cat "$WORK/server.err")"
    url="ftp://soak:pw@127.0.0.1:$port"
    L="$WORK/local"

    for p in 1 4; do
        rm -rf "$L/get"
        run "$seed" "get -r -P $p" "same $WORK/root/tree $L/get/tree" -- get -r -P "$p" "$url/tree" -O "$L/get"
        rm -rf "$WORK/root/up/tree"
        run "$seed" "put -r -P $p" "same $WORK/src/tree $WORK/root/up/tree" -- put -r -P "$p" "$WORK/src/tree" "$url/up/"
    done
    rm -rf "$L/mirror"
    # mirror --json prints one line per file it copied: the second run must print none
    nothing="[ ! -s $WORK/out.txt ]"
    run "$seed" "mirror" "same $WORK/root/tree $L/mirror" -- mirror --json "$url/tree" "$L/mirror"
    run "$seed" "mirror again" "same $WORK/root/tree $L/mirror && $nothing" -- mirror --json "$url/tree" "$L/mirror"
    rm -rf "$WORK/root/mirrored"
    mkdir -p "$WORK/root/mirrored"
    run "$seed" "mirror -R" "same $WORK/src/tree $WORK/root/mirrored" -- mirror -R --json "$WORK/src/tree" "$url/mirrored"
    run "$seed" "mirror -R again" "same $WORK/src/tree $WORK/root/mirrored && $nothing" -- mirror -R --json "$WORK/src/tree" "$url/mirrored"

    big=$(cd "$WORK/root/tree" && ls -S | head -n 1)
    rm -f "$L/$big"
    run "$seed" "pget -n 4" "cmp -s $WORK/root/tree/$big $L/$big" -- pget -n 4 "$url/tree/$big" -o "$L/$big"

    exec 9>&-
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
done

say "$SEEDS seed(s) x $FILES files at rate $RATE: $TOTAL_FAULTS faults injected, $TOTAL_RETRIES retries and reconnects by ferry, $FAILED run(s) failed"
[ "$FAILED" = 0 ]
