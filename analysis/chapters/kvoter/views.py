"""What the Kvoter chapter shows: Danish display tables, the sweep figure and the key messages.

Everything here is presentation of numbers computed in `model` (Danish labels for the reader,
numbers formatted by `analysis.fmt` or by `report.table`)."""
from __future__ import annotations

import pandas as pd

from report.protocol import BASES

from ...core import fmt
from ...core.check import Check
from ...core.figures import PALETTE, danish_ticks, new
from ...core.tables import escape_markdown
from . import model
from .inputs import Inputs, quota_columns
from .results import MODEL_SHORT


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


# ---------------------------------------------------------------- texts for the notebook
SYNTHETIC_NOTICE = (
    "Kilden oplyser kun antal ansatte og kvoter pr. direktørområde. Tallene pr. "
    "enhed i dette kapitel bygger på en **syntetisk enhedsliste**, der er konstrueret, så den "
    "rammer kildens tal for ansatte og kvoter pr. direktørområde og pladser pr. type præcist. "
    "Fordelingen på enheder er opdigtet og kun til illustration, indtil et udtræk fra HR med "
    "de faktiske enheder (kontraktholdere/p-numre) lægges ind.")


def roster_source(synthetic: bool, roster_file: str) -> str:
    """The source line of everything computed from the unit roster."""
    return ("syntetisk enhedsliste konstrueret ud fra kildens Tabel 1 og afsnit 2.0"
            if synthetic else f"enhedsliste ({roster_file})")


def background_text(inputs: Inputs) -> str:
    """Section "Baggrund": the committee's task and the thresholds the source computes."""
    published_n = " eller ".join(f"{n}." for n in sorted(quota_columns(inputs.quota_table)))
    return (
        "## Baggrund\n\nKommunalbestyrelsen har bedt Arbejdsmarkedsudvalget undersøge, hvad det vil "
        "betyde at fastsætte en kvote for, hvor mange elever, lærlinge og personer på særlige vilkår "
        "kommunen skal have i forhold til sit antal medarbejdere. Kvoten skal gøre kommunens sociale "
        "ansvar som arbejdsgiver synligt og kunne tages i brug med det samme.\n\n"
        f"Budgetanalysen regner på en kvote på én plads pr. {published_n} medarbejder og beskriver to "
        "måder at fordele den på. Den nævner også, at behovet for nye pladser \"med stor "
        "sandsynlighed\" bliver større end forskellen mellem kvote og nuværende pladser, fordi enheder "
        "med mange pladser ikke kan forventes at skære ned, mens enheder uden pladser skal op. Dette "
        "kapitel regner den forskel ud for hver grænse og hver fordelingsmodel.")


def today_text(c: model.Computed, date_text: str) -> str:
    """Section "Pladser i dag": the placements by type and the roster's places per employee."""
    mix, s0 = c.mix, c.summaries[c.thresholds[0]]
    biggest = mix.sort_values("placements", ascending=False).iloc[0]
    return (
        f"## Pladser i dag\n\nPr. {date_text} var {fmt.integer(mix['placements'].sum())} borgere "
        f"tilknyttet kommunen som arbejdsgiver i et virksomhedsrettet forløb, fleksjob eller som "
        f"voksenlærling. Den største gruppe er {biggest['label']} med {fmt.percent(biggest['share'])} "
        f"af pladserne. Borgere fra andre kommuner er ikke talt med. Enhedslisten har "
        f"{fmt.integer(s0['held'])} pladser og {fmt.integer(s0['employees'])} ansatte, svarende til én "
        f"plads pr. {fmt.number(model.employees_per_place(s0['employees'], s0['held']), 1)} ansatte.")


def quota_rule_text(inputs: Inputs) -> str:
    """Section on the quota rule: why Tabel 1's quotas are below employees divided by N."""
    tot = inputs.quota_table[inputs.quota_table["row_type"] == "total"].iloc[0]
    cols = quota_columns(inputs.quota_table)
    parts = "; ".join(f"ved 1 pr. {n} giver division {fmt.integer(int(tot['employees']) // n)} "
                      f"pladser, mens Tabel 1 viser {fmt.integer(int(tot[c]))}" for n, c in cols.items())
    return (
        "## Kvoten ved én plads pr. N ansatte\n\nKvoten gælder pr. enhed: en enhed skal have én "
        "plads for hver fulde N ansatte, så en enhed med færre end N ansatte skal ingen have. Kvoten "
        "for et direktørområde og for kommunen er summen af enhedernes kvoter. Det forklarer, hvorfor "
        "kildens kvoter er lavere end de samlede ansatte divideret med N: " + parts + ". Tabellen "
        "viser Tabel 1 ved siden af de samme tal beregnet pr. enhed ud fra enhedslisten. Kilden "
        "siger ikke direkte, at Tabel 1 er beregnet pr. enhed, men tallene passer med det.")


def threshold_text(n: int, s: dict) -> str:
    """The paragraph on one threshold: quota, places held and new places per model."""
    return (
        f"### Én plads pr. {n} ansatte\n\nKvoten beregnet pr. enhed er "
        f"{fmt.integer(s['quota_per_unit'])} pladser mod {fmt.integer(s['held'])} i dag. Med kvoten "
        f"fordelt pr. enhed skal der oprettes {fmt.integer(s['new_places_unit_model'])} nye pladser, "
        f"fordelt pr. direktørområde {fmt.integer(s['new_places_area_model'])}, og for kommunen "
        f"under ét {fmt.integer(s['new_places_municipality'])}. "
        f"{fmt.integer(s['units_without_shortfall'])} af {fmt.integer(s['units'])} enheder "
        f"({fmt.percent(s['share_units_without_shortfall'], 0)}) lever allerede op til deres kvote.")


def sweep_text(sweep: pd.DataFrame) -> str:
    """The paragraph above the sweep figure: where the two models differ most."""
    widest = sweep.loc[sweep["model_difference"].idxmax()]
    lo, hi = int(sweep["threshold"].min()), int(sweep["threshold"].max())
    return (
        f"### Kvote og nye pladser ved forskellige grænser\n\nFiguren viser, hvordan kvoten og "
        f"behovet for nye pladser ændrer sig, når grænsen flyttes fra én plads pr. {lo} til én "
        f"pr. {hi} ansatte. Forskellen mellem de to modeller er størst ved én plads pr. "
        f"{int(widest['threshold'])} ansatte, hvor modellen pr. enhed kræver "
        f"{fmt.integer(widest['model_difference'])} nye pladser mere end modellen pr. direktørområde, "
        "fordi overskud i én enhed ikke kan dække mangel i en anden.")


def sweep_thresholds(c: model.Computed) -> list[int]:
    """The thresholds of the sweep table: the chapter's thresholds and the sweep's ends."""
    s = c.sweep["threshold"]
    return sorted(set(c.thresholds) | {int(s.min()), int(s.max())})


def top_text(c: model.Computed, synthetic: bool) -> str:
    """The paragraph above the table of units with the largest shortfall."""
    return (f"## Enheder med størst mangel\n\nVed én plads pr. {c.top_threshold} ansatte mangler "
            f"{fmt.integer(c.units_short)} enheder pladser. "
            f"Tabellen viser de {fmt.integer(len(c.top))} enheder med den største mangel."
            + (" Enhederne er syntetiske." if synthetic else ""))


def afstemning_text(checks: list[Check], findings: list[tuple[str, str, str]]) -> str:
    """Section "Afstemning med kilden": what was verified, and the findings with their rows."""
    by_basis = {b: [c for c in checks if c.basis == b] for b in BASES}
    rec = by_basis["recomputed"]
    text = (f"## Afstemning med kilden\n\nKapitlet har regnet {fmt.integer(len(rec))} af kildens tal "
            f"efter ud fra kildens egne detaljer; {fmt.integer(sum(c.status == 'match' for c in rec))} "
            "stemmer.")
    if by_basis["cross_reference"]:
        text += (f" {fmt.integer(len(by_basis['cross_reference']))} tal står både i teksten og i "
                 "Tabel 1; de er sammenlignet, men tæller ikke som genberegnet.")
    if by_basis["synthetic"]:
        text += (f" {fmt.integer(len(by_basis['synthetic']))} kontroller sammenligner den syntetiske "
                 "enhedsliste med kildens tal; listen er lavet, så de passer, og de tæller derfor "
                 "ikke som kontrol af kilden.")
    if not findings:
        return text + " Der er ingen fund."
    items = [f"- **{escape_markdown(title)}** ({fmt.integer(sum(c.finding == name for c in checks))} "
             f"tal): {escape_markdown(expl)}" for name, title, expl in findings]
    return text + "\n\n" + "\n".join(items)


def open_data(inputs: Inputs, c: model.Computed) -> dict[str, pd.DataFrame]:
    """The chapter's open-data tables, by name (published as data/kvoter_<name>.csv)."""
    return {
        "placement_mix": c.mix,
        "tabel1_recomputed": tabel1_table(inputs),
        "by_area": pd.concat([c.by_area[n].assign(threshold=n) for n in c.thresholds],
                             ignore_index=True),
        "threshold_sweep": c.sweep,
        "top_shortfall": c.top,
    }
