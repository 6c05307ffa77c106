"""A notebook's parameters, collected once: the values its `parameters` cell declares (and the
build injects) handed to a chapter's `load_inputs` as one mapping, never retyped by hand."""
from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping

# The plain types a parameter's literal default can have (CONTRIBUTING: the notebook).
PARAMETER_TYPES = (str, bool, int, float, list, dict)
# Names the IPython kernel itself puts into a notebook's namespace.
KERNEL_NAMES = frozenset({"In", "Out", "exit", "quit", "get_ipython", "open"})


def collected(namespace: Mapping[str, Any]) -> Mapping[str, Any]:
    """The parameters in a notebook's namespace (`globals()` in the cell after the `parameters`
    cell): every public name holding a literal's type, read-only; modules, functions and the
    kernel's own names are left out."""
    return MappingProxyType({
        name: value for name, value in sorted(namespace.items())
        if not name.startswith("_") and name not in KERNEL_NAMES
        and isinstance(value, PARAMETER_TYPES)})
