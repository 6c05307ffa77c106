"""Tables, figures and texts of the chapter."""
from __future__ import annotations

from analysis.chapters.investeringer import model, reconcile, views


def test_tabel1_table_has_the_notat_rows(derived):
    spec = views.tabel1_table(derived)
    df = spec["df"]
    assert list(df["Post"])[:3] == ["Investering i indsats (A)", "Besparelse på forsørgelse (B)", "I alt (A+B)"]
    assert list(df.columns)[1:5] == ["2020 resultat", "2021 forventet", "2022 forventet", "2023 forventet"]
    assert spec["caption"] and spec["source"]


def test_case_table_and_text(derived):
    df = views.case_table(derived, 1)["df"]
    assert df.shape == (9, 6)
    text = views.case_text(derived, 1)
    assert text.startswith("### 1. Koordineret indsats") and "2,053" in text


def test_figures_have_alt_text(derived):
    for spec in (views.cumulative_figure(derived), views.survival_figure(derived)):
        assert spec["alt"] and spec["caption"] and spec["source"]


def test_changes_of_the_example(example):
    d = model.derive(example)
    assert "Ændringer siden notatet" in views.changes_text(d)
    assert len(views.changes_table(d)["df"]) > 0
    assert "opfølgningsfilen" in views.status_text(d)


def test_reconciliation_texts(inputs):
    checks = reconcile.checks(inputs)
    text = views.reconciliation_text(checks)
    assert text.startswith("Bogen har regnet 62 af notatets trykte tal efter") and "57 stemmer" in text
    assert "Yderligere 3 tal" in text
    shown = views.findings_text(reconcile.findings(inputs, checks))
    assert "(ét tal)" in shown and "(4 tal)" in shown
    assert views.findings_text([]).startswith("Alle")


def test_join_da():
    assert views.join_da(["a"]) == "a" and views.join_da(["a", "b", "c"]) == "a, b og c"
