"""Tables of the front chapter and the appendices (Parametre, Datagrundlag, Afstemning), built
from the files the build harvests: parameters.json, inputs.json, reconciliation.csv."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from .core import fmt

STATUS_LABELS = {"differs": "Afviger", "not_reproducible": "Kan ikke genberegnes", "match": "Stemmer"}
STATUS_ORDER = ("differs", "not_reproducible", "match")


def read_json(path: str | Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def read_reconciliation(path: str | Path) -> pd.DataFrame:
    """reconciliation.csv with published/computed kept as text (their printed precision matters)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return df


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


def sort_reconciliation(df: pd.DataFrame) -> pd.DataFrame:
    """Disagreements first, then figures that cannot be recomputed, then matches."""
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    return df.assign(_o=df["status"].map(order)).sort_values(["_o"], kind="stable").drop(columns="_o")


def status_counts(df: pd.DataFrame, parts: list[str]) -> pd.DataFrame:
    """Checks per chapter and status (chapters in book order, statuses in STATUS_ORDER)."""
    counts = df.groupby(["chapter", "status"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=[p for p in parts if p in counts.index], columns=list(STATUS_ORDER), fill_value=0)
    return counts


def _decimals(text: str) -> int:
    return 0 if "." not in text else len(text.split(".")[1])


def danish_plain(text: str, decimals: int | None = None) -> str:
    """A contract number (`1234.5`) in Danish (`1.234,5`) at its own or a given precision."""
    if text == "":
        return fmt.MISSING
    d = _decimals(text) if decimals is None else decimals
    return fmt.number(float(Decimal(text)), d)


def reconciliation_table(df: pd.DataFrame) -> pd.DataFrame:
    """Rows of one chapter and status for the reader: the figure (with the chapter's note),
    where it is printed, and the published and computed values at the printed precision."""
    rows = []
    for rec in df.to_dict("records"):
        d = _decimals(rec["published"]) if rec["published"] else None
        unit = f" {rec['unit']}" if rec["unit"] else ""
        rows.append({
            "Tal": rec["item"] + (f" – {rec['note']}" if rec["note"] else ""),
            "Kilde": rec["source"],
            "Trykt": danish_plain(rec["published"]) + (unit if rec["published"] else ""),
            "Beregnet": danish_plain(rec["computed"], d) + (unit if rec["computed"] else ""),
        })
    return pd.DataFrame(rows, columns=["Tal", "Kilde", "Trykt", "Beregnet"])


def status_figure(counts: pd.DataFrame, titles: Mapping[str, str]):
    """Per chapter, the share of its checks in each status (100 % bars, counts as labels), so
    chapters with few checks are as readable as the one with hundreds. Returns (fig, alt text)."""
    from .core import figures

    shares = counts.div(counts.sum(axis=1), axis=0) * 100
    names = [titles.get(c, c) for c in counts.index]
    fig, ax = figures.new(figsize=(7.0, 0.55 * len(counts) + 1.5))
    left = [0.0] * len(counts)
    for i, status in enumerate(STATUS_ORDER):
        bars = ax.barh(names, shares[status], left=left, color=figures.PALETTE[[3, 1, 2][i]],
                       hatch=figures.HATCHES[i], edgecolor="white", label=STATUS_LABELS[status])
        ax.bar_label(bars, labels=[fmt.integer(v) if v else "" for v in counts[status]],
                     label_type="center", fontsize=9,
                     bbox=dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none"))
        left = [a + b for a, b in zip(left, shares[status])]
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Andel af kapitlets afstemte tal (%); tallene i søjlerne er antal")
    ax.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.3 if len(counts) > 2 else -0.5))
    summary = "; ".join(f"{name}: " + ", ".join(f"{counts.at[c, s]} {STATUS_LABELS[s].lower()}" for s in STATUS_ORDER)
                        for c, name in zip(counts.index, names))
    alt = f"Vandret søjlediagram over de afstemte tal pr. kapitel fordelt på status. {summary}."
    return fig, alt
