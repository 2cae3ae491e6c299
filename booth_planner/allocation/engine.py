"""The allocation engine: locks checked, objectives 1 and 2 solved exactly, then the layout.

Stage 1 and 2 (exact.py) decide who is placed and which connected groups the multi-booth
requests get, coverage first and priority at that coverage, and prove it with a bound that holds
for every allocation. Partial locks are demands of that model like any other, restricted to the
groups holding their locked booths. Stage 3 (layout) only arranges the applicants stage 2 chose:
it tries the groups where the layout wants them and keeps them only when every chosen applicant
still fits, so it can never cost objectives 1 or 2.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from booth_planner.allocation.aggregate import group_demands
from booth_planner.allocation.exact import ExactModel, Kind, PartialLock, Solution, zone_class
from booth_planner.allocation.layout import hand_out, laid_out_groups, place_singles, single_zones
from booth_planner.allocation.locks import check_partial_locks, fix_booths
from booth_planner.allocation.placement import (
    MODES,
    Floor,
    build_floor,
    carve,
    layout_score,
    normalize,
)
from booth_planner.allocation.reasons import ReasonFinder, explain_all
from booth_planner.core.i18n import DEFAULT_LANGUAGE
from booth_planner.core.model import Applicant, Assignment, Booth, Unplaced

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
        """(coverage, priority) no allocation can beat; priority's at the coverage reached."""
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


def zone_totals(floor: Floor, booth_ids: Iterable[str]) -> dict[str | None, int]:
    """How many of ``booth_ids`` each zone (None: unzoned) holds."""
    totals: dict[str | None, int] = defaultdict(int)
    for booth_id in booth_ids:
        totals[floor.zone[booth_id]] += 1
    return dict(totals)


def _left(deadline: float | None) -> float | None:
    """Seconds left before ``deadline``; None without a limit."""
    return None if deadline is None else max(deadline - time.perf_counter(), 0.01)


def _fill_leftovers(
    floor: Floor, unplaced: list[Applicant], free: set[str], covered: set[str],
    order: Mapping[str, int],
) -> dict[str, list[str]]:
    """Place anyone who still fits in free booths (only happens when a time limit cut in)."""
    placed: dict[str, list[str]] = {}
    if not free:
        return placed
    free_in_zone = zone_totals(floor, free)
    queues: dict[str | None, list[str]] = defaultdict(list)
    for booth_id in sorted(free, key=floor.rank.__getitem__, reverse=True):
        queues[floor.zone[booth_id]].append(booth_id)
    # The free floor only shrinks: a size that fitted nowhere for a category never will.
    failed: set[tuple[str, int]] = set()
    for applicant in sorted(unplaced, key=lambda a: (a.region_code in covered, -a.priority,
                                                     order[a.applicant_id])):
        category = normalize(applicant.category) or ""
        size = applicant.booths_requested
        if (free_in_zone.get(None, 0) + free_in_zone.get(category, 0) < size
                or (category, size) in failed):
            continue
        group = None
        if size == 1:
            for zone in (category, None):
                queue = queues.get(zone, [])
                while queue and queue[-1] not in free:
                    queue.pop()
                if queue:
                    group = [queue.pop()]
                    break
        else:
            for hall in floor.halls:
                group = carve(floor, hall, size, category, free, 0, category)
                if group is not None:
                    break
        if group is None:
            failed.add((category, size))
            continue
        placed[applicant.applicant_id] = group
        free.difference_update(group)
        for booth_id in group:
            free_in_zone[floor.zone[booth_id]] -= 1
        covered.add(applicant.region_code)
    return placed


class _Run:
    """One allocation run: the fixed part, the exact stages, the layout."""

    def __init__(self, booths: tuple[Booth, ...], applicants: tuple[Applicant, ...],
                 keep: tuple[Assignment, ...], mode: str, deadline: float | None,
                 lang: str) -> None:
        self.booths, self.applicants, self.mode, self.deadline = booths, applicants, mode, deadline
        self.lang = lang
        self.floor = build_floor(booths)
        self.fixed = fix_booths(booths, applicants, keep, self.floor.neighbours, lang)
        self.by_id = {a.applicant_id: a for a in applicants}
        self.order = {a.applicant_id: i for i, a in enumerate(applicants)}
        self.category_of = {a.applicant_id: normalize(a.category) or "" for a in applicants}
        self.fixed_holder = {b: aid for aid, ids in self.fixed.booths_of.items() for b in ids}
        self.fixed_holder.update((b, aid) for aid, ids in self.fixed.partial.items() for b in ids)
        self.usable = {b.booth_id for b in booths
                       if not b.is_blocked and b.booth_id not in self.fixed_holder}
        decided = set(self.fixed.booths_of) | set(self.fixed.partial)
        open_ids = {a.applicant_id for a in applicants if a.applicant_id not in decided}
        zones = {self.floor.zone[b] for b in self.usable} - {None}
        # Categories no zone names are interchangeable for objectives 1 and 2: one demand.
        klass = {aid: zone_class(c, zones) or "" for aid, c in self.category_of.items()}
        demands = group_demands(applicants, open_ids, klass)
        self.multis = [d for d in demands if d.size > 1]
        self.singles = [d for d in demands if d.size == 1]
        self.locks = [PartialLock(aid, self.by_id[aid].region_code, self.category_of[aid],
                                  self.by_id[aid].booths_requested, self.by_id[aid].priority, seed)
                      for aid, seed in sorted(self.fixed.partial.items(),
                                              key=lambda kv: self.order[kv[0]])]
        self.covered, self.fixed_priority = self.value(decided)
        self.model = ExactModel(self.floor, self.usable, self.multis, self.singles, self.locks,
                                self.covered, self.fixed_priority, deadline)
        # Every lock must hold at once before anything is optimised (SPEC 3, hard rule 4).
        self.lock_fallback = check_partial_locks(
            {lock.applicant_id: self.model.lock_options(lock) for lock in self.locks},
            {lock.applicant_id: lock.size for lock in self.locks}, lang)

    def value(self, applicant_ids: Iterable[str]) -> tuple[set[str], int]:
        """The regions and the priority total these applicants bring."""
        ids = list(applicant_ids)
        return ({self.by_id[aid].region_code for aid in ids},
                sum(1 + self.by_id[aid].priority for aid in ids))

    def lay_out(self, solution: Solution) -> tuple[dict[str, str], set[str]]:
        """Stage 3: booth -> applicant for everything not fixed, and the booths left free."""
        free = set(self.usable)
        holder: dict[str, str] = {}
        lock_groups = solution.lock_groups or self.lock_fallback
        for lock in self.locks:
            group = lock_groups.get(lock.applicant_id, self.lock_fallback[lock.applicant_id])
            holder.update((b, lock.applicant_id) for b in group if b in free)
            free.difference_update(group)
        multis_of: dict[Kind, list[Applicant]] = defaultdict(list)
        for index, count in sorted(solution.multi_counts.items()):
            demand = self.multis[index]
            kind = (zone_class(demand.category, self.model.zones), demand.size)
            multis_of[kind].extend(self.by_id[m] for m in demand.members[:count])
        singles = [self.by_id[m] for index, count in sorted(solution.single_counts.items())
                   for m in self.singles[index].members[:count]]
        singles.sort(key=lambda a: (-a.priority, self.order[a.applicant_id]))
        multis = sorted((a for people in multis_of.values() for a in people),
                        key=lambda a: self.order[a.applicant_id])
        groups = laid_out_groups(self.floor, multis, singles, free, self.model.zones, self.mode)
        if groups is None:
            groups = {}
            for kind, people in multis_of.items():
                groups.update(hand_out(self.floor, solution.groups.get(kind, []), people,
                                       self.mode))
        for aid, group in groups.items():
            holder.update(dict.fromkeys(group, aid))
            free.difference_update(group)
        chosen = single_zones(self.floor, singles, free, self.model.zones) or {}
        category_at = {b: self.category_of[aid] for b, aid in holder.items()}
        category_at.update((b, self.category_of[aid]) for b, aid in self.fixed_holder.items())
        holder.update(place_singles(self.floor, chosen, free, self.mode, self.order, category_at))
        placed = set(holder.values()) | set(self.fixed.booths_of)
        leftovers = [a for a in self.applicants if a.applicant_id not in placed]
        covered_now = self.value(placed)[0]
        # Only after a time limit or a group too big to enumerate can anyone still fit here.
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
    solution = run.model.solve()
    holder, free = run.lay_out(solution)
    assignments = list(run.fixed.assignments)
    assignments.extend(Assignment(b, aid, locked=False, source=AUTO) for b, aid in holder.items())
    hall_of = {b.booth_id: b.hall for b in booths}
    assignments.sort(key=lambda a: (hall_of[a.booth_id], a.booth_id))
    placed = {a.applicant_id for a in assignments}
    regions, priority = run.value(placed)
    coverage_bound = max(solution.coverage_bound, len(regions))
    # Priority's bound holds at the coverage stage 2 reached or more; leftovers only add to it.
    priority_bound = max(solution.priority_bound, priority)
    # The bounds hold whatever stopped the solver, so reaching them is proof by itself.
    proven = (len(regions), priority) == (coverage_bound, priority_bound)
    stats = AllocationStats(
        mode=mode,
        regions_applying=len({a.region_code for a in applicants}),
        regions_covered=len(regions),
        coverage_bound=coverage_bound,
        applicants=len(applicants),
        applicants_placed=len(placed),
        booths_available=sum(1 for b in booths if not b.is_blocked),
        booths_used=len(assignments),
        priority=priority,
        priority_bound=priority_bound,
        proven_optimal=proven,
        time_limited=solution.time_limited,
        layout_score=round(layout_score(run.floor, {a.booth_id: a.applicant_id
                                                    for a in assignments}, run.by_id, mode), 4),
        seconds=round(time.perf_counter() - started, 3),
        rounds=solution.rounds,
    )
    return AllocationResult(tuple(assignments), run.explain(placed, free), stats)
