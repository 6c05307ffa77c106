"""Text from an input file reaches HTML and PDF as text: a hostile list of names in the fixture
book's data file is shown literally (escaped in the HTML), never run, dropped or reformatted."""
from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest
from conftest import FIXTURES

from book.pipeline import build

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>",
           "*fed* _kursiv_ `kode` \\sti", "$x$ #titel @cite [a](b) 1<2 & 3>2"]


def pdf_text(pdf) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:
        if shutil.which("pdftotext") is None:
            pytest.skip("neither pypdf nor pdftotext to read the PDF's text")
        return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    from book.editions import load_edition
    from book.pipeline import BuildOptions
    from book.project import load_book

    tmp = tmp_path_factory.mktemp("hostile")
    edition_file = tmp / "h1.yml"
    edition_file.write_text("edition: h1\ntitle: Testbog\ndate: 2025-03-31\nalpha:\n"
                            f"  values_file: {FIXTURES / 'hostile' / 'values.csv'}\n", encoding="utf-8")
    opts = BuildOptions(engine="pandoc", jobs=2, cache_dir=tmp / "cache", book_dir=tmp / "book",
                        build_dir=tmp / "build", processed_dir=tmp / "processed")
    return build(load_edition(edition_file), opts, load_book(FIXTURES / "book" / "_quarto.yml"))


def test_html_shows_every_hostile_value_escaped(hostile_book):
    page = (hostile_book.folder / "alpha.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())
    for value in HOSTILE:
        assert value in text, value
    assert "<em>fed</em>" not in page and "<code>kode</code>" not in page


def test_pdf_text_holds_every_hostile_value_literally(hostile_book):
    text = " ".join(pdf_text(hostile_book.pdf).split())
    for value in HOSTILE:
        assert " ".join(value.split()) in text, value
