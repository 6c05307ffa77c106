"""Publishing is crash-safe: a SIGKILL at every file-system step of the swap leaves the edition
folder holding the complete old or the complete new edition, and the next publish works. The
kill points are found by counting the file-system audit events the publish raises, so the test
does not depend on how the swap is written (a swap replaced by a delete fails it)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import tree_digest

from book.errors import UnsafePathError
from book.exchange import DISABLED
from book.publish import edition_state, swap_into_place

ROOT = Path(__file__).resolve().parents[2]
KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from book.publish import swap_into_place
    target = int(sys.argv[1])
    events = {"open", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.mkdir", "os.symlink",
              "shutil.rmtree", "shutil.copytree", "shutil.copyfile", "ctypes.call_function"}
    seen = 0
    def hook(event, args):
        global seen
        if event in events:
            seen += 1
            if seen == target:
                os.kill(os.getpid(), signal.SIGKILL)
    staged, final, root = (Path(a) for a in sys.argv[2:5])
    sys.addaudithook(hook)
    swap_into_place(staged, final, [root])
    print("completed")
""")


def make_tree(folder: Path, label: str, files: int = 4) -> dict[str, str]:
    for i in range(files):
        path = folder / ("sub" if i % 2 else "") / f"f{i}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{label} {i}\n" * (i + 1))
    (folder / "manifest.json").write_text(f'{{"edition": "{label}"}}\n')
    return tree_digest(folder)


def kill_at(n: int, staged: Path, final: Path, root: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", KILLER, str(n), str(staged), str(final), str(root)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def _kill_everywhere(tmp_path: Path, env: dict, strict: bool) -> int:
    root = tmp_path / "_book"
    n, kills = 0, 0
    while True:
        n += 1
        assert n < 400, "publish never completed"
        work = tmp_path / f"run{n}"
        final, staged = root / "e1", work / "staged"
        old, new = make_tree(final, "old"), make_tree(staged, "new")
        proc = kill_at(n, staged, final, root, env)
        if proc.returncode == 0:
            assert "completed" in proc.stdout and tree_digest(final) == new
            assert sorted(p.name for p in root.iterdir()) == ["e1"], "leftovers beside the edition"
            break
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        kills += 1
        if strict:  # at every instant: the complete old or the complete new edition
            assert final.is_dir() and tree_digest(final) in (old, new), f"kill at step {n}"
        again = work / "again"
        make_tree(again, "again")
        swap_into_place(again, final, [root])  # the next publish recovers and succeeds
        assert tree_digest(final) == tree_digest_of_label(tmp_path, "again")
        assert sorted(p.name for p in root.iterdir()) == ["e1"]
        import shutil
        shutil.rmtree(final)
    return kills


def tree_digest_of_label(tmp_path: Path, label: str) -> dict[str, str]:
    ref = tmp_path / f"ref-{label}"
    if not ref.exists():
        make_tree(ref, label)
    return tree_digest(ref)


def test_a_kill_at_any_step_leaves_old_or_new(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(DISABLED, None)
    assert _kill_everywhere(tmp_path, env, strict=True) >= 5


def test_without_atomic_exchange_the_next_publish_restores_the_old_edition(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), DISABLED: "1"}
    assert _kill_everywhere(tmp_path, env, strict=False) >= 5


def test_publishes_into_a_separate_filesystem(tmp_path):
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second filesystem (/dev/shm) on this machine")
    root = Path(os.path.realpath(shm)) / f"book-test-{os.getpid()}"
    try:
        final = root / "e1"
        make_tree(final, "old")
        new = make_tree(tmp_path / "staged", "new")
        swap_into_place(tmp_path / "staged", final, [root])
        assert tree_digest(final) == new
        assert sorted(p.name for p in root.iterdir()) == ["e1"]
    finally:
        import shutil
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("name", ["..", "../data", "/tmp/elsewhere", "link/e1"])
def test_refuses_to_replace_anything_outside_the_book_folder(tmp_path, name):
    root = tmp_path / "_book"
    root.mkdir()
    outside = tmp_path / "data"
    outside.mkdir()
    (outside / "keep.csv").write_text("x\n")
    (root / "link").symlink_to(outside)
    make_tree(tmp_path / "staged", "new")
    with pytest.raises(UnsafePathError, match="not inside the build's own output folders"):
        swap_into_place(tmp_path / "staged", root / name, [root])
    assert (outside / "keep.csv").read_text() == "x\n"


def test_edition_state_tells_changed_from_unchanged(tmp_path):
    final = tmp_path / "e1"
    assert edition_state(final) is None
    make_tree(final, "a")
    before = edition_state(final)
    assert edition_state(final) == before
    make_tree(tmp_path / "s", "b")
    swap_into_place(tmp_path / "s", final, [tmp_path])
    assert edition_state(final) != before
