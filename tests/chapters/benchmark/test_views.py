"""What the benchmark notebook shows: texts computed from the data, and the notebook executed
from a peer's point of view."""
from __future__ import annotations

from pathlib import Path

from analysis.chapters.benchmark import model, views


def test_genitive():
    assert views.genitive("Norddjurs") == "Norddjurs'" and views.genitive("Kommune B") == "Kommune Bs"


def test_overview_table_has_one_row_per_group(inp):
    ov = model.group_overview(inp, "Norddjurs", 2.0)
    t = views.overview_view(ov, "Norddjurs")
    assert len(t.df) == 11 and t.df.iloc[0]["Norddjurs"] == "26,6" and "Kilde" not in t.source


def test_group_section_without_table(inp):
    ov = model.group_overview(inp, "Norddjurs", 2.0)
    s = views.group_section(inp, ov, "dagpenge", "Norddjurs")
    assert s.tables == () and "26,6" in s.text


def test_notebook_renders_from_a_peer_focus(tmp_path, inp):
    import nbformat
    import papermill as pm
    import yaml

    root = Path(__file__).resolve().parents[3]
    params = yaml.safe_load((root / "params/examples/benchmark-peer-focus.yml").read_text())["benchmark"]
    out = tmp_path / "benchmark.ipynb"
    pm.execute_notebook(str(root / "notebooks/benchmark.ipynb"), str(out), parameters=params,
                        cwd=str(root), progress_bar=False, kernel_name="python3")
    nb = nbformat.read(out, 4)
    outs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outs if o.output_type in ("stream", "error")]
    mime = "application/vnd.amu-book.result+json"
    res = {o["data"][mime]["name"]: o["data"][mime]["value"] for o in outs if mime in o.get("data", {})}
    ov = model.group_overview(inp, params["focus"], params["tolerance_pct"], params["groups"]).set_index("group")
    for g in params["groups"]:
        assert res[f"{g}_enhedsomkostning"] == ov.loc[g, "unit_cost"]
        assert res[f"{g}_kvadrant"] == ov.loc[g, "quadrant"]
    assert "dagpenge_enhedsomkostning" not in res
    md = "\n".join(o["data"].get("text/markdown", "") for o in outs if "data" in o)
    assert "Kommune D" in md and "Kilde:" in md
