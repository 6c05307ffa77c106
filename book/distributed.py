"""Notebooks on a Dask cluster (the optional extra `dask`): `render.py --scheduler tcp://host:8786`
or `--scheduler local` (a `dask.distributed.LocalCluster` of one single-threaded worker process
per core). The build talks to the cluster through `concurrent.futures.Executor` only
(`Client.get_executor()`); the cache, the harvest, the render and the publish stay on this machine.

Each notebook still gets a fresh kernel, started by the worker that runs it. The worker sends
the executed notebook back as bytes, and the build writes it where a local run would have (so a
remote worker needs the project at the same path, with its inputs; its own copy of a failed
notebook stays on the worker). With a cluster, `--timeout` bounds how long the build waits for
a notebook; the notebook is then cancelled on the cluster."""
from __future__ import annotations

import atexit
import os
import time
from concurrent.futures import FIRST_COMPLETED, Executor, wait
from functools import cache
from typing import Mapping

from .errors import BuildError, NotebookTimeoutError
from .execute import Job, Outcome, run_job, say
from .paths import display

# What a kernel's result depends on in the build's environment (execute.kernel_environment):
# sent with every notebook, since a worker does not share it.
ENV_NAMES = ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED", "MPLBACKEND", "TZ", "LC_ALL", "PYTHONPATH")


def run_remote(job: Job, env: Mapping[str, str]) -> tuple[Outcome, bytes | None]:
    """Run one notebook in a cluster worker: its outcome and the executed notebook's bytes."""
    os.environ.update(env)
    outcome = run_job(job)
    data = job.output.read_bytes() if outcome.error is None and job.output.is_file() else None
    return outcome, data


@cache
def executor(scheduler: str) -> Executor:
    """The executor of a Dask cluster: `local` starts a LocalCluster (one worker process per
    core, one thread each), anything else is the address of a running scheduler. One per command."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BuildError(f"--scheduler {scheduler} needs the optional extra dask: "
                         "pip install -e \".[dask]\"") from None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        atexit.register(cluster.close)
    else:
        try:
            client = Client(scheduler, timeout=30)
        except (OSError, TimeoutError, ValueError) as exc:
            raise BuildError(f"the Dask scheduler {scheduler} cannot be reached: {exc}") from None
    atexit.register(client.close)
    return client.get_executor()


def run_on_executor(todo: list[Job], pool: Executor, timeout: float,
                    build_env: Mapping[str, str] | None = None) -> dict[str, Outcome]:
    """Run the jobs on the executor; the executed notebooks are written here. A notebook not
    back within `timeout` s of the last result is a timeout error (and cancelled). What they
    depend on is taken from `build_env` (an edition's, see execute.execute_all) or the build's
    environment."""
    source = os.environ if build_env is None else build_env
    env = {k: source[k] for k in ENV_NAMES if k in source}
    started = time.monotonic()
    futures = {}
    for job in todo:
        say(f"  {job.part_id:<22} started on the cluster")
        futures[pool.submit(run_remote, job, env)] = job
    done: dict[str, Outcome] = {}
    pending = set(futures)
    try:
        while pending:
            ready, pending = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
            if not ready:
                for fut in pending:
                    job = futures[fut]
                    done[job.part_id] = Outcome(job.part_id, job.output, False, time.monotonic() - started,
                                                NotebookTimeoutError(display(job.notebook), timeout))
                break
            for fut in ready:
                done[futures[fut].part_id] = _received(futures[fut], fut.result())
    finally:
        for fut in pending:
            fut.cancel()
    return done


def _received(job: Job, result: tuple[Outcome, bytes | None]) -> Outcome:
    outcome, data = result
    if data is not None:
        job.output.parent.mkdir(parents=True, exist_ok=True)
        job.output.write_bytes(data)
    say(f"  {job.part_id:<22} {'failed after' if outcome.error else 'done in'} {outcome.seconds:.1f} s")
    return outcome
