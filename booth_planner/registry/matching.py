"""Which registry entry an applicant's product is: names compared as people write them.

``Tikar anyaman pandan`` is the registry's ``tikar pandan``; ``kain ulos`` and ``Ulos Batak Toba``
are ``ulos``. Names are compared by their words (rapidfuzz's token-set ratio: one name's words all
found in the other's count as the same product, a typo costs little), after dropping words that
say nothing about the product (``kain``, ``kerajinan``, ``khas``...). Only entries of the
applicant's own region are candidates, so a short name cannot match another region's product.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from booth_planner.core import districts, regions
from booth_planner.registry.entries import Entry, for_region, product_key

# At or above this score two names are the same product (0-100).
MATCH_SCORE = 85.0
# Words that only frame a product: "kain ulos" is ulos, "kerajinan rotan" is rotan.
GENERIC_WORDS = frozenset({
    "kain", "kerajinan", "produk", "olahan", "khas", "asli", "aneka", "oleh", "hasil", "industri",
    "umkm", "ikm", "the", "dan", "and", "of",
})


@dataclass(frozen=True, slots=True)
class Match:
    """An entry an applicant's product was found to be, and how close the names were."""

    entry: Entry
    score: float


NO_WORDS: frozenset[str] = frozenset()


@lru_cache(maxsize=8192)
def match_text(name: str, place: frozenset[str] = NO_WORDS) -> str:
    """The words of ``name`` that name the product (all of them if every word is generic).

    ``place`` are the words of the region's own name: ``Kopi Gayo Bener Meriah`` and
    ``Kerawang Gayo Bener Meriah`` share their place, not their product.
    """
    words = product_key(name).split()
    kept = [w for w in words if w not in GENERIC_WORDS and w not in place]
    return " ".join(kept or [w for w in words if w not in GENERIC_WORDS] or words)


@lru_cache(maxsize=64)
def place_words(region_code: str) -> frozenset[str]:
    """The words of a region's name (kabupaten/kota, and kecamatan for a kecamatan code)."""
    names = [regions.region(region_code[:5]).name]
    if districts.is_district_code(region_code):
        names.append(districts.district(region_code).name)
    words = {w for n in names for w in product_key(n).split()}
    return frozenset(words - {"kabupaten", "kota", "administrasi"})


def name_score(first: str, second: str, place: frozenset[str] = NO_WORDS) -> float:
    """How alike two product names are, 0-100 (100: one's words all in the other's)."""
    a, b = match_text(first, place), match_text(second, place)
    if not a or not b:
        return 0.0
    return float(fuzz.token_set_ratio(a, b))


def same_product(first: str, second: str, place: frozenset[str] = NO_WORDS) -> bool:
    """True when two names are the same product by ``MATCH_SCORE``."""
    return name_score(first, second, place) >= MATCH_SCORE


def best_match(product: str | None, entries: Iterable[Entry],
               place: frozenset[str] = NO_WORDS) -> Match | None:
    """The entry ``product`` is (closest first, the exact name before any other), or None."""
    if not product or not match_text(product):
        return None
    best: Match | None = None
    for entry in entries:
        score = name_score(product, entry.name, place)
        exact = product_key(product) == product_key(entry.name)
        if score < MATCH_SCORE:
            continue
        rank = (exact, score)
        if best is None or rank > (product_key(product) == product_key(best.entry.name),
                                   best.score):
            best = Match(entry, score)
    return best


def match_in_region(product: str | None, region_code: str,
                    entries: Sequence[Entry]) -> Match | None:
    """The entry of ``region_code`` (a kabupaten/kota or kecamatan) that ``product`` is."""
    if "." not in region_code:  # a province's own pavilion has no produk unggulan of its own
        return None
    try:
        place = place_words(region_code)
    except KeyError:  # a code outside the official list has no entries either
        return None
    return best_match(product, for_region(entries, region_code), place)


def groups(names: Iterable[str], place: frozenset[str] = NO_WORDS) -> list[list[str]]:
    """Names of one region grouped by product (``ulos``, ``Ulos Batak Toba``, ``kain ulos``).

    Two names are in one group when a chain of same-product pairs joins them; groups keep the
    names' first-seen order and come in the order of their first name.
    """
    unique = list(dict.fromkeys(n for n in names if match_text(n)))
    parent = list(range(len(unique)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, first in enumerate(unique):
        for j in range(i + 1, len(unique)):
            if same_product(first, unique[j], place):
                parent[root(j)] = root(i)
    grouped: dict[int, list[str]] = {}
    for i, name in enumerate(unique):
        grouped.setdefault(root(i), []).append(name)
    return list(grouped.values())
