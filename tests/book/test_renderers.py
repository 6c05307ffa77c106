"""Renderer registry, the output check every engine passes, and the embedded renderer's pieces
(the Quarto renderer's tests are in tests/book/renderers/test_quarto.py)."""
from __future__ import annotations

import json
import shutil

import pytest

from book.errors import BuildError, RenderError
from book.renderers import CheckedRenderer, RenderJob, RenderOutput, expected_outputs, get_renderer
from book.renderers.pandoc import navigation, prepare_part


def test_unknown_renderer_lists_known():
    with pytest.raises(BuildError, match="known renderers: auto, pandoc, quarto"):
        get_renderer("latex")


def test_auto_picks_pandoc_without_quarto(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert get_renderer("auto").name == "pandoc"


def _header(level, ident, text, classes=()):
    return {"t": "Header", "c": [level, [ident, list(classes), []], [{"t": "Str", "c": text}]]}


def test_appendix_headings_are_unnumbered_lettered_and_ids_unique():
    ast = {"blocks": [_header(1, "afstemning", "Afstemning"), _header(2, "afviger", "Afviger")]}
    blocks = prepare_part(ast, "afstemning", "appendix", 2)
    assert blocks[0]["c"][1] == ["afstemning", ["unnumbered", "appendix-title"], []]
    assert blocks[0]["c"][2][0] == {"t": "Str", "c": "Bilag C:"}
    assert blocks[1]["c"][1][0] == "afstemning-afviger"


def test_a_heading_inside_a_div_gets_its_place_too():
    """A section shown in one format only (a div) is unnumbered in an appendix like the others."""
    div = {"t": "Div", "c": [["", ["content-visible"], [["when-format", "html"]]],
                             [_header(2, "alle-afstemte-tal", "Alle afstemte tal")]]}
    ast = {"blocks": [_header(1, "afstemning", "Afstemning"), div]}
    inner = prepare_part(ast, "afstemning", "appendix", 2)[1]["c"][1][0]
    assert inner["c"][1] == ["alle-afstemte-tal", ["unnumbered", "unlisted"], []]


def test_a_heading_repeated_in_a_part_gets_a_unique_id_as_pandoc_gives_it():
    """Two Markdown outputs of a notebook (read one by one) repeat a heading: the second is
    `-1`, as Quarto's reader (one document per part) and pandoc name it; the contents link it."""
    box = {"t": "Div", "c": [["", ["to-committee"], []], [_header(3, "til-udvalget", "Til udvalget")]]}
    ast = {"blocks": [_header(1, "plan", "Plan"), _header(2, "mal", "Mål"), _header(3, "sag", "Sag"),
                      _header(2, "mal", "Mål"), _header(3, "sag", "Sag"), _header(3, "sag-1", "Sag 1"),
                      box, json.loads(json.dumps(box)), _header(2, "", "Uden id")]}
    blocks = prepare_part(ast, "plan", "chapter", 0)
    ids = [b["c"][1][0] for b in blocks if b["t"] == "Header"]
    assert ids == ["plan", "plan-mal", "plan-sag", "plan-mal-1", "plan-sag-1", "plan-sag-1-1", ""]
    assert [b["c"][1][0]["c"][1][0] for b in blocks if b["t"] == "Div"] == ["til-udvalget", "til-udvalget-1"]
    assert '<a href="plan.html#plan-mal-1">1.2 Mål</a>' in navigation(blocks)
    # another part starts afresh: its ids have its own prefix
    assert prepare_part({"blocks": [_header(1, "x", "X"), _header(2, "mal", "Mål")]}, "x", "chapter", 0)[1][
        "c"][1][0] == "x-mal"


def test_navigation_numbers_chapters_and_links_pages():
    blocks = [_header(1, "forord", "Forord", ["unnumbered"]), _header(1, "kvoter", "Kvoter"),
              _header(2, "kvoter-tabel", "Tabel")]
    nav = navigation(blocks)
    assert '<a href="kvoter.html">1 Kvoter</a>' in nav and '<a href="kvoter.html#kvoter-tabel">1.1 Tabel</a>' in nav


class _Forgetful:
    """A renderer that writes the HTML entry page only, and claims a PDF."""

    name = "forgetful"

    def render(self, job):
        job.out_dir.mkdir(parents=True, exist_ok=True)
        (job.out_dir / "index.html").write_text("<html></html>")
        return RenderOutput(job.out_dir / "index.html", job.out_dir / job.pdf_name, self.name)


def test_a_missing_output_is_a_render_error_for_any_engine(tmp_path, fixture_book, write_edition):
    parts = fixture_book.parts
    job = RenderJob(fixture_book, write_edition("q1"), tuple((p, p.path) for p in parts),
                    tmp_path / "w", tmp_path / "o")
    assert [p.name for p in expected_outputs(job)] == ["index.html", "alpha.html", "beta.html", "afstemning.html",
                                                       "arbejdsmarkedsudvalget-q1.pdf"]
    with pytest.raises(RenderError) as err:
        CheckedRenderer(_Forgetful()).render(job)
    assert err.value.stage == "render"
    assert "alpha.html, beta.html, afstemning.html, arbejdsmarkedsudvalget-q1.pdf" in str(err.value)


def test_the_registry_checks_every_renderer(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    renderer = get_renderer("pandoc")
    assert isinstance(renderer, CheckedRenderer) and renderer.name == "pandoc"


def test_quarto_without_quarto_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(BuildError, match="needs `quarto` on PATH"):
        get_renderer("quarto")
