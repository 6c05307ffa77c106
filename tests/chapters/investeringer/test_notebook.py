"""The chapter notebook: thin (short cells), and it runs for the default and the example
edition, recording the key figures and checks the modules compute."""
# ruff: noqa: F401, F811  (the shared fixtures are imported, then requested by name)
from __future__ import annotations

import json

from analysis.chapters.investeringer import load_inputs, model, results
from analysis.core.paths import ROOT

from .investeringer_fixtures import cy, derived, example, example_params, headline, inputs  # pytest fixtures

NOTEBOOK = ROOT / "notebooks/investeringer.ipynb"


def _run(tmp_path, params: dict) -> dict:
    import papermill as pm

    out = tmp_path / "out.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(out), parameters=params, cwd=str(ROOT), progress_bar=False,
                        log_output=False)
    nb = json.loads(out.read_text(encoding="utf-8"))
    found = {"results": {}, "checks": [], "findings": [], "stray": [], "nb": nb}
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            d = o.get("data", {})
            if o["output_type"] in ("stream", "error") or set(d) == {"text/plain"}:
                found["stray"].append(o)
            elif "application/vnd.amu-book.result+json" in d:
                r = d["application/vnd.amu-book.result+json"]
                found["results"][r["name"]] = r["value"]
            elif "application/vnd.amu-book.check+json" in d:
                found["checks"].append(d["application/vnd.amu-book.check+json"])
            elif "application/vnd.amu-book.finding+json" in d:
                found["findings"].append(d["application/vnd.amu-book.finding+json"])
    return found


def test_notebook_is_thin():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for c in nb["cells"]:
        if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", []):
            assert len("".join(c["source"]).splitlines()) <= 12
        assert not c.get("outputs")


def test_notebook_default_and_example_edition(tmp_path, inputs, derived, example_params):
    default = _run(tmp_path, {})
    assert default["stray"] == []
    from analysis.core.opendata import DECIMALS  # results are recorded at the open data's stated precision

    assert default["results"] == {n: round(v, DECIMALS) for n, v, _ in results.key_figures(derived)}
    statuses = [c["status"] for c in default["checks"]]
    assert statuses.count("differs") == 1 and statuses.count("not_reproducible") == 4
    named = {c["finding"] for c in default["checks"] if c["finding"]}
    assert named == {f["finding"] for f in default["findings"]}

    later = _run(tmp_path, example_params)
    assert later["stray"] == []
    r, r2 = default["results"], later["results"]
    changed = model.changed_cases(load_inputs(example_params).amounts, inputs.published_amounts)
    for c in inputs.cases["case"]:
        key = f"case_{c}_cumulative_net_forecast"
        assert (abs(r2[key] - r[key]) > 5e-4) == (c in changed)
    assert [c["status"] for c in later["checks"]] == statuses


def test_notebook_opens_with_period_messages_and_box(tmp_path):
    import nbformat

    from book.compose import compose_notebook

    nb = nbformat.from_dict(_run(tmp_path, {})["nb"])
    assert "ældre end denne udgave" not in json.dumps(nb)  # the edition's date is not the chapter's
    compose_notebook(nb, "2025-03-31", None)  # the build adds the age against the edition's date
    md = ["".join(o["data"]["text/markdown"]) for c in nb["cells"] for o in c.get("outputs", [])
          if "text/markdown" in o.get("data", {})]
    assert md[0].startswith("::: {.period}") and "ældre end denne udgave (31. marts 2025)" in md[0]
    assert md[1].startswith("::: {.key-messages}") and md[2].startswith("::: {.to-committee}")
    assert not [m for m in md if " ventes " in m]
