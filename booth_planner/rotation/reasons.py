"""Why a member got no turn, in the organizer's words (SPEC 5, ledger.csv)."""

from __future__ import annotations

from collections.abc import Sequence

from booth_planner.core.i18n import t
from booth_planner.core.model import Unplaced


def explain_no_turn(builder, missing: Sequence, lang: str) -> tuple[Unplaced, ...]:
    """The reason code and sentence for each member (a planner ``_Need``) left without turns."""
    found = []
    periods = builder.periods
    for need in missing:
        member = need.member
        applicant = member.applicant
        usable = builder.floor.usable_for(applicant.category)
        can_take = [p for p in periods if p.period_id not in member.unavailable_periods]
        had_option = any((member.applicant_id, i) in builder.cols for i in range(len(periods)))
        values = {"category": applicant.category, "size": applicant.booths_requested,
                  "count": len(usable), "periods": len(periods)}
        if not usable:
            code, key = "NO_COMPATIBLE_BOOTH", "rotation.reason.no_compatible_booth"
        elif applicant.booths_requested > 1 and not need.groups:
            code, key = "NO_ADJACENT_GROUP", "rotation.reason.no_adjacent_group"
        elif not can_take:
            code, key = "UNAVAILABLE", "rotation.reason.unavailable"
        elif not had_option:
            code, key = "NO_COMPATIBLE_BOOTH", "rotation.reason.held_by_tenants"
        else:
            code, key = "CAPACITY", "rotation.reason.capacity"
        found.append(Unplaced(member.applicant_id, code, t(key, lang, **values)))
    return tuple(found)
