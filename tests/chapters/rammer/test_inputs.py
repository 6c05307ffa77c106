"""Inputs of the Rammer chapter: parameters, defaults, formats, missing files, and a key figure
of every data file against the figure the source prints."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.chapters import rammer
from analysis.chapters.rammer.inputs import (
    BLOCKS,
    DEFAULT_EDITION_MONTHS,
    DEFAULT_FILES,
    edition_months,
    load_table,
    selected_blocks,
)
from analysis.core.errors import MissingInputError, ParameterValueError

from .helpers import SEED_INTRO, SEED_NBR, raw


def test_blocks_parameter():
    assert selected_blocks([]) == BLOCKS
    assert selected_blocks(["aarshjul", "benchmark"]) == ("benchmark", "aarshjul")
    with pytest.raises(ParameterValueError) as exc:
        selected_blocks(["budget"])
    assert (exc.value.chapter, exc.value.parameter, exc.value.value) == ("rammer", "blocks", ["budget"])
    assert str(exc.value) == (
        "Parameter 'blocks' of chapter 'rammer' is not valid: unknown block id(s); known: "
        "udvalget, oekonomi, benchmark, rammevilkaar, kontakt, noegletal, akasser, aarshjul (value: ['budget'])")


def test_edition_months_parameter_boundaries():
    assert edition_months([]) == DEFAULT_EDITION_MONTHS
    assert edition_months([12, 1, 1]) == (1, 12)
    for bad in ([0], [13], [True], [3.5]):
        with pytest.raises(ParameterValueError, match="edition_months"):
            edition_months(bad)
    with pytest.raises(ParameterValueError):
        rammer.load_inputs({"edition_months": [3.5]})


def test_unknown_file_parameter():
    with pytest.raises(ParameterValueError, match="roster_file"):
        rammer.load_inputs({"roster_file": "x.csv"})


def test_missing_file_names_parameter():
    with pytest.raises(MissingInputError, match="contact_file"):
        rammer.load_inputs({"contact_file": "data/raw/rammer/nope.csv"})


def test_inputs_are_frozen(inputs):
    with pytest.raises(AttributeError):
        inputs.benchmark = None


@pytest.mark.parametrize("key", sorted(DEFAULT_FILES))
def test_every_input_reads_as_danish_csv_and_xlsx(tmp_path, key):
    """The transcription re-saved as Danish Excel CSV (cp1252, ;, decimal comma) and as .xlsx
    loads to the same table."""
    original = load_table(key, DEFAULT_FILES[key])
    plain = raw(key)
    danish = tmp_path / "danish.csv"
    plain.to_csv(danish, sep=";", decimal=",", index=False, encoding="cp1252", float_format="%g")
    xlsx = tmp_path / "book.xlsx"
    plain.to_excel(xlsx, index=False)
    for path in (danish, xlsx):
        other = load_table(key, str(path))
        pd.testing.assert_frame_equal(other.reset_index(drop=True), original.reset_index(drop=True),
                                      check_dtype=False)


# ---------------------------------------------------------------- each data file against the print
def _value(key: str, id_col: str, row_id: str, col: str):
    return raw(key).set_index(id_col).loc[row_id, col]


PRINTED = [
    # (file, the transcribed value, the literal as the source prints it, printed text, seed)
    ("budget_shares_file", lambda: raw("budget_shares_file").set_index("category").loc["Ydelser", "share_pct"],
     86.3, "86,3 7,4 6,3 Figur 2", SEED_INTRO),
    ("benchmark_file", lambda: _value("benchmark_file", "group_id", "sygedagpenge", "actual"),
     740, "Sygedagpenge mv. 810 740 -70 5", SEED_INTRO),
    ("framework_file", lambda: _value("framework_file", "scope_id", "alle_ydelser", "rank_from_worst"),
     7, "de 7. dårligste rammevilkår", SEED_INTRO),
    ("contact_file", lambda: _value("contact_file", "group_id", "kontaktforloeb", "count"),
     6945, "Borgere med kontaktforløb i jobcenteret 6.945", SEED_INTRO),
    ("intro_figures_file", lambda: _value("intro_figures_file", "indicator_id", "udvalgets_pulje", "value"),
     0.25, "pulje på 0,250 mio. kr.", SEED_INTRO),
    ("key_figures_file", lambda: _value("key_figures_file", "indicator_id", "selvforsoergelse_kontanthjaelp",
                                        "value"),
     39.4, "39,4 % af de borgere", SEED_NBR),
    ("akasse_agreements_file", lambda: len(raw("akasse_agreements_file")),
     9, "De 9 a-kasser er", SEED_NBR),
    ("akasse_coverage_file", lambda: _value("akasse_coverage_file", "measure_id", "andel_medlemmer", "value"),
     59.6, "59,6 % af alle medlemmer", SEED_NBR),
    ("annual_cycle_file", lambda: list(raw("annual_cycle_file").query("series == 'pulje'")["start_month"]),
     [3, 6, 9, 12], "4 årlige frister (mar-jun-sep-dec)", SEED_INTRO),
    ("periods_file", lambda: _value("periods_file", "block", "benchmark", "period"),
     "2. halvår 2020 - 1. halvår 2021", "benchmark 2. halvår 2020 - 1. halvår 2021", SEED_INTRO),
    ("tasks_file", lambda: list(raw("tasks_file")["task"])[7:9],
     ["personlig assistance", "løntilskudsordning"], "- personlig assistance - løntilskudsordning", SEED_INTRO),
    ("political_room_file", lambda: raw("political_room_file")["room"].iloc[0],
     "Udvalget kan bestemme, at jobcentret skal tale oftere med borgerne.",
     "udvalget kan bestemme, at jobcentret skal tale oftere med borgerne.", SEED_INTRO),
    ("meeting_rules_file", lambda: _value("meeting_rules_file", "rule_id", "beslutningsdygtig", "value"),
     3, "Mindst halvdelen af udvalgsmedlemmerne, dvs. 3, skal være tilstede", SEED_INTRO),
    ("asks_file", lambda: raw("asks_file")["recommendation"].iloc[0],
     "Formanden indstiller, at nøgletallene drøftes.", "Formanden indstiller, at nøgletallene drøftes.", SEED_NBR),
]


def test_every_data_file_has_a_printed_figure_cross_checked():
    assert sorted(p[0] for p in PRINTED) == sorted(DEFAULT_FILES)


@pytest.mark.parametrize("key, value, literal, _text, _seed", PRINTED, ids=[p[0] for p in PRINTED])
def test_transcribed_figure_equals_the_printed_literal(key, value, literal, _text, _seed):
    assert value() == literal


@pytest.mark.parametrize("key, _value, _literal, text, seed", PRINTED, ids=[p[0] for p in PRINTED])
def test_printed_literal_is_in_the_source(key, _value, _literal, text, seed, sources):
    assert text in sources.text(seed)


def test_every_input_has_a_provenance_row():
    from analysis.core.provenance import registry

    listed = set(registry()["path"])
    assert {f for f in DEFAULT_FILES.values()} <= listed
