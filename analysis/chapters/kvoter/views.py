"""What the Kvoter chapter shows: Danish display tables, the sweep figure and the key messages.

Everything here is presentation of numbers computed in `model` (Danish labels for the reader,
numbers formatted by `analysis.fmt` or by `report.table`)."""
from __future__ import annotations

import pandas as pd

from ...core import fmt
from ...core.check import status_of
from ...core.figures import PALETTE, danish_ticks, new
from . import model
from .inputs import Inputs, quota_columns

MODEL_SHORT = {"unit": "pr. enhed", "area": "pr. direktørområde"}
STATUS_DA = {"match": "stemmer", "differs": "afviger", "not_reproducible": "kan ikke genberegnes"}


def mix_table(mix: pd.DataFrame) -> pd.DataFrame:
    total = pd.DataFrame([{"label": "I alt", "placements": int(mix["placements"].sum()),
                           "share": float(mix["share"].sum()), "in_roster": int(mix["in_roster"].sum())}])
    df = pd.concat([mix[["label", "placements", "share", "in_roster"]], total], ignore_index=True)
    return pd.DataFrame({
        "Type (som i kilden)": df["label"],
        "Pladser": df["placements"].astype(int),
        "Andel": [fmt.percent(v) for v in df["share"]],
        "Pladser i enhedslisten": df["in_roster"].astype(int),
    })


def tabel1_table(inputs: Inputs, max_thresholds: int = 2) -> pd.DataFrame:
    """Tabel 1 as published beside the same figures computed per unit from the roster."""
    roster, t = inputs.roster, inputs.quota_table
    cols = list(quota_columns(t).items())[:max_thresholds]
    out = {"Område": t["area"].tolist(), "Ansatte (kilde)": t["employees"].astype(int).tolist()}
    parts = [roster if r == "total" else roster[roster["area"] == a]
             for a, r in zip(t["area"], t["row_type"])]
    out["Ansatte (enhedsliste)"] = [int(p["employees"].sum()) for p in parts]
    for n, col in cols:
        out[f"Kvote 1 pr. {n} (kilde)"] = t[col].astype(int).tolist()
        out[f"Kvote 1 pr. {n} (pr. enhed)"] = [int(model.quota(p["employees"], n).sum()) for p in parts]
    return pd.DataFrame(out)


def area_table(by_area: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Område": by_area["area"],
        "Pladser i dag": by_area["held"].astype(int),
        "Naiv kvote": by_area["quota_naive"].astype(int),
        "Kvote pr. enhed": by_area["quota"].astype(int),
        "Kvote − pladser": [fmt.integer(v, sign=True) for v in by_area["gap"]],
        "Nye pladser, model pr. enhed": by_area["new_places_unit_model"].astype(int),
        "Nye pladser, model pr. område": by_area["new_places_area_model"].astype(int),
    })


def top_table(top: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Enhed": top["unit_name"].where(top["unit_name"].notna(), top["unit_id"]),
        "Område": top["area"],
        "Ansatte": top["employees"].astype(int),
        "Pladser i dag": top["held"].astype(int),
        "Kvote": top["quota"].astype(int),
        "Mangel": top["shortfall"].astype(int),
    })


def sweep_table(sweep: pd.DataFrame, thresholds: list[int]) -> pd.DataFrame:
    s = sweep[sweep["threshold"].isin(thresholds)]
    return pd.DataFrame({
        "Grænse": [f"1 pr. {n}" for n in s["threshold"]],
        "Kvote pr. enhed": s["quota_per_unit"].astype(int),
        "Pladser i dag": s["held"].astype(int),
        "Nye pladser, kommunen under ét": s["new_places_municipality"].astype(int),
        "Nye pladser, model pr. område": s["new_places_area_model"].astype(int),
        "Nye pladser, model pr. enhed": s["new_places_unit_model"].astype(int),
        "Enheder uden mangel": [fmt.percent(v, 0) for v in s["share_units_without_shortfall"]],
    })


def checks_table(checks: list[dict]) -> pd.DataFrame:
    def num(v, d):
        if v is None:
            return fmt.MISSING
        return fmt.number(v, d if d is not None else (0 if float(v).is_integer() else 1))

    return pd.DataFrame({
        "Tal": [c["item"] for c in checks],
        "Kilde": [c["source"].split(", ", 1)[-1] for c in checks],
        "Trykt": [num(c["published"], c["decimals"]) for c in checks],
        "Beregnet": [num(c["computed"], 1 if c["decimals"] is None and c["computed"] is not None
                         and not float(c["computed"]).is_integer() else c["decimals"]) for c in checks],
        "Status": [STATUS_DA[status_of(c["published"], c["computed"], c["decimals"])] for c in checks],
    })


def sweep_figure(sweep: pd.DataFrame, thresholds: list[int], highlight: str):
    """Places required and new places needed by threshold, per model; held places as a line."""
    fig, ax = new(figsize=(7.0, 4.0))
    x = sweep["threshold"]
    series = [
        ("quota_per_unit", "Kvote (pladser i alt, beregnet pr. enhed)", PALETTE[7], "-", "o", None),
        ("new_places_unit_model", "Nye pladser, model pr. enhed", PALETTE[0], "--", "s", "unit"),
        ("new_places_area_model", "Nye pladser, model pr. direktørområde", PALETTE[1], ":", "^", "area"),
    ]
    for col, label, colour, style, marker, mid in series:
        lw = 2.6 if mid == highlight else 1.4
        shown = label + (" (fremhævet)" if mid == highlight else "")
        ax.plot(x, sweep[col], color=colour, linestyle=style, marker=marker, markersize=4,
                linewidth=lw, label=shown)
    ax.axhline(int(sweep["held"].iloc[0]), color=PALETTE[2], linewidth=1.2, linestyle="-.",
               label="Pladser i dag")
    for n in thresholds:
        if x.min() <= n <= x.max():
            ax.axvline(n, color="#BBBBBB", linewidth=0.8, zorder=0)
            ax.annotate(f"1 pr. {n}", (n, ax.get_ylim()[1]), ha="center", va="bottom",
                        fontsize=8, annotation_clip=False)
    ax.set_xlabel("Grænse: én plads pr. N ansatte (N)")
    ax.set_ylabel("Pladser")
    danish_ticks(ax, "y")
    ax.legend(loc="upper right", fontsize=8)
    return fig


def sweep_alt(sweep: pd.DataFrame, highlight: str) -> str:
    first, last = sweep.iloc[0], sweep.iloc[-1]
    return (f"Linjediagram over grænsen N fra {int(first['threshold'])} til {int(last['threshold'])} "
            f"ansatte pr. plads. Kvoten falder fra {fmt.integer(first['quota_per_unit'])} til "
            f"{fmt.integer(last['quota_per_unit'])} pladser. Antallet af nye pladser i modellen pr. enhed "
            f"falder fra {fmt.integer(first['new_places_unit_model'])} til "
            f"{fmt.integer(last['new_places_unit_model'])} og ligger over modellen pr. direktørområde, "
            f"som falder fra {fmt.integer(first['new_places_area_model'])} til "
            f"{fmt.integer(last['new_places_area_model'])}. En vandret linje viser de "
            f"{fmt.integer(first['held'])} pladser i dag. Den fremhævede model er "
            f"{MODEL_SHORT[highlight]}.")


def key_messages(summaries: dict[int, dict], highlight: str, date_text: str,
                 synthetic: bool, placements_total: int | None = None) -> list[str]:
    """Two or three computed sentences: today, the strictest and the loosest threshold.

    `placements_total` is the count by type; where the roster holds another number of places,
    the first sentence says so (the rest of the chapter is computed from the roster)."""
    ns = sorted(summaries)
    s0 = summaries[ns[0]]
    ratio = model.employees_per_place(s0["employees"], s0["held"])
    first = (f"Pr. {date_text} havde kommunen {fmt.integer(s0['held'])} pladser til elever, lærlinge "
             f"og personer på særlige vilkår, svarende til én plads pr. {fmt.number(ratio, 1)} ansatte")
    if placements_total is not None and placements_total != s0["held"]:
        first += (f" (ifølge enhedslisten; opgørelsen pr. type har "
                  f"{fmt.integer(placements_total)} pladser)")
    msgs = [first + "."]
    other = "area" if highlight == "unit" else "unit"
    basis = " (syntetisk enhedsliste)" if synthetic else ""
    for n in ([ns[0], ns[-1]] if len(ns) > 1 else [ns[0]]):
        s = summaries[n]
        new_h, new_o = s[f"new_places_{highlight}_model"], s[f"new_places_{other}_model"]
        level = (f"{fmt.integer(s['gap'])} flere end i dag" if s["gap"] > 0 else
                 f"{fmt.integer(-s['gap'])} færre end i dag" if s["gap"] < 0 else "lige så mange som i dag")
        msgs.append(f"Ved én plads pr. {n} ansatte kræver kvoten {fmt.integer(s['quota_per_unit'])} "
                    f"pladser, {level}; fordelt {MODEL_SHORT[highlight]} skal der oprettes "
                    f"{fmt.integer(new_h)} nye pladser{basis}, mod {fmt.integer(new_o)} "
                    f"fordelt {MODEL_SHORT[other]}.")
    return msgs


def _value(v, unit: str, decimals) -> str:
    d = decimals if decimals is not None else (0 if float(v).is_integer() else 1)
    return fmt.percent(v, d) if unit == "%" else f"{fmt.number(v, d)} {unit}".strip()


def differs_sentences(checks: list[dict]) -> list[str]:
    """One sentence per check whose printed figure does not follow from the source's detail."""
    out = []
    for c in checks:
        if status_of(c["published"], c["computed"], c["decimals"]) != "differs":
            continue
        where = c["source"].split(", ", 1)[-1]
        out.append(f"I {where} trykker kilden {_value(c['published'], c['unit'], c['decimals'])}, "
                   f"men kildens egne tal giver {_value(c['computed'], c['unit'], c['decimals'])} "
                   f"({c['item'][0].lower() + c['item'][1:]}). {c['note']}".strip())
    return out
