"""Stage 1: who gets a booth of which kind, as counts, solved exactly with HiGHS.

Booths of one zone are interchangeable for coverage and priority, and so are applicants of one
region, category, size and priority; the model counts instead of naming, which keeps it small
at national scale. It ignores where booths stand (only multi-booth requests care, and placement
checks them), so it is a relaxation: its optimum bounds every real allocation.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np

# Fixed seed and one thread: the same input must give the same plan on every machine.
RANDOM_SEED = 20260522
_INFINITY = highspy.kHighsInf


@dataclass(frozen=True, slots=True)
class Demand:
    """Interchangeable open applicants: one region, category, size and priority."""

    region: str
    category: str
    size: int
    priority: int
    members: tuple[str, ...]

    @property
    def value(self) -> int:
        """What placing one member adds to the priority objective (SPEC 3, objective 2)."""
        return 1 + self.priority


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``groups`` placed members of the multi-booth demands ``indices``, using at most
    ``booths`` booths between them.

    From the blocks of connected free booths (engine.block_limits) these are valid for every
    real allocation and tighten the bound on fragmented floors; after a failed placement they
    are a heuristic cap instead, and the bound is then taken from the solve without them.
    """

    indices: tuple[int, ...]
    groups: int
    booths: int


@dataclass
class Plan:
    """The counts stage 1 decided, its objective values and the bounds that prove them."""

    singles: dict[tuple[int, str | None], int] = field(default_factory=dict)
    multis: dict[int, int] = field(default_factory=dict)
    multi_zones: dict[tuple[int, str | None], int] = field(default_factory=dict)
    coverage: int = 0
    priority: int = 0
    coverage_bound: int = 0
    priority_bound: int = 0
    coverage_proven: bool = True
    priority_proven: bool = True
    seconds: float = 0.0


def group_demands(
    applicants: Sequence, open_ids: set[str], category_of: Mapping[str, str]
) -> list[Demand]:
    """Open applicants grouped into interchangeable demands, members in submission order."""
    members: dict[tuple[str, str, int, int], list[str]] = defaultdict(list)
    for applicant in applicants:
        if applicant.applicant_id in open_ids:
            key = (applicant.region_code, category_of[applicant.applicant_id],
                   applicant.booths_requested, applicant.priority)
            members[key].append(applicant.applicant_id)
    return [Demand(*key, members=tuple(ids)) for key, ids in sorted(members.items())]


class _Model:
    """Columns and rows collected in plain lists, handed to HiGHS in one piece."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.integer: list[bool] = []
        self.entries: list[tuple[int, int, float]] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []

    def column(self, upper: float, integer: bool = True) -> int:
        """A new variable in [0, upper]; its index."""
        self.lower.append(0.0)
        self.upper.append(float(upper))
        self.integer.append(integer)
        return len(self.lower) - 1

    def row(self, terms: Sequence[tuple[int, float]], lower: float, upper: float) -> int:
        """A new constraint lower <= sum(coef * var) <= upper; its index."""
        index = len(self.row_lower)
        self.entries.extend((index, col, coef) for col, coef in terms)
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        return index

    def highs(self, cost: np.ndarray, time_limit: float | None) -> highspy.Highs:
        """A silent, deterministic HiGHS instance holding this model, maximising ``cost``."""
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.lower)
        lp.num_row_ = len(self.row_lower)
        lp.col_cost_ = cost
        lp.col_lower_ = np.asarray(self.lower)
        lp.col_upper_ = np.asarray(self.upper)
        lp.row_lower_ = np.asarray(self.row_lower)
        lp.row_upper_ = np.asarray(self.row_upper)
        # Column-wise (CSC) arrays by hand: no scipy import on the command line's path.
        entries = np.asarray(self.entries, dtype=float).reshape(-1, 3)
        order = np.lexsort((entries[:, 0], entries[:, 1]))
        rows, cols = entries[order, 0].astype(np.int32), entries[order, 1].astype(np.int64)
        starts = np.searchsorted(cols, np.arange(lp.num_col_ + 1)).astype(np.int32)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = starts
        lp.a_matrix_.index_ = rows
        lp.a_matrix_.value_ = entries[order, 2]
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.integrality_ = [highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
                           for flag in self.integer]
        solver = highspy.Highs()
        solver.silent()
        solver.setOptionValue("random_seed", RANDOM_SEED)
        solver.setOptionValue("threads", 1)
        # The model is close to a transportation problem: its LP relaxation is almost always
        # integral, and HiGHS's presolve took ten times longer than the whole search without it.
        solver.setOptionValue("presolve", "off")
        solver.setOptionValue("mip_rel_gap", 0.0)
        # Objectives are whole numbers: a gap below one proves the incumbent optimal.
        solver.setOptionValue("mip_abs_gap", 0.5)
        if time_limit is not None:
            solver.setOptionValue("time_limit", max(float(time_limit), 0.01))
        solver.passModel(lp)
        return solver


def _solve(
    model: _Model, cost: np.ndarray, time_limit: float | None
) -> tuple[np.ndarray, int, int, bool]:
    """Maximise ``cost``: (values, incumbent, proven bound, proven optimal)."""
    if not model.lower:
        return np.zeros(0), 0, 0, True
    solver = model.highs(cost, time_limit)
    solver.run()
    status = solver.getModelStatus()
    info = solver.getInfo()
    values = np.asarray(solver.getSolution().col_value)
    if status == highspy.HighsModelStatus.kOptimal:
        objective = int(round(float(cost @ values)))
        return values, objective, objective, True
    if len(values) != len(cost) or info.primal_solution_status == 0:
        # No incumbent within the time limit: placing nobody is always allowed.
        values = np.zeros(len(cost))
    objective = int(round(float(cost @ values)))
    bound = info.mip_dual_bound
    bound = int(np.floor(bound + 1e-6)) if np.isfinite(bound) else int(np.ceil(cost.clip(0).sum()))
    return values, objective, max(bound, objective), False


def solve_plan(
    demands: Sequence[Demand],
    free: Mapping[str | None, int],
    multi_ok: set[int],
    covered: set[str],
    fixed_priority: int,
    limits: Sequence[Limit] = (),
    time_limit: float | None = None,
) -> Plan:
    """Coverage first, then priority at that coverage (SPEC 3, objectives 1 and 2).

    ``free`` counts unfixed available booths per zone (None: unzoned); ``multi_ok`` holds the
    multi-booth demands some hall has a large enough connected group for; regions in ``covered``
    are represented already by fixed placements, worth ``fixed_priority``.
    """
    started = time.perf_counter()
    model = _Model()
    zone_terms: dict[str | None, list[tuple[int, float]]] = defaultdict(list)
    placed_terms: dict[str, list[tuple[int, float]]] = defaultdict(list)
    value_of: dict[int, float] = {}
    single_cols: dict[tuple[int, str | None], int] = {}
    multi_cols: dict[int, int] = {}
    usage_cols: dict[tuple[int, str | None], int] = {}

    for index, demand in enumerate(demands):
        zones = [z for z in (None, demand.category) if free.get(z, 0) > 0]
        if not zones:
            continue
        if demand.size == 1:
            member_terms = []
            for zone in zones:
                col = model.column(min(len(demand.members), free[zone]))
                single_cols[(index, zone)] = col
                zone_terms[zone].append((col, 1.0))
                member_terms.append((col, 1.0))
            if len(member_terms) > 1:
                model.row(member_terms, 0.0, len(demand.members))
        elif index in multi_ok:
            col = model.column(len(demand.members))
            multi_cols[index] = col
            member_terms = [(col, 1.0)]
            link = [(col, -float(demand.size))]
            for zone in zones:
                use = model.column(free[zone])
                usage_cols[(index, zone)] = use
                link.append((use, 1.0))
                zone_terms[zone].append((use, 1.0))
            model.row(link, 0.0, 0.0)
        else:
            continue
        placed_terms[demand.region].extend(member_terms)
        for col, _coef in member_terms:
            value_of[col] = demand.value

    for zone, terms in sorted(zone_terms.items(), key=lambda item: (item[0] is not None, item[0] or "")):
        model.row(terms, 0.0, free[zone])
    for limit in limits:
        indices = [i for i in limit.indices if i in multi_cols]
        if indices:
            model.row([(multi_cols[i], 1.0) for i in indices], 0.0, limit.groups)
            model.row([(multi_cols[i], float(demands[i].size)) for i in indices], 0.0, limit.booths)

    region_cols: list[int] = []
    for region in sorted(placed_terms):
        if region in covered:
            continue
        y = model.column(1.0)
        region_cols.append(y)
        model.row([(y, 1.0)] + [(col, -1.0) for col, _ in placed_terms[region]], -_INFINITY, 0.0)

    coverage_cost = np.zeros(len(model.lower))
    coverage_cost[region_cols] = 1.0
    values, coverage, coverage_bound, coverage_proven = _solve(model, coverage_cost, time_limit)

    # Objective 2 at the coverage just reached: a later objective never buys a worse earlier one.
    if region_cols:
        model.row([(y, 1.0) for y in region_cols], coverage, _INFINITY)
    priority_cost = np.zeros(len(model.lower))
    for col, value in value_of.items():
        priority_cost[col] = value
    remaining = None if time_limit is None else time_limit - (time.perf_counter() - started)
    second, priority, priority_bound, priority_proven = _solve(model, priority_cost, remaining)
    if len(second) == len(priority_cost) and (len(region_cols) == 0 or second[region_cols].sum() > coverage - 0.5):
        values = second
    else:
        priority = int(round(float(priority_cost @ values))) if len(values) else 0
        priority_bound = max(priority_bound, priority)

    counts = np.rint(values).astype(int) if len(values) else values
    plan = Plan(
        coverage=len(covered) + coverage,
        priority=fixed_priority + priority,
        coverage_bound=len(covered) + coverage_bound,
        priority_bound=fixed_priority + priority_bound,
        coverage_proven=coverage_proven,
        priority_proven=priority_proven and coverage_proven,
    )
    plan.singles = {key: int(counts[col]) for key, col in single_cols.items() if counts[col] > 0}
    plan.multis = {key: int(counts[col]) for key, col in multi_cols.items() if counts[col] > 0}
    plan.multi_zones = {key: int(counts[col]) for key, col in usage_cols.items() if counts[col] > 0}
    plan.seconds = time.perf_counter() - started
    return plan
