"""The Rammer figures draw the printed values; alt texts name them."""
from __future__ import annotations

from dataclasses import replace

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

from analysis.chapters.rammer import figures
from analysis.chapters.rammer.schemas import SPLITS
from analysis.core import fmt
from analysis.core.precision import printed_decimals

from .helpers import raw


def _bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_economy_figure_draws_printed_shares(inputs):
    fig = figures.economy_figure(inputs.budget_shares)
    s = raw("budget_shares_file")
    for ax, split in zip(fig.axes, SPLITS):
        printed = list(s[s["split"] == split]["share_pct"])
        assert [round(b.get_width(), 6) for b in _bars(ax)] == printed
        assert [t.get_text() for t in ax.texts] == [fmt.percent(v, printed_decimals(v)) for v in printed]
    plt.close(fig)


def test_benchmark_figure_draws_printed_counts_and_differences(inputs):
    fig = figures.benchmark_figure(inputs.benchmark)
    ax = fig.axes[0]
    g = raw("benchmark_file").query("group_id != 'i_alt'")
    assert [round(p.get_width()) for p in _bars(ax)] == list(g["expected"]) + list(g["actual"])
    diffs = [t.get_text() for t in ax.texts if t.get_text().startswith("Forskel")]
    assert diffs == [f"Forskel: {fmt.integer(v, sign=True)}" for v in g["difference"]]
    plt.close(fig)


def test_annual_cycle_figure_spans_and_edition_lines(inputs):
    months = (2, 7)
    fig = figures.annual_cycle_figure(replace(inputs, months=months))
    ax = fig.axes[0]
    c = raw("annual_cycle_file")
    single = c[c["start_month"].notna() & c["series"].isna()]
    spans = sorted((round(p.get_x() + 0.5), round(p.get_x() + p.get_width() - 0.5)) for p in _bars(ax))
    assert spans == sorted(zip(single["start_month"].astype(int), single["end_month"].astype(int)))
    dashed = sorted(line.get_xdata()[0] for line in ax.lines if line.get_linestyle() not in ("-", "None"))
    assert dashed == list(months)
    markers = sorted(x for line in ax.lines if line.get_marker() == "D" for x in line.get_xdata())
    assert markers == sorted(c[c["series"].notna()]["start_month"].astype(int))
    plt.close(fig)


def test_alt_texts_name_the_printed_numbers(inputs):
    alt = figures.benchmark_alt(inputs.benchmark)
    for v in raw("benchmark_file").query("group_id != 'i_alt'")["difference"]:
        assert fmt.integer(v, sign=True) in alt
    assert "86,3" in figures.economy_alt(inputs.budget_shares)
    assert "september" in figures.cycle_alt(replace(inputs, months=(9,)))


def test_month_span():
    assert figures.month_span(4, 5) == "april–maj"
    assert figures.month_span(6, 6) == "juni"
