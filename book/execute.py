"""Execution of notebooks with papermill, in parallel, through the cache, with a progress line
per notebook (started / cached / done in N s / failed)."""
from __future__ import annotations

import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from .cache import CacheKey, NotebookCache
from .errors import ExecutionError
from .paths import ROOT, display


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
    part_id: str
    output: Path
    cached: bool
    seconds: float
    error: ExecutionError | None = None


def say(line: str) -> None:
    """One progress line on stderr, written in one call so parallel workers do not interleave."""
    sys.stderr.flush()
    os.write(2, (line + "\n").encode("utf-8"))


def kernel_environment(epoch: int) -> dict[str, str]:
    """Environment for every kernel: the edition date as SOURCE_DATE_EPOCH, no hash randomness."""
    return {"SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg",
            "TZ": "UTC", "LC_ALL": "C.UTF-8"}


def _execution_error(job: Job, exc: Exception, saved: Path) -> ExecutionError:
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

    say(f"  {job.part_id:<22} started")
    start = time.monotonic()
    job.output.parent.mkdir(parents=True, exist_ok=True)
    with _KernelLog(job.output.with_suffix(".log")):
        return _run_papermill(pm, job, start)


def _run_papermill(pm, job: Job, start: float) -> Outcome:
    try:
        pm.execute_notebook(
            str(job.notebook), str(job.output), parameters=dict(job.parameters),
            cwd=str(ROOT), kernel_name="python3", progress_bar=False, log_output=False,
            request_save_on_cell_execute=False, report_mode=False,
        )
    except Exception as exc:  # papermill's PapermillExecutionError, or a kernel failure
        job.failed_dir.mkdir(parents=True, exist_ok=True)
        saved = job.failed_dir / job.output.name
        if job.output.is_file():
            shutil.copyfile(job.output, saved)
        return Outcome(job.part_id, job.output, False, time.monotonic() - start,
                       _execution_error(job, exc, saved))
    return Outcome(job.part_id, job.output, False, time.monotonic() - start)


def execute_all(jobs: list[Job], cache: NotebookCache | None, workers: int, epoch: int,
                runner: Callable[[Job], Outcome] = run_job) -> list[Outcome]:
    """Execute jobs (cache hits are copied), `workers` at a time; outcomes in job order."""
    os.environ.update(kernel_environment(epoch))
    outcomes: dict[str, Outcome] = {}
    todo: list[Job] = []
    for job in jobs:
        hit = cache.get(job.key) if cache else None
        if hit:
            job.output.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(hit, job.output)
            outcomes[job.part_id] = Outcome(job.part_id, job.output, True, 0.0)
            say(f"  {job.part_id:<22} cached")
        else:
            todo.append(job)
    if todo:
        if workers > 1 and len(todo) > 1:
            with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
                results = list(pool.map(runner, todo))
        else:
            results = [runner(j) for j in todo]
        for job, res in zip(todo, results):
            outcomes[job.part_id] = res
            if res.error:
                say(f"  {job.part_id:<22} failed after {res.seconds:.1f} s")
            else:
                say(f"  {job.part_id:<22} done in {res.seconds:.1f} s")
                if cache:
                    cache.put(job.key, res.output)
    return [outcomes[j.part_id] for j in jobs]
