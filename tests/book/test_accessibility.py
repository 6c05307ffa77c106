"""WCAG 2.1 AA of the HTML book in a real browser: every page of the real book is opened in
Chromium (Debian's `chromium`, driven by playwright with `executable_path`; no browser download)
and checked with axe-core (bundled by `axe-playwright-python`) at 1280 and 390 px, for sideways
scrolling at 320 px (reflow, WCAG 1.4.10) and for a focus indicator of at least 3:1 against the
background it sits on (WCAG 1.4.11, which axe does not check). Every check runs on the book of
each renderer: the embedded one, and Quarto's where `quarto` is on PATH (skipped elsewhere), each
rendered once per test session. Skips where Chromium is absent."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import RENDERER_NAMES

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).is_file()), None)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
axe_package = pytest.importorskip("axe_playwright_python", reason="axe-playwright-python is not installed")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 390)
AXE_JS = (Path(axe_package.__file__).parent / "axe.min.js").read_text(encoding="utf-8")

# For every focusable element: focus it, then compare its outline colour with the first opaque
# background behind it (WCAG 1.4.11 asks 3:1 for the focus indicator).
FOCUS_JS = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                     return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = el => { for (let e = el.parentElement; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0) return c; }
    return [255, 255, 255]; };
  const bad = [];
  const sel = 'a[href], button, summary, [tabindex]:not([tabindex="-1"]), input, select, textarea';
  for (const el of document.querySelectorAll(sel)) {
    if (!el.getClientRects().length) continue;
    el.focus();
    if (document.activeElement !== el) continue;  // e.g. inside folded contents: not reachable now
    const s = getComputedStyle(el);
    const width = parseFloat(s.outlineWidth) || 0;
    const r = s.outlineStyle === 'none' || width < 2 ? 0 : ratio(rgb(s.outlineColor), background(el));
    const name = (el.textContent || '').trim().slice(0, 40);
    if (r < 3) bad.push(`${el.tagName.toLowerCase()} "${name}": ${r.toFixed(2)}:1`);
  }
  return bad;
}"""


@pytest.fixture(scope="module", params=RENDERER_NAMES)
def pages(request, rendered_by):
    """Every page of the book as each renderer makes it (Quarto's where `quarto` is on PATH)."""
    result = rendered_by(request.param)
    # every page of the book; a page that only forwards to another (an old address) is not one
    return sorted(p for p in result.folder.glob("*.html") if 'http-equiv="refresh"' not in p.read_text("utf-8"))


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_page(browser, path: Path, width: int):
    """A page of the book in a new tab at the given viewport width."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.resolve().as_uri())
    return page


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page, one line each."""
    page.evaluate(AXE_JS)
    result = page.evaluate("o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [f"{v['id']} ({v['impact']}): {len(v['nodes'])}× e.g. {v['nodes'][0]['target']}"
            for v in result["violations"]]


REGIONS_JS = """() => [...document.querySelectorAll('table')].filter(t => {
    const r = t.closest('[role=region]');
    return !r || r.tabIndex !== 0 || !(r.getAttribute('aria-label') || r.getAttribute('aria-labelledby'));
  }).length"""


@pytest.fixture(scope="module")
def findings(browser, pages):
    """Every page checked once per width: axe and focus at 1280 and 390 px, table regions at
    390 px, the page's width at 320 px. {check: {page: problems}} with only pages that fail."""
    found: dict[str, dict[str, object]] = {}

    def note(check, path, problems):
        if problems:
            found.setdefault(check, {})[path.name] = problems

    for path in pages:
        for width in WIDTHS:
            page = open_page(browser, path, width)
            note(f"axe {width}", path, axe_violations(page))
            note(f"focus {width}", path, page.evaluate(FOCUS_JS)[:5])
            if width == 390:
                note("regions", path, page.evaluate(REGIONS_JS))
            page.close()
        page = open_page(browser, path, 320)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        page.close()
        note("reflow", path, scroll_width if scroll_width > 320 else None)
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_no_wcag_violations(findings, pages, width):
    assert len(pages) >= 9  # the parts (and the embedded book's accessibility statement)
    assert findings.get(f"axe {width}", {}) == {}


def test_reflow_at_320_px_without_sideways_scrolling(findings):
    assert findings.get("reflow", {}) == {}


def test_tables_are_focusable_regions_named_by_their_caption(findings):
    assert findings.get("regions", {}) == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_focus_indicator_has_3_to_1_contrast(findings, width):
    assert findings.get(f"focus {width}", {}) == {}
