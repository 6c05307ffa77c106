"""The longest notebook starts first: the order follows the size of the source a notebook runs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from book.paths import ROOT
from book.schedule import longest_first, source_size


@dataclass
class _Job:
    notebook: Path


def test_the_benchmark_chapter_starts_first_and_ties_keep_their_order(tmp_path):
    names = ["rammer", "kvoter", "benchmark", "forord"]
    jobs = [_Job(ROOT / "notebooks" / f"{n}.ipynb") for n in names]
    ordered = [j.notebook.stem for j in longest_first(jobs)]
    assert ordered[0] == "benchmark"
    assert sorted(ordered) == sorted(names)
    sizes = [source_size(j.notebook) for j in longest_first(jobs)]
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] > 0
    missing = [_Job(tmp_path / "a.ipynb"), _Job(tmp_path / "b.ipynb")]
    assert longest_first(missing) == missing  # unreadable: size 0, the given order
