"""An exact reference for allocation on tiny floors, independent of the engine, and a generator
of tiny hard floors (mixed booth sizes, brick rows, holes, zones, partial locks).

The reference lists every group of booths each applicant could take (combinations checked for
connectedness, one hall, compatible, holding its locks) and searches every allocation, memoised
on (applicant, booths taken, regions covered). Used by the tests and by bench/allocate.py.
"""

from __future__ import annotations

import random
from dataclasses import replace
from functools import cache
from itertools import combinations

from booth_planner.core.geometry import adjacency, grow_group, is_connected
from booth_planner.core.model import Applicant, Booth
from booth_planner.demo.synthetic import SyntheticEvent

REGIONS = ("11.01", "11.02", "12", "12.04", "12.71")
CATEGORIES = ("tenun", "kuliner", "batik")
SHAPES = ((1, 1), (1, 1), (2, 1), (1, 2), (2, 2))


def options(booths: list[Booth], applicant: Applicant) -> list[frozenset[int]]:
    """Every booth group (as indices into ``booths``) the applicant could be given."""
    neighbours = adjacency(booths)
    fits = [i for i, b in enumerate(booths) if not b.is_blocked and b.accepts(applicant.category)]
    locks = {i for i, b in enumerate(booths) if b.booth_id in applicant.locked_booth_ids}
    found = []
    for combo in combinations(fits, applicant.booths_requested):
        if not locks <= set(combo) or len({booths[i].hall for i in combo}) != 1:
            continue
        if is_connected([booths[i].booth_id for i in combo], neighbours):
            found.append(frozenset(combo))
    return found


def best_allocation(booths: list[Booth], applicants: list[Applicant]) -> tuple[int, int] | None:
    """The best (coverage, priority) under SPEC 3's hard rules; None when the locks cannot hold."""
    choices = [[sum(1 << i for i in group) for group in options(booths, a)]
               for a in applicants]
    regions = sorted({a.region_code for a in applicants})
    bit = {r: 1 << n for n, r in enumerate(regions)}
    impossible = (-1, -1)

    @cache
    def search(index: int, taken: int, covered: int) -> tuple[int, int]:
        if index == len(applicants):
            return (bin(covered).count("1"), 0)
        applicant = applicants[index]
        best = impossible if applicant.locked_booth_ids else search(index + 1, taken, covered)
        for mask in choices[index]:
            if mask & taken:
                continue
            coverage, priority = search(index + 1, taken | mask, covered | bit[applicant.region_code])
            if coverage >= 0:
                best = max(best, (coverage, priority + 1 + applicant.priority))
        return best

    result = search(0, 0, 0)
    return None if result == impossible else result


def tiny_floor(rng: random.Random, max_cells: int = 12) -> list[Booth]:
    """One or two halls of mixed-size booths on a 3 m grid, some rows as brick, some holes."""
    booths: list[Booth] = []
    for hall in ("H1", "H2")[: rng.choice((1, 1, 2))]:
        width, height = rng.randint(2, 5), rng.randint(1, 3)
        brick = rng.random() < 0.3
        taken: set[tuple[int, int]] = set()
        for y in range(height):
            for x in range(width):
                if (x, y) in taken or len(booths) >= max_cells:
                    continue
                if rng.random() < 0.12:
                    continue  # a hole: no booth stands here
                shapes = [s for s in SHAPES if (not brick or s[1] == 1) and all(
                    (x + dx, y + dy) not in taken and x + dx < width and y + dy < height
                    for dx in range(s[0]) for dy in range(s[1]))]
                w, h = rng.choice(shapes)
                taken.update((x + dx, y + dy) for dx in range(w) for dy in range(h))
                shift = 1.5 if brick and y % 2 else 0.0
                booths.append(Booth(
                    f"{hall}-{x}{y}", hall, 3.0 * x + shift, 3.0 * y, 3.0 * w, 3.0 * h,
                    zone="kuliner" if rng.random() < 0.2 else None,
                    status="blocked" if rng.random() < 0.22 else "available"))
    return booths


def tiny_event(rng: random.Random, max_cells: int = 12, max_applicants: int = 6,
               multi_share: float = 0.5, lock_share: float = 0.3
               ) -> tuple[list[Booth], list[Applicant]]:
    """A tiny floor and applicants asking 1-3 booths, some holding part of theirs by lock."""
    booths = tiny_floor(rng, max_cells)
    neighbours = adjacency(booths)
    locked: set[str] = set()
    applicants = []
    for index in range(rng.randint(1, max_applicants)):
        category = rng.choice(CATEGORIES)
        size = rng.randint(2, 3) if rng.random() < multi_share else 1
        locks: tuple[str, ...] = ()
        if size > 1 and rng.random() < lock_share:
            fits = [b.booth_id for b in booths if not b.is_blocked and b.accepts(category)
                    and b.booth_id not in locked]
            if fits:
                first = rng.choice(fits)
                locks = (first,)
                near = [n for n in neighbours[first] if n in fits]
                if size == 3 and near and rng.random() < 0.4:
                    locks = (first, rng.choice(near))
                locked.update(locks)
        applicants.append(Applicant(f"p{index}", f"P{index}", rng.choice(REGIONS), category,
                                    booths_requested=size, priority=rng.randint(0, 2),
                                    locked_booth_ids=locks))
    return booths, applicants


def anchored_pavilions(event: SyntheticEvent, seed: int, blocked: float = 0.25) -> SyntheticEvent:
    """``event`` with a share of booths blocked and each province pavilion locked to one anchor.

    Anchors are drawn so that disjoint groups around them exist (every pavilion fits), but the
    engine is not told those groups: it must find room for all of them together.
    """
    rng = random.Random(seed)
    booths = [replace(b, status="blocked" if rng.random() < blocked else "available")
              for b in event.booths]
    neighbours = adjacency(booths)
    free = {b.booth_id for b in booths if not b.is_blocked and not b.zone}
    order = sorted(free)
    applicants = []
    for applicant in event.applicants:
        if not applicant.name.startswith("Paviliun"):
            applicants.append(applicant)
            continue
        for anchor in rng.sample(order, len(order)):
            group = grow_group([anchor], applicant.booths_requested, free, neighbours) \
                if anchor in free else None
            if group:
                free.difference_update(group)
                applicants.append(replace(applicant, locked_booth_ids=(anchor,)))
                break
        else:
            applicants.append(applicant)
    return SyntheticEvent(tuple(booths), tuple(applicants))
