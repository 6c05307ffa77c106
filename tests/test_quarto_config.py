"""The book's structure in _quarto.yml is pinned: chapter order is part of the book."""
import yaml

from book.paths import ROOT


def test_chapter_order_is_the_books():
    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    chapters = [p.split("/")[-1].removesuffix(".ipynb") for p in config["book"]["chapters"]]
    appendices = [p.split("/")[-1].removesuffix(".ipynb") for p in config["book"]["appendices"]]
    assert chapters == ["forord", "rammer", "kvoter", "beskaeftigelsesplan", "investeringer", "benchmark"]
    assert appendices == ["parametre", "datagrundlag", "afstemning"]


def test_every_registered_chapter_is_in_the_book():
    from analysis.chapters import CHAPTERS

    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    listed = [p.split("/")[-1].removesuffix(".ipynb") for p in config["book"]["chapters"]]
    assert [c for c in listed if c in CHAPTERS] == list(CHAPTERS)
