"""The three voices and the claims register (analysis.core.voice, report.show.voiced)."""
import pytest

from analysis.core import voice
from analysis.core.errors import InputError
from report import show
from report.errors import RecordingError

HEADER = "id,document,section,quote,conditions,note\n"


def _register(tmp_path, rows: str):
    p = tmp_path / "claims.csv"
    p.write_text(HEADER + rows, encoding="utf-8")
    return voice.read_claims(p)


def test_a_sentence_keeping_the_condition_is_the_sources(tmp_path):
    reg = _register(tmp_path, 'netto,Notat,Tabel 1,"ved uforstyrret drift … 10,529",ved uforstyrret drift,\n')
    s = reg.said("netto", "Ifølge notatet 10,529 mio. kr. ved uforstyrret drift i resten af perioden.")
    assert (s.voice, s.claim) == (voice.SOURCE, "netto") and s.startswith("Ifølge notatet")


def test_a_dropped_condition_is_refused_naming_claim_and_condition(tmp_path):
    reg = _register(tmp_path, 'netto,Notat,Tabel 1,quote,ved uforstyrret drift|i resten af perioden,\n')
    with pytest.raises(InputError) as err:
        reg.said("netto", "Ifølge notatet en nettobesparelse på 10,529 mio. kr.")
    assert [f.value for f in err.value.failures] == ["ved uforstyrret drift", "i resten af perioden"]
    assert "netto" in str(err.value)


def test_conditions_are_found_in_escaped_markdown(tmp_path):
    reg = _register(tmp_path, 'a,Doc,1,quote,ved én plads pr. 10.,\n')
    assert reg.missing_conditions("a", "ved én plads pr\\. 10\\. medarbejder") == []


def test_an_unknown_claim_is_refused(tmp_path):
    reg = _register(tmp_path, "a,Doc,1,quote,,\n")
    with pytest.raises(InputError):
        reg.said("b", "text")


def test_register_rows_are_checked_all_at_once(tmp_path):
    with pytest.raises(InputError) as err:
        _register(tmp_path, "a,Doc,1,quote,,\na,,1,quote,,\nB x,Doc,1,,,\nshort,row\n")
    rules = {(f.row, f.column, f.rule) for f in err.value.failures}
    assert (3, "id", "duplicate id") in rules and (3, "document", "must not be empty") in rules
    assert (4, "id", "lower case letters, digits, - and _") in rules and (4, "quote", "must not be empty") in rules
    assert any(r == 5 and "fields" in rule for r, _, rule in rules)


def test_a_source_sentence_needs_a_claim():
    with pytest.raises(ValueError):
        voice.Voiced("Ifølge kilden …", voice.SOURCE)
    with pytest.raises(ValueError):
        voice.Voiced("x", "rumour")


def test_audit_names_unvoiced_unknown_and_conditionless_items(tmp_path):
    reg = _register(tmp_path, "a,Doc,1,quote,hvis x,\n")
    items = ["plain", voice.calculated("calc"), voice.Voiced("hvis x", voice.SOURCE, "a"),
             voice.Voiced("no condition", voice.SOURCE, "a"), voice.Voiced("hvis x", voice.SOURCE, "zz")]
    problems = voice.audit(items, reg)
    assert len(problems) == 3
    assert problems[0].startswith("no voice") and "condition 'hvis x'" in problems[1] and "'zz'" in problems[2]


def test_voiced_markdown_shows_the_label_class_and_claim():
    md = show.voiced(voice.Voiced("Ifølge kilden …", voice.SOURCE, "kvote-n10"))
    assert md == '[**Kilden:**]{.voice-tag .voice-source data-claim="kvote-n10"} Ifølge kilden …'
    assert show.voiced(voice.reading("Læsning.")).startswith("[**Bogens vurdering:**]{.voice-tag .voice-reading}")
    assert show.voiced(voice.calculated("x")).startswith("[**Bogens beregning:**]{.voice-tag .voice-calculation}")
    assert show.voiced("plain") == "plain"


def test_voiced_refuses_a_claim_id_that_could_be_markup():
    with pytest.raises(RecordingError):
        show.voiced(voice.Voiced("x", voice.SOURCE, 'a" onclick="x'))


def test_audit_markdown_reads_the_rendered_labels(tmp_path):
    reg = _register(tmp_path, "netto,Notat,Tabel 1,quote,ved uforstyrret drift,\n")
    ok = show.voiced(reg.said("netto", "Ifølge notatet 10,529 mio. kr. ved uforstyrret drift."))
    dropped = show.voiced(voice.Voiced("Ifølge notatet 10,529 mio. kr.", voice.SOURCE, "netto"))
    unknown = show.voiced(voice.Voiced("Ifølge notatet …", voice.SOURCE, "andet"))
    box = f"::: {{.key-messages}}\n**Hovedbudskaber**\n\n- {ok}\n- uden stemme\n:::\n"
    assert voice.audit_markdown(box + f"\n{ok}\n", reg) == ["key message without a voice: '- uden stemme'"]
    problems = voice.audit_markdown(f"- {dropped}\n{unknown}\n", reg)
    assert "condition 'ved uforstyrret drift' missing" in problems[0] and "'andet' not in" in problems[1]


def test_the_sources_proposal_keeps_one_label():
    rec = voice.Voiced("En smidig model …", voice.SOURCE, "opfoelgning")
    assert show.voiced(rec, "Kildens forslag").startswith('[**Kildens forslag:**]{.voice-tag .voice-source')


def test_a_missing_register_refuses_source_sentences_naming_the_file(tmp_path):
    (tmp_path / "committee.csv").write_text("order,point\n1,x\n", encoding="utf-8")
    reg = voice.claims_beside(tmp_path / "committee.csv")
    assert len(reg) == 0
    with pytest.raises(InputError) as err:
        reg.said("udvalget-1", "x")
    assert "claims.csv" in str(err.value)
