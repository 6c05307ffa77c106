"""The chapter's reconciliation: every printed figure the case tables reproduce matches, the
known disagreements keep their status, and the status rules hold at their boundaries."""
# ruff: noqa: F401, F811  (the shared fixtures are imported, then requested by name)
from __future__ import annotations

from analysis.chapters.investeringer import reconcile
from analysis.core.check import Check
from analysis.core.precision import Approx

from .investeringer_fixtures import cy, derived, example, example_params, headline, inputs  # pytest fixtures


def test_known_disagreements(inputs):
    checks = reconcile.checks(inputs)
    odd = {c.item: c.status for c in checks if c.status != "match"}
    assert odd.pop("Planlagt investering i budgetaftalen 2020–2023") == "differs"
    assert set(odd.values()) == {"not_reproducible"}
    years = inputs.headlines.loc[inputs.headlines["item"] == "planned_savings_year", "year"]
    assert sorted(odd) == sorted(f"Besparelse lagt ind i budgettet {int(y)}" for y in years)
    n_printed = inputs.tabel1.shape[0] * 3 + inputs.published_net["net"].notna().sum()
    assert len(checks) == n_printed + len(inputs.headlines)


def test_every_non_match_row_has_a_finding_and_a_note(inputs):
    checks = reconcile.checks(inputs)
    for c in checks:
        if c.status != "match":
            assert c.finding and c.note, c.item
        else:
            assert not c.finding, c.item
    found = {f.name: f.rows for f in reconcile.findings(inputs, checks)}
    assert found == {reconcile.PLANNED_INVESTMENT: 1, reconcile.BUDGET_SAVINGS: 4}


def test_findings_explain_with_the_data(inputs):
    checks = reconcile.checks(inputs)
    (pi, bs) = reconcile.findings(inputs, checks)
    assert "20,856" in pi.explanation and "17,777" in pi.explanation and "3,079" in pi.explanation
    assert "28. april 2021" in pi.explanation and "2022 og 2023" in pi.explanation
    assert "0 / 5,0 / 6,0 / 9,0" in bs.explanation and "20,0" in bs.explanation
    assert "8,332" in bs.explanation


def test_gap_reading_is_not_claimed_when_it_does_not_reproduce(inputs):
    h = inputs.headlines.copy()
    h.loc[h["item"] == "planned_investment", "value"] = 20.9
    other = type(inputs)(**{**inputs.__dict__, "headlines": h})
    (pi,) = [f for f in reconcile.findings(other, reconcile.checks(other)) if f.name == reconcile.PLANNED_INVESTMENT]
    assert "Notatet forklarer ikke forskellen." in pi.explanation and "et år mere" not in pi.explanation


def test_basis_of_the_rows(inputs):
    basis = {c.item: c.basis for c in reconcile.checks(inputs)}
    cross = sorted(k for k, v in basis.items() if v == "cross_reference")
    assert cross == ["Andel på A-dagpenge efter 13 uger, 1. halvår 2021", "Investering 1: brugt 2021",
                     "Investering 2: besparelse på forsørgelsen 2021"]
    assert set(basis.values()) == {"recomputed", "cross_reference"}  # no synthetic data in this chapter


def test_planned_investment_interval(inputs):
    (c,) = [c for c in reconcile.checks(inputs) if c.item.startswith("Planlagt investering")]
    assert c.published == 20.856 and c.computed == 17.777
    # 18 printed budget cells, each ± 0.0005
    assert abs((c.high - c.low) / 2 - 18 * 0.0005) < 1e-9


def test_cells_sum_and_dash(inputs):
    a = inputs.published_amounts
    assert reconcile.cells(a, case=1, year=2022) is None  # printed '-'
    tot = reconcile.cells(a, year=2020, measure="investment")
    assert tot.value == 4.834 and abs(tot.high - tot.low - 5 * 0.001) < 1e-9


def test_the_example_edition_still_reconciles_the_notat(inputs, example):
    assert [c.status for c in reconcile.checks(inputs)] == [c.status for c in reconcile.checks(example)]


def test_status_boundaries_at_printed_precision():
    # a sum of two cells printed to thousandths: 1,000 + 2,000 allows [2,999; 3,001]
    total = Approx.printed(1.0, 3) + Approx.printed(2.0, 3)
    assert Check.of("t", "s", 3.000, total, decimals=3).status == "match"
    assert Check.of("t", "s", 3.001, total, decimals=3).status == "within_rounding"
    assert Check.of("t", "s", 3.0010, total, decimals=4).status == "within_rounding"
    assert Check.of("t", "s", 3.0011, total, decimals=4).status == "differs"  # just outside
    assert Check.of("t", "s", 3.002, total, decimals=3).status == "differs"
    assert Check.of("t", "s", 3.0, None, decimals=3).status == "not_reproducible"
