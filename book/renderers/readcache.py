"""pandoc's reading of an executed notebook, cached by what it reads: the notebook's bytes, the
part's id, the pandoc version and the Lua filter. A chapter unchanged between two renders (the
next edition of a many-edition command, a render after one other chapter changed) is not read
again; the cached AST and the figures pandoc extracted are the bytes pandoc gave.

An entry is `<cache>/<key>.json` (the AST as pandoc wrote it and the extracted media files)
with its sha256 beside it (`<key>.sha256`); an entry that does not match is read again."""
from __future__ import annotations

import base64
import hashlib
import threading
from pathlib import Path
from typing import Callable

from .entries import load_entry, store_entry

KIND = "pandoc-read-1"


def read_key(executed: Path, part_id: str, pandoc_version: str, filter_file: Path) -> str:
    """The key of one reading (see the module docstring)."""
    h = hashlib.sha256(f"{KIND}\0{part_id}\0{pandoc_version}\0".encode())
    h.update(filter_file.read_bytes() + b"\0" + executed.read_bytes())
    return h.hexdigest()


def _load(folder: Path, key: str, workdir: Path) -> str | None:
    entry = load_entry(folder, key)
    if entry is None:
        return None
    for rel, encoded in entry["media"].items():
        target = workdir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(encoded))
    return entry["ast"]


def _store(folder: Path, key: str, ast: str, workdir: Path, media: Path) -> None:
    files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
    media_files = {p.relative_to(workdir).as_posix(): base64.b64encode(p.read_bytes()).decode() for p in files}
    store_entry(folder, key, {"ast": ast, "media": media_files})


def cached_read(folder: Path | None, key: Callable[[], str], workdir: Path, media: Path,
                read: Callable[[], str]) -> str:
    """pandoc's output of `read()` (which extracts figures into `media`, inside `workdir`),
    from the cache in `folder` when it holds the key, else read and stored."""
    if folder is None:
        return read()
    k = key()
    hit = _load(folder, k, workdir)
    if hit is not None:
        return hit
    out = read()
    _store(folder, k, out, workdir, media)
    return out


class ReadAhead:
    """pandoc reads executed notebooks into the read cache, one at a time in a thread of the
    build, while the parts that wait for them still execute (their kernels leave a core idle
    now and then); the render then finds them read. `stop` lets the current reading finish and
    skips the rest (the render reads those itself; a failed reading is the render's to report)."""

    def __init__(self, notebooks: list[tuple[str, Path]], workdir: Path, cache: Path):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(notebooks, workdir, cache), daemon=True,
                                        name="read-ahead")
        self._thread.start()

    def _read(self, notebooks: list[tuple[str, Path]], workdir: Path, cache: Path) -> None:
        from ..errors import RenderError
        from . import pandoc

        workdir.mkdir(parents=True, exist_ok=True)
        for part_id, executed in notebooks:
            if self._stop.is_set():
                return
            try:
                pandoc.notebook_ast(executed, part_id, workdir, cache)
            except (RenderError, OSError, ValueError):
                return

    def stop(self) -> None:
        """Finish the current reading, skip the rest."""
        self._stop.set()
        self._thread.join()
