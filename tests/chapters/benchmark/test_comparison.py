"""The comparison on plain values gives pandas' numbers bit for bit: average, deviation, ranks."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.chapters.benchmark import comparison, model
from analysis.chapters.benchmark import rows as printed_rows


def _pandas_compare(values: pd.Series, focus: str, leave_out: str | None = None) -> dict:
    """The comparison written with pandas, as `compare` was: the reference for its numbers."""
    v = values.dropna()
    others = v.drop(labels=[focus], errors="ignore")
    fv = v.get(focus, np.nan)
    kept = others.drop(labels=[leave_out], errors="ignore") if leave_out else others
    avg = float(kept.mean()) if len(kept) else np.nan
    out = {"focus": float(fv), "average": avg, "n_others": int(len(others)), "deviation": np.nan,
           "deviation_pct": np.nan, "rank_highest": np.nan, "rank_lowest": np.nan, "n_ranked": int(len(v))}
    if not math.isnan(fv):
        out.update(deviation=fv - avg, deviation_pct=(fv / avg - 1) * 100 if avg else np.nan,
                   rank_highest=int((others > fv).sum()) + 1, rank_lowest=int((others < fv).sum()) + 1)
    return out


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        type(a[k]) is type(b[k]) and (a[k] == b[k] or (math.isnan(a[k]) and math.isnan(b[k]))) for k in a)


def test_compare_values_is_bit_identical_to_pandas(inp):
    rng = np.random.default_rng(7)
    labels = list(inp.municipalities)
    rows = [model.series(inp.tidy, *key) for key in list(printed_rows._row_index(inp.tidy))[:60]]
    for _ in range(200):  # ten values of every kind: gaps, zeros, printed decimals, long fractions
        pick = rng.integers(0, 4, len(labels))
        vals = np.where(pick == 0, np.nan, np.where(pick == 1, 0.0, np.where(
            pick == 2, np.round(rng.uniform(0, 100, len(labels)), 1), rng.uniform(0, 1e3, len(labels)))))
        rows.append(pd.Series(vals, index=labels))
    for s in rows:
        for focus in labels[:3] + ["nobody"]:
            for skip in (None, labels[0], labels[4]):
                assert _same(comparison.compare(s, focus, skip), _pandas_compare(s, focus, skip)), (s.tolist(), focus)
                assert _same(comparison.compare_values(s.to_numpy(), tuple(s.index), focus, skip),
                             _pandas_compare(s, focus, skip))


def test_mean_of_sums_as_pandas_does():
    values = np.array([0.1, 0.2, 0.3, 1e16, 1.0, -1e16, 0.7, 0.9, 3.3])  # order and pairwise sums matter
    assert comparison.mean_of(values) == pd.Series(values).mean()
    assert math.isnan(comparison.mean_of(np.array([])))


def test_mean_skipping_gaps_sums_as_pandas_does():
    rng = np.random.default_rng(3)
    for _ in range(500):  # the gaps count as 0 in numpy's pairwise sum, as in pandas
        values = np.where(rng.random(10) < 0.3, np.nan, rng.uniform(0, 1e3, 10) * 10.0 ** rng.integers(-3, 12, 10))
        expected = pd.Series(values).mean()
        assert comparison.mean_skipping_gaps(values) == expected or (math.isnan(expected)
                                                                and math.isnan(comparison.mean_skipping_gaps(values)))
    assert math.isnan(comparison.mean_skipping_gaps(np.array([np.nan, np.nan])))
