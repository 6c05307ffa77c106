"""Computations of the Rammer chapter against the printed figures."""
from __future__ import annotations

import pytest

from analysis.chapters.rammer import model

from .helpers import raw


def test_benchmark_difference_is_actual_minus_expected(inputs):
    t = model.benchmark_table(inputs.benchmark)
    assert (t["difference_computed"] == t["difference"]).all()
    # and the printed sign is not expected minus actual (the header's word order)
    assert not (t["expected"] - t["actual"] == t["difference"]).all()


def test_benchmark_total_row_is_sum_of_groups():
    b = raw("benchmark_file")
    groups, total = b[b["group_id"] != "i_alt"], b[b["group_id"] == "i_alt"].iloc[0]
    for col in ("expected", "actual", "difference"):
        assert groups[col].sum() == total[col], col


def test_benchmark_does_not_mutate_its_input(inputs):
    before = inputs.benchmark.copy()
    model.benchmark_table(inputs.benchmark)
    assert inputs.benchmark.equals(before)


def test_split_totals_are_hundred_at_printed_precision(inputs):
    totals = model.split_totals(inputs.budget_shares)
    assert {k: round(v, 6) for k, v in totals.items()} == {"udvalg": 100, "indtaegter": 100, "udgifter": 100}


def test_share_of_missing_category_is_nan(inputs):
    assert model.share_of(inputs.budget_shares, "udvalg", "Findes ikke") != model.share_of(
        inputs.budget_shares, "udvalg", "Findes ikke")


def test_contact_ratios_are_ratios_of_group_sizes(inputs):
    c = raw("contact_file").set_index("group_id")["count"]
    r = model.contact_ratios(inputs.contact).set_index("group_id")["ratio_to_group"]
    assert r["grundskoleelever"] == pytest.approx(c["kontaktforloeb"] / c["grundskoleelever"])
    assert r["folkepensionister"] == pytest.approx(c["kontaktforloeb"] / c["folkepensionister"])
    assert r["kontaktforloeb"] == 1


def test_akasse_coverage_reproduces_nine_of_twentytwo(inputs):
    cov = raw("akasse_coverage_file").set_index("measure_id")["value"]
    c = model.akasse_coverage(inputs.akasse_agreements, inputs.akasse_coverage)
    assert c["aftaler"] == cov["aftaler"] == len(raw("akasse_agreements_file"))
    assert round(c["andel_akasser"]) == cov["andel_akasser"]
    assert c["andel_akasser"] == pytest.approx(cov["aftaler"] / cov["akasser_i_alt"] * 100)


def test_pool_deadlines_count_matches_printed(inputs):
    printed = raw("intro_figures_file").set_index("indicator_id").loc["pulje_frister", "value"]
    assert model.pool_deadlines(inputs.annual_cycle) == printed


def test_timeline_lanes_group_recurring_activities(inputs):
    lanes = model.timeline_rows(inputs.annual_cycle)
    recurring = lanes[lanes["recurring"]]
    assert sorted(recurring["activity"]) == ["Budgetopfølgning", "Frist for ansøgning til udvalgets pulje"]
    assert list(lanes["first"]) == sorted(lanes["first"])


def test_activities_in_month(inputs):
    assert "Budgetopfølgning" in model.activities_in_month(inputs.annual_cycle, 6)
    assert model.activities_in_month(inputs.annual_cycle, 7) == []
