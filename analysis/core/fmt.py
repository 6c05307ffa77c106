"""Moved to `report.fmt` (the recording module `report.show` uses it, and `report` imports
nothing from `analysis`); this name stays for the domain's imports."""
from report.fmt import *  # noqa: F401,F403
