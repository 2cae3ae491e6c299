"""An event's key figures, as the home page shows them."""

from __future__ import annotations

from dataclasses import dataclass

from booth_planner.core.model import EventState
from booth_planner.coverage import RegionCounts, region_counts
from booth_planner.occupancy import booth_counts


@dataclass(frozen=True)
class EventOverview:
    """Counts of booths, applicants and regions for one event."""

    booths: int
    assigned: int
    free: int
    blocked: int
    applicants: int
    applicants_placed: int
    regions: RegionCounts
    sample_data: bool


def event_overview(state: EventState, sample_mark: str = "[contoh]") -> EventOverview:
    """The event's key figures; regions as coverage.region_counts defines them."""
    assigned_booths = {a.booth_id for a in state.assignments}
    placed = {a.applicant_id for a in state.assignments}
    blocked = sum(1 for b in state.booths if b.is_blocked)
    return EventOverview(
        booths=len(state.booths),
        assigned=len(assigned_booths),
        free=len(state.booths) - len(assigned_booths) - blocked,
        blocked=blocked,
        applicants=len(state.applicants),
        applicants_placed=len(placed),
        regions=region_counts(state),
        sample_data=any(sample_mark in a.name for a in state.applicants),
    )


def hall_overview(state: EventState) -> list[dict[str, object]]:
    """Per hall: booths, assigned, free and blocked, in the event's hall order."""
    return [{"hall": hall, **row} for hall, row in booth_counts(state).items()]
