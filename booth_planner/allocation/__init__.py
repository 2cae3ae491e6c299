"""Automatic booth allocation (SPEC section 3): coverage, then priority, then layout.

``allocate(booths, applicants, mode="pavilion", keep=(), time_limit=None)`` returns an
``AllocationResult``; ``diff_allocations(before, after, applicants)`` previews what it changes.
"""

from booth_planner.allocation.diff import AllocationDiff, BoothChange, diff_allocations
from booth_planner.allocation.engine import AllocationResult, AllocationStats, allocate
from booth_planner.allocation.locks import LockError, LockProblem

__all__ = [
    "AllocationDiff",
    "AllocationResult",
    "AllocationStats",
    "BoothChange",
    "LockError",
    "LockProblem",
    "allocate",
    "diff_allocations",
]
