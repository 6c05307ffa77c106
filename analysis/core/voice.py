"""The three voices of the book, and the claims register that ties the source's voice to the
source's own words.

Every sentence of a chapter's key messages, its »Til udvalget« box, its headlines and its
findings is one of three voices, and the reader can see which:

- `SOURCE` – what the source says: its words, its conditions kept, attributed (»Ifølge
  budgetanalysen …«). Such a sentence names a row of the chapter's claims register
  (`data/raw/<chapter>/claims.csv`), which holds the document, the section or page, the
  source's own short quote and its conditions (»ved …«, »hvis …«); every condition must be
  in the sentence.
- `CALCULATION` – what the book calculated from the transcribed figures.
- `READING` – the book's own reading (a parameter of the book, a regrouping, a judgement);
  never in the place of the source's conclusion.

A voiced sentence is a `str` (so it joins, formats and compares as text) that carries its
voice and, for the source's voice, its claim id. `report.show` renders the voice as a visible
label and a class. Nothing here reads notebooks or imports IPython.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from report.records import CALCULATION, CLASSES, LABELS, READING, SOURCE, VOICES, is_valid_claim  # noqa: F401

from .errors import Failure, InputError
from .paths import display

CLAIM_COLUMNS = ("id", "document", "section", "quote", "conditions", "note")
CONDITION_SEPARATOR = "|"
_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_ESCAPE = re.compile(r"\\(.)")


class Voiced(str):
    """A sentence with its voice (`SOURCE`, `CALCULATION` or `READING`) and, for the source's
    voice, the id of its row in the chapter's claims register."""

    voice: str
    claim: str | None

    def __new__(cls, text: str, voice: str, claim: str | None = None):
        if voice not in VOICES:
            raise ValueError(f"unknown voice {voice!r}; known: {', '.join(VOICES)}")
        if voice == SOURCE and not claim:
            raise ValueError(f"a sentence in the source's voice needs a claim id: {text[:60]!r}")
        obj = super().__new__(cls, text)
        obj.voice, obj.claim = voice, claim
        return obj


@dataclass(frozen=True)
class Claim:
    """One row of a claims register: what a source states, concludes, recommends or asks."""

    id: str
    document: str
    section: str
    quote: str
    conditions: tuple[str, ...]
    note: str = ""


def plain(text: str) -> str:
    """Displayed Markdown as the reader reads it: backslash escapes removed, spaces collapsed."""
    return " ".join(_ESCAPE.sub(r"\1", str(text)).split())


class Claims(Mapping[str, Claim]):
    """A chapter's claims register, by id. `said` makes a sentence in the source's voice and
    refuses one that drops a condition of its claim."""

    def __init__(self, claims: Iterable[Claim], path: str = "claims.csv"):
        self._by_id = {c.id: c for c in claims}
        self.path = path

    def __getitem__(self, key: str) -> Claim:
        return self._by_id[key]

    def __iter__(self):
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def missing_conditions(self, claim_id: str, text: str) -> list[str]:
        """The conditions of `claim_id` that `text` (as displayed) does not contain."""
        shown = plain(text).lower()
        return [c for c in self[claim_id].conditions if plain(c).lower() not in shown]

    def said(self, claim_id: str, text: str) -> Voiced:
        """`text` in the source's voice, tied to `claim_id`; an unknown id or a dropped
        condition is an error naming the register, the id and the condition."""
        if claim_id not in self:
            raise InputError(self.path, [Failure(None, "id", "the claim is not in the register", claim_id)])
        missing = self.missing_conditions(claim_id, text)
        if missing:
            raise InputError(self.path, [Failure(None, "conditions",
                                                 f"the sentence for claim '{claim_id}' drops the source's condition", m)
                                         for m in missing])
        return Voiced(text, SOURCE, claim_id)


def said(claims: Claims, claim_id: str, text: str) -> Voiced:
    """What the source says (see `Claims.said`)."""
    return claims.said(claim_id, text)


def calculated(text: str) -> Voiced:
    """What the book calculated."""
    return Voiced(text, CALCULATION)


def reading(text: str) -> Voiced:
    """The book's own reading, marked as the book's."""
    return Voiced(text, READING)


def said_or_reading(claims: Claims | None, claim_id: str, text: str) -> Voiced:
    """The source's words when the register holds `claim_id`; otherwise the book's own reading."""
    return claims.said(claim_id, text) if claims and claim_id in claims else reading(text)


# Words of the book's own checking. They belong in a chapter's »Kontrol:« line and in the quality
# appendix (Bilag C), never in a key message or an item of »Til udvalget« / »Til beslutning«.
CHECKING_WORDS = re.compile(r"efterprøv|bogens beregning|bogens optælling|genberegn|afstem|kontrol|bilag c",
                            re.IGNORECASE)


def checking_remarks(items: Iterable[str]) -> list[str]:
    """The displayed sentences (their text, without a voice label) that carry a word of the
    book's checking (`CHECKING_WORDS`), each as »'word' in 'sentence …'«. Empty when none does."""
    return [f"{m.group(0)!r} in {str(i)[:100]!r}" for i in items if (m := CHECKING_WORDS.search(str(i)))]


def read_claims(path: str | Path) -> Claims:
    """Read a claims register (UTF-8 CSV, header `id,document,section,quote,conditions,note`;
    conditions separated by `|`), refusing a missing column, an empty or duplicate id, and an
    empty document, section or quote, naming file, row and column."""
    p = Path(path)
    name = display(p)
    with open(p, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0] if rows else []
    missing = [c for c in CLAIM_COLUMNS if c not in header]
    if missing:
        raise InputError(name, [Failure(None, c, "column missing") for c in missing])
    failures, seen, out = [], set(), []
    for line, values in enumerate(rows[1:], start=2):
        if len(values) != len(header):
            failures.append(Failure(line, None, f"{len(values)} fields, the header has {len(header)}"))
            continue
        row = dict(zip(header, values))
        for col in ("id", "document", "section", "quote"):
            if not row[col].strip():
                failures.append(Failure(line, col, "must not be empty", row[col]))
        if row["id"] and not _ID.match(row["id"]):
            failures.append(Failure(line, "id", "lower case letters, digits, - and _", row["id"]))
        if row["id"] in seen:
            failures.append(Failure(line, "id", "duplicate id", row["id"]))
        seen.add(row["id"])
        conds = tuple(c.strip() for c in row["conditions"].split(CONDITION_SEPARATOR) if c.strip())
        out.append(Claim(row["id"], row["document"], row["section"], row["quote"], conds, row["note"]))
    if failures:
        raise InputError(name, failures)
    return Claims(out, name)


REGISTER_NAME = "claims.csv"


def claims_beside(input_file: str | Path) -> Claims:
    """The claims register of a chapter: `claims.csv` in the folder of one of its input files
    (read like `provenance.csv`, without a parameter of its own; the build's cache key
    includes it). Without one the register is empty, so a sentence in the source's voice is
    refused with an error naming the missing register."""
    from .paths import resolve

    path = resolve(input_file).parent / REGISTER_NAME
    if not path.is_file():
        # no register: every sentence in the source's voice is refused, naming this file
        return Claims([], display(path))
    return read_claims(path)


def audit(items: Iterable[str], claims: Claims) -> list[str]:
    """Problems with displayed items (Danish-free, for tests and the build): an item without a
    voice, a source-voiced item whose claim is not in the register, or one that lacks a
    condition of its claim. Empty when all is well."""
    problems = []
    for item in items:
        voice = getattr(item, "voice", None)
        if voice is None:
            problems.append(f"no voice: {str(item)[:80]!r}")
        elif voice == SOURCE:
            if item.claim not in claims:
                problems.append(f"claim {item.claim!r} not in {claims.path}: {str(item)[:80]!r}")
            else:
                for m in claims.missing_conditions(item.claim, item):
                    problems.append(f"claim {item.claim!r}: condition {m!r} missing from {str(item)[:80]!r}")
    return problems


_TAGGED = re.compile(r'\[\*\*[^\]]*\*\*\]\{\.voice-tag \.voice-(source|calculation|reading)'
                     r'(?: data-claim="([^"]*)")?\}\s*(.*)')


def audit_markdown(markdown: str, claims: Claims) -> list[str]:
    """Problems in displayed Markdown (a chapter's executed output): a source-voiced sentence
    (`report.show.voiced`) whose claim is missing from the register or lacks a condition of its
    claim, and a key message without a voice label. Empty when all is well."""
    problems, in_box = [], False
    for line in markdown.splitlines():
        if line.startswith("::: {.key-messages}"):
            in_box = True
        elif line.startswith(":::"):
            in_box = False
        elif in_box and line.startswith("- ") and "voice-tag" not in line:
            problems.append(f"key message without a voice: {line[:80]!r}")
        m = _TAGGED.search(line)
        if not m or m.group(1) != SOURCE:
            continue
        claim, sentence = m.group(2), m.group(3)
        if not claim or claim not in claims:
            problems.append(f"claim {claim!r} not in {claims.path}: {sentence[:80]!r}")
        else:
            problems += [f"claim {claim!r}: condition {c!r} missing from {sentence[:80]!r}"
                         for c in claims.missing_conditions(claim, sentence)]
    return problems
