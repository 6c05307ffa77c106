import pandas as pd
import pandera.pandas as pa
import pytest

from analysis.core.errors import InputError
from analysis.core.validation import validate

SCHEMA = pa.DataFrameSchema({"unit": pa.Column(str, unique=True),
                             "employees": pa.Column(int, pa.Check.ge(0))}, strict=True)


def _frame(rows):
    df = pd.DataFrame(rows)
    df.index = df.index + 2
    return df


def test_all_failures_reported_at_once_with_rows():
    df = _frame({"unit": ["a", "a", "b"], "employees": [1, -3, 2]})
    with pytest.raises(InputError) as err:
        validate(df, SCHEMA, "roster.csv")
    e = err.value
    assert e.file == "roster.csv"
    assert {(f.row, f.column) for f in e.failures} == {(2, "unit"), (3, "unit"), (3, "employees")}
    assert "row 3, column 'employees': expected a whole number of 0 or more (value: -3)" in str(e)


def test_missing_column_is_named():
    with pytest.raises(InputError, match="column 'employees': required column is missing"):
        validate(_frame({"unit": ["a"]}), SCHEMA, "roster.csv")


def test_valid_frame_passes():
    df = _frame({"unit": ["a"], "employees": [3]})
    assert validate(df, SCHEMA, "x.csv")["employees"].tolist() == [3]


def test_declared_spelling_is_matched_without_case_and_with_danish_letters():
    import pandera.pandas as pa

    from analysis.core.validation import validate as _validate

    schema = pa.DataFrameSchema({"Løntilskud": pa.Column(int)}, strict=True)
    out = _validate(pd.DataFrame({"loentilskud": [1]}), schema, file="x.csv")
    assert list(out.columns) == ["Løntilskud"]


MONTHS = pa.DataFrameSchema({"month": pa.Column(int, pa.Check.in_range(1, 12)),
                             "share": pa.Column(float, pa.Check.in_range(0, 100)),
                             "kind": pa.Column(str, pa.Check.isin(["ask", "caveat"])),
                             "code": pa.Column(str, pa.Check.str_matches(r"^\d+$", description="digits only"))})


def _rules(df, schema=MONTHS):
    with pytest.raises(InputError) as err:
        validate(_frame(df), schema, "x.csv")
    return {(f.row, f.column): (f.rule, f.value) for f in err.value.failures}


def test_rules_are_described_in_plain_words_from_the_schema():
    got = _rules({"month": [13], "share": [100.5], "kind": ["x"], "code": ["a1"]})
    assert got == {(2, "month"): ("expected a whole number from 1 to 12", 13),
                   (2, "share"): ("expected a number from 0 to 100", 100.5),
                   (2, "kind"): ("expected one of 'ask', 'caveat'", "x"),
                   (2, "code"): ("expected digits only", "a1")}


@pytest.mark.parametrize("text", ["in_range", "isin", "float64", "int64", "dtype", "str_matches"])
def test_no_library_name_reaches_the_analyst(text):
    message = str(pytest.raises(InputError, validate, _frame(
        {"month": ["x"], "share": ["y"], "kind": [1], "code": [None]}), MONTHS, "x.csv").value)
    assert text not in message


def test_a_text_where_a_number_is_expected_says_so():
    df = _frame({"month": [1], "share": ["many"], "kind": ["ask"], "code": ["1"]})
    schema = MONTHS.update_column("share", coerce=True)
    assert _rules(df.to_dict("list"), schema) == {(2, "share"): ("expected a number", "many")}


def test_whole_numbers_are_accepted_where_a_number_is_expected():
    df = _frame({"month": [1, 12], "share": [0, 100], "kind": ["ask", "caveat"], "code": ["1", "2"]})
    out = validate(df, MONTHS, "x.csv")
    assert out["share"].tolist() == [0.0, 100.0] and str(out["share"].dtype) == "float64"


def test_a_decimal_where_a_whole_number_is_expected_is_refused_as_such():
    import pandera.pandas as pa

    schema = pa.DataFrameSchema({"round": pa.Column(int, pa.Check.ge(1), coerce=True)})
    df = pd.DataFrame({"round": [1.0, 1.5, 2.0]}, index=pd.Index([2, 3, 4], name="row"))
    with pytest.raises(InputError) as err:
        validate(df, schema, "followup.csv")
    assert [(f.row, f.column, f.value) for f in err.value.failures] == [(3, "round", 1.5)]
    assert "expected a whole number (without decimals)" in str(err.value) and "followup.csv" in str(err.value)
