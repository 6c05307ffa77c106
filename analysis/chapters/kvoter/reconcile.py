"""Reconciliation of the Kvoter chapter: every figure the source prints that can be recomputed,
as published against as computed from data/raw (and, for unit-level figures, the roster).

Every check is an `analysis.core.check.Check`. The figures stated in the text are data
(`stated_figures.csv`); `STATED` says for each kind of figure how it is recomputed, and one
small runner turns each stated row into a check.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from ...core import fmt
from ...core.check import Check
from ...core.precision import Approx
from .inputs import Inputs, quota_columns
from .model import held, quota

DOCUMENT = ("Budgetanalyse af kvoter for ansættelser af elever, lærlinge samt personer på "
            "særlige vilkår (Norddjurs Kommune, 2025)")
SHORT = "Budgetanalyse af kvoter (2025)"
_STATED = re.compile(r"^(required|extra_places|increase_pct)_n(\d+)$")


@dataclass(frozen=True)
class Figures:
    """What the stated figures are recomputed from: places by type and Tabel 1's total row."""

    places: int
    employees: int
    required: dict[int, int]


@dataclass(frozen=True)
class Rule:
    """How one kind of stated figure is recomputed: its item text, the computation (None
    when the figure cannot be recomputed), its printed decimals and a fixed note."""

    item: str
    compute: Callable[[Figures, int], Approx] | None
    decimals: int | None = None
    note: str = ""


STATED: dict[str, Rule] = {
    "places_held": Rule("Pladser i alt = sum af typer", lambda f, n: Approx.exact(f.places),
                        note="Summen af løntilskud, fleksjob, virksomhedspraktik og "
                             "voksenlærlinge (afsnit 2.0)."),
    "employees_per_place": Rule("Ansatte pr. plads (Tabel 1 i alt / pladser)",
                                lambda f, n: Approx.exact(f.employees) / f.places, decimals=0),
    "required": Rule("Pladser ved 1 pr. {n} (tekst mod Tabel 1 i alt)",
                     lambda f, n: Approx.exact(f.required[n])),
    "extra_places": Rule("Pladser mere ved 1 pr. {n} (Tabel 1 i alt − pladser)",
                         lambda f, n: Approx.exact(f.required[n]) - f.places),
    "increase_pct": Rule("Stigning ved 1 pr. {n} i procent af pladserne i dag",
                         lambda f, n: (Approx.exact(f.required[n]) - f.places) / f.places * 100,
                         decimals=1),
}
UNKNOWN = Rule("", None, note="Tallet kan ikke genberegnes ud fra de øvrige tal i kilden.")


def _total(inputs: Inputs) -> pd.Series:
    t = inputs.quota_table
    return t[t["row_type"] == "total"].iloc[0]


def _areas(inputs: Inputs) -> pd.DataFrame:
    t = inputs.quota_table
    return t[t["row_type"] == "area"]


def figures(inputs: Inputs) -> Figures:
    """The source figures the stated figures are recomputed from."""
    total = _total(inputs)
    return Figures(int(inputs.placements["placements"].sum()), int(total["employees"]),
                   {n: int(total[c]) for n, c in quota_columns(inputs.quota_table).items()})


def _rule_of(figure: str, known: dict[int, int]) -> tuple[str, int | None]:
    if figure in STATED:
        return figure, None
    m = _STATED.match(figure)
    if m and int(m.group(2)) in known:
        return m.group(1), int(m.group(2))
    return "", None


def _truncation_note(check: Check) -> str:
    note = f"Uafrundet giver kildens tal {fmt.percent(check.computed, 2)}."
    if math.floor(check.computed * 10) / 10 == check.published:
        note += " Det trykte tal svarer til at skære decimalen af i stedet for at afrunde."
    return note


def stated_check(row: pd.Series, f: Figures) -> Check:
    """One figure stated in the text, recomputed by its rule (`STATED`)."""
    kind, n = _rule_of(row["figure"], f.required)
    rule = STATED.get(kind, UNKNOWN)
    unit = row["unit"] if isinstance(row["unit"], str) else ""
    divides = kind in ("employees_per_place", "increase_pct")
    computed = None if rule.compute is None or (divides and f.places == 0) else rule.compute(f, n)
    item = rule.item.format(n=n) if rule is not UNKNOWN else str(row["statement"])
    c = Check.of(item,
                 f"{SHORT}, afsnit {row['section']}", row["value"], computed, unit=unit,
                 note=rule.note, decimals=rule.decimals)
    if c.status == "differs" and kind == "increase_pct":
        c = c.with_finding(c.finding, _truncation_note(c))
    return c


def stated_checks(inputs: Inputs) -> list[Check]:
    """Figures stated in the text, recomputed from the placements by type and Tabel 1."""
    f = figures(inputs)
    return [stated_check(row, f) for _, row in inputs.stated.iterrows()]


def table_checks(inputs: Inputs) -> list[Check]:
    """Tabel 1: the total row against the sum of its area rows."""
    src = f"{SHORT}, Tabel 1"
    total, areas = _total(inputs), _areas(inputs)
    out = [Check("Tabel 1: ansatte i alt = sum af områder", src, int(total["employees"]),
                 int(areas["employees"].sum()), "ansatte")]
    for n, col in quota_columns(inputs.quota_table).items():
        out.append(Check(f"Tabel 1: kvote ved 1 pr. {n} i alt = sum af områder", src,
                         int(total[col]), int(areas[col].sum()), "pladser"))
    return out


def example_checks(inputs: Inputs) -> list[Check]:
    """The worked examples of the quota rule (one place per full N employees)."""
    return [Check(f"Eksempel: enhed med {r['employees']} ansatte ved 1 pr. {r['threshold']}",
                  f"{SHORT}, afsnit {r['section']}", int(r["quota"]),
                  int(quota(int(r["employees"]), int(r["threshold"]))), "pladser")
            for _, r in inputs.examples.iterrows()]


def roster_checks(inputs: Inputs, synthetic: bool) -> list[Check]:
    """The unit roster against the published figures: employees and per-unit quotas per area
    (Tabel 1) and placements by type."""
    roster = inputs.roster
    kind = ("Enhedslisten er syntetisk og konstrueret, så den rammer de offentliggjorte tal."
            if synthetic else "Enhedslisten er analytikerens udtræk.")
    src = f"{SHORT}, Tabel 1"
    out = []
    for _, r in inputs.quota_table.iterrows():
        part = roster if r["row_type"] == "total" else roster[roster["area"] == r["area"]]
        out.append(Check(f"Tabel 1, {r['area']}: ansatte (enhedsliste)", src,
                         int(r["employees"]), int(part["employees"].sum()), "ansatte", kind))
        for n, col in quota_columns(inputs.quota_table).items():
            out.append(Check(f"Tabel 1, {r['area']}: kvote ved 1 pr. {n} beregnet pr. enhed",
                             src, int(r[col]), int(quota(part["employees"], n).sum()),
                             "pladser", kind))
    for _, p in inputs.placements.iterrows():
        out.append(Check(f"Pladser, {p['label']} (enhedsliste)", f"{SHORT}, afsnit 2.0",
                         int(p["placements"]), int(roster[p["placement_type"]].sum()),
                         "pladser", kind))
    out.append(Check("Pladser i alt (enhedsliste)", f"{SHORT}, afsnit 2.0",
                     int(inputs.placements["placements"].sum()), int(held(roster).sum()),
                     "pladser", kind))
    return out


def source_checks(inputs: Inputs) -> list[Check]:
    """The checks of the source against itself (no roster): text, Tabel 1, examples."""
    return stated_checks(inputs) + table_checks(inputs) + example_checks(inputs)


def checks(inputs: Inputs, synthetic: bool = True) -> list[Check]:
    """Every reconciliation check of the chapter, in the order the chapter shows them."""
    return source_checks(inputs) + roster_checks(inputs, synthetic)
