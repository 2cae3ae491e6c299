"""Allocation preview tables: what a run keeps, booths changing, who loses, who is unplaced."""

import pytest

from booth_planner.allocation import allocate, diff_allocations
from booth_planner.allocation.tables import (
    KEEP_HAND_PLACED,
    KEEP_LOCKED,
    changed_booths_frame,
    history_details,
    history_summary,
    kept_assignments,
    losing_frame,
    unplaced_frame,
    untouched_booths,
)
from booth_planner.core.model import Applicant, Assignment, Booth, EventInfo, EventState

BOOTHS = (Booth("A-01", "Hall A", 0, 0), Booth("A-02", "Hall A", 3, 0),
          Booth("A-03", "Hall A", 6, 0, zone="kuliner"))
APPLICANTS = (Applicant("P-1", "Tenun Toba", "12.12", "tenun"),
              Applicant("P-2", "Ulos Samosir", "12.17", "tenun"),
              Applicant("P-3", "Kopi Sidikalang", "12.11", "kuliner"),
              Applicant("P-4", "Tenun Toba Dua", "12.12", "tenun"))
STATE = EventState(
    event=EventInfo(id=1, slug="e", name="E"), booths=BOOTHS, applicants=APPLICANTS,
    assignments=(Assignment("A-01", "P-4", source="auto"),
                 Assignment("A-02", "P-1", source="manual"),
                 Assignment("A-03", "P-3", locked=True, source="import")),
)


def test_locked_only_keeps_nothing_beyond_the_locks():
    assert kept_assignments(STATE, KEEP_LOCKED) == ()
    assert untouched_booths(STATE, ()) == ("A-03",)


def test_hand_placed_keeps_every_booth_not_placed_automatically():
    kept = kept_assignments(STATE, KEEP_HAND_PLACED)
    assert [a.booth_id for a in kept] == ["A-02", "A-03"]
    assert untouched_booths(STATE, kept) == ("A-02", "A-03")
    with pytest.raises(ValueError):
        kept_assignments(STATE, "everything")


def test_tables_from_a_real_run():
    result = allocate(BOOTHS, APPLICANTS, keep=kept_assignments(STATE, KEEP_HAND_PLACED))
    diff = diff_allocations(STATE.assignments, result.assignments, APPLICANTS)
    changed = changed_booths_frame(STATE, diff)
    # Coverage first: P-2's region (12.17) is not yet represented, P-4's (12.12) is, by P-1.
    assert changed.values.tolist() == [["A-01", "Hall A", "P-4 · Tenun Toba Dua",
                                        "P-2 · Ulos Samosir"]]
    assert losing_frame(STATE, diff).values.tolist() == [
        ["P-4", "Tenun Toba Dua", "Kabupaten Toba (12.12)", "A-01"]]
    unplaced = unplaced_frame(STATE, result.unplaced)
    assert unplaced[["applicant_id", "category", "booths_requested", "reason_code"]].values.tolist() \
        == [["P-4", "tenun", 1, "CAPACITY"]]
    assert unplaced.loc[0, "reason"]
    assert history_summary(result, diff) == "pavilion: 3/3 regions, 3/4 applicants, 1 booths changed"


def test_history_details_keep_the_run_figures():
    result = allocate(BOOTHS, APPLICANTS)
    diff = diff_allocations(STATE.assignments, result.assignments, APPLICANTS)
    details = history_details(result, diff)
    assert details == {"mode": "pavilion", "regions_covered": 3, "regions_applying": 3,
                       "applicants_placed": 3, "applicants": 4,
                       "booths_changed": len(diff.changed_booths), "proven_optimal": True}
