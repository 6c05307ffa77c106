"""One render of an edition at a time, said plainly: a render that finds another render of the
same edition running says so at once, names the lock, and keeps saying how long it has waited
until the other render ends (filelock, polled)."""
from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Callable, Iterator

from filelock import FileLock, Timeout

from .paths import display

REMIND_EVERY = 30.0  # seconds between the lines that say the render is still waiting


@contextlib.contextmanager
def edition_lock(path: Path, edition_id: str, say: Callable[[str], None],
                 remind_every: float = REMIND_EVERY) -> Iterator[None]:
    """Hold the lock of one edition's render; wait (saying so) while another render holds it."""
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        say(f"Waiting: another render of edition {edition_id} is running (it holds {display(path)}); "
            f"this render starts when it ends. Press Ctrl-C to stop waiting.")
        start = time.monotonic()
        while True:
            try:
                lock.acquire(timeout=remind_every)
                break
            except Timeout:
                say(f"  still waiting for the other render of {edition_id} "
                    f"({time.monotonic() - start:.0f} s)")
        say(f"  the other render of {edition_id} ended after {time.monotonic() - start:.0f} s; starting")
    try:
        yield
    finally:
        lock.release()
