"""One execution of the Rammer notebook with a subset of blocks and other edition months."""
from __future__ import annotations

import nbformat
import papermill as pm

from analysis.core.paths import ROOT


def _outputs(nb):
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            yield o


def test_notebook_runs_with_block_subset(tmp_path):
    """No errors, no stray output, only the chosen sections, and only their results and checks."""
    out = tmp_path / "out.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / "rammer.ipynb"), str(out), cwd=str(ROOT),
                        parameters={"blocks": ["benchmark", "aarshjul"], "edition_months": [1, 7]},
                        progress_bar=False, log_output=False)
    md, results, checks, alts, findings = [], [], [], [], []
    for o in _outputs(nbformat.read(out, 4)):
        assert o.output_type not in ("stream", "error"), o
        data = o.get("data", {})
        md += [data["text/markdown"]] if "text/markdown" in data else []
        alts += [o["metadata"]["image/svg+xml"]["alt"]] if "image/svg+xml" in data else []
        results += [data[m]["name"] for m in data if m.endswith("result+json")]
        checks += [data[m]["status"] for m in data if m.endswith("check+json")]
        findings += [data[m]["finding"] for m in data if m.endswith("finding+json")]
        if "text/plain" in data:
            assert data["text/plain"] == "", data["text/plain"]
    text = "\n".join(md)
    assert md[0].startswith("::: {.period}") and "2\\. halvår 2020 – 1\\. halvår 2021" in md[0]
    assert "**Til udvalget**" in text and "pulje" in text and "Formanden indstiller" not in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Forventet og faktisk antal på offentlig forsørgelse", "## Udvalgets årshjul"]
    assert "**Kontrol:** Bogen har regnet" in text and "(#afstemning-rammer)" in text
    assert findings == ["benchmark_ministeriets_egne_tal"]
    assert "januar, juli" in alts[-1]
    assert all(n.startswith(("benchmark_", "annual_cycle_")) for n in results)
    assert checks.count("not_reproducible") == 2 and "differs" not in checks


def test_notebook_is_thin():
    nb = nbformat.read(ROOT / "notebooks" / "rammer.ipynb", 4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            assert len(cell.source.splitlines()) <= 12, cell.source[:80]
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None
