"""The public face on the national demo (1,120 booths, 4 halls), allocated: static directory
export size and build time, booth cards PDF time and size, search speed.

Run: ``python bench/directory.py``. Works in memory and a temporary folder (no database); a
third of the exhibitors get shop links, so the cards carry both kinds of QR code. Prints
figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from booth_planner.directory.cards import cards_pdf, plan_cards  # noqa: E402
from booth_planner.directory.entries import from_state  # noqa: E402
from booth_planner.directory.search import SearchIndex  # noqa: E402
from booth_planner.directory.static_site import write_site  # noqa: E402
from tests.directory_sample import sample_state  # noqa: E402

BASE_URL = "https://pameran.example/direktori"
QUERIES = ("kopi gayo", "kopi", "Humbahas", "tenunn", "batik pekalongan", "anyaman rotan kalbar")


def timed(work, repeats: int = 1):  # noqa: ANN001, ANN201
    """(median seconds of wall time, median CPU seconds, last result) of ``work``."""
    walls, cpus, result = [], [], None
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> None:
    """Print the figures."""
    state = sample_state("national")
    directory = from_state(state)
    print(f"national demo: {len(state.booths):,} booths, {len(directory.entries):,} assigned, "
          f"{len(directory.halls)} halls")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "site"
        wall, cpu, stats = timed(lambda: write_site(directory, out), repeats=3)
        sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
    print(f"static export: {wall * 1000:8.0f} ms wall, {cpu * 1000:6.0f} ms CPU, "
          f"{stats.bytes / 1024:8.0f} KB in {len(sizes)} files")
    for name, size in sizes.items():
        print(f"    {name:<16} {size / 1024:8.0f} KB")
    cards = plan_cards(directory.entries, BASE_URL)
    wall, cpu, pdf = timed(lambda: cards_pdf(cards, "Pameran Kriya Nusantara"))
    print(f"cards PDF A5:  {wall:8.1f} s wall, {cpu:6.1f} s CPU, {len(pdf) / 1024 / 1024:6.2f} MB "
          f"for {len(cards):,} cards ({len(pdf) / len(cards) / 1024:.1f} KB a card)")
    first_hall = [c for c in cards if c.entry.hall == directory.halls[0].name]
    wall, cpu, pdf = timed(lambda: cards_pdf(first_hall, "Pameran Kriya Nusantara", "a6"))
    print(f"cards PDF A6, first hall: {wall:6.1f} s wall, {cpu:6.1f} s CPU, "
          f"{len(pdf) / 1024:6.0f} KB for {len(first_hall)} cards")
    wall, _, index = timed(lambda: SearchIndex.build(directory.entries), repeats=3)
    print(f"search index:  {wall * 1000:8.1f} ms, {len(index.vocabulary):,} words")
    for query in QUERIES:
        wall, _, found = timed(lambda q=query: index.search(q), repeats=5)
        print(f"    search {query!r:<26} {wall * 1000:7.1f} ms  {len(found):4} booths")


if __name__ == "__main__":
    main()
