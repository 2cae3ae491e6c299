"""The demo's produk unggulan registry: one sample entry for each of the 56 kabupaten/kota of
Aceh and Sumatera Utara, every one marked ``[contoh]``.

Each region's first product of ``data/demo_products.csv`` is its registered one; the PON demo's
applicants bring both, so the coverage view has regions showing their produk unggulan and
regions represented only by their other product.
"""

from __future__ import annotations

import random
from datetime import date

from booth_planner.demo.samples import SAMPLE_MARK, demo_products
from booth_planner.registry.entries import Entry, Marks, Source
from booth_planner.storage import Store
from booth_planner.storage.registry import RegistryStore

DEMO_USER = "demo"
DEMO_SOURCE = Source(f"Data contoh aplikasi {SAMPLE_MARK}", date(2024, 8, 1))
_MATERIALS = {"tenun": "benang kapas dan sutra", "songket": "benang emas", "anyaman": "pandan",
              "kuliner": "hasil bumi setempat", "kriya kayu": "kayu", "bordir": "kain dan benang",
              "batik": "kain katun dan malam"}


def demo_registry_entries(seed: int = 56) -> list[Entry]:
    """A sample entry per kabupaten/kota of Aceh and Sumatera Utara (its first demo product)."""
    rng = random.Random(seed)
    first: dict[str, dict[str, str]] = {}
    for row in demo_products():
        first.setdefault(row["region_code"], row)
    entries = []
    for code, row in sorted(first.items()):
        kuliner = row["category"] == "kuliner"
        stars = rng.choice((None, None, 3, 4, 5))
        entries.append(Entry(
            code, row["product"], row["category"],
            description=f"Produk unggulan contoh untuk demo {SAMPLE_MARK}",
            raw_material=_MATERIALS.get(row["category"], ""),
            producers=f"Sentra {row['product'].split()[0].lower()} setempat {SAMPLE_MARK}",
            marks=Marks(ovop_stars=stars, halal=kuliner,
                        permit=f"P-IRT contoh {SAMPLE_MARK}" if kuliner else None),
            sources=(DEMO_SOURCE,)))
    return entries


def ensure_demo_registry(store: Store) -> int:
    """Put the sample registry into a database whose registry is empty; returns entries added."""
    registry = RegistryStore(store)
    if registry.entries():
        return 0
    return registry.import_entries(demo_registry_entries(), user=DEMO_USER,
                                   summary=f"demo {SAMPLE_MARK}").added
