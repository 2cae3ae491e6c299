"""The allocation engine: locks first, counts by HiGHS, booths by placement, reasons for the rest.

Stage 1 (aggregate.py) is a relaxation of the real problem, so its optimum is a proven bound;
limits from the blocks of connected free booths keep it tight on fragmented floors. When stage
2 realises it, the allocation is proven optimal. When fragmentation stops a multi-booth group
from fitting where the layout wants it, the groups are packed tightly instead; if even that
misses, the missing kind is capped and stage 1 runs again. The best allocation found is kept and
any remaining gap to the bound is reported, never hidden.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from booth_planner.allocation.aggregate import Demand, Limit, Plan, group_demands, solve_plan
from booth_planner.allocation.locks import fix_booths
from booth_planner.allocation.placement import (
    MODES,
    Floor,
    accepts,
    booths_by_zone,
    build_floor,
    carve,
    carve_packed,
    connected_groups,
    fill_walk,
    layout_score,
    mixed_fill,
    normalize,
    province_of,
    split_over_halls,
)
from booth_planner.allocation.reasons import ReasonFinder, explain_all
from booth_planner.core.i18n import DEFAULT_LANGUAGE
from booth_planner.core.model import Applicant, Assignment, Booth, Unplaced

MAX_ROUNDS = 4
AUTO = "auto"


@dataclass(frozen=True, slots=True)
class AllocationStats:
    """What the run achieved, the bounds that prove it, and how long it took."""

    mode: str
    regions_applying: int
    regions_covered: int
    coverage_bound: int
    applicants: int
    applicants_placed: int
    booths_available: int
    booths_used: int
    priority: int
    priority_bound: int
    proven_optimal: bool
    time_limited: bool
    layout_score: float
    seconds: float
    rounds: int

    @property
    def objective(self) -> tuple[int, int]:
        """(coverage, priority) reached: objectives 1 and 2."""
        return (self.regions_covered, self.priority)

    @property
    def bound(self) -> tuple[int, int]:
        """(coverage, priority) no allocation can beat; priority's is at the bound's coverage."""
        return (self.coverage_bound, self.priority_bound)

    @property
    def gap(self) -> tuple[int, int]:
        """How far the objective may still be from the bound; (0, 0) when proven optimal."""
        return (self.coverage_bound - self.regions_covered, max(self.priority_bound - self.priority, 0))


@dataclass(frozen=True)
class AllocationResult:
    """Every booth given (sorted by hall and booth), every applicant left out with the reason."""

    assignments: tuple[Assignment, ...]
    unplaced: tuple[Unplaced, ...]
    stats: AllocationStats


@dataclass
class _Candidate:
    """One round's allocation: multi-booth groups carved and the single-booth plan."""

    carved: dict[str, list[str]]
    singles_plan: Plan
    singles: list[Demand]
    failures: list[int]

    @property
    def objective(self) -> tuple[int, int]:
        return (self.singles_plan.coverage, self.singles_plan.priority)


def _check_input(booths: Sequence[Booth], applicants: Sequence[Applicant], mode: str) -> None:
    """Raise ValueError for input the importer should never let through."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    for label, ids in (("booth_id", [b.booth_id for b in booths]),
                       ("applicant_id", [a.applicant_id for a in applicants])):
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate {label}")
    if any(a.booths_requested < 1 for a in applicants):
        raise ValueError("booths_requested must be at least 1")


def block_limits(
    floor: Floor, free: set[str], demands: Sequence[Demand],
) -> tuple[set[int], list[Limit]]:
    """The multi-booth demands some block can hold, and the limits the blocks set on them.

    A group lies inside one block of connected free booths open to its category, so no more
    than sum(size // r) groups of r or more booths fit, in no more than the booths of blocks of
    at least r. Both hold for every allocation, so they keep the bound valid yet tighter.
    """
    zoned = {floor.zone[b] for b in free} - {None}
    keyed: dict[str | None, list[int]] = defaultdict(list)
    for index, demand in enumerate(demands):
        if demand.size > 1:
            keyed[demand.category if demand.category in zoned else None].append(index)
    ok: set[int] = set()
    limits: list[Limit] = []
    for key, indices in sorted(keyed.items(), key=lambda item: (item[0] is not None, item[0] or "")):
        usable = [b for b in free if floor.zone[b] in (None, key)]
        sizes = [len(group) for group in connected_groups(usable, floor.neighbours)]
        largest = max(sizes, default=0)
        ok.update(i for i in indices if demands[i].size <= largest)
        for smallest in sorted({demands[i].size for i in indices}):
            members = tuple(i for i in indices if demands[i].size >= smallest)
            limits.append(Limit(members, sum(n // smallest for n in sizes),
                                sum(n for n in sizes if n >= smallest)))
    return ok, limits


def zone_totals(floor: Floor, booth_ids: Iterable[str]) -> dict[str | None, int]:
    """How many of ``booth_ids`` each zone (None: unzoned) holds."""
    totals: dict[str | None, int] = defaultdict(int)
    for booth_id in booth_ids:
        totals[floor.zone[booth_id]] += 1
    return dict(totals)


def _walk_position(floor: Floor, hall: str, zone: str | None, free: set[str], offset: int) -> int:
    """Index in the hall's walk of the ``offset``-th free booth of ``zone``."""
    seen = 0
    for index, booth_id in enumerate(floor.walk[hall]):
        if booth_id in free and floor.zone[booth_id] == zone:
            if seen >= offset:
                return index
            seen += 1
    return 0


def _stretch_starts(
    floor: Floor, plan: Plan, demands: Sequence[Demand], free: set[str],
) -> dict[tuple[str | None, str], tuple[str, int]]:
    """Per (zone, province), the hall and walk index where its pavilion stretch will start."""
    starts: dict[tuple[str | None, str], tuple[str, int]] = {}
    capacity = booths_by_zone(floor, free)
    demand_by_zone: dict[str | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (index, zone), count in plan.singles.items():
        demand_by_zone[zone][province_of(demands[index].region)] += count
    for (index, zone), count in plan.multi_zones.items():
        demand_by_zone[zone][province_of(demands[index].region)] += count
    for zone, demand in demand_by_zone.items():
        hall_capacity = {h: capacity.get((h, zone), 0) for h in floor.halls}
        for hall, stretches in split_over_halls(demand, hall_capacity, floor.halls).items():
            offset = 0
            for province, count in stretches:
                if (zone, province) not in starts:
                    starts[(zone, province)] = (hall, _walk_position(floor, hall, zone, free, offset))
                offset += count
    return starts


def _preferred_zone(plan: Plan, index: int, category: str) -> str | None:
    """The zone stage 1 mostly drew this demand's booths from."""
    use = {z: n for (i, z), n in plan.multi_zones.items() if i == index}
    if not use:
        return None
    return max(use, key=lambda z: (use[z], z == category))


def _carve_multis(
    floor: Floor, plan: Plan, demands: Sequence[Demand], free: set[str], mode: str,
    pack: bool = False,
) -> tuple[dict[str, list[str]], list[int]]:
    """Concrete connected groups for the multi-booth requests stage 1 placed; and the misses.

    Pavilion: each group where its province's stretch starts; mixed: spread over the halls.
    ``pack`` (after a miss): tight packing instead of layout.
    """
    starts = _stretch_starts(floor, plan, demands, free) if mode == "pavilion" else {}
    jobs: list[tuple[int, str, str, int, str | None]] = []
    for index, count in sorted(plan.multis.items()):
        demand = demands[index]
        zone = _preferred_zone(plan, index, demand.category)
        for member in demand.members[:count]:
            hall, target = starts.get((zone, province_of(demand.region)), (floor.halls[0], 0))
            jobs.append((index, hall, member, target, zone))
    if mode == "mixed":
        spread = []
        for number, (index, _hall, member, _target, zone) in enumerate(jobs):
            hall = floor.halls[number % len(floor.halls)]
            per_hall = -(-len(jobs) // len(floor.halls))
            target = (number // len(floor.halls)) * len(floor.walk[hall]) // per_hall
            spread.append((index, hall, member, target, zone))
        jobs = spread
    # Bigger groups first: they are the hardest to fit once the floor fills up.
    jobs.sort(key=lambda job: (floor.halls.index(job[1]), -demands[job[0]].size, job[3], job[2]))
    if pack:
        # A region only this group represents goes first, then bigger before smaller, so
        # what misses on a crowded floor costs the least.
        represented = Counter(demands[i].region for (i, _z), n in plan.singles.items() for _ in range(n))
        represented.update(demands[job[0]].region for job in jobs)
        jobs.sort(key=lambda job: (represented[demands[job[0]].region] > 1,
                                   -demands[job[0]].size, job[2]))
    carved: dict[str, list[str]] = {}
    failures: list[int] = []
    for index, hall, member, target, zone in jobs:
        demand = demands[index]
        if pack:
            # The smallest block that holds it, in any hall (best fit).
            allowed = {b for b in free if accepts(floor, b, demand.category)}
            near = floor.rank[floor.walk[hall][min(target, len(floor.walk[hall]) - 1)]]
            group = carve_packed(floor, demand.size, allowed, near, zone)
        else:
            group = carve(floor, hall, demand.size, demand.category, free, target, zone)
            position = floor.halls.index(hall)
            # Then the other halls, nearest first, before giving up on this applicant.
            for other in sorted(floor.halls, key=lambda h: abs(floor.halls.index(h) - position)):
                if group is not None:
                    break
                group = carve(floor, other, demand.size, demand.category, free, 0, zone)
        if group is None:
            failures.append(index)
        else:
            carved[member] = group
            free.difference_update(group)
    return carved, failures


def _caps_for(failures: Sequence[int], demands: Sequence[Demand],
              carved: Mapping[str, list[str]]) -> list[Limit]:
    """Cap each missed (category, size and up) at the groups packing did fit (a heuristic)."""
    caps: list[Limit] = []
    for index in sorted(set(failures)):
        failed = demands[index]
        similar = tuple(i for i, d in enumerate(demands)
                        if d.size >= failed.size and d.category == failed.category)
        members = {m for i in similar for m in demands[i].members}
        fitted = [aid for aid in carved if aid in members]
        caps.append(Limit(similar, len(fitted), sum(len(carved[aid]) for aid in fitted)))
    return caps


def _singles_only(plan: Plan, demands: Sequence[Demand], singles: Sequence[Demand]) -> Plan:
    """``plan`` with its single-booth counts re-indexed to ``singles``."""
    position = {id(d): i for i, d in enumerate(singles)}
    result = Plan(**{**plan.__dict__, "multis": {}, "multi_zones": {}})
    result.singles = {(position[id(demands[i])], zone): n for (i, zone), n in plan.singles.items()}
    return result


def _left(deadline: float | None) -> float | None:
    """Seconds left before ``deadline``; None without a limit."""
    return None if deadline is None else max(deadline - time.perf_counter(), 0.01)


def _place_singles(
    floor: Floor, candidate: _Candidate, by_id: Mapping[str, Applicant], free: set[str],
    mode: str, order: Mapping[str, int], category_at: dict[str, str],
) -> dict[str, str]:
    """Booth -> applicant for the single-booth applicants of the plan, laid out for ``mode``."""
    chosen: dict[str | None, list[Applicant]] = defaultdict(list)
    taken: dict[int, int] = defaultdict(int)
    for (index, zone), count in sorted(candidate.singles_plan.singles.items(),
                                       key=lambda item: (item[0][0], item[0][1] is not None)):
        members = candidate.singles[index].members
        chosen[zone].extend(by_id[m] for m in members[taken[index]:taken[index] + count])
        taken[index] += count
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


def _fill_leftovers(
    floor: Floor, unplaced: list[Applicant], free: set[str], covered: set[str],
    order: Mapping[str, int],
) -> dict[str, list[str]]:
    """Place anyone who still fits in free booths (only happens when a time limit cut in)."""
    placed: dict[str, list[str]] = {}
    free_in_zone = zone_totals(floor, free)
    for applicant in sorted(unplaced, key=lambda a: (a.region_code in covered, -a.priority,
                                                     order[a.applicant_id])):
        category = normalize(applicant.category) or ""
        if free_in_zone.get(None, 0) + free_in_zone.get(category, 0) < applicant.booths_requested:
            continue
        for hall in floor.halls:
            group = carve(floor, hall, applicant.booths_requested, category, free, 0, category)
            if group is not None:
                placed[applicant.applicant_id] = group
                free.difference_update(group)
                for booth_id in group:
                    free_in_zone[floor.zone[booth_id]] -= 1
                covered.add(applicant.region_code)
                break
    return placed


class _Run:
    """One allocation run: the fixed part, the search for the best allocation, its booths."""

    def __init__(self, booths: tuple[Booth, ...], applicants: tuple[Applicant, ...],
                 keep: tuple[Assignment, ...], mode: str, deadline: float | None,
                 lang: str) -> None:
        self.booths, self.applicants, self.mode, self.deadline = booths, applicants, mode, deadline
        self.lang = lang
        self.floor = build_floor(booths)
        self.fixed = fix_booths(booths, applicants, keep, self.floor.neighbours, self.floor.rank,
                                lang)
        self.by_id = {a.applicant_id: a for a in applicants}
        self.order = {a.applicant_id: i for i, a in enumerate(applicants)}
        self.category_of = {a.applicant_id: normalize(a.category) or "" for a in applicants}
        self.fixed_holder = {b: aid for aid, ids in self.fixed.booths_of.items() for b in ids}
        self.usable = {b.booth_id for b in booths
                       if not b.is_blocked and b.booth_id not in self.fixed_holder}
        open_ids = {a.applicant_id for a in applicants if a.applicant_id not in self.fixed.booths_of}
        self.demands = group_demands(applicants, open_ids, self.category_of)
        self.singles = [d for d in self.demands if d.size == 1]
        self.covered = {self.by_id[aid].region_code for aid in self.fixed.booths_of}
        self.fixed_priority = sum(1 + self.by_id[aid].priority for aid in self.fixed.booths_of)

    def value(self, applicant_ids: Iterable[str]) -> tuple[set[str], int]:
        """The regions and the priority total these applicants bring."""
        ids = list(applicant_ids)
        return ({self.by_id[aid].region_code for aid in ids},
                sum(1 + self.by_id[aid].priority for aid in ids))

    def evaluate(self, plan: Plan, carved: dict[str, list[str]], free: set[str],
                 failures: list[int]) -> _Candidate:
        """The candidate from carved groups: stage 1's single counts, or re-solved if changed."""
        planned_use: dict[str | None, int] = defaultdict(int)
        for (_index, zone), count in plan.multi_zones.items():
            planned_use[zone] += count
        carved_use = zone_totals(self.floor, (b for group in carved.values() for b in group))
        # Stage 1's single-booth counts still fit when the groups drew on the zones it counted.
        if not failures and carved_use == dict(planned_use):
            return _Candidate(carved, _singles_only(plan, self.demands, self.singles),
                              self.singles, failures)
        regions, priority = self.value(carved)
        singles_plan = solve_plan(self.singles, zone_totals(self.floor, free), set(),
                                  self.covered | regions, self.fixed_priority + priority, (),
                                  _left(self.deadline))
        return _Candidate(carved, singles_plan, self.singles, failures)

    def search(self) -> tuple[Plan, _Candidate, int]:
        """Stage 1 and the carving of multi-booth groups: (bounding plan, best found, rounds)."""
        multi_ok, limits = block_limits(self.floor, self.usable, self.demands)
        first: Plan | None = None
        best: _Candidate | None = None
        caps: list[Limit] = []
        rounds = 0
        while rounds < MAX_ROUNDS:
            rounds += 1
            plan = solve_plan(self.demands, zone_totals(self.floor, self.usable), multi_ok,
                              self.covered, self.fixed_priority, [*limits, *caps],
                              _left(self.deadline))
            # Only the first solve has no heuristic caps: its optimum is the proven bound.
            first = first or plan
            # Where the layout wants the groups first; when that misses, packed tightly.
            for pack in (False, True)[1 if caps else 0:]:
                free = set(self.usable)
                carved, failures = _carve_multis(self.floor, plan, self.demands, free, self.mode,
                                                 pack)
                candidate = self.evaluate(plan, carved, free, failures)
                if best is None or candidate.objective > best.objective:
                    best = candidate
                if not failures:
                    break
            if (best.objective == (first.coverage_bound, first.priority_bound) or not failures
                    or (self.deadline is not None and time.perf_counter() > self.deadline)):
                break
            # Even packing missed: cap what missed at what fitted and let stage 1 choose again.
            caps.extend(_caps_for(failures, self.demands, carved))
        assert first is not None and best is not None
        return first, best, rounds

    def lay_out(self, best: _Candidate) -> tuple[dict[str, str], set[str]]:
        """Booth -> applicant for everything not fixed, and the booths left free."""
        free = set(self.usable)
        holder: dict[str, str] = {}
        for aid, group in best.carved.items():
            holder.update(dict.fromkeys(group, aid))
        free.difference_update(holder)
        category_at = {b: self.category_of[aid] for b, aid in holder.items()}
        category_at.update((b, self.category_of[aid]) for b, aid in self.fixed_holder.items())
        holder.update(_place_singles(self.floor, best, self.by_id, free, self.mode, self.order,
                                     category_at))
        placed = set(holder.values()) | set(self.fixed.booths_of)
        leftovers = [a for a in self.applicants if a.applicant_id not in placed]
        covered_now = self.value(placed)[0]
        for aid, group in _fill_leftovers(self.floor, leftovers, free, covered_now,
                                          self.order).items():
            holder.update(dict.fromkeys(group, aid))
        return holder, free

    def explain(self, placed: set[str], free: set[str]) -> tuple[Unplaced, ...]:
        """A reason for every applicant left without booths."""
        holder_of_region: dict[str, str] = {}
        for applicant in self.applicants:
            if applicant.applicant_id in placed:
                holder_of_region.setdefault(applicant.region_code, applicant.applicant_id)
        # Booths locked to others could take this applicant but went to others: CAPACITY, not
        # NO_COMPATIBLE_BOOTH, which is kept for booths no applicant of its kind could ever get.
        unblocked = {b.booth_id for b in self.booths if not b.is_blocked}
        finder = ReasonFinder(self.floor, unblocked, free, holder_of_region,
                              {a.applicant_id: a.name for a in self.applicants}, self.lang)
        return explain_all(finder, [a for a in self.applicants if a.applicant_id not in placed])


def allocate(
    booths: Iterable[Booth],
    applicants: Iterable[Applicant],
    mode: str = "pavilion",
    keep: Iterable[Assignment] = (),
    time_limit: float | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> AllocationResult:
    """Allocate booths under SPEC section 3; ``keep`` assignments stay exactly as they are.

    Raises LockError (listing every problem) when locks or kept assignments cannot hold.
    """
    started = time.perf_counter()
    booths, applicants, keep = tuple(booths), tuple(applicants), tuple(keep)
    _check_input(booths, applicants, mode)
    run = _Run(booths, applicants, keep, mode,
               None if time_limit is None else started + time_limit, lang)
    first, best, rounds = run.search()
    holder, free = run.lay_out(best)
    assignments = list(run.fixed.assignments)
    assignments.extend(Assignment(b, aid, locked=False, source=AUTO) for b, aid in holder.items())
    assignments.sort(key=lambda a: (run.floor.booths[a.booth_id].hall, a.booth_id))
    placed = {a.applicant_id for a in assignments}
    regions, priority = run.value(placed)
    # The bounds hold whatever stopped the solver, so reaching them is proof by itself.
    proven = (len(regions), priority) == (first.coverage_bound, first.priority_bound)
    stats = AllocationStats(
        mode=mode,
        regions_applying=len({a.region_code for a in applicants}),
        regions_covered=len(regions),
        coverage_bound=max(first.coverage_bound, len(regions)),
        applicants=len(applicants),
        applicants_placed=len(placed),
        booths_available=sum(1 for b in booths if not b.is_blocked),
        booths_used=len(assignments),
        priority=priority,
        priority_bound=max(first.priority_bound, priority),
        proven_optimal=proven,
        time_limited=not all(p.coverage_proven and p.priority_proven
                             for p in (first, best.singles_plan)),
        layout_score=round(layout_score(run.floor, {a.booth_id: a.applicant_id
                                                    for a in assignments}, run.by_id, mode), 4),
        seconds=round(time.perf_counter() - started, 3),
        rounds=rounds,
    )
    return AllocationResult(tuple(assignments), run.explain(placed, free), stats)
