"""The rendered book's own words: in every executed chapter notebook, each sentence shown in the
source's voice names a row of that chapter's claims register and keeps the row's conditions, and
every key message carries a voice label (uses the session's rendered edition)."""
from __future__ import annotations

import json

import pytest

from analysis.core import voice
from analysis.core.paths import RAW

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
