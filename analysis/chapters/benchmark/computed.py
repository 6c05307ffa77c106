"""The Jobcenterbenchmark computed once from its inputs and the parameters they were read with
(`focus`, `tolerance_pct`, `groups`): the texts, views and figures read the focus, the tolerance
and the target groups shown from the result, so the notebook never passes a parameter again."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import model
from .inputs import Inputs, resolve_focus, selected_groups


@dataclass(frozen=True)
class Computed:
    """The chapter from its focus' side: the comparison per target group shown, the total, the
    source's groups and the book's regrouping of them."""

    inputs: Inputs
    focus: str
    tolerance_pct: float
    shown: tuple[str, ...]
    overview: pd.DataFrame
    total: dict
    source_groups: dict[str, list[int]]
    regroup: pd.DataFrame

    @property
    def is_norddjurs(self) -> bool:
        """True when the focus is Norddjurs (the first municipality), whose own texts the book has."""
        return self.focus == self.inputs.municipalities[0]


def of(inputs: Inputs, focus: str | None = None, tolerance_pct: float | None = None,
       groups: list[str] | None = None) -> Computed:
    """The chapter computed with the parameters the inputs were read with (`focus`, `tolerance_pct`,
    `groups`), or with the focus, tolerance or target groups given here."""
    focus = inputs.focus_name if focus is None else resolve_focus(focus, inputs.municipalities, inputs.peer_names)
    tolerance_pct = inputs.tolerance_pct if tolerance_pct is None else float(tolerance_pct)
    shown = selected_groups(list(inputs.parameters.get("groups") or []) if groups is None else groups)
    return Computed(inputs, focus, tolerance_pct, tuple(shown),
                    model.group_overview(inputs, focus, tolerance_pct, shown), model.total_comparison(inputs, focus),
                    model.source_groups(inputs), model.regrouping(inputs, tolerance_pct))
