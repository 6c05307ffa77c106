"""The Danish narrative of the Kvoter chapter, computed from the data.

The source's own reasons, caveats and conclusions are told as the source's ("Kilden ...")
next to its figures; the book's illustrations with the synthetic unit roster follow them,
labelled as such. Text from input files goes through `escape_markdown`.
"""
from __future__ import annotations

from report.protocol import CROSS_REFERENCE, RECOMPUTED, SYNTHETIC

from ...core import committee as items
from ...core import fmt
from ...core.check import Check
from ...core.dates import Period
from ...core.tables import escape_markdown
from ...core.voice import Voiced, reading, said_or_reading
from . import model
from .inputs import Inputs
from .results import period_of

SYNTHETIC_NOTICE = (
    "Kilden oplyser antal ansatte og kvoter pr. direktørområde og antal pladser i alt og pr. "
    "type, men ikke hvor pladserne er. Tallene pr. enhed og pladserne pr. direktørområde i dette "
    "kapitel bygger derfor på en **syntetisk enhedsliste**: en opdigtet liste over enheder, "
    "lavet så den rammer kildens tal for ansatte, kvoter og pladser i alt. Fordelingen af "
    "pladserne på enheder og direktørområder er opfundet og kun til illustration af, hvordan "
    "de to fordelingsmodeller virker, indtil et udtræk med kommunens faktiske enheder "
    "(kontraktholdere) lægges ind. Hovedbudskaberne bygger kun på kildens egne tal.")


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def period_text(inputs: Inputs, lead: str = "") -> Period:
    """The line under the title (after `lead`, the roster's date): when the placements and the
    employees were counted (the build adds, when over a year older than the edition, that they are old)."""
    rows = inputs.periods.sort_values("date")
    parts = {"placements": "pladserne er opgjort {p}", "employees": "de ansatte er et gennemsnit for {p}"}
    said = [parts[f].format(p=escape_markdown(p)) for f, p in zip(rows["figures"], rows["printed"])]
    text = _cap(" og ".join(reversed(said))) + "."
    return Period(lead + text, as_of=str(rows["date"].max()))


def committee_points(inputs: Inputs) -> list[items.CommitteeItem]:
    """What the source asks of the committee, in order (from the transcribed ask): each ask with
    the options and the source's own proposal that follow it, what is for information, and
    decisions taken with their date. A point with a claim `udvalget-<order>` in the claims
    register is the source's (its conditions kept); any other point is the book's own breakdown
    of the choices, labelled as the book's."""
    out: list[items.CommitteeItem] = []
    for _, r in inputs.committee.iterrows():
        text, claim = escape_markdown(r["point"]), f"udvalget-{int(r['order'])}"
        text = said_or_reading(inputs.claims, claim, text)
        last = out[-1] if out and out[-1].kind == items.ASK else None
        if r["kind"] == "option" and last:
            out[-1] = items.ask(last.text, [*last.options, text], last.recommendation, last.section)
        elif r["kind"] == "recommendation" and last:
            out[-1] = items.ask(last.text, last.options, text, last.section)
        elif r["kind"] == "decided":
            out.append(items.decided(text, r["date"], section=r["section"]))
        elif r["kind"] == "orientation":
            out.append(items.orientation(text, section=r["section"]))
        else:
            out.append(items.ask(text, section=r["section"]))
    return out


def models_text(inputs: Inputs) -> list[Voiced]:
    """Section "To måder at fordele kvoten": the source's advantages and risks of each model,
    its conditions kept (the per-area model's easier follow-up holds only if no unit quotas are
    set inside the area, and the source warns that follow-up can become heavy in both), then
    the book's own explanation of why the two models need different numbers of new places."""
    c = inputs.claims
    unit = c.said("model-enhed", (
        "**Pr. enhed (kontraktholder).** Ifølge budgetanalysen (afsnit 3.1) får hver enhed sin egen "
        "kvote ud fra antallet af ansatte ved årets start, og kvoten kan skrives ind i "
        "kontraktholderens dialogbaserede aftale; fordelen er, at det meget konkret fremgår, hvor "
        "mange pladser den enkelte enhed skal stille til rådighed. Kilden ser to risici: at enheder, "
        "der allerede har flere pladser end kvoten, skærer ned, og at opfølgningen bliver "
        "administrativt tung for virksomhedskonsulenter og ledere, hvis der skal laves opfølgning "
        "med mange forskellige kontraktholdere."))
    area = c.said("model-omraade", (
        "**Pr. direktørområde.** Ifølge budgetanalysen (afsnit 3.2) får hvert direktørområde én samlet "
        "kvote, og fordelen er større fleksibilitet: pladserne kan oprettes, hvor der er et reelt "
        "match, og ikke for at udfylde en kvote. Kilden ser en risiko for, at nogle enheder holder sig "
        "tilbage, og for, at ansvaret for at opfylde kvoten bliver svært at placere; så kan det blive "
        "administrativt tungt at følge op. Opfølgningen bliver kun lettere end i modellen pr. enhed, "
        "hvis der ikke blot fastsættes individuelle kvoter inden for direktørområdet – den risiko "
        "nævner kilden også."))
    book = reading(
        "Forskellen i antal nye pladser er, at modellen pr. enhed tæller hver enheds mangel for sig, "
        "mens modellen pr. direktørområde lader overskud og mangel udligne hinanden inden for området.")
    return [unit, area, book]


def economy_text(inputs: Inputs) -> list[Voiced]:
    """Section »Kildens vurdering af økonomien«: the administration's judgement that a quota
    can be handled within the existing budgets, with its reason, and the resources the source
    says it will take – each in the source's voice (budgetanalysen 1.0 and 2.2)."""
    c = inputs.claims
    return [c.said("oekonomi", (
        "Forvaltningen vurderer i budgetanalysen, at implementeringen og opfølgningen af en kvote kan "
        "håndteres inden for de eksisterende budgetter i enhederne (kontraktholderne), også i "
        "Arbejdsmarkedsafdelingen selv, fordi der allerede er et godt samarbejde mellem "
        "Arbejdsmarkedsafdelingen og enhederne om at oprette pladser på særlige vilkår.")),
        c.said("oekonomi-ressourcer", (
            "Budgetanalysen skriver også, at det vil kræve ressourcer: enheden skal fx vurdere, hvilke "
            "arbejdsopgaver og skånehensyn der er relevante, hvis der skal ansættes en fleksjobvisiteret, og "
            "Arbejdsmarkedsafdelingen skal hjælpe med at finde kandidater og evt. med at fastholde den "
            "fleksjobansatte i jobbet. Forvaltningen vurderer dog, at disse opgaver i bredt omfang allerede "
            "løses inden for de eksisterende budgetter, og at erfaringerne fra private virksomheder, der "
            "løfter et socialt ansvar, viser, at det kan gøres udgiftsneutralt."))]


def follow_up_text(inputs: Inputs) -> list[Voiced]:
    """Section »Opfølgning«: the source's proposal for following up the quota and its judgement
    of what that costs, in the source's voice (budgetanalysen 3.3)."""
    c = inputs.claims
    return [c.said("opfoelgning", (
        "Til opfølgningen peger budgetanalysen på »en smidig model«: kvoten skrives ind i "
        "aftaleholderens dialogbaserede aftale, aftaleholderen rapporterer til aftalegiver, og "
        "aftalegiver rapporterer samlet til Arbejdsmarkedsafdelingen hvert kvartal. Opfyldes kvoten "
        "ikke, betyder det dialog med Arbejdsmarkedsafdelingen og aftalegiver om, hvordan den "
        "overholdes fremover.")),
        c.said("opfoelgning-oekonomi", (
            "Det vil ifølge budgetanalysen kræve administrative ressourcer at udarbejde en model for "
            "opfølgningen og drive den. Forvaltningen vurderer, at opgaverne kan håndteres inden for de "
            "eksisterende budgetter, fordi Arbejdsmarkedsafdelingen allerede har adgang til størstedelen af "
            "de relevante data og platformen til en standardiseret opfølgning, og at opfølgningen kan ske "
            "via eksisterende kanaler, fx Koncernledelsen, HMU og LMU'er; derfor er en selvstændig model for "
            "opfølgningen ikke relevant."))]


def background_text(inputs: Inputs, c: model.Computed) -> list[str]:
    """Section "Baggrund": the heading, then the task and the source's view of the
    municipality's responsibility, each paragraph in the source's voice (its claim)."""
    published_n = " eller ".join(f"{n}." for n in sorted(c.source.required))
    said = inputs.claims.said
    return [
        "## Baggrund",
        said("opgave", "Kommunalbestyrelsen har bedt Arbejdsmarkedsudvalget udarbejde en budgetanalyse med mulige "
                       "scenarier for målet om at ansætte elever, lærlinge og personer på særlige vilkår med kommunen "
                       "som arbejdsgiver, og har slået fast, at analysen allerede skal bruges til at fastsætte kvoter "
                       "i 2025."),
        said("ansvar", "Ifølge budgetanalysen kan en kvote være med til at synliggøre det sociale ansvar, som "
                       "kommunen påtager sig som arbejdsgiver på lige fod med det private erhvervsliv, og analysen "
                       "viser, at kommunen som arbejdsgiver allerede påtager sig et vist ansvar."),
        said("eksempler", f"Budgetanalysen regner på en kvote på én plads pr. {published_n} medarbejder og "
                          "beskriver to måder at fordele den på: pr. enhed og pr. direktørområde."),
        said("tilfredshed", "Ifølge budgetanalysen vil en kvote understøtte, at flere ledige oplever en mening med "
                            "den aktivitet, de deltager i: i Kommunernes Landsforenings (KL) undersøgelse af "
                            "borgernes tilfredshed med jobcentrene svarede ca. 80 % af de adspurgte fra Norddjurs, "
                            "at de i en vis grad oplever, at aktiviteterne i deres forløb giver mening, mens ca. "
                            "20 % oplevede det modsatte."),
        said("match", "Uanset hvilken model der vælges, er det ifølge budgetanalysen vigtigt, at aktiviteten tager "
                      "udgangspunkt i den lediges ønsker og forudsætninger og arbejdsgiverens behov, så der sker et "
                      "godt match."),
    ]


def _printed_ratio(inputs: Inputs) -> str:
    rows = inputs.stated[inputs.stated["figure"] == "employees_per_place"]
    return f"; kilden skriver »pr. {fmt.integer(rows['value'].iloc[0])}. ansat«" if len(rows) else ""


def today_text(inputs: Inputs, c: model.Computed) -> str:
    """Section "Pladser <date>": the placements by type, as a total (the source gives no split)."""
    mix, src = c.mix, c.source
    biggest = mix.sort_values("placements", ascending=False).iloc[0]
    when = period_of(inputs.periods, "placements")
    staff = period_of(inputs.periods, "employees")
    return (
        f"## Pladser {when}\n\n{_cap(when)} var {fmt.integer(src.places)} borgere fra kommunen "
        "tilknyttet kommunen som arbejdsgiver i et virksomhedsrettet forløb, i fleksjob eller som "
        f"voksenlærling (data fra jobcentrets sagssystem). Den største gruppe er "
        f"{escape_markdown(biggest['label'])} med {fmt.percent(biggest['share'])} af pladserne. "
        f"Med {fmt.integer(src.employees)} ansatte i {staff} svarer det til én plads pr. "
        f"{fmt.number(model.employees_per_place(src.employees, src.places), 1)} ansatte"
        + _printed_ratio(inputs) + ". Borgere fra andre kommuner er ikke talt med; kilden vurderer, at "
        "det reelle tal derfor er højere, men ikke væsentligt højere. Kilden giver kun tallet i "
        "alt og pr. type, ikke pr. enhed eller direktørområde.")


def quota_rule_text(inputs: Inputs, c: model.Computed) -> str:
    """Section on the quota rule: why Tabel 1's quotas are below employees divided by N."""
    src = c.source
    parts = "; ".join(f"ved 1 pr. {n} giver division {fmt.integer(src.employees // n)} pladser, "
                      f"mens Tabel 1 viser {fmt.integer(q)}" for n, q in src.required.items())
    ex = inputs.examples.iloc[0]
    return (
        "## Kvoten ved én plads pr. N ansatte\n\nKvoten gælder pr. enhed: en enhed skal have én "
        "plads for hver fulde N ansatte (kildens eksempel: ved én plads pr. "
        f"{int(ex['threshold'])} skal enheder med {int(ex['threshold'])}–{2 * int(ex['threshold']) - 1} "
        "ansatte have én plads og en enhed med det dobbelte to). Kvoten for et direktørområde og "
        "for kommunen er summen af enhedernes kvoter. Det forklarer, hvorfor kildens kvoter er "
        f"lavere end de samlede ansatte divideret med N: {parts}. Kilden siger ikke direkte, at "
        "Tabel 1 er beregnet pr. enhed, men tallene passer med det. Tabellen viser Tabel 1 ved "
        "siden af de samme tal beregnet pr. enhed ud fra enhedslisten.")


def _source_conclusion(c: model.Computed, n: int, when: str) -> str:
    src = c.source
    q, gap = src.required[n], src.gap(n)
    if gap <= 0:
        return (f"**Kildens konklusion:** Kvoten er {fmt.integer(q)} pladser. Med "
                f"{fmt.integer(src.places)} pladser {when} lever kommunen samlet set op til den "
                f"({fmt.integer(-gap)} pladser over). Kilden tilføjer, at tallet vil blive større, "
                "fordi bunden løftes, mens toppen ikke skæres ned.")
    printed = src.printed_increase.get(n)
    pct = (f" – ifølge kilden en stigning på {fmt.percent(printed)} (kildens egne tal giver "
           f"{fmt.percent(src.increase_pct(n))}, se afstemningen)" if printed is not None else "")
    return (f"**Kildens konklusion:** Kvoten er {fmt.integer(q)} pladser, så der skal oprettes "
            f"mindst {fmt.integer(gap)} pladser mere end de {fmt.integer(src.places)} {when}{pct}. "
            "Kilden venter, at der med stor sandsynlighed skal oprettes flere, fordi der er arbejdspladser uden "
            "sådanne pladser, og fordi arbejdspladser med mere end kvoten ikke forventes at gå ned.")


def threshold_text(inputs: Inputs, c: model.Computed, n: int) -> str:
    """One threshold: the source's conclusion first (where the source computes it), then the
    book's illustration of the two models with the roster, labelled."""
    s, when = c.summaries[n], period_of(inputs.periods, "placements")
    head = f"### Én plads pr. {n} ansatte\n\n"
    if n in c.source.required:
        head += _source_conclusion(c, n, when) + "\n\n"
    else:
        head += f"Kilden regner ikke på én plads pr. {n} ansatte. "
    kind = ("**Bogens illustration med den syntetiske enhedsliste:** Hvis pladserne var fordelt "
            "som i den opdigtede liste" if c.synthetic else "**Beregnet ud fra enhedslisten:** Med "
            "pladserne fordelt som i enhedslisten")
    text = (f"{kind}, ville kvoten lagt sammen over enheder være {fmt.integer(s['quota_per_unit'])} "
            f"pladser, og der skulle oprettes {fmt.integer(s['new_places_unit_model'])} nye pladser "
            f"med kvoten fordelt pr. enhed og {fmt.integer(s['new_places_area_model'])} med kvoten "
            f"fordelt pr. direktørområde. {fmt.integer(s['units_without_shortfall'])} af "
            f"{fmt.integer(s['units'])} enheder ville allerede leve op til deres kvote.")
    if c.synthetic:
        text += (" Tallene viser, hvordan modellerne virker, ikke hvor mange pladser der faktisk "
                 "mangler: fordelingen af pladserne er opdigtet.")
    return head + text


def _units(n: int) -> str:
    return f"{fmt.integer(n)} {'enhed' if n == 1 else 'enheder'}"


def sweep_text(c: model.Computed) -> str:
    """The paragraph above the sweep figure: where the two models differ most (or that they
    never differ)."""
    sweep = c.sweep
    widest = sweep.loc[sweep["model_difference"].idxmax()]
    lo, hi = int(sweep["threshold"].min()), int(sweep["threshold"].max())
    basis = " i den syntetiske enhedsliste" if c.synthetic else " i enhedslisten"
    text = (f"### Kvote og nye pladser ved forskellige grænser\n\nFiguren viser, hvordan kvoten og "
            f"behovet for nye pladser{basis} ændrer sig, når grænsen flyttes fra én plads pr. {lo} til "
            f"én pr. {hi} ansatte. ")
    most = int(widest["model_difference"])
    if most <= 0:
        return text + "De to modeller kræver lige mange nye pladser ved alle grænserne."
    return text + (f"Forskellen mellem de to modeller er størst ved én plads pr. {int(widest['threshold'])} "
                   f"ansatte, hvor kvoten pr. enhed kræver {fmt.integer(most)} "
                   f"{'ny plads' if most == 1 else 'nye pladser'} mere end kvoten pr. direktørområde, "
                   "fordi overskud i én enhed ikke kan dække mangel i en anden.")


def top_text(c: model.Computed) -> str:
    """The paragraph above the table of units with the largest shortfall (singular, plural and
    none said as such)."""
    head = f"## Enheder med størst mangel\n\nVed én plads pr. {c.top_threshold} ansatte "
    if c.units_short == 0:
        text = head + "mangler ingen enheder pladser."
    else:
        text = (head + f"mangler {_units(c.units_short)} pladser. Tabellen viser "
                + (f"de {_units(len(c.top))} med den største mangel." if len(c.top) > 1 else
                   "enheden med den største mangel."))
    return text + (" Enhederne og deres pladser er opdigtede (syntetisk enhedsliste)." if c.synthetic else "")


def afstemning_text(checks: list[Check], findings: list[tuple[str, str, str]]) -> str:
    """Section "Afstemning med kilden": what was verified, and the findings with their rows."""
    rec = [c for c in checks if c.basis == RECOMPUTED]
    cross = sum(c.basis == CROSS_REFERENCE for c in checks)
    synth = sum(c.basis == SYNTHETIC for c in checks)
    text = (f"## Afstemning med kilden\n\nKapitlet har regnet {fmt.integer(len(rec))} af kildens tal "
            f"efter ud fra kildens egne detaljer; {fmt.integer(sum(c.status == 'match' for c in rec))} "
            "stemmer.")
    if cross:
        text += (f" {fmt.integer(cross)} tal står både i teksten og i Tabel 1; de er sammenlignet, "
                 "men tæller ikke som genberegnet.")
    if synth:
        text += (f" {fmt.integer(synth)} kontroller sammenligner den syntetiske enhedsliste med "
                 "kildens tal; listen er lavet, så de passer, og de tæller derfor ikke som kontrol "
                 "af kilden.")
    if not findings:
        return text + " Der er ingen fund."
    items = [f"- **{escape_markdown(title)}** ({fmt.integer(sum(c.finding == name for c in checks))} "
             f"tal): {escape_markdown(expl)}" for name, title, expl in findings]
    return text + "\n\n" + "\n".join(items)
