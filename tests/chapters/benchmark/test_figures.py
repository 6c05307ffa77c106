"""The benchmark's figures: labels of close points do not cover each other; the spread figure
shows every municipality and highlights the focus."""
from __future__ import annotations

from analysis.chapters.benchmark import computed, model
from analysis.chapters.benchmark.figures import label_positions, spread_figure
from analysis.core.figures import NORDDJURS, to_svg


def test_quadrant_labels_of_close_points_do_not_share_a_side():
    placed = label_positions([(-16.0, 3.0, "KH jobparate"), (-19.0, -1.0, "Jobafklaring"),
                              (40.0, -30.0, "Langt væk")], limit=60.0)
    assert placed[0] != placed[1]
    assert placed[2] == ("right", "bottom")


def test_spread_figure_highlights_the_focus_and_is_deterministic(inp):
    chapter = computed.of(inp, "Norddjurs", 2.0)
    spread = model.unit_cost_spread(inp)
    assert len(spread) == 10 * 11 - 1  # SH-ydelse has no figure for one municipality
    fig = spread_figure(chapter)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Dagpenge"
    assert [t.get_text() for t in ax.get_legend().get_texts()][0] == "Norddjurs"
    focus = [c for c in ax.collections if c.get_label() == "Norddjurs"][0]
    assert len(focus.get_offsets()) == 11 and focus.get_facecolor()[0][:3].tolist() != [0.5, 0.5, 0.5]
    assert NORDDJURS.startswith("#")
    assert to_svg(spread_figure(chapter)) == to_svg(fig)
