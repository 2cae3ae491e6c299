"""Every connected group of booths of one size: the columns of the exact model.

Groups are enumerated only where the floor is small, irregular, mixed-zone or locked (see
exact.py), so the counts stay small; a cap stops an enumeration that would not.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from booth_planner.core.geometry import Adjacency


class TooManyGroups(Exception):
    """The enumeration passed its cap; the caller keeps that part of the floor aggregated."""


def _extend(group: list[str], extension: list[str], size: int, root_rank: int,
            rank: dict[str, int], neighbours: Adjacency, allowed: Collection[str],
            around: set[str]) -> Iterator[tuple[str, ...]]:
    """ESU step (Wernicke 2006): each connected set whose lowest-ranked booth is the root, once."""
    if len(group) == size:
        yield tuple(group)
        return
    extension = list(extension)
    while extension:
        chosen = extension.pop()
        exclusive = [n for n in neighbours.get(chosen, ()) if n in allowed and rank[n] > root_rank
                     and n not in around and n not in extension]
        group.append(chosen)
        yield from _extend(group, extension + exclusive, size, root_rank, rank, neighbours,
                           allowed, around | {chosen} | set(neighbours.get(chosen, ())))
        group.pop()


def connected_sets(booths: Sequence[str], size: int, neighbours: Adjacency,
                   cap: int | None = None) -> list[tuple[str, ...]]:
    """Every connected set of ``size`` of ``booths`` (walking only through them), each sorted."""
    rank = {b: i for i, b in enumerate(booths)}
    allowed = set(booths)
    found: list[tuple[str, ...]] = []
    for root in booths:
        start = [n for n in neighbours.get(root, ()) if n in allowed and rank[n] > rank[root]]
        around = {root, *neighbours.get(root, ())}
        for group in _extend([root], start, size, rank[root], rank, neighbours, allowed, around):
            found.append(tuple(sorted(group, key=rank.__getitem__)))
            if cap is not None and len(found) > cap:
                raise TooManyGroups
    return found


def sets_containing(seed: Sequence[str], size: int, allowed: Collection[str],
                    neighbours: Adjacency, cap: int | None = None) -> list[tuple[str, ...]]:
    """Every connected set of ``size`` allowed booths holding all of ``seed``, each sorted."""
    start = frozenset(seed)
    if len(start) > size:
        return []
    layer = {start}
    for _ in range(size - len(start)):
        grown: set[frozenset[str]] = set()
        for group in layer:
            for booth in group:
                for other in neighbours.get(booth, ()):
                    if other in allowed and other not in group:
                        grown.add(group | {other})
            if cap is not None and len(grown) > cap:
                raise TooManyGroups
        layer = grown
    # Growing from the seed only ever reaches sets connected to it; the seed must be one too.
    return sorted(tuple(sorted(g)) for g in layer if _connected(g, neighbours))


def _connected(group: frozenset[str], neighbours: Adjacency) -> bool:
    """True when ``group`` is connected through its own booths."""
    first = next(iter(group))
    seen, stack = {first}, [first]
    while stack:
        for other in neighbours.get(stack.pop(), ()):
            if other in group and other not in seen:
                seen.add(other)
                stack.append(other)
    return len(seen) == len(group)
