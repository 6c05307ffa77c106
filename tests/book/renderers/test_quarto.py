"""The Quarto renderer: the staging project's contract, tested without Quarto (always), and real
renders of the fixture book wherever `quarto` is on PATH (marked `quarto`, skipped elsewhere):
both outputs, the embedded renderer's numbering (chapters, and figures and tables through the
book) and captions in HTML and PDF, its stylesheet, title page, colophon and page count, PDF/UA,
the manifest, the same results, reconciliation and open data, and the same bytes when rendered
twice. The accessibility and PDF checks of the real book run on both renderers in
tests/book/test_accessibility.py and tests/book/test_pdf.py."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import subprocess

import nbformat
import pytest
import yaml
from conftest import FIXTURES, tree_digest

from book.editions import load_edition
from book.errors import RenderError
from book.pipeline import BuildOptions, build
from book.project import load_book
from book.renderers import RenderJob
from book.renderers import quarto as q
from report.protocol import RESULT_MIME

QUARTO = shutil.which("quarto")


def real_quarto(test):
    """A test that renders with the real Quarto: marked `quarto`, skipped where it is not on PATH."""
    return pytest.mark.quarto(pytest.mark.skipif(QUARTO is None, reason="quarto is not on PATH")(test))


TABLE = "| a | b |\n|---|--:|\n| x | 1 |\n\n: Pladser pr. enhed\n\n::: {.source}\nKilde: test.\n:::\n"


def _notebook(path, heading, outputs, more_markdown=()):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(heading))
    cell = nbformat.v4.new_code_cell("report.figure(...)")
    cell.outputs = outputs
    nb.cells.append(cell)
    nb.cells += [nbformat.v4.new_markdown_cell(m) for m in more_markdown]
    nbformat.write(nb, path)
    return path


def _outputs():
    return [
        nbformat.v4.new_output("display_data", data={"text/markdown": TABLE}),
        nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg/>"},
                               metadata={"image/svg+xml": {"alt": "Søjler \"høje\"", "caption": "Pladser [i alt]"}}),
        nbformat.v4.new_output("display_data", data={RESULT_MIME: {"name": "x", "value": 1}, "text/plain": ""}),
        nbformat.v4.new_output("stream", text="noise"),
    ]


@pytest.fixture
def executed(tmp_path):
    return _notebook(tmp_path / "kvoter.ipynb", "# Kvoter", _outputs(), ["## Baggrund"])


# ---------------------------------------------------------------- contract, without Quarto
def test_part_is_markdown_without_code_records_or_stream_output(executed, tmp_path):
    text = q.part_markdown(executed, "kvoter", "chapter", tmp_path / "media" / "kvoter")
    assert text.startswith("# Kvoter {#kvoter}\n") and "## Baggrund {#baggrund}\n" in text
    assert "{.unnumbered" not in text
    assert ": Pladser pr. enhed\n" in text and "::: {.source}" in text
    # named by the sha1 of its bytes in media/<part>/, as the embedded renderer's pandoc names it
    name = f"{hashlib.sha1(b'<svg/>').hexdigest()}.svg"
    assert f'![Pladser \\[i alt\\]](media/kvoter/{name}){{fig-alt="Søjler \\"høje\\""}}' in text
    assert (tmp_path / "media" / "kvoter" / name).read_text() == "<svg/>"
    assert RESULT_MIME not in text and "noise" not in text and "report.figure" not in text
    assert "{#fig-" not in text and "{#tbl-" not in text  # numbered through the book, not by Quarto


def test_headings_of_markdown_cells_have_the_notebook_readers_ids(tmp_path):
    cells = ["# Afstemning", "## Overblik pr. kapitel\n\ntekst\n\n## 2025 i tal {#tal}", "## Overblik pr. kapitel"]
    assert q.cell_heading_ids(cells, tmp_path) == ["afstemning", "overblik-pr-kapitel", "tal", "overblik-pr-kapitel-1"]


def test_the_first_box_til_udvalget_is_the_front_chapters_link_target(tmp_path):
    box = "::: {.to-committee}\n**Til udvalget**\n:::\n"
    path = _notebook(tmp_path / "kvoter.ipynb", "# Kvoter",
                     [nbformat.v4.new_output("display_data", data={"text/markdown": box + "\n" + box})])
    text = q.part_markdown(path, "kvoter", "chapter", tmp_path / "media")
    assert text.count("::: {#kvoter-til-udvalget .to-committee}") == 1 and text.count("::: {.to-committee}") == 1


def test_headings_numbered_like_the_embedded_book():
    seen = [False]
    assert q.mark_headings("# Forord\n\n## Indhold", "front", seen) == \
        "# Forord {.unnumbered}\n\n## Indhold {.unnumbered}"
    seen = [False]
    assert q.mark_headings("# Afstemning {#top}\n\n## Afviger\n\n## Rammer {#rammer .x}", "appendix", seen, "C",
                           "afstemning") == ("# Bilag C: Afstemning {#afstemning .unnumbered .appendix-title}\n\n"
                                             "## Afviger {.unnumbered .unlisted}\n\n"
                                             "## Rammer {#rammer .x .unnumbered .unlisted}")
    assert q.mark_headings("# Kvoter\n## Baggrund", "chapter", [False]) == "# Kvoter\n## Baggrund"
    assert q.mark_headings("# Kvoter\n## Baggrund", "chapter", [False], "", "kvoter") == \
        "# Kvoter {#kvoter}\n## Baggrund"


def test_outline_has_the_ids_quarto_lua_gives_the_headings(tmp_path):
    text = "# Kvoter {#kvoter}\n\n## Baggrund\n\n## Rammer {#rammer}\n\n::: {.box}\n## I boksen\n:::\n\n### Dybt\n"
    outline = q.part_outline(text, tmp_path)
    assert [(h["c"][0], h["c"][1][0]) for h in outline] == [(1, "kvoter"), (2, "kvoter-baggrund"), (2, "kvoter-rammer")]
    front = q.part_outline("# Forord {#forord .unnumbered}\n", tmp_path, front=True)
    assert front[0]["c"][1][1] == ["unnumbered", "front-title"]


def test_quarto_page_content_is_its_main_without_quartos_title_block():
    from book.renderers.quarto_html import page_content

    page = ('<html><nav id="quarto-sidebar">x</nav><main class="content" id="quarto-document-content">\n'
            '<header id="title-block-header" class="quarto-title-block"><h1 class="title">Bog</h1></header>\n'
            '<section id="forord"><h1 class="unnumbered">Forord</h1><p>Tekst</p></section>\n</main><script>y</script>')
    assert page_content(page, "index.html", front=True) == '<section id="forord"><p>Tekst</p></section>\n'
    assert "<h1" in page_content(page, "kvoter.html") and "Bog" not in page_content(page, "kvoter.html")
    figure = ('<main class="content" id="quarto-document-content"><div class="quarto-figure quarto-figure-center">\n'
              '<figure class="figure">\n<p><img src="a.svg" class="img-fluid figure-img" alt="Søjler"></p>\n'
              '<figcaption><strong>Figur 3:</strong> Pladser "i alt"</figcaption>\n</figure>\n</div></main>')
    assert page_content(figure, "kvoter.html") == (
        '<figure>\n<div class="figure-scroll" role="region" tabindex="0" '
        'aria-label="Figur 3: Pladser &quot;i alt&quot;">\n'
        '<img src="a.svg" alt="Søjler" />\n</div>\n'
        '<figcaption><p><strong>Figur 3:</strong> Pladser "i alt"</p></figcaption>\n</figure>\n')
    heading = ('<main class="content" id="quarto-document-content"><h2 id="a" class="unnumbered anchored" '
               'data-anchor-id="a">A</h2><h2 id="b" class="anchored" data-anchor-id="b">B</h2></main>')
    assert page_content(heading, "kvoter.html") == '<h2 id="a" class="unnumbered">A</h2><h2 id="b">B</h2>\n'
    with pytest.raises(RenderError, match="kvoter.html has no <main>"):
        page_content("<html></html>", "kvoter.html")


def test_quartos_html_is_written_as_pandoc_writes_it():
    """Void elements closed, the no-break space as the character, no empty lines between tags:
    the same bytes as the embedded book's pandoc writes for the same markup."""
    from book.renderers.quarto_html import as_pandoc_writes

    quarto = ('<colgroup>\n<col style="width: 29%">\n<col style="width: 71%"></colgroup>\n\n  \n'
              '<p>28,4&nbsp;% <img src="a.svg" alt="x > y" hidden><br></p>\n<hr />')
    assert as_pandoc_writes(quarto) == ('<colgroup>\n<col style="width: 29%" />\n'
                                        '<col style="width: 71%" /></colgroup>\n'
                                        '<p>28,4\xa0% <img src="a.svg" alt="x > y" hidden /><br /></p>\n<hr />')


def test_every_heading_of_a_part_has_its_id_written_out(tmp_path):
    """Markdown outputs' headings get the ids pandoc's reader gives them in the part alone, a
    repeated one `-1`: Quarto's Typst book (all parts one document) keeps them."""
    text = ("# Kvoter {#kvoter}\n\n## Mål\n\n::: {.box}\n### Sag\n:::\n\n## Mål {.unnumbered}\n\n"
            "## Rammer {#rammer .x}\n")
    assert q.explicit_heading_ids(text, tmp_path) == (
        "# Kvoter {#kvoter}\n\n## Mål {#mål}\n\n::: {.box}\n### Sag {#sag}\n:::\n\n## Mål {#mål-1 .unnumbered}\n\n"
        "## Rammer {#rammer .x}\n")
    assert q.explicit_heading_ids("```\n# not a heading\n```\n", tmp_path) == "```\n# not a heading\n```\n"


def test_figures_and_tables_are_counted_as_the_html_shows_them(tmp_path):
    hidden = '::: {.content-hidden when-format="html"}\n' + TABLE + "\n:::\n"
    figure = "![Figur](a.svg){fig-alt=\"x\"}\n"
    assert q.count_floats(TABLE + "\n" + hidden + "\n" + figure, tmp_path) == (1, 1, 0, 0)
    assert q.count_floats("| a |\n|---|\n| x |\n", tmp_path) == (0, 0, 0, 0)  # no caption, no number
    # a table in the HTML only is "Tabel 3a" after two tables: the state goes on to the next page
    only = '::: {.content-visible when-format="html"}\n' + TABLE + "\n:::\n"
    assert q.count_floats(only, tmp_path, (1, 2, 0, 0)) == (1, 2, 0, 1)
    assert q.count_floats(TABLE, tmp_path, (1, 2, 0, 1)) == (1, 3, 0, 0)


def _job(tmp_path, fixture_book, write_edition, executed):
    parts = fixture_book.parts
    notebooks = ((parts[0], executed), (parts[1], executed), (parts[3], executed))
    return RenderJob(fixture_book, write_edition("q1"), notebooks, tmp_path / "work", tmp_path / "out")


def test_staging_project_for_a_typst_quarto(executed, tmp_path, fixture_book, write_edition):
    job = _job(tmp_path, fixture_book, write_edition, executed)
    project = q.stage_project(job, typst=True)
    config = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))
    assert config["book"]["chapters"] == ["index.md", "alpha.md"]
    assert config["book"]["appendices"] == ["afstemning.md"]
    assert config["book"]["output-file"] == "arbejdsmarkedsudvalget-q1"
    assert config["book"]["date"] == "2025-03-31" and config["date-format"] == "D. MMMM YYYY"
    assert "sidebar" not in config["book"] and "typeset-with" not in config  # the embedded book's frame, colophon
    assert config["execute"] == {"enabled": False, "echo": False} and config["lang"] == "da"
    assert config["edition"] == "q1" and config["year"] == "2025" and config["day"] == "31"
    assert set(config["format"]) == {"html", "typst"}
    html, typst = config["format"]["html"], config["format"]["typst"]
    assert html["css"] == ["book.css"] and html["toc-title"] == "Indhold" and html["number-sections"]
    assert html["section-divs"] is False  # ids on the headings, as in the embedded book
    # the book's filters first; after Quarto's HTML fixups, tables get pandoc's markup back
    assert [(f["path"], f["at"]) for f in html["filters"]] == [
        ("quarto.lua", "pre-ast"), ("notebook.lua", "pre-ast"), ("html.lua", "pre-ast"),
        ("quarto-tables.lua", "post-render")]
    assert typst["papersize"] == "a4" and typst["pdf-standard"] == ["ua-1", "a-2a"]
    assert typst["template"] == "quarto-book.typ" and typst["template-partials"] == ["book.typ"]
    assert [f["path"] for f in typst["filters"]] == ["quarto.lua", "notebook.lua", "typst.lua"]
    assert {f["at"] for f in typst["filters"]} == {"pre-ast"}
    assert typst["highlight-style"] == "none"  # inline code in the text's colour, as in the embedded PDF
    # the embedded renderer's stylesheet, template and filters themselves, not copies
    for name, source in (("book.css", "templates/book.css"), ("book.typ", "templates/book.typ"),
                         ("html.lua", "filters/html.lua"), ("typst.lua", "filters/typst.lua")):
        assert (project / name).read_bytes() == (q.HERE / source).read_bytes(), name
    assert config["book-pages"] == {"intro": "index.html", "alpha": "alpha.html", "afstemning": "afstemning.html"}
    assert "$book.typ()$" in (project / "quarto-book.typ").read_text(encoding="utf-8")
    index, alpha = ((project / n).read_text(encoding="utf-8") for n in ("index.md", "alpha.md"))
    extra = "book-figures-extra-before: 0\nbook-tables-extra-before: 0\n"
    assert index.startswith(f"---\nbook-part: intro\nbook-figures-before: 0\nbook-tables-before: 0\n{extra}---\n\n"
                            "# Kvoter {#intro .unnumbered}")
    assert alpha.startswith(f"---\nbook-part: alpha\nbook-figures-before: 1\nbook-tables-before: 1\n{extra}---\n\n"
                            "# Kvoter {#alpha}\n")
    appendix = (project / "afstemning.md").read_text(encoding="utf-8")
    assert "book-figures-before: 2\nbook-tables-before: 2" in appendix
    assert "# Bilag A: Kvoter {#afstemning .unnumbered .appendix-title}" in appendix


def test_staging_project_for_an_html_only_quarto(executed, tmp_path, fixture_book, write_edition):
    project = q.stage_project(_job(tmp_path, fixture_book, write_edition, executed), typst=False)
    config = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))
    assert set(config["format"]) == {"html"}


def test_one_render_makes_both_formats(tmp_path):
    assert q.commands(tmp_path, typst=True) == [["quarto", "render", str(tmp_path), "--no-execute"]]
    assert all("--to" not in c for c in q.commands(tmp_path, typst=False))


def test_versions():
    assert q.check_version((1, 10, 18)) is True and q.check_version((1, 9, 0)) is True
    assert q.check_version((1, 7, 34)) is False and q.check_version((1, 8, 25)) is False
    with pytest.raises(RenderError, match=r"found Quarto 1\.6\.40, .* needs Quarto 1\.7 or newer \(1\.9 or newer"):
        q.check_version((1, 6, 40))


def test_quarto_is_installable_the_ways_users_do(root):
    import tomllib

    extra = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    pin = next(d for d in extra["quarto"] if d.startswith("quarto-cli=="))
    version = tuple(int(x) for x in pin.split("==")[1].split("."))
    assert version >= q.TYPST_BOOKS_FROM
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    assert f"quarto={pin.split('==')[1]}" in env["dependencies"]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "quarto-cli" in readme and "internet" in readme


def _fake_quarto(tmp_path, monkeypatch, version, writes):
    """A `quarto` on PATH that prints `version` and, on render, creates `writes` in _book/."""
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    script = bin_dir / "quarto"
    touch = " ".join(f'"$2/_book/{w}"' for w in writes)
    script.write_text(f'#!/bin/sh\nif [ "$1" = "--version" ]; then echo {version}; exit 0; fi\n'
                      f'mkdir -p "$2/_book" && for f in {touch}; do printf "%%PDF-x" > "$f"; done\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


def test_a_render_that_leaves_out_an_output_is_an_error(executed, tmp_path, fixture_book, write_edition,
                                                         monkeypatch):
    _fake_quarto(tmp_path, monkeypatch, "1.10.18", ["index.html", "alpha.html"])
    with pytest.raises(RenderError, match=r"lacks afstemning\.html, arbejdsmarkedsudvalget-q1\.pdf"):
        q.QuartoRenderer().render(_job(tmp_path, fixture_book, write_edition, executed))


def test_an_old_quarto_is_refused_by_name_before_anything_runs(tmp_path, monkeypatch):
    from book.renderers import get_renderer

    _fake_quarto(tmp_path, monkeypatch, "1.4.557", [])
    with pytest.raises(RenderError, match=r"found Quarto 1\.4\.557"):
        get_renderer("auto")  # the pipeline chooses its renderer before executing any notebook


# ---------------------------------------------------------------- real renders (quarto on PATH)
@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The fixture book rendered by Quarto and by the embedded renderer from one notebook cache."""
    tmp = tmp_path_factory.mktemp("quarto")
    (tmp / "params").mkdir()
    (tmp / "params" / "q2.yml").write_text("edition: q2\ntitle: Testbog\ndate: 2025-03-31\n", encoding="utf-8")
    edition, book = load_edition(tmp / "params" / "q2.yml"), load_book(FIXTURES / "book" / "_quarto.yml")
    out = {}
    for engine in ("quarto", "pandoc"):
        opts = BuildOptions(engine=engine, jobs=2, cache_dir=tmp / "cache", book_dir=tmp / engine / "book",
                            build_dir=tmp / engine / "build", processed_dir=tmp / engine / "processed")
        out[engine] = build(edition, opts, book)
    return out["quarto"], out["pandoc"], q.quarto_version()


def _pdf_text(pdf):
    try:
        from pypdf import PdfReader
    except ImportError:
        if shutil.which("pdftotext") is None:
            return None
        return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def _title(page):
    """The words of the page's first heading in its content (the chapter's title)."""
    text = page.read_text(encoding="utf-8")
    m = re.search(r"<h1[^>]*>(.*?)</h1>", text[text.find('<main id="main">'):], re.S)
    return re.sub(r"<[^>]+>", "", m.group(1)).replace("&nbsp;", " ").split() if m else None


@real_quarto
def test_both_outputs_and_every_page(rendered):
    result, _, _ = rendered
    for page in ("index.html", "alpha.html", "beta.html", "afstemning.html"):
        assert (result.folder / page).is_file(), page
    assert result.pdf.name == "arbejdsmarkedsudvalget-q2.pdf" and result.pdf.read_bytes().startswith(b"%PDF-")
    assert not list(result.folder.glob("*.typ")) and not (result.folder / "index.md").exists()
    for page in result.folder.glob("*.html"):  # no code in the book
        assert "cell-code" not in page.read_text(encoding="utf-8"), page.name


def _captions(text: str) -> list[str]:
    """"Figur 3", "Tabel 12", ... in the order the text shows them."""
    text = re.sub(r"<[^>]+>", "", text).replace("&nbsp;", " ")
    return [f"{kind} {n}" for kind, n in re.findall(r"\b(Figur|Tabel)\s+(\d+):", text)]


def _frame(page) -> str:
    """A page without its content: header band, contents, previous/next links, footer."""
    text = page.read_text(encoding="utf-8")
    if 'http-equiv="refresh"' in text:  # a page that forwards to the landing page (an old address)
        return text
    return text[:text.index('<main id="main">')] + text[text.index('<nav class="pager"'):]


@real_quarto
def test_html_is_the_embedded_books_pages_in_its_frame(rendered):
    """The same pages (the accessibility statement and the front chapter's old address too) and,
    page for page, the same frame: header band, the whole book's contents with the current
    chapter marked, previous/next links, footer, stylesheet; none of Quarto's own frame."""
    result, embedded, _ = rendered
    pages = sorted(p.name for p in embedded.folder.glob("*.html"))
    assert "tilgaengelighed.html" in pages and "intro.html" in pages
    assert sorted(p.name for p in result.folder.glob("*.html")) == pages
    for name in pages:
        assert _frame(result.folder / name) == _frame(embedded.folder / name), name
    assert not (result.folder / "site_libs").exists() and not (result.folder / "search.json").exists()
    assert (result.folder / "book.css").read_bytes() == (embedded.folder / "book.css").read_bytes()
    alpha = (result.folder / "alpha.html").read_text(encoding="utf-8")
    assert alpha.count('aria-current="page"') == 1 and '<a href="alpha.html" aria-current="page">' in alpha
    assert "quarto" not in _frame(result.folder / "alpha.html").lower()


@real_quarto
def test_html_numbering_captions_and_links(rendered):
    result, embedded, _ = rendered
    assert _title(result.folder / "alpha.html") == ["1", "Alfa"]
    assert _title(result.folder / "beta.html") == ["2", "Beta"]
    assert _title(result.folder / "afstemning.html") == ["Bilag", "A:", "Afstemning"]
    for page in ("alpha.html", "beta.html", "afstemning.html"):  # numbered through the book, as embedded
        ours, theirs = ((r.folder / page).read_text(encoding="utf-8") for r in (result, embedded))
        assert _captions(ours) == _captions(theirs), page
        assert _title(result.folder / page) == _title(embedded.folder / page), page
    alpha = (result.folder / "alpha.html").read_text(encoding="utf-8")
    assert "Tabel 1:" in _captions(alpha)[0] + ":" and "Figur 1" in _captions(alpha)
    assert re.search(r'<img [^>]*alt="Søjlediagram over værdierne\."', alpha)
    assert 'role="region" tabindex="0"' in alpha  # the embedded renderer's table regions
    index = re.sub(r"<[^>]+>", " ", (result.folder / "index.html").read_text(encoding="utf-8"))
    assert re.search(r"Udgave q2 · 31\. marts 2025 · Norddjurs Kommune", index)
    for page in result.folder.glob("*.html"):  # alt text on every figure
        for img in re.findall(r"<img [^>]*>", page.read_text(encoding="utf-8")):
            assert re.search(r'alt="[^"]+"', img), (page.name, img)


@real_quarto
def test_pdf_is_the_embedded_renderers_book(rendered):
    result, embedded, version = rendered
    data = result.pdf.read_bytes()
    assert b"pdfuaid:part>1<" in data or b"<pdfuaid:part>1</pdfuaid:part>" in data
    text, theirs = _pdf_text(result.pdf), _pdf_text(embedded.pdf)
    if text is None:
        pytest.skip("neither pypdf nor pdftotext to read the PDF's text")
    text, theirs = re.sub(r"\s+", " ", text), re.sub(r"\s+", " ", theirs)
    assert _captions(text) == _captions(theirs) and "Tabel 1" in _captions(text)
    assert "1 Alfa" in text and "2 Beta" in text and "Bilag A: Afstemning" in text
    assert text.count("Bilag") == theirs.count("Bilag")  # no divider page "Bilag" before the appendices
    if version >= q.TYPST_BOOKS_FROM:  # the same title page, colophon, running heads, pages
        for words in ("Udgave q2 · 31. marts 2025", "Udgiver", "Talformat", "Indhold"):
            assert words in text and words in theirs, words
        assert len(re.findall(r"/Type\s*/Page\b", data.decode("latin-1"))) == \
            len(re.findall(r"/Type\s*/Page\b", embedded.pdf.read_bytes().decode("latin-1")))


@real_quarto
def test_manifest_records_quarto_and_the_pdf(rendered):
    result, _, version = rendered
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["renderer"] == "quarto"
    note = manifest["renderer_note"]
    assert f"Quarto {'.'.join(map(str, version))}" in note and "PDF/UA-1" in note and "A4" in note
    if version >= q.TYPST_BOOKS_FROM:
        assert "HTML book and PDF by Quarto" in note
    else:
        assert "PDF comes from the embedded Typst renderer" in note


@real_quarto
def test_results_reconciliation_and_data_are_the_embedded_renderers(rendered):
    by_quarto, by_pandoc, _ = rendered
    for name in ("results.json", "reconciliation.csv"):
        assert (by_quarto.folder / name).read_bytes() == (by_pandoc.folder / name).read_bytes(), name
    assert tree_digest(by_quarto.folder / "data") == tree_digest(by_pandoc.folder / "data")


@real_quarto
def test_two_quarto_renders_give_the_same_bytes(rendered, tmp_path):
    """Every published file (the manifest aside, as in the embedded renderer's test), rendered
    again from a clean start in other folders (another path, as another checkout would have)."""
    first, _, _ = rendered
    edition = load_edition(first.folder.parent.parent.parent / "params" / "q2.yml")
    opts = BuildOptions(engine="quarto", jobs=2, cache_dir=tmp_path / "c", book_dir=tmp_path / "elsewhere" / "book",
                        build_dir=tmp_path / "elsewhere" / "build", processed_dir=tmp_path / "p", force=True)
    again = build(edition, opts, load_book(FIXTURES / "book" / "_quarto.yml"))
    a, b = tree_digest(first.folder), tree_digest(again.folder)
    a.pop("manifest.json"), b.pop("manifest.json")
    assert len(a) > 10 and any(k.endswith(".pdf") for k in a) and any(k.endswith("tilgaengelighed.html") for k in a)
    assert a == b


# ------------------------------------------ `quarto render` in the project folder (quarto on PATH)
def _folder_project(tmp_path, root, book_config):
    """A project folder as the repository is one: `book_config`'s parts, the repository's project
    section, its pre-render script (by its absolute path, so the installed book is imported)."""
    config = yaml.safe_load(book_config.read_text(encoding="utf-8"))
    config["project"] = dict(yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8"))["project"])
    config["project"]["pre-render"] = str(root / config["project"]["pre-render"])
    (tmp_path / "_quarto.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return tmp_path


@real_quarto
def test_quarto_render_in_the_folder_with_nothing_published_says_what_to_run(tmp_path, root):
    project = _folder_project(tmp_path, root, root / "_quarto.yml")
    proc = subprocess.run(["quarto", "render"], cwd=project, capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "run `python render.py` first" in out
    assert "Book contents" not in out and "file:///" not in out and "Stack trace" not in out  # no stack trace
    assert not (project / "_book" / "quarto").exists()


@real_quarto
def test_quarto_render_in_the_folder_renders_the_newest_published_edition(rendered, tmp_path, root):
    """After `render.py` published an edition, `quarto render` in the folder renders its executed
    notebooks into `_book/quarto/` and leaves the published edition as it was."""
    result, _, version = rendered
    project = _folder_project(tmp_path, root, FIXTURES / "book" / "_quarto.yml")
    shutil.copytree(result.folder, project / "_book" / "q2")
    (project / "params").mkdir()  # the edition, published from a file outside the folder, is here too
    shutil.copyfile(result.folder.parent.parent.parent / "params" / "q2.yml", project / "params" / "q2.yml")
    before = tree_digest(project / "_book" / "q2")
    proc = subprocess.run(["quarto", "render"], cwd=project, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Quarto renders edition q2" in proc.stdout + proc.stderr
    out = project / "_book" / "quarto"
    for page in ("index.html", "alpha.html", "beta.html", "afstemning.html", "tilgaengelighed.html"):
        assert (out / page).is_file(), page
    assert (out / "arbejdsmarkedsudvalget-q2.pdf").read_bytes().startswith(b"%PDF-")
    assert tree_digest(project / "_book" / "q2") == before
