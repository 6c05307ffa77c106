"""The real book, rendered once from a clean cache like a new user would: every contract file,
accessible HTML, a tagged A4 PDF, and byte-identical output when rendered again."""
from __future__ import annotations

import csv
import dataclasses
import html.parser
import json
import re

import pytest
from conftest import tree_digest

from analysis.chapters import CHAPTERS
from book.editions import find_edition
from book.paths import ROOT
from book.pipeline import BuildOptions, build

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("book")
    opts = BuildOptions(engine="pandoc", cache_dir=tmp / "cache", book_dir=tmp / "book",
                        build_dir=tmp / "build", processed_dir=tmp / "processed")
    edition = find_edition()
    return edition, opts, build(edition, opts)


def test_every_chapter_records_results_and_checks(rendered):
    _, _, result = rendered
    results = json.loads((result.folder / "results.json").read_text(encoding="utf-8"))
    assert set(CHAPTERS) <= set(results)
    assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for c in results.values() for v in c.values())
    with open(result.folder / "reconciliation.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["chapter", "item", "source", "published", "computed", "low", "high", "unit",
                             "status", "basis", "finding", "note"]
    assert {r["chapter"] for r in rows} == set(CHAPTERS)
    assert {r["status"] for r in rows} <= {"match", "within_rounding", "differs", "not_reproducible"}
    assert {r["basis"] for r in rows} <= {"recomputed", "cross_reference", "synthetic"}
    assert all(r["finding"] and r["note"] for r in rows if r["status"] != "match")
    with open(result.folder / "findings.csv", encoding="utf-8", newline="") as fh:
        findings = list(csv.DictReader(fh))
    named = {(r["chapter"], r["finding"]) for r in rows if r["finding"]}
    assert named == {(f["chapter"], f["finding"]) for f in findings}
    assert all(f["title"] and f["explanation"] and int(f["rows"]) > 0 for f in findings)
    number = re.compile(r"^-?\d+(\.\d+)?$")
    assert all(number.match(r["published"]) for r in rows if r["published"])
    assert all(number.match(r[k]) for r in rows for k in ("computed", "low", "high") if r[k])
    assert all(r["computed"] == "" for r in rows if r["status"] == "not_reproducible")


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang, self.headings, self.images, self.tables, self.th, self.code = None, [], [], 0, 0, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "img":
            self.images.append(a.get("alt", ""))
        elif tag == "table":
            self.tables += 1
        elif tag == "th":
            self.th += 1
        elif tag == "pre":  # a code block (inline `code` marks file names, which is fine)
            self.code += 1


def test_html_is_danish_accessible_and_without_code(rendered):
    _, _, result = rendered
    pages = sorted(result.folder.glob("*.html"))
    assert {p.stem for p in pages} >= set(CHAPTERS) | {"index", "forord", "afstemning"}
    for page in pages:
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.lang == "da", page.name
        assert all(alt.strip() for alt in parser.images), page.name
        assert parser.code == 0, page.name
        assert parser.tables == 0 or parser.th > 0, page.name
        levels = parser.headings
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (page.name, levels)
    assert sum(len(_imgs(p)) for p in pages) >= 10


def _imgs(page):
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.images


def test_pdf_is_a4_tagged_danish_and_titled(rendered):
    _, _, result = rendered
    data = result.pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert re.search(rb"/MediaBox\s*\[\s*0\s+0\s+595\.2\d*\s+841\.8\d*\s*\]", data)
    assert b"/StructTreeRoot" in data and b"/MarkInfo" in data
    assert b"(da)" in data or b"/Lang" in data
    assert b"pdfuaid" in data


def test_second_clean_render_is_byte_identical(rendered, tmp_path):
    edition, opts, result = rendered
    other = dataclasses.replace(opts, cache_dir=tmp_path / "cache", book_dir=tmp_path / "book", force=True)
    again = build(edition, other)
    a, b = tree_digest(result.folder), tree_digest(again.folder)
    same = [k for k in a if k.endswith((".csv", ".json", ".pdf", ".html", ".svg")) and k != "manifest.json"]
    assert same and {k: a[k] for k in same} == {k: b.get(k) for k in same}


def _declares_edition_date() -> list[str]:
    """The chapters whose parameters cell declares `book_date` (the build injects the edition's date)."""
    import nbformat

    out = []
    for chapter in CHAPTERS:
        nb = nbformat.read(ROOT / "notebooks" / f"{chapter}.ipynb", 4)
        if any("parameters" in c.metadata.get("tags", []) and "book_date" in c.source for c in nb.cells):
            out.append(chapter)
    return out


@pytest.mark.parametrize("example", sorted(p.stem for p in (find_edition().path.parent / "examples").glob("*.yml")))
def test_every_example_edition_renders(rendered, example):
    """Each example edition (another threshold, an .xlsx or Danish CSV roster, a new follow-up
    round, a later forecast, a peer as focus, a subset of blocks) renders in both formats."""
    from book.editions import load_edition

    edition, opts, _ = rendered
    example_edition = load_edition(edition.path.parent / "examples" / f"{example}.yml")
    result = build(example_edition, opts)
    assert (result.folder / "index.html").is_file() and result.pdf.read_bytes().startswith(b"%PDF")
    # a chapter that declares the edition's date (for its age flag) depends on it, so it re-executes too
    dated = set(_declares_edition_date()) if example_edition.date != edition.date else set()
    # an example names 2025-Q1 as previous, which is published here: every chapter then shows what
    # changed since it (its series slice differs from 2025-Q1's own), once per slice
    series = set(CHAPTERS) if example_edition.previous == edition.id else set()
    assert set(result.executed) <= ({example.split("-")[0], "forord", "parametre", "datagrundlag", "afstemning"}
                                    | dated | series)
    results = json.loads((result.folder / "results.json").read_text(encoding="utf-8"))
    section = example_edition.section(example.split("-")[0])
    if "thresholds" in section:
        assert all(f"{p}new_places_unit_model_n{n}" in results["kvoter"]
                   for n in section["thresholds"]
                   for p in ["synthetic_" if section.get("roster_is_synthetic", True) else "roster_"])
    if "focus" in section:
        assert results["benchmark"] != json.loads((rendered[2].folder / "results.json").read_text())["benchmark"]
