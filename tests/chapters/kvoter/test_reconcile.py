"""Tests of the Kvoter reconciliation: statuses of the source's figures, the known
disagreement (28,4 % printed for 28,46 %), and that a changed transcription is caught."""
from __future__ import annotations

from kvoter_common import PARAMS, RAW

from analysis.chapters.kvoter import load_inputs, reconcile
from analysis.core.check import Check


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
