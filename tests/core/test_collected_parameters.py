import types

import pytest

from analysis.core.parameters import collected


def test_collected_keeps_the_parameters_and_leaves_out_the_kernels_names():
    ns = {"focus": "Norddjurs", "groups": [], "tolerance_pct": 2.0, "top_units": 10, "synthetic": True,
          "rounds": {"2023": 2}, "In": [""], "Out": {}, "_": None, "_i1": "x", "get_ipython": print,
          "pd": types.ModuleType("pandas"), "load_inputs": lambda p: p}
    assert dict(collected(ns)) == {"focus": "Norddjurs", "groups": [], "tolerance_pct": 2.0, "top_units": 10,
                                   "synthetic": True, "rounds": {"2023": 2}}


def test_collected_is_read_only():
    with pytest.raises(TypeError):
        collected({"a": 1})["a"] = 2
