"""The PDF compiles in the forked render stage even where the build's process used Typst before
(Typst's thread pool does not survive a fork: the stage waited forever, and the suite hung)."""
import pytest

from book.errors import RenderError
from book.processes import run_stage
from book.renderers.pandoc import FONTS, PDF_STANDARDS
from book.renderers.typstcompile import compile_pdf

MARKER = "BOOK_TEST_TYPST_STAGE"
DOCUMENT = '#set document(title: "Prøve")\n#set text(lang: "da")\n= Prøve\n\nTekst.\n'


def _source(folder, name="prøve.typ", text=DOCUMENT):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_stage_forked_after_the_process_used_typst_still_compiles_the_pdf(tmp_path):
    import typst

    typst.compile(str(_source(tmp_path, "før.typ")), output=str(tmp_path / "før.pdf"), font_paths=[str(FONTS)])
    typ, pdf = _source(tmp_path), tmp_path / "prøve.pdf"
    run_stage(lambda: compile_pdf(typ, pdf, tmp_path, [FONTS], PDF_STANDARDS, 1_700_000_000), 120, MARKER)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_compilers_diagnostics_reach_the_render_error(tmp_path):
    typ = _source(tmp_path, text="#let x = \n")
    with pytest.raises(RenderError) as caught:
        compile_pdf(typ, tmp_path / "x.pdf", tmp_path, [FONTS], PDF_STANDARDS, 1_700_000_000)
    assert "typst" in str(caught.value) and "expected" in str(caught.value).lower()
