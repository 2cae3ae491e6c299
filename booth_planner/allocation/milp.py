"""A small 0/1 and integer model handed to HiGHS in one piece, solved silently and repeatably."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np

# Fixed seed and one thread: the same input must give the same plan on every machine.
RANDOM_SEED = 20260522
INFINITY = highspy.kHighsInf
_banner_done = False


def new_solver() -> highspy.Highs:
    """A HiGHS instance whose start-up banner does not reach stdout (it is printed once per
    process by the C++ constructor, before any option can silence it)."""
    global _banner_done
    if _banner_done:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as sink:
            os.dup2(sink.fileno(), 1)
            solver = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _banner_done = True
    return solver


@dataclass(frozen=True, slots=True)
class Outcome:
    """One solve: the values, the incumbent, a proven bound on the optimum, and whether equal."""

    values: np.ndarray
    objective: int
    bound: int
    proven: bool


class Model:
    """Columns and rows collected in plain lists, handed to HiGHS in one piece."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.entries: list[tuple[int, int, float]] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []

    def column(self, upper: float, lower: float = 0.0) -> int:
        """A new integer variable in [lower, upper]; its index."""
        self.lower.append(float(lower))
        self.upper.append(float(upper))
        return len(self.lower) - 1

    def row(self, terms: Sequence[tuple[int, float]], lower: float, upper: float) -> int:
        """A new constraint lower <= sum(coef * var) <= upper; its index."""
        index = len(self.row_lower)
        merged: dict[int, float] = {}
        for col, coef in terms:
            merged[col] = merged.get(col, 0.0) + coef
        self.entries.extend((index, col, coef) for col, coef in merged.items())
        self.row_lower.append(float(lower))
        self.row_upper.append(float(upper))
        return index

    def _highs(self, cost: np.ndarray, time_limit: float | None, integral: bool) -> highspy.Highs:
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
        if integral:
            lp.integrality_ = [highspy.HighsVarType.kInteger] * lp.num_col_
        solver = new_solver()
        solver.setOptionValue("output_flag", False)
        solver.setOptionValue("random_seed", RANDOM_SEED)
        solver.setOptionValue("threads", 1)
        solver.setOptionValue("presolve", "off")
        solver.setOptionValue("mip_rel_gap", 0.0)
        # Objectives are whole numbers: a gap below one proves the incumbent optimal.
        solver.setOptionValue("mip_abs_gap", 0.5)
        if time_limit is not None:
            solver.setOptionValue("time_limit", max(float(time_limit), 0.01))
        if solver.passModel(lp) == highspy.HighsStatus.kError:
            raise RuntimeError("HiGHS refused the model")
        return solver

    def maximise(self, cost: np.ndarray, time_limit: float | None = None) -> Outcome:
        """Maximise ``cost`` over the integer points: the incumbent and a proven bound."""
        if not self.lower:
            return Outcome(np.zeros(0), 0, 0, True)
        solver = self._highs(cost, time_limit, integral=True)
        solver.run()
        status = solver.getModelStatus()
        info = solver.getInfo()
        values = np.asarray(solver.getSolution().col_value)
        if status == highspy.HighsModelStatus.kInfeasible:
            return Outcome(np.zeros(0), 0, -1, True)
        if status == highspy.HighsModelStatus.kOptimal:
            objective = int(round(float(cost @ values)))
            return Outcome(values, objective, objective, True)
        if len(values) != len(cost) or info.primal_solution_status == 0:
            values = np.zeros(0)
        objective = int(round(float(cost @ values))) if len(values) else -1
        bound = info.mip_dual_bound
        bound = int(np.floor(bound + 1e-6)) if np.isfinite(bound) else int(np.ceil(cost.clip(0).sum()))
        return Outcome(values, objective, max(bound, objective), False)

    def relaxed_bound(self, cost: np.ndarray) -> int:
        """A bound from the linear relaxation (quick, valid even when the integer solve is cut)."""
        if not self.lower:
            return 0
        solver = self._highs(cost, None, integral=False)
        solver.run()
        if solver.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
            return -1
        value = solver.getInfo().objective_function_value
        return int(np.floor(value + 1e-6))
