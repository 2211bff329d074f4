#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 60): scripts/fuzz.sh [SECONDS]
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); without either it says
# so and exits 0, so CI can call it on any machine. Each target starts from its checked-in seeds
# in fuzz/corpus/TARGET; what libFuzzer finds new goes to a temporary directory, so a run never
# changes the working tree. A crash stops the run with libFuzzer's exit code and leaves the
# crashing input under fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "usage: scripts/fuzz.sh [SECONDS]  (a whole number of seconds per target, at least 1)" >&2
    exit 2
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz.sh: no nightly toolchain (rustup toolchain install nightly); skipping fuzzing"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is not installed (cargo install cargo-fuzz); skipping fuzzing"
    exit 0
fi

found=$(mktemp -d)
trap 'rm -rf "$found"' EXIT
targets=$(cargo +nightly fuzz list)
for target in $targets; do
    echo "fuzz.sh: $target for ${seconds}s"
    mkdir -p "$found/$target"
    cargo +nightly fuzz run "$target" "$found/$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -print_final_stats=1
done
echo "fuzz.sh: every target ran ${seconds}s without a crash: $(echo $targets | wc -w) targets"
