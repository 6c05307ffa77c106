"""The book's structure: `_quarto.yml` is the one list of the book's parts, in order; the
chapter registry (the packages in analysis/chapters) and every test read it, none lists
chapters by hand."""
import yaml

from book.paths import ROOT
from book.project import load_book


def test_the_book_is_a_front_chapter_its_chapters_and_the_four_appendices():
    book = load_book()
    assert [p.role for p in book.parts][:1] == ["front"]
    assert [p.id for p in book.parts if p.role == "appendix"] == ["parametre", "datagrundlag", "afstemning",
                                                                  "aendringer"]


def test_every_chapter_package_is_in_the_book_once_and_every_chapter_of_the_book_has_one():
    from analysis.chapters import CHAPTERS

    listed = [p.id for p in load_book().parts if p.role == "chapter"]
    assert sorted(listed) == sorted(CHAPTERS) and len(set(listed)) == len(listed)


def test_quarto_render_in_the_project_folder_with_nothing_published_stops_with_one_line(tmp_path):
    """The pre-render script in a folder without a published edition (a copy of it, so that the
    repository's own _book/ does not matter): one line on stderr, a non-zero exit."""
    import shutil
    import subprocess
    import sys

    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    assert config["project"]["type"] == "default" and config["project"]["render"] == ["!*"]
    assert config["project"]["output-dir"] == "_book/quarto"
    script = tmp_path / config["project"]["pre-render"]
    script.parent.mkdir(parents=True)
    shutil.copyfile(ROOT / config["project"]["pre-render"], script)
    proc = subprocess.run([sys.executable, "-I", str(script)], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode != 0 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "run `python render.py` first" in proc.stderr


def test_quarto_leaves_the_gitignore_as_it_is():
    """Quarto adds its entries to .gitignore unless they are there exactly as it writes them."""
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "/.quarto/" in lines and "**/*.quarto_ipynb" in lines and "_book/" in lines
