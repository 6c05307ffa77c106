"""Tests of the chapter's notebook: it records the checks and key figures of the analysis, and
an example edition with a new round renders without code changes."""
from __future__ import annotations

import nbformat
import pytest
import yaml

from analysis.chapters.beskaeftigelsesplan import load_inputs, model, reconcile
from analysis.core.paths import ROOT
from report.protocol import CHECK_MIME, FINDING_MIME, RESULT_MIME

from .conftest import EXAMPLE

NOTEBOOK = ROOT / "notebooks/beskaeftigelsesplan.ipynb"


def _run(tmp_path, **params):
    papermill = pytest.importorskip("papermill")
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), parameters=params, cwd=str(ROOT),
                               progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] in ("stream", "error")]
    return outputs


def test_notebook_is_thin():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            assert len(cell.source.splitlines()) <= 12, cell.source
            assert not cell.outputs


def test_notebook_records_checks_and_results(tmp_path, inputs, published):
    outputs = _run(tmp_path)
    checks = [o["data"][CHECK_MIME] for o in outputs if CHECK_MIME in o.get("data", {})]
    results = {o["data"][RESULT_MIME]["name"]: o["data"][RESULT_MIME]["value"]
               for o in outputs if RESULT_MIME in o.get("data", {})}
    assert [c["item"] for c in checks] == [c.item for c in reconcile.checks(inputs, published)]
    assert [c["status"] for c in checks] == [c.status for c in reconcile.checks(inputs, published)]
    assert results["goals_2024_rule_disagreements"] == 1
    found = [o["data"][FINDING_MIME]["finding"] for o in outputs if FINDING_MIME in o.get("data", {})]
    assert sorted(found) == sorted({c["finding"] for c in checks if c["finding"]})


@pytest.fixture(scope="module")
def example():
    section = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["beskaeftigelsesplan"]
    return section, load_inputs({k: v for k, v in section.items() if k.endswith("_file")})


def test_example_keeps_published_rounds_unchanged(inputs, example):
    _, ex = example
    old = ex.followup.merge(inputs.followup[["plan_year", "round"]].drop_duplicates())
    cols = list(inputs.followup.columns)
    assert old[cols].reset_index(drop=True).equals(inputs.followup[cols].reset_index(drop=True))


def test_example_round_is_evaluated_without_code_changes(example):
    section, ex = example
    shown = model.selected_rounds(ex.followup, section["plan_years"], section["rounds"])
    new = {y: r for y, r in shown.items()
           if not ((ex.summary["plan_year"] == y) & (ex.summary["round"] == r)).any()}
    assert new  # the example shows a round without printed counts
    for year, rnd in new.items():
        ev = model.evaluate(ex, year, rnd)
        assert ev["document"].str.contains("OPDIGTET EKSEMPEL").all()
        counts = model.status_counts(ev, ex.summary)
        assert counts["count"].sum() == (ev["status"] != "udgået").sum()
        assert counts["printed_count"].isna().all()
        assert not [c for c in reconcile.summary_checks(ex, ev) if "opfølgning" in c.item]
        final = rnd == model.rounds_planned(ex.summary, year)
        assert ("endnu ikke nået" not in set(ev["evaluated_status"].dropna())) == final


def test_notebook_renders_example_edition(tmp_path, example):
    section, ex = example
    outputs = _run(tmp_path, **section)
    text = "".join(o["data"].get("text/markdown", "") for o in outputs if "data" in o)
    assert "**Eksempel:**" in text and "2024, opfølgning 2" in text
    ev = model.evaluate(ex, 2024, 2)
    n = int((ev["status"] == "nået").sum())
    assert f"{n} af {int((ev['status'] != 'udgået').sum())} mål nået" in text
    assert "Opdigtet eksempel – Beskæftigelsesplan 2024" in text
