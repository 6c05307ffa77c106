"""A small catalogue of alternative readings of a printed table, tried on WHOLE tables.

When a source's printed averages, deviations or shares do not come out of its own rows, the
cause is often one rule applied to the whole table: an average that leaves out one
municipality, or counts the focus municipality, a median instead of a mean, truncation instead
of rounding, one other denominator shared by every share, percentage points instead of
percent. A reading is *accepted* only when it reproduces EVERY row it applies to at the printed
precision (never cell by cell, which would find a "rule" for any single odd figure).

The status of a check stays what the natural reading gives; an accepted reading is the
explanation of a finding, not a new computed value.

The catalogue:

- `average_readings(labels, focus)`: the mean of the others leaving out one of them (one
  reading per municipality), the mean including the focus, the median of the others, and the
  mean of the others truncated instead of rounded;
- `deviation_readings()`: a deviation in percentage points (value − reference) instead of
  percent, and the percent deviation truncated;
- `shared_denominator(rows)`: one denominator, other than the printed total, that reproduces
  every printed share.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Callable, Iterable, Sequence

from .precision import half_unit, round_half_up


@dataclass(frozen=True)
class Row:
    """One printed figure and the printed inputs it is computed from.

    `values` are the inputs by position (None where missing); `focus` is the position of the
    focus municipality (left out of "the others"; None when there is none)."""

    values: tuple[float | None, ...]
    published: float
    decimals: int
    focus: int | None = 0

    def others(self, leave_out: Iterable[int] = ()) -> list[float]:
        """The inputs except the focus, the left-out positions and the missing ones."""
        skip = set(leave_out) | ({self.focus} if self.focus is not None else set())
        return [v for i, v in enumerate(self.values) if i not in skip and v is not None]


@dataclass(frozen=True)
class Reading:
    """One way of reading a printed figure: a name, a Danish title for the reader, and the
    computation (None where the reading does not apply to a row)."""

    name: str
    title: str
    compute: Callable[[Row], float | None]
    parameter: float | None = None


def reproduces(reading: Reading, row: Row) -> bool | None:
    """True when the reading, rounded half-up to the printed decimals, gives the printed figure;
    None when it does not apply to the row."""
    value = reading.compute(row)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round_half_up(value, row.decimals) == round_half_up(row.published, row.decimals)


def accepted(readings: Iterable[Reading], rows: Sequence[Row], min_rows: int = 2) -> list[Reading]:
    """The readings that reproduce every row they apply to, and apply to at least `min_rows`."""
    out = []
    for reading in readings:
        results = [reproduces(reading, r) for r in rows]
        applied = [x for x in results if x is not None]
        if len(applied) >= min_rows and all(applied):
            out.append(reading)
    return out


def explain(natural: Reading, candidates: Iterable[Reading], rows: Sequence[Row],
            min_rows: int = 2) -> list[Reading]:
    """The alternative readings that explain a table the natural reading does not reproduce:
    empty when the natural reading reproduces every row, or when no candidate is accepted."""
    if not [r for r in rows if reproduces(natural, r) is False]:
        return []
    return accepted(candidates, rows, min_rows)


def _mean(xs: list[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def _truncate(value: float | None, decimals: int) -> float | None:
    if value is None:
        return None
    q = Decimal(1).scaleb(-decimals)
    return float(Decimal(str(value)).quantize(q, rounding=ROUND_DOWN))


def mean_of_others() -> Reading:
    """The natural reading of a printed average: the mean of the others (focus and gaps out)."""
    return Reading("mean_of_others", "gennemsnit af de øvrige", lambda r: _mean(r.others()))


def mean_without(position: int, label: str) -> Reading:
    """The mean of the others, leaving out the municipality at `position` as well."""
    def compute(r: Row) -> float | None:
        if position >= len(r.values) or r.values[position] is None:
            return None
        return _mean(r.others([position]))
    return Reading(f"mean_without_{position}", f"gennemsnit uden {label}", compute, position)


def average_readings(labels: Sequence[str], focus: int | None = 0) -> list[Reading]:
    """The alternative readings of a printed average over municipalities named `labels`."""
    out = [mean_without(i, lab) for i, lab in enumerate(labels) if i != focus]
    out.append(Reading("mean_with_focus", "gennemsnit med fokuskommunen",
                       lambda r: _mean([v for v in r.values if v is not None])))
    out.append(Reading("median_of_others", "median af de øvrige",
                       lambda r: statistics.median(r.others()) if r.others() else None))
    out.append(Reading("truncated_mean", "gennemsnit afkortet i stedet for afrundet",
                       lambda r: _truncate(_mean(r.others()), r.decimals)))
    return out


def _pct(r: Row) -> float | None:
    value, reference = r.values[0], r.values[1]
    if value is None or not reference:
        return None
    return (value / reference - 1) * 100


def percent_deviation() -> Reading:
    """The natural reading of a printed deviation in percent: (value / reference − 1) × 100,
    with `values` = (value, reference)."""
    return Reading("percent_deviation", "afvigelse i procent", _pct)


def deviation_readings() -> list[Reading]:
    """The alternative readings of a printed percent deviation."""
    def pp(r: Row) -> float | None:
        value, reference = r.values[0], r.values[1]
        return None if value is None or reference is None else value - reference
    return [Reading("percentage_points", "afvigelse i procentpoint i stedet for procent", pp),
            Reading("truncated_deviation", "afvigelse afkortet i stedet for afrundet",
                    lambda r: _truncate(_pct(r), r.decimals))]


def share_of(denominator: float) -> Reading:
    """A share in percent of one fixed denominator: values = (part,)."""
    return Reading("shared_denominator", f"andel af en fælles nævner på {denominator:.0f}",
                   lambda r: None if r.values[0] is None else r.values[0] / denominator * 100, denominator)


def shared_denominator(rows: Sequence[Row]) -> Reading | None:
    """One denominator that reproduces every printed share (values = (part,), published in %),
    as a reading; None when no single denominator fits every row."""
    lo, hi = 0.0, math.inf
    for r in rows:
        part = r.values[0]
        if part is None:
            continue
        h = half_unit(r.decimals)
        top = r.published - h
        lo = max(lo, part * 100 / (r.published + h))
        hi = min(hi, part * 100 / top) if top > 0 else hi
    if not lo < hi or math.isinf(hi):
        return None
    reading = share_of((lo + hi) / 2)
    return reading if all(reproduces(reading, r) is not False for r in rows) else None
