"""The Kvoter chapter: quotas for trainees, apprentices and people employed on special terms
with Norddjurs Kommune as employer, per unit and per director area, for any threshold.

`load_inputs(params)` validates every input (the build calls it before rendering);
`model` computes; `reconcile` lists the checks of the published figures; `synthetic` makes
the labelled synthetic unit roster.
"""
from .inputs import (
                     MODELS,
                     PLACEMENT_TYPES,
                     ROSTER_COLUMNS,
                     Inputs,
                     KvoterParameterError,
                     check_parameters,
                     known_areas,
                     load_inputs,
                     quota_columns,
)

__all__ = ["MODELS", "PLACEMENT_TYPES", "ROSTER_COLUMNS", "Inputs", "KvoterParameterError",
           "check_parameters", "known_areas", "load_inputs", "quota_columns"]
