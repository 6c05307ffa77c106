"""The schemas reject values outside the chapter's vocabularies and ranges."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.chapters.investeringer import schemas
from analysis.core.errors import InputError
from analysis.core.validation import validate


def _amounts(**change):
    row = {"case": 1, "year": 2020, "measure": "investment", "kind": "budget", "amount": 1.0}
    row.update(change)
    df = pd.DataFrame([row])
    df.attrs["file"] = "amounts.csv"
    return df


def test_vocabularies():
    assert schemas.BUDGET_PERIOD == (2020, 2021, 2022, 2023)
    assert set(schemas.ACTUAL_KINDS) < set(schemas.KINDS)


@pytest.mark.parametrize("change, column", [({"year": 2019}, "year"), ({"kind": "estimate"}, "kind"),
                                            ({"measure": "cost"}, "measure")])
def test_amounts_schema_rejects(change, column):
    with pytest.raises(InputError) as e:
        validate(_amounts(**change), schemas.AMOUNTS_SCHEMA)
    assert any(f.column == column for f in e.value.failures)


def test_amounts_schema_accepts_a_printed_dash():
    out = validate(_amounts(amount=None), schemas.AMOUNTS_SCHEMA)
    assert out["amount"].isna().all()


def test_survival_share_is_a_percentage():
    df = pd.DataFrame([{"series": "s", "label": "S", "week": 0, "share": 100.5}])
    df.attrs["file"] = "survival.csv"
    with pytest.raises(InputError):
        validate(df, schemas.SURVIVAL_SCHEMA)
