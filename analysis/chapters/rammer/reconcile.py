"""Reconciliation checks of the Rammer chapter: every printed difference, share and total the
sources print, as `analysis.core.check.Check`, per block of the chapter.

Each computed figure carries the interval its printed inputs allow (`Approx`): a share printed
as `77,9` stands for [77,85; 77,95]; the benchmark's counts all end in 0, so they are read as
rounded to tens. Rows whose inputs the sources do not print are `not_reproducible` and name
the finding that explains why (`findings.py`).
"""
from __future__ import annotations

from typing import Callable, Iterable

import pandas as pd

from ...core.check import Check
from ...core.precision import Approx, printed_decimals, total
from . import model
from .findings import AKASSE_MEMBERS, BENCHMARK_DATA, VIVE_ECO
from .inputs import Inputs
from .schemas import SPLITS, plain_number
from .sources import SPLIT_SOURCES, SPLIT_TITLES, SRC_AKASSER, SRC_BENCHMARK, SRC_CYCLE, SRC_KEY_FIGURES

NOTE_IMPLIED_TOTAL = ("Underforstået total: andelene er en fordeling i procent; kilden trykker ingen "
                      "total. Intervallet er, hvad andelenes afrunding tillader.")
FULLTIME = "fuldtidspersoner"


def _tidy(a: Approx) -> Approx:
    """An interval without floating-point dust (sums of one-decimal figures)."""
    return Approx(round(a.value, 9), round(a.low, 9), round(a.high, 9))


def economy_checks(shares: pd.DataFrame) -> list[Check]:
    """Each distribution of the budget sums to 100 % within what its printed shares allow."""
    out = []
    for split in SPLITS:
        part = shares[shares["split"] == split]["share_pct"]
        d = max(printed_decimals(v) for v in part)
        computed = _tidy(total(Approx.printed(v, d) for v in part))
        out.append(Check.of(f"{SPLIT_TITLES[split]}: andelene summer til 100 %", SPLIT_SOURCES[split],
                            model.PERCENT_TOTAL, computed, unit="%", note=NOTE_IMPLIED_TOTAL, decimals=d))
    return out


def _rounding_note(d: int) -> str:
    if d >= 0:
        return ""
    return (f" Alle tabellens antal ender på {'0' * -d}, så de læses som afrundet til nærmeste "
            f"{10 ** -d:d}; intervallet er, hvad den afrunding tillader.")


def benchmark_checks(benchmark: pd.DataFrame, intro_figures: pd.DataFrame) -> list[Check]:
    """The printed differences and totals of the benchmark table, and its two figures that
    need data the source does not print (the rank, the amount saved)."""
    d = model.benchmark_decimals(benchmark)
    groups, tot = model.benchmark_groups(benchmark), model.benchmark_total(benchmark)
    rounding = _rounding_note(d)
    out = [Check.of(f"Forskel mellem forventet og faktisk antal, {r['group']}", SRC_BENCHMARK,
                    plain_number(r["difference"]),
                    Approx.printed(r["actual"], d) - Approx.printed(r["expected"], d), unit=FULLTIME,
                    note="Beregnet som faktisk minus forventet (det fortegn, kilden trykker)." + rounding,
                    decimals=d)
           for _, r in benchmark.iterrows()]
    sums = [("Forventet antal, ydelsesgrupper i alt", "expected", "Summen af ydelsesgrupperne."),
            ("Faktisk antal, ydelsesgrupper i alt", "actual", "Summen af ydelsesgrupperne."),
            ("Forskel, ydelsesgrupper i alt = sum af gruppernes forskelle", "difference",
             "Summen af gruppernes trykte forskelle.")]
    out += [Check.of(item, SRC_BENCHMARK, plain_number(tot[col]),
                     total(Approx.printed(v, d) for v in groups[col]), unit=FULLTIME,
                     note=note + rounding, decimals=d) for item, col, note in sums]
    out.append(Check("Placering på benchmarkranglisten, ydelsesgrupper i alt", SRC_BENCHMARK,
                     plain_number(tot["rank"]), None, "placering",
                     "Kan ikke genberegnes: placeringen kræver alle kommuners tal, som kilden ikke trykker.",
                     finding=BENCHMARK_DATA))
    saving = model.figure_row(intro_figures, "benchmark_mindreforbrug")
    out.append(Check("Mindre brugt på offentlig forsørgelse end forventet", SRC_BENCHMARK + ", note",
                     plain_number(saving["value"]), None, saving["unit"],
                     "Kan ikke genberegnes: kilden trykker ingen udgift pr. fuldtidsperson.",
                     decimals=1, finding=BENCHMARK_DATA))
    return out


UNRECOMPUTABLE_KEY_FIGURES = ("foertidspension_andel", "udvikling_")


def key_figures_checks(key_figures: pd.DataFrame) -> list[Check]:
    """The report's derived percentages, which the source's inputs do not let us recompute."""
    rows = key_figures[key_figures["indicator_id"].str.startswith(UNRECOMPUTABLE_KEY_FIGURES)]
    return [Check(r["indicator"], SRC_KEY_FIGURES, plain_number(r["value"]), None, r["unit"],
                  "Kan ikke genberegnes: de bagvedliggende udgifter (VIVE's ECO-nøgletal) står ikke "
                  "i dagsordenen.", finding=VIVE_ECO)
            for _, r in rows.iterrows()]


def akasse_checks(agreements: pd.DataFrame, coverage: pd.DataFrame) -> list[Check]:
    """The number and share of a-kasser with an agreement; the members' share (not recomputable)."""
    c = model.akasse_coverage(agreements, coverage)
    share = Approx.exact(c["aftaler"]) / Approx.exact(c["akasser_i_alt"]) * 100
    return [
        Check("A-kasser med samarbejdsaftale (antal navne i listen)", SRC_AKASSER,
              plain_number(c["aftaler_printed"]), c["aftaler"], "antal",
              "Optalt fra de navngivne a-kasser i listen."),
        Check.of("Andel af a-kasserne med samarbejdsaftale", SRC_AKASSER,
                 plain_number(c["andel_akasser_printed"]), share, unit="%",
                 note="Navngivne a-kasser / a-kasser i Norddjurs Kommune (begge hele tal)."),
        Check("Andel af a-kassemedlemmerne i a-kasser med samarbejdsaftale", SRC_AKASSER,
              plain_number(c["andel_medlemmer_printed"]), None, "%",
              "Kan ikke genberegnes: medlemstal pr. a-kasse står ikke i kilden.",
              finding=AKASSE_MEMBERS),
    ]


def cycle_checks(cycle: pd.DataFrame, intro_figures: pd.DataFrame) -> list[Check]:
    """The printed number of pool deadlines against the deadline months of the annual cycle."""
    r = model.figure_row(intro_figures, "pulje_frister")
    return [Check("Ansøgningsfrister til udvalgets pulje pr. år", SRC_CYCLE,
                  plain_number(r["value"]), model.pool_deadlines(cycle), "antal",
                  "Optalt fra fristmånederne i årshjulet (marts, juni, september, december).")]


BLOCK_CHECKS: dict[str, Callable[[Inputs], list[Check]]] = {
    "oekonomi": lambda i: economy_checks(i.budget_shares),
    "benchmark": lambda i: benchmark_checks(i.benchmark, i.intro_figures),
    "noegletal": lambda i: key_figures_checks(i.key_figures),
    "akasser": lambda i: akasse_checks(i.akasse_agreements, i.akasse_coverage),
    "aarshjul": lambda i: cycle_checks(i.annual_cycle, i.intro_figures),
}


def checks(inputs: Inputs, blocks: Iterable[str] | None = None) -> list[Check]:
    """Every reconciliation check of the shown blocks (`inputs.shown` unless given), in their order."""
    blocks = inputs.shown if blocks is None else blocks
    return [c for b in blocks if b in BLOCK_CHECKS for c in BLOCK_CHECKS[b](inputs)]
