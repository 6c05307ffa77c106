"""Proofs about paths before the build deletes, replaces or locks anything.

An edition id is a name, never a path (`EDITION_ID`). Every path the build deletes, replaces
or locks is first proven to lie strictly inside one of the project's own output folders
(`_book/`, `_build/`, `data/processed/`, `.cache/`, or the folders a caller configured instead):
`..`, absolute paths and symbolic links that lead elsewhere are refused, so no edition file,
data file or planted link can make the build touch anything outside them.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Iterable

from .errors import UnsafePathError

EDITION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
EDITION_ID_RULE = ("an edition id is a name: 1-64 letters (a-z, A-Z), digits, '.', '_' or '-', "
                   "starting with a letter or digit, without '..'")


def is_edition_id(value: object) -> bool:
    """True when `value` is a valid edition id (a name that can never be read as a path)."""
    return isinstance(value, str) and bool(EDITION_ID.fullmatch(value)) and ".." not in value


def _real_parent(path: Path) -> Path:
    """`path` with every folder above it resolved (links followed), its last name kept as is."""
    path = Path(os.path.abspath(path))
    return path.parent.resolve() / path.name


def inside(path: str | Path, roots: Iterable[str | Path], action: str = "write") -> Path:
    """Prove that `path` lies strictly inside one of `roots` (after resolving `..` and links in
    the folders above it); return the proven path or raise UnsafePathError. The path itself
    may be a link (it is then replaced or removed as a link, never followed)."""
    real = _real_parent(path)
    resolved_roots = [Path(r).resolve() for r in roots]
    for root in resolved_roots:
        if real != root and real.is_relative_to(root):
            return real
    where = ", ".join(str(r) for r in resolved_roots) or "(none)"
    raise UnsafePathError(f"Refusing to {action} {path}: it is not inside the build's own output "
                          f"folders ({where}).")


def remove_tree(path: str | Path, roots: Iterable[str | Path]) -> None:
    """Delete a folder (or file, or link) after proving it lies inside `roots`; a link is
    removed itself, never the folder it points to. Missing paths are fine."""
    real = inside(path, roots, "delete")
    if real.is_symlink() or real.is_file():
        real.unlink()
    elif real.exists():
        shutil.rmtree(real)
