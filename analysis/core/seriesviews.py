"""What a chapter shows of its series: »Siden sidste udgave« (the change table and one sentence
per material change) and the development of chosen key figures across every published edition
of the series (a figure, its alt text and the table beside it). Built on `analysis.core.series`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd
from matplotlib.ticker import MaxNLocator

from . import fmt
from .figures import PALETTE, danish_ticks, new
from .keyfigures import POPULATION_LABELS, KeyFigure, base_name
from .series import (
    Series,
    change_sentences,
    change_table,
    current_figures,
    decimals_of,
    read_series,
    show_value,
    shown_table,
)
from .tables import escape_markdown

SOURCE_LINE = "Bogens udgaver: de offentliggjorte nøgletal for hver udgave (bogens åbne data)"


@dataclass(frozen=True)
class Section:
    """Markdown, an optional notice, figure and table, in the order the notebook shows them."""
    text: str = ""
    notice: str = ""
    figure: Any = None
    alt: str = ""
    table: pd.DataFrame | None = None
    caption: str = ""
    source: str = SOURCE_LINE
    note: str | None = None
    extra: dict = field(default_factory=dict)
    # False where the figure already shows every row of the table: the table then stays in the
    # HTML book (the exact values, for screen readers too) and the PDF shows the thing once
    table_in_print: bool = True


@dataclass(frozen=True)
class SeriesSpec:
    """The key figures (base names, without population prefix) a chapter follows across editions,
    and whether editions are grouped by the date their data refer to (`by_as_of`, e.g. one point
    per benchmark year)."""
    names: tuple[str, ...]
    title: str
    by_as_of: bool = False
    as_of_label: str = "Opgjort"
    labels: Mapping[str, str] = field(default_factory=dict)  # short labels for table and legend


def invented_notice(series: Series | None, chapter: str) -> str:
    """The notice for a chapter that reads invented example data in this edition (else "")."""
    files = (series.invented_inputs.get(chapter) if series else None) or []
    if not files:
        return ""
    n = len(files)
    which = "en opdigtet datafil" if n == 1 else f"{fmt.integer(n)} opdigtede datafiler"
    return ("Denne udgave er en **eksempeludgave**: kapitlet bygger helt eller delvist på opdigtede "
            f"eksempeldata, ikke på tal fra Norddjurs Kommune ({which}; se Bilag B). Tallene og "
            "ændringerne viser, hvordan bogen ser ud, når et nyt kvartal kommer.")


def notice_section(series_file: str | Path | None, chapter: str) -> Section:
    """Only the notice that the chapter reads invented example data (empty when it does not)."""
    return Section(notice=invented_notice(read_series(series_file), chapter))


def since_last(series_file: str | Path | None, chapter: str, figures: Iterable[KeyFigure],
               notice: bool = True) -> Section:
    """»Siden sidste udgave«: empty when the edition has no previous one; a plain sentence when the
    previous edition is not published; else the material changes in sentences and a table. The
    invented-data notice comes first unless `notice` is False (the chapter showed it already)."""
    series = read_series(series_file)
    notice = invented_notice(series, chapter) if notice else ""
    if series is None or series.previous is None:
        return Section(notice=notice)
    prev = series.previous
    head = "## Siden sidste udgave\n\n"
    if not prev.published:
        return Section(head + f"Den forrige udgave ({escape_markdown(prev.id)}) er ikke offentliggjort, så "
                       f"kapitlet kan ikke vise, hvad der er ændret siden da. {escape_markdown(prev.note)}", notice)
    table = change_table(chapter, prev, current_figures(figures))
    if chapter not in prev.figures:
        return Section(head + f"Udgave {escape_markdown(prev.id)} har ingen nøgletal for dette kapitel, "
                       "så ændringerne kan ikke vises.", notice)
    sentences = change_sentences(table, prev.id)
    same = int((~table["material"]).sum())
    when = f"udgave {escape_markdown(prev.id)} ({fmt.date(prev.date)})" if prev.date else f"udgave {prev.id}"
    if not sentences:
        return Section(head + f"Ingen af kapitlets {fmt.integer(same)} nøgletal har ændret sig siden {when}.",
                       notice)
    text = head + f"Sammenlignet med {when}:\n\n" + "\n".join(f"- {escape_markdown(s)}" for s in sentences)
    if same:
        text += f"\n\nDe øvrige {fmt.integer(same)} nøgletal er uændrede."
    shown = shown_table(table, prev.id, series.edition or "Denne udgave")
    hidden = int(table["material"].sum()) - len(shown)
    note = (f"Tabellen viser {fmt.integer(len(shown))} af de {fmt.integer(int(table['material'].sum()))} "
            "nøgletal; alle står i bilaget Ændringer siden sidste udgave." if hidden > 0 else None)
    return Section(text, notice, table=shown, note=note,
                   caption=f"Nøgletal, der har ændret sig siden udgave {prev.id}",
                   source="Udgave " + prev.id + ": dens offentliggjorte nøgletal (bogens åbne data); denne "
                          "udgave: kapitlets egne beregninger")


def _lookup(figs: Mapping[str, Mapping[str, Any]], chapter: str, base: str) -> tuple[str, Mapping] | None:
    for name, meta in figs.items():
        if base_name(chapter, name) == base:
            return name, meta
    return None


def series_frame(series: Series, chapter: str, current: Mapping[str, Mapping[str, Any]],
                 spec: SeriesSpec) -> pd.DataFrame:
    """One row per published edition (oldest first, this edition last) and followed figure:
    edition, date, as_of, base name, label, unit, value and population."""
    rows = []
    editions = [(e.id, e.date, e.chapter(chapter)) for e in series.earlier if e.published]
    editions.append((series.edition or "Denne udgave", series.date, {k: dict(v) for k, v in current.items()}))
    for eid, date, figs in editions:
        for base in spec.names:
            hit = _lookup(figs, chapter, base)
            if hit:
                meta = hit[1]
                rows.append({"edition": eid, "date": date, "as_of": meta.get("as_of") or date, "name": base,
                             "label": spec.labels.get(base) or meta.get("label") or base, "unit": meta.get("unit"),
                             "value": meta["value"], "population": meta.get("population") or ""})
    df = pd.DataFrame(rows, columns=["edition", "date", "as_of", "name", "label", "unit", "value", "population"])
    if spec.by_as_of and not df.empty:
        df = df.drop_duplicates(["as_of", "name"], keep="last").sort_values("as_of", kind="stable")
    return df.reset_index(drop=True)


def _points(df: pd.DataFrame, spec: SeriesSpec) -> list[str]:
    key = "as_of" if spec.by_as_of else "edition"
    return list(dict.fromkeys(df[key]))


WIDE_MAX = 3  # up to this many figures the table has one column per figure; else one row each


def _when(value) -> str:
    return fmt.date(value) if _is_date(value) else str(value)


def _by_figure(df: pd.DataFrame) -> pd.DataFrame:
    """The rows figure by figure (in the spec's order), each figure's editions oldest first."""
    order = {n: i for i, n in enumerate(dict.fromkeys(df["name"]))}
    return df.assign(_order=df["name"].map(order)).sort_values("_order", kind="stable")


def series_table(df: pd.DataFrame, spec: SeriesSpec) -> pd.DataFrame:
    """The series as a table: one row per edition (or data date) and a column per figure, or,
    for more than WIDE_MAX figures (so the table fits the page) or figures of different dates in
    one edition, one row per edition and figure, each with its own date."""
    key = "as_of" if spec.by_as_of else "edition"
    # One row per edition and figure when the figures are many (so the table fits the page), or
    # when the figures of one edition are dated differently (each keeps its own date).
    mixed = bool((df.groupby(key)["as_of"].nunique() > 1).any())
    if df["name"].nunique() > WIDE_MAX or mixed:
        return pd.DataFrame([{"Udgave": r.edition, spec.as_of_label: _when(r.as_of), "Nøgletal": r.label,
                              "Værdi": show_value(r.value, r.unit, decimals_of(r.unit, *df.loc[df["name"] == r.name,
                                                                                               "value"])),
                              "Grundlag": POPULATION_LABELS.get(r.population, r.population)}
                             for r in _by_figure(df).itertuples()])
    rows = []
    for point in _points(df, spec):
        part = df[df[key] == point]
        row = {"Udgave": ", ".join(dict.fromkeys(part["edition"])), spec.as_of_label: _when(part["as_of"].iloc[0])}
        for r in part.itertuples():
            row[r.label] = show_value(r.value, r.unit, decimals_of(r.unit, *df.loc[df["name"] == r.name, "value"]))
        pops = sorted({POPULATION_LABELS.get(p, p) for p in part["population"] if p})
        row["Grundlag"] = ", ".join(pops)
        rows.append(row)
    return pd.DataFrame(rows)


def _is_date(value) -> bool:
    try:
        pd.Timestamp(str(value))
        return len(str(value)) == 10
    except ValueError:
        return False


def series_figure(df: pd.DataFrame, spec: SeriesSpec):
    """A line per followed figure across the editions (or data dates) of the series; only the
    points of this edition's population are drawn, so a synthetic and a real series never join."""
    key = "as_of" if spec.by_as_of else "edition"
    fig, ax = new(figsize=(7.0, 3.6))
    points = _points(df, spec)
    markers = "osD^vP*X"
    for i, (_name, part) in enumerate(df.groupby("name", sort=False)):
        x = [points.index(p) for p in part[key]]
        ax.plot(x, part["value"], marker=markers[i % len(markers)], color=PALETTE[i % len(PALETTE)],
                linewidth=1.6, markersize=5, label=part["label"].iloc[0])
    ax.set_xticks(range(len(points)), [str(p) for p in points])
    ax.set_xlabel("Udgave" if key == "edition" else spec.as_of_label)
    units = {u for u in df["unit"] if u}
    if len(units) == 1:
        ax.set_ylabel(units.pop())
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ticks = [t for t in ax.get_yticks() if not pd.isna(t)]
    danish_ticks(ax, "y", 0 if all(float(t).is_integer() for t in ticks) else 1)
    ax.legend(loc="best", fontsize=7)
    return fig


def series_alt(df: pd.DataFrame, spec: SeriesSpec) -> str:
    """The series figure in words: each line from its first to its last value."""
    key = "as_of" if spec.by_as_of else "edition"
    parts = []
    for _, part in df.groupby("name", sort=False):
        first, last = part.iloc[0], part.iloc[-1]
        d = decimals_of(first["unit"], *part["value"])
        parts.append(f"{first['label']}: {show_value(first['value'], first['unit'], d)} i {first[key]}, "
                     f"{show_value(last['value'], last['unit'], d)} i {last[key]}")
    return (f"Linjediagram over {spec.title.lower()} i {len(_points(df, spec))} udgaver af bogen. "
            + "; ".join(parts) + ".")


def development(series_file: str | Path | None, chapter: str, figures: Iterable[KeyFigure],
                spec: SeriesSpec) -> Section:
    """»Udviklingen over udgaverne«: the followed figures across every published edition of the
    series, as a figure with alt text and a table beside it; a sentence while there is one point."""
    series = read_series(series_file)
    if series is None or not series.earlier:
        return Section()
    head = "## Udviklingen over udgaverne\n\n"
    df = series_frame(series, chapter, current_figures(figures), spec)
    unpublished = [e.id for e in series.earlier if not e.published]
    missing = (f" Udgave {', '.join(unpublished)} er ikke offentliggjort og indgår ikke." if unpublished else "")
    points = _points(df, spec) if not df.empty else []
    if len(points) < 2:
        what = "dato for tallene" if spec.by_as_of else "udgave"
        return Section(head + f"Serien har indtil nu kun én {what} med {spec.title.lower()}; udviklingen "
                       f"vises, når der kommer flere.{missing}")
    pop_now = df[df["edition"] == (series.edition or "Denne udgave")]["population"]
    same = df[df["population"].isin(set(pop_now))] if len(pop_now) else df
    note = ""
    if len(same) < len(df):
        note = (" Figuren viser kun udgaver, hvis tal har samme grundlag som denne udgaves; tabellen "
                "viser alle udgaver med deres grundlag.")
    text = head + f"{spec.title} i de {fmt.integer(len(points))} offentliggjorte udgaver af serien.{note}{missing}"
    return Section(text, figure=series_figure(same, spec), alt=series_alt(same, spec),
                   table=series_table(df, spec), caption=f"{spec.title} pr. udgave",
                   extra={"frame": df}, table_in_print=len(same) < len(df))
