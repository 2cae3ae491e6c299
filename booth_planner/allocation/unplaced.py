"""Why applicants without a booth have none, for the plan as it stands (edited by hand or not)."""

from __future__ import annotations

from booth_planner.allocation.placement import build_floor, largest_groups
from booth_planner.allocation.reasons import ReasonFinder, explain_all
from booth_planner.core.i18n import t
from booth_planner.core.model import EventState, Unplaced
from booth_planner.lifecycle.allocation import split_by_status

NOT_ALLOCATED = "NOT_ALLOCATED"


def unplaced_reasons(state: EventState, lang: str = "id") -> tuple[Unplaced, ...]:
    """Why each applicant without a booth has none, judged against the current booth plan.

    Uses the allocation's own reason finder (every unblocked booth is one the applicant could ever
    use; unassigned ones are free), so a plan edited by hand gets the same words as a run. An
    applicant that a free group of booths would still fit gets ``NOT_ALLOCATED``: none of SPEC's
    three codes is true of it yet (the command line never produces it, as it always allocates).
    """
    # Applicants that are not accepted are never allocated (SPEC 2): NOT_ACCEPTED, whatever
    # booths are free. A non-accepted applicant holding a booth by hand is not "unplaced".
    held = {a.applicant_id for a in state.assignments}
    waiting, not_accepted = split_by_status(
        [a for a in state.applicants if a.applicant_id not in held], lang)
    usable = {b.booth_id for b in state.booths if not b.is_blocked}
    free = usable - {a.booth_id for a in state.assignments}
    holder_of_region: dict[str, str] = {}
    for applicant in state.applicants:
        if applicant.applicant_id in held:
            holder_of_region.setdefault(applicant.region_code, applicant.applicant_id)
    floor = build_floor(state.booths)
    finder = ReasonFinder(floor, usable, free, holder_of_region,
                          {a.applicant_id: a.name for a in state.applicants}, lang)
    fits: dict[str, int] = {}  # largest free group per category, computed once each
    reasons = []
    for applicant, reason in zip(waiting, explain_all(finder, waiting), strict=True):
        category = applicant.category.strip().casefold()
        if category not in fits:
            fits[category] = max(largest_groups(floor, free, category).values(), default=0)
        if fits[category] >= applicant.booths_requested:
            reason = Unplaced(applicant.applicant_id, NOT_ALLOCATED,
                              t("export.reason.not_allocated", lang,
                                size=applicant.booths_requested, category=applicant.category))
        reasons.append(reason)
    return (*reasons, *not_accepted)
