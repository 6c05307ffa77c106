"""Tables and texts of the Rammer chapter."""
from __future__ import annotations

from analysis.chapters.rammer import views
from analysis.core import fmt


def test_benchmark_display_shows_printed_differences(inputs):
    t = views.benchmark_display(inputs.benchmark)
    assert list(t["Forskel"]) == [fmt.integer(v, sign=True) for v in inputs.benchmark["difference"]]


def test_edition_overview_lists_activities_in_month(inputs):
    ov = views.edition_overview(inputs.annual_cycle, (6,)).iloc[0]
    assert "Budgetopfølgning" in ov["Aktiviteter i årshjulet samme måned"]
    assert views.edition_overview(inputs.annual_cycle, (7,)).iloc[0, 1] == fmt.MISSING


def test_rank_and_value_texts():
    assert views.rank_text(8, 89, "laveste") == "8.\u00a0laveste af 89"
    assert views.rank_text(float("nan"), None, None) == fmt.MISSING
    assert views.value_text(38, "%", "ca.") == "ca. 38\u00a0%"
    assert views.value_text(-6, "%", None, sign=True) == "−6\u00a0%"


def test_key_figures_tables_one_per_publication(inputs):
    tables = views.key_figures_tables(inputs.key_figures)
    assert [p for p, _, _ in tables] == list(dict.fromkeys(inputs.key_figures["publication"]))
    assert sum(len(t) for _, t, _ in tables) == len(inputs.key_figures)


def test_unplaced_activities_listed(inputs):
    text = views.unplaced_text(inputs.annual_cycle)
    assert text.count("\n- ") == int(inputs.annual_cycle["start_month"].isna().sum())
