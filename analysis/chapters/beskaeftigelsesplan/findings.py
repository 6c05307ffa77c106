"""Findings of the chapter: the causes that explain the checks that do not match, each with a
Danish title and an explanation for a committee member, all computed from the data.

Causes (one finding per cause, however many rows it covers):
* `optaelling_<year>`: the case text's counts of a plan year disagree with its itemised goals
  (count and share rows of the summary);
* `vurdering_<year>_maal_<goal>`: a published verdict that the goal's own requirement does not
  give (one per goal: each is its own judgement);
* `vurdering_afrunding_<year>`: published verdicts that only rounding of the printed figures
  can reconcile with the requirement;
* `afledte_tal_<year>`: a share, sum or change printed in a goal text that its printed numbers
  do not give.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import pandas as pd

from ...core import fmt
from .model import status_counts
from .schemas import REMOVED, missing
from .texts import national_text, requirement_text, value_text


@dataclass(frozen=True)
class Finding:
    """A cause shared by non-matching checks: its name (as the checks name it), title and
    explanation in Danish."""

    name: str
    title: str
    explanation: str


def goal_key(goal_id: str) -> str:
    """A goal id as part of a finding name: `4.1` → `4_1`."""
    return goal_id.replace(".", "_")


def count_finding(evaluated: pd.DataFrame, summary: pd.DataFrame) -> Finding:
    """The case text's counts against the itemised goals of one plan year and round, and,
    when it is so, that counting the disputed goals by their requirement gives the printed
    counts."""
    year, rnd = int(evaluated["plan_year"].iloc[0]), int(evaluated["round"].iloc[0])
    c = status_counts(evaluated, summary).set_index("status")
    printed = c[c["printed_count"].notna()]
    off = printed[printed["printed_count"] != printed["count"]]
    pairs = "; ".join(f"»{s}«: {fmt.integer(r['printed_count'])} i sagsfremstillingen, "
                      f"{fmt.integer(r['count'])} i tabellen" for s, r in off.iterrows())
    text = (f"Sagsfremstillingen til opfølgning {rnd} på Beskæftigelsesplan {year} opgør, hvor "
            f"mange mål der har hver status. Tæller man de enkelte mål i tabellen under den, "
            f"bliver tallene andre ({pairs}). Kilden modsiger altså sig selv.")
    bad = evaluated[evaluated["agrees"].eq(False) & (evaluated["status"] != REMOVED)]
    if len(bad) and (printed["printed_count"] == printed["rule_count"]).all():
        goals = " og ".join(f"mål {r['goal_id']}" for _, r in bad.iterrows())
        text += (f" Sagsfremstillingens tal passer præcis, hvis {goals} tælles med den status, "
                 f"bogens regel for målets krav giver (»{bad['evaluated_status'].iloc[0]}«), i stedet for "
                 f"den offentliggjorte (»{bad['status'].iloc[0]}«); se fundet om "
                 + ("det mål." if len(bad) == 1 else "de mål."))
    text += " Bogen viser begge optællinger og retter ingen af dem."
    return Finding(f"optaelling_{year}", f"Optællingen i sagsfremstillingen for {year} passer ikke "
                   "med de enkelte mål", text)


def _development(r: Mapping) -> str:
    """How the measurement and the national figure moved since the baseline, when both
    baselines are printed; else empty."""
    if missing(r["baseline_value"]) or missing(r["national_baseline"]) or missing(r["national_value"]):
        return ""
    unit, better = r["unit"], r["better"]
    own = r["measured_value"] - r["baseline_value"]
    national = r["national_value"] - r["national_baseline"]
    text = (f" Fra {r['baseline_period']} til {r['measured_period']} gik Norddjurs fra "
            f"{value_text(r['baseline_value'], unit)} til {value_text(r['measured_value'], unit)}, "
            f"mens landstallet gik fra {value_text(r['national_baseline'], unit)} til "
            f"{value_text(r['national_value'], unit)}.")
    if (own > national) == (better == "higher") and own != national:
        text += (" Udviklingen har altså været bedre end på landsplan, mens niveauet ikke er det. "
                 "Den offentliggjorte vurdering passer med udviklingen; bogens regel ser på niveauet.")
    return text


def verdict_finding(r: Mapping, exact: bool) -> Finding:
    """A published verdict that the goal's own requirement does not give (one goal)."""
    year = int(r["plan_year"])
    measured = value_text(r["measured_value"], r["unit"])
    against = f" mod {national_text(r)}" if not missing(r["national_value"]) else ""
    text = (f"Bogen læser kravet i mål {r['goal_id']} ({r['title']}) sådan: »{requirement_text(r)}«. Målt er "
            f"{measured}{against}. Opfølgningen vurderer målet som »{r['status']}«, men kravet "
            f"giver efter bogens læsning »{r['evaluated_status']}«." + _development(r))
    text += (" Afrunding af de trykte tal kan ikke forklare forskellen." if exact else
             " De trykte tal er afrundede, og forskellen kan skyldes afrundingen.")
    return Finding(f"vurdering_{year}_maal_{goal_key(r['goal_id'])}",
                   f"Mål {r['goal_id']} ({year}) er vurderet som »{r['status']}«, men bogens læsning af "
                   f"målets krav giver »{r['evaluated_status']}«", text)


def rounding_finding(year: int, goal_ids: list[str]) -> Finding:
    """Published verdicts that only rounding of the printed figures reconciles."""
    goals = ", ".join(goal_ids)
    return Finding(f"vurdering_afrunding_{year}",
                   f"Vurderingen af mål {goals} ({year}) afhænger af afrunding",
                   f"For mål {goals} ligger den trykte måling så tæt på kravet, at afrundingen af de "
                   "trykte tal afgør, om målet er nået. Den offentliggjorte vurdering er mulig, men "
                   "kan ikke efterprøves ud fra de trykte tal.")


def derived_finding(year: int, figures: list[str]) -> Finding:
    """Shares, sums or changes printed in goal texts that their printed numbers do not give."""
    return Finding(f"afledte_tal_{year}",
                   f"Tal i målteksterne for {year} passer ikke med de tal, de er regnet af",
                   f"Opfølgningen på Beskæftigelsesplan {year} trykker {', '.join(figures)}, men "
                   "de tal, der står ved siden af, giver et andet resultat. Bogen viser det trykte tal.")
