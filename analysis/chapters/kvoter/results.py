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
        return f"en stigning på {fmt.percent(own)} (bogens beregning)"
    text = f"en stigning på {fmt.percent(printed)}"
    if fmt.number(printed, 1) != fmt.number(own, 1):
        text += f" (bogens beregning ud fra kildens tal giver {fmt.percent(own)})"
    return text


def _threshold_clause(c: model.Computed, n: int, when: str | None) -> str:
    gap = c.source.gap(n)
    head = f"ved én plads pr. {n}. medarbejder {fmt.integer(c.source.required[n])} pladser"
    if gap <= 0:
        return head + ", som kommunen samlet set allerede lever op til"
    return head + f", {fmt.integer(gap)} flere end {when or 'i kildens opgørelse'} – {_increase(c, n)}"


def _quota_message(inputs, c: model.Computed, when: str | None) -> str:
    """The quota at the source's thresholds, in the source's voice; the claim is that of the
    highest threshold's clause when the register has one per threshold."""
    shown = sorted(c.published, reverse=True)
    text = "Ifølge budgetanalysen kræver kvoten " + "; ".join(_threshold_clause(c, n, when) for n in shown) + "."
    ids = [f"kvote-n{n}" for n in shown]
    for extra in ids[1:]:
        inputs.claims.said(extra, text)  # refuses a dropped condition of every threshold's claim
    return inputs.claims.said(ids[0], text)


def key_messages(inputs, c: model.Computed) -> list[str]:
    """Two or three sentences from the source's own figures, each in its voice: places at the
    source's date, the quota at the source's thresholds (with its conditions), and the source's
    expectation that more new places will be needed, with its reasons."""
    src, claims = c.source, inputs.claims
    when = period_of(inputs.periods, "placements")
    ratio = model.employees_per_place(src.employees, src.places)
    staff = period_of(inputs.periods, "employees")
    first = (f"Ifølge budgetanalysen var {fmt.integer(src.places)} borgere {when} tilknyttet kommunen som "
             f"arbejdsgiver som elev, lærling, i fleksjob eller i et virksomhedsrettet forløb – én for hver "
             f"{fmt.integer(ratio)}. ansat" + (f" (ansatte i {staff})" if staff else "")
             + "; borgere fra andre kommuner er ikke talt med.")
    msgs = [claims.said("pladser-i-dag", first)]
    if c.published:
        msgs.append(_quota_message(inputs, c, when))
    last = ("Budgetanalysen venter, at stigningen med stor sandsynlighed bliver større, fordi der er "
            "arbejdspladser uden sådanne pladser, og fordi arbejdspladser, der allerede har flere end "
            "kvoten, ikke forventes at gå ned i antal.")
    msgs.append(claims.said("stigning-stoerre", last))
    return msgs
