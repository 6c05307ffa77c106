"""Findings of the Rammer chapter: the causes shared by its checks that do not match, each with
a title and an explanation in plain Danish for a committee member, computed from the data."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

import pandas as pd

from report.protocol import MATCH, NOT_REPRODUCIBLE, RECOMPUTED

from ...core import fmt
from ...core.check import STATUS_DA, Check
from ...core.tables import escape_markdown
from . import model
from .inputs import Inputs
from .opening import dashes

BENCHMARK_DATA = "benchmark_ministeriets_egne_tal"
VIVE_ECO = "noegletal_vive_regnskabstal"
AKASSE_MEMBERS = "akasse_medlemstal"


@dataclass(frozen=True)
class Finding:
    """One cause shared by non-matching checks: its id, a Danish title and explanation."""

    name: str
    title: str
    explanation: str


def _benchmark(inputs: Inputs) -> Finding:
    total = model.benchmark_total(model.benchmark_table(inputs.benchmark))
    saving = model.figure_row(inputs.intro_figures, "benchmark_mindreforbrug")
    fewer = total["difference_computed"] < 0
    agree = ("Beløbet peger i samme retning som tabellen, hvor Norddjurs havde færre på "
             "forsørgelse end forventet." if fewer and saving["value"] > 0 else
             "Bemærk: beløbet og tabellens forskel peger ikke i samme retning.")
    return Finding(
        BENCHMARK_DATA, "Placering og mindreforbrug bygger på ministeriets egne tal",
        f"Placeringen som nr. {fmt.integer(total['rank'])} på ranglisten kræver alle kommuners tal, "
        f"og beløbet på {fmt.amount(saving['value'], saving['unit'], 1)} kræver ministeriets udgift pr. "
        "fuldtidsperson. Introduktionen gengiver ingen af delene, så bogen kan ikke regne de to tal "
        f"efter. Det er ikke et tegn på fejl. {agree}")


def _vive(inputs: Inputs) -> Finding:
    kf = inputs.key_figures
    k = kf.set_index("indicator_id")["value"]
    periods = kf[kf["indicator_id"].str.startswith("udvikling_")]["period"]
    changes = (f"udviklingen i {fmt.integer(len(periods))} udgiftsområder "
               f"({periods.iloc[0].replace('-', '–')})" if len(periods) else "udviklingen i udgifterne")
    whole, part = k.get("foertidspension_andel_udvalg"), k.get("foertidspension_andel_forsoergelse")
    consistent = ""
    if pd.notna(whole) and pd.notna(part):
        consistent = (" De to andele for førtidspension hænger sammen: andelen er størst af "
                      "forsørgelsesudgifterne, som er en del af udvalgets samlede udgifter."
                      if part >= whole else
                      " Bemærk: andelen af forsørgelsesudgifterne er mindre end andelen af udvalgets "
                      "samlede udgifter, selv om forsørgelse er en del af dem.")
    return Finding(
        VIVE_ECO, "Nøgletalsrapportens procenter kan ikke regnes efter",
        f"Andelene for førtidspension og {changes} bygger på "
        "VIVE's regnskabstal (ECO-nøgletal), som dagsordenen ikke gengiver. Bogen viser tallene, "
        f"som dagsordenen trykker dem.{consistent}")


def _akasse(inputs: Inputs) -> Finding:
    c = model.akasse_coverage(inputs.akasse_agreements, inputs.akasse_coverage)
    bigger = c["andel_medlemmer_printed"] > c["andel_akasser_printed"]
    reading = (" At andelen af medlemmerne er større end andelen af a-kasserne, betyder blot, at "
               "a-kasserne med aftale i gennemsnit har flere medlemmer i kommunen end de øvrige."
               if bigger else "")
    return Finding(
        AKASSE_MEMBERS, "Andelen af a-kassemedlemmer kan ikke regnes efter",
        f"Dagsordenen oplyser, at a-kasserne med aftale har "
        f"{fmt.percent(c['andel_medlemmer_printed'], 1)} af medlemmerne, men ikke hvor mange "
        f"medlemmer hver a-kasse har. Tallet kan derfor ikke efterprøves.{reading}")


FINDINGS: dict[str, Callable[[Inputs], Finding]] = {
    BENCHMARK_DATA: _benchmark, VIVE_ECO: _vive, AKASSE_MEMBERS: _akasse}


def findings(inputs: Inputs, checks: Iterable[Check]) -> list[Finding]:
    """The findings the given checks name, once each, in the order first named."""
    names = dict.fromkeys(c.finding for c in checks if c.finding)
    return [FINDINGS[n](inputs) for n in names]


def reconciliation_text(checks: list[Check], found: list[Finding]) -> str:
    """The chapter's Afstemning section: what was recomputed, and each finding with the rows it
    covers (the full row list is in the appendix and the open data)."""
    recomputed = [c for c in checks if c.basis == RECOMPUTED and c.status != NOT_REPRODUCIBLE]
    by_status = Counter(c.status for c in recomputed)
    stated = ("og alle stemmer" if set(by_status) == {MATCH} else
              "; ".join(f"{fmt.integer(n)} {STATUS_DA[s].lower()}" for s, n in by_status.items()))
    n_missing = sum(c.status == NOT_REPRODUCIBLE for c in checks)
    lines = ["## Afstemning med kilderne", "",
             f"Bogen har regnet {fmt.integer(len(recomputed))} af kildernes tal efter ud fra kildernes "
             f"egne detaljer, {stated}. {fmt.integer(n_missing)} tal kan ikke regnes efter, fordi "
             "kilderne ikke trykker de tal, de bygger på; de er samlet nedenfor efter årsag."]
    for f in found:
        items = [escape_markdown(dashes(c.item)) for c in checks if c.finding == f.name]
        lines += ["", f"**{f.title}** ({fmt.integer(len(items))} tal: {'; '.join(items)})", "",
                  escape_markdown(f.explanation)]
    return "\n".join(lines)
