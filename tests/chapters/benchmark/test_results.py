"""The benchmark's key figures and key messages."""
from __future__ import annotations

import re

from analysis.chapters.benchmark import model, results


def test_key_figures_are_named_and_numeric(inp):
    ov = model.group_overview(inp, "Norddjurs", 2.0)
    figs = results.key_figures(ov, model.total_comparison(inp, "Norddjurs"))
    names = [n for n, _, _ in figs]
    assert len(names) == len(set(names)) and all(re.fullmatch(r"[a-z0-9_]+", n) for n in names)
    d = {n: v for n, v, _ in figs}
    assert d["samlet_enhedsomkostning"] == 24.9 and "dagpenge_kvadrant" not in d
    assert d["sygedagpenge_enhedsomkostning"] == 20.2
