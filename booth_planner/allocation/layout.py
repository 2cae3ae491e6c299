"""Stage 3: where the applicants stages 1 and 2 chose stand, laid out for the mode.

Nothing here decides who is placed. Multi-booth groups are first tried where the layout wants
them (pavilion: where the province's stretch of the walk starts; mixed: spread over the halls);
that arrangement is kept only when every chosen group and every chosen single still fits,
otherwise the groups stage 2 proved are used, handed out in walk order by province. Single
booths then fill the rest along each hall's walk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from booth_planner.allocation.placement import (
    Floor,
    carve,
    fill_walk,
    mixed_fill,
    normalize,
    province_of,
    split_over_halls,
)
from booth_planner.core.model import Applicant


def single_zones(floor: Floor, singles: Sequence[Applicant], free: set[str],
                 zones: set[str]) -> dict[str | None, list[Applicant]] | None:
    """Which zone each chosen single stands in; None when they do not all fit.

    A zone's own category takes that zone first (nobody else may), the overflow and everyone
    else the unzoned booths: no other split fits more.
    """
    room: dict[str | None, int] = defaultdict(int)
    for booth in free:
        room[floor.zone[booth]] += 1
    chosen: dict[str | None, list[Applicant]] = defaultdict(list)
    for applicant in singles:
        category = normalize(applicant.category) or ""
        zone = category if category in zones and room[category] > 0 else None
        room[zone] -= 1
        chosen[zone].append(applicant)
    if room[None] < 0:
        return None
    return chosen


def _stretch_starts(floor: Floor, demand: Mapping[str | None, Mapping[str, int]],
                    free: set[str]) -> dict[tuple[str | None, str], tuple[str, int]]:
    """Per (zone, province), the hall and walk index where its pavilion stretch starts."""
    starts: dict[tuple[str | None, str], tuple[str, int]] = {}
    for zone, provinces in sorted(demand.items(), key=lambda kv: (kv[0] is not None, kv[0] or "")):
        capacity = {h: sum(1 for b in floor.walk[h] if b in free and floor.zone[b] == zone)
                    for h in floor.halls}
        for hall, stretches in split_over_halls(provinces, capacity, floor.halls).items():
            offset = 0
            positions = [i for i, b in enumerate(floor.walk[hall])
                         if b in free and floor.zone[b] == zone]
            for province, count in stretches:
                if (zone, province) not in starts and positions:
                    starts[(zone, province)] = (hall, positions[min(offset, len(positions) - 1)])
                offset += count
    return starts


def laid_out_groups(
    floor: Floor, multis: Sequence[Applicant], singles: Sequence[Applicant], free: set[str],
    zones: set[str], mode: str,
) -> dict[str, list[str]] | None:
    """Groups where the layout wants them, or None when that would leave a chosen one out."""
    home = {a.applicant_id: (normalize(a.category) if normalize(a.category) in zones else None)
            for a in [*multis, *singles]}
    jobs: list[tuple[Applicant, str, int]] = []
    if mode == "pavilion":
        demand: dict[str | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for applicant in [*multis, *singles]:
            demand[home[applicant.applicant_id]][province_of(applicant.region_code)] += (
                applicant.booths_requested)
        starts = _stretch_starts(floor, demand, free)
        for applicant in multis:
            key = (home[applicant.applicant_id], province_of(applicant.region_code))
            hall, target = starts.get(key, (floor.halls[0], 0))
            jobs.append((applicant, hall, target))
    else:
        per_hall = -(-len(multis) // len(floor.halls)) if multis else 1
        for number, applicant in enumerate(multis):
            hall = floor.halls[number % len(floor.halls)]
            jobs.append((applicant, hall, (number // len(floor.halls)) * len(floor.walk[hall])
                         // per_hall))
    # Bigger groups first: they are the hardest to fit once the floor fills up.
    jobs.sort(key=lambda job: (floor.halls.index(job[1]), -job[0].booths_requested, job[2],
                               job[0].applicant_id))
    left = set(free)
    carved: dict[str, list[str]] = {}
    for applicant, hall, target in jobs:
        category = normalize(applicant.category) or ""
        zone = home[applicant.applicant_id]
        position = floor.halls.index(hall)
        group = None
        for other in sorted(floor.halls, key=lambda h: abs(floor.halls.index(h) - position)):
            group = carve(floor, other, applicant.booths_requested, category, left,
                          target if other == hall else 0, zone)
            if group is not None:
                break
        if group is None:
            return None
        carved[applicant.applicant_id] = group
        left.difference_update(group)
    if single_zones(floor, singles, left, zones) is None:
        return None
    return carved


def hand_out(floor: Floor, groups: Sequence[Sequence[str]], applicants: Sequence[Applicant],
             mode: str) -> dict[str, list[str]]:
    """Proven groups of one kind given to its applicants, walk order against province order."""
    ordered_groups = sorted(groups, key=lambda g: min(floor.rank[b] for b in g))
    if mode == "pavilion":
        people = sorted(applicants, key=lambda a: (a.region_code, a.applicant_id))
    else:
        people = list(applicants)
    return {a.applicant_id: sorted(g, key=floor.rank.__getitem__)
            for a, g in zip(people, ordered_groups, strict=True)}


def place_singles(
    floor: Floor, chosen: Mapping[str | None, list[Applicant]], free: set[str], mode: str,
    order: Mapping[str, int], category_at: dict[str, str],
) -> dict[str, str]:
    """Booth -> applicant for the chosen single-booth applicants, zone by zone."""
    holder: dict[str, str] = {}
    for zone in sorted(chosen, key=lambda z: (z is not None, z or "")):
        capacity = {h: sum(1 for b in floor.walk[h] if b in free and floor.zone[b] == zone)
                    for h in floor.halls}
        people = chosen[zone]
        if mode == "pavilion":
            queues: dict[str, list[Applicant]] = defaultdict(list)
            for applicant in sorted(people, key=lambda a: (a.region_code, normalize(a.category),
                                                           order[a.applicant_id])):
                queues[province_of(applicant.region_code)].append(applicant)
            demand = {p: len(q) for p, q in queues.items()}
            for hall, stretches in split_over_halls(demand, capacity, floor.halls).items():
                line: list[Applicant] = []
                for province, count in stretches:
                    line.extend(queues[province][:count])
                    del queues[province][:count]
                holder.update(fill_walk(floor, hall, zone, line, free))
        else:
            by_category: dict[str, list[Applicant]] = defaultdict(list)
            for applicant in sorted(people, key=lambda a: order[a.applicant_id]):
                by_category[normalize(applicant.category) or ""].append(applicant)
            piles = [by_category[c] for c in sorted(by_category)]
            for hall in floor.halls:
                holder.update(mixed_fill(floor, hall, zone, piles, free, category_at))
    return holder
