"""per_object: one computation per object identity, copies handed out, nothing kept after the object."""
from __future__ import annotations

import gc

import pandas as pd

from analysis.core.memo import per_object


def test_computes_once_per_object_and_arguments():
    calls = []

    @per_object
    def total(df, column):
        calls.append(column)
        return {"sum": float(df[column].sum())}

    df = pd.DataFrame({"a": [1, 2], "b": [3, 4]})
    assert total(df, "a") == total(df, "a") == {"sum": 3.0}
    assert total(df, "b") == {"sum": 7.0}
    assert calls == ["a", "b"]
    other = pd.DataFrame({"a": [1, 2], "b": [3, 4]})  # equal, but another object: computed anew
    assert total(other, "a") == {"sum": 3.0} and calls == ["a", "b", "a"]


def test_a_caller_cannot_change_what_the_next_caller_gets():
    @per_object
    def names(df):
        return {"cols": list(df.columns)}

    df = pd.DataFrame({"x": [1]})
    first = names(df)
    first["added"] = True
    assert names(df) == {"cols": ["x"]}


def test_the_entry_goes_with_the_object():
    @per_object
    def size(df):
        return len(df)

    df = pd.DataFrame({"x": [1, 2, 3]})
    assert size(df) == 3 and len(size.cache) == 1
    del df
    gc.collect()
    assert size.cache == {}
