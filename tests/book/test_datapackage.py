"""Each edition's open data is a Frictionless Data Package a stranger can use: every published
file described (Danish title, description, unit and type of every column; every key figure's
label and unit), valid by the `frictionless` library, numbers at the stated precision."""
from __future__ import annotations

import json

import frictionless
import pytest

from analysis.core.opendata import COLUMNS, DECIMALS, published
from book.pipeline import build


@pytest.fixture(scope="module")
def edition_folder(tmp_path_factory):
    from conftest import FIXTURES

    from book.editions import load_edition
    from book.pipeline import BuildOptions
    from book.project import load_book

    tmp = tmp_path_factory.mktemp("dp")
    opts = BuildOptions(engine="pandoc", jobs=2, cache_dir=tmp / "cache", book_dir=tmp / "book",
                        build_dir=tmp / "build", processed_dir=tmp / "processed")
    path = tmp / "params" / "dp.yml"
    path.parent.mkdir()
    path.write_text("edition: dp\ntitle: Testbog\ndate: 2025-03-31\n", encoding="utf-8")
    return build(load_edition(path), opts, load_book(FIXTURES / "book" / "_quarto.yml")).folder


def test_the_datapackage_is_valid_by_frictionless(edition_folder):
    report = frictionless.validate(edition_folder / "datapackage.json")
    assert report.valid, report.flatten(["type", "message"])


def test_every_file_and_every_column_is_described(edition_folder):
    package = json.loads((edition_folder / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    published_files = {p.relative_to(edition_folder).as_posix() for p in (edition_folder / "data").glob("*.csv")}
    assert published_files | {"reconciliation.csv", "findings.csv", "results.json"} <= paths
    fields = [f for r in package["resources"] for f in r.get("schema", {}).get("fields", [])]
    assert fields and all(f["title"] and f["description"] and f["type"] for f in fields), \
        [f["name"] for f in fields if not f["description"]]
    assert str(DECIMALS) in package["description"]


def test_published_tables_use_one_naming_style_and_the_stated_precision():
    import pandas as pd

    out = published(pd.DataFrame({"share": [0.7905138339920948], "deviation": [2.6000000000000014]}))
    assert list(out.columns) == ["share_pct", "deviation"] and out["deviation"].tolist() == [2.6]
    assert all(name == name.lower() and " " not in name for name in COLUMNS)


def test_every_table_the_book_publishes_has_danish_words():
    from analysis.core.opendata import table_words

    assert table_words("beskaeftigelsesplan_status_2024.csv") == (
        "Beskæftigelsesplan 2024: mål fordelt på status",
        "Antal og andel af målene i Beskæftigelsesplan 2024 pr. status, som kilden tæller dem og efter reglen.")
    title, description = table_words("kvoter_synthetic_by_area.csv")
    assert title.endswith("(syntetiske eksempeldata)") and "syntetiske eksempel-enhedsliste" in description
    assert "syntetisk" not in " ".join(table_words("kvoter_by_area.csv"))
    assert table_words("toy_values.csv") is None  # a new chapter's table: the test on the real book names it
