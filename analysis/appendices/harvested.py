"""Reading the files the build harvests for the front chapter and the appendices."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd


def read_json(path: str | Path) -> Any:
    """A JSON file the build harvested."""
    return json.loads(Path(path).read_text(encoding="utf-8"))

def read_reconciliation(path: str | Path) -> pd.DataFrame:
    """reconciliation.csv with published/computed kept as text (their printed precision matters)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return df
