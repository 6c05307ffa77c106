"""Disclosure control for published tables: no count of 1 to `threshold - 1` persons is shown
for a group below director-area level, and no hidden count can be worked out from the totals.

A table is a set of cells (any hashable key) with values, and a set of *lines*: groups of
cells whose values add up to a figure that is also shown (a row with its row total, a column
with its column total; in general any published sum). A reader who sees every cell of a line
but one can recover that one; so a line must have no hidden cell or at least two.

- **Primary suppression** hides every sensitive cell with 1 <= value < threshold (zero is
  shown: an empty group discloses nobody).
- **Secondary suppression** then hides, for every line with exactly one hidden cell, one more
  cell of that line: the smallest positive cell that may be hidden (cells before totals),
  else the smallest such cell; repeated until no line has exactly one hidden cell. A final
  pass shows again every secondary cell that is not needed, largest first, so cells at or
  above the threshold are hidden only where a line needs them.

`unpublished` cells are part of a line but not shown at all (e.g. units left out of a top-10
list); they count as hidden. `fixed` cells are shown in any case (e.g. a figure derivable from
another table) and are never chosen for secondary suppression.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping, Sequence

import pandas as pd

from .errors import AnalysisError

DEFAULT_THRESHOLD = 5
HIDDEN = ".."
TOTAL = "I alt"

Cell = Hashable
Line = Sequence[Cell]


@dataclass(frozen=True)
class Suppression:
    """The cells hidden in a table: by the threshold (`primary`) and to protect them
    (`secondary`); `hidden` is both."""

    primary: frozenset
    secondary: frozenset

    @property
    def hidden(self) -> frozenset:
        return self.primary | self.secondary


def is_small(value, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """True for a count of 1 to threshold − 1 (a group too small to show)."""
    return value is not None and not pd.isna(value) and 1 <= float(value) < threshold


def _check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise AnalysisError(f"the disclosure threshold must be a whole number >= 1, not {threshold!r}")


def exposed_lines(lines: Iterable[Line], hidden: Iterable[Cell]) -> list[Line]:
    """The lines with exactly one hidden cell (that cell can be recovered from the line's sum)."""
    h = set(hidden)
    return [line for line in lines if sum(c in h for c in line) == 1]


def recoverable(lines: Iterable[Line], hidden: Iterable[Cell]) -> set[Cell]:
    """Every hidden cell a reader can work out by repeatedly solving lines with one unknown."""
    lines, unknown = [list(line) for line in lines], set(hidden)
    found: set[Cell] = set()
    progress = True
    while progress:
        progress = False
        for line in lines:
            missing = [c for c in line if c in unknown]
            if len(missing) == 1:
                unknown.discard(missing[0])
                found.add(missing[0])
                progress = True
    return found


def _choose(line: Line, hidden: set, values: Mapping[Cell, float], fixed: set,
            totals: set, order: dict) -> Cell:
    candidates = [c for c in line if c not in hidden and c not in fixed]
    if not candidates:
        raise AnalysisError(f"no cell of line {list(line)!r} can be hidden to protect the others")
    return min(candidates, key=lambda c: (c in totals, float(values[c]) == 0, float(values[c]), order[c]))


def suppress(values: Mapping[Cell, float], lines: Iterable[Line], threshold: int = DEFAULT_THRESHOLD,
             sensitive: Iterable[Cell] | None = None, fixed: Iterable[Cell] = (),
             unpublished: Iterable[Cell] = (), totals: Iterable[Cell] = ()) -> Suppression:
    """Primary and secondary suppression of the cells of `values` (see the module docstring).

    `sensitive` are the cells the threshold applies to (default: every cell); `totals` are
    chosen for secondary suppression only after every other cell of a line."""
    _check_threshold(threshold)
    lines = [list(line) for line in lines]
    fixed, unpublished, totals = set(fixed), set(unpublished), set(totals)
    order = {c: i for i, c in enumerate(values)}
    pool = values if sensitive is None else sensitive
    primary = {c for c in pool if c not in unpublished | fixed and is_small(values[c], threshold)}
    hidden = primary | unpublished
    added: list[Cell] = []
    while exposed := exposed_lines(lines, hidden):
        cell = _choose(exposed[0], hidden, values, fixed, totals, order)
        hidden.add(cell)
        added.append(cell)
    for cell in sorted(added, key=lambda c: (-float(values[c]), -order[c])):
        if not exposed_lines(lines, hidden - {cell}):
            hidden.discard(cell)
    return Suppression(frozenset(primary), frozenset(hidden - primary - unpublished))


def table_lines(rows: Sequence, columns: Sequence, total: str = TOTAL) -> list[list[tuple]]:
    """The lines of a table with a total row and a total column: each row with its total,
    each column with its total, the total row and the total column with the grand total."""
    rows_t, cols_t = [*rows, total], [*columns, total]
    return ([[(r, c) for c in cols_t] for r in rows_t]
            + [[(r, c) for r in rows_t] for c in cols_t])


def with_margins(cells: pd.DataFrame, total: str = TOTAL) -> pd.DataFrame:
    """`cells` (counts) with a total column and a total row."""
    out = cells.copy()
    out[total] = out.sum(axis=1)
    out.loc[total] = out.sum(axis=0)
    return out


def suppress_table(cells: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD, total: str = TOTAL,
                   margins_sensitive: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A table of counts with margins, and a mask of the same shape (True = hidden).

    The threshold applies to every inner cell and, with `margins_sensitive`, to the row and
    column totals (each a group of its own), never to the grand total."""
    full = with_margins(cells, total)
    values = {(r, c): full.at[r, c] for r in full.index for c in full.columns}
    grand = {(total, total)}
    sensitive = [k for k in values if (margins_sensitive or total not in k) and k not in grand]
    margins = {k for k in values if total in k}
    s = suppress(values, table_lines(list(cells.index), list(cells.columns), total),
                 threshold, sensitive=sensitive, totals=margins)
    mask = pd.DataFrame(False, index=full.index, columns=full.columns)
    for r, c in s.hidden:
        mask.at[r, c] = True
    return full, mask


def masked(df: pd.DataFrame, mask: pd.DataFrame, marker: str = HIDDEN) -> pd.DataFrame:
    """`df` with every hidden cell replaced by `marker` (columns with a hidden cell become text)."""
    out = df.astype(object).copy()
    out[mask.reindex_like(df).fillna(False).astype(bool)] = marker
    return out
