"""Bilag B (Datagrundlag): every input file with its source and checksum."""
from __future__ import annotations

from typing import Any, Mapping

import pandas as pd


def input_files(inputs: list[Mapping[str, Any]], registry: pd.DataFrame) -> pd.DataFrame:
    """Every input file with its provenance (document, section, table, page, notes) and checksum."""
    df = pd.DataFrame(inputs, columns=["part", "parameter", "path", "sha256", "bytes"])
    df = df[~df["path"].str.endswith("/provenance.csv")]  # the registry itself is not data
    reg = registry.set_index("path") if not registry.empty else pd.DataFrame()
    def prov(path: str, col: str) -> str:
        if reg.empty or path not in reg.index:
            return ""
        v = reg.at[path, col]
        return "" if pd.isna(v) else str(v)
    for col in ("document", "section", "table", "page", "notes"):
        df[col] = [prov(p, col) for p in df["path"]]
    return df.drop_duplicates(subset=["part", "path"]).reset_index(drop=True)
