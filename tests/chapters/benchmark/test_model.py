"""The benchmark's computations: the others' average, ranks, the source's four groups, the gap
decisions checked against the other tables of the same target group, any focus."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.chapters.benchmark import model
from analysis.chapters.benchmark import rows as printed_rows
from analysis.chapters.benchmark.terms import MCOLS
from analysis.core.check import status_of
from analysis.core.errors import ParameterValueError


def _text(inp, kind, group):
    t = inp.text
    return float(t.loc[(t["kind"] == kind) & (t["group"] == group), "value"].iloc[0])


def test_compare_excludes_focus_and_gaps():
    s = pd.Series([10.0, 20.0, np.nan, 40.0], index=["A", "B", "C", "D"])
    r = model.compare(s, "B")
    assert r["average"] == pytest.approx(25.0) and r["n_others"] == 2
    assert r["deviation"] == pytest.approx(-5.0) and r["deviation_pct"] == pytest.approx(-20.0)
    assert r["rank_highest"] == 2 and r["rank_lowest"] == 2
    gap = model.compare(s, "C")
    assert math.isnan(gap["deviation"]) and gap["average"] == pytest.approx(70 / 3)


def test_printed_averages_exclude_norddjurs(inp):
    conv = model.average_convention(inp).set_index("table")
    for table, row in conv.iterrows():
        assert row["excl"] > row["incl"], table
    assert conv.loc["Tabel 3.3", "excl"] == conv.loc["Tabel 3.3", "rows"]


def test_table_3_2_averages_recompute(inp):
    for rec in inp.unit_costs_by_group.to_dict("records"):
        peers = pd.Series([rec[c] for c in MCOLS[1:]], dtype=float).dropna()
        assert abs(peers.mean() - rec["average"]) <= 0.1 + 1e-9, rec["label"]


def test_total_unit_cost_24900_vs_25400(inp):
    tot = model.total_comparison(inp, "Norddjurs")
    assert status_of(_text(inp, "focus_unit_cost", "samlet"), tot["focus"] * 1000, -2) == "match"
    assert status_of(_text(inp, "average_unit_cost", "samlet"), tot["average"] * 1000, -2) == "match"


def test_sh_ydelse_lacks_column_8(inp):
    t56 = inp.group_tables.set_index("measure").loc[lambda d: d["group"] == "sh_ydelse"]
    t32 = inp.unit_costs_by_group.set_index("group").loc["sh_ydelse"]
    assert pd.isna(t32["m08"]) and t56.loc["enhedsomkostning", MCOLS].isna().tolist() == [c == "m08" for c in MCOLS]
    for c in MCOLS:
        if c != "m08":
            assert t56.loc["enhedsomkostning", c] == t32[c]
    admin = inp.group_tables.query("group == 'kh_jobparat' and measure == 'administration'")[MCOLS].iloc[0]
    assert t56.loc["administration", MCOLS].drop("m08").tolist() == admin.drop("m08").tolist()
    assert admin["m08"] != t56.loc["administration", "m09"]


def test_revalidering_lacks_columns_5_and_10(inp):
    t57 = inp.group_tables.query("group == 'revalidering'").set_index("measure")
    t32 = inp.unit_costs_by_group.set_index("group").loc["revalidering"]
    kept = [c for c in MCOLS if c not in ("m05", "m10")]
    assert t57.loc["enhedsomkostning", kept].tolist() == t32[kept].tolist()
    shown = t57.loc["enhedsomkostning", kept[1:]].astype(float)
    with5 = pd.concat([shown, pd.Series([t32["m05"]])]).mean()
    printed = t57.loc["enhedsomkostning", "average"]
    assert status_of(printed, with5, 1) == "match"
    assert status_of(printed, shown.mean(), 1) == "differs"


def test_key_figures_positions_are_columns_1_to_9(inp):
    fit = model.key_figure_column_fit(inp)
    assert [int(fit.loc[p].idxmin()) for p in fit.index] == list(range(1, 10))


def test_text_ranks_and_deviations(inp):
    ov = model.group_overview(inp, "Norddjurs", 2.0).set_index("group")
    t = inp.text
    differs = {rec["group"] for rec in t[t["kind"].isin(["rank_highest", "rank_lowest"])].to_dict("records")
               if ov.loc[rec["group"], rec["kind"]] != rec["value"]}
    assert differs == {"sh_ydelse", "jobafklaring"}  # 'fjerde højeste' is 5th; 'femte laveste' is 6th
    for rec in t[t["kind"] == "unit_cost_deviation_pct"].to_dict("records"):
        assert abs(ov.loc[rec["group"], "deviation_pct"] - rec["value"]) < 1.5, rec["group"]


def test_quadrant_rule_at_its_boundaries():
    assert model.quadrant(2.0, -2.0, 2.0) == 4      # on level both ways: low cost, good result
    assert model.quadrant(2.01, -2.0, 2.0) == 3
    assert model.quadrant(2.0, -2.01, 2.0) == 1
    assert model.quadrant(2.01, -2.01, 2.0) == 2
    assert model.quadrant(1, float("nan"), 2) is None


def test_quadrant_rule_reproduces_text_membership(inp):
    tq = model.text_quadrants(inp, 2.0).set_index("group")
    for rec in inp.text[inp.text["kind"] == "quadrant"].to_dict("records"):
        if rec["id"] == "q_s33_dagpenge_g2":
            assert tq.loc["dagpenge", "text_quadrant"] == 3  # the text names dagpenge twice
            continue
        assert tq.loc[rec["group"], "text_quadrant"] == rec["value"], rec["group"]


def test_focus_can_be_a_peer(inp):
    ov = model.group_overview(inp, "Kommune C", 2.0).set_index("group")
    t32 = inp.unit_costs_by_group.set_index("group")
    others = t32.loc["dagpenge", [c for c in MCOLS if c != "m03"]].astype(float)
    assert ov.loc["dagpenge", "unit_cost"] == t32.loc["dagpenge", "m03"]
    assert ov.loc["dagpenge", "average"] == pytest.approx(others.mean())
    assert ov["quadrant"].notna().sum() == 10
    prof = model.cost_profile(inp, "sh_ydelse", "Kommune H")  # the peer with no SH-ydelse
    assert prof["focus"].isna().all() and prof["average"].notna().all()
    with pytest.raises(ParameterValueError, match="not a participating municipality"):
        model.resolve_focus("Aarhus", inp.municipalities, inp.peer_names)


def test_selected_groups_keep_the_source_order():
    assert model.selected_groups(["fleksjob", "dagpenge"]) == ["dagpenge", "fleksjob"]
    assert len(model.selected_groups([])) == 11


def test_focus_and_tolerance_travel_in_the_inputs():
    """The focus (resolved once) and the tolerance band are read once, into `Inputs`; the
    computations that take the inputs use them without the notebook passing them again."""
    import pandas as pd

    from analysis.chapters.benchmark import findings, load_inputs, reconcile, texts
    from analysis.chapters.benchmark import model as m

    from .conftest import PARAMS

    inp = load_inputs({**PARAMS, "focus": "Kommune D", "tolerance_pct": 5.0})
    assert (inp.focus_name, inp.tolerance_pct) == ("Kommune D", 5.0)
    pd.testing.assert_frame_equal(m.group_overview(inp), m.group_overview(inp, "Kommune D", 5.0))
    assert m.total_comparison(inp) == m.total_comparison(inp, "Kommune D")
    assert texts.intro_text(inp) == texts.intro_text(inp, "Kommune D", 5.0)
    checks = reconcile.checks(inp)
    assert [c.record() for c in checks] == [c.record() for c in reconcile.checks(inp, 5.0)]
    assert findings.findings(inp, checks) == findings.findings(inp, checks, 5.0)


def test_completed_values_are_the_completed_row(inp):
    for rec in inp.group_tables.to_dict("records"):
        values, filled, unknown = model.completed_values(inp, rec["table"], rec["group"], rec["measure"])
        s, filled_s, unknown_s = model.completed_row(inp, rec["table"], rec["group"], rec["measure"])
        assert np.array_equal(values, s.to_numpy(), equal_nan=True) and (filled, unknown) == (filled_s, unknown_s)


def test_group_overview_is_kept_per_inputs_and_handed_out_as_a_copy(inp):
    first = model.group_overview(inp, inp.municipalities[1], 2.0)
    first.loc[0, "unit_cost"] = -1.0
    again = model.group_overview(inp, inp.municipalities[1], 2.0)
    assert again.loc[0, "unit_cost"] != -1.0
    assert again.equals(model.group_overview(inp, inp.municipalities[1], 2.0, list(model.GROUPS)))


def test_series_is_the_tidy_table_split_by_row(inp):
    split = {key: rows.set_index("municipality")["value"]
             for key, rows in inp.tidy.groupby(["table", "group", "measure"], sort=False)}
    assert list(split) == list(printed_rows._row_index(inp.tidy))
    for key, expected in split.items():
        pd.testing.assert_series_equal(model.series(inp.tidy, *key), expected, check_exact=True)
    missing = model.series(inp.tidy, "Tabel 9.9", "dagpenge", "samlet")
    assert missing.empty and missing.name == "value" and missing.index.name == "municipality"


def test_source_groups_in_the_source_order(inp):
    t = inp.text[inp.text["kind"] == "quadrant"]
    expected = {g: sorted(int(v) for v in t.loc[t["group"] == g, "value"]) for g in model.GROUPS}
    assert model.source_groups(inp) == {g: qs for g, qs in expected.items() if qs}
