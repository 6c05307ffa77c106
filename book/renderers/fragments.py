"""The fragments of the HTML book's parts (book.renderers.htmlparts): a part's runs of blocks
without a heading, each written once by pandoc's chunked writer between two marker comments and
kept, and stood in for by a placeholder (a div with the fragment's name, the ids links may point
to and the images the writer copies) when the part comes from the cache."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from .entries import compact, load_entry, store_entry

PLACEHOLDER_CLASS = "book-fragment-7f3a"
_PLACEHOLDER = re.compile(r'<div class="' + PLACEHOLDER_CLASS
                          + r'"\s+data-fragment="([0-9a-f]+-[0-9]+)">.*?</div>(\n?)', re.S)
_BEGIN = "<!--book-fragment-begin {}-->"
_END = "<!--book-fragment-end {}-->"
_MARKED = re.compile(r"<!--book-fragment-begin ([0-9a-f]+-[0-9]+)-->\n(.+?)\n<!--book-fragment-end \1-->", re.S)
# a fragment that writes nothing: its markers, and the line break after them, go
_MARKED_EMPTY = re.compile(r"<!--book-fragment-begin ([0-9a-f]+-[0-9]+)-->\n<!--book-fragment-end \1-->\n?")

# The elements whose ids pandoc's chunked writer finds links to (a link to another element's id,
# e.g. a figure's, stays as it is), and raw HTML, whose ids it finds too.
LINKABLE = ("Div", "Span", "Link", "Table")


# elements with an id (attributes first in their content), whether links find them or not
WITH_ID = (*LINKABLE, "Figure", "Image", "Code", "CodeBlock")


def ids_and_images(node: Any) -> tuple[list[str], list[str]]:
    """The ids in a piece of the AST that links find (LINKABLE) and the sources of its images,
    each in document order (one walk, no recursion)."""
    ids: list[str] = []
    images: list[str] = []
    stack = [(node, False)]  # (node, inside an image: its alt text's images are not the writer's)
    while stack:
        item, in_image = stack.pop()
        if type(item) is list:
            stack.extend((x, in_image) for x in reversed(item) if type(x) is dict or type(x) is list)
            continue
        t = item.get("t")
        if t in LINKABLE and item["c"][0][0]:
            ids.append(item["c"][0][0])
        elif t == "Image" and not in_image:
            images.append(item["c"][2][0])
            in_image = True
        c = item.get("c")
        if type(c) is list:
            stack.append((c, in_image))
    return ids, images


# blocks that hold no other block (so no heading)
_FLAT = frozenset({"Para", "Plain", "CodeBlock", "RawBlock", "HorizontalRule", "LineBlock"})


def _may_hold_header(block: dict) -> bool:
    """Whether a block is or holds a heading (a Str with the text below only splits more)."""
    t = block["t"]
    if t == "Header":
        return True
    return t not in _FLAT and '{"t":"Header"' in compact(block)


def placeholder(name: str, ids: list[str], images: list[str] = ()) -> dict:
    """A fragment's stand-in: a div with the fragment's name, an empty span per id in it (links
    into it find its page) and its images (the writer copies them into the book's folder)."""
    spans = [{"t": "Span", "c": [[i, [], []], []]} for i in ids]
    spans += [{"t": "Image", "c": [["", [], []], [], [src, ""]]} for src in images]
    return {"t": "Div", "c": [["", [PLACEHOLDER_CLASS], [["data-fragment", name]]],
                              [{"t": "Plain", "c": spans}] if spans else []]}


def _replace_runs(blocks: list, makes: tuple[Callable[[int, list], list], ...]) -> tuple[list[list], int]:
    """Copies of `blocks`, one per function in `makes`, with each run of blocks without a heading,
    at any depth (a box with a heading keeps the heading, the rest are runs), replaced by
    `make(index, run)`, the runs numbered in document order; and how many runs. Only the lists
    that change are copied (the blocks in them are `blocks`' own)."""
    count = 0

    def rebuilt(lst: list) -> list[list]:
        outs: list[list] = [[] for _ in makes]
        run: list = []

        def close() -> None:
            nonlocal count, run
            if run:
                for out, make in zip(outs, makes):
                    out += make(count, run)
                count, run = count + 1, []

        for b in lst:
            if not _may_hold_header(b):
                run.append(b)
                continue
            close()
            if b["t"] == "Div":
                for out, inner in zip(outs, rebuilt(b["c"][1])):
                    out.append({**b, "c": [b["c"][0], inner]})
            else:
                for out in outs:
                    out.append(b)
        close()
        return outs

    return rebuilt(blocks), count


def _marks(key: str) -> Callable[[int, list], list]:
    raw = lambda text: {"t": "RawBlock", "c": ["html", text]}  # noqa: E731
    return lambda j, run: [raw(_BEGIN.format(f"{key}-{j}")), *run, raw(_END.format(f"{key}-{j}"))]


def _placeholders(key: str) -> Callable[[int, list], list]:
    return lambda j, run: [placeholder(f"{key}-{j}", *ids_and_images(run))]


def marked_and_skeleton(blocks: list, key: str) -> tuple[list, int, list]:
    """The part with each fragment between marker comments (pandoc writes it so), how many
    fragments, and the part with each fragment replaced by its placeholder (the cache keeps it
    so); one look for the fragments gives both."""
    (out, skel), count = _replace_runs(blocks, (_marks(key), _placeholders(key)))
    return out, count, skel


# The cache -----------------------------------------------------------------------------------

def load(folder: Path, key: str) -> dict | None:
    """A sound entry of `key` ({"skeleton", "fragments"}) that fits its part, or None."""
    entry = load_entry(folder, key)
    try:
        skel, frags = entry["skeleton"], entry["fragments"]
    except (KeyError, TypeError):
        return None
    if not (isinstance(skel, list) and isinstance(frags, list) and all(isinstance(f, str) for f in frags)
            and fragments_named(skel) == [f"{key}-{j}" for j in range(len(frags))]):
        return None
    return entry


def fragments_named(blocks: list) -> list[str]:
    """The placeholders of `key` in a skeleton, in order."""
    names = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Div" and PLACEHOLDER_CLASS in node["c"][0][1]:
                names.append(dict(node["c"][0][2]).get("data-fragment", ""))
                return
            walk(node.get("c"))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return names


def store(folder: Path, key: str, skel: list, frags: list[str]) -> None:
    """Keep a part's skeleton and fragments."""
    store_entry(folder, key, {"skeleton": skel, "fragments": frags})


def substitute(html_dir: Path, fragments_by_name: dict[str, str]) -> dict[str, str]:
    """In every page: cached fragments in place of their placeholders, and the written fragments
    taken from between their markers (returned by name; the markers removed)."""
    written: dict[str, str] = {}

    def take(m: re.Match) -> str:
        written[m.group(1)] = m.group(2)
        return m.group(2)

    def take_empty(m: re.Match) -> str:
        written[m.group(1)] = ""
        return ""

    def put(m: re.Match) -> str:
        text = fragments_by_name[m.group(1)]
        return text + m.group(2) if text else ""

    for path in sorted(html_dir.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        if PLACEHOLDER_CLASS not in text and "<!--book-fragment-begin " not in text:
            continue
        text = _MARKED_EMPTY.sub(take_empty, text)
        text = _MARKED.sub(take, text)
        text = _PLACEHOLDER.sub(put, text)
        path.write_text(text, encoding="utf-8")
    return written
