"""Make the example rosters of the Kvoter chapter's example editions (deterministic).

Both start from the synthetic roster in data/raw/kvoter/roster_synthetic.csv (itself made by
analysis/chapters/kvoter/synthetic.py) and change a few units, so an edition built on them visibly
differs from the default edition. They are SYNTHETIC, like their source.

- roster_changed.xlsx (params/examples/kvoter-threshold-12-xlsx.yml): as an analyst would
  hand it in from Excel. Changes: V2-15 gets 2 fleksjob (had none), V2-11 gets 3
  virksomhedspraktikker (had none), F1-02 grows from 138 to 150 employees.
- roster_danish.csv (params/examples/kvoter-danish-csv.yml): Danish Excel CSV (semicolon,
  cp1252, CRLF). Changes: V2-19 gets 2 more voksenlærlinge, and a new unit V2-35 with 24
  employees and 1 fleksjob is added.

Run from the repository root:  PYTHONPATH=. python data/examples/kvoter/make_examples.py
The .xlsx is made byte-reproducible: fixed document dates and fixed zip entry times.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCE = ROOT / "data" / "raw" / "kvoter" / "roster_synthetic.csv"
FIXED = dt.datetime(2025, 2, 1, 0, 0, 0)


def _set(df: pd.DataFrame, unit: str, column: str, value) -> pd.DataFrame:
    out = df.copy()
    out.loc[out["unit_id"] == unit, column] = value
    return out


def changed_for_xlsx(roster: pd.DataFrame) -> pd.DataFrame:
    out = _set(roster, "V2-15", "fleksjob", 2)
    out = _set(out, "V2-11", "virksomhedspraktik", 3)
    return _set(out, "F1-02", "employees", 150)


def changed_for_danish_csv(roster: pd.DataFrame) -> pd.DataFrame:
    v = int(roster.loc[roster["unit_id"] == "V2-19", "voksenlaerling"].iloc[0])
    out = _set(roster, "V2-19", "voksenlaerling", v + 2)
    new = {"unit_id": "V2-35", "unit_name": "Syntetisk enhed V2-35 (ny)",
           "area": "Velfærdsdirektørens område", "employees": 24, "loentilskud": 0,
           "fleksjob": 1, "virksomhedspraktik": 0, "voksenlaerling": 0}
    return pd.concat([out, pd.DataFrame([new])], ignore_index=True)


def write_xlsx(df: pd.DataFrame, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Enheder"
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append([v.item() if hasattr(v, "item") else v for v in row])
    wb.properties.creator = "norddjurs-amu-book"
    wb.properties.created = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps 'modified' with the current time and zip entries with the clock: fix both.
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            data = src.read(name)
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())


def write_danish_csv(df: pd.DataFrame, path: Path) -> None:
    text = df.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    path.write_bytes(text.encode("cp1252"))


def main() -> None:
    roster = pd.read_csv(SOURCE)
    write_xlsx(changed_for_xlsx(roster), HERE / "roster_changed.xlsx")
    write_danish_csv(changed_for_danish_csv(roster), HERE / "roster_danish.csv")


if __name__ == "__main__":
    main()
