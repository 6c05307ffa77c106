"""Notebooks read once per content: a build reads the same notebook several times (its plan, its
cache key, its input check, the order notebooks start in, the harvest), and a warm build or the
next edition of a many-edition command reads them all again. What is derived from a notebook is
kept in this process by the sha256 of the bytes it was derived from – every call reads the file
and hashes it, so an edited notebook is read again; no modification time is trusted. A parsed
notebook handed out here is shared: callers must not change it.

`parse` and `dumps` are nbformat's reading and writing without its schema validation, which
only logs (never raises) and deep-copies the whole notebook to do so: the build reads and
writes the notebooks papermill wrote several times per edition. They give what
`nbformat.reads(..., as_version=4)` and `nbformat.write` give."""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable, Hashable, TypeVar

import nbformat
from nbformat import reader
from nbformat.converter import convert

T = TypeVar("T")
MAX_ENTRIES = 64  # per kind: a book's notebooks (source and executed) for a few editions


class _Memo:
    """A bounded map, least recently used out first."""

    def __init__(self, size: int = MAX_ENTRIES):
        self.size = size
        self.items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value kept for `key`, else `make()` (kept)."""
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        value = make()
        self.items[key] = value
        while len(self.items) > self.size:
            self.items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything."""
        self.items.clear()


_MEMOS: dict[str, _Memo] = {}


def memo(kind: str, size: int = MAX_ENTRIES) -> _Memo:
    """The memo of one kind of derived value (created on first use)."""
    return _MEMOS.setdefault(kind, _Memo(size))


def clear() -> None:
    """Forget everything (tests)."""
    for m in _MEMOS.values():
        m.clear()


def digest(data: bytes) -> bytes:
    """The key of some bytes."""
    return hashlib.sha256(data).digest()


def read_bytes(path: Path) -> tuple[bytes, bytes]:
    """A file's bytes and their digest."""
    data = Path(path).read_bytes()
    return data, digest(data)


def parse(data: bytes) -> nbformat.NotebookNode:
    """A notebook from its bytes, as `nbformat.read(path, as_version=4)` gives it (without the
    validation that only logs: see the module docstring)."""
    return convert(reader.reads(data.decode("utf-8")), 4)


def dumps(nb: nbformat.NotebookNode) -> str:
    """A notebook's text as `nbformat.write` writes it (its own version, a final newline),
    without the validation that only logs."""
    version, _ = reader.get_version(nb)
    text = nbformat.versions[version].writes_json(nb)
    return text if text.endswith("\n") else text + "\n"


def read_notebook(path: Path) -> tuple[nbformat.NotebookNode, bytes]:
    """The notebook at `path` (shared: do not change it) and the digest of the bytes it was
    parsed from."""
    data, key = read_bytes(path)
    return memo("notebook", 32).get(key, lambda: parse(data)), key


def derived(kind: str, path: Path, make: Callable[[nbformat.NotebookNode], T], *extra: Hashable,
            keep: bool = True) -> T:
    """`make(notebook)` for the notebook at `path`, kept by the notebook's content (and `extra`,
    e.g. the path when the value names it). `keep=False`: the parsed notebook itself is not kept
    (an executed notebook, read for one value)."""
    data, key = read_bytes(path)
    if keep:
        return memo(kind).get((key, *extra), lambda: make(memo("notebook", 32).get(key, lambda: parse(data))))
    return memo(kind).get((key, *extra), lambda: make(parse(data)))
