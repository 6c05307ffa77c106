"""Every column of every table in the rendered book has a header a screen reader can announce
(WCAG 1.3.1; `outloud` rule TBL-011 found data cells headed only by an empty header cell)."""
from __future__ import annotations

import html.parser

import pytest

pytestmark = pytest.mark.slow


class _EmptyHeaders(html.parser.HTMLParser):
    """Collects the tables (by caption, else the id of the caption that labels them) that have a
    header cell without text."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._caption: list[str] = []
        self._in: str | None = None
        self._cell: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._caption = [dict(attrs).get("aria-labelledby") or ""]
        if tag in ("caption", "th"):
            self._in, self._cell = tag, []

    def handle_endtag(self, tag):
        if tag == "caption" and self._in == "caption":
            self._caption, self._in = self._cell, None
        elif tag == "th" and self._in == "th":
            if not "".join(self._cell).strip():
                self.found.append(" ".join("".join(self._caption).split()) or "(table without caption)")
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._cell.append(data)


def empty_headers(page: str) -> list[str]:
    parser = _EmptyHeaders()
    parser.feed(page)
    return parser.found


def test_an_empty_header_cell_is_found():
    page = "<table><caption>Tabel 1: x</caption><tr><th></th><th>A</th></tr><tr><td>r</td><td>1</td></tr></table>"
    assert empty_headers(page) == ["Tabel 1: x"]
    assert empty_headers(page.replace("<th></th>", "<th>Tal</th>")) == []


def test_every_table_column_of_the_book_has_a_header(rendered_edition):
    book = rendered_edition.result.folder
    found = {page.name: empty_headers(page.read_text(encoding="utf-8")) for page in sorted(book.glob("*.html"))}
    assert {name: tables for name, tables in found.items() if tables} == {}
