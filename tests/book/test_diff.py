"""`render.py diff A B`: per-file row and column changes, key figures at their printed precision,
JSON output, exit status 0 (equal) / 1 (differ), example editions by id."""
from __future__ import annotations

import json

from analysis.core.paths import ROOT
from book.cli import _edition_arg, main
from book.diff import diff_data, diff_json, diff_text, differs, table_changes
from book.editions import load_edition


def _edition(tmp_path, name, body="", date="2025-03-31"):
    p = tmp_path / f"{name}.yml"
    p.write_text(f"edition: {name}\ntitle: Testbog\ndate: {date}\n{body}", encoding="utf-8")
    return p


def test_table_changes_counts_rows_and_columns(tmp_path):
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("unit_id,employees,old\nA,10,x\nB,20,y\nC,30,z\n", encoding="utf-8")
    b.write_text("unit_id;employees;new\nA;10;1\nB;21;2\nD;5;3\n", encoding="utf-8-sig")  # Danish CSV
    e = load_edition(_edition(tmp_path, "e"))
    c = table_changes(e, str(a), e, str(b))
    assert (c["rows_added"], c["rows_removed"], c["rows_changed"]) == (1, 1, 1)
    assert c["columns_added"] == ["new"] and c["columns_removed"] == ["old"] and c["matched_on"] == "unit_id"


def test_the_edition_column_map_is_applied_before_comparing(tmp_path):
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("unit_id,employees\nA,10\n", encoding="utf-8")
    b.write_text("Enhed,Ansatte\nA,10\n", encoding="utf-8")
    ea = load_edition(_edition(tmp_path, "ea"))
    eb = load_edition(_edition(tmp_path, "eb", f"columns:\n  {b}:\n    Enhed: unit_id\n    Ansatte: employees\n"))
    c = table_changes(ea, str(a), eb, str(b))
    assert c["columns_added"] == [] and (c["rows_added"], c["rows_removed"], c["rows_changed"]) == (0, 0, 0)


def _published(book_dir, edition_id, results, meta=None):
    folder = book_dir / edition_id
    folder.mkdir(parents=True)
    (folder / "results.json").write_text(json.dumps(results), encoding="utf-8")
    if meta:
        (folder / "key_figures.json").write_text(json.dumps(meta), encoding="utf-8")


def test_key_figures_are_printed_at_their_precision(tmp_path):
    a, b = load_edition(_edition(tmp_path, "a")), load_edition(_edition(tmp_path, "b"))
    book_dir = tmp_path / "book"
    _published(book_dir, "a", {"k": {"share": 48.83720930232558, "same": 1.04, "count": 3}})
    _published(book_dir, "b", {"k": {"share": 50.1, "same": 1.0449, "count": 4}},
               {"k": {"share": {"unit": "%", "label": "Andel"}}})
    data = diff_data(a, b, book_dir=book_dir)
    text = diff_text(data)
    assert "k.share: 48.8 -> 50.1 (+1.3)" in text and "48.837" not in text
    assert "k.count: 3 -> 4 (+1)" in text
    assert "k.same" not in text  # equal at its printed precision
    parsed = json.loads(diff_json(data))
    assert parsed["differs"] is True and parsed["key_figures"]["changes"][1]["label"] == "Andel"


def test_exit_status_is_0_when_equal_and_1_when_different(tmp_path, capsys):
    a = _edition(tmp_path, "a")
    assert main(["diff", str(a), str(a)]) == 0
    assert "(no change)" in capsys.readouterr().out
    b = _edition(tmp_path, "b", date="2025-06-30")
    assert main(["diff", str(a), str(b), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["differs"] and data["edition"] == [{"key": "date", "before": "2025-03-31", "after": "2025-06-30"}]
    assert not differs({**data, "edition": []})


def test_example_editions_by_id_and_path():
    by_id = _edition_arg("kvoter-threshold-12-xlsx")
    assert by_id.path == (ROOT / "params/examples/kvoter-threshold-12-xlsx.yml").resolve()
    assert _edition_arg("params/examples/kvoter-threshold-12-xlsx.yml").id == by_id.id
    assert _edition_arg("2025-Q1").path == (ROOT / "params/2025-Q1.yml").resolve()


def test_a_replaced_extract_is_compared_with_the_file_it_replaces():
    q1 = load_edition(ROOT / "params/2025-Q1.yml")
    q2 = load_edition(ROOT / "params/examples/eksempel-2025-Q2.yml")
    data = diff_data(q1, q2, book_dir=ROOT / "no-such-folder")
    roster = next(r for r in data["inputs"] if r["parameter"] == "roster_file")
    assert roster["before"].endswith("roster_synthetic.csv") and roster["after"].endswith("roster_2025q2.csv")
    assert roster["rows_after"] == 36 and roster["columns_added"] == [] and roster["matched_on"] == "unit_id"
    amounts = next(r for r in data["inputs"] if r["parameter"] == "amounts_file")
    assert amounts["matched_on"] == "case, year, measure, kind" and amounts["rows_changed"] > 0
    assert amounts["rows_added"] == amounts["rows_removed"]  # 2021's forecasts became results (kind)
    followup = next(r for r in data["inputs"] if r["parameter"] == "followup_file")
    assert followup["columns_added"] == ["invented"] and followup["rows_removed"] == 0  # goal ids stay text
    assert followup["rows_added"] == followup["rows_after"] - followup["rows_before"]
    assert roster["rows_removed"] == roster["rows_before"]  # no unit of the synthetic roster is in the extract
    assert not data["key_figures"]["compared"]
