"""Tables of the Jobcenterbenchmark chapter for the notebook (numbers formatted Danish), the
per-group sections, and the HTML-only block of detail tables. The narrative is in `texts`."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ...core import fmt
from ...core.tables import markdown_table
from .computed import Computed
from .inputs import Inputs
from .missing import gap_table, missing_cost_note
from .model import average_convention, compare, cost_profile, quality_profile, series
from .terms import B2, GROUP_TABLES, GROUPS, QUADRANTS
from .texts import SRC, two_figures_text

HTML_ONLY = '::: {.content-visible when-format="html"}'
PRINT_ONLY = '::: {.content-hidden when-format="html"}'


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

    def markdown(self) -> str:
        """The table as `report.table` writes it: pipe table, caption, source line."""
        extra = f" {self.note}" if self.note else ""
        return (f"{markdown_table(self.df, 0, self.align, self.widths)}\n\n: {self.caption}\n\n"
                f"::: {{.source}}\nKilde: {self.source}.{extra}\n:::\n")


def right(df: pd.DataFrame) -> dict[str, str]:
    """Right-align every column but the first (numbers formatted as text)."""
    return {str(c): "right" for c in df.columns[1:]}


def html_only(tables: tuple[TableView, ...] | list[TableView]) -> str:
    """Markdown that shows `tables` in the HTML book only (Quarto's content-visible div)."""
    return HTML_ONLY + "\n\n" + "\n\n".join(t.markdown() for t in tables) + "\n:::\n"


def print_only(text: str) -> str:
    """Markdown shown everywhere but in the HTML book."""
    return f"{PRINT_ONLY}\n{text.strip()}\n:::\n"


def rank_words(rank: float, n: int, top: str = "højest", bottom: str = "lavest") -> str:
    """A rank said as what it means: `højest`, `lavest`, else `nr. 3 af 10`."""
    if pd.isna(rank):
        return fmt.MISSING
    r = int(rank)
    return top if r == 1 else bottom if r == n else f"nr. {r} af {n}"


def _unit_decimals(unit: str) -> int:
    return 2 if unit == "år" else 1


def averages(printed, computed, decimals) -> list[str]:
    """BDO's printed averages, each followed by the book's recomputed one only where the two
    differ at the printed precision (one column, not two that show the same number)."""
    out = []
    for p, c, d in zip(printed, computed, decimals):
        shown, own = fmt.number(p, d), fmt.number(c, d)
        out.append(shown if own == shown or pd.isna(c) else f"{shown} (bogen: {own})")
    return out


def overview_view(chapter: Computed) -> TableView:
    """Tabel 3.2 from the focus' side: BDO's printed average (the book's recomputed one beside
    it only where it differs), or, from another municipality's side, the recomputed one."""
    ov, focus, show_printed = chapter.overview, chapter.focus, chapter.is_norddjurs
    cols = {"Målgruppe": ov["label"], focus: [fmt.number(v, 1) for v in ov["unit_cost"]]}
    if show_printed:
        cols["Gns."] = averages(ov["printed_average"], ov["average"], [1] * len(ov))
    else:
        cols["Gns., genberegnet"] = [fmt.number(v, 1) for v in ov["average"]]
    cols["Afvigelse i %"] = [fmt.percent(v, 0, sign=True) for v in ov["deviation_pct"]]
    cols["Placering"] = [rank_words(h, n) for h, n in zip(ov["rank_highest"], ov["n_ranked"])]
    note = ("»Placering« siger, om kommunen har den højeste eller laveste enhedsomkostning blandt kommunerne "
            "med et tal for målgruppen, eller hvilken plads fra den højeste.")
    if show_printed:
        note += (" »Gns.« er rapportens trykte gennemsnit af de øvrige kommuner; bogens genberegning giver det "
                 "samme tal, undtagen hvor den står i parentes.")
    missing = missing_cost_note(ov, focus)
    note += f" {missing}" if missing else ""
    return TableView.of(pd.DataFrame(cols), f"Enhedsomkostning pr. målgruppe, {focus} og gennemsnittet af de "
                        "øvrige kommuner (1.000 kr. pr. fuldtidsperson)", f"{SRC}, tabel 3.2; egne beregninger", note)


def expenditure_view(inputs: Inputs) -> TableView:
    """Tabel 3.1: persons, amounts, printed and recomputed shares, the others' shares."""
    exp = inputs.expenditure
    grp = exp[exp["group"].isin(GROUPS)]
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


def _groups_text(qs) -> str:
    return " og ".join(str(q) for q in qs)


def regroup_view(regroup: pd.DataFrame) -> TableView:
    """BDO's group per target group (with BDO's result deviation) next to the book's check."""
    pct = lambda v, d=0: fmt.percent(v, d, sign=True)  # noqa: E731
    df = pd.DataFrame({
        "Målgruppe": regroup["label"],
        "BDO: gruppe": [_groups_text(q) for q in regroup["source_groups"]],
        "BDO: resultat": [pct(v, 1) for v in regroup["source_result_dev"]],
        "Tabellerne: resultat": [fmt.MISSING if pd.isna(v) else f"{pct(v)} ({pct(lo)} til {pct(hi)})"
                                 for v, lo, hi in zip(regroup["table_result_dev"], regroup["low"], regroup["high"])],
        "Tabellerne: gruppe": [fmt.MISSING if pd.isna(q) else str(int(q)) for q in regroup["table_group"]],
        "Afgøres af": [f"{p}: {fmt.percent(v, 1)}" if p else "" for p, v in
                       zip(regroup["deciding_peer"], regroup["deciding_value"])],
    })
    return TableView.of(df, "BDO's grupper og bogens kontrol med tabellernes afgangsrater, Norddjurs",
                        f"{SRC}, afsnit 2, 3.3 og 5; tabel 3.2 og 5.2–5.12; egne beregninger",
                        "Resultat: afvigelse fra gennemsnittet i procent; i parentes det, afrundingen af de trykte "
                        "afgangsrater tillader. Grupperne: " + "; ".join(f"{k} = {v.lower()}"
                                                                       for k, v in QUADRANTS.items()) + ".")


def quadrant_view(chapter: Computed) -> TableView:
    """The group of each target group by the tables (for a focus the source does not describe)."""
    ov, focus, shown = chapter.overview, chapter.focus, chapter.shown
    df = pd.DataFrame({
        "Målgruppe": ov["label"],
        "Enhedsomk., afv. i %": [fmt.percent(v, 0, sign=True) for v in ov["deviation_pct"]],
        "Afgangsrate, afv. i %": [fmt.percent(v, 0, sign=True) for v in ov["result_deviation_pct"]],
        "Gruppe": [fmt.MISSING if pd.isna(q) else f"{int(q)}: {QUADRANTS[int(q)]}" for q in ov["quadrant"]],
    })
    note = "Dagpenge mangler: rapportens tabel 5.1 findes ikke i tekstudgaven." if "dagpenge" in shown else None
    return TableView.of(df, f"Gruppe pr. målgruppe, {focus} (bogens beregning)",
                        f"{SRC}, tabel 3.2 og 5.2–5.12; egne beregninger", note)


def profile_table(df: pd.DataFrame, focus: str, first: str, show_printed: bool) -> pd.DataFrame:
    """A cost or quality profile: measure, focus, BDO's average (for Norddjurs), the recomputed
    average, deviation and deviation in %."""
    dec = [_unit_decimals(u) for u in df["unit"]]
    unit = [("pct." if u == "%" else ("andel" if u == "andel" else "")) for u in df["unit"]]
    cols = {first: [f"{lab} ({u})" if u else lab for lab, u in zip(df["label"], unit)],
            focus: [fmt.number(v, d) for v, d in zip(df["focus"], dec)]}
    if show_printed:
        cols["Gns."] = averages(df["printed_average"], df["average"], dec)
    else:
        cols["Gns., genberegnet"] = [fmt.number(v, d) for v, d in zip(df["average"], dec)]
    cols["Afvigelse"] = [fmt.number(v, d, sign=True) for v, d in zip(df["deviation"], dec)]
    cols["Afvigelse i %"] = [fmt.percent(v, 0, sign=True) for v in df["deviation_pct"]]
    return pd.DataFrame(cols)


@dataclass(frozen=True)
class GroupSection:
    """One target group's section: heading, a sentence (print and HTML), its detail tables (HTML)."""

    heading: str
    text: str
    tables: tuple[TableView, ...] = ()


def _group_sentence(row: pd.Series, tab: str, skip: str, focus: str) -> str:
    """One target group in a sentence; a figure the report does not print for the focus is said
    as missing, with the report's reason, and what cannot be computed without it."""
    if pd.isna(row["unit_cost"]):
        return (f"Rapporten har ingen enhedsomkostning for {focus} for denne målgruppe (tabel 3.2: "
                f"{row['unit_cost_gap']}), og {tab.lower()} har ingen afgangsrate for {focus} "
                f"({row['result_gap'] or 'intet tal'}). Bogen udfylder ikke tallene, så afvigelse, placering og "
                f"gruppe kan ikke beregnes; gennemsnittet af de øvrige er {fmt.number(row['average'], 1)}.")
    cost = f"{fmt.number(row['unit_cost'], 1)} mod {fmt.number(row['average'], 1)} i gennemsnit"
    if pd.isna(row["result_deviation_pct"]):
        return (f"Enhedsomkostningen er {cost} ({fmt.percent(row['deviation_pct'], 0, sign=True)}). "
                f"Afgangsraten for {focus} mangler i {tab.lower()} ({row['result_gap'] or 'intet tal'}), "
                "så målgruppen kan ikke placeres i en af de fire grupper.")
    q = f"gruppe {int(row['quadrant'])} ({QUADRANTS[int(row['quadrant'])].lower()})"
    text = (f"Enhedsomkostningen er {cost} ({fmt.percent(row['deviation_pct'], 0, sign=True)}); afgangsraten "
            f"afviger {fmt.percent(row['result_deviation_pct'], 0, sign=True)} fra gennemsnittet: {q} "
            "efter bogens beregning (med bogens grænse for »på niveau«).")
    if skip:
        text += (f" Gennemsnittene i {tab.lower()} er som i rapporten uden {skip} (se fundet om {tab.lower()} "
                 "under afstemningen).")
    return text


def group_section(chapter: Computed, group: str) -> GroupSection:
    """The section of one target group: unit cost, result and group in a sentence; the cost and
    quality profiles as detail tables."""
    inputs, ov, focus = chapter.inputs, chapter.overview, chapter.focus
    tab, row = GROUP_TABLES[group], ov.set_index("group").loc[group]
    prof = cost_profile(inputs, group, focus)
    if prof.empty:
        return GroupSection(f"### {GROUPS[group]}",
                            f"Rapportens {tab.lower()} findes ikke i tekstudgaven, så der er kun enhedsomkostningen: "
                            f"{fmt.number(row['unit_cost'], 1)} mod {fmt.number(row['average'], 1)} i gennemsnit "
                            f"({fmt.percent(row['deviation_pct'], 0, sign=True)}).")
    printed = focus == inputs.municipalities[0]
    src = f"{SRC}, {tab.lower()}; egne beregninger"
    text = _group_sentence(row, tab, prof["left_out"].iloc[0], focus)
    both = two_figures_text(inputs, group) if printed else ""
    text += f"\n\n{both}" if both else ""
    lost = prof["average"].isna() & prof["printed_average"].notna()
    note = ("»Gns., genberegnet« mangler, hvor en kommunes kolonne mangler i tekstudgaven af tabellen; »Samlet« "
            "er genberegnet med kommunens enhedsomkostning fra tabel 3.2." if lost.any() else None)
    return GroupSection(f"### {GROUPS[group]}", text, (
        TableView.of(profile_table(prof, focus, "Opgave", printed),
                     f"{GROUPS[group]}: enhedsomkostning pr. opgave (1.000 kr. pr. fuldtidsperson)", src, note),
        TableView.of(profile_table(quality_profile(inputs, group, focus), focus, "Indikator", printed),
                     f"{GROUPS[group]}: kvalitetsindikatorer og resultater", src)))


def cost_driver_view(inputs: Inputs) -> TableView:
    """Tabel 4.1: the contribution of tool mix and unit prices, Norddjurs only."""
    cd = inputs.cost_drivers
    df = pd.DataFrame({"Målgruppe": [GROUPS.get(g, lab) for g, lab in zip(cd["group"], cd["label"])],
                       "Redskabssammensætning": [fmt.percent(v, 0, sign=True) for v in cd["tool_mix_pct"]],
                       "Enhedspriser": [fmt.percent(v, 0, sign=True) for v in cd["unit_prices_pct"]]})
    return TableView.of(df, "Omkostningsdrivende faktorer, Norddjurs (bidrag til enhedsomkostningen)",
                        f"{SRC}, tabel 4.1")


def framework_view(chapter: Computed) -> TableView:
    """Bilag 2's framework conditions (rammevilkår, placement 1–98, 98 best) for the focus."""
    inputs, focus = chapter.inputs, chapter.focus
    kf = inputs.key_figures[inputs.key_figures["section"] == "rammevilkaar"]
    rows = []
    for rec in kf.to_dict("records"):
        c = compare(series(inputs.tidy, B2, rec["group"], "rammevilkaar_" + rec["group"]), focus)
        rows.append({"Område": rec["label"].split(" - ", 1)[-1], focus: fmt.number(c["focus"], 0),
                     "Gns. øvrige": fmt.number(c["average"], 0),
                     "Blandt deltagerne": rank_words(c["rank_highest"], c["n_ranked"], "bedst", "dårligst")})
    return TableView.of(pd.DataFrame(rows),
                        f"Rammevilkår, {focus} og de øvrige (placering blandt landets 98 kommuner, 98 er bedst)",
                        f"{SRC}, bilag 2", f"Bilag 2 viser kun ni kommuner; {inputs.municipalities[-1]} mangler.")


def gap_view(inputs: Inputs) -> TableView:
    """The recorded gaps, for the reader."""
    df = gap_table(inputs).rename(columns={"table": "Tabel", "group": "Målgruppe", "measure": "Række",
                                           "municipality": "Kommune", "kind": "Hvad mangler"})
    return TableView(df, "Manglende tal og hvordan de er placeret", f"{SRC}; egne vurderinger")


def convention_view(inputs: Inputs) -> TableView:
    """How many printed averages the mean without / with Norddjurs reproduces, per table."""
    df = average_convention(inputs).rename(columns={"table": "Tabel", "rows": "Rækker",
                                                    "excl": "Passer uden Norddjurs", "incl": "Passer med Norddjurs"})
    return TableView(df, "Rapportens gennemsnit: genberegnet med og uden Norddjurs", f"{SRC}; egne beregninger")


def findings_view(found: list) -> TableView:
    """The chapter's findings: title, explanation and the number of figures each covers."""
    df = pd.DataFrame({"Fund": [f.title for f in found], "Forklaring": [f.explanation for f in found],
                       "Tal": [fmt.number(f.rows, 0) for f in found]})
    return TableView(df, "Fund i afstemningen med rapporten", f"{SRC}; egne beregninger",
                     align={"Tal": "right"}, widths={"Fund": 18, "Forklaring": 60, "Tal": 4})
