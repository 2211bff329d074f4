#!/usr/bin/env python3
"""Run Twisted's FTP server (twisted.protocols.ftp) for ferry's interop tests.

Started by tests/support/longtail.rs with the test virtualenv's interpreter (scripts/setup-test-env.sh
installs Twisted there). Once listening it prints one line, ``PORT <n>``, on stdout; it exits when
its stdin reaches EOF, so a test that dies never leaves it behind.

Twisted's own checkers compare credentials as bytes while its FTP protocol hands them over as
text (seen with Twisted 26.10: every password login fails out of the box). The checker below
accepts either and compares text, which is the only adaptation made: the FTP protocol, the shell
and the file system are Twisted's as shipped.

Usage: twisted_ftpd.py --host 127.0.0.1 --port 0 --root DIR --user NAME:PASS
"""

import argparse
import os
import sys
import threading

from twisted.cred import checkers, credentials, error, portal
from twisted.internet import defer, reactor
from twisted.protocols import ftp
from twisted.python import filepath
from zope.interface import implementer


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


@implementer(checkers.ICredentialsChecker)
class TextPasswordChecker:
    """Username/password checks that work whether the protocol hands over bytes or text."""

    credentialInterfaces = (credentials.IUsernamePassword,)

    def __init__(self, users):
        self.users = users

    def requestAvatarId(self, creds):
        name = text(creds.username)
        if name in self.users and text(creds.password) == self.users[name]:
            return defer.succeed(name)
        return defer.fail(error.UnauthorizedLogin())


class OneRootRealm(ftp.BaseFTPRealm):
    """Every user works in the same directory (the test's root)."""

    def __init__(self, root):
        ftp.BaseFTPRealm.__init__(self, root)
        self.root = root

    def getHomeDirectory(self, avatarId):
        return filepath.FilePath(self.root)


def exit_on_stdin_eof():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--root", required=True)
    p.add_argument("--user", action="append", default=[], metavar="NAME:PASS")
    args = p.parse_args()
    users = dict(u.split(":", 1) for u in args.user)
    realm = OneRootRealm(args.root)
    factory = ftp.FTPFactory(portal.Portal(realm, [TextPasswordChecker(users)]))
    factory.allowAnonymous = False
    listener = reactor.listenTCP(args.port, factory, interface=args.host)
    print(f"PORT {listener.getHost().port}", flush=True)
    threading.Thread(target=exit_on_stdin_eof, daemon=True).start()
    reactor.run()


if __name__ == "__main__":
    main()
