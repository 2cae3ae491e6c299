"""The allocation's preference for produk unggulan, as a priority the engine already honours.

With the event's option on, an applicant bringing a product that matches a registry entry of
its own region gets ``FLAGSHIP_BONUS`` more priority for the run (never stored). Coverage still
comes first (SPEC 3), so every region keeps its chance at a booth; where two applicants of a
region compete for its booths, the one with the produk unggulan is preferred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from booth_planner.core.model import Applicant
from booth_planner.registry.entries import Entry
from booth_planner.registry.matching import match_in_region

FLAGSHIP_BONUS = 1


@dataclass(frozen=True)
class Favoured:
    """The applicants as the run sees them, and which of them got the bonus."""

    applicants: tuple[Applicant, ...]
    flagship_ids: frozenset[str]


def favour_flagship(applicants: Sequence[Applicant], entries: Sequence[Entry]) -> Favoured:
    """``applicants`` with the bonus added for those bringing their region's produk unggulan."""
    flagship = frozenset(a.applicant_id for a in applicants
                         if match_in_region(a.product, a.region_code, entries))
    return Favoured(tuple(replace(a, priority=a.priority + FLAGSHIP_BONUS)
                          if a.applicant_id in flagship else a for a in applicants), flagship)
