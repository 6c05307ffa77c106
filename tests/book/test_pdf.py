"""The PDF of the real book as each renderer makes it (the embedded one, and Quarto's where
`quarto` is on PATH; skipped elsewhere), each rendered once per test session: PDF/UA-1 declared,
tagged, a description on every figure, an outline of the chapters, a sensible page count, the
same page count from both renderers."""
from __future__ import annotations

import re

import pytest
from conftest import RENDERER_NAMES

pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed")
pytestmark = pytest.mark.slow

CHAPTERS = ("Rammer og nøgletal", "Opfølgning på Beskæftigelsesplanen", "Jobcenterbenchmark")


@pytest.fixture(scope="module", params=RENDERER_NAMES)
def pdf(request, rendered_by):
    """(renderer, the PDF's path, pypdf's reader of it)."""
    result = rendered_by(request.param)
    return request.param, result.pdf, pypdf.PdfReader(result.pdf)


def _struct_elements(reader, kind: str) -> list:
    """Every structure element of type `kind` (e.g. /Figure) in the PDF's tag tree."""
    found, stack, seen = [], [reader.trailer["/Root"]["/StructTreeRoot"]], set()
    while stack:
        node = stack.pop()
        if hasattr(node, "get_object"):
            if id(node.get_object()) in seen:
                continue
            seen.add(id(node.get_object()))
            node = node.get_object()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if node.get("/S") == kind:
                found.append(node)
            if "/K" in node:
                stack.append(node["/K"])
    return found


def test_pdf_ua_1_is_declared_and_the_pdf_tagged_in_danish(pdf):
    _, path, reader = pdf
    data = path.read_bytes()
    assert re.search(rb"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", data)
    root = reader.trailer["/Root"]
    assert root.get("/StructTreeRoot") is not None and bool(root["/MarkInfo"]["/Marked"])
    assert str(root.get("/Lang", "")).startswith("da")


def test_every_figure_has_a_description(pdf):
    _, _, reader = pdf
    figures = _struct_elements(reader, "/Figure")
    assert len(figures) >= 10
    assert all(str(f.get("/Alt", "")).strip() for f in figures)


def test_outline_lists_the_chapters_and_appendices(pdf):
    _, _, reader = pdf

    def titles(items):
        for item in items:
            yield from titles(item) if isinstance(item, list) else [item.title]
    outline = " | ".join(titles(reader.outline))
    assert all(chapter in outline for chapter in CHAPTERS), outline
    assert "Bilag A: Parametre" in outline and "Bilag C: Afstemning" in outline
    assert not re.search(r"(^|\| )Bilag( \||$)", outline)  # no divider "Bilag" before the appendices


def test_page_count(pdf, rendered_by):
    engine, _, reader = pdf
    assert 30 <= len(reader.pages) <= 120
    if engine != "pandoc":  # the same book: as many pages as the embedded renderer's
        assert len(reader.pages) == len(pypdf.PdfReader(rendered_by("pandoc").pdf).pages)
