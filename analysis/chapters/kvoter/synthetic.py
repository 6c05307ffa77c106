"""The synthetic unit roster of the Kvoter chapter.

The source publishes employees and quotas per director area (Tabel 1) and placements by type,
but no unit-level data. This module makes a *clearly synthetic* roster, one row per unit
(contract holder / p-number), whose totals reproduce the published figures exactly:

- employees per director area (Tabel 1, column "ansatte");
- the quota per area at every threshold printed in Tabel 1, when the quota is computed per
  unit (one place per full N employees, summed);
- placements by type (løntilskud, fleksjob, virksomhedspraktik, voksenlærling) in total.

Everything is drawn from `random.Random(seed)` (stable across Python versions) and then
repaired by a deterministic local search, so the same seed gives the same roster byte for byte.
The published targets are read from the transcribed tables in data/raw, never typed in here.

Regenerate the committed roster with::

    PYTHONPATH=. python -m analysis.chapters.kvoter.synthetic data/raw/kvoter/roster_synthetic.csv
"""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ...core.paths import RAW
from .inputs import quota_columns, read_placements, read_quota_table
from .schemas import PLACEMENT_TYPES

SEED = 20250201
# Units per director area (our choice: contract holders of a municipality this size).
UNITS_PER_AREA = (9, 34)
# Share of units with no placement at all (the source: "p-numre uden sådanne ansatte").
EMPTY_SHARE = 0.2
MIN_UNIT_SIZE = 4
MAX_STEPS = 200_000


@dataclass(frozen=True)
class AreaTarget:
    """What one director area's units must add up to: employees and the quota per threshold."""

    area: str
    prefix: str
    employees: int
    quotas: dict[int, int]  # threshold -> published quota (computed per unit)


def targets(quota_table: pd.DataFrame) -> list[AreaTarget]:
    """The per-area targets from the transcribed Tabel 1 (area rows only)."""
    cols = quota_columns(quota_table)
    areas = quota_table[quota_table["row_type"] == "area"]
    out = []
    for k, (_, row) in enumerate(areas.iterrows()):
        prefix = str(row["area"])[0].upper()
        out.append(AreaTarget(str(row["area"]), f"{prefix}{k + 1}", int(row["employees"]),
                              {n: int(row[c]) for n, c in cols.items()}))
    return out


def _miss(sizes: list[int], target: AreaTarget) -> int:
    return sum(abs(sum(e // n for e in sizes) - q) for n, q in target.quotas.items())


def unit_sizes(target: AreaTarget, n_units: int, rng: random.Random) -> list[int]:
    """Unit sizes summing to the area's employees whose per-unit quotas hit the targets."""
    weights = [rng.lognormvariate(0.0, 0.8) for _ in range(n_units)]
    free = target.employees - MIN_UNIT_SIZE * n_units
    if free < 0:
        raise ValueError(f"{target.area}: too many units for {target.employees} employees")
    sizes = [MIN_UNIT_SIZE + int(free * w / sum(weights)) for w in weights]
    sizes[0] += target.employees - sum(sizes)
    miss = _miss(sizes, target)
    for _ in range(MAX_STEPS):
        if miss == 0:
            return sizes
        i, j = rng.randrange(n_units), rng.randrange(n_units)
        d = rng.randint(1, 6)
        if i == j or sizes[i] - d < MIN_UNIT_SIZE:
            continue
        sizes[i] -= d
        sizes[j] += d
        new = _miss(sizes, target)
        if new <= miss:
            miss = new
        else:
            sizes[i] += d
            sizes[j] -= d
    raise ValueError(f"{target.area}: no per-unit roster reproduces the published quotas "
                     f"within {MAX_STEPS} steps")


def make_roster(quota_table: pd.DataFrame, placements: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """The synthetic roster as a DataFrame (columns of `ROSTER_COLUMNS`)."""
    rng = random.Random(seed)
    rows = []
    for target, n_units in zip(targets(quota_table), UNITS_PER_AREA, strict=True):
        for k, size in enumerate(unit_sizes(target, n_units, rng)):
            uid = f"{target.prefix}-{k + 1:02d}"
            rows.append({"unit_id": uid, "unit_name": f"Syntetisk enhed {uid}",
                         "area": target.area, "employees": size})
    roster = pd.DataFrame(rows)
    # Placement propensity: proportional to size, times a random factor; some units have none.
    weight = [0.0 if rng.random() < EMPTY_SHARE else e * rng.lognormvariate(0.0, 0.9)
              for e in roster["employees"]]
    totals = placements.set_index("placement_type")["placements"]
    for ptype in PLACEMENT_TYPES:
        counts = [0] * len(roster)
        for _ in range(int(totals[ptype])):
            counts[rng.choices(range(len(roster)), weights=weight)[0]] += 1
        roster[ptype] = counts
    return roster


def write(path: str | Path, seed: int = SEED) -> Path:
    """Generate the roster from the transcribed tables and write it as UTF-8 CSV."""
    quota_table = read_quota_table(RAW / "kvoter" / "tabel1_quota.csv")
    placements = read_placements(RAW / "kvoter" / "placements_by_type.csv")
    roster = make_roster(quota_table, placements, seed)
    p = Path(path)
    p.write_text(roster.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    return p


if __name__ == "__main__":  # pragma: no cover
    write(sys.argv[1] if len(sys.argv) > 1 else RAW / "kvoter" / "roster_synthetic.csv")
