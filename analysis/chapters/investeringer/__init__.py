"""The Investeringer chapter: quarterly follow-up of the five investment cases of budget
2020-2023 (Notat 26-11-2021), budget against result and forecast per case and year, Tabel 1's
totals, and the survival curves of A-dagpenge recipients (Tabel 2).

`load_inputs(params)` validates every input (the build calls it before rendering);
`model` computes (`derive` gives the chapter's state for one edition); `reconcile` lists the
checks of the notat's printed figures; `results` the key figures and messages; `views` and
`figures` the tables, figures and Danish texts the notebook shows.
"""
from .inputs import Inputs, load_inputs

__all__ = ["Inputs", "load_inputs"]
