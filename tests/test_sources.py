"""The tests find the source documents one way: the `sources` fixture (tests/conftest.py), which
reads the documented variable $BOOK_SEEDS (else ../shared/seeds beside the repository); where the
sources are absent a test skips and says why, and in CI ($CI or $BOOK_REQUIRE_SEEDS) it fails."""
from __future__ import annotations

import re

import pytest
from conftest import SEEDS_VARIABLE, _absent, seeds_folder

from book.paths import ROOT


def test_the_variable_names_the_folder_of_the_sources(tmp_path, monkeypatch):
    monkeypatch.setenv(SEEDS_VARIABLE, str(tmp_path))
    assert seeds_folder() == (tmp_path, f"${SEEDS_VARIABLE}={tmp_path}")
    monkeypatch.setenv(SEEDS_VARIABLE, str(tmp_path / "nowhere"))
    assert seeds_folder() == (None, f"${SEEDS_VARIABLE}={tmp_path / 'nowhere'}")


def test_absent_sources_skip_saying_why_and_fail_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("BOOK_REQUIRE_SEEDS", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        _absent("the source documents are not found (/x/shared/seeds)")
    assert str(skipped.value) == ("the source documents are not found (/x/shared/seeds) "
                                  f"(set ${SEEDS_VARIABLE} to the folder of the source documents)")
    monkeypatch.setenv("BOOK_REQUIRE_SEEDS", "1")
    with pytest.raises(pytest.fail.Exception) as failed:
        _absent("the source documents are not found (/x/shared/seeds)")
    assert "CI must run the tests against the source documents" in str(failed.value)


def test_no_test_finds_the_sources_another_way():
    """No absolute path of a machine, and no other search for the seeds folder, in any test."""
    tests = ROOT / "tests"
    other = re.compile(r"[\"'](/work|/home|/Users|/mnt)/|seeds", re.IGNORECASE)
    found = [p.relative_to(ROOT).as_posix() for p in sorted(tests.rglob("*.py"))
             if p.name not in ("conftest.py", "test_sources.py") and other.search(p.read_text(encoding="utf-8"))]
    assert found == []
