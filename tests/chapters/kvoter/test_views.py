"""Tests of the Kvoter display tables, figure text and notebook texts."""
from __future__ import annotations

from analysis.chapters.kvoter import model, reconcile, views


def test_display_tables_fit_a4(inputs):
    c = model.compute(inputs, [15, 10], 5, 30, 10)
    for df in [views.mix_table(c.mix), views.tabel1_table(inputs), views.area_table(c.by_area[10]),
               views.top_table(c.top), views.sweep_table(c.sweep, [10, 15])]:
        assert df.shape[1] <= 7


def test_afstemning_shows_findings_not_rows(inputs):
    checks = reconcile.checks(inputs)
    text = views.afstemning_text(checks, reconcile.findings(checks))
    assert "Kapitlet har regnet 14 af kildens tal efter" in text and "13 stemmer" in text
    assert "3 tal står både i teksten og i Tabel 1" in text and "14 kontroller" in text
    assert text.count("\n- **") == 1 and "(1 tal)" in text
    assert "Eksempel: enhed" not in text


def test_open_data_tables(inputs):
    c = model.compute(inputs, [15, 10], 5, 30, 10)
    assert set(views.open_data(inputs, c)) == {"placement_mix", "tabel1_recomputed", "by_area",
                                               "threshold_sweep", "top_shortfall"}
