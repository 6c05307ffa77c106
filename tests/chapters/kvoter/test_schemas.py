"""Tests of the Kvoter schemas: the rules every count obeys."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest

from analysis.chapters.kvoter import schemas


@pytest.mark.parametrize("value,ok", [(0, True), (1, True), (-1, False), (1.5, False)])
def test_counts_are_whole_and_not_negative(value, ok):
    df = pd.DataFrame({"placement_type": ["fleksjob"], "label": ["x"], "placements": [float(value)]})
    if ok:
        schemas.placements().validate(df)
    else:
        with pytest.raises(pa.errors.SchemaError):
            schemas.placements().validate(df)


def test_roster_schema_declares_every_placement_type():
    cols = set(schemas.roster(["A"]).columns)
    assert set(schemas.PLACEMENT_TYPES) <= cols
    assert tuple(schemas.roster(["A"]).columns) == schemas.ROSTER_COLUMNS


def test_quota_column_pattern():
    assert schemas.QUOTA_COLUMN.match("quota_n15").group(1) == "15"
    assert schemas.QUOTA_COLUMN.match("quota15") is None
