"""Bilag C (Afstemning) and the front chapter's summary of the reconciliation."""
from __future__ import annotations

from decimal import Decimal
from typing import Mapping

import pandas as pd

from ..core import fmt

STATUS_LABELS = {"differs": "Afviger", "not_reproducible": "Kan ikke genberegnes", "match": "Stemmer"}

STATUS_ORDER = ("differs", "not_reproducible", "match")

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
    from ..core import figures

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
