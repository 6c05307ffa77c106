"""Reconciliation checks of the Rammer chapter: statuses of the printed figures, the rows that
cannot be recomputed, and a changed transcription caught."""
from __future__ import annotations

from analysis.chapters.rammer import reconcile
from analysis.chapters.rammer.inputs import BLOCKS, load_table
from analysis.core.check import Check

from .helpers import raw


def test_every_check_is_the_one_check_type(inputs):
    assert all(isinstance(c, Check) for c in reconcile.checks(inputs, BLOCKS))


def test_every_reproducible_check_matches(inputs):
    checks = [c for c in reconcile.checks(inputs, BLOCKS) if c.computed is not None]
    assert len(checks) == 13
    assert [(c.item, c.status) for c in checks if c.status != "match"] == []


def test_not_reproducible_checks_are_the_expected_ones(inputs):
    nr = [c.item for c in reconcile.checks(inputs, BLOCKS) if c.status == "not_reproducible"]
    assert len(nr) == 8
    assert "Andel af a-kassemedlemmerne i a-kasser med samarbejdsaftale" in nr
    assert "Mindre brugt på offentlig forsørgelse end forventet" in nr


def test_changed_transcription_is_caught(tmp_path, inputs):
    """A changed number in data/raw makes a check differ (the tests can fail)."""
    b = raw("benchmark_file")
    b.loc[b["group_id"] == "sygedagpenge", "actual"] += 1
    path = tmp_path / "benchmark.csv"
    b.to_csv(path, index=False)
    changed = load_table("benchmark_file", str(path))
    statuses = {c.item: c.status for c in reconcile.benchmark_checks(changed, inputs.intro_figures)}
    assert statuses["Forskel mellem forventet og faktisk antal, Sygedagpenge mv."] == "differs"
    assert statuses["Faktisk antal, ydelsesgrupper i alt"] == "differs"


def test_akasse_share_boundary(inputs):
    """9 of 22 is 40,9 %: printed 41 matches, a printed 40 would not."""
    cov = inputs.akasse_coverage.copy()
    share = reconcile.akasse_checks(inputs.akasse_agreements, cov)[1]
    assert (share.published, share.status) == (41, "match")
    cov.loc[cov["measure_id"] == "andel_akasser", "value"] = 40
    assert reconcile.akasse_checks(inputs.akasse_agreements, cov)[1].status == "differs"


def test_checks_follow_the_shown_blocks(inputs):
    assert reconcile.checks(inputs, []) == []
    assert {c.source.split(",")[0] for c in reconcile.checks(inputs, ["akasser"])} == {
        "Norddjurs Beskæftigelsesråd"}
