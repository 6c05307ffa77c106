import pytest
from conftest import FIXTURES

from book.errors import ParameterError
from book.parameters import declared_parameters, resolve_parameters

ALPHA = FIXTURES / "book" / "notebooks" / "alpha.ipynb"


def test_declared_parameters_from_the_parameters_cell():
    d = declared_parameters(ALPHA)
    assert dict(d.defaults) == {"values_file": "tests/fixtures/book/data/values.csv", "factor": 2,
                                "book_column_map": {}}
    assert d.inputs == ("values_file",)


def test_edition_overrides_defaults():
    d = declared_parameters(ALPHA)
    assert resolve_parameters("e.yml", "alpha", d, {"factor": 3})["factor"] == 3


def test_int_is_accepted_for_a_float_parameter_and_becomes_float():
    from book.parameters import Declared

    d = Declared("n", {"tolerance_pct": 5.0})
    assert resolve_parameters("e.yml", "benchmark", d, {"tolerance_pct": 10}) == {"tolerance_pct": 10.0}


@pytest.mark.parametrize("section, message", [
    ({"factr": 3}, "key 'factr': is not a parameter of this chapter. Valid keys for 'alpha': factor, values_file."),
    ({"factor": "3"}, "key 'factor': must be a whole number like the default 2, not '3'"),
    ({"factor": True}, "key 'factor': must be a whole number like the default 2, not True"),
    ({"book_edition": "x"}, "key 'book_edition': is set by the build"),
])
def test_rejected_keys_name_file_chapter_key_and_valid_keys(section, message):
    with pytest.raises(ParameterError) as err:
        resolve_parameters("params/e.yml", "alpha", declared_parameters(ALPHA), section)
    assert str(err.value).startswith("[parameters] Edition file params/e.yml, chapter 'alpha', ")
    assert message in str(err.value)


def test_values_are_never_silently_coerced_and_dates_are_real():
    from book.parameters import value_problem

    assert "must be a whole number like the default 2, not 1.5" in value_problem(2, 1.5)
    assert "item 2 is 1.5" in value_problem([15, 10], [15, 1.5])
    assert "the value of '2023' is 1.5" in value_problem({"2023": 2}, {"2023": 1.5})
    assert "must be a real date" in value_problem("2021-11-26", "2024-13-45")
    assert value_problem("2021-11-26", "2024-02-29") is None
    assert value_problem(2.0, 3) is None and value_problem([], ["x"]) is None


def test_every_bad_key_is_reported_at_once():
    with pytest.raises(ParameterError) as err:
        resolve_parameters("params/e.yml", "alpha", declared_parameters(ALPHA),
                           {"factr": 3, "factor": "3", "book_edition": "x"})
    assert [(c, k) for c, k, _, _ in err.value.problems] == [("alpha", "factr"), ("alpha", "factor"),
                                                             ("alpha", "book_edition")]
    assert str(err.value).startswith("[parameters] Edition file params/e.yml has 3 parameter problems:\n")
