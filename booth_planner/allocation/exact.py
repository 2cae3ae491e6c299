"""Objectives 1 and 2 solved exactly: who is placed, and where every multi-booth group stands.

The free floor falls into blocks (connected free booths of one hall). Where a block is small,
irregular in zones, or holds a partial lock, every connected group of each requested size is a
0/1 column and each booth a row, so the model is exact there. A large block of one zone keeps
counts instead (how many groups of each size), with the limits every packing obeys; that is a
relaxation, so its optimum is still a bound. The groups it counts are then carved; a block
where carving misses is enumerated too and the model solved again, until the optimum is
realised (proven) or the time limit stops the search (the gap is reported). Single-booth
applicants are counts per zone throughout: any free booth of a zone serves any of them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from booth_planner.allocation.aggregate import Demand
from booth_planner.allocation.groups import TooManyGroups, connected_sets, sets_containing
from booth_planner.allocation.milp import INFINITY, Model
from booth_planner.allocation.placement import Floor, carve_packed
from booth_planner.core.geometry import connected_groups

# Blocks below this many booths are always enumerated: that is where packing is delicate.
SMALL_BLOCK = 12
# An enumeration past this many groups in one block stays counted (a bound, never a proof).
GROUP_CAP = 40_000

Kind = tuple[str | None, int]


@dataclass(frozen=True, slots=True)
class PartialLock:
    """An applicant holding some of its booths by lock: the rest is decided by the model."""

    applicant_id: str
    region: str
    category: str
    size: int
    priority: int
    seed: tuple[str, ...]


@dataclass
class Solution:
    """What the exact stage decided and the bounds that prove (or bound) it."""

    multi_counts: dict[int, int] = field(default_factory=dict)
    single_counts: dict[int, int] = field(default_factory=dict)
    groups: dict[Kind, list[tuple[str, ...]]] = field(default_factory=dict)
    lock_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    coverage: int = 0
    priority: int = 0
    coverage_bound: int = 0
    priority_bound: int = 0
    proven: bool = True
    time_limited: bool = False
    rounds: int = 0


def zone_class(category: str, zones: set[str]) -> str | None:
    """The zone an applicant of ``category`` may use besides unzoned booths (None: none)."""
    return category if category in zones else None


def _allowed(floor: Floor, booth: str, klass: str | None) -> bool:
    """True when a booth is open to applicants of zone class ``klass``."""
    zone = floor.zone[booth]
    return zone is None or zone == klass


@dataclass
class _Block:
    """Connected free booths of one hall; enumerated or counted."""

    booths: list[str]
    zones: set[str | None]
    locks: list[int]
    explicit: bool = False
    capped: bool = False


class ExactModel:
    """Builds, solves and realises the model; refines blocks until the optimum is realised."""

    def __init__(self, floor: Floor, free: set[str], multis: Sequence[Demand],
                 singles: Sequence[Demand], locks: Sequence[PartialLock], covered: set[str],
                 fixed_priority: int, deadline: float | None) -> None:
        self.floor, self.free, self.deadline = floor, free, deadline
        self.multis, self.singles, self.locks = multis, singles, locks
        self.covered, self.fixed_priority = set(covered), fixed_priority
        self.zones = {floor.zone[b] for b in free} - {None}
        self.kinds = sorted({(zone_class(d.category, self.zones), d.size) for d in multis},
                            key=lambda k: (k[0] or "", k[1]))
        seeds = {b for lock in locks for b in lock.seed}
        self._enumerated: dict[tuple[int, Kind], list[tuple[str, ...]]] = {}
        self._lock_options: dict[str, list[tuple[str, ...]]] = {}
        self._open_to: dict[str | None, set[str]] = {}
        self.blocks: list[_Block] = []
        lock_at = {b: i for i, lock in enumerate(locks) for b in lock.seed}
        for members in sorted(connected_groups(free | seeds, floor.neighbours),
                              key=lambda g: min(floor.rank[b] for b in g)):
            booths = sorted((b for b in members if b in free), key=floor.rank.__getitem__)
            held = sorted({lock_at[b] for b in members if b in lock_at})
            zones = {floor.zone[b] for b in booths}
            block = _Block(booths, zones, held)
            block.explicit = bool(held) or len(booths) < SMALL_BLOCK or len(zones) > 1
            self.blocks.append(block)
            if block.explicit and not self._enumerable(len(self.blocks) - 1):
                block.explicit = False  # too many groups to list: counted, a bound only
        self.free_in_zone: dict[str | None, int] = defaultdict(int)
        for booth in free:
            self.free_in_zone[floor.zone[booth]] += 1

    def _left(self) -> float | None:
        """Seconds left; None without a limit."""
        return None if self.deadline is None else max(self.deadline - time.perf_counter(), 0.01)

    def _groups(self, index: int, kind: Kind) -> list[tuple[str, ...]]:
        """Every connected group of ``kind`` in block ``index`` (cached)."""
        key = (index, kind)
        if key not in self._enumerated:
            klass, size = kind
            usable = [b for b in self.blocks[index].booths if _allowed(self.floor, b, klass)]
            found: list[tuple[str, ...]] = []
            if len(usable) >= size:
                for part in connected_groups(usable, self.floor.neighbours):
                    if len(part) >= size:
                        ordered = sorted(part, key=self.floor.rank.__getitem__)
                        found.extend(connected_sets(ordered, size, self.floor.neighbours,
                                                    GROUP_CAP - len(found)))
            self._enumerated[key] = found
        return self._enumerated[key]

    def lock_options(self, lock: PartialLock) -> list[tuple[str, ...]]:
        """The groups that can make up ``lock``: its seed grown with free compatible booths."""
        if lock.applicant_id not in self._lock_options:
            klass = zone_class(lock.category, self.zones)
            if klass not in self._open_to:
                self._open_to[klass] = {b for b in self.free if _allowed(self.floor, b, klass)}
            self._lock_options[lock.applicant_id] = sets_containing(
                lock.seed, lock.size, self._open_to[klass] | set(lock.seed),
                self.floor.neighbours, GROUP_CAP)
        return self._lock_options[lock.applicant_id]

    # -- the model -------------------------------------------------------------------------

    def build(self) -> dict:
        """The model and where its columns are: one dict so a round is one value."""
        model = Model()
        booth_terms: dict[str, list[int]] = defaultdict(list)
        zone_terms: dict[str | None, list[tuple[int, float]]] = defaultdict(list)
        kind_terms: dict[Kind, list[tuple[int, float]]] = defaultdict(list)
        group_cols: list[tuple[int, Kind, tuple[str, ...]]] = []
        count_cols: list[tuple[int, Kind, int]] = []
        lock_cols: list[tuple[int, int, tuple[str, ...]]] = []

        def use(col: int, group: Sequence[str]) -> None:
            for booth in group:
                if booth in self.free:
                    booth_terms[booth].append(col)
                    zone_terms[self.floor.zone[booth]].append((col, 1.0))

        usage_cols: list[tuple[int, int, str | None]] = []
        for index, block in enumerate(self.blocks):
            lock_use: dict[str | None, list[tuple[int, float]]] = defaultdict(list)
            for lock_index in block.locks:
                terms = []
                for group in self.lock_options(self.locks[lock_index]):
                    col = model.column(1)
                    lock_cols.append((col, lock_index, group))
                    terms.append((col, 1.0))
                    use(col, group)
                    for booth in group:
                        if booth in self.free:
                            lock_use[self.floor.zone[booth]].append((col, 1.0))
                model.row(terms, 1.0, 1.0)
            if block.explicit:
                for kind in self.kinds:
                    for group in self._groups(index, kind):
                        col = model.column(1)
                        group_cols.append((col, kind, group))
                        kind_terms[kind].append((col, 1.0))
                        use(col, group)
            else:
                self._count_block(model, index, lock_use, kind_terms, zone_terms, count_cols,
                                  usage_cols)
        for terms in booth_terms.values():
            if len(terms) > 1:
                model.row([(c, 1.0) for c in terms], 0.0, 1.0)

        region_terms: dict[str, list[int]] = defaultdict(list)
        value_of: dict[int, float] = {}
        multi_cols: dict[int, int] = {}
        for index, demand in enumerate(self.multis):
            kind = (zone_class(demand.category, self.zones), demand.size)
            if not kind_terms.get(kind):
                continue
            col = model.column(len(demand.members))
            multi_cols[index] = col
            region_terms[demand.region].append(col)
            value_of[col] = demand.value
        for kind, terms in kind_terms.items():
            members = [(multi_cols[i], -1.0) for i, d in enumerate(self.multis)
                       if i in multi_cols and (zone_class(d.category, self.zones), d.size) == kind]
            model.row(terms + members, 0.0, 0.0)
        single_cols: dict[int, list[int]] = {}
        for index, demand in enumerate(self.singles):
            klass = zone_class(demand.category, self.zones)
            cols = []
            for zone in (None,) if klass is None else (None, klass):
                if self.free_in_zone.get(zone, 0) > 0:
                    col = model.column(min(len(demand.members), self.free_in_zone[zone]))
                    cols.append(col)
                    zone_terms[zone].append((col, 1.0))
                    region_terms[demand.region].append(col)
                    value_of[col] = demand.value
            if len(cols) > 1:
                model.row([(c, 1.0) for c in cols], 0.0, len(demand.members))
            if cols:
                single_cols[index] = cols
        for zone, terms in sorted(zone_terms.items(), key=lambda kv: (kv[0] is not None, kv[0] or "")):
            model.row(terms, 0.0, self.free_in_zone.get(zone, 0))
        region_cols = []
        for region in sorted(region_terms):
            if region in self.covered:
                continue
            y = model.column(1)
            region_cols.append(y)
            model.row([(y, 1.0)] + [(c, -1.0) for c in region_terms[region]], -INFINITY, 0.0)
        return {"model": model, "groups": group_cols, "counts": count_cols, "locks": lock_cols,
                "usage": usage_cols,
                "multis": multi_cols, "singles": single_cols, "regions": region_cols,
                "values": value_of}

    def _count_block(self, model: Model, index: int,
                     lock_use: Mapping[str | None, list[tuple[int, float]]],
                     kind_terms: dict, zone_terms: dict, count_cols: list,
                     usage_cols: list) -> None:
        """A counted block: how many groups of each kind, drawing on its zones, within the
        limits every packing obeys (a relaxation: the optimum stays a bound)."""
        block = self.blocks[index]
        capacity: dict[str | None, int] = defaultdict(int)
        for booth in block.booths:
            capacity[self.floor.zone[booth]] += 1
        per_zone: dict[str | None, list[tuple[int, float]]] = defaultdict(list)
        for zone, terms in lock_use.items():
            per_zone[zone].extend(terms)
        by_class: dict[str | None, list[tuple[int, int]]] = defaultdict(list)
        for kind in self.kinds:
            klass, size = kind
            zones = sorted((z for z in capacity if z is None or z == klass),
                           key=lambda z: (z is not None, z or ""))
            if sum(capacity[z] for z in zones) < size:
                continue
            col = model.column(len(block.booths) // size)
            count_cols.append((col, kind, index))
            kind_terms[kind].append((col, 1.0))
            by_class[klass].append((col, size))
            link = [(col, -float(size))]
            for zone in zones:
                use = model.column(capacity[zone])
                usage_cols.append((use, index, zone))
                link.append((use, 1.0))
                zone_terms[zone].append((use, 1.0))
                per_zone[zone].append((use, 1.0))
            model.row(link, 0.0, 0.0)
        for zone, terms in per_zone.items():
            model.row(terms, 0.0, capacity[zone])
        # However they are packed, at most sum(n // t) groups of t booths or more fit in parts
        # of n booths open to the class; one zone open to all: one limit over every class.
        classes = [(None, [c for cols in by_class.values() for c in cols])] \
            if set(capacity) == {None} else sorted(by_class.items(), key=lambda kv: kv[0] or "")
        for klass, cols in classes:
            usable = [b for b in block.booths if _allowed(self.floor, b, klass)]
            # A block is connected: open to the class as a whole, it is one part.
            parts = [len(usable)] if len(usable) == len(block.booths) else [
                len(p) for p in connected_groups(usable, self.floor.neighbours)]
            for smallest in sorted({size for _col, size in cols}):
                model.row([(c, 1.0) for c, size in cols if size >= smallest], 0.0,
                          sum(n // smallest for n in parts))

    def solve_round(self, built: dict) -> tuple[np.ndarray, int, int, int, int, bool, int]:
        """Coverage, then priority at that coverage: values, both objectives and bounds.

        One solve of ``weight * coverage + priority``, where ``weight`` exceeds every priority
        total, is the same lexicographic optimum as two solves in a row, at half the cost.
        """
        model: Model = built["model"]
        width = len(model.lower)
        coverage_cost = np.zeros(width)
        coverage_cost[built["regions"]] = 1.0
        priority_cost = np.zeros(width)
        for col, value in built["values"].items():
            priority_cost[col] = value
        weight = float(priority_cost.sum() + 1)
        outcome = model.maximise(weight * coverage_cost + priority_cost, self._left())
        if outcome.proven and outcome.bound < 0:
            raise ValueError("the locks admit no allocation")  # checked before, never reached
        values = outcome.values if len(outcome.values) else np.zeros(width)
        coverage = int(round(float(coverage_cost @ values)))
        priority = int(round(float(priority_cost @ values)))
        cover_row = model.row([(y, 1.0) for y in built["regions"]], 0.0, INFINITY) \
            if built["regions"] else -1
        if outcome.proven:
            return values, coverage, coverage, priority, priority, True, cover_row
        coverage_bound = max(int(np.floor((outcome.bound + 0.5) / weight)), coverage)
        priority_bound = self._priority_bound_at(built, cover_row, coverage, priority, priority)
        return values, coverage, coverage_bound, priority, priority_bound, False, cover_row

    # -- realising the counts --------------------------------------------------------------

    def carve_block(self, index: int, wanted: Sequence[Kind], taken: set[str],
                    planned: Mapping[str | None, int]) -> list[tuple[Kind, tuple[str, ...]]] | None:
        """Concrete groups for a counted block, biggest first, best fit, drawing on its zones as
        planned (the single-booth counts rely on it); None when that misses."""
        left = set(self.blocks[index].booths) - taken
        carved = []
        used: dict[str | None, int] = defaultdict(int)
        for kind in sorted(wanted, key=lambda k: (-k[1], k[0] or "")):
            klass, size = kind
            allowed = {b for b in left if _allowed(self.floor, b, klass)}
            prefer = klass if used[klass] < planned.get(klass, 0) else None
            group = carve_packed(self.floor, size, allowed, 0, prefer)
            if group is None:
                return None
            left.difference_update(group)
            for booth in group:
                used[self.floor.zone[booth]] += 1
            carved.append((kind, tuple(group)))
        if any(used[z] != n for z, n in planned.items() if n) or sum(used.values()) != sum(
                planned.values()):
            return None
        return carved

    def solve(self) -> Solution:
        """Rounds of solve and realise until the optimum stands on the floor or time runs out."""
        rounds = 0
        while True:
            rounds += 1
            built = self.build()
            values, coverage, coverage_bound, priority, priority_bound, proven, cover_row = (
                self.solve_round(built))
            counts = np.rint(values).astype(int)
            groups: dict[Kind, list[tuple[str, ...]]] = defaultdict(list)
            for col, kind, group in built["groups"]:
                if counts[col] > 0:
                    groups[kind].append(group)
            lock_groups = {self.locks[i].applicant_id: group
                           for col, i, group in built["locks"] if counts[col] > 0}
            wanted: dict[int, list[Kind]] = defaultdict(list)
            for col, kind, index in built["counts"]:
                wanted[index].extend([kind] * int(counts[col]))
            planned: dict[int, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))
            for col, index, zone in built["usage"]:
                planned[index][zone] += int(counts[col])
            taken = {b for group in lock_groups.values() for b in group}
            missed: list[int] = []
            for index, kinds in sorted(wanted.items()):
                carved = self.carve_block(index, kinds, taken, planned[index])
                if carved is None:
                    missed.append(index)
                    continue
                for kind, group in carved:
                    groups[kind].append(group)
            refinable = [i for i in missed if self._enumerable(i)]
            out_of_time = self.deadline is not None and time.perf_counter() > self.deadline
            if refinable and not out_of_time:
                for index in refinable:
                    self.blocks[index].explicit = True
                continue
            if missed:
                # What could not be carved is dropped (cheapest first); the bound still holds.
                kept = self._drop_missed(counts, built, groups)
                coverage, priority = kept
                priority_bound = self._priority_bound_at(built, cover_row, coverage, priority,
                                                         priority_bound)
            return self._solution(built, counts, groups, lock_groups, coverage, priority,
                                  coverage_bound, priority_bound, proven and not missed,
                                  rounds, not proven)

    def _enumerable(self, index: int) -> bool:
        """True when block ``index`` can be enumerated within the cap (remembered either way)."""
        block = self.blocks[index]
        if not block.capped:
            try:
                for kind in self.kinds:
                    self._groups(index, kind)
            except TooManyGroups:
                block.capped = True
        return not block.capped

    def _drop_missed(self, counts: np.ndarray, built: dict,
                     groups: Mapping[Kind, list[tuple[str, ...]]]) -> tuple[int, int]:
        """Cut each kind's placed members down to the groups realised; the objectives left."""
        by_kind: dict[Kind, list[int]] = defaultdict(list)
        for index in built["multis"]:
            demand = self.multis[index]
            by_kind[(zone_class(demand.category, self.zones), demand.size)].append(index)
        for kind, indices in by_kind.items():
            excess = sum(counts[built["multis"][i]] for i in indices) - len(groups.get(kind, ()))
            for index in sorted(indices, key=lambda i: self.multis[i].value):
                col = built["multis"][index]
                cut = min(excess, counts[col])
                counts[col] -= cut
                excess -= cut
        cost = np.zeros(len(counts))
        for col, value in built["values"].items():
            cost[col] = value
        regions = {self.multis[i].region for i, c in built["multis"].items() if counts[c] > 0}
        regions |= {self.singles[i].region for i, cols in built["singles"].items()
                    if sum(counts[c] for c in cols) > 0}
        return len(regions - self.covered), int(cost @ counts)

    def _priority_bound_at(self, built: dict, cover_row: int, coverage: int, priority: int,
                           bound: int) -> int:
        """A priority bound valid at ``coverage`` (relaxed solve when the coverage dropped)."""
        model: Model = built["model"]
        if cover_row < 0:
            return bound
        model.row_lower[cover_row] = float(coverage)
        cost = np.zeros(len(model.lower))
        for col, value in built["values"].items():
            cost[col] = value
        return max(model.relaxed_bound(cost), priority)

    def _solution(self, built: dict, counts: np.ndarray, groups, lock_groups, coverage: int,
                  priority: int, coverage_bound: int, priority_bound: int, proven: bool,
                  rounds: int, time_limited: bool) -> Solution:
        """The solution in plain values, objectives counting what was fixed before."""
        return Solution(
            multi_counts={i: int(counts[c]) for i, c in built["multis"].items() if counts[c] > 0},
            single_counts={i: int(sum(counts[c] for c in cols))
                           for i, cols in built["singles"].items() if sum(counts[c] for c in cols)},
            groups={k: sorted(v) for k, v in groups.items()},
            lock_groups=lock_groups,
            coverage=len(self.covered) + coverage,
            priority=self.fixed_priority + priority,
            coverage_bound=len(self.covered) + coverage_bound,
            priority_bound=self.fixed_priority + priority_bound,
            proven=proven,
            time_limited=time_limited,
            rounds=rounds,
        )
