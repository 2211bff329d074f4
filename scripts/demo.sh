#!/usr/bin/env bash
# Runs ferry for real against a local demo FTP server (pyftpdlib on 127.0.0.1), no setup needed.
#   scripts/demo.sh                 # a short tour: ls, put, get, cat
#   scripts/demo.sh ls -l URL       # or any ferry command; $URL is the demo server's root
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

scripts/setup-test-env.sh
venv="${FERRY_TEST_VENV:-$repo/target/test-venv}"
cargo build --release --quiet
ferry="$repo/target/release/ferry"

root=$(mktemp -d)
work=$(mktemp -d)
mkdir -p "$root/pub"
printf 'Hello from the ferry demo server.\n' > "$root/pub/hello.txt"
head -c 20000000 /dev/urandom > "$root/pub/random.bin"

# The server exits when this script's pipe to its stdin closes.
coproc SERVER { "$venv/bin/python" scripts/pyftpd_server.py --host 127.0.0.1 --port 0 \
    --root "$root" --user demo:demo --anonymous; }
cleanup() { kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$root" "$work"; }
trap cleanup EXIT
read -r word port <&"${SERVER[0]}"
[ "$word" = PORT ] || { echo "demo server did not start" >&2; exit 1; }
URL="ftp://127.0.0.1:$port"
export URL

if [ $# -gt 0 ]; then
    "$ferry" "${@//\$URL/$URL}"
    exit
fi

show() { printf '\n$ %s\n' "$*"; "$@"; }
show "$ferry" ls -l "$URL/pub/"
show "$ferry" cat "$URL/pub/hello.txt"
show "$ferry" get "$URL/pub/random.bin" -O "$work"
show "$ferry" -u demo:demo mkdir "$URL/uploaded"
show "$ferry" -u demo:demo put "$work/random.bin" "$URL/uploaded/"
show "$ferry" -v --active ls "ftp://demo:demo@127.0.0.1:$port/uploaded/"
cmp "$root/uploaded/random.bin" "$root/pub/random.bin" && echo "round trip: identical"
