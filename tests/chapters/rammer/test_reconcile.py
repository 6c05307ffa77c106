"""Reconciliation checks of the Rammer chapter: statuses of the printed figures, the rows that
cannot be recomputed, and a changed transcription caught."""
from __future__ import annotations

from collections import Counter

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
    assert {c.basis for c in checks} == {"recomputed"}  # no cross-references, no synthetic data


def test_intervals_of_printed_inputs(inputs):
    by = {c.item: c for c in reconcile.checks(inputs, BLOCKS)}
    udgifter = by["Udgifter på beskæftigelsesområdet 2022: andelene summer til 100 %"]
    assert (udgifter.low, udgifter.high, udgifter.decimals) == (99.85, 100.15, 1)
    a_dp = by["Forskel mellem forventet og faktisk antal, A-dagpenge mv."]
    assert (a_dp.published, a_dp.low, a_dp.high, a_dp.decimals) == (-20, -30, -10, -1)
    share = by["Andel af a-kasserne med samarbejdsaftale"]
    assert (share.low, share.high) == (None, None)  # 9 of 22 are exact counts


def test_every_non_match_row_has_a_finding_and_a_note(inputs):
    rows = [c for c in reconcile.checks(inputs, BLOCKS) if c.status != "match"]
    assert all(c.finding and c.note for c in rows)
    assert Counter(c.finding for c in rows) == {"noegletal_vive_regnskabstal": 5,
                                                 "benchmark_ministeriets_egne_tal": 2,
                                                 "akasse_medlemstal": 1}


def test_not_reproducible_checks_are_the_expected_ones(inputs):
    nr = [c.item for c in reconcile.checks(inputs, BLOCKS) if c.status == "not_reproducible"]
    assert len(nr) == 8
    assert "Andel af a-kassemedlemmerne i a-kasser med samarbejdsaftale" in nr
    assert "Mindre brugt på offentlig forsørgelse end forventet" in nr


def _changed_benchmark(tmp_path, delta: int):
    b = raw("benchmark_file")
    b.loc[b["group_id"] == "sygedagpenge", "actual"] += delta
    path = tmp_path / f"benchmark_{delta}.csv"
    b.to_csv(path, index=False)
    return load_table("benchmark_file", str(path))


def test_changed_transcription_is_caught(tmp_path, inputs):
    """A changed number in data/raw makes a check differ (the tests can fail)."""
    changed = _changed_benchmark(tmp_path, 30)
    statuses = {c.item: c.status for c in reconcile.benchmark_checks(changed, inputs.intro_figures)}
    assert statuses["Forskel mellem forventet og faktisk antal, Sygedagpenge mv."] == "differs"
    assert statuses["Faktisk antal, ydelsesgrupper i alt"] == "differs"


def test_benchmark_rounding_to_tens_boundaries(tmp_path, inputs):
    """The counts are read as rounded to tens (each ±5). Actual +20: the total 2.340 [2.325; 2.355]
    just meets the printed 2.320 (±5) → within_rounding; the group's difference −50 [−60; −40]
    misses −70 (±5) → differs. Actual +2: the counts are no longer all tens, so they are read as
    rounded to whole numbers (±0,5): the total 2.322 [2.320,5; 2.323,5] just meets 2.320 (±0,5)
    → within_rounding; actual +3 → differs."""
    by = lambda d: {c.item: c for c in reconcile.benchmark_checks(_changed_benchmark(tmp_path, d),
                                                                  inputs.intro_figures)}
    c20 = by(20)
    assert c20["Faktisk antal, ydelsesgrupper i alt"].status == "within_rounding"
    assert (c20["Faktisk antal, ydelsesgrupper i alt"].low, c20["Faktisk antal, ydelsesgrupper i alt"].high) == (
        2325, 2355)
    assert c20["Forskel mellem forventet og faktisk antal, Sygedagpenge mv."].status == "differs"
    assert by(2)["Faktisk antal, ydelsesgrupper i alt"].status == "within_rounding"
    assert by(3)["Faktisk antal, ydelsesgrupper i alt"].status == "differs"


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
