"""Tables are text: every header and cell is escaped for pandoc's Markdown."""
from __future__ import annotations

import pandas as pd

from analysis.core.tables import escape_markdown, markdown_table

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "*x*", "_y_", "`z`", "a\\b",
           "$x$", "#h", "@cite", "[a](b)", "1<2", "&amp;", "a|b"]


def test_every_cell_and_header_is_escaped():
    df = pd.DataFrame({"<b>navn</b>": HOSTILE, "n": range(len(HOSTILE))})
    text = markdown_table(df)
    header, _, *rows = text.splitlines()
    assert "\\<b\\>navn\\<" in header and "<b>" not in header
    for value, row in zip(HOSTILE, rows):
        assert row.startswith("| " + escape_markdown(value) + " |"), row


def test_escape_markdown_escapes_every_markup_character():
    assert escape_markdown("*_`\\$#@[]<&|") == "\\*\\_\\`\\\\\\$\\#\\@\\[\\]\\<\\&\\|"
    assert escape_markdown("a\nb") == "a b"
