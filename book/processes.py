"""Processes that end with the command: a worker asks the kernel (Linux prctl) to kill it when
the build dies, and the build can find and kill every process started for one run by a marker
in its environment (kernels start in sessions of their own, so they are not in any process
group of ours)."""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any, Callable

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


def marked_processes(name: str, value: str, keep: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """Pids of live processes (other than this one and those in `keep`; a zombie has ended)
    whose environment holds `name=value` (Linux /proc; an empty list elsewhere)."""
    needle = f"{name}={value}".encode()
    out = []
    for entry in Path("/proc").glob("[0-9]*"):
        pid = int(entry.name)
        if pid == os.getpid() or pid in keep:
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0") and not _is_zombie(entry):
                out.append(pid)
        except OSError:
            continue
    return out


def _is_zombie(entry: Path) -> bool:
    """Whether the process of /proc/<pid> has ended and waits only to be reaped."""
    stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def kill_marked(name: str, value: str, wait: float = 5.0, keep: set[int] | frozenset[int] = frozenset()) -> int:
    """SIGKILL every process of this run (see `marked_processes`; those in `keep` aside) and
    wait, up to `wait` seconds, until none is left (a kill is delivered asynchronously, and a
    process may start a child while its siblings are killed); returns how many were killed."""
    killed: set[int] = set()
    deadline = time.monotonic() + wait
    while pids := marked_processes(name, value, keep):
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
                killed.add(pid)
            except OSError:
                pass
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    return len(killed)


# The markers of the stages running now (a render stage may run beside the next edition's
# notebooks): `stop_stages` ends them all.
RUNNING: set[tuple[str, str]] = set()


def stop_stages() -> int:
    """Kill every running stage's processes (found by their markers); returns how many."""
    return sum(kill_marked(name, value) for name, value in list(RUNNING))


def _stage_worker(fn, conn, parent: int, env: dict[str, str]) -> None:
    """Body of a stage's worker: a session of its own (a terminal's Ctrl-C reaches the build,
    which stops the worker and everything it started), die with the build, its environment
    (the stage's marker, inherited by every process it starts), send the result."""
    die_with_parent(parent)
    os.setsid()
    os.environ.update(env)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        result = (True, fn())
    except BaseException as exc:  # noqa: BLE001 - reported to the build, never lost
        result = (False, exc)
    try:
        conn.send(result)
    except Exception as exc:  # noqa: BLE001 - an error that cannot be pickled: send its words
        conn.send((False, RuntimeError(f"{type(result[1]).__name__}: {result[1]}"
                                       if not result[0] else f"unpicklable result: {exc}")))
    conn.close()


def run_stage(fn: Callable[[], Any], timeout: float, marker: str, env: dict[str, str] | None = None) -> Any:
    """Run `fn()` in a worker process and return its result (or raise its exception). After
    `timeout` seconds the worker and every process it started are killed and StageTimeout is
    raised; whatever ends this call (Ctrl-C, SIGTERM, an error, `stop_stages`) leaves none of
    them running. `marker` is the environment variable that marks the stage's processes; `env`
    more variables the worker sets for itself (the build's own environment is left alone, so
    a stage can run beside other work of the build)."""
    import multiprocessing
    import uuid
    from multiprocessing.connection import wait

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    value = uuid.uuid4().hex
    RUNNING.add((marker, value))
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_stage_worker, args=(fn, send, os.getpid(), {**(env or {}), marker: value}),
                       daemon=True, name="book-stage")
    try:
        proc.start()
        send.close()
        ready = wait([receive, proc.sentinel], timeout=timeout)
        if receive in ready or receive.poll():
            try:
                ok, result = receive.recv()
            except (EOFError, OSError):
                ok, result = False, None
            if ok:
                return result
            if result is not None:
                raise result
        if not ready:
            raise StageTimeout(timeout)
        proc.join(5)
        raise StageDied(proc.exitcode)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        kill_marked(marker, value)
        RUNNING.discard((marker, value))
        receive.close()


class StageTimeout(Exception):
    """A stage ran longer than its timeout (its worker and processes were stopped)."""

    def __init__(self, seconds: float):
        super().__init__(f"did not finish within {seconds:g} s")
        self.seconds = seconds


class StageDied(Exception):
    """A stage's worker ended without a result (killed from outside, out of memory)."""

    def __init__(self, exitcode: int | None):
        super().__init__(f"its worker process ended unexpectedly (exit status {exitcode})")
        self.exitcode = exitcode
