"""Tables and Danish texts of the Jobcenterbenchmark chapter for the notebook: every number
in them is computed from the inputs."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ...core import fmt
from .inputs import Inputs
from .model import average_convention, compare, cost_profile, gap_table, quality_profile, series
from .terms import B2, GROUP_TABLES, GROUPS, QUADRANTS

SRC = "BDO, Jobcenterbenchmark 2023"


@dataclass(frozen=True)
class TableView:
    """A table for `report.table`: the frame, its caption, source line and optional note."""

    df: pd.DataFrame
    caption: str
    source: str
    note: str | None = None
    align: dict = field(default_factory=dict)
    widths: dict | None = None

    @classmethod
    def of(cls, df: pd.DataFrame, caption: str, source: str, note: str | None = None) -> "TableView":
        """A table with every column but the first right-aligned."""
        return cls(df, caption, source, note, right(df))


def _unit_decimals(unit: str) -> int:
    """Decimals shown for a unit: durations in years to two, the rest to one."""
    return 2 if unit == "år" else 1


def overview_table(ov: pd.DataFrame, focus: str) -> pd.DataFrame:
    """Cost overview for the book (≤ 7 columns), numbers formatted Danish."""
    return pd.DataFrame({
        "Målgruppe": ov["label"],
        focus: [fmt.number(v, 1) for v in ov["unit_cost"]],
        "Gns. øvrige": [fmt.number(v, 1) for v in ov["average"]],
        "Afvigelse": [fmt.number(v, 1, sign=True) for v in ov["deviation"]],
        "Afvigelse i %": [fmt.percent(v, 0, sign=True) for v in ov["deviation_pct"]],
        "Placering": [fmt.MISSING if pd.isna(h) else f"{int(h)}. højeste af {int(n)}"
                      for h, n in zip(ov["rank_highest"], ov["n_ranked"])],
    })


def quadrant_table(ov: pd.DataFrame) -> pd.DataFrame:
    """The source's group of each target group, with the two deviations that decide it."""
    return pd.DataFrame({
        "Målgruppe": ov["label"],
        "Enhedsomk., afv. i %": [fmt.percent(v, 0, sign=True) for v in ov["deviation_pct"]],
        "Afgangsrate, afv. i %": [fmt.percent(v, 0, sign=True) for v in ov["result_deviation_pct"]],
        "Gruppe": [fmt.MISSING if pd.isna(q) else f"{int(q)}: {QUADRANTS[int(q)]}" for q in ov["quadrant"]],
    })


def text_quadrant_table(tq: pd.DataFrame) -> pd.DataFrame:
    """The text's own deviations and groups next to those the tables give."""
    q = lambda v: fmt.MISSING if v is None or pd.isna(v) else str(int(v))  # noqa: E731
    return pd.DataFrame({
        "Målgruppe": tq["label"],
        "Tekst: omk. afv.": [fmt.percent(v, 0, sign=True) for v in tq["text_cost_dev"]],
        "Tekst: resultat afv.": [fmt.percent(v, 1, sign=True) for v in tq["text_result_dev"]],
        "Tabeller: resultat afv.": [fmt.percent(v, 1, sign=True) for v in tq["table_result_dev"]],
        "Gruppe (tekst)": [q(v) for v in tq["text_quadrant"]],
        "Gruppe (tabeller)": [q(v) for v in tq["table_quadrant"]],
    })


def profile_table(df: pd.DataFrame, focus: str, first: str) -> pd.DataFrame:
    """A cost or quality profile for the book: measure, focus, average, deviation, deviation %."""
    dec = [_unit_decimals(u) for u in df["unit"]]
    unit = [("pct." if u == "%" else ("andel" if u == "andel" else "")) for u in df["unit"]]
    label = [f"{lab} ({u})" if u else lab for lab, u in zip(df["label"], unit)]
    return pd.DataFrame({
        first: label,
        focus: [fmt.number(v, d) for v, d in zip(df["focus"], dec)],
        "Gns. øvrige": [fmt.number(v, d) for v, d in zip(df["average"], dec)],
        "Afvigelse": [fmt.number(v, d, sign=True) for v, d in zip(df["deviation"], dec)],
        "Afvigelse i %": [fmt.percent(v, 0, sign=True) for v in df["deviation_pct"]],
    })


def framework_table(inputs: Inputs, focus: str) -> pd.DataFrame:
    """Bilag 2's framework conditions (rammevilkår, placement 1-98) for the focus vs. the others."""
    kf = inputs.key_figures[inputs.key_figures["section"] == "rammevilkaar"]
    rows = []
    for rec in kf.to_dict("records"):
        c = compare(series(inputs.tidy, B2, rec["group"], "rammevilkaar_" + rec["group"]), focus)
        rows.append({"Område": rec["label"].split(" - ", 1)[-1], focus: fmt.number(c["focus"], 0),
                     "Gns. øvrige": fmt.number(c["average"], 0),
                     "Placering blandt deltagerne": (fmt.MISSING if pd.isna(c["rank_highest"]) else
                                                     f"{int(c['rank_highest'])}. bedste af {c['n_ranked']}")})
    return pd.DataFrame(rows)


def genitive(name: str) -> str:
    """Danish genitive: `Norddjurs'`, `Kommune Bs`."""
    return name + ("'" if name[-1:].lower() in "sxz" else "s")


def right(df: pd.DataFrame) -> dict[str, str]:
    """Right-align every column but the first (numbers formatted as text)."""
    return {str(c): "right" for c in df.columns[1:]}


def intro_text(inputs: Inputs, focus: str, tolerance_pct: float) -> str:
    """The chapter's opening paragraph: who is compared, from whose side, what the average is."""
    m = inputs.municipalities
    return f"""
Benchmarken sammenligner ressourceforbrug og resultater i beskæftigelsesindsatsen i ti kommuner:
Norddjurs og ni sammenligningskommuner. Kapitlet ser på tallene fra **{genitive(focus)}** side.
Sammenligningskommunernes navne står i rapporten, men ikke hvilken kolonne der er hvilken kommune,
så de kaldes her {m[1]} til {m[-1]} i den rækkefølge, tabellerne
viser dem. Gennemsnittet er altid de *øvrige* kommuners gennemsnit, uden {focus} og uden
manglende tal; det er samme opgørelse som rapportens ("gennemsnittet er ekskl. Norddjurs").
Enhedsomkostninger er i 1.000 kr. pr. fuldtidsperson. En afvigelse på højst {fmt.percent(tolerance_pct, 1)}
regnes som "på niveau" med gennemsnittet.
"""


def total_text(total: dict, focus: str) -> str:
    """The total unit cost of the focus against the others."""
    return f"""
Samlet bruger {focus} {fmt.number(total['focus'], 1)} (1.000 kr.) pr. fuldtidsperson mod
{fmt.number(total['average'], 1)} i gennemsnit for de øvrige kommuner, en afvigelse på
{fmt.percent(total['deviation_pct'], 1, sign=True)}. Bag gennemsnittet er der stor forskel mellem målgrupperne.
"""


def overview_view(ov: pd.DataFrame, focus: str) -> TableView:
    """Tabel 3.2 from the focus' side."""
    return TableView.of(overview_table(ov, focus),
                        f"Enhedsomkostning pr. målgruppe, {focus} og gennemsnittet af de øvrige kommuner "
                        "(1.000 kr. pr. fuldtidsperson)", f"{SRC}, tabel 3.2; egne beregninger",
                        "Placering: 1 er den højeste enhedsomkostning blandt kommuner med et tal for målgruppen.")


def _groups_of_3_1(inputs: Inputs) -> pd.DataFrame:
    exp = inputs.expenditure
    return exp[exp["group"].isin(GROUPS)]


def expenditure_text(inputs: Inputs) -> str:
    """Tabel 3.1 exists for Norddjurs only, and its printed shares do not add up to 100 %."""
    grp = _groups_of_3_1(inputs)
    return ("""
Norddjurs' egne udgifter og fuldtidspersoner (rapportens tabel 3.1) findes kun for Norddjurs. Rapportens
trykte udgiftsandele passer ikke med de trykte beløb: de summer til """ + fmt.percent(grp["share_pct"].sum(), 1)
            + """, ikke 100 %. Tabellen viser derfor både den trykte og den beregnede andel.
""")


def expenditure_view(inputs: Inputs) -> TableView:
    """Tabel 3.1: persons, amounts, printed and recomputed shares, the others' shares."""
    exp, grp = inputs.expenditure, _groups_of_3_1(inputs)
    total = exp.loc[exp["group"] == "samlet", "expenditure"].iloc[0]
    df = pd.DataFrame({
        "Målgruppe": [GROUPS[g] for g in grp["group"]],
        "Fuldtidspersoner": [fmt.number(v, 0) for v in grp["fte"]],
        "Udgifter (1.000 kr.)": [fmt.number(v, 0) for v in grp["expenditure"]],
        "Andel, trykt": [fmt.percent(v, 1) for v in grp["share_pct"]],
        "Andel, beregnet": [fmt.percent(v / total * 100, 1) for v in grp["expenditure"]],
        "Øvrige jobcentre": [fmt.percent(v, 1) for v in grp["others_share_pct"]],
    })
    return TableView.of(df, "Norddjurs' udgifter og fuldtidspersoner pr. målgruppe",
                        f"{SRC}, tabel 3.1; egne beregninger")


QUADRANT_INTRO = """
Rapporten deler målgrupperne i fire grupper efter enhedsomkostning og resultat (afgangsrate til job og
uddannelse), begge målt som afvigelse fra gennemsnittet. Her beregnes grupperne af tabellernes
afgangsrater. Omkostninger *på niveau* tæller som lave og resultater *på niveau* som gode, som i rapporten.
"""

TEXT_QUADRANT_TEXT = """
Rapportens egne afvigelser i resultater (fra figurer, der ikke findes som tal) stemmer ikke med afgangsraterne
i rapportens tabeller. Med rapportens egne afvigelser giver reglen ovenfor præcis rapportens grupper; med
tabellernes afgangsrater havner ressourceforløb og jobafklaring i gruppe 1 i stedet for gruppe 4.
Rapporten nævner desuden dagpenge i både gruppe 2 og gruppe 3.
"""


def quadrant_caption(focus: str) -> str:
    """Caption of the quadrant figure."""
    return f"{focus}: enhedsomkostning og afgangsrate pr. målgruppe, afvigelse fra gennemsnittet"


def quadrant_alt(ov: pd.DataFrame) -> str:
    """Alt text of the quadrant figure: the layout and every target group's group."""
    return ("Punktdiagram med én prik pr. målgruppe. Vandret akse: afgangsratens afvigelse fra gennemsnittet i "
            "procent; lodret akse: enhedsomkostningens afvigelse i procent. De fire felter er mærket gruppe 1 "
            "investeringspotentiale (nederst til venstre), gruppe 2 optimeringspotentiale (øverst til venstre), "
            "gruppe 3 effektiviseringspotentiale (øverst til højre) og gruppe 4 høj omkostningseffektivitet "
            "(nederst til højre). " + "; ".join(f"{r.label}: gruppe {int(r.quadrant)}"
                                                  for r in ov.dropna(subset=["quadrant"]).itertuples()))


QUADRANT_SOURCE = f"{SRC}, tabel 3.2 og 5.2-5.12; egne beregninger"


def quadrant_view(ov: pd.DataFrame, focus: str, shown: list[str]) -> TableView:
    """The group of each target group, as a table."""
    note = "Dagpenge mangler: rapportens tabel 5.1 findes ikke i tekstudgaven." if "dagpenge" in shown else None
    return TableView.of(quadrant_table(ov), f"Gruppe pr. målgruppe, {focus}", QUADRANT_SOURCE, note)


def text_quadrant_view(tq: pd.DataFrame) -> TableView:
    """The text's deviations and groups against the tables'."""
    return TableView.of(text_quadrant_table(tq), "Rapportens afvigelser og grupper mod tabellernes, Norddjurs",
                        f"{SRC}, afsnit 2, 3.3 og 5; tabel 3.2 og 5.2-5.12")


def no_text_sentence(focus: str) -> str:
    """Said when the focus is a peer: the source's text describes Norddjurs only."""
    return f"Rapportens tekst beskriver kun Norddjurs; for {focus} findes ingen tekst at sammenligne med."


@dataclass(frozen=True)
class GroupSection:
    """One target group's section: heading, a sentence, and its tables."""

    heading: str
    text: str
    tables: tuple[TableView, ...] = ()


def group_section(inputs: Inputs, ov: pd.DataFrame, group: str, focus: str) -> GroupSection:
    """The section of one target group: unit cost, result and group; cost and quality profiles."""
    tab, row = GROUP_TABLES[group], ov.set_index("group").loc[group]
    prof = cost_profile(inputs, group, focus)
    cost = (f"{fmt.number(row['unit_cost'], 1)} mod {fmt.number(row['average'], 1)}")
    if prof.empty:
        return GroupSection(f"### {GROUPS[group]}",
                            f"Rapportens {tab.lower()} findes ikke i tekstudgaven, så der er kun enhedsomkostningen: "
                            f"{cost} i gennemsnit ({fmt.percent(row['deviation_pct'], 0, sign=True)}).")
    q = ("–" if pd.isna(row["quadrant"])
         else f"gruppe {int(row['quadrant'])} ({QUADRANTS[int(row['quadrant'])].lower()})")
    text = (f"Enhedsomkostningen er {cost} ({fmt.percent(row['deviation_pct'], 0, sign=True)}); afgangsraten "
            f"afviger {fmt.percent(row['result_deviation_pct'], 0, sign=True)} fra gennemsnittet: {q}.")
    src = f"{SRC}, {tab.lower()}; egne beregninger"
    return GroupSection(f"### {GROUPS[group]}", text, (
        TableView.of(profile_table(prof, focus, "Opgave"),
                     f"{GROUPS[group]}: enhedsomkostning pr. opgave (1.000 kr. pr. fuldtidsperson)", src),
        TableView.of(profile_table(quality_profile(inputs, group, focus), focus, "Indikator"),
                     f"{GROUPS[group]}: kvalitetsindikatorer og resultater", src)))


COST_DRIVER_TEXT = """
Rapporten har beregnet, hvordan Norddjurs' enhedsomkostning ville ændre sig med gennemsnitlig
redskabssammensætning og gennemsnitlige enhedspriser. Tallene findes kun for Norddjurs.
"""


def cost_driver_view(inputs: Inputs) -> TableView:
    """Tabel 4.1: the contribution of tool mix and unit prices, Norddjurs only."""
    cd = inputs.cost_drivers
    df = pd.DataFrame({"Målgruppe": [GROUPS.get(g, lab) for g, lab in zip(cd["group"], cd["label"])],
                       "Redskabssammensætning": [fmt.percent(v, 0, sign=True) for v in cd["tool_mix_pct"]],
                       "Enhedspriser": [fmt.percent(v, 0, sign=True) for v in cd["unit_prices_pct"]]})
    return TableView.of(df, "Omkostningsdrivende faktorer, Norddjurs (bidrag til enhedsomkostningen)",
                        f"{SRC}, tabel 4.1")


def framework_view(inputs: Inputs, focus: str) -> TableView:
    """Bilag 2's framework conditions as a table."""
    return TableView.of(framework_table(inputs, focus),
                        f"Rammevilkår, {focus} og de øvrige (placering blandt landets 98 kommuner, 98 er bedst)",
                        f"{SRC}, bilag 2", f"Bilag 2 viser kun ni kommuner; {inputs.municipalities[-1]} mangler.")


GAPS_TEXT = """
Nogle tal findes ikke i tekstudgaven af rapporten. Hvor en række har færre tal end kommuner, er det ud fra
andre tabeller for samme målgruppe afgjort, hvilken kolonne der mangler (for eksempel er rækken
'Administration og møder' ens i alle målgrupper). Manglende tal indgår ikke i gennemsnittene.
"""


def gap_view(inputs: Inputs) -> TableView:
    """The recorded gaps, for the reader."""
    df = gap_table(inputs).rename(columns={"table": "Tabel", "group": "Målgruppe", "measure": "Række",
                                           "municipality": "Kommune", "kind": "Hvad mangler"})
    return TableView(df, "Manglende tal og hvordan de er placeret",
                     f"{SRC}; egne vurderinger (data/raw/benchmark/gaps.csv)")


def convention_view(inputs: Inputs) -> TableView:
    """How many printed averages the mean without / with Norddjurs reproduces, per table."""
    df = average_convention(inputs).rename(columns={"table": "Tabel", "rows": "Rækker",
                                                    "excl": "Passer uden Norddjurs", "incl": "Passer med Norddjurs"})
    return TableView(df, "Rapportens gennemsnit: genberegnet med og uden Norddjurs", f"{SRC}; egne beregninger")


def reconciliation_text(checks: list) -> str:
    """How many of the source's figures were checked, by status and basis, in plain Danish."""
    from ...core.check import STATUS_DA
    recomputed = [c for c in checks if c.basis == "recomputed"]
    counts = {k: sum(c.status == k for c in recomputed) for k in STATUS_DA}
    xref = len(checks) - len(recomputed)
    parts = [f"{n} {STATUS_DA[k].lower()}" for k, n in counts.items() if n]
    return (f"Bogen har genberegnet {len(recomputed)} af rapportens tal ud fra rapportens egne tabeller: "
            f"{', '.join(parts)}. Yderligere {xref} tal er samme tal trykt to steder i rapporten og er "
            "sammenlignet, men ikke genberegnet. Tallene, der ikke stemmer, har en fælles årsag i et af "
            "fundene nedenfor; den fulde liste står i bilaget om afstemning og i de åbne data.")


def findings_view(found: list) -> TableView:
    """The chapter's findings: title, explanation and the number of figures each covers."""
    df = pd.DataFrame({"Fund": [f.title for f in found], "Forklaring": [f.explanation for f in found],
                       "Tal": [fmt.number(f.rows, 0) for f in found]})
    return TableView(df, "Fund i afstemningen med rapporten", f"{SRC}; egne beregninger",
                     align={"Tal": "right"}, widths={"Fund": 18, "Forklaring": 60, "Tal": 4})
