"""Tests of disclosure control: primary and secondary suppression on a table with margins,
and (hypothesis) that no hidden cell can be worked out from the shown totals."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core import disclosure as d
from analysis.core.errors import AnalysisError


def _table(rows):
    return pd.DataFrame(rows, index=[f"r{i}" for i in range(len(rows))],
                        columns=[f"c{j}" for j in range(len(rows[0]))])


@pytest.mark.parametrize("value,small", [(0, False), (1, True), (4, True), (5, False), (None, False)])
def test_threshold_boundaries(value, small):
    assert d.is_small(value, 5) is small


def test_primary_and_secondary_on_a_table_with_margins():
    cells = _table([[3, 10, 20], [12, 9, 30], [15, 25, 40]])
    full, mask = d.suppress_table(cells, 5)
    assert full.at["I alt", "I alt"] == cells.to_numpy().sum()
    hidden = {(r, c) for r in mask.index for c in mask.columns if mask.at[r, c]}
    assert ("r0", "c0") in hidden                      # primary: 3 persons
    assert len(hidden) == 4                             # the smallest rectangle protects it
    assert hidden == {("r0", "c0"), ("r0", "c1"), ("r1", "c0"), ("r1", "c1")}
    assert not d.recoverable(d.table_lines(cells.index, cells.columns), hidden)
    shown = d.masked(full, mask)
    assert shown.at["r0", "c0"] == d.HIDDEN and shown.at["r0", "I alt"] == 33


def test_small_row_total_is_hidden_and_protected():
    cells = _table([[2, 1], [10, 20], [30, 40]])
    full, mask = d.suppress_table(cells, 5)
    assert mask.at["r0", "I alt"] and mask.at["r0", "c0"] and mask.at["r0", "c1"]
    hidden = {(r, c) for r in mask.index for c in mask.columns if mask.at[r, c]}
    assert not d.recoverable(d.table_lines(cells.index, cells.columns), hidden)
    assert not mask.at["I alt", "I alt"]


def test_nothing_small_nothing_hidden():
    _, mask = d.suppress_table(_table([[0, 10], [12, 9]]), 5)
    assert not mask.to_numpy().any()


def test_fixed_cells_are_never_chosen_and_unpublished_count_as_hidden():
    values = {"held": 2, "short": 7, "quota": 9}
    s = d.suppress(values, [["held", "short", "quota"]], 5, fixed=["quota"])
    assert s.primary == {"held"} and s.secondary == {"short"}
    s = d.suppress({"a": 3, "b": 9, "total": 12}, [["a", "b", "total"]], 5, unpublished=["b"])
    assert s.primary == {"a"} and s.secondary == frozenset()


def test_a_line_that_cannot_be_protected_is_an_error():
    with pytest.raises(AnalysisError):
        d.suppress({"a": 3, "t": 3}, [["a", "t"]], 5, fixed=["t"])


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_threshold_must_be_a_whole_number(bad):
    with pytest.raises(AnalysisError):
        d.suppress({"a": 1}, [], bad)


def test_recoverable_follows_chains():
    lines = [["a", "b", "t1"], ["b", "c", "t2"]]
    assert d.recoverable(lines, {"a", "b", "c"}) == set()
    assert d.recoverable(lines, {"a", "b"}) == {"a", "b"}  # c shown gives b, then a
    assert d.recoverable(lines, {"a"}) == {"a"}
    assert d.recoverable([["a", "t1"], ["a", "b", "t2"]], {"a", "b"}) == {"a", "b"}


tables = st.integers(2, 5).flatmap(lambda nr: st.integers(2, 5).flatmap(
    lambda nc: st.lists(st.lists(st.integers(0, 30), min_size=nc, max_size=nc), min_size=nr, max_size=nr)))


@settings(max_examples=200, deadline=None)
@given(tables, st.integers(2, 8))
def test_no_hidden_cell_can_be_recovered(rows, threshold):
    cells = _table(rows)
    full, mask = d.suppress_table(cells, threshold)
    hidden = {(r, c) for r in mask.index for c in mask.columns if mask.at[r, c]}
    lines = d.table_lines(cells.index, cells.columns)
    assert not d.exposed_lines(lines, hidden)
    assert not d.recoverable(lines, hidden)
    for r in full.index:
        for c in full.columns:
            if (r, c) != ("I alt", "I alt") and d.is_small(full.at[r, c], threshold):
                assert mask.at[r, c], (r, c)


@settings(max_examples=200, deadline=None)
@given(tables, st.integers(2, 8))
def test_cells_at_or_above_threshold_are_shown_unless_needed(rows, threshold):
    cells = _table(rows)
    full, mask = d.suppress_table(cells, threshold)
    hidden = {(r, c) for r in mask.index for c in mask.columns if mask.at[r, c]}
    lines = d.table_lines(cells.index, cells.columns)
    for cell in hidden:
        if not d.is_small(full.at[cell], threshold):
            assert d.exposed_lines(lines, hidden - {cell}), f"{cell} is hidden but not needed"
