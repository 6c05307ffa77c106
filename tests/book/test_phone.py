"""A phone is a first-class reader (issue 24): at 390 px in real Chromium no figure is wider than
the screen, every table's last column (the goal tables' »Status«) can be scrolled into view
while the first column stays in view, and the menu marks the page the reader is on. For each
renderer: the session's one rendered edition, and Quarto's where `quarto` is on PATH (skipped
elsewhere); skips where Chromium is absent."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import RENDERER_NAMES

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).is_file()), None)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")]

PHONE = {"width": 390, "height": 844}

# Per table: scroll its region to the end, then see whether the last header cell is on screen
# and whether the first column stayed in view (sticky).
TABLES_JS = """() => {
  const out = [];
  document.querySelectorAll('main table').forEach((t, i) => {
    const region = t.closest('.table-scroll') || t.parentElement;
    region.scrollLeft = region.scrollWidth;
    const heads = t.querySelectorAll('thead th, tr:first-child th');
    if (!heads.length) return;
    const last = heads[heads.length - 1].getBoundingClientRect();
    const first = heads[0].getBoundingClientRect();
    const caption = (t.querySelector('caption') || region.previousElementSibling || {textContent: ''}).textContent;
    out.push({i, caption: caption.trim().slice(0, 60), head: heads[heads.length - 1].textContent.trim(),
              lastRight: last.right, firstLeft: first.left, width: window.innerWidth,
              regionLeft: region.getBoundingClientRect().left});
  });
  return out;
}"""


@pytest.fixture(scope="module", params=RENDERER_NAMES)
def phone(request, rendered_by):
    folder = rendered_by(request.param).folder
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pages = sorted(p for p in folder.glob("*.html")
                       if 'http-equiv="refresh"' not in p.read_text("utf-8"))

        def open_page(path: Path):
            page = browser.new_page(viewport=PHONE)
            page.goto(path.resolve().as_uri())
            page.wait_for_load_state("load")
            return page
        yield pages, open_page
        browser.close()


def test_no_figure_is_wider_than_the_phone(phone):
    pages, open_page = phone
    seen = 0
    for path in pages:
        page = open_page(path)
        widths = page.evaluate("() => [...document.querySelectorAll('main figure img')]"
                               ".map(i => [i.getBoundingClientRect().right, i.alt.slice(0, 50)])")
        seen += len(widths)
        for right, alt in widths:
            assert right <= PHONE["width"], f"{path.name}: figure »{alt}« ends at {right:.0f} px"
        page.close()
    assert seen >= 10


def test_every_tables_last_column_can_be_reached_with_the_first_in_view(phone):
    pages, open_page = phone
    status_columns = 0
    for path in pages:
        page = open_page(path)
        for t in page.evaluate(TABLES_JS):
            where = f"{path.name}, table {t['i']} ({t['caption']})"
            assert t["lastRight"] <= t["width"] + 1, f"{where}: »{t['head']}« cannot be scrolled into view"
            assert t["firstLeft"] >= t["regionLeft"] - 1, f"{where}: the first column scrolled out of view"
            status_columns += t["head"] == "Status"
        page.close()
    assert status_columns >= 10  # the goal tables of the employment plan


def test_the_menu_marks_the_current_chapter(phone):
    pages, open_page = phone
    for path in pages:
        page = open_page(path)
        current = page.evaluate("() => [...document.querySelectorAll('#TOC a[aria-current=page]')]"
                                ".map(a => a.getAttribute('href'))")
        in_menu = page.evaluate(f"() => !!document.querySelector('#TOC a[href=\"{path.name}\"]')")
        if in_menu:
            assert current == [path.name], f"{path.name}: menu marks {current}"
        page.close()


# Per body cell matched by the selector: its text, how many lines it takes on screen and its
# alignment.
CELL_LINES_JS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(td => td.textContent.trim())
  .map(td => {
    const range = document.createRange();
    range.selectNodeContents(td);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return [td.textContent.trim(), tops.size, getComputedStyle(td).textAlign];
  })"""


def _cell_lines(phone, selector: str):
    """(page name, text, lines, alignment) of every non-empty cell `selector` matches, page by page."""
    pages, open_page = phone
    for path in pages:
        page = open_page(path)
        cells = page.evaluate(CELL_LINES_JS, selector)
        page.close()
        for text, lines, align in cells:
            yield path.name, text, lines, align


def test_no_number_in_a_table_wraps(phone):
    """A number and its unit (»+6 % (+5 % til +6 %)«) stay on one line, on a phone as on a wide
    screen: the table scrolls sideways instead."""
    numbers = [c for c in _cell_lines(phone, "main td") if c[3] == "right"]
    for name, text, lines, _ in numbers:
        assert lines == 1, f"{name}: »{text}« wraps over {lines} lines"
    assert len(numbers) > 100


def test_a_short_label_in_a_tables_first_column_stays_on_one_line(phone):
    """The sticky first column is at least wide enough for a short label (a status such as
    »✘ Ikke nået«, a year, »I alt«); longer names wrap between words."""
    short = [c for c in _cell_lines(phone, "main tr td:first-child") if len(c[1]) <= 12]
    for name, text, lines, _ in short:
        assert lines == 1, f"{name}: »{text}« wraps over {lines} lines"
    assert len(short) > 50


# Per table cell whose text is wider than the cell (it would run into the next column).
OVERFLOW_JS = """() => [...document.querySelectorAll('main td, main th')]
  .filter(c => c.scrollWidth > c.clientWidth + 1)
  .map(c => [c.textContent.trim().slice(0, 40), c.scrollWidth - c.clientWidth])"""


def test_no_word_in_a_table_runs_into_the_next_column(phone):
    """The sticky first column is at most 9rem wide on a phone; a longer word (»2.2
    Uddannelsestilbud«, »brugerundersøgelse«) breaks inside its cell instead of running
    under the next column's text."""
    pages, open_page = phone
    for path in pages:
        page = open_page(path)
        over = page.evaluate(OVERFLOW_JS)
        page.close()
        assert not over, f"{path.name}: {over[:5]}"
