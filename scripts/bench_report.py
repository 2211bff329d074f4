#!/usr/bin/env python3
"""Turns scripts/bench.sh's measurements into the table of docs/benchmarks.md.

usage: bench_report.py RESULTS.tsv OUT.md   (settings come in BENCH_* environment variables)

RESULTS.tsv: row, tool, variant, round, wall seconds, user s, sys s, max RSS KiB, status.
Prints the tables on standard output and writes the whole document to OUT.md.
"""
import collections
import datetime
import os
import platform
import statistics
import subprocess
import sys

E = os.environ.get
QUICK = E("BENCH_QUICK") == "1"
BIG = int(E("BENCH_BIG_MIB", "1024"))
NSMALL = int(E("BENCH_NSMALL", "500"))
NLIST = int(E("BENCH_NLIST", "10000"))
RTT_FILES = int(E("BENCH_RTT_FILES", str(NSMALL)))
BIG_TXT = "1 GiB" if BIG == 1024 else f"{BIG} MiB"

ROWS = [
    ("raw_tcp", f"raw loopback TCP, {BIG_TXT} (iperf3): the ceiling"),
    ("down_plain", f"{BIG_TXT} download to /dev/null, plain"),
    ("down_tls", f"{BIG_TXT} download to /dev/null, FTPS"),
    ("up_plain", f"{BIG_TXT} upload, plain"),
    ("up_tls", f"{BIG_TXT} upload, FTPS"),
    ("down_small_plain", f"{NSMALL} × 4 KiB download, plain"),
    ("down_small_tls", f"{NSMALL} × 4 KiB download, FTPS"),
    ("up_small_plain", f"{NSMALL} × 4 KiB upload, plain"),
    ("up_small_tls", f"{NSMALL} × 4 KiB upload, FTPS"),
    ("list_plain", f"list {NLIST} entries, plain"),
    ("list_tls", f"list {NLIST} entries, FTPS"),
    ("down_rtt_small_plain", f"50 ms RTT: {RTT_FILES} × 4 KiB download, plain"),
    ("down_rtt_small_tls", f"50 ms RTT: {RTT_FILES} × 4 KiB download, FTPS"),
    ("up_rtt_small_plain", f"50 ms RTT: {RTT_FILES} × 4 KiB upload, plain"),
    ("up_rtt_small_tls", f"50 ms RTT: {RTT_FILES} × 4 KiB upload, FTPS"),
    ("list_rtt_plain", f"50 ms RTT: list {NLIST} entries, plain"),
    ("rate_1", "4 MiB under a 1 MiB/s limit (ideal 4.00 s)"),
    ("rate_4", "16 MiB under a 4 MiB/s limit (ideal 4.00 s)"),
    ("rate_16", "64 MiB under a 16 MiB/s limit (ideal 4.00 s)"),
]
TOOLS = ["ferry", "curl", "lftp"]


def load(path):
    runs = collections.defaultdict(list)  # (row, tool, variant) -> [dict]
    order = []
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) != 9:
                continue
            key = (p[0], p[1], p[2])
            if key not in runs:
                order.append(key)
            runs[key].append(dict(wall=float(p[4]), user=float(p[5] or 0), sys=float(p[6] or 0),
                                  rss=int(p[7] or 0), ok=p[8] == "ok", status=p[8]))
    return runs, order


def med(xs):
    return statistics.median(xs) if xs else None


def summarize(runs, order):
    """(row, tool, variant) -> stats over the successful runs."""
    out = {}
    for key in order:
        rs = runs[key]
        good = [r for r in rs if r["ok"]]
        out[key] = dict(
            n=len(good), fails=len(rs) - len(good),
            statuses=sorted({r["status"] for r in rs if not r["ok"]}),
            wall=med([r["wall"] for r in good]),
            cpu=med([r["user"] + r["sys"] for r in good]),
            rss=max([r["rss"] for r in good], default=None),
        )
    return out


def secs(x):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:.0f} s"
    if x >= 10:
        return f"{x:.1f} s"
    return f"{x:.2f} s" if x >= 0.1 else f"{x * 1000:.0f} ms"


def mib(kib):
    return "–" if kib is None else f"{kib / 1024:.1f} MiB"


def best(stats, row, tool):
    """The fastest successful variant of tool on row: (variant, stats) or None. Under a rate
    limit (rows rate_*), whose ideal is 4.00 s, the variant closest to it instead."""
    cands = [(k[2], s) for k, s in stats.items() if k[0] == row and k[1] == tool and s["n"]]
    if row.startswith("rate_"):
        return min(cands, key=lambda c: abs(c[1]["wall"] - 4.0)) if cands else None
    return min(cands, key=lambda c: c[1]["wall"]) if cands else None


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def main():
    results, out_path = sys.argv[1], sys.argv[2]
    runs, order = load(results)
    stats = summarize(runs, order)
    rounds = E("BENCH_ROUNDS", "?")
    par = E("BENCH_PAR_MGET") == "1" or E("BENCH_PAR_GETR") == "1"

    # ---- the summary: best variant per tool
    lines = []
    lines.append("| work | ferry | curl | lftp | ferry / curl | ferry / lftp | ferry CPU | ferry peak RSS | curl peak RSS | lftp peak RSS |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    raw = stats.get(("raw_tcp", "iperf3", f"-n {BIG}M"))
    for row, label in ROWS:
        if row == "raw_tcp":
            if raw and raw["n"]:
                gbs = BIG * 1024 * 1024 / raw["wall"] / 1e9
                lines.append(f"| {label} | {secs(raw['wall'])} ({gbs:.2f} GB/s) | | | | | | | | |")
            continue
        b = {t: best(stats, row, t) for t in TOOLS}
        if not any(b.values()):
            continue
        cell = {}
        for t in TOOLS:
            if b[t] is None:
                cell[t] = "failed" if any(k[0] == row and k[1] == t for k in stats) else "–"
            else:
                v, s = b[t]
                extra = "" if s["n"] >= int(rounds if rounds.isdigit() else 1) else f", {s['n']} run"
                cell[t] = f"{secs(s['wall'])} ({v}{extra})"
        fw = b["ferry"][1]["wall"] if b["ferry"] else None
        cw = b["curl"][1]["wall"] if b["curl"] else None
        lw = b["lftp"][1]["wall"] if b["lftp"] else None
        fs = b["ferry"][1] if b["ferry"] else None
        # peak memory: the largest over every variant of the tool in this row
        def peak(t):
            xs = [s["rss"] for k, s in stats.items() if k[0] == row and k[1] == t and s["rss"]]
            return max(xs) if xs else None
        lines.append(
            f"| {label} | {cell['ferry']} | {cell['curl']} | {cell['lftp']} | {ratio(fw, cw)} | {ratio(fw, lw)} "
            f"| {secs(fs['cpu']) if fs else '–'} | {mib(peak('ferry'))} | {mib(peak('curl'))} | {mib(peak('lftp'))} |")
    summary = "\n".join(lines)

    # ---- every variant
    d = ["| work | tool | variant | runs | median | CPU (user+sys) | peak RSS | failures |", "|---|---|---|---|---|---|---|---|"]
    labels = dict(ROWS)
    for row, _ in ROWS:
        for k in order:
            if k[0] != row:
                continue
            s = stats[k]
            fails = f"{s['fails']} ({', '.join(s['statuses'])})" if s["fails"] else ""
            d.append(f"| {labels[row]} | {k[1]} | `{k[2]}` | {s['n']} | {secs(s['wall'])} | {secs(s['cpu'])} | {mib(s['rss'])} | {fails} |")
    detail = "\n".join(d)

    # ---- targets (issue 6), judged on this run
    def bw(row, tool):
        b_ = best(stats, row, tool)
        return (b_[1]["wall"], b_[0]) if b_ else (None, None)

    def verdict(ok):
        return "–" if ok is None else ("**met**" if ok else "**missed**")

    t = ["| work | target | curl | lftp | ferry | verdict |", "|---|---|---|---|---|---|"]
    def trow(work, target, row, ok_fn, anchors=("0.81 s", "0.68 s")):
        f, fv = bw(row, "ferry"); c, cv = bw(row, "curl"); l, lv = bw(row, "lftp")
        ok = None if f is None else ok_fn(f, c, l)
        fmt = lambda x, v: "–" if x is None else f"{secs(x)} ({v})"
        t.append(f"| {work} | {target} | {fmt(c, cv)} (issue: {anchors[0]}) | {fmt(l, lv)} (issue: {anchors[1]}) | {fmt(f, fv)} | {verdict(ok)} |")

    raw_w = raw["wall"] if raw and raw["n"] else None
    raw_pct = "" if raw_w is None or best(stats, "down_plain", "ferry") is None else \
        f" (ferry at {100 * raw_w / best(stats, 'down_plain', 'ferry')[1]['wall']:.0f} % of raw TCP)"
    trow(f"{BIG_TXT} download, plain, to /dev/null", "≤ lftp and ≥ 70 % of raw TCP" + raw_pct, "down_plain",
         lambda f, c, l: (l is None or f <= l) and (raw_w is None or raw_w / f >= 0.7), ("0.81 s", "0.68 s"))
    trow(f"{BIG_TXT} download, FTPS", "≤ 0.9 × curl", "down_tls",
         lambda f, c, l: c is not None and f <= 0.9 * c, ("2.16 s", "2.12 s"))
    trow(f"{BIG_TXT} upload, plain", "≤ curl", "up_plain", lambda f, c, l: c is not None and f <= c, ("0.79 s", "0.97 s"))
    trow(f"{BIG_TXT} upload, FTPS", "≤ curl", "up_tls", lambda f, c, l: c is not None and f <= c, ("4.51 s", "5.52 s"))
    trow(f"{NSMALL} × 4 KiB download, plain, loopback", "≤ 0.8 × the better", "down_small_plain",
         lambda f, c, l: f <= 0.8 * min(x for x in (c, l) if x is not None), ("0.25 s (-Z 4)", "0.29 s (mirror -P4)"))
    trow(f"{NSMALL} × 4 KiB download, FTPS, loopback", "≤ 2 s", "down_small_tls",
         lambda f, c, l: f <= 2.0, ("102 s (one conn)", "6.1 s (mirror -P4), 22.8 s (mget)"))
    scale = RTT_FILES / 500

    def scaled(limit):
        return f"≤ {limit} s" + ("" if RTT_FILES == 500 else f" for 500 files, so ≤ {limit * scale:.1f} s for {RTT_FILES}")
    trow(f"{RTT_FILES} × 4 KiB download, plain, 50 ms RTT", scaled(10), "down_rtt_small_plain",
         lambda f, c, l: f <= 10.0 * scale, ("39 s (-Z 4), 129 s (serial)", "52 s (mirror -P4), 153 s (mget)"))
    trow(f"{RTT_FILES} × 4 KiB download, FTPS, 50 ms RTT", scaled(15), "down_rtt_small_tls",
         lambda f, c, l: f <= 15.0 * scale, ("527 ms per file (serial)", "85 s (mirror -P4), 280 s (mget)"))
    peaks = {tool: max([s["rss"] for k, s in stats.items() if k[1] == tool and s["rss"]], default=None) for tool in TOOLS}
    ok = None if peaks["ferry"] is None else peaks["ferry"] <= 10 * 1024
    t.append(f"| peak memory during any of these | ≤ 10 MiB | {mib(peaks['curl'])} (issue: 10.7–12.5 MiB) "
             f"| {mib(peaks['lftp'])} (issue: 8.3–11.6 MiB) | {mib(peaks['ferry'])} | {verdict(ok)} |")
    targets = "\n".join(t)

    # ---- targets (issue 12): ferry's own commands across the 50 ms link
    def var(row, variant):
        s_ = stats.get((row, "ferry", variant))
        return s_["wall"] if s_ and s_["n"] else None

    t12 = ["| work | ferry's command | target | ferry | verdict |", "|---|---|---|---|---|"]
    def t12row(work, variant, row, limit):
        f = var(row, variant)
        ok = None if f is None else f <= limit * scale
        t12.append(f"| {work} | `{variant}` | {scaled(limit)} | {'–' if f is None else secs(f)} | {verdict(ok)} |")
    t12row(f"{RTT_FILES} × 4 KiB download, plain, as typed", "get -r", "down_rtt_small_plain", 4)
    t12row(f"{RTT_FILES} × 4 KiB download, FTPS, as typed", "get -r", "down_rtt_small_tls", 6)
    w16 = E("BENCH_WIDE", "0")
    t12row(f"{RTT_FILES} × 4 KiB download, plain, 16 connections", f"mget -P {w16} *", "down_rtt_small_plain", 3)
    t12row(f"{RTT_FILES} × 4 KiB upload, plain, as typed", "put -r", "up_rtt_small_plain", 5)
    serial = var("down_rtt_small_plain", "get -r -P 1")
    per = None if serial is None else serial / RTT_FILES / 0.050
    t12.append(f"| {RTT_FILES} × 4 KiB download, plain, one connection | `get -r -P 1` | ≤ 1.3 round trips per file "
               f"| {'–' if per is None else f'{secs(serial)}, {per:.2f} round trips per file'} "
               f"| {verdict(None if per is None else per <= 1.3)} |")
    serial_up = var("up_rtt_small_plain", "put -r -P 1")
    if serial_up is not None:
        t12.append(f"| {RTT_FILES} × 4 KiB upload, plain, one connection | `put -r -P 1` | (none) "
                   f"| {secs(serial_up)}, {serial_up / RTT_FILES / 0.050:.2f} round trips per file | – |")
    targets12 = "\n".join(t12)

    print(summary)
    print()
    print(targets)

    # ---- the document
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    cpu = sh("sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1")
    mem = sh("awk '/MemTotal/{printf \"%.0f GiB\", $2/1048576}' /proc/meminfo")
    loads = f"{E('BENCH_LOAD_BEFORE')} before, {E('BENCH_LOAD_AFTER')} after"
    try:
        idle = float(E("BENCH_LOAD_BEFORE", "9").split()[0]) < 0.5
    except ValueError:
        idle = False
    w = E("BENCH_WIDE", "0")
    wide = "" if w in ("", "0") else (
        f" The same work at {w} connections for all three tools alike: ferry `mget -P {w}` / `mput -P {w}`,"
        f" curl `-Z --parallel-max {w}`, lftp `mirror [-R] --parallel={w}`.")
    rtt_par = (" With `--rtt-parallel-only` only the many-connection variants ran there (the"
               " serial ones take minutes each at 50 ms).") if E("BENCH_RTT_PAR_ONLY") == "1" else ""
    doc = f"""# Benchmarks: ferry beside curl and lftp

Made by `scripts/bench.sh{(' ' + E('BENCH_ARGS')) if E('BENCH_ARGS') else ''}` on {datetime.date.today().isoformat()} ({int(E('BENCH_SECONDS', '0')) // 60} min).
Medians of {rounds} round(s) on loopback and {E('BENCH_RTT_ROUNDS')} across the 50 ms link; every tool
runs the same work against the same vsftpd, the tools alternating (rotated) within each round.
{"" if idle else f'''
> **The machine was not idle** (load average {loads}): other jobs were running, so the absolute
> numbers are noisy and CPU-bound rows are slowed for every tool. The tools still ran interleaved on
> the same work, so the ratios are the fairer reading, but read them with that in mind.
'''}
## Machine and versions

- {os.cpu_count()} CPUs: {cpu}; {mem} RAM; Linux {platform.release()}; load average {loads}
- ferry: {E('BENCH_FERRY_VERSION')}, built with `cargo build --release`
- {E('BENCH_CURL_VERSION')}
- {E('BENCH_LFTP_VERSION')}
- vsftpd {E('BENCH_VSFTPD_VERSION')} (Debian's package, unpacked by `scripts/install-servers.sh`)
- {E('BENCH_IPERF_VERSION')}
- ferry's `-P N` for mget/mput: {'supported, measured' if E('BENCH_PAR_MGET') == '1' else 'not supported by this build'};
  for `get -r`/`put -r`: {'supported, measured' if E('BENCH_PAR_GETR') == '1' else 'not supported by this build'}

## Results (best variant of each tool; ratios below 1 mean ferry is faster)

{summary}

CPU is ferry's user + system time (median) for its fastest variant; peak RSS is the largest maximum
resident set size (`/usr/bin/time -v`) of any variant of that tool in the row.

## Targets of issue 6, judged on this run

The issue's own anchor numbers are shown beside this run's; the verdict compares ferry with the
curl and lftp numbers of *this* run.

{targets}

## Targets of issue 12, judged on this run

Across the 50 ms link, with ferry's commands as a user types them (several connections by
default, up to 8), at 16 connections, and strictly serial (round trips per file = time / files /
50 ms, logins included).

{targets12}

## Every variant

{detail}

## Method

- vsftpd {E('BENCH_VSFTPD_VERSION')} with its own configuration in a temporary directory: listening on
  127.0.0.1 (and on 10.250.0.2 inside namespace `ftpS` for the 50 ms rows), passive ports 30000–39999,
  the local user `ferrytest` chrooted to a temporary directory, TLS offered with a self-signed
  certificate from `openssl req -x509` (trusted with `--cacert` / `ssl:ca-file`), `ssl_ciphers=HIGH`,
  `require_ssl_reuse` at its default (YES), `seccomp_sandbox=NO`. TLS is offered but not forced, so
  the plain rows turn it off explicitly (ferry `--tls=off`, lftp `set ftp:ssl-allow no`; curl does
  not use it unless asked).
- Data: one {BIG_TXT} file of random bytes, {NSMALL} files of 4 KiB, a directory of {NLIST} empty
  files. Across the 50 ms link {RTT_FILES} small files.
- Downloads of the big file go to /dev/null: ferry `get URL -o -` with standard output on
  /dev/null (see below why not `-o /dev/null`), `curl -o /dev/null`, lftp `get -o /dev/null`.
  Uploads: `ferry put FILE URL`, `curl -T`, lftp `put`; the uploaded size is checked.
- Small files: ferry `-b` batch with `cd; lcd; mget *` / `mput *` and `get -r` / `put -r`{' (and their `-P 4`)' if par else ''};
  curl one process with all URLs in a `-K` config file, `--ftp-method nocwd`, serially and with
  `-Z --parallel-max 4`; lftp `mget`/`mput` and `mirror [-R] --parallel=4`.{wide} Every run must leave
  exactly {NSMALL} files, or it counts as failed.
- Listing: `ferry ls URL/`, `curl URL/` (LIST), lftp `cls -1`.
- FTPS: ferry `--tls --cacert`, curl `--ssl-reqd --cacert`, lftp `ftp:ssl-force` + `ftp:ssl-protect-data`.
- 50 ms RTT: `../shared/tools/netsim/up.sh 25` (two network namespaces joined by a userspace
  relay holding each packet 25 ms each way), vsftpd inside `ftpS`, every client inside `ftpC`;
  only small files and listings there (the relay caps bulk throughput). Removed at the end.{rtt_par}
- Ceiling: `iperf3 -n {BIG}M` over loopback.
- Wall time from `date +%s%N` around each command; CPU and peak RSS from `/usr/bin/time -v`. A
  variant whose first run takes longer than {E('BENCH_SLOW_CAP')} s is not repeated (its "runs" shows 1).

## What ferry misses

See the verdicts above; the analysis of why (round trips per file seen in `ferry -v` traces) is
kept by hand below this line and is not rewritten by the script.
"""
    keep = ""
    marker = "<!-- analysis: kept across runs -->"
    if os.path.exists(out_path):
        old = open(out_path).read()
        if marker in old:
            keep = old[old.index(marker):]
    if not keep:
        keep = marker + "\n"
    with open(out_path, "w") as f:
        f.write(doc + "\n" + keep)


if __name__ == "__main__":
    main()
