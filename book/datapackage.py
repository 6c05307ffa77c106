"""`datapackage.json`: each edition's open data described as a Frictionless Data Package, so a
stranger can use it: every CSV in `data/`, `reconciliation.csv` and `findings.csv` with the
Danish title, description, unit and type of each column (from the open data's words, recorded
with each table), and `results.json` / `key_figures.json` with the label, unit and definition
of each key figure (the harvest's key-figure metadata)."""
from __future__ import annotations

import json
from typing import Any

from report.protocol import FINDINGS_HEADER, RECONCILIATION_HEADER

from .chapters import column_words, contract_fields, open_data_precision, open_data_words
from .editions import Edition
from .harvest import Harvest

NUMBERS = {"published", "computed", "low", "high"}


def _csv(name: str, path: str, title: str, description: str, fields: list[dict]) -> dict[str, Any]:
    return {"name": name, "path": path, "title": title, "description": description, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": fields}}


def _field(f: dict[str, Any], part: str) -> dict[str, Any]:
    """A column of a published table in the open data's words; one the glossary does not know in
    the words of its chapter's input schema (`book.chapters.column_words`), where it has them."""
    if f.get("title"):
        return f
    words = column_words(part, f["name"])
    return {**f, **words} if words else f


def _table(file: str, h: Harvest, precision: str) -> dict[str, Any]:
    """A published table: its Danish title and description (the one the notebook recorded, else
    the open data's words for it, else a plain one naming the part) and its columns."""
    recorded = h.described.get(file, {})
    part = recorded.get("part") or file.split("_", 1)[0]
    title, description = (open_data_words(file, part)
                          or (f"Åbne data: {file}", f"Tabel fra bogens del {part}, som den vises."))
    title = recorded.get("title") or title
    return _csv(file.removesuffix(".csv").replace("_", "-"), f"data/{file}", title, f"{description} {precision}",
                [_field(f, part) for f in recorded.get("fields") or []])


def _key_figures(h: Harvest) -> list[dict[str, Any]]:
    """Each key figure of results.json: its key (chapter.name), Danish label, unit, definition."""
    out = []
    for chapter, figures in sorted(h.results.items()):
        for name in sorted(figures):
            meta = h.meta.get(chapter, {}).get(name, {})
            out.append({"key": f"{chapter}.{name}", "title": meta.get("label", ""), "unit": meta.get("unit"),
                        "description": meta.get("definition", meta.get("label", ""))})
    return out


def datapackage(edition: Edition, h: Harvest) -> dict[str, Any]:
    """The Data Package descriptor of an edition's open data."""
    precision = open_data_precision()
    resources = [_table(file, h, precision) for file in sorted(h.tables)]
    recon = {c: ("number" if c in NUMBERS else "string") for c in RECONCILIATION_HEADER}
    resources.append(_csv("reconciliation", "reconciliation.csv", "Afstemning",
                          "Hvert trykt tal i kilderne kontrolleret mod det tal, bogen beregner, med det interval, "
                          f"de trykte tal tillader, grundlaget og fundet. {precision}", contract_fields(recon)))
    found = {c: ("integer" if c == "rows" else "string") for c in FINDINGS_HEADER}
    resources.append(_csv("findings", "findings.csv", "Fund",
                          "Det, der ikke stemmer, samlet i fund med en forklaring på dansk.", contract_fields(found)))
    figures = _key_figures(h)
    for name, title in (("results", "Nøgletal"), ("key-figures", "Nøgletal med beskrivelse")):
        resources.append({"name": name, "path": f"{name.replace('-', '_')}.json", "title": title,
                          "description": "Kapitlernes nøgletal som {kapitel: {navn: tal}}; hver nøgle er beskrevet "
                                         f"i keys (betegnelse, enhed, definition). {precision}",
                          "format": "json", "mediatype": "application/json", "encoding": "utf-8", "keys": figures})
    return {"name": f"arbejdsmarkedsudvalget-{edition.id.lower()}",
            "title": f"{edition.title or 'Arbejdsmarkedsudvalgets rapportbog'}, udgave {edition.id}: åbne data",
            "description": "Tallene bag Norddjurs Kommunes arbejdsmarkedsudvalgs rapportbog: tabellerne, som "
                           f"bogen viser, afstemningen med kilderne og nøgletallene. {precision}",
            "version": edition.id, "created": f"{edition.date.isoformat()}T00:00:00Z", "language": "da",
            "resources": resources}


def datapackage_json(edition: Edition, h: Harvest) -> str:
    """datapackage.json's text (sorted, stable bytes)."""
    return json.dumps(datapackage(edition, h), indent=2, ensure_ascii=False) + "\n"
