"""Bilag C and the front chapter's verification sentence: only recomputed checks count."""
import pandas as pd

from analysis.appendices import reconciliation as recon


def _checks(rows):
    cols = ["chapter", "item", "source", "published", "computed", "low", "high", "unit", "status",
            "basis", "finding", "note"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


CHECKS = _checks([
    ("kvoter", "Pladser", "Tabel 1", "253", "253", "", "", "antal", "match", "recomputed", "", ""),
    ("kvoter", "Kvote A", "Tabel 2", "12", "12", "", "", "antal", "match", "synthetic", "", ""),
    ("kvoter", "Stigning", "s. 1", "28.4", "28.46", "", "", "%", "differs", "recomputed", "stigning", "n"),
    ("benchmark", "Gns.", "Tabel 5.8", "26.6", "26.66", "26.6", "26.7", "%", "within_rounding",
     "recomputed", "afrunding", "n"),
    ("benchmark", "Gns. 2", "Tabel 5.8", "27.6", "27.6", "", "", "%", "match", "cross_reference", "", ""),
    ("benchmark", "Rev.", "Tabel 5.7", "3.1", "", "", "", "%", "not_reproducible", "recomputed", "", ""),
])
FINDINGS = pd.DataFrame([
    {"chapter": "kvoter", "finding": "stigning", "title": "Stigningen er afkortet", "explanation": "x", "rows": 1},
    {"chapter": "benchmark", "finding": "afrunding", "title": "Afrunding", "explanation": "y", "rows": 1}])


def test_verification_sentence_counts_only_recomputed_figures():
    text = recon.verification_sentence(CHECKS, FINDINGS)
    assert text.startswith("I denne udgave er 4 trykte tal genberegnet")
    assert "2 stemmer, 1 stemmer inden for afrundingen af de trykte tal, 1 afviger, og 1 kan ikke" not in text
    assert "1 stemmer, 1 stemmer inden for afrundingen af de trykte tal, 1 afviger, og 1 kan ikke" in text
    assert "1 tal sammenholdt med samme tal trykt et andet sted, og 1 bygger på syntetiske" in text
    assert "samlet i 2 fund" in text


def test_summary_table_separates_status_of_recomputed_from_other_bases():
    t = recon.summary_table(CHECKS, {"kvoter": "Kvoter", "benchmark": "Jobcenterbenchmark"})
    kv = t[t["Kapitel"] == "Kvoter"].iloc[0]
    assert (kv["Stemmer"], kv["Afviger"], kv["Syntetiske"], kv["Trykt to steder"]) == (1, 1, 1, 0)
    bm = t[t["Kapitel"] == "Jobcenterbenchmark"].iloc[0]
    assert (bm["Inden for afrunding"], bm["Kan ikke genberegnes"], bm["Trykt to steder"]) == (1, 1, 1)


def test_findings_show_their_rows_and_unexplained_rows_are_named():
    sections = recon.finding_sections(CHECKS, FINDINGS, "benchmark", "Jobcenterbenchmark")
    text = "\n".join(sections)
    assert "### Afrunding" in text and "Gns\\." in text and "26,6 %" in text
    assert "1 tal, der ikke stemmer, og som endnu ikke er samlet i et fund" in text


def test_findings_rows_are_counted_in_print_and_listed_in_html():
    rows = [("benchmark", f"Række {i}", "T", "1.0", "1.3", "", "", "", "differs", "recomputed", "f", "n")
            for i in range(9)]
    findings = pd.DataFrame([{"chapter": "benchmark", "finding": "f", "title": "T", "explanation": "x",
                              "rows": 9}])
    sections = recon.finding_sections(_checks(rows), findings, "benchmark", "B")
    printed = next(s for s in sections if 'when-format="typst"' in s)
    html = next(s for s in sections if 'when-format="html"' in s)
    assert "Række" not in printed and "Fundet omfatter 9 tal." in printed
    assert html.count("Række") == 9
    assert sections[0].startswith("## B {#benchmark}")  # the chapter's line on its checks links here


def test_full_list_is_html_only():
    assert recon.full_list(CHECKS, {"kvoter": "Kvoter"}).startswith('::: {.content-visible when-format="html"}')
