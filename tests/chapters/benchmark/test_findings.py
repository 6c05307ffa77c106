"""The benchmark's findings: about ten, each computed from the data, each covering its rows."""
from __future__ import annotations

import pytest

from analysis.chapters.benchmark import findings as F
from analysis.chapters.benchmark import reconcile
from analysis.core.check import Check


@pytest.fixture(scope="module")
def found(inp):
    checks = reconcile.checks(inp, 2.0)
    return {f.name: f for f in F.findings(inp, checks, 2.0)}, checks


def test_every_finding_used_is_described_once(found):
    by_name, checks = found
    used = {c.finding for c in checks if c.finding}
    assert used == set(by_name) and 8 <= len(by_name) <= 12
    assert sum(f.rows for f in by_name.values()) == sum(c.status != "match" for c in checks)


def test_tabel_5_8_explained_by_its_real_rule(found):
    f = found[0]["gennemsnit_tabel_5_8"]
    assert f.title == "Rapportens gennemsnit i Tabel 5.8 er uden Kommune J"
    assert "Alle 24 trykte gennemsnit" in f.explanation and "21,9" in f.explanation
    assert "sådan er de kontrolleret" in f.explanation and "bogens læsning" in f.explanation


def test_tabel_3_1_shares_are_one_finding_with_their_denominator(found):
    f = found[0][F.SHARES]
    text = f.explanation.replace("\xa0", " ")
    assert f.rows == 12 and "94,3 %" in text and "79,3 mio. kr." in text and "ikke 100 %" in text


def test_text_results_name_the_count_the_tables_give(found):
    f = found[0][F.RESULTS]
    assert "ligger 3 målgrupper på eller over gennemsnittet (højst 4" in f.explanation
    assert "6 af 11" in f.explanation and "jobafklaring og ressourceforløb" in f.explanation


def test_assign_settles_findings_by_status():
    within = Check("a", "s", 1.0, 1.06, decimals=1, low=0.9, high=1.1)
    assert F.assign(within).finding == F.ROUNDING and "afrundingen" in F.assign(within).note
    odd = Check("b", "s", 1.0, 2.0, decimals=1)
    assert F.assign(odd).finding == F.SINGLE
    missing = Check("c", "s", 1.0, None, decimals=1)
    assert F.assign(missing).finding == F.IMAGES
    ruled = Check("d", "s", 1.0, 1.06, decimals=1, low=0.9, high=1.1, finding="gennemsnit_tabel_5_8")
    assert F.assign(ruled).finding == "gennemsnit_tabel_5_8"
    assert F.assign(Check("e", "s", 1.0, 1.01, decimals=1, finding=F.RANKS)).finding == ""


def test_a_finding_never_says_cannot_be_recomputed_where_a_found_rule_reproduces(found):
    """Every row of a finding that says a figure »kan ikke genberegnes« is not reproducible; the
    rows a found rule reproduces (Tabel 5.7's unit cost: Kommune E from Tabel 3.2, J left out)
    are checked under that rule and belong to no such finding."""
    by_name, checks = found
    for name, f in by_name.items():
        if "kan ikke genberegnes" in f.explanation:
            rows = [c for c in checks if c.finding == name]
            assert {c.status for c in rows} == {"not_reproducible"}, name
    unit_cost = [c for c in checks if c.item.startswith("Tabel 5.7: Revalidering, Enhedsomkostning")]
    assert unit_cost and all(c.computed is not None and c.status in ("match", "within_rounding") for c in unit_cost)
    lost = by_name[F.LOST_COLUMNS].explanation
    assert "Kommune E's enhedsomkostning står i tabel 3.2" in lost and "Kommune J har 0,0" in lost


def test_dagpenge_groups_by_bdos_rule_and_the_books_band_as_the_books_reading(found):
    f = found[0][F.TEXT_GROUPS]
    assert "BDO's egne gruppedefinitioner" in f.explanation and "hører de til gruppe 2" in f.explanation
    assert "bogens egen grænse for »på niveau« (±2,0 %) kommer de i gruppe 3" in f.explanation


def test_bdos_two_figures_for_revalidering_are_a_finding(found):
    by_name, checks = found
    row = next(c for c in checks if "mod tekstens eget gennemsnit, Revalidering" in c.item)
    assert (row.published, round(row.computed), row.status) == (79, 59, "differs")
    assert row.finding == F.TWO_AVERAGES and "Kapitlet viser begge tal" in by_name[F.TWO_AVERAGES].explanation
