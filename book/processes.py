"""Processes that end with the command: a worker asks the kernel (Linux prctl) to kill it when
the build dies, and the build can find and kill every process started for one run by a marker
in its environment (kernels start in sessions of their own, so they are not in any process
group of ours)."""
from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Make the calling process receive SIGKILL when its parent dies (Linux); exit at once if
    the parent is already gone."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def marked_processes(name: str, value: str) -> list[int]:
    """Pids of processes (other than this one) whose environment holds `name=value` (Linux
    /proc; an empty list elsewhere)."""
    needle = f"{name}={value}".encode()
    out = []
    for entry in Path("/proc").glob("[0-9]*"):
        pid = int(entry.name)
        if pid == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            out.append(pid)
    return out


def kill_marked(name: str, value: str) -> int:
    """SIGKILL every process of this run (see `marked_processes`); returns how many."""
    pids = marked_processes(name, value)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return len(pids)
