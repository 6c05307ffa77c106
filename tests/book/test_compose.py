"""The build composes what an edition adds to an executed chapter: the age flag under the title
(from the date the chapter recorded and the edition's date) and the series sections (from the
published earlier editions and the key figures the chapter recorded), in the places the chapter
marked – so the edition's date and the previous editions never enter a chapter's cache key."""
from __future__ import annotations

import json

import nbformat

from analysis.core.dates import Period
from analysis.core.keyfigures import KeyFigure
from analysis.core.seriesviews import SeriesSpec
from book.compose import compose, compose_notebook
from report import show
from report.protocol import PERIOD_MIME, SERIES_MIME


def _notebook(*calls) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for fn, args, kwargs in calls:
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [nbformat.from_dict(o) for o in show.captured(fn, *args, **kwargs)]
        nb.cells.append(cell)
    return nb


def _markdown(nb) -> str:
    return "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.outputs)


FIGURE = KeyFigure("roster_places_held", 260, None, "Pladser i dag", "edition", "Enhedslisten", "2025-06-30")


def _series(tmp_path, value):
    content = {"invented_inputs": {}, "editions": [
        {"id": "q1", "date": "2025-03-31", "published": True, "note": "",
         "results": {"kvoter": {"roster_places_held": value}},
         "key_figures": {"kvoter": {"roster_places_held": {"label": "Pladser i dag", "population": "edition",
                                                           "as_of": "2025-03-31"}}}}]}
    path = tmp_path / "kvoter.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def test_the_age_flag_is_added_for_the_edition_date_only():
    nb = _notebook((show.period, (Period("Tallene er fra 2021.", as_of="2021-12-31"),), {}))
    record = nb.cells[0].outputs[1]["data"][PERIOD_MIME]
    assert record["as_of"] == "2021-12-31" and "ældre" not in _markdown(nb)
    assert compose_notebook(nb, "2025-03-31", None)
    assert "Tallene er fra 2021. **Tallene er mere end 3 år ældre end denne udgave (31. marts 2025)" in _markdown(nb)
    assert nb.cells[0].outputs[1]["data"][PERIOD_MIME]["text"].endswith("og viser situationen dengang.**")
    fresh = _notebook((show.period, (Period("Tallene er fra 2025.", as_of="2025-01-31"),), {}))
    compose_notebook(fresh, "2025-03-31", None)
    assert "ældre" not in _markdown(fresh)


def test_the_series_sections_are_composed_in_their_place(tmp_path):
    spec = SeriesSpec(("places_held",), "Pladser")
    nb = _notebook((show.markdown, ("Før",), {}), (show.since_last, ("kvoter",), {}),
                   (show.development, ("kvoter", spec), {}), (show.key_figures, ([FIGURE],), {}))
    assert SERIES_MIME in nb.cells[1].outputs[0]["data"]
    path = tmp_path / "kvoter.ipynb"
    nbformat.write(nb, path)
    compose(path, "2025-06-30", _series(tmp_path, 250))
    done = nbformat.read(path, 4)
    text = _markdown(done)
    assert "## Siden sidste udgave" in text and "Sammenlignet med udgave q1 (31. marts 2025)" in text
    assert "## Udviklingen over udgaverne" in text
    svg = [o for c in done.cells for o in c.outputs if "image/svg+xml" in o.get("data", {})]
    assert len(svg) == 1 and svg[0]["metadata"]["image/svg+xml"]["alt"].startswith("Linjediagram")
    assert ": Pladser pr\\. udgave" in text and "260" in text and "250" in text  # the table beside the figure
    assert not any(SERIES_MIME in o.get("data", {}) for c in done.cells for o in c.outputs)


def test_outside_a_series_the_sections_are_empty(tmp_path):
    nb = _notebook((show.since_last, ("kvoter",), {}), (show.key_figures, ([FIGURE],), {}))
    compose_notebook(nb, "2025-03-31", None)
    assert nb.cells[0].outputs == []


def test_a_series_is_composed_by_its_content_wherever_its_file_is(tmp_path):
    """Each edition of a many-edition command has its own copy of the series: the same content
    in another place composes the same (kept, not composed again), other content composes anew."""
    nb = _notebook((show.since_last, ("kvoter",), {}), (show.key_figures, ([FIGURE],), {}))
    texts = []
    for name, value in (("a", 250), ("b", 250), ("c", 240)):
        folder = tmp_path / name
        folder.mkdir()
        path = folder / "kvoter.ipynb"
        nbformat.write(nb, path)
        compose(path, "2025-06-30", _series(folder, value))
        texts.append(_markdown(nbformat.read(path, 4)))
    assert texts[0] == texts[1] and "250" in texts[0]
    assert "240" in texts[2] and "250" not in texts[2]
