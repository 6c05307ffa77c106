"""Renderer registry, the embedded renderer's pieces, and the Quarto renderer's contract (the
staging project and the commands it runs), tested without Quarto; a real Quarto render runs only
where `quarto` is on PATH."""
from __future__ import annotations

import json
import shutil

import nbformat
import pytest
import yaml

from book.errors import BuildError
from book.renderers import RenderJob, get_renderer
from book.renderers import quarto as q
from book.renderers.pandoc import navigation, prepare_part
from report.protocol import RESULT_MIME


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
    assert blocks[0]["c"][1] == ["afstemning", ["unnumbered"], []]
    assert blocks[0]["c"][2][0] == {"t": "Str", "c": "Bilag C:"}
    assert blocks[1]["c"][1][0] == "afstemning-afviger"


def test_navigation_numbers_chapters_and_links_pages():
    blocks = [_header(1, "forord", "Forord", ["unnumbered"]), _header(1, "kvoter", "Kvoter"),
              _header(2, "kvoter-tabel", "Tabel")]
    nav = navigation(blocks)
    assert '<a href="kvoter.html">1 Kvoter</a>' in nav and '<a href="kvoter.html#kvoter-tabel">1.1 Tabel</a>' in nav


@pytest.fixture
def executed(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Kvoter"))
    cell = nbformat.v4.new_code_cell("report.figure(...)")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/markdown": "| a |\n|---|\n| 1 |\n"}),
        nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg/>"},
                               metadata={"image/svg+xml": {"alt": "Søjler", "caption": "Pladser"}}),
        nbformat.v4.new_output("display_data", data={RESULT_MIME: {"name": "x", "value": 1}, "text/plain": ""}),
        nbformat.v4.new_output("stream", text="noise"),
    ]
    nb.cells.append(cell)
    path = tmp_path / "kvoter.ipynb"
    nbformat.write(nb, path)
    return path


def test_quarto_notebook_has_no_code_no_records_and_figure_options(executed):
    nb = q.quarto_notebook(executed)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.source.splitlines()[0] for c in code] == ["#| echo: false", "#| echo: false"]
    assert "#| output: asis" in code[0].source
    assert '#| fig-cap: "Pladser"' in code[1].source and '#| fig-alt: "Søjler"' in code[1].source
    assert all(RESULT_MIME not in o.get("data", {}) for c in code for o in c.outputs)


def test_quarto_staging_project_and_commands(executed, tmp_path, fixture_book, write_edition):
    edition = write_edition("q1")
    parts = fixture_book.parts
    job = RenderJob(fixture_book, edition, ((parts[0], executed), (parts[1], executed), (parts[3], executed)),
                    tmp_path / "work", tmp_path / "out")
    project = q.stage_project(job, typst=True)
    config = yaml.safe_load((project / "_quarto.yml").read_text())
    assert config["book"]["chapters"] == ["index.ipynb", "alpha.ipynb"]
    assert config["book"]["appendices"] == ["afstemning.ipynb"]
    assert config["execute"] == {"enabled": False, "echo": False} and config["lang"] == "da"
    assert set(config["format"]) == {"html", "typst"}
    assert q.commands(project, typst=True) == [
        ["quarto", "render", str(project), "--to", "html", "--no-execute"],
        ["quarto", "render", str(project), "--to", "typst", "--no-execute"]]
    assert len(q.commands(project, typst=False)) == 1


@pytest.mark.quarto
@pytest.mark.skipif(shutil.which("quarto") is None, reason="quarto is not on PATH")
def test_real_quarto_render(fixture_book, build_options, write_edition):
    import dataclasses

    from book.pipeline import build

    result = build(write_edition("q2"), dataclasses.replace(build_options, engine="quarto"), fixture_book)
    assert (result.folder / "index.html").is_file() and result.pdf.read_bytes().startswith(b"%PDF")
    assert json.loads((result.folder / "manifest.json").read_text())["renderer"] == "quarto"


def test_quarto_without_quarto_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(BuildError, match="needs `quarto` on PATH"):
        get_renderer("quarto")
