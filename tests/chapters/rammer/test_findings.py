"""Findings of the Rammer chapter: one per cause, texts computed from the data."""
from __future__ import annotations

import dataclasses

from analysis.chapters.rammer import findings, reconcile
from analysis.chapters.rammer.inputs import BLOCKS


def test_one_finding_per_cause_named_by_the_checks(inputs):
    checks = reconcile.checks(inputs, BLOCKS)
    found = findings.findings(inputs, checks)
    assert [f.name for f in found] == [findings.BENCHMARK_DATA, findings.VIVE_ECO, findings.AKASSE_MEMBERS]
    assert all(f.title and f.explanation for f in found)
    assert findings.findings(inputs, reconcile.checks(inputs, ["oekonomi"])) == []


def test_explanations_carry_the_printed_figures(inputs):
    found = {f.name: f for f in findings.findings(inputs, reconcile.checks(inputs, BLOCKS))}
    assert "nr. 23" in found[findings.BENCHMARK_DATA].explanation
    assert "4,9\u00a0mio. kr." in found[findings.BENCHMARK_DATA].explanation
    assert "59,6\u00a0%" in found[findings.AKASSE_MEMBERS].explanation


def test_pension_shares_consistency_is_computed(inputs):
    """38 % of the committee's spending and 41 % of the support spending fit together (support is
    part of the committee's spending); swapped, the explanation says they do not."""
    text = findings.findings(inputs, reconcile.checks(inputs, ["noegletal"]))[0].explanation
    assert "hænger sammen" in text
    kf = inputs.key_figures.copy()
    ids = kf["indicator_id"]
    kf.loc[ids == "foertidspension_andel_udvalg", "value"] = 45
    swapped = dataclasses.replace(inputs, key_figures=kf)
    text = findings.findings(swapped, reconcile.checks(swapped, ["noegletal"]))[0].explanation
    assert "hænger sammen" not in text and "mindre end andelen" in text
