"""The Danish texts of the Jobcenterbenchmark chapter: every number in them is computed from
the inputs, and every text from an input file is escaped for Markdown."""
from __future__ import annotations

import pandas as pd

from ...core import committee as items
from ...core import fmt
from ...core.check import Check
from ...core.dates import Period
from ...core.precision import Approx, pct_deviation
from ...core.tables import escape_markdown
from ...core.voice import reading
from .computed import Computed
from .inputs import Inputs
from .model import figures_period
from .results import join_da
from .terms import GROUP_PHRASES, QUADRANTS

SRC = "BDO, Jobcenterbenchmark 2023"


def genitive(name: str) -> str:
    """Danish genitive: `Norddjurs'`, `Kommune Bs`."""
    return name + ("'" if name[-1:].lower() in "sxz" else "s")


def period_text(inputs: Inputs) -> Period:
    """The period the figures refer to, from the period file (the build adds their age against
    the edition)."""
    start, end = figures_period(inputs)
    p = inputs.period.set_index("key")["value"]
    span = start[:4] if start[:4] == end[:4] else f"{start[:4]}–{end[:4]}"
    text = (f"Tallene gælder {span}: fuldtidspersoner, kvalitetsindikatorer og resultater er målt i {span}. "
            f"Rapporten er fra {p.get('report_year', '–')}")
    if "resources_counted" in p:
        text += (", og udgifterne til administration er opgjort ud fra normeringen ultimo "
                 f"{fmt.date(p['resources_counted'], 'MMMM y')}")
    return Period(text + ".", as_of=str(end))


def committee_points(inputs: Inputs) -> list[items.CommitteeItem]:
    """What the source asks of (kind `ask`) or puts before the committee for its information
    (kind `orientation`: the report has no indstilling), from the source notes file. The n-th
    point is BDO's when the claims register has `udvalget-<n>` (its conditions kept), else the
    book's own reading of the report (not attributed to BDO)."""
    notes = inputs.source_notes[inputs.source_notes["kind"].isin(["ask", "orientation"])]
    make = {"ask": items.ask, "orientation": items.orientation}
    out = []
    for n, (k, t, s) in enumerate(zip(notes["kind"], notes["text"], notes["section"]), start=1):
        claim = f"udvalget-{n}"
        if inputs.claims is not None and claim in inputs.claims:
            text = inputs.claims.said(claim, f"{escape_markdown(t)} (BDO, {escape_markdown(s.lower())})")
        else:
            text = reading(escape_markdown(t))
        out.append(make[k](text, section=s))
    return out


def two_figures_text(inputs: Inputs, group: str) -> str:
    """Where BDO's text states a deviation and both unit costs for a group and they disagree
    (revalidering: »79 pct.« and 55.500 kr.), both figures, where each comes from, and which
    the book uses and why. Empty when the text agrees with itself."""
    from .model import printed_average_rule, series
    from .terms import GROUP_TABLES, T32
    t = inputs.text[inputs.text["group"] == group].set_index("kind")["value"]
    if not {"focus_unit_cost", "average_unit_cost", "unit_cost_deviation_pct"} <= set(t.index):
        return ""
    focus, avg, dev = (float(t[k]) for k in ("focus_unit_cost", "average_unit_cost", "unit_cost_deviation_pct"))
    own_dev = pct_deviation(Approx.printed(focus / 1000, 1), Approx.printed(avg / 1000, 1))
    if Check.of(f"afsnit: {group}", "BDO", dev, own_dev, unit="%", decimals=0).status != "differs":
        return ""
    own = own_dev.value
    tab = GROUP_TABLES[group]
    row = series(inputs.tidy, T32, group, "enhedsomkostning")
    rule = printed_average_rule(inputs, group, avg / 1000)
    left = row.index[int(rule.parameter)] if rule is not None and rule.parameter is not None else None
    t32_avg = inputs.unit_costs_by_group.set_index("group").loc[group, "average"]
    why = (f", som tæller {left} med {fmt.number(row[left], 1)}"
           + (" (ingen borgere i målgruppen)" if row[left] == 0 else "") if left else "")
    side = "over" if dev >= 0 else "under"
    return (f"**BDO's to tal for samme sammenligning.** BDO skriver, at enhedsomkostningen ligger "
            f"{fmt.number(abs(dev), 0)} pct. {side} gennemsnittet for de øvrige kommuner på "
            f"{fmt.number(avg, 0)} kr. pr. "
            f"fuldtidsperson (Norddjurs: {fmt.number(focus, 0)} kr.). De to tal passer ikke sammen: "
            f"{fmt.number(dev, 0)} % følger af tabel 3.2's gennemsnit på {fmt.number(t32_avg, 1)}{why}; "
            f"{fmt.number(avg / 1000, 1)} er {tab.lower()}'s gennemsnit"
            + (f" uden {left}" if left else "") + f" og giver {fmt.percent(own, 0, sign=True)}. "
            "**Bogens valg:** oversigten bruger tabel 3.2's gennemsnit for alle målgrupper, også her "
            f"({fmt.percent(dev, 0, sign=True)}), fordi BDO's sammenfatning (»3 – 79 pct.«) bygger på den; "
            f"{tab.lower()}'s gennemsnit står i tabellen nedenfor.")


def caveats_text(inputs: Inputs) -> str:
    """BDO's own caveats about its figures, as a list with their sections."""
    rows = inputs.source_notes[inputs.source_notes["kind"] == "caveat"]
    items = "\n".join(f"- {escape_markdown(t)} ({escape_markdown(s)})" for t, s in zip(rows["text"], rows["section"]))
    return "Rapportens egne forbehold om tallene:\n\n" + items


def intro_text(inputs: Inputs, focus: str | None = None, tolerance_pct: float | None = None) -> str:
    """The chapter's opening paragraph: who is compared, from whose side, what the average is
    (the chapter's focus and tolerance by default)."""
    focus = inputs.focus_name if focus is None else focus
    tolerance_pct = inputs.tolerance_pct if tolerance_pct is None else tolerance_pct
    m = inputs.municipalities
    return f"""
Benchmarken sammenligner ressourceforbrug og resultater i beskæftigelsesindsatsen i ti kommuner:
Norddjurs og ni sammenligningskommuner. Kapitlet ser på tallene fra **{genitive(focus)}** side.
Sammenligningskommunernes navne står i rapporten, men ikke hvilken kolonne der er hvilken kommune,
så de kaldes her {m[1]} til {m[-1]} i den rækkefølge, tabellerne viser dem. Gennemsnittet er de
*øvrige* kommuners gennemsnit, uden {focus} og uden manglende tal, som i rapporten (»gennemsnittet er
ekskl. Norddjurs«). Enhedsomkostninger er i 1.000 kr. pr. fuldtidsperson. Bogen regner en afvigelse på
højst {fmt.percent(tolerance_pct, 1)} som »på niveau« med gennemsnittet; grænsen er bogens eget valg (en
parameter), rapporten angiver ingen. Forkortelser: KH = kontanthjælp,
UH = uddannelseshjælp, SH-ydelse = selvforsørgelses- og hjemsendelsesydelse.
"""


def source_summary_text(inputs: Inputs) -> str:
    """BDO's summary figures: total spending and persons, and the konto 5 / konto 6 split."""
    from .results import source_summary
    e = inputs.expenditure.set_index("group")
    k5, k6 = e.loc["konto_5"], e.loc["konto_6"]
    mio = lambda v: fmt.amount(v / 1000, "mio. kr.", 1)  # noqa: E731
    return (f"{source_summary(inputs)} Af udgifterne er {fmt.percent(k5['share_pct'], 0)} "
            f"({mio(k5['expenditure'])}) finansieret på konto 5 (beskæftigelsestilbud mv.) og "
            f"{fmt.percent(k6['share_pct'], 0)} ({mio(k6['expenditure'])}) på konto 6 (administration); "
            f"i de øvrige jobcentre er fordelingen {fmt.percent(k5['others_share_pct'], 0)} og "
            f"{fmt.percent(k6['others_share_pct'], 0)}. BDO bemærker, at Norddjurs er blandt de kommuner, der "
            "finansierer mindst på konto 5.")


def total_text(chapter: Computed) -> str:
    """The total unit cost of the focus against the others (the book's recomputation)."""
    total, focus = chapter.total, chapter.focus
    return (f"Genberegnet af tabel 3.2 bruger {focus} {fmt.number(total['focus'], 1)} (1.000 kr.) pr. "
            f"fuldtidsperson mod {fmt.number(total['average'], 1)} i gennemsnit for de øvrige kommuner, en "
            f"afvigelse på {fmt.percent(total['deviation_pct'], 1, sign=True)}. Bag gennemsnittet er der stor "
            "forskel mellem målgrupperne og mellem kommunerne (figuren).")


def spread_alt(chapter: Computed) -> str:
    """Alt text of the spread figure: what it shows and the focus' place in each group."""
    ov, focus = chapter.overview, chapter.focus
    parts = [f"{r.label}: {fmt.number(r.unit_cost, 1)} mod gennemsnit {fmt.number(r.average, 1)}"
             if not pd.isna(r.unit_cost) else
             f"{r.label}: intet tal for {focus} i rapporten, gennemsnit {fmt.number(r.average, 1)}"
             for r in ov.itertuples()]
    return (f"Punktdiagram med én række pr. målgruppe og én prik pr. kommune; {focus} er en større mørk ruder "
            "og de øvrige kommuners gennemsnit en lodret streg. Enhedsomkostning i 1.000 kr. pr. "
            "fuldtidsperson: " + "; ".join(parts) + ".")


def expenditure_text(inputs: Inputs) -> str:
    """Tabel 3.1 exists for Norddjurs only, and its printed shares do not add up to 100 %."""
    from .terms import GROUPS
    grp = inputs.expenditure[inputs.expenditure["group"].isin(GROUPS)]
    return ("Norddjurs' egne udgifter og fuldtidspersoner (rapportens tabel 3.1) findes kun for Norddjurs. "
            f"Rapportens trykte udgiftsandele summer til {fmt.percent(grp['share_pct'].sum(), 1)}, ikke "
            f"{fmt.percent(100, 0)} (se fundet om tabel 3.1 under afstemningen); tabellen viser derfor både den "
            "trykte og den beregnede andel.")


def source_grouping_text(groups: dict[str, list[int]]) -> str:
    """BDO's method and conclusion (section 3.3), told as BDO's."""
    from .results import source_conclusion
    return ("BDO deler målgrupperne i fire grupper efter, om enhedsomkostningen og resultatet (afgangsraten til "
            "job og uddannelse) ligger over eller under gennemsnittet. Resultaterne stammer efter bogens vurdering "
            "fra rapportens figurer, som kun findes som billeder. " + source_conclusion(groups))


def book_check_text(chapter: Computed) -> str:
    """The book's check of BDO's grouping with its caveats: which single value decides a move,
    and what the rounding of the printed afgangsrater allows."""
    regroup, tolerance_pct = chapter.regroup, chapter.tolerance_pct
    moved = regroup[regroup["moved"]]
    text = ("**Bogens kontrol.** Bogen har regnet grupperne igen med afgangsraterne i rapportens tabeller "
            "(kapitel 5). Rapportens egne resultatafvigelser, som konklusionen bygger på, kan ikke genfindes i "
            "tabellerne (se afstemningen).")
    if moved.empty:
        return text + " Alligevel giver tabellerne de samme grupper som BDO."
    for r in moved.itertuples():
        text += (f" Med tabellerne ligger {GROUP_PHRASES[r.group]} i gruppe {int(r.table_group)} "
                 f"({QUADRANTS[int(r.table_group)].lower()}) i stedet for BDO's gruppe "
                 f"{join_da([str(q) for q in r.source_groups])}: afvigelsen er "
                 f"{fmt.percent(r.table_result_dev, 0, sign=True)}, og afrundingen af de trykte rater tillader "
                 f"{fmt.percent(r.low, 0, sign=True)} til {fmt.percent(r.high, 0, sign=True)}.")
        if r.deciding_peer:
            text += (f" Det afgøres af én kommunes tal: uden {r.deciding_peer}s afgangsrate på "
                     f"{fmt.percent(r.deciding_value, 1)} lå {GROUP_PHRASES[r.group]} i BDO's gruppe.")
    return text + (f" Grænsen for »på niveau« (±{fmt.percent(tolerance_pct, 1)}) er bogens eget valg. Bogens "
                   "beregning er en kontrol, ikke en ny konklusion; BDO's konklusion bygger efter bogens vurdering på "
                   "rapportens figurer.")


QUADRANT_INTRO = ("Figuren viser bogens beregning: hver målgruppe placeret efter enhedsomkostningen (tabel 3.2) og "
                  "afgangsraten (kapitel 5's tabeller), begge som afvigelse fra gennemsnittet. Omkostninger "
                  "*på niveau* tæller som lave, som i BDO's gruppe 4 (»på eller under gennemsnittet«); resultater "
                  "*på niveau* tæller som gode, hvilket er bogens valg: BDO's gruppedefinitioner taler om resultater "
                  "over og under gennemsnittet.")


def no_text_sentence(chapter: Computed) -> str:
    """Said when the focus is a peer: the source's text describes Norddjurs only."""
    return f"Rapportens tekst beskriver kun Norddjurs; for {chapter.focus} findes ingen tekst at sammenligne med."


COST_DRIVER_TEXT = ("Rapporten har beregnet, hvordan Norddjurs' enhedsomkostning ville ændre sig med "
                    "gennemsnitlig redskabssammensætning og gennemsnitlige enhedspriser. Tallene findes kun for "
                    "Norddjurs.")

GAPS_TEXT = ("Nogle tal findes ikke i tekstudgaven af rapporten. Hvor en række har færre tal end kommuner, er det "
             "ud fra andre tabeller for samme målgruppe afgjort, hvilken kolonne der mangler (for eksempel er "
             "rækken »Administration og møder« ens i alle målgrupper). Manglende tal indgår ikke i gennemsnittene.")

DETAIL_NOTE = ("Tabellerne med enhedsomkostning pr. opgave og kvalitetsindikatorer for hver målgruppe findes i "
               "HTML-udgaven af bogen og i de åbne data.")


def reconciliation_text(checks: list) -> str:
    """How many of the source's figures were checked, by status and basis, in plain Danish."""
    from ...core.check import STATUS_DA
    recomputed = [c for c in checks if c.basis == "recomputed"]
    counts = {k: sum(c.status == k for c in recomputed) for k in STATUS_DA}
    parts = [f"{n} {STATUS_DA[k].lower()}" for k, n in counts.items() if n]
    return (f"Bogen har genberegnet {len(recomputed)} af rapportens tal ud fra rapportens egne tabeller: "
            f"{join_da(parts)}. Yderligere {len(checks) - len(recomputed)} tal står to steder i rapporten og er "
            "sammenlignet, men ikke genberegnet. De tal, der ikke stemmer, er samlet i fundene nedenfor efter "
            "årsag; den fulde liste står i bilaget om afstemningen og i de åbne data.")


QUADRANT_SOURCE = f"{SRC}, tabel 3.2 og 5.2–5.12; egne beregninger"
SPREAD_SOURCE = f"{SRC}, tabel 3.2; egne beregninger"


def quadrant_caption(chapter: Computed) -> str:
    """Caption of the quadrant figure (the book's computation)."""
    return (f"{chapter.focus}: enhedsomkostning og afgangsrate pr. målgruppe, afvigelse fra gennemsnittet "
            "(bogens beregning)")


def spread_caption(chapter: Computed) -> str:
    """Caption of the spread figure."""
    return f"Enhedsomkostning pr. målgruppe i de ti kommuner, {chapter.focus} fremhævet"


def quadrant_alt(ov: pd.DataFrame) -> str:
    """Alt text of the quadrant figure: the layout and every target group's group."""
    return ("Punktdiagram med én prik pr. målgruppe. Vandret akse: afgangsratens afvigelse fra gennemsnittet i "
            "procent; lodret akse: enhedsomkostningens afvigelse i procent. De fire felter er mærket gruppe 1 "
            "investeringspotentiale (nederst til venstre), gruppe 2 optimeringspotentiale (øverst til venstre), "
            "gruppe 3 effektiviseringspotentiale (øverst til højre) og gruppe 4 høj omkostningseffektivitet "
            "(nederst til højre). " + "; ".join(f"{r.label}: gruppe {int(r.quadrant)}"
                                                  for r in ov.dropna(subset=["quadrant"]).itertuples())
            + _unplaced(ov))


def _unplaced(ov: pd.DataFrame) -> str:
    """The target groups the quadrant figure cannot place, because a figure is missing."""
    gone = ov[ov["quadrant"].isna()]
    return ("" if gone.empty else ". Ikke med i figuren, fordi et tal mangler i rapporten: "
            + ", ".join(r.label.lower() for r in gone.itertuples()))
