"""What an edition adds to a chapter after it ran: the parts of a chapter that depend on the
edition rather than on the chapter's own inputs. A chapter records the date its figures refer
to (`report.period`) and marks where its series goes (`report.since_last`, `report.development`,
`report.invented_notice`); the build then, in the executed notebook,

- adds the age sentence to the line under the title when the figures are more than a year
  older than the edition (the edition's date), and
- puts in each series section, composed from the published earlier editions (the series file,
  `book.series`) and this edition's key figures as the chapter recorded them.

So the edition's date and the previous editions never enter a chapter's cache key: a new quarter
executes only the chapters whose code, parameters or inputs changed, and this step (no kernel,
a fraction of a second per chapter) composes the rest. The cached notebook stays as executed;
only the copy the edition publishes is composed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

from report.protocol import PERIOD_MIME, RESULT_MIME, SERIES_MIME

from .chapters import period_line, series_outputs
from .nbread import dumps, memo, parse, read_bytes


def recorded_figures(nb) -> dict[str, dict[str, Any]]:
    """The key figures a notebook recorded: name → {value, unit, label, population, ...}."""
    out = {}
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            rec = o.get("data", {}).get(RESULT_MIME)
            if rec:
                out[rec["name"]] = {"value": rec["value"], "unit": rec.get("unit"), **(rec.get("meta") or {})}
    return out


def _dated(outputs: list, index: int, record: dict, edition_date: str) -> None:
    """Give the period record at `index` (and the `.period` block shown just before it) the age."""
    from report.show import period_markdown  # pandas: only when a chapter recorded a period

    line = period_line(record, edition_date)
    if line == record["text"]:
        return
    before = outputs[index - 1] if index else None
    shown = period_markdown(record["text"])
    text = before.get("data", {}).get("text/markdown") if before is not None else None
    if ("".join(text) if isinstance(text, list) else text) == shown:
        before["data"]["text/markdown"] = period_markdown(line)
    outputs[index]["data"][PERIOD_MIME] = {**record, "text": line}


def compose_notebook(nb, edition_date: str, series_file: str | None) -> bool:
    """Compose one executed notebook in memory (see the module docstring); True when it changed."""
    figures = None
    changed = False
    for cell in nb.cells:
        outputs = cell.get("outputs")
        if not outputs:
            continue
        new: list = []
        for o in outputs:
            data = o.get("data", {})
            if SERIES_MIME in data:
                figures = recorded_figures(nb) if figures is None else figures
                new += [nbformat.from_dict(x) for x in series_outputs(data[SERIES_MIME], series_file, figures)]
                changed = True
                continue
            new.append(o)
            if PERIOD_MIME in data and data[PERIOD_MIME].get("as_of"):
                _dated(new, len(new) - 1, dict(data[PERIOD_MIME]), edition_date)
                changed = True
        cell["outputs"] = new
    return changed


def compose(path: Path, edition_date: str, series_file: str | Path | None) -> None:
    """Compose the executed notebook at `path` in place (the edition's copy, never the cache's).
    What composing gives is kept in this process by the notebook's bytes, the date and the series
    file's bytes (a warm build, the next edition of a many-edition command: the same again)."""
    data, key = read_bytes(path)
    series = str(series_file) if series_file else None
    # the series file is read for its content only: keyed by that, not by where it is (each
    # edition of a many-edition command has its own copy of the same series)
    series_key = (read_bytes(Path(series))[1] if Path(series).is_file() else "absent") if series else None

    def composed() -> bytes | None:
        nb = parse(data)
        if not compose_notebook(nb, edition_date, series):
            return None
        return dumps(nb).encode("utf-8")  # as nbformat.write writes it

    out = memo("composed", 32).get((key, edition_date, series_key), composed)
    if out is not None:
        Path(path).write_bytes(out)
