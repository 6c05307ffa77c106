"""Publishing: assemble the edition's folder in staging, then swap it into `_book/<edition>/`
in one rename, so a failed render never touches the last good edition."""
from __future__ import annotations

import importlib.metadata
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any, Mapping

from .errors import PublishError
from .paths import ROOT

PACKAGES = ("pandas", "numpy", "pandera", "papermill", "nbformat", "nbclient", "ipykernel", "babel",
            "matplotlib", "pypandoc-binary", "typst", "filelock", "python-calamine", "pyyaml")


def package_versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_commit() -> str:
    try:
        proc = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
        commit = proc.stdout.strip() if proc.returncode == 0 else "unknown"
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return commit + ("-dirty" if dirty and commit != "unknown" else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def manifest(edition, parameters: Mapping[str, Any], inputs: list[dict], notebooks: Mapping[str, str],
             renderer: str, renderer_note: str) -> dict:
    return {
        "edition": edition.id,
        "title": edition.title,
        "date": edition.date.isoformat(),
        "edition_file": edition.path.relative_to(ROOT).as_posix() if edition.path.is_relative_to(ROOT) else str(edition.path),
        "parameters": parameters,
        "inputs": {i["path"]: i["sha256"] for i in inputs},
        "notebooks": dict(notebooks),
        "packages": package_versions(),
        "renderer": renderer,
        "renderer_note": renderer_note,
        "git_commit": git_commit(),
    }


def swap_into_place(staged: Path, final: Path, trash: Path) -> None:
    """Replace `final` by `staged` (the old folder is moved aside first and removed after)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    if trash.exists():
        shutil.rmtree(trash)
    moved = False
    try:
        if final.exists():
            final.rename(trash)
            moved = True
        staged.rename(final)
    except OSError as exc:
        if moved and not final.exists():
            trash.rename(final)
        raise PublishError(f"Could not move the new edition into {final}: {exc}") from None
    if moved:
        shutil.rmtree(trash, ignore_errors=True)
