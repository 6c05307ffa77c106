"""Make the INVENTED input files of the demonstration series (deterministic).

The series is 2025-Q1 (the real edition) followed by two invented quarters,
params/examples/eksempel-2025-Q2.yml and eksempel-2025-Q3.yml. Nothing made here is a figure of
Norddjurs Kommune; every row says so where the file has room for it, and the book labels every
chapter that reads these files as built on invented example data.

- kvoter/roster_2025q2.csv, roster_2025q3.csv: an invented HR extract of 36 units (1.429
  employees and 88 places at 30 June 2025; at 30 September a few units grow and 9 places are
  added), with Danish headers (Løntilskud, Voksenlærling) as an HR system would write them.
- Beskæftigelsesplan: eksempel-2025-Q2 reads the existing invented second follow-up of plan 2024
  (data/examples/beskaeftigelsesplan); eksempel-2025-Q3 has no new follow-up round.
- investeringer/case_amounts_invented_2022-11-30.csv: the existing invented forecast
  (data/examples/investeringer, 2022-05-31) with new invented forecasts for cases 3 and 4.

Run from the repository root:  python data/examples/series/make_series.py
"""
from __future__ import annotations

import csv
import io
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
AREAS = ("Fællesforvaltningsdirektørens område", "Velfærdsdirektørens område")
HEADER = ["Enhed", "Enhedsnavn", "Område", "Ansatte", "Løntilskud", "Fleksjob", "Virksomhedspraktik",
          "Voksenlærling"]


def _split(total: int, parts: int, rng: random.Random, low: int) -> list[int]:
    """`total` split into `parts` whole numbers of at least `low`, deterministic."""
    weights = [rng.lognormvariate(0, 0.8) for _ in range(parts)]
    sizes = [low + int((total - low * parts) * w / sum(weights)) for w in weights]
    sizes[0] += total - sum(sizes)
    return sizes


def roster_q2() -> list[list]:
    """36 invented units: 8 in Fællesforvaltning, 28 in Velfærd; 1.429 employees, 88 places."""
    rng = random.Random(20250630)
    employees = _split(290, 8, rng, 8) + _split(1139, 28, rng, 8)
    places = [0] * 36
    for _ in range(88):
        places[rng.choices(range(36), weights=employees)[0]] += 1
    rows = []
    for i, (e, p) in enumerate(zip(employees, places)):
        area = AREAS[0] if i < 8 else AREAS[1]
        code = f"F{i + 1:02d}" if i < 8 else f"V{i - 7:02d}"
        kinds = [0, 0, 0, 0]
        for _ in range(p):
            kinds[rng.choices(range(4), weights=[1, 6, 3, 2])[0]] += 1
        rows.append([code, f"Opdigtet enhed {code}", area, e, *kinds])
    return rows


def roster_q3(q2: list[list]) -> list[list]:
    """Q2 with invented changes: 12 more employees and 9 more places in five units."""
    rows = [list(r) for r in q2]
    for code, employees, fleksjob, praktik in (("V03", 5, 2, 1), ("V10", 7, 1, 0), ("F02", 0, 0, 2),
                                               ("V21", 0, 1, 1), ("F05", 0, 1, 0)):
        r = next(r for r in rows if r[0] == code)
        r[3] += employees
        r[5] += fleksjob
        r[6] += praktik
    return rows


def write_csv(path: Path, header: list[str], rows: list[list], delimiter: str = ",") -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8")


def amounts_2022_11_30() -> str:
    """The invented 2022-05-31 forecast with new invented forecasts for cases 3 and 4."""
    src = ROOT / "data" / "examples" / "investeringer" / "case_amounts_invented_2022-05-31.csv"
    rows = list(csv.reader(src.read_text(encoding="utf-8").splitlines()))
    changes = {("3", "2022", "savings", "forecast"): "-3.600", ("3", "2023", "savings", "forecast"): "-3.900",
               ("4", "2022", "savings", "forecast"): "-2.400", ("4", "2023", "savings", "forecast"): "-3.700"}
    for r in rows[1:]:
        key = tuple(r[:4])
        if key in changes:
            r[4] = changes[key]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def main() -> None:
    q2 = roster_q2()
    write_csv(HERE / "kvoter" / "roster_2025q2.csv", HEADER, q2)
    write_csv(HERE / "kvoter" / "roster_2025q3.csv", HEADER, roster_q3(q2))
    (HERE / "investeringer").mkdir(exist_ok=True)
    (HERE / "investeringer" / "case_amounts_invented_2022-11-30.csv").write_text(amounts_2022_11_30(),
                                                                                   encoding="utf-8")


if __name__ == "__main__":
    main()
