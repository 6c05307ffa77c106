"""Checks of the figures stated in the text of the Jobcenterbenchmark (sections 2-5), always
from Norddjurs' point of view as the source writes it: one small rule per kind of statement
(`TEXT_KINDS`), run by one loop. Recomputed figures carry the interval their printed inputs
allow; a figure the text repeats from a table is a `cross_reference`."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from ...core import fmt
from ...core.check import Check
from ...core.precision import Approx, mean, pct_deviation, pp_difference, printed_decimals, share_pct
from . import findings as F
from .inputs import Inputs
from .model import group_overview, printed_average_rule, series, text_quadrants
from .terms import DOCUMENT, GROUP_TABLES, GROUPS, QUADRANTS, RESULT_MEASURE, T32, T33

XREF = "cross_reference"


def _printed(values: pd.Series, decimals: int = 1) -> list[Approx]:
    return [Approx.printed(v, decimals) for v in values.tolist() if not pd.isna(v)]


def _compare(values: pd.Series) -> tuple[Approx | None, Approx | None]:
    """Norddjurs' printed value and the mean of the others, as intervals."""
    focus, others = values.iloc[0], _printed(values.iloc[1:], printed_decimals_of(values))
    if pd.isna(focus) or not others:
        return None, None
    return Approx.printed(focus, printed_decimals_of(values)), mean(others)


def _num(v) -> str:
    return "–" if v is None or pd.isna(v) else str(int(v))


def printed_decimals_of(values: pd.Series) -> int:
    """The printed precision of a row of one-decimal figures (unit costs, rates)."""
    return max([printed_decimals(round(v, 6)) for v in values.dropna()] + [1])


def _rank(values: pd.Series, lowest: bool) -> Approx | None:
    """Norddjurs' rank (1 = highest, or lowest) with the ranks the printed rounding allows:
    an other municipality within rounding of Norddjurs may lie on either side."""
    focus = values.iloc[0]
    others = values.iloc[1:].dropna()
    sign = -1 if lowest else 1
    sure = int(((others - focus) * sign > 0.1 + 1e-9).sum())
    maybe = int(((others - focus) * sign > -0.1 + 1e-9).sum())
    return Approx(float(int(((others - focus) * sign > 0).sum()) + 1), sure + 1.0, maybe + 1.0)


class _Text:
    """What the text checks compare with, computed once from Norddjurs' point of view."""

    def __init__(self, inputs: Inputs, tolerance_pct: float):
        self.inputs, self.tolerance = inputs, tolerance_pct
        self.ov = group_overview(inputs, inputs.municipalities[0], tolerance_pct).set_index("group")
        self.exp = inputs.expenditure.set_index("group")
        self.tq = text_quadrants(inputs, tolerance_pct).set_index("group")
        # BDO's own rule: over or under the average, no band of »på niveau« (section 3.3)
        self.tq_bdo = text_quadrants(inputs, 0.0).set_index("group")

    def cost(self, group: str) -> pd.Series:
        """Tabel 3.2's unit costs of a target group (or the total), by municipality."""
        return series(self.inputs.tidy, T32, "alle" if group == "samlet" else group,
                      "samlet" if group == "samlet" else "enhedsomkostning")

    def result(self, group: str) -> pd.Series:
        """The afgangsrater of a target group's chapter 5 table, by municipality."""
        return series(self.inputs.tidy, GROUP_TABLES[group], group, RESULT_MEASURE)


Rule = Callable[[_Text, dict, str, str], list[Check]]


def _unit_cost(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    focus, avg = _compare(t.cost(r["group"]))
    if r["kind"] == "focus_unit_cost":
        return [Check.of(f"{head}: Norddjurs' enhedsomkostning, {r['gl']}", src, r["value"], focus * 1000,
                         unit=r["unit"], note="samme tal som Tabel 3.2", decimals=-2, basis=XREF)]
    rule = None if r["group"] == "samlet" else printed_average_rule(t.inputs, r["group"], r["value"] / 1000)
    note = "beregnet af Tabel 3.2 ekskl. Norddjurs"
    if rule is not None and rule.parameter is not None and rule.name.startswith("mean_without"):
        values = t.cost(r["group"])
        left = values.index[int(rule.parameter)]
        note = (f"beregnet af Tabel 3.2 ekskl. Norddjurs, {rule.title} som rapportens {GROUP_TABLES[r['group']]}; "
                f"med {left} (Tabel 3.2's trykte gennemsnit): {fmt.number(avg.value * 1000, -2)} kr.")
        avg = mean(_printed(values.iloc[1:].drop(index=left), printed_decimals_of(values)))
        rule = None
    return [Check.of(f"{head}: gennemsnit for de øvrige kommuner, {r['gl']}", src, r["value"], avg * 1000,
                     unit=r["unit"], note=note, decimals=-2,
                     finding=F.average_rule_name(GROUP_TABLES[r["group"]]) if rule else "")]


def _stated(t: _Text, r: dict, kind: str) -> float | None:
    """The figure of `kind` the text states for the same group in the same section, if any."""
    tx = t.inputs.text
    rows = tx[(tx["kind"] == kind) & (tx["group"] == r["group"]) & (tx["section"] == r["section"])]
    return float(rows["value"].iloc[0]) if len(rows) else None


def _cost_deviation(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    """The stated deviation against Tabel 3.2, and, where the same section states Norddjurs'
    unit cost and the others' average too, against those two stated figures (the source's own
    consistency: BDO's »79 pct.« for revalidering does not follow from its own 55.500 kr.)."""
    focus, avg = _compare(t.cost(r["group"]))
    out = [Check.of(f"{head}: afvigelse i enhedsomkostning, {r['gl']}", src, r["value"],
                    pct_deviation(focus, avg), unit="%", note="beregnet af Tabel 3.2", decimals=0)]
    own_focus, own_avg = _stated(t, r, "focus_unit_cost"), _stated(t, r, "average_unit_cost")
    if own_focus is not None and own_avg is not None:
        dev = pct_deviation(Approx.printed(own_focus / 1000, 1), Approx.printed(own_avg / 1000, 1))
        out.append(Check.of(f"{head}: afvigelse i enhedsomkostning mod tekstens eget gennemsnit, {r['gl']}", src,
                            r["value"], dev, unit="%", decimals=0, finding=F.TWO_AVERAGES,
                            note=(f"tekstens {fmt.number(own_focus, 0)} kr. mod tekstens "
                                  f"{fmt.number(own_avg, 0)} kr.")))
    return out


def _rank_check(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    lowest = r["kind"] == "rank_lowest"
    return [Check.of(f"{head}: Norddjurs' placering (nr. fra {'laveste' if lowest else 'højeste'}), {r['gl']}",
                     src, r["value"], _rank(t.cost(r["group"]), lowest), unit="plads", decimals=0,
                     note="beregnet af Tabel 3.2 blandt kommuner med en værdi", finding=F.RANKS)]


def _result_deviation(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    item = f"{head}: afvigelse i resultater (afgangsrate), {r['gl']}"
    values = t.result(r["group"])
    if values.empty:
        return [Check(item, src, r["value"], None, "%", "Tabel 5.1 findes ikke i tekstudgaven",
                      printed_decimals(r["value"]), finding=F.IMAGES)]
    focus, avg = _compare(values)
    return [Check.of(item, src, r["value"], pct_deviation(focus, avg), unit="%", finding=F.RESULTS,
                     note="afgangsraten i kapitel 5-tabellen mod gennemsnittet af de øvrige",
                     decimals=printed_decimals(r["value"]))]


def _amount(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    g = r["group"]
    if r["kind"] == "fte":
        return [Check(f"{head}: fuldtidspersoner, {r['gl']}", src, r["value"], t.exp.loc[g, "fte"], r["unit"],
                      "samme tal som Tabel 3.1", 0, basis=XREF)]
    amount = Approx.printed(t.exp.loc[g, "expenditure"], 0) / 1000
    return [Check.of(f"{head}: udgift, {r['gl']}", src, r["value"], amount,
                     unit=r["unit"], note="samme beløb som Tabel 3.1 (der i 1.000 kr.)",
                     decimals=printed_decimals(r["value"]), basis=XREF)]


def _quadrant(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    g, v, tol = r["group"], r["value"], t.tolerance
    item = f"{head}: {r['gl']} placeret i gruppe {int(v)} ({QUADRANTS[int(v)]})"
    comp = t.ov.loc[g, "quadrant"]
    if comp is None or pd.isna(comp):
        first = Check(item, src, v, None, r["unit"], "resultatet mangler (Tabel 5.1 findes ikke i tekstudgaven)", 0,
                      finding=F.IMAGES)
    else:
        first = Check(item, src, v, comp, r["unit"], f"af tabellernes afgangsrater, tolerance ±{tol:g} %", 0,
                      finding=F.RESULTS)
    strict = t.tq_bdo.loc[g, "text_quadrant"]
    return [first, Check(item + ", af tekstens egne afvigelser", src, v, strict, r["unit"],
                         "tekstens afvigelser i enhedsomkostning og resultat efter BDO's gruppedefinitioner (over "
                         "eller under gennemsnittet); med bogens grænse for »på niveau« (±"
                         f"{fmt.number(tol, 1)} %, bogens læsning): gruppe {_num(t.tq.loc[g, 'text_quadrant'])}", 0,
                         finding=F.TEXT_GROUPS)]


def _deviation_range(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    devs = [pct_deviation(*_compare(t.cost(g))) for g in r["group"].split()]
    low = r["kind"].endswith("min")
    pick = min if low else max
    comp = Approx(pick(d.value for d in devs), pick(d.low for d in devs), pick(d.high for d in devs))
    return [Check.of(f"{head}: spænd i afvigelse ({'mindste' if low else 'største'})", src, r["value"], comp,
                     unit="%", note="dagpenge, kontanthjælp, uddannelsesparate, revalidering", decimals=0)]


def _results_count(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    known = t.ov["quadrant"].dropna()
    n_good, n_unknown = int(known.isin([3, 4]).sum()), int(t.ov["quadrant"].isna().sum())
    item = f"{head}: antal målgrupper med resultater på/over gennemsnittet"
    rd = t.tq["text_result_dev"].dropna()
    return [Check.of(item, src, r["value"], Approx(n_good, n_good, n_good + n_unknown), unit=r["unit"], decimals=0,
                     note=(f"af tabellernes afgangsrater ligger {n_good} af {len(known)} målgrupper på/over; "
                           f"med dagpenge (Tabel 5.1 mangler) højst {n_good + n_unknown}"), finding=F.RESULTS),
            Check(item + ", af tekstens egne afvigelser", src, r["value"], int((rd >= -t.tolerance).sum()), r["unit"],
                  f"tekstens resultatafvigelser, tolerance ±{t.tolerance:g} %", 0)]


def _share(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    return [Check(f"{head}: udgiftsandel, {r['gl']}", src, r["value"], t.exp.loc[r["group"], "share_pct"], "%",
                  "samme tal som den trykte andel i Tabel 3.1", 1, basis=XREF)]


def _share_virksomhedsindsats(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    part = series(t.inputs.tidy, T32, "alle", "virksomhedsindsats")
    tot = series(t.inputs.tidy, T32, "alle", "samlet")
    return [Check.of(f"{head}: andel til virksomhedsindsats", src, r["value"],
                     share_pct(Approx.printed(part.iloc[0], 1), Approx.printed(tot.iloc[0], 1)), unit="%",
                     note="Tabel 3.2: virksomhedsindsats / samlet", decimals=0)]


def _share_gap(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    m = "virksomhedsindsats" if "virksomhed" in r["kind"] else "sagsbehandling"
    part = [Approx.printed(v, 1) for v in series(t.inputs.tidy, T33, "alle", m)]
    tot = [Approx.printed(v, 1) for v in series(t.inputs.tidy, T33, "alle", "samlet")]
    shares = [share_pct(p, w) for p, w in zip(part, tot)]
    return [Check.of(f"{head}: forskel i andel til {m} (procentpoint)", src, r["value"],
                     pp_difference(shares[0], mean(shares[1:])), unit=r["unit"], decimals=0,
                     note="Tabel 3.3: Norddjurs' andel minus gennemsnittet af de øvriges andele")]


def _share_konto_5(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    comp = share_pct(Approx.printed(t.exp.loc["konto_5", "expenditure"], 0),
                     Approx.printed(t.exp.loc["samlet", "expenditure"], 0))
    return [Check.of(f"{head}: andel finansieret på konto 5", src, r["value"], comp, unit="%", note="Tabel 3.1",
                     decimals=0)]


def _cost_driver(t: _Text, r: dict, head: str, src: str) -> list[Check]:
    if r["kind"] == "cost_driver_group_mix_pct":
        return [Check(f"{head}: målgruppesammensætningens bidrag", src, r["value"], None, "%",
                      "findes kun i figur 4.1, der er et billede", 0, finding=F.IMAGES)]
    cd = t.inputs.cost_drivers.set_index("group")
    return [Check(f"{head}: enhedsprisernes bidrag, {r['gl']}", src, r["value"], cd.loc[r["group"], "unit_prices_pct"],
                  "%", "samme tal som Tabel 4.1", 0, basis=XREF)]


TEXT_KINDS: dict[str, Rule] = {
    "focus_unit_cost": _unit_cost, "average_unit_cost": _unit_cost, "unit_cost_deviation_pct": _cost_deviation,
    "rank_highest": _rank_check, "rank_lowest": _rank_check, "result_deviation_pct": _result_deviation,
    "expenditure": _amount, "fte": _amount, "quadrant": _quadrant, "deviation_range_min": _deviation_range,
    "deviation_range_max": _deviation_range, "results_on_or_above_count": _results_count, "share_pct": _share,
    "share_virksomhedsindsats_pct": _share_virksomhedsindsats, "share_virksomhedsindsats_gap_pp": _share_gap,
    "share_sagsbehandling_gap_pp": _share_gap, "share_konto_5_pct": _share_konto_5,
    "cost_driver_unit_prices_pct": _cost_driver, "cost_driver_group_mix_pct": _cost_driver,
}


def text_checks(inputs: Inputs, tolerance_pct: float) -> list[Check]:
    """Figures stated in the text, recomputed from the tables. A kind of statement without a
    rule in `TEXT_KINDS` is not checked."""
    t = _Text(inputs, tolerance_pct)
    out: list[Check] = []
    for rec in inputs.text.to_dict("records"):
        rule = TEXT_KINDS.get(rec["kind"])
        if rule is not None:
            r = {**rec, "gl": GROUPS.get(rec["group"], "alle målgrupper")}
            out += rule(t, r, rec["section"], f"{DOCUMENT}, {rec['section'].lower()}")
    return out
