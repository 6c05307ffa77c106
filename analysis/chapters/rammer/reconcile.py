"""Reconciliation checks of the Rammer chapter: every printed difference, share and total the
sources print, as `analysis.core.check.Check`, per block of the chapter."""
from __future__ import annotations

from typing import Callable, Iterable

import pandas as pd

from ...core.check import Check
from ...core.precision import printed_decimals
from . import model
from .inputs import Inputs
from .schemas import SPLITS, plain_number
from .sources import SPLIT_SOURCES, SRC_AKASSER, SRC_BENCHMARK, SRC_CYCLE, SRC_KEY_FIGURES

SPLIT_TITLES = {"udvalg": "Andel af kommunens budget 2022",
                "indtaegter": "Indtægter på beskæftigelsesområdet 2022",
                "udgifter": "Udgifter på beskæftigelsesområdet 2022"}
NOTE_IMPLIED_TOTAL = "Underforstået total: andelene er en fordeling i procent; kilden trykker ingen total."
NOTE_GROUP_SUM = "Summen af ydelsesgrupperne."
FULLTIME = "fuldtidspersoner"


def economy_checks(shares: pd.DataFrame) -> list[Check]:
    """Each distribution of the budget sums to 100 % at its printed precision."""
    totals = model.split_totals(shares)
    out = []
    for split in SPLITS:
        part = shares[shares["split"] == split]
        decimals = max(printed_decimals(v) for v in part["share_pct"])
        out.append(Check(f"{SPLIT_TITLES[split]}: andelene summer til 100 %", SPLIT_SOURCES[split],
                         model.PERCENT_TOTAL, plain_number(round(float(totals[split]), 6)), "%",
                         NOTE_IMPLIED_TOTAL, decimals))
    return out


def benchmark_checks(benchmark: pd.DataFrame, intro_figures: pd.DataFrame) -> list[Check]:
    """The printed differences and totals of the benchmark table, and its two figures that
    need data the source does not print (the rank, the amount saved)."""
    t = model.benchmark_table(benchmark)
    groups, total = model.benchmark_groups(t), model.benchmark_total(t)
    out = [Check(f"Forskel mellem forventet og faktisk antal, {r['group']}", SRC_BENCHMARK,
                 plain_number(r["difference"]), plain_number(r["difference_computed"]), FULLTIME,
                 "Beregnet som faktisk minus forventet (det fortegn, kilden trykker).")
           for _, r in t.iterrows()]
    sums = [("Forventet antal, ydelsesgrupper i alt", "expected", NOTE_GROUP_SUM),
            ("Faktisk antal, ydelsesgrupper i alt", "actual", NOTE_GROUP_SUM),
            ("Forskel, ydelsesgrupper i alt = sum af gruppernes forskelle", "difference",
             "Summen af gruppernes trykte forskelle.")]
    out += [Check(item, SRC_BENCHMARK, plain_number(total[col]), plain_number(groups[col].sum()),
                  FULLTIME, note) for item, col, note in sums]
    out.append(Check("Placering på benchmarkranglisten, ydelsesgrupper i alt", SRC_BENCHMARK,
                     plain_number(total["rank"]), None, "placering",
                     "Kan ikke genberegnes: placeringen kræver alle kommuners tal."))
    saving = model.figure_row(intro_figures, "benchmark_mindreforbrug")
    out.append(Check("Mindre brugt på offentlig forsørgelse end forventet", SRC_BENCHMARK + ", note",
                     plain_number(saving["value"]), None, saving["unit"],
                     "Kan ikke genberegnes: tabellen har ingen udgift pr. fuldtidsperson."))
    return out


UNRECOMPUTABLE_KEY_FIGURES = ("foertidspension_andel", "udvikling_")


def key_figures_checks(key_figures: pd.DataFrame) -> list[Check]:
    """The report's derived percentages, which the source's inputs do not let us recompute."""
    rows = key_figures[key_figures["indicator_id"].str.startswith(UNRECOMPUTABLE_KEY_FIGURES)]
    return [Check(r["indicator"], SRC_KEY_FIGURES, plain_number(r["value"]), None, r["unit"],
                  "Kan ikke genberegnes: de bagvedliggende udgifter (VIVE ECO) står ikke i kilden.")
            for _, r in rows.iterrows()]


def akasse_checks(agreements: pd.DataFrame, coverage: pd.DataFrame) -> list[Check]:
    """The number and share of a-kasser with an agreement; the members' share (not recomputable)."""
    c = model.akasse_coverage(agreements, coverage)
    return [
        Check("A-kasser med samarbejdsaftale (antal navne i listen)", SRC_AKASSER,
              plain_number(c["aftaler_printed"]), c["aftaler"], "antal",
              "Optalt fra de navngivne a-kasser i listen."),
        Check("Andel af a-kasserne med samarbejdsaftale", SRC_AKASSER,
              plain_number(c["andel_akasser_printed"]), c["andel_akasser"], "%",
              "Navngivne a-kasser / a-kasser i Norddjurs Kommune."),
        Check("Andel af a-kassemedlemmerne i a-kasser med samarbejdsaftale", SRC_AKASSER,
              plain_number(c["andel_medlemmer_printed"]), None, "%",
              "Kan ikke genberegnes: medlemstal pr. a-kasse står ikke i kilden."),
    ]


def cycle_checks(cycle: pd.DataFrame, intro_figures: pd.DataFrame) -> list[Check]:
    """The printed number of pool deadlines against the deadline months of the annual cycle."""
    r = model.figure_row(intro_figures, "pulje_frister")
    return [Check("Ansøgningsfrister til udvalgets pulje pr. år", SRC_CYCLE,
                  plain_number(r["value"]), model.pool_deadlines(cycle), "antal",
                  "Optalt fra fristmånederne i årshjulet (serien 'pulje').")]


BLOCK_CHECKS: dict[str, Callable[[Inputs], list[Check]]] = {
    "oekonomi": lambda i: economy_checks(i.budget_shares),
    "benchmark": lambda i: benchmark_checks(i.benchmark, i.intro_figures),
    "noegletal": lambda i: key_figures_checks(i.key_figures),
    "akasser": lambda i: akasse_checks(i.akasse_agreements, i.akasse_coverage),
    "aarshjul": lambda i: cycle_checks(i.annual_cycle, i.intro_figures),
}


def checks(inputs: Inputs, blocks: Iterable[str]) -> list[Check]:
    """Every reconciliation check of the shown blocks, in the order of `blocks`."""
    return [c for b in blocks if b in BLOCK_CHECKS for c in BLOCK_CHECKS[b](inputs)]
