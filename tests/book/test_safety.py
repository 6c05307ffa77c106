"""Edition ids are names, never paths; the build deletes, replaces and locks only inside its
own output folders (tests with `..`, `../data`, absolute paths and symbolic links)."""
from __future__ import annotations

import pytest

from book.editions import find_edition, load_edition
from book.errors import EditionError, UnsafePathError
from book.publish import swap_into_place
from book.safety import inside, is_edition_id, remove_tree

BAD_IDS = ["..", "../data", "/tmp/x", "a/b", "a\\b", ".hidden", "a..b", "", "x" * 65, "é", "a b", "-a"]


@pytest.mark.parametrize("good", ["2025-Q1", "2025.1", "e_1", "A"])
def test_good_edition_ids(good):
    assert is_edition_id(good)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_edition_ids_are_refused_in_the_edition_file(tmp_path, bad):
    assert not is_edition_id(bad)
    path = tmp_path / "e.yml"
    path.write_text(f"edition: '{bad}'\ntitle: T\ndate: 2025-03-31\n", encoding="utf-8")
    with pytest.raises(EditionError, match="is not a valid edition id"):
        load_edition(path)


def test_bad_previous_and_command_line_ids_are_refused(tmp_path):
    path = tmp_path / "e.yml"
    path.write_text("edition: e\ntitle: T\ndate: 2025-03-31\nprevious: ../data\n", encoding="utf-8")
    with pytest.raises(EditionError, match="'previous: ../data' is not a valid edition id"):
        load_edition(path)
    with pytest.raises(EditionError, match="is not a valid edition id"):
        find_edition("../params/2025-Q1", folder=tmp_path)


def test_numeric_edition_id_is_a_name(tmp_path):
    path = tmp_path / "e.yml"
    path.write_text("edition: 2025\ntitle: T\ndate: 2025-03-31\n", encoding="utf-8")
    assert load_edition(path).id == "2025"


@pytest.mark.parametrize("name", ["..", "../data", "/etc", ".", "link", "link/x"])
def test_paths_outside_the_output_folders_are_refused(tmp_path, name):
    root = tmp_path / "_book"
    root.mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x").mkdir()
    (root / "link").symlink_to(tmp_path / "data")
    target = root / name
    if name == "link":  # the link itself lies inside: it may be removed, its target never
        remove_tree(target, [root])
        assert (tmp_path / "data" / "x").is_dir() and not (root / "link").exists()
        return
    with pytest.raises(UnsafePathError):
        inside(target, [root], "delete")
    with pytest.raises(UnsafePathError):
        remove_tree(target, [root])
    assert (tmp_path / "data" / "x").is_dir()


def test_a_planted_link_as_the_edition_folder_is_replaced_not_followed(tmp_path):
    root = tmp_path / "_book"
    root.mkdir()
    outside = tmp_path / "data"
    outside.mkdir()
    (outside / "raw.csv").write_text("keep\n")
    (root / "e1").symlink_to(outside)
    staged = tmp_path / "staged"
    staged.mkdir()
    (staged / "index.html").write_text("new\n")
    swap_into_place(staged, root / "e1", [root])
    assert not (root / "e1").is_symlink() and (root / "e1" / "index.html").is_file()
    assert (outside / "raw.csv").read_text() == "keep\n"


def test_build_refuses_an_edition_id_that_is_a_path_before_touching_anything(
        fixture_book, build_options, tmp_path):
    from book.pipeline import build

    victim = tmp_path / "data"
    victim.mkdir()
    (victim / "raw.csv").write_text("keep\n")
    path = tmp_path / "params" / "x.yml"
    path.parent.mkdir()
    for bad in ("..", "../data", str(victim)):
        path.write_text(f"edition: '{bad}'\ntitle: T\ndate: 2025-03-31\n", encoding="utf-8")
        with pytest.raises(EditionError):
            build(load_edition(path), build_options, fixture_book)
    assert (victim / "raw.csv").read_text() == "keep\n"
    assert not build_options.build_dir.exists() and not build_options.book_dir.exists()
