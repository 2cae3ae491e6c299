"""Allocation works on accepted applicants; the unplaced accepted ones go to the waitlist."""

from booth_planner.core.model import Applicant, Assignment, EventInfo, EventState, Unplaced
from booth_planner.lifecycle.allocation import allocation_applicants, waitlist_reasons


def _state() -> EventState:
    return EventState(EventInfo(1, "e", "E"), (), (
        Applicant("OLD", "o", "12.01", "x"), Applicant("NEW", "n", "12.02", "x", status="diajukan"),
        Applicant("NO", "d", "12.03", "x", status="ditolak"),
        Applicant("W", "w", "12.04", "x", status="daftar_tunggu")))


def test_accepted_only_unless_a_draft():
    assert [a.applicant_id for a in allocation_applicants(_state())] == ["OLD"]
    draft = allocation_applicants(_state(), include_submitted=True)
    assert [a.applicant_id for a in draft] == ["OLD", "NEW"]


def test_a_kept_booths_holder_takes_part():
    kept = [Assignment("A-1", "W")]
    assert [a.applicant_id for a in allocation_applicants(_state(), kept)] == ["OLD", "W"]


def test_only_accepted_unplaced_are_waitlisted():
    unplaced = [Unplaced("OLD", "CAPACITY", "no booth left"), Unplaced("NEW", "CAPACITY", "x")]
    assert waitlist_reasons(_state(), unplaced) == {"OLD": "no booth left"}
