"""Tests of the Kvoter inputs: every data file's key figures against the printed source, and
validation in CSV, Danish Excel CSV and .xlsx with the exact messages an analyst reads."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.chapters.kvoter import load_inputs
from analysis.chapters.kvoter.inputs import check_parameters, quota_columns, read_quota_table, read_roster
from analysis.chapters.kvoter.schemas import PLACEMENT_TYPES
from analysis.core.errors import InputError, MissingInputError, ParameterValueError

from . import kvoter_common
from .kvoter_common import EXAMPLES, FIX, PARAMS, RAW

inputs = kvoter_common.inputs  # the shared fixture
seed_text = kvoter_common.seed_text  # the shared fixture


# ---------------------------------------------------------------- transcriptions vs. the source
def test_placements_by_type_as_printed(inputs):
    """Section 2.0 prints: 2 i løntilskud, 157 fleksjobansatte, 54 virksomhedspraktikker,
    40 voksenlærlinge."""
    got = dict(zip(inputs.placements["placement_type"], inputs.placements["placements"]))
    assert got == {"loentilskud": 2, "fleksjob": 157, "virksomhedspraktik": 54, "voksenlaerling": 40}


def test_tabel1_as_printed(inputs):
    """Tabel 1 prints 480 29 45 / 2853 186 280 / I alt 3333 215 325."""
    t = inputs.quota_table.set_index("area")
    assert t.loc["I alt", ["employees", "quota_n15", "quota_n10"]].tolist() == [3333, 215, 325]
    assert t.loc["Velfærdsdirektørens område", "employees"] == 2853
    assert t.loc["Fællesforvaltningsdirektørens område", "quota_n10"] == 45


def test_stated_figures_as_printed(inputs):
    """Section 1.0 prints 253, 13, 325, 72 and 28,4 pct."""
    s = inputs.stated[inputs.stated["section"].str.startswith("1.0")]
    assert dict(zip(s["figure"], s["value"])) == {
        "places_held": 253, "employees_per_place": 13, "required_n10": 325,
        "extra_places_n10": 72, "increase_pct_n10": 28.4}


def test_quota_examples_as_printed(inputs):
    """Section 2.1: 15 → 1, 29 → 1, 30 → 2 at one place per 15; section 3.1: 30 → 2."""
    rows = list(zip(inputs.examples["employees"], inputs.examples["threshold"], inputs.examples["quota"]))
    assert rows == [(15, 15, 1), (29, 15, 1), (30, 15, 2), (30, 15, 2)]


def test_synthetic_roster_totals_equal_printed_tabel1(inputs):
    """The synthetic roster's employees per area equal Tabel 1's printed 480 and 2853."""
    got = inputs.roster.groupby("area")["employees"].sum().to_dict()
    assert got == {"Fællesforvaltningsdirektørens område": 480, "Velfærdsdirektørens område": 2853}


def test_printed_figures_are_in_the_source_text(seed_text):
    """The literals above appear in the source document's text."""
    for printed in ["2 i løntilskud", "157 fleksjobansatte", "54 virksomhedspraktikker",
                    "40 voksenlærlinge", "I alt 3333 215 325", "480 29 45", "2853 186 280",
                    "var 253 borgere", "pr. 13. ansat", "325 pladser i alt", "72 pladser mere",
                    "28,4 pct", "mindst 72 pladser", "En enhed med 30 ansatte, får dermed en kvote på 2"]:
        assert printed in seed_text, printed


def test_tabel1_total_row_is_sum_of_areas(inputs):
    t = inputs.quota_table
    areas, total = t[t["row_type"] == "area"], t[t["row_type"] == "total"].iloc[0]
    assert areas["employees"].sum() == total["employees"]
    for col in quota_columns(t).values():
        assert areas[col].sum() == total[col]


# ---------------------------------------------------------------- validation
def test_duplicate_unit_exact_message(inputs):
    with pytest.raises(InputError) as exc:
        read_roster(FIX / "roster_duplicate_unit.csv", inputs.areas)
    assert str(exc.value) == (
        "Input file tests/fixtures/kvoter/roster_duplicate_unit.csv is not valid (1 problem(s)):\n"
        "  - row 4, column 'unit_id': unit id must be unique (also in row 2) (value: 'A-01')")


def test_bad_numbers_all_reported_at_once(inputs):
    with pytest.raises(InputError) as exc:
        read_roster(FIX / "roster_bad_numbers.csv", inputs.areas)
    got = {(f.row, f.column, f.rule) for f in exc.value.failures}
    assert got == {(2, "employees", "must be zero or more"),
                   (3, "employees", "must be a whole number"),
                   (3, "fleksjob", "must be a whole number"),
                   (4, "employees", "a value is required")}


def test_missing_column(inputs):
    with pytest.raises(InputError) as exc:
        read_roster(FIX / "roster_missing_column.csv", inputs.areas)
    assert exc.value.first.column == "voksenlaerling"
    assert exc.value.first.rule == "required column is missing"


def test_unknown_area_in_danish_excel_csv(inputs):
    with pytest.raises(InputError) as exc:
        read_roster(FIX / "roster_unknown_area_danish.csv", inputs.areas)
    f = exc.value.first
    assert (f.row, f.column, f.value) == (3, "area", "Teknik- og miljødirektørens område")
    assert f.rule.startswith("must be a director area of Tabel 1")


def test_valid_danish_excel_csv_reads_thousands_and_cp1252(inputs):
    r = read_roster(FIX / "roster_valid_danish.csv", inputs.areas)
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


def test_xlsx_roster_errors_name_row_and_column(tmp_path, inputs):
    df = pd.read_csv(FIX / "roster_duplicate_unit.csv")
    df.loc[1, "employees"] = -1
    path = _write_xlsx(tmp_path / "roster_duplicate_unit_negative.xlsx", df)
    with pytest.raises(InputError) as exc:
        read_roster(path, inputs.areas)
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
                                       ("book_date", "1. februar 2025"), ("disclosure_threshold", 0),
                                       ("disclosure_threshold", 2.5), ("sweep_min", 40), ("top_units", 0)])
def test_bad_parameters(key, value):
    with pytest.raises(ParameterValueError) as exc:
        check_parameters({"sweep_min": 5, "sweep_max": 30, key: value})
    assert str(exc.value).startswith(f"Parameter '{key}' of chapter 'kvoter' is not valid: ")
    assert exc.value.chapter == "kvoter"


@pytest.mark.parametrize("key,value", [("thresholds", [1]), ("sweep_min", 30), ("top_units", 1),
                                       ("disclosure_threshold", 1)])
def test_parameters_at_their_boundaries_are_accepted(key, value):
    check_parameters({"sweep_min": 5, "sweep_max": 30, key: value})


def test_periods_as_printed(inputs):
    """Sections 1.0, 2.0 and 2.1 print »primo februar 2025«; Tabel 1 »oktober 2024«."""
    p = dict(zip(inputs.periods["figures"], inputs.periods["printed"]))
    assert p == {"placements": "primo februar 2025", "employees": "oktober 2024"}


def test_periods_reject_an_impossible_date(tmp_path):
    f = tmp_path / "periods.csv"
    f.write_text("figures,date,precision,printed,section\nplacements,2025-13-45,month,x,y\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_inputs({**PARAMS, "periods_file": str(f)})
    assert (exc.value.first.row, exc.value.first.column, exc.value.first.rule) == (2, "date", "must be a real date")


def test_committee_ask_in_order(inputs):
    assert inputs.committee["order"].tolist() == sorted(inputs.committee["order"])
    assert len(inputs.committee) >= 2


def test_empty_committee_ask_is_refused(tmp_path):
    f = tmp_path / "ask.csv"
    f.write_text("order,point,section\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_inputs({**PARAMS, "committee_file": str(f)})
    assert exc.value.first.rule == "the file has a header row but no data rows"
    assert exc.value.file.endswith("ask.csv")


def test_the_threshold_sweep_has_an_upper_bound():
    from analysis.chapters.kvoter.inputs import SWEEP_MAX_LIMIT
    from analysis.core.errors import ParameterValueError

    load_inputs({**PARAMS, "sweep_min": 5, "sweep_max": SWEEP_MAX_LIMIT})
    with pytest.raises(ParameterValueError, match="sweep_max <= 1000"):
        load_inputs({**PARAMS, "sweep_min": 5, "sweep_max": SWEEP_MAX_LIMIT + 1})
