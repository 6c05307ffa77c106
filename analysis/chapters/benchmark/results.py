"""Key figures and key messages of the Jobcenterbenchmark chapter.

The key messages give the source's own summary and conclusion first (as BDO's), and the book's
check of that conclusion labelled as the book's; for a peer focus, where the source says
nothing, they are computed from the tables.
"""
from __future__ import annotations

import pandas as pd

from ...core import fmt
from ...core.voice import calculated
from .computed import Computed
from .inputs import Inputs
from .terms import COST_UNIT, GROUP_PHRASES, QUADRANTS


def key_figures(ov: pd.DataFrame, total: dict) -> list[tuple[str, float, str]]:
    """The chapter's key figures for results.json, as (name, value, unit): per target group the
    focus' unit cost, the others' average, the deviation (1.000 kr. and %), the rank from the
    highest and, where the result is known, the group and the result deviation; then the totals.
    A target group the report prints no unit cost for (for this focus) has no figures: the
    chapter says it is missing (`missing`), nothing stands in for it."""
    out = []
    for r in ov.itertuples():
        if pd.isna(r.unit_cost):
            continue
        out += [(f"{r.group}_enhedsomkostning", r.unit_cost, COST_UNIT),
                (f"{r.group}_gennemsnit", r.average, COST_UNIT),
                (f"{r.group}_afvigelse", r.deviation, COST_UNIT), (f"{r.group}_afvigelse_pct", r.deviation_pct, "%"),
                (f"{r.group}_rang_hoejeste", r.rank_highest, "plads")]
        if not pd.isna(r.quadrant):
            out += [(f"{r.group}_kvadrant", int(r.quadrant), "gruppe"),
                    (f"{r.group}_resultat_afvigelse_pct", r.result_deviation_pct, "%")]
    return out + [("samlet_enhedsomkostning", total["focus"], COST_UNIT),
                  ("samlet_gennemsnit", total["average"], COST_UNIT),
                  ("samlet_afvigelse_pct", total["deviation_pct"], "%")]


def _stated(inputs: Inputs, kind: str, group: str = "samlet") -> float:
    t = inputs.text
    return float(t.loc[(t["kind"] == kind) & (t["group"] == group), "value"].iloc[0])


def join_da(items: list[str]) -> str:
    """`a, b og c` in Danish."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def _report_year(inputs: Inputs) -> str:
    p = inputs.period
    year = p.loc[p["key"] == "report_year", "value"]
    return f"BDO's benchmark fra {year.iloc[0]}" if len(year) else "BDO's benchmark"


def source_summary(inputs: Inputs) -> str:
    """BDO's summary: total spending, full-time persons and unit cost against the others, in the
    past tense with the report's year (its figures are not this edition's), and BDO's own
    verdict on the comparison where the printed costs bear it out (»lidt under gennemsnittet«)."""
    focus, avg = _stated(inputs, "focus_unit_cost"), _stated(inputs, "average_unit_cost")
    verdict = " – lidt under gennemsnittet" if focus < avg else ""
    return (f"Ifølge {_report_year(inputs)} brugte Norddjurs knap "
            f"{fmt.amount(_stated(inputs, 'expenditure'), 'mio. kr.', 1)} på beskæftigelsesindsatsen for "
            f"{fmt.number(_stated(inputs, 'fte'), 0)} fuldtidspersoner, {fmt.amount(focus, 'kr.', 0)} pr. "
            f"fuldtidsperson mod {fmt.amount(avg, 'kr.', 0)} i de øvrige kommuner{verdict}.")


# BDO's own words for each group of its figure 3.4 (afsnit 2 and 3.3): group 4 is »høj
# omkostningseffektivitet«; for groups 1-3 BDO says a potential »kan« be there (»Mulige
# effektiviseringspotentialer«, »Der kan være potentiale for optimering / investering«).
SOURCE_GROUP_WORDS = {4: "høj omkostningseffektivitet", 3: "muligt effektiviseringspotentiale",
                      2: "muligt optimeringspotentiale", 1: "muligt investeringspotentiale"}


def source_conclusion(groups: dict[str, list[int]]) -> str:
    """BDO's grouping of the target groups, in BDO's own hedged words, best group first; a target
    group BDO names in two groups is said to be named twice (both as printed)."""
    parts = []
    for q in (4, 3, 2, 1):
        named = [GROUP_PHRASES[g] for g, qs in groups.items() if q in qs]
        if named:
            parts.append(f"{SOURCE_GROUP_WORDS[q]} (gruppe {q}) for {join_da(named)}")
    twice = {GROUP_PHRASES[g]: sorted(qs, reverse=True) for g, qs in groups.items() if len(qs) > 1}
    tail = "".join(f" BDO nævner {name} i to grupper (gruppe {' og '.join(str(q) for q in qs)})."
                   for name, qs in twice.items())
    return "BDO's konklusion: " + "; ".join(parts) + "." + tail


def range_message(inputs: Inputs) -> str:
    """BDO's summary of which groups cost more than the average (afsnit 2), as BDO's."""
    t = inputs.text
    lo = t.loc[t["kind"] == "deviation_range_min", "value"]
    hi = t.loc[t["kind"] == "deviation_range_max", "value"]
    if not len(lo) or not len(hi):
        return ""
    return (f"Ifølge BDO ligger enhedsomkostningerne for dagpenge, kontanthjælp, uddannelsesparate på "
            f"uddannelseshjælp og revalidering {fmt.number(lo.iloc[0], 0)}–{fmt.number(hi.iloc[0], 0)} pct. over "
            "kommunegennemsnittet og for de øvrige målgrupper tæt på eller under.")


def book_check(regroup: pd.DataFrame) -> str | None:
    """The book's check of BDO's grouping, labelled as the book's, with what decides it."""
    moved = regroup[regroup["moved"]]
    if moved.empty:
        return None
    parts = []
    for r in moved.itertuples():
        text = f"{GROUP_PHRASES[r.group]} i gruppe {int(r.table_group)}"
        if r.deciding_peer:
            text += (f" (det afgøres af én kommunes afgangsrate: {r.deciding_peer} med "
                     f"{fmt.percent(r.deciding_value, 1)})")
        parts.append(text)
    return ("Bogens kontrol: regnet med afgangsraterne i rapportens tabeller i stedet for rapportens figurer "
            f"ligger {join_da(parts)}, ikke i BDO's gruppe.")


def key_messages(chapter: Computed) -> list[str]:
    """Two or three sentences for the top of the chapter, each in its voice: for Norddjurs BDO's
    summary, conclusion and spread of unit costs (the book's regrouping stays in the chapter,
    labelled as the book's check, not in the headline); for a peer focus, computed from the tables."""
    inputs = chapter.inputs
    if chapter.is_norddjurs:
        said = inputs.claims.said
        msgs = [said("sammenfatning", source_summary(inputs)),
                said("konklusion", source_conclusion(chapter.source_groups))]
        spread = range_message(inputs)
        return msgs + ([said("spaend", spread)] if spread else [])
    return [calculated(m) for m in computed_messages(chapter)]


def computed_messages(chapter: Computed) -> list[str]:
    """Key messages computed from the tables (for a focus the source's text does not describe)."""
    ov, total, focus, tolerance_pct = chapter.overview, chapter.total, chapter.focus, chapter.tolerance_pct
    above = ov[ov["deviation_pct"] > tolerance_pct]
    kr = lambda v: fmt.amount(round(v, 1) * 1000, "kr.", 0)  # noqa: E731 (printed to 100 kr.)
    msgs = [f"{focus} har en samlet enhedsomkostning på {kr(total['focus'])} pr. "
            f"fuldtidsperson mod {kr(total['average'])} i gennemsnit for de øvrige "
            f"kommuner ({fmt.percent(total['deviation_pct'], 1, sign=True)})."]
    costed = ov["unit_cost"].notna()
    of = (f"de {int(costed.sum())} målgrupper, hvor rapporten har en enhedsomkostning for {focus}"
          if not costed.all() else f"{len(ov)} målgrupper")
    if len(above):
        top = above.sort_values("deviation_pct", ascending=False).iloc[0]
        msgs.append(f"Enhedsomkostningen ligger over gennemsnittet (mere end {fmt.number(tolerance_pct, 1)} %) "
                    f"for {len(above)} af {of}; mest for {top['label'].lower()} "
                    f"({fmt.percent(top['deviation_pct'], 0, sign=True)}).")
    q = ov["quadrant"].dropna().astype(int)
    parts = [f"{int((q == k).sum())} i gruppe {k} ({QUADRANTS[k].lower()})" for k in (4, 3, 2, 1)]
    unplaced = len(ov) - len(q)
    msgs.append(f"Holdt op mod afgangsraterne i tabellerne ligger {len(q)} målgrupper sådan: "
                + ", ".join(parts) + (f"; for {unplaced} mangler et tal i rapporten" if unplaced else "") + ".")
    return msgs


_MEASURES = {"enhedsomkostning": "enhedsomkostning", "gennemsnit": "gennemsnit for de andre kommuner",
             "afvigelse": "afvigelse fra gennemsnittet", "afvigelse_pct": "afvigelse fra gennemsnittet i procent",
             "rang_hoejeste": "placering (1 = højeste enhedsomkostning)", "kvadrant": "kvadrant",
             "resultat_afvigelse_pct": "resultat: afvigelse fra gennemsnittet i procent"}


def label(name: str) -> str:
    """The Danish label of a benchmark key figure: `dagpenge_afvigelse_pct` → `Dagpenge: afvigelse ...`."""
    from .terms import GROUP_SHORT

    groups = dict(GROUP_SHORT, samlet="Alle målgrupper")
    for group in sorted(groups, key=len, reverse=True):
        rest = name.removeprefix(group + "_")
        if rest != name and rest in _MEASURES:
            return f"{groups[group]}: {_MEASURES[rest]}"
    return name


def described(chapter: Computed):
    """The key figures with label, population (the benchmark report's) and the end of the period
    its figures are measured in (one benchmark year)."""
    from ...core.keyfigures import SOURCE, describe
    from .terms import DOCUMENT

    p = chapter.inputs.period
    end = p.loc[p["key"] == "figures_end", "value"]
    return describe(key_figures(chapter.overview, chapter.total), population=SOURCE, source=DOCUMENT,
                    as_of=str(end.iloc[0]) if len(end) else None, label_of=label,
                    headlines=["samlet_enhedsomkostning"])


def series_spec():
    """What the chapter follows: the focus municipality's unit cost against the others' average,
    by benchmark year (shown once more than one year exists)."""
    from ...core.seriesviews import SeriesSpec

    return SeriesSpec(("samlet_enhedsomkostning", "samlet_gennemsnit"),
                      "Enhedsomkostning for alle målgrupper efter benchmarkår", by_as_of=True,
                      as_of_label="Målt til og med")
