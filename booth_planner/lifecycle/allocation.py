"""Which applicants an automatic allocation works on, and what becomes of those it leaves out."""

from __future__ import annotations

from collections.abc import Iterable

from booth_planner.core.i18n import t
from booth_planner.core.model import Applicant, Assignment, EventState, Unplaced
from booth_planner.lifecycle.status import ACCEPTED, ALLOCATED, DRAFT_ALLOCATED, effective


def allocation_applicants(state: EventState, kept: Iterable[Assignment] = (), *,
                          include_submitted: bool = False) -> tuple[Applicant, ...]:
    """The accepted applicants (with the submitted ones for a draft), and any holding kept booths.

    A kept booth stays with its holder whatever its status (an open offer to a waitlisted
    applicant, say), so that holder takes part in the run too.
    """
    statuses = set(DRAFT_ALLOCATED if include_submitted else ALLOCATED)
    keeping = {a.applicant_id for a in kept}
    return tuple(a for a in state.applicants
                 if effective(a.status) in statuses or a.applicant_id in keeping)


def waitlist_reasons(state: EventState, unplaced: Iterable[Unplaced]) -> dict[str, str]:
    """The accepted applicants a run could not place, each with the run's reason.

    Only accepted ones move to the waitlist: a submitted applicant in a draft run stays
    submitted (it has not passed curation yet).
    """
    status = {a.applicant_id: effective(a.status) for a in state.applicants}
    return {u.applicant_id: u.reason for u in unplaced if status.get(u.applicant_id) == ACCEPTED}


NOT_ACCEPTED = "NOT_ACCEPTED"


def split_by_status(applicants: Iterable[Applicant], lang: str = "id"
                    ) -> tuple[list[Applicant], list[Unplaced]]:
    """The applicants an allocation takes (accepted, SPEC 2), and the others as unplaced with
    reason NOT_ACCEPTED, naming their status."""
    taken: list[Applicant] = []
    left: list[Applicant] = []
    for applicant in applicants:
        (taken if effective(applicant.status) in ALLOCATED else left).append(applicant)
    return taken, [Unplaced(a.applicant_id, NOT_ACCEPTED, t(
        "allocation.reason.not_accepted", lang,
        status=t(f"lifecycle.status.{effective(a.status)}", lang))) for a in left]
