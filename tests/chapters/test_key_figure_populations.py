"""One population per key figure, in every chapter: each figure the chapter records carries its
population, a Danish label and a definition, and its name says the population (see
analysis.core.keyfigures). Kvoter, the chapter with two populations, is also checked by changing
one population's inputs (tests/chapters/kvoter/test_results.py)."""
from __future__ import annotations

import pytest

from analysis.chapters import CHAPTERS, load_inputs
from analysis.core.keyfigures import NAME_PREFIXES, POPULATIONS, SOURCE, name_rule_violations
from analysis.core.paths import ROOT
from book.editions import load_edition
from book.plan import make_plan
from book.project import load_book


@pytest.fixture(scope="module")
def params():
    plan = make_plan(load_edition(ROOT / "params" / "2025-Q1.yml"), load_book())
    return {c: dict(plan.part(c).parameters) for c in CHAPTERS}


def _described(chapter: str, p: dict):
    """The chapter's key figures described and as (name, value, unit), computed once from its
    inputs with the parameters they were read with (a new chapter's `results` takes the inputs)."""
    import importlib

    def module(name):
        return importlib.import_module(f"analysis.chapters.{chapter}.{name}")

    inputs = load_inputs(chapter, p)
    results = module("results")
    if chapter == "kvoter":
        c = module("model").computed(inputs)
        return results.described(c), results.key_figures(c)
    if chapter == "beskaeftigelsesplan":
        ev = module("model").evaluated(inputs)
        return results.described(ev, inputs.goals), results.key_figures(ev, inputs.goals)
    if chapter == "investeringer":
        d = module("model").derive(inputs)
        return results.described(d), results.key_figures(d)
    if chapter == "benchmark":
        c = module("computed").of(inputs)
        return results.described(c), results.key_figures(c.overview, c.total)
    if chapter == "rammer":
        return results.described(inputs), results.results(inputs)
    return results.described(inputs), results.key_figures(inputs)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_key_figure_has_one_population_its_name_says(chapter, params):
    described, plain = _described(chapter, params[chapter])
    assert chapter in NAME_PREFIXES or {f.population for f in described} <= {SOURCE}  # "" → the source's
    assert [(f.name, f.value, f.unit) for f in described] == list(plain)  # the same figures, described
    assert not name_rule_violations(chapter, described)
    assert all(f.population in POPULATIONS and f.label and f.definition and f.source for f in described)
    unlabelled = [f.name for f in described if f.label == f.name]
    assert not unlabelled, f"{chapter}: no Danish label for {unlabelled[:5]}"
    assert all(f.as_of is None or len(f.as_of) == 10 for f in described)
