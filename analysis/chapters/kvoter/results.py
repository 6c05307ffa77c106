"""Key figures and key messages of the Kvoter chapter.

`key_figures` lists every figure the chapter records for `results.json` as (name, value, unit),
names in lower snake case and stable across editions, each from one population: the source's
baseline (`source_`: places primo February 2025, employees and Tabel 1's quotas), the edition's
own roster extract (`roster_`) or the synthetic example roster (`synthetic_`). A gap is the
quota minus the places of the same population, never the roster's quota minus the source's
places. `described` adds the metadata of `analysis.core.keyfigures`.

`key_messages` writes the two or three sentences that open the chapter and reach the front
chapter. They use the source's figures only: nothing computed from the synthetic roster, and
the 253 places as the total the source gives (no split by unit or director area).
"""
from __future__ import annotations

import re

from ...core import fmt
from ...core.keyfigures import EDITION, SOURCE, SYNTHETIC, KeyFigure, describe
from ...core.voice import calculated
from . import model
from .model import period_of

SHORT = "Budgetanalyse af kvoter (2025)"

SOURCE_PREFIX = "source_"
ROSTER_PREFIX = "roster_"
SYNTHETIC_PREFIX = "synthetic_"
ROSTER_FIGURES = (("new_places_unit_model", "pladser"), ("new_places_area_model", "pladser"),
                  ("model_difference", "pladser"), ("share_units_without_shortfall", "%"))


def roster_prefix(synthetic: bool) -> str:
    """The name prefix of figures from the roster: the edition's own, or the synthetic example."""
    return SYNTHETIC_PREFIX if synthetic else ROSTER_PREFIX


def area_slug(area: str) -> str:
    """A director area as part of a key figure name: `Velfærdsdirektørens område` → `velfaerd`."""
    word = area.split()[0].lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        word = word.replace(a, b)
    word = re.sub(r"[^a-z0-9]+", "_", word).strip("_")
    return re.sub(r"s?direktoerens$", "", word) or word


def source_key_figures(c: model.Computed) -> list[tuple[str, float, str]]:
    """The source's baseline (placements primo February 2025, Tabel 1): places held, employees
    and, at the chapter's thresholds that Tabel 1 computes, quota and gap – all from the source."""
    src, p = c.source, SOURCE_PREFIX
    out = [(f"{p}places_held", src.places, "pladser"), (f"{p}employees_total", src.employees, "ansatte"),
           (f"{p}employees_per_place", model.employees_per_place(src.employees, src.places),
            "ansatte pr. plads")]
    for n in c.published:
        out += [(f"{p}quota_n{n}", src.required[n], "pladser"),
                (f"{p}quota_naive_n{n}", src.employees // n, "pladser"),
                (f"{p}gap_n{n}", src.gap(n), "pladser"),
                (f"{p}new_places_municipality_n{n}", max(src.gap(n), 0), "pladser")]
    return out


def roster_key_figures(c: model.Computed) -> list[tuple[str, float, str]]:
    """The roster's own figures (the edition's extract, or the synthetic example): employees,
    units, places held, per threshold the quota, gap and new places, and per director area."""
    p, first = roster_prefix(c.synthetic), c.summaries[c.thresholds[0]]
    out = [(f"{p}employees_total", first["employees"], "ansatte"), (f"{p}units", first["units"], "enheder"),
           (f"{p}places_held", first["held"], "pladser"),
           (f"{p}employees_per_place", model.employees_per_place(first["employees"], first["held"]),
            "ansatte pr. plads")]
    areas = c.by_area[c.thresholds[0]]
    out += [(f"{p}places_held_{area_slug(a)}", int(h), "pladser")
            for a, h in zip(areas["area"], areas["held"]) if a != model.TOTAL]
    for n in c.thresholds:
        s = c.summaries[n]
        out += [(f"{p}quota_n{n}", s["quota_per_unit"], "pladser"),
                (f"{p}quota_naive_n{n}", s["quota_naive"], "pladser"),
                (f"{p}gap_n{n}", s["gap"], "pladser"),
                (f"{p}new_places_municipality_n{n}", s["new_places_municipality"], "pladser")]
        out += [(f"{p}{name}_n{n}", s[name], unit) for name, unit in ROSTER_FIGURES]
        t = c.by_area[n]
        out += [(f"{p}quota_n{n}_{area_slug(a)}", int(q), "pladser")
                for a, q in zip(t["area"], t["quota"]) if a != model.TOTAL]
    return out


def key_figures(c: model.Computed) -> list[tuple[str, float, str]]:
    """Every key figure of the chapter as (name, value, unit): the source's baseline
    (`source_...`), then the roster's own (`roster_...`, or `synthetic_...` for the example).
    Each is computed from one population: no figure subtracts one from the other."""
    return source_key_figures(c) + roster_key_figures(c)


def _label(name: str, areas: dict[str, str] | None = None, when: str = "") -> str:
    """The Danish label of a Kvoter key figure, from its name (`areas`: slug → area name; `when`:
    the date its places are counted, e.g. »primo februar 2025«, named in the label of places)."""
    base = re.sub(r"^(source|roster|synthetic)_", "", name)
    m = re.match(r"^(.*?)_n(\d+)(?:_(.+))?$", base)
    what, n, area = (m.group(1), m.group(2), m.group(3)) if m else (base, None, None)
    m2 = re.match(r"^places_held_(.+)$", base)
    if m2:
        what, area = "places_held", m2.group(1)
    text = LABELS.get(what, what)
    if what == "places_held" and when:
        text += f" {when}"
    if n:
        text += f" ved én plads pr. {n} ansatte"
    if area:
        text += f", {(areas or {}).get(area, area)}"
    return text


LABELS = {"places_held": "Pladser", "employees_total": "Ansatte", "employees_per_place": "Ansatte pr. plads",
          "units": "Enheder", "quota": "Kvote (beregnet pr. enhed)", "quota_naive": "Kvote (ansatte i alt / N)",
          "gap": "Kvote minus pladser", "new_places_municipality": "Nye pladser, kommunen under ét",
          "new_places_unit_model": "Nye pladser, model pr. enhed",
          "new_places_area_model": "Nye pladser, model pr. direktørområde",
          "model_difference": "Forskel mellem de to modeller",
          "share_units_without_shortfall": "Andel enheder uden mangel"}


def described(c: model.Computed) -> list[KeyFigure]:
    """The key figures with label, population, source, date and definition (`key_figures.json`);
    a label of places names the date they are counted (`source_when`, the source's own wording
    such as »primo februar 2025«, else its date; the roster's date), never »i dag«."""
    roster_as_of, source_as_of, source_when = as_of(c), c.source_as_of, c.source_when
    roster_pop = SYNTHETIC if c.synthetic else EDITION
    roster_src = "syntetisk enhedsliste (eksempel)" if c.synthetic else "HR-udtræk af enhedslisten"
    areas = {area_slug(a): a for a in c.units_per_area}
    source_date = source_when or (f"pr. {fmt.date(source_as_of)}" if source_as_of else "")
    roster_date = f"pr. {fmt.date(roster_as_of)}" if roster_as_of else ""
    p, n = roster_prefix(c.synthetic), c.thresholds[0]
    heads = {"source_places_held", f"{p}places_held", f"{p}quota_n{n}", f"{p}gap_n{n}"}
    return (describe(source_key_figures(c), population=SOURCE, source=SHORT, as_of=source_as_of,
                     label_of=lambda name: _label(name, areas, source_date), headlines=heads)
            + describe(roster_key_figures(c), population=roster_pop, source=roster_src, as_of=roster_as_of,
                       label_of=lambda name: _label(name, areas, roster_date), headlines=heads))


def _increase(c: model.Computed, n: int) -> str:
    """The increase as the source prints it (», en stigning på 28,4 %«), or nothing where the
    source prints none: the book's own percentage and its check belong to the »Kontrol:« line
    and Bilag C, not to a sentence in the source's voice."""
    printed = c.source.printed_increase.get(n)
    return "" if printed is None else f" – en stigning på {fmt.percent(printed)}"


# The source's own caveat beside the quota of a threshold it computes (budgetanalysen 2.1 and
# 1.0): the number of places to create will be larger than the quota minus today's places.
LARGER = {
    15: ("stoerre-n15", "men tallet vil blive større, fordi bunden løftes, mens toppen ikke reduceres"),
    10: ("stigning-stoerre", "og stigningen vil med stor sandsynlighed blive større, fordi der er arbejdspladser "
                             "uden sådanne pladser, og fordi arbejdspladser med mere end én pr. {n} ansatte ikke "
                             "forventes at gå ned i antal"),
}


def _larger(claims, n: int) -> str:
    """The source's caveat for threshold `n` (», men tallet vil blive større …«), or nothing."""
    claim, text = LARGER.get(n, (None, ""))
    return f", {text.format(n=n)}" if claim and claim in claims else ""


def _threshold_clause(c: model.Computed, n: int, when: str | None, claims) -> str:
    gap = c.source.gap(n)
    head = f"ved én plads pr. {n}. medarbejder {fmt.integer(c.source.required[n])} pladser"
    if gap <= 0:
        return head + ", som kommunen samlet set lever op til" + _larger(claims, n)
    return (head + f", mindst {fmt.integer(gap)} flere end {when or 'i kildens opgørelse'}{_increase(c, n)}"
            + _larger(claims, n))


def _quota_message(inputs, c: model.Computed, when: str | None) -> str:
    """The quota at the source's thresholds with the source's caveat beside each, in the
    source's voice; every threshold's claims are checked (a dropped condition is refused)."""
    claims, shown = inputs.claims, sorted(c.published, reverse=True)
    text = ("Ifølge budgetanalysen kræver kvoten "
            + "; ".join(_threshold_clause(c, n, when, claims) for n in shown) + ".")
    ids = [f"kvote-n{n}" for n in shown] + [LARGER[n][0] for n in shown if n in LARGER and LARGER[n][0] in claims]
    for extra in ids[1:]:
        claims.said(extra, text)
    return claims.said(ids[0], text)


def roster_message(c: model.Computed) -> str:
    """The edition's own roster, as of its extract date: employees, units, places held and, per
    threshold, the quota and how many places it lacks (all from the roster)."""
    roster_as_of = c.roster_as_of
    first = c.summaries[c.thresholds[0]]
    clauses = []
    for n in c.thresholds:
        s = c.summaries[n]
        more = (f"{fmt.integer(s['gap'])} flere end pladserne i udtrækket" if s["gap"] > 0
                else "som kommunen under ét allerede lever op til")
        clauses.append(f"ved én plads pr. {n} ansatte er kvoten {fmt.integer(s['quota_per_unit'])} pladser, {more}")
    return calculated(f"Ifølge kvartalets udtræk af enhedslisten pr. {fmt.date(roster_as_of)} har kommunen "
                      f"{fmt.integer(first['employees'])} ansatte i {fmt.integer(first['units'])} enheder og "
                      f"{fmt.integer(first['held'])} pladser; " + "; ".join(clauses) + ".")


def as_of(c: model.Computed) -> str:
    """The date the roster refers to: its extract date (an edition that leaves `roster_date` empty
    gets the edition's date from the build, `analysis.chapters.EDITION_DATED`)."""
    roster_date = c.roster_as_of
    if not roster_date:
        raise ValueError("roster_date is empty: the build fills it in with the edition's date; "
                         "outside the build pass the roster's date")
    return roster_date


def key_messages(inputs, c: model.Computed) -> list[str]:
    """Two or three sentences. With the edition's own roster (not synthetic) the first is the
    roster's figures as of its extract date, then the source's baseline; otherwise the source's
    own figures only: places, the quota at its thresholds and its caveat about new places."""
    if not c.synthetic and c.roster_as_of:
        return [roster_message(c)] + source_messages(inputs, c)[:2]
    return source_messages(inputs, c)


def source_messages(inputs, c: model.Computed) -> list[str]:
    """The source's own figures, each in the source's voice: places at the source's date (with
    its caveat on citizens from other municipalities), and the quota at the source's thresholds
    with, beside each, the source's expectation that the number will be larger and its reasons."""
    src, claims = c.source, inputs.claims
    when = period_of(inputs.periods, "placements")
    ratio = model.employees_per_place(src.employees, src.places)
    staff = period_of(inputs.periods, "employees")
    first = (f"Ifølge budgetanalysen var {fmt.integer(src.places)} borgere {when} tilknyttet kommunen som "
             f"arbejdsgiver som elev, lærling, i fleksjob eller i et virksomhedsrettet forløb – én for hver "
             f"{fmt.integer(ratio)}. ansat" + (f" (ansatte i {staff})" if staff else "")
             + "; borgere fra andre kommuner er ikke talt med, så det reelle tal vurderes at være højere, men "
             "ikke væsentligt højere.")
    if "andre-kommuner" in claims:
        claims.said("andre-kommuner", first)
    msgs = [claims.said("pladser-i-dag", first)]
    if c.published:
        msgs.append(_quota_message(inputs, c, when))
    return msgs


def series_spec(c: model.Computed):
    """What the chapter follows across editions: places held and the quota at the first
    threshold, per director area (the source asks for quarterly reporting)."""
    from ...core.seriesviews import SeriesSpec

    n = c.thresholds[0]
    short = {area_slug(a): re.sub(r"s?direktørens$", "", a.split()[0]) or a for a in c.units_per_area}
    labels = {f"places_held_{s}": f"Pladser, {x}" for s, x in short.items()}
    labels.update({f"quota_n{n}_{s}": f"Kvote 1 pr. {n}, {x}" for s, x in short.items()})
    return SeriesSpec(tuple(labels), f"Pladser og kvote ved én plads pr. {n} ansatte pr. direktørområde",
                      as_of_label="Enhedsliste pr.", labels=labels)


def roster_period(c: model.Computed) -> str:
    """The line under the title starts with the roster extract's date when it is the edition's
    own (not the synthetic example); then the source's dates follow."""
    if c.synthetic:
        return ""
    return f"Enhedslisten er et udtræk pr. {fmt.date(c.roster_as_of)}; budgetanalysens tal: "
