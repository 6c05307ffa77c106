"""The HTML book written part by part from a cache: what pandoc's chunked HTML writer made of a
part's text (everything between its headings) is kept, keyed by everything that shapes it, and a
render writes again only the parts that changed. A focus edition, which differs from the one
before in the benchmark chapter and the two parts that show it, writes those three.

How (`write_chunked`):

1. The book (html_document's) is cut into parts at its level-1 headings. Each part goes through
   `filters/html.lua` on its own, told how many figures and tables came before it
   (`book-figures-before`, ... as html.lua reads them for Quarto's pages; `_Survey`
   counts them as html.lua numbers them), so its captions carry the numbers they carry in the
   whole book.
2. In a filtered part, every run of blocks without a heading in it (at any depth) is a fragment.
   One pandoc run writes the chunked HTML book of all parts: a part from the cache has each
   fragment replaced by a placeholder (a div holding empty spans with the fragment's ids, so
   that links into it still find its page); a part written now has each fragment between two
   marker comments. The headings, the sections around them, the contents, the pages, the
   sitemap and the links between pages are pandoc's own, from the whole book.
3. The written fragments are taken from between their markers (and the markers removed), the
   placeholders replaced by the cached fragments, and the new parts stored.

A part's key (`part_key`) is its blocks, the numbering it starts from, the part links html.lua
reads, the page it is on, the pages of the ids its links point to, the book's page ids, the
pandoc version, html.lua and the writer's options. A part with a footnote is never cached (the
chunked writer numbers notes per page). An entry is stored with its sha256; one that does not
match, or does not fit its part, is ignored and written again.

What comes out is the bytes the whole book through html.lua and the chunked writer gives
(`tests/book/renderers/test_htmlparts.py` compares them)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable

from .entries import compact
from .fragments import (  # noqa: F401 - load and store: the cache's entries, for the tests too
    PLACEHOLDER_CLASS,
    WITH_ID,
    load,
    marked_and_skeleton,
    store,
    substitute,
)

KIND = "html-part-1"
FLOAT_META = ("book-figures-before", "book-tables-before", "book-figures-extra-before", "book-tables-extra-before")
HTML_FORMATS = ("html", "html5", "html4", "chunkedhtml")
Floats = tuple[int, int, int, int]


# What shapes a part --------------------------------------------------------------------------

def split_parts(blocks: list) -> list[list]:
    """The book's blocks cut before every top-level level-1 heading (what comes before the first
    one – the front chapter without its title – is a part too)."""
    parts: list[list] = [[]]
    for b in blocks:
        if b["t"] == "Header" and b["c"][0] == 1 and parts[-1]:
            parts.append([])
        parts[-1].append(b)
    return [p for p in parts if p]


def shown_in_html(block: dict) -> bool | None:
    """Quarto's conditional content as html.lua reads it: False for a div the HTML leaves out,
    True for one shown in the HTML only, None for anything else."""
    if block.get("t") != "Div":
        return None
    _, classes, attrs = block["c"][0]
    fmt = dict(attrs).get("when-format")
    if fmt and "content-visible" in classes:
        return fmt in HTML_FORMATS
    if fmt and "content-hidden" in classes:
        return fmt not in HTML_FORMATS
    return None


def part_key(blocks: list, before: Floats, context: dict[str, Any]) -> str:
    """The key of a part's fragments (see the module docstring); `context` holds what comes from
    the whole book: pandoc's version, html.lua, the writer's options, the part links, the page
    ids, this part's page and the pages of the ids its links point to."""
    h = hashlib.sha256(KIND.encode() + b"\0")
    h.update(json.dumps([context, list(before)], sort_keys=True, ensure_ascii=False).encode())
    h.update(b"\0" + compact(blocks).encode())
    return h.hexdigest()


# The book ------------------------------------------------------------------------------------

_LEAVES = frozenset({"Str", "Space", "SoftBreak", "LineBreak"})


class _Survey:
    """What one walk over the book finds for the keys: per part the html.lua numbering after it,
    its link targets, whether it may be cached; the level-1 headings (the chunked writer starts
    a page at each) and the page and kind of every id."""

    def __init__(self) -> None:
        self.page = ""
        self.level1: list[str] = []
        self.where: dict[str, str] = {}

    def part(self, blocks: list, before: Floats) -> tuple[Floats, set[str], bool]:
        """One part, after the ones before it: (numbering after it, link targets, cacheable)."""
        counts = list(before)
        targets: set[str] = set()
        cacheable = True
        where, level1 = self.where, self.level1

        def walk(node: Any, only_html: bool, hidden: bool) -> None:
            nonlocal cacheable
            if type(node) is list:
                for item in node:
                    walk(item, only_html, hidden)
                return
            if type(node) is not dict:
                return
            t = node.get("t")
            if t in _LEAVES:
                return
            c = node.get("c")
            if t == "Header":
                if c[0] == 1:
                    self.page = c[1][0]
                    level1.append(self.page)
                if c[1][0]:
                    where.setdefault(c[1][0], f"{self.page}|{t}")
            elif t in WITH_ID and c[0][0]:
                where.setdefault(c[0][0], f"{self.page}|{t}")
            if t == "Link" and c[2][0].startswith("#"):
                targets.add(c[2][0][1:])
            elif t == "Note" or (t in ("RawBlock", "RawInline") and c[0] in HTML_FORMATS and "id" in c[1]):
                cacheable = False  # footnotes are numbered per page; raw HTML may hold an id
            elif t == "Div":
                shown = shown_in_html(node)
                hidden = hidden or shown is False
                only_html = only_html or shown is True
            elif not hidden and (t == "Figure" or (t == "Table" and c[1][1])):
                kind = 0 if t == "Figure" else 1
                if only_html:
                    counts[2 + kind] += 1
                else:
                    counts[kind], counts[2 + kind] = counts[kind] + 1, 0
            if type(c) is list:
                walk(c, only_html, hidden)

        walk(blocks, False, False)
        return (counts[0], counts[1], counts[2], counts[3]), targets, cacheable


def plan_parts(doc: dict, context: dict[str, Any]) -> list[tuple[list, Floats, str | None]]:
    """Each part of the HTML document with the numbering it starts from and its key (None for a
    part that is never cached: a footnote, raw HTML that may hold an id, a link to an id the book
    does not have – html.lua may make it)."""
    parts = split_parts(doc["blocks"])
    meta = doc["meta"]
    start = [int(_meta_text(meta.get(name)) or 0) for name in FLOAT_META]
    before: Floats = (start[0], start[1], start[2], start[3])
    survey = _Survey()
    found = []
    for part in parts:
        first = part[0]
        page = first["c"][1][0] if first["t"] == "Header" and first["c"][0] == 1 else survey.page
        after, targets, cacheable = survey.part(part, before)
        found.append((part, before, page, targets, cacheable))
        before = after
    out = []
    for part, before, page, targets, cacheable in found:
        where = {t: survey.where.get(t) for t in sorted(targets)}
        ctx = {**context, "pages": survey.level1, "page": page, "targets": where}
        ok = cacheable and all(v is not None for v in where.values())
        out.append((part, before, part_key(part, before, ctx) if ok else None))
    return out


def _meta_text(value: Any) -> str:
    if not value:
        return ""
    if value.get("t") == "MetaString":
        return value["c"]
    return "".join(x["c"] for x in value.get("c", []) if isinstance(x, dict) and x.get("t") == "Str")


def filter_meta(meta: dict, before: Floats) -> dict:
    """The metadata html.lua reads for a part: the document's part links and the numbering the
    part starts from. The rest (title, edition, the contents for the sidebar) reaches only the
    page around the text, so it is left out of pandoc's input for a part."""
    out = {"part-links": meta["part-links"]} if "part-links" in meta else {}
    for name, value in zip(FLOAT_META, before):
        out[name] = {"t": "MetaString", "c": str(value)}
    return out


# Options that shape only the page around the text (the template and its variables: the
# edition's title, date, PDF name): not part of a fragment's key. The document's metadata reaches
# the text only through html.lua (the part links, the numbering: both in the key).
PAGE_OPTIONS = ("--template", "--css", "--metadata", "--variable")


def body_options(writer_args: list[str]) -> list[str]:
    """The writer's options that can shape a part's text (all but PAGE_OPTIONS and their values)."""
    out, skip = [], False
    for a in writer_args:
        if skip:
            skip = False
        elif a in PAGE_OPTIONS:
            skip = True
        elif not a.startswith(tuple(o + "=" for o in PAGE_OPTIONS)):
            out.append(a)
    return out


def write_chunked(doc: dict, workdir: Path, html_dir: Path, writer_args: list[str], folder: Path,
                  run: Callable[[list[str], str, str | None], str], version: str, lua: Path) -> bool:
    """Write the chunked HTML book of `doc` (html_document's, not yet through html.lua) into
    `html_dir` from the parts in the cache `folder` and the parts written now (see the module
    docstring); `run(args, step, stdin)` runs pandoc, `writer_args` are the writer's options
    after the output folder. False (and nothing promised in `html_dir`) when a fragment did not
    come back as it was marked: the caller then writes the book whole."""
    from .pandoc import parallel

    context = {"pandoc": version, "filter": hashlib.sha256(lua.read_bytes()).hexdigest(),
               "writer": body_options(writer_args), "part-links": doc["meta"].get("part-links")}
    planned = plan_parts(doc, context)
    entries = {i: load(folder, key) for i, (_, _, key) in enumerate(planned) if key}
    todo = [i for i in range(len(planned)) if entries.get(i) is None]

    def through_filter(i: int) -> list:
        part, before, _ = planned[i]
        text = compact({"pandoc-api-version": doc["pandoc-api-version"], "meta": filter_meta(doc["meta"], before),
                        "blocks": part})
        args = ["-f", "json", "-t", "json", "--lua-filter", str(lua)]
        return json.loads(run(args, "filtering a part of the HTML book", text))["blocks"]

    filtered = dict(zip(todo, parallel([lambda i=i: through_filter(i) for i in todo])))
    blocks: list = []
    counts: dict[int, int] = {}
    skeletons: dict[int, list] = {}
    for i, (_, _, key) in enumerate(planned):
        entry = entries.get(i)
        if entry is not None:
            blocks += entry["skeleton"]
        elif key:
            part, counts[i], skeletons[i] = marked_and_skeleton(filtered[i], key)
            blocks += part
        else:
            blocks += filtered[i]
    doc_json = workdir / "book-html-parts.json"
    doc_json.write_text(compact({**doc, "blocks": blocks}), encoding="utf-8")
    run([str(doc_json), "-f", "json", "-t", "chunkedhtml", "-o", str(html_dir), *writer_args], "writing the HTML book",
        None)
    cached = {f"{planned[i][2]}-{j}": frag for i, e in entries.items() if e for j, frag in enumerate(e["fragments"])}
    written = substitute(html_dir, cached)
    new = {i: [written.get(f"{planned[i][2]}-{j}") for j in range(n)] for i, n in counts.items()}
    if any(f is None for frags in new.values() for f in frags) or _leftovers(html_dir):
        return False
    for i, frags in new.items():
        store(folder, planned[i][2], skeletons[i], frags)
    return True


def _leftovers(html_dir: Path) -> bool:
    """Whether a placeholder or marker is still in a page."""
    return any(PLACEHOLDER_CLASS in t or "<!--book-fragment-" in t
               for t in (p.read_text(encoding="utf-8") for p in html_dir.glob("*.html")))


def write_from_parts(hdoc: dict, job, html_dir: Path, writer: list[str], folder: Path) -> bool:
    """write_chunked for the embedded renderer's job (pandoc, html.lua, the job's folder)."""
    from .pandoc import FILTERS, pandoc_version, run_pandoc

    return write_chunked(hdoc, job.workdir, html_dir, writer, folder,
                         lambda args, step, stdin: run_pandoc(args, job.workdir, step, stdin),
                         pandoc_version(), FILTERS / "html.lua")
