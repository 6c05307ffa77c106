"""Shared fixtures: a small fixture book rendered into temporary folders."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analysis.core.paths import ROOT
from book.editions import load_edition
from book.pipeline import BuildOptions
from book.project import load_book

FIXTURES = Path(__file__).parent / "fixtures"


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def fixture_book():
    return load_book(FIXTURES / "book" / "_quarto.yml")


@pytest.fixture
def build_options(tmp_path):
    return BuildOptions(engine="pandoc", jobs=2, cache_dir=tmp_path / "cache", book_dir=tmp_path / "book",
                        build_dir=tmp_path / "build", processed_dir=tmp_path / "processed")


@pytest.fixture
def write_edition(tmp_path):
    """Write an edition file into tmp_path and load it: write_edition("e1", "alpha:\\n  factor: 3")."""
    def _write(edition_id: str, body: str = "", date: str = "2025-03-31", name: str | None = None):
        path = tmp_path / "params" / f"{name or edition_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"edition: {edition_id}\ntitle: Testbog\ndate: {date}\n{body}", encoding="utf-8")
        return load_edition(path)
    return _write


@pytest.fixture
def root():
    return ROOT
