#!/usr/bin/env python3
"""Run a pyftpdlib FTP server for ferry's integration tests.

Started by tests/support/pyftpd.rs with the interpreter of the virtualenv that
scripts/setup-test-env.sh prepares. Once listening it prints exactly one line,
``PORT <n>``, on stdout and flushes it. It exits as soon as its stdin reaches
EOF, so a test that dies (or forgets to stop it) never leaves it behind.

Usage:
    pyftpd_server.py --host 127.0.0.1 --port 0 --root DIR \
        [--user NAME:PASS ...] [--anonymous] [--passive-ports LOW:HIGH] [--rate BYTES]
        [--idle-timeout SECS] [--faults SEED:RATE [--fault-log FILE] [--fault-stall SECS]]
"""

import argparse
import logging
import os
import sys
import threading

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler, ThrottledDTPHandler
from pyftpdlib.servers import FTPServer

FULL_PERMS = "elradfmwMT"
# Change directory, list, retrieve: nothing that writes.
READ_PERMS = "elr"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--root", required=True)
    p.add_argument(
        "--user",
        action="append",
        default=[],
        metavar="NAME:PASS",
        help="account with full permissions in root (repeatable); "
        "the password is everything after the first ':'",
    )
    p.add_argument(
        "--no-mfmt",
        action="store_true",
        help="users may not change file times (MFMT is refused), as on servers without MFMT",
    )
    p.add_argument(
        "--anonymous",
        action="store_true",
        help="allow anonymous login, read-only",
    )
    p.add_argument(
        "--passive-ports",
        metavar="LOW:HIGH",
        help="open passive data connections on ports LOW to HIGH (inclusive) "
        "instead of any free port",
    )
    p.add_argument(
        "--rate",
        type=int,
        default=0,
        metavar="BYTES",
        help="throttle every data connection to BYTES per second (for tests "
        "that interrupt a transfer in the middle)",
    )
    p.add_argument(
        "--idle-timeout",
        type=float,
        default=0,
        metavar="SECS",
        help="answer 421 and close a control connection idle this long (for tests of "
        "reconnecting; pyftpdlib's default is 300 s)",
    )
    p.add_argument(
        "--max-cons-per-ip",
        type=int,
        default=0,
        metavar="N",
        help="greet connection N+1 from one address with 421 (0: no limit)",
    )
    p.add_argument(
        "--faults",
        metavar="SEED:RATE",
        help="misbehave at random, seeded (see faults.py): drop or stall control connections, "
        "answer 421/425/426/450/451, cut data connections; RATE is a probability per event",
    )
    p.add_argument("--fault-log", metavar="FILE", help="append one line per injected fault")
    p.add_argument(
        "--fault-stall",
        type=float,
        default=3.0,
        metavar="SECS",
        help="how long a stalled command goes unanswered (default 3)",
    )
    p.add_argument("--certfile", help="PEM certificate: serve explicit FTPS (AUTH TLS)")
    p.add_argument("--keyfile", help="PEM private key for --certfile")
    p.add_argument(
        "--tls-required",
        action="store_true",
        help="refuse logins and data connections without TLS",
    )
    return p.parse_args(argv)


def exit_on_stdin_eof():
    """Block until stdin is closed, then end the whole process at once."""
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except Exception:  # noqa: BLE001 - any failure means our parent is gone
        pass
    os._exit(0)


def main(argv):
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING,
        stream=sys.stderr,
        format="pyftpd_server: %(levelname)s %(message)s",
    )
    root = os.path.realpath(args.root)
    authorizer = DummyAuthorizer()
    for spec in args.user:
        name, sep, password = spec.partition(":")
        if not sep or not name:
            sys.exit(f"pyftpd_server: bad --user {spec!r}, want NAME:PASS")
        perms = FULL_PERMS.replace("T", "") if args.no_mfmt else FULL_PERMS
        authorizer.add_user(name, password, root, perm=perms)
    if args.anonymous:
        authorizer.add_anonymous(root, perm=READ_PERMS)

    base = FTPHandler
    if args.certfile:
        from pyftpdlib.handlers import TLS_FTPHandler

        base = TLS_FTPHandler

    class Handler(base):
        pass

    if args.certfile:
        Handler.certfile = args.certfile
        Handler.keyfile = args.keyfile
        Handler.tls_control_required = args.tls_required
        Handler.tls_data_required = args.tls_required

    if args.rate:

        class Throttled(ThrottledDTPHandler):
            read_limit = args.rate
            write_limit = args.rate

        Handler.dtp_handler = Throttled

    if args.passive_ports:
        low, sep, high = args.passive_ports.partition(":")
        if not sep or not low.isdigit() or not high.isdigit() or int(low) > int(high):
            sys.exit(f"pyftpd_server: bad --passive-ports {args.passive_ports!r}, want LOW:HIGH")
        Handler.passive_ports = range(int(low), int(high) + 1)
    if args.idle_timeout:
        Handler.timeout = args.idle_timeout

    if args.faults:
        import faults

        seed, sep, rate = args.faults.partition(":")
        try:
            seed, rate = int(seed), float(rate)
        except ValueError:
            sep = ""
        if not sep or not 0 <= rate <= 1:
            sys.exit(f"pyftpd_server: bad --faults {args.faults!r}, want SEED:RATE")
        source = faults.Faults(seed, rate, args.fault_log, args.fault_stall)
        Handler = faults.install(Handler, source)

    Handler.authorizer = authorizer
    Handler.banner = "pyftpdlib test server ready."
    # A failed login normally waits 3 s before answering 530; tests that
    # exercise bad passwords should not pay for that.
    Handler.auth_failed_timeout = 0.1

    server = FTPServer((args.host, args.port), Handler)
    server.max_cons_per_ip = args.max_cons_per_ip
    port = server.socket.getsockname()[1]

    threading.Thread(target=exit_on_stdin_eof, daemon=True).start()

    sys.stdout.write(f"PORT {port}\n")
    sys.stdout.flush()
    server.serve_forever(handle_exit=False)


if __name__ == "__main__":
    main(sys.argv[1:])
