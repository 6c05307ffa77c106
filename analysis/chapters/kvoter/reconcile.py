"""Reconciliation of the Kvoter chapter: every figure the source prints that can be recomputed,
as published against as computed from data/raw (and, for unit-level figures, the roster).

Every check is an `analysis.core.check.Check` with its printed precision (`decimals`), the
interval its printed inputs allow (all of this source's inputs are counts, so exact) and its
basis: `recomputed` from the source's detail, `cross_reference` where the text repeats a figure
of Tabel 1, `synthetic` where the unit roster is the synthetic example fitted to the source.
The figures stated in the text are data (`stated_figures.csv`); `STATED` says for each kind of
figure how it is recomputed, and one small runner turns each stated row into a check.

Every check that does not match names a finding of `FINDINGS` (grouped by cause), which the
notebook records once with `report.finding`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from report.protocol import CROSS_REFERENCE, MATCH, NOT_REPRODUCIBLE, RECOMPUTED, SYNTHETIC

from ...core import fmt
from ...core.check import Check
from ...core.precision import Approx
from .inputs import Inputs, quota_columns
from .model import SourceFigures, held, quota, source_figures

DOCUMENT = ("Budgetanalyse af kvoter for ansættelser af elever, lærlinge samt personer på "
            "særlige vilkår (Norddjurs Kommune, 2025)")
SHORT = "Budgetanalyse af kvoter (2025)"
_STATED = re.compile(r"^(required|extra_places|increase_pct)_n(\d+)$")


@dataclass(frozen=True)
class Rule:
    """How one kind of stated figure is recomputed: its item text, the computation (None
    when the figure cannot be recomputed), its printed decimals and a fixed note."""

    item: str
    compute: Callable[[SourceFigures, int], Approx] | None
    decimals: int = 0
    note: str = ""
    basis: str = RECOMPUTED


STATED: dict[str, Rule] = {
    "places_held": Rule("Pladser i alt = sum af typer", lambda f, n: Approx.exact(f.places),
                        note="Summen af løntilskud, fleksjob, virksomhedspraktik og "
                             "voksenlærlinge (afsnit 2.0)."),
    "employees_per_place": Rule("Ansatte pr. plads (Tabel 1 i alt / pladser)",
                                lambda f, n: Approx.exact(f.employees) / f.places, decimals=0),
    "required": Rule("Pladser ved 1 pr. {n} (tekst mod Tabel 1 i alt)",
                     lambda f, n: Approx.exact(f.required[n]), basis=CROSS_REFERENCE),
    "extra_places": Rule("Pladser mere ved 1 pr. {n} (Tabel 1 i alt − pladser)",
                         lambda f, n: Approx.exact(f.required[n]) - f.places),
    "increase_pct": Rule("Stigning ved 1 pr. {n} i procent af pladserne i dag",
                         lambda f, n: (Approx.exact(f.required[n]) - f.places) / f.places * 100,
                         decimals=1),
}
UNKNOWN = Rule("", None, note="Tallet kan ikke genberegnes ud fra de øvrige tal i kilden.")

# The causes of the chapter's non-matching checks, by id. A check names its cause in
# `Check.finding`; `findings(checks)` writes title and explanation from the rows it covers.
TRUNCATED = "increase_truncated"
TABLE_TOTAL = "tabel1_total_differs"
EXAMPLE = "quota_example_differs"
ROSTER_DIFFERS = "roster_differs_from_source"
NOT_RECOMPUTABLE = "statement_not_recomputable"
FINDING_TITLES = {
    TRUNCATED: "Stigningen i procent er skåret af, ikke afrundet",
    TABLE_TOTAL: "I alt-rækken i Tabel 1 er ikke summen af områderne",
    EXAMPLE: "Et regneeksempel følger ikke kvotereglen",
    ROSTER_DIFFERS: "Enhedslisten passer ikke med kildens tal",
    NOT_RECOMPUTABLE: "Tal i teksten, som ikke kan regnes efter",
}


def _total(inputs: Inputs) -> pd.Series:
    t = inputs.quota_table
    return t[t["row_type"] == "total"].iloc[0]


def _areas(inputs: Inputs) -> pd.DataFrame:
    t = inputs.quota_table
    return t[t["row_type"] == "area"]


def _rule_of(figure: str, known: dict[int, int]) -> tuple[str, int | None]:
    if figure in STATED:
        return figure, None
    m = _STATED.match(figure)
    if m and int(m.group(2)) in known:
        return m.group(1), int(m.group(2))
    return "", None


def _truncates(check: Check) -> bool:
    """True when cutting the computed figure at the printed decimals gives the printed one."""
    scale = 10 ** (check.decimals or 0)
    return math.floor(check.computed * scale + 1e-9) / scale == check.published


def _truncation_note(check: Check) -> str:
    note = f"Uafrundet giver kildens tal {fmt.percent(check.computed, 2)}."
    if _truncates(check):
        note += " Det trykte tal svarer til at skære decimalen af i stedet for at afrunde."
    return note


def stated_check(row: pd.Series, f: SourceFigures) -> Check:
    """One figure stated in the text, recomputed by its rule (`STATED`)."""
    kind, n = _rule_of(row["figure"], f.required)
    rule = STATED.get(kind, UNKNOWN)
    unit = row["unit"] if isinstance(row["unit"], str) else ""
    divides = kind in ("employees_per_place", "increase_pct")
    computed = None if rule.compute is None or (divides and f.places == 0) else rule.compute(f, n)
    item = rule.item.format(n=n) if rule is not UNKNOWN else str(row["statement"])
    c = Check.of(item, f"{SHORT}, afsnit {row['section']}", row["value"], computed, unit=unit,
                 note=rule.note, decimals=rule.decimals, basis=rule.basis)
    if c.status == NOT_REPRODUCIBLE:
        return c.with_finding(NOT_RECOMPUTABLE)
    if c.status != MATCH and kind == "increase_pct":
        return c.with_finding(TRUNCATED, _truncation_note(c))
    return c


def stated_checks(inputs: Inputs) -> list[Check]:
    """Figures stated in the text, recomputed from the placements by type and Tabel 1."""
    f = source_figures(inputs)
    return [stated_check(row, f) for _, row in inputs.stated.iterrows()]


def table_checks(inputs: Inputs) -> list[Check]:
    """Tabel 1: the total row against the sum of its area rows."""
    src = f"{SHORT}, Tabel 1"
    total, areas = _total(inputs), _areas(inputs)
    out = [Check("Tabel 1: ansatte i alt = sum af områder", src, int(total["employees"]),
                 int(areas["employees"].sum()), "ansatte", decimals=0)]
    for n, col in quota_columns(inputs.quota_table).items():
        out.append(Check(f"Tabel 1: kvote ved 1 pr. {n} i alt = sum af områder", src,
                         int(total[col]), int(areas[col].sum()), "pladser", decimals=0))
    note = "Summen af direktørområderne giver ikke tabellens i alt-række."
    return [_with_cause(c, TABLE_TOTAL, note) for c in out]


def example_checks(inputs: Inputs) -> list[Check]:
    """The worked examples of the quota rule (one place per full N employees)."""
    note = "Kvotereglen (én plads pr. fulde N ansatte) giver et andet antal pladser."
    return [_with_cause(Check(
        f"Eksempel: enhed med {r['employees']} ansatte ved 1 pr. {r['threshold']}",
        f"{SHORT}, afsnit {r['section']}", int(r["quota"]),
        int(quota(int(r["employees"]), int(r["threshold"]))), "pladser", decimals=0), EXAMPLE, note)
        for _, r in inputs.examples.iterrows()]


def _roster_check(item: str, source: str, published: int, computed: int, unit: str,
                  synthetic: bool) -> Check:
    note = ("Enhedslisten er syntetisk og konstrueret, så den rammer de offentliggjorte tal."
            if synthetic else "Enhedslisten er analytikerens udtræk.")
    c = Check(item, source, published, computed, unit, note, decimals=0,
              basis=SYNTHETIC if synthetic else RECOMPUTED)
    return _with_cause(c, ROSTER_DIFFERS, note)


def roster_checks(inputs: Inputs, synthetic: bool) -> list[Check]:
    """The unit roster against the published figures: employees and per-unit quotas per area
    (Tabel 1) and placements by type. With the synthetic roster these hold by construction."""
    roster = inputs.roster
    src = f"{SHORT}, Tabel 1"
    out = []
    for _, r in inputs.quota_table.iterrows():
        part = roster if r["row_type"] == "total" else roster[roster["area"] == r["area"]]
        out.append(_roster_check(f"Tabel 1, {r['area']}: ansatte (enhedsliste)", src,
                                 int(r["employees"]), int(part["employees"].sum()), "ansatte", synthetic))
        for n, col in quota_columns(inputs.quota_table).items():
            out.append(_roster_check(f"Tabel 1, {r['area']}: kvote ved 1 pr. {n} beregnet pr. enhed",
                                     src, int(r[col]), int(quota(part["employees"], n).sum()),
                                     "pladser", synthetic))
    for _, p in inputs.placements.iterrows():
        out.append(_roster_check(f"Pladser, {p['label']} (enhedsliste)", f"{SHORT}, afsnit 2.0",
                                 int(p["placements"]), int(roster[p["placement_type"]].sum()),
                                 "pladser", synthetic))
    out.append(_roster_check("Pladser i alt (enhedsliste)", f"{SHORT}, afsnit 2.0",
                             int(inputs.placements["placements"].sum()), int(held(roster).sum()),
                             "pladser", synthetic))
    return out


def source_checks(inputs: Inputs) -> list[Check]:
    """The checks of the source against itself (no roster): text, Tabel 1, examples."""
    return stated_checks(inputs) + table_checks(inputs) + example_checks(inputs)


def checks(inputs: Inputs, synthetic: bool | None = None) -> list[Check]:
    """Every reconciliation check of the chapter, in the order the chapter shows them (the roster
    synthetic or not as the inputs were read with, `roster_is_synthetic`, unless said here)."""
    synthetic = bool(inputs.parameters.get("roster_is_synthetic", True)) if synthetic is None else synthetic
    return source_checks(inputs) + roster_checks(inputs, synthetic)


def _with_cause(check: Check, finding: str, note: str) -> Check:
    """`check` assigned to `finding` (with `note` when it has none) unless it matches."""
    if check.status == MATCH:
        return check
    return check.with_finding(finding, check.note or note)


def _explain_truncated(rows: list[Check]) -> str:
    c = rows[0]
    where = " og ".join(sorted({r.source.split(", ", 1)[-1] for r in rows}))
    return (f"Kilden ({where}) skriver {fmt.percent(c.published, c.decimals)}. Kildens egne tal "
            f"giver {fmt.percent(c.computed, 2)}, som afrundet er {fmt.percent(c.computed, c.decimals)}. "
            + ("Det trykte tal fremkommer, når man skærer decimalerne af i stedet for at afrunde. "
               if all(_truncates(r) for r in rows) else
               "Det trykte tal fremkommer hverken ved afrunding eller ved at skære decimalerne af. ")
            + "Forskellen ændrer ikke kildens konklusion om, at der skal oprettes flere pladser.")


def _explain_roster(rows: list[Check]) -> str:
    total = next((r for r in rows if r.item == "Pladser i alt (enhedsliste)"), None)
    places = (f" Enhedslisten har {fmt.integer(total.computed)} pladser, budgetanalysen "
              f"{fmt.integer(total.published)}." if total else "")
    return (f"{fmt.integer(len(rows))} tal for ansatte, kvoter eller pladser beregnet ud fra "
            f"enhedslisten afviger fra budgetanalysens.{places} Det er forventeligt, når listen er et nyere "
            "udtræk eller et ændret eksempel; kapitlets tal pr. enhed og pr. direktørområde bygger "
            "på listen, ikke på kilden. Bogen trækker aldrig det ene tal fra det andet: kvoten efter "
            "listen sammenholdes med listens egne pladser, og kildens kvote med kildens pladser.")


EXPLAIN: dict[str, Callable[[list[Check]], str]] = {
    TRUNCATED: _explain_truncated,
    TABLE_TOTAL: lambda rows: ("Summen af direktørområdernes tal i Tabel 1 giver ikke tabellens "
                               "i alt-række. Kildens egne tal er indbyrdes uenige."),
    EXAMPLE: lambda rows: ("Et af kildens regneeksempler giver ikke det antal pladser, som reglen "
                           "»én plads pr. fulde N ansatte« giver."),
    ROSTER_DIFFERS: _explain_roster,
    NOT_RECOMPUTABLE: lambda rows: ("Kilden nævner tal, som ikke kan genberegnes ud fra de øvrige "
                                    "tal i dokumentet. De er gengivet, men ikke kontrolleret."),
}


def findings(checks: list[Check]) -> list[tuple[str, str, str]]:
    """The findings the checks name, once each and in order: (id, title, explanation)."""
    out = []
    for name in dict.fromkeys(c.finding for c in checks if c.finding):
        rows = [c for c in checks if c.finding == name]
        out.append((name, FINDING_TITLES[name], EXPLAIN[name](rows)))
    return out
