"""Tests of the Kvoter display tables, figure text and notebook texts."""
from __future__ import annotations

from analysis.chapters.kvoter import model, reconcile, views


def test_display_tables_fit_a4(inputs):
    c = model.compute(inputs, [15, 10], 5, 30, 10)
    for df in [views.mix_table(c.mix), views.tabel1_table(inputs), views.area_table(c.by_area[10]),
               views.top_table(c.top), views.sweep_table(c.sweep, [10, 15]),
               views.checks_table(reconcile.checks(inputs))]:
        assert df.shape[1] <= 7


def test_checks_table_status_words(inputs):
    t = views.checks_table(reconcile.source_checks(inputs))
    assert t["Status"].value_counts().to_dict() == {"stemmer": 16, "afviger": 1}


def test_differs_sentence_names_both_figures(inputs):
    (s,) = views.differs_sentences(reconcile.source_checks(inputs))
    assert "28,4" in s and "28,5" in s


def test_open_data_tables(inputs):
    c = model.compute(inputs, [15, 10], 5, 30, 10)
    assert set(views.open_data(inputs, c)) == {"placement_mix", "tabel1_recomputed", "by_area",
                                               "threshold_sweep", "top_shortfall"}
