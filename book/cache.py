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
import sys
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping

import nbformat

from report.inputs import glob_input

from .imports import notebook_sources
from .nbread import derived, memo
from .paths import ROOT, display, resolve

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
    return list(derived("code", path, _code))


def _code(nb) -> tuple[str, ...]:
    return tuple([c.source.strip() for c in nb.cells if c.cell_type == "code"] + [
        c.source.strip() for c in nb.cells if c.cell_type == "markdown"
    ])


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
                if glob.has_magic(str(item)):
                    paths += glob_input(str(item), ROOT)
                else:
                    paths.append(resolve(str(item)))
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
    return [display(p), sha256_file(p) if p.is_file() else None]


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
    """Executed notebooks stored by cache key under `<folder>/<key>.ipynb`, each with the sha256
    of its content beside it (`<key>.sha256`). An entry that is empty, cannot be read as a
    notebook or does not match its checksum is discarded with a warning naming it, and the
    notebook runs again. The cache is optional: a cache that cannot be read or written (full
    disk, read-only folder) gives one warning and the build goes on without it."""

    def __init__(self, folder: Path, warn=None):
        self.folder = Path(folder)
        self.warn = warn or _warn
        self.broken = False

    def path(self, key: CacheKey) -> Path:
        """Where the executed notebook of `key` is stored."""
        return self.folder / f"{key.value}.ipynb"

    def _checksum_path(self, key: CacheKey) -> Path:
        return self.folder / f"{key.value}.sha256"

    def _failed(self, action: str, exc: OSError) -> None:
        if not self.broken:
            self.warn(f"Warning: the notebook cache in {display(self.folder)} cannot be {action} "
                      f"({exc.strerror or exc}); continuing without it.")
        self.broken = True

    def _verified(self, key: CacheKey, label: str) -> bytes | None:
        """The entry's bytes when it is sound; None (an unsound entry discarded with a warning)."""
        p = self.path(key)
        try:
            if not p.is_file():
                return None
            data = p.read_bytes()
            stored = self._checksum_path(key).read_text(encoding="ascii").strip() \
                if self._checksum_path(key).is_file() else None
        except OSError as exc:
            self._failed("read", exc)
            return None
        problem = _entry_problem(data, stored)
        if problem is None:
            return data
        named = f" ({label})" if label else ""
        self.warn(f"Warning: the cache entry {display(p)}{named} {problem}; it is discarded and "
                  f"the notebook is executed again.")
        for path in (p, self._checksum_path(key)):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
        return None

    def get(self, key: CacheKey, label: str = "") -> Path | None:
        """The cached executed notebook for `key` when it is sound, or None."""
        return self.path(key) if self._verified(key, label) is not None else None

    def restore(self, key: CacheKey, target: Path, label: str = "") -> bool:
        """Write the sound cached notebook of `key` to `target` (the bytes that were checked);
        False when there is none."""
        data = self._verified(key, label)
        if data is None:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return True

    def put(self, key: CacheKey, executed: Path) -> Path | None:
        """Store an executed notebook with its checksum; None (with a warning) when the cache
        cannot be written."""
        if self.broken:
            return None
        target = self.path(key)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp_sum = target.with_suffix(f".{os.getpid()}.sha.tmp")
        try:
            data = Path(executed).read_bytes()
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            tmp_sum.write_text(sha256_bytes(data) + "\n", encoding="ascii")
            tmp_sum.replace(self._checksum_path(key))
            tmp.replace(target)
        except OSError as exc:
            self._failed("written", exc)
            for leftover in (tmp, tmp_sum):
                try:
                    leftover.unlink(missing_ok=True)
                except OSError:
                    pass
            return None
        return target


def _entry_problem(data: bytes, stored: str | None) -> str | None:
    """Why a cache entry cannot be trusted (None when it can)."""
    if not data:
        return "is empty"
    if stored is None:
        return "has no checksum stored with it"
    if sha256_bytes(data) != stored:
        return "does not match the checksum stored with it (it was changed after it was cached)"
    # the same bytes read as a notebook before (a warm build, the next edition) need no new reading
    return memo("notebook-problem", 256).get(stored, lambda: _not_a_notebook(data))


def _not_a_notebook(data: bytes) -> str | None:
    try:
        nbformat.reads(data.decode("utf-8"), as_version=4)
    except Exception as exc:  # noqa: BLE001 - any reason it cannot be read as a notebook
        return f"cannot be read as a notebook ({type(exc).__name__})"
    return None


def _warn(line: str) -> None:
    sys.stderr.flush()
    os.write(2, (line + "\n").encode("utf-8"))
