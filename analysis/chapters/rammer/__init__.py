"""Chapter `rammer` (Rammer og nøgletal): the committee's frame in figures.

Inputs are transcribed from the committee's introduction (2022) and agenda items 2 and 5 of
Norddjurs Beskæftigelsesråd 29-08-2024. The package has the shared chapter shape:

    schemas.py    pandera schemas and the cross-row rules of every input
    inputs.py     load_inputs(params) -> Inputs; the parameters `blocks` and `edition_months`
    model.py      pure computations (benchmark differences, ratios, coverage, annual cycle)
    reconcile.py  the checks of every printed difference, share and total
    results.py    key figures and key messages, per shown block
    views.py      tables and Danish texts for the notebook
    figures.py    the chapter's figures and their alt texts
    sources.py    the sources as the reader sees them

Block ids (`inputs.BLOCKS`) select the chapter's sections; an empty selection means all blocks.
"""
from .inputs import Inputs, load_inputs

__all__ = ["Inputs", "load_inputs"]
