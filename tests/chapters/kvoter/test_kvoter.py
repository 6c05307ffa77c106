"""Tests of the Kvoter chapter: published figures recomputed from data/raw, the synthetic roster's
totals, the allocation models, input validation in all three formats, and one notebook run."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.chapters.kvoter import (
    PLACEMENT_TYPES,
    KvoterParameterError,
    check_parameters,
    load_inputs,
    model,
    quota_columns,
    reconcile,
    synthetic,
    views,
)
from analysis.chapters.kvoter.inputs import read_quota_table, read_roster
from analysis.core.check import status_of
from analysis.core.errors import InputError, MissingInputError
from analysis.core.paths import ROOT

RAW = ROOT / "data" / "raw" / "kvoter"
FIX = ROOT / "tests" / "fixtures" / "kvoter"
EXAMPLES = ROOT / "data" / "examples" / "kvoter"
PARAMS = {
    "roster_file": "data/raw/kvoter/roster_synthetic.csv",
    "placements_file": "data/raw/kvoter/placements_by_type.csv",
    "quota_table_file": "data/raw/kvoter/tabel1_quota.csv",
    "stated_figures_file": "data/raw/kvoter/stated_figures.csv",
    "quota_examples_file": "data/raw/kvoter/quota_examples.csv",
}


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(PARAMS)


def _areas(inputs):
    return inputs.quota_table[inputs.quota_table["row_type"] == "area"]


def _total(inputs):
    return inputs.quota_table[inputs.quota_table["row_type"] == "total"].iloc[0]


# ---------------------------------------------------------------- published figures
def test_tabel1_total_row_is_sum_of_areas(inputs):
    areas, total = _areas(inputs), _total(inputs)
    assert areas["employees"].sum() == total["employees"]
    for col in quota_columns(inputs.quota_table).values():
        assert areas[col].sum() == total[col]


def test_quota_rule_reproduces_printed_examples(inputs):
    assert len(inputs.examples) > 0
    for _, r in inputs.examples.iterrows():
        assert model.quota(r["employees"], r["threshold"]) == r["quota"]


def test_published_quotas_are_below_naive_quota(inputs):
    """Why the printed area quotas are lower than employees / N: remainders per unit are lost."""
    for _, r in inputs.quota_table.iterrows():
        for n, col in quota_columns(inputs.quota_table).items():
            assert r[col] <= r["employees"] // n


def test_stated_figures_follow_from_detail_except_the_percentage(inputs):
    statuses = {(c["item"], c["source"]): status_of(c["published"], c["computed"], c["decimals"])
                for c in reconcile.stated_checks(inputs)}
    assert len(statuses) == len(inputs.stated)
    differs = [k for k, s in statuses.items() if s != "match"]
    # The one disagreement of the source: the increase in percent is truncated, not rounded.
    assert len(differs) == 1 and differs[0][0].startswith("Stigning")
    pct = inputs.stated[inputs.stated["figure"].str.startswith("increase_pct")].iloc[0]
    places = inputs.placements["placements"].sum()
    required = _total(inputs)[f"quota_{pct['figure'].split('_')[-1]}"]
    computed = 100 * (required - places) / places
    assert round(computed, 1) != pct["value"]
    assert int(computed * 10) / 10 == pct["value"]


def test_places_held_is_sum_of_types(inputs):
    held = inputs.stated[inputs.stated["figure"] == "places_held"]["value"]
    assert len(held) >= 1
    assert (held == inputs.placements["placements"].sum()).all()


def test_every_check_matches_for_the_default_edition_but_one(inputs):
    checks = reconcile.checks(inputs)
    statuses = [status_of(c["published"], c["computed"], c["decimals"]) for c in checks]
    assert statuses.count("differs") == 1
    assert statuses.count("not_reproducible") == 0


# ---------------------------------------------------------------- the synthetic roster
def test_synthetic_roster_reproduces_published_totals(inputs):
    roster = inputs.roster
    for _, r in inputs.quota_table.iterrows():
        part = roster if r["row_type"] == "total" else roster[roster["area"] == r["area"]]
        assert part["employees"].sum() == r["employees"], r["area"]
        for n, col in quota_columns(inputs.quota_table).items():
            assert model.quota(part["employees"], n).sum() == r[col], (r["area"], n)
    for _, p in inputs.placements.iterrows():
        assert roster[p["placement_type"]].sum() == p["placements"], p["placement_type"]


def test_synthetic_roster_is_reproducible_from_its_generator(inputs):
    made = synthetic.make_roster(inputs.quota_table, inputs.placements)
    text = made.to_csv(index=False, lineterminator="\n")
    assert text == (RAW / "roster_synthetic.csv").read_text(encoding="utf-8")


def test_changed_transcription_breaks_the_reconciliation(tmp_path, inputs):
    """A transcribed number changed by one makes a roster check differ (tests can fail)."""
    text = (RAW / "tabel1_quota.csv").read_text(encoding="utf-8").splitlines()
    head, rows = text[0], text[1:]
    cells = rows[1].split(",")
    cells[-1] = str(int(cells[-1]) + 1)
    bad = tmp_path / "tabel1_quota.csv"
    bad.write_text("\n".join([head, rows[0], ",".join(cells), *rows[2:]]) + "\n", encoding="utf-8")
    changed = load_inputs({**PARAMS, "quota_table_file": str(bad)})
    statuses = [status_of(c["published"], c["computed"], c["decimals"])
                for c in reconcile.checks(changed)]
    assert statuses.count("differs") > 1


# ---------------------------------------------------------------- models
def _toy():
    return pd.DataFrame({
        "unit_id": ["a", "b", "c"], "unit_name": [None, None, None],
        "area": ["X", "X", "Y"], "employees": [30, 30, 14],
        "loentilskud": [0, 0, 0], "fleksjob": [0, 4, 0],
        "virksomhedspraktik": [0, 1, 1], "voksenlaerling": [0, 0, 0],
    })


def test_unit_model_does_not_offset_surplus_but_area_model_does():
    roster = _toy()
    t = model.by_area(roster, 15, ["X", "Y"]).set_index("area")
    # area X: quotas 2 + 2, held 0 + 5 -> unit model 2, area model max(4 - 5, 0) = 0
    assert t.loc["X", "quota"] == 4 and t.loc["X", "held"] == 5
    assert t.loc["X", "new_places_unit_model"] == 2
    assert t.loc["X", "new_places_area_model"] == 0
    # area Y: 14 employees owe nothing at 15
    assert t.loc["Y", "quota"] == 0 and t.loc["Y", "new_places_unit_model"] == 0
    s = model.summary(roster, 15, ["X", "Y"])
    assert s["gap"] == 4 - 6 and s["new_places_municipality"] == 0
    assert s["model_difference"] == 2
    assert s["units_without_shortfall"] == 2
    assert roster.equals(_toy()), "computations must not change their input"


def test_models_order_at_every_threshold(inputs):
    sw = model.sweep(inputs.roster, 5, 30, inputs.areas)
    assert (sw["new_places_unit_model"] >= sw["new_places_area_model"]).all()
    assert (sw["new_places_area_model"] >= sw["new_places_municipality"]).all()
    assert (sw["quota_per_unit"] <= sw["quota_naive"]).all()
    assert sw["quota_per_unit"].is_monotonic_decreasing


def test_top_shortfall_sorted_and_limited(inputs):
    top = model.top_shortfall(inputs.roster, 10, 5)
    assert len(top) == 5 and top["shortfall"].is_monotonic_decreasing
    assert (top["shortfall"] > 0).all()


def test_display_tables_fit_a4(inputs):
    mix = model.placement_mix(inputs.placements, inputs.roster)
    for df in [views.mix_table(mix), views.tabel1_table(inputs),
               views.area_table(model.by_area(inputs.roster, 10, inputs.areas)),
               views.top_table(model.top_shortfall(inputs.roster, 10, 10)),
               views.sweep_table(model.sweep(inputs.roster, 5, 30, inputs.areas), [10, 15]),
               views.checks_table(reconcile.checks(inputs))]:
        assert df.shape[1] <= 7


# ---------------------------------------------------------------- validation

@pytest.fixture(scope="module")
def areas(inputs):
    return inputs.areas


def test_duplicate_unit_exact_message(areas):
    with pytest.raises(InputError) as exc:
        read_roster(FIX / "roster_duplicate_unit.csv", areas)
    assert str(exc.value) == (
        "Input file tests/fixtures/kvoter/roster_duplicate_unit.csv is not valid (1 problem(s)):\n"
        "  - row 4, column 'unit_id': unit id must be unique (also in row 2) (value: 'A-01')")


def test_bad_numbers_all_reported_at_once(areas):
    with pytest.raises(InputError) as exc:
        read_roster(FIX / "roster_bad_numbers.csv", areas)
    got = {(f.row, f.column, f.rule) for f in exc.value.failures}
    assert got == {(2, "employees", "must be zero or more"),
                   (3, "employees", "must be a whole number"),
                   (3, "fleksjob", "must be a whole number"),
                   (4, "employees", "a value is required")}


def test_missing_column(areas):
    with pytest.raises(InputError) as exc:
        read_roster(FIX / "roster_missing_column.csv", areas)
    assert exc.value.first.column == "voksenlaerling"
    assert exc.value.first.rule == "required column is missing"


def test_unknown_area_in_danish_excel_csv(areas):
    with pytest.raises(InputError) as exc:
        read_roster(FIX / "roster_unknown_area_danish.csv", areas)
    f = exc.value.first
    assert (f.row, f.column, f.value) == (3, "area", "Teknik- og miljødirektørens område")
    assert f.rule.startswith("must be a director area of Tabel 1")


def test_valid_danish_excel_csv_reads_thousands_and_cp1252(areas):
    r = read_roster(FIX / "roster_valid_danish.csv", areas)
    assert r["unit_name"].tolist() == ["Enhed Æblehaven", "Enhed Ørby"]
    assert r["employees"].tolist() == [31, 1234]
    assert str(r["employees"].dtype) == "int64"


def _write_xlsx(path: Path, df: pd.DataFrame) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append([None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row])
    wb.save(path)
    return path


def test_xlsx_roster_equals_csv_roster(tmp_path, inputs):
    path = _write_xlsx(tmp_path / "roster.xlsx", pd.read_csv(RAW / "roster_synthetic.csv"))
    r = read_roster(path, inputs.areas)
    pd.testing.assert_frame_equal(r.reset_index(drop=True), inputs.roster.reset_index(drop=True),
                                  check_dtype=False)


def test_xlsx_roster_errors_name_row_and_column(tmp_path, areas):
    df = pd.read_csv(FIX / "roster_duplicate_unit.csv")
    df.loc[1, "employees"] = -1
    path = _write_xlsx(tmp_path / "roster_duplicate_unit_negative.xlsx", df)
    with pytest.raises(InputError) as exc:
        read_roster(path, areas)
    got = {(f.row, f.column, f.rule.split(" (")[0]) for f in exc.value.failures}
    assert got == {(3, "employees", "must be zero or more"),
                   (4, "unit_id", "unit id must be unique")}


def test_example_rosters_load(inputs):
    for name in ["roster_changed.xlsx", "roster_danish.csv"]:
        r = read_roster(EXAMPLES / name, inputs.areas)
        assert set(PLACEMENT_TYPES) <= set(r.columns) and len(r) >= len(inputs.roster)


def test_quota_table_needs_one_total_row(tmp_path):
    src = (RAW / "tabel1_quota.csv").read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "tabel1_no_total.csv"
    bad.write_text("\n".join(src[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_quota_table(bad)
    assert exc.value.first.rule == "needs exactly one 'total' row"


def test_missing_roster_file_names_parameter():
    with pytest.raises(MissingInputError) as exc:
        load_inputs({**PARAMS, "roster_file": "data/raw/kvoter/nope.csv"})
    assert "roster_file" in str(exc.value)


@pytest.mark.parametrize("key,value", [("highlight_model", "enhed"), ("thresholds", []),
                                       ("thresholds", [10, 10]), ("thresholds", [0]),
                                       ("reference_date", "1. februar 2025"),
                                       ("sweep_min", 40)])
def test_bad_parameters(key, value):
    with pytest.raises(KvoterParameterError) as exc:
        check_parameters({"sweep_min": 5, "sweep_max": 30, key: value})
    assert str(exc.value).startswith(f"Parameter '{key}' of chapter 'kvoter' is not valid: ")


# ---------------------------------------------------------------- the notebook
def test_notebook_runs_with_xlsx_example_edition(tmp_path):
    """One execution: the .xlsx edition at threshold 12 (the default is run by the build)."""
    papermill = pytest.importorskip("papermill")
    import nbformat
    import yaml

    edition = yaml.safe_load((ROOT / "params/examples/kvoter-threshold-12-xlsx.yml").read_text())
    out = tmp_path / "kvoter.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks/kvoter.ipynb"), str(out),
                               parameters=edition["kvoter"], cwd=str(ROOT), progress_bar=False)
    nb = nbformat.read(out, 4)
    results, md = {}, []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o.get("output_type") not in ("stream", "error")
            d = o.get("data", {})
            if "application/vnd.amu-book.result+json" in d:
                r = d["application/vnd.amu-book.result+json"]
                results[r["name"]] = r["value"]
            md.append(d.get("text/markdown", ""))
    for n in edition["kvoter"]["thresholds"]:
        for name in ["quota_per_unit", "gap", "new_places_unit_model", "new_places_area_model"]:
            assert f"{name}_n{n}" in results
    assert any("syntetisk enhedsliste" in m for m in md)
    roster = read_roster(EXAMPLES / "roster_changed.xlsx", load_inputs(PARAMS).areas)
    assert results["quota_per_unit_n12"] == int(model.quota(roster["employees"], 12).sum())
