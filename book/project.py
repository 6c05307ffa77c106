"""The book's structure, read from `_quarto.yml` (shared by both renderers)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import EditionError
from .paths import ROOT


@dataclass(frozen=True)
class Part:
    """One notebook of the book: its id (the notebook's stem) and its role."""

    id: str
    path: Path
    role: str  # "front", "chapter" or "appendix"


@dataclass(frozen=True)
class BookSpec:
    """The book's structure from _quarto.yml: its title and its parts in order."""
    title: str
    author: str
    lang: str
    parts: tuple[Part, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.parts)

    def part(self, part_id: str) -> Part:
        """The part with this id."""
        return next(p for p in self.parts if p.id == part_id)


def load_book(config: Path = ROOT / "_quarto.yml") -> BookSpec:
    """Read title, chapter order and appendices from `_quarto.yml`.

    The first entry of `book.chapters` is the front chapter (Quarto's index page)."""
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        book = data["book"]
        chapters = list(book["chapters"])
        appendices = list(book.get("appendices") or [])
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise EditionError(str(config), f"cannot read the book structure: {exc}") from None
    root = config.parent
    parts = []
    for i, entry in enumerate(chapters + appendices):
        path = root / entry
        role = "front" if i == 0 else ("chapter" if i < len(chapters) else "appendix")
        parts.append(Part(path.stem, path, role))
    return BookSpec(
        title=str(book.get("title", "")),
        author=str(book.get("author", "")),
        lang=str(data.get("lang", "da")),
        parts=tuple(parts),
    )
