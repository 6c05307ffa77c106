"""Key figures (names stable across editions) and key messages of the chapter."""
from __future__ import annotations

import math
from typing import Mapping

import pandas as pd

from ...core import fmt
from ...core.voice import Claims, calculated
from .model import rounds_planned, status_counts
from .opening import round_words, source_short
from .schemas import INVENTED, NOT_POSSIBLE, NOT_REACHED, NOT_YET, REACHED, REMOVED, STATUSES, TOO_EARLY

STATUS_KEYS = {REACHED: "reached", NOT_REACHED: "not_reached", NOT_YET: "not_yet_reached",
               NOT_POSSIBLE: "not_possible", TOO_EARLY: "too_early", REMOVED: "removed"}

def _status_phrases(n: Mapping[str, int]) -> list[str]:
    """The statuses other than reached, as phrases with their counts."""
    phrases = {NOT_REACHED: "{n} er ikke nået", NOT_YET: "{n} er endnu ikke nået",
               NOT_POSSIBLE: "{n} kan ikke følges op",
               TOO_EARLY: "for {n} er det endnu for tidligt at følge op"}
    return [phrases[st].format(n=fmt.integer(n[st])) for st in phrases if n.get(st)]


def _year_message(ev: pd.DataFrame, summary: pd.DataFrame, explanations: pd.DataFrame | None,
                  claims: Claims | None = None) -> str:
    """One plan year: the source's counts first (the case text's where it prints them), then
    the itemised goals where they differ, removals, and the source's short explanation."""
    year, rnd = int(ev["plan_year"].iloc[0]), int(ev["round"].iloc[0])
    c = status_counts(ev, summary).set_index("status")
    active = int((ev["status"] != REMOVED).sum())
    n_removed = int((ev["status"] == REMOVED).sum())
    printed = c["printed_count"].notna().any()
    lead = {st: int(c["printed_count"].get(st) if printed and pd.notna(c["printed_count"].get(st))
                    else c["count"].get(st, 0)) for st in STATUSES if st in c.index}
    rest = _status_phrases(lead)
    text = (f"Beskæftigelsesplan {year} ({round_words(rnd, rounds_planned(summary, year))}): "
            + ("ifølge sagsfremstillingen er " if printed else "")
            + f"{fmt.integer(lead.get(REACHED, 0))} af {fmt.integer(active)} mål nået"
            + (", " + ", ".join(rest[:-1]) + (" og " if len(rest) > 1 else "") + rest[-1] if rest else ""))
    if n_removed:
        text += f"; {fmt.integer(n_removed)} mål er udgået i løbet af året"
    diff = c[c["printed_count"].notna() & (c["printed_count"] != c["count"])]
    if not diff.empty:
        text += (", mens opfølgningen mål for mål viser "
                 + " og ".join(f"{fmt.integer(r['count'])} {s}" for s, r in diff.iterrows()))
    text += "."
    short = None if explanations is None else source_short(explanations, year, rnd)
    if short:
        text += f" Ifølge kilden: {short}"
    if "invented" in ev and ev["invented"].eq(INVENTED).any():
        return calculated(f"Opdigtet eksempel – {text}")
    return claims.said(f"status-{year}", text) if printed and claims is not None else calculated(text)


def key_messages(evaluated_by_year: Mapping[int, pd.DataFrame], summary: pd.DataFrame,
                 explanations: pd.DataFrame | None = None, claims: Claims | None = None) -> list[str]:
    """One sentence per plan year, computed from the evaluated follow-ups (with the source's own
    explanation where it gives one; in the source's voice when the source prints the counts and
    a claims register is given). The book's check of the verdicts is no key message: it is in the
    chapter's »Kontrol:« line and in Bilag C."""
    return [_year_message(ev, summary, explanations, claims) for ev in evaluated_by_year.values()]


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


_WHAT = {"round": "Opfølgningsrunde", "planned": "Mål i planen", "removed": "Mål taget ud",
         "followed_up": "Mål fulgt op", "reached": "Mål nået", "not_reached": "Mål ikke nået",
         "not_yet_reached": "Mål endnu ikke nået", "too_early": "For tidligt at vurdere",
         "not_possible": "Mål, der ikke kan vurderes", "reached_share": "Andel mål nået",
         "rule_checked": "Mål kontrolleret efter reglen",
         "rule_disagreements": "Mål, hvor reglen giver en anden status"}


def label(name: str) -> str:
    """The Danish label of a Beskæftigelsesplan key figure: `goals_2024_reached` → `Mål nået, plan 2024`."""
    parts = name.split("_", 2)
    if len(parts) == 3 and parts[0] == "goals" and parts[2] in _WHAT:
        return f"{_WHAT[parts[2]]}, Beskæftigelsesplan {parts[1]}"
    return name


def described(evaluated_by_year: Mapping[int, pd.DataFrame], goals: pd.DataFrame):
    """The key figures with label, population (the follow-up as documented) and the date of the
    latest follow-up shown of each plan year."""
    from ...core.keyfigures import SOURCE, describe

    out = []
    for year, ev in evaluated_by_year.items():
        as_of = str(ev["followup_date"].max())
        figs = key_figures({year: ev}, goals)
        out += describe(figs, population=SOURCE, source=f"Opfølgning på Beskæftigelsesplan {year}",
                        as_of=as_of, label_of=label, headlines=[f"goals_{year}_reached"])
    return out


def series_spec(evaluated_by_year: Mapping[int, pd.DataFrame]):
    """What the chapter follows across editions: goals reached, not yet reached and too early
    to judge, per plan year, by follow-up round."""
    from ...core.seriesviews import SeriesSpec

    short = {"reached": "Nået", "not_yet_reached": "Endnu ikke nået", "too_early": "For tidligt at vurdere"}
    labels = {f"goals_{y}_{k}": f"{text}, plan {y}" for y in evaluated_by_year for k, text in short.items()}
    return SeriesSpec(tuple(labels), "Målenes status efter opfølgningsrunde", as_of_label="Opfølgning",
                      labels=labels)
