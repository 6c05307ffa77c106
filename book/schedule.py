"""The order notebooks start in: the one likely to run longest first, so that on a few cores the
longest notebook is not the last to start (it sets how long the stage takes). A notebook's
expected work is taken as the size of the project source it runs (its chapter's package and
the core modules that package uses; see book.imports): the benchmark chapter, the largest, runs
longest. The order changes when notebooks start, never what they compute."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence, TypeVar

from .imports import notebook_sources

J = TypeVar("J")


def source_size(notebook: Path) -> int:
    """Bytes of the project source a notebook runs (0 when it cannot be read)."""
    try:
        return sum(p.stat().st_size for p in notebook_sources(notebook))
    except (OSError, ValueError, SyntaxError):
        return 0


def longest_first(jobs: Sequence[J]) -> list[J]:
    """The jobs (anything with a `notebook` path) by expected work, largest first; ties keep
    their order."""
    sizes = {id(j): source_size(j.notebook) for j in jobs}
    return sorted(jobs, key=lambda j: -sizes[id(j)])
