"""How a notebook records what the build harvests: MIME types, check statuses and bases, and
the name rule of key figures and open-data tables. Shared by `report.show` (which writes these
records) and `book.harvest` (which reads them); imports nothing."""
from __future__ import annotations

import re

RESULT_MIME = "application/vnd.amu-book.result+json"
CHECK_MIME = "application/vnd.amu-book.check+json"
DATA_MIME = "application/vnd.amu-book.data+json"
MESSAGES_MIME = "application/vnd.amu-book.messages+json"
FINDING_MIME = "application/vnd.amu-book.finding+json"
COMMITTEE_MIME = "application/vnd.amu-book.committee+json"  # the items of a box "Til udvalget"
PERIOD_MIME = "application/vnd.amu-book.period+json"  # the date or period a chapter's figures refer to
# Where a chapter shows its series (»Siden sidste udgave«, »Udviklingen over udgaverne«, the notice
# on invented example data): the build composes the section from the published earlier editions
# and this edition's key figures and puts it in this output's place (see `book.compose`).
SERIES_MIME = "application/vnd.amu-book.series+json"
SERIES_VIEWS = ("notice", "since_last", "development")
RECORD_MIMES = frozenset({RESULT_MIME, CHECK_MIME, DATA_MIME, MESSAGES_MIME, FINDING_MIME, COMMITTEE_MIME,
                          PERIOD_MIME, SERIES_MIME})

# The kind of an item of a box "Til udvalget": what the committee is asked to decide (`ask`),
# what it is told for its information (`orientation`), and what was decided already, with the
# date of the decision (`decided`). The front chapter's »Til beslutning« is built from them.
ASK = "ask"
ORIENTATION = "orientation"
DECIDED = "decided"
COMMITTEE_KINDS = (ASK, ORIENTATION, DECIDED)
COMMITTEE_FIELDS = ("kind", "text", "date", "options", "recommendation", "section")

# The status of a reconciliation check (see ../shared/design.md, reconciliation.csv).
MATCH = "match"
WITHIN_ROUNDING = "within_rounding"
DIFFERS = "differs"
NOT_REPRODUCIBLE = "not_reproducible"
STATUSES = (MATCH, WITHIN_ROUNDING, DIFFERS, NOT_REPRODUCIBLE)

# What a check compares with: only `recomputed` checks count as verification.
RECOMPUTED = "recomputed"
CROSS_REFERENCE = "cross_reference"
SYNTHETIC = "synthetic"
BASES = (RECOMPUTED, CROSS_REFERENCE, SYNTHETIC)

CHECK_FIELDS = ("item", "source", "published", "computed", "low", "high", "unit", "status",
                "basis", "finding", "note")
RECONCILIATION_HEADER = ("chapter",) + CHECK_FIELDS
FINDINGS_HEADER = ("chapter", "finding", "title", "explanation", "rows")

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def is_valid_name(name: object) -> bool:
    """Key figures, open-data tables and findings are named in lower snake case."""
    return isinstance(name, str) and bool(_NAME.match(name))
