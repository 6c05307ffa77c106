"""Figures of the Rammer chapter and their Danish alt texts."""
from __future__ import annotations

import textwrap

import pandas as pd
from babel.dates import get_month_names

from ...core import figures, fmt
from ...core.precision import printed_decimals
from . import model
from .inputs import Inputs
from .schemas import SPLITS
from .sources import SPLIT_TITLES

MONTHS_DA: tuple[str, ...] = tuple(
    get_month_names("wide", locale="da_DK")[m] for m in range(1, 13))
MONTHS_DA_SHORT: tuple[str, ...] = tuple(m[:3] for m in MONTHS_DA)
OTHER_COMMITTEES = "Udvalg budget i alt"  # the source's label for the other committees' share


def category_label(category: str) -> str:
    """The reader's label of a budget category (the source's 'Udvalg budget i alt' is the
    other committees' share)."""
    return "Øvrige udvalg" if category == OTHER_COMMITTEES else category


def economy_figure(shares: pd.DataFrame):
    """Three panels of horizontal bars (budget share, income, expenditure), values labelled."""
    fig, axes = figures.new(3, 1, figsize=(7.0, 4.6),
                            gridspec_kw={"height_ratios": [2, 2, 3]}, sharex=True)
    for ax, split in zip(axes, SPLITS):
        part = shares[shares["split"] == split]
        y = range(len(part))[::-1]
        ax.barh(list(y), part["share_pct"], color=figures.NORDDJURS, height=0.6)
        for yi, v in zip(y, part["share_pct"]):
            ax.text(v + 1, yi, fmt.percent(v, printed_decimals(v)), va="center", fontsize=9)
        ax.set_yticks(list(y), [category_label(c) for c in part["category"]])
        ax.set_title(SPLIT_TITLES[split], loc="left", fontsize=10)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.set_xlim(0, 110)
    figures.danish_ticks(axes[-1], "x", 0, " %")
    axes[-1].set_xlabel("Procent")
    fig.tight_layout()
    return fig


def benchmark_figure(benchmark: pd.DataFrame):
    """Expected vs. actual full-time persons per benefit group, difference labelled."""
    t = model.benchmark_groups(model.benchmark_table(benchmark))
    fig, ax = figures.new(figsize=(7.0, 3.6))
    y = list(range(len(t)))[::-1]
    h = 0.38
    ax.barh([v + h / 2 for v in y], t["expected"], height=h, color="white",
            edgecolor=figures.PEER, hatch="//", label="Forventet antal")
    ax.barh([v - h / 2 for v in y], t["actual"], height=h, color=figures.NORDDJURS, label="Faktisk antal")
    top = max(t["expected"].max(), t["actual"].max())
    for yi, (_, r) in zip(y, t.iterrows()):
        ax.text(r["expected"] + top * 0.01, yi + h / 2, fmt.integer(r["expected"]), va="center", fontsize=8)
        ax.text(r["actual"] + top * 0.01, yi - h / 2, fmt.integer(r["actual"]), va="center", fontsize=8)
        ax.text(top * 1.13, yi, f"Forskel: {fmt.integer(r['difference_computed'], sign=True)}",
                va="center", ha="left", fontsize=9, fontweight="bold")
    ax.set_yticks(y, list(t["group"]))
    ax.set_xlim(0, top * 1.42)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    figures.danish_ticks(ax, "x")
    ax.set_xlabel("Fuldtidspersoner på offentlig forsørgelse")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    fig.tight_layout()
    return fig


def _draw_lane(ax, yi: int, lane: pd.Series) -> None:
    for s, e in lane["spans"]:
        if lane["recurring"]:
            ax.plot([s], [yi], marker="D", color=figures.PALETTE[1], markeredgecolor="black",
                    markersize=7, linestyle="none", zorder=3)
        else:
            ax.barh(yi, e - s + 1, left=s - 0.5, height=0.55, color=figures.NORDDJURS,
                    edgecolor="black", linewidth=0.5, zorder=2)


def annual_cycle_figure(inputs: Inputs):
    """The annual cycle as a timeline: one lane per activity (recurring ones as diamonds),
    the book's edition months (`inputs.months`) as dashed vertical lines labelled 'Udgave'."""
    cycle, months = inputs.annual_cycle, inputs.months
    lanes = model.timeline_rows(cycle)
    n = len(lanes)
    fig, ax = figures.new(figsize=(7.0, 0.38 * n + 1.4))
    for i, lane in lanes.iterrows():
        _draw_lane(ax, n - 1 - i, lane)
    for b in range(0, 13):
        ax.axvline(b + 0.5, color="#D0D0D0", linewidth=0.6, zorder=0)
    for m in months:
        ax.axvline(m, color="black", linestyle=(0, (4, 3)), linewidth=1.2, zorder=1)
        ax.text(m, n - 0.35, "Udgave", va="bottom", ha="center", fontsize=8, zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
    labels = [textwrap.fill(a, 34, break_on_hyphens=False) for a in lanes["activity"]]
    ax.set_yticks([n - 1 - i for i in range(n)], labels, fontsize=8.5)
    ax.set_xticks(range(1, 13), MONTHS_DA_SHORT, fontsize=8.5)
    ax.set_xlim(0.5, 12.5)
    ax.set_ylim(-0.7, n + 0.2)
    ax.grid(False)
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------- alt texts (Danish)
def economy_alt(shares: pd.DataFrame) -> str:
    """Alt text of the economy figure: every printed share, panel by panel."""
    parts = []
    for split in SPLITS:
        part = shares[shares["split"] == split]
        items = ", ".join(f"{category_label(c).lower() if c == OTHER_COMMITTEES else c} "
                          f"{fmt.percent(v, printed_decimals(v))}"
                          for c, v in zip(part["category"], part["share_pct"]))
        parts.append(f"{SPLIT_TITLES[split]}: {items}")
    return "Tre vandrette søjlediagrammer. " + ". ".join(parts) + "."


def benchmark_alt(benchmark: pd.DataFrame) -> str:
    """Alt text of the benchmark figure: expected, actual and difference per group."""
    t = model.benchmark_groups(model.benchmark_table(benchmark))
    items = "; ".join(f"{r['group']}: forventet {fmt.integer(r['expected'])}, faktisk "
                      f"{fmt.integer(r['actual'])}, forskel {fmt.integer(r['difference_computed'], sign=True)}"
                      for _, r in t.iterrows())
    return ("Vandrette søjler med forventet (skraveret) og faktisk (fyldt) antal fuldtidspersoner "
            f"på offentlig forsørgelse for hver ydelsesgruppe. {items}.")


def month_span(start: int, end: int) -> str:
    """`4, 5` → `april–maj`; `6, 6` → `juni`."""
    return MONTHS_DA[start - 1] if start == end else f"{MONTHS_DA[start - 1]}–{MONTHS_DA[end - 1]}"


def cycle_alt(inputs: Inputs) -> str:
    """Alt text of the annual-cycle timeline: every activity with its months, and the editions."""
    cycle, months = inputs.annual_cycle, inputs.months
    lanes = model.timeline_rows(cycle)
    items = [f"{lane['activity']}: {', '.join(month_span(s, e) for s, e in lane['spans'])}"
             for _, lane in lanes.iterrows()]
    eds = ", ".join(MONTHS_DA[m - 1] for m in months)
    return ("Tidslinje over årets tolv måneder med én linje pr. aktivitet i udvalgets årshjul; "
            f"tilbagevendende aktiviteter er vist som punkter. {'; '.join(items)}. "
            f"Lodrette stiplede linjer markerer bogens udgaver i {eds}.")
