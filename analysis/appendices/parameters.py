"""Bilag A (Parametre): each part's parameters with Danish labels, and what changed since the
previous edition. The program's parameter names appear only in the open data."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping

import pandas as pd

from ..core import fmt

# What each parameter means, for a reader of the book (the machine name stays in the open data).
LABELS: dict[str, dict[str, str]] = {
    "rammer": {
        "meeting_rules_file": "Datafil: udvalgets mødeform",
        "tasks_file": "Datafil: udvalgets opgaver",
        "political_room_file": "Datafil: udvalgets politiske råderum",
        "asks_file": "Datafil: hvad udvalget blev bedt om",
        "periods_file": "Datafil: perioder, tallene gælder for",
        "blocks": "Viste afsnit (tom = alle)",
        "edition_months": "Måneder, hvor en udgave udkommer",
        "budget_shares_file": "Datafil: budgetandele 2022",
        "benchmark_file": "Datafil: ministerens benchmark, forventet og faktisk antal",
        "framework_file": "Datafil: VIVEs rammevilkår",
        "contact_file": "Datafil: borgere i kontakt med jobcentret",
        "intro_figures_file": "Datafil: nøgletal fra introduktionen",
        "key_figures_file": "Datafil: nøgletal fra KL og VIVE",
        "akasse_agreements_file": "Datafil: a-kasser med samarbejdsaftale",
        "akasse_coverage_file": "Datafil: a-kassernes medlemsdækning",
        "annual_cycle_file": "Datafil: udvalgets årshjul",
    },
    "kvoter": {
        "periods_file": "Datafil: perioder, tallene gælder for",
        "committee_file": "Datafil: hvad udvalget bliver bedt om",
        "disclosure_threshold": "Mindste antal personer, der vises i en tabel under direktørområde",
        "reference_date": "Opgørelsesdato",
        "thresholds": "Grænser: ansatte pr. plads",
        "highlight_model": "Fremhævet fordelingsmodel",
        "sweep_min": "Mindste grænse i følsomhedsberegningen (ansatte)",
        "sweep_max": "Største grænse i følsomhedsberegningen (ansatte)",
        "top_units": "Antal enheder i oversigten over størst mangel",
        "roster_is_synthetic": "Enhedslisten er syntetisk eksempeldata",
        "roster_file": "Datafil: enhedsliste med ansatte og pladser",
        "roster_date": "Opgørelsesdato for enhedslisten",
        "placements_file": "Datafil: pladser efter type",
        "quota_table_file": "Datafil: Tabel 1, beregning af kvote",
        "quota_examples_file": "Datafil: regneeksempler på kvoten",
        "stated_figures_file": "Datafil: tal nævnt i teksten",
    },
    "beskaeftigelsesplan": {
        "explanations_file": "Datafil: forvaltningens forklaringer",
        "committee_file": "Datafil: hvad udvalget blev bedt om",
        "abbreviations_file": "Datafil: forkortelser",
        "plan_years": "Planår",
        "rounds": "Opfølgningsrunde pr. planår",
        "example_notice": "Bemærkning om eksempeldata",
        "register_file": "Datafil: målregister",
        "followup_file": "Datafil: opfølgning på målene",
        "summary_file": "Datafil: optællinger i sagsfremstillingen",
        "derived_file": "Datafil: afledte tal i målteksterne",
    },
    "investeringer": {
        "case_notes_file": "Datafil: notatets forklaring pr. investering",
        "reasons_file": "Datafil: notatets begrundelser for det manglende provenu",
        "committee_file": "Datafil: hvad udvalget blev bedt om",
        "judgement_file": "Datafil: forvaltningens vurdering af budget 2021",
        "years": "År",
        "cases": "Viste investeringscases (tom = alle)",
        "follow_up_date": "Opfølgningsdato",
        "baseline_series": "Sammenligningsgrundlag for varighed på ydelse",
        "cases_file": "Datafil: investeringscases",
        "amounts_file": "Datafil: beløb pr. case og år",
        "published_amounts_file": "Datafil: trykte beløb pr. case og år",
        "published_net_file": "Datafil: trykte nettobeløb pr. case",
        "tabel1_file": "Datafil: Tabel 1, samlet oversigt",
        "activity_file": "Datafil: aktivitet pr. case",
        "headlines_file": "Datafil: hovedtal fra notatet",
        "survival_file": "Datafil: varighed på ydelse (forløbskurver)",
    },
    "benchmark": {
        "period_file": "Datafil: perioder, tallene gælder for",
        "source_notes_file": "Datafil: rapportens forbehold og overvejelser til udvalget",
        "focus": "Kommune i fokus",
        "groups": "Viste målgrupper (tom = alle)",
        "tolerance_pct": "Tolerance ved afstemning (%)",
        "unit_costs_by_group_file": "Datafil: enhedsomkostninger pr. målgruppe",
        "unit_costs_by_task_file": "Datafil: enhedsomkostninger pr. opgave",
        "group_tables_file": "Datafil: målgruppetabeller",
        "key_figures_file": "Datafil: nøgletal for kommunerne (Bilag 2)",
        "expenditure_file": "Datafil: udgifter pr. målgruppe",
        "cost_drivers_file": "Datafil: omkostningsdrivere",
        "fte_correction_file": "Datafil: korrektion af fuldtidspersoner",
        "text_statements_file": "Datafil: tal nævnt i teksten",
        "gaps_file": "Datafil: register over manglende tal",
        "peer_names_file": "Datafil: betegnelser for sammenligningskommunerne",
    },
    "datagrundlag": {
        "provenance_files": "Kilderegistre (filer)",
    },
}


def label(part: str, key: str) -> str:
    """The Danish label of a parameter; a parameter without one is named as a data file or by
    its name in words, so a new parameter never breaks the book."""
    known = LABELS.get(part, {}).get(key)
    if known:
        return known
    words = key.removesuffix("_file").replace("_", " ")
    return f"Datafil: {words}" if key.endswith("_file") else words.capitalize()


def _value(v: Any) -> str:
    """A parameter value as the reader sees it: Danish numbers and dates, a data file by its
    name, lists as a comma list, empty as "(tom)"."""
    if isinstance(v, bool):
        return "ja" if v else "nej"
    if isinstance(v, (int, float)):
        return fmt.number(v, 0 if float(v).is_integer() else len(str(v).split(".")[-1]))
    if isinstance(v, list):
        return ", ".join(_value(x) for x in v) if v else "(tom)"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_value(x)}" for k, x in v.items()) if v else "(tom)"
    if v == "":
        return "(tom)"
    text = str(v)
    try:
        return fmt.date(dt.date.fromisoformat(text))
    except ValueError:
        pass
    if "/" in text and "*" not in text:
        return text.split("/")[-1]  # a data file by its name (table cells are text, never markup)
    return text


def parameter_changes(current: Mapping[str, Mapping[str, Any]],
                      previous: Mapping[str, Mapping[str, Any]] | None) -> pd.DataFrame:
    """One row per part and parameter: Danish label, value now, and what it was in the previous
    edition (the machine name is kept in `parameter` for the open data)."""
    rows = []
    for part, params in current.items():
        before = (previous or {}).get(part, {})
        for key, value in params.items():
            if previous is None:
                change = "–"
            elif key not in before:
                change = "ny"
            elif before[key] != value:
                change = f"ændret (før: {_value(before[key])})"
            else:
                change = "uændret"
            rows.append({"part": part, "parameter": key, "label": label(part, key), "value": value,
                         "change": change})
    return pd.DataFrame(rows, columns=["part", "parameter", "label", "value", "change"])


def parameter_table(changes: pd.DataFrame, part: str) -> pd.DataFrame:
    """One part's parameters for the book: Danish label, value, change."""
    sub = changes[changes["part"] == part]
    return pd.DataFrame({
        "Parameter": list(sub["label"]),
        "Værdi": [_value(v).replace("|", "/") for v in sub["value"]],
        "Ændring": list(sub["change"]),
    })


def all_parameters_table(changes: pd.DataFrame, titles: Mapping[str, str]) -> pd.DataFrame:
    """Every parameter of the edition, part by part, in one table (the HTML book's reference)."""
    return changed_parameter_table(changes, titles)


def parameters_print_note() -> str:
    """Where the full list of parameters is (it is kept out of the PDF)."""
    return "Den fulde liste over udgavens parametre, kapitel for kapitel, står i net-udgaven af bogen."


def _is_file(v) -> bool:
    return isinstance(v, str) and "/" in v and bool(re.search(r"\.(csv|xlsx|json|ya?ml)$", v))


def changed_parameter_table(changes: pd.DataFrame, titles: Mapping[str, str],
                            file_names: bool = True) -> pd.DataFrame:
    """The parameters that are new or changed since the previous edition, all chapters at once.
    Without `file_names` (the printed table of changes) a data file that changed is »ny
    datafil« instead of its file's name: the reader learns that the chapter reads new data, the
    full table in the HTML book and the open data name the files."""
    hide = [not file_names and _is_file(v) for v in changes["value"]]
    return pd.DataFrame({
        "Kapitel": [titles.get(p, p) for p in changes["part"]],
        "Parameter": list(changes["label"]),
        "Værdi": ["ny datafil" if h else _value(v).replace("|", "/") for v, h in zip(changes["value"], hide)],
        "Ændring": [re.sub(r" \(før: .*\)$", "", c) if h else c for c, h in zip(changes["change"], hide)],
    })


def moved_parameters(changes: pd.DataFrame) -> pd.DataFrame:
    """The rows of parameters that are new or changed since the previous edition."""
    return changes[changes["change"].str.startswith(("ændret", "ny"))]


def parameters_intro(previous: str | None, changes: pd.DataFrame) -> str:
    """The appendix's opening: what it shows, where the machine names are, what changed."""
    text = ("Bilaget viser alle parametre, som udgaven er dannet med, kapitel for kapitel: de valg, "
            "der ligger fast for udgaven, og de datafiler, den bygger på (se Bilag B). Programmets "
            "egne navne på parametrene står i bogens [åbne data](data/). ")
    if not previous:
        return text + "Der er ingen tidligere udgave at sammenligne med."
    n = len(moved_parameters(changes))
    return (text + f"Kolonnen *Ændring* sammenligner med udgave {previous}. "
            f"Antal parametre, der er nye eller ændret siden udgave {previous}: {fmt.integer(n)}.")
