"""Bilag A (Parametre): each part's parameters and what changed since the previous edition."""
from __future__ import annotations

import json
from typing import Any, Mapping

import pandas as pd

from ..core import fmt


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "ja" if v else "nej"
    if isinstance(v, (int, float)):
        return fmt.number(v, 0 if float(v).is_integer() else len(str(v).split(".")[-1]))
    if isinstance(v, (list, dict)):
        return "`" + json.dumps(v, ensure_ascii=False) + "`"
    return "(tom)" if v == "" else f"`{v}`"

def parameter_changes(current: Mapping[str, Mapping[str, Any]],
                      previous: Mapping[str, Mapping[str, Any]] | None) -> pd.DataFrame:
    """One row per part and parameter: value now, and what it was in the previous edition."""
    rows = []
    for part, params in current.items():
        before = (previous or {}).get(part, {})
        for key, value in params.items():
            if previous is None:
                change = "–"
            elif key not in before:
                change = "ny"
            elif before[key] != value:
                change = f"ændret (før: {_value(before[key])})"
            else:
                change = "uændret"
            rows.append({"part": part, "parameter": key, "value": value, "change": change})
    return pd.DataFrame(rows, columns=["part", "parameter", "value", "change"])

def parameter_table(changes: pd.DataFrame, part: str) -> pd.DataFrame:
    sub = changes[changes["part"] == part]
    return pd.DataFrame({
        "Parameter": ["`" + p + "`" for p in sub["parameter"]],
        "Værdi": [_value(v).replace("|", "/") for v in sub["value"]],
        "Ændring": list(sub["change"]),
    })

def changed_parameter_table(changes: pd.DataFrame, titles: Mapping[str, str]) -> pd.DataFrame:
    """The parameters that are new or changed since the previous edition, all chapters at once."""
    return pd.DataFrame({
        "Kapitel": [titles.get(p, p) for p in changes["part"]],
        "Parameter": ["`" + p + "`" for p in changes["parameter"]],
        "Værdi": [_value(v).replace("|", "/") for v in changes["value"]],
        "Ændring": list(changes["change"]),
    })
