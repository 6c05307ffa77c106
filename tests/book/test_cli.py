"""The command line as an analyst and a reviewer meet it: exit codes and one-paragraph errors."""
from __future__ import annotations

import subprocess
import sys

from analysis.core.paths import ROOT
from book.cli import main


def _edition(tmp_path, name, body=""):
    p = tmp_path / f"{name}.yml"
    p.write_text(f"edition: {name}\ntitle: Testbog\ndate: 2025-03-31\n{body}", encoding="utf-8")
    return str(p)


def test_check_validates_the_newest_edition(capsys):
    assert main(["check"]) == 0
    assert "are valid" in capsys.readouterr().out


def test_misspelt_parameter_exits_nonzero_with_one_paragraph(tmp_path):
    path = _edition(tmp_path, "bad", "datagrundlag:\n  provenance_fils: []\n")
    proc = subprocess.run([sys.executable, "render.py", "check", "--params", path], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "chapter 'datagrundlag', key 'provenance_fils': is not a parameter of this chapter" in proc.stderr
    assert "Valid keys for 'datagrundlag': provenance_files." in proc.stderr


def test_unknown_section_names_the_known_parts(tmp_path, capsys):
    assert main(["check", "--params", _edition(tmp_path, "bad", "kvotter:\n  a: 1\n")]) == 1
    assert "section 'kvotter' is not a part of the book; known parts: forord" in capsys.readouterr().err


def test_diff_shows_parameter_and_metadata_changes(tmp_path, capsys):
    a = _edition(tmp_path, "a")
    b = _edition(tmp_path, "b", "datagrundlag:\n  provenance_files: [data/raw/**/provenance.csv]\n")
    assert main(["diff", a, b]) == 1  # they differ
    out = capsys.readouterr().out
    assert "Parameters\n  datagrundlag.provenance_files:" in out
    assert '-> ["data/raw/**/provenance.csv"]' in out
    assert "not compared: edition(s) a, b not rendered yet" in out


def test_the_last_good_edition_is_called_unchanged_only_when_it_is(tmp_path, monkeypatch):
    from book import cli
    from book.editions import Edition
    from book.errors import PublishError, RenderError
    from book.publish import edition_state

    monkeypatch.setattr(cli, "BOOK", tmp_path)
    e = Edition("e1", "T", "", __import__("datetime").date(2025, 3, 31), tmp_path / "e1.yml", None)
    err = RenderError("pandoc", "writing", "boom")
    assert "there is no earlier edition" in cli._outcome(e, None, err)
    (tmp_path / "e1").mkdir()
    (tmp_path / "e1" / "manifest.json").write_text("{}")
    before = edition_state(tmp_path / "e1")
    assert "the last good edition in" in cli._outcome(e, before, err) and "is unchanged" in cli._outcome(e, before, err)
    (tmp_path / "e1" / "manifest.json").write_text('{"changed": 1}')
    changed = cli._outcome(e, before, err)
    assert "unchanged" not in changed and "changed during this failed run" in changed
    assert "The new edition is published" in cli._outcome(e, before, PublishError("x", published=True))
    assert "publishes nothing" in cli._outcome(e, before, err, "check")


def test_the_console_script_python_m_and_render_py_are_one_command():
    from importlib.metadata import entry_points

    script = next(e for e in entry_points(group="console_scripts") if e.name == "render")
    assert script.value == "book.cli:main"
    for cmd in ([sys.executable, "-m", "book", "--version"], [sys.executable, "render.py", "--version"]):
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode == 0 and proc.stdout.split()[-1][0].isdigit(), proc


def test_usage_errors_exit_2_and_list_the_choices(capsys):
    import pytest

    with pytest.raises(SystemExit) as exit_:
        main(["--engine", "latex"])
    assert exit_.value.code == 2
    assert "(choose from 'auto', 'pandoc', 'quarto')" in capsys.readouterr().err


def test_help_documents_the_exit_codes(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(f"\n  {code} " in out for code in ("0", "1", "2", "130"))


def test_every_bad_key_of_an_edition_is_reported_at_once(tmp_path, capsys):
    body = "kvoter:\n  roster_fil: x\n  round: 1.5\nbenchmark:\n  fokus: X\n"
    assert main(["check", "--params", _edition(tmp_path, "bad", body)]) == 1
    err = capsys.readouterr().err
    assert "3 parameter problems" in err and "'roster_fil'" in err and "'fokus'" in err
