"""Publishing: assemble the edition's folder in staging, then swap it into `_book/<edition>/`
atomically, so a failed or killed render never touches the last good edition."""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Iterable, Mapping

from report.inputs import external_name

from .errors import PublishError
from .exchange import exchange
from .paths import ROOT
from .safety import inside, remove_tree

PACKAGES = ("pandas", "numpy", "pandera", "papermill", "nbformat", "nbclient", "ipykernel", "babel",
            "matplotlib", "pypandoc-binary", "typst", "filelock", "python-calamine", "pyyaml")


def package_versions() -> dict[str, str]:
    """Versions of the packages that shape the book (for the manifest)."""
    out = {}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_commit() -> str:
    """The project's git commit (`-dirty` with uncommitted changes), or `unknown`."""
    try:
        proc = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
        commit = proc.stdout.strip() if proc.returncode == 0 else "unknown"
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return commit + ("-dirty" if dirty and commit != "unknown" else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def write_json(path: Path, data: Any) -> None:
    """Write JSON with sorted keys, two-space indent and UTF-8."""
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with `\n` line ends, creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def manifest(edition, parameters: Mapping[str, Any], inputs: list[dict], notebooks: Mapping[str, str],
             renderer: str, renderer_note: str) -> dict:
    """The edition's manifest: parameters, input and notebook checksums, packages, renderer, commit."""
    return {
        "edition": edition.id,
        "title": edition.title,
        "date": edition.date.isoformat(),
        "edition_file": (edition.path.relative_to(ROOT).as_posix() if edition.path.is_relative_to(ROOT)
                         else external_name(edition.path.name, hashlib.sha256(edition.path.read_bytes()).hexdigest())),
        "parameters": parameters,
        "inputs": {i["path"]: i["sha256"] for i in inputs},
        "notebooks": dict(notebooks),
        "packages": package_versions(),
        "renderer": renderer,
        "renderer_note": renderer_note,
        "git_commit": git_commit(),
    }


def edition_state(folder: Path) -> tuple | None:
    """What identifies a published edition folder right now (None when there is none): compared
    before and after a failed build, it tells whether the last good edition is unchanged."""
    try:
        st = folder.stat()
        manifest_bytes = (folder / "manifest.json").read_bytes()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, hashlib.sha256(manifest_bytes).hexdigest())


def _aside(final: Path, what: str) -> Path:
    return final.parent / f".{final.name}.{what}"


def recover(final: Path, roots: Iterable[Path]) -> None:
    """Finish or undo a publish that was interrupted (killed) earlier: if `final` is missing but
    the previous edition was moved aside, put it back; then remove what was left beside it."""
    old, new = _aside(final, "old"), _aside(final, "new")
    if not os.path.lexists(final) and old.is_dir():
        os.rename(old, final)
    for leftover in (new, old):
        if os.path.lexists(leftover):
            remove_tree(leftover, roots)


def _stage_beside(staged: Path, new: Path) -> None:
    """Bring the staged edition next to the final folder, on its filesystem: a rename when it
    already is on that filesystem, else a copy (a rename across filesystems fails with EXDEV)."""
    if staged.stat().st_dev == new.parent.stat().st_dev:
        os.rename(staged, new)
    else:
        shutil.copytree(staged, new, symlinks=True)


def swap_into_place(staged: Path, final: Path, roots: Iterable[Path]) -> None:
    """Publish `staged` as `final` so that a crash at any instant leaves `final` holding the
    complete old or the complete new edition: the new edition is staged beside `final` (same
    filesystem), then the two folders are exchanged in one atomic step (renameat2
    RENAME_EXCHANGE on Linux, renamex_np RENAME_SWAP on macOS), and only then is the old one
    removed. Where no atomic exchange exists, the old folder is moved aside first and
    `recover` puts it back after a crash."""
    roots = [Path(r) for r in roots]
    final = inside(final, roots, "replace")
    final.parent.mkdir(parents=True, exist_ok=True)
    recover(final, roots)
    new = _aside(final, "new")
    try:
        _stage_beside(staged, new)
        if not os.path.lexists(final):
            os.rename(new, final)
            return
        if not exchange(new, final):
            old = _aside(final, "old")
            os.rename(final, old)
            os.rename(new, final)
            new = old
    except OSError as exc:
        raise PublishError(f"Could not move the new edition into {final}: {exc}") from None
    try:
        remove_tree(new, roots)
    except OSError as exc:
        raise PublishError(f"The new edition is in {final}, but the previous one could not be "
                           f"removed from {new}: {exc}", published=True) from None
