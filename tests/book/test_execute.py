"""Processes end with the command: a notebook that runs too long is stopped with a message
naming it; SIGKILL, SIGTERM and Ctrl-C of the build leave no worker or kernel running; a
kernel that cannot start gives a clear message; executed notebooks are byte-stable."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES

from book.cache import CacheKey
from book.errors import ExecutionError, KernelStartError, NotebookTimeoutError
from book.execute import Job, execute_all
from book.processes import marked_processes
from book.strip import normalise

ROOT = Path(__file__).resolve().parents[2]
BETA = FIXTURES / "book" / "notebooks" / "beta.ipynb"
linux_only = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")


def beta_job(tmp_path: Path, seconds: float = 0.0, fail: bool = False) -> Job:
    return Job("beta", BETA, {"seconds": seconds, "fail": fail, "label": "b"}, CacheKey("k", {}),
               tmp_path / "out" / "beta.ipynb", tmp_path / "failed")


def wait_until(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def kernels(mark: str) -> list[int]:
    """The marked kernels: started as `python -m ipykernel_launcher`, or forked by the kernel
    server (book.kernels: the server's command line, the server its parent)."""
    out = []
    for pid in marked_processes("BOOK_TEST_MARK", mark):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            parent = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[1]
            forked = b"kernel_server" in cmdline and b"kernel_server" in Path(f"/proc/{parent}/cmdline").read_bytes()
            if b"ipykernel" in cmdline or forked:
                out.append(pid)
        except OSError:
            pass
    return out


@linux_only
def test_a_notebook_over_the_timeout_is_stopped_and_named(tmp_path, monkeypatch):
    mark = uuid.uuid4().hex
    monkeypatch.setenv("BOOK_TEST_MARK", mark)
    start = time.monotonic()
    [outcome] = execute_all([beta_job(tmp_path, seconds=300)], None, 1, 0, timeout=15)
    assert time.monotonic() - start < 60
    assert isinstance(outcome.error, NotebookTimeoutError)
    assert "beta.ipynb" in str(outcome.error) and "15 s" in str(outcome.error)
    assert wait_until(lambda: not marked_processes("BOOK_TEST_MARK", mark), 10), "a worker or kernel survived"


def test_a_kernel_that_cannot_start_says_so(tmp_path, monkeypatch):
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", "import sys; sys.exit(3)", "-f", "{connection_file}"],
        "display_name": "broken", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    [outcome] = execute_all([beta_job(tmp_path)], None, 1, 0, timeout=120)
    assert isinstance(outcome.error, KernelStartError), outcome.error
    msg = str(outcome.error)
    assert "Could not start a Python kernel for notebook" in msg and "beta.ipynb" in msg
    assert "loopback" in msg


def test_a_failing_cell_is_still_an_execution_error(tmp_path):
    [outcome] = execute_all([beta_job(tmp_path, fail=True)], None, 1, 0, timeout=120)
    assert isinstance(outcome.error, ExecutionError) and outcome.error.ename == "ValueError"


DRIVER = textwrap.dedent("""
    import signal, sys
    from pathlib import Path
    from book.cli import _terminate
    from book.editions import load_edition
    from book.pipeline import BuildOptions, build
    from book.project import load_book
    signal.signal(signal.SIGTERM, _terminate)
    tmp = Path(sys.argv[1])
    edition = tmp / "slow.yml"
    edition.write_text("edition: slow\\ntitle: T\\ndate: 2025-03-31\\nbeta:\\n  seconds: 300.0\\n")
    opts = BuildOptions(engine="pandoc", jobs=4, cache_dir=tmp / "cache", book_dir=tmp / "book",
                        build_dir=tmp / "build", processed_dir=tmp / "processed")
    try:
        build(load_edition(edition), opts, load_book(Path(sys.argv[2])))
    except KeyboardInterrupt:
        sys.exit(130)
""")


@linux_only
@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "SIGINT"])
def test_stopping_the_build_leaves_no_worker_or_kernel(tmp_path, how):
    mark = uuid.uuid4().hex
    env = {**os.environ, "BOOK_TEST_MARK": mark, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(tmp_path), str(FIXTURES / "book" / "_quarto.yml")],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        assert wait_until(lambda: len(kernels(mark)) >= 2, 90), "the kernels never started"
        time.sleep(1)
        if how == "SIGINT":  # Ctrl-C in a terminal: the whole foreground process group
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, getattr(signal, how))
        proc.wait(30)
        assert wait_until(lambda: not marked_processes("BOOK_TEST_MARK", mark), 15), \
            f"left running after {how}: {marked_processes('BOOK_TEST_MARK', mark)}"
        if how != "SIGKILL":
            assert proc.returncode in (130, 143, -signal.SIGTERM), proc.stderr.read()
    finally:
        for pid in marked_processes("BOOK_TEST_MARK", mark):
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


def test_normalised_notebooks_have_no_timestamps_and_numbered_ids():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00", "end_time": "x", "duration": 1.5,
                                "parameters": {"a": 1}}
    cell = nbformat.v4.new_code_cell("1")
    cell.metadata["papermill"] = {"start_time": "t", "duration": 0.1, "status": "completed"}
    cell.metadata["execution"] = {"iopub.status.busy": "t"}
    nb.cells = [cell, nbformat.v4.new_markdown_cell("x")]
    out = normalise(nb)
    assert out.metadata["papermill"] == {"parameters": {"a": 1}}
    assert [c.id for c in out.cells] == ["cell-0", "cell-1"]
    assert out.cells[0].metadata == {"papermill": {"status": "completed"}}
