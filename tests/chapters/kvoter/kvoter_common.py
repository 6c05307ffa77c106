"""Paths and parameters shared by the Kvoter tests."""
from __future__ import annotations

from analysis.core.paths import ROOT

RAW = ROOT / "data" / "raw" / "kvoter"
FIX = ROOT / "tests" / "fixtures" / "kvoter"
EXAMPLES = ROOT / "data" / "examples" / "kvoter"
SEED_NAME = "000_eb2675815339feb2.txt"
PARAMS = {
    "roster_file": "data/raw/kvoter/roster_synthetic.csv",
    "placements_file": "data/raw/kvoter/placements_by_type.csv",
    "quota_table_file": "data/raw/kvoter/tabel1_quota.csv",
    "stated_figures_file": "data/raw/kvoter/stated_figures.csv",
    "quota_examples_file": "data/raw/kvoter/quota_examples.csv",
    "periods_file": "data/raw/kvoter/periods.csv",
    "committee_file": "data/raw/kvoter/committee_ask.csv",
}
