"""Key figures and key messages of the chapter."""
# ruff: noqa: F401, F811  (the shared fixtures are imported, then requested by name)
from __future__ import annotations

from analysis.chapters.investeringer import model, results
from report.protocol import is_valid_name

from .investeringer_fixtures import cy, derived, example, example_params, headline, inputs  # pytest fixtures

TOL = 5e-4


def test_key_figures_are_named_and_match_the_notat(inputs, derived, headline):
    figs = {name: value for name, value, _ in results.key_figures(derived)}
    assert all(is_valid_name(n) for n in figs)
    pub = inputs.tabel1.set_index("year")
    for y in pub.index:
        assert abs(figs[f"net_total_{y}"] - pub.loc[y, "net"]) < TOL
    assert abs(figs["net_saving_period"] - headline("net_saving_period")) < TOL
    assert figs["planned_investment_case_tables"] == 17.777
    assert {f"case_{c}_cumulative_net_forecast" for c in inputs.cases["case"]} <= set(figs)
    # the baseline series has no difference to itself
    assert not [n for n in figs if n.startswith("survival_avg_2017_2019_") and "diff" in n]
    assert round(figs["survival_y2020_mean_diff_pp"], 6) == round(-125.6 / 39, 6)


def test_key_figures_follow_the_selection(inputs):
    d = model.derive(inputs, [3])
    names = [n for n, _, _ in results.key_figures(d) if n.startswith("case_")]
    assert names and all(n.startswith("case_3_") for n in names)


def test_balance_message(cy):
    t1 = model.tabel1(cy)
    msg = results.balance_message(t1)
    assert msg.startswith("I 2020 (resultat) gav investeringerne en nettoudgift på 3,061")
    assert "fra 2021 forventede forvaltningen, at besparelsen" in msg
    assert results.balance_message(model.tabel1(cy, [2020])).endswith("i noget af årene.")
    # a result year is told as what happened
    t = t1.assign(kind="result")
    assert results.balance_message(t).endswith("fra 2021 var besparelsen på forsørgelsen større end investeringen.")
    mixed = t1.assign(kind=["result", "result", "forecast", "forecast"])
    assert results.balance_message(mixed).endswith("større end investeringen (for 2022–2023 som forventet).")


def test_key_messages_lead_with_the_budgeted_savings(derived):
    msgs = results.key_messages(derived)
    assert len(msgs) == 3
    assert msgs[0].startswith("Ifølge notatet lagde budgetaftalen for 2020–2023 besparelser på i alt 20,0")
    assert [m.voice for m in msgs] == ["source"] * 3
    assert "0 kr. i 2020, 5,0 mio. kr. i 2021, 6,0 mio. kr. i 2022 og 9,0 mio. kr. i 2023" in msgs[0]
    assert "20,856" in msgs[0] and not msgs[0].endswith("..")
    assert msgs[1].startswith("Ifølge notatet forventede forvaltningen ved opfølgningen 26. november 2021 samlet "
                              "en nettobesparelse på 10,529")
    # the notat's condition (Tekst under Tabel 1) stays with its figure
    assert "10,529\xa0mio. kr. i 2020–2023 ved uforstyrret drift i resten af perioden" in msgs[1]
    assert "11. marts–26. maj 2020 og 9. december 2020–15. april 2021" in msgs[2]
    assert ("budgetopfølgningen pr. 31. oktober 2021, at budgetoverholdelsen på forsørgelsen i 2021 ikke ville "
            "blive påvirket") in msgs[2]
    text = " ".join(msgs)
    assert "30,084" not in text and "ventes" not in text


def test_open_data_tables(derived):
    names = [n for n, _ in results.open_data(derived)]
    assert names == ["tabel1", "case_year", "cumulative", "survival_summary"]
