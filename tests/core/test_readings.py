"""The catalogue of alternative readings: each reading on a small table, accepted only when it
reproduces every row it applies to."""
from __future__ import annotations

from analysis.core import readings as rd
from analysis.core.readings import Row

LABELS = ["Fokus", "B", "C", "D"]


def _names(found):
    return [r.name for r in found]


def test_average_without_one_municipality_is_found_on_the_whole_table():
    # printed averages are the mean of B and C: D is left out in every row
    rows = [Row((10.0, 20.0, 30.0, 90.0), 25.0, 1), Row((1.0, 2.0, 4.0, 50.0), 3.0, 1),
            Row((0.0, 1.1, 1.2, 7.0), 1.2, 1)]
    found = rd.explain(rd.mean_of_others(), rd.average_readings(LABELS), rows)
    assert _names(found) == ["mean_without_3"] and found[0].title == "gennemsnit uden D"


def test_a_reading_that_fails_one_row_is_not_accepted():
    rows = [Row((10.0, 20.0, 30.0, 90.0), 25.0, 1), Row((1.0, 2.0, 4.0, 50.0), 3.0, 1),
            Row((0.0, 1.0, 2.0, 3.0), 2.0, 1)]  # the last row counts D
    found = rd.explain(rd.mean_of_others(), rd.average_readings(LABELS), rows)
    assert "mean_without_3" not in _names(found)
    assert found == []


def test_nothing_to_explain_when_the_natural_reading_reproduces_every_row():
    rows = [Row((10.0, 20.0, 30.0, 40.0), 30.0, 1), Row((0.0, 1.0, 2.0, 3.0), 2.0, 1)]
    assert rd.explain(rd.mean_of_others(), rd.average_readings(LABELS), rows) == []


def test_a_reading_must_apply_to_enough_rows():
    rows = [Row((10.0, 20.0, 30.0, None), 25.0, 1), Row((10.0, 20.0, 40.0, 90.0), 30.0, 1)]
    # without D applies only to the second row (D is missing in the first)
    assert "mean_without_3" not in _names(rd.accepted(rd.average_readings(LABELS), rows))
    assert "mean_without_3" in _names(rd.accepted(rd.average_readings(LABELS), rows, min_rows=1))


def test_mean_with_focus_median_and_truncation():
    with_focus = [Row((40.0, 10.0, 20.0, 30.0), 25.0, 1), Row((4.0, 1.0, 2.0, 9.0), 4.0, 1)]
    assert "mean_with_focus" in _names(rd.explain(rd.mean_of_others(), rd.average_readings(LABELS), with_focus))
    median = [Row((0.0, 1.0, 2.0, 9.0), 2.0, 0), Row((0.0, 5.0, 6.0, 100.0), 6.0, 0)]
    assert "median_of_others" in _names(rd.explain(rd.mean_of_others(), rd.average_readings(LABELS), median))
    truncated = [Row((0.0, 1.0, 1.0, 1.09), 1.0, 1), Row((0.0, 2.0, 2.0, 2.18), 2.0, 1)]  # 1.03, 2.06
    found = rd.explain(rd.mean_of_others(), rd.average_readings(LABELS), truncated)
    assert "truncated_mean" in _names(found)


def test_percentage_points_instead_of_percent():
    rows = [Row((45.0, 40.0), 5.0, 0), Row((30.0, 35.0), -5.0, 0)]
    found = rd.explain(rd.percent_deviation(), rd.deviation_readings(), rows)
    assert _names(found) == ["percentage_points"]
    one_fails = rows + [Row((30.0, 20.0), 50.0, 0)]  # this row is in percent
    assert rd.explain(rd.percent_deviation(), rd.deviation_readings(), one_fails) == []


def test_one_other_denominator_shared_by_every_row():
    # parts of 200 printed as shares of 250
    rows = [Row((50.0,), 20.0, 1), Row((100.0,), 40.0, 1), Row((50.0,), 20.0, 1)]
    reading = rd.shared_denominator(rows)
    assert reading is not None and 249.5 < reading.parameter < 250.5
    assert rd.accepted([reading], rows) == [reading]


def test_no_shared_denominator_when_one_row_fails():
    rows = [Row((50.0,), 20.0, 1), Row((100.0,), 40.0, 1), Row((50.0,), 25.0, 1)]
    assert rd.shared_denominator(rows) is None
