"""The embedded renderer's Lua filters on small Markdown fragments: real headings for box
titles, Quarto's conditional content per format, tables in labelled keyboard regions (HTML),
tables and figures with their source line and whole-word column widths (Typst)."""
from __future__ import annotations

import json
import re

from book.renderers.pandoc import FILTERS, run_pandoc

BOXES = """# Kapitel

::: {.key-messages}
**Hovedbudskaber**

- Et budskab.
:::

## Afsnit

**Underoverskrift**

- punkt
"""

CONDITIONAL = """# Kapitel

::: {.content-visible when-format="html"}
Kun på nettet.
:::

::: {.content-visible when-format="typst"}
Kun i PDF typst.
:::

::: {.content-visible when-format="pdf"}
Kun i PDF pdf.
:::

::: {.content-hidden when-format="html"}
Skjult på nettet.
:::
"""

TABLE = """| Status | Forklaring |
|:-------|:-----------|
| Afviger | """ + "Et langt stykke tekst, der skal ombrydes mellem ordene i tabellen. " * 3 + """|
| Stemmer | kort |

: Status for tallene

::: {.source}
Kilde: Egne beregninger.
:::
"""


def _convert(markdown: str, to: str, filt: str, tmp_path) -> str:
    return run_pandoc(["-f", "markdown", "-t", to, "--lua-filter", str(FILTERS / filt)], tmp_path, "test", markdown)


def test_box_title_and_bold_subhead_become_unlisted_headings(tmp_path):
    doc = json.loads(_convert(BOXES, "json", "notebook.lua", tmp_path))
    box = doc["blocks"][1]
    assert box["t"] == "Div" and box["c"][1][0]["t"] == "Header"
    level, (ident, classes, _), _ = box["c"][1][0]["c"]
    assert (level, ident, classes) == (2, "hovedbudskaber", ["unnumbered", "unlisted"])
    sub = doc["blocks"][3]
    assert sub["t"] == "Header" and sub["c"][0] == 3 and "unlisted" in sub["c"][1][1]


def test_a_box_title_a_part_repeats_gets_an_id_of_its_own(tmp_path):
    """Two boxes »Til udvalget« in a part: the second title is `til-udvalget-1` (one id once on a
    page); the next part (Quarto's Typst book holds them all) starts afresh."""
    box = "::: {.to-committee}\n**Til udvalget**\n\nTekst.\n:::\n\n"
    doc = json.loads(_convert("# Kvoter\n\n" + box + box + "# Plan\n\n" + box, "json", "notebook.lua", tmp_path))
    ids = [b["c"][1][0]["c"][1][0] for b in doc["blocks"] if b["t"] == "Div"]
    assert ids == ["til-udvalget", "til-udvalget-1", "til-udvalget"]


def test_the_checks_line_goes_before_quartos_file_marks(tmp_path):
    """Quarto's Typst book (every part one document) marks where a part's file begins; the line on
    a chapter's checks follows the chapter's text directly, before the marks, as in the embedded book."""
    mark = "<!-- quarto-file-metadata: eyJ9 -->"
    doc = (f"# Kvoter\n\n::: {{.checks-line}}\nKontrol.\n:::\n\nSidste afsnit.\n\n{mark}\n\n"
           f"`{mark}`{{=html}}\n\n# Plan\n")
    blocks = json.loads(_convert(doc, "json", "notebook.lua", tmp_path))["blocks"]
    assert [b["t"] for b in blocks] == ["Header", "Para", "Div", "RawBlock", "Para", "Header"]


def test_html_shows_only_html_content(tmp_path):
    html = _convert(CONDITIONAL, "html", "html.lua", tmp_path)
    assert "Kun på nettet" in html
    assert "Kun i PDF" not in html and "Skjult på nettet" not in html


def test_typst_shows_only_typst_and_pdf_content(tmp_path):
    typ = _convert(CONDITIONAL, "typst", "typst.lua", tmp_path)
    assert "Kun i PDF typst" in typ and "Kun i PDF pdf" in typ and "Skjult på nettet" in typ
    assert "Kun på nettet" not in typ


def test_html_table_is_a_keyboard_region_named_by_its_caption(tmp_path):
    html = _convert(TABLE, "html", "html.lua", tmp_path)
    assert '<div id="tabel-1" class="table-caption">' in html
    region = html[html.index('<div class="table-scroll"'):html.index("<table")]
    assert all(a in region for a in ('role="region"', 'tabindex="0"', 'aria-labelledby="tabel-1"'))
    assert "<strong>Tabel 1:</strong> Status for tallene" in html


def _numbered(caption: str) -> str:
    return TABLE.replace("Status for tallene", caption)


def test_a_table_shown_in_the_html_only_keeps_the_numbers_of_the_pdf(tmp_path):
    """The PDF numbers the tables it shows 1, 2, 3; the HTML gives those the same numbers and a
    table of its own the number before it and a letter."""
    only = '::: {.content-visible when-format="html"}\n' + _numbered("Kun net A") + "\n:::\n\n"
    hidden = '::: {.content-hidden when-format="typst"}\n' + _numbered("Kun net B") + "\n:::\n\n"
    doc = "\n\n".join([_numbered("En"), only, hidden, _numbered("To"), only, _numbered("Tre")])
    html = _convert(doc, "html", "html.lua", tmp_path)
    captions = re.findall(r"<strong>(Tabel \w+):</strong> (\w+(?: \w+ \w)?)", html)
    assert captions == [("Tabel 1", "En"), ("Tabel 1a", "Kun net A"), ("Tabel 1b", "Kun net B"), ("Tabel 2", "To"),
                        ("Tabel 2a", "Kun net A"), ("Tabel 3", "Tre")]
    assert '<div id="tabel-1b" class="table-caption">' in html
    typ = _convert(doc, "typst", "typst.lua", tmp_path)
    assert "Kun net" not in typ and typ.count("kind: table") == 3


def test_typst_table_keeps_short_columns_whole_and_its_source_inside(tmp_path):
    typ = _convert(TABLE, "typst", "typst.lua", tmp_path)
    assert re.search(r"columns: \([\d.]+em, [\d.]+fr,\)", typ)
    assert typ.index("table(") < typ.index("#source-note[Kilde: Egne beregninger.]") < typ.index("caption: [Status")
    # headers bold and never hyphenated; a row never splits (book.typ: table.cell breakable false)
    assert ('table.header([#text(weight: "bold", hyphenate: false)[Status]], '
            '[#text(weight: "bold", hyphenate: false)[Forklaring]],)') in typ


def test_a_long_typst_table_says_fortsat_on_its_next_page_and_same_headers_share_widths(tmp_path):
    rows = "\n".join(f"| {i} | {'lang tekst ' * 12}|" for i in range(30))
    doc = f"| Nr | Tekst |\n|---:|---|\n{rows}\n\n: Lang\n\n| Nr | Tekst |\n|---:|---|\n| 1 | kort |\n\n: Kort\n"
    typ = _convert(doc, "typst", "typst.lua", tmp_path)
    assert "continued(<table-start-1>, 2)" in typ and ") <table-start-1>]" in typ
    assert "continued(<table-start-2>" not in typ  # a short table is kept on one page
    widths = re.findall(r"columns: \(([^)]*)\)", typ)
    assert len(widths) == 2 and widths[0] == widths[1]


FIGURE_IN_SECTION = """# Kapitel

## Afsnit

Tekst før figuren.

![Figurtekst](a.svg){fig-alt="Alt"}

::: {.source}
Kilde: X.
:::

Sidste afsnit.

::: {.checks-line}
**Kontrol:** tal.
:::
"""


def test_typst_figure_stays_in_the_text_where_it_fits_and_the_checks_line_keeps_company(tmp_path):
    """A figure after a chapter's opening is a `flow-figure`: in the text when it fits in the room
    left below an anchor where the text before it ends (in a block of no height, so the anchor
    does not move with the figure), else floating; the text before a chapter's line on its
    checks is sticky, so that line never stands alone on a page."""
    typ = _convert(FIGURE_IN_SECTION, "typst", "typst.lua", tmp_path)
    anchor = typ.index("#block(height: 0pt)[#metadata(\"figure\") <figure-at-1>]")
    assert anchor < typ.index("#flow-figure(<figure-at-1>, p => [#figure(placement: p,")
    assert "#block(sticky: true)[\nSidste afsnit.\n]" in typ  # on lines of their own: a list's lines stay in it
    assert typ.index("#place.flush()") < typ.index("#block(sticky: true)") < typ.index("#checks-line[")


APPENDICES = """# Kapitel

Tekst.

# Bilag A: Et {.unnumbered .appendix-title}

Kort.

# Bilag B: To {.unnumbered .appendix-title}

Kort.
"""


def test_typst_appendices_follow_each_other_on_the_page(tmp_path):
    """A chapter starts on a new page; an appendix after another appendix goes on on the same
    page (a short appendix leaves no page nearly empty)."""
    typ = _convert(APPENDICES, "typst", "typst.lua", tmp_path)
    first, second = typ.index("Bilag A: Et"), typ.index("Bilag B: To")
    assert typ.rfind("#chapter-break()", 0, first) > typ.index("Tekst.")
    assert typ.rfind("#appendix-break()", first, second) > first
    assert "#chapter-break()" not in typ[first:second]


WIDE = """| Område | Ansatte (kilde) | Ansatte (enhedsliste) | Status | Forklaring |
|:-------|----------------:|----------------------:|:-------|:-----------|
""" + "".join(f"| Fællesforvaltningsdirektørens område {i} | 480 | 290 | {s} | {'Et langt stykke tekst. ' * 6}|\n"
              for i, s in enumerate(["✔ Nået", "✘ Ikke nået", "? Ikke muligt at følge op", "✘ Ikke nået"])) + """
: Bred tabel
"""


def test_typst_wide_table_keeps_numbers_and_labels_whole_and_hyphenates_text_only(tmp_path):
    """A table too wide for the line: number columns and the status column get fixed widths
    (numbers never wrap; a header never runs into the next), only the text columns share the
    rest; with room on the line for every column's longest word nothing is hyphenated."""
    typ = _convert(WIDE, "typst", "typst.lua", tmp_path)
    spec = re.search(r"columns: \((.*?),\)", typ).group(1).split(", ")
    assert [s[-2:] for s in spec] == ["fr", "em", "em", "em", "fr"], spec
    # as wide as its header's longest word (»(enhedsliste)« is 7,44 em in DejaVu Sans Bold) and its inset
    assert float(spec[2][:-2]) >= 7.44 + 1
    assert "set text(hyphenate: false)" in typ and "hyphenate: true" not in typ


NAMES_BESIDE_NUMBERS = """| Område | Pladser i enhedslisten (opdigtet fordeling) | Kvote for området under ét \
| Kvote lagt sammen over enheder | Kvote − pladser | Nye pladser, kvote pr. enhed \
| Nye pladser, kvote pr. direktørområde |
|:--|--:|--:|--:|--:|--:|--:|
| Fællesforvaltningsdirektørens område | 37 | 32 | 29 | −8 | 4 | 0 |
| Velfærdsdirektørens område | 216 | 190 | 186 | −30 | 44 | 0 |
| I alt | 253 | 222 | 215 | −38 | 48 | 0 |

: Kvoter
"""


def test_typst_long_names_beside_many_numbers_wrap_the_headers_before_the_names(tmp_path):
    """Kvoter's Tabel 12: a name column beside six number columns with long headers. The number
    columns' headers wrap between words (each column as wide as its header's longest word, so
    the name column gets the rest of the line, 15 em) before a name is hyphenated; only the
    name column may be."""
    typ = _convert(NAMES_BESIDE_NUMBERS, "typst", "typst.lua", tmp_path)
    spec = re.search(r"columns: \((.*?),\)", typ).group(1).split(", ")
    assert spec[0].endswith("fr") and all(s.endswith("em") for s in spec[1:]), spec
    numbers = sum(float(s[:-2]) for s in spec[1:])
    assert 58 - numbers >= 15, spec  # »Velfærdsdirektørens område« (14,2 em) on one line, the longer name on two
    assert float(spec[-1][:-2]) < 11  # »direktørområde« (8,8 em bold) sets the last column, not its whole header
    assert re.findall(r"where\(x: (\d)\): set text\(hyphenate: true\)", typ) == ["0"]


def test_typst_a_sentence_introducing_a_list_goes_with_its_list(tmp_path):
    """A paragraph ending in »:« right before a list is sticky: it never ends a page with its
    list on the next one. A paragraph before a list that does not introduce it stays as it is."""
    doc = "Årshjulet nævner også disse punkter:\n\n- et\n- to\n\nAndet afsnit.\n\n- tre\n"
    typ = _convert(doc, "typst", "typst.lua", tmp_path)
    assert "#block(sticky: true)[\nÅrshjulet nævner også disse punkter:\n]" in typ
    assert typ.count("sticky: true") == 1


FIGURE_SECTION = """# Kapitel

Tekst.

## Målt værdi mod krav

Figurerne viser målene.

![Første](a.svg){fig-alt="Alt"}

![Anden](b.svg){fig-alt="Alt"}

## Udviklingen

Serien.

![Serie](d.svg){fig-alt="Alt"}

| Udgave | Værdi |
|:--|--:|
| 2025-Q1 | 8 |

: Serien i tal

## Næste afsnit

Tekst før figuren.

![Tredje](c.svg){fig-alt="Alt"}

Tekst efter figuren.
"""


def test_typst_a_section_of_figures_keeps_its_heading_and_sentence_with_its_first_figure(tmp_path):
    """A section that is a heading, a sentence and figures: its first figure stays in the text
    (not floated) and the sentence before it is sticky, so heading and sentence never stand
    alone at the foot of a page. A figure with text after it in its section still floats."""
    typ = _convert(FIGURE_SECTION, "typst", "typst.lua", tmp_path)
    assert "#block(sticky: true)[\nFigurerne viser målene.\n]" in typ
    assert "#figure(placement: none, [#book-image(\"a.svg\"" in typ
    assert "#flow-figure(<figure-at-1>, p => [#figure(placement: p, [#book-image(\"b.svg\"" in typ
    assert "#figure(placement: none, [#book-image(\"d.svg\"" in typ  # figures and tables only: kept
    assert "#block(sticky: true)[\nSerien.\n]" in typ
    assert "#flow-figure(<figure-at-2>, p => [#figure(placement: p, [#book-image(\"c.svg\"" in typ
    assert "Tekst før figuren.\n]" not in typ


def test_a_chapters_line_on_its_checks_ends_the_chapter(tmp_path):
    """A notebook that shows a section after its line on its checks (the series' »Udviklingen
    over udgaverne«): the line moves to the chapter's end, in HTML and PDF alike."""
    doc = ("# Kapitel\n\nTekst.\n\n::: {.checks-line}\n**Kontrol:** tal.\n:::\n\n"
           "## Udviklingen over udgaverne\n\nSerien.\n")
    blocks = json.loads(_convert(doc, "json", "notebook.lua", tmp_path))["blocks"]
    assert blocks[-1]["t"] == "Div" and "checks-line" in blocks[-1]["c"][0][1]
    assert [b["t"] for b in blocks[:-1]] == ["Header", "Para", "Header", "Para"]


def test_a_column_of_numbers_is_right_aligned_whatever_the_notebook_said(tmp_path):
    """Numbers formatted as text reach a table left-aligned; the notebook filter right-aligns
    every column that holds only numbers (and »–« placeholders) and left-aligns a column in
    which no entry begins with a number, in HTML and PDF alike."""
    doc = ("| Tal | Kilde | Note | Placering | Gns. |\n|:--|:--|:--|--:|--:|\n"
           "| Ansatte | 3.333 | kort | nr. 3 af 10 | 9,2 |\n"
           "| Andel | 62,1\u00a0% | – | højest | 9,2 (bogen: 9,1) |\n| Forskel | \u22128 | lang | – | 1 |\n"
           "| Mangler | – | x | lavest | 2 |\n\n: Tal\n")
    html = _convert(_convert(doc, "markdown", "notebook.lua", tmp_path), "html", "html.lua", tmp_path)
    head = re.findall(r'<th style="text-align: (\w+);"', html)
    # numbers right; words left, even where the notebook said right; a number with a note stays right
    assert head == ["left", "right", "left", "left", "right"], head
