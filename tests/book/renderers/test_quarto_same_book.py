"""Quarto renders the same book as the embedded renderer, as a reader sees it (issue 20): the real
book (params/2025-Q1.yml) rendered by both, once per test session, and compared
- file by file: every published file (the HTML pages, the PDF, the figures, the open data, the
  executed notebooks) the same bytes; the manifest differs only in naming the renderer;
- page by page in print: the same number of pages, each page's image the same at 50 dpi
  (poppler's `pdftoppm`), the same text;
- page by page in a browser (Chromium at 1280 and 390 px): every element of every page at the same
  place and size, in the same colour, weight and size of type, with the same text, and the same
  image files.
Runs where `quarto` is on PATH (skipped elsewhere), and skips without pdftoppm, Pillow, playwright
or Chromium."""
from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).is_file()), None)
pytestmark = [pytest.mark.slow, pytest.mark.quarto,
              pytest.mark.skipif(shutil.which("quarto") is None, reason="quarto is not on PATH")]

# Every element a reader sees: tag, place and size (px), colour, background, weight and size of
# type, and the text of an element without children (white space as the browser shows it).
LAYOUT_JS = """() => [...document.body.querySelectorAll('*')]
  .filter(e => e.getClientRects().length && e.tagName !== 'SECTION')
  .map(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return [e.tagName, Math.round(r.x), Math.round(r.y + scrollY), Math.round(r.width), Math.round(r.height),
            s.color, s.backgroundColor, s.fontWeight, s.fontSize,
            e.tagName === 'IMG' ? e.getAttribute('src') : '',
            e.children.length ? '' : e.textContent.replace(/\\s+/g, ' ').trim()].join(' | '); })"""


@pytest.fixture(scope="module")
def books(rendered_by):
    """(the embedded renderer's edition folder, Quarto's) of the real book."""
    return rendered_by("pandoc").folder, rendered_by("quarto").folder


def _pages(pdf: Path, out: Path) -> list[Path]:
    out.mkdir()
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(out / "p")], check=True, capture_output=True)
    return sorted(out.glob("*.png"))


def test_the_pdf_pages_look_the_same(books, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    image = pytest.importorskip("PIL.Image", reason="Pillow is not installed")
    chops = pytest.importorskip("PIL.ImageChops", reason="Pillow is not installed")
    embedded, quarto = (next(folder.glob("*.pdf")) for folder in books)
    ours, theirs = _pages(quarto, tmp_path / "quarto"), _pages(embedded, tmp_path / "embedded")
    assert len(ours) == len(theirs)
    differ = []
    for a, b in zip(ours, theirs, strict=True):
        pa, pb = image.open(a).convert("L"), image.open(b).convert("L")
        box = chops.difference(pa, pb).point(lambda v: 255 if v > 40 else 0).getbbox() if pa.size == pb.size else "size"
        if box:
            differ.append(f"page {a.stem.split('-')[-1]}: {box}")
    assert not differ, "pages differ at 50 dpi: " + "; ".join(differ)
    text = [subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True, check=True).stdout
            for p in (quarto, embedded)]
    assert text[0] == text[1]


@pytest.mark.parametrize("width", (1280, 390))
def test_every_html_page_looks_the_same(books, width):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    embedded, quarto = books
    names = sorted(p.name for p in embedded.glob("*.html"))
    assert sorted(p.name for p in quarto.glob("*.html")) == names
    differ = {}
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name in names:
            if 'http-equiv="refresh"' in (embedded / name).read_text("utf-8"):  # an old address, forwarding
                assert (quarto / name).read_bytes() == (embedded / name).read_bytes(), name
                continue
            layouts = []
            for folder in books:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto((folder / name).resolve().as_uri())
                page.wait_for_load_state("load")
                layouts.append(page.evaluate(LAYOUT_JS))
                page.close()
            diff = [line for line in difflib.unified_diff(*layouts, lineterm="", n=0) if line[:1] in "+-"
                    and not line.startswith(("+++", "---"))]
            if diff:
                differ[name] = diff[:6]
        browser.close()
    assert not differ, differ


def test_every_published_file_is_the_same_bytes(books):
    """The same files in both books, each the same bytes; the manifest says which renderer made
    the book (and so has another publish key), nothing else."""
    embedded, quarto = books

    def files(folder: Path) -> list[str]:
        return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files(quarto) == files(embedded)
    differ = [name for name in files(embedded) if name != "manifest.json"
              and (quarto / name).read_bytes() != (embedded / name).read_bytes()]
    assert differ == []
    manifests = [json.loads((folder / "manifest.json").read_text("utf-8")) for folder in books]
    renderer = {"renderer", "renderer_note", "publish_key"}
    assert [{k: v for k, v in m.items() if k not in renderer} for m in manifests] == [
        {k: v for k, v in manifests[1].items() if k not in renderer}] * 2
    assert (manifests[0]["renderer"], manifests[1]["renderer"]) == ("pandoc", "quarto")
