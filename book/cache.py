"""A cache of executed notebooks, keyed on everything that changes the result (jupyter-cache
style): the normalised code cells, the parameters, the content of every input file and of the
provenance registry beside it (read implicitly), the `analysis` and `report` modules the
notebook imports (its chapter's package, the core it uses, the report protocol), and the
versions of Python and of the packages that execute and render notebooks.
Unlike Quarto's freeze, a changed data extract or a changed function body changes the key."""
from __future__ import annotations

import glob
import hashlib
import json
import os
import platform
import shutil
import sys
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping

import nbformat

from .imports import notebook_sources
from .paths import ROOT, resolve

SOURCE_DIRS = (ROOT / "analysis", ROOT / "report")
KEY_VERSION = "3"
# Packages whose version can change an executed notebook or its rendering.
KEY_PACKAGES = ("pandas", "numpy", "pandera", "papermill", "nbformat", "nbclient", "ipykernel",
                "babel", "matplotlib", "seaborn", "python-calamine", "pyyaml", "pypandoc-binary",
                "typst")
# Files a chapter reads without a parameter naming them: the provenance registry and the claims
# register of the folder of each of its input files (the chapters cite their sources from them).
IMPLICIT_INPUT_NAMES = ("provenance.csv", "claims.csv")


def sha256_bytes(data: bytes) -> str:
    """sha256 of bytes, as hex."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """sha256 of a file's bytes, as hex."""
    return sha256_bytes(Path(path).read_bytes())


def notebook_code(path: Path) -> list[str]:
    """The code cells' sources, stripped: outputs, ids, counts and metadata do not count."""
    nb = nbformat.read(path, as_version=4)
    return [c.source.strip() for c in nb.cells if c.cell_type == "code"] + [
        c.source.strip() for c in nb.cells if c.cell_type == "markdown"
    ]


def expand_inputs(params: Mapping[str, Any]) -> dict[str, list[Path]]:
    """Input files named by parameters: `*_file` holds one path, `*_files` a list of paths or
    glob patterns (sorted). Relative paths are taken from the repo root. Empty values name none."""
    out: dict[str, list[Path]] = {}
    for name, value in params.items():
        if name.endswith("_file") and isinstance(value, str) and value:
            out[name] = [resolve(value)]
        elif name.endswith("_files") and isinstance(value, list):
            paths: list[Path] = []
            for item in value:
                pattern = str(resolve(str(item)))
                if glob.has_magic(pattern):
                    paths += [Path(p) for p in sorted(glob.glob(pattern, recursive=True))]
                else:
                    paths.append(Path(pattern))
            out[name] = paths
    return out


def analysis_source_hash(notebook: Path | None = None, folders: tuple[Path, ...] = SOURCE_DIRS) -> str:
    """sha256 of the project source a notebook runs: the `analysis` and `report` modules its
    code imports, followed through their imports (book.imports), so a chapter's key covers its
    own package, the core modules it uses and the report protocol, and an edit in another
    chapter leaves it alone. Without a notebook: every Python file under `folders`."""
    if notebook is not None:
        files = [(p.relative_to(ROOT).as_posix(), p) for p in notebook_sources(notebook)]
    else:
        files = [(p.relative_to(Path(folder).parent).as_posix(), p)
                 for folder in folders for p in sorted(Path(folder).rglob("*.py"))]
    h = hashlib.sha256()
    for name, p in files:
        h.update(name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


@cache
def package_versions() -> dict[str, str]:
    """The Python version and the installed version of each package in KEY_PACKAGES."""
    out = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def implicit_inputs(paths: list[Path]) -> list[Path]:
    """The registries beside the given input files that chapters read without a parameter."""
    found = {p.parent / n for p in paths for n in IMPLICIT_INPUT_NAMES}
    return sorted(f for f in found if f.is_file() and f not in set(paths))


def _file_entry(p: Path) -> list:
    shown = p.relative_to(ROOT).as_posix() if p.is_relative_to(ROOT) else str(p)
    return [shown, sha256_file(p) if p.is_file() else None]


@dataclass(frozen=True)
class CacheKey:
    """A cache key: its hash and the parts it was made from (for debugging a cache miss)."""
    value: str
    parts: Mapping[str, Any]


def cache_key(notebook: Path, params: Mapping[str, Any], analysis_hash: str) -> CacheKey:
    """The key of one executed notebook: its code, parameters (the build injects `book_date` and
    the other `book_*` values only into notebooks that declare them), input content (named and
    implicit), the hash of the source it imports (analysis_source_hash(notebook)) and the
    package versions."""
    named = expand_inputs(params)
    inputs = {name: [_file_entry(p) for p in paths] for name, paths in sorted(named.items())}
    implicit = implicit_inputs([p for paths in named.values() for p in paths])
    parts = {
        "version": KEY_VERSION,
        "code": sha256_bytes(json.dumps(notebook_code(notebook)).encode()),
        "parameters": json.loads(json.dumps(params, sort_keys=True, default=str)),
        "inputs": inputs,
        "implicit_inputs": [_file_entry(p) for p in implicit],
        "analysis": analysis_hash,
        "packages": package_versions(),
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
    return CacheKey(sha256_bytes(blob), parts)


class NotebookCache:
    """Executed notebooks stored by cache key under `<folder>/<key>.ipynb`. The cache is
    optional: a cache that cannot be read or written (full disk, read-only folder) gives one
    warning and the build goes on without it."""

    def __init__(self, folder: Path, warn=None):
        self.folder = Path(folder)
        self.warn = warn or _warn
        self.broken = False

    def path(self, key: CacheKey) -> Path:
        """Where the executed notebook of `key` is stored."""
        return self.folder / f"{key.value}.ipynb"

    def _failed(self, action: str, exc: OSError) -> None:
        if not self.broken:
            self.warn(f"Warning: the notebook cache in {self.folder} cannot be {action} "
                      f"({exc.strerror or exc}); continuing without it.")
        self.broken = True

    def get(self, key: CacheKey) -> Path | None:
        """The cached executed notebook for `key`, or None (also when the cache is unreadable)."""
        p = self.path(key)
        try:
            return p if p.is_file() and os.access(p, os.R_OK) else None
        except OSError as exc:
            self._failed("read", exc)
            return None

    def put(self, key: CacheKey, executed: Path) -> Path | None:
        """Store an executed notebook; None (with a warning) when the cache cannot be written."""
        if self.broken:
            return None
        target = self.path(key)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(executed, tmp)
            tmp.replace(target)
        except OSError as exc:
            self._failed("written", exc)
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            return None
        return target


def _warn(line: str) -> None:
    sys.stderr.flush()
    os.write(2, (line + "\n").encode("utf-8"))
