"""Figures of the investeringer chapter (matplotlib, the book's figure style)."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ...core import fmt
from ...core.figures import HATCHES, PALETTE, danish_ticks, new
from .model import CHECKPOINT_WEEKS, series_labels, survival_wide


def cumulative_figure(overview: pd.DataFrame, years):
    """Grouped horizontal bars per case: cumulative net effect, budget vs result/forecast."""
    fig, ax = new(figsize=(7.0, 0.7 * len(overview) + 1.4))
    ypos = np.arange(len(overview))[::-1]
    h = 0.38
    series = [("Budget, netto", "Budget", PALETTE[0], HATCHES[1]),
              ("Resultat/forventet, netto", "Resultat/forventet", PALETTE[1], HATCHES[0])]
    for k, (col, lab, colour, hatch) in enumerate(series):
        vals = overview[col].fillna(0).to_numpy(dtype=float)
        y = ypos + (h / 2 if k == 0 else -h / 2)
        ax.barh(y, vals, height=h, color=colour, hatch=hatch, edgecolor="black", linewidth=0.5, label=lab)
        for yy, v in zip(y, vals):
            ax.annotate(fmt.number(v, 1), (v, yy), xytext=(4 if v >= 0 else -4, 0),
                        textcoords="offset points", va="center", ha="left" if v >= 0 else "right",
                        fontsize=8)
    ax.set_yticks(ypos, [f"{n}. {i}" for n, i in zip(overview["Nr."], overview["Investering"])])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True, color="#D0D0D0", linewidth=0.6)
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo - 0.12 * (hi - lo), hi + 0.12 * (hi - lo))
    danish_ticks(ax, "x", 0)
    ax.set_xlabel(f"Nettoeffekt {min(years)}–{max(years)}, mio. kr. (minus = besparelse)")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2)
    return fig


def survival_figure(survival: pd.DataFrame, baseline: str):
    """The survival curves, baseline in black, others with distinct line styles and markers."""
    fig, ax = new()
    wide = survival_wide(survival)
    labels = {k: re.sub(r"(?<=\d)-(?=\d)", "–", v) for k, v in series_labels(survival).items()}
    styles = [("-", "o", PALETTE[0]), ("--", "s", PALETTE[1]), (":", "^", PALETTE[2]), ("-.", "D", PALETTE[3])]
    order = [baseline] + [s for s in survival["series"].drop_duplicates() if s != baseline]
    others = iter(styles)
    for s in order:
        d = wide[s].dropna()
        if s == baseline:
            ax.plot(d.index, d.values, color="black", linewidth=2.2, marker="", label=labels[s])
        else:
            ls, mk, col = next(others)
            ax.plot(d.index, d.values, color=col, linestyle=ls, marker=mk, markersize=4, label=labels[s])
    for wk in CHECKPOINT_WEEKS:
        ax.axvline(wk, color="#909090", linewidth=0.7, linestyle=(0, (2, 2)))
        ax.annotate(f"{wk} uger", (wk, 2), xytext=(3, 0), textcoords="offset points", fontsize=8,
                    va="bottom")
    ax.set_ylim(0, 102)
    ax.set_xticks(wide.index)
    danish_ticks(ax, "y", 0, " %")
    ax.set_xlabel("Uger efter ledighedens start")
    ax.set_ylabel("Andel stadig på A-dagpenge")
    ax.legend(loc="upper right")
    return fig
