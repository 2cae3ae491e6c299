"""The automatic-allocation preview without Streamlit: what to keep, and the tables to show.

The difference itself comes from :func:`booth_planner.allocation.diff_allocations`; this module
only chooses the assignments a run keeps and turns results into tables an organizer reads.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from booth_planner.allocation import AllocationDiff, AllocationResult
from booth_planner.core.model import Assignment, EventState, Unplaced
from booth_planner.core.regions import code_label
from booth_planner.coverage import booths_by_applicant

KEEP_LOCKED = "locked"
KEEP_HAND_PLACED = "hand_placed"
KEEP_CHOICES = (KEEP_LOCKED, KEEP_HAND_PLACED)
AUTO_SOURCE = "auto"
CHANGE_COLUMNS = ("booth_id", "hall", "before", "after")
LOSING_COLUMNS = ("applicant_id", "name", "region", "booths")
UNPLACED_COLUMNS = ("applicant_id", "name", "region", "category", "booths_requested",
                    "reason_code", "reason")
# Shown on the page: the reason in words only; the frame keeps SPEC's code for files and tests.
SHOWN_UNPLACED_COLUMNS = tuple(c for c in UNPLACED_COLUMNS if c != "reason_code")


def kept_assignments(state: EventState, choice: str) -> tuple[Assignment, ...]:
    """The assignments a run must leave as they are.

    ``locked``: none beyond the locks, which the engine keeps anyway (they travel with the
    applicants). ``hand_placed``: every booth not placed by an earlier automatic run.
    """
    if choice not in KEEP_CHOICES:
        raise ValueError(f"keep must be one of {KEEP_CHOICES}, not {choice!r}")
    if choice == KEEP_LOCKED:
        return ()
    return tuple(a for a in state.assignments if a.locked or a.source != AUTO_SOURCE)


def untouched_booths(state: EventState, kept: Iterable[Assignment]) -> tuple[str, ...]:
    """Booths the apply step leaves alone: the kept ones and every locked one."""
    return tuple(sorted({a.booth_id for a in kept}
                        | {a.booth_id for a in state.assignments if a.locked}))


def _who(state: EventState, applicant_id: str | None) -> str:
    """``P-003 · Tenun Toba``; empty for a free booth."""
    if not applicant_id:
        return ""
    applicant = state.applicant_by_id().get(applicant_id)
    return f"{applicant_id} · {applicant.name}" if applicant else applicant_id


def changed_booths_frame(state: EventState, diff: AllocationDiff) -> pd.DataFrame:
    """Booths whose holder the run changes: hall, holder before and after."""
    hall_of = {b.booth_id: b.hall for b in state.booths}
    rows = [{"booth_id": c.booth_id, "hall": hall_of.get(c.booth_id, ""),
             "before": _who(state, c.before), "after": _who(state, c.after)}
            for c in diff.changed_booths]
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


def losing_frame(state: EventState, diff: AllocationDiff) -> pd.DataFrame:
    """Applicants who hold booths now and would hold none after the run."""
    by_id = state.applicant_by_id()
    held = booths_by_applicant(state)
    rows = [{"applicant_id": aid, "name": by_id[aid].name if aid in by_id else "",
             "region": code_label(by_id[aid].region_code) if aid in by_id else "",
             "booths": ", ".join(held.get(aid, ()))}
            for aid in diff.losing]
    return pd.DataFrame(rows, columns=list(LOSING_COLUMNS))


def unplaced_frame(state: EventState, unplaced: Iterable[Unplaced]) -> pd.DataFrame:
    """Applicants left without booths, with the reason code and the reason in words."""
    by_id = state.applicant_by_id()
    rows = []
    for item in unplaced:
        applicant = by_id.get(item.applicant_id)
        rows.append({
            "applicant_id": item.applicant_id, "name": applicant.name if applicant else "",
            "region": code_label(applicant.region_code) if applicant else "",
            "category": applicant.category if applicant else "",
            "booths_requested": applicant.booths_requested if applicant else None,
            "reason_code": item.reason_code, "reason": item.reason,
        })
    return pd.DataFrame(rows, columns=list(UNPLACED_COLUMNS))


def history_summary(result: AllocationResult, diff: AllocationDiff) -> str:
    """A language-neutral line for the change history: mode, coverage, applicants, booths."""
    s = result.stats
    return (f"{s.mode}: {s.regions_covered}/{s.regions_applying} regions, "
            f"{s.applicants_placed}/{s.applicants} applicants, "
            f"{len(diff.changed_booths)} booths changed")


def history_details(result: AllocationResult, diff: AllocationDiff) -> dict[str, object]:
    """The run's figures kept with its history entry, so the history can say them in words."""
    s = result.stats
    return {"mode": s.mode, "regions_covered": s.regions_covered,
            "regions_applying": s.regions_applying, "applicants_placed": s.applicants_placed,
            "applicants": s.applicants, "booths_changed": len(diff.changed_booths),
            "proven_optimal": s.proven_optimal}
