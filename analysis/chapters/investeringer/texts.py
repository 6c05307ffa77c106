"""The Danish texts of the investeringer chapter, computed from the data: the period line,
the notat's own reasons and judgement, the box for the committee, and the running text.

The notat's forecasts are told as what the administration expected at the follow-up date,
never in the present tense; the notat's statements are labelled as the notat's.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ...core import committee as items
from ...core import fmt
from ...core.check import Check
from ...core.dates import Period
from ...core.tables import escape_markdown
from ...core.voice import said_or_reading
from .model import (
    Derived,
    case_year,
    changed_cases,
    cumulative,
    net_label_is_sum,
    net_saving,
    planned_investment,
    returned_funds,
)
from .reconcile import headline, planned_investment_gap
from .views import dash, date_da, has_provenance, join_da

ACTIVITY_LABELS = {
    "planned_participants": "planlagt antal deltagere",
    "expected_participants": "forventet antal deltagere",
    "participants": "antal deltagere",
    "business_leaders_kickoff": "erhvervsledere ved kick-off",
    "small_jobs_created": "småjob skabt",
}
NOTAT = "Notatet af 26. november 2021"
ABBREVIATIONS = {"IGU": "integrationsgrunduddannelse"}


def spell_out(text: str) -> str:
    """The first use of each abbreviation in `text` spelt out ('(IGU)' → '(IGU = integrationsgrunduddannelse)',
    'IGU-forløb' → 'IGU-forløb (integrationsgrunduddannelse)')."""
    for short, long in ABBREVIATIONS.items():
        if f"({short})" in text:
            text = text.replace(f"({short})", f"({short} = {long})", 1)
        elif re.search(rf"\b{short}\b", text):
            text = re.sub(rf"\b({short}\S*)", rf"\1 ({long})", text, count=1)
    return text


def sentence(text: str) -> str:
    """`text` ended with one full stop (an abbreviation such as 'kr.' ends it already)."""
    return text if text.endswith(".") else text + "."


def years_da(years) -> str:
    """'2020', '2021–2023' for consecutive years, else '2020, 2022 og 2023'."""
    ys = sorted(int(y) for y in years)
    if len(ys) > 1 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return join_da([str(y) for y in ys])


def date_range(start: str, end: str) -> str:
    """'11. marts–26. maj 2020' within a year, '9. december 2020–15. april 2021' across years."""
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    first = fmt.date(a) if a.year != b.year else fmt.date(a).rsplit(" ", 1)[0]
    return f"{first}–{fmt.date(b)}"


# ---------------------------------------------------------------- the chapter's opening
def period_text(d: Derived) -> Period:
    """The date the figures refer to (result years and forecast years); the build flags them
    when more than a year older than the edition."""
    kinds = d.t1.groupby("kind")["year"].apply(list)
    parts = []
    if "result" in kinds:
        parts.append(f"resultat for {years_da(kinds['result'])}")
    if "forecast" in kinds:
        parts.append(f"forvaltningens forventninger til {years_da(kinds['forecast'])}, som de så ud på det tidspunkt")
    origin = (NOTAT.lower() if d.inputs.amounts_are_published
              else f"forvaltningens opfølgning pr. {date_da(d)} (budgettallene fra notatet af 26. november 2021)")
    text = f"Tallene er fra {origin}: {join_da(parts)}."
    return Period(text, as_of=str(d.inputs.follow_up_date))


def reasons_points(d: Derived) -> list[str]:
    """The notat's reasons why the investments could not be carried out as planned, one
    sentence each, from the reasons file."""
    r = d.inputs.reasons
    out = []
    for _, row in r[r["kind"] == "late_start"].iterrows():
        out.append(f"Driften begyndte ikke som planlagt {fmt.date(row['start'])}, fordi valget af leverandør "
                   "(reglerne om anden aktør) blev drøftet i udvalget i begyndelsen af året.")
    susp = r[r["kind"] == "suspension"]
    if len(susp):
        out.append("Indsatsen var delvis suspenderet " + join_da(
            [date_range(s, e) for s, e in zip(susp["start"], susp["end"])]) + ".")
    for _, row in r[r["kind"] == "no_activation"].iterrows():
        out.append(f"Frem til notatets dato ({fmt.date(row['end'])}) var det forbudt at aktivere ledige i "
                   "risikogrupperne for COVID-19 i forløb med smitterisiko, så der af forsigtighed ikke kunne "
                   "oprettes virksomhedsrettede forløb, hvor de kom i kontakt med mange mennesker.")
    for _, row in r[r["kind"] == "assumption"].iterrows():
        out.append(f"Besparelserne var beregnet ud fra {fmt.integer(row['months'])} måneders uforstyrret drift "
                   f"(oplyst for udvalget {fmt.date(row['start'])}).")
    return out


def judgement_text(d: Derived) -> str:
    """The administration's judgement on the budget of a year, as the notat's."""
    parts = []
    for _, j in d.inputs.judgement.iterrows():
        verdict = "ikke ville blive påvirket" if j["outcome"] == "kept" else "ville blive påvirket"
        parts.append(f"Forvaltningen vurderede ud fra budgetopfølgningen pr. {fmt.date(j['basis_date'])}, at "
                     f"budgetoverholdelsen på forsørgelsesudgifterne i {int(j['year'])} {verdict} af, at "
                     f"investeringerne kun leverede en del af den budgetterede besparelse i {int(j['year'])}.")
    return " ".join(parts)


def reasons_text(d: Derived) -> str:
    """The notat's explanation of the shortfall and the administration's judgement, as Markdown."""
    susp = d.inputs.reasons[d.inputs.reasons["kind"] == "suspension"]
    years = sorted({int(str(x)[:4]) for x in pd.concat([susp["start"], susp["end"]])})
    bullets = "\n".join(f"- {escape_markdown(p)}" for p in reasons_points(d))
    tail = (f"Derfor kunne investeringerne ifølge notatet ikke udfoldes fuldt ud i flere måneder i "
            f"{join_da([str(y) for y in years])}. " if years else "")
    return (f"{NOTAT} forklarer, hvorfor investeringerne ikke gav den besparelse, der var budgetteret:\n\n"
            f"{bullets}\n\n{tail}{escape_markdown(judgement_text(d))}")


def committee_points(d: Derived) -> list[items.CommitteeItem]:
    """What the notat asks of the committee (from the committee file), escaped for Markdown: a
    decision taken (with its date), an ask, or else for information. A point with a claim
    `udvalget-<order>` in the claims register is the notat's (its conditions kept); any other
    point is the book's own reading of the notat, labelled as the book's."""
    c, claims = d.inputs.committee.sort_values("order"), d.inputs.claims
    out = []
    for _, r in c.iterrows():
        text, claim = escape_markdown(r["text"]), f"udvalget-{int(r['order'])}"
        text = said_or_reading(claims, claim, text)
        if r["kind"] == "decision_taken":
            out.append(items.decided(text, r["date"], section=r["section"]))
        elif r["kind"] == "ask":
            out.append(items.ask(text, section=r["section"]))
        else:
            out.append(items.orientation(text, section=r["section"]))
    return out


# ---------------------------------------------------------------- running text
def intro_text(d: Derived) -> list[str]:
    """Section »Investeringerne og opfølgningen«: what the budget agreement meant the
    investments to do and what the notat follows up, in the notat's voice (its introduction
    and title); plain text where the edition has no claims register."""
    h = d.inputs.headlines
    years = years_da(h[h["item"] == "planned_savings_year"]["year"])
    aim = (f"Ifølge notatet blev det i budgetaftalen for {years} aftalt at investere i arbejdsmarkedsområdets "
           "indsats for dermed at bringe flere i job og selvforsørgelse og spare tilsvarende på ydelserne; "
           "besparelsen blev lagt ind i budgettet.")
    what = ("Notatet er en »Kvartalsvis opfølgning på investeringer for budget 2020-2023«: for hver investering "
            "det budgetterede, resultatet for de afsluttede år og forvaltningens forventning til de følgende år.")
    claims = d.inputs.claims
    if claims is None:
        return [aim, what]
    return [claims.said("budgetaftale", aim), claims.said("kvartalsvis", what)]


def status_text(d: Derived) -> str:
    """How the figures are stated (date, unit, sign, result vs forecast) and what is shown."""
    inputs = d.inputs
    text = (f"Beløb er i mio. kr. i løbende priser, og minus betyder en indtægt eller et mindreforbrug, dvs. en "
            "besparelse. Et år er et *resultat*, når året var afsluttet ved opfølgningen "
            f"{date_da(d)}; ellers er tallet forvaltningens *forventning* på det tidspunkt.")
    if len(d.shown) < len(inputs.cases):
        text += (" Oversigten og hovedbudskaberne omfatter alle investeringer; enkeltvis vises investering "
                 f"{join_da([str(c) for c in d.shown])}.")
    if not inputs.amounts_are_published:
        changed = changed_cases(inputs.amounts, inputs.published_amounts)
        text += (" Resultater og forventninger kommer fra forvaltningens opfølgningsfil; i forhold til notatet af "
                 f"26. november 2021 er tallene ændret for investering {join_da([str(c) for c in changed])}.")
        if not has_provenance(inputs.files["amounts_file"]):
            text += " Filen er ikke registreret med kildeangivelse i bogens datagrundlag."
    return text


def totals_text(d: Derived) -> str:
    """The notat's own figures on the totals first, then the book's check beside them."""
    h, t1 = d.inputs.headlines, d.t1
    g = planned_investment_gap(d.inputs)
    label_note = (" I notatets Tabel 1 er summen mærket (B-A), men tallene er A+B, fordi besparelser står med minus."
                  if net_label_is_sum(d.inputs.tabel1) else "")
    notat = (f"**Notatets egne tal:** Ved uforstyrret drift i resten af perioden forventede forvaltningen en samlet "
             f"nettobesparelse på {fmt.amount(headline(h, 'net_saving_period'), decimals=3)} Uden investeringen "
             "havde kommunens udgifter til arbejdsløshedsdagpenge, kontanthjælp mv. ifølge notatet været ca. "
             f"{fmt.amount(headline(h, 'savings_year_rounded', year=2021), decimals=1)} højere i 2021.")
    book = (f"**Bogens efterregning:** Ved opfølgningen {date_da(d)} var forventningen, at investeringerne over "
            f"{dash(d.period)} ville koste {fmt.amount(t1['investment'].sum(), decimals=3)} og spare "
            f"{fmt.amount(-t1['savings'].sum(), decimals=3)} på forsørgelsen, en nettobesparelse på "
            f"{fmt.amount(net_saving(t1), decimals=3)}{label_note} Budgetaftalens samlede investering på "
            f"{fmt.amount(g['planned'], decimals=3)} kan ikke genfindes: budgettallene i casetabellerne giver "
            f"{fmt.amount(planned_investment(d.cy), decimals=3)} (se Bilag C: Afstemning).")
    return f"{notat}\n\n{book}"


def activity_sentence(activity: pd.DataFrame, case: int) -> str:
    """The case's activity figures in one Danish clause, e.g. 'planlagt antal deltagere: 40
    fuldtidspersoner (2021)'."""
    parts = []
    for _, r in activity[activity["case"] == case].iterrows():
        yr = "" if pd.isna(r["year"]) else f" ({int(r['year'])})"
        parts.append(f"{ACTIVITY_LABELS.get(r['measure'], r['measure'])}: "
                     f"{fmt.integer(r['value'])} {r['unit']}{yr}")
    return "; ".join(parts)


def case_text(d: Derived, case: int) -> str:
    """The heading and the paragraph of one case: target group, net effect, status, activity."""
    c = d.inputs.cases.set_index("case").loc[case]
    k = d.cum.set_index("case").loc[case]
    text = (f"Målgruppe: {c['target_group']}. Samlet nettoeffekt {dash(d.period)} i mio. kr.: budget "
            f"{fmt.number(k['net_budget'], 3)}, resultat/forventet pr. {date_da(d)} {fmt.number(k['net_actual'], 3)}.")
    if c["status"] == "ended":
        ret = returned_funds(d.cy, d.inputs.cases).set_index("case")["returned"].get(case, 0.0)
        text += (f" Investeringen blev afsluttet ved beslutning {fmt.date(c['decision_date'])}; "
                 f"{fmt.amount(ret, decimals=3)} af budgettet blev ført tilbage til kassen.")
    act = activity_sentence(d.inputs.activity, case)
    if act:
        text += f" {NOTAT} oplyser: {act}."
    out = f"### {case}. {escape_markdown(c['short_name'])}\n\n{escape_markdown(spell_out(text))}"
    notes = d.inputs.case_notes[d.inputs.case_notes["case"] == case].sort_values("order")
    if len(notes):
        out += "\n\n**Notatets forklaring:** " + escape_markdown(" ".join(sentence(t) for t in notes["text"]))
    return out


def changes_text(d: Derived) -> str:
    """The heading and sentence of the changes since the notat (a later follow-up only)."""
    inputs = d.inputs
    cum_pub = cumulative(case_year(inputs.published_amounts), d.years).set_index("case")["net_actual"]
    delta = d.cum.set_index("case")["net_actual"] - cum_pub
    parts = [f"investering {c}: {fmt.amount(delta[c], decimals=3, sign=True)}"
             for c in changed_cases(inputs.amounts, inputs.published_amounts)]
    return ("## Ændringer siden notatet af 26. november 2021\n\n"
            f"Ændringen i samlet nettoeffekt {dash(d.period)} i forhold til notatet: {join_da(parts)} "
            "(minus er en større besparelse).")


def survival_text(d: Derived) -> str:
    """What a survival curve is, why the notat compares with the baseline, and the notat's
    reading of the latest curve."""
    base = dash(d.labels[d.baseline].lower())
    text = ("Notatet måler investeringernes effekt mod, hvor hurtigt ledige forlader A-dagpenge "
            "(arbejdsløshedsdagpenge). En overlevelseskurve viser, hvor stor en andel af dem, der blev ledige, "
            "der stadig får A-dagpenge et antal uger efter. Jo lavere kurven er, jo hurtigere kommer de ledige "
            f"videre. Notatet sammenligner med {base}, så effekten ikke skal konkurrere med sig selv eller med "
            "en højkonjunktur. Kurverne for de seneste perioder er ikke fulde, fordi ikke alle uger var gået.")
    latest = d.summary[d.summary["series"] != d.baseline].iloc[-1]
    others = d.summary[d.summary["series"] != latest["series"]]
    lower = bool((others["share_week_13"] > latest["share_week_13"]).all())
    note = d.inputs.reasons[d.inputs.reasons["kind"] == "suspension_in_year"]
    if lower and len(note):
        r = note.iloc[0]
        text += (f" {NOTAT} bemærker, at kun {fmt.percent(latest['share_week_13'])} af de ledige fra "
                 f"{d.labels[latest['series']].lower()} stadig fik A-dagpenge efter 13 uger – lavere end i "
                 f"{join_da([dash(d.labels[s].lower()) for s in others['series']])} – og at det skal ses i lyset "
                 f"af, at indsatsen var delvis suspenderet {date_range(r['start'], r['end'])}.")
    return text


def reconciliation_text(checks: list[Check]) -> str:
    """How many of the notat's printed figures the book recomputed and how many agree; figures
    printed twice count apart, never as verification."""
    rec = [c for c in checks if c.basis == "recomputed"]
    same = [c for c in checks if c.basis == "cross_reference"]
    n = {s: sum(c.status == s for c in rec) for s in ("match", "within_rounding", "differs", "not_reproducible")}
    text = (f"Bogen har regnet {fmt.integer(len(rec))} af notatets trykte tal efter ud fra notatets egne "
            f"casetabeller: {fmt.integer(n['match'])} stemmer")
    if n["within_rounding"]:
        text += f", {fmt.integer(n['within_rounding'])} stemmer inden for afrunding"
    text += (f", {fmt.integer(n['differs'])} afviger, og {fmt.integer(n['not_reproducible'])} kan ikke regnes "
             "efter, fordi notatet ikke har tallene bag.")
    if same:
        text += (f" Yderligere {fmt.integer(len(same))} tal i teksten er blot gentaget fra en tabel; de er "
                 "sammenholdt, men tæller ikke som efterregning.")
    return text + " Tallene er vist, som notatet trykker dem, ikke rettet."


def findings_text(findings: list) -> str:
    """The chapter's findings as Markdown: title, plain explanation, rows covered."""
    if not findings:
        return "Alle efterregnede tal stemmer med notatet."
    parts = []
    for f in findings:
        rows = "ét tal" if f.rows == 1 else f"{fmt.integer(f.rows)} tal"
        parts.append(f"**{escape_markdown(f.title)}** ({rows})\n\n{escape_markdown(f.explanation)}")
    return "\n\n".join(parts)
