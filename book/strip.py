"""Notebooks without what changes from run to run.

`strip` removes outputs and execution counts before committing:
`python -m book.strip notebooks/*.ipynb`. `normalise_executed` makes an executed notebook
byte-stable: no wall-clock timestamps or durations (papermill's and nbclient's), and cell ids
that follow from the cell's position, so re-executing unchanged inputs gives the same bytes."""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

TIMING_KEYS = ("start_time", "end_time", "duration")


def strip(path: str) -> bool:
    """Remove outputs, execution counts and papermill metadata; True when the file changed."""
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            cell.outputs, cell.execution_count, changed = [], None, True
    nb.metadata.pop("papermill", None)
    if changed:
        nbformat.write(nb, path)
    return changed


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop timestamps and durations; number the cell ids (`cell-0`, `cell-1`, ...)."""
    papermill = nb.metadata.get("papermill")
    if isinstance(papermill, dict):
        for key in TIMING_KEYS:
            papermill.pop(key, None)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
        meta = cell.get("metadata", {})
        meta.pop("execution", None)
        if isinstance(meta.get("papermill"), dict):
            for key in TIMING_KEYS:
                meta["papermill"].pop(key, None)
    return nb


def normalise_executed(path: str | Path, papermill: dict | None = None) -> None:
    """Rewrite an executed notebook in place without run-to-run differences; `papermill`
    replaces entries of papermill's metadata (its input and output paths, which name the
    build machine's folders, by names relative to the project)."""
    from .nbread import dumps, parse

    path = Path(path)
    nb = parse(path.read_bytes())
    nb.nbformat_minor = max(nb.nbformat_minor, 5)
    if papermill and isinstance(nb.metadata.get("papermill"), dict):
        nb.metadata["papermill"].update(papermill)
    path.write_text(dumps(normalise(nb)), encoding="utf-8")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        if strip(p):
            print(f"stripped {p}")
