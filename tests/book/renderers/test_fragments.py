"""A part's fragments (book.renderers.fragments): the runs of blocks without a heading, marked for
pandoc and stood in for by placeholders, found in one look without touching the part; the ids
and images a placeholder keeps, in document order."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from book.renderers import fragments as fr
from book.renderers.pandoc import run_pandoc

PART = """# Kapitel {#k}

Indledning med [et anker]{#k-anker} og ![en figur](a.svg).

::: {#k-boks .to-committee}
## Boks {#k-boks-titel}

Tekst i boksen med [et link](#k-anker).

![Figur b](b.svg){#fig-b}
:::

::: {#k-plain}
Ingen overskrift her, [men et id]{#k-inde}.

![Alt med [et spænd]{#k-alt}](c.svg)
:::

## Afsnit {#k-afsnit}

| a |
|---|
| 1 |

: Tabel {#tbl-a}
"""


def _blocks(markdown: str, tmp_path: Path) -> list:
    return json.loads(run_pandoc(["-f", "markdown", "-t", "json"], tmp_path, "test", markdown))["blocks"]


def _reference(node) -> tuple[list[str], list[str]]:
    """ids and images as the recursive walks before them found them."""
    def ids(n):
        if isinstance(n, dict):
            own = n["c"][0][0] if n.get("t") in fr.LINKABLE else ""
            return ([own] if own else []) + ids(n.get("c"))
        return [i for x in n for i in ids(x)] if isinstance(n, list) else []

    def images(n):
        if isinstance(n, dict):
            return [n["c"][2][0]] if n.get("t") == "Image" else images(n.get("c"))
        return [s for x in n for s in images(x)] if isinstance(n, list) else []

    return ids(node), images(node)


def test_ids_and_images_in_document_order(tmp_path):
    blocks = _blocks(PART, tmp_path)
    ids, images = fr.ids_and_images(blocks)
    assert (ids, images) == _reference(blocks)
    # the span in the figure's caption and in its image's alt text; the table's id
    assert ids == ["k-anker", "k-boks", "k-plain", "k-inde", "k-alt", "k-alt", "tbl-a"]
    assert images == ["a.svg", "b.svg", "c.svg"]


def test_marked_and_skeleton_leave_the_part_as_it_was(tmp_path):
    blocks = _blocks(PART, tmp_path)
    before = copy.deepcopy(blocks)
    out, count, skel = fr.marked_and_skeleton(blocks, "abc")
    assert blocks == before
    # runs: the introduction, the box's text after its title, the box without a title, the table
    assert count == 4
    assert fr.fragments_named(skel) == [f"abc-{j}" for j in range(count)]
    text = json.dumps(out)
    assert [text.index(f"book-fragment-begin abc-{j}-") for j in range(count)] == \
        sorted(text.index(f"book-fragment-begin abc-{j}-") for j in range(count))
    assert all(f"book-fragment-end abc-{j}-" in text for j in range(count))
    assert [b["t"] for b in out] == ["Header", "RawBlock", "Para", "RawBlock", "Div", "RawBlock", "Div",
                                     "RawBlock", "Header", "RawBlock", "Table", "RawBlock"]
    assert [b["t"] for b in skel] == ["Header", "Div", "Div", "Div", "Header", "Div"]
    box = skel[2]["c"][1]
    assert box[0]["t"] == "Header" and fr.PLACEHOLDER_CLASS in json.dumps(box[1])
    # the box without a title is one placeholder with its ids and images
    spans = skel[3]["c"][1][0]["c"]
    assert [s["c"][0][0] for s in spans if s["t"] == "Span"] == ["k-plain", "k-inde", "k-alt", "k-alt"]
    assert [s["c"][2][0] for s in spans if s["t"] == "Image"] == ["c.svg"]

