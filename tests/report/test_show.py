import math

import pandas as pd
import pytest

from analysis.core import figures
from analysis.core.check import Check, status_of
from report import show as report
from report.errors import RecordingError
from report.protocol import CHECK_MIME, RESULT_MIME


@pytest.fixture
def shown(monkeypatch):
    out = []
    monkeypatch.setattr(report, "_display", lambda data, metadata=None: out.append((data, metadata)))
    return out


def test_markdown_table_is_danish_and_right_aligns_numbers():
    df = pd.DataFrame({"Område": ["A", "B|C"], "Ansatte": [1234, 5], "Andel": [12.345, float("nan")]})
    text = report.markdown_table(df, decimals={"Andel": 1})
    assert text.splitlines() == ["| Område | Ansatte | Andel |", "|:-------|--------:|------:|",
                                 "| A | 1\\.234 | 12,3 |", "| B\\|C | 5 | – |"]  # cells are escaped text


def test_a_tables_cell_is_one_line_and_keeps_its_no_break_spaces():
    """A number and its unit (»69,5\u00a0%«) stay together in print: line breaks and runs of
    spaces in a cell become one space, a no-break space stays."""
    df = pd.DataFrame({"Målt": ["69,5\u00a0% (december\n2023);  243 unge"]})
    assert report.markdown_table(df).splitlines()[-1] == "| 69,5\u00a0% \\(december 2023\\); 243 unge |"
    amounts = pd.DataFrame({"Før": ["−4,556\u00a0mio. kr."]})
    assert report.markdown_table(amounts).splitlines()[-1] == "| −4,556\u00a0mio\\.\u00a0kr\\. |"


def test_table_has_caption_and_source(shown):
    report.table(pd.DataFrame({"a": [1]}), caption="Tabeltekst", source="Notat, tabel 1")
    text = shown[0][0]["text/markdown"]
    assert ": Tabeltekst" in text and "Kilde: Notat, tabel 1." in text


def test_figure_requires_alt_text():
    fig, _ = figures.new()
    with pytest.raises(RecordingError, match="no alt text"):
        report.figure(fig, caption="x", alt=" ", source="y")


def test_figure_svg_is_deterministic(shown):
    for _ in range(2):
        fig, ax = figures.new()
        ax.bar(["a", "b"], [1, 2])
        report.figure(fig, caption="Figur", alt="To søjler", source="kilde")
    assert shown[0][0]["image/svg+xml"] == shown[2][0]["image/svg+xml"]
    assert shown[0][1]["image/svg+xml"] == {"alt": "To søjler", "caption": "Figur", "layout": ""}


@pytest.mark.parametrize("published, computed, decimals, status", [
    (28.4, 28.43, None, "match"), (28.4, 28.46, None, "differs"), (20.0, 19.96, 1, "match"),
    (72, 72, None, "match"), (325, 326, None, "differs"), (4.834, None, None, "not_reproducible"),
    (0.125, 0.1245, 3, "match"),
])
def test_status_at_printed_precision(published, computed, decimals, status):
    assert status_of(published, computed, decimals) == status


def test_check_records_row(shown):
    assert report.check(Check("Pladser i alt", "Budgetanalyse, afsnit 2", 253, 253, "antal")) == "match"
    row = shown[0][0][CHECK_MIME]
    assert row == {"item": "Pladser i alt", "source": "Budgetanalyse, afsnit 2", "published": 253,
                   "computed": 253, "low": None, "high": None, "unit": "antal", "status": "match",
                   "basis": "recomputed", "finding": "", "note": ""}


def test_result_names_must_be_snake_case_and_values_numbers(shown):
    report.result("gap_n10", 72)
    assert shown[0][0][RESULT_MIME]["value"] == 72
    with pytest.raises(RecordingError, match="lower snake case"):
        report.result("Gap N10", 72)
    with pytest.raises(RecordingError, match="must be a number"):
        report.result("gap_n10", "72")
    with pytest.raises(RecordingError, match="no value"):
        report.result("gap_n10", math.nan)


def test_numpy_numbers_become_plain_json_numbers(shown):
    import numpy as np

    report.result("a", np.int64(3))
    report.result("b", np.float64(2.5))
    assert [type(d[0][RESULT_MIME]["value"]) for d in shown] == [int, float]


def test_to_committee_shows_asks_and_decisions_apart_and_records_the_items(shown):
    from analysis.core import committee as items
    from report.protocol import COMMITTEE_MIME

    report.to_committee([items.ask("Vælg niveau.", ["pr. 15", "pr. 10"]), items.orientation("Til info."),
                         items.decided("Godkendt.", "2024-08-29")])
    text = "".join(d.get("text/markdown", "") for d, _ in shown)
    box, taken = text.split("::: {.decided}")
    assert "**Til beslutning**" in box and "Muligheder:\n\n  - pr. 15\n  - pr. 10" in box and "Godkendt" not in box
    assert "**Besluttet**" in taken and "Besluttet 29. august 2024: Godkendt." in taken
    record = next(d[COMMITTEE_MIME] for d, _ in shown if COMMITTEE_MIME in d)
    assert [i["kind"] for i in record["items"]] == ["ask", "orientation", "decided"]
    with pytest.raises(RecordingError, match="not str"):
        report.to_committee(["a plain string has no kind"])


def test_check_line_counts_recomputed_figures_and_links_to_the_appendix(shown):
    checks = [Check.of("a", "s", 1.0, 1.0), Check.of("b", "s", 1.0, 2.0),
              Check.of("c", "s", 1.0, 1.0, basis="cross_reference")]
    report.check_line(checks, "kvoter")
    text = shown[-1][0]["text/markdown"]
    assert "regnet 2 af kapitlets trykte tal efter" in text and "1 stemmer og 1 afviger" in text
    assert "(#afstemning-kvoter)" in text
