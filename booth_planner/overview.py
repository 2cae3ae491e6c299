"""An event's key figures, as the home page shows them."""

from __future__ import annotations

from dataclasses import dataclass

from booth_planner.core.model import EventState


@dataclass(frozen=True)
class EventOverview:
    """Counts of booths, applicants and regions for one event."""

    booths: int
    assigned: int
    free: int
    blocked: int
    applicants: int
    applicants_placed: int
    regions_applying: int
    regions_covered: int
    provinces_applying: int
    provinces_covered: int
    sample_data: bool


def event_overview(state: EventState, sample_mark: str = "[contoh]") -> EventOverview:
    """The event's key figures; a region counts as covered when one applicant of it is placed."""
    assigned_booths = {a.booth_id for a in state.assignments}
    placed = {a.applicant_id for a in state.assignments}
    blocked = sum(1 for b in state.booths if b.is_blocked)
    applying = {a.region_code for a in state.applicants}
    covered = {a.region_code for a in state.applicants if a.applicant_id in placed}
    return EventOverview(
        booths=len(state.booths),
        assigned=len(assigned_booths),
        free=len(state.booths) - len(assigned_booths) - blocked,
        blocked=blocked,
        applicants=len(state.applicants),
        applicants_placed=len(placed),
        regions_applying=len(applying),
        regions_covered=len(covered),
        provinces_applying=len({code[:2] for code in applying}),
        provinces_covered=len({code[:2] for code in covered}),
        sample_data=any(sample_mark in a.name for a in state.applicants),
    )


def hall_overview(state: EventState) -> list[dict[str, object]]:
    """Per hall: booths, assigned, free and blocked, in the event's hall order."""
    assigned = {a.booth_id for a in state.assignments}
    rows = {hall: {"hall": hall, "booths": 0, "assigned": 0, "free": 0, "blocked": 0}
            for hall in state.halls}
    for booth in state.booths:
        row = rows.setdefault(booth.hall, {"hall": booth.hall, "booths": 0, "assigned": 0,
                                           "free": 0, "blocked": 0})
        row["booths"] += 1
        key = "blocked" if booth.is_blocked else "assigned" if booth.booth_id in assigned else "free"
        row[key] += 1
    return list(rows.values())
