"""Permanent galleries: members rotate through the spaces period by period, fairly (SPEC 5).

``plan_rotation(spaces, members, periods, max_consecutive=1)`` returns a ``RotationResult``.
"""

from booth_planner.rotation.model import Member, Period, RotationResult, RotationStats, Turn
from booth_planner.rotation.periods import generate_periods, read_periods
from booth_planner.rotation.planner import RotationInputError, plan_rotation

__all__ = [
    "Member", "Period", "RotationInputError", "RotationResult", "RotationStats", "Turn",
    "generate_periods", "plan_rotation", "read_periods",
]
