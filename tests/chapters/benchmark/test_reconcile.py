"""The benchmark's reconciliation: the known disagreements keep their status."""
from __future__ import annotations

import pytest

from analysis.chapters.benchmark import reconcile


@pytest.fixture(scope="module")
def checks(inp):
    return reconcile.checks_frame(reconcile.checks(inp, 2.0)).set_index("item")


def test_known_disagreements(checks):
    assert checks.loc["Tabel 3.1: Norddjurs' trykte andele lagt sammen", "status"] == "differs"
    assert checks.loc["Afsnit 5.2: udgift, Kontanthjælp, jobparate", "status"] == "differs"
    assert checks.loc["Tabel 5.8: trykt gennemsnit mod Tabel 3.2, Sygedagpenge", "status"] == "differs"
    assert checks.loc["Bilag 1: korrigerede fuldtidspersoner 2021, Sygedagpenge", "status"] == "match"
    assert not checks.index.duplicated().any()


def test_every_text_statement_kind_has_a_rule(inp):
    assert set(inp.text["kind"]) <= set(reconcile.TEXT_KINDS)


def test_deviation_of_tabel_5_12_konto_6_differs_beyond_rounding(checks):
    row = checks.loc["Tabel 5.12: Ressourceforløb, Samlet konto 6: afvigelse"]
    assert row["status"] == "differs"
