"""What the Kvoter chapter shows: Danish display tables, the sweep figure, its alt text and
the open-data tables.

Everything computed from the unit roster is labelled with the roster's kind ("syntetisk
enhedsliste" while it is the synthetic example): column names, captions, legend, alt text and
the names of open-data files and columns. Unit-level counts of persons pass disclosure
control (`protected_top`) before they are shown or published.
"""
from __future__ import annotations

import pandas as pd

from ...core import disclosure, fmt
from ...core.figures import PALETTE, danish_ticks, new
from . import model
from .inputs import Inputs, quota_columns

MODEL_SHORT = {"unit": "pr. enhed", "area": "pr. direktørområde"}
TOTAL = "I alt"


def roster_label(synthetic: bool) -> str:
    """What the roster is called next to figures computed from it."""
    return "syntetisk enhedsliste" if synthetic else "enhedsliste"


def roster_source(synthetic: bool) -> str:
    """The source line of everything computed from the unit roster."""
    if synthetic:
        return ("syntetisk enhedsliste lavet til denne bog ud fra kildens Tabel 1 og afsnit 2.0 "
                "(fordelingen på enheder og direktørområder er opdigtet)")
    return "kommunens enhedsliste (udtræk fra HR)"


def mix_table(mix: pd.DataFrame) -> pd.DataFrame:
    """Placements by type as the source prints them, with shares and the total."""
    total = pd.DataFrame([{"label": TOTAL, "placements": int(mix["placements"].sum()),
                           "share": float(mix["share"].sum())}])
    df = pd.concat([mix[["label", "placements", "share"]], total], ignore_index=True)
    return pd.DataFrame({"Type (som i kilden)": df["label"], "Pladser": df["placements"].astype(int),
                         "Andel": [fmt.percent(v) for v in df["share"]]})


def tabel1_table(inputs: Inputs, c: model.Computed, max_thresholds: int = 2) -> pd.DataFrame:
    """Tabel 1 as published beside the same figures computed per unit from the roster."""
    roster, t, label = inputs.roster, inputs.quota_table, roster_label(c.synthetic)
    cols = list(quota_columns(t).items())[:max_thresholds]
    out = {"Område": t["area"].tolist(), "Ansatte (kilde)": t["employees"].astype(int).tolist()}
    parts = [roster if r == "total" else roster[roster["area"] == a]
             for a, r in zip(t["area"], t["row_type"])]
    out[f"Ansatte ({label})"] = [int(p["employees"].sum()) for p in parts]
    for n, col in cols:
        out[f"Kvote 1 pr. {n} (kilde)"] = t[col].astype(int).tolist()
        out[f"Kvote 1 pr. {n} ({label})"] = [int(model.quota(p["employees"], n).sum()) for p in parts]
    return pd.DataFrame(out)


def tabel1_open_data(inputs: Inputs) -> pd.DataFrame:
    """Tabel 1 beside the same figures computed per unit from the roster, one row per area
    (and the total) and threshold, in the open data's column names."""
    roster, t = inputs.roster, inputs.quota_table
    columns = ["area", "row_type", "employees", *quota_columns(t).values()]
    rows = []
    for area, row_type, employees, *quotas in t[columns].itertuples(index=False):
        part = roster if row_type == "total" else roster[roster["area"] == area]
        for n, printed in zip(quota_columns(t), quotas):
            rows.append({"area": area, "threshold": n, "employees_printed": int(employees),
                         "employees_roster": int(part["employees"].sum()), "quota_printed": int(printed),
                         "quota_roster": int(model.quota(part["employees"], n).sum())})
    return pd.DataFrame(rows)


# Short headers (at most three lines in print beside the areas' long names); the note under the
# table says what each means.
PLACES_INVENTED = "Pladser (opdigtet fordeling)"
QUOTA_AREA = "Kvote, området under ét"
QUOTA_UNITS = "Kvote, sum over enheder"
NEW_UNIT = "Nye pladser, kvote pr. enhed"
NEW_AREA = "Nye pladser, kvote pr. område"


def area_table(c: model.Computed, n: int) -> pd.DataFrame:
    """Quota, places held and new places per director area under each allocation model, at one
    place per `n` employees."""
    by_area, synthetic = c.by_area[n], c.synthetic
    held = PLACES_INVENTED if synthetic else "Pladser i enhedslisten"
    return pd.DataFrame({
        "Område": by_area["area"],
        held: by_area["held"].astype(int),
        QUOTA_AREA: by_area["quota_naive"].astype(int),
        QUOTA_UNITS: by_area["quota"].astype(int),
        "Kvote − pladser": [fmt.integer(v, sign=True) for v in by_area["gap"]],
        NEW_UNIT: by_area["new_places_unit_model"].astype(int),
        NEW_AREA: by_area["new_places_area_model"].astype(int),
    })


def area_note(c: model.Computed, n: int | None = None) -> str:
    """The note under the area table at one place per `n` employees: what the quota columns
    mean and what is invented; under the tables after the first it refers to the first's note
    (a paragraph is printed once)."""
    synthetic, first = c.synthetic, c.thresholds[0]  # the tables' order
    if n is not None and n != first:
        return f"Kolonnerne og forbeholdet er de samme som i tabellen ved én plads pr. {first} ansatte."
    note = (f"{QUOTA_AREA}: områdets ansatte divideret med grænsen, rundet ned. "
            f"{QUOTA_UNITS}: én plads pr. fulde N ansatte i hver enhed, lagt sammen. "
            "Nye pladser: de pladser, der skal oprettes, når kvoten fordeles pr. enhed "
            "(kontraktholder) eller pr. direktørområde.")
    if synthetic:
        note += (" Kilden oplyser kun pladserne i alt; fordelingen på direktørområder og enheder er "
                 "opdigtet i den syntetiske enhedsliste, så de nye pladser pr. område og model viser, "
                 "hvordan modellerne virker, ikke hvor mange pladser der mangler.")
    return note


def _top_lines(c: model.Computed) -> tuple[dict, list, set, set]:
    """Values, lines (published sums), fixed and unpublished cells of the unit table."""
    u = c.unit_table.set_index("unit_id")
    area_total = c.by_area[c.top_threshold].set_index("area")
    shown = set(c.top["unit_id"])
    values, lines, fixed = {}, [], set()
    for uid, r in u.iterrows():
        for col in ("employees", "held", "quota", "shortfall"):
            values[(uid, col)] = int(r[col])
        lines.append([(uid, "held"), (uid, "shortfall"), (uid, "quota")])
        if uid in shown:
            fixed.add((uid, "quota"))
    for area, ids in c.units_per_area.items():
        for col, total_col in (("employees", "employees"), ("held", "held"),
                               ("shortfall", "new_places_unit_model")):
            key = ("area", area, col)
            values[key] = int(area_total.at[area, total_col])
            fixed.add(key)
            lines.append([(uid, col) for uid in ids] + [key])
    unpublished = {k for k in values if k[0] not in shown and k[0] != "area"}
    return values, lines, fixed, unpublished


def protected_top(c: model.Computed, threshold: int | None = None) -> tuple[pd.DataFrame, int]:
    """The units with the largest shortfall with small person counts hidden (»..«; below
    `threshold`, by default the chapter's `disclosure_threshold`), and how many cells were hidden.
    Lines: each unit's places + shortfall = quota; per director area the sums of employees,
    places and shortfall shown elsewhere in the chapter."""
    threshold = c.disclosure_threshold if threshold is None else threshold
    values, lines, fixed, unpublished = _top_lines(c)
    shown = set(c.top["unit_id"])
    sensitive = [k for k in values if k[0] in shown and k[1] in ("employees", "held")]
    s = disclosure.suppress(values, lines, threshold, sensitive=sensitive, fixed=fixed,
                            unpublished=unpublished)
    top = c.top.copy()
    mask = pd.DataFrame(False, index=top.index, columns=top.columns)
    for uid, col in s.hidden:
        mask.loc[top["unit_id"] == uid, col] = True
    return disclosure.masked(top, mask), len(s.hidden)


def top_table(top: pd.DataFrame) -> pd.DataFrame:
    """The units with the largest shortfall, for the reader (hidden cells stay »..«)."""
    return pd.DataFrame({
        "Enhed": top["unit_name"].where(top["unit_name"].notna(), top["unit_id"]),
        "Område": top["area"], "Ansatte": top["employees"], "Pladser i enhedslisten": top["held"],
        "Kvote": top["quota"], "Mangel": top["shortfall"],
    })


def disclosure_note(c: model.Computed, hidden: int) -> str:
    """The rule of disclosure control (`hidden` cells of the table it applies to), stated under it."""
    threshold = c.disclosure_threshold
    text = (f"Af hensyn til fortroligheden vises antal personer under {fmt.integer(threshold)} "
            "i en enhed ikke; de står som »..«, og det samme gør tal, som ellers ville afsløre dem "
            "(fx mangel, når kvoten er vist).")
    return text + ("" if hidden else " Ingen tal i tabellen er skjult.")


def sweep_table(c: model.Computed) -> pd.DataFrame:
    """Quota and new places at the chapter's thresholds and the sweep's ends, computed from the roster."""
    sweep, thresholds = c.sweep, sweep_thresholds(c)
    s = sweep[sweep["threshold"].isin(thresholds)]
    return pd.DataFrame({
        "Grænse": [f"1 pr. {n}" for n in s["threshold"]],
        QUOTA_UNITS: s["quota_per_unit"].astype(int),
        "Pladser i enhedslisten": s["held"].astype(int),
        "Nye pladser, kommunen under ét": s["new_places_municipality"].astype(int),
        NEW_AREA: s["new_places_area_model"].astype(int),
        NEW_UNIT: s["new_places_unit_model"].astype(int),
        "Enheder uden mangel": [fmt.percent(v, 0) for v in s["share_units_without_shortfall"]],
    })


def sweep_thresholds(c: model.Computed) -> list[int]:
    """The thresholds of the sweep table: the chapter's thresholds and the sweep's ends."""
    s = c.sweep["threshold"]
    return sorted(set(c.thresholds) | {int(s.min()), int(s.max())})


def sweep_figure(sweep: pd.DataFrame, thresholds: list[int], highlight: str, synthetic: bool):
    """Places required and new places needed by threshold, per model; held places as a line."""
    fig, ax = new(figsize=(7.0, 4.0))
    x, tag = sweep["threshold"], f" ({roster_label(synthetic)})"
    series = [
        ("quota_per_unit", "Kvote (pladser i alt, lagt sammen over enheder)", PALETTE[7], "-", "o", None),
        ("new_places_unit_model", "Nye pladser, kvote pr. enhed" + tag, PALETTE[0], "--", "s", "unit"),
        ("new_places_area_model", "Nye pladser, kvote pr. direktørområde" + tag, PALETTE[1], ":", "^", "area"),
    ]
    for col, label, colour, style, marker, mid in series:
        lw = 2.6 if mid == highlight else 1.4
        shown = label + (" (fremhævet)" if mid == highlight else "")
        ax.plot(x, sweep[col], color=colour, linestyle=style, marker=marker, markersize=4,
                linewidth=lw, label=shown)
    ax.axhline(int(sweep["held"].iloc[0]), color=PALETTE[2], linewidth=1.2, linestyle="-.",
               label="Pladser i enhedslisten")
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


def sweep_alt(sweep: pd.DataFrame, highlight: str, synthetic: bool) -> str:
    """The sweep figure in words (alt text), saying what it is computed from."""
    first, last = sweep.iloc[0], sweep.iloc[-1]
    basis = ("Beregnet ud fra den syntetiske enhedsliste, hvor pladsernes fordeling på enheder er "
             "opdigtet. " if synthetic else "Beregnet ud fra enhedslisten. ")
    return (basis + f"Linjediagram over grænsen N fra {int(first['threshold'])} til "
            f"{int(last['threshold'])} ansatte pr. plads. Kvoten falder fra "
            f"{fmt.integer(first['quota_per_unit'])} til {fmt.integer(last['quota_per_unit'])} pladser. "
            f"Antallet af nye pladser med kvoten pr. enhed falder fra "
            f"{fmt.integer(first['new_places_unit_model'])} til {fmt.integer(last['new_places_unit_model'])} "
            f"og ligger over kvoten pr. direktørområde, som falder fra "
            f"{fmt.integer(first['new_places_area_model'])} til {fmt.integer(last['new_places_area_model'])}. "
            f"En vandret linje viser de {fmt.integer(first['held'])} pladser i enhedslisten. Den fremhævede "
            f"model er {MODEL_SHORT[highlight]}.")


def open_data(inputs: Inputs, c: model.Computed, threshold: int | None = None) -> dict[str, pd.DataFrame]:
    """The chapter's open-data tables by name (published as data/kvoter_<name>.csv); tables
    computed from a synthetic roster are named `synthetic_...`; unit-level counts protected."""
    p = "synthetic_" if c.synthetic else ""
    return {
        "placement_mix": c.mix,
        f"{p}tabel1_recomputed": tabel1_open_data(inputs),
        f"{p}by_area": pd.concat([c.by_area[n].assign(threshold=n) for n in c.thresholds],
                                 ignore_index=True),
        f"{p}threshold_sweep": c.sweep,
        f"{p}top_shortfall": protected_top(c, threshold)[0],
    }


def sweep_view(c: model.Computed) -> tuple:
    """The sweep figure and its alt text, with the chapter's thresholds, highlighted model and roster."""
    return (sweep_figure(c.sweep, list(c.thresholds), c.highlight_model, c.synthetic),
            sweep_alt(c.sweep, c.highlight_model, c.synthetic))


def roster_texts(c: model.Computed) -> tuple[str, str]:
    """The roster's source line and its short label."""
    return roster_source(c.synthetic), roster_label(c.synthetic)


def population_table(c: model.Computed) -> pd.DataFrame:
    """The edition's roster beside the source's baseline, each from its own population: employees,
    places held and, per threshold, quota and gap (quota − places of the same population).
    A threshold the source does not compute shows `–` in its column."""
    roster_as_of, source_when = c.roster_as_of, c.source_when
    first = c.summaries[c.thresholds[0]]
    src = c.source
    rows = [("Ansatte", first["employees"], src.employees), ("Pladser i enhedslisten", first["held"], src.places)]
    for n in c.thresholds:
        s, known = c.summaries[n], n in src.required
        rows += [(f"Kvote ved én plads pr. {n} ansatte", s["quota_per_unit"], src.required[n] if known else None),
                 (f"Kvote minus pladser ved 1 pr. {n}", s["gap"], src.gap(n) if known else None)]
    roster_col = f"{roster_label(c.synthetic).capitalize()} pr. {fmt.date(roster_as_of)}"
    source_col = "Budgetanalysen" + (f" (pladser {source_when})" if source_when else "")
    return pd.DataFrame({"Tal": [r[0] for r in rows],
                         roster_col: [fmt.integer(r[1]) for r in rows],
                         source_col: ["–" if r[2] is None else fmt.integer(r[2]) for r in rows]})


def population_note(c: model.Computed) -> str:
    """The note under the population table: each column from its own figures, never mixed."""
    if c.synthetic:
        return ("Den syntetiske enhedsliste er lavet, så den rammer budgetanalysens tal; kolonnerne er "
                "derfor ens, bortset fra tærskler, som kilden ikke regner på.")
    return ("Hver kolonne bygger på sine egne tal: kvoten sammenholdes med pladserne i samme opgørelse. "
            "Enhedslisten og budgetanalysen er opgjort på forskellige tidspunkter og tæller ikke ens, så "
            "bogen trækker ikke den ene fra den anden; forskellen er beskrevet i bilaget Afstemning.")
