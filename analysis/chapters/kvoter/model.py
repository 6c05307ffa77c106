"""Computations of the Kvoter chapter: quotas per unit, gaps and the two allocation models.

The quota rule (source, section 2.1): a unit owes one place per *full* N employees, so a unit
with 15-29 employees owes one place at N = 15 and a unit with 30 owes two. Area and
municipality quotas are sums of unit quotas. The naive quota, total employees // N, is shown
beside it: it is higher, because every unit's remainder below the next N is lost.

Allocation models (source, section 3):

- `unit` (per unit / contract holder): each unit must meet its own quota; a unit above its
  quota does not offset one below it, so new places = sum of the units' shortfalls;
- `area` (per director area): shortfalls and surpluses offset within an area, so new places =
  sum over areas of max(0, area quota − places held in the area).

The source's own "72 more places" is the municipality taken as one (offsetting everywhere).
All functions are pure: they never change the frames they are given.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .inputs import quota_columns
from .schemas import PLACEMENT_TYPES

TOTAL = "I alt"


def quota(employees, threshold: int):
    """Places a unit owes: one per full `threshold` employees (works on ints and Series)."""
    if threshold < 1:
        raise ValueError("threshold must be 1 or more")
    return employees // threshold


def held(roster: pd.DataFrame) -> pd.Series:
    """Places each unit holds today (all placement types)."""
    return roster[list(PLACEMENT_TYPES)].sum(axis=1)


def units(roster: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """One row per unit: employees, places held, quota, shortfall and surplus."""
    h = held(roster)
    q = quota(roster["employees"], threshold)
    return pd.DataFrame({
        "unit_id": roster["unit_id"], "unit_name": roster["unit_name"], "area": roster["area"],
        "employees": roster["employees"], "held": h, "quota": q,
        "shortfall": (q - h).clip(lower=0), "surplus": (h - q).clip(lower=0),
    }).reset_index(drop=True)


def by_area(roster: pd.DataFrame, threshold: int, areas: list[str]) -> pd.DataFrame:
    """Per director area and in total: employees, places held, naive quota, quota per unit,
    gap (quota − held), and new places under each allocation model."""
    u = units(roster, threshold)
    rows = []
    for area in areas:
        a = u[u["area"] == area]
        q, h = int(a["quota"].sum()), int(a["held"].sum())
        e = int(a["employees"].sum())
        rows.append({"area": area, "employees": e, "held": h,
                     "quota_naive": e // threshold, "quota": q, "gap": q - h,
                     "new_places_unit_model": int(a["shortfall"].sum()),
                     "new_places_area_model": max(q - h, 0)})
    df = pd.DataFrame(rows)
    e, h, q = int(u["employees"].sum()), int(u["held"].sum()), int(u["quota"].sum())
    total = {"area": TOTAL, "employees": e, "held": h, "quota_naive": e // threshold,
             "quota": q, "gap": q - h,
             "new_places_unit_model": int(df["new_places_unit_model"].sum()),
             "new_places_area_model": int(df["new_places_area_model"].sum())}
    return pd.concat([df, pd.DataFrame([total])], ignore_index=True)


def summary(roster: pd.DataFrame, threshold: int, areas: list[str]) -> dict:
    """Key figures at one threshold (municipality level)."""
    u = units(roster, threshold)
    t = by_area(roster, threshold, areas).iloc[-1]
    n_units = len(u)
    free = int((u["shortfall"] == 0).sum())
    return {
        "threshold": threshold,
        "employees": int(t["employees"]), "held": int(t["held"]),
        "quota_per_unit": int(t["quota"]), "quota_naive": int(t["quota_naive"]),
        "gap": int(t["gap"]),
        "new_places_unit_model": int(t["new_places_unit_model"]),
        "new_places_area_model": int(t["new_places_area_model"]),
        "new_places_municipality": max(int(t["gap"]), 0),
        "model_difference": int(t["new_places_unit_model"] - t["new_places_area_model"]),
        "units": n_units, "units_without_shortfall": free,
        "share_units_without_shortfall": 100.0 * free / n_units if n_units else float("nan"),
        "units_with_quota_zero": int((u["quota"] == 0).sum()),
    }


def sweep(roster: pd.DataFrame, lo: int, hi: int, areas: list[str]) -> pd.DataFrame:
    """`summary` for every threshold lo..hi."""
    return pd.DataFrame([summary(roster, n, areas) for n in range(lo, hi + 1)])


def employees_per_place(employees: int, places: int) -> float:
    """Employees per place held (NaN when no place is held)."""
    return employees / places if places else float("nan")


def top_shortfall(roster: pd.DataFrame, threshold: int, k: int) -> pd.DataFrame:
    """The `k` units with the largest shortfall at `threshold` (ties: larger unit first)."""
    u = units(roster, threshold)
    u = u[u["shortfall"] > 0]
    return u.sort_values(["shortfall", "employees", "unit_id"],
                         ascending=[False, False, True], kind="stable").head(k).reset_index(drop=True)


def placement_mix(placements: pd.DataFrame) -> pd.DataFrame:
    """Placements by type as published and their share of all places."""
    p = placements.reset_index(drop=True)
    total = int(p["placements"].sum())
    return pd.DataFrame({
        "placement_type": p["placement_type"], "label": p["label"], "placements": p["placements"],
        "share": 100.0 * p["placements"] / total if total else float("nan"),
    })


@dataclass(frozen=True)
class SourceFigures:
    """The source's own totals: places held (sum by type), employees and the quota per
    threshold (Tabel 1's total row), and the increases in percent the text prints."""

    places: int
    employees: int
    required: dict[int, int]
    printed_increase: dict[int, float]

    def gap(self, n: int) -> int:
        """Places the quota at one per `n` employees requires beyond those held today."""
        return self.required[n] - self.places

    def increase_pct(self, n: int) -> float:
        """The gap at `n` in percent of the places held today."""
        return 100.0 * self.gap(n) / self.places if self.places else float("nan")


def source_figures(inputs) -> SourceFigures:
    """The source's totals from the placements by type, Tabel 1 and the stated figures."""
    t = inputs.quota_table
    total = t[t["row_type"] == "total"].iloc[0]
    cols = quota_columns(t)
    stated = inputs.stated[inputs.stated["figure"].str.match(r"^increase_pct_n\d+$")]
    return SourceFigures(int(inputs.placements["placements"].sum()), int(total["employees"]),
                         {n: int(total[c]) for n, c in cols.items()},
                         {int(f.split("_n")[1]): float(v) for f, v in zip(stated["figure"], stated["value"])})


@dataclass(frozen=True)
class Computed:
    """Everything the chapter shows, computed once from the inputs and the parameters."""

    thresholds: tuple[int, ...]
    summaries: dict[int, dict]
    by_area: dict[int, pd.DataFrame]
    sweep: pd.DataFrame
    mix: pd.DataFrame
    top_threshold: int
    top: pd.DataFrame
    unit_table: pd.DataFrame
    units_short: int
    units_per_area: dict[str, list[str]]
    source: SourceFigures
    synthetic: bool
    highlight_model: str = "unit"  # the allocation model the text and the sweep figure highlight
    disclosure_threshold: int = 5  # counts of 1 to (threshold - 1) persons in a unit are not shown
    roster_as_of: str = ""  # the roster's extract date (`roster_date`; the build fills in the edition's)
    source_as_of: str | None = None  # the latest date the source's figures refer to (the periods file)
    source_when: str | None = None  # the source's own wording of when its places were counted

    @property
    def published(self) -> list[int]:
        """The chapter's thresholds that the source computes (Tabel 1), in the chapter's order."""
        return [n for n in self.thresholds if n in self.source.required]


def computed(inputs) -> Computed:
    """The chapter's computations with the parameters the inputs were read with (`thresholds`,
    `sweep_min`, `sweep_max`, `top_units`, `roster_is_synthetic`, `highlight_model`,
    `disclosure_threshold`, `roster_date`): the views read them from the result, never as
    parameters again."""
    p = inputs.parameters
    return compute(inputs, p["thresholds"], p["sweep_min"], p["sweep_max"], p["top_units"],
                   p["roster_is_synthetic"], p.get("highlight_model", "unit"), p.get("disclosure_threshold", 5),
                   p.get("roster_date", ""))


def period_of(periods: pd.DataFrame, figures: str) -> str | None:
    """The printed wording of the date a kind of figures refers to ("primo februar 2025")."""
    rows = periods[periods["figures"] == figures]
    return str(rows["printed"].iloc[0]) if len(rows) else None


def compute(inputs, thresholds, sweep_min: int, sweep_max: int, top_units: int, synthetic: bool = True,
            highlight_model: str = "unit", disclosure_threshold: int = 5, roster_as_of: str = "") -> Computed:
    """The chapter's computations for the given thresholds, sweep range and top list;
    `synthetic` says whether the roster is the synthetic example, `roster_as_of` its date."""
    roster, areas = inputs.roster, inputs.areas
    ns = tuple(int(n) for n in thresholds)
    n_top = min(ns)
    return Computed(
        thresholds=ns,
        summaries={n: summary(roster, n, areas) for n in ns},
        by_area={n: by_area(roster, n, areas) for n in ns},
        sweep=sweep(roster, sweep_min, sweep_max, areas),
        mix=placement_mix(inputs.placements),
        top_threshold=n_top,
        top=top_shortfall(roster, n_top, top_units),
        unit_table=units(roster, n_top),
        units_short=int((units(roster, n_top)["shortfall"] > 0).sum()),
        units_per_area={a: roster.loc[roster["area"] == a, "unit_id"].tolist() for a in areas},
        source=source_figures(inputs),
        synthetic=bool(synthetic),
        highlight_model=highlight_model,
        disclosure_threshold=int(disclosure_threshold),
        roster_as_of=str(roster_as_of or ""),
        source_as_of=inputs.periods["date"].max(),
        source_when=period_of(inputs.periods, "placements"),
    )
