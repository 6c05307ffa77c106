"""Key figures with metadata: recorded by report.show, harvested into key_figures.json beside an
unchanged results.json ({chapter: {name: number}})."""
from __future__ import annotations

import json

import nbformat
import pytest

from analysis.core.keyfigures import EDITION, KeyFigure
from book.harvest import harvest_notebook, key_figures_json, results_json
from report import show as report
from report.errors import RecordingError
from report.protocol import RESULT_MIME


@pytest.fixture
def shown(monkeypatch):
    out = []
    monkeypatch.setattr(report, "_display", lambda data, metadata=None: out.append(data))
    return out


def test_key_figures_carry_their_metadata_to_key_figures_json(shown, tmp_path):
    report.key_figures([KeyFigure("roster_places_held", 88, "pladser", "Pladser i dag", EDITION,
                                  "HR-udtræk", "2025-06-30", "Pladser i dag (pladser)", True)])
    report.result("plain", 1.5)
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data=d) for d in shown]
    nb.cells.append(cell)
    nbformat.write(nb, tmp_path / "n.ipynb")
    h = harvest_notebook("kvoter", tmp_path / "n.ipynb")
    assert json.loads(results_json(h)) == {"kvoter": {"plain": 1.5, "roster_places_held": 88}}  # the contract
    kf = json.loads(key_figures_json(h))["kvoter"]
    assert kf["roster_places_held"] == {"value": 88, "unit": "pladser", "label": "Pladser i dag",
                                        "population": "edition", "source": "HR-udtræk", "as_of": "2025-06-30",
                                        "definition": "Pladser i dag (pladser)", "headline": True}
    assert kf["plain"] == {"value": 1.5, "unit": None}


def test_an_unknown_population_is_refused(shown):
    with pytest.raises(RecordingError, match="population must be one of"):
        report.result("x", 1, population="quarterly")
    assert not any(RESULT_MIME in d for d in shown)
