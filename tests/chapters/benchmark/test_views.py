"""What the benchmark notebook shows: texts computed from the data, and the notebook executed
from a peer's point of view."""
from __future__ import annotations

from pathlib import Path

from analysis.chapters.benchmark import computed, model, texts, views


def test_genitive():
    assert texts.genitive("Norddjurs") == "Norddjurs'" and texts.genitive("Kommune B") == "Kommune Bs"


def test_rank_words_say_what_they_mean():
    assert views.rank_words(1, 10) == "højest" and views.rank_words(10, 10) == "lavest"
    assert views.rank_words(3, 10) == "nr. 3 af 10" and views.rank_words(9, 9, "bedst", "dårligst") == "dårligst"


def test_overview_shows_bdos_average_beside_the_recomputed(inp):
    t = views.overview_view(computed.of(inp, "Norddjurs", 2.0))
    row = t.df.set_index("Målgruppe").loc["Fleksjob og ledighedsydelse"]
    # BDO's printed average, the book's own only where it differs at the printed precision
    assert (row["Norddjurs"], row["Gns."]) == ("7,0", "9,2 (bogen: 9,1)") and "Gns., genberegnet" not in row
    assert views.averages([49.3], [55.5], [1]) == ["49,3 (bogen: 55,5)"]
    assert "Gns." not in views.overview_view(computed.of(inp, "Kommune D", 2.0)).df.columns
    assert t.df.set_index("Målgruppe").loc["Revalidering", "Placering"] == "højest"


def test_sygedagpenge_profile_follows_bdos_rule(inp):
    prof = model.quality_profile(inp, "sygedagpenge", "Norddjurs").set_index("measure")
    row = prof.loc["beroert_aktivering"]
    assert row["left_out"] == "Kommune J" and round(row["average"], 1) == row["printed_average"] == 6.2
    assert round(row["deviation_pct"]) == -2  # not the -36 % an average with Kommune J gives
    peer = model.quality_profile(inp, "sygedagpenge", "Kommune D").set_index("measure")
    assert peer.loc["beroert_aktivering", "left_out"] == ""


def test_detail_tables_are_html_only(inp):
    s = views.group_section(computed.of(inp, "Norddjurs", 2.0), "jobafklaring")
    md = views.html_only(s.tables)
    assert md.startswith('::: {.content-visible when-format="html"}') and md.rstrip().endswith(":::")
    assert md.count("Kilde: BDO") == 2


def test_group_section_without_table(inp):
    s = views.group_section(computed.of(inp, "Norddjurs", 2.0), "dagpenge")
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
