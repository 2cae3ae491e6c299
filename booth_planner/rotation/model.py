"""The gallery's plain values: periods, members, turns and the result of a rotation plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from booth_planner.core.model import Applicant, Unplaced

DEFAULT_MAX_CONSECUTIVE = 1
ROTATION_REASONS = ("NO_COMPATIBLE_BOOTH", "NO_ADJACENT_GROUP", "UNAVAILABLE", "CAPACITY")


@dataclass(frozen=True, slots=True)
class Period:
    """One period of the gallery (SPEC 5, periods.csv), both dates included."""

    period_id: str
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Member:
    """A gallery member: an applicant with the periods it cannot take and its earlier turns."""

    applicant: Applicant
    unavailable_periods: frozenset[str] = frozenset()
    turns_before: int = 0

    @property
    def applicant_id(self) -> str:
        """The member's applicant_id."""
        return self.applicant.applicant_id

    @property
    def is_permanent(self) -> bool:
        """True for a permanent tenant: it keeps its locked spaces in every period."""
        return bool(self.applicant.locked_booth_ids)


@dataclass(frozen=True, slots=True)
class Turn:
    """A member's spaces in one period."""

    period_id: str
    applicant_id: str
    booth_ids: tuple[str, ...]
    locked: bool = False


@dataclass(frozen=True, slots=True)
class RotationStats:
    """What the plan achieved per objective, the bounds that prove it, and the time taken."""

    members: int
    members_counted: int
    periods: int
    min_total: int
    min_total_bound: int
    at_min: int
    at_min_bound: int
    max_total: int
    no_turn: int
    regions_shown: int
    regions_bound: int
    priority: int
    priority_bound: int
    proven_optimal: bool
    time_limited: bool
    seconds: float

    @property
    def regions_per_period(self) -> float:
        """Distinct regions shown per period, on average."""
        return self.regions_shown / self.periods if self.periods else 0.0


@dataclass(frozen=True)
class RotationResult:
    """Every turn (in period order, then by space), why members got none, and the figures."""

    turns: tuple[Turn, ...]
    no_turn: tuple[Unplaced, ...]
    stats: RotationStats
    totals: dict[str, int] = field(default_factory=dict)
