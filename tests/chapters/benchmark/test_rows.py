"""The printed rows of the tidy table as plain values: the same cells as the table, split once."""
from __future__ import annotations

import numpy as np

from analysis.chapters.benchmark import model
from analysis.chapters.benchmark.rows import printed_row


def test_printed_row_is_the_series_as_plain_values(inp):
    key = ("Tabel 3.2", "dagpenge", "enhedsomkostning")
    row, s = printed_row(inp.tidy, *key), model.series(inp.tidy, *key)
    assert row.labels == tuple(s.index) and np.array_equal(row.values, s.to_numpy(), equal_nan=True)
    assert row.unit == inp.tidy.loc[inp.tidy["table"] == "Tabel 3.2", "unit"].iloc[0]
    assert not row.values.flags.writeable
    assert printed_row(inp.tidy, "Tabel 3.2", "dagpenge", "no such measure") is None


def test_printed_rows_hold_every_cell_with_its_gap(inp):
    t = inp.tidy
    for rec in t.sample(300, random_state=1).to_dict("records"):
        row = printed_row(t, rec["table"], rec["group"], rec["measure"])
        at = row.labels.index(rec["municipality"])
        assert row.unit == rec["unit"]
        assert (np.isnan(row.values[at]) if rec["value"] != rec["value"] else row.values[at] == rec["value"])
        assert row.gaps[at] == (rec["gap"] if isinstance(rec["gap"], str) else None)
