"""Turns before a new plan, taken from the gallery's earlier roster.

When a gallery lays out new periods, the turns its members had in the periods being replaced
that ended before the first new period starts have happened: they count as turns before the new
plan (SPEC 5: fairness counts earlier turns), so last year's regulars do not start level with
those who waited. Replaced periods that overlap or follow the new ones were only a plan and
count for nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from booth_planner.rotation.model import Member, Period, Turn


@dataclass(frozen=True)
class Carried:
    """Members with their earlier turns added, and what was counted."""

    members: tuple[Member, ...]
    periods_counted: tuple[str, ...]  # replaced periods whose turns now count as before
    turns_counted: int


def carry_earlier_turns(members: Sequence[Member], old_periods: Sequence[Period],
                        old_turns: Sequence[Turn], new_periods: Sequence[Period]) -> Carried:
    """``members`` with the turns of old periods ending before ``new_periods`` start added."""
    if not new_periods:
        return Carried(tuple(members), (), 0)
    first_start = min(p.start for p in new_periods)
    kept = {p.period_id for p in new_periods}
    past = [p for p in old_periods if p.end < first_start and p.period_id not in kept]
    past_ids = {p.period_id for p in past}
    earlier = Counter(t.applicant_id for t in old_turns
                      if t.period_id in past_ids and not t.locked)  # a tenant's fixed space
    members_out = tuple(replace(m, turns_before=m.turns_before + earlier[m.applicant_id])
                        if earlier[m.applicant_id] else m for m in members)
    return Carried(members_out, tuple(p.period_id for p in sorted(past, key=lambda p: p.start)),
                   sum(earlier[m.applicant_id] for m in members))
