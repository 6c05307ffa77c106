"""A focus municipality's value against the others' average, on plain values: the numbers
pandas gives, bit for bit (the same sums in the same order), without a Series per row."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd


def compare(values: pd.Series, focus: str, leave_out: str | None = None) -> dict[str, float]:
    """Focus value against the others: average of the others (excluding the focus, gaps and
    `leave_out`, where the source's averages leave one municipality out), deviation in units
    and percent, rank from the highest and from the lowest (1 = highest / lowest; ties share
    the better rank) among municipalities with a value."""
    return compare_values(values.to_numpy(dtype=float), tuple(values.index), focus, leave_out)


def compare_values(values: np.ndarray, labels: tuple[str, ...], focus: str,
                   leave_out: str | None = None) -> dict[str, float]:
    """`compare` of a row given as its values and their municipalities (same order): the same
    numbers, bit for bit (the average summed as pandas' mean sums, `mean_of`), without a Series."""
    kept_labels = [m for m, x in zip(labels, values.tolist()) if x == x]
    v = values[~np.isnan(values)]
    fv = v[kept_labels.index(focus)] if focus in kept_labels else np.nan
    others = v[[m != focus for m in kept_labels]]
    kept = v[[m != focus and m != leave_out for m in kept_labels]] if leave_out else others
    avg = mean_of(kept)
    out = {"focus": float(fv), "average": avg, "n_others": len(others),
           "deviation": np.nan, "deviation_pct": np.nan, "rank_highest": np.nan,
           "rank_lowest": np.nan, "n_ranked": len(v)}
    if not math.isnan(fv):
        out["deviation"] = fv - avg
        out["deviation_pct"] = (fv / avg - 1) * 100 if avg else np.nan
        out["rank_highest"] = int((others > fv).sum()) + 1
        out["rank_lowest"] = int((others < fv).sum()) + 1
    return out


def mean_of(values: np.ndarray) -> float:
    """The mean of float values without gaps as pandas' `Series.mean` computes it (numpy's
    pairwise sum over the values in order, divided by their count); NaN when there are none."""
    return float(np.add.reduce(values) / np.float64(len(values))) if len(values) else np.nan


def mean_skipping_gaps(values: np.ndarray) -> float:
    """The mean of float values leaving out gaps (NaN) as pandas' `Series.mean` computes it:
    numpy's pairwise sum over the values with each gap counted as 0, divided by the number of
    values; NaN when there are none."""
    gaps = np.isnan(values)
    n = len(values) - int(gaps.sum())
    return float(np.add.reduce(np.where(gaps, 0.0, values)) / np.float64(n)) if n else np.nan
