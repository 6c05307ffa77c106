"""Every value of `focus` (`render.py --vary benchmark.focus=all`) gives a chapter: each key
figure a number of one population, and a figure the report does not print for the focus said as
missing (with the report's reason), never filled in."""
from __future__ import annotations

import math

import pytest

from analysis.chapters.benchmark import computed, focus_values, model, results, views
from analysis.core.keyfigures import SOURCE, name_rule_violations

from .conftest import PARAMS

FOCUS = focus_values(PARAMS)


def test_every_municipality_is_a_focus():
    assert len(FOCUS) == 10 and FOCUS[0] == "Norddjurs" and "Kommune H" in FOCUS


@pytest.mark.parametrize("focus", FOCUS)
def test_key_figures_of_every_focus(inp, focus):
    chapter = computed.of(inp, focus, 2.0)
    ov = chapter.overview
    figures = results.described(chapter)
    assert figures and all(isinstance(f.value, (int, float)) and math.isfinite(f.value) for f in figures)
    assert {f.population for f in figures} == {SOURCE} and not name_rule_violations("benchmark", figures)
    names = {f.name for f in figures}
    for r in ov.itertuples():
        recorded = f"{r.group}_enhedsomkostning" in names
        assert recorded == (not math.isnan(r.unit_cost)), r.group
        assert (r.unit_cost_gap == "") == recorded, r.group  # a reason exactly where the value is missing
    messages = results.key_messages(chapter)
    assert messages and not any("nan" in m.lower() for m in messages)


@pytest.mark.parametrize("focus", FOCUS)
def test_a_missing_figure_is_said_as_missing(inp, focus):
    chapter = computed.of(inp, focus, 2.0)
    ov = chapter.overview
    gone = ov[ov["unit_cost"].isna()]
    note = views.overview_view(chapter).note or ""
    for r in gone.itertuples():
        assert r.label.lower() in note and r.unit_cost_gap in note
        text = views.group_section(chapter, r.group).text
        assert "Rapporten har ingen enhedsomkostning for " + focus in text and r.unit_cost_gap in text
    for r in ov[ov["unit_cost"].notna() & ov["result_deviation_pct"].isna()].itertuples():
        text = views.group_section(chapter, r.group).text
        assert ("mangler" in text or "findes ikke" in text) and " – " not in text and "(–)" not in text
    if gone.empty:
        assert "»–«: rapportens tabel 3.2 har ingen" not in note


def test_kommune_h_has_no_sh_ydelse_unit_cost(inp):
    """Tabel 3.2 prints »-« for Kommune H's SH-ydelse: the chapter says so and records no figure."""
    ov = model.group_overview(inp, "Kommune H", 2.0)
    names = {n for n, _, _ in results.key_figures(ov, model.total_comparison(inp, "Kommune H"))}
    assert not {n for n in names if n.startswith("sh_ydelse_")}
    assert "revalidering_enhedsomkostning" in names
    row = ov.set_index("group").loc["sh_ydelse"]
    assert row["unit_cost_gap"] == "trykt som »-«" and row["average"] == pytest.approx(116.62, abs=0.01)
    msgs = " ".join(results.computed_messages(computed.of(inp, "Kommune H", 2.0)))
    assert "de 10 målgrupper, hvor rapporten har en enhedsomkostning for Kommune H" in msgs
