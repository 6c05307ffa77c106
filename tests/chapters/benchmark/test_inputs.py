"""Loading the benchmark inputs: the tidy table, gaps, peer names and the analyst-facing
validation messages; every data file has a key figure cross-checked against the printed one."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.chapters.benchmark import load_inputs
from analysis.chapters.benchmark.terms import MCOLS, N_MUNICIPALITIES
from analysis.core.errors import InputError, ParameterValueError

from .conftest import FIX, PARAMS


def _with(**over):
    return {**PARAMS, **{k: str(v) for k, v in over.items()}}


def test_tidy_has_one_value_or_gap_per_cell(inp):
    t = inp.tidy
    assert not t.duplicated(["table", "group", "measure", "column"]).any()
    assert (t["value"].notna() ^ t["gap"].notna()).all()
    assert (t.groupby(["table", "group", "measure"]).size() == N_MUNICIPALITIES).all()
    assert inp.municipalities[0] == "Norddjurs" and inp.municipalities[1] == "Kommune B"


# ---------------------------------------------------------------- printed figures, one per file
def _row(df, **key):
    mask = pd.Series(True, index=df.index)
    for k, v in key.items():
        mask &= df[k] == v
    assert mask.sum() == 1, key
    return df[mask].iloc[0]


def test_tabel_3_1_as_printed(inp):
    # "Samlet 3.006 74.803 74.803 100,0% ..." and "Konto 5 32.393 32.393 43% 43% 48% 48%"
    total = _row(inp.expenditure, group="samlet")
    assert (total["fte"], total["expenditure"]) == (3006, 74803)
    assert _row(inp.expenditure, group="konto_5")["expenditure"] == 32393


def test_tabel_3_2_as_printed(inp):
    # "Samlet 24,9 25,5 24,7 24,9 23,7 26,3 25,1 31,9 24,5 22,1 25,4"
    r = _row(inp.unit_costs_by_group, group="alle", measure="samlet")
    assert [r[c] for c in MCOLS] + [r["average"]] == [24.9, 25.5, 24.7, 24.9, 23.7, 26.3, 25.1, 31.9, 24.5, 22.1, 25.4]


def test_tabel_3_3_as_printed(inp):
    # "Sagsbehandling mv. 8,3 7,0 9,4 7,6 5,9 7,6 8,3 9,0 6,0 4,6 7,3 15%"
    r = _row(inp.unit_costs_by_task, measure="sagsbehandling")
    assert (r["m01"], r["m10"], r["average"], r["deviation_pct"]) == (8.3, 4.6, 7.3, 15)


def test_tabel_5_8_as_printed(inp):
    # "Enhedsomkostning (kr. pr fuldtidsperson) 20,2 21,7 19,0 23,6 16,5 18,5 21,7 29,9 23,3 22,5 21,8 -1,6"
    r = _row(inp.group_tables, group="sygedagpenge", measure="enhedsomkostning")
    assert (r["m01"], r["m10"], r["average"], r["deviation"]) == (20.2, 22.5, 21.8, -1.6)


def test_bilag_2_as_printed(inp):
    # "Befolkning (18-66 år) 22.007 54.397 ... 28.656 28.669"; "Dagpenge 17,4% 14,7% ... 13,8% 18,9%"
    r = _row(inp.key_figures, measure="befolkning_18_66")
    assert (r["m01"], r["m09"], r["average"]) == (22007, 28656, 28669) and pd.isna(r["m10"])
    d = _row(inp.key_figures, section="ressourcefordeling", group="dagpenge")
    assert (d["m01"], d["average"]) == (17.4, 18.9)


def test_tabel_4_1_bilag_1_and_text_as_printed(inp):
    # Tabel 4.1 "I alt 0% -11%"; Bilag 1 "I alt 603 100% 759 759"; afsnit 2 "24.900 kr."
    assert tuple(_row(inp.cost_drivers, group="samlet")[["tool_mix_pct", "unit_prices_pct"]]) == (0, -11)
    assert tuple(_row(inp.fte_correction, group="i_alt")[["fte_2019", "fte_2021_realised"]]) == (603, 759)
    assert _row(inp.text, id="s2_focus_unit_cost_total")["value"] == 24900
    assert _row(inp.text, id="s2_expenditure_total")["value"] == 74.8


def test_gaps_and_peer_names(inp):
    g = _row(inp.gaps, table="Tabel 3.2", group="sh_ydelse")
    assert g["column"] == 8 and g["kind"] == "printed_dash"  # Tabel 3.2 prints "- " in column 8
    assert set(inp.gaps.loc[inp.gaps["table"] == "Tabel 5.7", "column"]) == {5, 10}
    assert list(inp.peer_names["label"][:3]) == ["Norddjurs", "Kommune B", "Kommune C"]


# ---------------------------------------------------------------- validation
def test_duplicate_peer_name_message():
    with pytest.raises(InputError) as e:
        load_inputs(_with(peer_names_file=FIX / "peer_names_duplicate_name.csv"))
    assert str(e.value) == (
        "Input file tests/fixtures/benchmark/peer_names_duplicate_name.csv is not valid (2 problem(s)):\n"
        "  - row 4, column 'name': a name may be used for one column only (value: 'Testby')\n"
        "  - row 5, column 'name': a name may be used for one column only (value: 'Testby')")


def test_danish_csv_peer_names_rename_focus():
    from analysis.chapters.benchmark.inputs import resolve_focus
    inp = load_inputs(_with(peer_names_file=FIX / "peer_names_named_danish.csv"))
    assert inp.municipalities[2] == "Østby"
    assert resolve_focus("Kommune C", inp.municipalities, inp.peer_names) == "Østby"


def test_xlsx_peer_names_are_accepted(inp):
    assert load_inputs(_with(peer_names_file=FIX / "peer_names_valid.xlsx")).municipalities == inp.municipalities


def test_negative_cost_in_danish_csv_is_rejected():
    with pytest.raises(InputError) as e:
        load_inputs(_with(unit_costs_by_group_file=FIX / "unit_costs_by_group_negative_cost.csv"))
    f = e.value.first
    assert (f.row, f.column, f.value) == (2, "m03", -20.4) and f.rule == "expected a number of 0 or more"


def test_empty_cell_without_gap_in_xlsx_is_rejected():
    with pytest.raises(InputError) as e:
        load_inputs(_with(group_tables_file=FIX / "group_tables_empty_cell_without_gap.xlsx"))
    f = e.value.first
    assert (f.row, f.column, f.rule) == (3, "m04", "empty cell without a recorded gap in the gaps file")
    assert e.value.file.endswith("group_tables_empty_cell_without_gap.xlsx")


def test_share_above_100_is_rejected():
    with pytest.raises(InputError, match="shares must lie in 0-100") as e:
        load_inputs(_with(key_figures_file=FIX / "key_figures_share_above_100.csv"))
    f = e.value.first
    assert e.value.file.endswith("key_figures_share_above_100.csv") and (f.row, f.column, f.value) == (20, "m02", 147.0)


def test_missing_file_parameter_is_named():
    params = {k: v for k, v in PARAMS.items() if k != "gaps_file"}
    with pytest.raises(InputError, match="input file parameter is missing"):
        load_inputs(params)


def test_unknown_focus_and_group_are_parameter_errors():
    with pytest.raises(ParameterValueError, match="not a participating municipality") as e:
        load_inputs({**PARAMS, "focus": "Aarhus"})
    assert (e.value.chapter, e.value.parameter, e.value.value) == ("benchmark", "focus", "Aarhus")
    with pytest.raises(ParameterValueError, match="unknown target group") as e:
        load_inputs({**PARAMS, "groups": ["dagpenge", "pension"]})
    assert e.value.value == ["pension"]
    assert load_inputs({**PARAMS, "focus": "Kommune C", "groups": []}).municipalities[2] == "Kommune C"
