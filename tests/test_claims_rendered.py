"""The rendered book's own words: in every executed chapter notebook, each sentence shown in the
source's voice names a row of that chapter's claims register and keeps the row's conditions, and
every key message carries a voice label, and no key message or committee item carries a
remark of the book's checking (uses the session's rendered edition)."""
from __future__ import annotations

import json
import re

import pytest

from analysis.core import voice
from analysis.core.paths import RAW
from report.protocol import COMMITTEE_MIME, MESSAGES_MIME

CHAPTERS = ("rammer", "kvoter", "beskaeftigelsesplan", "investeringer", "benchmark")


def _markdown(notebook) -> str:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            md = o.get("data", {}).get("text/markdown")
            if md:
                out.append("".join(md) if isinstance(md, list) else md)
    return "\n".join(out)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_rendered_source_sentences_are_registered_with_their_conditions(rendered_edition, chapter):
    text = _markdown(rendered_edition.folder / "notebooks" / f"{chapter}.ipynb")
    claims = voice.read_claims(RAW / chapter / "claims.csv")
    assert 'data-claim="' in text
    assert voice.audit_markdown(text, claims) == []


def _records(notebook, mime: str) -> list:
    """The records a notebook's outputs of one MIME type hold."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return [o["data"][mime] for cell in nb["cells"] for o in cell.get("outputs", []) if mime in o.get("data", {})]


_LABEL = re.compile(r"^\[\*\*[^\]]*\*\*\]\{[^}]*\}\s*")


def _displayed(chapter_notebook) -> list[str]:
    """A rendered chapter's key messages and committee items (text, options, the source's
    proposal), each without its voice label."""
    out = [m for r in _records(chapter_notebook, MESSAGES_MIME) for m in r["messages"]]
    for r in _records(chapter_notebook, COMMITTEE_MIME):
        for item in r["items"]:
            out += [item["text"], *item["options"]] + ([item["recommendation"]] if item["recommendation"] else [])
    return [_LABEL.sub("", str(t)) for t in out]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_rendered_key_messages_and_committee_items_carry_no_checking_remarks(rendered_edition, chapter):
    shown = _displayed(rendered_edition.folder / "notebooks" / f"{chapter}.ipynb")
    assert shown, f"{chapter}: no key messages or committee items recorded"
    assert voice.checking_remarks(shown) == []
