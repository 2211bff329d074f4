#!/usr/bin/env bash
# The interop matrix: ferry against vsftpd, proftpd, pure-ftpd and pyftpdlib on loopback, in
# every data mode (EPSV, PASV, EPRT, PORT), plain, explicit TLS and implicit TLS (where the
# server has it), over IPv4 and IPv6: a 50 MiB put and get checked by SHA-256, short, long and
# MLSD listings, put -c and get -c from half-way checked by SHA-256, and a batch session of file
# operations on UTF-8 names and names with spaces; passive data connections must stay in each
# server's passive port range (tests/cases/interop_matrix.rs).
#
# Then the operations matrix (tests/cases/interop_ops.rs): those four and the long tail —
# busybox ftpd, GNU inetutils ftpd, Twisted and aioftp (tests/support/longtail.rs) — in every
# data mode and IP version each has, each command a user runs (listings, get/put and resume,
# mkdir/mv/rm/rmdir, stat/size/modtime, get -r, put -r, mirror both ways twice), written to
# a second part of docs/interop.md.
#
#   scripts/interop.sh                   run both matrices, print the tables, write the docs
#   scripts/interop.sh --check FILE      only judge a transport results file (the script's tests)
#   scripts/interop.sh --check-ops FILE  only judge an operations results file
#
# Exits non-zero if any cell that the server supports failed, or a server or a single cell is
# missing from the results (in CI a missing server is a failure, not a skip). Needs root (the servers switch accounts) and the
# servers from scripts/install-servers.sh; never reads standard input. Environment:
# FERRY_INTEROP_RESULTS (results, TSV; default target/interop/matrix.tsv), FERRY_INTEROP_DOC
# (default docs/interop.md), FERRY_INTEROP_JOBS (servers at a time; default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

SERVERS=(vsftpd proftpd pure-ftpd pyftpdlib)
# The operations matrix: every server × IP × mode × operation (see interop_ops.rs).
OPS_SERVERS=(vsftpd proftpd pure-ftpd pyftpdlib busybox inetutils twisted aioftp)
OPS_CELLS_PER_SERVER=$((2 * 4 * 20))
# The cells every server must have, n/a or not (the test knows which ones are n/a).
TRANSPORTS=(plain explicit implicit)
IPS=(v4 v6)
MODES=(epsv pasv eprt port)

# check FILE: prints a summary and the failures; exits 1 unless every server × transport × IP ×
# mode has a cell and every cell passed or is n/a.
check() {
    local file="$1"
    [ -s "$file" ] || {
        echo "interop: no results in $file" >&2
        return 1
    }
    awk -F'\t' -v servers="${SERVERS[*]}" -v transports="${TRANSPORTS[*]}" \
        -v ips="${IPS[*]}" -v modes="${MODES[*]}" '
        NR == 1 { next }
        {
            seen[$1] = 1
            cell[$1, $2, $3, $4] = 1
            if ($5 == "pass") pass++
            else if ($5 == "n/a") na++
            else { fail++; bad = bad sprintf("  %s %s %s %s: %s %s\n", $1, $2, $3, $4, $5, $7) }
        }
        END {
            ns = split(servers, want, " ")
            nt = split(transports, tr, " ")
            ni = split(ips, ip, " ")
            nm = split(modes, mode, " ")
            for (s = 1; s <= ns; s++) {
                if (!(want[s] in seen)) {
                    missing++
                    bad = bad sprintf("  %s: no results (missing server?)\n", want[s])
                    continue
                }
                for (t = 1; t <= nt; t++)
                    for (i = 1; i <= ni; i++)
                        for (m = 1; m <= nm; m++)
                            if (!((want[s], tr[t], ip[i], mode[m]) in cell)) {
                                gone++
                                bad = bad sprintf("  %s %s %s %s: missing\n", want[s], tr[t], ip[i], mode[m])
                            }
            }
            printf "interop: %d passed, %d failed, %d n/a", pass, fail, na
            if (missing) printf ", %d server(s) missing", missing
            if (gone) printf ", %d cell(s) missing", gone
            printf "\n"
            if (bad != "") { printf "interop: failed:\n%s", bad; exit 1 }
        }' "$file"
}

# check_ops FILE: exits 1 unless every operations server has all its cells and none failed.
check_ops() {
    local file="$1"
    [ -s "$file" ] || {
        echo "interop ops: no results in $file" >&2
        return 1
    }
    awk -F'\t' -v servers="${OPS_SERVERS[*]}" -v per="$OPS_CELLS_PER_SERVER" '
        NR == 1 { next }
        {
            key = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4
            if (!(key in seen)) { seen[key] = 1; count[$1]++ }
            if ($5 == "pass") pass++
            else if ($5 == "n/a") na++
            else { fail++; bad = bad sprintf("  %s %s %s %s: %s %s\n", $1, $2, $3, $4, $5, $6) }
        }
        END {
            ns = split(servers, want, " ")
            for (s = 1; s <= ns; s++)
                if (count[want[s]] != per)
                    bad = bad sprintf("  %s: %d of %d cells\n", want[s], count[want[s]], per)
            printf "interop ops: %d passed, %d failed, %d n/a\n", pass, fail, na
            if (bad != "") { printf "interop ops: failed:\n%s", bad; exit 1 }
        }' "$file"
}

if [ "${1:-}" = --check-ops ]; then
    [ $# -eq 2 ] || {
        echo "usage: $0 [--check RESULTS.tsv | --check-ops OPS.tsv]" >&2
        exit 2
    }
    check_ops "$2"
    exit
fi
if [ "${1:-}" = --check ]; then
    [ $# -eq 2 ] || {
        echo "usage: $0 [--check RESULTS.tsv]" >&2
        exit 2
    }
    check "$2"
    exit
fi
[ $# -eq 0 ] || {
    echo "usage: $0 [--check RESULTS.tsv]" >&2
    exit 2
}

results="${FERRY_INTEROP_RESULTS:-$PWD/target/interop/matrix.tsv}"
export FERRY_INTEROP_RESULTS="$results"
rm -f "$results"
start=$SECONDS
status=0
# The matrix is one ignored test; it prints the table and fails if a supported cell failed.
cargo test --quiet --test cli interop_matrix -- --ignored --nocapture </dev/null || status=$?
# Judge the results file too: a test that never ran (a renamed test matches no filter, and
# cargo test then passes) leaves none.
check "$results" || status=1
ops="${FERRY_INTEROP_OPS_RESULTS:-$PWD/target/interop/ops.tsv}"
ops_doc="${FERRY_INTEROP_OPS_DOC:-$PWD/target/interop/ops.md}"
export FERRY_INTEROP_OPS_RESULTS="$ops" FERRY_INTEROP_OPS_DOC="$ops_doc"
rm -f "$ops" "$ops_doc"
cargo test --quiet --test cli interop_ops -- --ignored --nocapture </dev/null || status=$?
check_ops "$ops" || status=1
# The operations tables are the second part of the interop page.
doc="${FERRY_INTEROP_DOC:-docs/interop.md}"
if [ -s "$ops_doc" ] && [ -f "$doc" ]; then
    printf '\n' >>"$doc"
    cat "$ops_doc" >>"$doc"
fi
echo "interop: $((SECONDS - start)) s; tables in $doc"
exit "$status"
