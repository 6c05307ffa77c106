"""Tests of the Kvoter reconciliation: statuses of the source's figures, the known
disagreement (28,4 % printed for 28,46 %), and that a changed transcription is caught."""
from __future__ import annotations

import pytest

from analysis.chapters.kvoter import load_inputs, reconcile
from analysis.core.check import Check

from . import kvoter_common
from .kvoter_common import PARAMS, RAW

inputs = kvoter_common.inputs  # the shared fixture


def test_every_check_is_a_check(inputs):
    assert all(isinstance(c, Check) for c in reconcile.checks(inputs))


def test_stated_figures_follow_from_detail_except_the_percentage(inputs):
    checks = reconcile.stated_checks(inputs)
    assert len(checks) == len(inputs.stated)
    differs = [c for c in checks if c.status != "match"]
    # The one disagreement of the source: 28,4 % printed where its own figures give 28,46 %.
    assert len(differs) == 1 and differs[0].item.startswith("Stigning")
    c = differs[0]
    assert c.published == 28.4 and round(c.computed, 2) == 28.46
    assert c.status == "differs" and "skære decimalen af" in c.note


def test_employees_per_place_rounds_to_printed_13(inputs):
    c = next(c for c in reconcile.stated_checks(inputs) if c.item.startswith("Ansatte pr. plads"))
    assert (c.published, c.decimals, c.status) == (13, 0, "match")


def test_every_check_matches_for_the_default_edition_but_one(inputs):
    statuses = [c.status for c in reconcile.checks(inputs)]
    assert statuses.count("differs") == 1
    assert statuses.count("not_reproducible") == 0
    assert len(statuses) == 31


def test_changed_transcription_breaks_the_reconciliation(tmp_path):
    """A transcribed number changed by one makes a roster check differ (tests can fail)."""
    text = (RAW / "tabel1_quota.csv").read_text(encoding="utf-8").splitlines()
    head, rows = text[0], text[1:]
    cells = rows[1].split(",")
    cells[-1] = str(int(cells[-1]) + 1)
    bad = tmp_path / "tabel1_quota.csv"
    bad.write_text("\n".join([head, rows[0], ",".join(cells), *rows[2:]]) + "\n", encoding="utf-8")
    changed = load_inputs({**PARAMS, "quota_table_file": str(bad)})
    assert [c.status for c in reconcile.checks(changed)].count("differs") > 1


def test_unknown_stated_figure_is_not_reproducible(tmp_path):
    src = (RAW / "stated_figures.csv").read_text(encoding="utf-8")
    f = tmp_path / "stated.csv"
    f.write_text(src + "satisfaction,1.0 Baggrund og resumé,80,%,ca. 80 pct. kan se meningen\n",
                 encoding="utf-8")
    c = reconcile.stated_checks(load_inputs({**PARAMS, "stated_figures_file": str(f)}))[-1]
    assert c.status == "not_reproducible" and c.item == "ca. 80 pct. kan se meningen"


def test_bases_of_the_default_edition(inputs):
    """14 roster rows are synthetic (fitted to Tabel 1 and section 2.0); the text's 215/325
    repeat Tabel 1 (cross-references); the rest is recomputed from the source's detail."""
    checks = reconcile.checks(inputs)
    basis = [c.basis for c in checks]
    assert basis.count("synthetic") == 14 and basis.count("cross_reference") == 3
    assert basis.count("recomputed") == 14
    assert all(c.basis == "synthetic" for c in reconcile.roster_checks(inputs, synthetic=True))
    assert all(c.basis == "recomputed" for c in reconcile.roster_checks(inputs, synthetic=False))
    assert {c.item for c in checks if c.basis == "cross_reference"} == {
        "Pladser ved 1 pr. 10 (tekst mod Tabel 1 i alt)", "Pladser ved 1 pr. 15 (tekst mod Tabel 1 i alt)"}


def test_every_check_has_printed_decimals(inputs):
    assert all(c.decimals is not None for c in reconcile.checks(inputs))


def test_every_non_match_names_a_finding_with_a_note(inputs):
    for roster in [PARAMS["roster_file"], "data/examples/kvoter/roster_changed.xlsx"]:
        checks = reconcile.checks(load_inputs({**PARAMS, "roster_file": roster}))
        named = {f[0] for f in reconcile.findings(checks)}
        for c in checks:
            assert (c.status == "match") == (c.finding == ""), c.item
            assert c.status == "match" or (c.note and c.finding in named), c.item


def test_known_disagreement_is_one_finding(inputs):
    checks = reconcile.checks(inputs)
    (f,) = reconcile.findings(checks)
    assert f[0] == "increase_truncated"
    assert "28,4" in f[2] and "28,46" in f[2] and "skærer decimalerne af" in f[2]


def test_changed_roster_is_one_finding_for_all_its_rows():
    checks = reconcile.checks(load_inputs({**PARAMS, "roster_file": "data/examples/kvoter/roster_changed.xlsx"}))
    rows = [c for c in checks if c.finding == "roster_differs_from_source"]
    assert len(rows) == 9 and all(c.status == "differs" and c.basis == "synthetic" for c in rows)
    assert [f[0] for f in reconcile.findings(checks)] == ["increase_truncated", "roster_differs_from_source"]


@pytest.mark.parametrize("published,status", [(28.4, "differs"), (28.5, "match"), (28.45, "match"),
                                              (28.46, "match"), (28.3, "differs")])
def test_increase_status_at_its_boundaries(tmp_path, published, status):
    src = (RAW / "stated_figures.csv").read_text(encoding="utf-8").replace(",28.4,%", f",{published},%")
    f = tmp_path / "stated.csv"
    f.write_text(src, encoding="utf-8")
    checks = reconcile.stated_checks(load_inputs({**PARAMS, "stated_figures_file": str(f)}))
    c = next(c for c in checks if c.item.startswith("Stigning"))
    assert c.status == status
