"""Key figures (names stable across editions) and key messages of the chapter."""
from __future__ import annotations

import math
from typing import Mapping

import pandas as pd

from ...core import fmt
from .model import status_counts
from .schemas import NOT_POSSIBLE, NOT_REACHED, NOT_YET, REACHED, REMOVED, STATUSES, TOO_EARLY

STATUS_KEYS = {REACHED: "reached", NOT_REACHED: "not_reached", NOT_YET: "not_yet_reached",
               NOT_POSSIBLE: "not_possible", TOO_EARLY: "too_early", REMOVED: "removed"}

def key_messages(evaluated_by_year: Mapping[int, pd.DataFrame], summary: pd.DataFrame) -> list[str]:
    """Two or three sentences computed from the evaluated follow-ups."""
    msgs = []
    for year, ev in evaluated_by_year.items():
        rnd = int(ev["round"].iloc[0])
        c = status_counts(ev, summary).set_index("status")
        active = int((ev["status"] != REMOVED).sum())
        n_removed = int((ev["status"] == REMOVED).sum())
        n = {st: int(c["count"].get(st, 0)) for st in STATUSES}
        parts = [f"{fmt.integer(n[NOT_REACHED])} er ikke nået" if n[NOT_REACHED] else "",
                 f"{fmt.integer(n[NOT_YET])} er endnu ikke nået" if n[NOT_YET] else "",
                 (f"{fmt.integer(n[NOT_POSSIBLE] + n[TOO_EARLY])} kan ikke eller endnu ikke "
                  "følges op") if n[NOT_POSSIBLE] + n[TOO_EARLY] else ""]
        parts = [p for p in parts if p]
        rest = (", ".join(parts[:-1]) + " og " + parts[-1]) if len(parts) > 1 else "".join(parts)
        text = (f"Beskæftigelsesplan {year} (opfølgning {rnd}): {fmt.integer(n[REACHED])} af "
                f"{fmt.integer(active)} mål er nået ({fmt.percent(100 * n[REACHED] / active, 1)})"
                + (f", {rest}" if rest else ""))
        if n_removed:
            text += f"; {fmt.integer(n_removed)} mål er udgået i løbet af året"
        diff = c[c["printed_count"].notna() & (c["printed_count"] != c["count"])]
        if not diff.empty:
            text += (". Sagsfremstillingen tæller "
                     + " og ".join(f"{fmt.integer(r['printed_count'])} {s}" for s, r in diff.iterrows())
                     + ", mens de enkelte mål giver "
                     + " og ".join(fmt.integer(r["count"]) for _, r in diff.iterrows()))
        msgs.append(text + ".")
    checks = pd.concat([ev for ev in evaluated_by_year.values()])
    checked = checks[checks["agrees"].notna()]
    bad = checked[checked["agrees"].eq(False)]
    text = (f"Målenes egne krav kan efterprøve {fmt.integer(len(checked))} offentliggjorte "
            f"vurderinger; {fmt.integer(len(checked) - len(bad))} stemmer")
    if len(bad):
        text += ", mens " + ", ".join(f"mål {r['goal_id']} ({r['plan_year']})"
                                      for _, r in bad.iterrows()) + " er vurderet anderledes end kravet tilsiger"
    msgs.append(text + ".")
    return msgs


def results(evaluated: pd.DataFrame, goals: pd.DataFrame) -> dict[str, float]:
    """Key figures of one plan year for `report.result` (names stable across editions)."""
    year = int(evaluated["plan_year"].iloc[0])
    active = evaluated[evaluated["status"] != REMOVED]
    p = f"goals_{year}"
    out = {f"{p}_round": int(evaluated["round"].iloc[0]),
           f"{p}_planned": int((goals["plan_year"] == year).sum()),
           f"{p}_removed": int((evaluated["status"] == REMOVED).sum()),
           f"{p}_followed_up": len(active)}
    for st in STATUSES[:-1]:
        out[f"{p}_{STATUS_KEYS[st]}"] = int((active["status"] == st).sum())
    out[f"{p}_reached_share"] = 100 * out[f"{p}_reached"] / len(active) if len(active) else math.nan
    out[f"{p}_rule_checked"] = int(evaluated["agrees"].notna().sum())
    out[f"{p}_rule_disagreements"] = int(evaluated["agrees"].eq(False).sum())
    return out




def key_figures(evaluated_by_year: Mapping[int, pd.DataFrame],
                goals: pd.DataFrame) -> list[tuple[str, float, str | None]]:
    """Every key figure of the chapter as (name, value, unit), plan year by plan year."""
    out = []
    for ev in evaluated_by_year.values():
        for name, value in results(ev, goals).items():
            out.append((name, value, "%" if name.endswith("_share") else None))
    return out
