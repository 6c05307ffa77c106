"""The benchmark's figures: labels of close points do not cover each other."""
from __future__ import annotations

from analysis.chapters.benchmark.figures import label_positions


def test_quadrant_labels_of_close_points_do_not_share_a_side():
    placed = label_positions([(-16.0, 3.0, "KH jobparate"), (-19.0, -1.0, "Jobafklaring"),
                              (40.0, -30.0, "Langt væk")], limit=60.0)
    assert placed[0] != placed[1]
    assert placed[2] == ("right", "bottom")
