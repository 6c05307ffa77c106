"""Interrupts, waits and the render stage's timeout, said plainly: Ctrl-C or SIGTERM in the render
stage ends with »Interrupted« and 130/143 and leaves the last good edition and no renderer
process behind; a render stopped by the render timeout says so; a render that waits for another
render of its edition says so at once and keeps what the other run kept."""
from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path

import pytest
from conftest import FIXTURES, tree_digest

from book import pipeline, renderers
from book.errors import ExecutionError, RenderTimeoutError
from book.pipeline import build
from book.processes import marked_processes

linux_only = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")


class SlowRenderer:
    """A renderer that starts a long child process (like pandoc on a huge input) and waits."""

    name = "slow"

    def render(self, job):
        job.out_dir.mkdir(parents=True, exist_ok=True)
        (job.workdir.parent / "render-started").write_text("yes")
        subprocess.run(["sleep", "300"], check=False)
        raise AssertionError("the render stage was not stopped")


def _old_edition(folder: Path, edition_id: str) -> Path:
    """A published edition as an earlier render left it."""
    final = folder / edition_id
    final.mkdir(parents=True)
    (final / "manifest.json").write_text('{"edition": "old"}\n', encoding="utf-8")
    return final


@linux_only
def test_the_render_stage_stops_at_its_timeout_with_every_process_it_started(
        fixture_book, build_options, write_edition, monkeypatch):
    mark = uuid.uuid4().hex
    monkeypatch.setenv("BOOK_TEST_MARK", mark)
    monkeypatch.setitem(renderers.RENDERERS, "slow", SlowRenderer)
    before = tree_digest(_old_edition(build_options.book_dir, "r1"))
    opts = dataclasses.replace(build_options, engine="slow", render_timeout=3.0)
    start = time.monotonic()
    with pytest.raises(RenderTimeoutError, match=r"Renderer 'slow' did not finish within the render timeout "
                                                 r"of 3 s; it was stopped .* --render-timeout SECONDS"):
        build(write_edition("r1"), opts, fixture_book)
    assert time.monotonic() - start < 120
    assert marked_processes("BOOK_TEST_MARK", mark) == []  # no `sleep 300` left behind
    assert tree_digest(build_options.book_dir / "r1") == before


DRIVER = textwrap.dedent("""
    import functools, subprocess, sys
    from pathlib import Path
    import book.cli as cli, book.pipeline as pipeline, book.renderers as renderers
    from book.project import load_book

    tmp = Path(sys.argv[1])
    class Slow:
        name = "slow"
        def render(self, job):
            (tmp / "render-started").write_text("yes")
            subprocess.run(["sleep", "300"])
    renderers.RENDERERS["slow"] = Slow
    pipeline.load_book = lambda: load_book(Path(sys.argv[2]))
    pipeline.BuildOptions = functools.partial(pipeline.BuildOptions, cache_dir=tmp / "cache",
        book_dir=tmp / "book", build_dir=tmp / "build", processed_dir=tmp / "processed")
    cli.BOOK = tmp / "book"
    cli.ENGINES = (*cli.ENGINES, "slow")
    sys.exit(cli.main(["--params", str(tmp / "s1.yml"), "--engine", "slow", "--jobs", "2"]))
""")


@linux_only
@pytest.mark.parametrize("how, code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_stopping_the_render_stage_says_interrupted(tmp_path, how, code):
    mark = uuid.uuid4().hex
    (tmp_path / "s1.yml").write_text("edition: s1\ntitle: T\ndate: 2025-03-31\n", encoding="utf-8")
    before = tree_digest(_old_edition(tmp_path / "book", "s1"))
    env = {**os.environ, "BOOK_TEST_MARK": mark}
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(tmp_path), str(FIXTURES / "book" / "_quarto.yml")],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while not (tmp_path / "render-started").exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert (tmp_path / "render-started").exists(), proc.communicate(timeout=30)
        if how == "SIGINT":  # Ctrl-C in a terminal: the whole foreground process group
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == code, err
        assert "Interrupted" in err and "Renderer" not in err and "Traceback" not in err, err
        assert "Nothing was published; the last good edition in" in err and "is unchanged" in err, err
        assert tree_digest(tmp_path / "book" / "s1") == before
        deadline = time.monotonic() + 15
        while marked_processes("BOOK_TEST_MARK", mark) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marked_processes("BOOK_TEST_MARK", mark) == []
    finally:
        for pid in marked_processes("BOOK_TEST_MARK", mark):
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


HOLDER = textwrap.dedent("""
    import sys
    from filelock import FileLock
    lock = FileLock(sys.argv[1])
    lock.acquire()
    print("held", flush=True)
    sys.stdin.readline()
    lock.release()
""")


def test_a_render_waiting_for_another_says_so_at_once_and_keeps_what_it_kept(
        fixture_book, build_options, write_edition, monkeypatch):
    with pytest.raises(ExecutionError):
        build(write_edition("w1", "beta:\n  fail: true\n"), build_options, fixture_book)
    kept = build_options.build_dir / "w1" / "failed" / "beta.ipynb"
    assert kept.is_file()
    lines: list[str] = []
    monkeypatch.setattr(pipeline, "say", lines.append)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(build_options.build_dir / "w1.lock")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        done: list = []
        worker = threading.Thread(target=lambda: done.append(build(write_edition("w1"), build_options, fixture_book)))
        worker.start()
        deadline = time.monotonic() + 60
        while not any(line.startswith("Waiting") for line in lines) and time.monotonic() < deadline:
            time.sleep(0.1)
        waiting = [line for line in lines if line.startswith("Waiting")]
        assert waiting and "another render of edition w1 is running" in waiting[0] and "w1.lock" in waiting[0]
        assert not done  # it waits, it does not run
        holder.communicate("go\n", timeout=30)
        worker.join(300)
        assert done and done[0].folder == build_options.book_dir / "w1"
    finally:
        if holder.poll() is None:
            holder.kill()
    assert kept.is_file()  # the failed notebook the earlier run kept is still there
