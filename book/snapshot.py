"""Read once, record what was read: the snapshot of an edition's inputs.

When the build plans an edition it copies every file the edition reads – the book's notebooks,
every input file its parameters name (globs expanded), the provenance registries beside them
and the whole of `data/raw/` (Datagrundlag checks it) – into one folder, `_build/<edition>/
inputs/`, reading each file once and hashing the bytes it copies. From then on the cache key,
the notebooks (their kernels run in the snapshot with `BOOK_SNAPSHOT` set, see
`report.inputs`), the manifest and Datagrundlag all see those bytes: editing a file during a
render changes nothing that render publishes or caches.

Inside the snapshot a file keeps its project-relative path; a file outside the project is
stored and named `external/sha256-<12 hex>/<file name>`, and the edition's parameters and
column map are rewritten to that name, so nothing of the build machine's paths reaches a
notebook, the manifest or the open data."""
from __future__ import annotations

import contextlib
import dataclasses
import glob
import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Mapping

from report.inputs import SNAPSHOT_ENV, external_name

from .cache import implicit_inputs, sha256_bytes
from .editions import Edition
from .errors import InputCheckError
from .limits import MAX_INPUT_BYTES, input_too_large
from .paths import ROOT
from .plan import Plan, make_plan
from .project import BookSpec, Part

RAW = ROOT / "data" / "raw"


@dataclass(frozen=True)
class Snapshot:
    """The folder holding the copies, the name of every original in it, and each copy's
    checksum and size (by name)."""
    folder: Path
    names: Mapping[str, str]  # original absolute path → name in the snapshot
    files: Mapping[str, tuple[str, int]]  # name in the snapshot → (sha256, bytes)

    def name(self, original: str | Path) -> str:
        """The snapshot name of an original path (absolute, or relative to the project)."""
        return self.names[str(_absolute(original))]

    def path(self, name: str) -> Path:
        """The copy of a name."""
        return self.folder / name


def _absolute(path: str | Path) -> Path:
    p = Path(path)
    return Path(os.path.abspath(p if p.is_absolute() else ROOT / p))


class _Copier:
    """Copies files into the snapshot, each read once; records names and checksums."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.names: dict[str, str] = {}
        self.files: dict[str, tuple[str, int]] = {}

    def copy(self, original: Path, part: str = "", parameter: str = "") -> str:
        """Copy one file (once) and return its name in the snapshot."""
        original = _absolute(original)
        key = str(original)
        if key in self.names:
            return self.names[key]
        size = original.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputCheckError(part or "inputs", input_too_large(original, size, parameter))
        data = original.read_bytes()  # the one read: these bytes are hashed and copied
        sha = sha256_bytes(data)
        name = (original.relative_to(ROOT).as_posix() if original.is_relative_to(ROOT)
                else external_name(original.name, sha))
        target = self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        os.chmod(target, 0o444)
        self.names[key] = name
        self.files[name] = (sha, len(data))
        return name


def _copy_book(book: BookSpec, copier: _Copier) -> BookSpec:
    """The book with every notebook read from the snapshot."""
    parts = tuple(Part(p.id, copier.folder / copier.copy(p.path), p.role) if p.path.is_file() else p
                  for p in book.parts)
    return dataclasses.replace(book, parts=parts)


def _copy_value(name: str, value: Any, copier: _Copier, part: str) -> Any:
    """A parameter value with every input it names copied; external ones renamed."""
    def one(item: str) -> str:
        path = _absolute(item)
        if not path.is_file():
            return item  # the input check names the missing file
        return copier.copy(path, part, name)

    if name.endswith("_file") and isinstance(value, str) and value:
        return one(value)
    if name.endswith("_files") and isinstance(value, list):
        out: list = []
        for item in value:
            pattern = str(_absolute(str(item)))
            if glob.has_magic(pattern):
                found = [Path(p) for p in sorted(glob.glob(pattern, recursive=True)) if Path(p).is_file()]
                names = [one(str(p)) for p in found]
                out += [item] if all(p.is_relative_to(ROOT) for p in found) else names
            else:
                out.append(one(str(item)))
        return out
    return value


def _copy_inputs(plan: Plan, copier: _Copier) -> Plan:
    """The plan with every input copied and parameters naming the copies' names."""
    parts = []
    for p in plan.parts:
        params = {k: _copy_value(k, v, copier, p.id) for k, v in p.parameters.items()}
        parts.append(dataclasses.replace(p, parameters=MappingProxyType(params)))
    inside = [Path(original) for original in copier.names if Path(original).is_relative_to(ROOT)]
    for extra in implicit_inputs(inside):
        copier.copy(extra)
    return dataclasses.replace(plan, parts=tuple(parts))


def _neutral_columns(edition: Edition, copier: _Copier) -> Edition:
    """The edition with its column map keyed by the names of the copies."""
    columns = {}
    for file, mapping in edition.columns.items():
        path = _absolute(file)
        columns[copier.names.get(str(path), file) if path.is_file() else file] = mapping
    return dataclasses.replace(edition, columns=MappingProxyType(columns))


def take_snapshot(edition: Edition, book: BookSpec, folder: Path) -> tuple[Plan, Snapshot]:
    """Copy everything the edition reads into `folder` and plan the edition on the copies:
    notebooks, named inputs, the registries beside them and `data/raw/`."""
    copier = _Copier(folder)
    folder.mkdir(parents=True, exist_ok=True)
    plan = make_plan(edition, _copy_book(book, copier))
    if RAW.is_dir():
        for path in sorted(RAW.rglob("*")):
            if path.is_file() and not path.is_symlink():
                copier.copy(path)
    plan = _copy_inputs(plan, copier)
    plan = dataclasses.replace(plan, edition=_neutral_columns(plan.edition, copier))
    return plan, Snapshot(folder, MappingProxyType(copier.names), MappingProxyType(copier.files))


def neutral_parameters(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as they may be published: a file outside the project named by its file name
    and checksum (`external/sha256-<12 hex>/<name>`), never by its path on this machine."""
    def one(item: Any) -> Any:
        if not isinstance(item, str) or not item:
            return item
        path = _absolute(item)
        if path.is_relative_to(ROOT):
            return item
        sha = sha256_bytes(path.read_bytes()) if path.is_file() else "0" * 12
        return external_name(path.name, sha)

    out = {}
    for name, value in params.items():
        if name.endswith("_file"):
            out[name] = one(value)
        elif name.endswith("_files") and isinstance(value, list):
            out[name] = [one(v) for v in value]
        else:
            out[name] = value
    return out


@contextlib.contextmanager
def reading_from(snapshot: Snapshot) -> Iterator[Snapshot]:
    """Make every reader (here and in every kernel started meanwhile) read the snapshot."""
    before = os.environ.get(SNAPSHOT_ENV)
    os.environ[SNAPSHOT_ENV] = str(snapshot.folder)
    try:
        yield snapshot
    finally:
        if before is None:
            os.environ.pop(SNAPSHOT_ENV, None)
        else:
            os.environ[SNAPSHOT_ENV] = before
