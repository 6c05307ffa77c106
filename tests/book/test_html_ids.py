"""Every id on an HTML page of the book is there once (WCAG 2.1 SC 4.1.1, parsing; a link to a
repeated id finds only the first), and every link into the book (`kvoter.html#kvoter-baggrund`,
`#tabel-9`) finds its target; a contents entry leads to the heading it names. On the book of each
renderer: the embedded one, and Quarto's where `quarto` is on PATH (skipped elsewhere), each
rendered once per test session. The Opfølgning på Beskæftigelsesplanen chapter repeats its goals
for each plan year: the second »Alle ledige skal have en værdig sagsbehandling« is `…-1`."""
from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import RENDERER_NAMES

pytestmark = pytest.mark.slow

_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')
_LINK = re.compile(r'<a href="([^"#:]*)#([^"]*)"[^>]*>(.*?)</a>', re.S)
_HEADING = re.compile(r'<h([1-6])[^>]*\sid="([^"]*)"[^>]*>(.*?)</h\1>', re.S)
_NAV = re.compile(r'<nav id="TOC".*?</nav>', re.S)


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


@pytest.fixture(scope="module", params=RENDERER_NAMES)
def book(request, rendered_by) -> dict[str, str]:
    """Every HTML page of the book as each renderer makes it: name -> text."""
    folder: Path = rendered_by(request.param).folder
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))}


def test_no_page_has_an_id_twice(book):
    twice = {name: [i for i, n in Counter(_ID.findall(text)).items() if n > 1] for name, text in book.items()}
    assert {name: ids for name, ids in twice.items() if ids} == {}


def test_a_heading_a_chapter_repeats_has_an_id_of_its_own(book):
    ids = _ID.findall(book["beskaeftigelsesplan.html"])
    repeated = "beskaeftigelsesplan-alle-ledige-skal-have-en-værdig-sagsbehandling"
    assert repeated in ids and f"{repeated}-1" in ids


def test_every_link_into_the_book_finds_its_target(book):
    ids = {name: set(_ID.findall(text)) for name, text in book.items()}
    missing = sorted({f"{name}: {page or name}#{frag}" for name, text in book.items()
                      for page, frag, _ in _LINK.findall(text)
                      if (page or name) in ids and html.unescape(frag) not in ids[page or name]})
    assert missing == []


def test_every_contents_entry_leads_to_the_heading_it_names(book):
    headings = {(name, ident): _text(inner)
                for name, text in book.items() for _, ident, inner in _HEADING.findall(text)}
    wrong = []
    for name, text in book.items():
        nav = _NAV.search(text)
        for page, frag, label in _LINK.findall(nav.group(0) if nav else ""):
            target = headings.get((page or name, html.unescape(frag)))
            # the entry reads »3.2 Beskæftigelsesplan 2023, opfølgning 2«, the heading the same
            if target is None or _text(label).split(" ", 1)[-1] not in target:
                wrong.append(f"{name}: {_text(label)} -> {page}#{frag} ({target})")
    assert wrong == []
