"""A small row-wise model handed to HiGHS, solved objective by objective (lexicographically).

Each stage maximises one objective, then a row keeps it at the value reached, so a later
objective can never buy a worse earlier one. The incumbent is passed on as the next stage's
starting solution, since it stays feasible.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import highspy
import numpy as np

RANDOM_SEED = 20270101
INF = highspy.kHighsInf


@dataclass(frozen=True, slots=True)
class Stage:
    """One objective's outcome: value reached, the bound no plan can beat, proven or not."""

    value: int
    bound: int
    optimal: bool
    time_limited: bool


_banner_shown = False


def _highs() -> highspy.Highs:
    """A HiGHS instance; the first one of a process prints a banner on standard output (from
    C++, so ``silent()`` comes too late), which would mix into the command's summary."""
    global _banner_shown
    if _banner_shown:
        return highspy.Highs()
    _banner_shown = True
    sys.stdout.flush()
    saved = os.dup(1)
    quiet = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(quiet, 1)
        return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(quiet)


class Model:
    """Variables and constraints collected in lists, then solved stage by stage."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.integer: list[bool] = []
        self.starts: list[int] = [0]
        self.indices: list[int] = []
        self.values: list[float] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self.start: list[float] = []
        self._solution: np.ndarray | None = None

    def column(self, upper: float, integer: bool = True, lower: float = 0.0,
               start: float = 0.0) -> int:
        """A new variable in [lower, upper] (``start``: its value in the warm start); its index."""
        self.start.append(float(start))
        self.lower.append(float(lower))
        self.upper.append(float(upper))
        self.integer.append(integer)
        return len(self.lower) - 1

    def row(self, terms: Mapping[int, float] | Sequence[tuple[int, float]],
            lower: float = -INF, upper: float = INF) -> None:
        """A constraint lower <= sum(coef * var) <= upper (terms on one variable are added)."""
        merged: dict[int, float] = {}
        for col, coef in (terms.items() if isinstance(terms, Mapping) else terms):
            merged[col] = merged.get(col, 0.0) + coef
        for col in sorted(merged):
            self.indices.append(col)
            self.values.append(merged[col])
        self.starts.append(len(self.indices))
        self.row_lower.append(float(lower))
        self.row_upper.append(float(upper))

    def _build(self) -> highspy.Highs:
        """A silent, deterministic HiGHS instance holding the model."""
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.lower)
        lp.num_row_ = len(self.row_lower)
        lp.col_cost_ = np.zeros(lp.num_col_)
        lp.col_lower_ = np.asarray(self.lower)
        lp.col_upper_ = np.asarray(self.upper)
        lp.row_lower_ = np.asarray(self.row_lower)
        lp.row_upper_ = np.asarray(self.row_upper)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.asarray(self.starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.asarray(self.indices, dtype=np.int32)
        lp.a_matrix_.value_ = np.asarray(self.values, dtype=float)
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.integrality_ = [highspy.HighsVarType.kInteger if flag
                           else highspy.HighsVarType.kContinuous for flag in self.integer]
        solver = _highs()
        solver.silent()
        solver.setOptionValue("random_seed", RANDOM_SEED)
        solver.setOptionValue("threads", 1)
        solver.setOptionValue("mip_rel_gap", 0.0)
        # Every objective is a whole number: a gap below one proves the incumbent optimal.
        solver.setOptionValue("mip_abs_gap", 0.5)
        solver.passModel(lp)
        return solver

    def maximise(self, cost: Mapping[int, float], deadline: float | None,
                 start: np.ndarray | None = None, bound: int | None = None,
                 max_nodes: int | None = None, relax: bool = True,
                 search: bool = True) -> Stage:
        """Maximise ``cost`` under every row so far, then keep it at the value reached.

        ``start`` is a whole plan to start from. When it meets every row and its value reaches
        ``bound`` (a proven bound from the caller) or, with ``relax``, the LP relaxation's bound
        rounded down, it is optimal without a search. Without ``search`` the start is kept
        anyway and the relaxation's bound reported.
        """
        weights = np.zeros(len(self.lower))
        for col, coef in cost.items():
            weights[col] = coef
        begin = self._start_vector(start)
        if begin is not None and cost and self.feasible(begin):
            known = int(round(float(weights @ begin)))
            if relax and (bound is None or bound > known):
                bound = self._relaxed_bound(weights, deadline)
            if (bound is not None and bound <= known) or not search:
                self._solution = begin
                self.row(cost, known - 0.5, INF)
                reached = known if bound is None else max(bound, known)
                return Stage(known, reached, reached == known, False)
        solver = self._run(weights, deadline, begin, max_nodes=max_nodes)
        status = solver.getModelStatus()
        info = solver.getInfo()
        values = np.asarray(solver.getSolution().col_value)
        if len(values) != len(weights) or info.primal_solution_status == 0:
            raise RuntimeError("no rotation plan found: the hard rules admit none")
        value = int(round(float(weights @ values)))
        optimal = status == highspy.HighsModelStatus.kOptimal
        reached = value
        if not optimal:
            dual = info.mip_dual_bound
            reached = max(value, int(np.floor(dual + 1e-6))) if np.isfinite(dual) else value
        self._solution = values
        if cost:
            self.row(cost, value - 0.5, INF)
        return Stage(value, reached, optimal or reached == value,
                     status in (highspy.HighsModelStatus.kTimeLimit,
                                highspy.HighsModelStatus.kSolutionLimit))

    def feasible(self, vector: np.ndarray, tolerance: float = 1e-6) -> bool:
        """True when ``vector`` meets every bound, row and integrality."""
        if len(vector) != len(self.lower):
            return False
        lower, upper = np.asarray(self.lower), np.asarray(self.upper)
        if np.any(vector < lower - tolerance) or np.any(vector > upper + tolerance):
            return False
        whole = np.asarray(self.integer)
        if np.any(np.abs(vector[whole] - np.round(vector[whole])) > tolerance):
            return False
        products = np.asarray(self.values) * vector[np.asarray(self.indices, dtype=np.int64)]
        first = np.minimum(np.asarray(self.starts[:-1]), max(len(products) - 1, 0))
        sums = np.add.reduceat(products, first, dtype=float) if len(products) \
            else np.zeros(len(self.row_lower))
        # reduceat repeats the next entry for an empty row: such rows sum to nothing.
        empty = np.diff(np.asarray(self.starts)) == 0
        sums[empty] = 0.0
        return bool(np.all(sums >= np.asarray(self.row_lower) - tolerance)
                    and np.all(sums <= np.asarray(self.row_upper) + tolerance))

    def _relaxed_bound(self, weights: np.ndarray, deadline: float | None) -> int | None:
        """The LP relaxation's optimum rounded down (an interior point method is far faster here
        than simplex on these degenerate models); None when it does not finish."""
        solver = self._run(weights, deadline, None, relaxation=True)
        if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return int(np.floor(solver.getInfo().objective_function_value + 1e-6))

    def _start_vector(self, start: np.ndarray | None) -> np.ndarray | None:
        """The plan to start from: ``start``, else the last stage's with new columns at 0."""
        if start is not None:
            return np.asarray(start, dtype=float)
        if self._solution is None:
            return None
        return np.asarray([*self._solution, *self.start[len(self._solution):]], dtype=float)

    def _run(self, weights: np.ndarray, deadline: float | None, begin: np.ndarray | None,
             relaxation: bool = False, max_nodes: int | None = None) -> highspy.Highs:
        """HiGHS run on the model with ``weights``, from ``begin``."""
        solver = self._build()
        columns = np.arange(len(self.lower), dtype=np.int32)
        solver.changeColsCost(len(columns), columns, weights)
        if deadline is not None:
            solver.setOptionValue("time_limit", max(deadline - time.perf_counter(), 0.05))
        if max_nodes is not None:
            solver.setOptionValue("mip_max_nodes", max_nodes)
        if relaxation:
            solver.setOptionValue("solve_relaxation", True)
            solver.setOptionValue("solver", "ipm")
        elif begin is not None:
            plan = highspy.HighsSolution()
            plan.col_value = list(begin)
            plan.value_valid = True
            solver.setSolution(plan)
        solver.run()
        return solver

    def solution(self) -> np.ndarray:
        """The values of the last stage's plan."""
        if self._solution is None:
            return np.zeros(len(self.lower))
        return self._solution
