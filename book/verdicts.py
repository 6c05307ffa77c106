"""Input checks that passed, remembered by everything they read, so that a render of inputs
already checked (a warm render, the next edition of a many-edition command with the same
files) does not validate them again.

A verdict is an empty file `<cache>/checked/<key>`: the key of a chapter's check is the key its
notebook's execution would have for the chapter's own parameters and the edition's column map
(`book.cache.cache_key`: the content of every input file and of the registries beside them, the
parameters, the source the chapter imports, the package versions), with a prefix of its own;
the key of the provenance check is the content of every file in `data/raw` and the `analysis`
source. So a changed byte in an input, a parameter, a schema or a package version checks again.
Only a pass is remembered; a failure is raised every time. `render check` and `--force` never
read verdicts."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Mapping

from .cache import analysis_source_hash, cache_key
from .paths import resolve

KIND = "input-check-1"


class Verdicts:
    """The passed checks stored in `folder`; a folder that cannot be written is no error."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def passed(self, key: str) -> bool:
        """True when the check of `key` passed before."""
        return (self.folder / key).is_file()

    def remember(self, key: str) -> None:
        """Record that the check of `key` passed (silently nothing when it cannot be written)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f".{key}.{os.getpid()}.tmp"
            tmp.write_bytes(b"")
            tmp.replace(self.folder / key)
        except OSError:
            pass


def chapter_key(notebook: Path, params: Mapping[str, Any]) -> str:
    """The key of a chapter's input check: everything its check reads (see the module docstring)."""
    key = cache_key(notebook, params, analysis_source_hash(notebook))
    return hashlib.sha256(f"{KIND}\0chapter\0{key.value}".encode()).hexdigest()


def sources_key() -> str:
    """The key of the provenance check: every file in data/raw (the snapshot's, during a
    render) by name and content, and the `analysis` source."""
    raw = resolve("data/raw")
    h = hashlib.sha256(f"{KIND}\0sources\0{analysis_source_hash()}\0".encode())
    if raw.is_dir():
        for path in sorted(p for p in raw.rglob("*") if p.is_file()):
            h.update(path.relative_to(raw).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()
