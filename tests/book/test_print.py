"""The committee's book as a reader meets it (issue 24), on the one rendered 2025-Q1 edition of
the session (`rendered_edition`): the contents and the PDF's bookmarks point to the page where
the heading is; no page without body text; no Markdown escape, backtick or internal source file
name in the text; no paragraph twice; the reconciliation counts agree wherever they are shown;
the front chapter opens with »Til beslutning«."""
from __future__ import annotations

import csv
import html
import html.parser
import re

import pytest

pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed")
pytestmark = pytest.mark.slow

SOURCE_FILE = re.compile(r"\d{3}_[0-9a-f]{8,}\.txt")
LEADER = re.compile(r"^(?P<title>.+?)\s*(?:\.\s*){3,}\D*?(?P<page>\d+)\s*$")


def _plain(text: str) -> str:
    """PDF text as compared: soft hyphens as hyphens, whitespace collapsed."""
    return re.sub(r"\s+", " ", text.replace("\xad", "-").replace("\u2060", "")).strip()


@pytest.fixture(scope="module")
def pdf(rendered_edition):
    reader = pypdf.PdfReader(rendered_edition.result.pdf)
    return reader, [page.extract_text() or "" for page in reader.pages]


def _bookmarks(reader, items=None):
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            yield from _bookmarks(reader, item)
        else:
            yield item.title, reader.get_destination_page_number(item) + 1


def _contents_page(texts: list[str]) -> int:
    """The index of the page on which the contents (the heading »Indhold«) begin."""
    return next(i for i, t in enumerate(texts) if "Indhold" in [ln.strip() for ln in t.splitlines()])


def _contents(texts: list[str]) -> dict[str, int]:
    """The printed contents: title → page number, from the pages after the heading »Indhold«."""
    start = _contents_page(texts)
    entries: dict[str, int] = {}
    for text in texts[start:start + 3]:
        for line in text.splitlines():
            m = LEADER.match(line.strip())
            if m:
                entries.setdefault(_plain(m["title"]), int(m["page"]))
    return entries


def _printed_number(text: str) -> str:
    """The page number in the footer (the last line of the page's text)."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def test_bookmarks_and_contents_point_to_the_page_of_the_heading(pdf):
    reader, texts = pdf
    marks = list(_bookmarks(reader))
    contents = _contents(texts)
    assert len(marks) > 20 and len(contents) > 20
    for title, page in marks:
        words = _plain(title).split(" ", 1)[-1] if re.match(r"^[\d.]+ ", title) else _plain(title)
        assert words[:30] in _plain(texts[page - 1]), f"bookmark {title!r} points to page {page}, not its heading"
        printed = contents.get(_plain(title))
        if printed is not None:
            assert printed == page, f"contents say {title!r} is on page {printed}; it is on page {page}"
            assert _printed_number(texts[page - 1]) == str(page), "the printed page number is the PDF's page"


def test_no_page_without_body_text(pdf):
    _, texts = pdf
    for i, text in enumerate(texts, start=1):
        body = [ln for ln in text.splitlines() if ln.strip() and not re.fullmatch(r"\s*\d+\s*", ln)]
        assert len(" ".join(body)) > 80, f"page {i} has no body text: {text[:80]!r}"


def _lines(text: str) -> list[str]:
    """A page's lines of text without the running head and the page number."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not re.fullmatch(r"\s*\d+\s*", ln)]
    return [ln for ln in lines if not re.search(r"Udgave \S+\s*$", ln)]


def test_the_front_matter_leaves_no_page_nearly_empty(pdf):
    """From the Forord to the contents every page is well filled: the front matter's last lines
    do not stand alone on a page before the contents (the contents follow them when they fit)."""
    _, texts = pdf
    for i in range(1, _contents_page(texts) + 1):
        assert len(_lines(texts[i])) >= 15, f"page {i + 1} holds {len(_lines(texts[i]))} lines: {texts[i][:120]!r}"


def test_a_chapters_line_on_its_checks_never_stands_alone_on_a_page(pdf):
    """»Kontrol: ...« ends a chapter; the text before it goes with it to a new page, so no page
    holds that line only."""
    _, texts = pdf
    for i, text in enumerate(texts, start=1):
        lines = _lines(text)
        if lines and lines[0].startswith("Kontrol:"):
            assert len(lines) > 4, f"page {i} holds only the line on the checks: {lines}"


class _Text(html.parser.HTMLParser):
    """The reader-visible text of an HTML page (no scripts, styles or attribute values)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _html_text(path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def test_no_markup_or_internal_file_name_reaches_the_reader(rendered_edition, pdf):
    _, texts = pdf
    pages = {f"PDF page {i}": t for i, t in enumerate(texts, start=1)}
    pages |= {p.name: _html_text(p) for p in sorted(rendered_edition.folder.glob("*.html"))}
    for where, text in pages.items():
        assert "\\" not in text, f"{where}: a backslash escape: …{text[max(text.find(chr(92)) - 40, 0):][:80]}…"
        assert "`" not in text, f"{where}: a backtick: …{text[max(text.find('`') - 40, 0):][:80]}…"
        m = SOURCE_FILE.search(text)
        assert not m, f"{where}: internal source file name {m and m.group(0)}"


def _sentences(texts: list[str]) -> list[str]:
    whole = _plain(" ".join(re.sub(r"-\n", "", t) for t in texts))
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ»(])", whole) if len(s) >= 100]


def test_no_paragraph_twice_in_the_pdf(pdf):
    """Text of 100 characters or more is printed once; the front chapter restates the chapters'
    key messages, asks and periods by design (it is the committee's summary), so those are
    counted once there and once in their chapter."""
    _, texts = pdf
    key = lambda s: re.sub(r"[\s\-]", "", s)  # noqa: E731 - line breaks and hyphenation differ per place
    front = " ".join(texts[1:_contents_page(texts) + 1])
    restated = {key(s) for s in _sentences([front])}
    seen: dict[str, int] = {}
    for s in _sentences(texts):
        seen[key(s)] = seen.get(key(s), 0) + 1
    twice = [s for s, n in seen.items() if n > (2 if s in restated else 1)]
    assert not twice, f"{len(twice)} sentences printed more than once, e.g. {twice[0][:120]}"


def _counts_in(text: str) -> list[int]:
    return [int(n.replace(".", "")) for n in re.findall(r"\d[\d.]*", text)]


def test_reconciliation_counts_agree_in_front_table_figure_and_csv(rendered_edition, pdf):
    with open(rendered_edition.folder / "reconciliation.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["basis"] == "recomputed"]
    n = {s: sum(r["status"] == s for r in rows) for s in ("match", "within_rounding", "differs", "not_reproducible")}
    expected = [len(rows), n["match"], n["within_rounding"], n["differs"], n["not_reproducible"]]
    _, texts = pdf
    front = _plain(" ".join(texts[:8]))
    line = re.search(r"Bogen har regnet [\d.]+ af kildernes trykte tal efter.*?genberegnes", front)
    assert line and _counts_in(line.group(0))[:5] == expected, line and line.group(0)
    page = (rendered_edition.folder / "afstemning.html").read_text(encoding="utf-8")
    table = re.search(r"<table.*?</table>", page, re.S).group(0)
    head = [re.sub(r"<.*?>|\s+", " ", h).strip() for h in re.findall(r"<th.*?</th>", table, re.S)]
    body = [[re.sub(r"<.*?>", "", c).strip() for c in re.findall(r"<td.*?</td>", r, re.S)]
            for r in re.findall(r"<tr.*?</tr>", table, re.S)[1:]]
    col = {h: i for i, h in enumerate(head)}
    total = {h: sum(int(r[col[h]].replace(".", "")) for r in body) for h in
             ("Stemmer", "Inden for afrunding", "Afviger", "Kan ikke genberegnes")}
    assert [total["Stemmer"], total["Inden for afrunding"], total["Afviger"],
            total["Kan ikke genberegnes"]] == expected[1:]
    alt = re.search(r'<img[^>]*alt="(Vandret søjlediagram[^"]*)"', page).group(1)
    per_status = {label: sum(int(x) for x in re.findall(rf"(\d+) {label}", alt))
                  for label in ("stemmer", "inden for afrunding", "afviger", "kan ikke genberegnes")}
    assert list(per_status.values()) == expected[1:], alt


def test_the_book_opens_with_what_the_committee_decides(pdf):
    _, texts = pdf
    first = _plain(texts[1])
    assert "Til beslutning" in first and "Forord" in first
    assert first.index("Til beslutning") < first.index("Hovedbudskaber") if "Hovedbudskaber" in first else True
    asks = first[first.index("Til beslutning"):first.index("Til orientering")]
    assert re.search(r"kapitel \d, side \d+", asks), "an ask names the chapter and page it is on"
    assert "Besluttet" not in asks and "Beslutning:" not in asks  # decisions taken are never shown as asks
    assert not re.search(r"genberegnet|afviger|stemmer inden for", asks), "no checking remarks among the asks"


def test_every_figure_of_the_book_has_readable_text(rendered_edition):
    """No figure label is shortened, cut off by its axes or overlapping another text: checked on
    every drawn figure (`analysis.core.figures.text_problems`, recorded by `report.figure`)."""
    import nbformat

    figures = 0
    for path in sorted((rendered_edition.folder / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for out in cell.get("outputs", []):
                meta = out.get("metadata", {}).get("image/svg+xml")
                if meta is not None:
                    figures += 1
                    assert meta.get("layout") == "", f"{path.stem}, {meta['caption'][:60]}: {meta.get('layout')}"
    assert figures >= 10


def _html_captions(folder, kind: str) -> list[tuple[str, str]]:
    """(number, first words of the caption) of every numbered `kind` ("Tabel", "Figur") in the
    HTML book, in book order."""
    from book.project import load_book

    out = []
    pages = ["index"] + [p.id for p in load_book().parts if p.role != "front"]
    for page in pages:
        text = re.sub(r"\s+", " ", (folder / f"{page}.html").read_text(encoding="utf-8"))
        out += re.findall(rf"<strong>{kind} (\d+[a-z]*):</strong> ([^\s<]+ [^\s<]+)", text)
    return out


@pytest.mark.parametrize("kind", ["Tabel", "Figur"])
def test_a_table_or_figure_has_the_same_number_in_html_and_pdf(rendered_edition, pdf, kind):
    """The PDF numbers what it shows 1, 2, 3, ...; the HTML gives each of those the same number,
    and a table or figure of its own (a full reference table) the number before it and a letter."""
    _, texts = pdf
    printed = {}
    for text in texts:
        for n, words in re.findall(rf"{kind} (\d+): (\S+ \S+)", _plain(text)):
            printed.setdefault(n, words)
    html = _html_captions(rendered_edition.folder, kind)
    shared = [(n, w) for n, w in html if n.isdigit()]
    assert [n for n, _ in shared] == [str(i) for i in range(1, len(printed) + 1)]
    for n, words in shared:
        assert printed[n].split()[0] == words.split()[0], f"{kind} {n}: HTML {words!r}, PDF {printed[n]!r}"
    for n, _ in html:
        assert n.isdigit() or n.rstrip("abcdefghijklmnopqrstuvwxyz") in printed or n[0] == "0", n


def test_the_appendices_take_at_most_ten_pages_and_none_is_left_nearly_empty(pdf):
    """The appendices (from »Bilag A« to the colophon) take at most 10 pages in print; an
    appendix after another one goes on on the same page, so no page holds a few lines only."""
    reader, texts = pdf
    first = min(page for title, page in _bookmarks(reader) if title.startswith("Bilag A"))
    pages = texts[first - 1:-1]  # the last page is the colophon
    assert len(pages) <= 10, f"the appendices take {len(pages)} pages"
    for i, text in enumerate(pages[:-1], start=first):
        assert len(_lines(text)) >= 15, f"page {i} holds {len(_lines(text))} lines: {text[:100]!r}"


def test_no_key_figure_is_labelled_with_a_time_word(rendered_edition):
    """A key figure's label names the date of its data (»Pladser primo februar 2025«), never a
    time word that goes stale (»i dag«, »i år«) in a book read long after its data date."""
    import json

    figures = json.loads((rendered_edition.folder / "key_figures.json").read_text(encoding="utf-8"))
    stale = [f"{chapter}.{name}: {kf['label']}" for chapter, named in figures.items() for name, kf in named.items()
             if re.search(r"\b(i dag|i år|nu)\b", kf["label"], re.IGNORECASE)]
    assert not stale, stale
    assert any(re.search(r"Pladser (primo|pr\.) ", kf["label"]) for kf in figures["kvoter"].values())


def test_no_heading_and_no_sentence_introducing_a_list_ends_a_page(pdf):
    """A heading is followed on its page by at least two lines of what it heads; a sentence that
    introduces a list (ending in »:«) is never a page's last line, its list on the next page."""
    reader, texts = pdf
    for i, text in enumerate(texts, start=1):
        lines = _lines(text)
        assert not (lines and lines[-1].rstrip().endswith(":")), f"page {i} ends with »{lines[-1][-60:]}«"
    marks = list(_bookmarks(reader))

    def opens_with_heading(page: int) -> bool:  # the colophon counts as a new part
        first = [_plain(ln) for ln in _lines(texts[page - 1])][:1]
        return page == len(texts) or any(first and first[0].startswith(_plain(t)[:20])
                                          for t, p in marks if p == page)

    for title, page in marks:
        lines = [_plain(ln) for ln in _lines(texts[page - 1])]
        tail = _plain(re.sub(r"^[\d.]+ ", "", title))[-14:]
        at = next((k for k, ln in enumerate(lines) if tail in ln), None)
        assert at is not None, f"heading {title!r} not found on page {page}"
        # a section of one line may end its page when the next page opens with the next heading
        least = 1 if opens_with_heading(page + 1) else 2
        assert len(lines) - at - 1 >= least, f"heading {title!r} ends page {page}: {lines[at:]}"


def test_no_word_in_a_table_or_text_is_broken_over_three_lines(pdf):
    """Column widths leave every word room on at most two lines: a name column beside many
    numbers (Kvoter's »Fællesforvaltningsdirektørens område«) takes the room the number
    columns' headers give up by wrapping between words, and label columns (statuses) narrow
    before a text column breaks a word twice (»ung-/domsuddannel-/se«)."""
    _, texts = pdf
    broken = []
    for i, text in enumerate(texts, start=1):
        lines = [ln.strip() for ln in text.replace("\xad", "-").splitlines()]
        for a, b, c in zip(lines, lines[1:], lines[2:]):
            if re.search(r"[a-zæøå]-$", a) and re.fullmatch(r"[a-zæøå]+-", b) and re.match(r"[a-zæøå]", c):
                broken.append(f"page {i}: {a[-16:]} / {b} / {c[:16]}")
    assert not broken, broken


def test_the_colophons_labels_are_never_hyphenated(pdf):
    _, texts = pdf
    colophon = _plain(texts[-1])
    assert "Sådan er bogen lavet" in colophon and "Næste udgave" in colophon, colophon[:300]


def test_no_program_key_or_command_is_shown_to_the_reader(rendered_edition):
    """Code (an edition file's key such as `previous`, a command) is for analysts, in the README;
    the book's pages show none (the accessibility statement names the open data's folder)."""
    for path in sorted(rendered_edition.folder.glob("*.html")):
        if path.name == "tilgaengelighed.html":
            continue
        codes = re.findall(r"<code[^>]*>(.*?)</code>", path.read_text(encoding="utf-8"), re.S)
        assert not codes, f"{path.name}: {codes[:3]}"


def _count(label: str, text: str) -> int:
    m = re.search(rf"(\d[\d.]*) {label}", text)
    return int(m.group(1).replace(".", "")) if m else 0


def test_a_chapters_line_on_its_checks_counts_as_its_row_of_the_appendix_table(rendered_edition):
    """»Kontrol: ... 495 stemmer, 65 stemmer inden for afrunding, 30 afviger og 39 kan ikke
    genberegnes« in the chapter and in Bilag C says what the chapter's row of the appendix's
    table says (»stemmer« never includes »inden for afrunding« in one place and not in another)."""
    folder = rendered_edition.folder
    page = (folder / "afstemning.html").read_text(encoding="utf-8")
    table = re.search(r"<table.*?</table>", page, re.S).group(0)
    head = [re.sub(r"<.*?>|\s+", " ", h).strip() for h in re.findall(r"<th.*?</th>", table, re.S)]
    rows = {}
    for r in re.findall(r"<tr.*?</tr>", table, re.S)[1:]:
        cells = [re.sub(r"<.*?>|\s+", " ", c).strip() for c in re.findall(r"<td.*?</td>", r, re.S)]
        rows[cells[0]] = {h: int(c.replace(".", "")) for h, c in zip(head[1:], cells[1:])
                          if c.replace(".", "").isdigit()}
    appendix = re.sub(r"\s+", " ", re.sub(r"<.*?>", " ", page))
    seen = 0
    for path in sorted(folder.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        line = re.search(r'class="checks-line">(.*?)</div>', text, re.S)
        title = re.search(r'<h1[^>]*>(?:<span\s+class="header-section-number">\d+</span>)?\s*(.*?)</h1>', text, re.S)
        if not (line and title):
            continue
        name = re.sub(r"\s+", " ", title.group(1)).strip()
        row = rows[name]
        said = re.sub(r"\s+", " ", re.sub(r"<.*?>", " ", line.group(1)))
        in_appendix = re.search(rf"{re.escape(name)} Bogen har regnet .*?genberegnes", appendix).group(0)
        for where in (said, in_appendix):
            counts = [_count(r"stemmer(?! inden)", where), _count("stemmer inden for afrunding", where),
                      _count("afviger", where), _count("kan ikke genberegnes", where)]
            assert counts == [row["Stemmer"], row["Inden for afrunding"], row["Afviger"],
                              row["Kan ikke genberegnes"]], f"{name}: {where[:160]} / table {row}"
        seen += 1
    assert seen == 5


def test_a_chapters_line_on_its_checks_ends_the_chapter(rendered_edition):
    for path in sorted(rendered_edition.folder.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        at = text.find('class="checks-line"')
        if at >= 0:
            main_end = text.find("</main>", at)
            assert not re.search(r"<h[1-6]", text[at:main_end if main_end > 0 else None]), \
                f"{path.name}: a section follows the chapter's line on its checks"


NUMBER = re.compile(r"[−+-]?\d[\d.,]*(?:\s?%)?")


def test_every_column_of_numbers_is_right_aligned(rendered_edition):
    """One table style: a column that holds only numbers (and »–«, »..« placeholders) is
    right-aligned in every table of the book (the PDF's tables take the same alignment)."""
    columns = 0
    for path in sorted(rendered_edition.folder.glob("*.html")):
        for table in re.findall(r"<table.*?</table>", path.read_text(encoding="utf-8"), re.S):
            rows = [re.findall(r"<td([^>]*)>(.*?)</td>", r, re.S) for r in re.findall(r"<tr.*?</tr>", table, re.S)]
            rows = [r for r in rows if r]
            for i in range(min((len(r) for r in rows), default=0)):
                cells = [(attrs, re.sub(r"<.*?>|\s+", " ", text).replace("\xa0", " ").strip()) for attrs, text in
                         (r[i] for r in rows)]
                values = [t for _, t in cells if t not in ("", "–", "..", "-")]
                if values and all(NUMBER.fullmatch(t) for t in values):
                    columns += 1
                    left = [t for attrs, t in cells if "text-align: right" not in attrs]
                    assert not left, f"{path.name}: a column of numbers not right-aligned: {left[:3]}"
    assert columns > 50


FILE_NAME = re.compile(r"[\w-]+\.(?:csv|json|txt|yml|ipynb|py|xlsx)\b")


def test_no_file_name_reaches_the_reader(rendered_edition, pdf):
    """Bilag A–C named open-data files (»parametre_parameters.csv«, »datagrundlag_input_files.csv«,
    »reconciliation.csv«); a reader is pointed to the open data by a link with words
    (»bogens åbne data«, »afstemningen«), never by a file name. The HTML's full parameter table
    (Bilag A: the edition's input files are parameters) is reference material and may."""
    _, texts = pdf
    for i, text in enumerate(texts, start=1):
        m = FILE_NAME.search(_plain(text))
        assert not m, f"PDF page {i} names the file {m and m.group(0)}"
    for path in sorted(rendered_edition.folder.glob("*.html")):
        parser = _Text()
        parser.feed(re.sub(r"<table.*?</table>", " ", path.read_text(encoding="utf-8"), flags=re.S))
        m = FILE_NAME.search(" ".join(parser.parts))
        assert not m, f"{path.name} names the file {m and m.group(0)}"


def _table_words(folder) -> set[str]:
    """Every word of every table cell in the HTML book (as written, real hyphens included)."""
    words = set()
    for path in folder.glob("*.html"):
        for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", path.read_text(encoding="utf-8"), re.S):
            words.update(html.unescape(re.sub(r"<.*?>", " ", cell)).split())
    return words


def test_no_word_in_a_tables_column_is_hyphenated(rendered_edition, pdf):
    """A column of a table keeps its words whole (the goal tables broke »bor-/gere«, »lan-/de«,
    »jobcen-/trets«): a word breaks only where it is wider than its column. A cell's line that
    ends in a hyphen with another column beside it ends where the word has a hyphen of its own
    (»Selvforsørgelses-«, »25-« of »25-årige«)."""
    reader, _ = pdf
    words = _table_words(rendered_edition.folder)
    broken = []
    for i, page in enumerate(reader.pages, start=1):
        layout = page.extract_text(extraction_mode="layout")
        for m in re.finditer(r"(\S*[a-zæøå]-) {2,}\S+", layout):
            if not any(w.startswith(m.group(1)) for w in words):
                broken.append(f"page {i}: {m.group(0)}")
    assert not broken, broken


def test_contents_longer_than_a_page_go_on_over_the_next(tmp_path):
    """A series' edition adds sections to every chapter, and its contents took more than a page:
    kept as one block that may not break, they ran off the page (the last entries printed on
    top of each other). The book's template with 101 entries: every entry is printed, the
    contents begin on a page of their own and go on over the next."""
    import typst

    from book.renderers.pandoc import FONTS, TEMPLATES

    template = (TEMPLATES / "book.typ").read_text(encoding="utf-8")
    template = re.sub(r"\$(?:if\([\w-]+\)|else|endif)\$", "", template)
    values = {"year": "2025", "month": "9", "day": "30"}
    sections = lambda i: "".join(f"== Afsnit {i}.{j}\n\nTekst.\n\n" for j in range(1, 5))  # noqa: E731
    chapters = "\n".join(f"= Kapitel {i}\n\nTekst.\n\n" + sections(i) for i in range(1, 21))
    body = "= Forord\n\nTekst.\n\n#book-contents()\n\n" + chapters
    source = re.sub(r"\$([\w-]+)\$", lambda m: body if m[1] == "body" else values.get(m[1], "Prøve"), template)
    (tmp_path / "book.typ").write_text(source, encoding="utf-8")
    typst.compile(str(tmp_path / "book.typ"), output=str(tmp_path / "book.pdf"), font_paths=[str(FONTS)])
    texts = [p.extract_text() or "" for p in pypdf.PdfReader(tmp_path / "book.pdf").pages]
    start = _contents_page(texts)
    entries = _contents(texts)
    assert len(entries) == 1 + 20 * 5, f"{len(entries)} entries printed"
    first = [ln for ln in texts[start].splitlines() if LEADER.match(ln.strip())]
    assert 20 < len(first) < len(entries), "the contents go on over the next page"
    assert "Forord" not in _plain(texts[start]).split("Indhold")[0], "the contents begin on a page of their own"
