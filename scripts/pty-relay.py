#!/usr/bin/env python3
"""A real pseudo-terminal in front of a program that speaks on stdin/stdout.

    python3 scripts/pty-relay.py LINK [COMMAND [ARG...]]

Opens a pty pair, points the symlink LINK at its terminal (/dev/pts/N) and prints
"PTY is /dev/pts/N" on stderr. Bytes written to the terminal go to COMMAND's stdin, and what
COMMAND prints goes back to the terminal, unchanged. The terminal stays open (raw: no echo, no
line editing) while the relay lives, as a USB serial device stays until it is unplugged, so a
program may close and reopen LINK. COMMAND's stderr is the relay's own. The relay ends when
COMMAND does, with its exit code; COMMAND gets SIGTERM if the relay is killed. Without COMMAND
the pty is only held open and whatever is written to it is discarded.

Only the standard library, so any machine with python3 gives the simulator a serial path:
    python3 scripts/pty-relay.py /tmp/ttyGSM0 node dist/cli/main.js simulate --stdio
"""

import os
import select
import signal
import subprocess
import sys
import tty

CHUNK = 4096


def write_all(fd, data):
    # A blocking write: a reader that stops reading stops the relay too, so nothing piles up here.
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def die_with_parent():
    """In the child: SIGTERM when the relay dies, even by SIGKILL (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def point_link_at(link, target):
    # Replaced in one step, so a program waiting for LINK never sees it missing or half-made.
    staging = f"{link}.{os.getpid()}"
    os.symlink(target, staging)
    os.replace(staging, link)


def relay(master, child):
    into_child = child.stdin.fileno() if child else None
    from_child = child.stdout.fileno() if child else None
    watched = [master] + ([from_child] if child else [])
    while True:
        ready, _, _ = select.select(watched, [], [])
        if master in ready:
            data = os.read(master, CHUNK)
            if child and data:
                try:
                    write_all(into_child, data)
                except BrokenPipeError:
                    return
        if from_child is not None and from_child in ready:
            data = os.read(from_child, CHUNK)
            if not data:
                return
            write_all(master, data)


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: pty-relay.py LINK [COMMAND [ARG...]]\n")
        return 2
    link, command = argv[1], argv[2:]
    master, terminal = os.openpty()
    tty.setraw(terminal)
    name = os.ttyname(terminal)
    point_link_at(link, name)
    sys.stderr.write(f"PTY is {name}\n")
    sys.stderr.flush()

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    child = None
    try:
        if command:
            child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, preexec_fn=die_with_parent)
        relay(master, child)
        return child.wait() if child else 0
    finally:
        if child and child.poll() is None:
            child.terminate()
            child.wait()
        # Another relay may own LINK by now (a replug); only our own link is removed.
        if os.path.islink(link) and os.readlink(link) == name:
            os.unlink(link)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
