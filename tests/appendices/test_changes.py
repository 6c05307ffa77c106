"""Appendix »Ændringer siden sidste udgave« (the diff's data as tables) and the front chapter's
three-to-five-line summary of what changed."""
from __future__ import annotations

import json

from analysis.appendices import changes, load_inputs
from analysis.core.keyfigures import EDITION, SOURCE, SYNTHETIC

PARTS = [["forord", "front", "Forord"], ["kvoter", "chapter", "Kvoter"], ["rammer", "chapter", "Rammer"],
         ["parametre", "appendix", "Parametre"]]


def _meta(value, population=SOURCE, label="x", unit="pladser"):
    return {"value": value, "population": population, "label": label, "unit": unit,
            "definition": f"{label} ({unit})"}


def _files(tmp_path, before, now, published=True, invented=None):
    entry = {"id": "2025-Q1", "date": "2025-03-31", "published": published,
             "results": {c: {n: m["value"] for n, m in f.items()} for c, f in before.items()},
             "key_figures": before}
    series = tmp_path / "series.json"
    series.write_text(json.dumps({"edition": "2025-Q2", "date": "2025-06-30", "editions": [entry],
                                  "invented_inputs": invented or {}}), encoding="utf-8")
    kf = tmp_path / "key_figures.json"
    kf.write_text(json.dumps(now), encoding="utf-8")
    book = load_inputs({"book_series_file": str(series), "book_key_figures_file": str(kf)})  # as the Forord reads them
    return book.series, book.key_figures


def test_front_summary_names_changes_and_unchanged_chapters(tmp_path):
    before = {"kvoter": {"source_places_held": _meta(253, label="Pladser i dag"),
                         "synthetic_units": _meta(43, SYNTHETIC, "Enheder", "enheder")},
              "rammer": {"budget_share_pct": _meta(26.0, label="Andel", unit="%")}}
    now = {"kvoter": {"source_places_held": _meta(260, label="Pladser i dag"),
                      "roster_units": _meta(36, EDITION, "Enheder", "enheder")},
           "rammer": {"budget_share_pct": _meta(26.0, label="Andel", unit="%")}}
    text = changes.front_summary(*_files(tmp_path, before, now), PARTS)
    lines = [x for x in text.splitlines() if x.startswith("- ")]
    assert 1 <= len(lines) <= 5
    assert lines[0].startswith("- **Kvoter:** 2 nøgletal har ændret sig; fx pladser i dag er steget fra 253 til 260")
    assert lines[-1] == "- Uændret siden udgave 2025\\-Q1: Rammer."  # ids are escaped Markdown


def test_front_summary_never_tells_a_synthetic_figure(tmp_path):
    before = {"kvoter": {"synthetic_units": _meta(43, SYNTHETIC, "Enheder", "enheder")}}
    now = {"kvoter": {"synthetic_units": _meta(40, SYNTHETIC, "Enheder", "enheder")}}
    text = changes.front_summary(*_files(tmp_path, before, now), PARTS)
    assert "1 nøgletal har ændret sig." in text and "43" not in text


def test_front_summary_without_previous_or_unpublished(tmp_path):
    assert changes.front_summary(None, None, PARTS) == ""
    series, kf = _files(tmp_path, {}, {}, published=False)
    assert "ikke offentliggjort" in changes.front_summary(series, kf, PARTS)


def test_appendix_tables_show_the_diff_data():
    data = {"a": {"edition": "a", "file": "a.yml"}, "b": {"edition": "b", "file": "b.yml"}, "edition": [],
            "parameters": [{"part": "kvoter", "key": "thresholds", "before": [15, 10], "after": [15, 12, 10]}],
            "inputs": [{"part": "kvoter", "parameter": "roster_file", "before": "x.csv", "after": "y.csv",
                        "sha256_before": "a" * 64, "sha256_after": "b" * 64, "rows_added": 36, "rows_removed": 43,
                        "rows_changed": 0, "columns_added": [], "columns_removed": [], "rows_before": 43,
                        "rows_after": 36}],
            "key_figures": {"compared": True, "missing": [], "changes": [
                {"chapter": "kvoter", "name": "n", "label": "Andel", "unit": "%", "decimals": 1,
                 "before": 48.83720930232558, "after": 50.1, "change": 1.3}]}}
    assert changes.parameters_table(data).iloc[0].tolist() == ["kvoter", "thresholds", "[15, 10]", "[15, 12, 10]"]
    row = changes.inputs_table(data).iloc[0]
    assert row["Rækker"] == "36 tilføjet, 43 fjernet, 0 ændret"
    assert row["Kontrolsum"] == "aaaaaaaa → bbbbbbbb" and row["Del"] == "kvoter"
    assert changes.figures_table(data).iloc[0].tolist() == ["kvoter", "Andel", "48,8 %", "50,1 %", "+1,3 procentpoint"]
    # for a committee reader: no command, no file name, no checksum in print (they stay in the HTML)
    assert "render.py" not in changes.intro(data) and "`" not in changes.intro(data)
    summary = changes.inputs_summary(data, {"kvoter": "Kvoter"})
    assert summary.startswith("Siden udgave a er 1 parameter og 1 datafil ændret (Kvoter).")
    assert ".csv" not in summary and "aaaa" not in summary
    assert changes.inputs_summary({**data, "parameters": [], "inputs": []}) == ""


def test_front_summary_labels_a_chapter_built_on_invented_data(tmp_path):
    before = {"kvoter": {"roster_units": _meta(36, EDITION, "Enheder", "enheder")}}
    now = {"kvoter": {"roster_units": _meta(38, EDITION, "Enheder", "enheder")}}
    files = _files(tmp_path, before, now, invented={"kvoter": ["data/examples/series/kvoter/roster_2025q3.csv"]})
    assert "**Kvoter (opdigtede eksempeltal):** 1 nøgletal har ændret sig" in changes.front_summary(*files, PARTS)


def test_inputs_are_a_list_with_paths_checksums_and_rows():
    data = {"inputs": [{"part": "kvoter", "parameter": "roster_file", "before": "data/a.csv", "after": "data/b.csv",
                        "sha256_before": "a" * 64, "sha256_after": "b" * 64, "rows_added": 1, "rows_removed": 2,
                        "rows_changed": 3, "columns_added": ["x"], "columns_removed": []}]}
    text = changes.inputs_markdown(data)
    # file names and headers come from input files: escaped Markdown
    assert text.startswith("- **kvoter.roster\\_file**: data/a\\.csv → data/b\\.csv; kontrolsum (sha256) aaaaaaaaaaaa")
    assert "rækker: 1 tilføjet, 2 fjernet, 3 ændret; kolonner\\: \\+x." in text
