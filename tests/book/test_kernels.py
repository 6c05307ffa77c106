"""Kernels forked from the kernel server (book.kernels): a forked kernel is a fresh process of
its own (working folder, environment, random state; nothing of another kernel), it ends when
its worker ends or is killed, a request under another environment gets an ordinary kernel, and
a notebook executed in a forked kernel is byte for byte the notebook an ordinary kernel gives."""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from pathlib import Path

import pytest
from test_execute import beta_job

from book import kernels
from book.execute import kernel_environment, run_job

pytestmark = pytest.mark.skipif(not kernels.available(), reason="needs Linux pidfds")
PROBE = ("import json, os, sys, numpy; print(json.dumps([os.getcwd(), os.environ.get('PROBE'), os.getpid(), "
         "float(numpy.random.random()), 'pandas' in sys.modules]))")


@contextlib.contextmanager
def serving(monkeypatch):
    """A kernel server started under this test's environment (pytest changes its own variable
    between a fixture and the test), its address in the environment."""
    srv = kernels.KernelServer({})
    monkeypatch.setenv(kernels.SERVER_ENV, srv.address)
    try:
        yield srv
    finally:
        srv.stop()


async def _run(code: str, cwd: Path, manager=None) -> tuple[list, object]:
    km = (manager or kernels.forking_manager())(kernel_name="python3")
    await km.start_kernel(cwd=str(cwd))
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=60)
        kc.execute(code)
        text = ""
        while not text.endswith("\n"):
            msg = await kc.get_iopub_msg(timeout=60)
            assert msg["msg_type"] != "error", msg["content"]
            text += msg["content"].get("text", "") if msg["msg_type"] == "stream" else ""
        return json.loads(text), km.provisioner.process
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)


def test_a_forked_kernel_is_a_fresh_process_of_its_own(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.setenv("PROBE", "asked")
    with serving(monkeypatch) as server:
        first, process = asyncio.run(_run(PROBE, tmp_path / "a"))
        second, _ = asyncio.run(_run(PROBE, tmp_path / "b"))
    assert isinstance(process, kernels.ForkedKernel) and process.poll() is not None  # ended
    assert first[:2] == [str(tmp_path / "a"), "asked"] and second[0] == str(tmp_path / "b")
    assert first[2] != second[2] != server.process.pid
    assert first[3] != second[3]  # numpy's global generator seeded in each kernel
    assert first[4]  # pandas came with the server


def test_a_kernel_under_another_environment_is_started_as_usual(tmp_path, monkeypatch):
    with serving(monkeypatch):
        monkeypatch.setenv("PROBE", "changed after the server started")
        out, process = asyncio.run(_run(PROBE, tmp_path))
    assert out[1] == "changed after the server started"
    assert not isinstance(process, kernels.ForkedKernel)


def test_a_forked_kernel_ends_with_its_worker(tmp_path, monkeypatch):
    with serving(monkeypatch) as server:
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # a worker that asks for a kernel, reports its pid and dies
            try:
                env = {k: v for k, v in os.environ.items() if k != kernels.SERVER_ENV}
                kernel = kernels.request_kernel(server.address, ["-f", str(tmp_path / "c.json")], env,
                                                str(tmp_path))
                os.write(write, str(kernel.pid).encode())
            finally:
                os._exit(0)
        os.close(write)
        pid = int(os.read(read, 64))
        os.waitpid(child, 0)
    deadline = time.monotonic() + 30
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists()


def test_a_forked_kernel_executes_a_notebook_as_an_ordinary_one(tmp_path, monkeypatch):
    for name, value in kernel_environment(0).items():
        monkeypatch.setenv(name, value)
    ordinary = run_job(beta_job(tmp_path / "ordinary"))
    with serving(monkeypatch):
        forked = run_job(beta_job(tmp_path / "forked"))
    assert not ordinary.error and not forked.error
    assert forked.output.read_bytes() == ordinary.output.read_bytes()


def test_a_many_edition_command_keeps_one_server_while_the_environment_is_the_same(monkeypatch):
    shared = kernels.SharedServers()
    try:
        first = shared.get({"SOURCE_DATE_EPOCH": "1", "BOOK_RUN": "a", "BOOK_SNAPSHOT": "/s/a"})
        again = shared.get({"SOURCE_DATE_EPOCH": "1", "BOOK_RUN": "b", "BOOK_SNAPSHOT": "/s/b"})
        assert again is first  # another build's marker and snapshot: the same imports
        other = shared.get({"SOURCE_DATE_EPOCH": "2", "BOOK_RUN": "c"})
        assert other is not first and first.process.poll() is not None  # one server at a time
    finally:
        shared.close()
    assert other.process.poll() is not None


def test_a_kept_server_in_use_is_not_ended_by_another_environment():
    """One edition's later parts (one date) beside the next edition's chapters (another date):
    the server the first still uses stays; once released, the next new environment ends it."""
    shared = kernels.SharedServers()
    try:
        key, first = shared.acquire({"SOURCE_DATE_EPOCH": "1", "BOOK_RUN": "a"})
        other = shared.get({"SOURCE_DATE_EPOCH": "2", "BOOK_RUN": "b"})
        assert other is not first and first.process.poll() is None  # still in use
        shared.release(key)
        third = shared.get({"SOURCE_DATE_EPOCH": "3", "BOOK_RUN": "c"})
        assert first.process.poll() is not None and other.process.poll() is not None
    finally:
        ended = shared.close()
    assert third in ended and third.process.poll() is not None


def test_a_build_ending_after_its_command_closed_the_servers_releases_nothing():
    """An interrupted command ends its servers while an edition's rest may still end later:
    its release is no error, and no server is started after the command ended."""
    shared = kernels.SharedServers()
    key, server = shared.acquire({"SOURCE_DATE_EPOCH": "1", "BOOK_RUN": "a"})
    assert shared.close() == [server] and server.process.poll() is not None
    shared.release(key)
    with pytest.raises(RuntimeError, match="ended its kernel servers"):
        shared.acquire({"SOURCE_DATE_EPOCH": "1", "BOOK_RUN": "b"})
