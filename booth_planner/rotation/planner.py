"""The rotation planner (SPEC 5): fairness, then regions shown per period, then priority, exactly.

The model has one variable per member and period it could take (single-space members), and
one per member, period and connected group of spaces (multi-space members and permanent
tenants that need more spaces than they lock). Single-space members are not tied to a space:
spaces of one kind (a zone, or no zone) are interchangeable for them, so a period's members fit
exactly when each category's count fits its zone's spaces plus a share of the unzoned ones
(a transportation problem, hence exact). Spaces are handed out afterwards, deterministically.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

import numpy as np

from booth_planner.core.geometry import adjacency, is_connected
from booth_planner.core.i18n import DEFAULT_LANGUAGE
from booth_planner.core.model import Booth
from booth_planner.rotation.mip import INF, Model, Stage
from booth_planner.rotation.model import (
    DEFAULT_MAX_CONSECUTIVE,
    Member,
    Period,
    RotationResult,
    RotationStats,
    Turn,
)
from booth_planner.rotation.periods import order_periods
from booth_planner.rotation.reasons import explain_no_turn

# Connected groups of one size in one category's spaces; more would only slow the model down
# (galleries ask for two or three spaces at most).
MAX_GROUPS = 5000
PRIORITY_NODES = 50
PRIORITY_SEARCH_COLUMNS = 5000


class RotationInputError(ValueError):
    """Input the planner cannot work on; ``problems`` lists (applicant_id, what) pairs."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{who}: {what}" for who, what in self.problems))


def _fold(text: str | None) -> str | None:
    """The form zones and categories are compared in (case and outer spaces ignored)."""
    return text.strip().casefold() if text and text.strip() else None


@dataclass
class _Floor:
    """The usable spaces, their kinds and walls."""

    booths: dict[str, Booth]
    neighbours: dict[str, tuple[str, ...]]
    kind: dict[str, str | None] = field(default_factory=dict)  # booth -> folded zone or None

    def usable_for(self, category: str) -> list[str]:
        """Spaces a member of ``category`` may use, in id order."""
        folded = _fold(category)
        return sorted(b for b, zone in self.kind.items() if zone is None or zone == folded)


def _floor(spaces: Iterable[Booth]) -> _Floor:
    """The non-blocked spaces, keyed by id."""
    usable = {b.booth_id: b for b in spaces if not b.is_blocked}
    floor = _Floor(usable, adjacency(usable.values()))
    floor.kind = {b: _fold(booth.zone) for b, booth in usable.items()}
    return floor


def connected_sets(allowed: Sequence[str], size: int, neighbours: dict[str, tuple[str, ...]],
                   must: Sequence[str] = (), limit: int = MAX_GROUPS) -> list[tuple[str, ...]]:
    """Every connected set of ``size`` spaces among ``allowed`` holding ``must``, sorted, at most
    ``limit``; enumerated by Wernicke's ESU, which finds each set exactly once."""
    allowed_set = set(allowed)
    if any(m not in allowed_set for m in must) or size < 1:
        return []
    near = {b: {n for n in neighbours.get(b, ()) if n in allowed_set} for b in allowed_set}
    found: list[tuple[str, ...]] = []

    def extend(chosen: list[str], seen: set[str], frontier: list[str], root: str) -> None:
        if len(found) >= limit:
            return
        if len(chosen) == size:
            if all(m in chosen for m in must):
                found.append(tuple(sorted(chosen)))
            return
        frontier = sorted(frontier)
        while frontier:
            nxt = frontier.pop(0)
            fresh = [n for n in near[nxt] if n > root and n not in seen]
            extend([*chosen, nxt], seen | set(fresh), frontier + fresh, root)

    for root in sorted(allowed_set):
        if must and root > min(must):
            break
        first = [n for n in near[root] if n > root]
        extend([root], {root, *first}, first, root)
    return sorted(found)


@dataclass
class _Need:
    """What a member needs from a period: a count of one kind, or one of several groups."""

    member: Member
    category: str | None
    size: int
    groups: list[tuple[str, ...]]  # for size > 1 or a permanent tenant; empty for a single


def _needs(floor: _Floor, members: Sequence[Member]) -> dict[str, _Need]:
    """Each member's need, groups enumerated once per (category, size, locks)."""
    cache: dict[tuple[str | None, int, tuple[str, ...]], list[tuple[str, ...]]] = {}
    needs = {}
    for member in members:
        applicant = member.applicant
        category = _fold(applicant.category)
        size = applicant.booths_requested
        locks = tuple(sorted(applicant.locked_booth_ids))
        groups: list[tuple[str, ...]] = []
        if size > 1 or locks:
            key = (category, size, locks)
            if key not in cache:
                cache[key] = connected_sets(floor.usable_for(applicant.category), size,
                                            floor.neighbours, locks)
            groups = cache[key]
        needs[member.applicant_id] = _Need(member, category, size, groups)
    return needs


def check_members(spaces: Sequence[Booth], members: Sequence[Member]) -> None:
    """Raise RotationInputError for a permanent tenant whose spaces cannot be kept."""
    floor = _floor(spaces)
    problems = []
    held: dict[str, str] = {}
    for member in members:
        locks = member.applicant.locked_booth_ids
        if not locks:
            continue
        who = member.applicant_id
        usable = set(floor.usable_for(member.applicant.category))
        bad = [b for b in locks if b not in usable]
        if bad:
            problems.append((who, f"locked spaces {', '.join(bad)} are unknown, blocked or "
                                  "of another zone"))
            continue
        for booth_id in locks:
            if booth_id in held:
                problems.append((who, f"space {booth_id} is locked by {held[booth_id]} too"))
            held.setdefault(booth_id, who)
        size = member.applicant.booths_requested
        if len(locks) == size and not is_connected(list(locks), floor.neighbours):
            problems.append((who, "its locked spaces are not adjacent"))
        elif len(locks) < size and not connected_sets(sorted(usable), size, floor.neighbours,
                                                       locks, limit=1):
            problems.append((who, f"no {size} adjacent spaces hold its locked spaces"))
    if problems:
        raise RotationInputError(problems)


class _Builder:
    """The model of one rotation: columns per (member, period[, group]) and their rows."""

    def __init__(self, floor: _Floor, members: Sequence[Member], periods: Sequence[Period],
                 max_consecutive: int) -> None:
        self.floor, self.members, self.periods = floor, members, periods
        self.max_consecutive = max_consecutive
        self.needs = _needs(floor, members)
        self.model = Model()
        # (member, period index) -> [(column, group or None)]
        self.cols: dict[tuple[str, int], list[tuple[int, tuple[str, ...] | None]]] = {}
        self.fixed: dict[int, dict[str, str]] = defaultdict(dict)  # period -> booth -> member
        self.region_cols: dict[tuple[int, str], int] = {}
        self.fixed_regions: dict[int, set[str]] = defaultdict(set)
        self.fixed_priority = 0
        self.shares: list[tuple[int, list[int], int]] = []  # (share column, its terms, free)
        self.region_members: dict[int, list[int]] = {}  # region column -> member columns

    def _can_take(self, member: Member, period: Period) -> bool:
        """True unless the member said it cannot take the period."""
        return period.period_id not in member.unavailable_periods

    def build(self) -> None:
        """Every column and row of the hard rules."""
        for index, period in enumerate(self.periods):
            self._fix_exact_locks(index, period)
        for index, period in enumerate(self.periods):
            for member in self.members:
                if not self._can_take(member, period):
                    continue
                need = self.needs[member.applicant_id]
                if member.is_permanent and len(member.applicant.locked_booth_ids) == need.size:
                    continue  # exactly its locked spaces: fixed already
                self._add_columns(member, need, index)
        self._capacity_rows()
        self._member_rows()

    def _fix_exact_locks(self, index: int, period: Period) -> None:
        """Permanent tenants locking all the spaces they need hold them outright."""
        for member in self.members:
            applicant = member.applicant
            if (member.is_permanent and len(applicant.locked_booth_ids) == applicant.booths_requested
                    and self._can_take(member, period)):
                for booth_id in applicant.locked_booth_ids:
                    self.fixed[index][booth_id] = member.applicant_id
                self.fixed_regions[index].add(applicant.region_code)
                self.fixed_priority += 1 + applicant.priority

    def _add_columns(self, member: Member, need: _Need, index: int) -> None:
        """The member's columns for one period, avoiding spaces held outright."""
        taken = self.fixed[index]
        if need.size > 1 or member.is_permanent:
            options: list[tuple[str, ...] | None] = [
                g for g in need.groups if not any(b in taken for b in g)]
        else:
            free = [b for b in self.floor.usable_for(member.applicant.category) if b not in taken]
            options = [None] if free else []
        cols = [(self.model.column(1), group) for group in options]
        if cols:
            self.cols[(member.applicant_id, index)] = cols
            if member.is_permanent:  # a tenant keeps its space in every period it can take
                self.model.row([(c, 1.0) for c, _ in cols], 1, 1)
            elif len(cols) > 1:
                self.model.row([(c, 1.0) for c, _ in cols], -INF, 1)

    def _capacity_rows(self) -> None:
        """Per period: groups never share a space; singles fit their kinds of space."""
        kinds = sorted({k for k in self.floor.kind.values() if k is not None})
        for index in range(len(self.periods)):
            taken = self.fixed[index]
            on_space: dict[str, list[int]] = defaultdict(list)
            singles: dict[str | None, list[int]] = defaultdict(list)
            for member in self.members:
                for col, group in self.cols.get((member.applicant_id, index), ()):
                    if group is None:
                        singles[self.needs[member.applicant_id].category].append(col)
                    else:
                        for booth_id in group:
                            on_space[booth_id].append(col)
            for booth_id in sorted(on_space):
                if len(on_space[booth_id]) > 1:
                    self.model.row([(c, 1.0) for c in on_space[booth_id]], -INF, 1)
            if not singles:
                continue
            free_of: dict[str | None, int] = defaultdict(int)
            group_terms: dict[str | None, list[tuple[int, float]]] = defaultdict(list)
            for booth_id, kind in self.floor.kind.items():
                if booth_id not in taken:
                    free_of[kind] += 1
                    group_terms[kind].extend((c, 1.0) for c in on_space.get(booth_id, ()))
            shares = []
            for category in sorted(singles, key=lambda c: (c is None, c or "")):
                if category in kinds:
                    share = self.model.column(INF, integer=False)
                    shares.append(share)
                    self.shares.append((share, [*singles[category],
                                                *(c for c, _ in group_terms[category])],
                                        free_of[category]))
                    self.model.row([*((c, 1.0) for c in singles[category]),
                                    *group_terms[category], (share, -1.0)],
                                   -INF, free_of[category])
                else:
                    shares.extend(singles[category])
            for kind in kinds:  # groups alone may not overfill a zone nobody single wants
                if kind not in singles and group_terms[kind]:
                    self.model.row(group_terms[kind], -INF, free_of[kind])
            self.model.row([*((c, 1.0) for c in shares), *group_terms[None]], -INF, free_of[None])

    def turn_terms(self, member: Member) -> list[tuple[int, float]]:
        """The member's turns in the plan as terms."""
        return [(c, 1.0) for index in range(len(self.periods))
                for c, _ in self.cols.get((member.applicant_id, index), ())]

    def _member_rows(self) -> None:
        """At most ``max_consecutive`` turns in any run of consecutive periods."""
        window = self.max_consecutive + 1
        for member in self.members:
            if member.is_permanent:
                continue
            for first in range(len(self.periods) - window + 1):
                terms = [(c, 1.0) for index in range(first, first + window)
                         for c, _ in self.cols.get((member.applicant_id, index), ())]
                if len({c for c, _ in terms}) > self.max_consecutive:
                    self.model.row(terms, -INF, self.max_consecutive)

    def counted(self) -> list[Member]:
        """Members in the fairness objective: not permanent, able to take some period."""
        return [m for m in self.members if not m.is_permanent and self.turn_terms(m)]

    def region_terms(self) -> dict[int, float]:
        """Regions shown per period, one bounded column per (period, region) not shown already."""
        cost: dict[int, float] = {}
        by_region: dict[tuple[int, str], list[int]] = defaultdict(list)
        for (applicant_id, index), cols in self.cols.items():
            region = self.needs[applicant_id].member.applicant.region_code
            if region in self.fixed_regions[index]:
                continue
            by_region[(index, region)].extend(c for c, _ in cols)
        for key in sorted(by_region):
            shown = self.model.column(1, integer=False)
            self.region_cols[key] = shown
            self.region_members[shown] = by_region[key]
            self.model.row([(shown, 1.0), *((c, -1.0) for c in by_region[key])], -INF, 0)
            cost[shown] = 1.0
        return cost


def plan_rotation(spaces: Sequence[Booth], members: Sequence[Member], periods: Sequence[Period],
                  max_consecutive: int = DEFAULT_MAX_CONSECUTIVE,
                  time_limit: float | None = None,
                  lang: str = DEFAULT_LANGUAGE) -> RotationResult:
    """The fair rotation of ``members`` through ``spaces`` over ``periods`` (SPEC 5)."""
    started = time.perf_counter()
    deadline = None if time_limit is None else started + time_limit
    if max_consecutive < 1:
        raise ValueError("max_consecutive must be at least 1")
    ids = [m.applicant_id for m in members]
    if len(set(ids)) != len(ids) or len({p.period_id for p in periods}) != len(periods):
        raise ValueError("duplicate applicant_id or period_id")
    check_members(spaces, members)
    ordered = order_periods(periods)
    members = sorted(members, key=lambda m: m.applicant_id)
    builder = _Builder(_floor(spaces), members, ordered, max_consecutive)
    builder.build()
    model = builder.model
    counted = builder.counted()

    # Objective 1a: the smallest total is as large as possible.
    smallest = [m.turns_before + len(ordered) for m in counted]
    floor_total = model.column(min(smallest, default=0), lower=0)
    for member in counted:
        model.row([*builder.turn_terms(member), (floor_total, -1.0)], -member.turns_before, INF)
    region_cost = builder.region_terms()
    stages: list[Stage] = []
    if model.lower:
        start = np.zeros(len(model.lower))
        for col, value in _greedy_start(builder).items():
            start[col] = value
        start[floor_total] = _plan_floor(builder, counted, start)
        start = _complete(builder, start)
        supply = _supply(builder)
        fair = model.maximise({floor_total: 1.0}, deadline, start,
                              _fairness_bound(builder, counted, supply))
        stages.append(fair)
        # Objective 1b: as few members as possible at that smallest total.
        totals = _plan_totals(builder, counted, model.solution())
        at_min_cost, flags = {}, {}
        for member in counted:
            if member.turns_before <= fair.value:
                flag = model.column(1)
                at_min_cost[flag] = -1.0
                flags[flag] = 1.0 if totals[member.applicant_id] <= fair.value else 0.0
                model.row([*builder.turn_terms(member), (flag, 1.0)],
                          fair.value + 1 - member.turns_before, INF)
        start = np.asarray([*model.solution(), *np.zeros(len(flags))])
        for flag, value in flags.items():
            start[flag] = value
        stages.append(model.maximise(at_min_cost, deadline, start,
                                     -_at_min_bound(builder, counted, supply, fair.value)))
        # The fair plan, its turns moved between periods to show more regions (totals kept);
        # when it meets the simple bound or the relaxation's, no search is needed.
        spread = _complete(builder, _spread_locally(builder, model.solution().copy()))
        simple = _regions_bound(builder)
        known = int(round(sum(spread[c] for c in region_cost)))
        stages.append(model.maximise(region_cost, deadline, spread, simple,
                                     relax=known < simple))
        priority_cost = {}
        for (applicant_id, _index), cols in builder.cols.items():
            value = 1.0 + builder.needs[applicant_id].member.applicant.priority
            for col, _ in cols:
                priority_cost[col] = value
        # Priority is best effort (SPEC 5 asks objectives 1 and 2 exact). On large galleries the
        # search for it took a minute: the plan is kept and the relaxation's bound reported. A
        # size and a node limit, not a clock, keep the same input giving the same plan anywhere.
        stages.append(model.maximise(priority_cost, deadline, max_nodes=PRIORITY_NODES,
                                     search=len(priority_cost) <= PRIORITY_SEARCH_COLUMNS))
    values = model.solution()
    turns = _turns(builder, values)
    return _result(builder, turns, stages, counted, started, lang)


def _complete(builder: _Builder, vector: np.ndarray) -> np.ndarray:
    """``vector`` with the zone shares and regions shown that its member columns imply."""
    for share, terms, free in builder.shares:
        vector[share] = max(0.0, float(sum(vector[c] for c in terms)) - free)
    for shown, members in builder.region_members.items():
        vector[shown] = min(1.0, float(sum(vector[c] for c in members)))
    return vector


def _plan_floor(builder: _Builder, counted: Sequence[Member], vector: np.ndarray) -> float:
    """The smallest total of the counted members in a plan."""
    return float(min(_plan_totals(builder, counted, vector).values(), default=0))


def _max_turns(builder: _Builder, member: Member) -> int:
    """The most turns the member could have alone: greedy earliest is optimal for a window rule."""
    taken: list[int] = []
    window = builder.max_consecutive
    for index in range(len(builder.periods)):
        if (member.applicant_id, index) in builder.cols and \
                len([i for i in taken if i >= index - window]) < window:
            taken.append(index)
    return len(taken)


def _supply(builder: _Builder) -> int:
    """Turns the spaces can give at most: free usable spaces summed over periods."""
    return sum(sum(1 for b in builder.floor.kind if b not in builder.fixed[index])
               for index in range(len(builder.periods)))


def _fairness_bound(builder: _Builder, counted: Sequence[Member], supply: int) -> int:
    """The largest smallest total the space supply allows (water-filling; every turn takes a
    space), and no more than any member could reach alone."""
    if not counted:
        return 0
    before = [m.turns_before for m in counted]
    best = min(m.turns_before + _max_turns(builder, m) for m in counted)
    low = min(before)
    while low < best and sum(max(0, low + 1 - b) for b in before) <= supply:
        low += 1
    return low


def _at_min_bound(builder: _Builder, counted: Sequence[Member], supply: int, floor: int) -> int:
    """The fewest members that must stay at the smallest total ``floor``: those who cannot
    pass it alone, and those the turns left after lifting everyone to ``floor`` cannot lift."""
    stuck = liftable = 0
    for member in counted:
        if member.turns_before > floor:
            continue
        if member.turns_before + _max_turns(builder, member) <= floor:
            stuck += 1
        else:
            liftable += 1
    spare = supply - sum(max(0, floor - m.turns_before) for m in counted)
    return stuck + max(0, liftable - max(spare, 0))


def _regions_bound(builder: _Builder) -> int:
    """Regions shown at most: per period, the regions with a member able to come, at most one
    per free space."""
    found = 0
    for index in range(len(builder.periods)):
        regions = {builder.needs[a].member.applicant.region_code
                   for (a, i) in builder.cols if i == index}
        regions -= builder.fixed_regions[index]
        found += min(len(regions), sum(1 for b in builder.floor.kind if b not in builder.fixed[index]))
    return found


def _window_ok(taken: set[int], index: int, window: int) -> bool:
    """True when a turn at ``index`` (already in ``taken``) breaks no run of ``window`` + 1."""
    return all(sum(1 for i in range(start, start + window + 1) if i in taken) <= window
               for start in range(index - window, index + 1))


def _spread_locally(builder: _Builder, vector: np.ndarray, passes: int = 4) -> np.ndarray:
    """Exchange two members' turns between two periods when it shows more regions.

    Both members are single-space members of one category, so every capacity row and every
    member's total stay as they were: the fairness reached is kept exactly.
    """
    col_of: dict[tuple[str, int], int] = {}
    region: dict[str, str] = {}
    category: dict[str, str | None] = {}
    for (applicant_id, index), cols in builder.cols.items():
        need = builder.needs[applicant_id]
        if need.member.is_permanent or need.size > 1:
            continue
        col_of[(applicant_id, index)] = cols[0][0]
        region[applicant_id] = need.member.applicant.region_code
        category[applicant_id] = need.category
    taken: dict[str, set[int]] = defaultdict(set)
    count: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    present: dict[tuple[int, str | None], set[str]] = defaultdict(set)
    for (applicant_id, index), cols in builder.cols.items():
        if any(vector[c] > 0.5 for c, _ in cols):
            count[index][builder.needs[applicant_id].member.applicant.region_code] += 1
            if (applicant_id, index) in col_of:
                taken[applicant_id].add(index)
                present[(index, category[applicant_id])].add(applicant_id)
    window = builder.max_consecutive
    periods = range(len(builder.periods))
    for _ in range(passes):
        improved = False
        for (m, p) in sorted(col_of):
            if p not in taken[m] or count[p][region[m]] < 2:
                continue
            done = False
            for q in periods:
                if done:
                    break
                if (m, q) not in col_of or q in taken[m] or count[q][region[m]]:
                    continue
                after_m = (taken[m] - {p}) | {q}
                if not _window_ok(after_m, q, window):
                    continue
                for n in sorted(present[(q, category[m])]):
                    if (n, p) not in col_of or p in taken[n]:
                        continue
                    gain = 1 - (count[q][region[n]] == 1) + (count[p][region[n]] == 0)
                    after_n = (taken[n] - {q}) | {p}
                    if gain <= 0 or not _window_ok(after_n, p, window):
                        continue
                    for who, old, new in ((m, p, q), (n, q, p)):
                        vector[col_of[(who, old)]], vector[col_of[(who, new)]] = 0.0, 1.0
                        taken[who] = (taken[who] - {old}) | {new}
                        present[(old, category[who])].discard(who)
                        present[(new, category[who])].add(who)
                        count[old][region[who]] -= 1
                        count[new][region[who]] += 1
                    improved = done = True
                    break
        if not improved:
            break
    return vector


def _plan_totals(builder: _Builder, counted: Sequence[Member],
                 values: Sequence[float]) -> dict[str, int]:
    """Each counted member's total in a solved plan."""
    return {m.applicant_id: m.turns_before + sum(1 for c, _ in builder.turn_terms(m)
                                                 if values[c] > 0.5) for m in counted}


def _shown_start(builder: _Builder, values: Sequence[float]) -> dict[int, float]:
    """The regions-shown columns at what a solved plan shows."""
    by_key: dict[tuple[int, str], bool] = defaultdict(bool)
    for (applicant_id, index), cols in builder.cols.items():
        region = builder.needs[applicant_id].member.applicant.region_code
        if any(values[c] > 0.5 for c, _ in cols):
            by_key[(index, region)] = True
    return {col: 1.0 if by_key[key] else 0.0 for key, col in builder.region_cols.items()}


def _greedy_start(builder: _Builder) -> dict[int, float]:
    """A quick plan to start the search from: each period, fewest turns so far go first.

    Ties go to members with fewer periods left to take, so a member leaving soon is not missed.
    """
    count = len(builder.periods)
    total = {m.applicant_id: m.turns_before for m in builder.members}
    left = {m.applicant_id: sum(1 for i in range(count) if (m.applicant_id, i) in builder.cols)
            for m in builder.members}
    turns_at: dict[str, list[int]] = defaultdict(list)
    hint: dict[int, float] = {}
    for index in range(count):
        free = {b for b in builder.floor.kind if b not in builder.fixed[index]}
        candidates = [m for m in builder.members if (m.applicant_id, index) in builder.cols]
        candidates.sort(key=lambda m: (not m.is_permanent, total[m.applicant_id],
                                       left[m.applicant_id], -m.applicant.priority,
                                       m.applicant_id))
        shown: set[str] = set()
        for _, tied in groupby(candidates, key=lambda m: (not m.is_permanent, total[m.applicant_id],
                                                          left[m.applicant_id])):
            for member in _spread_regions(list(tied), shown):
                if _greedy_take(builder, member, index, free, turns_at, hint):
                    total[member.applicant_id] += 1
                    shown.add(member.applicant.region_code)
                left[member.applicant_id] -= 1
    return hint


def _spread_regions(tied: list[Member], shown: set[str]) -> list[Member]:
    """Equal members in turns by region, regions not shown yet first, so a period shows many."""
    by_region: dict[str, list[Member]] = defaultdict(list)
    for member in tied:
        by_region[member.applicant.region_code].append(member)
    regions = sorted(by_region, key=lambda r: (r in shown, r))
    ordered = []
    for depth in range(max((len(v) for v in by_region.values()), default=0)):
        ordered.extend(by_region[r][depth] for r in regions if depth < len(by_region[r]))
    return ordered


def _greedy_take(builder: _Builder, member: Member, index: int, free: set[str],
                 turns_at: dict[str, list[int]], hint: dict[int, float]) -> bool:
    """Give the member a turn in period ``index`` if the rules and free spaces allow."""
    key = member.applicant_id
    cols = builder.cols[(key, index)]
    recent = [i for i in turns_at[key] if i >= index - builder.max_consecutive]
    chosen = None
    if member.is_permanent or len(recent) < builder.max_consecutive:
        for col, group in cols:
            if group is None:
                space = _free_space(builder.floor, free, member.applicant.category)
                if space is not None:
                    free.discard(space)
                    chosen = col
            elif all(b in free for b in group):
                free.difference_update(group)
                chosen = col
            if chosen is not None:
                break
    for col, _ in cols:
        hint[col] = 1.0 if col == chosen else 0.0
    if chosen is not None:
        turns_at[key].append(index)
    return chosen is not None


def _free_space(floor: _Floor, free: set[str], category: str) -> str | None:
    """A free space for a single member: its zone's first, else an unzoned one."""
    folded = _fold(category)
    zoned = sorted(b for b in free if floor.kind[b] == folded)
    if zoned:
        return zoned[0]
    plain = sorted(b for b in free if floor.kind[b] is None)
    return plain[0] if plain else None


def _turns(builder: _Builder, values: Sequence[float]) -> tuple[Turn, ...]:
    """The chosen turns with their spaces: groups as solved, singles zone first, by space id."""
    turns: list[Turn] = []
    for index, period in enumerate(builder.periods):
        taken = dict(builder.fixed[index])
        fixed_members = sorted(set(taken.values()))
        for member_id in fixed_members:
            booths = tuple(sorted(b for b, m in taken.items() if m == member_id))
            turns.append(Turn(period.period_id, member_id, booths, locked=True))
        singles: list[Member] = []
        for member in builder.members:
            for col, group in builder.cols.get((member.applicant_id, index), ()):
                if values[col] > 0.5:
                    if group is None:
                        singles.append(member)
                    else:
                        for booth_id in group:
                            taken[booth_id] = member.applicant_id
                        turns.append(Turn(period.period_id, member.applicant_id, group,
                                          locked=member.is_permanent))
        free = [b for b in sorted(builder.floor.kind) if b not in taken]
        # Zoned spaces first: a member that may use its category's zone never takes an unzoned
        # space another category would need.
        singles.sort(key=lambda m: (_fold(m.applicant.category) not in
                                    {builder.floor.kind[b] for b in free}, m.applicant_id))
        for member in singles:
            category = _fold(member.applicant.category)
            choice = next((b for b in free if builder.floor.kind[b] == category), None)
            if choice is None:
                choice = next(b for b in free if builder.floor.kind[b] is None)
            free.remove(choice)
            turns.append(Turn(period.period_id, member.applicant_id, (choice,),
                              locked=member.is_permanent))
    position = {p.period_id: i for i, p in enumerate(builder.periods)}
    return tuple(sorted(turns, key=lambda t: (position[t.period_id], t.booth_ids[0])))


def _result(builder: _Builder, turns: tuple[Turn, ...], stages: Sequence[Stage],
            counted: Sequence[Member], started: float, lang: str) -> RotationResult:
    """The result with every member's total, the figures and the reasons for no turn."""
    got: dict[str, int] = defaultdict(int)
    shown: dict[int, set[str]] = defaultdict(set)
    position = {p.period_id: i for i, p in enumerate(builder.periods)}
    regions = {m.applicant_id: m.applicant.region_code for m in builder.members}
    priority = 0
    for turn in turns:
        got[turn.applicant_id] += 1
        shown[position[turn.period_id]].add(regions[turn.applicant_id])
        priority += 1 + builder.needs[turn.applicant_id].member.applicant.priority
    totals = {m.applicant_id: m.turns_before + got[m.applicant_id] for m in builder.members}
    counted_totals = [totals[m.applicant_id] for m in counted]
    min_total = min(counted_totals, default=0)
    at_min = sum(1 for v in counted_totals if v == min_total)
    regions_shown = sum(len(s) for s in shown.values())
    fixed_shown = sum(len(s) for s in builder.fixed_regions.values())
    bounds = [s.bound for s in stages] + [0] * (4 - len(stages))
    stats = RotationStats(
        members=len(builder.members), members_counted=len(counted), periods=len(builder.periods),
        min_total=min_total, min_total_bound=max(bounds[0], min_total) if stages else min_total,
        at_min=at_min, at_min_bound=min(-bounds[1], at_min) if stages else at_min,
        max_total=max(counted_totals, default=0),
        no_turn=sum(1 for m in builder.members if got[m.applicant_id] == 0),
        regions_shown=regions_shown,
        regions_bound=max(bounds[2] + fixed_shown, regions_shown) if stages else regions_shown,
        priority=priority,
        priority_bound=max(bounds[3] + builder.fixed_priority, priority) if stages else priority,
        proven_optimal=all(s.optimal for s in stages[:3]),
        time_limited=any(s.time_limited for s in stages),
        seconds=time.perf_counter() - started,
    )
    missing = [builder.needs[m.applicant_id] for m in builder.members if got[m.applicant_id] == 0]
    no_turn = explain_no_turn(builder, missing, lang)
    return RotationResult(turns, no_turn, stats, totals)
