"""Why the focus has no value in a printed row: the reason as the tidy table records it."""
from __future__ import annotations

import pandas as pd

from analysis.chapters.benchmark.missing import gap_of
from analysis.chapters.benchmark.terms import GAP_KINDS


def _gap_from_table(inputs, table, group, measure, focus) -> str:
    """The reason read from the tidy table with masks (the reference for `gap_of`)."""
    t = inputs.tidy
    rows = t[(t["table"] == table) & (t["group"] == group) & (t["measure"] == measure)]
    if rows.empty:
        return GAP_KINDS["table_not_in_text"]
    mine = rows[rows["municipality"] == focus]
    if len(mine) and not pd.isna(mine["value"].iloc[0]):
        return ""
    kind = mine["gap"].iloc[0] if len(mine) else None
    return GAP_KINDS.get(kind, "intet tal") if isinstance(kind, str) else "intet tal"


def test_gap_of_every_row_and_focus(inp):
    keys = list(dict.fromkeys(zip(inp.tidy["table"], inp.tidy["group"], inp.tidy["measure"])))
    keys.append(("Tabel 5.1", "dagpenge", "samlet"))  # a table the text lacks
    said = set()
    for key in keys:
        for focus in inp.municipalities + ("nobody",):
            said.add(gap_of(inp, *key, focus))
            assert gap_of(inp, *key, focus) == _gap_from_table(inp, *key, focus), (key, focus)
    assert {"", GAP_KINDS["table_not_in_text"], "intet tal"} < said
