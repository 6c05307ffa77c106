"""Tests of the Kvoter key figures and key messages."""
from __future__ import annotations

from analysis.chapters.kvoter import model, results
from report.protocol import is_valid_name


def test_key_figures_names_and_values(inputs):
    c = model.compute(inputs, [15, 10], 5, 30, 10)
    figs = {name: value for name, value, _ in results.key_figures(c.summaries)}
    assert all(is_valid_name(n) for n in figs)
    assert figs["quota_per_unit_n10"] == 325 and figs["quota_per_unit_n15"] == 215
    assert figs["gap_n10"] == 72 and figs["places_held"] == 253


def test_key_messages_are_two_or_three(inputs):
    c = model.compute(inputs, [15, 10], 5, 30, 10)
    msgs = results.key_messages(c.summaries, "unit", "1. februar 2025", True, 253)
    assert 2 <= len(msgs) <= 3
    assert "325" in msgs[1]
