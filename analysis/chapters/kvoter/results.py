"""Key figures and key messages of the Kvoter chapter.

`key_figures` lists every figure the chapter records for `results.json` as (name, value, unit),
names in lower snake case and stable across editions; `key_messages` writes the two or three
sentences that open the chapter.
"""
from __future__ import annotations

from ...core import fmt
from . import model

MODEL_SHORT = {"unit": "pr. enhed", "area": "pr. direktørområde"}
PER_THRESHOLD = (("quota_per_unit", "pladser"), ("quota_naive", "pladser"), ("gap", "pladser"),
                 ("new_places_unit_model", "pladser"), ("new_places_area_model", "pladser"),
                 ("new_places_municipality", "pladser"), ("model_difference", "pladser"),
                 ("share_units_without_shortfall", "%"))


def key_figures(summaries: dict[int, dict]) -> list[tuple[str, float, str]]:
    """Every key figure of the chapter as (name, value, unit), thresholds in the given order."""
    s0 = summaries[next(iter(summaries))]
    out = [("places_held", s0["held"], "pladser"), ("employees_total", s0["employees"], "ansatte"),
           ("employees_per_place", model.employees_per_place(s0["employees"], s0["held"]),
            "ansatte pr. plads"),
           ("units", s0["units"], "enheder")]
    for n, s in summaries.items():
        out += [(f"{name}_n{n}", s[name], unit) for name, unit in PER_THRESHOLD]
    return out


def _threshold_message(n: int, s: dict, highlight: str, synthetic: bool) -> str:
    other = "area" if highlight == "unit" else "unit"
    basis = " (syntetisk enhedsliste)" if synthetic else ""
    new_h, new_o = s[f"new_places_{highlight}_model"], s[f"new_places_{other}_model"]
    level = (f"{fmt.integer(s['gap'])} flere end i dag" if s["gap"] > 0 else
             f"{fmt.integer(-s['gap'])} færre end i dag" if s["gap"] < 0 else "lige så mange som i dag")
    return (f"Ved én plads pr. {n} ansatte kræver kvoten {fmt.integer(s['quota_per_unit'])} "
            f"pladser, {level}; fordelt {MODEL_SHORT[highlight]} skal der oprettes "
            f"{fmt.integer(new_h)} nye pladser{basis}, mod {fmt.integer(new_o)} "
            f"fordelt {MODEL_SHORT[other]}.")


def key_messages(summaries: dict[int, dict], highlight: str, date_text: str,
                 synthetic: bool, placements_total: int | None = None) -> list[str]:
    """Two or three computed sentences: today, the strictest and the loosest threshold.

    `placements_total` is the count by type; where the roster holds another number of places,
    the first sentence says so (the rest of the chapter is computed from the roster)."""
    ns = sorted(summaries)
    s0 = summaries[ns[0]]
    ratio = model.employees_per_place(s0["employees"], s0["held"])
    first = (f"Pr. {date_text} havde kommunen {fmt.integer(s0['held'])} pladser til elever, lærlinge "
             f"og personer på særlige vilkår, svarende til én plads pr. {fmt.number(ratio, 1)} ansatte")
    if placements_total is not None and placements_total != s0["held"]:
        first += (f" (ifølge enhedslisten; opgørelsen pr. type har "
                  f"{fmt.integer(placements_total)} pladser)")
    msgs = [first + "."]
    for n in ([ns[0], ns[-1]] if len(ns) > 1 else [ns[0]]):
        msgs.append(_threshold_message(n, summaries[n], highlight, synthetic))
    return msgs
