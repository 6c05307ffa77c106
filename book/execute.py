"""Execution of notebooks with papermill, in parallel, through the cache, with a progress line
per notebook (started / cached / done in N s / failed).

Every notebook runs in a worker process of its own, which ends with the command: a worker
dies with the build (parent-death signal), a kernel ends with its worker (ipykernel's parent
poller), and when the build stops (error, Ctrl-C, SIGTERM, timeout) it kills its workers and
every kernel started for this run (found by a marker in their environment)."""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import sys
import time
import uuid
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from report.inputs import SNAPSHOT_ENV, snapshot_root

from .cache import CacheKey, NotebookCache
from .errors import (
    BuildError,
    ExecutionError,
    KernelStartError,
    NotebookTimeoutError,
    RenderError,
    RenderTimeoutError,
)
from .kernels import SERVER_ENV, KernelServer, LazyServer, SharedServers, available, forking_manager
from .paths import ROOT, display
from .processes import StageDied, StageTimeout, die_with_parent, kill_marked, run_stage
from .runs import RUN_MARKER, STOPPING, WORKERS, begin_run, end_run
from .strip import normalise_executed


@dataclass(frozen=True)
class Job:
    """One notebook to execute: where it is, its parameters, its cache key, where it goes."""

    part_id: str
    notebook: Path
    parameters: Mapping[str, Any]
    key: CacheKey
    output: Path
    failed_dir: Path


@dataclass(frozen=True)
class Outcome:
    """The result of one notebook: where it is, whether it came from the cache, its error if any."""
    part_id: str
    output: Path
    cached: bool
    seconds: float
    error: BuildError | None = None


def say(line: str) -> None:
    """One progress line on stderr, written in one call so parallel workers do not interleave."""
    sys.stderr.flush()
    os.write(2, (line + "\n").encode("utf-8"))


def default_jobs() -> int:
    """Notebooks executed at once by default: one more than the cores, since a worker waits on
    its kernel now and then (its start, the messages of each cell) and the extra one keeps the
    cores busy meanwhile (a cold 2025-Q1 on 2 cores: 12,5 s with 2, 11,1 s with 3)."""
    return (os.cpu_count() or 1) + 1


def kernel_environment(epoch: int) -> dict[str, str]:
    """Environment for every kernel: the edition date as SOURCE_DATE_EPOCH, no hash randomness,
    and this project's packages first on the path (kernels run in the input snapshot)."""
    given = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    path = os.pathsep.join(dict.fromkeys([str(ROOT), *given]))
    return {"SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg",
            "TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONPATH": path}


def _no_cell_ran(path: Path) -> bool:
    """True when the executed notebook shows that no code cell ran (the kernel never started)."""
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - missing or half-written: nothing ran
        return True
    return all(c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def _execution_error(job: Job, exc: Exception, saved: Path) -> BuildError:
    from papermill.exceptions import PapermillExecutionError

    if not isinstance(exc, PapermillExecutionError) and _no_cell_ran(job.output):
        return KernelStartError(display(job.notebook), f"{type(exc).__name__}: {exc}".strip())
    cell_index = getattr(exc, "cell_index", None)
    source = getattr(exc, "source", "") or ""
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    return ExecutionError(display(job.notebook), cell_index, source, ename, evalue, display(saved))


class _KernelLog:
    """Send the kernel's own stderr chatter (transport warnings and the like) to a log file
    next to the executed notebook, so the analyst's terminal shows only the progress lines."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        sys.stderr.flush()
        self.saved = os.dup(2)
        self.log = open(self.path, "ab")
        os.dup2(self.log.fileno(), 2)
        return self

    def __exit__(self, *exc):
        sys.stderr.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)
        self.log.close()


def run_job(job: Job) -> Outcome:
    """Execute one notebook with papermill (in a worker process)."""
    import papermill as pm

    start = time.monotonic()
    job.output.parent.mkdir(parents=True, exist_ok=True)
    with _KernelLog(job.output.with_suffix(".log")):
        outcome = _run_papermill(pm, job, start)
        if isinstance(outcome.error, KernelStartError):  # e.g. a port taken between choice and bind
            time.sleep(1.0)
            outcome = _run_papermill(pm, job, start)
        return outcome


def _run_papermill(pm, job: Job, start: float) -> Outcome:
    forked = {"kernel_manager_class": forking_manager()} if os.environ.get(SERVER_ENV) else {}
    try:
        pm.execute_notebook(
            str(job.notebook), str(job.output), parameters=dict(job.parameters),
            cwd=str(snapshot_root() or ROOT), kernel_name="python3", progress_bar=False, log_output=False,
            request_save_on_cell_execute=False, report_mode=False,
            # every output has arrived when the last cell ends: end the kernel at once instead of
            # waiting for its graceful shutdown (the notebook writes no files; about 0,5 s each)
            shutdown_kernel="immediate", **forked,
        )
    except Exception as exc:  # noqa: BLE001 - papermill's PapermillExecutionError, or a kernel failure
        job.failed_dir.mkdir(parents=True, exist_ok=True)
        saved = job.failed_dir / job.output.name
        if job.output.is_file():
            shutil.copyfile(job.output, saved)
        return Outcome(job.part_id, job.output, False, time.monotonic() - start,
                       _execution_error(job, exc, saved))
    normalise_executed(job.output, {"input_path": display(job.notebook), "output_path": f"{job.part_id}.ipynb"})
    return Outcome(job.part_id, job.output, False, time.monotonic() - start)


def _worker(runner: Callable[[Job], Outcome], job: Job, conn, parent: int, env: dict[str, str]) -> None:
    """Body of a worker process: die with the build, leave Ctrl-C to the build, its run's
    environment (marker, edition date, snapshot; inherited by its kernel), run one job."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ.update(env)
    try:
        outcome = runner(job)
    except BaseException as exc:  # noqa: BLE001 - reported to the build, never lost
        outcome = Outcome(job.part_id, job.output, False, 0.0, ExecutionError(
            display(job.notebook), None, "", type(exc).__name__, str(exc), "(nothing was saved)"))
    conn.send(outcome)
    conn.close()


@dataclass
class _Running:
    job: Job
    process: Any
    conn: Any
    started: float


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _start(ctx, runner, job: Job, env: dict[str, str]) -> _Running:
    say(f"  {job.part_id:<22} started")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(runner, job, send, os.getpid(), env), daemon=True,
                       name=f"book-{job.part_id}")
    proc.start()
    send.close()
    return _Running(job, proc, receive, time.monotonic())


def _finish(run: _Running, timeout: float) -> Outcome:
    """The outcome of a worker that sent it, ended, or ran out of time."""
    job, seconds = run.job, time.monotonic() - run.started
    outcome = None
    if run.conn.poll():
        try:
            outcome = run.conn.recv()
        except (EOFError, OSError):
            outcome = None
    if outcome is None:
        run.process.kill()
        if seconds >= timeout:
            outcome = Outcome(job.part_id, job.output, False, seconds,
                              NotebookTimeoutError(display(job.notebook), timeout))
        else:
            code = run.process.exitcode
            outcome = Outcome(job.part_id, job.output, False, seconds, KernelStartError(
                display(job.notebook), f"its worker process ended unexpectedly (exit status {code})"))
    run.process.join(5)
    run.conn.close()
    return outcome


def _report(outcome: Outcome) -> None:
    if outcome.error:
        say(f"  {outcome.part_id:<22} failed after {outcome.seconds:.1f} s")
    else:
        say(f"  {outcome.part_id:<22} done in {outcome.seconds:.1f} s")


def run_parallel(todo: list[Job], workers: int, timeout: float,
                 runner: Callable[[Job], Outcome] = run_job, env: dict[str, str] | None = None,
                 fork_kernels: bool = False, server: KernelServer | None = None) -> dict[str, Outcome]:
    """Run jobs in worker processes, `workers` at a time, each stopped after `timeout` s, each
    worker with `env` and this run's marker in its environment (its kernel inherits them); with
    `fork_kernels`, kernels are forked from a kernel server (book.kernels): `server` (the build's,
    which outlives this run; its marker is the run's) or one of this run's own.
    Whatever ends this function (success, error, Ctrl-C, SIGTERM), no worker and no kernel of
    this run is left running."""
    ctx = _context()
    marker = server.env[RUN_MARKER] if server else uuid.uuid4().hex
    env = {**(env or {}), RUN_MARKER: marker}  # inherited by every kernel of this run
    own = KernelServer(env) if fork_kernels and not server and available() else None
    server = server or own
    env.update({SERVER_ENV: server.address} if server else {})
    queue, running, done = list(todo), [], {}
    begin_run(marker)
    try:
        while queue or running:
            while queue and STOPPING.is_set():  # the command was interrupted (stop_runs)
                job = queue.pop(0)
                done[job.part_id] = Outcome(job.part_id, job.output, False, 0.0, KernelStartError(
                    display(job.notebook), "the build was interrupted before it started"))
            while queue and len(running) < max(1, workers):
                running.append(_start(ctx, runner, queue.pop(0), env))
                WORKERS.add(running[-1].process)
            if not running:
                continue
            now = time.monotonic()
            left = min(r.started + timeout - now for r in running)
            ready = wait([r.conn for r in running] + [r.process.sentinel for r in running],
                         timeout=max(0.0, left))
            for run in list(running):
                expired = time.monotonic() - run.started >= timeout
                if run.conn in ready or run.process.sentinel in ready or expired:
                    running.remove(run)
                    WORKERS.discard(run.process)
                    done[run.job.part_id] = outcome = _finish(run, timeout)
                    _report(outcome)
    finally:
        for run in running:
            run.process.kill()
            WORKERS.discard(run.process)
        for run in running:
            run.process.join(5)
        if own:
            own.stop()
        end_run(marker, server)
    return done


def execute_all(jobs: list[Job], cache: NotebookCache | None, workers: int, epoch: int,
                runner: Callable[[Job], Outcome] | None = None, timeout: float = 600.0,
                scheduler: str | None = None, servers: LazyServer | None = None,
                env: dict[str, str] | None = None) -> list[Outcome]:
    """Execute jobs (cache hits are copied), `workers` at a time, or on a Dask cluster
    (`scheduler`, see book.distributed); outcomes in job order. Kernels are forked from the
    build's kernel server (`servers`, see `build_kernel_server`) or from one of this call's own.
    With `env` (an edition's `execution_environment`, taken while its snapshot was read) the
    workers get it and the build's own environment is left alone: the call may run beside
    another edition's (book.many)."""
    given = env
    if env is None:
        env = execution_environment(epoch)
        os.environ.update(kernel_environment(epoch))  # the build's own readers see what the kernels see
    outcomes: dict[str, Outcome] = {}
    todo: list[Job] = []
    for job in jobs:
        if cache and cache.restore(job.key, job.output, job.part_id):
            outcomes[job.part_id] = Outcome(job.part_id, job.output, True, 0.0)
            say(f"  {job.part_id:<22} cached")
        else:
            todo.append(job)
    if todo:
        if scheduler:
            from .distributed import executor, run_on_executor

            outcomes.update(run_on_executor(todo, executor(scheduler), timeout, given))
        else:
            papermill = runner is None  # the default runner: papermill, kernels from the kernel server
            runner = runner or run_job
            if papermill:
                preload()
            server = servers.get() if servers and papermill else None
            outcomes.update(run_parallel(todo, workers, timeout, runner, env, fork_kernels=papermill,
                                         server=server))
        if cache:
            for job in todo:
                if not outcomes[job.part_id].error:
                    cache.put(job.key, outcomes[job.part_id].output)
    return [outcomes[j.part_id] for j in jobs]


def execution_environment(epoch: int) -> dict[str, str]:
    """What every worker and kernel of a build gets besides the build's own environment: the
    kernel environment and the snapshot being read."""
    env = kernel_environment(epoch)
    snapshot = os.environ.get(SNAPSHOT_ENV)
    return {**env, SNAPSHOT_ENV: snapshot} if snapshot else env


_SHARED: list[SharedServers] = []  # while `shared_kernel_servers` runs


@contextlib.contextmanager
def build_kernel_server(epoch: int) -> Iterator[LazyServer]:
    """One kernel server for the execution stages of a build (of the snapshot being read now),
    started when a stage first executes a notebook, ended when the block ends (in a
    many-edition command: the command's, see `shared_kernel_servers`)."""
    marker = uuid.uuid4().hex
    servers = LazyServer({**execution_environment(epoch), RUN_MARKER: marker}, _SHARED[-1] if _SHARED else None)
    try:
        yield servers
    finally:
        own = servers.server is not None and not servers.shared
        servers.stop()  # a shared one is released, kept for the next build
        if own:
            kill_marked(RUN_MARKER, marker)


@contextlib.contextmanager
def shared_kernel_servers() -> Iterator[None]:
    """Builds in this block fork their kernels from a kept server while their environment is
    the same (book.kernels.SharedServers); the servers end with the block."""
    shared = SharedServers()
    _SHARED.append(shared)
    try:
        yield
    finally:
        _SHARED.remove(shared)
        for server in shared.close():
            kill_marked(RUN_MARKER, server.env[RUN_MARKER])


def preload() -> None:
    """Import what every worker imports to run a notebook (papermill, nbclient, the Jupyter
    client) once in the build, before the workers are forked, instead of once in each worker.
    Importing starts no thread, loop or socket: each worker still starts its own kernel."""
    import jupyter_client.manager  # noqa: F401
    import nbclient  # noqa: F401
    import papermill  # noqa: F401
    from jupyter_client import localinterfaces
    from jupyter_client.provisioning import KernelProvisionerFactory

    forking_manager()
    # what each worker's kernel manager otherwise looks up again: the machine's addresses (read
    # once per process), the provisioners' entry points (a singleton)
    localinterfaces.localhost()
    KernelProvisionerFactory.instance()


RENDER_MARKER = "BOOK_RENDER"


def run_renderer(renderer, job, timeout: float, env: dict[str, str] | None = None):
    """The render stage in a worker process of its own (with `env` in its environment): its
    result, its RenderError, or a RenderTimeoutError after `timeout` s. Ctrl-C and SIGTERM reach
    the build, which stops the worker and every process it started (pandoc, Typst, Quarto)
    before it reports »Interrupted«."""
    try:
        return run_stage(lambda: renderer.render(job), timeout, RENDER_MARKER, env)
    except StageTimeout:
        raise RenderTimeoutError(renderer.name, timeout) from None
    except StageDied as exc:
        raise RenderError(renderer.name, "rendering", str(exc)) from None
