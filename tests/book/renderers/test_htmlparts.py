"""The HTML book written from cached parts is byte for byte the book pandoc writes whole (through
html.lua and the chunked writer); a part is written again when it, the numbering it starts from,
html.lua or the writer change, and a damaged cache entry is ignored and written again."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from book.renderers import htmlparts as hp
from book.renderers.pandoc import FILTERS, pandoc_version, run_pandoc

BOOK = """Forord uden titel. Se [boksen](#b-box), [ankeret](#c-anker) og [afsnittet](#a-under).

# Alfa {#a}

Tekst med en figur.

![Figur a](fig.svg){#fig-a}

| x | y |
|---|---|
| 1 | 2 |

: Tabel a

## Under {#a-under}

::: {.content-visible when-format="html"}
| x |
|---|
| 1 |

: Kun på nettet
:::

# Beta {#b}

::: {#b-box .to-committee}
## Boks {#b-box-title}

Indhold i boksen.
:::

```{=typst}
#pagebreak()
```

Et afsnit efter.

# Gamma {#c}

Her er [ankeret]{#c-anker} og en [henvisning](#fig-a).

| k |
|---|
| 9 |

: Tabel c

![Figur c](fig.svg)
"""
WRITER = ["--toc", "--toc-depth=2", "--split-level=1", "--chunk-template=%i.html", "--number-sections",
          "--metadata", "pagetitle=Bog"]
LUA = FILTERS / "html.lua"


def _doc(markdown: str, workdir: Path) -> dict:
    doc = json.loads(run_pandoc(["-f", "markdown", "-t", "json"], workdir, "test", markdown))
    doc["meta"]["title"] = {"t": "MetaString", "c": "Bogen"}
    return doc


def _whole(doc: dict, workdir: Path, out: Path) -> dict[str, bytes]:
    """The book as the renderer writes it without the cache."""
    src = workdir / "whole.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    run_pandoc([str(src), "-f", "json", "-t", "chunkedhtml", "-o", str(out), "--lua-filter", str(LUA), *WRITER],
               workdir, "test")
    return _files(out)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _parts(doc: dict, workdir: Path, out: Path, cache: Path, steps: list | None = None) -> dict[str, bytes]:
    def run(args, step, stdin):
        if steps is not None:
            steps.append(step)
        return run_pandoc(args, workdir, step, stdin)

    assert hp.write_chunked(doc, workdir, out, WRITER, cache, run, pandoc_version(), LUA)
    return _files(out)


def _setup(tmp_path: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    (work / "fig.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    return work


def test_cached_parts_give_the_whole_books_bytes(tmp_path):
    work = _setup(tmp_path)
    doc = _doc(BOOK, work)
    whole = _whole(doc, work, tmp_path / "whole")
    assert "media/fig.svg" in whole or "fig.svg" in whole  # the figure is copied into the book
    cache = tmp_path / "cache"
    steps: list[str] = []
    assert _parts(doc, work, tmp_path / "cold", cache, steps) == whole
    assert steps.count("filtering a part of the HTML book") == 4
    steps.clear()
    assert _parts(doc, work, tmp_path / "warm", cache, steps) == whole  # every part from the cache
    assert steps == ["writing the HTML book"]


def test_a_changed_part_is_written_again_the_others_come_from_the_cache(tmp_path):
    work = _setup(tmp_path)
    cache = tmp_path / "cache"
    _parts(_doc(BOOK, work), work, tmp_path / "first", cache)
    changed = _doc(BOOK.replace("Indhold i boksen.", "Andet indhold i boksen.\n\n![Ny figur](fig.svg)"), work)
    steps: list[str] = []
    # Beta is written again; Gamma's figure is now number 3: its numbering changed, so it is too
    assert _parts(changed, work, tmp_path / "second", cache, steps) == _whole(changed, work, tmp_path / "whole")
    assert steps.count("filtering a part of the HTML book") == 2


def _keys(doc: dict, **context) -> list:
    return [key for _, _, key in hp.plan_parts(doc, {"filter": "f", "writer": ["w"], **context})]


def test_the_key_follows_the_part_its_numbering_and_the_renderer(tmp_path):
    work = _setup(tmp_path)
    doc = _doc(BOOK, work)
    keys = _keys(doc)
    assert len(set(keys)) == 4 and _keys(_doc(BOOK, work)) == keys  # the same book: the same keys
    more = _doc(BOOK.replace("Tekst med en figur.", "Tekst med en figur.\n\n![Endnu en](fig.svg)"), work)
    k2 = _keys(more)
    # Alfa changed; Beta and Gamma start from another figure number
    assert k2[0] == keys[0] and all(a != b for a, b in zip(k2[1:], keys[1:]))
    assert all(a != b for a, b in zip(_keys(doc, filter="g"), keys))  # html.lua changed
    assert all(a != b for a, b in zip(_keys(doc, writer=["w", "--x"]), keys))  # the writer's options changed
    gamma = _doc(BOOK.replace("Her er", "Nu er"), work)
    assert _keys(gamma)[:3] == keys[:3] and _keys(gamma)[3] != keys[3]  # only Gamma's own text changed


def test_a_part_links_point_to_the_pages_of_their_targets(tmp_path):
    work = _setup(tmp_path)
    doc = _doc(BOOK, work)
    keys = _keys(doc)
    # the anchor Forord links to moves to another page: Forord's key changes with it
    moved = _doc(BOOK.replace("Her er [ankeret]{#c-anker}", "Her er ankeret").replace(
        "Et afsnit efter.", "Et afsnit efter med [ankeret]{#c-anker}."), work)
    assert _keys(moved)[0] != keys[0]


def test_a_damaged_entry_is_ignored_and_written_again(tmp_path):
    work = _setup(tmp_path)
    doc = _doc(BOOK, work)
    whole = _whole(doc, work, tmp_path / "whole")
    cache = tmp_path / "cache"
    _parts(doc, work, tmp_path / "first", cache)
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == 4
    # changed bytes (the checksum no longer matches)
    entries[0].write_bytes(entries[0].read_bytes().replace(b"fragment", b"fragmenx", 1))
    # a sound checksum over an entry that does not fit its part (a fragment missing)
    data = json.loads(entries[1].read_bytes())
    data["fragments"] = data["fragments"][:-1]
    raw = json.dumps(data).encode()
    entries[1].write_bytes(raw)
    entries[1].with_suffix(".sha256").write_text(hashlib.sha256(raw).hexdigest())
    # not JSON at all
    entries[2].write_bytes(b"{")
    entries[2].with_suffix(".sha256").write_text(hashlib.sha256(b"{").hexdigest())
    steps: list[str] = []
    assert _parts(doc, work, tmp_path / "again", cache, steps) == whole
    assert steps.count("filtering a part of the HTML book") == 3
    assert all(hp.load(cache, p.stem) is not None for p in entries)  # written again


def test_a_part_with_a_footnote_is_never_cached(tmp_path):
    work = _setup(tmp_path)
    doc = _doc(BOOK.replace("Et afsnit efter.", "Et afsnit efter.[^1]\n\n[^1]: En note."), work)
    assert _keys(doc)[2] is None
    cache = tmp_path / "cache"
    assert _parts(doc, work, tmp_path / "parts", cache) == _whole(doc, work, tmp_path / "whole")
    assert _parts(doc, work, tmp_path / "parts2", cache) == _whole(doc, work, tmp_path / "whole2")


def test_the_page_around_the_text_is_no_part_of_the_key():
    assert hp.body_options(["--toc", "--template", "/t/book.html", "--css", "book.css", "--metadata",
                            "pagetitle=2025-Q1", "--variable=pdf-name=a.pdf", "--number-sections"]) == \
        ["--toc", "--number-sections"]


def test_a_part_is_filtered_with_the_metadata_html_lua_reads():
    meta = {"title": {"t": "MetaString", "c": "Bogen"}, "part-links": {"t": "MetaMap", "c": {}},
            "book-nav": {"t": "MetaBlocks", "c": []}}
    out = hp.filter_meta(meta, (1, 2, 0, 3))
    assert out == {"part-links": meta["part-links"], "book-figures-before": {"t": "MetaString", "c": "1"},
                   "book-tables-before": {"t": "MetaString", "c": "2"},
                   "book-figures-extra-before": {"t": "MetaString", "c": "0"},
                   "book-tables-extra-before": {"t": "MetaString", "c": "3"}}
    assert "part-links" not in hp.filter_meta({}, (0, 0, 0, 0))
