#!/usr/bin/env python3
"""Run aioftp's FTP server for ferry's interop tests.

Started by tests/support/longtail.rs with the test virtualenv's interpreter (scripts/setup-test-env.sh
installs aioftp there). Once listening it prints one line, ``PORT <n>``, on stdout; it exits when
its stdin reaches EOF, so a test that dies never leaves it behind. The server is aioftp's as
shipped: passive only, no NLST, SIZE, MDTM or FEAT.

Usage: aioftp_server.py --host 127.0.0.1 --port 0 --root DIR --user NAME:PASS
"""

import argparse
import asyncio
import os
import socket
import sys
import threading

import aioftp


def exit_on_stdin_eof():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


async def serve(args):
    users = []
    for spec in args.user:
        name, password = spec.split(":", 1)
        users.append(
            aioftp.User(
                name,
                password,
                base_path=args.root,
                home_path="/",
                permissions=[aioftp.Permission("/", readable=True, writable=True)],
            )
        )
    server = aioftp.Server(users)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    await server.start(host=args.host, port=args.port, family=family)
    port = server.server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    await server.serve_forever()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--root", required=True)
    p.add_argument("--user", action="append", default=[], metavar="NAME:PASS")
    args = p.parse_args()
    threading.Thread(target=exit_on_stdin_eof, daemon=True).start()
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
