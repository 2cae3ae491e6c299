"""Where booths stand: which share a wall, which overlap, and the walk through a hall's rows.

Two booths of one hall are adjacent when their rectangles share a stretch of wall longer than zero
(SPEC section 2); a group of booths is usable for one exhibitor when it is connected through such
walls (SPEC 3, hard rule 3).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from heapq import heappop, heappush

from booth_planner.core.model import Booth

# Coordinates come from spreadsheets (3.0, 2.9999999); walls closer than this are the same wall.
EPSILON = 1e-6
_DIGITS = 6

Adjacency = Mapping[str, tuple[str, ...]]


def _key(value: float) -> float:
    """A coordinate rounded so that walls typed slightly differently still meet."""
    return round(value, _DIGITS)


def _touching_pairs(
    ends: list[tuple[float, float, str]], starts: list[tuple[float, float, str]]
) -> Iterable[tuple[str, str]]:
    """Pairs of intervals (low, high, id) from two lists that overlap by more than zero."""
    starts = sorted(starts)
    lows = [low for low, _high, _id in starts]
    longest = max((high - low for low, high, _id in starts), default=0.0)
    for low, high, first in ends:
        # Only intervals starting after low - longest can reach past low.
        i = bisect_left(lows, low - longest - EPSILON)
        while i < len(starts) and starts[i][0] < high - EPSILON:
            other_low, other_high, second = starts[i]
            if min(high, other_high) - max(low, other_low) > EPSILON:
                yield first, second
            i += 1


def adjacency(booths: Iterable[Booth]) -> dict[str, tuple[str, ...]]:
    """Every booth's wall-sharing neighbours in its hall, each list sorted by booth_id."""
    right_walls: dict[tuple[str, float], list] = defaultdict(list)
    left_walls: dict[tuple[str, float], list] = defaultdict(list)
    far_walls: dict[tuple[str, float], list] = defaultdict(list)
    near_walls: dict[tuple[str, float], list] = defaultdict(list)
    neighbours: dict[str, set[str]] = {}
    for booth in booths:
        neighbours[booth.booth_id] = set()
        x0, y0 = booth.x, booth.y
        x1, y1 = booth.x + booth.width_m, booth.y + booth.depth_m
        right_walls[(booth.hall, _key(x1))].append((y0, y1, booth.booth_id))
        left_walls[(booth.hall, _key(x0))].append((y0, y1, booth.booth_id))
        far_walls[(booth.hall, _key(y1))].append((x0, x1, booth.booth_id))
        near_walls[(booth.hall, _key(y0))].append((x0, x1, booth.booth_id))
    for ends, starts in ((right_walls, left_walls), (far_walls, near_walls)):
        for key, walls in ends.items():
            for first, second in _touching_pairs(walls, starts.get(key, [])):
                if first != second:
                    neighbours[first].add(second)
                    neighbours[second].add(first)
    return {booth_id: tuple(sorted(ids)) for booth_id, ids in neighbours.items()}


def overlapping_booths(booths: Iterable[Booth]) -> list[tuple[str, str]]:
    """Pairs of booths of one hall whose rectangles overlap with an area above zero, sorted."""
    by_hall: dict[str, list[Booth]] = defaultdict(list)
    for booth in booths:
        by_hall[booth.hall].append(booth)
    pairs: list[tuple[str, str]] = []
    for hall_booths in by_hall.values():
        hall_booths.sort(key=lambda b: (b.x, b.y, b.booth_id))
        for index, booth in enumerate(hall_booths):
            # Sorted by x: only later booths starting before this one's right wall can overlap.
            for other in hall_booths[index + 1:]:
                if other.x >= booth.x + booth.width_m - EPSILON:
                    break
                overlap_x = min(booth.x + booth.width_m, other.x + other.width_m) - other.x
                overlap_y = min(booth.y + booth.depth_m, other.y + other.depth_m) - max(booth.y, other.y)
                if overlap_x > EPSILON and overlap_y > EPSILON:
                    pairs.append(tuple(sorted((booth.booth_id, other.booth_id))))
    return sorted(pairs)


def first_overlap(booths: Iterable[Booth]) -> tuple[str, str] | None:
    """One pair of booths of one hall that overlap, or None; fast on any layout.

    A sweep along x: the booths spanning the sweep line are kept sorted by y, and while none
    overlap their y-ranges are disjoint, so a new booth need only be checked against its
    neighbours in that order (``overlapping_booths`` lists every pair, but slows down on a hall
    of long columns).
    """
    by_hall: dict[str, list[Booth]] = defaultdict(list)
    for booth in booths:
        by_hall[booth.hall].append(booth)
    for hall_booths in by_hall.values():
        hall_booths.sort(key=lambda b: (b.x, b.y, b.booth_id))
        active: list[tuple[float, float, str]] = []  # (y, y end, booth_id), sorted by y
        ends: list[tuple[float, float, float, str]] = []  # heap of (x end, y, y end, id)
        for booth in hall_booths:
            while ends and ends[0][0] <= booth.x + EPSILON:
                _, y, y_end, booth_id = heappop(ends)
                del active[bisect_left(active, (y, y_end, booth_id))]
            entry = (booth.y, booth.y + booth.depth_m, booth.booth_id)
            at = bisect_left(active, entry)
            for other in active[max(at - 1, 0):at + 1]:
                if min(entry[1], other[1]) - max(entry[0], other[0]) > EPSILON:
                    return tuple(sorted((booth.booth_id, other[2])))  # type: ignore[return-value]
            active.insert(at, entry)
            heappush(ends, (booth.x + booth.width_m, *entry))
    return None


def connected_groups(booth_ids: Iterable[str], neighbours: Adjacency) -> list[list[str]]:
    """The connected groups of ``booth_ids`` (walking only through those booths), each sorted."""
    members = set(booth_ids)
    seen: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(members):
        if start in seen:
            continue
        seen.add(start)
        group, queue = [], deque([start])
        while queue:
            current = queue.popleft()
            group.append(current)
            for other in neighbours.get(current, ()):
                if other in members and other not in seen:
                    seen.add(other)
                    queue.append(other)
        groups.append(sorted(group))
    return groups


def is_connected(booth_ids: Sequence[str], neighbours: Adjacency) -> bool:
    """True when the booths form one group reachable through shared walls (one booth is)."""
    return len(booth_ids) > 0 and len(connected_groups(booth_ids, neighbours)) == 1


def _bands(booths: Iterable[Booth]) -> list[list[Booth]]:
    """Rows (by y) joined into bands where each row stands back to back with the next."""
    rows: dict[float, list[Booth]] = defaultdict(list)
    for booth in booths:
        rows[_key(booth.y)].append(booth)
    bands: list[list[Booth]] = []
    previous_far_wall: set[float] = set()
    for y in sorted(rows):
        row = rows[y]
        if bands and y in previous_far_wall:
            bands[-1].extend(row)
        else:
            bands.append(list(row))
        previous_far_wall = {_key(b.y + b.depth_m) for b in row}
    return bands


def serpentine_walk(booths: Iterable[Booth]) -> list[str]:
    """A hall's booths in an order where each one mostly shares a wall with the next.

    Rows standing back to back form a band; a band is walked column by column, snaking front to
    back and back to front, and successive bands in alternating directions. A stretch of the
    walk is then a compact block (both sides of a double row), which keeps a province together.
    """
    walk: list[str] = []
    for band_index, band in enumerate(_bands(booths)):
        columns: dict[float, list[Booth]] = defaultdict(list)
        for booth in band:
            columns[_key(booth.x)].append(booth)
        for column_index, x in enumerate(sorted(columns, reverse=band_index % 2 == 1)):
            column = sorted(columns[x], key=lambda b: (b.y, b.booth_id),
                            reverse=column_index % 2 == 1)
            walk.extend(b.booth_id for b in column)
    return walk


def grow_group(
    seed: Sequence[str], size: int, allowed: set[str], neighbours: Adjacency,
    key: Callable[[str], object] | None = None,
) -> list[str] | None:
    """Extend the connected ``seed`` to ``size`` booths with ``allowed`` ones; None if it cannot.

    Each step takes the neighbour of the group that ranks first by ``key`` (default: booth_id),
    so the group grows compactly and the same input always gives the same group.
    """
    rank = key or (lambda booth_id: booth_id)
    group = list(seed)
    taken = set(group)
    frontier: set[str] = set()
    for booth_id in group:
        frontier.update(n for n in neighbours.get(booth_id, ()) if n in allowed and n not in taken)
    while len(group) < size:
        if not frontier:
            return None
        chosen = min(frontier, key=lambda b: (rank(b), b))
        group.append(chosen)
        taken.add(chosen)
        frontier.discard(chosen)
        frontier.update(n for n in neighbours.get(chosen, ()) if n in allowed and n not in taken)
    return group
