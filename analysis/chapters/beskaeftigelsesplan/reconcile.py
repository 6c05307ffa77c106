"""Reconciliation of the chapter: the printed counts and shares against the itemised goals,
each published verdict against the goal's own rule, and the derived figures printed inside
goal texts against the numbers they come from.

Encoding of a goal check: for every evaluable goal whose published status is a verdict (nået /
ikke nået / endnu ikke nået), one check with `published` = 1 if the published status is nået
else 0, `computed` = 1 if the rule finds the goal reached else 0, unit "nået (1 = ja, 0 = nej)".
So `match` means the rule agrees with the published verdict and `differs` means it does not;
the note gives both statuses in words and the measured value against the requirement. Goals
whose published status is no verdict (ikke muligt at følge op, for tidligt) get no check.
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from ...core.check import Check
from .inputs import Inputs
from .model import derived_value
from .schemas import REMOVED, missing
from .texts import measured_text, national_text, requirement_text

UNIT_VERDICT = "nået (1 = ja, 0 = nej)"
# How each kind of derived figure is computed, in the reader's words (reconciliation note).
DERIVED_KIND_DA = {"share": "som andel", "sum": "som sum", "change_pct": "som ændring i procent",
                   "annual_pp_reduction": "som årligt fald i procentpoint"}


def _source(evaluated: pd.DataFrame, what: str) -> str:
    docs = list(dict.fromkeys(evaluated["document"].dropna()))
    return "; ".join(docs) + f" ({what})"


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
        out.append(Check(f"Beskæftigelsesplan {year}, opfølgning {rnd}, mål {r['goal_id']}: "
                         f"status {UNIT_VERDICT}", _source(evaluated.iloc[[0]], f"mål {r['goal_id']}, målopfyldelse"),
                         int(r["published_reached"]), int(r["rule_reached"]), UNIT_VERDICT, note,
                         decimals=0))
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
        "status_count": (n, f"antal mål med status '{status}'", "Optalt fra de enkelte mål."),
        "status_share": (100 * n / len(active) if len(active) else None,
                         f"andel mål med status '{status}'",
                         f"{n} af {len(active)} mål, optalt fra de enkelte mål."),
    }[measure]


def summary_checks(inputs: Inputs, evaluated: pd.DataFrame) -> list[Check]:
    """One check per printed count and share of one plan year (the plan's own counts) and of
    the round shown; the number of rounds planned is not a checkable figure."""
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


def derived_checks(inputs: Inputs, evaluated: pd.DataFrame) -> list[Check]:
    """One check per share, sum or change printed inside a goal text of the plan year."""
    year = int(evaluated["plan_year"].iloc[0])
    out = []
    for _, r in inputs.derived[inputs.derived["plan_year"] == year].iterrows():
        v = derived_value(r["kind"], r["a"], r["b"], r["c"], r["d"])
        out.append(Check(f"Beskæftigelsesplan {year}, mål {r['goal_id']}: {r['figure']}",
                         _source(evaluated, f"mål {r['goal_id']}"), r["printed_value"], v,
                         r["unit"], f"Beregnet {DERIVED_KIND_DA[r['kind']]} af de trykte tal."))
    return out


def checks(inputs: Inputs, evaluated: Mapping[int, pd.DataFrame]) -> list[Check]:
    """Every check of the chapter, per plan year shown: summary, goal verdicts, derived."""
    out: list[Check] = []
    for ev in evaluated.values():
        out += summary_checks(inputs, ev) + goal_checks(ev) + derived_checks(inputs, ev)
    return out
