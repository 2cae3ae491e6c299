"""How the booths of an event are taken: per hall, how many are assigned, free and blocked."""

from __future__ import annotations

import pandas as pd

from booth_planner.core.model import EventState
from booth_planner.core.text import natural_key

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


def hall_counts(state: EventState) -> pd.DataFrame:
    """Booths per hall that has booths: total, assigned, free and blocked, halls in natural order."""
    counts = {hall: row for hall, row in booth_counts(state).items() if row["booths"]}
    return pd.DataFrame([{"hall": h, **counts[h]} for h in sorted(counts, key=natural_key)],
                        columns=["hall", *COUNT_KINDS])
