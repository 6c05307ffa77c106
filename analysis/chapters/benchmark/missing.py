"""What the benchmark report does not print, said as missing: the recorded gaps, and for a
focus municipality the reason one of its figures has no value (a printed »-«, a column or a
table missing in the text). The book never fills a gap; it names it."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ...core.memo import per_object
from .inputs import Inputs
from .rows import printed_row
from .terms import GAP_KINDS, GROUPS, MEASURES


def gap_table(inputs: Inputs) -> pd.DataFrame:
    """The recorded gaps, for the reader: table, group, measure, municipality, kind, reason."""
    rows = []
    for rec in inputs.gaps.to_dict("records"):
        col = rec["column"]
        rows.append({"table": rec["table"],
                     "group": "alle" if rec["group"] == "*" else GROUPS.get(rec["group"], rec["group"]),
                     "measure": ("alle rækker" if rec["measure"] == "*"
                                 else MEASURES.get(rec["measure"], rec["measure"])),
                     "municipality": "alle" if pd.isna(col) else inputs.municipalities[int(col) - 1],
                     "kind": GAP_KINDS[rec["kind"]]})
    return pd.DataFrame(rows)


@per_object  # asked for the same rows by several views
def gap_of(inputs: Inputs, table: str, group: str, measure: str, focus: str) -> str:
    """Why the focus has no value in one printed row, in Danish (`trykt som »-«`, `kolonnen
    mangler i teksten`, `tabellen mangler i teksten`); "" when the row has a value for it."""
    row = printed_row(inputs.tidy, table, group, measure)
    if row is None:
        return GAP_KINDS["table_not_in_text"]
    if focus not in row.labels:
        return "intet tal"
    at = row.labels.index(focus)
    if not np.isnan(row.values[at]):
        return ""
    return GAP_KINDS.get(row.gaps[at], "intet tal") if row.gaps[at] is not None else "intet tal"


def missing_cost_note(ov: pd.DataFrame, focus: str) -> str:
    """A table note for the overview: which target groups have no unit cost for the focus and
    why (as the report prints it); "" when every group has one."""
    gone = ov[ov["unit_cost"].isna()]
    if gone.empty:
        return ""
    parts = [f"{r.label.lower()} ({r.unit_cost_gap})" for r in gone.itertuples()]
    return (f"»–«: rapportens tabel 3.2 har ingen enhedsomkostning for {focus} for "
            + _join(parts) + "; bogen udfylder ikke tallet, så afvigelse og placering mangler også.")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]
