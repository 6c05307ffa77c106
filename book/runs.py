"""The notebook runs of a build now, across threads: a many-edition command runs one edition's
later parts beside the next edition's chapters, both forking kernels from the command's kept
kernel server (book.kernels), whose marker their kernels carry. The last run of a marker to end
kills what is left of its processes; an interrupt stops every run (`stopping_runs`)."""
from __future__ import annotations

import contextlib
import threading
from typing import Iterator

from .kernels import KernelServer
from .processes import kill_marked

RUN_MARKER = "BOOK_RUN"
WORKERS: set = set()  # the worker processes of every run now
STOPPING = threading.Event()  # set while `stopping_runs` runs: no run starts another notebook
_ACTIVE: dict[str, int] = {}  # runs now by marker
_LOCK = threading.Lock()


def begin_run(marker: str) -> None:
    """A run under `marker` starts."""
    with _LOCK:
        _ACTIVE[marker] = _ACTIVE.get(marker, 0) + 1


def end_run(marker: str, server: KernelServer | None) -> None:
    """A run ended (its workers, and so their kernels, are gone): every process left with its
    marker killed (`server` aside), unless another run under the same marker still runs (its
    kernels carry the marker; that run kills what is left when it ends)."""
    with _LOCK:
        _ACTIVE[marker] -= 1
        if _ACTIVE[marker]:
            return
        del _ACTIVE[marker]
        kill_marked(RUN_MARKER, marker, keep={server.process.pid} if server else set())


@contextlib.contextmanager
def stopping_runs() -> Iterator[None]:
    """While the block runs, every run beside it ends: its workers killed (their kernels end
    with them) and the notebooks it has not started reported as not started; for an interrupt
    of a many-edition command, whose later parts of one edition run in a thread of their own."""
    STOPPING.set()
    try:
        for process in list(WORKERS):
            process.kill()
        yield
    finally:
        STOPPING.clear()
