"""Tests of the Kvoter display tables, figure text, disclosure control and open data."""
from __future__ import annotations

import pandas as pd

from analysis.chapters.kvoter import model, views
from analysis.core import disclosure

from . import kvoter_common

inputs = kvoter_common.inputs  # the shared fixture


def _c(inputs, synthetic=True):
    return model.compute(inputs, [15, 10], 5, 30, 10, synthetic)


def test_display_tables_fit_a4(inputs):
    c = _c(inputs)
    top, _ = views.protected_top(c, 5)
    for df in [views.mix_table(c.mix), views.tabel1_table(inputs, c), views.area_table(c, 10),
               views.top_table(top), views.sweep_table(c)]:
        assert df.shape[1] <= 7


def test_invented_placements_per_area_are_labelled(inputs):
    t = views.area_table(_c(inputs, synthetic=True), 15)
    assert "Pladser (opdigtet fordeling)" in t.columns
    assert "Naiv kvote" not in t.columns and "Kvote, området under ét" in t.columns
    assert "opdigtet" in views.area_note(_c(inputs)) and "opdigtet" not in views.area_note(_c(inputs, False))
    assert "Pladser i enhedslisten" in views.area_table(_c(inputs, synthetic=False), 15).columns
    # the note is printed once: under the next table it refers to the first
    c = _c(inputs)
    assert views.area_note(c, 15) == views.area_note(c) and "opdigtet" in views.area_note(c, 15)
    assert views.area_note(c, 10) == "Kolonnerne og forbeholdet er de samme som i tabellen ved én plads pr. 15 ansatte."


def test_alt_text_and_labels_name_the_synthetic_roster(inputs):
    c = _c(inputs)
    assert views.sweep_alt(c.sweep, "unit", True).startswith("Beregnet ud fra den syntetiske enhedsliste")
    assert all("syntetisk enhedsliste" in col for col in views.tabel1_table(inputs, c).columns
               if "kilde" not in col and col != "Område")
    assert "data/" not in views.roster_source(False) and ".csv" not in views.roster_source(False)


def test_open_data_files_from_the_synthetic_roster_are_labelled(inputs):
    names = set(views.open_data(inputs, _c(inputs), 5))
    assert names == {"placement_mix", "synthetic_tabel1_recomputed", "synthetic_by_area",
                     "synthetic_threshold_sweep", "synthetic_top_shortfall"}
    assert "synthetic_" not in "".join(views.open_data(inputs, _c(inputs, synthetic=False), 5))


def _hidden(top):
    return {(u, col) for u, row in top.set_index("unit_id").iterrows() for col, v in row.items()
            if v == disclosure.HIDDEN}


def test_top_table_hides_small_person_counts(inputs):
    c = _c(inputs)
    top, n_hidden = views.protected_top(c, 5)
    raw = c.top.set_index("unit_id")
    hidden = _hidden(top)
    assert n_hidden == len(hidden) > 0
    for uid, row in raw.iterrows():
        for col in ("employees", "held"):
            if 1 <= row[col] < 5:
                assert (uid, col) in hidden, (uid, col)
            else:
                assert (uid, col) in hidden or top.set_index("unit_id").at[uid, col] == row[col]
        # places + shortfall = quota (shown): a hidden place count hides the shortfall too
        assert ((uid, "held") in hidden) == ((uid, "shortfall") in hidden)


def test_top_table_threshold_is_a_parameter(inputs):
    c = _c(inputs)
    assert not _hidden(views.protected_top(c, 1)[0])
    many = _hidden(views.protected_top(c, 20)[0])
    assert len(many) > len(_hidden(views.protected_top(c, 5)[0]))
    csv = views.open_data(inputs, c, 5)["synthetic_top_shortfall"]
    assert _hidden(csv) == _hidden(views.protected_top(c, 5)[0])


def test_disclosure_note_states_the_rule(inputs):
    c = _c(inputs)
    assert "under 5" in views.disclosure_note(c, 3) and "»..«" in views.disclosure_note(c, 3)
    assert "Ingen tal" in views.disclosure_note(c, 0)


def test_mix_table_is_the_source_total(inputs):
    t = views.mix_table(_c(inputs).mix)
    assert t.iloc[-1]["Pladser"] == 253 and list(t.columns) == ["Type (som i kilden)", "Pladser", "Andel"]
    assert isinstance(t, pd.DataFrame)


def test_the_chapters_parameters_travel_in_its_result():
    """highlight_model and disclosure_threshold are read once, into the model's result; the views
    take them from there (the notebook never passes them again)."""
    from analysis.chapters.kvoter import load_inputs

    from .kvoter_common import PARAMS

    params = {**PARAMS, "thresholds": [15, 10], "sweep_min": 5, "sweep_max": 30, "top_units": 10,
              "roster_is_synthetic": True, "highlight_model": "area", "disclosure_threshold": 20}
    c = model.computed(load_inputs(params))
    assert (c.highlight_model, c.disclosure_threshold) == ("area", 20)
    assert views.protected_top(c)[1] == views.protected_top(c, 20)[1] > views.protected_top(c, 5)[1]
    _, alt = views.sweep_view(c)
    assert alt.endswith(f"model er {views.MODEL_SHORT['area']}.")
