"""Reconciliation of the Jobcenterbenchmark: every printed average and deviation (Tabel 3.2,
3.3, the chapter 5 tables, Bilag 2), the figures stated in the text, and the internal
consistency of Tabel 3.1, Bilag 1 and Bilag 2, as `analysis.core.check.Check`.

`checks(inputs, tolerance_pct)` is the one entry point; the text checks are data (one small
function per kind of statement in the text file) run by one loop.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd

from ...core.check import Check
from ...core.precision import half_unit, printed_decimals
from .consistency import table_checks
from .inputs import Inputs
from .model import compare, group_overview, series, text_quadrants, total_comparison
from .terms import (
    COST_UNIT,
    DOCUMENT,
    GROUPS,
    MCOLS,
    MEASURES,
    QUADRANTS,
    T32,
    T33,
)

KEY_FIGURE_SECTIONS_DA = {"noegletal": "nøgletal", "rammevilkaar": "rammevilkår",
                          "forsoergelsestryk": "forsørgelsestryk", "ressourcefordeling": "ressourcefordeling"}
WITHIN = "forskellen ligger inden for afrundingen af de trykte tal"
BEYOND = "forskellen er større end afrundingen af de trykte tal"


def _src(where: str) -> str:
    return f"{DOCUMENT}, {where}"


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _pct_range(f: float, a: float, h: float) -> tuple[float, float]:
    cands = [((f + df) / (a + da) - 1) * 100 for df in (-h, h) for da in (-h, h) if a + da > 0]
    return min(cands), max(cands)


def _noted(c: Check, lo: float, hi: float) -> Check:
    """When `c` differs, say in its note whether the rounding of the printed inputs
    ([lo, hi]) explains the difference."""
    if c.status != "differs":
        return c
    h = half_unit(printed_decimals(c.published) if c.decimals is None else c.decimals) + 1e-9
    inside = c.published + h >= lo and c.published - h <= hi
    return c.with_finding("", _join(c.note, WITHIN if inside else BEYOND))


def _average(item: str, source: str, vals: pd.Series, published, decimals: int, unit: str,
             note: str = "") -> Check:
    v = vals.dropna()
    comp = float(v.mean()) if len(v) else None
    c = Check(item, source, published, comp, unit, note, decimals)
    if comp is None:
        return c
    return _noted(c, comp - half_unit(decimals), comp + half_unit(decimals))


def _table_3_2_averages(inputs: Inputs) -> list[Check]:
    out = []
    for rec in inputs.unit_costs_by_group.to_dict("records"):
        vals = series(inputs.tidy, T32, rec["group"], rec["measure"]).iloc[1:]
        name = GROUPS.get(rec["group"], "alle målgrupper")
        out.append(_average(f"Tabel 3.2: gennemsnit, {name}, {MEASURES[rec['measure']]}",
                            _src("Tabel 3.2"), vals, rec["average"], 1, COST_UNIT))
    return out


def _table_3_3_averages(inputs: Inputs) -> list[Check]:
    out = []
    for rec in inputs.unit_costs_by_task.to_dict("records"):
        s = series(inputs.tidy, T33, "alle", rec["measure"])
        out.append(_average(f"Tabel 3.3: gennemsnit, {rec['label']}", _src("Tabel 3.3"),
                            s.iloc[1:], rec["average"], 1, COST_UNIT))
        lo, hi = _pct_range(s.iloc[0], s.iloc[1:].mean(), half_unit(1))
        c = Check(f"Tabel 3.3: afvigelse i pct., {rec['label']}", _src("Tabel 3.3"),
                  rec["deviation_pct"], compare(s, s.index[0])["deviation_pct"], "%", decimals=0)
        out.append(_noted(c, lo, hi))
    return out


def _group_note(group: str) -> str:
    if group == "revalidering":
        return "Tabel 5.7 mangler kolonne 5 og 10 i teksten; gennemsnittet beregnes af de viste kommuner"
    if group == "sh_ydelse":
        return "kolonne 8 har ingen SH-ydelse (trykt '-' i Tabel 3.2)"
    return ""


def _group_table_checks(inputs: Inputs) -> list[Check]:
    out = []
    for rec in inputs.group_tables.to_dict("records"):
        g, m, tab, d = rec["group"], rec["measure"], rec["table"], int(rec["decimals"])
        s = series(inputs.tidy, tab, g, m)
        label, note = f"{tab}: {GROUPS[g]}, {MEASURES[m]}", _group_note(g)
        out.append(_average(f"{label}: gennemsnit", _src(tab), s.iloc[1:], rec["average"], d, rec["unit"], note))
        if not pd.isna(rec["deviation"]):
            comp = s.iloc[0] - s.iloc[1:].mean()
            c = Check(f"{label}: afvigelse", _src(tab), rec["deviation"], comp, rec["unit"], note, d)
            out.append(_noted(c, comp - 2 * half_unit(d), comp + 2 * half_unit(d)))
    return out


def _key_figure_averages(inputs: Inputs) -> list[Check]:
    out = []
    for rec in inputs.key_figures.to_dict("records"):
        vals = pd.Series([rec[c] for c in MCOLS[1:]], dtype=float)
        d = max(printed_decimals(v) for v in [rec[c] for c in MCOLS] + [rec["average"]] if not pd.isna(v))
        section = KEY_FIGURE_SECTIONS_DA.get(rec["section"], rec["section"])
        out.append(_average(f"Bilag 2: gennemsnit, {rec['label']} ({section})", _src("Bilag 2"),
                            vals, rec["average"], d, rec["unit"],
                            "gennemsnit af 8 sammenligningskommuner (kolonne 10 mangler i Bilag 2)"))
    return out


def printed_average_checks(inputs: Inputs) -> list[Check]:
    """Every printed average and deviation of Tabel 3.2, 3.3, the chapter 5 tables and Bilag 2,
    recomputed as the mean of the peers (columns 2-10, excluding Norddjurs and gaps)."""
    return (_table_3_2_averages(inputs) + _table_3_3_averages(inputs) + _group_table_checks(inputs)
            + _key_figure_averages(inputs))


class _Text:
    """What the text checks compare with, computed once from Norddjurs' point of view."""

    def __init__(self, inputs: Inputs, tolerance_pct: float):
        self.inputs, self.tolerance = inputs, tolerance_pct
        self.focus = inputs.municipalities[0]
        self.ov = group_overview(inputs, self.focus, tolerance_pct).set_index("group")
        self.exp = inputs.expenditure.set_index("group")
        self.tq = text_quadrants(inputs, tolerance_pct).set_index("group")
        self.total = total_comparison(inputs, self.focus)

    def unit_cost(self, group: str, key: str) -> float:
        return self.total[key] if group == "samlet" else self.ov.loc[group, "unit_cost" if key == "focus" else key]


def _t_unit_cost(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    comp = t.unit_cost(r["group"], "focus") * 1000
    c = Check(f"{head}: Norddjurs' enhedsomkostning, {r['gl']}", src, r["value"], comp, r["unit"],
              "fra Tabel 3.2", -2)
    return [_noted(c, comp - 50, comp + 50)]


def _t_average_unit_cost(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    comp = t.unit_cost(r["group"], "average") * 1000
    c = Check(f"{head}: gennemsnit for de øvrige kommuner, {r['gl']}", src, r["value"], comp, r["unit"],
              "beregnet af Tabel 3.2 ekskl. Norddjurs", -2)
    return [_noted(c, comp - 50, comp + 50)]


def _t_cost_deviation(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    g = r["group"]
    lo, hi = _pct_range(t.ov.loc[g, "unit_cost"], t.ov.loc[g, "average"], half_unit(1))
    c = Check(f"{head}: afvigelse i enhedsomkostning, {r['gl']}", src, r["value"],
              t.ov.loc[g, "deviation_pct"], "%", "beregnet af Tabel 3.2", 0)
    return [_noted(c, lo, hi)]


def _t_rank(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    word = "højeste" if r["kind"] == "rank_highest" else "laveste"
    return [Check(f"{head}: Norddjurs' placering (nr. fra {word}), {r['gl']}", src, r["value"],
                  t.ov.loc[r["group"], r["kind"]], "plads",
                  "beregnet af Tabel 3.2 blandt kommuner med en værdi", 0)]


def _t_result_deviation(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    comp = t.ov.loc[r["group"], "result_deviation_pct"]
    note = "afgangsrate i kapitel 5-tabellen mod gennemsnittet af de øvrige"
    if pd.isna(comp):
        comp, note = None, "Tabel 5.1 findes ikke i teksten, så resultatet kan ikke genberegnes"
    return [Check(f"{head}: afvigelse i resultater (afgangsrate), {r['gl']}", src, r["value"], comp, "%",
                  note, printed_decimals(r["value"]))]


def _t_expenditure(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    return [Check(f"{head}: udgift, {r['gl']}", src, r["value"], t.exp.loc[r["group"], "expenditure"] / 1000,
                  r["unit"], "fra Tabel 3.1 (1.000 kr.)", printed_decimals(r["value"]))]


def _t_fte(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    return [Check(f"{head}: fuldtidspersoner, {r['gl']}", src, r["value"], t.exp.loc[r["group"], "fte"],
                  r["unit"], "fra Tabel 3.1", 0)]


def _t_quadrant(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    g, v, tol = r["group"], r["value"], t.tolerance
    comp = t.ov.loc[g, "quadrant"]
    note = f"af tabellernes afgangsrater, tolerance ±{tol:g} %"
    if comp is None or pd.isna(comp):
        comp, note = None, "resultat mangler (Tabel 5.1 findes ikke i teksten)"
    item = f"{head}: {r['gl']} placeret i gruppe {int(v)} ({QUADRANTS[int(v)]})"
    return [Check(item, src, v, comp, r["unit"], note, 0),
            Check(item + ", af tekstens egne afvigelser", src, v, t.tq.loc[g, "text_quadrant"], r["unit"],
                  f"tekstens afvigelser i enhedsomkostning og resultat, tolerance ±{tol:g} %", 0)]


def _t_deviation_range(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    devs = t.ov.loc[r["group"].split(), "deviation_pct"]
    low = r["kind"].endswith("min")
    return [Check(f"{head}: spænd i afvigelse ({'mindste' if low else 'største'})", src, r["value"],
                  devs.min() if low else devs.max(), "%",
                  "dagpenge, kontanthjælp, uddannelsesparate, revalidering", 0)]


def _t_results_count(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    known = t.ov["quadrant"].dropna()
    tol = t.tolerance
    note = (f"af tabellernes afgangsrater kan det ikke genberegnes: dagpenge mangler (Tabel 5.1), "
            f"og {int(known.isin([3, 4]).sum())} af {len(known)} øvrige ligger på/over")
    item = f"{head}: antal målgrupper med resultater på/over gennemsnittet"
    rd = t.tq["text_result_dev"].dropna()
    return [Check(item, src, r["value"], None, r["unit"], note, 0),
            Check(item + ", af tekstens egne afvigelser", src, r["value"], int((rd >= -tol).sum()), r["unit"],
                  f"tekstens resultatafvigelser, tolerance ±{tol:g} %", 0)]


def _t_share(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    return [Check(f"{head}: udgiftsandel, {r['gl']}", src, r["value"], t.exp.loc[r["group"], "share_pct"], "%",
                  "mod den trykte andel i Tabel 3.1", 1)]


def _t_share_virksomhedsindsats(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    part = series(t.inputs.tidy, T32, "alle", "virksomhedsindsats")
    tot = series(t.inputs.tidy, T32, "alle", "samlet")
    return [Check(f"{head}: andel til virksomhedsindsats", src, r["value"], part.iloc[0] / tot.iloc[0] * 100,
                  "%", "Tabel 3.2: virksomhedsindsats / samlet", 0)]


def _t_share_gap(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    m = "virksomhedsindsats" if "virksomhed" in r["kind"] else "sagsbehandling"
    part = series(t.inputs.tidy, T33, "alle", m)
    tot = series(t.inputs.tidy, T33, "alle", "samlet")
    comp = part.iloc[0] / tot.iloc[0] * 100 - (part.iloc[1:] / tot.iloc[1:] * 100).mean()
    return [Check(f"{head}: forskel i andel til {m} (procentpoint)", src, r["value"], comp, r["unit"],
                  "Tabel 3.3: Norddjurs' andel minus gennemsnittet af de øvriges andele", 0)]


def _t_share_konto_5(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    comp = t.exp.loc["konto_5", "expenditure"] / t.exp.loc["samlet", "expenditure"] * 100
    return [Check(f"{head}: andel finansieret på konto 5", src, r["value"], comp, "%", "Tabel 3.1", 0)]


def _t_unit_prices(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    cd = t.inputs.cost_drivers.set_index("group")
    return [Check(f"{head}: enhedsprisernes bidrag, {r['gl']}", src, r["value"],
                  cd.loc[r["group"], "unit_prices_pct"], "%", "Tabel 4.1", 0)]


def _t_group_mix(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    return [Check(f"{head}: målgruppesammensætningens bidrag", src, r["value"], None, "%",
                  "findes kun i figur 4.1, som ikke er i teksten", 0)]


TEXT_KINDS: dict[str, Callable[[_Text, dict, str, str], list[Check]]] = {
    "focus_unit_cost": _t_unit_cost, "average_unit_cost": _t_average_unit_cost,
    "unit_cost_deviation_pct": _t_cost_deviation, "rank_highest": _t_rank, "rank_lowest": _t_rank,
    "result_deviation_pct": _t_result_deviation, "expenditure": _t_expenditure, "fte": _t_fte,
    "quadrant": _t_quadrant, "deviation_range_min": _t_deviation_range,
    "deviation_range_max": _t_deviation_range, "results_on_or_above_count": _t_results_count,
    "share_pct": _t_share, "share_virksomhedsindsats_pct": _t_share_virksomhedsindsats,
    "share_virksomhedsindsats_gap_pp": _t_share_gap, "share_sagsbehandling_gap_pp": _t_share_gap,
    "share_konto_5_pct": _t_share_konto_5, "cost_driver_unit_prices_pct": _t_unit_prices,
    "cost_driver_group_mix_pct": _t_group_mix,
}


def text_checks(inputs: Inputs, tolerance_pct: float) -> list[Check]:
    """Figures stated in the text (sections 2-5), recomputed from the tables, always from
    Norddjurs' point of view as the source writes it. A kind of statement without a rule in
    `TEXT_KINDS` is not checked."""
    t = _Text(inputs, tolerance_pct)
    out: list[Check] = []
    for rec in inputs.text.to_dict("records"):
        rule = TEXT_KINDS.get(rec["kind"])
        if rule is not None:
            r = {**rec, "gl": GROUPS.get(rec["group"], "alle målgrupper")}
            out += rule(t, r, rec["section"], _src(rec["section"].lower()))
    return out


def checks(inputs: Inputs, tolerance_pct: float) -> list[Check]:
    """Every reconciliation check of the chapter, in the order the book records them."""
    return printed_average_checks(inputs) + text_checks(inputs, tolerance_pct) + table_checks(inputs)


def checks_frame(items: list[Check]) -> pd.DataFrame:
    """The checks as a table (the chapter's open data): item, source, figures, status, note."""
    return pd.DataFrame([{"item": c.item, "source": c.source, "published": c.published,
                          "computed": c.computed, "unit": c.unit, "status": c.status, "note": c.note}
                         for c in items])
