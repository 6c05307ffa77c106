"""Key figures and key messages of the Jobcenterbenchmark chapter."""
from __future__ import annotations

import pandas as pd

from ...core import fmt
from .terms import COST_UNIT, QUADRANTS


def key_figures(ov: pd.DataFrame, total: dict) -> list[tuple[str, float, str]]:
    """The chapter's key figures for results.json, as (name, value, unit): per target group the
    focus' unit cost, the others' average, the deviation (1.000 kr. and %), the rank from the
    highest and, where the result is known, the group and the result deviation; then the totals."""
    out = []
    for r in ov.itertuples():
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


def key_messages(ov: pd.DataFrame, total: dict, focus: str, tolerance_pct: float) -> list[str]:
    """Two or three computed sentences for the top of the chapter."""
    above = ov[ov["deviation_pct"] > tolerance_pct]
    kr = lambda v: fmt.amount(round(v, 1) * 1000, "kr.", 0)  # noqa: E731 (printed to 100 kr.)
    msgs = [f"{focus} har en samlet enhedsomkostning på {kr(total['focus'])} pr. "
            f"fuldtidsperson mod {kr(total['average'])} i gennemsnit for de øvrige "
            f"kommuner ({fmt.percent(total['deviation_pct'], 1, sign=True)})."]
    if len(above):
        top = above.sort_values("deviation_pct", ascending=False).iloc[0]
        msgs.append(f"Enhedsomkostningen ligger over gennemsnittet (mere end {fmt.number(tolerance_pct, 1)} %) "
                    f"for {len(above)} af {len(ov)} målgrupper; mest for {top['label'].lower()} "
                    f"({fmt.percent(top['deviation_pct'], 0, sign=True)}).")
    q = ov["quadrant"].dropna().astype(int)
    parts = [f"{int((q == k).sum())} i gruppe {k} ({QUADRANTS[k].lower()})" for k in (4, 3, 2, 1)]
    msgs.append(f"Holdt op mod afgangsraterne i tabellerne ligger {len(q)} målgrupper sådan: "
                + ", ".join(parts) + ".")
    return msgs
