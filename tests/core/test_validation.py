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
    assert "row 3, column 'employees': greater_than_or_equal_to(0) (value: -3)" in str(e)


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
