"""Where an input is read from during a build: the snapshot the build took when it planned the
edition (a protocol between the build and the readers, in the build's process and in every
kernel). Imports nothing of the book or the domain.

The build copies every input file into one folder that mirrors the project's layout (a file
inside the project at its project-relative path, a file outside it at
`external/sha256-<12 hex>/<file name>`) and names the folder in the environment variable
`BOOK_SNAPSHOT`. While it is set, a relative input path is read from the snapshot when the
snapshot holds it, and a path inside the snapshot is shown as its project-relative name, so
what is checked, cached, executed and recorded are the same bytes and no reader ever sees the
snapshot's (or the build machine's) location."""
from __future__ import annotations

import glob
import os
from pathlib import Path

SNAPSHOT_ENV = "BOOK_SNAPSHOT"
# The project folder: the one place it is defined (book.paths and analysis.core.paths import it).
ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = "external"


def snapshot_root() -> Path | None:
    """The snapshot folder of the running build (None outside a build)."""
    value = os.environ.get(SNAPSHOT_ENV)
    return Path(value) if value else None


def external_name(name: str, sha256: str) -> str:
    """The project-neutral name of an input outside the project: its file name and checksum."""
    return f"{EXTERNAL}/sha256-{sha256[:12]}/{name}"


def resolve_input(path: str | Path, root: Path) -> Path:
    """An input path as the readers open it: absolute paths stay; a relative one is taken from
    the snapshot when a build's snapshot holds it (a file or a folder), else from the project `root`."""
    p = Path(path)
    if p.is_absolute():
        return p
    snap = snapshot_root()
    if snap is not None and (snap / p).exists():
        return snap / p
    return root / p


def glob_input(pattern: str, root: Path) -> list[Path]:
    """The files a glob pattern names, sorted: a relative pattern is matched in the build's
    snapshot while one is active (it mirrors the project), else in the project `root`."""
    p = Path(pattern)
    snap = snapshot_root()
    base = p if p.is_absolute() else (snap if snap is not None else root) / p
    return [Path(f) for f in sorted(glob.glob(str(base), recursive=True))]


def display_input(path: str | Path, root: Path) -> str:
    """A path as a reader should see it: relative to the project, or for a file in the
    snapshot, its project-relative name (never the snapshot's location)."""
    p = Path(os.path.abspath(path))
    snap = snapshot_root()
    for base in ([Path(os.path.abspath(snap))] if snap else []) + [root]:
        if p.is_relative_to(base):
            return p.relative_to(base).as_posix()
    try:
        return p.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(p)


def resolve(path: str | Path) -> Path:
    """A parameter path: absolute paths stay, relative ones are taken from the project root
    (during a build: from the build's snapshot of the inputs)."""
    return resolve_input(path, ROOT)


def display(path: str | Path) -> str:
    """A path as an analyst should read it: relative to the project root where possible (a file
    of the build's snapshot by its project-relative name)."""
    return display_input(path, ROOT)
