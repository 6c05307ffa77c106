"""Tests of the Kvoter computations: the quota rule, the allocation models and the sweep."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.chapters.kvoter import model
from analysis.chapters.kvoter.inputs import quota_columns

from . import kvoter_common

inputs = kvoter_common.inputs  # the shared fixture


def _toy():
    return pd.DataFrame({
        "unit_id": ["a", "b", "c"], "unit_name": [None, None, None],
        "area": ["X", "X", "Y"], "employees": [30, 30, 14],
        "loentilskud": [0, 0, 0], "fleksjob": [0, 4, 0],
        "virksomhedspraktik": [0, 1, 1], "voksenlaerling": [0, 0, 0],
    })


@pytest.mark.parametrize("employees,n,expected", [(14, 15, 0), (15, 15, 1), (29, 15, 1), (30, 15, 2)])
def test_quota_at_its_boundaries(employees, n, expected):
    assert model.quota(employees, n) == expected


def test_quota_rejects_threshold_below_one():
    with pytest.raises(ValueError):
        model.quota(10, 0)


def test_quota_rule_reproduces_printed_examples(inputs):
    assert len(inputs.examples) > 0
    for _, r in inputs.examples.iterrows():
        assert model.quota(r["employees"], r["threshold"]) == r["quota"]


def test_published_quotas_are_below_naive_quota(inputs):
    """Why the printed area quotas are lower than employees / N: remainders per unit are lost."""
    for _, r in inputs.quota_table.iterrows():
        for n, col in quota_columns(inputs.quota_table).items():
            assert r[col] <= r["employees"] // n


def test_unit_model_does_not_offset_surplus_but_area_model_does():
    roster = _toy()
    t = model.by_area(roster, 15, ["X", "Y"]).set_index("area")
    # area X: quotas 2 + 2, held 0 + 5 -> unit model 2, area model max(4 - 5, 0) = 0
    assert t.loc["X", "quota"] == 4 and t.loc["X", "held"] == 5
    assert t.loc["X", "new_places_unit_model"] == 2
    assert t.loc["X", "new_places_area_model"] == 0
    assert t.loc["Y", "quota"] == 0 and t.loc["Y", "new_places_unit_model"] == 0
    s = model.summary(roster, 15, ["X", "Y"])
    assert s["gap"] == 4 - 6 and s["new_places_municipality"] == 0
    assert s["model_difference"] == 2
    assert s["units_without_shortfall"] == 2
    assert roster.equals(_toy()), "computations must not change their input"


def test_models_order_at_every_threshold(inputs):
    sw = model.sweep(inputs.roster, 5, 30, inputs.areas)
    assert (sw["new_places_unit_model"] >= sw["new_places_area_model"]).all()
    assert (sw["new_places_area_model"] >= sw["new_places_municipality"]).all()
    assert (sw["quota_per_unit"] <= sw["quota_naive"]).all()
    assert sw["quota_per_unit"].is_monotonic_decreasing


def test_top_shortfall_sorted_and_limited(inputs):
    top = model.top_shortfall(inputs.roster, 10, 5)
    assert len(top) == 5 and top["shortfall"].is_monotonic_decreasing
    assert (top["shortfall"] > 0).all()


def test_employees_per_place_without_places_is_nan():
    assert model.employees_per_place(10, 0) != model.employees_per_place(10, 0)
    assert model.employees_per_place(3333, 253) == pytest.approx(13.17, abs=0.01)


def test_compute_bundles_every_threshold(inputs):
    c = model.compute(inputs, [15, 10], 5, 30, 10)
    assert c.published == [15, 10] and c.source.places == 253 and c.source.required == {15: 215, 10: 325}
    assert c.source.gap(10) == 72 and round(c.source.increase_pct(10), 2) == 28.46
    assert c.source.printed_increase == {10: 28.4}
    assert c.thresholds == (15, 10) and set(c.summaries) == {10, 15}
    assert c.top_threshold == 10 and len(c.top) <= 10
    assert c.sweep["threshold"].tolist() == list(range(5, 31))
    assert c.summaries[10]["quota_per_unit"] == 325 and c.summaries[15]["quota_per_unit"] == 215
