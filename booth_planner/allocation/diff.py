"""What a new allocation would change, shown before anything is written."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from booth_planner.core.model import Applicant, Assignment


@dataclass(frozen=True, slots=True)
class BoothChange:
    """A booth whose holder changes; None means free."""

    booth_id: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class AllocationDiff:
    """Booths that change hands, applicants who lose, gain or move, and coverage before/after."""

    changed_booths: tuple[BoothChange, ...]
    losing: tuple[str, ...]
    gaining: tuple[str, ...]
    moving: tuple[str, ...]
    coverage_before: int | None
    coverage_after: int | None
    regions_lost: tuple[str, ...]
    regions_gained: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        """True when the new allocation is the same as the old one."""
        return not self.changed_booths


def _booths_of(assignments: Iterable[Assignment]) -> dict[str, set[str]]:
    """Applicant -> the booths it holds."""
    held: dict[str, set[str]] = defaultdict(set)
    for assignment in assignments:
        held[assignment.applicant_id].add(assignment.booth_id)
    return held


def diff_allocations(
    before: Iterable[Assignment], after: Iterable[Assignment],
    applicants: Iterable[Applicant] | None = None,
) -> AllocationDiff:
    """The difference between two allocations; coverage only when ``applicants`` are given."""
    before, after = tuple(before), tuple(after)
    holder_before = {a.booth_id: a.applicant_id for a in before}
    holder_after = {a.booth_id: a.applicant_id for a in after}
    changed = tuple(
        BoothChange(b, holder_before.get(b), holder_after.get(b))
        for b in sorted(holder_before.keys() | holder_after.keys())
        if holder_before.get(b) != holder_after.get(b)
    )
    held_before, held_after = _booths_of(before), _booths_of(after)
    losing = tuple(sorted(aid for aid in held_before if aid not in held_after))
    gaining = tuple(sorted(aid for aid in held_after if aid not in held_before))
    moving = tuple(sorted(aid for aid in held_before
                          if aid in held_after and held_before[aid] != held_after[aid]))
    if applicants is None:
        return AllocationDiff(changed, losing, gaining, moving, None, None, (), ())
    region_of = {a.applicant_id: a.region_code for a in applicants}
    regions_before = {region_of[aid] for aid in held_before if aid in region_of}
    regions_after = {region_of[aid] for aid in held_after if aid in region_of}
    return AllocationDiff(
        changed, losing, gaining, moving, len(regions_before), len(regions_after),
        tuple(sorted(regions_before - regions_after)), tuple(sorted(regions_after - regions_before)),
    )
