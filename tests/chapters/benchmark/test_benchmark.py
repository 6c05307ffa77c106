"""Tests of the Jobcenterbenchmark chapter: recompute the printed figures from data/raw, check the
gap decisions against the other tables of the same target group, the focus-independent
computations, and the analyst-facing validation messages."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.chapters import benchmark as b
from analysis.core.check import status_of
from analysis.core.errors import InputError

RAW = "data/raw/benchmark/"
FIX = Path(__file__).parents[2] / "fixtures" / "benchmark"
PARAMS = {
    "unit_costs_by_group_file": RAW + "unit_costs_by_group.csv",
    "unit_costs_by_task_file": RAW + "unit_costs_by_task.csv",
    "group_tables_file": RAW + "group_tables.csv",
    "key_figures_file": RAW + "key_figures.csv",
    "expenditure_file": RAW + "expenditure_by_group.csv",
    "cost_drivers_file": RAW + "cost_drivers.csv",
    "fte_correction_file": RAW + "fte_correction.csv",
    "text_statements_file": RAW + "text_statements.csv",
    "gaps_file": RAW + "gaps.csv",
    "peer_names_file": RAW + "peer_names.csv",
}


@pytest.fixture(scope="module")
def inp() -> b.BenchmarkInputs:
    return b.load_inputs(PARAMS)


def _text(inp, kind, group):
    t = inp.text
    return float(t.loc[(t["kind"] == kind) & (t["group"] == group), "value"].iloc[0])


# ---------------------------------------------------------------- tidy table
def test_tidy_has_one_value_or_gap_per_cell(inp):
    t = inp.tidy
    assert not t.duplicated(["table", "group", "measure", "column"]).any()
    assert (t["value"].notna() ^ t["gap"].notna()).all()
    # every group table row has all ten municipalities
    assert (t.groupby(["table", "group", "measure"]).size() == b.N_MUNICIPALITIES).all()
    assert inp.municipalities[0] == "Norddjurs" and inp.municipalities[1] == "Kommune B"


def test_printed_averages_exclude_norddjurs(inp):
    conv = b.average_convention(inp).set_index("table")
    for table, row in conv.iterrows():
        assert row["excl"] > row["incl"], table
    # Tabel 3.3: every printed average is the mean of the nine peers
    assert conv.loc["Tabel 3.3", "excl"] == conv.loc["Tabel 3.3", "rows"]


def test_table_3_2_averages_recompute(inp):
    for rec in inp.unit_costs_by_group.to_dict("records"):
        peers = pd.Series([rec[c] for c in b.MCOLS[1:]], dtype=float).dropna()
        # every printed average lies within the rounding of the printed inputs
        assert abs(peers.mean() - rec["average"]) <= 0.1 + 1e-9, rec["label"]


def test_total_unit_cost_24900_vs_25400(inp):
    tot = b.total_comparison(inp, "Norddjurs")
    assert status_of(_text(inp, "focus_unit_cost", "samlet"), tot["focus"] * 1000, -2) == "match"
    assert status_of(_text(inp, "average_unit_cost", "samlet"), tot["average"] * 1000, -2) == "match"


def test_group_table_deviations_recompute(inp):
    """Printed deviations (1.000 kr.) equal focus minus the peers' mean, within rounding,
    except in Tabel 5.7 whose averages count a municipality the text leaves out."""
    bad = []
    for rec in inp.group_tables.to_dict("records"):
        if pd.isna(rec["deviation"]) or rec["group"] == "revalidering":
            continue
        s = b.series(inp.tidy, rec["table"], rec["group"], rec["measure"])
        comp = s.iloc[0] - s.iloc[1:].mean()
        if abs(comp - rec["deviation"]) > 0.15 + 1e-9:
            bad.append((rec["table"], rec["measure"], rec["deviation"], round(comp, 2)))
    # the one printed deviation the rows do not support: ressourceforløb, konto 6
    assert [(t, m) for t, m, *_ in bad] == [("Tabel 5.12", "samlet_konto_6")]


# ---------------------------------------------------------------- gap decisions
def test_sh_ydelse_lacks_column_8(inp):
    t56 = inp.group_tables.set_index("measure").loc[lambda d: d["group"] == "sh_ydelse"]
    t32 = inp.unit_costs_by_group.set_index("group").loc["sh_ydelse"]
    assert pd.isna(t32["m08"]) and t56.loc["enhedsomkostning", b.MCOLS].isna().tolist() == [
        c == "m08" for c in b.MCOLS]
    for c in b.MCOLS:
        if c != "m08":
            assert t56.loc["enhedsomkostning", c] == t32[c]
    admin = inp.group_tables.query("group == 'kh_jobparat' and measure == 'administration'")[b.MCOLS].iloc[0]
    assert t56.loc["administration", b.MCOLS].drop("m08").tolist() == admin.drop("m08").tolist()
    assert admin["m08"] != t56.loc["administration", "m09"]  # the dropped value is not shifted in


def test_revalidering_lacks_columns_5_and_10(inp):
    t57 = inp.group_tables.query("group == 'revalidering'").set_index("measure")
    t32 = inp.unit_costs_by_group.set_index("group").loc["revalidering"]
    kept = [c for c in b.MCOLS if c not in ("m05", "m10")]
    assert t57.loc["enhedsomkostning", kept].tolist() == t32[kept].tolist()
    # the printed average 55,5 is the peers' mean only when column 5 of Tabel 3.2 counts
    shown = t57.loc["enhedsomkostning", kept[1:]].astype(float)
    with5 = pd.concat([shown, pd.Series([t32["m05"]])]).mean()
    printed = t57.loc["enhedsomkostning", "average"]
    assert status_of(printed, with5, 1) == "match"
    assert status_of(printed, shown.mean(), 1) == "differs"
    assert status_of(printed, t32[b.MCOLS[1:]].astype(float).mean(), 1) == "differs"


def test_key_figures_positions_are_columns_1_to_9(inp):
    fit = b.key_figure_column_fit(inp)
    assert [int(fit.loc[p].idxmin()) for p in fit.index] == list(range(1, 10))
    kf = inp.key_figures
    pop = kf.loc[kf["measure"] == "befolkning_18_66"].iloc[0]
    assert round(pd.Series([pop[c] for c in b.MCOLS[1:9]]).mean()) == pop["average"]


# ---------------------------------------------------------------- computations
def test_compare_excludes_focus_and_gaps():
    s = pd.Series([10.0, 20.0, np.nan, 40.0], index=["A", "B", "C", "D"])
    r = b.compare(s, "B")
    assert r["average"] == pytest.approx(25.0) and r["n_others"] == 2
    assert r["deviation"] == pytest.approx(-5.0) and r["deviation_pct"] == pytest.approx(-20.0)
    assert r["rank_highest"] == 2 and r["rank_lowest"] == 2
    gap = b.compare(s, "C")
    assert math.isnan(gap["deviation"]) and gap["average"] == pytest.approx(70 / 3)


def test_text_ranks_and_deviations(inp):
    ov = b.group_overview(inp, "Norddjurs", 2.0).set_index("group")
    t = inp.text
    differs = set()
    for rec in t[t["kind"].isin(["rank_highest", "rank_lowest"])].to_dict("records"):
        if ov.loc[rec["group"], rec["kind"]] != rec["value"]:
            differs.add(rec["group"])
    assert differs == {"sh_ydelse", "jobafklaring"}  # 'fjerde højeste' is 5th; 'femte laveste' is 6th
    for rec in t[t["kind"] == "unit_cost_deviation_pct"].to_dict("records"):
        assert abs(ov.loc[rec["group"], "deviation_pct"] - rec["value"]) < 1.5, rec["group"]


def test_quadrant_rule_reproduces_text_membership(inp):
    tq = b.text_quadrants(inp, 2.0).set_index("group")
    t = inp.text[inp.text["kind"] == "quadrant"]
    for rec in t.to_dict("records"):
        if rec["id"] == "q_s33_dagpenge_g2":
            assert tq.loc["dagpenge", "text_quadrant"] == 3  # the text names dagpenge twice
            continue
        assert tq.loc[rec["group"], "text_quadrant"] == rec["value"], rec["group"]
    assert b.quadrant(5, -5, 2) == 2 and b.quadrant(1, -1.5, 2) == 4 and b.quadrant(-3, -3, 2) == 1
    assert b.quadrant(3, 0, 2) == 3 and b.quadrant(1, float("nan"), 2) is None


def test_focus_can_be_a_peer(inp):
    ov = b.group_overview(inp, "Kommune C", 2.0).set_index("group")
    t32 = inp.unit_costs_by_group.set_index("group")
    others = t32.loc["dagpenge", [c for c in b.MCOLS if c != "m03"]].astype(float)
    assert ov.loc["dagpenge", "unit_cost"] == t32.loc["dagpenge", "m03"]
    assert ov.loc["dagpenge", "average"] == pytest.approx(others.mean())
    assert ov["quadrant"].notna().sum() == 10
    prof = b.cost_profile(inp, "sh_ydelse", "Kommune H")  # the peer with no SH-ydelse
    assert prof["focus"].isna().all() and prof["average"].notna().all()
    with pytest.raises(ValueError, match="not a participating municipality"):
        b.resolve_focus("Aarhus", inp.municipalities, inp.peer_names)


def test_checks_record_known_disagreements(inp):
    ch = b.checks_frame(b.all_checks(inp, 2.0)).set_index("item")
    assert ch.loc["Tabel 3.1: Norddjurs' trykte andele lagt sammen", "status"] == "differs"
    assert ch.loc["Afsnit 5.2: udgift, Kontanthjælp, jobparate", "status"] == "differs"
    assert ch.loc["Tabel 5.8: trykt gennemsnit mod Tabel 3.2, Sygedagpenge", "status"] == "differs"
    assert ch.loc["Bilag 1: korrigerede fuldtidspersoner 2021, Sygedagpenge", "status"] == "match"
    assert set(ch["status"]) <= {"match", "differs", "not_reproducible"}


# ---------------------------------------------------------------- validation
def _with(**over):
    return {**PARAMS, **{k: str(v) for k, v in over.items()}}


def test_duplicate_peer_name_message():
    with pytest.raises(InputError) as e:
        b.load_inputs(_with(peer_names_file=FIX / "peer_names_duplicate_name.csv"))
    assert str(e.value) == (
        "Input file tests/fixtures/benchmark/peer_names_duplicate_name.csv is not valid (2 problem(s)):\n"
        "  - row 4, column 'name': a name may be used for one column only (value: 'Testby')\n"
        "  - row 5, column 'name': a name may be used for one column only (value: 'Testby')")


def test_danish_csv_peer_names_rename_focus():
    inp = b.load_inputs(_with(peer_names_file=FIX / "peer_names_named_danish.csv"))
    assert inp.municipalities[2] == "Østby"
    assert b.resolve_focus("Kommune C", inp.municipalities, inp.peer_names) == "Østby"


def test_xlsx_peer_names_are_accepted():
    inp = b.load_inputs(_with(peer_names_file=FIX / "peer_names_valid.xlsx"))
    assert inp.municipalities == b.load_inputs(PARAMS).municipalities


def test_negative_cost_in_danish_csv_is_rejected():
    with pytest.raises(InputError) as e:
        b.load_inputs(_with(unit_costs_by_group_file=FIX / "unit_costs_by_group_negative_cost.csv"))
    f = e.value.first
    assert (f.row, f.column, f.value) == (2, "m03", -20.4) and "greater_than_or_equal_to(0)" in f.rule


def test_empty_cell_without_gap_in_xlsx_is_rejected():
    with pytest.raises(InputError) as e:
        b.load_inputs(_with(group_tables_file=FIX / "group_tables_empty_cell_without_gap.xlsx"))
    f = e.value.first
    assert (f.row, f.column, f.rule) == (3, "m04", "empty cell without a recorded gap in the gaps file")
    assert e.value.file.endswith("group_tables_empty_cell_without_gap.xlsx")


def test_share_above_100_is_rejected():
    with pytest.raises(InputError, match="shares must lie in 0-100") as e:
        b.load_inputs(_with(key_figures_file=FIX / "key_figures_share_above_100.csv"))
    f = e.value.first
    assert e.value.file.endswith("key_figures_share_above_100.csv") and (f.row, f.column, f.value) == (20, "m02", 147.0)


# ---------------------------------------------------------------- notebook
def test_notebook_renders_from_a_peer_focus(tmp_path):
    import nbformat
    import papermill as pm
    import yaml

    root = Path(__file__).resolve().parents[3]
    params = yaml.safe_load((root / "params/examples/benchmark-peer-focus.yml").read_text())["benchmark"]
    out = tmp_path / "benchmark.ipynb"
    pm.execute_notebook(str(root / "notebooks/benchmark.ipynb"), str(out), parameters=params,
                        cwd=str(root), progress_bar=False, kernel_name="python3")
    nb = nbformat.read(out, 4)
    outs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outs if o.output_type in ("stream", "error")]
    results = {o["data"]["application/vnd.amu-book.result+json"]["name"]: o["data"]["application/vnd.amu-book.result+json"]["value"]
               for o in outs if "application/vnd.amu-book.result+json" in o.get("data", {})}
    inp = b.load_inputs(PARAMS)
    ov = b.group_overview(inp, params["focus"], params["tolerance_pct"], params["groups"]).set_index("group")
    for g in params["groups"]:
        assert results[f"{g}_enhedsomkostning"] == ov.loc[g, "unit_cost"]
        assert results[f"{g}_kvadrant"] == ov.loc[g, "quadrant"]
    assert "dagpenge_enhedsomkostning" not in results
    md = "\n".join(o["data"].get("text/markdown", "") for o in outs if "data" in o)
    assert "Kommune D" in md and "Kilde:" in md


def test_quadrant_labels_of_close_points_do_not_share_a_side():
    from analysis.chapters.benchmark import label_positions

    placed = label_positions([(-16.0, 3.0, "KH jobparate"), (-19.0, -1.0, "Jobafklaring"),
                              (40.0, -30.0, "Langt væk")], limit=60.0)
    assert placed[0] != placed[1]
    assert placed[2] == ("right", "bottom")
