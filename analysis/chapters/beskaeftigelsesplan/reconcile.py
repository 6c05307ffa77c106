"""Reconciliation of the chapter: the printed counts and shares against the itemised goals,
each published verdict against the goal's own rule, and the derived figures printed inside
goal texts against the numbers they come from.

Encoding of a goal check: for every evaluable goal whose published status is a verdict (nået /
ikke nået / endnu ikke nået), one check with `published` = 1 if the published status is nået
else 0, `computed` = 1 if the rule finds the goal reached else 0, unit "nået (1 = ja, 0 = nej)".
So `match` means the rule agrees with the published verdict and `differs` means it does not;
the note gives both statuses in words and the measured value against the requirement. Goals
whose published status is no verdict (ikke muligt at følge op, for tidligt) get no check.
Interval of a goal check: the verdicts the printed figures allow (`model.verdict_range`), so a
published verdict that only rounding can explain is `within_rounding`.

Precision of the derived figures' inputs: a number with decimals stands for the interval of its
printed precision (72,6 % for [72,55; 72,65]); a whole number is an exact count (persons,
courses, firms, years) or a target.

Every check is `recomputed` from the source's detail, except goal checks of follow-up rows marked
as invented example data (`synthetic`) and goal checks whose measured value is the administration's
own judgement from samples (`cross_reference`: the verdict compared with the same administration's
printed judgement, which verifies nothing). Every check that does not match names its finding
(`findings`).
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from report.protocol import CROSS_REFERENCE, DIFFERS, MATCH, SYNTHETIC, WITHIN_ROUNDING

from ...core.check import Check
from ...core.precision import Approx
from .findings import Finding, count_finding, derived_finding, rounding_finding, verdict_finding
from .inputs import Inputs
from .model import derived_value, self_judged, verdict_range
from .schemas import INVENTED, REMOVED, missing
from .texts import measured_text, national_text, requirement_text

UNIT_VERDICT = "nået (1 = ja, 0 = nej)"
# How each kind of derived figure is computed, in the reader's words (reconciliation note).
DERIVED_KIND_DA = {"share": "som andel", "sum": "som sum", "change_pct": "som ændring i procent",
                   "annual_pp_reduction": "som årligt fald i procentpoint"}


def _source(evaluated: pd.DataFrame, what: str) -> str:
    """The source line of a check: the follow-up's documents and the place in them."""
    docs = list(dict.fromkeys(evaluated["document"].dropna()))
    return "; ".join(docs) + f" ({what})"


def _invented(r: Mapping) -> bool:
    """True for a follow-up row invented for an example edition."""
    return r.get("invented") == INVENTED


def goal_checks(evaluated: pd.DataFrame) -> list[Check]:
    """One check per evaluable goal with a published verdict (encoding: see the module
    docstring)."""
    out = []
    for _, r in evaluated.iterrows():
        if pd.isna(r["published_reached"]) or pd.isna(r["rule_reached"]):
            continue
        year, rnd = int(r["plan_year"]), int(r["round"])
        note = (f"Offentliggjort: {r['status']}; efter reglen: {r['evaluated_status']}. "
                f"Målt {measured_text(r)}; krav: {requirement_text(r)}"
                + (f"; {national_text(r)}" if not missing(r["national_value"]) else "") + ".")
        basis = {}
        if _invented(r):
            basis = {"basis": SYNTHETIC}
        elif self_judged(r):
            basis = {"basis": CROSS_REFERENCE}
            note += (" Den målte værdi er forvaltningens egen vurdering ud fra stikprøver; sammenligningen "
                     "er ikke en efterprøvning.")
        out.append(Check.of(f"Beskæftigelsesplan {year}, opfølgning {rnd}, mål {r['goal_id']}: "
                            f"status {UNIT_VERDICT}",
                            _source(evaluated.iloc[[0]], f"mål {r['goal_id']}, målopfyldelse"),
                            int(r["published_reached"]), verdict_range(r), unit=UNIT_VERDICT,
                            note=note, decimals=0, **basis))
    return out


def _summary_figure(measure: str, status, goals: pd.DataFrame, active: pd.DataFrame):
    """(computed value, what it counts, note) of one printed summary figure."""
    n = int((active["status"] == status).sum())
    return {
        "goals_planned": (len(goals), "lokale mål i planen", "Optalt i målregistret."),
        "goals_remaining": (int(goals["removed_date"].isna().sum()), "mål efter udgåede mål",
                            "Mål i målregistret uden udgåelsesdato."),
        "goals_followed_up": (len(active), "mål fulgt op",
                              "Mål i opfølgningen, udgåede mål fraregnet."),
        "status_count": (n, f"antal mål med status »{status}«", "Optalt fra de enkelte mål."),
        "status_share": (100 * n / len(active) if len(active) else None,
                         f"andel mål med status »{status}«",
                         f"{n} af {len(active)} mål, optalt fra de enkelte mål."),
    }[measure]


def summary_checks(inputs: Inputs, evaluated: pd.DataFrame) -> list[Check]:
    """One check per printed count and share of one plan year (the plan's own counts) and of
    the round shown; the number of rounds planned is not a checkable figure. Counts are exact,
    so a share of them is exact too."""
    year, rnd = int(evaluated["plan_year"].iloc[0]), int(evaluated["round"].iloc[0])
    s = inputs.summary[(inputs.summary["plan_year"] == year)
                       & (inputs.summary["round"].isna() | (inputs.summary["round"] == rnd))
                       & (inputs.summary["measure"] != "rounds_planned")]
    s = pd.concat([s[s["round"].isna()], s[s["round"].notna()]])
    goals = inputs.goals[inputs.goals["plan_year"] == year]
    active = evaluated[evaluated["status"] != REMOVED]
    src = _source(evaluated, "sagsfremstilling")
    out = []
    for _, p in s.iterrows():
        computed, what, note = _summary_figure(p["measure"], p["status"], goals, active)
        label = f"Beskæftigelsesplan {year}" + ("" if pd.isna(p["round"]) else f", opfølgning {rnd}")
        out.append(Check(f"{label}: {what}", src, p["value"], computed, p["unit"], note,
                         decimals=1 if p["measure"] == "status_share" else 0))
    return out


def _printed_input(x) -> Approx | None:
    """An input of a derived figure: a decimal number as printed, a whole number exact."""
    if missing(x):
        return None
    return Approx.exact(x) if float(x).is_integer() else Approx.printed(x)


def derived_checks(inputs: Inputs, evaluated: pd.DataFrame) -> list[Check]:
    """One check per share, sum or change printed inside a goal text of the plan year."""
    year = int(evaluated["plan_year"].iloc[0])
    out = []
    for _, r in inputs.derived[inputs.derived["plan_year"] == year].iterrows():
        v = derived_value(r["kind"], *(_printed_input(r[k]) for k in ("a", "b", "c", "d")))
        out.append(Check.of(f"Beskæftigelsesplan {year}, mål {r['goal_id']}: {r['figure']}",
                            _source(evaluated, f"mål {r['goal_id']}"), r["printed_value"], v,
                            unit=r["unit"],
                            note=f"Beregnet {DERIVED_KIND_DA[r['kind']]} af de trykte tal."))
    return out


def _year(inputs: Inputs, evaluated: pd.DataFrame) -> tuple[list[Check], list[Finding]]:
    """The checks of one plan year with their findings assigned, and those findings."""
    year = int(evaluated["plan_year"].iloc[0])
    summary = summary_checks(inputs, evaluated)
    goals = goal_checks(evaluated)
    derived = derived_checks(inputs, evaluated)
    found: list[Finding] = []
    if any(c.status != MATCH for c in summary):
        found.append(count_finding(evaluated, inputs.summary))
        summary = [c if c.status == MATCH else c.with_finding(
            found[-1].name, f"Sagsfremstillingen: {c.published:g}; de enkelte mål: {c.computed:g}.")
            for c in summary]
    rows = evaluated[evaluated["published_reached"].notna() & evaluated["rule_reached"].notna()]
    rounding = []
    for i, (c, (_, r)) in enumerate(zip(goals, rows.iterrows())):
        if c.status == DIFFERS:
            found.append(verdict_finding(r, exact=True))
            goals[i] = c.with_finding(found[-1].name)
        elif c.status == WITHIN_ROUNDING:
            rounding.append((i, r["goal_id"]))
    if rounding:
        found.append(rounding_finding(year, [g for _, g in rounding]))
        for i, _ in rounding:
            goals[i] = goals[i].with_finding(found[-1].name)
    off = [c.item.split(": ", 1)[1] for c in derived if c.status != MATCH]
    if off:
        found.append(derived_finding(year, off))
        derived = [c if c.status == MATCH else c.with_finding(found[-1].name) for c in derived]
    return summary + goals + derived, found


def checks(inputs: Inputs, evaluated: Mapping[int, pd.DataFrame]) -> list[Check]:
    """Every check of the chapter, per plan year shown: summary, goal verdicts, derived; each
    check that does not match names its finding."""
    return [c for ev in evaluated.values() for c in _year(inputs, ev)[0]]


def findings(inputs: Inputs, evaluated: Mapping[int, pd.DataFrame]) -> list[Finding]:
    """The findings the checks name, once each, in the order of the checks."""
    return [f for ev in evaluated.values() for f in _year(inputs, ev)[1]]
