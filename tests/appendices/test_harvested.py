"""The front chapter and the appendices take their parameters once, as the chapters do:
`analysis.appendices.load_inputs` reads every harvested file a part's parameters name."""
from __future__ import annotations

import json

from analysis.appendices import load_inputs
from report.protocol import FINDINGS_HEADER, RECONCILIATION_HEADER

PARTS = [["forord", "front", "Forord"], ["kvoter", "chapter", "Kvoter"], ["parametre", "appendix", "Parametre"]]


def test_a_part_outside_the_build_reads_every_file_as_empty():
    book = load_inputs({"book_parts": PARTS, "book_reconciliation_file": "", "book_series_file": "/nowhere.json"})
    assert book.parts == tuple(tuple(p) for p in PARTS) and book.front == {} and book.messages == {}
    assert list(book.reconciliation.columns) == list(RECONCILIATION_HEADER) and book.reconciliation.empty
    assert list(book.findings.columns) == list(FINDINGS_HEADER) and book.findings.empty
    assert book.changes is None and book.series is None and book.key_figures == {} and book.input_files == []


def test_the_files_the_build_wrote_are_read_once_with_titles_in_book_order(tmp_path):
    (tmp_path / "front.json").write_text(json.dumps({"kvoter": {"period": "2025"}}), encoding="utf-8")
    (tmp_path / "reconciliation.csv").write_text(",".join(RECONCILIATION_HEADER) + "\nkvoter,a,s,28.40,28.4,,,%,"
                                                 "match,recomputed,,\n", encoding="utf-8")
    book = load_inputs({"book_parts": PARTS, "book_edition": "2025-Q1", "book_date": "2025-03-31",
                        "book_front_file": str(tmp_path / "front.json"),
                        "book_reconciliation_file": str(tmp_path / "reconciliation.csv")})
    assert book.front == {"kvoter": {"period": "2025"}} and book.edition == "2025-Q1" and book.date == "2025-03-31"
    assert book.reconciliation["published"].tolist() == ["28.40"]  # as text: its printed precision kept
    assert book.titles == {"forord": "Forord", "kvoter": "Kvoter", "parametre": "Parametre"}
    assert book.chapter_titles == {"kvoter": "Kvoter"}
