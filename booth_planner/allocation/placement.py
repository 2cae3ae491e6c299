"""Stage 2: turn stage 1's counts into concrete booths, laid out for the chosen mode.

Pavilion mode fills each hall along its serpentine walk province by province, so a province's
booths follow one another; mixed mode deals categories out in turn so neighbours differ.
Multi-booth requests are carved first (they need connected groups), single booths fill the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from booth_planner.core.geometry import (
    Adjacency,
    adjacency,
    connected_groups,
    grow_group,
    serpentine_walk,
)
from booth_planner.core.model import Applicant, Booth
from booth_planner.core.regions import province_code as province_of

MODES = ("pavilion", "mixed")


def normalize(text: str | None) -> str | None:
    """A category or zone compared the way SPEC 2 says: ignoring case and outer spaces."""
    if text is None:
        return None
    folded = text.strip().casefold()
    return folded or None


@dataclass(frozen=True)
class Floor:
    """The event's booths with what placement needs: zones, neighbours, walk order."""

    booths: Mapping[str, Booth]
    neighbours: Adjacency
    halls: tuple[str, ...]
    walk: Mapping[str, tuple[str, ...]]
    rank: Mapping[str, int]
    zone: Mapping[str, str | None]


def build_floor(booths: Sequence[Booth]) -> Floor:
    """The floor of ``booths``: halls sorted by name, each walked row by row."""
    by_hall: dict[str, list[Booth]] = defaultdict(list)
    for booth in booths:
        by_hall[booth.hall].append(booth)
    halls = tuple(sorted(by_hall))
    walk = {hall: tuple(serpentine_walk(by_hall[hall])) for hall in halls}
    rank: dict[str, int] = {}
    for hall in halls:
        for booth_id in walk[hall]:
            rank[booth_id] = len(rank)
    return Floor(
        booths={b.booth_id: b for b in booths},
        neighbours=adjacency(booths),
        halls=halls,
        walk=walk,
        rank=rank,
        zone={b.booth_id: normalize(b.zone) for b in booths},
    )


def accepts(floor: Floor, booth_id: str, category: str) -> bool:
    """True when the booth's zone lets an applicant of (normalized) ``category`` in."""
    zone = floor.zone[booth_id]
    return zone is None or zone == category


def largest_groups(
    floor: Floor, free: set[str], category: str
) -> dict[str, int]:
    """Per hall, the size of the largest connected group of free booths open to ``category``."""
    sizes: dict[str, int] = {}
    for hall in floor.halls:
        usable = [b for b in floor.walk[hall] if b in free and accepts(floor, b, category)]
        groups = connected_groups(usable, floor.neighbours)
        sizes[hall] = max((len(g) for g in groups), default=0)
    return sizes


def carve(
    floor: Floor, hall: str, size: int, category: str, free: set[str],
    target: int = 0, preferred_zone: str | None = None,
) -> list[str] | None:
    """``size`` connected free booths in ``hall`` open to ``category``, near walk position ``target``.

    Starts from the target and walks on (wrapping round) until a group can be grown there; the
    preferred zone is taken first so the booths stage 1 counted for others stay for them.
    """
    walk = floor.walk[hall]
    allowed = {b for b in walk if b in free and accepts(floor, b, category)}
    if len(allowed) < size:
        return None
    start_at = min(max(target, 0), len(walk) - 1)
    starts = [walk[(start_at + i) % len(walk)] for i in range(len(walk))]
    starts = sorted((b for b in starts if b in allowed), key=lambda b: floor.zone[b] != preferred_zone)
    tried: set[str] = set()
    for start in starts:
        if start in tried:
            continue
        origin = floor.rank[start]

        def key(booth_id: str, origin: int = origin) -> tuple[bool, int]:
            return (floor.zone[booth_id] != preferred_zone, abs(floor.rank[booth_id] - origin))

        group = grow_group([start], size, allowed, floor.neighbours, key=key)
        if group is not None:
            return sorted(group, key=floor.rank.__getitem__)
        # Growth fails only when the start's whole connected block is too small: skip that block.
        tried.update(_block(start, allowed, floor))
    return None


def carve_packed(
    floor: Floor, size: int, allowed: set[str], target: int = 0, preferred_zone: str | None = None,
) -> list[str] | None:
    """Best fit among ``allowed`` booths: the smallest connected block holding ``size``, grown
    from its loosest end, which leaves the bigger blocks whole for the groups still to come."""
    blocks = [b for b in connected_groups(allowed, floor.neighbours) if len(b) >= size]
    if not blocks:
        return None

    def distance(block: list[str]) -> int:
        return min(abs(floor.rank[b] - target) for b in block)

    block = set(min(blocks, key=lambda b: (len(b), distance(b), b[0])))

    def looseness(booth_id: str) -> int:
        return sum(1 for n in floor.neighbours.get(booth_id, ()) if n in block)

    def key(booth_id: str) -> tuple[int, bool, int]:
        return (looseness(booth_id), floor.zone[booth_id] != preferred_zone, floor.rank[booth_id])

    for start in sorted(block, key=key):
        group = grow_group([start], size, block, floor.neighbours, key=key)
        if group is not None:
            return sorted(group, key=floor.rank.__getitem__)
    return None


def _block(start: str, allowed: set[str], floor: Floor) -> set[str]:
    """The connected block of ``allowed`` booths that holds ``start``."""
    block, stack = {start}, [start]
    while stack:
        for other in floor.neighbours.get(stack.pop(), ()):
            if other in allowed and other not in block:
                block.add(other)
                stack.append(other)
    return block


def split_over_halls(
    demand: Mapping[str, int], capacity: Mapping[str, int], halls: Sequence[str],
) -> dict[str, list[tuple[str, int]]]:
    """Per hall, which provinces take how many booths, in province order along the walk.

    Provinces fill the halls one after another, so each stays in one stretch; one that does not
    fit the rest of a hall carries on at the start of the next.
    """
    plan: dict[str, list[tuple[str, int]]] = {hall: [] for hall in halls}
    queue = [(p, n) for p, n in sorted(demand.items()) if n > 0]
    for hall in halls:
        left = capacity.get(hall, 0)
        while queue and left > 0:
            province, wanted = queue[0]
            take = min(wanted, left)
            plan[hall].append((province, take))
            left -= take
            if take == wanted:
                queue.pop(0)
            else:
                queue[0] = (province, wanted - take)
    return plan


def mixed_fill(
    floor: Floor, hall: str, zone: str | None, piles: list[list[Applicant]], free: set[str],
    category_at: dict[str, str],
) -> dict[str, str]:
    """Fill the hall's free booths of ``zone`` along the walk, each from the largest pile whose
    category none of its wall neighbours has yet (mixed mode); ``piles`` are emptied in place."""
    placed: dict[str, str] = {}
    for booth_id in floor.walk[hall]:
        if booth_id not in free or floor.zone[booth_id] != zone:
            continue
        if not any(piles):
            break
        nearby = {category_at[n] for n in floor.neighbours.get(booth_id, ()) if n in category_at}
        candidates = [p for p in piles if p and normalize(p[0].category) not in nearby]
        pile = max(candidates or [p for p in piles if p], key=len)
        applicant = pile.pop(0)
        placed[booth_id] = applicant.applicant_id
        category_at[booth_id] = normalize(applicant.category) or ""
    free.difference_update(placed)
    return placed


def fill_walk(
    floor: Floor, hall: str, zone: str | None, applicants: Sequence[Applicant], free: set[str],
) -> dict[str, str]:
    """Give ``applicants`` in order the free booths of ``zone`` along the hall's walk."""
    placed: dict[str, str] = {}
    booths = (b for b in floor.walk[hall] if b in free and floor.zone[b] == zone)
    for applicant, booth_id in zip(applicants, booths, strict=False):
        placed[booth_id] = applicant.applicant_id
    free.difference_update(placed)
    return placed


def layout_score(
    floor: Floor, booth_holder: Mapping[str, str], applicants: Mapping[str, Applicant], mode: str
) -> float:
    """How well objective 3 is met, from 0 to 1, over wall-sharing booths of two applicants.

    Pavilion: the share of such pairs from one province. Mixed: the share of such pairs
    holding different categories. 1.0 when no two applicants share a wall.
    """
    pairs = hits = 0
    for booth_id, aid in booth_holder.items():
        for other in floor.neighbours.get(booth_id, ()):
            other_aid = booth_holder.get(other)
            if other > booth_id and other_aid is not None and other_aid != aid:
                pairs += 1
                first, second = applicants[aid], applicants[other_aid]
                if mode == "pavilion":
                    hits += province_of(first.region_code) == province_of(second.region_code)
                else:
                    hits += normalize(first.category) != normalize(second.category)
    return hits / pairs if pairs else 1.0


def booths_by_zone(floor: Floor, booth_ids: Iterable[str]) -> dict[tuple[str, str | None], int]:
    """How many of ``booth_ids`` each (hall, zone) holds."""
    counts: dict[tuple[str, str | None], int] = defaultdict(int)
    for booth_id in booth_ids:
        counts[(floor.booths[booth_id].hall, floor.zone[booth_id])] += 1
    return dict(counts)
