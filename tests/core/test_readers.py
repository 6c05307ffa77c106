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
    assert list(df.columns) == ["navn", "værdi"]
    assert df["navn"].tolist() == ["Støvring", "b"]
    assert df["værdi"].tolist() == [1234.5, 2]


def test_xlsx(tmp_path):
    path = tmp_path / "t.xlsx"
    pd.DataFrame({"navn": ["a", "b"], "værdi": [1, 2]}).to_excel(path, index=False)
    df = read_table(path)
    assert df["værdi"].tolist() == [1, 2] and list(df.index) == [2, 3]


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
