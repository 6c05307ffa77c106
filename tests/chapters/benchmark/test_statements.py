"""Checks of the figures stated in the text."""
from __future__ import annotations

import pandas as pd

from analysis.chapters.benchmark import statements


def test_every_text_statement_kind_has_a_rule(inp):
    assert set(inp.text["kind"]) <= set(statements.TEXT_KINDS)


def test_rank_interval_when_values_lie_within_rounding():
    s = pd.Series([20.2, 20.2, 20.3, 25.0, 10.0])
    r = statements._rank(s, lowest=False)  # 20.3 and 25.0 above; 20.2 ties; 20.3 may tie
    assert (r.value, r.low, r.high) == (3.0, 2.0, 4.0)


def test_six_of_eleven_differs_whatever_dagpenge_is(inp):
    rows = [c for c in statements.text_checks(inp, 2.0)
            if c.item == "Afsnit 2: antal målgrupper med resultater på/over gennemsnittet"]
    assert len(rows) == 1 and (rows[0].low, rows[0].high) == (3, 4) and rows[0].status == "differs"
