"""Reconciliation of the Kvoter chapter: every figure the source prints that can be recomputed,
as published against as computed from data/raw (and, for unit-level figures, the roster).

`checks(inputs)` returns plain dicts with the arguments of `analysis.report.check`, so the
notebook only loops over them and the tests can assert each status.
"""
from __future__ import annotations

import math
import re

from ...core import fmt
from ...core.check import status_of
from .inputs import PLACEMENT_TYPES, Inputs, quota_columns
from .model import employees_per_place, held, quota

DOCUMENT = ("Budgetanalyse af kvoter for ansættelser af elever, lærlinge samt personer på "
            "særlige vilkår (Norddjurs Kommune, 2025)")
SHORT = "Budgetanalyse af kvoter (2025)"
_STATED = re.compile(r"^(required|extra_places|increase_pct)_n(\d+)$")


def _check(item, source, published, computed, unit, note="", decimals=None) -> dict:
    return {"item": item, "source": source, "published": published, "computed": computed,
            "unit": unit, "note": note, "decimals": decimals}


def _total(inputs: Inputs):
    t = inputs.quota_table
    return t[t["row_type"] == "total"].iloc[0]


def _areas(inputs: Inputs):
    t = inputs.quota_table
    return t[t["row_type"] == "area"]


def table_checks(inputs: Inputs) -> list[dict]:
    """Tabel 1: the total row against the sum of its area rows."""
    src = f"{SHORT}, Tabel 1"
    total, areas = _total(inputs), _areas(inputs)
    out = [_check("Tabel 1: ansatte i alt = sum af områder", src, int(total["employees"]),
                  int(areas["employees"].sum()), "ansatte")]
    for n, col in quota_columns(inputs.quota_table).items():
        out.append(_check(f"Tabel 1: kvote ved 1 pr. {n} i alt = sum af områder", src,
                          int(total[col]), int(areas[col].sum()), "pladser"))
    return out


def stated_checks(inputs: Inputs) -> list[dict]:
    """Figures stated in the text, recomputed from the placements by type and Tabel 1."""
    places = int(inputs.placements["placements"].sum())
    total = _total(inputs)
    cols = quota_columns(inputs.quota_table)
    out = []
    for _, row in inputs.stated.iterrows():
        fig, src = row["figure"], f"{SHORT}, afsnit {row['section']}"
        unit, published = row["unit"] if isinstance(row["unit"], str) else "", row["value"]
        note, computed, decimals = "", None, None
        m = _STATED.match(fig)
        if fig == "places_held":
            item = "Pladser i alt = sum af typer"
            computed = places
            note = "Summen af løntilskud, fleksjob, virksomhedspraktik og voksenlærlinge (afsnit 2.0)."
        elif fig == "employees_per_place":
            item = "Ansatte pr. plads (Tabel 1 i alt / pladser)"
            computed = employees_per_place(int(total["employees"]), places)
            decimals = 0
        elif m and int(m.group(2)) in cols:
            kind, n = m.group(1), int(m.group(2))
            required = int(total[cols[n]])
            if kind == "required":
                item, computed = f"Pladser ved 1 pr. {n} (tekst mod Tabel 1 i alt)", required
            elif kind == "extra_places":
                item, computed = f"Pladser mere ved 1 pr. {n} (Tabel 1 i alt − pladser)", required - places
            else:
                item = f"Stigning ved 1 pr. {n} i procent af pladserne i dag"
                computed = 100.0 * (required - places) / places if places else None
                decimals = 1
        else:
            item = f"{row['statement']}"
            note = "Tallet kan ikke genberegnes ud fra de øvrige tal i kilden."
        status = status_of(published, computed, decimals)
        if status == "differs" and fig.startswith("increase_pct"):
            note = f"Uafrundet giver kildens tal {fmt.percent(computed, 2)}."
            if math.floor(computed * 10) / 10 == published:
                note += " Det trykte tal svarer til at skære decimalen af i stedet for at afrunde."
        out.append(_check(item, src, published, computed, unit, note, decimals))
    return out


def example_checks(inputs: Inputs) -> list[dict]:
    """The worked examples of the quota rule (one place per full N employees)."""
    out = []
    for _, r in inputs.examples.iterrows():
        out.append(_check(f"Eksempel: enhed med {r['employees']} ansatte ved 1 pr. {r['threshold']}",
                          f"{SHORT}, afsnit {r['section']}", int(r["quota"]),
                          int(quota(int(r["employees"]), int(r["threshold"]))), "pladser"))
    return out


def roster_checks(inputs: Inputs, synthetic: bool) -> list[dict]:
    """The unit roster against the published figures: employees and per-unit quotas per area
    (Tabel 1) and placements by type."""
    roster = inputs.roster
    kind = ("Enhedslisten er syntetisk og konstrueret, så den rammer de offentliggjorte tal."
            if synthetic else "Enhedslisten er analytikerens udtræk.")
    src = f"{SHORT}, Tabel 1"
    out = []
    for _, r in inputs.quota_table.iterrows():
        part = roster if r["row_type"] == "total" else roster[roster["area"] == r["area"]]
        out.append(_check(f"Tabel 1, {r['area']}: ansatte (enhedsliste)", src,
                          int(r["employees"]), int(part["employees"].sum()), "ansatte", kind))
        for n, col in quota_columns(inputs.quota_table).items():
            out.append(_check(f"Tabel 1, {r['area']}: kvote ved 1 pr. {n} beregnet pr. enhed",
                              src, int(r[col]), int(quota(part["employees"], n).sum()),
                              "pladser", kind))
    for _, p in inputs.placements.iterrows():
        out.append(_check(f"Pladser, {p['label']} (enhedsliste)", f"{SHORT}, afsnit 2.0",
                          int(p["placements"]), int(roster[p["placement_type"]].sum()),
                          "pladser", kind))
    assert set(PLACEMENT_TYPES) <= set(roster.columns)
    out.append(_check("Pladser i alt (enhedsliste)", f"{SHORT}, afsnit 2.0",
                      int(inputs.placements["placements"].sum()), int(held(roster).sum()),
                      "pladser", kind))
    return out


def checks(inputs: Inputs, synthetic: bool = True) -> list[dict]:
    """Every reconciliation check of the chapter, in the order the chapter shows them."""
    return (stated_checks(inputs) + table_checks(inputs) + example_checks(inputs)
            + roster_checks(inputs, synthetic))
