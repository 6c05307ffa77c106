"""Tests of `model`: every comparator's rule at its boundary, the evaluation of the published
follow-ups, counts per status and the choice of round."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.chapters.beskaeftigelsesplan import model
from analysis.chapters.beskaeftigelsesplan.schemas import NOT_REACHED, NOT_YET, REACHED, REMOVED

from .conftest import printed

# ---------------------------------------------------------------- rules at their boundaries
# (comparator, better, threshold, [(measured, reached)]): each rule exactly at its threshold
# and one printed step either side, so moving a boundary (< for <=, > for >=) fails a case.
BOUNDARIES = [
    ("at_least", None, 80, [(79.9, False), (80, True), (80.1, True)]),
    ("more_than", None, 80, [(79.9, False), (80, False), (80.1, True)]),
    ("at_most", None, 4, [(3.9, True), (4, True), (4.1, False)]),
    ("increase", None, 11, [(10.9, False), (11, False), (11.1, True)]),
    ("decrease", None, 372, [(371, True), (372, False), (373, False)]),
    ("not_above_baseline", None, 10, [(9, True), (10, True), (11, False)]),
    ("follow_national", "higher", 53.5, [(53.4, False), (53.5, True), (53.6, True)]),
    ("follow_national", "lower", 13.3, [(13.2, True), (13.3, True), (13.4, False)]),
    ("max_pp_above_national", None, 64.8, [(64.7, True), (64.8, True), (64.9, False)]),
]


@pytest.mark.parametrize("comparator, better, threshold, cases", BOUNDARIES,
                         ids=[f"{b[0]}-{b[1]}" for b in BOUNDARIES])
def test_rule_at_its_boundary(comparator, better, threshold, cases):
    got = [(m, model.rule_verdict(comparator, m, threshold, better)[0]) for m, _ in cases]
    assert got == cases


def test_every_comparator_has_a_boundary_test():
    from analysis.chapters.beskaeftigelsesplan.schemas import COMPARATORS
    assert {b[0] for b in BOUNDARIES} == set(COMPARATORS)


def test_rule_compares_printed_decimals_exactly():
    # 0,7 + 0,1 is 0,7999… in binary floating point; the rule must still call 0,8 reached
    g = {"comparator": "max_pp_above_national", "target_value": 0.1}
    assert model.rule_verdict("max_pp_above_national", 0.8, model.threshold(g, 0.7))[0] is True


def test_rule_cannot_decide_without_data_or_from_a_lower_bound_below_target():
    assert model.rule_verdict(None, 1, 1) == (None, "kvalitativt mål")
    assert model.rule_verdict("at_least", None, 1) == (None, "ingen måling")
    assert model.rule_verdict("follow_national", 1, None, "higher") == (None, "intet landstal")
    assert model.rule_verdict("decrease", 1, None) == (None, "ingen basislinje")
    assert model.rule_verdict("at_least", 80, 80, lower_bound=True) == (True, "")
    assert model.rule_verdict("at_least", 79.9, 80, lower_bound=True)[0] is None
    assert model.rule_verdict("at_most", 1, 80, lower_bound=True)[0] is None


@pytest.mark.parametrize("comparator, expected", [
    ("at_least", 80), ("more_than", 80), ("at_most", 80), ("increase", 11), ("decrease", 11),
    ("not_above_baseline", 11), ("follow_national", 53.5), ("max_pp_above_national", 133.5),
])
def test_threshold_per_comparator(comparator, expected):
    g = {"comparator": comparator, "target_value": 80, "baseline_value": 11}
    assert model.threshold(g, 53.5) == pytest.approx(expected)


def test_max_pp_threshold_is_national_plus_points(published):
    r = published[2024].set_index("goal_id").loc["6.11"]
    assert r["threshold"] == pytest.approx(r["national_value"] + r["target_value"])


# ---------------------------------------------------------------- the published follow-ups
def test_rule_agrees_with_every_published_verdict_except_2024_goal_4_1(published):
    both = pd.concat(published.values())
    checked = both[both["agrees"].notna()]
    bad = checked[checked["agrees"].eq(False)]
    assert list(zip(bad["plan_year"], bad["goal_id"])) == [(2024, "4.1")]
    assert bad["evaluated_status"].tolist() == [NOT_YET]  # first of two rounds: not yet
    measurable = both[both["comparator"].notna() & both["published_reached"].notna()]
    assert len(checked) > 0.6 * len(measurable)


def test_itemised_counts_2023_match_every_printed_count(inputs, published):
    ev = published[2023]
    counts = model.status_counts(ev, inputs.summary).set_index("status")
    s = inputs.summary[(inputs.summary["plan_year"] == 2023) & (inputs.summary["measure"] == "status_count")]
    assert len(s) == 3
    for _, row in s.iterrows():
        assert counts.loc[row["status"], "count"] == row["value"]
    active = ev[ev["status"] != REMOVED]
    assert len(active) == printed(inputs.summary, 2023, "goals_followed_up", round_=2)
    assert counts["count"].sum() == len(active)
    assert counts.loc[NOT_REACHED, "share"] == pytest.approx(100 * 11 / 24)


def test_2024_printed_counts_disagree_with_itemised_goals_but_match_the_rule(inputs, published):
    counts = model.status_counts(published[2024], inputs.summary).set_index("status")
    differs = set(counts.index[counts["count"] != counts["printed_count"]])
    assert differs == {REACHED, NOT_YET}
    assert (counts["rule_count"] == counts["printed_count"]).all()
    assert counts["count"].sum() == printed(inputs.summary, 2024, "goals_planned")


def test_removed_goal_is_excluded_from_counts_but_kept(inputs, published):
    removed = model.removed_goals(published[2023])
    assert list(removed["goal_id"]) == list(
        inputs.goals.loc[inputs.goals["removed_date"].notna(), "goal_id"])
    assert removed["evaluated_status"].isna().all()


def test_selected_rounds_default_latest_and_str_or_int_keys(inputs):
    assert model.selected_rounds(inputs.followup, [2023, 2024], {"2023": 2}) == \
        model.selected_rounds(inputs.followup, [2023, 2024], {2023: 2}) == \
        model.selected_rounds(inputs.followup, [2023, 2024], {})
    with pytest.raises(ValueError, match="plan year 2024 has no follow-up round 9"):
        model.selected_rounds(inputs.followup, [2024], {"2024": 9})


@pytest.mark.parametrize("kind, args, expected", [
    ("share", (36, 38), 100 * 36 / 38), ("sum", (65, 172), 237),
    ("change_pct", (339, 372), 100 * (339 - 372) / 372),
    ("annual_pp_reduction", (72.6, 60.8, 4, 5), (72.6 - 64.8) / 5),
])
def test_derived_value(kind, args, expected):
    assert model.derived_value(kind, *args) == pytest.approx(expected)
