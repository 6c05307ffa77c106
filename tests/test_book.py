"""The real book, rendered once per session (the shared `rendered_edition`): every contract
file, accessible HTML, a tagged A4 PDF, and byte-identical output when rendered again from a
clean cache (marked slow, like the example editions: each renders the book once more)."""
from __future__ import annotations

import csv
import html.parser
import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import PROJECT_BOOK, spreadsheet_risks, tree_digest

from analysis.chapters import CHAPTERS
from book.editions import find_edition
from book.paths import ROOT


@pytest.fixture
def rendered(rendered_edition):
    """The edition rendered once for the whole session (tests/conftest.py; an alias, so that the
    example editions' renders may run on different workers)."""
    return rendered_edition


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


def test_every_published_csv_is_safe_in_a_spreadsheet(rendered):
    folder = rendered[2].folder
    assert len(list(folder.rglob("*.csv"))) > 10 and spreadsheet_risks(folder) == []


def _second_checkout(dest):
    """A second checkout of this commit (and of its uncommitted changes) at another path."""
    subprocess.run(["git", "worktree", "add", "--detach", str(dest), "HEAD"], cwd=ROOT, check=True,
                   capture_output=True)
    diff = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=ROOT, check=True, capture_output=True).stdout
    if diff:
        subprocess.run(["git", "apply", "--whitespace=nowarn"], cwd=dest, input=diff, check=True)
    return dest


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout")
def test_a_clean_render_in_another_checkout_is_byte_identical(rendered, tmp_path):
    """Two checkouts at different paths, each rendering from a clean cache, publish the same
    bytes: every file, the executed notebooks and the manifest included."""
    edition, _, result = rendered
    other = _second_checkout(tmp_path / "elsewhere" / "checkout")
    try:
        proc = subprocess.run([sys.executable, "render.py", "--engine", "pandoc", "--edition", edition.id],
                              cwd=other, capture_output=True, text=True, timeout=1200)
        assert proc.returncode == 0, proc.stderr
        again = other / "_book" / edition.id
        a, b = tree_digest(result.folder), tree_digest(again)
        assert a.keys() == b.keys()
        mine, theirs = (json.loads((f / "manifest.json").read_text(encoding="utf-8")) for f in (result.folder, again))
        assert {k: (v, theirs.get(k)) for k, v in mine.items() if theirs.get(k) != v} == {}
        assert {k for k in a if a[k] != b[k]} == set()
        for path in sorted(again.rglob("*")):
            if path.suffix in (".json", ".csv", ".ipynb", ".html"):
                text = path.read_text(encoding="utf-8")
                assert str(ROOT) not in text and str(other) not in text, path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, capture_output=True)


def _shown(notebook) -> str:
    import nbformat

    nb = nbformat.read(notebook, 4)
    return "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))


@pytest.mark.slow
def test_a_new_quarter_with_one_changed_extract_executes_that_chapter_and_the_appendices(rendered, render_edition):
    """Two dated editions: 2025-Q1, then a quarter later (previous: 2025-Q1) with one new extract
    (the Kvoter roster as Danish Excel CSV). Only Kvoter and the parts that show what the chapters
    recorded (front chapter, appendices) execute; the other chapters come from the cache, and
    still say how old their figures are against the new date and what changed since 2025-Q1."""
    edition, _, result = render_edition(rendered.edition.path.parent / "examples" / "kvoter-danish-csv.yml")
    assert edition.previous == rendered.edition.id and edition.date > rendered.edition.date
    # (a part whose inputs equal those of a part the cache holds from another edition may be cached too;
    # kvoter too where this checkout rendered this example already: the session reuses its cache and _book)
    assert "kvoter" in result.executed or (PROJECT_BOOK / edition.id).is_dir()
    assert set(result.executed) <= {"kvoter", "forord", "parametre", "datagrundlag", "afstemning", "aendringer"}
    assert set(result.cached) >= set(CHAPTERS) - {"kvoter"}
    rammer = _shown(result.folder / "notebooks" / "rammer.ipynb")
    assert "ældre end denne udgave (30. juni 2025)" in rammer  # the age flag of the new date
    assert "har ændret sig siden udgave 2025\\-Q1 (31. marts 2025)" in rammer  # its series, composed
    assert "Sammenlignet med udgave 2025\\-Q1" in _shown(result.folder / "notebooks" / "kvoter.ipynb")


def _takes_edition_date(edition) -> set[str]:
    """The chapters that get the edition's date: those leaving a date parameter empty that means
    it (`analysis.chapters.EDITION_DATED`, e.g. kvoter's roster_date)."""
    from analysis.chapters import EDITION_DATED

    return {c for c, names in EDITION_DATED.items()
            if any(not edition.section(c).get(n) for n in names)}


@pytest.mark.slow
@pytest.mark.parametrize("example", sorted(p.stem for p in (find_edition().path.parent / "examples").glob("*.yml")
                                            if not p.stem.startswith("eksempel-")))  # the series: see test_series_file
def test_every_example_edition_renders(rendered, render_edition, example):
    """Each example edition (another threshold, an .xlsx or Danish CSV roster, a new follow-up
    round, a later forecast, a peer as focus, a subset of blocks) renders in both formats."""
    edition = rendered.edition
    example_edition, _, result = render_edition(edition.path.parent / "examples" / f"{example}.yml")
    assert (result.folder / "index.html").is_file() and result.pdf.read_bytes().startswith(b"%PDF")
    # the edition's date and the previous edition reach a chapter only through what it prints of
    # them (book.compose adds the age flag and the series after it ran): a chapter executes again
    # only when its own code, parameters or inputs changed – or it takes the edition's date as the
    # date of its data (kvoter with an empty roster_date)
    dated = _takes_edition_date(example_edition) if example_edition.date != edition.date else set()
    assert set(result.executed) <= ({example.split("-")[0], "forord", "parametre", "datagrundlag", "afstemning",
                                     "aendringer"} | dated)
    results = json.loads((result.folder / "results.json").read_text(encoding="utf-8"))
    section = example_edition.section(example.split("-")[0])
    if "thresholds" in section:
        assert all(f"{p}new_places_unit_model_n{n}" in results["kvoter"]
                   for n in section["thresholds"]
                   for p in ["synthetic_" if section.get("roster_is_synthetic", True) else "roster_"])
    if "focus" in section:
        assert results["benchmark"] != json.loads((rendered[2].folder / "results.json").read_text())["benchmark"]


def test_open_data_is_a_valid_datapackage_with_every_column_described(rendered):
    import frictionless

    folder = rendered[2].folder
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["type", "message"])
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = [f for r in package["resources"] for f in r.get("schema", {}).get("fields", [])]
    assert [f["name"] for f in fields if not (f["title"] and f["description"])] == []
    assert {p.name for p in (folder / "data").glob("*.csv")} == {
        r["path"].removeprefix("data/") for r in package["resources"] if r["path"].startswith("data/")}
    # every resource has a Danish title and description of its own (not the file name, not a
    # sentence shared by every table)
    untitled = [r["name"] for r in package["resources"] if not r.get("title") or r["title"].startswith("Åbne data")
                or "_" in r["title"] or not r.get("description") or r["description"].startswith("Tabel fra bogens del")]
    assert untitled == []
    assert len({r["title"] for r in package["resources"]}) == len(package["resources"])
