"""A cache of executed notebooks, keyed only on what changes the result (jupyter-cache style):
the normalised code cells, the parameters, the content of every input file, and the source of
the `analysis` package. Unlike Quarto's freeze, a changed data extract changes the key."""
from __future__ import annotations

import glob
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import nbformat

from .paths import ROOT, resolve

ANALYSIS_DIR = ROOT / "analysis"
KEY_VERSION = "1"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
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


def analysis_source_hash(folder: Path = ANALYSIS_DIR) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*.py")):
        h.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class CacheKey:
    value: str
    parts: Mapping[str, Any]


def cache_key(notebook: Path, params: Mapping[str, Any], analysis_hash: str) -> CacheKey:
    inputs = {name: [[p.relative_to(ROOT).as_posix() if p.is_relative_to(ROOT) else str(p),
                      sha256_file(p) if p.is_file() else None] for p in paths]
              for name, paths in sorted(expand_inputs(params).items())}
    parts = {
        "version": KEY_VERSION,
        "code": sha256_bytes(json.dumps(notebook_code(notebook)).encode()),
        "parameters": json.loads(json.dumps(params, sort_keys=True, default=str)),
        "inputs": inputs,
        "analysis": analysis_hash,
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
    return CacheKey(sha256_bytes(blob), parts)


class NotebookCache:
    """Executed notebooks stored by cache key under `<folder>/<key>.ipynb`."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, key: CacheKey) -> Path:
        return self.folder / f"{key.value}.ipynb"

    def get(self, key: CacheKey) -> Path | None:
        p = self.path(key)
        return p if p.is_file() else None

    def put(self, key: CacheKey, executed: Path) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(key)
        tmp = target.with_suffix(".tmp")
        shutil.copyfile(executed, tmp)
        tmp.replace(target)
        return target
