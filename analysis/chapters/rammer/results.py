"""Key figures (name, value, unit) and key messages of the Rammer chapter, per shown block, so a
hidden block states nothing."""
from __future__ import annotations

from typing import Callable, Iterable

import pandas as pd

from ...core import fmt
from ...core.precision import printed_decimals
from ...core.voice import calculated
from . import model
from .inputs import Inputs
from .opening import dashes

Result = tuple[str, float, str | None]

INCOME_EXPENDITURE_NAMES = {
    "Bloktilskud": "income_bloktilskud_pct", "Refusion": "income_refusion_pct",
    "Ydelser": "expenditure_ydelser_pct", "Lønsum": "expenditure_loensum_pct",
    "Indsatsmidler": "expenditure_indsatsmidler_pct"}


def _economy(inputs: Inputs) -> list[Result]:
    s = inputs.budget_shares
    out = [("budget_share_pct", model.share_of(s, "udvalg", "Arbejdsmarkedsudvalget"), "%")]
    for _, r in s[s["split"] != "udvalg"].iterrows():
        if r["category"] in INCOME_EXPENDITURE_NAMES:
            out.append((INCOME_EXPENDITURE_NAMES[r["category"]], float(r["share_pct"]), "%"))
    return out


def _benchmark(inputs: Inputs) -> list[Result]:
    t = model.benchmark_table(inputs.benchmark)
    total = model.benchmark_total(t)
    out: list[Result] = [
        ("benchmark_expected_total", int(total["expected"]), "fuldtidspersoner"),
        ("benchmark_actual_total", int(total["actual"]), "fuldtidspersoner"),
        ("benchmark_difference_total", int(total["difference_computed"]), "fuldtidspersoner"),
        ("benchmark_rank_total", int(total["rank"]), "placering")]
    for _, r in model.benchmark_groups(t).iterrows():
        out.append((f"benchmark_difference_{r['group_id']}", int(r["difference_computed"]),
                    "fuldtidspersoner"))
    saving = model.figure_row(inputs.intro_figures, "benchmark_mindreforbrug")
    out.append(("benchmark_less_spent_mio_kr", float(saving["value"]), "mio. kr."))
    return out


def _framework(inputs: Inputs) -> list[Result]:
    return [(f"framework_rank_{r['scope_id']}", int(r["rank_from_worst"]), "placering")
            for _, r in inputs.framework.iterrows()]


def _contact(inputs: Inputs) -> list[Result]:
    t = model.contact_ratios(inputs.contact).set_index("group_id")
    out: list[Result] = [("jobcenter_contacts", int(t.loc[model.CONTACT_GROUP, "count"]), "borgere")]
    for gid, r in t.drop(index=model.CONTACT_GROUP).iterrows():
        out.append((f"jobcenter_contacts_ratio_to_{gid}", float(r["ratio_to_group"]), None))
    return out


def _key_figures(inputs: Inputs) -> list[Result]:
    out: list[Result] = []
    for _, r in inputs.key_figures.iterrows():
        if not pd.isna(r["value"]):
            out.append((f"key_{r['indicator_id']}", float(r["value"]), r["unit"]))
        if not pd.isna(r["rank"]):
            out.append((f"key_{r['indicator_id']}_rank", int(r["rank"]), "placering"))
    return out


def _akasser(inputs: Inputs) -> list[Result]:
    c = model.akasse_coverage(inputs.akasse_agreements, inputs.akasse_coverage)
    return [("akasse_agreements", int(c["aftaler"]), "antal"),
            ("akasse_total", int(c["akasser_i_alt"]), "antal"),
            ("akasse_coverage_pct", float(c["andel_akasser"]), "%"),
            ("akasse_member_coverage_pct", float(c["andel_medlemmer_printed"]), "%")]


def _committee(inputs: Inputs) -> list[Result]:
    pool = model.figure_row(inputs.intro_figures, "udvalgets_pulje")
    rules = inputs.meeting_rules.set_index("rule_id")["value"]
    return [("committee_tasks", len(inputs.tasks), "antal"),
            ("committee_pool_mio_kr", float(pool["value"]), "mio. kr."),
            ("committee_pool_deadlines", len(model.pool_deadline_months(inputs.annual_cycle)), "antal"),
            ("committee_agenda_workdays_before_meeting", int(rules["dagsorden"]), "hverdage"),
            ("committee_quorum_members", int(rules["beslutningsdygtig"]), "medlemmer")]


def _cycle(inputs: Inputs) -> list[Result]:
    cyc = inputs.annual_cycle
    return [("annual_cycle_placed_activities", int(len(model.timeline_rows(cyc))), "antal"),
            ("annual_cycle_unplaced_activities", int(len(model.unplaced_activities(cyc))), "antal")]


BLOCK_RESULTS: dict[str, Callable[[Inputs], list[Result]]] = {
    "udvalget": _committee, "oekonomi": _economy, "benchmark": _benchmark, "rammevilkaar": _framework,
    "kontakt": _contact, "noegletal": _key_figures, "akasser": _akasser, "aarshjul": _cycle}


def results(inputs: Inputs, blocks: Iterable[str] | None = None) -> list[Result]:
    """(name, value, unit) of every key figure the shown blocks (`inputs.shown` unless given)
    state; names are stable."""
    shown = set(inputs.shown if blocks is None else blocks)
    return [r for b, fn in BLOCK_RESULTS.items() if b in shown for r in fn(inputs)]


# ---------------------------------------------------------------- key messages
def _join(items: list[str]) -> str:
    """`a, b og c` in Danish."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def _benchmark_message(inputs: Inputs) -> str:
    """The benchmark's total against the expected number, which groups were above it, and the
    introduction's own conclusion (the amount spent less than expected) beside the counts."""
    t = model.benchmark_table(inputs.benchmark)
    total, groups = model.benchmark_total(t), model.benchmark_groups(t)
    over = groups[groups["difference_computed"] > 0]
    word = "færre" if total["difference_computed"] < 0 else "flere"
    saving = model.figure_row(inputs.intro_figures, "benchmark_mindreforbrug")
    m = (f"Ifølge introduktionen til udvalget havde Norddjurs i {dashes(saving['period'])} "
         f"{fmt.integer(abs(total['difference_computed']))} {word} fuldtidspersoner på offentlig "
         f"forsørgelse end ministerens benchmark forventede "
         f"({fmt.integer(total['actual'])} mod {fmt.integer(total['expected'])})")
    if len(over) == len(groups):
        m += "; alle ydelsesgrupper lå over det forventede"
    elif len(over):
        m += (("; kun gruppen " if len(over) == 1 else "; kun grupperne ") + _join(list(over["group"]))
              + " lå over det forventede")
    return m + (f". Placeringen betyder ifølge introduktionen, at kommunen brugte "
                f"{fmt.amount(saving['value'], saving['unit'], printed_decimals(saving['value']))} "
                "mindre på offentlig forsørgelse end forventet i perioden.")


def _economy_message(inputs: Inputs) -> str:
    s = inputs.budget_shares
    ydelser = model.share_of(s, "udgifter", "Ydelser")
    return (f"Ifølge introduktionen til udvalget havde udvalget "
            f"{fmt.percent(model.share_of(s, 'udvalg', 'Arbejdsmarkedsudvalget'), 0)} af kommunens budget i 2022 – "
            "en foreløbig fordeling, som skulle erstattes, når budgettet for de nye udvalg var lagt – og "
            f"{fmt.percent(ydelser, printed_decimals(ydelser))} af udgifterne på beskæftigelsesområdet gik til "
            "ydelser.")


def _akasse_message(inputs: Inputs) -> str:
    c = model.akasse_coverage(inputs.akasse_agreements, inputs.akasse_coverage)
    as_of = inputs.akasse_coverage["as_of"].iloc[0]
    return (f"Ifølge dagsordenen for Beskæftigelsesrådet havde jobcentret {as_of} samarbejdsaftaler med "
            f"{fmt.integer(c['aftaler'])} af {fmt.integer(c['akasser_i_alt'])} a-kasser "
            f"({fmt.percent(c['andel_akasser'], 0)}), der dækker "
            f"{fmt.percent(c['andel_medlemmer_printed'], 1)} af a-kassemedlemmerne.")


def _key_figures_message(inputs: Inputs) -> str:
    r = model.figure_row(inputs.key_figures, "selvforsoergelse_dagpenge")
    return (f"{fmt.percent(r['value'], 1)} af dem, der 12 måneder forinden fik "
            f"arbejdsløshedsdagpenge, var selvforsørgende i {r['period']}: den "
            f"{int(r['rank'])}. laveste andel af {int(r['rank_of'])} kommuner.")


def _contact_message(inputs: Inputs) -> str:
    c = model.contact_ratios(inputs.contact).set_index("group_id")
    pupils = c.drop(index=model.CONTACT_GROUP).iloc[0]
    period = inputs.periods.set_index("block")["period"].get("kontakt", "")
    return (f"{fmt.integer(c.loc[model.CONTACT_GROUP, 'count'])} borgere havde i {period} et "
            f"kontaktforløb i jobcentret, {fmt.number(pupils['ratio_to_group'], 1)} gange så mange "
            f"som antallet af {pupils['group'].lower()}.")


def _framework_message(inputs: Inputs) -> str:
    f = inputs.framework.set_index("scope_id")["rank_from_worst"]
    return (f"Målt på rammevilkår for beskæftigelsesindsatsen ligger Norddjurs som nr. "
            f"{fmt.integer(f.iloc[0])} fra bunden ({inputs.framework['scope'].iloc[0].lower()}).")


def _committee_message(inputs: Inputs) -> str:
    pool = model.figure_row(inputs.intro_figures, "udvalgets_pulje")
    return (f"Udvalget varetager {fmt.integer(len(inputs.tasks))} opgaveområder og har en pulje på "
            f"{fmt.amount(pool['value'], pool['unit'], 3)}; loven sætter ofte kun et minimum, så "
            "udvalget har et politisk råderum.")


def _cycle_message(inputs: Inputs) -> str:
    return (f"Årshjulet har {len(model.timeline_rows(inputs.annual_cycle))} aktiviteter med "
            "fast måned; bogens udgaver er markeret i tidslinjen.")


# Always stated when their block is shown, in this order ...
LEAD_MESSAGES = (("benchmark", _benchmark_message), ("oekonomi", _economy_message),
                 ("akasser", _akasse_message))
# ... and, while fewer than two are stated, these in turn.
FALLBACK_MESSAGES = (("udvalget", _committee_message), ("noegletal", _key_figures_message),
                     ("kontakt", _contact_message), ("rammevilkaar", _framework_message),
                     ("aarshjul", _cycle_message))


# The claim in the chapter's claims register that each block's message repeats (the sources'
# voice); a block without one is the book's own (the contacts' ratio, the annual cycle with the
# book's editions).
MESSAGE_CLAIMS = {"benchmark": "benchmark", "oekonomi": "budgetandel", "akasser": "akasser",
                  "udvalget": "udvalget", "noegletal": "noegletal", "rammevilkaar": "rammevilkaar"}


def _voiced(inputs: Inputs, block: str, text: str) -> str:
    claim = MESSAGE_CLAIMS.get(block)
    if claim is None or inputs.claims is None:
        return calculated(text)
    return inputs.claims.said(claim, text)


def key_messages(inputs: Inputs, blocks: Iterable[str] | None = None) -> list[str]:
    """Two or three sentences from the shown blocks (`inputs.shown` unless given; most telling
    first), each in its voice: the sources' statements with their claim (`MESSAGE_CLAIMS`), the
    book's own otherwise."""
    shown = set(inputs.shown if blocks is None else blocks)
    msgs = [_voiced(inputs, b, fn(inputs)) for b, fn in LEAD_MESSAGES if b in shown]
    for b, fn in FALLBACK_MESSAGES:
        if len(msgs) < 2 and b in shown:
            msgs.append(_voiced(inputs, b, fn(inputs)))
    return msgs[:3]


# ---------------------------------------------------------------- metadata and series
LABELS = {
    "budget_share_pct": "Udvalgets andel af kommunens budget", "income_bloktilskud_pct": "Indtægter: bloktilskud",
    "income_refusion_pct": "Indtægter: refusion", "expenditure_ydelser_pct": "Udgifter: ydelser",
    "expenditure_loensum_pct": "Udgifter: lønsum", "expenditure_indsatsmidler_pct": "Udgifter: indsatsmidler",
    "benchmark_expected_total": "Benchmark: forventet antal på ydelse", "benchmark_actual_total":
    "Benchmark: faktisk antal på ydelse", "benchmark_difference_total": "Benchmark: forskel, faktisk minus forventet",
    "benchmark_rank_total": "Benchmark: placering", "benchmark_less_spent_mio_kr": "Benchmark: mindreforbrug",
    "jobcenter_contacts": "Borgere i kontakt med jobcentret", "akasse_agreements": "A-kasser med samarbejdsaftale",
    "akasse_total": "A-kasser i alt", "akasse_coverage_pct": "Andel a-kasser med samarbejdsaftale",
    "akasse_member_coverage_pct": "Andel medlemmer dækket af en aftale", "committee_tasks": "Udvalgets opgaver",
    "committee_pool_mio_kr": "Udvalgets pulje", "committee_pool_deadlines": "Ansøgningsfrister til puljen",
    "committee_agenda_workdays_before_meeting": "Hverdage fra dagsorden til møde",
    "committee_quorum_members": "Medlemmer for beslutningsdygtighed",
    "annual_cycle_placed_activities": "Aktiviteter placeret i årshjulet",
    "annual_cycle_unplaced_activities": "Aktiviteter uden fast tidspunkt"}


def label_of(inputs: Inputs):
    """A function giving the Danish label of a Rammer key figure (indicators by their printed name)."""
    indicators = dict(zip(inputs.key_figures["indicator_id"], inputs.key_figures["indicator"]))

    def label(name: str) -> str:
        if name in LABELS:
            return LABELS[name]
        base = name.removeprefix("key_").removesuffix("_rank")
        if name.startswith("key_") and base in indicators:
            return str(indicators[base]) + (", placering" if name.endswith("_rank") else "")
        for prefix, text in (("benchmark_difference_", "Benchmark: forskel, "),
                             ("framework_rank_", "Rammevilkår: placering, "),
                             ("jobcenter_contacts_ratio_to_", "Kontakter i forhold til ")):
            if name.startswith(prefix):
                return text + name.removeprefix(prefix).replace("_", " ")
        return name
    return label


def described(inputs: Inputs, blocks: Iterable[str] | None = None):
    """The key figures with label, population (the source documents) and, per block, the end of
    the period its figures refer to (of the blocks shown, `inputs.shown` unless given)."""
    from ...core.keyfigures import SOURCE, describe

    blocks = inputs.shown if blocks is None else blocks
    shown, label = set(blocks), label_of(inputs)
    periods = inputs.periods.set_index("block")
    out = []
    for block, fn in BLOCK_RESULTS.items():
        if block in shown:
            as_of = str(pd.Timestamp(periods.loc[block, "end"]).date()) if block in periods.index else None
            what = str(periods.loc[block, "figures"]) if block in periods.index else block
            out += describe(fn(inputs), population=SOURCE, source=what, as_of=as_of, label_of=label,
                            headlines=("budget_share_pct", "benchmark_difference_total"))
    return out


def series_spec():
    """What the chapter follows across editions: the committee's share of the budget and the
    share of a-kasser with an agreement (fixed sources: they move only when a source is replaced)."""
    from ...core.seriesviews import SeriesSpec

    return SeriesSpec(("budget_share_pct", "akasse_coverage_pct"), "Udvalgets budgetandel og a-kasseaftaler")
