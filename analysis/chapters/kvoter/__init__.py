"""The Kvoter chapter: quotas for trainees, apprentices and people employed on special terms
with Norddjurs Kommune as employer, per unit and per director area, for any threshold.

Modules: `schemas` (pandera schemas of the inputs), `inputs` (`load_inputs(params)`, which
the build calls through the registry), `model` (pure computations), `reconcile` (the checks
of the published figures), `results` (key figures and key messages), `views` (tables, figure
and Danish texts) and `synthetic` (the labelled synthetic unit roster).
"""
from .inputs import Inputs, load_inputs

__all__ = ["Inputs", "load_inputs"]
