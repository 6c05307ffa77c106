"""One execution of the Kvoter notebook (the .xlsx example edition at threshold 12); the
default edition is run by the build."""
from __future__ import annotations

import pytest

from analysis.chapters.kvoter import load_inputs, model
from analysis.chapters.kvoter.inputs import read_roster
from analysis.core.paths import ROOT

from .kvoter_common import EXAMPLES, PARAMS


def test_notebook_runs_with_xlsx_example_edition(tmp_path):
    papermill = pytest.importorskip("papermill")
    import nbformat
    import yaml

    edition = yaml.safe_load((ROOT / "params/examples/kvoter-threshold-12-xlsx.yml").read_text())
    out = tmp_path / "kvoter.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks/kvoter.ipynb"), str(out),
                               parameters={**edition["kvoter"], "roster_date": str(edition["date"])},  # as the build
                               cwd=str(ROOT), progress_bar=False)
    nb = nbformat.read(out, 4)
    results, md = {}, []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o.get("output_type") not in ("stream", "error")
            d = o.get("data", {})
            if "application/vnd.amu-book.result+json" in d:
                r = d["application/vnd.amu-book.result+json"]
                results[r["name"]] = r["value"]
            md.append(d.get("text/markdown", ""))
    for n in edition["kvoter"]["thresholds"]:
        for name in ["new_places_unit_model", "new_places_area_model"]:
            assert f"synthetic_{name}_n{n}" in results and f"roster_{name}_n{n}" not in results
    assert results["source_quota_n10"] == 325 and results["source_gap_n10"] == 72
    assert any("syntetisk enhedsliste" in m for m in md)
    assert any("Til udvalget" in m for m in md) and any("{.period}" in m for m in md)
    assert not any("1. februar 2025" in m for m in md)
    roster = read_roster(EXAMPLES / "roster_changed.xlsx", load_inputs(PARAMS).areas)
    assert results["synthetic_quota_n12"] == int(model.quota(roster["employees"], 12).sum())
    assert "source_quota_n12" not in results and "source_gap_n12" not in results


def test_notebook_cells_are_short():
    import nbformat

    nb = nbformat.read(ROOT / "notebooks/kvoter.ipynb", 4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            assert len(cell.source.splitlines()) <= 12, cell.source[:60]
