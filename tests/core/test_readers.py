import json

import pandas as pd
import pytest
from conftest import FIXTURES

from analysis.core.errors import InputError, MissingInputError, UnsupportedFormatError
from analysis.core.readers import read_table

R = FIXTURES / "readers"


def test_utf8_csv_rows_are_numbered_as_in_the_file():
    df = read_table(R / "utf8_comma.csv")
    assert list(df.index) == [2, 3] and df["value"].tolist() == [1, 2]


@pytest.mark.parametrize("name", ["danish_excel_utf8_bom.csv", "danish_excel_cp1252.csv"])
def test_danish_excel_csv(name):
    df = read_table(R / name)
    assert list(df.columns) == ["navn", "vaerdi"]  # the canonical spelling of "værdi"
    assert df["navn"].tolist() == ["Støvring", "b"]
    assert df["vaerdi"].tolist() == [1234.5, 2]


def test_xlsx(tmp_path):
    path = tmp_path / "t.xlsx"
    pd.DataFrame({"navn": ["a", "b"], "værdi": [1, 2]}).to_excel(path, index=False)
    df = read_table(path)
    assert df["vaerdi"].tolist() == [1, 2] and list(df.index) == [2, 3]


def test_missing_file_names_file_and_parameter(tmp_path):
    with pytest.raises(MissingInputError, match="file does not exist \\(named by parameter 'roster_file'\\)"):
        read_table(tmp_path / "nope.csv", parameter="roster_file")


def test_unknown_type_lists_known_types(tmp_path):
    p = tmp_path / "a.json"
    p.write_text("{}")
    with pytest.raises(UnsupportedFormatError, match="known types: .csv, .xlsx"):
        read_table(p)


def test_unreadable_csv_is_an_input_error(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text('a,b\n1,"2\n')
    with pytest.raises(InputError, match="cannot be read as a table"):
        read_table(p)


def test_text_columns_are_never_read_as_numbers(tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text("goal_id,value\n6.10,1\n1.1,2\n", encoding="utf-8")
    danish = tmp_path / "danish.csv"
    danish.write_bytes("goal_id;value\n6.10;1,5\n1.1;2\n".encode("cp1252"))
    assert read_table(plain)["goal_id"].tolist() == [6.1, 1.1]  # what guessing does
    assert read_table(plain, text_columns=["goal_id"])["goal_id"].tolist() == ["6.10", "1.1"]
    df = read_table(danish, text_columns=["goal_id"])
    assert df["goal_id"].tolist() == ["6.10", "1.1"] and df["value"].tolist() == [1.5, 2]


@pytest.mark.parametrize("header", ["unit_id,løntilskud,voksenlærling", "Unit ID,LØNTILSKUD,Voksen-Lærling",
                                    "unit_id;loentilskud;voksenlaerling"])
def test_analysts_spelling_of_columns_is_the_declared_one(tmp_path, header):
    p = tmp_path / "roster.csv"
    sep = ";" if ";" in header else ","
    p.write_text(header + "\n" + sep.join(["E1", "2", "1"]) + "\n", encoding="utf-8")
    df = read_table(p, text_columns=["unit_id"])
    assert list(df.columns)[1:] == ["loentilskud", "voksen_laerling" if "-" in header else "voksenlaerling"]
    assert df["unit_id"].tolist() == ["E1"]


def test_two_spellings_of_one_column_are_refused(tmp_path):
    p = tmp_path / "roster.csv"
    p.write_text("løntilskud,loentilskud\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="the columns 'løntilskud' and 'loentilskud' are the same column"):
        read_table(p)


def test_edition_column_map_renames_an_extracts_headers(tmp_path, monkeypatch):
    p = tmp_path / "roster.csv"
    p.write_text("Enhed,Antal løntilskud\nE1,2\n", encoding="utf-8")
    monkeypatch.setenv("BOOK_COLUMN_MAP", json.dumps({str(p): {"Enhed": "unit_id"}}))  # no configuration by environment
    columns = {str(p): {"Enhed": "unit_id", "Antal løntilskud": "loentilskud"}}
    assert list(read_table(p).columns) == ["enhed", "antal_loentilskud"]
    assert list(read_table(p, columns=columns).columns) == ["unit_id", "loentilskud"]
    assert list(read_table(p, columns={"other.csv": {"Enhed": "unit_id"}}).columns) == ["enhed", "antal_loentilskud"]


@pytest.mark.parametrize("content, rule", [
    (b"", "the file is empty"),
    (b"name,value\n", "the file has a header row but no data rows"),
    (b"name;value\r\n", "the file has a header row but no data rows"),
])
def test_empty_and_header_only_files_are_refused(tmp_path, content, rule):
    p = tmp_path / "followup.csv"
    p.write_bytes(content)
    with pytest.raises(InputError, match=rule) as err:
        read_table(p)
    assert err.value.file.endswith("followup.csv")


def test_header_only_workbook_is_refused(tmp_path):
    p = tmp_path / "t.xlsx"
    pd.DataFrame({"navn": [], "værdi": []}).to_excel(p, index=False)
    with pytest.raises(InputError, match="no data rows"):
        read_table(p)


def test_random_bytes_as_xlsx_name_the_file(tmp_path):
    p = tmp_path / "roster.xlsx"
    p.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match=r"roster\.xlsx") as err:
        read_table(p)
    assert "cannot be read as a .xlsx file" in str(err.value)


def test_a_file_neither_utf8_nor_cp1252_names_line_and_byte(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes(b"name,value\nok,1\nbad\x81,2\n")
    with pytest.raises(InputError) as err:
        read_table(p)
    msg = str(err.value)
    assert "bad.csv" in msg and "neither UTF-8 nor Windows-1252" in msg
    assert "line 3, character 4 (byte 20, value 0x81)" in msg and err.value.first.row == 3


def test_a_file_partly_utf8_is_refused_not_misread(tmp_path):
    p = tmp_path / "mixed.csv"
    p.write_bytes("name,value\nLøn,1\n".encode() + b"V\xe6rdi,2\n")
    with pytest.raises(InputError, match=r"not valid UTF-8 text at line 3, character 2 .*value 0xe6"):
        read_table(p)


def test_a_latin1_csv_without_utf8_is_still_read_as_excel_writes_it(tmp_path):
    p = tmp_path / "latin.csv"
    p.write_bytes("name,value\nLøn,1\n".encode("cp1252"))
    assert read_table(p)["name"].tolist() == ["Løn"]


def test_an_xlsx_formula_without_a_stored_value_is_named_as_such(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["unit", "employees"])
    ws.append(["a", 10])
    ws.append(["b", "=B2*2"])  # openpyxl stores the formula and no value, as a program may
    wb.save(tmp_path / "roster.xlsx")
    with pytest.raises(InputError) as err:
        read_table(tmp_path / "roster.xlsx")
    f = err.value.first
    assert (f.row, f.column, f.value) == (3, "employees", "=B2*2")
    assert "formula without a stored value" in f.rule and "a value is required" not in str(err.value)
