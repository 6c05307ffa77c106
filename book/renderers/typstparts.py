"""The Typst source written part by part from a cache: what pandoc and `filters/typst.lua` make of
a part (everything from its level-1 heading to the next) is kept, keyed by everything that
shapes it, and a render writes again only the parts that changed. The PDF is compiled from the
whole source every time.

typst.lua hands a little state from part to part: the tables and floating figures so far (their
labels count them), whether the contents and the first chapter are placed, whether the last
title was an appendix's; and a table's column widths are measured on every table of the book
with the same header. Told `book-typst-state` and `book-typst-tables`, the filter starts from
that state, measures on those tables and writes its state as a comment before each chapter and
at the end (`// book-typst-part ...`, `// book-typst-end ...`). So a part written alone is the
text the whole book gives for it, as long as the state changes only where the parts follow each
other – no table, figure or level-1 heading inside another block once Quarto's conditional
content is resolved, no table inside a table (`supported`); a book that has one is written whole.

A part's key (`part_key`) is its blocks, the state it starts from, the book's tables that may
share a header with one of its tables (in book order), the pandoc version, typst.lua and the
writer's options. An entry is its text and the state after it, stored with its sha256; one that
does not match or does not parse is ignored and written again. With no part in the cache (the
first render) the whole book is written in one run with the comments and every part kept from
it; else the missing parts are written one by one. Then one more pandoc run puts the text in the
template (book.typ). The result is the bytes the whole book gives
(`tests/book/renderers/test_typstparts.py`)."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Callable

from .entries import compact, load_entry, store_entry
from .htmlparts import split_parts  # noqa: F401 - (tests reach it here too)

KIND = "typst-part-1"
PDF_FORMATS = ("typst", "pdf")
START = (0, 0, 0, 0, 0)  # tables, floating figures, contents placed, first chapter seen, after an appendix
# a comment line: taken out with its line break, the text around it is the whole book's
_MARK = re.compile(r"^// book-typst-(part|end) (\d+ \d+ [01] [01] [01])\n", re.M)
_SIMPLE = frozenset({"Str", "Space", "SoftBreak", "LineBreak", "Emph", "Strong", "Underline", "Strikeout",
                     "Superscript", "Subscript", "SmallCaps", "Span", "Plain", "Para"})
State = tuple[int, int, int, int, int]


def _shown_in_pdf(block: dict) -> bool | None:
    """Quarto's conditional content as typst.lua reads it (None: not a conditional div)."""
    if block.get("t") != "Div":
        return None
    _, classes, attrs = block["c"][0]
    fmt = dict(attrs).get("when-format")
    if fmt and "content-visible" in classes:
        return fmt in PDF_FORMATS
    if fmt and "content-hidden" in classes:
        return fmt not in PDF_FORMATS
    return None


def _resolved(blocks: list) -> list:
    """The blocks as typst.lua's Div pass leaves them (content for HTML out, content for the PDF
    in the place of its div)."""
    out: list = []
    for b in blocks:
        shown = _shown_in_pdf(b)
        if shown is False:
            continue
        if shown is True:
            out += _resolved(b["c"][1])
        else:
            out.append(b)
    return out


def _inside(node: Any, kinds: tuple[str, ...]) -> bool:
    """Whether a table, figure or level-1 heading is somewhere inside `node` (its content)."""
    if isinstance(node, dict):
        t = node.get("t")
        if t in kinds or (t == "Header" and node["c"][0] == 1):
            return True
        c = node.get("c")
        if t == "Div" and _shown_in_pdf(node) is not None:  # resolved: its content is not nested
            return _inside(_resolved([node]), kinds)
        return _inside(c, kinds)
    if isinstance(node, list):
        return any(_inside(item, kinds) for item in node)
    return False


def tables_of(blocks: list) -> list[dict]:
    """Every table of the book in order (what typst.lua's collect_headers walks)."""
    out: list[dict] = []

    def walk(node: Any) -> None:
        if type(node) is dict:
            t = node.get("t")
            if t in _INLINE_ONLY:  # (no table inside)
                return
            if t == "Table":
                out.append(node)
            walk(node.get("c"))
        elif type(node) is list:
            for item in node:
                walk(item)

    walk(blocks)
    return out


_INLINE_ONLY = frozenset({"Str", "Space", "SoftBreak", "LineBreak", "CodeBlock", "RawBlock", "Code", "Math",
                          "RawInline", "HorizontalRule"})


def supported(parts: list[list]) -> bool:
    """Whether writing part by part gives the whole book's text (see the module docstring)."""
    for part in parts:
        if not (part[0]["t"] == "Header" and part[0]["c"][0] == 1):
            return False
        for b in _resolved(part):
            if b["t"] in ("Table", "Figure", "Header", "Div", "BlockQuote", "BulletList", "OrderedList",
                          "DefinitionList", "LineBlock"):
                if _inside(b["c"], ("Table", "Figure")):
                    return False
    return True


def header_key(table: dict) -> str | None:
    """A key at least as coarse as typst.lua's header_key: tables it groups together have the
    same key here (the header's words without white space, cells joined by |); "*" for a header
    with anything else than plain words in it; None for a table without header cells."""
    cells = [cell for row in table["c"][3][1] for cell in row[1]]
    if not cells:
        return None
    texts = []
    for cell in cells:
        words: list[str] = []
        if not _plain_words(cell[4], words):
            return "*"
        texts.append(re.sub(r"\s+", "", "".join(words)))
    return "|".join(texts)


def _plain_words(node: Any, words: list[str]) -> bool:
    if isinstance(node, dict):
        t = node.get("t")
        if t not in _SIMPLE:
            return False
        if t == "Str":
            words.append(node["c"])
            return True
        if t == "Span":
            return _plain_words(node["c"][1], words)
        return _plain_words(node.get("c"), words)
    if isinstance(node, list):
        return all(_plain_words(item, words) for item in node)
    return True


def shared_tables(part: list, tables: list[tuple[dict, str | None]],
                  own_tables: list[dict] | None = None) -> list[dict]:
    """The book's tables (in order) that may share a header with one of the part's tables
    (`own_tables`: the part's, when known)."""
    own = {key for key in map(header_key, tables_of(part) if own_tables is None else own_tables) if key is not None}
    if not own:
        return []
    return [t for t, key in tables if key is not None and ("*" in own or key == "*" or key in own)]


def table_digest(table: dict) -> bytes:
    """A table's share of the keys of the parts it may share a header with."""
    return hashlib.sha256(compact(table).encode()).digest()


def part_key(blocks: list, before: State, shared: list[dict], context: dict[str, Any],
             digest: Callable[[dict], bytes] = table_digest) -> str:
    """The key of a part's Typst text (see the module docstring); `digest`: table_digest, or the
    same remembered (a table may be shared by many parts)."""
    h = hashlib.sha256(KIND.encode() + b"\0")
    h.update(json.dumps([context, list(before)], sort_keys=True).encode())
    h.update(b"\0" + b"".join(map(digest, shared)))
    h.update(b"\0" + compact(blocks).encode())
    return h.hexdigest()


def remembered(tables: list[tuple[dict, str | None]]) -> Callable[[dict], bytes]:
    """table_digest of the book's tables, each computed once."""
    digests = {id(t): table_digest(t) for t, _ in tables}
    return lambda table: digests.get(id(table)) or table_digest(table)


def split_marked(text: str) -> list[tuple[State, str]] | None:
    """The text of a run with the state comments: (state before, text) per part and the state at
    the end as a last entry with no text; None when the comments are not as written."""
    marks = list(_MARK.finditer(text))
    if not marks or marks[0].start() != 0 or marks[-1].group(1) != "end" \
            or any(m.group(1) != "part" for m in marks[:-1]):
        return None
    out = []
    for m, nxt in zip(marks, marks[1:]):
        out.append((_state(m.group(2)), text[m.end():nxt.start()]))
    out.append((_state(marks[-1].group(2)), ""))
    return out


def _state(text: str) -> State:
    a, b, c, d, e = (int(x) for x in text.split())
    return a, b, c, d, e


def load(folder: Path, key: str) -> tuple[str, State] | None:
    """A sound entry: the part's text and the state after it."""
    entry = load_entry(folder, key)
    try:
        text, after = entry["text"], tuple(int(x) for x in entry["after"])
    except (KeyError, TypeError, ValueError):
        return None
    if not isinstance(text, str) or len(after) != 5:
        return None
    return text, (after[0], after[1], after[2], after[3], after[4])


def store(folder: Path, key: str, text: str, after: State) -> None:
    """Keep a part's text and the state after it."""
    store_entry(folder, key, {"text": text, "after": list(after)})


def write_parts(doc: dict, workdir: Path, folder: Path, run: Callable[[list[str], str, str | None], str],
                version: str, lua: Path, options: list[str]) -> str | None:
    """The text of the book's body (the parts' texts joined, without the template), from the
    cache `folder` and pandoc runs (`run(args, step, stdin)`); None when the book cannot be written
    part by part (the caller writes it whole)."""
    parts = split_parts(doc["blocks"])
    if not supported(parts):
        return None
    per_part = [tables_of(part) for part in parts]
    tables = [(t, header_key(t)) for own in per_part for t in own]
    context = {"pandoc": version, "filter": hashlib.sha256(lua.read_bytes()).hexdigest(), "writer": options}
    api = doc["pandoc-api-version"]
    digest = remembered(tables)

    def write(blocks: list, before: State, shared: list[dict]) -> list[tuple[State, str]] | None:
        meta = {"book-typst-state": {"t": "MetaString", "c": " ".join(map(str, before))},
                "book-typst-tables": {"t": "MetaString", "c": compact(
                    {"pandoc-api-version": api, "meta": {}, "blocks": shared})}}
        text = run(["-f", "json", "-t", "typst", "--lua-filter", str(lua), *options], "writing the Typst source",
                   compact({"pandoc-api-version": api, "meta": meta, "blocks": blocks}))
        return split_marked(text)

    texts: list[str] = []
    state: State = START
    first_missed = False
    for i, part in enumerate(parts):
        shared = shared_tables(part, tables, per_part[i])
        key = part_key(part, state, shared, context, digest)
        hit = load(folder, key)
        if hit is None:
            if i == 1 and first_missed:  # the first two parts are new: a first render, one run
                return _whole(parts, tables, folder, context, write, digest)
            first_missed = i == 0
            pieces = write(part, state, shared)
            if pieces is None or len(pieces) != 2 or pieces[0][0] != state:
                return None
            hit = (pieces[0][1], pieces[1][0])
            store(folder, key, *hit)
        texts.append(hit[0])
        state = hit[1]
    if not state[2]:  # the contents were never placed: typst.lua puts them first in a whole run
        return None
    return _joined(texts)


def _whole(parts: list[list], tables: list[tuple[dict, str | None]], folder: Path, context: dict[str, Any],
           write: Callable, digest: Callable[[dict], bytes] = table_digest) -> str | None:
    """The whole book in one run with the state comments; every part kept."""
    blocks = [b for part in parts for b in part]
    pieces = write(blocks, START, [t for t, _ in tables])
    if pieces is None or len(pieces) != len(parts) + 1:
        return None
    texts = []
    for part, (before, text), (after, _) in zip(parts, pieces, pieces[1:]):
        store(folder, part_key(part, before, shared_tables(part, tables), context, digest), text, after)
        texts.append(text)
    if not pieces[-1][0][2]:
        return None
    return _joined(texts)


def _joined(texts: list[str]) -> str:
    """The parts' texts as the body of one document (each ends with the blank line before the next)."""
    return "".join(texts).rstrip("\n")


def write_from_parts(doc: dict, job, folder: Path, typ: Path, template: list[str]) -> bool:
    """The Typst source of the embedded renderer's job in `typ`: the parts' text (write_parts:
    pandoc, typst.lua, the cache `folder`) in the template; False when the book must be written
    whole."""
    from .pandoc import FILTERS, pandoc_version, run_pandoc

    body = write_parts(doc, job.workdir, folder, lambda args, step, stdin: run_pandoc(args, job.workdir, step, stdin),
                       pandoc_version(), FILTERS / "typst.lua", ["--number-sections"])
    if body is None:
        return False
    framed = job.workdir / "book-typst-body.json"
    framed.write_text(compact({**doc, "blocks": [{"t": "RawBlock", "c": ["typst", body]}]}), encoding="utf-8")
    run_pandoc([str(framed), "-f", "json", "-t", "typst", "-o", str(typ), *template], job.workdir,
               "writing the Typst source")
    return True
