"""Applicants that are interchangeable for the objectives, counted instead of named.

Applicants of one region, category, size and priority score the same wherever they stand, so
the exact model (exact.py) decides how many of each such demand are placed, which keeps it small
at national scale; submission order then says which members.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


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
