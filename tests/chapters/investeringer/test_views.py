"""Tables, figures and texts of the chapter."""
# ruff: noqa: F401, F811  (the shared fixtures are imported, then requested by name)
from __future__ import annotations

from analysis.chapters.investeringer import model, texts, views

from .investeringer_fixtures import cy, derived, example, example_params, headline, inputs  # pytest fixtures


def test_tabel1_table_has_the_notat_rows(derived):
    spec = views.tabel1_table(derived)
    df = spec["df"]
    assert list(df["Post"])[:3] == ["Investering i indsats (A)", "Besparelse på forsørgelse (B)", "I alt (A+B)"]
    assert list(df.columns)[1:5] == ["2020 resultat", "2021 forventet", "2022 forventet", "2023 forventet"]
    assert df.columns[-1] == "I alt 2020–2023 (bogens sum)" and "bogens sum" in df["Post"].iloc[-1]
    assert spec["caption"] and spec["source"]


def test_case_table_and_text(derived):
    df = views.case_table(derived, 1)["df"]
    assert df.shape == (9, 6)
    text = texts.case_text(derived, 1)
    assert text.startswith("### 1. Koordineret indsats") and "2,053" in text


def test_figures_have_alt_text(derived):
    for spec in (views.cumulative_figure(derived), views.survival_figure(derived)):
        assert spec["alt"] and spec["caption"] and spec["source"]


def test_changes_of_the_example(example):
    d = model.derive(example)
    assert "Ændringer siden notatet" in texts.changes_text(d)
    assert len(views.changes_table(d)["df"]) > 0
    assert "forvaltningens opfølgningsfil" in texts.status_text(d)
    assert "data/" not in texts.status_text(d) + views.amounts_source(d)


def test_join_da():
    assert views.join_da(["a"]) == "a" and views.join_da(["a", "b", "c"]) == "a, b og c"


def test_survival_table_in_plain_danish(derived):
    df = views.survival_table(derived)["df"]
    heads = " ".join(df.columns)
    assert "Areal" not in heads and "pct.-point" not in heads and "×" not in heads
    assert list(df["Ledige fra"]) == ["Gennemsnit 2017–2019", "2020", "1. halvår 2021"]
    assert df.iloc[0, 2] != df.iloc[0, 2]  # no difference of the baseline to itself (empty)
    assert round(df.iloc[1, 2], 1) == -2.9
