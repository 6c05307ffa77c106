"""The Typst source written from cached parts is byte for byte the text pandoc and typst.lua
write for the whole book; a part is written again when it, the state it starts from or a table
sharing its header elsewhere changes; a damaged entry is ignored; a book the parts cannot give
exactly is written whole."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from book.renderers import typstparts as tp
from book.renderers.pandoc import FILTERS, pandoc_version, run_pandoc

BOOK = """# Forord {#forord .unnumbered .front-title}

Se [tabellen](#alfa).

# Alfa {#alfa}

Tekst.

| Kommune | Tal |
|:--------|----:|
| Norddjurs | 1 |

: Tabel med fælles hoved

::: {.source}
Kilde: Egne beregninger.
:::

## Figurer {#alfa-figurer}

Et afsnit.

![En figur](fig.svg)

Et afsnit mere.

![En figur der flyder](fig.svg)

::: {.content-visible when-format="html"}
| Kun | nettet |
|-----|--------|
| 1   | 2      |

: Kun på nettet
:::

# Beta {#beta}

| Kommune | Tal |
|:--------|----:|
| En meget lang kommune med et langt navn | 22222 |

: Samme hoved, andre rækker

::: {.key-messages}
Et budskab.
:::

# Bilag A: Gamma {#gamma .unnumbered .appendix-title}

| Andet | hoved |
|-------|-------|
| x     | y     |

: Et andet hoved

# Bilag B: Delta {#delta .unnumbered .appendix-title}

Slut.
"""
LUA = FILTERS / "typst.lua"
OPTIONS = ["--number-sections"]


def _doc(markdown: str, workdir: Path) -> dict:
    return json.loads(run_pandoc(["-f", "markdown", "-t", "json"], workdir, "test", markdown))


def _whole(doc: dict, workdir: Path) -> str:
    src = workdir / "whole.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    return run_pandoc([str(src), "-f", "json", "-t", "typst", "--lua-filter", str(LUA), *OPTIONS], workdir,
                      "test").rstrip("\n")


def _parts(doc: dict, workdir: Path, cache: Path, runs: list | None = None) -> str | None:
    def run(args, step, stdin):
        if runs is not None:
            runs.append(step)
        return run_pandoc(args, workdir, step, stdin)

    return tp.write_parts(doc, workdir, cache, run, pandoc_version(), LUA, OPTIONS)


def test_cached_parts_give_the_whole_books_text(tmp_path):
    doc = _doc(BOOK, tmp_path)
    whole = _whole(doc, tmp_path)
    assert "// book-typst" not in whole and "table-start" in whole or "#figure" in whole
    cache, runs = tmp_path / "cache", []
    assert _parts(doc, tmp_path, cache, runs) == whole
    assert len(runs) == 2  # the first part alone, then (the second is new too) the whole book in one run
    runs.clear()
    assert _parts(doc, tmp_path, cache, runs) == whole and runs == []  # every part from the cache


def test_a_changed_part_is_written_alone_and_the_rest_follow_its_state(tmp_path):
    cache = tmp_path / "cache"
    _parts(_doc(BOOK, tmp_path), tmp_path, cache)
    # Gamma's text changes (not its tables): only Gamma is written again
    runs: list[str] = []
    changed = _doc(BOOK.replace("| x     | y     |", "| x     | z     |"), tmp_path)
    assert _parts(changed, tmp_path, cache, runs) == _whole(changed, tmp_path)
    assert len(runs) == 1
    # a table more in Alfa: the table count Beta and the appendices start from changes
    runs.clear()
    more = _doc(BOOK.replace("Et afsnit mere.", "Et afsnit mere.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: Ny"), tmp_path)
    assert _parts(more, tmp_path, cache, runs) == _whole(more, tmp_path)
    assert len(runs) == 4  # Alfa, Beta, Gamma, Delta; Forord from the cache


def test_the_key_follows_tables_that_share_a_header(tmp_path):
    doc = _doc(BOOK, tmp_path)
    tables = [(t, tp.header_key(t)) for t in tp.tables_of(doc["blocks"])]
    parts = tp.split_parts(doc["blocks"])
    alfa, gamma = parts[1], parts[3]
    assert len(tp.shared_tables(alfa, tables)) == 3  # its own two (one for the HTML only) and Beta's (its header)
    assert len(tp.shared_tables(gamma, tables)) == 1
    assert tp.shared_tables(parts[4], tables) == []
    # Beta's rows change: Alfa's column widths may change, so its key does; Gamma's does not
    other = _doc(BOOK.replace("22222", "3"), tmp_path)
    t2 = [(t, tp.header_key(t)) for t in tp.tables_of(other["blocks"])]
    ctx = {"pandoc": "p", "filter": "f", "writer": []}
    key = lambda p, ts: tp.part_key(p, tp.START, tp.shared_tables(p, ts), ctx)  # noqa: E731
    assert key(alfa, tables) != key(alfa, t2) and key(gamma, tables) == key(gamma, t2)
    assert tp.part_key(alfa, tp.START, [], ctx) != tp.part_key(alfa, (1, 0, 0, 1, 0), [], ctx)
    assert tp.part_key(alfa, tp.START, [], ctx) != tp.part_key(alfa, tp.START, [], {**ctx, "filter": "g"})


def test_header_key_is_coarse_enough():
    cell = lambda *inl: [["", [], []], {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": list(inl)}]]  # noqa: E731
    table = lambda *cells: {"t": "Table", "c": [["", [], []], [None, []], [], [["", [], []], [[["", [], []],  # noqa: E731
                                                list(cells)]]], [], [["", [], []], []]]}
    words = table(cell({"t": "Str", "c": "Antal"}, {"t": "Space"}, {"t": "Str", "c": "personer"}))
    strong = table(cell({"t": "Strong", "c": [{"t": "Str", "c": "Antal"}, {"t": "SoftBreak"},
                                              {"t": "Str", "c": "personer"}]}))
    assert tp.header_key(words) == tp.header_key(strong) == "Antalpersoner"
    assert tp.header_key(table(cell({"t": "Code", "c": [["", [], []], "x"]}))) == "*"
    assert tp.header_key(table()) is None


def test_a_damaged_entry_is_ignored_and_written_again(tmp_path):
    doc = _doc(BOOK, tmp_path)
    whole = _whole(doc, tmp_path)
    cache = tmp_path / "cache"
    _parts(doc, tmp_path, cache)
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == 5
    entries[0].write_bytes(entries[0].read_bytes().replace(b"#", b"%", 1))  # the checksum no longer matches
    raw = b'{"text": "x"}'  # sound checksum, no state
    entries[1].write_bytes(raw)
    entries[1].with_suffix(".sha256").write_text(hashlib.sha256(raw).hexdigest())
    assert tp.load(cache, entries[0].stem) is None and tp.load(cache, entries[1].stem) is None
    assert _parts(doc, tmp_path, cache) == whole
    assert all(tp.load(cache, p.stem) is not None for p in entries)


def test_a_table_inside_a_box_makes_the_book_written_whole(tmp_path):
    doc = _doc(BOOK.replace("Et budskab.", "Et budskab.\n\n| a |\n|---|\n| 1 |"), tmp_path)
    assert not tp.supported(tp.split_parts(doc["blocks"]))
    assert _parts(doc, tmp_path, tmp_path / "cache") is None
    # conditional content is resolved first: a table for the PDF only is no table inside a box
    ok = _doc(BOOK.replace("Et afsnit mere.", '::: {.content-visible when-format="typst"}\n| a |\n|---|\n| 1 |\n:::'),
              tmp_path)
    assert tp.supported(tp.split_parts(ok["blocks"]))
    assert _parts(ok, tmp_path, tmp_path / "cache2") == _whole(ok, tmp_path)


def test_a_shared_tables_digest_remembered_gives_the_same_key(tmp_path):
    doc = _doc(BOOK, tmp_path)
    tables = [(t, tp.header_key(t)) for t in tp.tables_of(doc["blocks"])]
    alfa = tp.split_parts(doc["blocks"])[1]
    ctx = {"pandoc": "p", "filter": "f", "writer": []}
    shared = tp.shared_tables(alfa, tables)
    assert tp.part_key(alfa, tp.START, shared, ctx, tp.remembered(tables)) == tp.part_key(alfa, tp.START, shared, ctx)
    assert tp.table_digest(shared[0]) != tp.table_digest(shared[1])
