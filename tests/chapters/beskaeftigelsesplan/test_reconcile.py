"""Tests of `reconcile`: the checks of the printed counts, the published verdicts and the
derived figures, and their statuses on the transcribed data."""
from __future__ import annotations

from analysis.chapters.beskaeftigelsesplan import model, reconcile
from analysis.core.check import Check


def test_summary_checks_record_every_printed_count(inputs, published):
    rows = [c for ev in published.values() for c in reconcile.summary_checks(inputs, ev)]
    assert len(rows) == len(inputs.summary) - int((inputs.summary["measure"] == "rounds_planned").sum())
    assert all(isinstance(c, Check) for c in rows)
    off = [c.item for c in rows if c.status != "match"]
    assert off == ["Beskæftigelsesplan 2024, opfølgning 1: antal mål med status 'nået'",
                   "Beskæftigelsesplan 2024, opfølgning 1: antal mål med status 'endnu ikke nået'"]


def test_goal_checks_cover_every_decidable_published_verdict(published):
    for ev in published.values():
        rows = reconcile.goal_checks(ev)
        assert len(rows) == int(ev["agrees"].notna().sum())
    off = [c for c in reconcile.goal_checks(published[2024]) if c.status != "match"]
    assert [c.item for c in off] == ["Beskæftigelsesplan 2024, opfølgning 1, mål 4.1: "
                                     "status nået (1 = ja, 0 = nej)"]
    assert (off[0].published, off[0].computed) == (1, 0)


def test_derived_figures_reproduce_as_printed(inputs, published):
    rows = [c for ev in published.values() for c in reconcile.derived_checks(inputs, ev)]
    assert len(rows) == len(inputs.derived)
    assert {c.status for c in rows} == {"match"}


def test_derived_figure_fails_when_a_transcribed_number_changes(inputs):
    d = inputs.derived.iloc[0]
    c = Check("x", "y", d["printed_value"], model.derived_value(d["kind"], d["a"] + 1, d["b"]))
    assert c.status == "differs"


def test_checks_are_summary_goals_derived_per_year(inputs, published):
    got = reconcile.checks(inputs, published)
    want = [c for ev in published.values() for c in reconcile.summary_checks(inputs, ev)
            + reconcile.goal_checks(ev) + reconcile.derived_checks(inputs, ev)]
    assert got == want
    assert sum(c.status != "match" for c in got) == 3


def test_a_published_verdict_flipped_is_caught(published):
    ev = published[2023].copy()
    i = ev.index[ev["agrees"].eq(True)][0]
    ev.loc[i, "published_reached"] = 1 - ev.loc[i, "published_reached"]
    assert sum(c.status != "match" for c in reconcile.goal_checks(ev)) == 1
