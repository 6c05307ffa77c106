"""Key figures with what a reader and a series need to know about them: a Danish label, the
unit, the population the figure is computed from, the source or extract, the date the data
refer to and a definition.

Populations: every key figure is computed from one population, never a mix:

- `source`: the source document's baseline (the budget analysis, the notat, BDO's benchmark);
- `edition`: this edition's own extract (e.g. the HR roster of the quarter);
- `synthetic`: synthetic example data standing in for an extract that is not there yet.

A figure's name says which: each chapter declares in `NAME_PREFIXES` the population its name
prefixes stand for (the longest matching prefix wins; "" is the chapter's default). Figures of
one name in two editions are comparable when their definitions are equal.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from report.records import EDITION, POPULATIONS, SOURCE, SYNTHETIC, KeyFigure

__all__ = ["EDITION", "POPULATIONS", "SOURCE", "SYNTHETIC", "KeyFigure", "POPULATION_LABELS", "NAME_PREFIXES",
           "population_of_name", "base_name", "name_rule_violations", "describe"]

POPULATION_LABELS = {SOURCE: "kildens tal", EDITION: "udgavens eget udtræk",
                     SYNTHETIC: "syntetiske eksempeldata"}

# chapter -> {name prefix: population}; "" is the chapter's default.
NAME_PREFIXES: dict[str, dict[str, str]] = {
    "rammer": {"": SOURCE},
    "kvoter": {"source_": SOURCE, "roster_": EDITION, "synthetic_": SYNTHETIC},
    "beskaeftigelsesplan": {"": SOURCE},
    "investeringer": {"": SOURCE},
    "benchmark": {"": SOURCE},
}


def population_of_name(chapter: str, name: str) -> str | None:
    """The population a figure's name stands for in a chapter (None: no prefix matches)."""
    prefixes = NAME_PREFIXES.get(chapter, {"": SOURCE})
    best = max((p for p in prefixes if name.startswith(p)), key=len, default=None)
    return prefixes[best] if best is not None else None


def base_name(chapter: str, name: str) -> str:
    """The name without its population prefix: `roster_places_held` → `places_held`."""
    for prefix in sorted(NAME_PREFIXES.get(chapter, {}), key=len, reverse=True):
        if prefix and name.startswith(prefix):
            return name[len(prefix):]
    return name


def name_rule_violations(chapter: str, figures: Iterable[KeyFigure]) -> list[str]:
    """Figures whose name does not say their population, or whose population is unknown."""
    bad = []
    for f in figures:
        if f.population not in POPULATIONS:
            bad.append(f"{f.name}: unknown population {f.population!r}")
        elif population_of_name(chapter, f.name) != f.population:
            bad.append(f"{f.name}: recorded as {f.population}, but its name says "
                       f"{population_of_name(chapter, f.name)}")
    return bad


def describe(figures: Iterable[tuple[str, float, str | None]], labels: Mapping[str, str] | None = None,
             population: str = SOURCE, source: str = "", as_of: str | None = None,
             label_of=None, headlines: Iterable[str] = ()) -> list[KeyFigure]:
    """KeyFigures of one population from (name, value, unit) triples; the label comes from
    `labels`, else from `label_of(name)`, else the name; the definition is the label and unit;
    names in `headlines` are marked as the chapter's headline figures."""
    out, heads = [], set(headlines)
    for name, value, unit in figures:
        label = (labels or {}).get(name) or (label_of(name) if label_of else None) or name
        out.append(KeyFigure(name, value, unit, label, population, source, as_of,
                             f"{label} ({unit})" if unit else label, name in heads))
    return out
