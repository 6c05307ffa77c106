"""The series of editions: change tables (missing previous, changed definition, new and gone
figures), sentences, and the development across 1, 2 and 3+ editions."""
from __future__ import annotations

import json

import pytest

from analysis.core import series as sr
from analysis.core import seriesviews as sv
from analysis.core.keyfigures import EDITION, SOURCE, SYNTHETIC, KeyFigure, name_rule_violations


def kf(name, value, unit="pladser", population=EDITION, label=None, definition=None, as_of="2025-06-30"):
    label = label or name
    return KeyFigure(name, value, unit, label, population, "test", as_of, definition or f"{label} ({unit})")


def edition(eid, figures, date="2025-03-31", published=True, chapter="kvoter"):
    """An earlier edition's entry of the series file, built from KeyFigures."""
    if not published:
        return {"id": eid, "date": date, "published": False, "note": "Den er ikke dannet endnu."}
    return {"id": eid, "date": date, "published": True,
            "results": {chapter: {f.name: f.value for f in figures}},
            "key_figures": {chapter: {f.name: {"value": f.value, **f.meta()} for f in figures}}}


def write(tmp_path, current_id, earlier, invented=None):
    p = tmp_path / "series.json"
    p.write_text(json.dumps({"edition": current_id, "date": "2025-09-30", "editions": earlier,
                             "invented_inputs": invented or {}}), encoding="utf-8")
    return p


def test_change_table_then_now_change_and_material():
    prev = sr.parse_series({"edition": "b", "editions": [edition("a", [kf("roster_places_held", 253),
                                                                      kf("roster_units", 43)])]}).previous
    t = sr.change_table("kvoter", prev, sr.current_figures([kf("roster_places_held", 260), kf("roster_units", 43)]))
    row = t.set_index("name").loc["roster_places_held"]
    assert (row["then"], row["now"], row["change"], row["material"]) == (253, 260, 7, True)
    assert not t.set_index("name").loc["roster_units", "material"]
    sentences = sr.change_sentences(t, "a")
    assert sentences == ["roster_places_held er steget fra 253 til 260 (+7)."]


def test_a_change_below_the_printed_precision_is_not_material():
    prev = sr.parse_series({"editions": [edition("a", [kf("share", 48.83720930232558, "%")])]}).previous
    t = sr.change_table("kvoter", prev, sr.current_figures([kf("share", 48.84, "%")]))
    assert not t["material"].any() and sr.change_sentences(t, "a") == []


def test_a_changed_definition_gets_a_note_not_a_subtraction():
    prev = sr.parse_series({"editions": [edition("a", [kf("synthetic_places_held", 253, population=SYNTHETIC),
                                                      kf("goals", 8, definition="Mål nået, runde 1")])]}).previous
    now = [kf("roster_places_held", 88), kf("goals", 9, definition="Mål nået, ny regel")]
    t = sr.change_table("kvoter", prev, sr.current_figures(now)).set_index("name")
    assert t.loc["roster_places_held", "change"] is None
    assert "syntetiske eksempeldata" in t.loc["roster_places_held", "note"]
    assert t.loc["goals", "change"] is None and "definition" in t.loc["goals", "note"]
    assert all("ikke sammenlignelige" in s for s in sr.change_sentences(t.reset_index(), "a"))


def test_new_and_gone_figures_are_said():
    prev = sr.parse_series({"editions": [edition("a", [kf("roster_old", 1)])]}).previous
    t = sr.change_table("kvoter", prev, sr.current_figures([kf("roster_new", 2)])).set_index("name")
    assert "Ny i denne udgave" in t.loc["roster_new", "note"]
    assert t.loc["roster_old", "note"] == "Indgår ikke i denne udgave"


def test_no_previous_edition_shows_nothing(tmp_path):
    sec = sv.since_last(write(tmp_path, "a", []), "kvoter", [kf("roster_units", 1)])
    assert sec.text == "" and sec.table is None
    assert sv.since_last(None, "kvoter", []).text == ""  # outside the build


def test_an_unpublished_previous_edition_is_said_plainly(tmp_path):
    sec = sv.since_last(write(tmp_path, "b", [edition("a", [], published=False)]), "kvoter", [kf("x_units", 1)])
    assert "ikke offentliggjort" in sec.text and sec.table is None


def test_a_previous_edition_without_the_chapter_is_said(tmp_path):
    p = write(tmp_path, "b", [edition("a", [kf("other", 1)], chapter="benchmark")])
    assert "ingen nøgletal for dette kapitel" in sv.since_last(p, "kvoter", [kf("roster_units", 1)]).text


def test_since_last_shows_sentences_and_the_table(tmp_path):
    p = write(tmp_path, "b", [edition("a", [kf("roster_places_held", 253, label="Pladser i dag"),
                                            kf("roster_units", 43, label="Enheder")])])
    sec = sv.since_last(p, "kvoter", [kf("roster_places_held", 260, label="Pladser i dag"),
                                      kf("roster_units", 43, label="Enheder")])
    assert "- Pladser i dag er steget fra 253 til 260 \\(\\+7\\)" in sec.text
    assert "De øvrige 1 nøgletal er uændrede." in sec.text
    assert list(sec.table.columns) == ["Nøgletal", "a", "b", "Ændring"]  # no notes, no note column
    assert sec.table.iloc[0].tolist() == ["Pladser i dag", "253", "260", "+7"]


def test_invented_inputs_are_noticed(tmp_path):
    p = write(tmp_path, "b", [], invented={"kvoter": ["data/examples/series/roster.csv"]})
    assert "opdigtede" in sv.since_last(p, "kvoter", []).notice
    assert sv.since_last(p, "benchmark", []).notice == ""


SPEC = sv.SeriesSpec(("places_held",), "Pladser i dag")


@pytest.mark.parametrize("n_earlier", [0, 1, 3])
def test_development_with_one_two_and_more_editions(tmp_path, n_earlier):
    earlier = [edition(f"e{i}", [kf("roster_places_held", 100 + i, label="Pladser i dag")], date=f"2025-0{i + 1}-28")
               for i in range(n_earlier)]
    sec = sv.development(write(tmp_path, "now", earlier), "kvoter",
                         [kf("roster_places_held", 200, label="Pladser i dag")], SPEC)
    if n_earlier == 0:
        assert sec.text == "" and sec.figure is None
        return
    assert sec.figure is not None and sec.alt.startswith("Linjediagram")
    assert sec.table["Udgave"].tolist() == [f"e{i}" for i in range(n_earlier)] + ["now"]
    assert sec.table["Pladser i dag"].tolist()[-1] == "200"
    assert "100 i e0, 200 i now" in sec.alt
    assert sec.table_in_print is False  # the figure shows every row: the PDF shows it once


def test_the_development_table_stays_in_the_html_only_where_the_figure_shows_it(tmp_path):
    from report import show
    earlier = [edition("e0", [kf("roster_places_held", 100, label="Pladser i dag")], date="2025-01-28")]
    sec = sv.development(write(tmp_path, "now", earlier), "kvoter",
                         [kf("roster_places_held", 200, label="Pladser i dag")], SPEC)
    shown = [o["data"].get("text/markdown", "") for o in show.captured(show.section, sec)]
    table = next(md for md in shown if "Udgave" in md and "|" in md)
    assert 'content-visible when-format="html"' in table


def test_development_by_data_date_needs_two_dates(tmp_path):
    spec = sv.SeriesSpec(("cost",), "Enhedsomkostning", by_as_of=True)
    earlier = [edition("a", [kf("cost", 24.9, "1.000 kr.", SOURCE, as_of="2021-12-31")], chapter="benchmark")]
    same = sv.development(write(tmp_path, "b", earlier), "benchmark",
                          [kf("cost", 24.9, "1.000 kr.", SOURCE, as_of="2021-12-31")], spec)
    assert sec_has_no_figure(same) and "kun én dato" in same.text
    later = sv.development(write(tmp_path, "b", earlier), "benchmark",
                           [kf("cost", 25.3, "1.000 kr.", SOURCE, as_of="2022-12-31")], spec)
    assert later.figure is not None and len(later.table) == 2


def sec_has_no_figure(sec) -> bool:
    return sec.figure is None and sec.table is None


def test_the_figure_joins_only_one_population(tmp_path):
    earlier = [edition("a", [kf("synthetic_places_held", 253, population=SYNTHETIC)])]
    sec = sv.development(write(tmp_path, "b", earlier), "kvoter", [kf("roster_places_held", 88)], SPEC)
    df = sec.extra["frame"]
    assert set(df["population"]) == {SYNTHETIC, EDITION}
    assert sec.table_in_print  # the table holds an edition the figure leaves out
    assert "samme grundlag" in sec.text and sec.table["Grundlag"].tolist() == ["syntetiske eksempeldata",
                                                                             "udgavens eget udtræk"]


def test_the_name_rule_is_checked():
    assert name_rule_violations("kvoter", [kf("roster_units", 1), kf("source_units", 1, population=SOURCE)]) == []
    assert name_rule_violations("kvoter", [kf("units", 1)])
    assert name_rule_violations("kvoter", [kf("source_units", 1, population=EDITION)])


def test_many_figures_make_a_long_table_in_edition_order(tmp_path):
    names = ("a", "b", "c", "d")
    spec = sv.SeriesSpec(tuple(names), "Fire tal", labels={n: n.upper() for n in names})
    earlier = [edition("q1", [kf(f"roster_{n}", i) for i, n in enumerate(names)], date="2025-03-31"),
               edition("q2", [kf(f"roster_{n}", 10 + i) for i, n in enumerate(names)], date="2025-06-30")]
    sec = sv.development(write(tmp_path, "q3", earlier), "kvoter",
                         [kf(f"roster_{n}", 20 + i) for i, n in enumerate(names)], spec)
    t = sec.table
    assert list(t.columns) == ["Udgave", "Opgjort", "Nøgletal", "Værdi", "Grundlag"]
    assert t["Nøgletal"].tolist()[:3] == ["A", "A", "A"] and t["Udgave"].tolist()[:3] == ["q1", "q2", "q3"]
    assert t["Værdi"].tolist()[:3] == ["0", "10", "20"]


def test_the_notice_can_come_before_the_section(tmp_path):
    p = write(tmp_path, "b", [edition("a", [kf("roster_units", 1)])], invented={"kvoter": ["data/examples/x.csv"]})
    assert "opdigtede" in sv.notice_section(p, "kvoter").notice
    assert sv.since_last(p, "kvoter", [kf("roster_units", 2)], notice=False).notice == ""


def test_figures_of_different_dates_keep_each_its_own_date(tmp_path):
    """A budget share of 2022 and an agreement count of February 2024 in one edition: the table
    never dates the second with the first's date (one row per edition and figure then)."""
    spec = sv.SeriesSpec(("share", "agreements"), "To tal", labels={"share": "Andel", "agreements": "Aftaler"})
    figs = [kf("source_share", 26, "%", SOURCE, as_of="2022-12-31"),
            kf("source_agreements", 9, "a-kasser", SOURCE, as_of="2024-02-15")]
    sec = sv.development(write(tmp_path, "q2", [edition("q1", figs)]), "kvoter", figs, spec)
    t = sec.table
    assert list(t.columns) == ["Udgave", "Opgjort", "Nøgletal", "Værdi", "Grundlag"]
    dated = dict(zip(t["Nøgletal"] + " " + t["Udgave"], t["Opgjort"]))
    assert dated["Aftaler q1"] == dated["Aftaler q2"] == "15. februar 2024"
    assert dated["Andel q2"] == "31. december 2022"
