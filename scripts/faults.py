"""Seeded faults for scripts/pyftpd_server.py (``--faults SEED:RATE``): a server that misbehaves
the way real servers and the networks in front of them do, so that ferry's retries can be
proven (issue 18).

A new connection may, with probability RATE, be closed before the greeting (``drop
greeting``); after that each command the server receives (the login's too; never QUIT or ABOR)
may, with probability RATE, meet one fault instead of its answer:

- ``drop``: the control connection is closed without a word;
- ``busy``: a transfer command (RETR, STOR, APPE, LIST, NLST, MLSD) is answered 425, 426, 450 or
  451 and not carried out; any other command is answered ``421`` and the connection closed;
- ``stall``: no answer for STALL seconds (longer than the client's timeout), then the command
  is carried out as usual (a quarter of the rate).

And each data connection may, with probability RATE, be cut after a random number of bytes
(``cut``), in either direction: closed (FIN) or reset (RST), with 426 on the control connection.

Every fault is one line in the fault log (``--fault-log FILE``): ``KIND COMMAND``, so a test
can count what it survived. The faults come from ``random.Random(SEED)``: the same seed makes
the same decisions in the same order (the order of events still depends on the client's
threads).
"""

import random
import socket
import struct
import threading

TRANSFERS = {"RETR", "STOR", "APPE", "STOU", "LIST", "NLST", "MLSD"}
# Never faulted: the goodbye (dropping it proves nothing) and ABOR (its own race).
SPARED = {"QUIT", "ABOR"}


class Faults:
    """The seeded source of faults and their log."""

    def __init__(self, seed, rate, log_path, stall):
        self.rng = random.Random(seed)
        self.rate = rate
        self.stall = stall
        self.lock = threading.Lock()
        self.log = open(log_path, "a", buffering=1) if log_path else None

    def roll(self, factor=1.0):
        with self.lock:
            return self.rng.random() < self.rate * factor

    def choice(self, options):
        with self.lock:
            return self.rng.choice(options)

    def below(self, n):
        with self.lock:
            return self.rng.randrange(n)

    def record(self, kind, what):
        if self.log:
            self.log.write(f"{kind} {what}\n")


def install(handler_class, faults):
    """Subclasses of handler_class and of its data-channel handler that inject faults."""

    base_dtp = handler_class.dtp_handler

    class FaultyDTP(base_dtp):
        def __init__(self, sock, cmd_channel):
            super().__init__(sock, cmd_channel)
            self._cut_at = faults.below(64 * 1024) if faults.roll() else None
            self._moved = 0

        def _cut(self, direction):
            faults.record("cut", f"{direction} after {self._moved} bytes")
            self._cut_at = None
            if faults.choice([True, False]):
                try:
                    self.socket.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                except OSError:
                    pass
            self._resp = ("426 Connection closed; transfer aborted.", None)
            self.close()

        def send(self, data):
            if self._cut_at is not None and self._moved + len(data) > self._cut_at:
                keep = max(0, self._cut_at - self._moved)
                if keep:
                    self._moved += super().send(data[:keep])
                self._cut("download")
                return 0
            n = super().send(data)
            self._moved += n
            return n

        def handle_read(self):
            before = self.tot_bytes_received
            super().handle_read()
            self._moved += self.tot_bytes_received - before
            if self._cut_at is not None and self._moved > self._cut_at and not self._closed:
                self._cut("upload")

        def close(self):
            # pyftpdlib answers with self._resp's logger; ours has none.
            if self._resp and self._resp[1] is None:
                self._resp = (self._resp[0], lambda *a, **k: None)
            super().close()

    class FaultyHandler(handler_class):
        dtp_handler = FaultyDTP
        # Lines that arrived during a stall, answered in order once it ends.
        _held = None

        def pre_process_command(self, line, cmd, arg):
            if self._held is not None:
                self._held.append((line, cmd, arg))
                return None
            return super().pre_process_command(line, cmd, arg)

        def handle(self):
            if faults.roll():
                faults.record("drop", "greeting")
                self.close()
                return None
            return super().handle()

        def process_command(self, cmd, *args, **kwargs):
            if self._closed or cmd in SPARED:
                return super().process_command(cmd, *args, **kwargs)
            if faults.roll(0.25):
                faults.record("stall", cmd)
                self._held = []
                self.call_later(faults.stall, self._carry_on, cmd, args, kwargs)
                return None
            if not faults.roll():
                return super().process_command(cmd, *args, **kwargs)
            kind = faults.choice(["drop", "busy"])
            faults.record(kind, cmd)
            if kind == "drop":
                self.close()
            elif cmd in TRANSFERS:
                code = faults.choice(["425", "426", "450", "451"])
                self.respond(f"{code} Transient failure (injected).")
            else:
                self.respond("421 Service not available, closing control connection (injected).")
                self.close_when_done()
            return None

        def _carry_on(self, cmd, args, kwargs):
            held, self._held = self._held or [], None
            if self._closed:
                return
            super().process_command(cmd, *args, **kwargs)
            for i, (line, c, a) in enumerate(held):
                if self._closed:
                    return
                if self._held is not None:
                    # Another stall began: what is left waits for it.
                    self._held.extend(held[i:])
                    return
                self.pre_process_command(line, c, a)

    return FaultyHandler
