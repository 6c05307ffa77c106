"""The book's structure in _quarto.yml is pinned: chapter order is part of the book."""
import yaml

from book.paths import ROOT


def test_chapter_order_is_the_books():
    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    chapters = [p.split("/")[-1].removesuffix(".ipynb") for p in config["book"]["chapters"]]
    appendices = [p.split("/")[-1].removesuffix(".ipynb") for p in config["book"]["appendices"]]
    assert chapters == ["forord", "rammer", "kvoter", "beskaeftigelsesplan", "investeringer", "benchmark"]
    assert appendices == ["parametre", "datagrundlag", "afstemning", "aendringer"]


def test_every_registered_chapter_is_in_the_book():
    from analysis.chapters import CHAPTERS

    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    listed = [p.split("/")[-1].removesuffix(".ipynb") for p in config["book"]["chapters"]]
    assert [c for c in listed if c in CHAPTERS] == list(CHAPTERS)


def test_quarto_render_in_the_project_folder_stops_with_one_line_saying_what_to_run():
    import subprocess
    import sys

    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    script = ROOT / config["project"]["pre-render"]
    proc = subprocess.run([sys.executable, "-I", str(script)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode != 0 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "run `render` (or `python render.py`)" in proc.stderr
    assert ".quarto/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
