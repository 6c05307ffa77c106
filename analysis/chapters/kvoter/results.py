"""Key figures and key messages of the Kvoter chapter.

`key_figures` lists every figure the chapter records for `results.json` as (name, value, unit),
names in lower snake case and stable across editions. Figures computed from the synthetic
unit roster carry the prefix `synthetic_`; the source's own totals (places held, employees,
Tabel 1's quotas) do not.

`key_messages` writes the two or three sentences that open the chapter and reach the front
chapter. They use the source's figures only: nothing computed from the synthetic roster, and
the 253 places as the total the source gives (no split by unit or director area).
"""
from __future__ import annotations

import pandas as pd

from ...core import fmt
from . import model

SYNTHETIC_PREFIX = "synthetic_"
ROSTER_FIGURES = (("new_places_unit_model", "pladser"), ("new_places_area_model", "pladser"),
                  ("model_difference", "pladser"), ("share_units_without_shortfall", "%"))


def _prefix(synthetic: bool) -> str:
    return SYNTHETIC_PREFIX if synthetic else ""


def _quota(c: model.Computed, n: int) -> tuple[int, str]:
    """The quota at `n` and the prefix of figures built on it: Tabel 1 where the source
    computes `n`, else the roster (labelled when synthetic)."""
    if n in c.source.required:
        return c.source.required[n], ""
    return int(c.summaries[n]["quota_per_unit"]), _prefix(c.synthetic)


def key_figures(c: model.Computed) -> list[tuple[str, float, str]]:
    """Every key figure of the chapter as (name, value, unit), thresholds in the given order."""
    src, p = c.source, _prefix(c.synthetic)
    out = [("places_held", src.places, "pladser"), ("employees_total", src.employees, "ansatte"),
           ("employees_per_place", model.employees_per_place(src.employees, src.places),
            "ansatte pr. plads"),
           (f"{p}units", c.summaries[c.thresholds[0]]["units"], "enheder")]
    for n in c.thresholds:
        q, qp = _quota(c, n)
        out += [(f"{qp}quota_per_unit_n{n}", q, "pladser"),
                (f"quota_naive_n{n}", src.employees // n, "pladser"),
                (f"{qp}gap_n{n}", q - src.places, "pladser"),
                (f"{qp}new_places_municipality_n{n}", max(q - src.places, 0), "pladser")]
        out += [(f"{p}{name}_n{n}", c.summaries[n][name], unit) for name, unit in ROSTER_FIGURES]
    return out


def period_of(periods: pd.DataFrame, figures: str) -> str | None:
    """The printed wording of the date a kind of figures refers to ("primo februar 2025")."""
    rows = periods[periods["figures"] == figures]
    return str(rows["printed"].iloc[0]) if len(rows) else None


def _increase(c: model.Computed, n: int) -> str:
    printed = c.source.printed_increase.get(n)
    own = c.source.increase_pct(n)
    if printed is None:
        return f"en stigning på {fmt.percent(own)}"
    text = f"ifølge kilden en stigning på {fmt.percent(printed)}"
    if fmt.number(printed, 1) != fmt.number(own, 1):
        text += f" (kildens egne tal giver {fmt.percent(own)})"
    return text


def _threshold_clause(c: model.Computed, n: int) -> str:
    gap = c.source.gap(n)
    head = f"ved én plads pr. {n} ansatte kræver kvoten {fmt.integer(c.source.required[n])} pladser"
    if gap <= 0:
        return head + ", som kommunen under ét allerede lever op til"
    return head + f", {fmt.integer(gap)} flere end i dag – {_increase(c, n)}"


def key_messages(inputs, c: model.Computed) -> list[str]:
    """Two or three sentences from the source's own figures: places today, the quota at the
    source's thresholds, and the source's caveat that more new places will be needed."""
    src = c.source
    when = period_of(inputs.periods, "placements")
    ratio = model.employees_per_place(src.employees, src.places)
    staff = period_of(inputs.periods, "employees")
    first = (f"{fmt.integer(src.places)} borgere var {when} tilknyttet kommunen som arbejdsgiver "
             f"som elev, lærling, i fleksjob eller i et virksomhedsrettet forløb – én for hver "
             f"{fmt.integer(ratio)} ansatte" + (f" (ansatte i {staff})." if staff else "."))
    msgs = [first]
    shown = sorted(c.published, reverse=True)
    if shown:
        clauses = [_threshold_clause(c, n) for n in shown]
        text = "; ".join(clauses) + "."
        msgs.append(text[0].upper() + text[1:])
    msgs.append("Kilden venter, at der skal oprettes flere nye pladser end forskellen, fordi "
                "enheder med flere pladser end kvoten ikke forventes at skære ned, mens enheder uden "
                "pladser skal op; hvor mange flere, afhænger af pladsernes fordeling på enheder, "
                "som kilden ikke oplyser.")
    return msgs
