"""The record types a notebook hands to `report.show`, owned by the recording side so that
`report` imports nothing from `analysis` (which builds them): a key figure with its metadata and
the populations it may be computed from, and the three voices of the book's sentences with the
label and class each is shown with. `analysis.core.keyfigures` and `analysis.core.voice`
re-export them, with the domain's rules around them (name prefixes, the claims register)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

# The population a key figure is computed from (see analysis.core.keyfigures): the source
# document's baseline, this edition's own extract, or synthetic example data.
SOURCE = "source"
EDITION = "edition"
SYNTHETIC = "synthetic"
POPULATIONS = (SOURCE, EDITION, SYNTHETIC)

# The voices of a sentence (see analysis.core.voice): the source's words, the book's calculation,
# the book's own reading; the visible label of each (Danish, for the reader) and its class in
# HTML/Typst.
CALCULATION = "calculation"
READING = "reading"
VOICES = (SOURCE, CALCULATION, READING)
LABELS = {SOURCE: "Kilden", CALCULATION: "Bogens beregning", READING: "Bogens vurdering"}
CLASSES = {SOURCE: "voice-source", CALCULATION: "voice-calculation", READING: "voice-reading"}
_CLAIM_ID = re.compile(r"^[a-z][a-z0-9_-]*$")


def is_valid_claim(claim_id: object) -> bool:
    """A claim id is lower case letters, digits, `-` and `_`, starting with a letter."""
    return isinstance(claim_id, str) and bool(_CLAIM_ID.match(claim_id))


@dataclass(frozen=True)
class KeyFigure:
    """One key figure with its metadata (see `analysis.core.keyfigures`)."""
    name: str
    value: float
    unit: str | None
    label: str
    population: str
    source: str
    as_of: str | None = None
    definition: str = ""
    headline: bool = False  # one of the few figures the front chapter prefers to tell

    def meta(self) -> dict:
        """Everything but name and value, as recorded beside results.json."""
        d = asdict(self)
        d.pop("name")
        d.pop("value")
        return d
