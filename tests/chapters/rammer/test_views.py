"""Tables and texts of the Rammer chapter."""
from __future__ import annotations

from dataclasses import replace

from analysis.chapters.rammer import views
from analysis.core import fmt


def test_benchmark_display_shows_printed_differences(inputs):
    t = views.benchmark_display(inputs.benchmark)
    assert list(t["Forskel"]) == [fmt.integer(v, sign=True) for v in inputs.benchmark["difference"]]


def test_edition_overview_lists_activities_in_month(inputs):
    ov = views.edition_overview(replace(inputs, months=(6,))).iloc[0]
    assert "Budgetopfølgning" in ov["Aktiviteter i årshjulet samme måned"]
    assert views.edition_overview(replace(inputs, months=(7,))).iloc[0, 1] == fmt.MISSING


def test_rank_and_value_texts():
    assert views.rank_text(8, 89, "laveste") == "8.\u00a0laveste af 89"
    assert views.rank_text(float("nan"), None, None) == fmt.MISSING
    assert views.value_text(38, "%", "ca.") == "ca. 38\u00a0%"
    assert views.value_text(-6, "%", None, sign=True) == "−6\u00a0%"


def test_key_figures_tables_one_per_publication(inputs):
    tables = views.key_figures_tables(inputs.key_figures)
    assert [p for p, _, _ in tables] == list(dict.fromkeys(inputs.key_figures["publication"]))
    assert sum(len(t) for _, t, _ in tables) == len(inputs.key_figures)


def test_unplaced_activities_listed(inputs):
    text = views.unplaced_text(inputs.annual_cycle)
    assert text.count("\n- ") == int(inputs.annual_cycle["start_month"].isna().sum())


def test_benchmark_text_does_not_claim_adjustment_for_framework_conditions(inputs):
    text = " ".join((views.benchmark_text(inputs) + views.framework_text(inputs)).split())
    assert "rammevilkår lader forvente" not in text
    assert "tager højde for den slags forskelle" not in text
    assert "siger ikke, om benchmarkens forventede antal tager højde for rammevilkårene" in text
    assert "4,9 mio. kr. mindre" in text  # the source's own conclusion is told


def test_rank_reading_follows_the_data(inputs):
    from analysis.chapters.rammer import model

    groups = model.benchmark_groups(model.benchmark_table(inputs.benchmark))
    assert "et lavt nummer er en god placering" in views._rank_reading(groups)
    flipped = groups.assign(rank=groups["rank"].to_numpy()[::-1])
    assert "siger ikke" in views._rank_reading(flipped)


def test_contact_column_names_a_ratio_of_group_sizes(inputs):
    t = views.contact_display(inputs.contact)
    assert views.RATIO_COLUMN in t.columns
    assert not any("pr. person" in c for c in t.columns)
    assert "gruppernes størrelse" in views.contact_text(inputs)


def test_captions_take_their_period_from_the_data(inputs):
    assert views.caption(inputs, "rammevilkaar").endswith("(VIVE, 2016)")
    assert views.caption(inputs, "kontakt").endswith("grundskoleelever og folkepensionister, 2020")
    assert "budget 2022" in views.caption(inputs, "oekonomi")


def test_vive_spelt_out_once(inputs):
    assert "(VIVE)" in views.framework_text(inputs)
    assert "(VIVE)" not in views.key_figures_text(inputs, ["rammevilkaar", "noegletal"])
    assert "(VIVE)" in views.key_figures_text(inputs, ["noegletal"])


def test_abbreviations_in_the_annual_cycle_are_spelt_out(inputs):
    text = views.cycle_text(replace(inputs, months=(3,)))
    assert "AU for Arbejdsmarkedsudvalget" in text and "FGU for Forberedende Grunduddannelse" in text
