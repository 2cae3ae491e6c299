"""Rebuild ``data/districts.csv`` (the 7,285 kecamatan) from idn-area-data (see ``data/README.md``).

Fetch the source (no network is needed afterwards)::

    npm pack idn-area-data@4.0.1 && tar xzf idn-area-data-4.0.1.tgz

then run::

    python scripts/build_districts.py package/data [--out data/districts.csv]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

COLUMNS = ("code", "name", "regency_code", "province_code")
EXPECTED_DISTRICTS = 7285
_CODE = re.compile(r"\d{2}\.\d{2}\.\d{2}")


def build(source: Path) -> list[dict[str, str]]:
    """The rows of districts.csv, checked; ValueError on an implausible source."""
    with (source / "regencies.csv").open(encoding="utf-8", newline="") as handle:
        regencies = {r["code"] for r in csv.DictReader(handle)}
    with (source / "districts.csv").open(encoding="utf-8", newline="") as handle:
        upstream = list(csv.DictReader(handle))
    rows = []
    for item in upstream:
        code, regency, name = item["code"].strip(), item["regency_code"].strip(), item["name"]
        if not _CODE.fullmatch(code) or not code.startswith(regency + "."):
            raise ValueError(f"bad code {code!r} for regency {regency!r}")
        if regency not in regencies:
            raise ValueError(f"{code}: unknown regency {regency}")
        if not name.strip():
            raise ValueError(f"{code}: no name")
        rows.append({"code": code, "name": " ".join(name.split()), "regency_code": regency,
                     "province_code": regency[:2]})
    if len(rows) != EXPECTED_DISTRICTS or len({r["code"] for r in rows}) != len(rows):
        raise ValueError(f"expected {EXPECTED_DISTRICTS} distinct kecamatan, found {len(rows)}")
    return sorted(rows, key=lambda r: r["code"])


def main(argv: list[str] | None = None) -> int:
    """Write districts.csv; exit 1 with the reason when the source looks wrong."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="idn-area-data's data/ folder")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent.parent / "data" / "districts.csv")
    args = parser.parse_args(argv)
    try:
        rows = build(args.source)
    except ValueError as error:
        print(f"refusing to write: {error}", file=sys.stderr)
        return 1
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} kecamatan to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
