"""The Quarto renderer's HTML book in the embedded renderer's page frame: Quarto renders each
part's content (numbering, captions, cross-references, boxes, figures, tables – through the
book's own filters), and the embedded renderer's HTML writer (pandoc.write_html: book.html,
book.css) puts it in the book's frame – header band, the whole book's contents on every page with
the current chapter marked, previous/next links, footer, the landing page, the accessibility
statement (`tilgaengelighed.html`) and the front chapter's old address (`forord.html`). Quarto's
own frame (sidebar, search, Bootstrap and its scripts, `search.json`, `site_libs/`) is left out."""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

from ..errors import RenderError
from . import RenderJob
from .htmlparts import shown_in_html
from .pandoc import FRONT_CLASS, book_meta, run_pandoc, write_html

_MAIN = re.compile(r'<main class="content"[^>]*id="quarto-document-content"[^>]*>(.*?)</main>', re.S)
_TITLE_BLOCK = re.compile(r'<header id="title-block-header".*?</header>', re.S)
_FIRST_H1 = re.compile(r"<h1[^>]*>.*?</h1>", re.S)
_FIGURE = re.compile(r'<div class="quarto-figure[^"]*">\s*<figure class="figure">\s*<p>(<img [^>]*>)</p>\s*'
                     r"<figcaption>(.*?)</figcaption>\s*</figure>\s*</div>", re.S)


# What Quarto's HTML post-processing adds for its own scripts and Bootstrap, which the book's
# frame loads neither of: heading anchors (`anchored`, `data-anchor-id`) and image classes.
_QUARTO_MARKS = re.compile(r' data-anchor-id="[^"]*"| class="(?:img-fluid figure-img|anchored)"')
_ANCHORED = re.compile(r'(<h[1-6][^>]* class="[^"]*?) anchored"')


def _figure(m: re.Match) -> str:
    """A figure as html.lua writes it in the embedded book: the image in a region of its own,
    reachable by keyboard and named by the caption (Quarto rebuilds figures after the filters)."""
    label = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(2))).strip().replace('"', "&quot;")
    return (f'<figure>\n<div class="figure-scroll" role="region" tabindex="0" aria-label="{label}">\n'
            f"{m.group(1)}\n</div>\n<figcaption><p>{m.group(2)}</p></figcaption>\n</figure>")


# How Quarto's HTML post-processor writes what pandoc's HTML writer writes otherwise: a void
# element without its closing slash (`<col style="…">`), the no-break space as `&nbsp;`, and an
# empty line where its filters took a block away.
_VOID = re.compile(r'<(area|br|col|embed|hr|img|input|source|track|wbr)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*/?>')
_EMPTY_LINES = re.compile(r">\n(?:[ \t]*\n)+<")


def as_pandoc_writes(html_text: str) -> str:
    """Quarto's HTML as pandoc's HTML writer writes the same markup: void elements closed
    (`<col … />`), the no-break space as the character, no empty lines between tags."""
    html_text = _VOID.sub(lambda m: f"<{m.group(1)}{m.group(2)} />", html_text.replace("&nbsp;", "\xa0"))
    return _EMPTY_LINES.sub(">\n<", html_text)


def page_content(page: str, name: str, front: bool = False) -> str:
    """What Quarto's page `name` holds in its <main>, without Quarto's title block (the frame
    writes the title), on the home page without the front chapter's title, and without the marks
    Quarto adds for its own scripts (heading anchors, Bootstrap's image classes); written as
    pandoc writes it (as_pandoc_writes), so both books' pages are the same bytes."""
    m = _MAIN.search(page)
    if m is None:
        raise RenderError("quarto", "reading the HTML Quarto wrote", f"{name} has no <main> with the page's content")
    body = _TITLE_BLOCK.sub("", m.group(1), count=1)
    if front:
        body = _FIRST_H1.sub("", body, count=1)
    body = _ANCHORED.sub(r'\1"', _QUARTO_MARKS.sub("", body))
    return as_pandoc_writes(_FIGURE.sub(_figure, body).strip()) + "\n"


def page_name(part) -> str:
    """The page Quarto writes for a part: the front chapter is its home page."""
    return "index.html" if part.role == "front" else f"{part.id}.html"


def write_framed_html(job: RenderJob, quarto_out: Path, outlines: dict[str, list]) -> Path:
    """The HTML book from Quarto's pages (`quarto_out`) in the embedded renderer's frame, in
    `<workdir>/html`; `outlines` are each part's headings (quarto.part_outline, every level).
    The book's `sitemap.json` (its sections, which pandoc's chunked HTML writes from the headings
    it sees) is the one the same headings make on their own. Returns the folder."""
    api = json.loads(run_pandoc(["-f", "markdown", "-t", "json"], job.workdir, "reading pandoc's version", ""))
    blocks: list = []
    for part, _ in job.notebooks:
        name = page_name(part)
        content = page_content((quarto_out / name).read_text(encoding="utf-8"), name, part.role == "front")
        blocks += [outlines[part.id][0], {"t": "RawBlock", "c": ["html", content]}]
    doc = {"pandoc-api-version": api["pandoc-api-version"], "meta": book_meta(job), "blocks": blocks}
    headings = [h for part, _ in job.notebooks for h in outlines[part.id]]
    html_dir = write_html(doc, job, headings)
    (job.workdir / "sections").mkdir(exist_ok=True)
    sections = write_html({**doc, "blocks": headings}, replace(job, workdir=job.workdir / "sections"))
    shutil.copyfile(sections / "sitemap.json", html_dir / "sitemap.json")
    return html_dir


NO_FLOATS = (0, 0, 0, 0)
Floats = tuple[int, int, int, int]


def count_floats(markdown: str, workdir: Path, before: Floats = NO_FLOATS) -> Floats:
    """The HTML's float numbering after a part, as html.lua numbers it, from the numbering before
    it: (figures, captioned tables) numbered in both HTML and PDF, and (figures, tables) shown in
    the HTML only since the last numbered one (they are numbered "Tabel 39a", "39b", ...)."""
    ast = json.loads(run_pandoc(["-f", "markdown", "-t", "json"], workdir, "counting figures and tables", markdown))
    counts = list(before)

    def count(kind: int, only_html: bool) -> None:
        if only_html:
            counts[2 + kind] += 1
        else:
            counts[kind], counts[2 + kind] = counts[kind] + 1, 0

    def walk(node, only_html: bool) -> None:
        if isinstance(node, dict):
            shown = shown_in_html(node)
            if shown is False:
                return
            only_html = only_html or shown is True
            if node.get("t") == "Figure":
                count(0, only_html)
            elif node.get("t") == "Table" and node["c"][1][1]:
                count(1, only_html)
            walk(node.get("c"), only_html)
        elif isinstance(node, list):
            for item in node:
                walk(item, only_html)
    walk(ast["blocks"], False)
    return counts[0], counts[1], counts[2], counts[3]


def part_outline(markdown: str, workdir: Path, front: bool = False, depth: int = 2) -> list:
    """A part's top-level headings of levels 1 to `depth` (pandoc's AST), with the ids quarto.lua
    gives them (the title the part's id, the others prefixed with it) and, for the front chapter,
    the embedded renderer's class of its title: what the book's contents (levels 1-2) and its
    sitemap (every level) list."""
    ast = json.loads(run_pandoc(["-f", "markdown", "-t", "json"], workdir, "reading the part's headings", markdown))
    headers = [b for b in ast["blocks"] if b["t"] == "Header"]
    title = next((h for h in headers if h["c"][0] == 1), None)
    for h in headers:
        if h is not title and title and h["c"][1][0]:
            h["c"][1][0] = f"{title['c'][1][0]}-{h['c'][1][0]}"
    if title and front:
        title["c"][1][1].append(FRONT_CLASS)
    return [h for h in headers if h["c"][0] <= depth]
