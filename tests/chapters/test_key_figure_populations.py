"""One population per key figure, in every chapter: each figure the chapter records carries its
population, a Danish label and a definition, and its name says the population (see
analysis.core.keyfigures). Kvoter, the chapter with two populations, is also checked by changing
one population's inputs (tests/chapters/kvoter/test_results.py)."""
from __future__ import annotations

import pytest

from analysis.chapters import CHAPTERS, load_inputs
from analysis.core.keyfigures import NAME_PREFIXES, POPULATIONS, name_rule_violations
from analysis.core.paths import ROOT
from book.editions import load_edition
from book.plan import make_plan
from book.project import load_book


@pytest.fixture(scope="module")
def params():
    plan = make_plan(load_edition(ROOT / "params" / "2025-Q1.yml"), load_book())
    return {c: dict(plan.part(c).parameters) for c in CHAPTERS}


def _described(chapter: str, p: dict):
    import importlib
    from types import SimpleNamespace

    pkg = SimpleNamespace(**{m: importlib.import_module(f"analysis.chapters.{chapter}.{m}")
                             for m in ("model", "results")})
    inputs = load_inputs(chapter, p)
    if chapter == "rammer":
        from analysis.chapters.rammer.inputs import selected_blocks
        shown = selected_blocks(p["blocks"])
        return pkg.results.described(inputs, shown), pkg.results.results(inputs, shown)
    if chapter == "kvoter":
        c = pkg.model.compute(inputs, p["thresholds"], p["sweep_min"], p["sweep_max"], p["top_units"],
                              p["roster_is_synthetic"], roster_as_of="2025-03-31")
        return pkg.results.described(c), pkg.results.key_figures(c)
    if chapter == "beskaeftigelsesplan":
        m = pkg.model
        shown = m.selected_rounds(inputs.followup, p["plan_years"], p["rounds"])
        ev = {y: m.evaluate(inputs, y, r) for y, r in shown.items()}
        return pkg.results.described(ev, inputs.goals), pkg.results.key_figures(ev, inputs.goals)
    if chapter == "investeringer":
        d = pkg.model.derive(inputs, p["cases"], p["years"], p["baseline_series"])
        return pkg.results.described(d), pkg.results.key_figures(d)
    from analysis.chapters.benchmark import computed
    c = computed.of(inputs, p["focus"], p["tolerance_pct"], p["groups"])
    return pkg.results.described(c), pkg.results.key_figures(c.overview, c.total)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_key_figure_has_one_population_its_name_says(chapter, params):
    described, plain = _described(chapter, params[chapter])
    assert chapter in NAME_PREFIXES
    assert [(f.name, f.value, f.unit) for f in described] == list(plain)  # the same figures, described
    assert not name_rule_violations(chapter, described)
    assert all(f.population in POPULATIONS and f.label and f.definition and f.source for f in described)
    unlabelled = [f.name for f in described if f.label == f.name]
    assert not unlabelled, f"{chapter}: no Danish label for {unlabelled[:5]}"
    assert all(f.as_of is None or len(f.as_of) == 10 for f in described)
