"""Tests of the synthetic unit roster: it reproduces the published totals by construction and
is reproducible byte for byte from its generator."""
from __future__ import annotations

from analysis.chapters.kvoter import model, synthetic
from analysis.chapters.kvoter.inputs import quota_columns

from . import kvoter_common
from .kvoter_common import RAW

inputs = kvoter_common.inputs  # the shared fixture


def test_synthetic_roster_reproduces_published_totals(inputs):
    roster = inputs.roster
    for _, r in inputs.quota_table.iterrows():
        part = roster if r["row_type"] == "total" else roster[roster["area"] == r["area"]]
        assert part["employees"].sum() == r["employees"], r["area"]
        for n, col in quota_columns(inputs.quota_table).items():
            assert model.quota(part["employees"], n).sum() == r[col], (r["area"], n)
    for _, p in inputs.placements.iterrows():
        assert roster[p["placement_type"]].sum() == p["placements"], p["placement_type"]


def test_synthetic_roster_is_reproducible_from_its_generator(inputs):
    made = synthetic.make_roster(inputs.quota_table, inputs.placements)
    text = made.to_csv(index=False, lineterminator="\n")
    assert text == (RAW / "roster_synthetic.csv").read_text(encoding="utf-8")


def test_targets_come_from_tabel1(inputs):
    t = synthetic.targets(inputs.quota_table)
    assert [x.employees for x in t] == [480, 2853]
    assert t[0].quotas == {15: 29, 10: 45}
