"""Published CSVs are safe in a spreadsheet: formula-like text is neutralised (OWASP), numbers
stay numbers."""
from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import spreadsheet_risks

from book.pipeline import build
from book.spreadsheet import is_formula_risk, safe_cell, safe_csv


@pytest.mark.parametrize("cell", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "-", "+"])
def test_formula_like_text_is_prefixed_with_a_quote(cell):
    assert safe_cell(cell) == "'" + cell and not is_formula_risk(safe_cell(cell))


@pytest.mark.parametrize("cell", ["-3.5", "+2", "-12", "1e-3", "-.5", "0", "Dagpenge", "", "'=x", " =x"])
def test_numbers_and_plain_text_stay_as_they_are(cell):
    assert safe_cell(cell) == cell


def test_a_csv_keeps_its_bytes_unless_a_cell_needs_neutralising():
    clean = 'a,b\n-1.5,"x, y"\n'
    assert safe_csv(clean) is clean
    rows = list(csv.reader(io.StringIO(safe_csv('unit,value\n+cmd|calc,-4\n"=HYPERLINK(""x"")",2\n'))))
    assert rows == [["unit", "value"], ["'+cmd|calc", "-4"], ["'=HYPERLINK(\"x\")", "2"]]


def test_a_hostile_name_reaches_the_open_data_as_text(fixture_book, build_options, write_edition, tmp_path):
    data = tmp_path / "values.csv"
    data.write_text('name,value,printed_total\n+cmd|calc,1,\n"=1+2",-2,\nI alt,3,3\n', encoding="utf-8")
    result = build(write_edition("x1", f"alpha:\n  values_file: {data}\n"), build_options, fixture_book)
    assert spreadsheet_risks(result.folder) == []
    rows = list(csv.reader(io.StringIO((result.folder / "data" / "alpha_values.csv").read_text(encoding="utf-8"))))
    assert ["'+cmd|calc", "1"] == rows[1][:2] and ["'=1+2", "-2"] == rows[2][:2]
    assert json.loads((result.folder / "results.json").read_text())["alpha"] == {"total_times_factor": 4}
