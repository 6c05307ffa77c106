"""Tests of the Kvoter key figures and key messages: nothing computed from the synthetic roster
speaks as fact."""
from __future__ import annotations

import re

from analysis.chapters.kvoter import model, results
from report.protocol import is_valid_name

from . import kvoter_common

inputs = kvoter_common.inputs  # the shared fixture


def _c(inputs, thresholds=(15, 10), synthetic=True):
    return model.compute(inputs, list(thresholds), 5, 30, 10, synthetic)


def test_key_figures_names_and_values(inputs):
    figs = {name: value for name, value, _ in results.key_figures(_c(inputs))}
    assert all(is_valid_name(n) for n in figs)
    assert figs["quota_per_unit_n10"] == 325 and figs["quota_per_unit_n15"] == 215
    assert figs["gap_n10"] == 72 and figs["places_held"] == 253 and figs["employees_total"] == 3333


def test_roster_figures_carry_the_synthetic_prefix(inputs):
    names = [n for n, _, _ in results.key_figures(_c(inputs))]
    for name in ["units", "new_places_unit_model_n10", "new_places_area_model_n15",
                 "model_difference_n10", "share_units_without_shortfall_n15"]:
        assert f"synthetic_{name}" in names and name not in names
    real = [n for n, _, _ in results.key_figures(_c(inputs, synthetic=False))]
    assert "new_places_unit_model_n10" in real and not any(n.startswith("synthetic_") for n in real)


def test_a_threshold_the_source_does_not_compute_is_synthetic(inputs):
    figs = {n: v for n, v, _ in results.key_figures(_c(inputs, (12, 10)))}
    assert "synthetic_quota_per_unit_n12" in figs and "quota_per_unit_n12" not in figs
    assert figs["quota_per_unit_n10"] == 325


def test_key_messages_use_only_the_source(inputs):
    c = _c(inputs)
    msgs = results.key_messages(inputs, c)
    assert 2 <= len(msgs) <= 3
    text = " ".join(msgs)
    numbers = set(re.findall(r"\d+(?:[.,]\d+)?", text))
    assert {"253", "215", "325", "72", "13", "28,4", "28,5"} <= numbers
    synthetic = {str(c.summaries[n][k]) for n in c.thresholds
                 for k in ("new_places_unit_model", "model_difference")}
    assert synthetic == {"110", "48", "38"} and not synthetic & numbers, "a synthetic figure in the key messages"
    assert "primo februar 2025" in text and "1. februar" not in text
    assert "37" not in numbers and "216" not in numbers


def test_key_messages_skip_thresholds_the_source_does_not_compute(inputs):
    msgs = results.key_messages(inputs, _c(inputs, (12, 10)))
    assert "pr. 12" not in " ".join(msgs) and "325" in msgs[1]
