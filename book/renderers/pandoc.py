"""The embedded renderer: pandoc (from pypandoc-binary) reads the executed notebooks, the book
is assembled from their ASTs, and pandoc writes the chunked HTML book and the Typst source that
the `typst` package compiles to an A4 PDF with the PDF/UA-1 check on."""
from __future__ import annotations

import functools
import html
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, TypeVar

import matplotlib
from babel.dates import format_date

from ..errors import RenderError
from . import RenderJob, RenderOutput
from .entries import compact
from .readcache import ReadAhead, cached_read, read_key  # noqa: F401 - ReadAhead: the build's

HERE = Path(__file__).resolve().parent.parent
FILTERS = HERE / "filters"
TEMPLATES = HERE / "templates"
# The PDF is set in DejaVu Sans, the font matplotlib ships and sets the figures in: one typeface
# for text, tables and figures, the same files on every machine (no system fonts).
FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
PDF_STANDARDS = ["ua-1", "a-2a"]
FRONT_CLASS = "front-title"  # the front chapter's title: its page is the HTML book's landing page
APPENDIX_CLASS = "appendix-title"  # an appendix's title
COMMITTEE_CLASS = "to-committee"  # a chapter's box »Til udvalget«: its id is <part id>-til-udvalget
T = TypeVar("T")
STATEMENT = "tilgaengelighed"  # the accessibility statement, a page of the HTML book only


def pandoc_path() -> str:
    """The pandoc binary that pypandoc-binary ships."""
    import pypandoc

    return pypandoc.get_pandoc_path()


def run_pandoc(args: list[str], cwd: Path, step: str, stdin: str | None = None) -> str:
    """Run pandoc; its output, or a RenderError naming the step with pandoc's message."""
    proc = subprocess.run([pandoc_path(), *args], cwd=cwd, input=stdin, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RenderError("pandoc", step, proc.stderr or proc.stdout)
    return proc.stdout


def parallel(tasks: list[Callable[[], T]]) -> list[T]:
    """Run independent steps (each mostly a pandoc or typst process) at once, one thread per
    core; their results in order, or the first step's error in order."""
    if len(tasks) < 2:
        return [t() for t in tasks]
    with ThreadPoolExecutor(max_workers=min(len(tasks), os.cpu_count() or 1)) as pool:
        futures = [pool.submit(t) for t in tasks]
        return [f.result() for f in futures]


def _stringify(inlines: list) -> str:
    out = []
    for el in inlines:
        t = el.get("t")
        if t == "Str":
            out.append(el["c"])
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif isinstance(el.get("c"), list):
            out.append(_stringify([x for x in el["c"] if isinstance(x, dict)]))
    return "".join(out)


def appendix_letter(i: int) -> str:
    """The letter of the i-th appendix (0 → A)."""
    return chr(ord("A") + i)


def _headers(blocks: list, nested: bool = False):
    """(heading, nested) for the headings of `blocks` in document order, those inside divs (a box,
    a section shown in one format only) included, and nested true for those."""
    for b in blocks:
        if b["t"] == "Header":
            yield b, nested
        elif b["t"] == "Div":
            yield from _headers(b["c"][1], True)


def unique_id(ident: str, used: set[str]) -> str:
    """`ident`, or the first of `ident-1`, `ident-2`, ... not in `used` (which it joins): pandoc's
    rule for the ids of one document, which Quarto's reader applies to each part (a heading
    repeated in a chapter, `…-sagsbehandling`, is `…-sagsbehandling-1` the second time)."""
    if ident in used:
        ident = next(f"{ident}-{n}" for n in range(1, len(used) + 2) if f"{ident}-{n}" not in used)
    used.add(ident)
    return ident


def prepare_part(ast: dict, part_id: str, role: str, appendix_index: int) -> list:
    """Give a notebook's blocks their place in the book: the chapter heading gets the part id
    and the other headings ids prefixed with it (unique across the book; a heading inside a div,
    such as a box's title, keeps its id), the first box »Til udvalget« the id
    `<part id>-til-udvalget`; front matter and appendices are unnumbered, headings inside divs
    too, and appendix titles read "Bilag A: ...". A heading id the part has had before gets
    `-1`, `-2`, ... (unique_id): pandoc reads each Markdown output of a notebook on its own, so
    a heading two outputs repeat would otherwise have one id twice on the page."""
    blocks = ast["blocks"]
    first = True
    boxed = False
    used: set[str] = set()
    for b in blocks:
        if b["t"] == "Div" and COMMITTEE_CLASS in b["c"][0][1] and not boxed:
            b["c"][0][0] = f"{part_id}-til-udvalget"  # the front chapter's »Til beslutning« links here
            boxed = True
    for b, nested in _headers(blocks):
        level, (ident, classes, attrs), inlines = b["c"]
        if role != "chapter" and "unnumbered" not in classes:
            classes.append("unnumbered")
        if role == "appendix" and level >= 2 and "unlisted" not in classes:
            classes.append("unlisted")  # the contents list an appendix, not its sections
        if first and level == 1:
            ident = part_id
            if role == "front":
                classes.append(FRONT_CLASS)
            if role == "appendix":
                inlines[:0] = [{"t": "Str", "c": f"Bilag {appendix_letter(appendix_index)}:"}, {"t": "Space"}]
                classes.append(APPENDIX_CLASS)  # in print, appendices follow each other without a page break
            first = False
        elif not nested and ident:
            ident = f"{part_id}-{ident}"
        if ident:
            ident = unique_id(ident, used)
        b["c"] = [level, [ident, classes, attrs], inlines]
    return blocks


def navigation(blocks: list, landing: str = "") -> str:
    """The book's contents as an HTML list (chapters with their numbered sections) for the
    sidebar of every page, led by the landing page (`index.html`) when `landing` names it;
    pandoc's chunked HTML shows its own contents on the first page only."""
    entries: list[tuple[str, str, list[str]]] = []  # (chapter link, page, section links)
    if landing:
        entries.append((f'<a href="index.html">{html.escape(landing)}</a>', "index.html", []))
    number = [0, 0]
    for b in blocks:
        if b["t"] != "Header" or b["c"][0] > 2 or "unlisted" in b["c"][1][1]:
            continue
        level, (ident, classes, _), inlines = b["c"]
        text = html.escape(_stringify(inlines))
        if "unnumbered" not in classes:
            number = [number[0] + 1, 0] if level == 1 else [number[0], number[1] + 1]
            text = (f"{number[0]} " if level == 1 else f"{number[0]}.{number[1]} ") + text
        if level == 1:
            entries.append((f'<a href="{ident}.html">{text}</a>', f"{ident}.html", []))
        elif entries:
            entries[-1][2].append(f'<li><a href="{entries[-1][1]}#{ident}">{text}</a></li>')
    items = [f"<li>{link}" + (f"<ul>{''.join(subs)}</ul>" if subs else "") + "</li>" for link, _, subs in entries]
    return "<ul>" + "".join(items) + "</ul>"


@functools.cache
def pandoc_version() -> str:
    """The version of the pandoc binary (for the cache of its readings)."""
    return run_pandoc(["--version"], HERE, "asking its version").splitlines()[0]


def notebook_ast(executed: Path, part_id: str, workdir: Path, cache: Path | None = None) -> dict:
    """An executed notebook as pandoc's AST, through `filters/notebook.lua` (no code, Markdown
    outputs parsed, figures with caption and alt text, box titles as headings); with `cache`,
    a reading of the same bytes before is reused (book.renderers.readcache)."""
    lua = FILTERS / "notebook.lua"
    out = cached_read(cache, lambda: read_key(executed, part_id, pandoc_version(), lua), workdir,
                      workdir / "media" / part_id,
                      lambda: run_pandoc([str(executed), "-f", "ipynb", "-t", "json", "--extract-media",
                                          f"media/{part_id}", "--lua-filter", str(lua)],
                                         workdir, f"reading notebook {part_id}"))
    return json.loads(out)


def assemble(job: RenderJob) -> dict:
    """One pandoc document of the whole book, in book order, with the edition's metadata."""
    blocks: list = []
    api = None
    appendix_i = 0
    asts = parallel([lambda part=part, nb=nb: notebook_ast(nb, part.id, job.workdir, job.cache_dir)
                     for part, nb in job.notebooks])
    for (part, _), ast in zip(job.notebooks, asts):
        api = ast["pandoc-api-version"]
        blocks += prepare_part(ast, part.id, part.role, appendix_i)
        appendix_i += part.role == "appendix"
    return {"pandoc-api-version": api, "meta": book_meta(job), "blocks": blocks}


def book_meta(job: RenderJob) -> dict:
    """The book's metadata for the templates (title page, header band, colophon), from the edition."""
    e = job.edition
    meta_str = lambda s: {"t": "MetaString", "c": s}  # noqa: E731
    return {
        "title": meta_str(e.title or job.book.title),
        "subtitle": meta_str(e.subtitle),
        "author": meta_str(job.book.author),
        "date": meta_str(format_date(e.date, format="long", locale="da_DK")),
        "lang": meta_str(job.book.lang),
        "edition": meta_str(e.id),
        "title-plain": meta_str((e.title or job.book.title).replace('"', "'")),
        "year": meta_str(str(e.date.year)),
        "month": meta_str(str(e.date.month)),
        "day": meta_str(str(e.date.day)),
        "contact": meta_str(e.contact),
        "next-edition": meta_str(format_date(e.next_date, format="long", locale="da_DK")),
    }


def statement_blocks(job: RenderJob) -> list:
    """The accessibility statement (Danish, from `templates/tilgaengelighed.md`), as the last
    page of the HTML book: what was checked, how, and the known limits."""
    text = (TEMPLATES / "tilgaengelighed.md").read_text(encoding="utf-8")
    text = text.replace("$date$", format_date(job.edition.date, format="long", locale="da_DK"))
    text = text.replace("$pdf-name$", job.pdf_name)
    out = run_pandoc(["-f", "markdown", "-t", "json"], job.workdir, "reading the accessibility statement", text)
    return json.loads(out)["blocks"]


def html_document(doc: dict, job: RenderJob, outline: list | None = None) -> dict:
    """The HTML variant of the book: the front chapter without its title, so that it is the
    landing page (`index.html`: title, key messages, the way in); the accessibility statement
    as the last page; the contents for the sidebar; the parts' titles for linking the contents.
    `outline` (the Quarto renderer, whose parts are HTML already) are the book's headings the
    contents list, when they are not the document's own."""
    blocks, landing, links = [], "", {}
    for b in doc["blocks"]:
        if b["t"] == "Header" and b["c"][0] == 1:
            title, ident = _stringify(b["c"][2]), b["c"][1][0]
            if FRONT_CLASS in b["c"][1][1]:
                landing = title
                links[title] = {"t": "MetaString", "c": "index.html"}
                continue
            name = title.split(": ", 1)[-1] if title.startswith("Bilag ") else title
            links[name] = {"t": "MetaString", "c": f"{ident}.html"}
        blocks.append(b)
    statement = statement_blocks(job)
    blocks += statement
    listed = blocks if outline is None else [h for h in outline if FRONT_CLASS not in h["c"][1][1]] + statement
    meta = dict(doc["meta"])
    meta["part-links"] = {"t": "MetaMap", "c": links}
    meta["book-nav"] = {"t": "MetaBlocks", "c": [{"t": "RawBlock", "c": ["html", navigation(listed, landing)]}]}
    meta["statement-page"] = {"t": "MetaString", "c": f"{STATEMENT}.html"}
    return {**doc, "meta": meta, "blocks": blocks}


def write_html(doc: dict, job: RenderJob, outline: list | None = None, parts: Path | None = None) -> Path:
    """The chunked HTML book (one page per chapter) in `<workdir>/html`; returns that folder
    (`outline`: see html_document; `parts`: a cache folder, book.renderers.htmlparts)."""
    html_dir = job.workdir / "html"
    if html_dir.exists():
        shutil.rmtree(html_dir)
    hdoc = html_document(doc, job, outline)
    # --wrap=none: a paragraph on one line, as Quarto writes its HTML (both books the same bytes)
    writer = ["--wrap=none", "--toc", "--toc-depth=2", "--split-level=1", "--chunk-template=%i.html",
              "--number-sections", "--template", str(TEMPLATES / "book.html"), "--css", "book.css",
              "--metadata", f"pagetitle={job.edition.title}", "--variable", f"pdf-name={job.pdf_name}"]
    from .htmlparts import write_from_parts

    if parts is None or not write_from_parts(hdoc, job, html_dir, writer, parts):
        if html_dir.exists():
            shutil.rmtree(html_dir)
        doc_json = job.workdir / "book-html.json"
        doc_json.write_text(compact(hdoc), encoding="utf-8")
        run_pandoc([str(doc_json), "-f", "json", "-t", "chunkedhtml", "-o", str(html_dir), *writer[:-4],
                    "--lua-filter", str(FILTERS / "html.lua"), *writer[-4:]],
                   job.workdir, "writing the HTML book")
    shutil.copyfile(TEMPLATES / "book.css", html_dir / "book.css")
    front = next((b["c"][1][0] for b in doc["blocks"] if b["t"] == "Header" and FRONT_CLASS in b["c"][1][1]), "")
    landing = front_page(html_dir, job)
    if landing:
        merge_landing_page(html_dir, landing, front)
    mark_current_pages(html_dir)
    return html_dir


def mark_current_pages(html_dir: Path) -> None:
    """In every page's menu, mark the link to the page itself (`aria-current="page"`), so the
    reader sees (and a screen reader hears) which chapter they are in."""
    for path in sorted(html_dir.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        start, end = text.find('<nav id="TOC"'), text.find("</nav>")
        if start < 0 or end < start:
            continue
        link = f'<a href="{path.name}">'
        menu = text[start:end].replace(link, f'<a href="{path.name}" aria-current="page">', 1)
        path.write_text(text[:start] + menu + text[end:], encoding="utf-8")


REDIRECT = """<!DOCTYPE html>
<html lang="da" xml:lang="da">
<head><meta charset="utf-8" /><meta http-equiv="refresh" content="0; url=index.html" />
<title>{title}</title></head>
<body><main><h1>{title}</h1><p>Siden er flyttet til <a href="index.html">bogens forside</a>.</p></main></body>
</html>
"""


def front_page(html_dir: Path, job: RenderJob) -> str | None:
    """The page pandoc's chunked HTML gave the text before the first chapter (the front chapter
    without its title): the page after the title page, unless that is a part's own page."""
    after = re.search(r'<a href="([^"#]+)" rel="next">', (html_dir / "index.html").read_text(encoding="utf-8"))
    return after.group(1) if after and after.group(1) not in {f"{p.id}.html" for p, _ in job.notebooks} else None


def merge_landing_page(html_dir: Path, landing: str, front: str = "") -> None:
    """pandoc's chunked HTML puts the book's title on `index.html` and the text before the first
    chapter (the front chapter without its title) on a page of its own (`landing`); make them one
    landing page: the title, then the front chapter (key messages and the way in). The front
    chapter's own address (`<front>.html`) leads there, so links to it keep working."""
    index = (html_dir / "index.html").read_text(encoding="utf-8")
    page = (html_dir / landing).read_text(encoding="utf-8")
    title_block = index[index.index('<div class="title-block">'):index.index('<nav class="pager"')]
    page = page.replace('<main id="main">\n', '<main id="main">\n' + title_block, 1)
    page = re.sub(r'<a href="[^"]*" rel="prev">.*?</a>\n', "", page, count=1, flags=re.S)
    title = re.search(r"<title>.*?</title>", index, flags=re.S).group(0)
    page = re.sub(r"<title>.*?</title>", lambda _: title, page, count=1, flags=re.S)
    (html_dir / landing).unlink()
    (html_dir / "index.html").write_text(page, encoding="utf-8")
    for path in [*html_dir.glob("*.html"), html_dir / "sitemap.json"]:
        text = path.read_text(encoding="utf-8")
        if landing in text:
            path.write_text(text.replace(landing, "index.html"), encoding="utf-8")
    if front:
        title = html.escape(re.sub(r"<.*?>", "", title))
        (html_dir / f"{front}.html").write_text(REDIRECT.format(title=title), encoding="utf-8")


def write_pdf(doc_json: Path, job: RenderJob, doc: dict | None = None, parts: Path | None = None) -> Path:
    """The Typst source through `filters/typst.lua` and `templates/book.typ`, compiled to the
    A4 PDF with the PDF/UA-1 and PDF/A-2a checks on; returns the PDF's path (`doc`, the document
    in `doc_json`, and `parts`, a cache folder: book.renderers.typstparts)."""
    from .typstcompile import compile_pdf
    from .typstparts import write_from_parts

    typ = job.workdir / "book.typ"
    template = ["--number-sections", "--template", str(TEMPLATES / "book.typ")]
    if doc is None or parts is None or not write_from_parts(doc, job, parts, typ, template):
        if not doc_json.exists():  # (the renderer writes it when it has no cache)
            doc_json.write_text(compact(doc), encoding="utf-8")
        run_pandoc([str(doc_json), "-f", "json", "-t", "typst", "-o", str(typ), *template,
                    "--lua-filter", str(FILTERS / "typst.lua")], job.workdir, "writing the Typst source")
    pdf = job.workdir / job.pdf_name
    compile_pdf(typ, pdf, job.workdir, [FONTS], PDF_STANDARDS, job.edition.epoch)
    return pdf


class PandocRenderer:
    """The embedded renderer: pandoc and Typst, nothing to install beyond pip."""

    name = "pandoc"

    def render(self, job: RenderJob) -> RenderOutput:
        """Assemble the book, write the HTML book and the PDF, copy them to `job.out_dir`."""
        job.workdir.mkdir(parents=True, exist_ok=True)
        doc = assemble(job)
        doc_json = job.workdir / "book.json"
        cache = job.cache_dir.parent if job.cache_dir else None  # beside pandoc's readings
        if cache:
            pandoc_version()  # asked once, not by both threads at once
        else:
            doc_json.write_text(compact(doc), encoding="utf-8")
        html_dir, pdf = parallel([lambda: write_html(doc, job, parts=cache and cache / "html-parts"),
                                  lambda: write_pdf(doc_json, job, doc, cache and cache / "typst-parts")])
        job.out_dir.mkdir(parents=True, exist_ok=True)
        for item in sorted(html_dir.iterdir()):
            target = job.out_dir / item.name
            if item.is_dir():
                shutil.copytree(item, target, dirs_exist_ok=True)
            else:
                shutil.copyfile(item, target)
        shutil.copyfile(pdf, job.out_dir / pdf.name)
        return RenderOutput(job.out_dir / "index.html", job.out_dir / pdf.name, self.name)
