"""Pure computations of the Rammer chapter. Nothing here mutates the frames it is given.

Conventions:
- The minister's benchmark prints its difference as actual minus expected (negative = fewer
  full-time persons on public support than expected, which is good); we keep that sign.
- A distribution in percent sums to 100 by definition; that total is not a transcribed figure.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

PERCENT_TOTAL = 100
TOTAL_GROUP = "i_alt"
CONTACT_GROUP = "kontaktforloeb"


# ---------------------------------------------------------------- economy
def split_totals(shares: pd.DataFrame) -> pd.Series:
    """Sum of the shares per split (each is a distribution in percent)."""
    return shares.groupby("split", sort=False)["share_pct"].sum()


def share_of(shares: pd.DataFrame, split: str, category: str) -> float:
    """The printed share of one category of a split (NaN when the row is absent)."""
    hit = shares[(shares["split"] == split) & (shares["category"] == category)]
    return float(hit["share_pct"].iloc[0]) if len(hit) else float("nan")


# ---------------------------------------------------------------- benchmark
def benchmark_table(benchmark: pd.DataFrame) -> pd.DataFrame:
    """The benchmark rows with the difference recomputed (actual − expected, the source's
    sign) and the difference in percent of the expected number."""
    out = benchmark.copy()
    out["difference_computed"] = out["actual"] - out["expected"]
    out["difference_pct"] = out["difference_computed"] / out["expected"] * 100
    return out


def benchmark_groups(benchmark: pd.DataFrame) -> pd.DataFrame:
    """The benefit groups (every row but the total)."""
    return benchmark[benchmark["group_id"] != TOTAL_GROUP]


def benchmark_total(benchmark: pd.DataFrame) -> pd.Series:
    """The printed total row ("Ydelsesgrupper i alt")."""
    return benchmark[benchmark["group_id"] == TOTAL_GROUP].iloc[0]


def count_decimals(values: Iterable[float], max_power: int = 3) -> int:
    """The printed precision of a table of counts, as decimals: −k when every count is a
    multiple of 10^k (a table rounded to tens gives −1), else 0 (exact counts)."""
    counts = [abs(int(v)) for v in values]
    k = 0
    while k < max_power and all(v % 10 ** (k + 1) == 0 for v in counts):
        k += 1
    return -k


def benchmark_decimals(benchmark: pd.DataFrame) -> int:
    """The printed precision of the benchmark's counts (−1: every count ends in 0, so the
    table is rounded to tens)."""
    return count_decimals(benchmark[["expected", "actual", "difference"]].to_numpy().ravel())


def figure_row(figures: pd.DataFrame, indicator_id: str) -> pd.Series:
    """One row of a single-figures table by its id."""
    return figures[figures["indicator_id"] == indicator_id].iloc[0]


# ---------------------------------------------------------------- contact
def contact_ratios(contact: pd.DataFrame) -> pd.DataFrame:
    """The number of citizens with a contact course divided by the size of each other group
    (a ratio of two group sizes, not contacts per person)."""
    c = contact.set_index("group_id")["count"]
    base = c[CONTACT_GROUP]
    out = contact.copy()
    out["ratio_to_group"] = [base / v if v else float("nan") for v in out["count"]]
    return out


# ---------------------------------------------------------------- a-kasser
def akasse_coverage(agreements: pd.DataFrame, coverage: pd.DataFrame) -> dict[str, float]:
    """Agreements counted from the list, a-kasser in total, and coverage in percent (computed
    and as printed)."""
    v = coverage.set_index("measure_id")["value"]
    n = len(agreements)
    total = float(v["akasser_i_alt"])
    return {"aftaler": n, "akasser_i_alt": total, "andel_akasser": n / total * 100,
            "aftaler_printed": float(v["aftaler"]),
            "andel_akasser_printed": float(v["andel_akasser"]),
            "andel_medlemmer_printed": float(v["andel_medlemmer"])}


# ---------------------------------------------------------------- annual cycle
def placed_activities(cycle: pd.DataFrame) -> pd.DataFrame:
    """Activities of the annual cycle with a month."""
    return cycle[cycle["start_month"].notna()]


def unplaced_activities(cycle: pd.DataFrame) -> pd.DataFrame:
    """Activities the source names without a month."""
    return cycle[cycle["start_month"].isna()]


def pool_deadlines(cycle: pd.DataFrame) -> int:
    """The number of deadlines of the committee's pool in the annual cycle."""
    return int((placed_activities(cycle)["series"] == "pulje").sum())


def pool_deadline_months(cycle: pd.DataFrame) -> list[int]:
    """The months of the pool's application deadlines, in calendar order."""
    p = placed_activities(cycle)
    return sorted(int(m) for m in p[p["series"] == "pulje"]["start_month"])


def timeline_rows(cycle: pd.DataFrame) -> pd.DataFrame:
    """One row per timeline lane: single activities keep their own lane, recurring ones
    (same `series`) share a lane with their months listed. Order: first month, then file order."""
    placed = placed_activities(cycle).copy()
    placed["lane"] = [s if isinstance(s, str) and s else f"_{i}" for i, s in
                      zip(placed.index, placed["series"])]
    lanes = []
    for lane, part in placed.groupby("lane", sort=False):
        lanes.append({"activity": part["activity"].iloc[0],
                      "spans": [(int(s), int(e)) for s, e in zip(part["start_month"], part["end_month"])],
                      "recurring": not lane.startswith("_"),
                      "first": int(part["start_month"].min())})
    out = pd.DataFrame(lanes)
    return out.sort_values("first", kind="stable").reset_index(drop=True)


def activities_in_month(cycle: pd.DataFrame, month: int) -> list[str]:
    """Names of the placed activities running in `month` (unique, in file order)."""
    p = placed_activities(cycle)
    hit = p[(p["start_month"] <= month) & (p["end_month"] >= month)]["activity"]
    return list(dict.fromkeys(hit))


def activities_by_month(cycle: pd.DataFrame, months: Iterable[int]) -> list[tuple[int, list[str]]]:
    """For each month: the activities of the annual cycle running in it."""
    return [(m, activities_in_month(cycle, m)) for m in months]
