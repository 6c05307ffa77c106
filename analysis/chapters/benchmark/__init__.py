"""Jobcenterbenchmark: unit costs, quality indicators and results of Norddjurs and nine peer
municipalities (BDO, *Jobcenterbenchmark 2023*), from any participant's point of view.

`terms` names the target groups, tables and measures; `schemas` and `inputs` read and
validate the transcribed tables into one tidy long table; `model` compares a focus
municipality with the others; `reconcile` (with `consistency`) checks every printed figure;
`results` gives key figures and messages; `views` and `figures` what the notebook shows.
"""
from .inputs import Inputs, focus_values, load_inputs

# Parameters whose every value is an edition of its own (`render.py --vary benchmark.focus=all`):
# parameter -> the values, from the chapter's parameters.
ENUMERABLE = {"focus": focus_values}

__all__ = ["ENUMERABLE", "Inputs", "load_inputs"]
