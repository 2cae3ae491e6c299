"""How fast region texts resolve: prints names per second for a 25,000-row applicant list.

The list mixes what real applicant files hold: official names, bare names, codes, abbreviations,
odd case and spacing, each written many times. Typos and ambiguous names (the slow error path,
which asks rapidfuzz for candidates) make up a separate, smaller run. "Cache emptied" runs show
the worst case, every name parsed and looked up afresh. Run from the repository root:

    python -m bench.regions_resolve
"""

from __future__ import annotations

import random
import time

from booth_planner.core import regions as reg

ROWS = 25_000
ERROR_ROWS = 1_000


def written_forms() -> list[str]:
    """Every region's name, bare name and code, plus every alias, as people write them."""
    forms: list[str] = []
    for region in reg.regions():
        forms += [region.name, region.name.upper(), f" {reg.normalize(region.name)} ", region.code,
                  region.code.replace(".", "")]
    forms += [a.alias for a in reg.region_aliases()]
    return forms


def unique_texts(count: int, rng: random.Random) -> list[str]:
    """``count`` texts, all different strings, each a valid way to write a kabupaten/kota."""
    texts = set()
    places = reg.kabupaten_kota()
    while len(texts) < count:
        place = rng.choice(places)
        prefix = rng.choice(["Kab.", "KAB", "Kabupaten"] if place.type == "kabupaten"
                            else ["Kota", "KOTA", "Kota Adm."] if "Jakarta" in place.name
                            else ["Kota", "KOTA", "kota"])
        text = f"{' ' * rng.randrange(4)}{prefix}{' ' * rng.randrange(1, 9)}"
        texts.add(text + rng.choice([str.upper, str.lower, str.title])(reg.normalize(place.name))
                  + " " * rng.randrange(30))
    return sorted(texts)


def measure(label: str, texts: list[str], cold: bool = False) -> None:
    """Resolve every text once and print the rate; ``cold`` empties the name cache each time."""
    resolved = failed = 0
    start = time.perf_counter()
    for text in texts:
        if cold:
            reg._match_name.cache_clear()
        try:
            reg.resolve(text)
            resolved += 1
        except reg.RegionError:
            failed += 1
    seconds = time.perf_counter() - start
    print(f"{label:<42} {len(texts):>6} texts  {seconds:7.3f} s  "
          f"{len(texts) / seconds:>10,.0f} names/s  ({resolved} resolved, {failed} errors)")


def main() -> None:
    """Time loading, a typical list, an uncached list and the error path."""
    rng = random.Random(20261123)
    start = time.perf_counter()
    reg.regions()
    reg.resolve("Kabupaten Toba")
    print(f"{'load CSVs and build the index':<42} {time.perf_counter() - start:14.3f} s")
    forms = written_forms()
    measure("typical list (repeated names)", [rng.choice(forms) for _ in range(ROWS)])
    different = unique_texts(ROWS, rng)
    measure("all-different strings", different)
    measure("all-different strings, cache emptied each", different, cold=True)
    errors = ["Tobba", "Bandung", "Kota Medam", "Humbahass", "Bekasi", "Xyzzy", "Samosr"]
    bad = [f"{rng.choice(errors)}{'!' * (i % 50)}" for i in range(ERROR_ROWS)]
    measure("errors: typos and ambiguous names", bad)
    measure("errors, cache emptied each", bad, cold=True)


if __name__ == "__main__":
    main()
