"""The chapters' headlines, key messages and captions say what the sources say – no more, no
less: the source's hedges (»kan være«, »mulige«, »vurderer«), its caveats and its own conclusion
beside its figures, the source's date on a figure from that source. Each sentence is built from
the data, so the tests change the data and check that the sentence stays true."""
from __future__ import annotations

import dataclasses

from analysis.core.voice import plain


# ------------------------------------------------------------------------------------ rammer
def _rammer():
    from analysis.chapters.rammer import inputs as chapter

    return chapter.load_inputs({})


def test_rammer_benchmark_message_keeps_the_sources_conclusion():
    """»Placeringen på benchmark-listen betyder, at Norddjurs Kommune brugte 4,9 mio. kr. mindre på
    offentlig forsørgelse end forventet« (introduktionen) stands beside the counts."""
    from analysis.chapters.rammer import model, results

    inputs = _rammer()
    saving = model.figure_row(inputs.intro_figures, "benchmark_mindreforbrug")
    msg = plain(results.key_messages(inputs, ["benchmark"])[0])
    assert f"brugte {str(saving['value']).replace('.', ',')} mio. kr. mindre på offentlig forsørgelse" in msg
    assert "kun gruppen Kontanthjælp mv. lå over" in msg


def test_rammer_benchmark_message_says_all_groups_when_every_group_is_above():
    from analysis.chapters.rammer import results

    inputs = _rammer()
    b = inputs.benchmark.copy()
    b["actual"] = b["expected"] + 10
    b.loc[b["group_id"] == "i_alt", "actual"] = b.loc[b["group_id"] == "i_alt", "expected"] + 30
    msg = plain(results.key_messages(dataclasses.replace(inputs, benchmark=b), ["benchmark"])[0])
    assert "30 flere fuldtidspersoner" in msg
    assert "alle ydelsesgrupper lå over det forventede" in msg and "kun" not in msg


def test_rammer_annual_cycle_captions_carry_the_year_of_the_cycle():
    from analysis.chapters.rammer import views

    inputs = _rammer()
    year = inputs.periods.set_index("block").loc["aarshjul", "period"]
    assert f"årshjul {year} med bogens udgaver" in views.caption(inputs, "aarshjul_figure")
    assert f"årshjulet {year} i de måneder" in views.caption(inputs, "aarshjul_table")


# ------------------------------------------------------------------------------------ kvoter
def _kvoter():
    from analysis.chapters.kvoter import load_inputs, model
    from tests.chapters.kvoter.kvoter_common import PARAMS

    inputs = load_inputs(PARAMS)
    return inputs, model.compute(inputs, [15, 10], 5, 30, 10, True)


def test_kvoter_key_messages_keep_the_caveats_of_the_source():
    """»Det reelle tal vurderes dermed til at være højere, men ikke væsentligt højere« (2.0); »skal
    der oprettes yderligere mindst 72 pladser« and »Tallet vil blive større« (2.1)."""
    from analysis.chapters.kvoter import results

    inputs, c = _kvoter()
    msgs = [plain(m) for m in results.key_messages(inputs, c)]
    assert "men ikke væsentligt højere" in msgs[0]
    assert f"mindst {c.source.gap(10)} flere" in msgs[1]
    assert "som kommunen samlet set lever op til, men tallet vil blive større" in msgs[1]
    assert "stigningen vil med stor sandsynlighed blive større" in msgs[1]


def test_kvoter_with_the_editions_roster_keeps_the_sources_caveats():
    """The roster's figures lead; the source's quota keeps its caveat beside it."""
    import dataclasses as dc

    from analysis.chapters.kvoter import results

    inputs, c = _kvoter()
    msgs = [plain(m) for m in results.key_messages(inputs, dc.replace(c, synthetic=False, roster_as_of="2025-06-30"))]
    assert msgs[0].startswith("Ifølge kvartalets udtræk af enhedslisten pr. 30. juni 2025")
    assert "men tallet vil blive større" in msgs[2] and "ikke væsentligt højere" in msgs[1]


def test_kvoter_without_the_threshold_of_ten_says_nothing_of_its_increase():
    from analysis.chapters.kvoter import model, results

    inputs, _ = _kvoter()
    c = model.compute(inputs, [15], 5, 30, 10, True)
    text = " ".join(plain(m) for m in results.key_messages(inputs, c))
    assert "pr. 10" not in text and "stigning" not in text and "men tallet vil blive større" in text


def test_kvoter_committee_orientation_says_what_the_municipal_council_said():
    """»analysen allerede skal finde anvendelse til fastsættelse af kvoter i 2025« – the analysis is
    to be used for setting quotas, not a quota to be applied."""
    from analysis.chapters.kvoter import texts

    inputs, c = _kvoter()
    items = texts.committee_points(inputs)
    said = " ".join(plain(i.text) + " " + " ".join(plain(o) for o in i.options)
                    + plain(i.recommendation or "") for i in items)
    assert "analysen ifølge Kommunalbestyrelsen allerede skal bruges til at fastsætte kvoter i 2025" in said
    assert "kvoten ifølge Kommunalbestyrelsen skal bruges" not in said
    assert "aftaleholderen rapporterer til aftalegiver" in said
    background = plain(" ".join(texts.background_text(inputs, c)))
    assert "har slået fast, at analysen allerede skal bruges til at fastsætte kvoter i 2025" in background


# ------------------------------------------------------------------------------ investeringer
def test_investeringer_reasons_keep_what_the_ban_was_about():
    """»der ud fra et forsigtighedsprincip ikke kunne oprettes virksomhedsrettede forløb, som kunne
    bringe den ledige i kontakt med mange mennesker« – not all activation."""
    from analysis.chapters.investeringer import load_inputs, model, results

    d = model.derive(load_inputs({}))
    msg = plain(results.reasons_message(d))
    assert "kontakt med mange mennesker" in msg and "af forsigtighed" in msg
    assert "(valget af leverandør blev drøftet)" in msg
    quiet = dataclasses.replace(d.inputs, reasons=d.inputs.reasons[d.inputs.reasons["kind"] != "no_activation"])
    assert "COVID-19" not in plain(results.reasons_message(dataclasses.replace(d, inputs=quiet)))


def test_investeringer_survival_caption_is_in_the_past_with_the_sources_definition():
    from analysis.chapters.investeringer import load_inputs, model, views

    caption = views.survival_figure(model.derive(load_inputs({})))["caption"]
    assert "stadig fik ydelsen" in caption and "med tilbagefald til samme ydelse" in caption


# --------------------------------------------------------------------------------- benchmark
def _benchmark():
    from analysis.chapters.benchmark import load_inputs, model
    from tests.chapters.benchmark.conftest import PARAMS

    inputs = load_inputs(PARAMS)
    return inputs, model


def test_benchmark_conclusion_keeps_bdos_hedges():
    """BDO: »Mulige effektiviseringspotentialer«, »Der kan være potentiale for optimering /
    investering« – never a potential stated as certain."""
    from analysis.chapters.benchmark import results

    inputs, model = _benchmark()
    text = results.source_conclusion(model.source_groups(inputs))
    assert "høj omkostningseffektivitet (gruppe 4)" in text
    for q, word in ((3, "effektiviseringspotentiale"), (2, "optimeringspotentiale"), (1, "investeringspotentiale")):
        assert f"muligt {word} (gruppe {q})" in text


def test_benchmark_summary_is_dated_and_its_verdict_follows_the_figures():
    """»De samlede enhedsomkostninger … ligger lidt under gennemsnittet« only while the printed
    unit cost is below the others'; the report's year names when BDO said it."""
    from analysis.chapters.benchmark import results

    inputs, _ = _benchmark()
    year = inputs.period.set_index("key").loc["report_year", "value"]
    text = plain(results.source_summary(inputs))
    assert text.startswith(f"Ifølge BDO's benchmark fra {year} brugte Norddjurs")
    assert text.endswith("i de øvrige kommuner – lidt under gennemsnittet.")
    t = inputs.text.copy()
    focus = (t["kind"] == "focus_unit_cost") & (t["group"] == "samlet")
    t.loc[focus, "value"] = 30000.0
    assert "lidt under" not in results.source_summary(dataclasses.replace(inputs, text=t))


def test_benchmark_committee_items_keep_bdos_hedges():
    from analysis.chapters.benchmark import texts

    inputs, _ = _benchmark()
    said = " ".join(plain(i.text) for i in texts.committee_points(inputs))
    assert "»Mulige effektiviseringspotentialer«" in said
    assert "(BDO: effektiviseringspotentiale)" not in said and "(BDO: investeringspotentiale)" not in said


def test_rammer_akasse_text_says_the_coverage_from_the_figures():
    """»59,6 % af alle medlemmer« against 9 of 22 a-kasser: more of the members than of the
    a-kasser – and the other way round when the figures say so."""
    from analysis.chapters.rammer import views

    inputs = _rammer()
    text = plain(views.akasse_text(inputs))
    assert "fik a-kasserne med den forenklede beskæftigelsesindsats ansvaret for kontaktforløbet" in text
    assert "større del af medlemmerne end af a-kasserne" in text
    cov = inputs.akasse_coverage.copy()
    members = cov["measure_id"].str.contains("medlem")
    assert members.sum() == 1
    cov.loc[members, "value"] = 10.0
    assert "mindre del af medlemmerne" in plain(views.akasse_text(dataclasses.replace(inputs, akasse_coverage=cov)))


def test_rammer_budget_caption_keeps_the_sources_caveat():
    """»Her indsættes nyt budget, når det er lavet for de to nye udvalg« – a preliminary split."""
    from analysis.chapters.rammer import views

    assert "(foreløbig fordeling)" in views.caption(_rammer(), "oekonomi")


def test_kvoter_unit_sentences_say_none_one_and_many():
    from analysis.chapters.kvoter import texts

    _, c = _kvoter()
    many = plain(texts.top_text(c))
    assert f"mangler {c.units_short} enheder pladser" in many and f"de {len(c.top)} enheder med" in many
    one = plain(texts.top_text(dataclasses.replace(c, units_short=1, top=c.top.iloc[:1])))
    assert "mangler 1 enhed pladser" in one and "Tabellen viser enheden med den største mangel" in one
    none = plain(texts.top_text(dataclasses.replace(c, units_short=0, top=c.top.iloc[:0])))
    assert "mangler ingen enheder pladser" in none and "Tabellen" not in none
    flat = plain(texts.sweep_text(dataclasses.replace(c, sweep=c.sweep.assign(model_difference=0))))
    assert "lige mange nye pladser ved alle grænserne" in flat and "størst" not in flat
