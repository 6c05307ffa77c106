import datetime as dt

import pytest

from book.editions import find_edition, load_edition, previous_edition
from book.errors import EditionError


def _write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{name}.yml"
    p.write_text(text, encoding="utf-8")
    return p


def test_loads_metadata_and_sections(tmp_path):
    p = _write(tmp_path, "2025-Q1", "edition: 2025-Q1\ntitle: T\ndate: 2025-03-31\nkvoter:\n  thresholds: [15, 10]\n")
    e = load_edition(p)
    assert (e.id, e.date, dict(e.section("kvoter"))) == ("2025-Q1", dt.date(2025, 3, 31), {"thresholds": [15, 10]})
    assert e.epoch == 1743422400  # 2025-03-31 12:00 UTC


def test_duplicate_keys_are_rejected_with_line(tmp_path):
    p = _write(tmp_path, "e", "edition: e\ntitle: T\ndate: 2025-03-31\nkvoter:\n  a: 1\n  a: 2\n")
    with pytest.raises(EditionError, match=r"duplicate key 'a' \(first on line 5\)"):
        load_edition(p)


def test_dates_in_sections_stay_text(tmp_path):
    p = _write(tmp_path, "e", "edition: e\ntitle: T\ndate: 2025-03-31\ninv:\n  follow_up_date: 2021-11-26\n")
    assert load_edition(p).section("inv")["follow_up_date"] == "2021-11-26"


def test_missing_required_key(tmp_path):
    with pytest.raises(EditionError, match="the required key 'date' is missing"):
        load_edition(_write(tmp_path, "e", "edition: e\ntitle: T\n"))


def test_newest_edition_by_date_and_previous(tmp_path):
    _write(tmp_path, "2025-Q1", "edition: 2025-Q1\ntitle: T\ndate: 2025-03-31\n")
    _write(tmp_path, "2025-Q2", "edition: 2025-Q2\ntitle: T\ndate: 2025-06-30\n")
    newest = find_edition(folder=tmp_path)
    assert newest.id == "2025-Q2"
    assert previous_edition(newest, tmp_path).id == "2025-Q1"
    assert previous_edition(find_edition("2025-Q1", folder=tmp_path), tmp_path) is None


def test_unknown_edition_lists_known(tmp_path):
    _write(tmp_path, "2025-Q1", "edition: 2025-Q1\ntitle: T\ndate: 2025-03-31\n")
    with pytest.raises(EditionError, match="known editions: 2025-Q1"):
        find_edition("2025-Q9", folder=tmp_path)


def test_explicit_previous_is_found_next_to_the_edition_or_in_params(tmp_path):
    _write(tmp_path, "a", "edition: a\ntitle: T\ndate: 2025-03-31\n")
    b = load_edition(_write(tmp_path, "b", "edition: b\ntitle: T\ndate: 2025-06-30\nprevious: a\n"))
    assert previous_edition(b, tmp_path).id == "a"
    c = load_edition(_write(tmp_path, "c", "edition: c\ntitle: T\ndate: 2025-06-30\nprevious: 2025-Q1\n"))
    assert previous_edition(c, tmp_path).id == "2025-Q1"  # the real edition in params/
    d = load_edition(_write(tmp_path, "d", "edition: d\ntitle: T\ndate: 2025-06-30\nprevious: nowhere\n"))
    with pytest.raises(EditionError, match="'previous: nowhere' names no edition file"):
        previous_edition(d, tmp_path)


def test_column_map_is_read_and_checked(tmp_path):
    p = _write(tmp_path, "e", "edition: e\ntitle: T\ndate: 2025-03-31\ncolumns:\n"
                              "  data/hr/roster.xlsx: {'Antal i løntilskud': loentilskud}\n")
    assert dict(load_edition(p).columns) == {"data/hr/roster.xlsx": {"Antal i løntilskud": "loentilskud"}}
    p = _write(tmp_path, "e", "edition: e\ntitle: T\ndate: 2025-03-31\ncolumns:\n  x.csv: {a: 'Løn tilskud'}\n")
    with pytest.raises(EditionError, match="is not a declared column name"):
        load_edition(p)


def test_contact_and_next_edition_default_and_can_be_set(write_edition):
    import datetime as dt

    e = write_edition("e1")
    assert e.next_date == dt.date(2025, 6, 30) and "Norddjurs Kommune" in e.contact
    e = write_edition("e2", "contact: Jobcentret, tlf. 1234\nnext_edition: 2025-07-15\n")
    assert e.next_date == dt.date(2025, 7, 15) and e.contact == "Jobcentret, tlf. 1234"
