"""The printed rows of the Jobcenterbenchmark's tidy table as plain values, split once per
tidy table: what the comparisons and the notes on missing figures read row by row."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...core.memo import per_object


@dataclass(frozen=True)
class PrintedRow:
    """One printed row as plain values: its values (read-only, gaps as NaN) and their
    municipalities in column order, and the row's unit."""

    values: np.ndarray
    labels: tuple[str, ...]
    unit: str
    gaps: tuple[str | None, ...]  # the recorded gap of each cell (None where it holds a value)


@per_object
def printed_row(tidy: pd.DataFrame, table: str, group: str, measure: str) -> PrintedRow | None:
    """The printed row (table, group, measure) of the tidy table as a `PrintedRow`; None when
    the source prints no such row."""
    return _row_index(tidy).get((table, group, measure))


@per_object
def _row_index(tidy: pd.DataFrame) -> dict[tuple[str, str, str], PrintedRow]:
    """Every printed row of the tidy table by (table, group, measure), split once: its cells in
    the table's order, the unit of its first cell."""
    cells: dict[tuple[str, str, str], list[int]] = {}
    for i, key in enumerate(zip(tidy["table"], tidy["group"], tidy["measure"])):
        cells.setdefault(key, []).append(i)
    values, labels, units = tidy["value"].to_numpy(dtype=float), tidy["municipality"].tolist(), tidy["unit"].tolist()
    gaps = [g if isinstance(g, str) else None for g in tidy["gap"].tolist()]
    out = {}
    for key, at in cells.items():
        row = values[at]
        row.flags.writeable = False
        out[key] = PrintedRow(row, tuple(labels[i] for i in at), units[at[0]], tuple(gaps[i] for i in at))
    return out
