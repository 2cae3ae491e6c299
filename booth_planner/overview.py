"""An event's key figures, as the home page shows them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from booth_planner.core.model import EventState
from booth_planner.core.regions import province_code
from booth_planner.core.text import natural_key


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
        provinces_applying=len({province_code(code) for code in applying}),
        provinces_covered=len({province_code(code) for code in covered}),
        sample_data=any(sample_mark in a.name for a in state.applicants),
    )


COUNT_KINDS = ("booths", "assigned", "free", "blocked")


def booth_counts(state: EventState) -> dict[str, dict[str, int]]:
    """Per hall, in the event's hall order: booths, and how many are assigned, free, blocked.

    The one count of booths every page and download shows (a blocked booth is never free).
    """
    assigned = {a.booth_id for a in state.assignments}
    counts = {hall: dict.fromkeys(COUNT_KINDS, 0) for hall in state.halls}
    for booth in state.booths:
        row = counts.setdefault(booth.hall, dict.fromkeys(COUNT_KINDS, 0))
        row["booths"] += 1
        row["blocked" if booth.is_blocked else "assigned" if booth.booth_id in assigned
            else "free"] += 1
    return counts


def hall_overview(state: EventState) -> list[dict[str, object]]:
    """Per hall: booths, assigned, free and blocked, in the event's hall order."""
    return [{"hall": hall, **row} for hall, row in booth_counts(state).items()]


def hall_counts(state: EventState) -> pd.DataFrame:
    """Booths per hall that has booths: total, assigned, free and blocked, halls in natural order."""
    counts = {hall: row for hall, row in booth_counts(state).items() if row["booths"]}
    return pd.DataFrame([{"hall": h, **counts[h]} for h in sorted(counts, key=natural_key)],
                        columns=["hall", *COUNT_KINDS])
